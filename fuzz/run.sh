#!/bin/sh
# fuzz/run.sh - builds the libFuzzer harnesses with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, replays the regressions (fuzz/regressions/
# NAME/), then fuzzes each harness for SECONDS, seeded with tests/data,
# tests/hostile/data and samples, and says how many executions ran and
# whether anything was found. Skips (exit 0) without clang's libFuzzer.
#
#	fuzz/run.sh [-t SECONDS] [-j JOBS] [HARNESS...]
#
# HARNESS is journeys, xes, expectations, time, state, baseline, csv,
# csvread, csvprofile, ocelread, oceljson, decomp or split
# (default: all). Run from
# the build folder (it needs config.h); $srcdir is the source folder. The
# corpus grows in fuzz-work/corpus/NAME, so each run goes on where the
# last stopped; a crash is saved as fuzz-work/NAME-crash-*: copy it to
# fuzz/regressions/NAME/ once fixed. docs/robustness.md says more.
set -u
seconds=60
jobs=$(nproc 2>/dev/null || echo 2)
while getopts t:j: o; do
	case $o in
	t) seconds=$OPTARG;;
	j) jobs=$OPTARG;;
	*) echo "usage: fuzz/run.sh [-t SECONDS] [-j JOBS] [HARNESS...]"; exit 64;;
	esac
done
shift $((OPTIND - 1))
harnesses=${*:-journeys xes expectations time state baseline csv csvread csvprofile ocelread oceljson decomp split}
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=$(pwd)
CLANG=${CLANG:-clang}
work=$builddir/fuzz-work
[ -f "$builddir/config.h" ] || { echo "fuzz/run.sh: no config.h here: run it from a configured build folder"; exit 2; }

mkdir -p "$work/obj" "$work/corpus"
cat >"$work/probe.c" <<'EOP'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return (0); }
EOP
if ! command -v "$CLANG" >/dev/null 2>&1 || ! "$CLANG" -fsanitize=fuzzer \
    -o "$work/probe" "$work/probe.c" >/dev/null 2>&1; then
	echo "fuzz: no clang with libFuzzer ($CLANG): skipped."
	echo "fuzz: on Debian, apt-get install clang libclang-rt-14-dev"
	exit 0
fi

pc="libxml-2.0 zlib libzstd liblzma json-c libxxhash yajl sqlite3"
grep -q '^#define HAVE_ISAL 1' "$builddir/config.h" && pc="$pc libisal"
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer \
-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
-I$builddir -I$srcdir/src -I$srcdir/fuzz $(pkg-config --cflags $pc)"
MOT_FUZZ_SRCDIR=$srcdir
export MOT_FUZZ_SRCDIR
libs="$(pkg-config --libs $pc) -lm -lpthread"

# Compile what changed: the library (all of src/ but main.c) and fuzz/
# (xargs -r: nothing at all when nothing changed).
echo "fuzz: building with $("$CLANG" --version | head -n 1)"
for f in "$srcdir"/src/*.c "$srcdir"/fuzz/fuzz-*.c; do
	case $f in */main.c) continue;; esac
	o=$work/obj/$(basename "$f" .c).o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$srcdir/src" -nt "$o" ]; then
		echo "$f $o"
	fi
done >"$work/todo"
# shellcheck disable=SC2086
if ! xargs -r -P "$jobs" -n 2 sh -c "$CLANG $cflags -c -o \"\$1\" \"\$0\"" \
    <"$work/todo"; then
	echo "fuzz: build failed"
	exit 2
fi
lib=
for f in "$srcdir"/src/*.c; do
	case $f in */main.c) continue;; esac
	lib="$lib $work/obj/$(basename "$f" .c).o"
done
obj() { echo "$work/obj/$1.o"; }
for h in $harnesses; do
	case $h in
	journeys|xes|csvread|ocelread|oceljson) o="$(obj fuzz-read-$h) $(obj fuzz-file)";;
	expectations) o="$(obj fuzz-expectations) $(obj fuzz-file)";;
	time) o="$(obj fuzz-time) $(obj fuzz-file)";;
	state) o="$(obj fuzz-state) $(obj fuzz-file)";;
	baseline) o="$(obj fuzz-baseline) $(obj fuzz-file)";;
	csv) o="$(obj fuzz-csv) $(obj fuzz-file)";;
	csvprofile) o="$(obj fuzz-csvprofile) $(obj fuzz-file)";;
	decomp) o="$(obj fuzz-decomp) $(obj fuzz-file)";;
	split) o="$(obj fuzz-split) $(obj fuzz-file)";;
	*) echo "fuzz: no harness $h"; exit 64;;
	esac
	case $h in
	journeys|xes|csvread|ocelread|oceljson)
		e=samples/shop/expectations.xml extra=
		[ "$h" = xes ] && e=tests/data/xes-exp.xml
		[ "$h" = csvread ] && e=tests/data/csv-fuzz-exp.xml \
		    extra="-DFUZZ_BY=\"tier\" -DFUZZ_FORMAT_IN=READ_IN_CSV"
		[ "$h" = ocelread ] && e=samples/ocel/expectations.xml \
		    extra="-DFUZZ_BY=\"qualifier\" -DFUZZ_FORMAT_IN=READ_IN_OCEL"
		[ "$h" = oceljson ] && e=samples/ocel/expectations.xml \
		    extra="-DFUZZ_BY=\"qualifier\" -DFUZZ_FORMAT_IN=READ_IN_OCEL_JSON"
		# shellcheck disable=SC2086
		"$CLANG" $cflags -DFUZZ_EXP="\"$e\"" $extra -c \
		    -o "$(obj fuzz-read-$h)" "$srcdir/fuzz/fuzz-read.c" ||
		    exit 2;;
	esac
	# shellcheck disable=SC2086
	"$CLANG" -fsanitize=fuzzer,address,undefined -o "$work/fuzz_$h" \
	    $o $lib $libs || { echo "fuzz: cannot link fuzz_$h"; exit 2; }
