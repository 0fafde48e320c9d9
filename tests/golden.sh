#!/bin/sh
# golden.sh - runs one end-to-end case, tests/cases/NAME.case, and compares
# what mot printed, wrote and returned with the expected files beside it:
#   NAME.case   lines "args: ...", "exit: N", optional "stdin: FILE",
#               optional "setup: SHELL" (run in $OUT first)
#   NAME.out    expected standard output (absent: must be empty)
#   NAME.err    expected standard error (absent: must be empty)
#   NAME.d/     expected files in the output folder $OUT (exactly these,
#               subfolders such as charts/ included)
# mot runs in tests/data; $OUT is a fresh folder, shown as OUT in outputs;
# the version is shown as VERSION. MOT_REGEN=1 rewrites the expected files.
# Charts are drawn by tests/fake-gnuplot: its pictures do not depend on
# gnuplot's version (tests/charts.sh runs the real one).
set -u
case_file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
srcdir=$(cd "${srcdir:-$(dirname "$0")/..}" && pwd)	# canonical: no ../ in outputs
MOT=${MOT:-$srcdir/mot}
MOT_GNUPLOT=$srcdir/tests/fake-gnuplot
export MOT_GNUPLOT
name=${case_file%.case}
base=$(basename "$name")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
OUT=$tmp/out
mkdir "$OUT"

args=$(sed -n 's/^args: //p' "$case_file")
want_rc=$(sed -n 's/^exit: //p' "$case_file")
stdin_file=$(sed -n 's/^stdin: //p' "$case_file")
setup=$(sed -n 's/^setup: //p' "$case_file")
[ -n "$want_rc" ] || { echo "$case_file: no 'exit:' line"; exit 99; }

version=$("$MOT" --version | sed 's/^mot //; s/\./\\./g')
args=$(printf '%s' "$args" | sed "s|\$OUT|$OUT|g; s|\$SAMPLES|$srcdir/samples|g")
if [ -n "$setup" ]; then
	(cd "$OUT" && eval "$setup") || { echo "$base: setup failed"; exit 99; }
fi

cd "$srcdir/tests/data" || exit 99
[ -n "$stdin_file" ] || stdin_file=/dev/null
# shellcheck disable=SC2086
eval "${MOT_WRAPPER:-} \"\$MOT\" $args" <"$stdin_file" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?

clean() {
	sed -e "s|$OUT|OUT|g" -e "s|$srcdir/samples|SAMPLES|g" \
	    -e "s|$version|VERSION|g" "$1"
}

fail=0
if [ "$rc" = 99 ] && [ -n "${MOT_WRAPPER:-}" ]; then
	echo "$base: valgrind reported errors:"; cat "$tmp/stderr"; exit 1
fi
if [ "$rc" != "$want_rc" ]; then
	echo "$base: exit status $rc, expected $want_rc"
	fail=1
fi
if [ "${MOT_REGEN:-}" = 1 ]; then
	clean "$tmp/stdout" >"$tmp/o"; clean "$tmp/stderr" >"$tmp/e"
	if [ -s "$tmp/o" ]; then cp "$tmp/o" "$name.out"; else rm -f "$name.out"; fi
	if [ -s "$tmp/e" ]; then cp "$tmp/e" "$name.err"; else rm -f "$name.err"; fi
	if [ -n "$(ls -A "$OUT")" ]; then
		rm -rf "$name.d"; mkdir "$name.d"
		(cd "$OUT" && find . -type f | sort) >"$tmp/files"
		while read -r f; do
			mkdir -p "$name.d/$(dirname "$f")"
			clean "$OUT/$f" >"$name.d/$f"
		done <"$tmp/files"
	fi
	exit $fail
fi
for stream in out err; do
	[ $stream = out ] && got=$tmp/stdout || got=$tmp/stderr
	want=$name.$stream
	[ -f "$want" ] || want=/dev/null
	if ! clean "$got" | diff -u "$want" - >"$tmp/diff"; then
		echo "$base: standard $stream differs:"; cat "$tmp/diff"
		fail=1
	fi
done
if [ -d "$name.d" ]; then
	(cd "$name.d" && find . -type f | sort) >"$tmp/files"
	while read -r f; do
		g=$OUT/$f
		if [ ! -f "$g" ]; then
			echo "$base: ${f#./} was not written"; fail=1
		elif ! clean "$g" | diff -u "$name.d/$f" - >"$tmp/diff"; then
			echo "$base: ${f#./} differs:"; cat "$tmp/diff"
			fail=1
		fi
	done <"$tmp/files"
fi
# No stray files (temporary files of an atomic write, unexpected reports).
(cd "$OUT" && find . -type f | sort) >"$tmp/files"
while read -r g; do
	[ -f "$name.d/$g" ] && continue
	case $setup in *"$(basename "$g")"*) continue;; esac
	echo "$base: unexpected file ${g#./}"; fail=1
done <"$tmp/files"
exit $fail
