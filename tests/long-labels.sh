#!/bin/sh
# long-labels.sh - names of 60 characters that differ only near the end
# (moment names, stages and breakdown values: tests/data/long-names*.xml)
# stay distinct on every chart axis, in every chart key and in the text
# report's breakdown table; chart titles are whole. Skipped (77) without
# gnuplot.
set -u
srcdir=${srcdir:-.}
MOT=${MOT:-$srcdir/mot}
command -v gnuplot >/dev/null 2>&1 || { echo "no gnuplot: skipped"; exit 77; }
t=$(mktemp -d "${TMPDIR:-/tmp}/long-labels.XXXXXX") || exit 99
trap 'rm -rf "$t"' EXIT
fail=0
bad() { echo "long-labels.sh: $*" >&2; fail=1; }

"$MOT" analyze -e "$srcdir/tests/data/long-names-exp.xml" -o "$t/out" \
    --by unit --charts svg "$srcdir/tests/data/long-names.xml" \
    >"$t/stdout" 2>"$t/stderr" || { bad "mot exited $?"; cat "$t/stderr"; }

# The labels of one tic list: "label" N pairs, one per line.
tics() { sed -n 's/^set [xy]*tics[^(]*(\(.*\))$/\1/p' "$1" |
    awk -v RS='", |"' 'NR % 2 == 0 { print }' ; }
n=0
for gp in "$t/out/charts/"*.gp; do
	grep -E '^set [xy]tics .*\(' "$gp" | while IFS= read -r line; do
		printf '%s\n' "$line" >"$t/line"
		tics "$t/line" >"$t/labels"
		dups=$(sort "$t/labels" | uniq -d)
		[ -z "$dups" ] || echo "$gp: $dups"
	done >>"$t/dups"
	n=$((n + 1))
done
[ "$n" -ge 5 ] || bad "only $n chart scripts"
[ -s "$t/dups" ] && bad "labels that read the same: $(head -3 "$t/dups")"
# The fourteen values each appear on the heatmap's drawing, told apart.
vals=$(grep -o 'service centr [0-9][0-9]</text>' "$t/out/charts/heatmap.svg" |
    sort -u | wc -l)
[ "$vals" -eq 14 ] || bad "heatmap.svg shows $vals of the 14 values apart"
# The trend key names its moments apart.
keys=$(grep -o 'title "[^"]*"' "$t/out/charts/trend.gp" | grep 'step n' |
    sort | uniq -d)
[ -z "$keys" ] || bad "trend keys that read the same: $keys"
# Titles are whole: the moment's full name heads its chart.
grep -qF 'title "Objective measurement of the customer response for step n001: how long' \
    "$t/out/charts/moment-01.gp" || bad "moment-01's title is cut"
# The text table tells the values apart.
rows=$(grep -E '^     organizational unit' "$t/stdout" | sed -n 1,14p |
    awk '{ $0 = substr($0, 1, 40); print }' | sort -u | wc -l)
[ "$rows" -eq 14 ] || bad "the text table shows $rows of 14 values apart"
exit $fail
