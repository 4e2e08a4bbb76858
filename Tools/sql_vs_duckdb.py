#!/usr/bin/env python3
"""Differential test of Tally's SQL subset against DuckDB.

Loads a store exported as CSV (`tally export --store DIR --format csv --out F`) into
DuckDB, runs every query case of a folder (one query per NAME.sql) in DuckDB and in
`tally query --format csv`, and compares the results: integers and money (9 decimals)
exactly, doubles to a relative 1e-9. Rows are compared in order when the query has
ORDER BY, as sorted lists otherwise.

With --write-expected it also stores DuckDB's answer beside each case as NAME.csv (under
Tally's header, or DuckDB's where Tally refuses the query), which the Swift suite
(SQLCommandsTests) compares against without Python. A case may hold several statements
(`SET TimeZone = '...'; SELECT ...`): the last one's answer counts, and DuckDB's session is
reset to UTC after each case. With --report the exit code is 0 whatever fails (for the
engine cases of issue 21, most of which today's engine refuses). The cases in Tests/TallyCLITests/SQLDifferential/cases are checked against the
store of `tally demo --rows 20000 --seed 7`:

    .build/debug/tally demo --store /tmp/demo --rows 20000 --seed 7
    .build/debug/tally export --store /tmp/demo --format csv --out /tmp/demo.csv
    python3 Tools/sql_vs_duckdb.py --csv /tmp/demo.csv --store /tmp/demo \
        --cases Tests/TallyCLITests/SQLDifferential/cases [--tally .build/debug/tally] [--write-expected]

The same for the per-construct cases of issue 21 (Tests/TallyCLITests/SQLDifferential/engine-cases,
not yet part of the Swift suite; `Tools/sql_oracle.py --cases DIR` counts how many pass):

    python3 Tools/sql_vs_duckdb.py --csv /tmp/demo.csv --store /tmp/demo \
        --cases Tests/TallyCLITests/SQLDifferential/engine-cases --report [--write-expected] [--only NAME,NAME]

DuckDB also gets the store's side tables (rates, daily_stats, counters) as Tally reads them,
with the same column types, so a case over them compares the engines' joins and
aggregates on the same rows. A case that reads files declares them in its header
(Tools/sql_fixtures.py); both engines read the same files from a temporary folder.
"""
import argparse
import csv
import datetime
import decimal
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sql_fixtures  # noqa: E402

MONEY = re.compile(r"^-?\d+\.\d{9}$")


def duck_text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, datetime.datetime):
        text = v.strftime("%Y-%m-%d %H:%M:%S") + (".%03d" % (v.microsecond // 1000) if v.microsecond else "")
        if v.tzinfo is not None:  # TIMESTAMPTZ, as DuckDB prints it: the session zone's offset
            off = int(v.utcoffset().total_seconds()) // 60
            sign, off = ("-" if off < 0 else "+"), abs(off)
            text += f"{sign}{off // 60:02d}" + (f":{off % 60:02d}" if off % 60 else "")
        return text
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(duck_text(x) if x is not None else "NULL" for x in v) + "]"
    if isinstance(v, dict):  # a STRUCT, as DuckDB casts it to VARCHAR
        return "{" + ", ".join(f"'{k}': " + (duck_text(x) if x is not None else "NULL") for k, x in v.items()) + "}"
    if isinstance(v, tuple):  # an unnamed STRUCT (a row value)
        return "(" + ", ".join(duck_text(x) if x is not None else "NULL" for x in v) + ")"
    return str(v)


def same_cell(a, b):
    if a == b:
        return True
    if a[:1] == b[:1] == "[" and a[-1:] == b[-1:] == "]":
        # Lists of numbers: element by element (doubles to 1e-9 relative).
        xs, ys = a[1:-1].split(", "), b[1:-1].split(", ")
        return len(xs) == len(ys) and all(same_cell(x, y) for x, y in zip(xs, ys))
    if MONEY.match(a) and MONEY.match(b):
        return False
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-300)


def same_rows(expected, actual, ordered):
    if not ordered:
        expected, actual = sorted(expected), sorted(actual)
    if len(expected) != len(actual):
        return False
    return all(len(e) == len(a) and all(same_cell(x, y) for x, y in zip(e, a)) for e, a in zip(expected, actual))


def load(con, path):
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"""
        CREATE TABLE usage AS SELECT
            project_id, make_timestamp(ts::BIGINT * 1000) AS ts, date::DATE AS date, service, unit,
            quantity::DOUBLE AS quantity, cost_usd::DECIMAL(18,9) AS cost_usd, run_id, sandbox_id, chain_id,
            issue_session_id, tool_id, model_id, step_type, step_index::INTEGER AS step_index, user_id,
            persona_id, duration_ms::BIGINT AS duration_ms, capture_source, parser_version::INTEGER AS parser_version
        FROM read_csv('{path}', all_varchar = true, header = true)""")
    for column in ("project_id", "ts", "date", "service", "unit", "quantity", "cost_usd"):
        con.execute(f"ALTER TABLE usage ALTER COLUMN {column} SET NOT NULL")  # as in Tally's schema (DESCRIBE)


