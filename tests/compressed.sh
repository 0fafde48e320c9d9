#!/bin/sh
# compressed.sh - a journeys file and its gzip, zstd and xz copies
# (tests/data/hand.xml*, told apart by their magic bytes, not their names)
# give the same reports: moments.csv and occurrences.csv byte for byte,
# report.json but for the input's path, size and gzip flag; and so do
# the same copies on standard input, and without the decompression thread
# (MOT_INPUT_THREADS=0). Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-compressed.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
d=$srcdir/tests/data
fail=0
run() {	# NAME ARGS...: mot analyze into $tmp/NAME
	name=$1
	shift
	if ! "$MOT" analyze -q -e "$d/hand-exp.xml" -o "$tmp/$name" \
	    --format json,csv --charts none "$@" >"$tmp/out" 2>&1; then
		echo "FAIL: $name: $(head -n 3 "$tmp/out")"
		fail=1
		return 1
	fi
	grep -v -e '^      "path": ' -e '^      "bytes": ' -e '^      "gzip": ' \
	    "$tmp/$name/report.json" >"$tmp/$name/report.s"
}
run plain "$d/hand.xml"
for z in gz zst xz; do
	cp "$d/hand.xml.$z" "$tmp/renamed.$z.data"	# the name says nothing
	run "$z" "$tmp/renamed.$z.data" || continue
	run "$z-stdin" - <"$d/hand.xml.$z" || continue
	MOT_INPUT_THREADS=0 run "$z-one-thread" "$tmp/renamed.$z.data" ||
	    continue
	for v in "$z" "$z-stdin" "$z-one-thread"; do
		for k in moments.csv occurrences.csv report.s; do
			if cmp -s "$tmp/plain/$k" "$tmp/$v/$k"; then
				echo "ok: $v: $k as the plain file's"
			else
				echo "FAIL: $v: $k differs from the plain file's"
				diff "$tmp/plain/$k" "$tmp/$v/$k" | head -n 10
				fail=1
			fi
		done
	done
done
exit $fail
