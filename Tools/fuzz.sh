#!/usr/bin/env bash
# Coverage-guided fuzzing of Tally's decoders of untrusted bytes with libFuzzer.
#
#   Tools/fuzz.sh [target] [budget] [max seconds]
#
#   target   manifest | part | csv | jsonl | streams | sql | sql-run | all (default: all, one after another)
#   budget   600             run for 600 seconds (default: 60)
#            runs=10000000   run 10,000,000 inputs after the corpus is loaded (libFuzzer -runs)
#            keep            merge the working corpus into the kept one (see below), run nothing new
#   max seconds              with runs=N: stop after this many seconds if N is not reached yet
#
# What each target runs is Tests/TallyFuzzTargets (FuzzHarness): the same code FuzzTests
# replays the kept corpora through in `swift test`. The package is built in release with
# `-sanitize=fuzzer,address` (only the modules the targets need), and a tiny entry point
# (.build/fuzz/<target>/main.swift) is linked against SwiftPM's object files.
#
# Corpora: .build/fuzz/<target>/corpus is the working corpus, kept between runs; each run
# also reads the kept corpus Tests/TallyReliabilityTests/FuzzCorpus/<target> (and the
# older seeds in Tests/TallyReliabilityTests/Corpus and the SQL cases). `keep` merges
# both with libFuzzer's -merge=1 into a fresh folder (only inputs that add coverage) and
# replaces the kept corpus with it (at most 400 files and 2 MiB, a deterministic subset
# when the merge keeps more); commit that folder.
#
# Limits per input: -timeout=10 s, -rss_limit_mb=2048, -max_len per target (below: 2 KiB of
# SQL to 16 KiB of part file; longer inputs slow a run without reaching new code). The
# timeout is wall time: a run paused (kill -STOP, to time something else on the machine)
# for more than 10 s reports the input it was on as a timeout. For a long run on a machine
# that is also used for timings, FUZZ_TIMEOUT=600 allows pauses of up to ten minutes; an
# input slower than 10 s is then still saved, as slow-unit-* (-report_slow_units=10), and
# checked by replaying it (a pause makes the input it fell on look slow). Or stop the run
# (kill -INT prints its statistics).
# Findings land in .build/fuzz/<target>/ as crash-*, timeout-*, oom-*, leak-*, slow-unit-*; once fixed,
# the input goes to Tests/TallyReliabilityTests/FuzzRegressions/<target>/ (replayed by
# FuzzTests, and a seed of later runs). Reproduce one
# with `.build/fuzz/<target>/fuzz-<target> FILE`, shrink it with
# `.build/fuzz/<target>/fuzz-<target> -minimize_crash=1 -runs=100000 FILE`.
# The full libFuzzer output of the last run is .build/fuzz/<target>/last-run.log; the
# final statistics are printed. Everything runs under `nice -n 19`.
set -euo pipefail
# A Swift trap is then a plain SIGILL that libFuzzer reports and saves the input for;
# the runtime's own backtracer would read memory ASan reports as an overflow.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
targets=${1:-all}
budget=${2:-60}
[ "$targets" = all ] && targets="manifest part csv jsonl streams sql sql-run"
work=$PWD/.build/fuzz
kept_root=$PWD/Tests/TallyReliabilityTests/FuzzCorpus
mkdir -p "$work"

case $budget in
  runs=*) limit=(-runs="${budget#runs=}"); [ -n "${3:-}" ] && limit+=(-max_total_time="$3");;
  keep) limit=();;
  *[!0-9]*|'') echo "budget must be seconds, runs=N or keep, not '$budget'" >&2; exit 2;;
  *) limit=(-max_total_time="$budget");;
esac