SIDE_TABLES = ("rates", "daily_stats", "counters")


def load_side_tables(con, tally, store, folder):
    """The store's side tables as DuckDB tables: Tally's rows (`SELECT *`) under Tally's
    column types (`DESCRIBE`)."""
    def tally_csv(sql):
        run = subprocess.run([tally, "query", "--store", store, "--format", "csv", sql], capture_output=True, text=True, check=True)
        return run.stdout
    for table in SIDE_TABLES:
        columns = list(csv.reader(io.StringIO(tally_csv(f"DESCRIBE {table}"))))[1:]
        path = os.path.join(folder, table + ".csv")
        with open(path, "w") as f:
            f.write(tally_csv(f"SELECT * FROM {table}"))
        spec = ", ".join(f"'{c[0]}': '{c[1]}'" for c in columns)
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, columns = {{{spec}}})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--store", required=True)
    ap.add_argument("--cases", required=True, help="folder of NAME.sql query cases")
    ap.add_argument("--tally", default=".build/debug/tally")
    ap.add_argument("--write-expected", action="store_true", help="write DuckDB's answer as NAME.csv beside each case")
    ap.add_argument("--report", action="store_true", help="report failures but exit 0")
    ap.add_argument("--only", help="comma-separated case names: check (and write) only these")
    args = ap.parse_args()
    names = sorted(f[:-4] for f in os.listdir(args.cases) if f.endswith(".sql"))
    if args.only:
        names = [n for n in names if n in set(args.only.split(","))]
    con = duckdb.connect()
    load(con, args.csv)
    folder = tempfile.mkdtemp(prefix="sql-vs-duckdb-")  # side tables' rows, case fixtures
    load_side_tables(con, args.tally, args.store, folder)
    failures = 0
    for name in names:
        # Whole-line comments (a corpus query's source and notes) are not part of the query.
        text = sql_fixtures.write(open(os.path.join(args.cases, name + ".sql")).read(), folder)
        q = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--")).strip().rstrip(";")
        statements = [x.strip() for x in q.split(";") if x.strip()]
        for s in statements[:-1]:
            con.execute(s)
        cur = con.execute(statements[-1])
        duck_header = [d[0] for d in cur.description]
        duck = [[duck_text(v) for v in row] for row in cur.fetchall()]
        con.execute("SET TimeZone = 'UTC'")
        if len(statements) == 1:
            run = subprocess.run([args.tally, "query", "--store", args.store, "--format", "csv", q], capture_output=True, text=True)
        else:
            run = subprocess.run([args.tally, "query", "--store", args.store, "--format", "csv", "--file", "-"],
                                 input=q + ";\n", capture_output=True, text=True)
        header = duck_header
        if run.returncode != 0:
            print(f"FAIL {name}: tally exited {run.returncode}: {run.stderr.strip().splitlines()[0] if run.stderr.strip() else ''}\n  {q}")
            failures += 1
        else:
            rows = list(csv.reader(io.StringIO(run.stdout)))
            # A SET before the query prints its empty result's header.
            while len(statements) > 1 and rows and rows[0] == ["Success"]:
                rows = rows[1:]
            header, tally = rows[0], rows[1:]
            ordered = "ORDER BY" in q.upper()
            if same_rows(duck, tally, ordered):
                print(f"ok   {name}: {len(duck)} rows")
            else:
                failures += 1
                print(f"FAIL {name}: {q}\n  duckdb: {duck[:5]}\n  tally:  {tally[:5]}")
        if args.write_expected:
            with open(os.path.join(args.cases, name + ".csv"), "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(duck)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(names) - failures} passed, {failures} failed")
    sys.exit(1 if failures and not args.report else 0)


if __name__ == "__main__":
    main()
