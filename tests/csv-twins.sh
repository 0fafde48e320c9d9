#!/bin/sh
# csv-twins.sh - the CSV samples (samples/csv/) give the figures of the
# same journeys written as mot journeys files (tests/data/csv/, written by
# scripts/make-csv-samples from the same data, not by mot): moments.csv
# and occurrences.csv to the byte, report.json but for the input's name,
# size and format and the CSV row counts. Also -j2 (the CSV read in
# pieces, or gathered), and --memory at its least (1M).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-twins.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# report.json without what names or counts the input itself.
figures() {
	sed -e '/^  "inputs": \[/,/^  \],/d' -e '/"csv_rows/d' \
	    -e '/"csv_header_repeats"/d' -e '/"csv_attribute_conflicts"/d' "$1"
}
for s in orders tickets; do
	exp=$srcdir/samples/csv/$s-expectations.xml
	for by in "" "--by team" "--by state"; do
		name=$s$(echo "$by" | tr -d ' -')
		# shellcheck disable=SC2086
		"$MOT" analyze -q $by -e "$exp" --format json,csv -o "$tmp/$name.x" \
		    "$srcdir/tests/data/csv/$s.xml" >/dev/null 2>&1 ||
		    { bad "$name: the XML twin: exit status $?"; continue; }
		for run in "-j1" "-j2" "-j1 --memory 1M"; do
			out=$tmp/$name.c$(echo "$run" | tr -d ' -')
			# shellcheck disable=SC2086
			"$MOT" analyze -q $by $run -e "$exp" --format json,csv \
			    -o "$out" "$srcdir/samples/csv/$s.csv" >/dev/null 2>&1 ||
			    { bad "$name $run: exit status $?"; continue; }
			if cmp -s "$out/moments.csv" "$tmp/$name.x/moments.csv" &&
			    cmp -s "$out/occurrences.csv" \
			    "$tmp/$name.x/occurrences.csv" &&
			    figures "$out/report.json" >"$out/f" &&
			    figures "$tmp/$name.x/report.json" >"$out/g" &&
			    cmp -s "$out/f" "$out/g"; then
				ok "$s.csv $by $run: the figures of its XML twin"
			else
				bad "$s.csv $by $run differs from its XML twin:"
				diff "$out/f" "$out/g" | head -n 10
				diff "$out/moments.csv" "$tmp/$name.x/moments.csv" |
				    head -n 6
			fi
		done
	done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
