#!/bin/sh
# check-junit.sh - mot check's JUnit XML validates against
# tests/junit-10.xsd (the Jenkins junit-10 structure, stricter: failures and
# skips carry a message, as GitLab and Jenkins show it) for a failing run,
# a run of warnings and skips with hostile names, a run where nothing is
# decided, a run with --history, and burn rates that fail and that are
# skipped; names survive the escaping; and the schema does reject a failure
# without a message (so the validation means something).
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
command -v xmllint >/dev/null 2>&1 || { echo "xmllint missing: skipped"; exit 77; }
xsd=$srcdir/tests/junit-10.xsd
data=$srcdir/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-junit.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

valid() {	# file what
	if ! xmllint --noout --schema "$xsd" "$1" 2>"$tmp/err"; then
		echo "FAIL: $2: JUnit does not validate:"; cat "$tmp/err"; fail=1
	fi
}
xpath() {	# file expression
	xmllint --xpath "$2" "$1" 2>/dev/null
}
expect() {	# got want what
	if [ "$1" != "$2" ]; then
		echo "FAIL: $3: got '$1', want '$2'"; fail=1
	fi
}

# A failing run: dispatch regressed (generated, true rate 5% -> 9%).
gen() {
	awk -f "$srcdir/tests/gen-journeys.awk" -v seed="$1" -v journeys=3000 \
	    -v rates="$2" >"$tmp/$3" || exit 99
}
gen 1 "0.03 0.05 0.08" base.xml
gen 12 "0.03 0.09 0.08" regressed.xml
"$MOT" analyze -q -e "$data/gen-exp.xml" -o "$tmp/base" --format json \
    "$tmp/base.xml" || exit 99
"$MOT" check -q -e "$data/gen-exp.xml" --baseline "$tmp/base/report.json" \
    --junit "$tmp/fail.xml" "$tmp/regressed.xml" >/dev/null
expect $? 1 "exit status of the regressed run"
valid "$tmp/fail.xml" "regressed run"
expect "$(xpath "$tmp/fail.xml" 'count(//testcase)')" 10 "testcases"
expect "$(xpath "$tmp/fail.xml" 'string(/testsuites/@failures)')" 1 \
    "failures in testsuites"
expect "$(xpath "$tmp/fail.xml" 'count(//testcase/failure[@message != ""])')" \
    1 "failures with a message"
expect "$(xpath "$tmp/fail.xml" 'string(//testcase[failure]/@classname)')" \
    dispatch "classname of the failure"
expect "$(xpath "$tmp/fail.xml" 'string(//testcase[failure]/@name)')" \
    breach-rate "name of the failure"
expect "$(xpath "$tmp/fail.xml" 'string(//testsuite[@name="dispatch"]/@failures)')" \
    1 "failures of dispatch's testsuite"

# Warnings made failures, skips, a baseline from other expectations and names with
# markup, quotes, line breaks, control bytes and UTF-8.
(cd "$data" && "$MOT" check -q -e check-tricky-exp.xml --min-occurrences 1 \
    --fail-on-warning --baseline check-tricky-base.json \
    --junit "$tmp/tricky.xml" hand.xml >/dev/null)
expect $? 1 "exit status of the tricky run"
valid "$tmp/tricky.xml" "tricky names"
expect "$(xpath "$tmp/tricky.xml" 'count(//testcase/skipped[@message != ""])')" \
    7 "skipped testcases with a message"
want=$(printf 'gone <"x"> & #2 \\ Z\303\274rich\n?')
expect "$(xpath "$tmp/tricky.xml" 'string(//testsuite[5]/@name)')" "$want" \
    "the vanished moment's id"

# Nothing decided: every testcase skipped.
"$MOT" check -q -e "$data/gen-exp.xml" --min-occurrences 100000 \
    --junit "$tmp/skip.xml" "$tmp/base.xml" >/dev/null
expect $? 0 "exit status when nothing is decided"
valid "$tmp/skip.xml" "all skipped"
expect "$(xpath "$tmp/skip.xml" 'count(//testcase[skipped])')" 3 "skipped"

# Burn rates: a failing and a skipped burn-rate testcase, the windows'
# bounds and the threshold in the run's properties.
(cd "$data" && "$MOT" check -q -e burn-exp.xml --burn-rate P7D,P1D \
    --min-occurrences 10 --junit "$tmp/burn.xml" burn.xml >/dev/null)
expect $? 1 "exit status of a burning run"
valid "$tmp/burn.xml" "burn rate"
expect "$(xpath "$tmp/burn.xml" \
    'string(//testcase[@name="burn-rate"]/failure/@type)')" burn-rate \
    "burn-rate failure"
expect "$(xpath "$tmp/burn.xml" \
    'string(//property[@name="burn-rate.long.after"]/@value)')" \
    2026-10-03T12:00:00Z "long window start"
expect "$(xpath "$tmp/burn.xml" \
    'string(//property[@name="burn-rate.until"]/@value)')" \
    2026-10-10T12:00:00Z "windows' end (as_of)"
(cd "$data" && "$MOT" check -q -e burn-exp.xml --burn-rate P7D,P1D \
    --junit "$tmp/burn-skip.xml" burn.xml >/dev/null)
valid "$tmp/burn-skip.xml" "burn rate, skipped"
expect "$(xpath "$tmp/burn-skip.xml" \
    'count(//testcase[@name="burn-rate"]/skipped)')" 1 "burn-rate skipped"

# With --history: two runs as of two times, the second one's objectives
# decided over both runs' batches, and the history's properties.
"$MOT" check -q -e "$data/gen-exp.xml" --as-of 2027-01-31T00:00:00Z \
    --history "$tmp/h.jsonl" "$tmp/regressed.xml" >/dev/null
"$MOT" check -q -e "$data/gen-exp.xml" --as-of 2027-03-15T00:00:00Z \
    --history "$tmp/h.jsonl" --junit "$tmp/hist.xml" "$tmp/regressed.xml" \
    >/dev/null
expect $? 0 "exit status of the run with a history"
valid "$tmp/hist.xml" "run with a history"
expect "$(xpath "$tmp/hist.xml" 'string(//property[@name="history.runs"]/@value)')" \
    2 "history.runs"
expect "$(xpath "$tmp/hist.xml" 'string(//property[@name="history.after"]/@value)')" \
    2027-01-31T00:00:00Z "history.after"
expect "$(xpath "$tmp/hist.xml" 'count(//testcase/system-out[contains(., "over 2 runs")])')" \
    3 "objectives decided over both runs"
expect "$(wc -l <"$tmp/h.jsonl" | tr -d ' ')" 2 "lines of the history"

# The schema is not a rubber stamp.
sed 's/<failure type="breach-rate" message="[^"]*"/<failure type="breach-rate"/' \
    "$tmp/fail.xml" >"$tmp/bad.xml"
if xmllint --noout --schema "$xsd" "$tmp/bad.xml" 2>/dev/null; then
	echo "FAIL: the schema accepts a failure without a message"; fail=1
fi
exit $fail
