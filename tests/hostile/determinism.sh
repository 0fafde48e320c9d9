#!/bin/sh
# determinism.sh - the same inputs give byte-identical reports whatever
# the order of the files on the command line, the number of readers (-j,
# which also splits a large file), the locale (LC_ALL=de_DE.UTF-8 must not
# write 0.5 as 0,5) and the machine's time zone (TZ=Pacific/Auckland).
# Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-determinism.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cd "$tmp" || exit 99

formats=text,json,csv
"$MOT" analyze --help | grep -q html && formats=$formats,html,md
# Three inputs, one past 16 MB (read in pieces with -j), one compressed.
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=21 -v journeys=70000 \
    -v rates="0.1 0.2 0.3" -v prefix=A >a.xml
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=22 -v journeys=3000 \
    -v rates="0.3 0.1 0.2" -v prefix=B | gzip >b.xml.gz
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=23 -v journeys=3000 \
    -v rates="0.2 0.2 0.2" -v prefix=C >c.xml

# run NAME ENV... -- ARGS: reports into out.NAME.
run() {
	name=$1
	shift
	envs=
	while [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env $envs "$MOT" analyze -q -e "$DATA/gen-exp.xml" --by segment \
	    -o "out.$name" --charts none --format "$formats" "$@" \
	    >"stdout.$name" 2>"stderr.$name" ||
	    bad "$name: exit status $?: $(head -n 3 "stderr.$name")"
}
# same NAME WHAT [REF]: out.NAME is out.REF (out.ref) to the byte.
same() {
	ref=${3:-ref}
	if diff -r "out.$ref" "out.$1" >"diff.$1" &&
	    cmp -s "stdout.$ref" "stdout.$1"; then
		ok "$2"
	else
		bad "$2:"; head -n 20 "diff.$1"
	fi
}

run ref LC_ALL=C TZ=UTC -- -j1 a.xml b.xml.gz c.xml
run order LC_ALL=C TZ=UTC -- -j1 c.xml b.xml.gz a.xml
same order "the order of the files does not matter"
run jobs LC_ALL=C TZ=UTC -- -j4 b.xml.gz c.xml a.xml
same jobs "-j4 (and a file read in pieces) gives the same bytes as -j1"
# as_of: the latest at, start or end of the three files, which each reader
# (and piece) keeps and the run merges after, whatever -j and the order.
want=$({ cat a.xml c.xml; gzip -dc b.xml.gz; } |
    grep -o ' \(at\|start\|end\)="[^"]*"' | sed 's/.*="//; s/"$//' |
    sort | tail -1)
for n in ref order jobs; do
	got=$(sed -n 's/^  "as_of": "\(.*\)",$/\1/p' "out.$n/report.json")
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		ok "$n: as_of is the latest touchpoint ($want)"
	else
		bad "$n: as_of \"$got\", expected \"$want\""
	fi
done

# A file whose pieces do not parse on their own (a "<journey>" in a
# comment after every journey, so every cut lands in one) is read whole
# again: the same bytes as -j1, duplicate ids counted all the same.
awk '/^  <journey id=/ && ++n % 7 == 0 { sub(/id="[^"]*"/, "id=\"D-" n % 5 "\"") }
    { print } /^  <\/journey>/ { print "  <!-- <journey> -->" }' a.xml >d.xml
run cut1 LC_ALL=C TZ=UTC -- -j1 d.xml c.xml
run cut4 LC_ALL=C TZ=UTC -- -j4 -v c.xml d.xml
if grep -q 'd.xml: read whole again' stderr.cut4; then
	same cut4 "-j4 on a file read whole again gives the same bytes" cut1
else
	bad "d.xml was not read whole again: $(head -n 3 stderr.cut4)"
fi
if grep -q '"duplicate_ids": 9995,' out.cut4/report.json; then
	ok "duplicate ids counted in a file read whole again"
else
	bad "duplicate_ids: $(grep duplicate_ids out.cut4/report.json)"
fi

# A CSV event log past 16 MB, its journeys' rows adjacent, is read in
# pieces cut where a journey begins, each after a copy of the header: a
# byte order mark, CRLF line ends, quoted fields over two lines and bad
# rows late in the file give the same reports and the same file:line:col
# messages with -j4 as with -j1.
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=24 -v journeys=110000 \
    -v rates="0.1 0.2 0.3" -v prefix=E >e.xml
printf '\357\273\277' >e.csv
awk -F'"' 'BEGIN { printf "id,note,name,at\r\n" }
    /<journey / { id = $2; n++ }
    /<touchpoint / { at = $4
	if (n % 9973 == 0 && $2 == "shipped") at = "soon"
	note = n % 5 == 0 ? "\"two\r\nlines, \"\"quoted\"\"\"" : ""
	printf "%s,%s,%s,%s\r\n", id, note, $2, at }' e.xml >>e.csv
csvrun() {
	name=$1
	shift
	"$MOT" analyze -e "$DATA/gen-exp-csv.xml" -o "out.$name" \
	    --charts none --format "$formats" "$@" >"stdout.$name" \
	    2>"stderr.$name" ||
	    bad "$name: exit status $?: $(head -n 3 "stderr.$name")"
}
csvrun csv1 -j1 e.csv
csvrun csv4 -j4 -v e.csv
if grep -q 'reading e.csv (a piece)' stderr.csv4; then
	same csv4 "-j4 on a CSV file read in pieces gives the same bytes" csv1
	grep -v '^mot: \(reading\|e.csv: the rows\)' stderr.csv4 >msgs.csv4
	if [ -s stderr.csv1 ] && cmp -s stderr.csv1 msgs.csv4; then
		ok "the pieces' messages give the lines of the file read whole"
	else
		bad "messages differ:"; diff stderr.csv1 msgs.csv4 | head -n 10
	fi
else
	bad "e.csv was not read in pieces: $(head -n 3 stderr.csv4)"
fi

# A German locale, compiled here when the system has none.
de=de_DE.UTF-8
locpath=
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	mkdir -p "$tmp/loc"
	if command -v localedef >/dev/null 2>&1 &&
	    localedef -i de_DE -f UTF-8 "$tmp/loc/$de" >/dev/null 2>&1; then
		locpath=LOCPATH=$tmp/loc
	fi
fi
if [ "$(env $locpath LC_ALL=$de printf '%.1f' 0.5 2>/dev/null)" = "0,5" ]; then
	run de $locpath LC_ALL=$de LANG=$de TZ=UTC -- -j2 a.xml b.xml.gz c.xml
	same de "LC_ALL=$de gives the same bytes"
else
	echo "note: no $de locale here: the locale is not checked"
fi
run tz LC_ALL=C TZ=Pacific/Auckland -- -j2 a.xml b.xml.gz c.xml
same tz "TZ=Pacific/Auckland gives the same bytes"
run both LC_ALL=C.UTF-8 TZ=America/St_Johns -- -j3 c.xml a.xml b.xml.gz
same both "C.UTF-8, TZ=America/St_Johns and -j3 give the same bytes"
if grep -E -q '"[a-z_]+": -?[0-9]+,[0-9]' out.ref/report.json; then
	bad "a decimal comma in report.json"
else
	ok "no decimal comma in report.json"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