done

# Seeds: the test and sample files of each kind.
seeds() {
	case $1 in
	journeys) ls "$srcdir"/tests/data/*.xml "$srcdir"/tests/data/*.gz \
	    "$srcdir"/tests/data/*.zst "$srcdir"/tests/data/*.xz \
	    "$srcdir"/tests/hostile/data/*.xml "$srcdir"/samples/shop/*.xml;;
	xes) ls "$srcdir"/tests/data/*.xes "$srcdir"/tests/hostile/data/*.xml;;
	expectations) ls "$srcdir"/tests/data/*exp*.xml \
	    "$srcdir"/tests/hostile/data/*exp*.xml \
	    "$srcdir"/samples/shop/expectations.xml "$srcdir"/samples/xes/*.xml;;
	time) ls "$srcdir"/fuzz/seeds/time/*;;
	state) ls "$srcdir"/fuzz/seeds/state/*;;
	baseline) ls "$srcdir"/fuzz/seeds/baseline/* "$srcdir"/tests/data/*.json;;
	csv) ls "$srcdir"/fuzz/seeds/csv/*;;
	csvread) ls "$srcdir"/fuzz/seeds/csvread/* "$srcdir"/fuzz/seeds/csv/*;;
	ocelread) ls "$srcdir"/samples/ocel/*.xmlocel "$srcdir"/tests/data/ocel/*.xmlocel;;
	oceljson) ls "$srcdir"/samples/ocel/*.jsonocel;;
	split) ls "$srcdir"/fuzz/seeds/split/*;;
	decomp) ls "$srcdir"/fuzz/seeds/decomp/* "$srcdir"/tests/data/*.gz \
	    "$srcdir"/tests/data/*.zst "$srcdir"/tests/data/*.xz \
	    "$srcdir"/tests/hostile/data/*.gz "$srcdir"/tests/hostile/data/*.zst \
	    "$srcdir"/tests/hostile/data/*.xz;;
	csvprofile) ls "$srcdir"/fuzz/seeds/csv/* "$srcdir"/samples/csv/*.csv \
	    "$srcdir"/tests/data/*.csv "$srcdir"/tests/data/*.tsv;;
	esac 2>/dev/null
}

fail=0
: >"$work/torun"
for h in $harnesses; do
	mkdir -p "$work/corpus/$h" "$work/seeds/$h"
	seeds "$h" | while read -r f; do
		cp "$f" "$work/seeds/$h/" 2>/dev/null
	done
	if [ -d "$srcdir/fuzz/regressions/$h" ] &&
	    [ -n "$(ls "$srcdir/fuzz/regressions/$h")" ]; then
		if ! "$work/fuzz_$h" -runs=0 "$srcdir"/fuzz/regressions/$h/* \
		    >"$work/$h.regress.log" 2>&1; then
			echo "fuzz: $h: a regression fails again:"
			tail -n 30 "$work/$h.regress.log"
			fail=1
			continue
		fi
	fi
	echo "$h" >>"$work/torun"
done
[ "$fail" = 0 ] || exit 1
echo "fuzz: $(wc -l <"$work/torun") harnesses, $seconds s each, $jobs at a time"
# shellcheck disable=SC2016
xargs -P "$jobs" -I{} sh -c '
	h={}
	dict=
	case $h in
	journeys|xes|expectations) dict=-dict='"$srcdir"'/fuzz/xml.dict;;
	esac
	cd '"$work"' && ./fuzz_$h -max_total_time='"$seconds"' -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix='"$work"'/$h- $dict corpus/$h seeds/$h \
	    >$h.log 2>&1
	echo $? >$h.rc' <"$work/torun"

echo
printf '%-14s %12s %8s %8s  %s\n' harness executions seconds corpus result
for h in $harnesses; do
	log=$work/$h.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	corp=$(ls "$work/corpus/$h" | wc -l)
	if [ "$(cat "$work/$h.rc" 2>/dev/null)" = 0 ]; then
		result="no finding"
	else
		result="FINDING: $(ls "$work"/$h-* 2>/dev/null | head -n 1)"
		fail=1
	fi
	printf '%-14s %12s %8s %8s  %s\n' "$h" "${runs:-?}" "${secs:-?}" \
	    "$corp" "$result"
done
if [ "$fail" != 0 ]; then
	for h in $harnesses; do
		[ "$(cat "$work/$h.rc" 2>/dev/null)" = 0 ] && continue
		echo; echo "== $h:"; grep -A 30 -m 1 -E 'ERROR|runtime error|deadly signal' "$work/$h.log"
	done
fi
exit $fail
