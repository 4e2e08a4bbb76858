#!/usr/bin/env bash
# Reproduces the storage and ingest figures of README.md / BENCHMARKS.md:
# bytes per record (Tally LZ4, Tally Zstandard, CSV, Parquet-zstd in two row orders,
# DuckDB's file), append throughput through the API, and CSV import vs DuckDB's load.
# Usage: Tools/measure_storage.sh [ROWS] [WORKDIR]     (defaults: 10000000, /tmp/tally-measure)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
work=${2:-/tmp/tally-measure}
Tools/install-deps.sh --peers
swift build -c release --product tally >/dev/null
tally=.build/release/tally
rm -rf "$work" && mkdir -p "$work"
seconds() { python3 -c "import time,sys; print(round(time.time()-float(sys.argv[1]),2))" "$1"; }

echo "== demo stores ($rows rows, seed 1)"
for codec in lz4 zstd; do
    t=$(date +%s.%N); $tally demo --store "$work/$codec" --rows "$rows" --seed 1 --codec "$codec" 2>&1 | tail -1
    echo "$codec: demo+compact $(seconds "$t") s"
    $tally info --store "$work/$codec" --format json | python3 -c "import json,sys; d=json.load(sys.stdin); print('$codec bytes', d['bytes'], 'bytes/row', round(d['bytes_per_row'],3))"
done
$tally info --store "$work/zstd" --columns | sed -n '/^column/,/^$/p'

echo "== append through the API (records in memory, priced, appended in batches, flushed)"
$tally bench-append --store "$work/append" --rows 1000000
rm -rf "$work/append"

echo "== CSV, Parquet, DuckDB"
$tally export --store "$work/lz4" --format csv --out "$work/usage.csv"
python3 Tools/parquet_size.py "$work/usage.csv" --order file --duckdb --out "$work/peer"
python3 Tools/parquet_size.py "$work/usage.csv" --order ts --out "$work/peer"

echo "== CSV import into Tally"
t=$(date +%s.%N); $tally import --verbose --store "$work/imported" "$work/usage.csv"
echo "tally import: $(seconds "$t") s for $rows rows"
