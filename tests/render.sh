#!/bin/sh
# render.sh - report.html as a reader sees it: the reports of the two
# samples (samples/shop by region, samples/service by category) rendered
# headless by Chromium (scripts/render-report) to a PNG and printed to an
# A4 PDF. Checks that every chart is laid out with a non-zero size and
# drawn marks (measured in a copy of the page with a small script added,
# whose DOM Chromium writes out), that the screenshot and every printed
# page are not blank (the variance of their grey levels), and that the PDF
# has a number of pages in the range its moments call for. Skipped (77)
# without Chromium, poppler-utils or netpbm (scripts/install-deps
# --report-tools installs them).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
unset MOT_GNUPLOT
for t in pdfinfo pdftoppm pngtopnm ppmtopgm pamscale pnmnoraw; do
	command -v $t >/dev/null 2>&1 || { echo "no $t: skipped"; exit 77; }
done
command -v gnuplot >/dev/null 2>&1 || { echo "no gnuplot: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-render.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "render.sh: $*"; fail=1; }

# The variance of the grey levels of a PNM image on standard input, made
# 100 pixels wide; a blank page has none.
variance() {
	ppmtopgm | pamscale -width 100 | pnmnoraw |
	    awk 'NR == 1 { next } NR == 2 { next } NR == 3 { next }
		{ for (i = 1; i <= NF; i++) { s += $i; q += $i * $i; n++ } }
		END { if (n == 0) print 0; else { m = s / n; print q / n - m * m } }'
}

# The measuring script: for each chart its name, laid-out width and
# height, and the number of marks drawn in it.
measure='<script>addEventListener("load",function(){var o=[];'\
'document.querySelectorAll("figure svg").forEach(function(s){'\
'var r=s.getBoundingClientRect();o.push(s.getAttribute("aria-labelledby")'\
'+" "+Math.round(r.width)+" "+Math.round(r.height)+" "+s.querySelectorAll('\
'"path,rect,polygon,polyline,line,circle,text").length)});'\
'var p=document.createElement("pre");p.id="mot-sizes";'\
'p.textContent=o.join("\\n");document.body.appendChild(p)})</script>'

check() {
	name=$1
	shift
	d=$tmp/$name
	"$MOT" analyze -q -o "$d" "$@" >/dev/null 2>"$d.err" ||
	    { bad "$name: mot exited $?:"; cat "$d.err"; return; }
	html=$d/report.html
	RENDER_PDF=$d.pdf sh "$srcdir/scripts/render-report" "$html" \
	    "$d.png" 1000 >/dev/null 2>"$d.render"
	rc=$?
	[ $rc = 77 ] && { echo "no Chromium: skipped"; exit 77; }
	[ $rc = 0 ] || { bad "$name: render-report exited $rc:"; cat "$d.render"; return; }

	# Every chart laid out, with something drawn in it.
	sed "s|</body>|$measure</body>|" "$html" >"$d/measure.html"
	RENDER_DOM=$d.dom sh "$srcdir/scripts/render-report" \
	    "$d/measure.html" "$d.m.png" 1000 >/dev/null 2>>"$d.render" ||
	    { bad "$name: the measuring render failed:"; cat "$d.render"; return; }
	sed -n '/<pre id="mot-sizes">/,/<\/pre>/p' "$d.dom" |
	    sed 's/<[^>]*>//g' | grep . >"$d.sizes"
	figs=$(grep -o '<figure class="fig"><svg ' "$html" | wc -l)
	laid=$(wc -l <"$d.sizes")
	[ "$figs" -ge 5 ] || bad "$name: $figs charts in report.html (5 at least)"
	[ "$laid" -eq "$figs" ] ||
	    bad "$name: $laid charts laid out of $figs in report.html"
	awk '$2 < 100 || $3 < 50 || $4 < 10' "$d.sizes" >"$d.small"
	[ -s "$d.small" ] && { bad "$name: charts empty or too small" \
	    "(name, width, height, marks):"; cat "$d.small"; }

	# The screenshot is not blank.
	v=$(pngtopnm "$d.png" | variance)
	awk -v v="$v" 'BEGIN { exit !(v > 100) }' ||
	    bad "$name: the screenshot is blank (variance $v)"

	# The print: pages in range, none blank.
	pages=$(pdfinfo "$d.pdf" | sed -n 's/^Pages: *//p')
	moments=$(grep -o '<h3 id="moment-[0-9]*"' "$html" | wc -l)
	lo=$((moments + 3))
	hi=$((4 * moments + 10))
	[ "${pages:-0}" -ge $lo ] && [ "${pages:-0}" -le $hi ] ||
	    bad "$name: $pages pages printed for $moments moments ($lo to $hi expected)"
	pdftoppm -gray -r 20 "$d.pdf" "$d.page"
	for p in "$d".page-*.pgm; do
		v=$(variance <"$p")
		awk -v v="$v" 'BEGIN { exit !(v > 10) }' ||
		    bad "$name: printed page ${p##*page-} is blank (variance $v)"
	done
	echo "$name: $figs charts laid out, $pages pages printed"
}

check shop -e "$srcdir/samples/shop/expectations.xml" --by region \
    "$srcdir/samples/shop/journeys.xml"
check service -e "$srcdir/samples/service/expectations.xml" --by category \
    "$srcdir/samples/service/journeys.xml"
exit $fail
