#!/bin/sh
# charts.sh - the charts and the client report with the real gnuplot (skipped,
# 77, when there is none): every chart in png, svg and pdf with its .gp and
# .dat; the same bytes on a second run; a script run again by hand draws the
# same picture; report.html is valid, self-contained, its charts inline SVG;
# hostile names (gnuplot commands, backquotes, markup, newlines) are drawn
# and written literally and nothing runs; a missing (69) or failing (70)
# gnuplot leaves every other report written; with no finished occurrence
# no chart is drawn and the report says so (exit 0). With Chromium, the HTML
# is also rendered (scripts/render-report).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
unset MOT_GNUPLOT
command -v gnuplot >/dev/null 2>&1 || { echo "no gnuplot: skipped"; exit 77; }
command -v xmllint >/dev/null 2>&1 || { echo "no xmllint: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-charts.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "charts.sh: $*"; fail=1; }

exp=$srcdir/samples/shop/expectations.xml
journeys=$srcdir/samples/shop/journeys.xml
charts="weak-moments journey-map elapsed trend heatmap impact moment-01
moment-02 moment-03 moment-04 moment-05 moment-06"

# 1. Every chart, every format, twice: the same bytes.
for run in 1 2; do
	"$MOT" analyze -q -e "$exp" -o "$tmp/run$run" --by region \
	    --charts png,svg,pdf "$journeys" >"$tmp/stdout$run" 2>"$tmp/stderr$run"
	rc=$?
	[ $rc = 0 ] || { bad "run $run exited $rc:"; cat "$tmp/stderr$run"; }
done
for f in report.html report.md report.json moments.csv occurrences.csv \
    summary.txt; do
	[ -s "$tmp/run1/$f" ] || bad "$f not written"
done
for c in $charts; do
	for ext in gp dat png svg pdf; do
		[ -s "$tmp/run1/charts/$c.$ext" ] || bad "charts/$c.$ext not written"
	done
done
diff -r "$tmp/run1" "$tmp/run2" >"$tmp/diff" ||
    { bad "two runs differ:"; head -20 "$tmp/diff"; }
head -1 "$tmp/run1/charts/weak-moments.dat" | grep -q '^# rank	breached' ||
    bad "weak-moments.dat has no header line"

# 2. The script draws the same picture again, run from another folder.
cp "$tmp/run1/charts/weak-moments.png" "$tmp/before.png"
(cd "$tmp" && gnuplot run1/charts/weak-moments.gp) ||
    bad "gnuplot run1/charts/weak-moments.gp failed"
cmp -s "$tmp/before.png" "$tmp/run1/charts/weak-moments.png" ||
    bad "gnuplot weak-moments.gp does not reproduce the picture"
(cd "$tmp/run1/charts" && gnuplot -e 'fmt="svg"' elapsed.gp) ||
    bad "gnuplot -e 'fmt=\"svg\"' elapsed.gp failed"
cmp -s "$tmp/run1/charts/elapsed.svg" "$tmp/run2/charts/elapsed.svg" ||
    bad "elapsed.gp does not reproduce the SVG"

# 3. The HTML: self-contained, charts inline SVG; the weak moment first.
html=$tmp/run1/report.html
grep -Eio '(src|href)="[^"#][^"]{0,30}' "$html" >"$tmp/refs" &&
    { bad "external references:"; cat "$tmp/refs"; }
grep -Eiq '<script|<link|<iframe|<object|<img|@import|url\([^#]' "$html" &&
    bad "report.html loads or runs something"
figs=$(grep -o '<figure class="fig"><svg ' "$html" | wc -l)
svgs=$(grep -o '<svg [^>]*role="img" aria-labelledby="chart-[a-z0-9-]*-title"' "$html" | wc -l)
[ "$figs" -eq 12 ] && [ "$svgs" -eq 12 ] ||
    bad "$figs figures, $svgs inline SVG charts with a name (12 expected)"
grep -q '<?xml\|<!DOCTYPE svg\|id="gnuplot_canvas"\|id=.gpPt' "$html" &&
    bad "a chart's XML prolog or gnuplot's own ids reached report.html"
ids=$(grep -o ' id="[^"]*"' "$html" | sort | uniq -d)
[ -z "$ids" ] || bad "ids used twice in report.html: $(echo $ids | head -c 200)"
sed -n '/<ol>/,/<\/ol>/p' "$html" | grep -m1 '<li>' | grep -q 'Parcel delivered' ||
    bad "the summary does not start with the weak moment"
grep -q '<p class="bad">MISSES its objective' "$html" ||
    bad "the missed objective is not marked"
grep -q '^1\. \[\*\*Parcel delivered\*\*\](#moment-[0-9]*)' "$tmp/run1/report.md" ||
    bad "report.md does not start with the weak moment"
grep -q '](charts/weak-moments.png)' "$tmp/run1/report.md" ||
    bad "report.md does not show the charts as files"
# The weak moment tops the charts' data too, north worst in the heatmap.
sed -n 2p "$tmp/run1/charts/weak-moments.dat" | grep -q '	delivery	Parcel delivered$' ||
    bad "weak-moments.dat does not start with delivery"
sort -t '	' -k3,3gr "$tmp/run1/charts/heatmap.dat" | sed -n 1p |
    grep -q '	north	delivery$' || bad "north/delivery is not the worst cell"

# 3b. The five core charts with any --by or none (the heatmap by month of
# start without --by), and no heatmap for an attribute no journey has.
for by in none week nosuch; do
	case $by in none) a="";; *) a="--by $by";; esac
	# shellcheck disable=SC2086
	"$MOT" analyze -q -e "$exp" -o "$tmp/by-$by" $a --charts svg \
	    "$journeys" >/dev/null 2>"$tmp/stderr" ||
	    { bad "--by $by failed:"; cat "$tmp/stderr"; }
	for c in weak-moments journey-map elapsed trend heatmap; do
		[ $by = nosuch ] && [ $c = heatmap ] && continue
		[ -s "$tmp/by-$by/charts/$c.svg" ] || bad "--by $by: no $c.svg"
	done
	figs=$(grep -o '<figure class="fig"><svg ' "$tmp/by-$by/report.html" | wc -l)
	case $by in nosuch) want=11;; *) want=12;; esac
	[ "$figs" -eq $want ] || bad "--by $by: $figs charts ($want expected)"
