#!/bin/sh
# inspect-skeleton.sh - the <csv> mapping mot inspect suggests for a CSV
# file is one mot reads that file with: for each CSV sample and test file,
# the suggestion, put in expectations with one moment, makes journeys and
# rejects none. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-skeleton.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in "$srcdir"/samples/csv/*.csv "$srcdir"/tests/data/inspect-*.csv \
    "$srcdir"/tests/data/inspect-*.tsv; do
	name=$(basename "$f")
	if ! "$MOT" inspect "$f" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: $name: mot inspect exited $?"; cat "$tmp/err"
		fail=1
		continue
	fi
	{
		echo '<expectations version="1">'
		sed -n '/a mapping to start from/,/<\/csv>/p' "$tmp/out" | sed 1d
		echo '  <moment id="m" name="m" from="a" to="b" desired="PT1H"'
		echo '          adequate="PT2H"/>'
		echo '</expectations>'
	} >"$tmp/exp.xml"
	if ! "$MOT" inspect -e "$tmp/exp.xml" "$f" >"$tmp/out2" 2>"$tmp/err"
	then
		echo "FAIL: $name: the suggested mapping is refused:"
		cat "$tmp/err" "$tmp/exp.xml"
		fail=1
		continue
	fi
	journeys=$(sed -n 's/^journeys: \([0-9]*\).*/\1/p' "$tmp/out2")
	if [ -z "$journeys" ] || [ "$journeys" -eq 0 ] ||
	    grep -q '^journeys: .*rejected' "$tmp/out2"; then
		echo "FAIL: $name: the suggested mapping reads no journey, or rejects some:"
		cat "$tmp/out2" "$tmp/exp.xml"
		fail=1
		continue
	fi
	echo "ok: $name: $journeys journeys"
done
exit $fail
