#!/usr/bin/env python3
"""Ad-hoc raw-column queries (issue 21), Tally against DuckDB, side by side in one run.

For each CSV (one data shape of Tools/shapes.py each): imports it into a Tally store with
`tally import`, loads it into a DuckDB file (2 threads, sorted by project_id, date, ts, the
types Tally exposes), runs every Tools/queries/adhoc/*.sql in both, and prints per query
Tally's and DuckDB's median ms, DuckDB/Tally, whether the answers are identical, and
whether the rollup rule or the vectorised operators ran it (EXPLAIN).

    python3 Tools/adhoc_bench.py --csv /tmp/per_step.csv [--csv ...] [--reps 5] \
        [--workdir /tmp/tally-adhoc] [--tally .build/release/tally] [--report FILE]

Timings as Tools/compare_duckdb.py takes them: DuckDB in-process, one warm-up then R
timed runs, median; Tally `tally query --repeat R`, median from its timing line. Neither
side counts process start or opening the database.

`--queries Tools/queries/report` runs issue 23's report-style queries instead. A query may
name values of the data set, filled in from DuckDB's copy before it runs, so one query
file fits every shape: `{project}` (the project with the most rows), `{median_project}`
(the project in the middle by rows), `{last_date}` (the latest date, as YYYY-MM-DD).
"""
import argparse
import glob
import os
import subprocess
import sys

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare_duckdb import duck_median, load_duckdb, log, run_timed, same_result, tally_run  # noqa: E402

REPO = os.path.dirname(HERE)


def data_set_values(con):
    """The values a query file may name in braces, read from this data set."""
    by_rows = [r[0] for r in con.execute(
        "SELECT project_id FROM usage GROUP BY project_id ORDER BY count(*) DESC, project_id").fetchall()]
    last_date = con.execute("SELECT max(date) FROM usage").fetchone()[0]
    return {"project": by_rows[0], "median_project": by_rows[len(by_rows) // 2], "last_date": last_date.isoformat()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", action="append", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--workdir", default="/tmp/tally-adhoc")
    ap.add_argument("--tally", default=os.path.join(REPO, ".build/release/tally"))
    ap.add_argument("--queries", default=os.path.join(HERE, "queries", "adhoc"))
    ap.add_argument("--report")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    lines = []
    for csv_path in args.csv:
        name = os.path.splitext(os.path.basename(csv_path))[0]
        store = os.path.join(args.workdir, name + ".store")
        db = os.path.join(args.workdir, name + ".duckdb")
        if not os.path.exists(os.path.join(store, "MANIFEST")):
            log(f"tally import {csv_path}")
            run_timed([args.tally, "import", "--store", store, csv_path])
        if not os.path.exists(db):
            log(f"duckdb load {csv_path}")
            load_duckdb(db, csv_path)
        con = duckdb.connect(db, read_only=True)
        con.execute("SET threads TO 2")
        rows = con.execute("SELECT count(*) FROM usage").fetchone()[0]
        values = data_set_values(con)
        lines.append(f"\n### {name}: {rows:,} rows\n")
        lines.append("| query | Tally ms | DuckDB ms | DuckDB/Tally | same | path |")
        lines.append("|---|---:|---:|---:|---|---|")
        for path in sorted(glob.glob(os.path.join(args.queries, "*.sql"))):
            # Comment lines off: an argument starting with "--" reads as an option.
            sql = "\n".join(l for l in open(path).read().splitlines() if not l.startswith("--")).strip()
            for key, value in values.items():
                sql = sql.replace("{" + key + "}", value)
            qname = os.path.splitext(os.path.basename(path))[0]
            d_ms, d_result = duck_median(con, sql, args.reps)
            t_ms, t_rows, _peak, err = tally_run(args.tally, store, sql, args.reps)
            if err:
                lines.append(f"| {qname} | error | {d_ms:.1f} | | | {err.splitlines()[0][:80]} |")
                log(lines[-1])
                continue
            same, diff = same_result(d_result, t_rows, "order by" in sql.lower())
            if not same:
                log(f"  {qname}: {diff}")
            explain = subprocess.run([args.tally, "query", "--store", store, "--format", "csv", "EXPLAIN " + sql.rstrip(";")],
                                     capture_output=True, text=True).stdout
            kind = "rollup rule" if "STORE_AGGREGATE" in explain else "operators"
            lines.append(f"| {qname} | {t_ms:.1f} | {d_ms:.1f} | {d_ms / t_ms:.2f}x | {'yes' if same else 'NO'} | {kind} |")
            log(lines[-1])
        con.close()
    text = "\n".join(lines)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
