#!/bin/sh
# ocel-formats.sh - the shop's OCEL 2.0 log in its three formats (XML,
# JSON, SQLite: samples/ocel/shop.*, the same log written by
# scripts/make-ocel-samples) gives the same reports: moments.csv and
# occurrences.csv byte for byte, report.json but for the input's path and
# size; with no breakdown, by a journey attribute that changes over time
# (segment), by the relation's qualifier and by an event attribute. Uses
# $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-ocel.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
s=$srcdir/samples/ocel
fail=0
for by in "" segment qualifier resource; do
	for f in xmlocel jsonocel sqlite; do
		set -- analyze -q -e "$s/expectations.xml" -o "$tmp/$f$by" \
		    --format json,csv --charts none
		[ -n "$by" ] && set -- "$@" --by "$by"
		if ! "$MOT" "$@" "$s/shop.$f" >"$tmp/out" 2>&1; then
			echo "FAIL: mot analyze ${by:+--by $by }shop.$f:"
			cat "$tmp/out"
			fail=1
			continue
		fi
		grep -v -e '^      "path": ' -e '^      "bytes": ' \
		    "$tmp/$f$by/report.json" >"$tmp/$f$by/report.s"
	done
	for f in jsonocel sqlite; do
		for k in moments.csv occurrences.csv report.s; do
			if cmp -s "$tmp/xmlocel$by/$k" "$tmp/$f$by/$k"; then
				echo "ok: ${by:+--by $by: }shop.$f: $k as the XML's"
			else
				echo "FAIL: ${by:+--by $by: }shop.$f: $k differs from the XML's:"
				diff "$tmp/xmlocel$by/$k" "$tmp/$f$by/$k" | head -n 10
				fail=1
			fi
		done
	done
done
exit $fail
