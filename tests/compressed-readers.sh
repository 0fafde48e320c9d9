#!/bin/sh
# compressed-readers.sh - a compressed journeys file cut into chunks as it
# is decompressed, for two readers (src/stream.c, run.c's stream_read),
# gives the report of one reader byte for byte: moments.csv,
# occurrences.csv, report.json, the saved state, and the warnings with their file:line
# (rejected journeys in several chunks, and a duplicate id across two). A
# "<journey" inside a comment makes a chunk that does not parse on its
# own: the file is read whole again, to the same report; and a file that
# is bad past the first chunk fails with the same message either way. xz
# is not cut (its decompressor is slower than a parser). Uses $MOT and
# $srcdir; bench/motgen makes the journeys.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
GEN=$(dirname "$MOT")/bench/motgen
[ -x "$GEN" ] || { echo "bench/motgen not built: skipped"; exit 77; }
command -v zstd >/dev/null 2>&1 || { echo "zstd missing: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-creaders.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
pass=0 fail=0
ok() { echo "ok: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

"$GEN" -e > exp.xml
# About 11 MB (five or six chunks): a rejected journey early, one in the
# middle and one late, and J-5 twice, far apart.
"$GEN" -s 7 -n 20000 | awk '
	/<journey id="J-(100|9000|19000)"/ { bad = 1 }
	bad && /<touchpoint/ { sub(/at="[^"]*"/, "at=\"soon\""); bad = 0 }
	/<journey id="J-15000"/ { sub(/J-15000/, "J-5") }
	{ print }' > j.xml
gzip -c j.xml > j.xml.gz
zstd -q -c j.xml > j.xml.zst
"$GEN" -x -s 7 -n 20000 | gzip -c > x.xes.gz
# Comments that hold a journey start tag, before each journey of a few
# megabytes: the chunk cut at one of them does not parse.
awk '/<journey id="J-/ { n = substr($2, 7) + 0
	if (n >= 8000 && n < 14000) print "<!-- <journey id=\"x\"> -->" }
	{ print }' j.xml | gzip -c > comment.xml.gz
# Bad XML past the first chunks.
awk '/<journey id="J-16000"/ { print "<journey id=\"broken\"><touchpoint" } { print }' \
    j.xml | gzip -c > broken.xml.gz

run() {	# NAME JOBS FILE...: reports and state in NAME, warnings in NAME.err, -v in NAME.log
	name=$1 jobs=$2
	shift 2
	"$MOT" analyze -v -j "$jobs" -e exp.xml -o "$name" --format json,csv \
	    --charts none --save-state "$name.state" "$@" >/dev/null 2>"$name.log"
	echo $? > "$name.rc"
	grep -v -e 'reading ' -e 'read whole again' -e 'wrote ' \
	    -e 'read by one reader' "$name.log" > "$name.err"
}
same() {	# A B WHAT
	for f in moments.csv occurrences.csv report.json; do
		if ! cmp -s "$1/$f" "$2/$f"; then
			bad "$3: $f differs"; diff "$1/$f" "$2/$f" | head -n 6
			return
		fi
	done
	if ! cmp -s "$1.err" "$2.err"; then
		bad "$3: the warnings differ"; diff "$1.err" "$2.err" | head -n 6
		return
	fi
	if [ -f "$1.state" ] && ! cmp -s "$1.state" "$2.state"; then
		bad "$3: the saved states differ"
		return
	fi
	ok "$3"
}
cuts() {	# NAME: how many files its run cut as they were decompressed
	grep -c 'cut as it is decompressed' "$1.log"
}

for z in gz zst; do
	run "one-$z" 1 "j.xml.$z"
	run "two-$z" 2 "j.xml.$z"
	if [ "$(cuts "two-$z")" = 1 ]; then
		ok "$z: cut for two readers"
	else
		bad "$z: not cut: $(head -n 3 "two-$z.log")"
	fi
	same "one-$z" "two-$z" "$z: two readers as one"
done
run x1 1 x.xes.gz
run x2 2 x.xes.gz
[ "$(cuts x2)" = 1 ] || bad "XES gzip: not cut"
same x1 x2 "XES gzip: two readers as one"
grep -q 'skipped' one-gz.err && grep -q '"duplicate_ids": 1' one-gz/report.json &&
    ok "the data has rejections and a duplicate id" ||
    bad "the data lacks rejections or a duplicate id"

run c-one 1 comment.xml.gz
run c-two 2 comment.xml.gz
if grep -q 'read whole again' c-two.log; then
	ok "a chunk that does not parse: read whole again"
else
	bad "the comment did not make a chunk fail: $(head -n 3 c-two.log)"
fi
same c-one c-two "read whole again, as one reader"

# Several compressed files at once, each cut: the chunks held are shared
# by all (one per reader and one more), the reports still one reader's.
for s in 1 2 3; do "$GEN" -s $s -n 6000 | gzip -c > "m$s.xml.gz"; done
run m-one 1 m1.xml.gz m2.xml.gz m3.xml.gz j.xml.zst
run m-four 4 m1.xml.gz m2.xml.gz m3.xml.gz j.xml.zst
[ "$(cuts m-four)" = 4 ] || bad "four compressed files: $(cuts m-four) cut, not 4"
same m-one m-four "four compressed files, four readers: one reader's reports"

run b-one 1 broken.xml.gz
run b-two 2 broken.xml.gz
if [ "$(cat b-one.rc)" = 65 ] && [ "$(cat b-two.rc)" = 65 ] &&
    cmp -s b-one.err b-two.err && grep -q 'broken.xml.gz:[0-9]' b-two.err; then
	ok "bad XML past the first chunk: 65 and the same file:line"
else
	bad "bad XML: rc $(cat b-one.rc)/$(cat b-two.rc)"; diff b-one.err b-two.err | head -n 6
fi

if command -v xz >/dev/null 2>&1; then
	xz -1 -c j.xml > j.xml.xz
	run x-one 1 j.xml.xz
	run x-two 2 j.xml.xz
	if [ "$(cuts x-two)" != 0 ]; then
		bad "xz: cut"
	else
		ok "xz: read by one reader"
	fi
	same x-one x-two "xz: two readers as one"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
