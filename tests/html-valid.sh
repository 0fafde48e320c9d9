#!/bin/sh
# html-valid.sh - report.html is valid HTML5, inline SVG charts and all, by
# the W3C Nu Html Checker (vnu.jar, run with --errors-only): the reports of
# the two samples (samples/shop by region, samples/service by category),
# one of names built to break markup, and one whose charts could not be
# drawn; their links resolve, in report.html and report.md alike, and
# each glossary term is linked at most once; and none shows nan, inf or a
# local folder. xmllint's HTML parser is HTML4's and knows no <svg>.
# Skipped (77) without Java or the checker's jar (scripts/install-deps
# --report-tools installs both); VNU_JAR names the jar.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
unset MOT_GNUPLOT
command -v java >/dev/null 2>&1 || { echo "no java: skipped"; exit 77; }
jar=${VNU_JAR:-}
if [ -z "$jar" ]; then
	for j in "$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar" \
	    /usr/lib/node_modules/vnu-jar/build/dist/vnu.jar \
	    /usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar; do
		if [ -f "$j" ]; then jar=$j; break; fi
	done
fi
[ -n "$jar" ] && [ -f "$jar" ] || { echo "no vnu.jar: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-html-valid.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "html-valid.sh: $*"; fail=1; }

run() {
	name=$1
	shift
	"$MOT" analyze -q -o "$tmp/$name" "$@" >/dev/null 2>"$tmp/$name.err"
	rc=$?
	# 69: no gnuplot here, or none on purpose; the report is written.
	[ $rc = 0 ] || [ $rc = 69 ] ||
	    { bad "$name: mot exited $rc:"; cat "$tmp/$name.err"; }
	[ -s "$tmp/$name/report.html" ] || bad "$name: no report.html"
}

run shop -e "$srcdir/samples/shop/expectations.xml" --by region \
    "$srcdir/samples/shop/journeys.xml"
run service -e "$srcdir/samples/service/expectations.xml" --by category \
    "$srcdir/samples/service/journeys.xml"
run nogp --gnuplot /nonexistent/gnuplot \
    -e "$srcdir/samples/shop/expectations.xml" \
    "$srcdir/samples/shop/journeys.xml"

# Names that would be markup, in every place a name is written.
cat >"$tmp/exp.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<expectations version="1">
  <moment id="m1" name="&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;q&quot;"
          stage="&lt;b&gt;bold&lt;/b&gt; ]]&gt; --&gt;" from="order-placed"
          to="order-confirmed" desired="PT2M" adequate="PT15M" objective="0.95"/>
  <moment id="m2" name="id=&quot;gpPt0&quot; url(#gpPt1) &lt;!-- x"
          from="order-placed" to="delivered" desired="P1D" adequate="P2D"/>
</expectations>
EOF
sh "$srcdir/tests/seg-journeys" '&lt;/text&gt;&lt;/svg&gt;&lt;img src=x&gt;' \
    'a&amp;b &quot;c&quot;' '&lt;!-- x --&gt;' \
    >"$tmp/journeys.xml"
run hostile -e "$tmp/exp.xml" --by segment "$tmp/journeys.xml"
grep -qi '<script\|<img' "$tmp/hostile/report.html" &&
    bad "hostile: markup from the input reached report.html"

# Links: every href="#x" in report.html has its id="x" (once), every
# (#x) link of report.md its <a id="x">, and both link the same targets
# (the glossary's terms, each linked at its first use, and the moments).
links() {
	grep -o "$2" "$1" | sed 's/.*#//; s/[")]$//' | sort
}
for n in shop service nogp hostile; do
	h=$tmp/$n/report.html
	m=$tmp/$n/report.md
	[ -s "$h" ] && [ -s "$m" ] || { bad "$n: no report.html or report.md"; continue; }
	grep -o ' id="[^"]*"' "$h" | sed 's/ id="//; s/"$//' | sort >"$tmp/ids"
	dup=$(uniq -d "$tmp/ids")
	[ -z "$dup" ] || bad "$n: ids used twice in report.html: $dup"
	links "$h" 'href="#[^"]*"' | uniq >"$tmp/hrefs"
	miss=$(sort -u "$tmp/ids" | comm -13 - "$tmp/hrefs")
	[ -z "$miss" ] || bad "$n: report.html links to no id: $miss"
	grep -o '<a id="[^"]*"></a>' "$m" | sed 's/<a id="//; s/".*//' |
	    sort -u >"$tmp/mdids"
	links "$m" '](#[^)]*)' | uniq >"$tmp/mdlinks"
	miss=$(comm -13 "$tmp/mdids" "$tmp/mdlinks")
	[ -z "$miss" ] || bad "$n: report.md links to no anchor: $miss"
	links "$h" '<a href="#[^"]*"' >"$tmp/hlinks"
	links "$m" '](#[^)]*)' >"$tmp/mlinks"
	cmp -s "$tmp/hlinks" "$tmp/mlinks" ||
	    bad "$n: report.html and report.md do not link the same: $(diff \
	    "$tmp/hlinks" "$tmp/mlinks" | grep '^[<>]' | head -5 | tr '\n' ' ')"
	grep -q '<h2 id="glossary">' "$h" || bad "$n: no glossary in report.html"
	for g in $(grep -o '<dfn id="[^"]*"' "$h" | sed 's/.*id="//; s/"$//'); do
		c=$(grep -o "<a href=\"#$g\"" "$h" | wc -l)
		[ "$c" -le 1 ] || bad "$n: $g linked $c times in report.html"
	done
done

# No local folder in a client report: the files were named by absolute
# paths here, and the reports show them relative or by their last part.
for n in shop service nogp hostile; do
	grep -l -e "$srcdir/" -e "$tmp/" "$tmp/$n/report.html" "$tmp/$n/report.md" \
	    >"$tmp/abs" 2>/dev/null && bad "$n: an absolute path in $(cat "$tmp/abs")"
done

# No figure printed as nan or inf: a missing one is a dash with its reason.
for n in shop service nogp hostile; do
	grep -Ewi -e 'nan' -e '-?inf(inity)?' "$tmp/$n/report.html" \
	    "$tmp/$n/report.md" >"$tmp/nan" && { bad "$n: nan or inf:"; head -3 "$tmp/nan"; }
done

# The checker, once for all four (it takes seconds to start).
files=
for n in shop service nogp hostile; do
	[ -s "$tmp/$n/report.html" ] && files="$files $tmp/$n/report.html"
done
# shellcheck disable=SC2086
java -jar "$jar" --errors-only $files >"$tmp/vnu" 2>&1
rc=$?
if [ $rc != 0 ] || [ -s "$tmp/vnu" ]; then
	bad "the Nu checker (exit $rc) reports:"
	sed "s|$tmp/||g" "$tmp/vnu" | head -40
fi
exit $fail
