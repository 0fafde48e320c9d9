#!/bin/sh
# special-files.sh - output names that are not regular files: a FIFO, a
# character device or /dev/stdout is written into (and stays what it was);
# a symbolic link, a folder or any other special file is never replaced
# (exit 73, the link and what it points to untouched); a write error on a
# device fails the run (74). For --json, --junit, --save-state and the
# reports of -o DIR. Run as root, it runs again as nobody (setpriv), since
# both must hold. The device that fails writes is a copy of /dev/full made
# with mknod in the test's folder as root, and /dev/full itself only for a
# user who cannot replace it. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-special.XXXXXX") || exit 99
readers=
cleanup() {
	for p in $readers; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
who=$(id -u)
[ "$who" = 0 ] && who=root || who="uid $who"
ok() { pass=$((pass + 1)); echo "ok ($who): $*"; }
bad() { fail=$((fail + 1)); echo "FAIL ($who): $*"; }
cd "$tmp" || exit 99
exp=$DATA/hand-exp.xml
in=$DATA/hand.xml

# What mot check says with a regular file, to compare.
"$MOT" check -e "$exp" --json plain.json --junit plain.xml "$in" \
    >plain.out 2>/dev/null
want=$?
[ -s plain.json ] && [ -s plain.xml ] ||
    { echo "mot check wrote no plain files"; exit 99; }

# Names in /dev are written only when mot cannot replace them: by a user
# who cannot write in /dev, or as root once mot has shown that it does not
# replace a symbolic link (were that broken, /dev/stdout would be next).
echo "keep me" >target
ln -s target probe.json
"$MOT" check -e "$exp" --json probe.json "$in" >/dev/null 2>&1
rc=$?
if [ ! -w /dev ] || { [ $rc = 73 ] && [ -L probe.json ]; }; then
	dev_ok=1
else
	dev_ok=
	echo "mot replaces a symbolic link: nothing in /dev is tried"
fi

# A FIFO read by cat into $2 (in the background).
fifo() {
	rm -f "$1" "$2"
	mkfifo "$1" || { echo "cannot make a FIFO"; exit 99; }
	cat "$1" >"$2" &
	readers="$readers $!"
	last=$!
}
# Wait (at most 5 s) for the readers: a FIFO that mot replaced has no
# writer, and its reader would wait for ever.
reap() {
	for p in $readers; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	readers=
}
is_fifo() { [ -p "$1" ] && [ ! -L "$1" ]; }

# 1. --json and --junit into FIFOs.
fifo out.json got.json
fifo out.xml got.xml
"$MOT" check -e "$exp" --json out.json --junit out.xml "$in" >/dev/null \
    2>err
rc=$?
reap
[ "$rc" = "$want" ] && cmp -s got.json plain.json && cmp -s got.xml plain.xml &&
    is_fifo out.json && is_fifo out.xml &&
    ok "--json and --junit into FIFOs: written, still FIFOs" ||
    bad "--json/--junit FIFO: exit $rc (want $want): $(cat err)"

# 2. --junit /dev/stdout, in a pipe and into a file.
if [ -n "$dev_ok" ]; then
"$MOT" check -e "$exp" --junit /dev/stdout "$in" 2>err | cat >piped
rc=$?
grep -q '<testsuites' piped && grep -q 'STATUS' piped &&
    ok "--junit /dev/stdout in a pipe" ||
    bad "--junit /dev/stdout: $(cat err)"
"$MOT" check -e "$exp" --junit /dev/stdout "$in" >file.out 2>err
rc=$?
[ "$rc" = "$want" ] && grep -q '<testsuites' file.out && [ -f file.out ] &&
    ok "--junit /dev/stdout into a file (exit $rc)" ||
    bad "--junit /dev/stdout > file: exit $rc: $(cat err)"

# 3. /dev/null stays a character device.
"$MOT" check -e "$exp" --json /dev/null --junit /dev/null "$in" \
    >/dev/null 2>err
rc=$?
[ "$rc" = "$want" ] && [ -c /dev/null ] &&
    ok "--json/--junit /dev/null (exit $rc)" ||
    bad "/dev/null: exit $rc: $(cat err)"
else
	echo "skipped ($who): /dev/stdout and /dev/null"
fi
# A null device of the test's own, as root.
if [ "$who" = root ] && mknod null c 1 3 2>/dev/null; then
	"$MOT" check -e "$exp" --json null "$in" >/dev/null 2>err
	rc=$?
	[ "$rc" = "$want" ] && [ -c null ] &&
	    ok "--json NULL-DEVICE: stays a device (exit $rc)" ||
	    bad "--json NULL-DEVICE: exit $rc: $(cat err)"
fi

# 4. --save-state into a FIFO: the same bytes as into a file.
"$MOT" analyze -q -e "$exp" --save-state plain.state "$in" >/dev/null 2>&1
fifo out.state got.state
"$MOT" analyze -q -e "$exp" --save-state out.state "$in" >/dev/null 2>err
rc=$?
reap
[ "$rc" = 0 ] && cmp -s got.state plain.state && is_fifo out.state &&
    ok "--save-state into a FIFO" || bad "--save-state FIFO: exit $rc: $(cat err)"

# 5. -o DIR whose report.json is a FIFO.
mkdir -p dir
fifo dir/report.json got-report.json
"$MOT" analyze -q -e "$exp" -o dir --charts none "$in" >/dev/null 2>err
rc=$?
reap
[ "$rc" = 0 ] && grep -q '"moments"' got-report.json &&
    is_fifo dir/report.json && [ -s dir/summary.txt ] &&
    ok "-o DIR with report.json a FIFO" || bad "-o DIR FIFO: exit $rc: $(cat err)"

# 6. Symbolic links are not replaced, nor followed to a file.
ln -s target link.json
"$MOT" check -e "$exp" --json link.json "$in" >/dev/null 2>err
rc=$?
[ "$rc" = 73 ] && [ -L link.json ] && [ "$(cat target)" = "keep me" ] &&
    grep -q 'link.json: is a symbolic link' err &&
    ok "--json SYMLINK: refused (73), link and target untouched" ||
    bad "--json SYMLINK: exit $rc: $(cat err)"
ln -s target link.state
"$MOT" analyze -q -e "$exp" --save-state link.state "$in" >/dev/null 2>err
rc=$?
[ "$rc" = 73 ] && [ -L link.state ] && [ "$(cat target)" = "keep me" ] &&
    ok "--save-state SYMLINK: refused (73)" ||
    bad "--save-state SYMLINK: exit $rc: $(cat err)"
rm -rf prev && mkdir prev && "$MOT" analyze -q -e "$exp" -o prev \
    --charts none "$in" >/dev/null 2>&1
cp -R prev before
rm prev/report.md && ln -s ../target prev/report.md
"$MOT" analyze -q -e "$DATA/worked-exp.xml" -o prev --charts none \
    "$DATA/worked.xml" >/dev/null 2>err
rc=$?
[ "$rc" = 73 ] && [ -L prev/report.md ] && [ "$(cat target)" = "keep me" ] &&
    diff -r -x report.md before prev >/dev/null &&
    [ -z "$(ls -A prev | grep '^\.' | grep -vx '\.mot-files')" ] &&
    ok "-o DIR with report.md a SYMLINK: refused (73), nothing replaced" ||
    bad "-o DIR SYMLINK: exit $rc: $(cat err)"

# 7. A symbolic link to a FIFO is written through.
fifo real.fifo got-link.json
ln -s real.fifo link-fifo.json
"$MOT" check -e "$exp" --json link-fifo.json "$in" >/dev/null 2>err
rc=$?
reap
[ "$rc" = "$want" ] && cmp -s got-link.json plain.json && [ -L link-fifo.json ] &&
    ok "--json SYMLINK-to-FIFO: written through" ||
    bad "--json SYMLINK-to-FIFO: exit $rc: $(cat err)"

# 8. A folder is not replaced.
mkdir adir
"$MOT" check -e "$exp" --json adir "$in" >/dev/null 2>err
rc=$?
[ "$rc" = 73 ] && [ -d adir ] && grep -q 'adir: is a folder' err &&
    ok "--json DIR: refused (73)" || bad "--json DIR: exit $rc: $(cat err)"

# 9. A write error on a device: reported, exit 74, the device left alone.
full=
if [ "$who" = root ]; then
	mknod full c 1 7 2>/dev/null && full=$tmp/full
elif [ -n "$dev_ok" ] && [ ! -w /dev ] && [ -c /dev/full ]; then
	full=/dev/full	# this user cannot replace it, whatever mot does
fi
if [ -n "$full" ]; then
	"$MOT" check -e "$exp" --json "$full" "$in" >/dev/null 2>err
	rc=$?
	[ "$rc" = 74 ] && [ -c "$full" ] &&
	    grep -q 'write error: No space left on device' err &&
	    ok "--json FULL-DEVICE: write error, exit 74" ||
	    bad "--json FULL-DEVICE: exit $rc: $(cat err)"
	"$MOT" analyze -q -e "$exp" --save-state "$full" "$in" >/dev/null 2>err
	rc=$?
	[ "$rc" = 74 ] && [ -c "$full" ] &&
	    ok "--save-state FULL-DEVICE: exit 74" ||
	    bad "--save-state FULL-DEVICE: exit $rc: $(cat err)"
else
	echo "skipped ($who): no full device to write to"
fi

# 10. The same as another user (run as root, as in CI).
if [ "$who" = root ] && [ -z "${MOT_SPECIAL_AGAIN:-}" ]; then
	if command -v setpriv >/dev/null 2>&1 &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    test -x "$MOT" -a -r "$DATA/hand.xml" 2>/dev/null; then
		TMPDIR=/tmp MOT_SPECIAL_AGAIN=1 setpriv --reuid=65534 \
		    --regid=65534 --clear-groups env MOT="$MOT" srcdir="$srcdir" \
		    sh "$srcdir/tests/hostile/special-files.sh"
		[ $? = 0 ] && ok "the same as nobody" || bad "as nobody"
	else
		echo "skipped: cannot run as nobody here"
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
