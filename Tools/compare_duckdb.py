#!/usr/bin/env python3
"""Side-by-side benchmark of Tally and DuckDB on the same data (issue 6).

Builds tally (release), makes one demo store, exports it as CSV, loads that CSV into a
DuckDB file (table `usage` sorted by project_id, date, ts, as a DuckDB user would) and
into a fresh Tally store with `tally import`, then runs the dashboard and ad-hoc query
set of Tools/queries/ in both engines and prints, per query: Tally median ms, DuckDB
median ms, DuckDB/Tally, whether the results are identical, and Tally's peak RSS.

    python3 Tools/compare_duckdb.py --rows 10000000 [--seed 1] [--reps 10] \
        [--workdir /tmp/tally-compare] [--skip-build] [--reuse] [--report FILE]

Timings: DuckDB runs in-process (python duckdb, SET threads TO 2), one warm-up then R
timed executions of execute().fetchall(), median. Tally runs `tally query --repeat R`
(one warm-up, R timed runs in one process) and its median is read from the timing line.
Neither side counts process start or opening the database. A query made of several
statements (Tally has no CASE or FILTER) is timed as the sum of the statements' medians.
Peak memory is the maximum RSS (/usr/bin/time) of a separate single `tally query` run,
store open included.

Results are compared with the rules of Tools/sql_vs_duckdb.py: integers and money
exactly (money to the nano-USD), doubles to 1e-9 relative, row order only where the
statement has ORDER BY; which cells are money and which doubles is read from DuckDB's
result types rather than guessed from the text.
"""
import argparse
import csv
import datetime
import decimal
import json
import io
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sql_vs_duckdb import duck_text  # noqa: E402  (shared formatting of DuckDB values)

QUERY_DIR = os.path.join(HERE, "queries")
DIRECTIVE = re.compile(r"^--\s*(projects|windows):(.*)$", re.M)
REPO = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_timed(cmd, **kw):
    """Runs a command, fails loudly on error, returns seconds taken."""
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"{' '.join(map(shlex.quote, cmd))} exited {r.returncode}:\n{r.stderr}")
    if r.stderr.strip():
        log("  " + r.stderr.strip().splitlines()[-1])
    return took


def du_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def run_child(cmd):
    """Runs a child: (returncode, stdout, stderr, peak RSS in KiB).

    The peak comes from /usr/bin/time, not from wait4 on our own child: Linux carries
    the high-water RSS of the image a child replaces at exec into its ru_maxrss, so a
    child forked from this process (which holds DuckDB's buffers) would report
    gigabytes it never used. /usr/bin/time is small when it forks tally."""
    with tempfile.NamedTemporaryFile("r") as peak_file:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak_file.name] + cmd, capture_output=True, text=True)
        text = peak_file.read().strip().splitlines()
        peak = int(text[-1]) if text and text[-1].isdigit() else 0
        return r.returncode, r.stdout, r.stderr, peak


# ---------------------------------------------------------------- data preparation


def load_duckdb(db_path, csv_path):
    """CREATE TABLE usage ... ORDER BY project_id, date, ts with typed columns (the types
    Tally exposes: TIMESTAMP ts, DATE date, exact DECIMAL(18,9) cost)."""
    if os.path.exists(db_path):
        os.remove(db_path)
    con = duckdb.connect(db_path)
    con.execute("SET threads TO 2")
    start = time.perf_counter()
    con.execute(f"""
        CREATE TABLE usage AS SELECT
            project_id, make_timestamp(ts::BIGINT * 1000) AS ts, date::DATE AS date, service, unit,
            quantity::DOUBLE AS quantity, cost_usd::DECIMAL(18,9) AS cost_usd, run_id, sandbox_id, chain_id,
            issue_session_id, tool_id, model_id, step_type, step_index::INTEGER AS step_index, user_id,
            persona_id, duration_ms::BIGINT AS duration_ms, capture_source, parser_version::INTEGER AS parser_version
        FROM read_csv('{csv_path}', all_varchar = true, header = true)
        ORDER BY project_id, date, ts""")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - start


def fill(template, values):
    text = template
    for k, v in values.items():
        text = text.replace("{" + k + "}", v)
    return text


