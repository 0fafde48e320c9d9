#!/bin/sh
# trace.sh PATTERN ARGS... - runs $MOT ARGS under strace and fails when it
# tried to open a file whose name matches PATTERN (an extended regexp), or
# to make a network connection. Where strace is missing or not allowed to
# trace, it says so and succeeds: the other checks of the case still hold.
pattern=$1
shift
if ! command -v strace >/dev/null 2>&1; then
	echo "trace.sh: no strace: not checked"
	exit 0
fi
log=$(mktemp "${TMPDIR:-/tmp}/mot-trace.XXXXXX") || exit 1
strace -f -qq -o "$log" -e trace=open,openat,connect "$MOT" "$@" \
    >/dev/null 2>&1
if ! grep -q 'open' "$log"; then
	echo "trace.sh: strace cannot trace here: not checked"
	rm -f "$log"
	exit 0
fi
rc=0
if grep -E "open(at)?\\(.*$pattern" "$log"; then
	echo "trace.sh: mot tried to open a file matching $pattern"
	rc=1
fi
if grep -E 'connect\((.*AF_INET|.*AF_INET6)' "$log"; then
	echo "trace.sh: mot tried to connect"
	rc=1
fi
rm -f "$log"
exit $rc
