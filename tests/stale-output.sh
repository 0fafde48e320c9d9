#!/bin/sh
# stale-output.sh - a reused output folder holds only the last run's files:
#   - the shop (--by region, six moments) then the service (five moments,
#     other expectations) into one folder leave exactly what the service
#     alone writes into an empty folder, charts/ included;
#   - report files the earlier run wrote and this one does not (another
#     --format) are removed, listed by the manifest .mot-files; without a
#     manifest nothing is removed;
#   - --charts none removes the charts folder;
#   - a run that fails after its charts were drawn (a report it cannot
#     write) leaves the previous charts byte for byte and no .charts.*
#     folder; a failing gnuplot (70) still replaces the charts whole, with
#     this run's .gp and .dat and no picture of the earlier run;
#   - a charts folder that is a symbolic link is refused (73), untouched.
# Pictures by tests/fake-gnuplot. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
MOT_GNUPLOT=$srcdir/tests/fake-gnuplot
export MOT_GNUPLOT
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-stale.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cd "$tmp" || exit 99
S=$srcdir/samples
shop() { "$MOT" analyze -q -e "$S/shop/expectations.xml" --by region "$@" \
    "$S/shop/journeys.xml" >/dev/null 2>>err; }
service() { "$MOT" analyze -q -e "$S/service/expectations.xml" "$@" \
    "$S/service/journeys.xml" >/dev/null 2>>err; }
# Every name in folder $1 (hidden ones too), one a line, sorted.
names() { (cd "$1" && find . | LC_ALL=C sort); }
# Folders $1 and $2 hold the same names and bytes.
same() { names "$1" >n1; names "$2" >n2;
    cmp -s n1 n2 && diff -r "$1" "$2" >/dev/null; }

# 1. Other expectations, fewer moments: only the second run's files.
shop -o out || { echo "the shop run failed: $(cat err)"; exit 99; }
[ -f out/charts/moment-06.png ] && [ -f out/charts/heatmap.dat ] ||
    { echo "the shop run made no moment-06 or heatmap chart"; exit 99; }
cp -R out shop-out
service -o fresh || { echo "the service run failed: $(cat err)"; exit 99; }
service -o out && ok "the second run succeeds" ||
    bad "the second run failed: $(cat err)"
names fresh/charts >want; names out/charts >got
cmp -s want got && ok "charts/ holds exactly a fresh run's files" ||
    { bad "charts/ differs from a fresh run's:"; diff want got | head; }
same fresh out && ok "the folder is byte for byte a fresh run's" ||
    { bad "the folder differs from a fresh run's:"; diff -r fresh out | head; }

# 2. Another --format: the files only the earlier run wrote are removed.
service -o out --format html,json ||
    bad "--format html,json failed: $(cat err)"
service -o fresh2 --format html,json
same fresh2 out && ok "--format html,json: only report.html and report.json" ||
    { bad "--format html,json left:"; names out | grep -v charts/; }
[ "$(cat out/.mot-files)" = "report.json
report.html" ] && ok ".mot-files lists what the run wrote" ||
    bad ".mot-files: $(cat out/.mot-files)"
# Without a manifest, nothing is removed.
rm -rf out; cp -R shop-out out; rm out/.mot-files
service -o out --format json --charts none
[ -f out/report.html ] && [ -f out/occurrences.csv ] &&
    [ -f out/summary.txt ] && ok "no manifest: no report removed" ||
    bad "no manifest, yet files were removed: $(names out)"

# 3. --charts none: the report refers to no chart, and none stays.
rm -rf out; cp -R shop-out out
service -o out --charts none || bad "--charts none failed: $(cat err)"
[ ! -e out/charts ] && ok "--charts none removes the charts folder" ||
    bad "--charts none left: $(names out/charts | head -3)"
service -o fresh3 --charts none
same fresh3 out && ok "--charts none: the folder is a fresh run's" ||
    { bad "--charts none: differs from a fresh run's"; diff -r fresh3 out | head; }

# 4. A run that fails once its charts are drawn: report.md cannot be
# written (it is a folder), so no report is replaced, nor the charts.
rm -rf out; cp -R shop-out out
rm out/report.md; mkdir out/report.md
: >err
service -o out
rc=$?
[ "$rc" = 73 ] && grep -q 'report.md: is a folder' err &&
    ok "a report that cannot be written fails the run (73)" ||
    bad "report.md a folder: exit status $rc: $(cat err)"
diff -r shop-out/charts out/charts >/dev/null &&
    ok "the failed run leaves the previous charts byte for byte" ||
    { bad "the failed run changed the charts:"; diff -r shop-out/charts out/charts | head; }
left=$(find out -name '.*' ! -name .mot-files)
[ -z "$left" ] && ok "the failed run leaves no temporary folder" ||
    bad "temporary files left: $left"
# A failing gnuplot: the reports are written, and so are the charts.
rm -rf out; cp -R shop-out out
: >err
service -o out --gnuplot /bin/false
rc=$?
[ "$rc" = 70 ] && ok "a failing gnuplot exits 70" ||
    bad "a failing gnuplot: exit status $rc: $(cat err)"
(cd fresh/charts && ls *.gp *.dat) | LC_ALL=C sort >want
(cd out/charts && ls -A) | LC_ALL=C sort >got
cmp -s want got && ok "a failing gnuplot: charts/ holds this run's .gp and .dat only" ||
    { bad "a failing gnuplot: charts/ differs:"; diff want got | head; }

# 5. A charts folder that is a link is refused, and what it names kept.
rm -rf out; cp -R shop-out out
mv out/charts elsewhere; ln -s ../elsewhere out/charts
: >err
service -o out
rc=$?
[ "$rc" = 73 ] && grep -q 'charts: is a symbolic link' err &&
    [ -L out/charts ] && diff -r shop-out/charts elsewhere >/dev/null &&
    diff shop-out/report.html out/report.html >/dev/null &&
    ok "a charts link is refused (73) before anything is written" ||
    bad "a charts link: exit status $rc: $(cat err)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
