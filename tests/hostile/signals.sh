#!/bin/sh
# signals.sh - SIGHUP, SIGINT and SIGTERM while gnuplot draws the charts:
# mot ends its gnuplot processes (and what they started), removes every
# temporary file it made, and dies of the signal (exit status 128 + its
# number); the previous reports and charts in the folder are as they were,
# and the folder the new charts were drawn in is gone. The fake
# gnuplot (tests/fake-gnuplot) writes a marker file once it has started a
# picture and then sleeps: the signal is sent only after that, so the test
# does not depend on timing. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MOT=${MOT:-$srcdir/mot}
DATA=$srcdir/tests/data
FAKE=$srcdir/tests/fake-gnuplot
command -v perl >/dev/null 2>&1 || { echo "no perl: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-signals.XXXXXX") || exit 99
pids=
cleanup() {
	# Whatever a failing mot left running must not outlive the test.
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cd "$tmp" || exit 99

# A shell starts background jobs with SIGINT ignored: start mot from perl,
# with the three signals at their default, as a terminal would.
run_mot() {
	exec perl -e '$SIG{INT} = $SIG{HUP} = $SIG{TERM} = "DEFAULT";
	    exec { $ARGV[0] } @ARGV or exit 127' "$MOT" "$@"
}

# The processes of group $1 that are not zombies.
alive_in_group() {
	ps -e -o pgid=,pid=,stat= |
	    awk -v g="$1" '$1 == g && $3 !~ /^Z/ { printf " %s", $2 }'
}

# The previous reports: another input, so that the new ones would differ.
MOT_GNUPLOT=$FAKE "$MOT" analyze -q -e "$DATA/hand-exp.xml" -o prev \
    --charts png,svg "$DATA/hand.xml" >/dev/null 2>&1 ||
    { echo "cannot write the previous reports"; exit 99; }
awk -f "$srcdir/tests/gen-journeys.awk" -v seed=5 -v journeys=300 \
    -v rates="0.1 0.2 0.3" >new.xml
exp=$DATA/gen-exp.xml

for sig in HUP INT TERM; do
	case $sig in HUP) num=1;; INT) num=2;; TERM) num=15;; esac
	rm -rf out marker
	cp -R prev out
	MOT_GNUPLOT=$FAKE MOT_FAKE_GNUPLOT_SLEEP=60 \
	    MOT_FAKE_GNUPLOT_MARKER=$tmp/marker \
	    run_mot analyze -q -e "$exp" -o out --charts png,svg new.xml \
	    >/dev/null 2>err &
	pid=$!
	pids="$pids $pid"
	# Wait (at most 60 s) until a gnuplot has started a picture.
	i=0
	while [ ! -s marker ] && [ $i -lt 1200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if [ ! -s marker ]; then
		bad "SIG$sig: no gnuplot started: $(cat err)"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		continue
	fi
	sleep 0.1	# a second gnuplot may be starting too
	gps=$(cat marker)
	for p in $gps; do pids="$pids $p"; done
	kill -s "$sig" "$pid"
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" = $((128 + num)) ] && ok "SIG$sig: exit status $rc" ||
	    bad "SIG$sig: exit status $rc, not $((128 + num)): $(cat err)"
	# mot reaped its gnuplots before it died; what they started (their
	# process groups) was signalled too, and may take a moment to go.
	i=0
	while :; do
		left=
		for p in $(cat marker); do
			kill -0 "$p" 2>/dev/null && left="$left $p"
			left="$left$(alive_in_group "$p")"
		done
		[ -z "$left" ] || [ $i -ge 100 ] && break
		sleep 0.05
		i=$((i + 1))
	done
	[ -z "$left" ] && ok "SIG$sig: no gnuplot left running" ||
	    bad "SIG$sig: still running:$left"
	hidden=$(find out -name '.*' ! -name .mot-files | sort)
	[ -z "$hidden" ] && ok "SIG$sig: no temporary file or folder" ||
	    bad "SIG$sig: temporary files left: $hidden"
	# The new charts are drawn in a folder of their own (.charts.XXXXXX)
	# that replaces charts/ only once the reports are written: every
	# report and every chart file (.dat and .gp too) is the previous one.
	if diff -r prev out >diff.out 2>&1; then
		ok "SIG$sig: the previous reports and charts are as they were"
	else
		bad "SIG$sig: the previous reports changed:"; head diff.out
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
