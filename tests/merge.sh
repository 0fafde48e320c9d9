#!/bin/sh
# merge.sh - mot merge of the states of shards equals one run over all of
# them; -j gives the same report as one reader; damaged, foreign and
# mismatched states are refused with exit 65.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
bindir=$(dirname "$MOT")
GEN=$bindir/bench/motgen
[ -x "$GEN" ] || { echo "bench/motgen not built: skipped"; exit 77; }
# Equal but for duplicate_ids, which only one run can count (docs/scaling.md).
same_but_dups() {
	! diff "$1" "$2" | grep '^[<>]' | grep -v '"duplicate_ids"' | grep -q .
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-merge.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
pass=0 fail=0
ok() { echo "ok: $1"; pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }

"$GEN" -e > exp.xml
"$GEN" -s 3 -n 6000 > all.xml
# Three shards of the same journeys, cut at journey boundaries.
total=$(grep -c '<journey ' all.xml)
awk -v t="$total" '
	/<journeys /	{ next }
	/<\/journeys>/	{ next }
	/^<\?xml/	{ next }
	/<journey /	{ c++; k = int((c - 1) * 3 / t) }
	{ print > ("part" k ".body") }' all.xml
for k in 0 1 2; do
	{ echo '<?xml version="1.0"?>'; echo '<journeys version="1">'
	  cat "part$k.body"; echo '</journeys>'; } > "shard$k.xml"
	"$MOT" analyze -q -e exp.xml --by segment --save-state "s$k.state" \
	    "shard$k.xml" > /dev/null || bad "analyze shard $k"
done
"$MOT" analyze -q -j 1 -e exp.xml --by segment --format json \
    shard0.xml shard1.xml shard2.xml > one.json
"$MOT" merge -q --format json s2.state s0.state s1.state > merged.json
if same_but_dups one.json merged.json; then
	ok "merge of 3 shards equals one run (6000 journeys, --by segment)"
else
	bad "merge of 3 shards differs from one run"; diff one.json merged.json | head -20
fi
"$MOT" analyze -q -j 3 -e exp.xml --by segment --format json \
    shard2.xml shard0.xml shard1.xml > three.json
if cmp -s one.json three.json; then
	ok "-j 3 in another file order equals -j 1"
else
	bad "-j 3 differs from -j 1"; diff one.json three.json | head -20
fi
"$MOT" merge -q --save-state m.state s0.state s1.state s2.state > /dev/null &&
    "$MOT" merge -q --format json m.state > remerged.json &&
    same_but_dups one.json remerged.json && ok "a merged state merges again the same" ||
    bad "merged state"
# as_of: the latest at, start or end of all the shards (not promised or
# notified), whichever state holds it, whatever the readers and file order.
want=$(grep -o ' \(at\|start\|end\)="[^"]*"' all.xml | sed 's/.*="//; s/"$//' |
    sort | tail -1)
for f in one three merged remerged; do
	got=$(sed -n 's/^  "as_of": "\(.*\)",$/\1/p' "$f.json")
	[ -n "$want" ] && [ "$got" = "$want" ] &&
	    ok "$f.json: as_of is the latest touchpoint ($want)" ||
	    bad "$f.json: as_of \"$got\", expected \"$want\""
done
# Refusals.
sed 's/PT15M/PT16M/' exp.xml > other.xml
"$MOT" analyze -q -e other.xml --by segment --save-state o.state shard0.xml > /dev/null
"$MOT" merge s1.state o.state > /dev/null 2> err.txt
rc=$?
[ $rc = 65 ] && grep -q "other expectations" err.txt &&
    ok "states of other expectations refused (65)" || bad "other expectations: rc $rc"
"$MOT" analyze -q -e exp.xml --save-state nb.state shard0.xml > /dev/null
"$MOT" merge s1.state nb.state > /dev/null 2> err.txt
rc=$?
[ $rc = 65 ] && grep -q "another --by" err.txt &&
    ok "states of another --by refused (65)" || bad "other --by: rc $rc"
cp s0.state damaged.state
printf 'X' | dd of=damaged.state bs=1 seek=200 conv=notrunc 2> /dev/null
"$MOT" merge damaged.state > /dev/null 2> err.txt
rc=$?
[ $rc = 65 ] && grep -q "checksum" err.txt && ok "a damaged state refused (65)" ||
    bad "damaged: rc $rc"
head -c 100 s0.state > short.state
"$MOT" merge short.state > /dev/null 2> err.txt
[ $? = 65 ] && ok "a truncated state refused (65)" || bad "truncated state"
"$MOT" merge exp.xml > /dev/null 2> err.txt
[ $? = 65 ] && grep -q "not a mot state" err.txt && ok "not a state refused (65)" ||
    bad "not a state"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