sanitize=(-Xswiftc -sanitize=fuzzer,address)
# Its own build folder: objects built with the sanitizers would otherwise replace the plain
# release build's in .build/release, and each build would undo the other.
scratch=(--scratch-path "$work/build")
# Under a lock, so a run started while another build goes on waits for it.
flock "$work/build.lock" nice -n 19 swift build -c release "${scratch[@]}" "${sanitize[@]}" --target TallyFuzzTargets >"$work/build.log" 2>&1 || { grep -E 'error' "$work/build.log" >&2; exit 1; }
bin=$(swift build -c release "${scratch[@]}" "${sanitize[@]}" --show-bin-path)
# The entry point uses `package` declarations, so it joins the package by name (SwiftPM
# names a root package after its folder, lowercased).
package_name=$(basename "$PWD" | tr '[:upper:]-' '[:lower:]_')
objects=()
for module in CTallyKernels TallySystem TallyFormat TallyStore TallyExecution TallyPricing TallyParquet TallyIngest TallySQL TallyFuzzTargets; do
  objects+=("$bin/$module.build"/*.o)
done

for target in $targets; do
  case $target in
    manifest) max_len=16384; seeds=();;
    part) max_len=16384; seeds=();;
    csv) max_len=8192; seeds=(Tests/TallyReliabilityTests/Corpus/records/minimal.csv);;
    jsonl) max_len=8192; seeds=(Tests/TallyReliabilityTests/Corpus/records/minimal.jsonl);;
    streams) max_len=8192; seeds=(Tests/TallyReliabilityTests/Corpus/streams/*);;
    sql|sql-run) max_len=2048; seeds=(Tests/TallySQLTests/Cases/*.sql Tests/TallyCLITests/SQLDifferential/cases/*.sql);;
    *) echo "unknown target $target (manifest, part, csv, jsonl, streams, sql, sql-run or all)" >&2; exit 2;;
  esac
  dir=$work/$target
  kept=$kept_root/$target
  mkdir -p "$dir/corpus" "$kept"
  # The inputs of fixed findings are seeds too: their neighbourhood is where bugs were.
  for seed in "${seeds[@]}" Tests/TallyReliabilityTests/FuzzRegressions/"$target"/*; do
    [ -f "$seed" ] && cp -n "$seed" "$dir/corpus/" 2>/dev/null || true
  done
  cat > "$dir/main.swift" <<SWIFT
import Foundation
import TallyFuzzTargets

/// Files (a part, the SQL store) go to a folder of this process in shared memory.
let harness = FuzzHarness(target: FuzzTarget(rawValue: "$target")!, scratchFolder: "/dev/shm/tally-fuzz-$target-\(getpid())")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: \$0, count: count)) } ?? []
    do {
        try harness.run(bytes)
    } catch {
        // A broken property is a finding: trap so libFuzzer saves the input.
        fatalError(error.description)
    }
    return 0
}
SWIFT
  nice -n 19 swiftc -sanitize=fuzzer,address -use-ld=lld -parse-as-library -O "$dir/main.swift" -o "$dir/fuzz-$target" \
    -package-name "$package_name" -I "$bin/Modules" -I Sources/CLZ4 -I Sources/CZstd \
    -Xcc -fmodule-map-file="$bin/CTallyKernels.build/module.modulemap" -I Sources/CTallyKernels/include \
    -L "$bin" "${objects[@]}" -llz4 -lzstd
  options=(-rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-10}" -report_slow_units=10 -max_len="$max_len" -artifact_prefix="$dir/" -print_final_stats=1)
  if [ "$budget" = keep ]; then
    fresh=$dir/merged-$(date +%s)
    mkdir -p "$fresh"
    (cd "$dir" && nice -n 19 ./fuzz-$target "${options[@]}" -merge=1 "$fresh" "$kept" corpus) >"$dir/last-merge.log" 2>&1
    # Keep the repository small: at most 400 files and 2 MiB per target, taken in name
    # order (names are content hashes, so the subset is deterministic and unbiased).
    total=0 count=0
    for f in $(ls "$fresh" | sort); do
      size=$(stat -c %s "$fresh/$f")
      if [ $count -ge 400 ] || [ $((total + size)) -gt 2097152 ]; then rm "$fresh/$f"; else total=$((total + size)) count=$((count + 1)); fi
    done
    rm -rf "$kept" && mv "$fresh" "$kept"
    rm -rf /dev/shm/tally-fuzz-"$target"-*
    echo "$target: kept corpus now $(ls "$kept" | wc -l) files, $(du -sh "$kept" | cut -f1) ($(grep -E 'MERGE-OUTER: [0-9]+ new files' "$dir/last-merge.log" | tail -1))"
  else
    echo "$target: libFuzzer ${limit[*]} on $(ls "$dir/corpus" | wc -l) working + $(ls "$kept" | wc -l) kept inputs, log $dir/last-run.log"
    status=0
    (cd "$dir" && nice -n 19 ./fuzz-$target "${options[@]}" "${limit[@]}" corpus "$kept") >"$dir/last-run.log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^Done|^stat::|ERROR|SUMMARY|^artifact_prefix|Test unit written' "$dir/last-run.log" || true
    rm -rf /dev/shm/tally-fuzz-"$target"-*
    [ "$status" = 0 ] || { echo "$target: libFuzzer exited $status (a finding; see the log)" >&2; exit "$status"; }
  fi
done
