#!/usr/bin/env python3
"""Random differential testing of Tally's SQL against DuckDB (SQLancer / sqlsmith style).

Builds small data sets (two shapes of Tools/shapes.py and the edge cases of
Tools/sql_edge_data.py), imports each into a Tally store (`tally import`) and into DuckDB
from the same CSV with DuckDB's types, generates random queries (Tools/sql_querygen.py),
runs every query in both (Tally twice: with its rollup rule and with TALLY_ROLLUP_RULE=0,
the vectorised operators alone) and classifies it:

  match        same answer
  mismatch     Tally answered differently on some data set             (always a failure)
  refused      Tally reported an error (counted per tag as unsupported)
  tally-crash  Tally died without a clean error (a signal, an exit code other than 0/1,
               a hang past --timeout)                                   (always a failure)
  invalid      DuckDB rejects the query (discarded; not in the table)

Values are compared by type: integers and DECIMALs exactly (money to the nano-USD; where
DuckDB answers a DECIMAL, a DOUBLE from Tally must be that exact number), doubles to 1e-9
relative (or 1e-12 absolute near 0), NULL apart from '' and from NaN, dates and timestamps
as instants (TIMESTAMPTZ in UTC). Rows are compared in order when the query has a top-level
ORDER BY (the generator makes every ORDER BY total; rows whose double keys agree only to
1e-9 may swap), as multisets otherwise.

Every failure is shrunk (select items, conjuncts, clauses, list elements and function calls
dropped while it still fails the same way on the same data) and written to --failures as
NAME.sql (the minimized query) and NAME.txt (the original, its tags, the data set, both
answers).

    python3 Tools/sql_oracle.py [--tally .build/debug/tally] [--queries 3000] [--seed 1]
        [--require Tools/sql_supported_tags.txt] [--workdir DIR] [--failures DIR]

With --require FILE (one tag a line, # comments), a query every one of whose tags is in
FILE must not be refused: when an engine feature lands, its tag goes into the file and
CI holds it. The exit code is 1 on any mismatch, crash or refusal of a required query.

With --replay FILE (queries ending in ';' at a line's end, such as failures/NAME.sql) it runs
those queries on the same data sets (give the run's --workdir, --rows, --shapes and --seed)
and classifies each, to check a fix.

With --self-check it checks the generator instead: every query on DuckDB against DuckDB
with the rows in another order and two threads must give the same answer.

The other mode checks a folder of per-construct cases (NAME.sql + DuckDB's NAME.csv, see
Tools/sql_vs_duckdb.py) and reports how many pass, without failing:

    python3 Tools/sql_oracle.py --cases Tests/TallyCLITests/SQLDifferential/engine-cases

A case that reads files (read_csv, read_parquet) declares them in its header and names them
$FIXTURES/NAME (Tools/sql_fixtures.py): they are written to a temporary folder for Tally
here, as Tools/sql_vs_duckdb.py writes them for DuckDB when it makes the expected answer.
"""
import argparse
import collections
import csv
import datetime
import decimal
import io
import json
import math
import os
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import time

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sql_fixtures  # noqa: E402
import sql_querygen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = datetime.timezone.utc