done
grep -q 'set xtics rotate by 90 right ("2026-10" 1, "2026-11" 2)' \
    "$tmp/by-none/charts/heatmap.gp" || bad "no heatmap by month without --by"
grep -q '"2026-W40" 1, "2026-W41" 2, .*"2026-W46" 7)' \
    "$tmp/by-week/charts/heatmap.gp" || bad "--by week: not the weeks in order"
[ -e "$tmp/by-nosuch/charts/heatmap.gp" ] && bad "--by nosuch: a heatmap of (none)"
grep -q 'Not drawn: the heatmap (no journey has the attribute nosuch' \
    "$tmp/by-nosuch/report.html" || bad "--by nosuch: the report does not say the heatmap is left out"

# 4. Hostile names: drawn and written literally, nothing runs.
h=$tmp/hostile
mkdir "$h"
cat >"$h/exp.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<expectations version="1">
  <moment id="m1" name="&quot;; system(&quot;touch $h/pwned1&quot;); &quot;"
          stage="back\\slash &quot;quoted&quot;&#10;newline"
          from="order-placed" to="order-confirmed" desired="PT2M"
          adequate="PT15M" objective="0.95"/>
  <moment id="m2" name="\`touch $h/pwned2\` &lt;script&gt;alert(1)&lt;/script&gt; 100% %s"
          stage="&lt;b&gt;bold&lt;/b&gt;" from="order-placed" to="delivered"
          desired="P1D" adequate="P2D" objective="0.90"/>
</expectations>
EOF
sh "$srcdir/tests/seg-journeys" "&quot;; system(&quot;touch $h/pwned3&quot;); &quot;" \
    "\`touch $h/pwned4\`" "100% %s &lt;img src=x&gt;&#10;y" \
    >"$h/journeys.xml"
"$MOT" analyze -q -e "$h/exp.xml" -o "$h/out" --by segment \
    --charts png,svg,pdf "$h/journeys.xml" >"$h/stdout" 2>"$h/stderr"
rc=$?
[ $rc = 0 ] || { bad "hostile run exited $rc:"; cat "$h/stderr"; }
for n in 1 2 3 4; do
	[ -e "$h/pwned$n" ] && bad "a name ran a command (pwned$n)"
