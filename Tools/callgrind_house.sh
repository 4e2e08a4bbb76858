#!/usr/bin/env bash
# Instruction counts (callgrind) of a 1M-row CSV import and of three representative queries,
# for checking that a no-behaviour-change refactor costs the same (within 3%) before and after.
#
# Usage: Tools/callgrind_house.sh TALLY_BINARY OUTDIR
#   TALLY_BINARY  a release build made with -Xcc -gdwarf-4 (valgrind reads the C targets'
#                 debug info), e.g.
#                 swift build -c release --product tally -Xcc -gdwarf-4 --scratch-path .build-callgrind
#   OUTDIR        a working folder; the script (re)creates store/, imported/, usage.csv and
#                 callgrind/ in it and leaves everything else alone.
# Environment: REPS (default 2) runs of each measurement.
#
# What it does:
#   1. `tally demo --rows 1000000 --seed 1` into OUTDIR/store and `tally export --format csv`
#      of it to OUTDIR/usage.csv (neither under valgrind; the CSV's md5 is printed, so that a
#      before/after pair can be checked to have measured the same input).
#   2. Under `valgrind --tool=callgrind`, REPS times each:
#        import_1m       tally import of usage.csv into an empty store (two threads: reader + appender)
#        q_dashboard     the largest project's 30-day summary (ends on the last day of data)
#        q_full_groupby  service x model x unit over the whole store
#        q_raw_scan      sandbox_id filtered on quantity: raw columns, no rollup answers it
#        q_fixed_cost    a query that matches no part: process start, argument parsing and
#                        store open, the floor under every query count above
#   3. One line per measurement: the totals of each run, their spread, and an md5 of the
#      query's output (of the imported store's contents, for the import); then each query's
#      first total less q_fixed_cost's (NAME_net), the part a 3% budget on the whole process
#      hides for the small dashboard query.
#
# Repeatability: every run is pinned to one CPU with taskset (libdispatch then runs
# concurrentPerform's iterations inline instead of spin-waiting for a second worker, whose
# spin counts depend on valgrind's thread switches), and SWIFT_DETERMINISTIC_HASHING=1 fixes
# Swift's per-process hash seed (dictionary probe lengths otherwise differ run to run). The
# engine still runs two query workers and merges them (ExecutionOptions.parallelism is 2
# whatever the CPU count), and the import still uses its appending thread; callgrind counts
# every thread. With both, query runs agree to within a few hundred instructions and import
# runs to within 0.01% (its two threads still hand batches over at schedule-dependent moments).
# Commands run with relative paths from inside OUTDIR and with only PATH, LC_ALL and
# SWIFT_DETERMINISTIC_HASHING in their environment, so the counts depend neither on where
# OUTDIR is nor on the caller's environment (whose size shifts the stack's alignment).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 TALLY_BINARY OUTDIR" >&2
    exit 2
fi
REPS=${REPS:-2}
command -v valgrind > /dev/null || { echo "valgrind not found" >&2; exit 1; }
command -v taskset > /dev/null || { echo "taskset (util-linux) not found" >&2; exit 1; }
[ -x "$1" ] || { echo "not an executable: $1" >&2; exit 1; }
TALLY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUTDIR=$2
mkdir -p "$OUTDIR"
cd "$OUTDIR"
rm -rf store imported usage.csv callgrind
mkdir callgrind

# The first CPU this process may run on (0 on most machines).
CPU=$(taskset -pc $$ | sed 's/.*: *//' | cut -d, -f1 | cut -d- -f1)
export SWIFT_DETERMINISTIC_HASHING=1
export LC_ALL=C

echo "# binary      $TALLY"
echo "# sha256      $(sha256sum "$TALLY" | cut -d' ' -f1)"
echo "# valgrind    $(valgrind --version); pinned to CPU $CPU; SWIFT_DETERMINISTIC_HASHING=1; REPS=$REPS"
echo "# host        $(uname -srm)"
echo "# swift       $(swift --version 2>/dev/null | head -1 || true) (the toolchain on PATH; the binary's own runtime may differ)"

"$TALLY" demo --store store --rows 1000000 --seed 1 2> callgrind/demo.log
"$TALLY" export --store store --format csv --out usage.csv 2> callgrind/export.log
echo "# usage.csv   $(wc -l < usage.csv) lines, md5 $(md5sum < usage.csv | cut -d' ' -f1)"

P=$("$TALLY" query --store store --format csv \
    "SELECT project_id, count(*) AS n FROM usage GROUP BY project_id ORDER BY n DESC, project_id LIMIT 1" | tail -1 | cut -d, -f1)
