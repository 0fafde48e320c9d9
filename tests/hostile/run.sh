#!/bin/sh
# run.sh - runs one hostile-input case, tests/hostile/NAME.hcase: mot on an
# input built to hurt it must end with the documented exit code and a
# clear message, in bounded time and memory, and never crash. Lines:
#   setup: SHELL   run first in $W, a fresh folder (may repeat)
#   env: VAR=VALUE exported for mot (may repeat)
#   args: ARGS     mot's arguments, run in $W (shell words)
#   stdin: FILE    standard input (default /dev/null)
#   exit: N        the exit status mot must return
#   stderr: RE     an extended regexp standard error must match (may repeat)
#   stdout: RE     the same for standard output
#   not: RE        must match neither output nor any file in $W/out
#   time: S        at most S seconds (default 10; more under sanitizers)
#   mem: MB        at most MB of memory (default 300; when measurable)
#   big: yes       skipped under valgrind (too slow there)
#   check: SHELL   run in $W afterwards; must succeed (may repeat)
#   needs: fault   skipped unless mot was built with fault injection
# In these, $W is the work folder, $DATA tests/data, $H tests/hostile/data,
# $HS tests/hostile, $MOT the program. Uses $MOT, $srcdir, $MOT_WRAPPER.
set -u
case_file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
HS=$srcdir/tests/hostile
H=$HS/data
base=$(basename "$case_file" .hcase)
W=$(mktemp -d "${TMPDIR:-/tmp}/mot-hostile.XXXXXX") || exit 99
trap 'rm -rf "$W"' EXIT
export MOT DATA H HS W

field() { sed -n "s/^$1: //p" "$case_file"; }
fail=0
bad() { echo "$base: $*"; fail=1; }

want_rc=$(field exit)
[ -n "$want_rc" ] || { echo "$base: no 'exit:' line"; exit 99; }
limit=$(field time); limit=${limit:-10}
mem=$(field mem); mem=${mem:-300}
stdin_file=$(field stdin); stdin_file=${stdin_file:-/dev/null}

# Sanitizers make mot slower and bigger; valgrind much more so.
if grep -q __asan_init "$MOT" 2>/dev/null; then
	limit=$((limit * 4)); mem=0
fi
if [ -n "${MOT_WRAPPER:-}" ]; then
	[ "$(field big)" = yes ] && { echo "$base: skipped under valgrind"; exit 77; }
	limit=$((limit * 40)); mem=0
fi

if [ "$(field needs)" = fault ] && ! grep -q MOT_FAULT_ALLOC "$MOT"; then
	echo "$base: needs ./configure --enable-fault-injection: skipped"
	exit 77
fi

cd "$W" || exit 99
mkdir out
field setup >"$W/.setup"
if [ -s "$W/.setup" ]; then
	sh -e "$W/.setup" >"$W/.setup.log" 2>&1 ||
	    { echo "$base: setup failed:"; cat "$W/.setup.log"; exit 99; }
fi
field env >"$W/.env"
args=$(field args)
timer=
if [ "$mem" != 0 ] && [ -x /usr/bin/time ]; then
	timer="/usr/bin/time -f %M -o $W/.rss"
fi
t0=$(date +%s%N)
# shellcheck disable=SC2086
(
	while IFS= read -r kv; do
		[ -n "$kv" ] && export "$kv"
	done <"$W/.env"
	eval "exec timeout -k 5 $limit $timer ${MOT_WRAPPER:-} \"\$MOT\" $args"
) <"$stdin_file" >"$W/.stdout" 2>"$W/.stderr"
rc=$?
t1=$(date +%s%N)

if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	bad "took more than $limit s"
elif [ "$rc" -ge 128 ]; then
	bad "killed by signal $((rc - 128))"
elif [ "$rc" = 99 ] && [ -n "${MOT_WRAPPER:-}" ]; then
	bad "valgrind reported errors"
elif [ "$rc" != "$want_rc" ]; then
	bad "exit status $rc, expected $want_rc"
fi
if grep -E -q 'Sanitizer|runtime error:|^==[0-9]+==' "$W/.stderr"; then
	bad "sanitizer or valgrind report"
fi
# The RSS line is the last of the file: mot's own output is not in it.
if [ -n "$timer" ] && [ -s "$W/.rss" ]; then
	rss=$(tail -n 1 "$W/.rss")
	case $rss in
	*[!0-9]*|'') ;;
	*) [ $((rss / 1024)) -le "$mem" ] ||
	    bad "used $((rss / 1024)) MB of memory, more than $mem";;
	esac
fi
field stderr >"$W/.re"
while IFS= read -r re; do
	grep -E -q -e "$re" "$W/.stderr" || bad "standard error lacks /$re/"
done <"$W/.re"
field stdout >"$W/.re"
while IFS= read -r re; do
	grep -E -q -e "$re" "$W/.stdout" || bad "standard output lacks /$re/"
done <"$W/.re"
field not >"$W/.re"
while IFS= read -r re; do
	for f in "$W/.stdout" "$W/.stderr" "$W"/out/* "$W"/out/*/*; do
		[ -f "$f" ] || continue
		grep -E -q -e "$re" "$f" && bad "$(basename "$f") matches /$re/"
	done
done <"$W/.re"
field check >"$W/.checks"
while IFS= read -r c; do
	(cd "$W" && sh -ec "$c") >"$W/.check.log" 2>&1 ||
	    { bad "check failed: $c"; cat "$W/.check.log"; }
done <"$W/.checks"
echo "$base: exit status $rc in $(( (t1 - t0) / 1000000 )) ms$(
    [ -s "$W/.rss" ] && echo ", $(( $(tail -n 1 "$W/.rss") / 1024 )) MB")"
if [ "$fail" != 0 ]; then
	echo "--- exit status $rc; standard error:"; head -c 2000 "$W/.stderr"
	echo "--- standard output:"; head -c 2000 "$W/.stdout"
fi
exit $fail
