#!/bin/sh
# atomic.sh - reports are written atomically:
#   - a run that fails late (its last input is bad) over the reports of a
#     previous run leaves every one of them byte for byte, and no
#     temporary file;
#   - a run killed with SIGTERM leaves no temporary file;
#   - a run killed with kill -9 at any moment never leaves a partial
#     report under a report's name: each is the previous one or the
#     complete new one (a .NAME.XXXXXX temporary file may stay).
# Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-atomic.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cd "$tmp" || exit 99
exp=$DATA/gen-exp.xml
fmt="--charts none --format text,json,csv"

# The inputs: the previous run's, the new run's, and a bad one that sorts last.
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=11 -v journeys=2000 \
    -v rates="0.1 0.2 0.3" >a-old.xml
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=12 -v journeys=60000 \
    -v rates="0.2 0.1 0.4" >b-new.xml
head -c 100000 a-old.xml >z-bad.xml

# shellcheck disable=SC2086
"$MOT" analyze -q -e "$exp" -o prev $fmt a-old.xml >/dev/null ||
    { echo "cannot write the previous reports"; exit 99; }
# shellcheck disable=SC2086
"$MOT" analyze -q -e "$exp" -o new $fmt b-new.xml >/dev/null ||
    { echo "cannot write the new reports"; exit 99; }

# 1. A late failure.
cp -R prev out
# shellcheck disable=SC2086
"$MOT" analyze -q -e "$exp" -o out $fmt b-new.xml z-bad.xml >/dev/null 2>err
rc=$?
[ "$rc" = 65 ] && ok "a bad last input fails the run (65)" ||
    bad "a bad last input: exit status $rc: $(cat err)"
if diff -r prev out >/dev/null; then
	ok "the previous reports are byte for byte as they were"
else
	bad "the previous reports changed:"; diff -r prev out | head
fi
[ -z "$(ls -A out | grep '^\.' | grep -vx '\.mot-files')" ] &&
    ok "no temporary file" ||
    bad "temporary files left: $(ls -A out | grep '^\.')"

# Each report in folder $1 is the previous or the new one, or missing when
# there was none; $2 says whether temporary files may stay.
check_names() {
	st=0
	for f in prev/*; do
		b=$(basename "$f")
		if cmp -s "$1/$b" "prev/$b" || cmp -s "$1/$b" "new/$b"; then
			:
		else
			bad "$1/$b is neither the previous nor the new report"
			st=1
		fi
	done
	if [ "$2" = no ] && ls -A "$1" | grep '^\.' | grep -qvx '\.mot-files'; then
		bad "$1: temporary files left: $(ls -A "$1" | grep '^\.')"
		st=1
	fi
	return $st
}

# How long a whole run takes, in ms, to spread the kills over it.
t0=$(date +%s%N)
# shellcheck disable=SC2086
"$MOT" analyze -q -j1 -e "$exp" -o timing $fmt b-new.xml >/dev/null
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -gt 0 ] || ms=1

# 2. SIGTERM and SIGINT: mot removes its temporary files as it dies.
for sig in TERM INT; do
	rm -rf out; cp -R prev out
	# shellcheck disable=SC2086
	"$MOT" analyze -q -j1 -e "$exp" -o out $fmt b-new.xml >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 2000 }')"
	kill -s "$sig" "$pid" 2>/dev/null
	wait "$pid"
	check_names out no && ok "SIGTERM/SIGINT ($sig) halfway: reports whole, no temporary file"
done

# 3. kill -9 at 15 moments across the run, most near its end, where the
# reports are written.
i=0
for frac in 0.05 0.3 0.6 0.9 0.95 0.96 0.97 0.98 0.99 1.0 1.01 1.02 1.03 \
    1.04 1.05; do
	rm -rf out; cp -R prev out
	# shellcheck disable=SC2086
	"$MOT" analyze -q -j1 -e "$exp" -o out $fmt b-new.xml >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$ms" -v f="$frac" 'BEGIN { printf "%.3f", ms * f / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	check_names out yes && i=$((i + 1))
done
[ "$i" = 15 ] && ok "kill -9 at 15 moments: every report previous or whole"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
