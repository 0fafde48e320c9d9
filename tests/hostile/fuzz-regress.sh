#!/bin/sh
# fuzz-regress.sh - replays every seed of the fuzz harnesses, and every
# input that once made one fail (fuzz/regressions/NAME/), through the
# harnesses built as plain programs (fuzz/fuzz_NAME): the same code as the
# libFuzzer build, without libFuzzer. Uses $srcdir and $MOT_WRAPPER.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top=$(cd "$(dirname "$MOT")" && pwd)
fail=0
MOT_FUZZ_SRCDIR=$srcdir
export MOT_FUZZ_SRCDIR
for h in journeys xes expectations time state baseline csv csvread csvprofile ocelread oceljson decomp split; do
	prog=$top/fuzz/fuzz_$h
	[ -x "$prog" ] || { echo "no $prog"; exit 99; }
	case $h in
	journeys) set -- "$srcdir"/tests/data/*.xml "$srcdir"/tests/data/*.gz \
	    "$srcdir"/tests/data/*.zst "$srcdir"/tests/data/*.xz \
	    "$srcdir"/tests/hostile/data "$srcdir"/samples/shop;;
	xes) set -- "$srcdir"/tests/data/*.xes;;
	expectations) set -- "$srcdir"/tests/data/*exp*.xml \
	    "$srcdir"/samples/shop/expectations.xml "$srcdir"/samples/xes;;
	time) set -- "$srcdir"/fuzz/seeds/time;;
	state) set -- "$srcdir"/fuzz/seeds/state;;
	baseline) set -- "$srcdir"/fuzz/seeds/baseline "$srcdir"/tests/data/*.json;;
	csv) set -- "$srcdir"/fuzz/seeds/csv;;
	csvread) set -- "$srcdir"/fuzz/seeds/csvread "$srcdir"/fuzz/seeds/csv;;
	ocelread) set -- "$srcdir"/samples/ocel/*.xmlocel "$srcdir"/tests/data/ocel/*.xmlocel;;
	oceljson) set -- "$srcdir"/samples/ocel/*.jsonocel;;
	decomp) set -- "$srcdir"/fuzz/seeds/decomp;;
	split) set -- "$srcdir"/fuzz/seeds/split;;
	csvprofile) set -- "$srcdir"/fuzz/seeds/csv "$srcdir"/samples/csv/*.csv \
	    "$srcdir"/tests/data/*.csv "$srcdir"/tests/data/*.tsv;;
	esac
	[ -d "$srcdir/fuzz/regressions/$h" ] && set -- "$@" "$srcdir/fuzz/regressions/$h"
	# shellcheck disable=SC2086
	if out=$(${MOT_WRAPPER:-} "$prog" "$@" 2>&1); then
		echo "ok: fuzz_$h: $(echo "$out" | tail -n 1)"
	else
		echo "FAIL: fuzz_$h:"; echo "$out" | tail -n 40
		fail=1
	fi
done
exit $fail