def load_query_set(con):
    """Reads Tools/queries/*.sql and fills in projects, windows, run ids from the data.

    A file holds one query: one or more statements ended by ';'. A file that uses {P} runs
    for the large, medium and small project, one that uses {START} for the last 30 and 365
    days, unless a comment line `-- projects: large` or `-- windows: 30` says otherwise.
    Files named full_*.sql are full-store ad-hoc queries, the others dashboard queries."""
    last = con.execute("SELECT max(date) FROM usage").fetchone()[0]
    sizes = con.execute("SELECT project_id, count(*) AS n FROM usage GROUP BY 1 ORDER BY n DESC, project_id").fetchall()
    picks = {
        "large": sizes[0],
        "medium": sizes[len(sizes) // 2],
        # The 90th percentile from the top rather than the very smallest project: the
        # smallest may have no rows at all in the last 30 days, which tests nothing.
        "small": sizes[min(len(sizes) - 1, (len(sizes) * 9) // 10)],
    }
    large = picks["large"][0]
    start30 = last - datetime.timedelta(days=29)
    runs = [r[0] for r in con.execute(
        "SELECT run_id FROM usage WHERE project_id = ? AND date >= ? AND run_id IS NOT NULL "
        "GROUP BY run_id ORDER BY max(ts) DESC, run_id LIMIT 100", [large, start30]).fetchall()]
    one_run = con.execute(
        "SELECT run_id FROM usage WHERE project_id = ? AND date >= ? AND run_id IS NOT NULL "
        "GROUP BY run_id ORDER BY count(*) DESC, run_id LIMIT 1", [large, start30]).fetchone()[0]

    def window(days, back=0):
        end = last - datetime.timedelta(days=back * days)
        return (end - datetime.timedelta(days=days - 1)).isoformat(), end.isoformat()

    queries = []
    for name in sorted(os.listdir(QUERY_DIR)):
        if not name.endswith(".sql"):
            continue
        text = open(os.path.join(QUERY_DIR, name)).read()
        lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("--")]
        group = "full store" if name.startswith("full_") else "dashboard"
        stem = name[:-4]
        directives = {m.group(1): m.group(2).split() for m in DIRECTIVE.finditer(text)}
        projects = directives.get("projects", ["large", "medium", "small"] if "{P}" in text else ["large"])
        windows = [int(w) for w in directives.get("windows", ["30", "365"] if "{START}" in text else [])] or [None]
        for size in projects:
            for days in windows:
                values = {
                    "P": picks[size][0], "RUN": one_run,
                    "RUNS": ", ".join("'%s'" % r for r in runs),
                }
                label = stem
                if len(projects) > 1 or "{P}" in text:
                    label += f" {size}"
                if days:
                    values["START"], values["END"] = window(days)
                    values["PREV_START"], values["PREV_END"] = window(days, back=1)
                    label += f" {days}d"
                sql = fill("\n".join(lines), values)
                stmts = [" ".join(s.split()) for s in sql.split(";") if s.strip()]
                queries.append({"name": label, "group": group, "statements": stmts})
    return last, picks, runs, one_run, queries


# ---------------------------------------------------------------- running queries


def duck_median(con, sql, reps):
    con.execute(sql).fetchall()  # warm-up
    times = []
    rows = None
    for _ in range(reps):
        start = time.perf_counter()
        rows = con.execute(sql).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), rows


def same_cell(duck, text):
    """The rules of Tools/sql_vs_duckdb.py, keyed on DuckDB's type rather than on the
    text's shape (a double that happens to print with 9 decimals is not money):
    DECIMAL exactly (money to the nano-USD), DOUBLE to 1e-9 relative, the rest as text."""
    if duck is None:
        return text == ""
    if isinstance(duck, decimal.Decimal):
        try:
            return decimal.Decimal(text) == duck
        except decimal.InvalidOperation:
            return False
    if isinstance(duck, float):
        try:
            t = float(text)
        except ValueError:
            return False
        return t == duck or abs(t - duck) <= 1e-9 * max(abs(t), abs(duck))
    return duck_text(duck) == text


def same_result(duck, tally, ordered):
    """(identical?, first difference or None)."""
    if len(duck) != len(tally):
        return False, f"{len(duck)} rows in DuckDB, {len(tally)} in Tally"
    if not ordered:
        # Group keys lead every row, so sorting both sides by their text aligns them.
        duck = sorted(duck, key=lambda r: [duck_text(v) for v in r])
        tally = sorted(tally)
    for d, t in zip(duck, tally):
        if len(d) != len(t) or not all(same_cell(x, y) for x, y in zip(d, t)):
            return False, f"DuckDB {','.join(duck_text(v) for v in d)} / Tally {','.join(t)}"
    return True, None


def tally_run(tally, store, sql, reps):
    """(median ms or None, rows or None, peak KiB, error text or None)."""
    code, out, err, _ = run_child([tally, "query", "--store", store, "--format", "csv", "--repeat", str(reps), sql])
    if code != 0:
        return None, None, None, (err.strip().splitlines() or ["exit %d" % code])[0]
    median = None
    for line in err.splitlines():
        if line.startswith("timing:"):
            median = float(line.split("median=")[1].split()[0])
    # A separate single run for memory, so the figure is one query's, not R runs'.
    code, out1, _, peak = run_child([tally, "query", "--store", store, "--format", "csv", sql])
    table = list(csv.reader(io.StringIO(out1)))
    # A lone NULL prints as an empty line, which csv reads as no field at all.
    rows = [r if r or len(table[0]) != 1 else [""] for r in table[1:]]
    return median, rows, peak, None


def fmt_ms(x):
    if x is None:
        return "—"
    return "%.2f" % x if x < 100 else "%.0f" % x


def fmt_bytes(n):
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return "%.1f %s" % (n / size, unit)
    return "%d B" % n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--workdir", default=None, help="default /tmp/tally-compare-ROWS-SEED")
    ap.add_argument("--skip-build", action="store_true", help="use the existing binary")
    ap.add_argument("--tally", default=os.path.join(REPO, ".build/release/tally"), help="the tally binary")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the store, CSV and DuckDB file of an earlier run in the workdir (and its load timings)")
    ap.add_argument("--report", help="also write the markdown report to this file")
    ap.add_argument("--query-store", choices=["demo", "imported"], default="demo",
                    help="run Tally's queries on the demo store (default) or on the store made by tally import")
    ap.add_argument("--csv", help="use this usage CSV (for example a shape of Tools/shapes.py) instead of tally demo's "
                                  "data: it is imported with tally import and loaded into DuckDB, and Tally's queries "
                                  "run on the imported store")
    args = ap.parse_args()
    if args.csv:
        args.query_store = "imported"
    work = os.path.abspath(args.workdir or f"/tmp/tally-compare-{args.rows}-{args.seed}")
    os.makedirs(work, exist_ok=True)
    tally = os.path.abspath(args.tally)
    store, imported = os.path.join(work, "store"), os.path.join(work, "imported")
    csv_path, db_path = os.path.join(work, "usage.csv"), os.path.join(work, "usage.duckdb")
    if args.csv:
        csv_path = os.path.abspath(args.csv)
    loads = {}

    if not args.skip_build:
        log("building tally (release)")
        run_timed(["swift", "build", "-c", "release", "--product", "tally"], cwd=REPO)
    if not (args.reuse and os.path.exists(db_path)):
        for d in (store, imported):
            shutil.rmtree(d, ignore_errors=True)
        if not args.csv:
            log(f"tally demo: {args.rows} rows, seed {args.seed}")
            loads["tally demo (generate, price, append, compact)"] = run_timed(
                [tally, "demo", "--store", store, "--rows", str(args.rows), "--seed", str(args.seed)])
            log("tally export csv")
            loads["tally export --format csv"] = run_timed([tally, "export", "--store", store, "--format", "csv", "--out", csv_path])
        log("duckdb load")
        loads["DuckDB CREATE TABLE AS read_csv ORDER BY (2 threads)"] = load_duckdb(db_path, csv_path)
        log("tally import")
        loads["tally import of the same CSV (fresh store)"] = run_timed([tally, "import", "--store", imported, csv_path])
        with open(os.path.join(work, "loads.json"), "w") as f:
            json.dump(loads, f)
    elif os.path.exists(os.path.join(work, "loads.json")):
        loads = json.load(open(os.path.join(work, "loads.json")))  # from the run that made the data

    sizes = {
        "Tally store (demo, compacted)": du_bytes(store) if os.path.exists(store) else None,
        "Tally store (tally import)": du_bytes(imported) if os.path.exists(imported) else None,
        "DuckDB file": du_bytes(db_path),
        "CSV export": du_bytes(csv_path),
    }

    con = duckdb.connect(db_path, read_only=True)
    con.execute("SET threads TO 2")
    last, picks, runs, one_run, queries = load_query_set(con)
    log(f"last day {last}; projects: " + ", ".join(f"{k} {v[0]} ({v[1]} rows)" for k, v in picks.items()))

    results = []
    for q in queries:
        log(f"query: {q['name']}")
        t_total, d_total, peak, same, error, diff = 0.0, 0.0, 0, True, None, None
        for sql in q["statements"]:
            d_ms, d_rows = duck_median(con, sql, args.reps)
            d_total += d_ms
            t_ms, t_rows, t_peak, err = tally_run(tally, store if args.query_store == "demo" else imported, sql, args.reps)
            if err:
                error = err
                continue
            t_total += t_ms
            peak = max(peak, t_peak)
            ok, why = same_result(d_rows, t_rows, "ORDER BY" in sql.upper())
            if not ok:
                diff = diff or why
                same = False
                log(f"  DIFFERENT: {sql}\n    {why}")
        results.append({**q, "tally": None if error else t_total, "duck": d_total,
                        "same": same, "peak": peak, "error": error, "diff": diff})

    report = render(args, work, last, picks, runs, one_run, loads, sizes, results)
    print(report)
    if args.report:
        with open(args.report, "w") as f:
            f.write(report)


def machine():
    model = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) * 1024
    return f"{os.cpu_count()} CPUs (nproc {os.sched_getaffinity(0).__len__()}), {model}, {fmt_bytes(mem)} RAM, " \
           f"{platform.system()} {platform.release()}, DuckDB {duckdb.__version__} (python), Python {platform.python_version()}"


