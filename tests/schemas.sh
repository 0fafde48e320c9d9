#!/bin/sh
# schemas.sh - the shipped RELAX NG schemas accept the samples and the
# valid test inputs, and mot accepts every file the schemas accept.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
command -v xmllint >/dev/null 2>&1 || { echo "xmllint missing: skipped"; exit 77; }
fail=0
check() {	# schema file
	if ! xmllint --noout --relaxng "$srcdir/docs/schemas/$1" "$2" 2>/tmp/mot-schemas.$$; then
		echo "FAIL: $2 does not match $1:"; cat /tmp/mot-schemas.$$; fail=1
	fi
	if ! "$MOT" validate -q "$2" >/tmp/mot-schemas.$$ 2>&1; then
		echo "FAIL: mot validate rejects $2:"; cat /tmp/mot-schemas.$$; fail=1
	fi
	rm -f /tmp/mot-schemas.$$
}
for f in "$srcdir"/samples/*/journeys.xml "$srcdir"/tests/data/valid-*journeys*.xml; do
	[ -f "$f" ] && check journeys.rng "$f"
done
for f in "$srcdir"/samples/*/expectations.xml "$srcdir"/tests/data/valid-*exp*.xml; do
	[ -f "$f" ] && check expectations.rng "$f"
done
# Expectations with a <csv> mapping (docs/format.md#csv); these must exist.
for f in "$srcdir"/tests/hostile/data/csv-exp.xml "$srcdir"/tests/data/csv-fuzz-exp.xml \
    "$srcdir"/tests/data/gen-exp-csv.xml "$srcdir"/tests/data/csv-tp-attr-exp.xml \
    "$srcdir"/tests/data/csv-promised-by-exp.xml; do
	if [ -f "$f" ]; then check expectations.rng "$f"; else echo "FAIL: $f missing"; fail=1; fi
done
exit $fail
