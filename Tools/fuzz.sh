#!/usr/bin/env bash
# Opt-in coverage-guided fuzzing of Tally's decoders with libFuzzer.
#
#   Tools/fuzz.sh [target] [seconds]     target: manifest | part | csv | jsonl | streams | sql (default: all)
#
# Builds the package with the fuzzer sanitizer instrumentation, links a tiny entry
# point per target against the built modules, and runs it for `seconds` (default 60)
# on a copy of Tests/TallyReliabilityTests/Corpus (for sql: of the SQL behaviour cases,
# Tests/TallySQLTests/Cases and Tests/TallyCLITests/SQLDifferential/cases). Crashes land in
# .build/fuzz/<target>/.
# The seeded, time-bounded fuzzing in `swift test` (FuzzTests) runs without this.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:-all}
seconds=${2:-60}
[ "$targets" = all ] && targets="manifest part csv jsonl streams sql"
work=.build/fuzz
mkdir -p "$work"

swift build -c release -Xswiftc -sanitize=fuzzer,address --product Tally >/dev/null
swift build -c release -Xswiftc -sanitize=fuzzer,address --target TallySQL >/dev/null
bin=$(swift build -c release --show-bin-path)
package_name=$(basename "$PWD" | tr '[:upper:]-' '[:lower:]_')

for target in $targets; do
  case $target in
    manifest) body='_ = try? Manifest.decode(bytes)'; corpus=;;
    part) body='let f = "/dev/shm/tally-fuzz-\(getpid()).tly"; FileManager.default.createFile(atPath: f, contents: Data(bytes)); if let r = try? PartReader(path: f) { _ = try? r.verify(); _ = try? r.readAllRecords { _ in } }'; corpus=;;
    csv) body='if var r = try? CSVRecordReader(bytes: bytes, name: "f") { var out = [UsageRecord](); while (try? r.nextBatch(into: &out, maxCount: 64)) ?? 0 > 0 { out.removeAll() } }'; corpus='Tests/TallyReliabilityTests/Corpus/records/*';;
    jsonl) body='var r = JSONLRecordReader(bytes: bytes, name: "f"); var out = [UsageRecord](); while (try? r.nextBatch(into: &out, maxCount: 64)) ?? 0 > 0 { out.removeAll() }'; corpus='Tests/TallyReliabilityTests/Corpus/records/*';;
    streams) body='for f in StreamFormat.allCases { _ = StreamParser.parse(bytes, format: f, attribution: StreamAttribution(projectId: "p")) }'; corpus='Tests/TallyReliabilityTests/Corpus/streams/*';;
    sql) body='_ = try? SQLParser.parse(String(decoding: bytes, as: UTF8.self))'; corpus='Tests/TallySQLTests/Cases/*.sql Tests/TallyCLITests/SQLDifferential/cases/*.sql';;
    *) echo "unknown target $target" >&2; exit 2;;
  esac
  dir=$work/$target
  mkdir -p "$dir/corpus"
  # $corpus unquoted on purpose: it holds globs.
  [ -n "$corpus" ] && cp $corpus "$dir/corpus/" 2>/dev/null || true
  cat > "$dir/main.swift" <<SWIFT
import Foundation
import TallyFormat
import TallyStore
import TallyIngest
import TallySQL
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: count))
    $body
    return 0
}
SWIFT
  # The entry point reads `package` declarations, so it joins the package by name (SwiftPM
  # names a root package after its folder, lowercased).
  objects=()
  for module in CTallyKernels TallySystem TallyFormat TallyStore TallyExecution TallyPricing TallyParquet TallyIngest TallySQL; do
    objects+=("$bin/$module.build"/*.o)
  done
  swiftc -sanitize=fuzzer,address -parse-as-library -O "$dir/main.swift" -o "$dir/fuzz-$target" \
    -package-name "$package_name" -I "$bin/Modules" -I Sources/CLZ4 -I Sources/CZstd \
    -Xcc -fmodule-map-file="$bin/CTallyKernels.build/module.modulemap" -I Sources/CTallyKernels/include \
    -L "$bin" "${objects[@]}" -llz4 -lzstd
  (cd "$dir" && ./fuzz-$target -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 corpus)
done