done
# Tic labels are shortened in the middle to 48 characters; a chart's
# title is whole.
grep -qF "title \"\\\"; system(\\\"touch $h/pwned1\\\"); \\\": how long" \
    "$h/out/charts/moment-01.gp" ||
    bad "the name is not quoted literally in moment-01.gp"
grep -qF '"\"; system(\"touch ' "$h/out/charts/weak-moments.gp" ||
    bad "the name is not quoted in weak-moments.gp"
# (a tic label may be shortened in the middle: its start is kept)
grep -qF "\\140touch " "$h/out/charts/weak-moments.gp" ||
    bad "the backquotes are not escaped in weak-moments.gp"
grep -qF '"100%% %%s <img src=x> y"' "$h/out/charts/heatmap.gp" ||
    bad "% is not doubled in tic labels"
grep -q '`' "$h/out/charts/"*.gp && bad "a backquote reached a script"
for c in weak-moments heatmap moment-01; do
	[ -s "$h/out/charts/$c.png" ] || bad "hostile $c.png not drawn"
	xmllint --noout "$h/out/charts/$c.svg" 2>/dev/null || bad "hostile $c.svg is not XML"
done
grep -qF "\"; system(\"touch $h/pwned1\"); \": how long" \
    "$h/out/charts/moment-01.svg" || bad "the name is not drawn in moment-01.svg"
grep -qF "<text>&quot;; system(&quot;touch $h/pwned1&quot;); &quot;: how long" \
    "$h/out/report.html" || bad "the name is not in report.html's chart, escaped"
grep -qF "&quot;; system(&quot;touch $h/pwned1&quot;); &quot;" "$h/out/report.html" ||
    bad "the name is not in report.html, escaped"
grep -qF "\`touch $h/pwned2\` &lt;script&gt;alert(1)&lt;/script&gt;" "$h/out/report.html" ||
    bad "the markup is not escaped in report.html"
grep -qi '<script\|<img src=x' "$h/out/report.html" && bad "markup from the input reached report.html"
grep -qF '\<script\>alert(1)\</script\>' "$h/out/report.md" ||
    bad "the markup is not escaped in report.md"

