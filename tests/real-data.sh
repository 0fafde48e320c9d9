#!/bin/sh
# real-data.sh - mot on real public XES event logs (../shared/data/xes,
# described in ../shared/data/README.md), with the expectations in
# samples/xes/:
#   - pinned figures (traces, events, and per moment n, open, invalid,
#     breached), checked independently of mot;
#   - a gzip-compressed log and its decompressed copy give the same report;
#   - the order of the events within a trace does not change any moment;
#   - mot inspect counts a journey per trace;
#   - two readers (a gzip log cut as it is decompressed) and four pieces of
#     mot split, merged, give one reader's report.
# Skips (exit 77) when the data folder is absent. Uses $MOT and $srcdir.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-$srcdir/mot}
data=$srcdir/../shared/data/xes
[ -d "$data" ] || { echo "$data missing: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-real.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# analyze OUT EXPECTATIONS LOG: the JSON report in OUT; 1 if mot failed.
analyze() {
	"$MOT" analyze -q -e "$2" --format json "$3" >"$1" 2>"$1.err"
	rc=$?
	[ "$rc" = 0 ] && return 0
	bad "mot analyze -e $2 $3: exit status $rc: $(head -n 3 "$1.err")"
	return 1
}
# top JSON KEY: a top-level integer of the report.
top() { sed -n "s/^  \"$2\": \\([0-9]*\\),\$/\\1/p" "$1"; }
# fig JSON MOMENT KEY: a figure of one moment.
fig() {
	awk -v id="$2" -v k="\"$3\":" '
	/^      "id": / { cur = $2; gsub(/[",]/, "", cur) }
	cur == id && $1 == k { v = $2; sub(/,$/, "", v); print v; exit }' "$1"
}
# same_report A B: the reports agree apart from the inputs' path, gzip, bytes.
strip() { grep -v -e '^      "path": ' -e '^      "gzip": ' -e '^      "bytes": ' "$1"; }
same_report() { strip "$1" >"$1.s"; strip "$2" >"$2.s"; cmp -s "$1.s" "$2.s"; }
# moments JSON: the per-moment part of a report.
moments() { sed -n '/^  "moments": \[/,$p' "$1"; }
# shuffle: permute the events of each trace (every second event from the
# last backwards, then the others from the last backwards), so that
# events, and a start and its complete, change places.
shuffle() {
	awk '
	/<trace[ >]/ { intrace = 1; n = 0; print; next }
	intrace && /<event[ >]/ { inev = 1; n++; ev[n] = $0; next }
	inev { ev[n] = ev[n] "\n" $0; if ($0 ~ /<\/event>/) inev = 0; next }
	intrace && /<\/trace>/ {
		for (i = n; i >= 1; i -= 2) print ev[i]
		for (i = n - 1; i >= 1; i -= 2) print ev[i]
		intrace = 0; print; next
	}
	{ print }'
}

# Pinned figures. "log NAME FILE TRACES EVENTS" runs samples/xes/NAME.xml
# on FILE; "moment ID N OPEN INVALID BREACHED" checks one of its moments.
# Each figure was recomputed from the raw XES by an independent script.
# receipt: 377 cases finished after their deadline, 952 on time
# (n - breached + invalid: 2 cases end before they start), 105 unfinished.
json=
while read -r what a b c d e; do
	case $what in
	log)
		name=$a
		json=$tmp/$name.json
		if ! analyze "$json" "$srcdir/samples/xes/$name.xml" "$data/$b"; then
			json=
			continue
		fi
		got="$(top "$json" journeys_read) $(top "$json" events)"
		if [ "$got" = "$c $d" ]; then
			ok "$name: $c traces, $d events"
		else
			bad "$name: traces and events $got, expected $c $d"
		fi
		;;
	moment)
		[ -n "$json" ] || { bad "$name/$a: no report"; continue; }
		got="$(fig "$json" "$a" n) $(fig "$json" "$a" open)"
		got="$got $(fig "$json" "$a" invalid) $(fig "$json" "$a" breached)"
		if [ "$got" = "$b $c $d $e" ]; then
			ok "$name/$a: n $b, open $c, invalid $d, breached $e"
		else
			bad "$name/$a: n open invalid breached $got, expected $b $c $d $e"
		fi
		;;
	esac
done <<'PINS'
log receipt receipt.xes.gz 1434 8577
moment receipt 1366 66 2 416
moment confirmation-letter 1434 0 0 1020
moment confirmation-handling 1433 1 0 412
log helpdesk helpdesk.xes.gz 4580 21348
moment first-reaction 4938 0 0 2000
moment resolution 5060 0 0 1586
moment time-to-resolve 4938 0 0 2005
moment closure 4975 8 0 2173
log consulta consulta.xes.gz 954 13740
moment validation 562 0 0 37
moment course-evaluation 237 0 0 25
moment answer 965 0 0 150
log bpic2012 bpic2012-w-intervals.xes.gz 8616 118604
moment complete-application 17213 0 0 328
moment offer-call 17265 0 0 307
moment validation 7847 0 0 220
moment wait-for-offer 17120 93 0 11215
PINS

# (a) gzip or not: the same report, apart from the inputs' path/gzip/bytes.
for pair in receipt:receipt helpdesk:helpdesk consulta:consulta \
    bpic2012:bpic2012-w-intervals; do
	name=${pair%%:*}
	log=${pair#*:}
	[ -s "$tmp/$name.json" ] || { bad "$name: no report from the gzip file"; continue; }
	gzip -dc "$data/$log.xes.gz" >"$tmp/$log.xes" || { bad "$log: gzip -d failed"; continue; }
	analyze "$tmp/$name.plain.json" "$srcdir/samples/xes/$name.xml" "$tmp/$log.xes" || continue
	if same_report "$tmp/$name.json" "$tmp/$name.plain.json"; then
		ok "$name: gzip and decompressed copy give the same report"
	else
		bad "$name: gzip and decompressed copy differ:"
		diff "$tmp/$name.json.s" "$tmp/$name.plain.json.s" | head -n 20
	fi
	rm -f "$tmp/$log.xes"
done

# (b) events shuffled within each trace: the same moments.
cat >"$tmp/running.xml" <<'EXP'
<expectations version="1">
  <moment id="decision" from="register request" to="decide" desired="P3D" adequate="P7D"/>
  <moment id="check" from="check ticket" to="decide" desired="P1D" adequate="P3D"/>
  <moment id="compensation" from="decide" to="pay compensation" desired="P1D" adequate="P7D"/>
  <moment id="reexamine" from="reinitiate request" to="reinitiate request" desired="P1D" adequate="P7D"/>
</expectations>
EXP
shuffled() {	# name expectations log: compare the log with its shuffled copy
	gzip -dc "$3" >"$tmp/$1.xes" && shuffle <"$tmp/$1.xes" >"$tmp/$1.shuf.xes" ||
	    { bad "$1: cannot write the shuffled copy"; return; }
	if cmp -s "$tmp/$1.xes" "$tmp/$1.shuf.xes" ||
	    [ "$(grep -c '<event' "$tmp/$1.xes")" != "$(grep -c '<event' "$tmp/$1.shuf.xes")" ]; then
		bad "$1: the shuffled copy is not a permutation of the events"
		return
	fi
	analyze "$tmp/$1.a.json" "$2" "$3" && analyze "$tmp/$1.b.json" "$2" "$tmp/$1.shuf.xes" || return
	moments "$tmp/$1.a.json" >"$tmp/$1.a.m"
	moments "$tmp/$1.b.json" >"$tmp/$1.b.m"
	if [ "$(fig "$tmp/$1.a.json" "$4" n)" = 0 ]; then
		bad "$1: moment $4 has no closed occurrence: nothing compared"
	elif cmp -s "$tmp/$1.a.m" "$tmp/$1.b.m"; then
		ok "$1: events shuffled within each trace give the same moments"
	else
		bad "$1: events shuffled within each trace change the moments:"
		diff "$tmp/$1.a.m" "$tmp/$1.b.m" | grep '^[<>] *"\(id\|n\|open\|met\|tolerated\|breached\)"' | head -n 20
	fi
}
shuffled running-example "$tmp/running.xml" "$data/running-example.xes.gz" decision
# With start/complete pairs: 4,212 of the 6,870 start and complete at the
# same instant, and must still pair up when the complete comes first.
shuffled consulta "$srcdir/samples/xes/consulta.xml" "$data/consulta.xes.gz" validation

# (c) mot inspect on every log: exit 0, as many journeys as the log has
# traces.
for f in "$data"/*.xes.gz "$data"/edge/*.xes; do
	name=$(basename "$f")
	if ! "$MOT" inspect "$f" >"$tmp/inspect.txt" 2>"$tmp/inspect.err"; then
		bad "mot inspect $name: $(head -n 3 "$tmp/inspect.err")"
		continue
	fi
	got=$(sed -n 's/^journeys: \([0-9]*\).*/\1/p' "$tmp/inspect.txt")
	want=$(gzip -dcf "$f" | grep -c '<trace[ >/]')
	if [ "$got" = "$want" ]; then
		ok "mot inspect $name: $got journeys, one per trace"
	else
		bad "mot inspect $name: $got journeys, the log has $want traces"
	fi
done

# (d) Each gzip log with samples/xes expectations read by two readers (cut
# as it is decompressed) gives one reader's reports; and cut into four by
# mot split, analysed and merged, the one run's report but for its inputs
# and duplicate_ids.
inputs_out() {
	awk '/^  "inputs": \[/ { skip = 1; next }
	    skip && /^  \],?$/ { skip = 0; next }
	    skip || /"duplicate_ids"/ { next } { print }' "$1"
}
for pair in bpic2012:bpic2012-w-intervals helpdesk:helpdesk receipt:receipt \
    consulta:consulta; do
	e=$srcdir/samples/xes/${pair%%:*}.xml f=$data/${pair#*:}.xes.gz
	name=${pair#*:}
	for j in 1 2; do
		"$MOT" analyze -q -j $j -e "$e" -o "$tmp/$name-j$j" --format json,csv \
		    --charts none "$f" >/dev/null 2>&1 || bad "mot analyze -j $j $name"
	done
	if cmp -s "$tmp/$name-j1/report.json" "$tmp/$name-j2/report.json" &&
	    cmp -s "$tmp/$name-j1/occurrences.csv" "$tmp/$name-j2/occurrences.csv"; then
		ok "$name: two readers give one reader's reports"
	else
		bad "$name: two readers differ from one"
	fi
	rm -rf "$tmp/sp"
	if "$MOT" split -q -n 4 -o "$tmp/sp" "$f" 2>"$tmp/split.err"; then
		for p in "$tmp"/sp/*.xes; do
			"$MOT" analyze -q -j 1 -e "$e" --save-state "$p.state" "$p" \
			    >/dev/null 2>&1 || bad "mot analyze $p"
		done
		"$MOT" merge -q --format json -o "$tmp/sp/m" "$tmp"/sp/*.state >/dev/null
		inputs_out "$tmp/sp/m/report.json" >"$tmp/sp/a"
		inputs_out "$tmp/$name-j1/report.json" >"$tmp/sp/b"
		if cmp -s "$tmp/sp/a" "$tmp/sp/b" && [ -s "$tmp/sp/a" ]; then
			ok "$name: four pieces of mot split merged give the one run's report"
		else
			bad "$name: the pieces merged differ from the one run"
		fi
	else
		bad "mot split $name: $(head -n 3 "$tmp/split.err")"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
