#!/usr/bin/env python3
"""Checks Tally's Parquet export with real engines, and docs/clickhouse.md against Tally.

    python3 Tools/parquet_check.py [TALLY_BINARY] [--rows 200000] [--seed 7] [--workdir DIR]

1. Builds a demo store (`tally demo`), exports it with `tally export --format parquet`.
2. Reads the Hive tree with pyarrow, DuckDB and chdb (ClickHouse in process) and checks
   the row count, sum(cost_usd) exactly to the nano-USD (as integers) and the null count
   of every column against Tally's own answers (`tally query --format csv`).
3. Imports the tree into a fresh store (`tally import`) and checks that both stores
   export the same CSV (the round trip is lossless).
4. Creates the ClickHouse table of docs/clickhouse.md in a chdb session, loads the
   Parquet files, runs every `-- check:` query of the doc and compares it with the same
   question asked of Tally (the REPL's analytics commands, or SQL): counts and money
   exactly, other figures to 1e-9 relative.

Exits non-zero on any mismatch. Needs pyarrow, duckdb and chdb (Tools/install-deps.sh --peers).
"""
import argparse, datetime as dt, decimal, glob, os, re, shutil, subprocess, sys, tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(REPO, "docs", "clickhouse.md")
NANO = decimal.Decimal("1e-9")
COLUMNS = ["project_id", "ts", "date", "service", "unit", "quantity", "cost_usd", "run_id", "sandbox_id", "chain_id",
           "issue_session_id", "tool_id", "model_id", "step_type", "step_index", "user_id", "persona_id", "duration_ms",
           "capture_source", "parser_version", "cost_source"]
failures = []


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def check(name, ok, detail=""):
    log(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        failures.append(name)


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("command failed: %s\n%s" % (" ".join(cmd), p.stderr))
    return p.stdout


def csv_rows(text):
    import csv, io
    return list(csv.reader(io.StringIO(text)))


class Tally:
    def __init__(self, binary, store):
        self.binary, self.store = binary, store

    def sql(self, q):
        rows = csv_rows(run([self.binary, "query", "--store", self.store, "--format", "csv", q]))
        return rows[0], rows[1:]

    def dot(self, command):
        """A REPL analytics command, in CSV; the first table only."""
        rows = csv_rows(run([self.binary, self.store], stdin=".mode csv\n" + command + "\n"))
        header, body = rows[0], []
        for r in rows[1:]:
            if len(r) != len(header) or r[0].endswith("_change"):
                break
            body.append(r)
        return header, body


def money_nanos(text):
    return int(decimal.Decimal(text).quantize(NANO) / NANO) if text not in ("", "\\N", None) else 0


# ---------------------------------------------------------------- engines on the files

def check_engines(tally, tree):
    files = sorted(glob.glob(os.path.join(tree, "**", "*.parquet"), recursive=True))
    pattern = os.path.join(tree, "**", "*.parquet")
    nullable = [c for c in COLUMNS if c not in ("project_id", "ts", "date", "service", "unit", "quantity", "cost_source")]
    _, r = tally.sql("SELECT count(*), sum(cost_usd) FROM usage")
    want_rows, want_cost = int(r[0][0]), money_nanos(r[0][1])
    _, r = tally.sql("SELECT " + ", ".join("count(%s)" % c for c in nullable) + " FROM usage")
    want_nulls = {c: want_rows - int(v) for c, v in zip(nullable, r[0])}
    want_nulls.update({c: 0 for c in COLUMNS if c not in nullable})
    log("Tally: %d rows, cost %d nano-USD, %d files" % (want_rows, want_cost, len(files)))

    import pyarrow.dataset as ds, pyarrow.compute as pc
    t = ds.dataset(files, format="parquet").to_table()
    got_cost = money_nanos(str(pc.sum(t["cost_usd"]).as_py()))
    check("pyarrow rows", t.num_rows == want_rows, "%d vs %d" % (t.num_rows, want_rows))
    check("pyarrow sum(cost_usd)", got_cost == want_cost, "%d vs %d" % (got_cost, want_cost))
    check("pyarrow columns", t.column_names == COLUMNS, str(t.column_names))
    for c in COLUMNS:
        check("pyarrow nulls %s" % c, t[c].null_count == want_nulls[c], "%d vs %d" % (t[c].null_count, want_nulls[c]))

    import duckdb
    q = "SELECT count(*), sum(cost_usd)::VARCHAR, " + ", ".join("count(%s)" % c for c in COLUMNS) + \
        " FROM read_parquet('%s', hive_partitioning = false)" % pattern
    r = duckdb.sql(q).fetchall()[0]
    check("duckdb rows", r[0] == want_rows, "%s vs %d" % (r[0], want_rows))
    check("duckdb sum(cost_usd)", money_nanos(r[1]) == want_cost, "%s vs %d" % (r[1], want_cost))
    for c, n in zip(COLUMNS, r[2:]):
        check("duckdb nulls %s" % c, r[0] - n == want_nulls[c], "%d vs %d" % (r[0] - n, want_nulls[c]))

    import chdb
    q = "SELECT count(), toString(sum(cost_usd)), " + ", ".join("count(%s)" % c for c in COLUMNS) + \
        " FROM file('%s', Parquet) SETTINGS use_hive_partitioning = 0" % pattern
    r = csv_rows(str(chdb.query(q, "CSV")))[0]
    check("chdb rows", int(r[0]) == want_rows, "%s vs %d" % (r[0], want_rows))
    check("chdb sum(cost_usd)", money_nanos(r[1]) == want_cost, "%s vs %d" % (r[1], want_cost))
    for c, n in zip(COLUMNS, r[2:]):
        check("chdb nulls %s" % c, int(r[0]) - int(n) == want_nulls[c], "%d vs %d" % (int(r[0]) - int(n), want_nulls[c]))
    return files


# ---------------------------------------------------------------- ClickHouse questions

def doc_queries():
    text = open(DOC, encoding="utf-8").read()
    out = {}
    for block in re.findall(r"```sql\n(.*?)```", text, re.S):
        m = re.match(r"-- check: (\w+)\n", block)
        if m:
            out[m.group(1)] = block[m.end():].strip()
    return out


def norm(cell, kind):
    if cell in ("", "\\N", None):
        return None if kind in ("str", "int") else (0 if kind == "money" else 0.0)
    if kind == "money":
        return money_nanos(cell)
    if kind == "int":
        return int(decimal.Decimal(cell))
    if kind == "float":
        return float(cell)
    return cell


def same_table(name, tally_rows, ch_rows, kinds, ordered):
    a = [[norm(c, k) for c, k in zip(r, kinds)] for r in tally_rows]
    b = [[norm(c, k) for c, k in zip(r, kinds)] for r in ch_rows]
    if not ordered:
        key = lambda r: [(x is None, "" if x is None else (float("%.6g" % x) if isinstance(x, float) else x)) for x in r]
        a, b = sorted(a, key=key), sorted(b, key=key)
    if len(a) != len(b):
        return check(name, False, "%d rows from Tally, %d from ClickHouse" % (len(a), len(b)))
    for ra, rb in zip(a, b):
        for x, y, k in zip(ra, rb, kinds):
            if k == "float":
                ok = abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-300) or (x == y)
            else:
                ok = x == y
            if not ok:
                return check(name, False, "Tally %r vs ClickHouse %r" % (ra, rb))
    check(name, True)


