#!/bin/sh
# parallel.sh - the GNU parallel recipe of docs/scaling.md, run locally:
# one mot analyze --save-state per shard under parallel, then mot merge,
# gives the report of one run over all shards.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
GEN=$(dirname "$MOT")/bench/motgen
command -v parallel >/dev/null 2>&1 || { echo "GNU parallel missing: skipped"; exit 77; }
[ -x "$GEN" ] || { echo "bench/motgen not built: skipped"; exit 77; }
# Equal but for duplicate_ids, which only one run can count (docs/scaling.md).
same_but_dups() {
	! diff "$1" "$2" | grep '^[<>]' | grep -v '"duplicate_ids"' | grep -q .
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-parallel.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
"$GEN" -e > exp.xml
for d in 1 2 3 4; do "$GEN" -s "$d" -n 2000 | gzip > "day-$d.xml.gz"; done
# The recipe: one job per export, each leaving a state; then the reduce.
ls day-*.xml.gz | parallel --will-cite -j 2 \
    "$MOT" analyze -q -j 1 -e exp.xml --save-state {}.state {} '>' /dev/null || exit 1
"$MOT" merge -q --format json day-*.state > merged.json || exit 1
"$MOT" analyze -q -e exp.xml --format json day-*.xml.gz > one.json || exit 1
if same_but_dups one.json merged.json; then
	echo "ok: GNU parallel map + mot merge equals one run"
	echo "1 passed, 0 failed"
	exit 0
fi
diff one.json merged.json | head -20
echo "0 passed, 1 failed"
exit 1
