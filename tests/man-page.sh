#!/bin/sh
# man-page.sh - the man page made from --help (help2man, man/mot.x) names
# XES, gives each command's synopsis a line of its own, and says no
# sentence twice before the options (the NAME line included). Uses $srcdir
# (the page is shipped: man/mot.1 in the build or the source folder).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
page=man/mot.1
[ -f "$page" ] || page=$srcdir/man/mot.1
[ -f "$page" ] || { echo "no man/mot.1"; exit 99; }
fail=0

# In the description, not only in an option's help (--classifier).
if ! sed -n '/^\.SH DESCRIPTION/,/^\.TP/p' "$page" | grep -q 'XES'; then
	echo "FAIL: the man page's description never mentions XES"
	fail=1
fi

# SYNOPSIS: one ".B mot" per command mot --help lists, each on its own line.
cmds=$("${MOT:-$srcdir/mot}" --help | sed -n 's/^\(Usage:\|  or:\) *mot \([a-z]*\) .*/\2/p')
want=$(echo $cmds | wc -w)
n=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page" | grep -c '^\.B mot$')
for cmd in $cmds; do
	if ! sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page" |
	    grep -q "^.*\\\\,$cmd "; then
		echo "FAIL: no synopsis line for mot $cmd"
		fail=1
	fi
done
if [ "$want" -lt 6 ] || [ "$n" -ne "$want" ]; then
	echo "FAIL: $n synopses in SYNOPSIS, want $want, one line each"
	fail=1
fi
if sed -n '/^\.SH DESCRIPTION/,/^\.TP/p' "$page" | grep -q '^mot analyze '; then
	echo "FAIL: the command synopses run into a paragraph of DESCRIPTION"
	fail=1
fi

# No sentence of the NAME and DESCRIPTION (up to the first option) twice.
dups=$(sed -n '/^\.SH NAME/,/^\.TP/p' "$page" | grep -v '^\.\\"' |
    sed 's/^\.[A-Z][A-Z]* *//; s/\\f.//g; s/\\(em/-/g; s/\\-/-/g' |
    tr '\n' ' ' | sed 's/^mot - //' |
    awk 'BEGIN { RS = "[.:;] +" } {
	s = tolower($0); gsub(/[^a-z0-9 ]/, "", s); gsub(/  +/, " ", s)
	sub(/^ /, "", s); sub(/ $/, "", s)
	if (length(s) < 25) next
	# a sentence that holds another (the NAME line in a longer one)
	for (o in seen)
		if (index(s, o) || index(o, s)) { print s; next }
	seen[s] = 1
    }')
if [ -n "$dups" ]; then
	echo "FAIL: said twice in the man page: $dups"
	fail=1
fi
[ $fail -eq 0 ] && echo "ok: the man page names XES, has $want synopses, repeats nothing"
exit $fail
