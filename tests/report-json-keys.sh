#!/bin/sh
# report-json-keys.sh - every key of report.json is documented: each key
# name in the report.json files of the golden tests (and in the JSON they
# print), and in a run with --by and customers' zones, appears as `key`
# in docs/report-json.md.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
doc=$srcdir/docs/report-json.md
tmp=${TMPDIR:-/tmp}/mot-json-keys.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
if ! $MOT analyze -q -e "$srcdir/samples/service/expectations.xml" \
    --by channel --format json "$srcdir/samples/service/journeys.xml" \
    >"$tmp/service.json"; then
	echo "FAIL: mot analyze on samples/service"; exit 1
fi
# The reports: files that open with "{" and carry "report_version".
for f in "$srcdir"/tests/cases/*.d/report.json "$srcdir"/tests/cases/*.out \
    "$tmp"/*.json; do
	[ -f "$f" ] && head -c 1 "$f" | grep -q '{' &&
	    grep -q '"report_version"' "$f" && echo "$f"
done >"$tmp/files"
[ -s "$tmp/files" ] || { echo "FAIL: no report.json found"; exit 1; }
# A key is a string followed by a colon; escapes are dropped first so a
# quote inside a value cannot start one.
# shellcheck disable=SC2046
awk '{
	gsub(/\\./, "")
	while (match($0, /"[^"]*"[ \t]*:/)) {
		k = substr($0, RSTART + 1, RLENGTH - 1)
		sub(/"[ \t]*:$/, "", k)
		print k
		$0 = substr($0, RSTART + RLENGTH)
	}
}' $(cat "$tmp/files") | sort -u >"$tmp/keys"
fail=0
while read -r k; do
	if ! grep -qF "\`$k\`" "$doc"; then
		echo "FAIL: report.json key \"$k\" is not in docs/report-json.md"
		fail=1
	fi
done <"$tmp/keys"
echo "$(wc -l <"$tmp/keys" | tr -d ' ') keys in $(wc -l <"$tmp/files" |
    tr -d ' ') reports"
exit $fail
