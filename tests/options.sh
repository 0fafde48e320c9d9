#!/bin/sh
# options.sh - every numeric option and setting is read strictly: the
# values of tests/options.tab that are not numbers in range (trailing
# garbage, empty, leading space, a sign, hex, inf, nan, too large) end
# with exit 64 and a message that quotes the value; the good ones are
# taken. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-options.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
tab=$(printf '\t')
shop=$srcdir/samples/shop

while IFS=$tab read -r want cmd opt value; do
	case $want in '#'*|'') continue ;; esac
	env=
	case $cmd in
	analyze) set -- analyze -q -e "$srcdir/tests/data/gen-exp.xml" \
	    -o "$tmp/out" --charts none ;;
	check) set -- check -q -e "$shop/expectations.xml" ;;
	*) echo "options.tab: unknown command $cmd"; exit 99 ;;
	esac
	case $opt in
	*=) env=$opt$value ;;
	*) set -- "$@" "$opt" "$value" ;;
	esac
	if [ "$cmd" = analyze ]; then
		set -- "$@" "$srcdir/tests/data/hand.xml.gz"
	else
		set -- "$@" "$shop/before.xml"
	fi
	rm -rf "$tmp/out"
	if [ -n "$env" ]; then
		${MOT_WRAPPER:-} env "$env" "$MOT" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	else
		${MOT_WRAPPER:-} "$MOT" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	fi
	rc=$?
	what="$cmd $opt\"$value\""
	case $want in
	ok)
		if [ $rc = 0 ] || [ $rc = 1 ]; then
			pass=$((pass + 1))
		else
			echo "FAIL: $what: exit $rc, expected it taken"
			head -n 3 "$tmp/stderr"
			fail=$((fail + 1))
		fi ;;
	*)
		if [ $rc != "$want" ]; then
			echo "FAIL: $what: exit $rc, expected $want"
			head -n 3 "$tmp/stderr"
			fail=$((fail + 1))
		elif ! grep -F -q -- "\"$value\"" "$tmp/stderr"; then
			echo "FAIL: $what: the message does not quote the value:"
			head -n 3 "$tmp/stderr"
			fail=$((fail + 1))
		else
			echo "ok: $what: $(head -n 1 "$tmp/stderr")"
			pass=$((pass + 1))
		fi ;;
	esac
done <"$srcdir/tests/options.tab"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 100 ]
