#!/bin/sh
# full-disk.sh - reports on a full disk: a small tmpfs holds the reports of
# a previous run, then is filled up; a new run must fail with exit status
# 74 (an I/O error), say which file it could not write, leave the previous
# reports byte for byte and no temporary file. The tmpfs is mounted in a
# user namespace (unshare -rm), or directly when root; where neither is
# allowed the test is skipped (77). Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
export MOT DATA srcdir

if [ "${1:-}" != inner ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-full.XXXXXX") || exit 99
	trap 'rm -rf "$tmp"' EXIT
	export tmp
	if command -v unshare >/dev/null 2>&1 &&
	    unshare -rm true 2>/dev/null; then
		unshare -rm sh "$0" inner
		exit $?
	elif [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$tmp" \
	    2>/dev/null; then
		umount "$tmp"
		sh "$0" inner
		exit $?
	fi
	echo "cannot mount a small tmpfs here: skipped"
	exit 77
fi

# Inside: mount, fill, run.
mnt=$tmp/mnt
mkdir -p "$mnt"
mount -t tmpfs -o size=512k tmpfs "$mnt" || { echo "mount failed: skipped"; exit 77; }
trap 'umount "$mnt" 2>/dev/null' EXIT
fail=0
"$MOT" analyze -q -e "$DATA/hand-exp.xml" -o "$mnt/out" --charts none \
    --format text,json,csv "$DATA/hand.xml" >/dev/null || exit 99
cp -R "$mnt/out" "$tmp/prev"
# Fill the disk, leaving a few bytes: room for empty temporary files only.
dd if=/dev/zero of="$mnt/filler" bs=1k 2>/dev/null
"$MOT" analyze -e "$srcdir/samples/shop/expectations.xml" -o "$mnt/out" --charts none \
    --format text,json,csv "$srcdir/samples/shop/journeys.xml" \
    >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" = 74 ]; then
	echo "ok: exit status 74 on a full disk"
else
	echo "FAIL: exit status $rc on a full disk, expected 74"; fail=1
fi
if grep -q 'write error: No space left on device' "$tmp/err"; then
	echo "ok: $(cat "$tmp/err")"
else
	echo "FAIL: no \"No space left on device\" message:"; cat "$tmp/err"
	fail=1
fi
if diff -r "$tmp/prev" "$mnt/out" >/dev/null; then
	echo "ok: the previous reports are byte for byte as they were"
else
	echo "FAIL: the previous reports changed"; fail=1
fi
if ls -A "$mnt/out" | grep '^\.' | grep -qvx '\.mot-files'; then
	echo "FAIL: temporary files left: $(ls -A "$mnt/out")"; fail=1
else
	echo "ok: no temporary file"
fi
exit $fail
