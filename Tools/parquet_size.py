#!/usr/bin/env python3
"""Sizes of the same usage data as CSV, as Parquet-zstd (pyarrow's defaults plus
compression='zstd'), and optionally as a DuckDB database file, for comparison with a
Tally store.

Usage: Tools/parquet_size.py DATA.csv [--duckdb] [--out DIR]

Reads the CSV that `tally export --format csv` writes (the usage-schema.md columns).
Prints one JSON object with byte counts and bytes per row.
"""
import argparse, json, os, sys, tempfile, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--duckdb", action="store_true", help="also load into a DuckDB file sorted by project_id, date, ts")
    ap.add_argument("--order", choices=["file", "ts", "tally"], default="file",
                    help="row order for Parquet: as in the CSV, sorted by ts (arrival order), or in a Tally "
                         "part's order (project_id, date, run_id, ts)")
    ap.add_argument("--out", default=None, help="folder for the Parquet/DuckDB files (default: a temporary folder)")
    args = ap.parse_args()
    import pyarrow as pa, pyarrow.csv as pacsv, pyarrow.parquet as pq

    out = args.out or tempfile.mkdtemp(prefix="tally-peer-")
    os.makedirs(out, exist_ok=True)
    schema = {
        "project_id": pa.string(), "ts": pa.int64(), "date": pa.date32(), "service": pa.string(), "unit": pa.string(),
        "quantity": pa.float64(), "cost_usd": pa.decimal128(18, 9), "run_id": pa.string(), "sandbox_id": pa.string(),
        "chain_id": pa.string(), "issue_session_id": pa.string(), "tool_id": pa.string(), "model_id": pa.string(),
        "step_type": pa.string(), "step_index": pa.int32(), "user_id": pa.string(), "persona_id": pa.string(),
        "duration_ms": pa.int64(), "capture_source": pa.string(), "parser_version": pa.int32(),
    }
    convert = pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True)
    pq_path = os.path.join(out, "usage-%s.parquet" % args.order)
    rows = 0
    if args.order in ("ts", "tally"):
        table = pacsv.read_csv(args.csv, convert_options=convert, read_options=pacsv.ReadOptions(block_size=64 << 20))
        keys = ["ts"] if args.order == "ts" else ["project_id", "date", "run_id", "ts"]
        table = table.sort_by([(k, "ascending") for k in keys])
        pq.write_table(table, pq_path, compression="zstd")
        rows = table.num_rows
        del table
    else:
        reader = pacsv.open_csv(args.csv, convert_options=convert, read_options=pacsv.ReadOptions(block_size=64 << 20))
        writer = None
        for batch in reader:
            table = pa.Table.from_batches([batch])
            if writer is None:
                writer = pq.ParquetWriter(pq_path, table.schema, compression="zstd")
            writer.write_table(table)
            rows += table.num_rows
        writer.close()
    result = {
        "rows": rows,
        "csv_bytes": os.path.getsize(args.csv),
        "parquet_order": args.order,
        "parquet_zstd_bytes": os.path.getsize(pq_path),
    }
    if args.duckdb:
        import duckdb
        db_path = os.path.join(out, "usage.duckdb")
        if os.path.exists(db_path):
            os.remove(db_path)
        con = duckdb.connect(db_path)
        con.execute("SET threads TO 2")
        t0 = time.time()
        con.execute(f"CREATE TABLE usage AS SELECT * FROM read_csv('{args.csv}', header=true, auto_detect=true) ORDER BY project_id, date, ts")
        con.execute("CHECKPOINT")
        result["duckdb_load_seconds"] = round(time.time() - t0, 3)
        con.close()
        result["duckdb_bytes"] = os.path.getsize(db_path)
    for k in list(result):
        if k.endswith("_bytes") and rows:
            result[k.replace("_bytes", "_bytes_per_row")] = round(result[k] / rows, 3)
    print(json.dumps(result, indent=2))

if __name__ == "__main__":
    main()
