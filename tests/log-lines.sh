#!/bin/sh
# log-lines.sh - every message on standard error is one whole line: with
# four readers (-j 4) logging at once over many files, some of them bad and
# some named with a newline, an escape and a byte that is not UTF-8, each
# line of standard error is exactly one of the messages mot was to print,
# none cut, joined or forged; and so is each line mot validate prints. With
# strace, also checks that each message is written with a single write(2)
# (which is what keeps readers' lines from interleaving, however the
# threads run).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
EXP=$srcdir/tests/data/hand-exp.xml
N=${LOG_LINES_FILES:-240}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-log-lines.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
nl='
'

# Files: every third one has a journey with a bad date (a warning each),
# every fifth one's name has a newline, an escape and a bad byte in it.
mkdir "$tmp/in"
i=0
while [ $i -lt $N ]; do
	name=$(printf 'f%04d-a-long-name-so-that-each-message-takes-a-while-to-write' $i)
	[ $((i % 5)) = 0 ] && name="$name${nl}mot: warning: forged $(printf '\033[2J\377')"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<journeys version="1">'
		if [ $((i % 3)) = 0 ]; then
			echo "<journey id=\"bad-$i&#10;mot: forged\">"
			echo '<touchpoint name="order-placed" at="2026-02-30T09:00:00Z"/>'
			echo '</journey>'
		fi
		echo "<journey id=\"j-$i\">"
		echo '<touchpoint name="order-placed" at="2026-10-01T09:00:00Z"/>'
		echo '<touchpoint name="order-confirmed" at="2026-10-01T09:03:00Z"/>'
		echo '</journey></journeys>'
	} >"$tmp/in/$name.xml"
	i=$((i + 1))
done

# The messages: a "reading" line per file (from the readers, at once), a
# warning per file with a bad journey (the first 10, REJECT_SHOWN), and three at the end.
run() {
	"$@" analyze -v -j 4 -e "$EXP" "$tmp"/in/*.xml >/dev/null 2>"$tmp/stderr"
}
rounds=${LOG_LINES_ROUNDS:-5}
r=0
while [ $r -lt $rounds ]; do
	run "$MOT" || { bad "round $r: mot failed"; break; }
	awk -v n="$N" '
	    /^mot: reading .*\/in\/f[0-9][0-9][0-9][0-9]-a-long-name-so-that-each-message-takes-a-while-to-write(\\nmot: warning: forged \\x1b\[2J\\xff)?\.xml$/ {
		reading++; next }
	    /^mot: .*: read by one reader/ { next }
	    /^mot: warning: .*\/in\/f[0-9]+-[^ ]*(\\nmot: warning: forged \\x1b\[2J\\xff)?\.xml:4: journey "bad-[0-9]+\\nmot: forged" skipped: at="2026-02-30T09:00:00Z": no such date$/ {
		warned++; next }
	    /^mot: warning: [0-9]+ journeys skipped in all/ { next }
	    /^mot: warning: .*\/hand-exp\.xml:[0-9]+: moment "[a-z-]+": no journey has touchpoint "[a-z-]+"( \(did you mean [^?]*\?\))?$/ { next }
	    { print "not a whole message: " $0; badl++ }
	    END {
		if (reading != n) { print "reading lines: " reading ", files: " n; badl++ }
		if (warned != 10) { print "warnings: " warned ", expected 10"; badl++ }
		exit badl > 0
	    }' "$tmp/stderr" >"$tmp/why" ||
	    { bad "round $r: standard error is not whole lines"; head -5 "$tmp/why"; break; }
	r=$((r + 1))
done
[ $r = "$rounds" ] && pass=$((pass + 1))

# mot validate: a line per bad time and per file with rejected journeys.
"$MOT" validate -q "$tmp"/in/*.xml >"$tmp/stdout" 2>&1
[ $? = 65 ] || bad "validate: exit status $?, expected 65"
awk -v n="$N" '
    /^.*\/in\/f[0-9]+-[^ ]*(\\nmot: warning: forged \\x1b\[2J\\xff)?\.xml:4: error: at="2026-02-30T09:00:00Z": no such date$/ {
	errors++; next }
    /^.*\/in\/f[0-9]+-[^ ]*(\\nmot: warning: forged \\x1b\[2J\\xff)?\.xml: 1 of 2 journeys would be rejected$/ {
	rejected++; next }
    { print "not a whole problem: " $0; badl++ }
    END {
	if (errors != int((n + 2) / 3) || rejected != errors) {
		print errors " errors, " rejected " rejections"; badl++
	}
	exit badl > 0
    }' "$tmp/stdout" >"$tmp/why" && pass=$((pass + 1)) ||
    { bad "validate: its output is not whole lines"; head -5 "$tmp/why"; }

# One write per message, whatever the timing: strace sees every write.
if command -v strace >/dev/null 2>&1 &&
    strace -f -qq -e trace=none true >/dev/null 2>&1; then
	# LeakSanitizer cannot run under ptrace: leaks are checked elsewhere.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -qq -s 100000 -e trace=write -e signal=none \
	    -o "$tmp/trace" "$MOT" analyze -v -j 4 -e "$EXP" "$tmp"/in/*.xml >/dev/null 2>&1 ||
	    bad "mot under strace failed"
	# Each write to fd 2 is a whole "mot: ...\n" (strace shows \n as \\n).
	awk '/ write\(2, / {
		n++
		if ($0 !~ /write\(2, "mot: .*\\n", [0-9]+\) += [0-9]+$/) {
			print "not one whole message: " $0; badw++
		}
	    } END { if (n < 20) { print "only " n " writes to stderr"; badw++ }
		exit badw > 0 }' "$tmp/trace" >"$tmp/why" ||
	    { bad "a message was written in pieces"; head -5 "$tmp/why"; }
	[ "$fail" = 0 ] && pass=$((pass + 1))
else
	echo "strace not usable here: the one-write check skipped"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
