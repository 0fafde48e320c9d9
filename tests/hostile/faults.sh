#!/bin/sh
# faults.sh - fault injection over a representative set of commands: with
# a mot built by ./configure --enable-fault-injection (and best with
# --enable-sanitizers), makes the Nth allocation, output write, fsync,
# rename or temporary file creation fail, for N = 1, 2, 3, ... until N
# passes the last such operation of the command. Every failure must end
# in a clean error: the documented exit code and message, no crash, no
# sanitizer or valgrind report, no temporary file left behind, and every
# report either as it was before the run or as a complete new one.
# MOT_FAULT_FULL=1 tries every N for allocations too (by default every N
# up to 150, then every 7th). Skips (77) without fault injection.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
SAMPLES=$srcdir/samples
if [ -n "${MOT_WRAPPER:-}" ]; then
	echo "thousands of runs are too many under valgrind: skipped"
	exit 77
fi
if ! grep -q MOT_FAULT_ALLOC "$MOT" 2>/dev/null; then
	echo "mot was built without --enable-fault-injection: skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-faults.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The commands: NAME|ARGS (run in $tmp/run; OUT is its output folder).
# A -o run over reports a previous run left, to see they survive.
cat >"$tmp/commands" <<EOC
validate|validate $DATA/hand.xml $DATA/hand-exp.xml
analyze-text|analyze -j1 -e $DATA/hand-exp.xml $DATA/hand.xml.gz
analyze-reports|analyze -j1 -e $DATA/hand-exp.xml -o OUT --by segment --charts none --format text,json,csv $DATA/hand.xml $DATA/attr.xml
analyze-xes|analyze -j1 -e $DATA/xes-exp.xml -o OUT --charts none --format json,csv $DATA/xes-small.xes
check|check -e $SAMPLES/shop/expectations.xml --baseline $tmp/base/report.json --junit OUT/junit.xml --json OUT/check.json $SAMPLES/shop/after.xml
EOC
"$MOT" analyze -q -j1 -e "$SAMPLES/shop/expectations.xml" -o "$tmp/base" \
    --charts none --format json "$SAMPLES/shop/before.xml" >/dev/null 2>&1 ||
    { echo "cannot make the baseline"; exit 99; }

# What a run writes when nothing fails: the "new" version of each file.
mkdir "$tmp/ref"
while IFS='|' read -r name args; do
	mkdir "$tmp/ref/$name"
	a=$(printf '%s' "$args" | sed "s|OUT|$tmp/ref/$name|g")
	# shellcheck disable=SC2086
	(cd "$tmp/ref/$name" && "$MOT" $a >stdout 2>stderr)
	echo $? >"$tmp/ref/$name.rc"
	rm -f "$tmp/ref/$name/stdout" "$tmp/ref/$name/stderr"
done <"$tmp/commands"

# One run with one fault: 0 when the fault happened, 1 when N is past the
# last operation of that kind, 2 on a failure (said).
one() {
	name=$1 args=$2 kind=$3 n=$4
	run=$tmp/run.$kind.$n
	rm -rf "$run"
	mkdir -p "$run/out"
	# The previous reports: the new ones, marked as old.
	for f in "$tmp/ref/$name"/*; do
		[ -f "$f" ] && { cat "$f"; echo old; } >"$run/out/$(basename "$f")"
	done
	cp -R "$run/out" "$run/prev"
	a=$(printf '%s' "$args" | sed "s|OUT|$run/out|g")
	# shellcheck disable=SC2086
	(cd "$run" && env "MOT_FAULT_$kind=$n" "$MOT" $a \
	    >stdout 2>stderr)
	rc=$?
	if ! grep -q "fault injected: MOT_FAULT_$kind=$n" "$run/stderr"; then
		if [ "$rc" != "$(cat "$tmp/ref/$name.rc")" ]; then
			bad "$name $kind=$n: no fault, yet exit status $rc"
			return 2
		fi
		rm -rf "$run"
		return 1
	fi
	st=0
	case $kind in
	ALLOC)	want="70"; msg="out of memory";;
	OPEN)	want="73"; msg="cannot create";;
	*)	want="74"; msg="write error";;
	esac
	if [ "$rc" -ge 128 ]; then
		bad "$name $kind=$n: killed by signal $((rc - 128))"; st=2
	elif [ "$rc" != "$want" ]; then
		bad "$name $kind=$n: exit status $rc, expected $want"; st=2
	elif ! grep -q "$msg" "$run/stderr"; then
		bad "$name $kind=$n: no \"$msg\" message"; st=2
	fi
	if grep -E -q 'Sanitizer|runtime error:|^==[0-9]+==' "$run/stderr"; then
		bad "$name $kind=$n: sanitizer or valgrind report:"
		head -n 30 "$run/stderr"
		st=2
	fi
	for g in "$run/out"/.[!.]* "$run/out"/*/.[!.]*; do
		[ -e "$g" ] || continue
		bad "$name $kind=$n: temporary file left: $(basename "$g")"
		st=2
	done
	mixed=0
	for g in "$run/out"/*; do
		[ -f "$g" ] || continue
		b=$(basename "$g")
		if [ -f "$run/prev/$b" ] && cmp -s "$g" "$run/prev/$b"; then
			:
		elif [ -f "$tmp/ref/$name/$b" ] && cmp -s "$g" "$tmp/ref/$name/$b"; then
			[ -f "$run/prev/$b" ] && mixed=1
		else
			bad "$name $kind=$n: $b is neither the previous nor a complete new one"
			st=2
		fi
	done
	[ "$mixed" = 1 ] && echo "note: $name $kind=$n: some reports new, some previous (a failure between renames)"
	[ "$st" = 0 ] && rm -rf "$run"
	return $st
}

while IFS='|' read -r name args; do
	for kind in ALLOC OPEN WRITE SYNC RENAME; do
		n=1 hits=0
		while :; do
			one "$name" "$args" "$kind" "$n"
			r=$?
			[ "$r" = 1 ] && break
			[ "$r" = 0 ] && pass=$((pass + 1))
			hits=$((hits + 1))
			if [ "$kind" = ALLOC ] && [ "$n" -ge 150 ] &&
			    [ "${MOT_FAULT_FULL:-0}" != 1 ]; then
				n=$((n + 7))
			else
				n=$((n + 1))
			fi
			[ "$n" -gt 100000 ] && { bad "$name $kind: no end"; break; }
		done
		echo "$name: $kind: $hits faults injected"
	done
done <"$tmp/commands"
echo "$pass faults ended cleanly, $fail failures"
[ "$fail" = 0 ]