def check_clickhouse(tally, files, project):
    from chdb import session
    queries = doc_queries()
    tmp = tempfile.mkdtemp(prefix="tally-chdb-")
    try:
        s = session.Session(tmp)
        def ch(q):
            return csv_rows(str(s.query(q, "CSV")))
        s.query("CREATE DATABASE IF NOT EXISTS tally")
        s.query("USE tally")
        s.query(queries["schema"])
        s.query(queries["rates_schema"])
        rates_csv = os.path.join(tmp, "rates.csv")
        with open(rates_csv, "w", encoding="utf-8") as f:
            f.write(run([tally.binary, "rates", "resolve", "--store", tally.store]))
        s.query("INSERT INTO rates SELECT * FROM file('%s', CSVWithNames)" % rates_csv)
        pattern = os.path.join(os.path.commonpath(files), "**", "*.parquet")
        s.query("INSERT INTO usage SELECT * FROM file('%s', Parquet) SETTINGS use_hive_partitioning = 0" % pattern)
        n = int(ch("SELECT count() FROM usage")[0][0])
        _, r = tally.sql("SELECT count(*) FROM usage")
        check("clickhouse table rows", n == int(r[0][0]), "%d vs %s" % (n, r[0][0]))

        # Parameters: a 60-day window ending on the project's last day.
        last = dt.date.fromisoformat(ch("SELECT toString(max(date)) FROM usage WHERE project_id = '%s'" % project)[0][0])
        end = last
        start = end - dt.timedelta(days=59)
        p = {"P": project, "START": str(start), "END": str(end),
             "PREV_START": str(start - dt.timedelta(days=60)), "PREV_END": str(start - dt.timedelta(days=1))}
        runs = [r[0] for r in ch("SELECT run_id FROM usage WHERE project_id = '{P}' AND date BETWEEN '{START}' AND '{END}' AND run_id IS NOT NULL "
                                 "GROUP BY run_id ORDER BY sum(cost_usd) DESC, run_id LIMIT 100".format(**p))]
        p["RUN"] = runs[0]
        p["RUNS"] = ", ".join("'%s'" % r for r in runs)
        run_last = dt.date.fromisoformat(ch("SELECT toString(max(date)) FROM usage WHERE project_id = '{P}' AND run_id = '{RUN}'".format(**p))[0][0])
        p["RUN_FROM"], p["RUN_TO"] = str(run_last - dt.timedelta(days=29)), str(run_last)
        anchor = 15
        if end.day >= anchor:
            q_start = end.replace(day=anchor)
        else:
            q_start = (end.replace(day=1) - dt.timedelta(days=1)).replace(day=anchor)
        q_next = (q_start.replace(day=28) + dt.timedelta(days=4)).replace(day=anchor)
        p["Q_START"], p["Q_END"] = str(q_start), str(q_next - dt.timedelta(days=1))
        sub = lambda name: queries[name].format(**p) if "{" in queries[name] else queries[name]
        tag = " (%s)" % project

        _, t = tally.dot(".summary {P} {START} {END}".format(**p))
        same_table("summary" + tag, [r[1:5] for r in t], ch(sub("summary")), ["money", "float", "float", "int"], True)
        # The last column of .summary is the prompt-cache savings, priced from the store's card.
        ch_savings = ch(sub("cache_savings"))[0][0]
        check("cache_savings %s USD%s" % (t[0][5], tag), money_nanos(t[0][5]) == money_nanos(ch_savings),
              "Tally %s vs ClickHouse %s" % (t[0][5], ch_savings))
        _, t = tally.dot(".summary {P} {START} {END} --compare".format(**p))
        same_table("summary_compare" + tag, [r[0:5] for r in t], ch(sub("summary_compare")), ["str", "money", "float", "float", "int"], True)
        _, t = tally.dot(".byday {P} {START} {END}".format(**p))
        same_table("by_day" + tag, t, ch(sub("by_day")), ["str", "money", "float", "int"], True)
        _, t = tally.dot(".byservice {P} {START} {END}".format(**p))
        same_table("by_service" + tag, t, ch(sub("by_service")), ["str", "money", "float", "int"], False)
        _, t = tally.sql("SELECT model_id, tool_id, step_type, count(*) AS rows, sum(quantity) AS quantity, sum(cost_usd) AS cost FROM usage "
                         "WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}' GROUP BY model_id, tool_id, step_type".format(**p))
        same_table("by_model_tool_step" + tag, t, ch(sub("by_model_tool_step")), ["str", "str", "str", "int", "float", "money"], False)
        _, t = tally.sql("SELECT run_id, count(*) AS rows, sum(cost_usd) AS cost FROM usage WHERE project_id = '{P}' AND run_id IN ({RUNS}) "
                         "GROUP BY run_id".format(**p))
        same_table("run_costs" + tag, t, ch(sub("run_costs")), ["str", "int", "money"], False)
        _, t = tally.dot(".run {RUN}".format(**p))
        same_table("run_detail" + tag, t, ch(sub("run_detail")), ["str", "int", "float", "money", "int"], True)
        _, t = tally.dot(".context {RUN}".format(**p))
        # Tally prints mean/median/p90 in USD from nano-USD doubles; ClickHouse works in USD.
        same_table("run_context" + tag, [[r[3], r[4], r[5], r[6], r[7]] for r in t], ch(sub("run_context")),
                   ["int", "float", "float", "float", "int"], True)
        _, t = tally.sql("SELECT model_id, sum(quantity) AS cache_read_tokens FROM usage WHERE project_id = '{P}' "
                         "AND date BETWEEN DATE '{START}' AND DATE '{END}' AND unit = 'cache_read_tokens' GROUP BY model_id".format(**p))
        same_table("cache_reads" + tag, t, ch(sub("cache_reads")), ["str", "float"], False)
        _, t = tally.sql("SELECT sum(quantity) AS used_tokens FROM usage WHERE project_id = '{P}' "
                         "AND date BETWEEN DATE '{Q_START}' AND DATE '{Q_END}' AND unit LIKE '%_tokens'".format(**p))
        same_table("quota" + tag, t, ch(sub("quota")), ["float"], True)
        missing = set(queries) - {"schema", "rates_schema", "cache_savings", "summary", "summary_compare", "by_day", "by_service", "by_model_tool_step",
                                  "run_costs", "run_detail", "run_context", "cache_reads", "quota"}
        check("every doc query is checked", not missing, ", ".join(sorted(missing)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tally", nargs="?", default=os.path.join(REPO, ".build", "debug", "tally"))
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    work = args.workdir or tempfile.mkdtemp(prefix="tally-parquet-check-")
    try:
        store, tree, back = os.path.join(work, "store"), os.path.join(work, "export"), os.path.join(work, "back")
        for d in (store, tree, back):
            shutil.rmtree(d, ignore_errors=True)
        log("demo store: %d rows, seed %d" % (args.rows, args.seed))
        run([args.tally, "demo", "--store", store, "--rows", str(args.rows), "--seed", str(args.seed)])
        run([args.tally, "export", "--store", store, "--format", "parquet", "--out", tree])
        tally = Tally(args.tally, store)
        files = check_engines(tally, tree)

        run([args.tally, "import", "--store", back] + files)
        a = sorted(run([args.tally, "export", "--store", store, "--format", "csv"]).splitlines())
        b = sorted(run([args.tally, "export", "--store", back, "--format", "csv"]).splitlines())
        check("export -> import round trip (CSV of both stores)", a == b, "%d vs %d lines" % (len(a), len(b)))

        _, by_size = tally.sql("SELECT project_id, count(*) AS n FROM usage GROUP BY project_id ORDER BY n DESC")
        for project in (by_size[0][0], by_size[len(by_size) // 4][0]):
            check_clickhouse(tally, files, project)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit("%d checks failed: %s" % (len(failures), ", ".join(failures)))
    log("all checks passed")


if __name__ == "__main__":
    main()
