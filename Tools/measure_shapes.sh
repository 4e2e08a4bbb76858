#!/usr/bin/env bash
# Store size and import speed on every data shape of Tools/shapes.py, against
# Parquet-zstd (pyarrow's defaults + zstd, rows in arrival order) and DuckDB's load of the
# same CSV into its own file (2 threads, sorted by project_id, date, ts).
#
#   Tools/measure_shapes.sh [ROWS] [WORKDIR] [TALLY]    defaults: 1000000, /tmp/tally-shapes, .build/release/tally
#
# One line per shape: rows, projects, Tally bytes/row, Parquet-zstd bytes/row, their ratio,
# DuckDB bytes/row, tally import seconds, DuckDB load seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=${2:-/tmp/tally-shapes}
tally=${3:-.build/release/tally}
[ -x "$tally" ] || swift build -c release --product tally >/dev/null
mkdir -p "$work"
printf "%-11s %9s %8s %10s %10s %7s %10s %9s %9s\n" shape rows projects tally_B/row pq_B/row ratio duck_B/row import_s duck_s
for shape in per_call per_step many_small high_card bursty; do
    csv=$work/$shape.csv
    [ -f "$csv" ] || python3 Tools/shapes.py "$shape" --rows "$rows" --seed 1 --out "$csv" 2>/dev/null
    rm -rf "$work/$shape.store"
    start=$(date +%s.%N)
    "$tally" import --store "$work/$shape.store" "$csv" >/dev/null
    import_s=$(python3 -c "import time,sys; print(round(time.time()-float(sys.argv[1]),2))" "$start")
    peer=$(python3 Tools/parquet_size.py "$csv" --duckdb --out "$work/$shape.peer")
    "$tally" info --store "$work/$shape.store" --format json > "$work/$shape.info.json"
    python3 - "$shape" "$import_s" "$work/$shape.info.json" "$peer" <<'PY'
import json, sys
shape, import_s, info_path, peer = sys.argv[1], float(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
info = json.load(open(info_path))
rows = peer["rows"]
tally = info["bytes"] / rows
pq = peer["parquet_zstd_bytes_per_row"]
projects = info.get("projects", "?")
if isinstance(projects, list): projects = len(projects)
print(f"{shape:<11} {rows:>9} {projects!s:>8} {tally:>10.2f} {pq:>10.2f} {tally / pq:>7.2f} {peer['duckdb_bytes_per_row']:>10.2f} {import_s:>9.2f} {peer['duckdb_load_seconds']:>9.2f}")
PY
done
