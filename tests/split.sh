#!/bin/sh
# split.sh - mot split's contract: a journeys file, an XES log, a CSV
# event log (grouped rows, and sorted by time: each journey's rows apart)
# and a gzip journeys file cut into four, each
# piece analysed with --save-state and the states merged, give the report
# of one run over the file (report.json but for its "inputs", which name
# the pieces, and "duplicate_ids", which only one run can count). Uses
# $MOT and $srcdir; bench/motgen makes the files.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
GEN=$(dirname "$MOT")/bench/motgen
[ -x "$GEN" ] || { echo "bench/motgen not built: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-split.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
pass=0 fail=0

# report.json without the inputs block and the duplicate count.
strip() {
	awk '/^  "inputs": \[/ { skip = 1; next }
	    skip && /^  \],?$/ { skip = 0; next }
	    skip || /"duplicate_ids"/ { next }
	    { print }' "$1"
}

check() {	# NAME EXPECTATIONS FILE
	name=$1 exp=$2 file=$3
	mkdir -p "$name"
	if ! "$MOT" split -q -n 4 -o "$name/pieces" -e "$exp" "$file" \
	    2>"$name/split.err"; then
		echo "FAIL: $name: mot split: $(cat "$name/split.err")"
		fail=$((fail + 1))
		return
	fi
	count=$(ls "$name/pieces" | wc -l)
	if [ "$count" != 4 ]; then
		echo "FAIL: $name: $count pieces, not 4"
		fail=$((fail + 1))
		return
	fi
	for p in "$name"/pieces/*; do
		"$MOT" analyze -q -j 1 -e "$exp" --save-state "$p.state" \
		    --format json "$p" >/dev/null 2>>"$name/analyze.err" || {
			echo "FAIL: $name: mot analyze $p: $(cat "$name/analyze.err")"
			fail=$((fail + 1))
			return
		}
	done
	"$MOT" merge -q --format json -o "$name/merged" "$name"/pieces/*.state \
	    >/dev/null || { echo "FAIL: $name: mot merge"; fail=$((fail + 1)); return; }
	"$MOT" analyze -q -e "$exp" --format json -o "$name/one" "$file" \
	    >/dev/null || { echo "FAIL: $name: one run"; fail=$((fail + 1)); return; }
	strip "$name/one/report.json" > "$name/one.s"
	strip "$name/merged/report.json" > "$name/merged.s"
	if cmp -s "$name/one.s" "$name/merged.s" && [ -s "$name/one.s" ]; then
		echo "ok: $name: four pieces merged give the one file's report"
		pass=$((pass + 1))
	else
		echo "FAIL: $name: the merged report differs"
		diff "$name/one.s" "$name/merged.s" | head -n 10
		fail=$((fail + 1))
	fi
}

"$GEN" -e > exp.xml
"$GEN" -e -c > expc.xml
"$GEN" -s 3 -n 3000 > j.xml
"$GEN" -x -s 3 -n 3000 > x.xes
"$GEN" -c -s 3 -n 3000 > c.csv
gzip -c j.xml > z.xml.gz
# The same rows sorted by time, as event logs often are: each journey's
# rows apart, gathered into pieces by their id.
{ head -n 1 c.csv; tail -n +2 c.csv |
    awk -F, '{ print ($8 != "" ? $8 : $9) "," $0 }' |
    LC_ALL=C sort -s -t, -k1,1 | cut -d, -f2-; } > cs.csv
check journeys exp.xml j.xml
check xes exp.xml x.xes
check csv expc.xml c.csv
check csv-scattered expc.xml cs.csv
check gzip exp.xml z.xml.gz

# Every XES piece keeps the log's header: its globals and classifiers.
want=$(grep -c '<global\|<classifier' x.xes)
[ "$want" -gt 0 ] || { echo "FAIL: the XES log has no globals to keep"; fail=$((fail + 1)); }
for p in xes/pieces/*.xes; do
	if [ "$(grep -c '<global\|<classifier' "$p")" != "$want" ]; then
		echo "FAIL: $p lacks the log's globals or classifiers"
		fail=$((fail + 1))
	fi
done
# Every CSV piece begins with the header row.
head -n 1 c.csv > header
for p in csv/pieces/*.csv csv-scattered/pieces/*.csv; do
	if ! head -n 1 "$p" | cmp -s - header; then
		echo "FAIL: $p does not begin with the header"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