def render(args, work, last, picks, runs, one_run, loads, sizes, results):
    cmd = "python3 Tools/compare_duckdb.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    out = [f"### {args.rows:,} rows, seed {args.seed}", "",
           f"- Machine: {machine()}",
           f"- Command: `{cmd}` (workdir {work}, {args.reps} timed runs per statement after one warm-up; "
           f"Tally queries the {args.query_store} store)",
           f"- Data: last day {last} (\"today\"); projects by row count: " +
           ", ".join(f"{k} `{v[0]}` ({v[1]:,} rows)" for k, v in picks.items()) +
           f"; 100 most recent runs of the large project; run detail for `{one_run}`", ""]
    if loads:
        out += ["| load step | seconds |", "|---|---:|"]
        out += [f"| {k} | {v:.1f} |" for k, v in loads.items()]
        out.append("")
    out += ["| storage | bytes |", "|---|---:|"]
    out += [f"| {k} | {v:,} ({fmt_bytes(v)}) |" for k, v in sizes.items() if v is not None]
    out += ["", "| query | kind | stmts | Tally median ms | DuckDB median ms | DuckDB/Tally | identical | Tally peak RSS |",
            "|---|---|---:|---:|---:|---:|---|---:|"]
    for r in results:
        if r["error"]:
            out.append(f"| {r['name']} | {r['group']} | {len(r['statements'])} | unsupported | {fmt_ms(r['duck'])} | — | — | — |")
            continue
        ratio = r["duck"] / r["tally"] if r["tally"] > 0 else float("inf")
        out.append(f"| {r['name']} | {r['group']} | {len(r['statements'])} | {fmt_ms(r['tally'])} | {fmt_ms(r['duck'])} | "
                   f"{ratio:.2f}x | {'yes' if r['same'] else '**NO**'} | {r['peak'] / 1024:.0f} MiB |")
    errors = [r for r in results if r["error"]]
    if errors:
        out += ["", "Unsupported in Tally:"]
        out += [f"- {r['name']}: {r['error']}" for r in errors]
    diffs = [r for r in results if not r["error"] and not r["same"]]
    if diffs:
        out += ["", "Different results (first differing row):"]
        out += [f"- {r['name']}: {r['diff']}" for r in diffs]
    ok = [r for r in results if not r["error"]]
    for group, target in (("dashboard", 10.0), ("full store", 2.0)):
        rs = [r for r in ok if r["group"] == group]
        if not rs:
            continue
        ratios = [r["duck"] / r["tally"] for r in rs]
        behind = [r["name"] for r, x in zip(rs, ratios) if x < target]
        out += ["", f"{group}: {len(rs)} queries, DuckDB/Tally median of ratios {statistics.median(ratios):.2f}x "
                    f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x); target >= {target:g}x; "
                    f"below target: {len(behind)}" + (f" ({', '.join(behind)})" if behind else "")]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