LAST=$("$TALLY" query --store store --format csv \
    "SELECT date_trunc('day', ts) AS d FROM usage WHERE project_id = '$P' GROUP BY d ORDER BY d DESC LIMIT 1" | tail -1 | cut -c1-10)
FIRST=$(date -u -d "$LAST -29 days" +%F)
echo "# largest project $P; dashboard window $FIRST .. $LAST"

Q_DASHBOARD="SELECT sum(cost_usd), count(*) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$FIRST' AND DATE '$LAST'"
Q_FULL_GROUPBY="SELECT service, model_id, unit, sum(cost_usd), sum(quantity) FROM usage GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
Q_RAW_SCAN="SELECT sandbox_id, count(*) FROM usage WHERE quantity > 1000 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
Q_FIXED_COST="SELECT count(*) FROM usage WHERE project_id = 'no-such-project'"

# callgrind's total instructions of one output file.
total() {
    local t
    t=$(awk '/^totals:/ { print $2; exit }' "$1")
    [ -n "$t" ] || t=$(awk '/^summary:/ { print $2; exit }' "$1")
    echo "$t"
}

# measure NAME COMMAND...: runs COMMAND under callgrind REPS times; prints one line.
measure() {
    local name=$1; shift
    local totals=() rep out digest
    for rep in $(seq 1 "$REPS"); do
        out=callgrind/$name.$rep
        if [ "$name" = import_1m ]; then rm -rf imported; fi
        env -i PATH="$PATH" LC_ALL=C SWIFT_DETERMINISTIC_HASHING=1 \
            taskset -c "$CPU" valgrind --tool=callgrind --callgrind-out-file="$out.callgrind" "$@" \
            > "$out.stdout" 2> "$out.stderr" || { echo "$name failed, see $OUTDIR/$out.stderr" >&2; exit 1; }
        totals+=("$(total "$out.callgrind")")
    done
    if [ "$name" = import_1m ]; then
        # What was imported, in a canonical order: the same store contents give the same md5.
        "$TALLY" export --store imported --format csv --out callgrind/imported.csv 2> /dev/null
        digest=$( (head -1 callgrind/imported.csv; tail -n +2 callgrind/imported.csv | sort) | md5sum | cut -d' ' -f1)
        rm -f callgrind/imported.csv
    else
        digest=$(md5sum < "$out.stdout" | cut -d' ' -f1)
    fi
    local spread
    spread=$(printf '%s\n' "${totals[@]}" | sort -n | awk 'NR==1 { lo = $1 } { hi = $1 } END { printf "%.4f%%", lo ? 100 * (hi - lo) / lo : 0 }')
    printf '%-15s %s  spread %s  output-md5 %s\n' "$name" "${totals[*]}" "$spread" "$digest"
    FIRST_TOTAL[$name]=${totals[0]}
}
declare -A FIRST_TOTAL

printf '%-15s %s\n' "# name" "total instructions (Ir), one per run"
measure import_1m      "$TALLY" import --store imported usage.csv
measure q_dashboard    "$TALLY" query --store store --format csv "$Q_DASHBOARD"
measure q_full_groupby "$TALLY" query --store store --format csv "$Q_FULL_GROUPBY"
measure q_raw_scan     "$TALLY" query --store store --format csv "$Q_RAW_SCAN"
measure q_fixed_cost   "$TALLY" query --store store --format csv "$Q_FIXED_COST"
# The queries' own work: first run's total less q_fixed_cost's first run.
for name in q_dashboard q_full_groupby q_raw_scan; do
    printf '%-15s %s  (net of q_fixed_cost)\n' "${name}_net" $((FIRST_TOTAL[$name] - FIRST_TOTAL[q_fixed_cost]))
done

echo "# commands (run inside OUTDIR, each as: env -i PATH=\$PATH LC_ALL=C SWIFT_DETERMINISTIC_HASHING=1 taskset -c $CPU valgrind --tool=callgrind --callgrind-out-file=callgrind/NAME.REP.callgrind COMMAND)"
echo "#   import_1m       tally import --store imported usage.csv   (imported/ removed before each run)"
echo "#   q_dashboard     tally query --store store --format csv \"$Q_DASHBOARD\""
echo "#   q_full_groupby  tally query --store store --format csv \"$Q_FULL_GROUPBY\""
echo "#   q_raw_scan      tally query --store store --format csv \"$Q_RAW_SCAN\""
echo "#   q_fixed_cost    tally query --store store --format csv \"$Q_FIXED_COST\""