# 5. gnuplot missing (69), or failing (70): everything else is written.
for gp in /nonexistent/gnuplot /bin/false; do
	rm -rf "$tmp/nogp"
	"$MOT" analyze -e "$exp" -o "$tmp/nogp" --gnuplot "$gp" "$journeys" \
	    >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	case $gp in /nonexistent/*) want=69;; *) want=70;; esac
	[ $rc = $want ] || bad "--gnuplot $gp: exit $rc, expected $want"
	for f in summary.txt report.json moments.csv occurrences.csv \
	    report.html report.md charts/weak-moments.gp charts/weak-moments.dat; do
		[ -s "$tmp/nogp/$f" ] || bad "--gnuplot $gp: $f not written"
	done
	ls "$tmp/nogp/charts" | grep -q '\.png$\|\.svg$\|^\.' &&
	    bad "--gnuplot $gp: pictures or temporary files left"
	[ -s "$tmp/stdout" ] || bad "--gnuplot $gp: no summary on stdout"
	case $gp in
	/nonexistent/*) grep -q "cannot run gnuplot \"$gp\"" "$tmp/stderr" ||
	    bad "a missing gnuplot is not named";;
	*) grep -q 'gnuplot failed on weak-moments.gp' "$tmp/stderr" ||
	    bad "a failing gnuplot is not reported";;
	esac
	grep -q 'Some charts are missing' "$tmp/nogp/report.html" ||
	    bad "--gnuplot $gp: report.html does not say charts are missing"
	grep -q '<svg' "$tmp/nogp/report.html" &&
	    bad "--gnuplot $gp: report.html has a chart"
	grep -q 'Chart not drawn: Weakest moments first' "$tmp/nogp/report.html" ||
	    bad "--gnuplot $gp: report.html does not say a chart is not drawn"
done

# 5b. No moment with a finished occurrence, or only some: gnuplot is never
# handed an all-NaN data set (5.4 crashed on the journey map), exit 0.
cat >"$tmp/nodata-exp.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<expectations version="1">
  <moment id="chat" name="Chat" stage="Service" touchpoint="chat"
          desired="PT5M" adequate="PT10M" objective="0.9"/>
</expectations>
XML
cat >"$tmp/some-exp.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<expectations version="1">
  <moment id="chat" name="Chat" stage="Service" touchpoint="chat"
          desired="PT5M" adequate="PT10M"/>
  <moment id="open" name="Never closed" stage="Aftercare"
          from="order-placed" to="refund-paid" desired="P1D" adequate="P3D"/>
  <moment id="confirmation" name="Order confirmation" stage="Purchase"
          from="order-placed" to="order-confirmed" desired="PT2M"
          adequate="PT15M"/>
</expectations>
XML
hand=$srcdir/tests/data/hand.xml
for e in nodata some; do
	for by in "" "--by segment"; do
		rm -rf "$tmp/$e"
		# shellcheck disable=SC2086
		"$MOT" analyze -q -e "$tmp/$e-exp.xml" -o "$tmp/$e" $by \
		    --charts png,svg,pdf "$hand" >/dev/null 2>"$tmp/stderr"
		rc=$?
		[ $rc = 0 ] || { bad "$e $by: exit $rc:"; cat "$tmp/stderr"; }
	done
done
[ -d "$tmp/nodata/charts" ] && bad "no data: a charts folder was made"
grep -q 'No charts: no moment has a finished occurrence' \
    "$tmp/nodata/report.html" || bad "no data: report.html does not say so"
for c in weak-moments journey-map elapsed heatmap moment-03; do
	[ -s "$tmp/some/charts/$c.png" ] || bad "some data: no $c.png"
done
[ -e "$tmp/some/charts/moment-01.gp" ] && bad "a moment without data has a chart"

# 5c. Nothing to label: one week, none hollow, and a breakdown with no
# interval past its axis. gnuplot 5.4 crashes on a labels plot whose
# every point is undefined, so such plots must not be written at all.
"$MOT" analyze -q -e "$srcdir/tests/data/nps-few-exp.xml" -o "$tmp/one" \
    "$srcdir/tests/data/nps-few.xml" >/dev/null 2>"$tmp/one.err" ||
    { bad "one week, nothing hollow: mot exited $?:"; cat "$tmp/one.err"; }
grep -q 'crashed\|failed on' "$tmp/one.err" && bad "one week: gnuplot failed"

# 6. The dumb terminal: the weak moments after the summary, on stdout.
"$MOT" analyze -e "$exp" --charts dumb "$journeys" >"$tmp/dumb" 2>"$tmp/stderr" ||
    bad "--charts dumb failed"
grep -q 'Weakest moments first: how often' "$tmp/dumb" || bad "--charts dumb drew nothing"
grep -q '13.7% of 292, missed' "$tmp/dumb" ||
    bad "--charts dumb does not show the weak moment"
# As wide as the terminal ($COLUMNS), nothing past it, the legend whole.
for cols in 60 80 160; do
	COLUMNS=$cols "$MOT" analyze -e "$exp" --charts dumb "$journeys" \
	    >"$tmp/dumb$cols" 2>"$tmp/stderr" || bad "COLUMNS=$cols: failed"
	sed -n '/Weakest moments first: how often/,$p' "$tmp/dumb$cols" \
	    >"$tmp/chart$cols"
	wide=$(LC_ALL=C.UTF-8 wc -L <"$tmp/chart$cols")
	[ "$wide" -ge $((cols - 4)) ] && [ "$wide" -le "$cols" ] ||
	    bad "COLUMNS=$cols: the chart is $wide columns wide"
	grep -q 'objective: most breached allowed' "$tmp/chart$cols" ||
	    bad "COLUMNS=$cols: the legend is cut"
	grep -q 'Parcel delivered .*13.7% of 292, missed' "$tmp/chart$cols" ||
	    bad "COLUMNS=$cols: the weak moment's name or figure is cut"
done

# 7. As a person would see it (optional: needs Chromium).
if out=$(sh "$srcdir/scripts/render-report" "$html" "$tmp/report.png" 2>&1); then
	[ -s "$tmp/report.png" ] || bad "render-report made no picture"
elif [ $? -ne 77 ]; then
	bad "render-report failed: $out"
fi
exit $fail
