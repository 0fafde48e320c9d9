#!/bin/sh
# fuzz/seeds/make.sh - makes the seeds of the state and baseline harnesses
# (fuzz/seeds/state, fuzz/seeds/baseline) with mot from tests/data: states
# of several inputs, --by, rejections, buckets and a merge, and their
# report.json. Run it from a build folder after the state format changes:
#	sh $srcdir/fuzz/seeds/make.sh
set -eu
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-./mot}
D=$srcdir/tests/data
S=$srcdir/fuzz/seeds/state
B=$srcdir/fuzz/seeds/baseline
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$S" "$B"
one() {	# NAME ANALYZE-ARGUMENTS...
	name=$1
	shift
	"$MOT" analyze -q --save-state "$S/$name.state" -o "$tmp/$name" \
	    --format json "$@" >/dev/null
	cp "$tmp/$name/report.json" "$B/$name.json"
}
one hand -e "$D/hand-exp.xml" "$D/hand.xml"
one hand-gz-week -e "$D/hand-exp.xml" --by week "$D/hand.xml.gz"
one rejected -e "$D/hand-exp.xml" "$D/bad-journeys.xml"
one worked-month -e "$D/worked-exp.xml" --by month "$D/worked.xml"
one xes -e "$D/xes-exp.xml" "$D/xes-small.xes"
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=3 -v journeys=1500 \
    -v rates="0.1 0.2 0.3" >"$tmp/gen.xml"
one buckets -e "$D/gen-exp.xml" "$tmp/gen.xml"
"$MOT" analyze -q --save-state "$S/stdin.state" -e "$D/hand-exp.xml" - \
    <"$D/hand.xml" >/dev/null
"$MOT" merge -q --save-state "$S/merged.state" "$S/hand.state" \
    "$S/rejected.state" >/dev/null