# ---------------------------------------------------------------------------- data sets
def make_datasets(workdir, tally, rows, shapes, seed):
    """[(name, csv path, store path)], each imported into a fresh Tally store."""
    out = []
    specs = [(s, [sys.executable, os.path.join(HERE, "shapes.py"), s, "--rows", str(rows), "--seed", str(seed)]) for s in shapes]
    specs.append(("edge", [sys.executable, os.path.join(HERE, "sql_edge_data.py"), "--rows", str(max(rows // 2, 600)), "--seed", str(seed)]))
    for name, cmd in specs:
        path = os.path.join(workdir, name + ".csv")
        store = os.path.join(workdir, name + ".store")
        if not os.path.exists(path):
            subprocess.run(cmd + ["--out", path], check=True, capture_output=True)
        if not os.path.exists(os.path.join(store, "tally.store")) and not os.path.exists(store + ".ok"):
            shutil.rmtree(store, ignore_errors=True)
            r = subprocess.run([tally, "import", "--store", store, path], capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"tally import {path} failed: {r.stderr}")
            open(store + ".ok", "w").close()
        out.append((name, path, store))
    return out


def load_duckdb(path, shuffled=False):
    """DuckDB over the CSV at `path` with the usage table's types; `shuffled`: the rows in
    another order and two threads (for --self-check)."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET threads = {2 if shuffled else 1}")
    con.execute(f"""
        CREATE TABLE usage AS SELECT
            project_id, make_timestamp(ts::BIGINT * 1000) AS ts, date::DATE AS date, service, unit,
            quantity::DOUBLE AS quantity, cost_usd::DECIMAL(18,9) AS cost_usd, run_id, sandbox_id, chain_id,
            issue_session_id, tool_id, model_id, step_type, step_index::INTEGER AS step_index, user_id,
            persona_id, duration_ms::BIGINT AS duration_ms, capture_source, parser_version::INTEGER AS parser_version
        FROM read_csv('{path}', all_varchar = true, header = true)""")
    if shuffled:
        con.execute("CREATE TABLE shuffled AS SELECT * FROM usage ORDER BY hash(ts, quantity, unit, project_id, user_id) DESC")
        con.execute("DROP TABLE usage")
        con.execute("ALTER TABLE shuffled RENAME TO usage")
    return con


# ---------------------------------------------------------------------------- values
def duck_cell(v):
    """A DuckDB value as a comparable: None, bool, int, Decimal, float, str, ('t', utc datetime), ('d', date), list."""
    if v is None or isinstance(v, (bool, int, decimal.Decimal, float, str)):
        return v
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(UTC).replace(tzinfo=None)
        return ("t", v)
    if isinstance(v, datetime.date):
        return ("d", v)
    if isinstance(v, datetime.timedelta):
        return ("i", v)
    if isinstance(v, list):
        return tuple(duck_cell(x) for x in v)
    return str(v)


TS_RE = re.compile(r"^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?|Z)?$")
DATE_RE = re.compile(r"^(\d{4,})-(\d\d)-(\d\d)$")


def tally_cell(v, typ):
    """A value of `tally query --file`'s jsonl (parsed with Decimal floats) as a comparable."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, (int, decimal.Decimal)):
        if typ == "DOUBLE":
            return float(v)
        return v
    if isinstance(v, str):
        if typ == "DOUBLE":
            return float(v)  # nan, inf, -inf
        if typ and "TIMESTAMP" in typ:
            m = TS_RE.match(v)
            if m:
                frac = (m.group(7) or "0")[:6].ljust(6, "0")
                try:
                    t = datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                                          int(m.group(5)), int(m.group(6)), int(frac))
                except ValueError:
                    return v
                if m.group(8):  # an offset: the instant in UTC
                    off = datetime.timedelta(hours=int(m.group(9)), minutes=int(m.group(10) or 0))
                    t = t - off if m.group(8) == "+" else t + off
                return ("t", t)
        if typ == "DATE" and DATE_RE.match(v):
            try:
                return ("d", datetime.date.fromisoformat(v))
            except ValueError:
                return v
        return v
    if isinstance(v, list):
        return tuple(tally_cell(x, None) for x in v)
    return v


def same_cell(a, b, inexact=None):
    """Whether Tally's `b` is DuckDB's `a`. Where DuckDB answers a DECIMAL, Tally's answer must
    be that exact number (a DOUBLE that only approximates it is a mismatch: money is exact).
    `inexact`, a list, records that a double matched only approximately."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    num = (int, float, decimal.Decimal)
    if isinstance(a, num) and isinstance(b, num):
        if isinstance(a, (int, decimal.Decimal)) and isinstance(b, float):
            return math.isfinite(b) and decimal.Decimal(repr(b)) == decimal.Decimal(a)
        if isinstance(a, float) or isinstance(b, float):
            x, y = float(a), float(b)
            if math.isnan(x) or math.isnan(y):
                return math.isnan(x) and math.isnan(y)
            if math.isinf(x) or math.isinf(y):
                return x == y
            if x == y:
                return True
            if abs(x - y) <= 1e-9 * max(abs(x), abs(y)) or abs(x - y) <= 1e-12:
                if inexact is not None:
                    inexact.append(1)
                return True
            return False
        return decimal.Decimal(a) == decimal.Decimal(b)  # exact: money to the last digit
    if isinstance(a, tuple) and isinstance(b, tuple):
        if a and a[0] in ("t", "d", "i"):
            return a == b
        return len(a) == len(b) and all(same_cell(x, y, inexact) for x, y in zip(a, b))
    if isinstance(a, tuple) and isinstance(b, str) and not (a and a[0] in ("t", "d", "i")):
        # Tally's jsonl writes a LIST as its text, DuckDB's cast of it to VARCHAR.
        return list_text(a) == b
    return type(a) is type(b) and a == b


def list_text(items):
    """A DuckDB list of NULLs, numbers and text (as `duck_cell` reads it) in DuckDB's VARCHAR form."""
    def one(x):
        if x is None:
            return "NULL"
        if isinstance(x, tuple) and not (x and x[0] in ("t", "d", "i")):
            return list_text(x)
        return str(x)
    return "[" + ", ".join(one(x) for x in items) + "]"


def sort_key(row):
    def k(v):
        if v is None:
            return (0, 0, "")
        if isinstance(v, bool):
            return (1, 0, str(v))
        if isinstance(v, (int, float, decimal.Decimal)):
            f = float(v)
            return (2, 1, 0.0) if f != f else (2, 0, f)
        if isinstance(v, tuple) and v and v[0] in ("t", "d", "i"):
            return (3, 0, v[1].isoformat() if hasattr(v[1], "isoformat") else str(v[1]))
        return (4, 0, repr(v))
    return [k(v) for v in row]


def same_rows(expected, actual, ordered):
    """Same rows (in order if `ordered`). Rows that differ only in order are still the same
    when some double matched only approximately: sums of doubles added in another order may
    swap two rows whose keys are equal to 1e-9 relative."""
    if len(expected) != len(actual):
        return False
    inexact = []
    if ordered and all(len(e) == len(a) and all(same_cell(x, y, inexact) for x, y in zip(e, a)) for e, a in zip(expected, actual)):
        return True
    if ordered and not inexact and not any(isinstance(v, float) for r in expected for v in r):
        return False
    inexact = []
    e2, a2 = sorted(expected, key=sort_key), sorted(actual, key=sort_key)
    same = all(len(e) == len(a) and all(same_cell(x, y, inexact) for x, y in zip(e, a)) for e, a in zip(e2, a2))
    return same and (not ordered or bool(inexact))


def first_differences(expected, actual, ordered, n=4):
    """The first rows that differ, DuckDB's and Tally's, for a failure report."""
    if not ordered:
        expected, actual = sorted(expected, key=sort_key), sorted(actual, key=sort_key)
    out = []
    for i in range(max(len(expected), len(actual))):
        e = expected[i] if i < len(expected) else None
        a = actual[i] if i < len(actual) else None
        if e is None or a is None or len(e) != len(a) or not all(same_cell(x, y) for x, y in zip(e, a)):
            out.append(f"  row {i}: duckdb {show([e], 1) if e is not None else '-'}\n          tally  {show([a], 1) if a is not None else '-'}")
            if len(out) >= n:
                break
    return "\n".join(out)


def show(rows, n=6):
    def cell(v):
        if isinstance(v, tuple) and v and v[0] in ("t", "d", "i"):
            return str(v[1])
        return repr(v) if not isinstance(v, decimal.Decimal) else str(v)
    text = "; ".join("(" + ", ".join(cell(v) for v in r) + ")" for r in rows[:n])
    return f"{len(rows)} rows: {text}" + (" ..." if len(rows) > n else "")


# ---------------------------------------------------------------------------- running
def statements(sql):
    """The statements of a query: one SELECT, or `SET ...; SELECT ...; SET ...` (the generator's
    literals hold no ';')."""
    return [x.strip() for x in sql.split(";") if x.strip()]


def split_session(sql):
    """(statements before the SELECT, the SELECT, statements after it)."""
    st = statements(sql)
    i = next((k for k, x in enumerate(st) if not x.upper().startswith("SET ")), 0)
    return st[:i], st[i], st[i + 1:]


MAX_ROWS = 20000  # answers larger than this are not compared (--max-rows): memory stays bounded


def run_duck(con, sql):
    """(rows, None) or (None, error): the SELECT's answer; the session is UTC again after."""
    before, select, after = split_session(sql)
    try:
        for x in before:
            con.execute(x)
        cur = con.execute(select)
        rows = cur.fetchmany(MAX_ROWS + 1)
        if len(rows) > MAX_ROWS:
            return None, f"more than {MAX_ROWS} rows (not compared)"
        return [[duck_cell(v) for v in r] for r in rows], None
    except Exception as e:  # noqa: BLE001 - any DuckDB error discards the query
        return None, str(e).split("\n")[0]
    finally:
        if before or after:
            con.execute("SET TimeZone = 'UTC'")


def run_tally_queries(tally, store, sqls, timeout, extra=()):
    """One outcome per query (run_tally_batch's), a query of several statements answering
    with its SELECT's outcome unless another of its statements failed."""
    flat, spans = [], []
    for q in sqls:
        b, sel, a = split_session(q)
        spans.append((len(flat), len(b), len(b) + 1 + len(a)))
        flat += b + [sel] + a
    res = run_tally_batch(tally, store, flat, timeout, extra)
    out = []
    for start, k, n in spans:
        part = res[start:start + n]
        bad = [o for o in part if o[0] == "crash"] or [o for o in part if o[0] == "error"]
        out.append(bad[0] if bad else part[k])
    return out


def run_tally_batch(tally, store, sqls, timeout, extra=()):
    """One outcome per statement: ('ok', rows, types) | ('error', msg) | ('crash', msg).

    One process runs many statements (`tally query --file`, one jsonl line per statement);
    if it dies, or gives no line for `timeout` seconds, the statement it was on is a crash
    and the rest run in a new process."""
    outcomes = []
    i = 0
    while i < len(sqls):
        chunk = sqls[i:]
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write("".join(s + ";\n" for s in chunk))
            fname = f.name
        err_file = tempfile.TemporaryFile()
        env = dict(os.environ, **dict(extra))
        p = subprocess.Popen([tally, "query", "--store", store, "--format", "jsonl", "--file", fname],
                             stdout=subprocess.PIPE, stderr=err_file, env=env)
        sel = selectors.DefaultSelector()
        sel.register(p.stdout, selectors.EVENT_READ)
        buf, got, hung = b"", 0, False
        while got < len(chunk):
            if not sel.select(timeout):
                hung = True
                p.kill()
                break
            data = os.read(p.stdout.fileno(), 1 << 20)
            if not data:
                break
            buf += data
            *lines, buf = buf.split(b"\n")
            for line in lines:
                obj = json.loads(line.decode("utf-8"), parse_float=decimal.Decimal)
                got += 1
                if "error" in obj:
                    outcomes.append(("error", obj["error"]))
                else:
                    types = obj["types"]
                    outcomes.append(("ok", [[tally_cell(v, t) for v, t in zip(r, types)] for r in obj["rows"]], types))
        rc = p.wait()
        sel.close()
        p.stdout.close()
        err_file.seek(0)
        err = err_file.read().decode("utf-8", "replace").strip()
        err_file.close()
        os.unlink(fname)
        i += got
        if got > len(chunk):
            raise RuntimeError("tally printed more results than statements")
        if got == len(chunk):
            if rc not in (0, 1):
                outcomes[-1] = ("crash", f"exit {rc} after the last statement: {err[-400:]}")
            break
        outcomes.append(("crash", f"no answer in {timeout:.0f} s" if hung else f"exit {rc}: {err[-600:]}"))
        i += 1
    return outcomes


def run_tally_one(tally, store, sql, timeout, extra=()):
    return run_tally_queries(tally, store, [sql], timeout, extra)[0]


# Tally's rollup rule on (its default) and off (TALLY_ROLLUP_RULE=0: the vectorised operators alone).
PATHS = {"on": [("", ())], "off": [(":no-rollup-rule", (("TALLY_ROLLUP_RULE", "0"),))],
         "both": [("", ()), (":no-rollup-rule", (("TALLY_ROLLUP_RULE", "0"),))]}


def classify(duck, tally_outcome, ordered):
    kind = tally_outcome[0]
    if kind == "crash":
        return "tally-crash"
    if kind == "error":
        return "refused"
    return "match" if same_rows(duck, tally_outcome[1], ordered) else "mismatch"


# ---------------------------------------------------------------------------- shrinking
TOKEN = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\d+\.\d*(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_.]*|::|<>|!=|<=|>=|\|\||//|\S")
KEYWORDS = ["SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET"]


def tokens(sql):
    return TOKEN.findall(sql)


NOT_CALLS = {"IN", "AND", "OR", "NOT", "FROM", "BY", "WHERE", "SELECT", "ON", "THEN", "ELSE", "WHEN", "EXCLUDE",
             "SETS", "CUBE", "ROLLUP", "AS", "FILTER", "HAVING", "ALL", "DISTINCT", "BETWEEN", "IS", "CASE", "END",
             "LIKE", "ILIKE", "ESCAPE", "OVER", "LIMIT", "OFFSET", "ASC", "DESC", "FIRST", "LAST", "NULLS", "TRUE", "FALSE"}


def join(toks):
    out = []
    for i, t in enumerate(toks):
        if i and not (t in (")", ",") or toks[i - 1] == "(" or t == "::" or toks[i - 1] == "::"
                      or (t == "(" and re.match(r"[A-Za-z_]", toks[i - 1]) and toks[i - 1].upper() not in NOT_CALLS)):
            out.append(" ")
        out.append(t)
    return "".join(out)


def candidates(sql):
    """Smaller variants of `sql`: drop a list element, a conjunct, a clause, a call."""
    t = tokens(sql)
    n = len(t)
    depth, match = 0, {}
    stack = []
    for i, x in enumerate(t):
        if x == "(":
            stack.append(i)
        elif x == ")" and stack:
            match[stack.pop()] = i
    seen = set()

    def emit(toks):
        s = join(toks)
        if s != sql and s not in seen:
            seen.add(s)
            return [s]
        return []

    out = []
    up = [x.upper() for x in t]
    # Whole clauses: from a clause keyword to the next clause keyword at depth 0.
    level = [0] * n
    d = 0
    for i, x in enumerate(t):
        if x == "(":
            d += 1
        level[i] = d
        if x == ")":
            d -= 1
    clause_starts = [i for i in range(n) if level[i] == 0 and (up[i] in ("WHERE", "HAVING", "LIMIT", "OFFSET")
                     or (up[i] in ("ORDER", "GROUP") and i + 1 < n and up[i + 1] == "BY"))]
    bounds = clause_starts + [i for i in range(n) if level[i] == 0 and up[i] == "FROM"] + [n]
    for s in clause_starts:
        e = min(b for b in bounds if b > s)
        out += emit(t[:s] + t[e:])
    # Comma-separated elements of any list (select list, arguments, IN lists, ORDER BY, GROUP BY).
    for i in range(n):
        if t[i] != ",":
            continue
        # the element before the comma, back to the list's start at the same level
        j = i - 1
        while j >= 0 and not (level[j] == level[i] and (t[j] == "," or up[j] in ("SELECT", "BY", "DISTINCT")) or (t[j] == "(" and level[j] == level[i])):
            j -= 1
        out += emit(t[:j + 1] + t[i + 1:])
        # the element after the comma, up to the next comma or the list's end
        k = i + 1
        while k < n and not (level[k] == level[i] and (t[k] == "," or up[k] in KEYWORDS or up[k] in ("FROM", "ORDER", "GROUP", "HAVING", "LIMIT") or t[k] == ")") and not (t[k] == ")" and level[k] > level[i])):
            k += 1
        out += emit(t[:i] + t[k:])
    # AND / OR operands.
    for i in range(n):
        if up[i] in ("AND", "OR") and not (i >= 2 and up[i - 2] == "BETWEEN") and "BETWEEN" not in up[max(0, i - 3):i]:
            j = i - 1
            while j >= 0 and not (level[j] < level[i] or (level[j] == level[i] and up[j] in ("AND", "OR", "WHERE", "HAVING", "WHEN"))):
                j -= 1
            out += emit(t[:j + 1] + t[i + 1:])
            k = i + 1
            while k < n and not (level[k] < level[i] or (level[k] == level[i] and (up[k] in ("AND", "OR", "THEN", ",") or up[k] in KEYWORDS or up[k] in ("GROUP", "ORDER", "HAVING", "LIMIT")))):
                k += 1
            out += emit(t[:i] + t[k:])
    # A function call or parenthesis replaced by its first argument.
    for i, j in match.items():
        k = i + 1
        while k < j and not (t[k] == "," and level[k] == level[i] + 1):
            k += 1
        first = t[i + 1:k]
        if not first:
            continue
        start = i - 1 if i > 0 and re.match(r"[A-Za-z_]", t[i - 1]) and up[i - 1] not in ("IN", "AND", "OR", "NOT", "WHERE", "BY", "SELECT", "EXCLUDE", "SETS", "CUBE", "ROLLUP", "FILTER", "ON") else i
        out += emit(t[:start] + first + t[j + 1:])
        if up[start] == "FILTER" or (start > 0 and up[start - 1] == "FILTER"):
            pass
    # FILTER (WHERE ...) and DISTINCT dropped; CASE's ELSE dropped.
    for i in range(n):
        if up[i] == "FILTER" and i + 1 < n and t[i + 1] == "(" and i + 1 in match:
            out += emit(t[:i] + t[match[i + 1] + 1:])
        if up[i] in ("DISTINCT", "DESC", "ASC") or (up[i] == "NULLS" and i + 1 < n):
            out += emit(t[:i] + t[i + (2 if up[i] == "NULLS" else 1):])
    return out


def with_tiebreak(sql, ncols):
    """`sql` with every output column appended to its top-level ORDER BY (a total order again
    after the shrinker dropped an ORDER BY term or a select item)."""
    t = tokens(sql)
    up = [x.upper() for x in t]
    depth, order_at, end = 0, None, len(t)
    for i, x in enumerate(t):
        if x == "(":
            depth += 1
        elif x == ")":
            depth -= 1
        elif depth == 0 and up[i] == "ORDER" and i + 1 < len(t) and up[i + 1] == "BY":
            order_at = i
        elif depth == 0 and order_at is not None and up[i] in ("LIMIT", "OFFSET"):
            end = min(end, i)
    if order_at is None or up[order_at + 2] == "ALL":
        return sql
    extra = []
    for k in range(ncols):
        extra += [",", str(k + 1)]
    return join(t[:end] + extra + t[end:])


def shrink(sql, still_fails, budget=250):
    """Greedy one-step reductions while `still_fails(candidate)` gives a (normalised) failing
    query shorter than the current one."""
    tried = 0
    improved = True
    while improved and tried < budget:
        improved = False
        for c in sorted(candidates(sql), key=len):
            tried += 1
            if tried > budget:
                break
            got = still_fails(c)
            if got and len(got) < len(sql):
                sql = got
                improved = True
                break
    return sql


# ---------------------------------------------------------------------------- the random run
def read_known(path):
    """[(regex, reason)]: `REGEX  # reason` a line; a mismatch whose query matches is known."""
    out = []
    for line in open(path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rx, _, why = line.rstrip("\n").partition("  # ")
        out.append((re.compile(rx.strip(), re.I), why.strip() or rx.strip()))
    return out


def read_tags(path):
    tags = set()
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if line:
            tags.add(line)
    return tags


def suggest_required(tagsets):
    """A large set R of tags such that no refused query has all its tags in R (greedy)."""
    matched = collections.Counter(t for tags, s in tagsets if s == "match" for t in tags)
    refused = [tags for tags, s in tagsets if s == "refused"]
    req = set(matched)
    while True:
        bad = [r for r in refused if r <= req]
        if not bad:
            return req
        hits = collections.Counter(t for r in bad for t in r)
        worst = max(hits, key=lambda t: (hits[t] / (1 + matched[t]), t))
        req.discard(worst)


def self_check(args):
    """The generator's queries on DuckDB against DuckDB with the rows in another order and two
    threads: any difference is a query whose answer is not deterministic (a generator bug)."""
    workdir = args.workdir or tempfile.mkdtemp(prefix="sql-oracle-")
    os.makedirs(workdir, exist_ok=True)
    datasets = make_datasets(workdir, args.tally, args.rows, args.shapes.split(","), args.seed)
    bad = 0
    for name, path, _ in datasets:
        a, b = load_duckdb(path), load_duckdb(path, shuffled=True)
        gen = sql_querygen.Generator(args.seed)
        for _ in range(args.queries):
            q, tags, ordered = gen.query()
            r1, e1 = run_duck(a, q)
            if e1 is not None:
                continue
            r2, e2 = run_duck(b, q)
            if e2 is not None or not same_rows(r1, r2, ordered):
                bad += 1
                print(f"not deterministic on {name}: {q}\n" + (e2 or first_differences(r1, r2, ordered, 2)))
    print(f"{bad} nondeterministic queries of {args.queries} on each of {len(datasets)} data sets")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if bad else 0


def replay_run(args):
    """Queries of a file (each ending in ';' at the end of a line, as failures/NAME.sql) run on
    the data sets of --workdir, classified as in a random run."""
    workdir = args.workdir or tempfile.mkdtemp(prefix="sql-oracle-")
    os.makedirs(workdir, exist_ok=True)
    datasets = make_datasets(workdir, args.tally, args.rows, args.shapes.split(","), args.seed)
    text = open(args.replay).read()
    queries = [q.strip() for q in re.split(r";[ \t]*\n", text + "\n") if q.strip() and not q.strip().startswith("--")]
    bad = 0
    for (name, path, store), (suffix, extra) in [(d, p) for d in datasets for p in PATHS[args.rollup_rule]]:
        con = load_duckdb(path)
        name += suffix
        outcomes = run_tally_queries(args.tally, store, queries, args.timeout, extra)
        for q, o in zip(queries, outcomes):
            rows, err = run_duck(con, q)
            if err is not None:
                print(f"invalid  {name}: {q}\n  DuckDB: {err}")
                continue
            ordered = sql_querygen.has_order_by(split_session(q)[1])
            c = classify(rows, o, ordered)
            bad += c in ("mismatch", "tally-crash")
            print(f"{c:8} {name}: {q}")
            if c == "mismatch":
                print(first_differences(rows, o[1], ordered))
            elif c in ("refused", "tally-crash"):
                print("  " + o[1].splitlines()[0] if o[1] else "")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if bad else 0


def random_run(args):
    workdir = args.workdir or tempfile.mkdtemp(prefix="sql-oracle-")
    os.makedirs(workdir, exist_ok=True)
    t0 = time.time()
    datasets = make_datasets(workdir, args.tally, args.rows, args.shapes.split(","), args.seed)
    print(f"{args.queries} queries, data sets {', '.join(d[0] for d in datasets)} in {workdir} "
          f"({time.time() - t0:.1f} s to prepare)", flush=True)
    cons = {}
    for name, path, store in datasets:
        con = load_duckdb(path)
        cons[name] = con
        check, _ = run_duck(con, "SELECT count(*), sum(cost_usd), sum(quantity) FROM usage")
        tcheck = run_tally_one(args.tally, store, "SELECT count(*), sum(cost_usd), sum(quantity) FROM usage", args.timeout)
        if tcheck[0] != "ok" or not same_rows(check, tcheck[1], True):
            sys.exit(f"{name}: the data differ between Tally and DuckDB: {check} vs {tcheck}")
    required = read_tags(args.require) if args.require else set()
    known = read_known(args.known) if args.known else []
    known_hits = collections.Counter()
    gen = sql_querygen.Generator(args.seed)
    order = ["tally-crash", "mismatch", "refused", "match"]
    table = collections.defaultdict(collections.Counter)
    total = collections.Counter()
    reasons = collections.Counter()
    seen_tags = set()
    tagsets = []  # (tags, status) of matched and refused queries, for --suggest-required
    failures = []  # (number, sql, tags, per-data-set results, status)
    req_refused = []
    timing = collections.Counter()
    done = 0
    while done < args.queries:
        queries = [gen.query() for _ in range(min(args.chunk, args.queries - done))]
        results = [dict() for _ in queries]
        for name, path, store in datasets:
            con = cons[name]
            t1 = time.time()
            duck = [run_duck(con, q[0]) for q in queries]
            valid = [i for i, (rows, err) in enumerate(duck) if err is None]
            t2 = time.time()
            for suffix, extra in PATHS[args.rollup_rule]:
                outcomes = run_tally_queries(args.tally, store, [queries[i][0] for i in valid], args.timeout, extra)
                for i, o in zip(valid, outcomes):
                    results[i][name + suffix] = classify(duck[i][0], o, queries[i][2])
                    if o[0] == "error" and not suffix:
                        reasons[re.sub(r" \(line \d+, column \d+\)", "", o[1].split("\n")[0])] += 1
            t3 = time.time()
            timing["duckdb"] += t2 - t1
            timing["tally"] += t3 - t2
            for i, (rows, err) in enumerate(duck):
                if err is not None:
                    results[i][name] = "invalid"
        for n, ((sql, tags, _), r) in enumerate(zip(queries, results)):
            vals = [v for v in r.values() if v != "invalid"]
            st = next((x for x in order if x in vals), "invalid")
            if st == "mismatch":
                why = next((why for rx, why in known if rx.search(sql)), None)
                if why is not None:
                    known_hits[why] += 1
                    st = "known"
            total[st] += 1
            seen_tags.update(tags)
            if st == "invalid":
                table["(invalid in DuckDB)"]["generated"] += 1
                continue
            for t in tags + ["(all)"]:
                table[t]["generated"] += 1
                table[t][st] += 1
            if args.suggest_required and st in ("match", "refused"):
                tagsets.append((frozenset(tags), st))
            if st in ("mismatch", "tally-crash"):
                failures.append((done + n, sql, tags, r, st))
            elif st == "refused" and required and set(tags) <= required:
                req_refused.append((done + n, sql, tags, r, st))
        done += len(queries)
        if args.queries > args.chunk:
            print(f"  {done} queries: {total['match']} match, {total['refused']} refused, {total['mismatch']} mismatch, "
                  f"{total['tally-crash']} crash ({time.time() - t0:.0f} s)", flush=True)
    print(f"DuckDB {timing['duckdb']:.1f} s, Tally {timing['tally']:.1f} s")

    unknown = required - set(sql_querygen.TAGS) - seen_tags
    if unknown:
        print(f"warning: --require names tags the generator does not make: {' '.join(sorted(unknown))}")
    print()
    print(f"{'tag':34} {'generated':>9} {'match':>7} {'refused':>7} {'mismatch':>8} {'crash':>6} {'known':>6}")
    for t in sorted(table, key=lambda x: (x != "(all)", x)):
        c = table[t]
        mark = " *" if t in required else ""
        print(f"{t + mark:34} {c['generated']:9} {c['match']:7} {c['refused']:7} {c['mismatch']:8} {c['tally-crash']:6} {c['known']:6}")
    print("(* = required by --require; known = mismatches of --known, not failures)" if required else "(known = mismatches of --known, not failures)")
    for why, c in known_hits.most_common():
        print(f"known mismatch, {c} queries: {why}")

    if args.refusals:
        print("most common refusals (statement runs, all data sets):")
        for msg, c in reasons.most_common(args.refusals):
            print(f"  {c:6}  {msg[:150]}")
        print()
    if args.suggest_required:
        print("tags no query was refused for when all its tags are among them (a candidate --require file):")
        print("  " + " ".join(sorted(suggest_required(tagsets))))
        print()

    fail_dir = args.failures or os.path.join(workdir, "failures")
    if failures or req_refused:
        shutil.rmtree(fail_dir, ignore_errors=True)
        os.makedirs(fail_dir)
    stores = {d[0]: d[2] for d in datasets}
    minimized = {}
    for n, (number, sql, tags, results, want) in enumerate(failures + req_refused):
        if n >= args.max_failures:
            print(f"(only the first {args.max_failures} failures written)")
            break
        ds = next(name for name, x in results.items() if x == want)
        extra = (("TALLY_ROLLUP_RULE", "0"),) if ds.endswith(":no-rollup-rule") else ()
        con, store = cons[ds.split(":")[0]], stores[ds.split(":")[0]]

        before, select, after = split_session(sql)

        def session(c, before=before, after=after):
            return "; ".join(before + [c] + after)

        def still_fails(c, con=con, store=store, want=want, session=session, extra=extra):
            try:
                desc = con.execute(c).description
            except Exception:  # noqa: BLE001 - DuckDB rejects the candidate
                return None
            if any(str(d[1]).startswith("INTERVAL") for d in desc):
                return None  # the generator's answers hold no INTERVAL (Python reads months as 30 days)
            if re.search(r"\b(LIMIT|OFFSET)\b", c, re.I) and not sql_querygen.has_order_by(c):
                return None  # LIMIT without ORDER BY: any rows
            c = with_tiebreak(c, len(desc))
            rows, err = run_duck(con, session(c))
            if err is not None:
                return None
            o = run_tally_one(args.tally, store, session(c), args.timeout, extra)
            return c if classify(rows, o, sql_querygen.has_order_by(c)) == want else None

        small = session(shrink(select, still_fails, budget=args.shrink_budget)) if n < args.max_shrink else sql
        rows, _ = run_duck(con, small)
        o = run_tally_one(args.tally, store, small, args.timeout, extra)
        name = f"{want}-{n:03d}"
        minimized[name] = small
        with open(os.path.join(fail_dir, name + ".sql"), "w") as f:
            f.write(small + ";\n")
        with open(os.path.join(fail_dir, name + ".txt"), "w") as f:
            f.write(f"{want} on data set {ds} (query {number} of --seed {args.seed}; data: --shapes {args.shapes} --rows {args.rows}; "
                    f"CSV and store in {workdir})\n")
            f.write(f"minimized: {small}\noriginal:  {sql}\ntags: {' '.join(tags)}\n")
            f.write(f"replay: python3 Tools/sql_oracle.py --tally {args.tally} --workdir {workdir} --rows {args.rows} "
                    f"--shapes {args.shapes} --seed {args.seed} --rollup-rule {'off' if extra else 'on'} "
                    f"--replay {os.path.join(fail_dir, name + '.sql')}\n")
            f.write(f"per data set: {results}\n")
            f.write(f"duckdb: {show(rows or [])}\n")
            f.write(f"tally:  {show(o[1]) if o[0] == 'ok' else o}\n")
            if o[0] == "ok" and rows is not None:
                ordered = sql_querygen.has_order_by(split_session(small)[1])
                f.write("first differences" + ("" if ordered else " (rows sorted)") + ":\n")
                f.write(first_differences(rows, o[1], ordered) + "\n")
    for name, small in minimized.items():
        print(f"{name}: {small}")
    print(f"\n{args.queries} queries: {total['match']} match, {total['refused']} refused, {total['mismatch']} mismatch, "
          f"{total['tally-crash']} tally-crash, {total['known']} known mismatch, {total['invalid']} invalid in DuckDB (discarded); "
          f"{len(req_refused)} refusals of required-only queries; {time.time() - t0:.0f} s")
    if failures or req_refused:
        print(f"failures (minimized) in {fail_dir}")
    if not args.keep and not args.workdir and not (failures or req_refused):
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures or req_refused else 0


# ---------------------------------------------------------------------------- the case folder
def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def cases_run(args):
    """Per-construct cases (NAME.sql + NAME.csv from DuckDB): how many Tally answers the same."""
    sys.path.insert(0, HERE)
    import sql_vs_duckdb
    names = sorted(f[:-4] for f in os.listdir(args.cases) if f.endswith(".sql"))
    store = args.store
    tmp = None
    if store is None:
        tmp = tempfile.mkdtemp(prefix="sql-cases-")
        store = os.path.join(tmp, "demo")
        subprocess.run([args.tally, "demo", "--store", store, "--rows", "20000", "--seed", "7"], check=True, capture_output=True)
    texts, flat, spans = [], [], []
    marked = set()  # cases whose header says why they differ from DuckDB (`-- Differs: reason`)
    fixtures = tempfile.mkdtemp(prefix="sql-fixtures-")  # the files cases read (Tools/sql_fixtures.py)
    for name in names:
        text = sql_fixtures.write(open(os.path.join(args.cases, name + ".sql")).read(), fixtures)
        if re.search(r"^--\s*Differs:", text, re.M):
            marked.add(name)
        # Whole-line comments (a corpus query's source and notes) are left out: they may
        # mention ORDER BY, which decides below whether rows are compared in order.
        q = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--")).strip().rstrip(";")
        texts.append(q)
        statements = [x.strip() for x in q.split(";") if x.strip()]  # SET ...; SELECT ...
        spans.append((len(flat), len(flat) + len(statements)))
        flat += statements
        # One process runs every case: a case's settings end with it (RESET, outside its span).
        flat += ["RESET " + m.group(1) for m in (re.match(r"SET\s+(?:SESSION\s+|LOCAL\s+|GLOBAL\s+)?(\w+)", x, re.I) for x in statements) if m]
    results = run_tally_batch(args.tally, store, flat, args.timeout)
    outcomes = []
    for a, b in spans:
        bad = [o for o in results[a:b - 1] if o[0] != "ok"]
        outcomes.append(bad[0] if bad else results[b - 1])
    passed, refused, wrong, crashed = [], [], [], []
    for name, q, o in zip(names, texts, outcomes):
        expected = csv_rows(open(os.path.join(args.cases, name + ".csv")).read())[1:]
        if o[0] == "crash":
            crashed.append(name)
            print(f"CRASH   {name}: {o[1][:200]}")
            continue
        if o[0] == "error":
            refused.append(name)
            if args.verbose:
                print(f"refused {name}: {o[1].splitlines()[0]}")
            continue
        actual = [[sql_vs_duckdb_text(v, t) for v, t in zip(r, o[2])] for r in o[1]]
        # A DOUBLE printed with exactly nine decimals is not money: compare it as a double.
        doubles = [t == "DOUBLE" for t in o[2]]
        texts = [[("~" + x if d else x) for x, d in zip(r, doubles)] for r in actual]

        def same(e, a):
            if a.startswith("~"):
                try:
                    x, y = float(e), float(a[1:])
                    if math.isnan(x) or math.isnan(y):
                        return math.isnan(x) and math.isnan(y)
                    return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))
                except ValueError:
                    return e == a[1:]
            return sql_vs_duckdb.same_cell(e, a)
        ordered = "ORDER BY" in q.upper()
        ex, ac = (expected, texts) if ordered else (sorted(expected), sorted(texts, key=lambda r: [x.lstrip("~") for x in r]))
        if len(ex) == len(ac) and all(len(e) == len(a) and all(same(x, y) for x, y in zip(e, a)) for e, a in zip(ex, ac)):
            passed.append(name)
        else:
            wrong.append(name)
            print(f"WRONG   {name}: {q}\n  expected {expected[:4]}\n  actual   {actual[:4]}")
    share = 100.0 * len(passed) / len(names) if names else 0.0
    print(f"{len(passed)} of {len(names)} cases pass, {share:.1f}% ({len(refused)} refused, {len(wrong)} wrong, {len(crashed)} crashed)")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(fixtures, ignore_errors=True)
    if args.allow_marked:
        stale = sorted(marked & set(passed))
        if stale:
            print(f"marked as differing but pass (delete their Differs line): {', '.join(stale)}")
    if args.expect_failing is not None or args.allow_marked:
        # Every case must pass but those the file names (refused or wrong for a reason it gives)
        # and, with --allow-marked, those whose header has a `-- Differs:` line.
        allowed = set(marked) if args.allow_marked else set()
        if args.expect_failing is not None:
            allowed |= {l.split()[0] for l in open(args.expect_failing) if l.strip() and not l.startswith("#")}
        unexpected = sorted(set(refused + wrong + crashed) - allowed)
        if unexpected:
            print(f"cases that must pass but did not: {', '.join(unexpected)}")
            return 1
    return 0


def sql_vs_duckdb_text(v, typ):
    """A Tally value as the text Tools/sql_vs_duckdb.py writes DuckDB's answers in."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple) and v and v[0] == "t":
        d = v[1]
        return d.strftime("%Y-%m-%d %H:%M:%S") + (".%03d" % (d.microsecond // 1000) if d.microsecond else "")
    if isinstance(v, tuple) and v and v[0] == "d":
        return v[1].isoformat()
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    return str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tally", default=".build/debug/tally")
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rows", type=int, default=2000, help="rows per shape (the edge set has half as many, at least 600)")
    ap.add_argument("--shapes", default="per_step,bursty", help="shapes of Tools/shapes.py, comma-separated")
    ap.add_argument("--require", help="a file of tags whose queries must not be refused")
    ap.add_argument("--known", help="a file of regexes (REGEX  # reason) of known mismatches, reported but not failures")
    ap.add_argument("--workdir", help="where the data sets and stores go (kept; reused when present)")
    ap.add_argument("--failures", help="where minimized failures go (default WORKDIR/failures)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary workdir")
    ap.add_argument("--timeout", type=float, default=60, help="seconds before a statement counts as hung")
    ap.add_argument("--max-failures", type=int, default=200, help="write at most this many failures")
    ap.add_argument("--max-shrink", type=int, default=40, help="shrink at most this many failures")
    ap.add_argument("--shrink-budget", type=int, default=250, help="candidates tried per failure")
    ap.add_argument("--self-check", action="store_true",
                    help="check the generator instead: its queries on DuckDB against DuckDB with the rows reordered")
    ap.add_argument("--rollup-rule", choices=["both", "on", "off"], default="both",
                    help="run Tally with its rollup rule on, off (TALLY_ROLLUP_RULE=0) or both (default): both paths must match DuckDB")
    ap.add_argument("--replay", help="run the queries of this file (failures/NAME.sql) on the data sets instead")
    ap.add_argument("--cases", help="check a folder of NAME.sql/NAME.csv cases instead (reports; fails only with --expect-failing)")
    ap.add_argument("--expect-failing", help="with --cases: a file naming the cases allowed to fail; any other failure fails the run")
    ap.add_argument("--allow-marked", action="store_true",
                    help="with --cases: a case whose file has a `-- Differs: reason` line may fail; any other failure fails the run")
    ap.add_argument("--store", help="with --cases: the store (default: tally demo --rows 20000 --seed 7)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--max-rows", type=int, default=20000, help="skip queries whose answer has more rows than this")
    ap.add_argument("--chunk", type=int, default=5000, help="queries generated and run at a time (bounds memory)")
    ap.add_argument("--suggest-required", action="store_true", help="print a tag set today's engine never refuses")
    ap.add_argument("--refusals", type=int, default=0, help="list the N most common refusal messages")
    args = ap.parse_args()
    args.tally = os.path.abspath(args.tally)
    global MAX_ROWS
    MAX_ROWS = args.max_rows
    if args.cases:
        sys.exit(cases_run(args))
    if args.replay:
        sys.exit(replay_run(args))
    if args.self_check:
        sys.exit(self_check(args))
    sys.exit(random_run(args))


if __name__ == "__main__":
    main()
