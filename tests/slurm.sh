#!/bin/sh
# slurm.sh - scripts/mot-slurm on a one-node Slurm cluster brought up on
# localhost inside a temporary folder by scripts/slurm-local (munged with
# a key of its own, slurmctld and slurmd from a slurm.conf written there,
# on free ports), gives the report.json of one local mot analyze of the same files (but
# for duplicate_ids); so does one file cut into four by mot split, when
# mot has it. A failing task fails the run with its exit status. Needs
# root, slurm-wlm and munge (scripts/install-deps --slurm): skipped
# without them.
set -u
srcdir=${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
MOT=${MOT:-./mot}
case $MOT in /*) ;; *) MOT=$(pwd)/$MOT ;; esac
export MOT srcdir
# The cluster: this script again, inside scripts/slurm-local (77 without Slurm).
if [ -z "${MOT_SLURM_LOCAL:-}" ]; then
	case $0 in /*) self=$0 ;; *) self=$(pwd)/$0 ;; esac
	exec "$srcdir/scripts/slurm-local" sh "$self"
fi
# Equal but for duplicate_ids, which only one run can count (docs/scaling.md).
same_but_dups() {
	! diff "$1" "$2" | grep '^[<>]' | grep -v '"duplicate_ids"' | grep -q .
}
# report.json without its inputs, which name the pieces of a split file.
no_inputs() {
	awk '/^  "inputs": \[/ { skip = 1 } !skip { print } skip && /^  \],?$/ { skip = 0 }' "$1"
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mot-slurm-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work" || exit 99
pass=0 fail=0
ok() { echo "ok: $1"; pass=$((pass + 1)); }
bad() { echo "FAIL: $1"; fail=$((fail + 1)); }
# The daemons' logs, when a run fails.
logs() {
	for l in "$MOT_SLURM_LOCAL"/*.log; do
		echo "--- $l"
		tail -20 "$l"
	done
}
# Five minutes at most a run: a job that never starts fails the test
# rather than hanging it (mot-slurm cancels its jobs on TERM).
slurm() { timeout 300 "$srcdir/scripts/mot-slurm" --mot "$MOT" --time 5 "$@"; }
exp=$srcdir/samples/shop/expectations.xml
set -- "$srcdir/samples/shop/journeys.xml" "$srcdir/samples/shop/before.xml" \
    "$srcdir/samples/shop/after.xml"
"$MOT" analyze -q -e "$exp" --format json "$@" > "$tmp/one.json" || exit 99
t0=$(date +%s)
slurm -e "$exp" -o "$tmp/work/out" "$@" > "$tmp/run.out" 2>&1
rc=$?
t1=$(date +%s)
if [ $rc = 0 ]; then
	if same_but_dups "$tmp/one.json" "$tmp/work/out/report.json"; then
		ok "a job array of $# tasks and the merge equal one run ($((t1 - t0)) s)"
	else
		diff "$tmp/one.json" "$tmp/work/out/report.json" | head -20
		bad "the merged report differs from one run"
	fi
	ls -a "$tmp/work" | grep -q mot-slurm &&
	    bad "the work folder is left after a success"
	if grep -q '^mot-slurm: task 3 (.*): [0-9.]* s, [0-9.]* MB peak$' "$tmp/run.out" &&
	    grep -q '^mot-slurm: merge: [0-9.]* s, [0-9.]* MB peak$' "$tmp/run.out"; then
		ok "each task's and the merge's time and peak memory are told"
	else
		cat "$tmp/run.out"
		bad "no times and peak memory after a success"
	fi
else
	cat "$tmp/run.out"
	bad "mot-slurm failed (exit status $rc)"
	logs
fi

# The plain sbatch lines of docs/scaling.md, in a folder of their own.
mkdir "$tmp/plain" "$tmp/plain/states" "$tmp/plain/logs" || exit 99
printf '%s\n' "$@" > "$tmp/plain/files.txt"
cat > "$tmp/plain/analyze.sh" <<EOF
#!/bin/sh
#SBATCH --job-name=mot-analyze
#SBATCH --output=logs/%a.log
f=\$(sed -n "\${SLURM_ARRAY_TASK_ID}p" files.txt)
exec "$MOT" analyze -q -j 1 -e "$exp" \\
    --save-state "states/\$SLURM_ARRAY_TASK_ID.state" "\$f" > /dev/null
EOF
t0=$(date +%s)
(
	cd "$tmp/plain" || exit 99
	array=$(sbatch --parsable --array=1-$(wc -l < files.txt) analyze.sh)
	array=${array%%;*}
	timeout 300 sbatch --wait --dependency=afterok:$array --kill-on-invalid-dep=yes \
	    --output=logs/merge.log --wrap="'$MOT' merge -q -o report states/*.state"
) > "$tmp/plain.out" 2>&1
rc=$?
t1=$(date +%s)
if [ $rc = 0 ] && same_but_dups "$tmp/one.json" "$tmp/plain/report/report.json"; then
	ok "the plain sbatch lines of docs/scaling.md give the same report ($((t1 - t0)) s)"
else
	cat "$tmp/plain.out" "$tmp/plain/logs"/*
	bad "the plain sbatch lines: exit status $rc"
fi

# A task that fails: its id, its file and its log, its exit status (65),
# and the work folder kept.
printf '<journeys>\n' > "$tmp/bad.xml"
slurm -e "$exp" -o "$tmp/work/bad" "$1" "$tmp/bad.xml" > "$tmp/bad.out" 2>&1
rc=$?
if [ $rc = 65 ] && grep -q "task 2 ($tmp/bad.xml) failed with exit status 65" "$tmp/bad.out" &&
    grep -q 'work folder is kept' "$tmp/bad.out" && [ ! -e "$tmp/work/bad" ]; then
	ok "a failing task fails the run with its exit status (65), its file and log"
else
	cat "$tmp/bad.out"
	bad "a failing task: exit status $rc"
fi

# Refused before anything is submitted.
slurm -e "$exp" -o "$tmp/work/a b" "$1" > "$tmp/space.out" 2>&1
rc=$?
if [ $rc = 64 ] && grep -q 'space' "$tmp/space.out"; then
	ok "a path with a space is refused (64)"
else
	cat "$tmp/space.out"
	bad "a path with a space: exit status $rc"
fi

if "$MOT" split --help > /dev/null 2>&1; then
	"$MOT" analyze -q -e "$exp" --format json "$1" > "$tmp/whole.json" || exit 99
	t0=$(date +%s)
	if slurm --shards 4 -e "$exp" -o "$tmp/work/split" "$1" > "$tmp/split.out" 2>&1; then
		t1=$(date +%s)
		no_inputs "$tmp/whole.json" > "$tmp/whole.noin"
		no_inputs "$tmp/work/split/report.json" > "$tmp/split.noin"
		if same_but_dups "$tmp/whole.noin" "$tmp/split.noin"; then
			ok "one file split into four tasks equals one run ($((t1 - t0)) s)"
		else
			diff "$tmp/whole.noin" "$tmp/split.noin" | head -20
			bad "the split run's report differs from one run"
		fi
	else
		cat "$tmp/split.out"
		bad "mot-slurm --shards 4 failed"
	fi
else
	echo "mot split missing: --shards not run"
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
