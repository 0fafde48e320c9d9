#!/bin/sh
# check-gate.sh - mot check as a CI gate, on journeys generated with true
# breach rates we set (tests/gen-journeys.awk, moments of
# tests/data/gen-exp.xml):
#   - noise: ten more samples of the same process (confirm 3%, dispatch 5%,
#     deliver 8%, 3000 journeys each) against a baseline sample: all pass;
#   - regression: dispatch's true rate rises from 5% to 9%: exit 1, and the
#     failure names dispatch's breach rate and nothing else;
#   - determinism: the same inputs in either order give byte-identical
#     table, TAP, JUnit and JSON;
#   - --window and --burn-rate over four files, read by several readers at
#     once (each counts the burn-rate windows in its own aggregates), decide
#     as over one file of them all.
# The breach-rate lines are printed, so the log shows the p-values.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
exp=$srcdir/tests/data/gen-exp.xml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-gate.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
RATES="0.03 0.05 0.08"
REGRESSED="0.03 0.09 0.08"
N=3000
fail=0

gen() {	# seed journeys rates file
	awk -f "$srcdir/tests/gen-journeys.awk" -v seed="$1" -v journeys="$2" \
	    -v rates="$3" >"$tmp/$4" || exit 99
}

gen 1 $N "$RATES" base.xml
${MOT_WRAPPER:-} "$MOT" analyze -q -e "$exp" -o "$tmp/base" --format json \
    "$tmp/base.xml" || { echo "FAIL: analyze of the baseline"; exit 1; }

for seed in 2 3 4 5 6 7 8 9 10 11; do
	gen $seed $N "$RATES" noise.xml
	${MOT_WRAPPER:-} "$MOT" check -e "$exp" --baseline "$tmp/base/report.json" \
	    "$tmp/noise.xml" >"$tmp/out" 2>&1
	rc=$?
	echo "noise, seed $seed: exit $rc"
	grep 'breach-rate' "$tmp/out"
	if [ $rc != 0 ]; then
		echo "FAIL: a sample of the same process failed (seed $seed):"
		cat "$tmp/out"
		fail=1
	fi
done

gen 12 $N "$REGRESSED" regressed.xml
${MOT_WRAPPER:-} "$MOT" check -e "$exp" --baseline "$tmp/base/report.json" \
    "$tmp/regressed.xml" >"$tmp/out" 2>&1
rc=$?
echo "regressed dispatch: exit $rc"
grep 'breach-rate' "$tmp/out"
if [ $rc != 1 ]; then
	echo "FAIL: the regressed sample exited $rc, not 1:"; cat "$tmp/out"
	fail=1
fi
if ! grep -q '^FAIL  *dispatch  *breach-rate  *breached 4\.[0-9]% -> 9\.[0-9]%' \
    "$tmp/out"; then
	echo "FAIL: dispatch's breach rate is not named with its numbers:"
	cat "$tmp/out"
	fail=1
fi
if grep '^FAIL' "$tmp/out" | grep -v '^FAIL  *dispatch  *breach-rate' |
    grep -v '^FAIL: ' | grep -q .; then
	echo "FAIL: more than dispatch failed:"; cat "$tmp/out"; fail=1
fi

# The same two files in both orders: identical bytes everywhere.
gen 13 1000 "$RATES" part-b.xml
gen 14 1000 "$REGRESSED" part-a.xml
for order in ab ba; do
	if [ $order = ab ]; then
		set -- "$tmp/part-a.xml" "$tmp/part-b.xml"
	else
		set -- "$tmp/part-b.xml" "$tmp/part-a.xml"
	fi
	${MOT_WRAPPER:-} "$MOT" check -e "$exp" --baseline "$tmp/base/report.json" \
	    --junit "$tmp/junit.$order" --json "$tmp/json.$order" "$@" \
	    >"$tmp/table.$order" 2>&1
	${MOT_WRAPPER:-} "$MOT" check -e "$exp" --baseline "$tmp/base/report.json" \
	    --tap --window P28D "$@" >"$tmp/tap.$order" 2>&1
done
for f in table tap junit json; do
	if ! cmp -s "$tmp/$f.ab" "$tmp/$f.ba"; then
		echo "FAIL: $f differs with the order of the inputs:"
		diff "$tmp/$f.ab" "$tmp/$f.ba"
		fail=1
	fi
done

# --window over four files read at once equals --window over one file of
# the same journeys (as_of, the latest touchpoint, is in the last file),
# and so do the burn-rate windows counted by each reader.
for k in 1 2 3 4; do
	awk -f "$srcdir/tests/gen-journeys.awk" -v seed="2$k" -v journeys=3000 \
	    -v rates="$RATES" -v prefix="W$k" -v start=$((1798934400 + k * 86400)) \
	    >"$tmp/win-$k.xml" || exit 99
done
{
	sed -n '1,/<journeys/p' "$tmp/win-1.xml"
	for k in 1 2 3 4; do
		grep -v -e '^<?xml' -e '<journeys' -e '</journeys>' -e '^<!--' \
		    "$tmp/win-$k.xml"
	done
	echo '</journeys>'
} >"$tmp/win-all.xml"
${MOT_WRAPPER:-} "$MOT" check -e "$exp" --window P14D --burn-rate P7D,P2D \
    "$tmp"/win-[1234].xml >"$tmp/win.four" 2>&1
rc4=$?
${MOT_WRAPPER:-} "$MOT" check -e "$exp" --window P14D --burn-rate P7D,P2D \
    "$tmp/win-all.xml" >"$tmp/win.one" 2>&1
rc1=$?
grep -e '^window:' -e '^burn rate:' -e 'burn-rate' "$tmp/win.four"
if [ $rc4 != $rc1 ] || ! cmp -s "$tmp/win.four" "$tmp/win.one"; then
	echo "FAIL: --window over four files (exit $rc4) differs from one" \
	    "file of them all (exit $rc1):"
	diff "$tmp/win.one" "$tmp/win.four"
	fail=1
fi
exit $fail
