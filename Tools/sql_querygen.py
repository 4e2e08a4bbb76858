#!/usr/bin/env python3
"""Random SQL queries over Tally's `usage` table, in DuckDB's dialect (issue 21's grammar).

A seeded, deterministic generator in the spirit of SQLancer / sqlsmith: every query it
makes is one SELECT over `usage` whose answer is deterministic (a total ORDER BY over every
output column, or no ORDER BY at all and a comparison as a multiset; LIMIT only under a
total order; no nondeterministic function except inside a comparison whose result is
fixed, such as `now() >= ts`). Each query carries the set of construct tags it uses
(`arith`, `case`, `fn_date:strftime`, `agg:median`, `rollup`, `col:duration_ms`, ...), so a
differential runner (Tools/sql_oracle.py) can report per construct.

    python3 Tools/sql_querygen.py --queries 20 --seed 1          # print queries and their tags

Tags, by family (TAGS below lists every one):
  q:*            the query's skeleton: q:agg (GROUP BY), q:global_agg, q:project, q:star, ...
  col:NAME       a column the query reads
  arith, compare, compare_expr, bool3 (OR / NOT / three-valued logic), and, between, in_list,
  like, ilike, is_null, is_distinct, case, case_simple, coalesce, nullif, cast, cast_op (::),
  concat (||), typed_literal, exponent (1e6), null_literal, interval, time_zone, now
  fn_string:NAME, fn_date:NAME, fn_math:NAME, agg:NAME, agg_expr, agg_filter, agg_distinct,
  agg_order (ORDER BY inside an aggregate)
  where, group_by, group_by_expr, group_by_ordinal, having, order_by, order_desc, order_nulls,
  limit_offset, select_star, exclude, distinct, distinct_on, group_by_all, rollup, cube,
  grouping_sets, grouping, order_by_all, alias_ref, table_alias, qualified, timestamptz,
  tz_interval, tz_literal, tz_text_cast, tz_mixed, tz_date_diff (instants: + INTERVAL,
  literals with offsets, text read in the session's zone, coalesce with a TIMESTAMP,
  date_diff), set_timezone (the query is `SET TimeZone = 'Z'; SELECT ...; SET TimeZone = 'UTC'`)
  q:cte, q:derived, q:set_op, q:subquery (issue 23's relational queries), cte, cte_twice,
  cte_chain, cte_column_aliases, derived_table, derived_column_aliases, set:OP (union,
  union_all, intersect, intersect_all, except, except_all), subquery_scalar, subquery_in,
  subquery_not_in, subquery_exists, q:join, join:KIND (inner, left, right, full, cross,
  comma), join_using, join_residual (a non-equality condition in ON), join_self (usage twice)
  q:advanced (issue 23's later constructs): subquery_correlated (a subquery reading the
  outer row: scalar in SELECT or WHERE, EXISTS, IN), lateral (LATERAL, top N per group),
  series_gap_fill (generate_series LEFT JOINed with usage), list_agg (list / array_agg with
  ORDER BY or DISTINCT, len, indexing), unnest, pivot, unpivot
  time_window (session 18): a filter on time through a function of ts or date (::DATE,
  date_trunc, year AND month, date_part, date_diff, epoch_ms, ts +- INTERVAL, dayofweek,
  strftime, quarter, time_bucket), alone or two as a range; top_rows: SELECT * ordered by
  one key (ts, date, cost, ...) first, then every column

A quarter of the queries are relational ones, drawn from a random stream of their own;
window queries, the advanced ones, time windows and top rows have streams of their own
too. A time window replaces about a tenth of the predicates, so since session 18 the
single-table queries of a seed differ from earlier versions' from the first one that drew
a time window.
"""
import argparse
import datetime
import random

# name -> (kind, nullable). Kinds: int, dbl, dec, str, date, ts.
COLUMNS = {
    "project_id": ("str", False), "ts": ("ts", False), "date": ("date", False), "service": ("str", False),
    "unit": ("str", False), "quantity": ("dbl", False), "cost_usd": ("dec", False), "run_id": ("str", True),
    "sandbox_id": ("str", True), "chain_id": ("str", True), "issue_session_id": ("str", True),
    "tool_id": ("str", True), "model_id": ("str", True), "step_type": ("str", True), "step_index": ("int", True),
    "user_id": ("str", True), "persona_id": ("str", True), "duration_ms": ("int", True),
    "capture_source": ("str", True), "parser_version": ("int", True),
}
ALL_COLUMNS = list(COLUMNS)
NUM = ("int", "dbl", "dec")
# Columns with few distinct values: good group keys and DISTINCT outputs.
LOW_CARD = ["project_id", "service", "unit", "tool_id", "model_id", "step_type", "persona_id", "capture_source",
            "parser_version", "step_index", "date"]
STRINGS = {
    "service": ["anthropic", "openai", "openrouter", "e2b", "trigger_dev", "convex", "Anthropic", ""],
    "unit": ["input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_5m_tokens", "reasoning_tokens",
             "sandbox_seconds", "task_seconds", "db_bytes"],
    "model_id": ["claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-4-5", "gpt-5.4", "gpt-5.4-mini",
                 "openai/gpt-5.3-codex", "Claude-Sonnet-4-6", "mödel-ü"],
    "tool_id": ["claude", "codex", "opencode", "pi", ""],
    "step_type": ["designer", "checker", "optimizer", "discovery", "issue_session", "chat"],
    "persona_id": ["tech-lead", "reviewer", "planner", "tester", "writer"],
    "capture_source": ["claude-stream-json", "codex-ndjson", "opencode-ndjson", "pi-jsonl", "api"],
    "project_id": ["project-1", "project-62", "edge-a", "edge-b", "projet-é"],
    "user_id": ["user-1", "user-62040", "ユーザー", "", "user_%"],
}
GENERIC_STRINGS = ["", "x", "a%b", "100%", "_", "O'Brien", "ünïcödé", "😀", "claude", "-", "4"]
LIKE_PATTERNS = ["%", "_%", "claude%", "%mini%", "%-4-%", "gpt_5%", "%tokens", "%\\_%", "a%b", "", "%ü%", "C%", "%E%"]
DATES = ["2024-10-01", "2025-01-01", "2025-02-28", "2025-03-09", "2025-06-15", "2025-11-02", "2025-12-31",
         "2026-01-01", "2024-02-29", "2026-03-29"]
TIMESTAMPS = ["2025-01-01 00:00:00", "2025-03-09 07:00:00", "2025-11-02 06:00:00", "2025-12-31 23:59:59.999",
              "2026-01-01 00:00:00", "2025-06-15 12:30:00", "2024-10-01 00:00:00", "2026-03-29 01:00:00"]
DATE_UNITS = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"]
PART_UNITS = ["year", "quarter", "month", "week", "day", "hour", "minute", "second", "dow", "isodow", "doy",
              "epoch", "millisecond", "yearweek", "isoyear"]
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"]
INTERVALS = ["INTERVAL '30 days'", "INTERVAL 1 DAY", "INTERVAL 2 HOUR", "INTERVAL '1 month'", "INTERVAL '90 minutes'",
             "INTERVAL 1 YEAR", "INTERVAL '1 day 2 hours'"]
STRFTIME = ["%Y-%m-%d", "%Y-%m", "%H", "%Y-%m-%d %H:%M:%S", "%a", "%j", "%W %u"]

TAGS = sorted(set(
    ["q:agg", "q:global_agg", "q:project", "q:star", "q:distinct", "q:distinct_on", "q:grouping",
     "arith", "unary_minus", "compare", "compare_expr", "bool3", "and", "between", "in_list", "like", "ilike",
     "is_null", "is_distinct", "case", "case_simple", "coalesce", "nullif", "cast", "cast_op", "concat",
     "typed_literal", "exponent", "null_literal", "interval", "time_zone", "now", "bool_expr",
     "agg_expr", "agg_filter", "agg_distinct", "agg_order", "where", "group_by", "group_by_expr",
     "group_by_ordinal", "having", "order_by", "order_desc", "order_nulls", "limit_offset", "select_star", "exclude",
     "distinct", "distinct_on", "group_by_all", "rollup", "cube", "grouping_sets", "grouping", "order_by_all",
     "alias_ref", "table_alias", "qualified", "timestamptz", "set_timezone",
     "tz_interval", "tz_literal", "tz_text_cast", "tz_mixed", "tz_date_diff", "q:zone",
     "q:cte", "q:derived", "q:set_op", "q:subquery", "cte", "cte_twice", "cte_chain", "cte_column_aliases",
     "derived_table", "derived_column_aliases", "set:union", "set:union_all", "set:intersect", "set:intersect_all",
     "set:except", "set:except_all", "subquery_scalar", "subquery_in", "subquery_not_in", "subquery_exists",
     "q:join", "join:inner", "join:left", "join:right", "join:full", "join:cross", "join:comma", "join_using",
     "join_residual", "join_self",
     "time_window", "top_rows",
     "q:advanced", "subquery_correlated", "lateral", "series_gap_fill", "list_agg", "unnest", "pivot", "unpivot"]
    + ["col:" + c for c in COLUMNS]))


class Expr:
    """An SQL text, its kind, and the tags it uses."""
    __slots__ = ("sql", "kind", "tags", "agg")

    def __init__(self, sql, kind, tags=(), agg=False):
        self.sql, self.kind, self.tags, self.agg = sql, kind, set(tags), agg


def has_order_by(sql):
    """Whether the SELECT of `sql` has an ORDER BY of its own (not one inside an aggregate)."""
    depth, i, up = 0, 0, sql.upper()
    while i < len(sql):
        c = sql[i]
        if c == "'":
            i = sql.index("'", i + 1) + 1
            while i < len(sql) and sql[i] == "'":
                i = sql.index("'", i + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and up.startswith("ORDER BY", i) and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            return True
        i += 1
    return False


def lit_str(s):
    return "'" + s.replace("'", "''") + "'"


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)
        # Relational queries (WITH, derived tables, set operations, subqueries) use their own
        # stream: the single-table queries of a seed do not change when these do.
        self.relational = random.Random(seed * 7919 + 23)
        # Window queries too: adding them changed no other query of a seed.
        self.windowing = random.Random(seed * 104729 + 29)
        # And issue 23's later constructs (correlated subqueries, LATERAL, series, lists, PIVOT).
        self.advancing = random.Random(seed * 15485863 + 31)
        # Time windows written through functions of ts and date (`time_window`), and top-N
        # rows of SELECT * by one key: their own streams, so the other queries of a seed
        # stay as they were. Both forms are what the scan's bounds (MonotoneBounds,
        # DayBounds) and the narrowed top N are built from.
        self.timing = random.Random(seed * 32452843 + 37)
        self.topping = random.Random(seed * 49979687 + 41)
        self.alias = None  # table alias in scope ("u"), or "usage" for qualified names
        self.simple = False  # a query of plain columns, literals and conjunctions (a third of them)

    # -- helpers -------------------------------------------------------------------
    def chance(self, p):
        return self.r.random() < p

    def fancy(self, p):
        """chance(p) in a full query; never in a simple one."""
        return not self.simple and self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def col(self, kind=None, name=None, nullable=None):
        names = [name] if name else [c for c, (k, n) in COLUMNS.items()
                                     if (kind is None or k == kind or (kind == "num" and k in NUM))
                                     and (nullable is None or n == nullable)]
        c = self.pick(names)
        tags = {"col:" + c}
        text = c
        if self.alias:
            if self.chance(0.6):
                text = self.alias + "." + c
                tags.add("qualified")
        return Expr(text, COLUMNS[c][0], tags)

    def literal(self, kind, near=None):
        r = self.r
        if kind == "int":
            v = r.choice([0, 1, 2, 3, 5, 10, -1, 1000, 15000, 2147483647, 100000])
            return Expr(str(v), "int") if v >= 0 else Expr(f"({v})", "int")
        if kind == "dbl":
            if self.chance(0.3):
                return Expr(r.choice(["1e3", "1e6", "2.5e-3", "1E2"]), "dbl", {"exponent"})
            return Expr(r.choice(["0.5", "100.0", "1500.25", "0.0", "3600.0", "1e18"]), "dbl",
                        {"exponent"} if "e" in "1e18" and False else ())
        if kind == "dec":
            return Expr(r.choice(["0.01", "0.5", "0.000000001", "1.25", "0.0", "100", "0.003", "0.0000000005", "999999999.999999999"]), "dec")
        if kind == "str":
            pool = STRINGS.get(near) if near in STRINGS and self.chance(0.8) else GENERIC_STRINGS
            return Expr(lit_str(self.pick(pool)), "str")
        if kind == "date":
            d = self.pick(DATES)
            if self.chance(0.25):
                return Expr(lit_str(d), "date")  # an untyped string compared to a date
            return Expr(f"DATE '{d}'", "date", {"typed_literal"})
        if kind == "ts":
            t = self.pick(TIMESTAMPS)
            return Expr(f"TIMESTAMP '{t}'", "ts", {"typed_literal"})
        if kind == "bool":
            return Expr(self.pick(["true", "false"]), "bool")
        raise ValueError(kind)

    def combine(self, sql, kind, *parts, tags=()):
        t = set(tags)
        agg = False
        for p in parts:
            t |= p.tags
            agg = agg or p.agg
        return Expr(sql, kind, t, agg)

    # -- scalar expressions ------------------------------------------------------------
    def expr(self, kind, depth=2, aggctx=None):
        """A scalar expression of `kind` (int, dbl, dec, num, str, bool, date, ts)."""
        if kind == "num":
            kind = self.pick(NUM)
        if self.simple:
            depth = 0
        if depth <= 0 or self.chance(0.35):
            if kind == "bool":
                return self.predicate(depth=0)
            if self.chance(0.8) and kind in ("int", "dbl", "dec", "str", "date", "ts"):
                return self.col(kind)
            return self.literal(kind)
        f = getattr(self, "x_" + kind)
        return f(depth - 1)

    def x_int(self, d):
        r = self.r
        k = r.randrange(13)
        if k == 0:
            a, b = self.expr("int", d), self.expr("int", d)
            op = self.pick(["+", "-", "*"])
            return self.combine(f"({a.sql} {op} {b.sql})", "int", a, b, tags={"arith"})
        if k == 1:
            a, b = self.expr("int", d), self.literal("int")
            op = self.pick(["//", "%"])
            b = Expr(self.pick(["2", "3", "7", "10", "1000"]), "int")
            return self.combine(f"({a.sql} {op} {b.sql})", "int", a, b, tags={"arith"})
        if k == 2:
            s = self.expr("str", d)
            return self.combine(f"length({s.sql})", "int", s, tags={"fn_string:length"})
        if k == 3:
            t = self.expr("ts", d)
            fn = self.pick(["year", "month", "day", "hour", "dayofweek", "isodow", "week", "minute", "quarter"])
            if self.fancy(0.2):  # in the session's time zone
                return self.combine(f"{fn}({t.sql} AT TIME ZONE 'UTC')", "int", t, tags={"fn_date:" + fn, "timestamptz", "time_zone"})
            if self.chance(0.1):
                return self.x_int_instants(t)
            return self.combine(f"{fn}({t.sql})", "int", t, tags={"fn_date:" + fn})
        if k == 4:
            t = self.pick([self.expr("ts", d), self.expr("date", d)])
            u = self.pick(["year", "month", "day", "hour", "dow", "isodow", "week", "doy", "quarter"])
            if self.chance(0.5):
                return self.combine(f"extract({u} FROM {t.sql})", "int", t, tags={"fn_date:extract"})
            return self.combine(f"date_part('{u}', {t.sql})", "int", t, tags={"fn_date:date_part"})
        if k == 5:
            a, b = self.expr("ts", d), self.expr("ts", d)
            u = self.pick(["day", "hour", "month", "minute", "year", "week", "quarter"])
            fn = self.pick(["date_diff", "date_diff", "date_sub", "datediff"])
            return self.combine(f"{fn}('{u}', {a.sql}, {b.sql})", "int", a, b, tags={"fn_date:" + fn})
        if k == 6:
            t = self.expr("ts", d)
            return self.combine(f"epoch_ms({t.sql})", "int", t, tags={"fn_date:epoch_ms"})
        if k == 7:
            a = self.col("int")
            return self.combine(f"coalesce({a.sql}, {self.pick(['0', '-1', '42'])})", "int", a, tags={"coalesce"})
        if k == 8:
            a, b = self.expr("int", d), self.expr("int", d)
            fn = self.pick(["greatest", "least"])
            return self.combine(f"{fn}({a.sql}, {b.sql})", "int", a, b, tags={"fn_math:" + fn})
        if k == 9:
            a = self.expr("int", d)
            fn = self.pick(["abs", "sign"])
            return self.combine(f"{fn}({a.sql})", "int", a, tags={"fn_math:" + fn})
        if k == 10:
            a = self.expr(self.pick(["dbl", "dec"]), d)
            if self.chance(0.5):
                return self.combine(f"CAST({a.sql} AS BIGINT)", "int", a, tags={"cast"})
            return self.combine(f"{a.sql}::INTEGER", "int", a, tags={"cast", "cast_op"})
        if k == 11:
            return self.case_expr("int", d)
        a = self.expr("int", d)
        return self.combine(f"nullif({a.sql}, {self.pick(['0', '1', '2'])})", "int", a, tags={"nullif"})

    def x_dbl(self, d):
        r = self.r
        k = r.randrange(12)
        if k == 0:
            a, b = self.expr("num", d), self.expr("dbl", d)
            op = self.pick(["+", "-", "*", "/"])
            return self.combine(f"({a.sql} {op} {b.sql})", "dbl", a, b, tags={"arith"})
        if k == 1:
            a = self.expr("num", d)
            fn = self.pick(["sqrt", "ln", "log10"])
            return self.combine(f"{fn}(abs({a.sql}) + 1)", "dbl", a, tags={"fn_math:" + fn, "fn_math:abs", "arith"})
        if k == 2:
            a = self.col("int")
            return self.combine(f"exp(least({a.sql}, 20))", "dbl", a, tags={"fn_math:exp", "fn_math:least"})
        if k == 3:
            a = self.expr("dbl", d)
            n = self.pick(["0", "1", "2", "-1"])
            return self.combine(f"round({a.sql}, {n})", "dbl", a, tags={"fn_math:round"})
        if k == 4:
            a = self.expr("dbl", d)
            fn = self.pick(["floor", "ceil", "abs", "round", "sign"])
            return self.combine(f"{fn}({a.sql})", "dbl", a, tags={"fn_math:" + fn})
        if k == 5:
            a = self.expr("num", d)
            return self.combine(f"power({a.sql}, {self.pick(['2', '0.5', '3'])})", "dbl", a, tags={"fn_math:power"})
        if k == 6:
            a = self.expr(self.pick(["int", "dec"]), d)
            if self.chance(0.5):
                return self.combine(f"CAST({a.sql} AS DOUBLE)", "dbl", a, tags={"cast"})
            return self.combine(f"{a.sql}::DOUBLE", "dbl", a, tags={"cast", "cast_op"})
        if k == 7:
            t = self.expr("ts", d)
            return self.combine(f"epoch({t.sql})", "dbl", t, tags={"fn_date:epoch"})
        if k == 8:
            a, b = self.expr("dbl", d), self.expr("dbl", d)
            fn = self.pick(["greatest", "least"])
            return self.combine(f"{fn}({a.sql}, {b.sql})", "dbl", a, b, tags={"fn_math:" + fn})
        if k == 9:
            return self.case_expr("dbl", d)
        if k == 10:
            a = self.expr("dbl", d)
            return self.combine(f"(- {a.sql})", "dbl", a, tags={"unary_minus"})
        a, b = self.expr("dbl", d), Expr(self.pick(["3.0", "7.5", "1000.0"]), "dbl")
        return self.combine(f"mod({a.sql}, {b.sql})", "dbl", a, b, tags={"fn_math:mod"})

    def x_dec(self, d):
        k = self.r.randrange(7)
        if k == 0:
            a, b = self.expr("dec", d), self.pick([self.expr("dec", d), self.literal("int")])
            op = self.pick(["+", "-"])
            return self.combine(f"({a.sql} {op} {b.sql})", "dec", a, b, tags={"arith"})
        if k == 1:
            a, b = self.expr("dec", d), self.literal("int")
            if b.sql == "2147483647":
                b = Expr("3", "int")
            return self.combine(f"({a.sql} * {b.sql})", "dec", a, b, tags={"arith"})
        if k == 2:
            a = self.expr("dec", d)
            return self.combine(f"round({a.sql}, {self.pick(['0', '2', '4', '6'])})", "dec", a, tags={"fn_math:round"})
        if k == 3:
            a = self.expr("dec", d)
            fn = self.pick(["abs", "floor", "ceil"])
            return self.combine(f"{fn}({a.sql})", "dec", a, tags={"fn_math:" + fn})
        if k == 4:
            return self.case_expr("dec", d)
        if k == 5:
            a = self.expr("dec", d)
            return self.combine(f"nullif({a.sql}, 0)", "dec", a, tags={"nullif"})
        a = self.expr("dbl", d)
        return self.combine(f"CAST({a.sql} AS DECIMAL(18,9))", "dec", a, tags={"cast"})

    def x_str(self, d):
        k = self.r.randrange(20)
        s = self.expr("str", d)
        one = lambda fn, text: self.combine(text, "str", s, tags={"fn_string:" + fn})
        if k == 0:
            return one("lower", f"lower({s.sql})")
        if k == 1:
            return one("upper", f"upper({s.sql})")
        if k == 2:
            i, n = self.pick(["1", "2", "0", "-3"]), self.pick(["3", "5", "1"])
            if self.chance(0.5):
                return one("substr", f"substr({s.sql}, {i}, {n})")
            return one("substring", f"substring({s.sql}, {i}, {n})")
        if k == 3:
            b = self.expr("str", d)
            return self.combine(f"concat({s.sql}, '-', {b.sql})", "str", s, b, tags={"fn_string:concat"})
        if k == 4:
            b = self.expr("str", d)
            return self.combine(f"({s.sql} || {b.sql})", "str", s, b, tags={"concat"})
        if k == 5:
            return one("replace", f"replace({s.sql}, {lit_str(self.pick(['-', 'a', 'claude', '']))}, {lit_str(self.pick(['_', 'X', '']))})")
        if k == 6:
            return one("trim", f"trim({s.sql})")
        if k == 7:
            return one("split_part", f"split_part({s.sql}, {lit_str(self.pick(['-', '_', '/']))}, {self.pick(['1', '2', '3'])})")
        if k == 8:
            return one("regexp_extract", f"regexp_extract({s.sql}, {lit_str(self.pick(['[a-z]+', '([0-9]+)', '^(.)', '-(.*)$']))}{self.pick(['', ', 1'])})")
        if k == 9:
            return one("regexp_replace", f"regexp_replace({s.sql}, {lit_str(self.pick(['[0-9]', '-', '^.']))}, {lit_str(self.pick(['#', '']))})")
        if k == 10:
            fn = self.pick(["left", "right"])
            return one(fn, f"{fn}({s.sql}, {self.pick(['1', '3', '0'])})")
        if k == 11:
            fn = self.pick(["lpad", "rpad"])
            return one(fn, f"{fn}({s.sql}, {self.pick(['5', '12', '2'])}, '*')")
        if k == 12:
            t = self.expr("ts", d)
            return self.combine(f"strftime({t.sql}, {lit_str(self.pick(STRFTIME))})", "str", t, tags={"fn_date:strftime"})
        if k == 13:
            a = self.expr(self.pick(["int", "dec", "date", "ts"]), d)
            if self.chance(0.5):
                return self.combine(f"CAST({a.sql} AS VARCHAR)", "str", a, tags={"cast"})
            return self.combine(f"{a.sql}::VARCHAR", "str", a, tags={"cast", "cast_op"})
        if k == 14:
            c = self.col("str", nullable=True)
            return self.combine(f"coalesce({c.sql}, {self.literal('str').sql})", "str", c, tags={"coalesce"})
        if k == 15:
            return self.case_expr("str", d)
        if k == 16:
            return self.combine(f"nullif({s.sql}, '')", "str", s, tags={"nullif"})
        if k == 17:
            b = self.col("str")
            return self.combine(f"coalesce({s.sql}, {b.sql}, 'none')", "str", s, b, tags={"coalesce"})
        if k == 18:
            return one("concat", f"concat({s.sql}, {self.pick(['1', 'NULL', chr(39) + 'x' + chr(39)])})")
        return s

    def x_date(self, d):
        k = self.r.randrange(6)
        if k == 0:
            t = self.expr("ts", d)
            if self.chance(0.5):
                return self.combine(f"CAST({t.sql} AS DATE)", "date", t, tags={"cast"})
            return self.combine(f"{t.sql}::DATE", "date", t, tags={"cast", "cast_op"})
        if k == 1:
            a = self.expr("date", d)
            return self.combine(f"({a.sql} + {self.pick(['1', '7', '30'])})", "date", a, tags={"arith"})
        if k == 2:
            y, m = self.pick(["2025", "2024", "year(ts)"]), self.pick(["1", "2", "12", "month(ts)"])
            tags = {"fn_date:make_date"}
            if "ts" in y + m:
                tags |= {"col:ts", "fn_date:year" if "year" in y else "fn_date:make_date"}
                if "month" in m:
                    tags.add("fn_date:month")
            return Expr(f"make_date({y}, {m}, {self.pick(['1', '28', '15'])})", "date", tags)
        if k == 3:
            return Expr("current_date", "date", {"now", "fn_date:current_date"})
        if k == 4:
            s = self.col("date")
            return self.combine(f"CAST(date_trunc('{self.pick(DATE_UNITS[:5])}', {s.sql}) AS DATE)", "date", s,
                                tags={"fn_date:date_trunc", "cast"})
        return self.col("date")

    def x_ts(self, d):
        k = self.r.randrange(11)
        if k == 0:
            t = self.expr(self.pick(["ts", "date"]), d)
            return self.combine(f"date_trunc('{self.pick(DATE_UNITS)}', {t.sql})", "ts", t, tags={"fn_date:date_trunc"})
        if k == 1:
            t = self.expr("ts", d)
            op = self.pick(["+", "-"])
            return self.combine(f"({t.sql} {op} {self.pick(INTERVALS)})", "ts", t, tags={"interval", "arith"})
        if k == 2:
            t = self.expr("ts", d)
            return self.combine(f"date_add({t.sql}, {self.pick(INTERVALS)})", "ts", t, tags={"interval", "fn_date:date_add"})
        if k == 3:
            t = self.expr("ts", d)
            iv = self.pick(["INTERVAL '1 hour'", "INTERVAL '15 minutes'", "INTERVAL '1 day'", "INTERVAL '7 days'", "INTERVAL '1 month'"])
            return self.combine(f"time_bucket({iv}, {t.sql})", "ts", t, tags={"interval", "fn_date:time_bucket"})
        if k == 4:
            t = self.col("ts")
            z = self.pick(ZONES)
            if self.chance(0.5):
                return self.instant_as_timestamp(t)
            if self.chance(0.3):  # through the session's time zone
                u = self.pick(DATE_UNITS[:6])
                return self.combine(f"CAST(date_trunc('{u}', timezone('UTC', {t.sql})) AS TIMESTAMP)", "ts", t,
                                    tags={"timestamptz", "cast", "fn_date:date_trunc", "time_zone"})
            if self.chance(0.5):
                return self.combine(f"(({t.sql} AT TIME ZONE 'UTC') AT TIME ZONE '{z}')", "ts", t, tags={"time_zone"})
            return self.combine(f"timezone('{z}', timezone('UTC', {t.sql}))", "ts", t, tags={"time_zone"})
        if k == 5:
            return Expr(f"make_timestamp({self.pick(['2025', '2026'])}, {self.pick(['1', '3', '11'])}, {self.pick(['1', '9', '2'])}, "
                        f"{self.pick(['0', '6', '7', '23'])}, {self.pick(['0', '30', '59'])}, {self.pick(['0', '59.999', '1.5'])})",
                        "ts", {"fn_date:make_timestamp"})
        if k == 6:
            a = self.col("int")
            return self.combine(f"CAST(to_timestamp({a.sql}) AS TIMESTAMP)", "ts", a, tags={"fn_date:to_timestamp", "cast"})
        if k == 7:
            s = self.expr("ts", d)
            fmt = self.pick(["%Y-%m-%d %H:%M:%S", "%Y-%m-%d"])
            short = "%Y-%m-%d" if fmt == "%Y-%m-%d" else fmt
            return self.combine(f"strptime(strftime({s.sql}, '{short}'), '{short}')", "ts", s,
                                tags={"fn_date:strptime", "fn_date:strftime"})
        if k == 8:
            a = self.expr("date", d)
            return self.combine(f"CAST({a.sql} AS TIMESTAMP)", "ts", a, tags={"cast"})
        if k == 9:
            return self.case_expr("ts", d)
        return self.col("ts")

    def x_bool(self, d):
        return self.predicate(d)

    def case_expr(self, kind, d):
        branches = self.r.randint(1, 3)
        parts, tags = [], set()
        if self.chance(0.3):
            c = self.col(self.pick(["str", "int"]))
            text = f"CASE {c.sql}"
            parts.append(c)
            for _ in range(branches):
                v = self.literal(c.kind, near=c.sql.split(".")[-1])
                e = self.expr(kind, d)
                parts += [v, e]
                text += f" WHEN {v.sql} THEN {e.sql}"
            tags.add("case_simple")
        else:
            text = "CASE"
            for _ in range(branches):
                p, e = self.predicate(d), self.expr(kind, d)
                parts += [p, e]
                text += f" WHEN {p.sql} THEN {e.sql}"
        if self.chance(0.7):
            e = self.expr(kind, d)
            parts.append(e)
            text += f" ELSE {e.sql}"
        return self.combine(text + " END", kind, *parts, tags=tags | {"case"})

    # -- predicates ---------------------------------------------------------------------------
    def comparable(self, d):
        kind = self.pick(["int", "dbl", "dec", "str", "str", "date", "ts"])
        return self.expr(kind, d)

    def predicate(self, depth=2):
        r = self.r
        if self.simple:
            depth = 0
        if depth > 0 and self.chance(0.3):
            k = r.randrange(4)
            a = self.predicate(depth - 1)
            if k == 0:
                b = self.predicate(depth - 1)
                return self.combine(f"({a.sql} AND {b.sql})", "bool", a, b, tags={"and"})
            if k == 1:
                b = self.predicate(depth - 1)
                return self.combine(f"({a.sql} OR {b.sql})", "bool", a, b, tags={"bool3"})
            if k == 2:
                return self.combine(f"(NOT {a.sql})", "bool", a, tags={"bool3"})
            return self.combine(f"(({a.sql}) IS {self.pick(['TRUE', 'NOT TRUE', 'FALSE', 'NOT FALSE'])})", "bool", a, tags={"bool3"})
        if self.timing.random() < 0.1:
            return self.time_window()
        k = r.randrange(13)
        d = max(depth - 1, 0)
        simple = self.simple or self.chance(0.6)
        if k <= 3:  # comparison
            a = self.expr(self.pick(["int", "dbl", "dec", "str", "str", "date", "ts"]), d) if not simple else self.col()
            c = a.sql.split(".")[-1]
            if a.kind == "date" and self.chance(0.3):
                b = self.literal("ts")
            elif simple or self.chance(0.5):
                b = self.literal(a.kind, near=c)
            else:
                b = self.expr(a.kind if a.kind not in NUM else "num", d)
            op = self.pick(["=", "<>", "<", "<=", ">", ">=", "!="])
            tag = "compare" if simple and b.sql.split(".")[-1] not in COLUMNS and not b.agg else "compare_expr"
            return self.combine(f"{a.sql} {op} {b.sql}", "bool", a, b, tags={tag})
        if k == 4:
            a = self.col() if simple else self.comparable(d)
            c = a.sql.split(".")[-1]
            lo, hi = self.literal(a.kind, near=c), self.literal(a.kind, near=c)
            neg = "NOT " if self.chance(0.25) else ""
            return self.combine(f"{a.sql} {neg}BETWEEN {lo.sql} AND {hi.sql}", "bool", a, lo, hi, tags={"between"} | ({"bool3"} if neg else set()))
        if k == 5:
            a = self.col() if simple else self.comparable(d)
            c = a.sql.split(".")[-1]
            vals = [self.literal(a.kind, near=c) for _ in range(r.randint(1, 4))]
            tags = {"in_list"}
            if self.chance(0.1):
                vals.append(Expr("NULL", a.kind, {"null_literal"}))
            neg = "NOT " if self.chance(0.3) else ""
            return self.combine(f"{a.sql} {neg}IN ({', '.join(v.sql for v in vals)})", "bool", a, *vals, tags=tags)
        if k == 6:
            a = self.col("str") if simple else self.expr("str", d)
            pat = self.pick(LIKE_PATTERNS)
            neg = "NOT " if self.chance(0.25) else ""
            if self.chance(0.3):
                return self.combine(f"{a.sql} {neg}ILIKE {lit_str(pat)}", "bool", a, tags={"ilike"})
            if "\\" in pat:
                return self.combine(f"{a.sql} {neg}LIKE {lit_str(pat)} ESCAPE '\\'", "bool", a, tags={"like"})
            return self.combine(f"{a.sql} {neg}LIKE {lit_str(pat)}", "bool", a, tags={"like"})
        if k == 7:
            a = self.col(nullable=True) if simple else self.expr(self.pick(["int", "str", "dbl"]), d)
            neg = "NOT " if self.chance(0.5) else ""
            return self.combine(f"{a.sql} IS {neg}NULL", "bool", a, tags={"is_null"})
        if k == 8:
            a = self.col(nullable=True) if simple else self.comparable(d)
            c = a.sql.split(".")[-1]
            b = self.literal(a.kind, near=c) if self.chance(0.6) else Expr("NULL", a.kind, {"null_literal"})
            neg = "NOT " if self.chance(0.5) else ""
            return self.combine(f"{a.sql} IS {neg}DISTINCT FROM {b.sql}", "bool", a, b, tags={"is_distinct"})
        if k == 9:
            a = self.expr("str", d)
            fn = self.pick(["starts_with", "ends_with", "contains"])
            b = self.pick(["'claude'", "'4'", "'-'", "'tokens'", "''", "'ü'"])
            return self.combine(f"{fn}({a.sql}, {b})", "bool", a, tags={"fn_string:" + fn})
        if k == 10:
            a = self.expr("str", d)
            pat = self.pick(["^claude", "[0-9]$", "mini", "^$", "(?i)CLAUDE", "_"])
            return self.combine(f"regexp_matches({a.sql}, {lit_str(pat)})", "bool", a, tags={"fn_string:regexp_matches"})
        if k == 11:
            t = self.col("ts")
            if self.chance(0.5):
                return self.combine(f"now() >= {t.sql}", "bool", t, tags={"now", "fn_date:now"})
            return self.combine(f"{t.sql} < current_timestamp", "bool", t, tags={"now", "fn_date:current_timestamp"})
        a, b = self.expr("num", d), self.expr("num", d)
        return self.combine(f"{a.sql} {self.pick(['<', '>=', '='])} {b.sql}", "bool", a, b, tags={"compare_expr"})

    def time_window(self):
        """A filter on time as analysts write it through a function of ts or date: a cast to
        DATE, date_trunc, year and month, date_part, date_diff, epoch, ts +- INTERVAL, the day
        of the week, strftime, quarter, time_bucket; sometimes two of them as a range."""
        g = self.timing
        t, dc = self.col("ts"), self.col("date")
        def one():
            d, ts = g.choice(DATES), g.choice(TIMESTAMPS)
            op = g.choice(["<", "<=", ">", ">=", "=", "<>"])
            moment = datetime.datetime.strptime(ts.split(".")[0], "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc)
            ms = int(moment.timestamp()) * 1000 + (999 if ts.endswith(".999") else 0)
            y, m = int(d[:4]), int(d[5:7])
            unit = g.choice(["year", "quarter", "month", "week", "day", "hour"])
            k = g.randrange(16)
            if k == 0:
                return f"{t.sql}::DATE {op} DATE '{d}'", {"cast_op", "typed_literal"}
            if k == 1:
                return f"CAST({t.sql} AS DATE) {op} DATE '{d}'", {"cast", "typed_literal"}
            if k == 2:
                return f"date_trunc('{unit}', {t.sql}) {op} TIMESTAMP '{ts}'", {"fn_date:date_trunc", "typed_literal"}
            if k == 3:
                return f"date_trunc('{unit}', {dc.sql}) {op} DATE '{d}'", {"fn_date:date_trunc", "typed_literal"}
            if k == 4:
                return f"(year({t.sql}) = {y} AND month({t.sql}) {op} {m})", {"fn_date:year", "fn_date:month", "and"}
            if k == 5:
                part = g.choice(["year", "month", "day", "hour", "quarter", "dow", "isodow", "doy", "week"])
                n = {"year": y, "month": m, "day": 15, "hour": 12, "quarter": 2, "dow": 3, "isodow": 6, "doy": 100, "week": 10}[part]
                return f"date_part('{part}', {g.choice([t.sql, dc.sql])}) {op} {n}", {"fn_date:date_part"}
            if k == 6:
                u = g.choice(["day", "week", "month", "year"])
                return f"date_diff('{u}', {dc.sql}, DATE '{d}') {op} {g.choice([0, 1, 7, 30, 90])}", {"fn_date:date_diff", "typed_literal"}
            if k == 7:
                u = g.choice(["hour", "day", "minute"])
                return f"date_diff('{u}', {t.sql}, TIMESTAMP '{ts}') {op} {g.choice([0, 1, 24, 168, 720])}", {"fn_date:date_diff", "typed_literal"}
            if k == 8:
                return f"epoch_ms({t.sql}) {op} {ms}", {"fn_date:epoch_ms"}
            if k == 9:
                return f"epoch({t.sql}) {op} {ms // 1000}", {"fn_date:epoch"}
            if k == 10:
                sign = g.choice(["+", "-"])
                return f"{t.sql} {sign} {g.choice(INTERVALS)} {op} TIMESTAMP '{ts}'", {"interval", "arith", "typed_literal"}
            if k == 11:
                return f"{dc.sql} {op} DATE '{d}' - INTERVAL {g.choice([1, 7, 30])} DAY", {"interval", "arith", "typed_literal"}
            if k == 12:
                neg = g.choice(["", "NOT "])
                return f"dayofweek({t.sql}) {neg}IN (0, 6)", {"fn_date:dayofweek", "in_list"}
            if k == 13:
                return f"strftime({t.sql}, '%Y-%m') {op} '{y}-{m:02d}'", {"fn_date:strftime"}
            if k == 14:
                return f"quarter({dc.sql}) {op} {g.choice([1, 2, 3, 4])}", {"fn_date:quarter"}
            return f"time_bucket(INTERVAL '1 day', {t.sql}) {op} TIMESTAMP '{ts}'", {"fn_date:time_bucket", "interval", "typed_literal"}
        sql, tags = one()
        if g.random() < 0.35:
            sql2, tags2 = one()
            sql, tags = f"({sql} AND {sql2})", tags | tags2 | {"and"}
        return self.combine(sql, "bool", t, dc, tags=tags | {"time_window"})

    # -- aggregates ----------------------------------------------------------------------------------
    def aggregate(self, keys, depth=1):
        """An aggregate call (maybe with FILTER, DISTINCT, inside arithmetic)."""
        r = self.r
        if self.chance(0.55):  # what analysts mostly type
            name = self.pick(["count_star", "count", "sum", "avg", "min", "max", "count_distinct", "sum"])
        else:
            name = self.pick(["count_star", "count", "sum", "avg", "min", "max", "median", "quantile_cont",
                              "quantile_disc", "stddev", "stddev_samp", "stddev_pop", "var_samp", "var_pop", "variance",
                              "any_value", "first", "arg_max", "arg_min", "max_by", "min_by", "bool_and", "bool_or",
                              "string_agg", "approx_count_distinct", "count_distinct"])
        tags = set()

        def arg(kind):
            if self.simple or self.chance(0.75):
                return self.col(kind)
            tags.add("agg_expr")
            return self.expr(kind, depth)

        out_kind = "dbl"
        if name == "count_star":
            e = Expr("count(*)", "int", {"agg:count_star"})
        elif name in ("count", "count_distinct"):
            a = arg(self.pick(["str", "int", "dbl", "dec", "date", "ts"]))
            dist = name == "count_distinct" or self.chance(0.2)
            e = self.combine(f"count({'DISTINCT ' if dist else ''}{a.sql})", "int", a,
                             tags={"agg:count"} | ({"agg_distinct"} if dist else set()))
        elif name in ("sum", "avg"):
            a = arg(self.pick(["int", "dbl", "dec", "dec"]))
            dist = self.chance(0.1)
            e = self.combine(f"{name}({'DISTINCT ' if dist else ''}{a.sql})", a.kind if name == "sum" else "dbl", a,
                             tags={"agg:" + name} | ({"agg_distinct"} if dist else set()))
        elif name in ("min", "max"):
            a = arg(self.pick(["int", "dbl", "dec", "str", "date", "ts"]))
            e = self.combine(f"{name}({a.sql})", a.kind, a, tags={"agg:" + name})
        elif name == "median":
            a = arg(self.pick(["int", "dbl", "dec"]))
            e = self.combine(f"median({a.sql})", "dbl", a, tags={"agg:median"})
        elif name in ("quantile_cont", "quantile_disc"):
            a = arg(self.pick(["int", "dbl", "dec"]))
            q = self.pick(["0.5", "0.9", "0.0", "1.0", "0.25", "0.99"])
            e = self.combine(f"{name}({a.sql}, {q})", a.kind if name == "quantile_disc" else "dbl", a, tags={"agg:" + name})
        elif name in ("stddev", "stddev_samp", "stddev_pop", "var_samp", "var_pop", "variance"):
            # A plain column: the variance of an expression such as epoch(ts) (values near 1.7e9
            # a few seconds apart) cancels catastrophically and depends on the order of the rows.
            a = self.col(self.pick(["int", "dbl", "dec"]))
            e = self.combine(f"{name}({a.sql})", "dbl", a, tags={"agg:" + name})
        elif name in ("any_value", "first"):
            if not keys:
                return self.aggregate(keys, depth)
            k = self.pick(keys)
            e = self.combine(f"{name}({k.sql})", k.kind, k, tags={"agg:" + name})
        elif name in ("arg_max", "arg_min", "max_by", "min_by"):
            c = self.col(self.pick(["int", "dbl", "dec", "str", "ts", "date"]))
            e = self.combine(f"{name}({c.sql}, {c.sql})", c.kind, c, tags={"agg:" + name})
            if self.chance(0.5) and c.kind in NUM:
                e = self.combine(f"{name}({c.sql} * 2, {c.sql})", c.kind, c, tags={"agg:" + name, "agg_expr", "arith"})
        elif name in ("bool_and", "bool_or"):
            p = self.predicate(1)
            e = self.combine(f"{name}({p.sql})", "bool", p, tags={"agg:" + name, "agg_expr"})
        elif name == "string_agg":
            c = self.col("str")
            sep = self.pick(["','", "'|'", "''"])
            e = self.combine(f"string_agg({'DISTINCT ' if self.chance(0.3) else ''}{c.sql}, {sep} ORDER BY {c.sql})", "str", c,
                             tags={"agg:string_agg", "agg_order"})
            if "DISTINCT" in e.sql:
                e.tags.add("agg_distinct")
        else:  # approx_count_distinct: compared structurally (HyperLogLog answers need not agree)
            c = self.col()
            e = self.combine(f"(abs(approx_count_distinct({c.sql}) - count(DISTINCT {c.sql})) <= 0.1 * count(DISTINCT {c.sql}) + 2)",
                             "bool", c, tags={"agg:approx_count_distinct", "agg:count", "agg_distinct"})
            e.agg = True
            return e
        e.agg = True
        if self.fancy(0.2) and name != "approx_count_distinct":
            p = self.predicate(1)
            e = self.combine(e.sql + f" FILTER (WHERE {p.sql})", e.kind, e, p, tags={"agg_filter"})
            e.agg = True
        if self.fancy(0.15) and e.kind in NUM:
            b = self.pick([self.literal("int"), Expr("count(*)", "int", {"agg:count_star"}, True)])
            op = self.pick(["+", "-", "*", "/"])
            e = self.combine(f"({e.sql} {op} {b.sql})", "dbl" if op == "/" else e.kind, e, b, tags={"arith"})
            e.agg = True
        return e

    # -- queries ----------------------------------------------------------------------------------------
    def from_clause(self, tags):
        self.alias = None
        if self.fancy(0.12):
            a = self.pick(["u", "usage_1", "t"])
            tags.add("table_alias")
            self.alias = a
            return f"usage {'AS ' if self.chance(0.5) else ''}{a}"
        if self.fancy(0.05):
            self.alias = "usage"
        return "usage"

    def where(self, tags):
        if not self.chance(0.6):
            return ""
        tags.add("where")
        n = self.r.randint(1, 2 if self.simple else 3)
        preds = [self.predicate(self.pick([0, 1, 2])) for _ in range(n)]
        for p in preds:
            tags |= p.tags
        if n > 1:
            tags.add("and")
        return " WHERE " + " AND ".join(p.sql for p in preds)

    def key_expr(self):
        if self.simple or self.chance(0.7):
            return self.col(name=self.pick(LOW_CARD + ["ts", "quantity", "duration_ms", "run_id", "user_id", "sandbox_id"]
                                                if self.chance(0.2) else LOW_CARD))
        k = self.r.randrange(6)
        if k == 0:
            t = self.col("ts")
            return self.combine(f"date_trunc('{self.pick(['month', 'day', 'week', 'hour', 'year', 'quarter'])}', {t.sql})", "ts", t, tags={"fn_date:date_trunc"})
        e = self.expr(self.pick(["str", "int", "date", "ts", "dbl"]), 1)
        return e

    def order_for(self, n_items, tags, names=None, exprs=None):
        """ORDER BY over every output column (total), in a random order and direction."""
        tags.add("order_by")
        if self.chance(0.15) and n_items:
            tags.add("order_by_all")
            d = self.pick(["", " DESC", " ASC"])
            if d == " DESC":
                tags.add("order_desc")
            return " ORDER BY ALL" + d
        idx = list(range(n_items))
        self.r.shuffle(idx)
        items = []
        for i in idx:
            choice = self.r.randrange(3)
            constant = exprs is not None and not exprs[i].tags - {"exponent", "typed_literal", "null_literal"} and not exprs[i].agg
            if choice == 0 or names is None or (constant and not names[i]):
                ref = str(i + 1)
            elif choice == 1 and names[i]:
                ref = names[i]
                tags.add("alias_ref")
            else:
                ref = exprs[i].sql
                tags |= exprs[i].tags
            if self.chance(0.35):
                ref += " DESC"
                tags.add("order_desc")
            if self.chance(0.3):
                ref += self.pick([" NULLS FIRST", " NULLS LAST"])
                tags.add("order_nulls")
            items.append(ref)
        return " ORDER BY " + ", ".join(items)

    def limit(self, tags, force=False):
        if force or self.chance(0.3):
            tags.add("limit_offset")
            s = f" LIMIT {self.pick(['1', '3', '10', '25', '0'])}"
            if self.chance(0.4):
                s += f" OFFSET {self.pick(['1', '2', '5', '100'])}"
            return s
        return ""

    def select_items(self, exprs, tags, alias_p=0.4):
        names, texts = [], []
        for i, e in enumerate(exprs):
            tags |= e.tags
            if self.chance(alias_p):
                nm = f"c{i}"
                names.append(nm)
                texts.append(f"{e.sql} AS {nm}")
            else:
                names.append(None)
                texts.append(e.sql)
        return names, texts

    def q_agg(self, tags):
        frm = self.from_clause(tags)
        tags.add("q:agg")
        tags.add("group_by")
        keys = []
        for _ in range(self.r.randint(1, 3)):
            k = self.key_expr()
            if all(k.sql != x.sql for x in keys):
                keys.append(k)
        aggs = [self.aggregate(keys) for _ in range(self.r.randint(1, 2 if self.simple else 3))]
        exprs = keys + aggs
        if any(k.sql.split(".")[-1] not in COLUMNS for k in keys):
            tags.add("group_by_expr")
        names, texts = self.select_items(exprs, tags)
        where = self.where(tags)
        style = self.r.randrange(4)
        if style == 0:
            group = ", ".join(str(i + 1) for i in range(len(keys)))
            tags.add("group_by_ordinal")
        elif style == 1 and any(names[:len(keys)]) and all(names[i] or keys[i].sql.split(".")[-1] in COLUMNS for i in range(len(keys))):
            group = ", ".join(names[i] or keys[i].sql for i in range(len(keys)))
            if any(names[:len(keys)]):
                tags.add("alias_ref")
        elif style == 2 and self.chance(0.5):
            group = "ALL"
            tags.add("group_by_all")
        else:
            group = ", ".join(k.sql for k in keys)
        having = ""
        if self.chance(0.3):
            tags.add("having")
            if self.chance(0.3) and any(names[len(keys):]):
                i = self.pick([i for i in range(len(keys), len(exprs)) if names[i]])
                tags.add("alias_ref")
                lhs = names[i]
                kind = exprs[i].kind
            else:
                a = self.aggregate(keys)
                tags |= a.tags
                lhs, kind = a.sql, a.kind
            if kind == "bool":
                having = f" HAVING {lhs}"
            elif kind in NUM:
                having = f" HAVING {lhs} {self.pick(['>', '<', '>=', '<>'])} {self.literal(kind).sql}"
            else:
                having = f" HAVING {lhs} IS NOT NULL"
        order, lim = "", ""
        if self.chance(0.6):
            order = self.order_for(len(exprs), tags, names, exprs)
            lim = self.limit(tags)
        return f"SELECT {', '.join(texts)} FROM {frm}{where} GROUP BY {group}{having}{order}{lim}"

    def q_global_agg(self, tags):
        frm = self.from_clause(tags)
        tags.add("q:global_agg")
        aggs = [self.aggregate([]) for _ in range(self.r.randint(1, 2 if self.simple else 4))]
        names, texts = self.select_items(aggs, tags, 0.3)
        where = self.where(tags)
        having = ""
        if self.chance(0.1):
            tags.add("having")
            having = " HAVING count(*) > 0"
            tags.add("agg:count_star")
        return f"SELECT {', '.join(texts)} FROM {frm}{where}{having}"

    def q_project(self, tags):
        frm = self.from_clause(tags)
        tags.add("q:project")
        exprs = [self.expr(self.pick(["int", "dbl", "dec", "str", "str", "date", "ts", "bool"]), self.pick([0, 1, 2]))
                 for _ in range(self.r.randint(1, 4))]
        names, texts = self.select_items(exprs, tags)
        where = self.where(tags)
        distinct = ""
        if self.chance(0.25):
            distinct = "DISTINCT "
            tags.add("distinct")
        order = self.order_for(len(exprs), tags, names, exprs)
        lim = self.limit(tags, force=not distinct)
        return f"SELECT {distinct}{', '.join(texts)} FROM {frm}{where}{order}{lim}"

    def q_star(self, tags):
        frm = self.from_clause(tags)
        tags.add("q:star")
        tags.add("select_star")
        cols = list(ALL_COLUMNS)
        star = "*"
        if self.chance(0.5):
            ex = self.r.sample(ALL_COLUMNS, self.r.randint(1, 5))
            star = f"* EXCLUDE ({', '.join(ex)})"
            tags.add("exclude")
            cols = [c for c in cols if c not in ex]
        for c in cols:
            tags.add("col:" + c)
        where = self.where(tags)
        tags.add("order_by")
        keys = [c for c in ["ts", "date", "cost_usd", "quantity", "duration_ms", "step_index"] if c in cols]
        if keys and self.topping.random() < 0.5:
            # The latest (or largest) rows: one key first, every column after it to break ties.
            key = self.topping.choice(keys)
            desc = self.topping.random() < 0.7
            order = f" ORDER BY {key}{' DESC' if desc else ''}, " + ", ".join(str(i + 1) for i in range(len(cols)))
            tags.add("top_rows")
            if desc:
                tags.add("order_desc")
        elif self.chance(0.5):
            order = " ORDER BY ALL"
            tags.add("order_by_all")
        else:
            order = " ORDER BY " + ", ".join(str(i + 1) for i in range(len(cols)))
        lim = self.limit(tags, force=True)
        return f"SELECT {star} FROM {frm}{where}{order}{lim}"

    def q_distinct_on(self, tags):
        frm = self.from_clause(tags)
        tags |= {"q:distinct_on", "distinct_on"}
        key = self.col(name=self.pick(LOW_CARD))
        others = [self.expr(self.pick(["int", "dbl", "dec", "str", "ts"]), 1) for _ in range(self.r.randint(1, 2))]
        exprs = [key] + others
        names, texts = self.select_items(exprs, tags, 0.2)
        where = self.where(tags)
        tags.add("order_by")
        items = [str(i + 1) for i in range(len(exprs))]
        for i in range(1, len(items)):
            if self.chance(0.3):
                items[i] += " DESC"
                tags.add("order_desc")
        return f"SELECT DISTINCT ON ({key.sql}) {', '.join(texts)} FROM {frm}{where} ORDER BY {', '.join(items)}"

    def q_grouping(self, tags):
        frm = self.from_clause(tags)
        tags.add("q:grouping")
        keys = []
        for _ in range(self.r.randint(2, 3)):
            k = self.col(name=self.pick(LOW_CARD))
            if all(k.sql != x.sql for x in keys):
                keys.append(k)
        aggs = [self.aggregate([]) for _ in range(self.r.randint(1, 2))]
        ks = ", ".join(k.sql for k in keys)
        g = Expr(f"grouping({ks})", "int", {"grouping"})
        exprs = keys + [g] + aggs
        names, texts = self.select_items(exprs, tags, 0.2)
        where = self.where(tags)
        style = self.r.randrange(3)
        if style == 0:
            group = f"ROLLUP ({ks})"
            tags.add("rollup")
        elif style == 1:
            group = f"CUBE ({ks})"
            tags.add("cube")
        else:
            sets = ["()", f"({keys[0].sql})", f"({keys[-1].sql})", f"({keys[0].sql}, {keys[-1].sql})"]
            chosen = [f"({ks})"] + self.r.sample(sets, self.r.randint(0, len(sets)))
            self.r.shuffle(chosen)
            group = "GROUPING SETS (" + ", ".join(chosen) + ")"
            tags.add("grouping_sets")
        order = self.order_for(len(exprs), tags, names, exprs)
        return f"SELECT {', '.join(texts)} FROM {frm}{where} GROUP BY {group}{order}"

    # -- relational queries (issue 23) ------------------------------------------------------------------
    def named_select(self, tags):
        """A SELECT over usage whose outputs are named c0, c1, ...: grouped or row by row.
        Returns (sql, kinds)."""
        self.alias = None
        if self.chance(0.6):
            keys = []
            for _ in range(self.r.randint(1, 2)):
                k = self.col(name=self.pick(LOW_CARD))
                if all(k.sql != x.sql for x in keys):
                    keys.append(k)
            exprs = keys + [self.aggregate(keys) for _ in range(self.r.randint(1, 2))]
            group = " GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
            tags.add("group_by")
        else:
            exprs = [self.expr(self.pick(["int", "dec", "str", "date", "ts", "dbl"]), self.pick([0, 1]))
                     for _ in range(self.r.randint(1, 3))]
            group = ""
        for e in exprs:
            tags |= e.tags
        where = self.where(tags)
        items = ", ".join(f"{e.sql} AS c{i}" for i, e in enumerate(exprs))
        return f"SELECT {items} FROM usage{where}{group}", [e.kind for e in exprs]

    def over_relation(self, rel, names, kinds, tags):
        """A query over the relation `rel` (columns `names` of `kinds`): all rows in a total
        order, an aggregate of them, or groups of them."""
        style = self.r.randrange(3)
        numeric = [i for i, k in enumerate(kinds) if k in ("int", "dec")]
        if style == 1 and numeric:
            i = self.pick(numeric)
            c = names[i]
            aggs = [f"count(*)", f"sum({c})", f"min({c})", f"max({c})", f"count(DISTINCT {c})"]
            chosen = self.r.sample(aggs, self.r.randint(1, 3))
            where = ""
            if self.chance(0.4):
                where = f" WHERE {c} {self.pick(['>', '<', '>=', '<>'])} {self.literal(kinds[i]).sql}"
            return f"SELECT {', '.join(chosen)} FROM {rel}{where}"
        exact = [i for i, kd in enumerate(kinds) if kd != "dbl"]
        if style == 2 and len(names) > 1 and exact:
            # Group by an exact column: a DOUBLE aggregate (a stddev of huge values) can differ
            # in its last digits between engines, and then the groups differ.
            k = self.pick(exact)
            others = [i for i in range(len(names)) if i != k]
            j = self.pick(others)
            return f"SELECT {names[k]}, count(*), max({names[j]}) FROM {rel} GROUP BY {names[k]} ORDER BY 1 NULLS FIRST"
        where = ""
        if self.chance(0.4):
            i = self.r.randrange(len(names))
            where = f" WHERE {names[i]} IS {self.pick(['', 'NOT '])}NULL"
        tags.add("order_by")
        order = " ORDER BY " + ", ".join(f"{i + 1}{self.pick(['', ' DESC'])} NULLS {self.pick(['FIRST', 'LAST'])}" for i in range(len(names)))
        return f"SELECT * FROM {rel}{where}{order}{self.limit(tags)}"

    def q_cte(self, tags):
        tags |= {"q:cte", "cte"}
        inner, kinds = self.named_select(tags)
        names = [f"c{i}" for i in range(len(kinds))]
        head = f"WITH t AS ({inner})"
        if self.chance(0.3):
            tags.add("cte_column_aliases")
            names = [f"x{i}" for i in range(len(kinds))]
            head = f"WITH t({', '.join(names)}) AS ({inner})"
        if self.chance(0.3):
            tags.add("cte_chain")
            head += f", t2 AS (SELECT * FROM t WHERE {names[0]} IS NOT NULL)"
            rel = "t2"
        else:
            rel = "t"
        body = self.over_relation(rel, names, kinds, tags)
        if self.chance(0.25) and not has_order_by(body) and " LIMIT " not in body:
            # The CTE read twice: a UNION ALL of two readings.
            tags.add("cte_twice")
            body = f"{body} UNION ALL {body}"
        return f"{head} {body}"

    def q_derived(self, tags):
        tags |= {"q:derived", "derived_table"}
        inner, kinds = self.named_select(tags)
        names = [f"c{i}" for i in range(len(kinds))]
        rel = f"({inner}) {self.pick(['AS ', ''])}d"
        if self.chance(0.3):
            tags.add("derived_column_aliases")
            names = [f"y{i}" for i in range(len(kinds))]
            rel = f"({inner}) AS d({', '.join(names)})"
        return self.over_relation(rel, names, kinds, tags)

    def q_set_op(self, tags):
        tags.add("q:set_op")
        # Exact kinds only: a DOUBLE computed one ulp apart would make set membership differ.
        kinds = [self.pick(["int", "dec", "str", "str", "date", "ts"]) for _ in range(self.r.randint(1, 2))]

        def side():
            self.alias = None
            exprs = [self.expr(k, self.pick([0, 1])) if self.chance(0.6) else self.col(k) for k in kinds]
            for e in exprs:
                tags.update(e.tags)
            return f"SELECT {', '.join(e.sql for e in exprs)} FROM usage{self.where(tags)}"

        sql = side()
        for _ in range(self.r.randint(1, 2)):
            op = self.pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"])
            tags.add("set:" + op.lower().replace(" ", "_"))
            sql += f" {op} {side()}"
        if self.chance(0.7):
            tags.add("order_by")
            sql += " ORDER BY " + ", ".join(f"{i + 1}{self.pick(['', ' DESC'])} NULLS {self.pick(['FIRST', 'LAST'])}"
                                            for i in range(len(kinds)))
            sql += self.limit(tags)
        return sql

    def subquery_predicate(self, tags):
        """A predicate with an uncorrelated subquery: IN, NOT IN, EXISTS or a scalar comparison."""
        self.alias = None
        k = self.r.randrange(4)
        kind = self.pick(["str", "str", "int", "date", "dec"])
        c = self.col(kind)
        inner = self.col(kind)
        tags |= c.tags | inner.tags
        sub_tags = set()
        where = self.where(sub_tags)
        tags |= sub_tags
        if k <= 1:
            neg = k == 1
            tags.add("subquery_not_in" if neg else "subquery_in")
            return f"{c.sql} {'NOT ' if neg else ''}IN (SELECT {inner.sql} FROM usage{where})"
        if k == 2:
            tags.add("subquery_exists")
            return f"{self.pick(['', 'NOT '])}EXISTS (SELECT 1 FROM usage{where})"
        tags.add("subquery_scalar")
        return f"{c.sql} {self.pick(['=', '<', '>=', '<>'])} (SELECT {self.pick(['min', 'max'])}({inner.sql}) FROM usage{where})"

    def q_subquery(self, tags):
        tags.add("q:subquery")
        pred = self.subquery_predicate(tags)
        self.alias = None
        if self.chance(0.5):
            aggs = [self.aggregate([]) for _ in range(self.r.randint(1, 2))]
            for a in aggs:
                tags |= a.tags
            return f"SELECT {', '.join(a.sql for a in aggs)} FROM usage WHERE {pred}"
        key = self.col(name=self.pick(LOW_CARD))
        agg = self.aggregate([key])
        tags |= key.tags | agg.tags | {"group_by", "order_by"}
        if self.chance(0.3):
            # A scalar subquery in the select list of a grouped query.
            tags.add("subquery_scalar")
            return (f"SELECT {key.sql}, count(*) - (SELECT count(*) FROM usage WHERE {pred}) FROM usage "
                    f"GROUP BY {key.sql} ORDER BY 1 NULLS FIRST")
        return f"SELECT {key.sql}, {agg.sql} FROM usage WHERE {pred} GROUP BY {key.sql} ORDER BY 1 NULLS FIRST"

    def grouped_side(self, key, tags, prefix):
        """`(SELECT key, count(*) AS PREFIX0, AGG AS PREFIX1 FROM usage [WHERE] GROUP BY 1)`."""
        self.alias = None
        k = self.col(name=key)
        agg = self.aggregate([k])
        tags.update(k.tags | agg.tags | {"group_by"})
        where = self.where(tags)
        return f"(SELECT {k.sql}, count(*) AS {prefix}0, {agg.sql} AS {prefix}1 FROM usage{where} GROUP BY 1)"

    def q_join(self, tags):
        tags.add("q:join")
        key = self.pick(LOW_CARD)
        style = self.r.randrange(3)
        if style == 2:
            # usage twice, on a key with NULLs and an order between the rows.
            tags |= {"join_self", "join:inner", "join_residual", "col:run_id", "col:ts"}
            self.alias = None
            a = self.col(name=self.pick(["service", "unit", "step_type"]))
            w = f" WHERE a.{a.sql} = {self.literal('str', near=a.sql).sql}"
            tags |= a.tags | {"where", "compare"}
            return (f"SELECT a.{key}, count(*), count(DISTINCT b.unit) FROM usage a JOIN usage b "
                    f"ON a.run_id = b.run_id AND a.ts < b.ts{w} GROUP BY 1 ORDER BY 1 NULLS FIRST")
        if style == 1:
            # usage joined with an aggregate of itself.
            tags.add("col:" + key)
            r = self.grouped_side(key, tags, "b")
            kind = self.pick(["JOIN", "LEFT JOIN", "INNER JOIN"])
            tags.add("join:" + ("left" if kind.startswith("LEFT") else "inner"))
            return (f"SELECT u.{key}, count(*), sum(r.b0), count(r.b1) FROM usage u {kind} {r} r ON u.{key} = r.{key} "
                    f"GROUP BY 1 ORDER BY 1 NULLS FIRST")
        # Two aggregates joined on their key.
        l = self.grouped_side(key, tags, "a")
        r = self.grouped_side(key, tags, "b")
        kind = self.pick(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "FULL OUTER JOIN", "LEFT OUTER JOIN", ",", "CROSS JOIN"])
        name = {"JOIN": "inner", ",": "comma", "CROSS JOIN": "cross"}.get(kind, kind.split()[0].lower())
        tags.add("join:" + name)
        where = ""
        if kind == ",":
            join = f"{l} l, {r} r"
            if self.chance(0.8):
                where = f" WHERE l.{key} = r.{key}"
        elif kind == "CROSS JOIN":
            join = f"{l} l CROSS JOIN {r} r"
        elif self.chance(0.3):
            tags.add("join_using")
            join = f"{l} l {kind} {r} r USING ({key})"
        else:
            cond = f"l.{key} = r.{key}"
            if self.chance(0.3):
                tags.add("join_residual")
                cond += f" AND l.a0 {self.pick(['<', '>=', '<>'])} r.b0"
            join = f"{l} l {kind} {r} r ON {cond}"
        tags.add("order_by")
        return (f"SELECT l.{key}, r.{key}, l.a0, r.b0, l.a1, r.b1 FROM {join}{where} "
                f"ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3, 4, 5 NULLS FIRST, 6 NULLS FIRST")

    # -- window functions ------------------------------------------------------------
    # Only deterministic windows: over groups (whose keys are unique, so ORDER BY the inner
    # key is a total order within the partition) any function and frame; over rows or an
    # ORDER BY with ties, only functions that treat peers alike (ranks, counts, cume_dist,
    # aggregates over the default RANGE frame or the whole partition).
    TIE_SAFE = ["rank", "dense_rank", "percent_rank", "cume_dist", "count_star", "sum", "min", "max", "count"]

    def window_call(self, fn, value, value_kind, tags):
        """fn(args) for a window over `value` (an expression of kind value_kind)."""
        tags.add("window:" + fn)
        if fn in ("row_number", "rank", "dense_rank", "percent_rank", "cume_dist"):
            return f"{fn}()"
        if fn == "ntile":
            return f"ntile({self.r.randint(1, 5)})"
        if fn in ("lag", "lead"):
            if self.chance(0.5):
                return f"{fn}({value})"
            default = "NULL" if value_kind not in NUM else self.pick(["0", "-1", "NULL"])
            return f"{fn}({value}, {self.r.randint(0, 3)}, {default})"
        if fn == "nth_value":
            return f"nth_value({value}, {self.r.randint(1, 3)})"
        if fn in ("first_value", "last_value", "min", "max", "count"):
            return f"{fn}({value})"
        if fn == "count_star":
            return "count(*)"
        return f"{fn}({value})"  # sum, avg

    def frame(self, tags):
        # DuckDB refuses an end before the start's kind (CURRENT ROW AND 1 PRECEDING).
        lo = self.pick(["UNBOUNDED PRECEDING", f"{self.r.randint(0, 3)} PRECEDING", "CURRENT ROW", f"{self.r.randint(0, 2)} FOLLOWING"])
        ends = ["UNBOUNDED FOLLOWING", f"{self.r.randint(0, 3)} FOLLOWING"]
        if "FOLLOWING" not in lo:
            ends.append("CURRENT ROW")
        if "PRECEDING" in lo:
            ends.append(f"{self.r.randint(0, 2)} PRECEDING")
        hi = self.pick(ends)
        tags.add("window_frame_rows")
        return f" ROWS BETWEEN {lo} AND {hi}"

    def q_window_groups(self, tags):
        """Windows over the groups of a GROUP BY of two keys."""
        tags |= {"window", "window_over_agg", "group_by"}
        k1, k2 = self.r.sample(LOW_CARD, 2)
        tags |= {"col:" + k1, "col:" + k2}
        aggs = [("count(*)", "int"), ("sum(cost_usd)", "dec"), ("min(quantity)", "dbl"), ("max(date)", "date")]
        agg, agg_kind = self.pick(aggs)
        items = [k1, k2, f"{agg} AS a"]
        partition = f"PARTITION BY {k1} " if self.chance(0.7) else ""
        named = None
        for i in range(self.r.randint(1, 3)):
            if self.chance(0.65):
                fn = self.pick(["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
                                "first_value", "last_value", "nth_value", "sum", "count", "count_star", "avg", "min", "max"])
                desc = " DESC" if self.chance(0.3) else ""
                nulls = self.pick(["", " NULLS FIRST", " NULLS LAST"])
                frame = ""
                if fn in ("first_value", "last_value", "nth_value", "sum", "count", "count_star", "avg", "min", "max") and self.chance(0.5):
                    frame = self.frame(tags)
                # Without PARTITION BY k1, k2 alone has ties: both keys make the order total.
                total = "" if partition else f", {k1}{desc}{nulls}"
                window = f"{partition}ORDER BY {k2}{desc}{nulls}{total}{frame}"
                value, kind = (agg, agg_kind) if self.chance(0.7) else (k2, COLUMNS[k2][0])
                if fn in ("sum", "avg") and kind not in NUM:
                    value, kind = "count(*)", "int"
            else:
                # ORDER BY the aggregate (ties possible): peer-insensitive functions only.
                fn = self.pick(self.TIE_SAFE)
                window = f"{partition}ORDER BY {agg}{self.pick(['', ' DESC'])}" if self.chance(0.7) else partition.strip()
                value, kind = (agg, agg_kind) if agg_kind in NUM else ("count(*)", "int")
                tags.add("window_ties")
            call = self.window_call(fn, value, kind, tags)
            if named is None and self.chance(0.2):
                named = window
                tags.add("named_window")
                items.append(f"{call} OVER w AS w{i}")
            else:
                items.append(f"{call} OVER ({window}) AS w{i}")
        where = self.where(tags)
        win = f" WINDOW w AS ({named})" if named is not None else ""
        qualify = ""
        if self.chance(0.25):
            tags.add("qualify")
            qualify = (f" QUALIFY {self.pick(['row_number', 'rank', 'dense_rank'])}() OVER ({partition}ORDER BY {k2}"
                       f"{'' if partition else ', ' + k1}) <= {self.r.randint(1, 3)}")
        tags.add("order_by")
        return (f"SELECT {', '.join(items)} FROM usage{where} GROUP BY {k1}, {k2}{win}{qualify} "
                f"ORDER BY {k1} NULLS FIRST, {k2} NULLS FIRST")

    def q_window_rows(self, tags):
        """Peer-insensitive windows over the rows themselves (no unique order key)."""
        tags |= {"window", "window_over_rows"}
        k1 = self.pick(LOW_CARD)
        ok = self.pick([c for c in COLUMNS if c != k1])
        tags |= {"col:" + k1, "col:" + ok}
        items = [k1, ok]
        for i in range(self.r.randint(1, 3)):
            fn = self.pick(self.TIE_SAFE)
            value = self.pick(["cost_usd", "quantity", "step_index", "duration_ms"])
            tags.add("col:" + value)
            partition = f"PARTITION BY {k1}" if self.chance(0.7) else ""
            order = f" ORDER BY {ok}{self.pick(['', ' DESC'])}{self.pick(['', ' NULLS FIRST'])}" if self.chance(0.7) or fn in ("rank", "dense_rank", "percent_rank", "cume_dist") else ""
            if fn in ("min", "max", "count", "sum") and order and self.chance(0.2) and COLUMNS[ok][0] in ("int", "dbl", "dec"):
                n = self.r.randint(0, 5)
                order += f" RANGE BETWEEN {n} PRECEDING AND {self.r.randint(0, 5)} FOLLOWING"
                tags.add("window_frame_range")
            items.append(f"{self.window_call(fn, value, COLUMNS[value][0], tags)} OVER ({(partition + order).strip()}) AS w{i}")
        where = self.where(tags)
        return f"SELECT {', '.join(items)} FROM usage{where}"

    def window_query(self):
        tags = set()
        saved, self.r = self.r, self.windowing
        try:
            self.simple = False
            sql = self.q_window_groups(tags) if self.chance(0.7) else self.q_window_rows(tags)
        finally:
            self.r = saved
            self.alias = None
        return sql, sorted(tags), has_order_by(sql)

    # -- issue 23's later constructs --------------------------------------------------
    # Deterministic as the rest: a total ORDER BY, or a comparison as a multiset; lists are
    # ordered by their own values (ties are equal values), LATERAL's LIMIT under a total order.
    def correlated_query(self, tags):
        tags.add("subquery_correlated")
        key = self.pick(["service", "unit", "model_id", "tool_id", "project_id", "step_type", "persona_id"])
        measure = self.pick(["cost_usd", "quantity", "duration_ms"])
        agg = self.pick(["sum", "max", "min", "count"])
        tags |= {"col:" + key, "col:" + measure, "group_by", "order_by"}
        k = self.r.randrange(4)
        if k == 0:
            # A scalar subquery in SELECT, over the group's key.
            self.alias = "v"
            extra = self.predicate(1)
            self.alias = None
            tags |= extra.tags
            return (f"SELECT u.{key}, count(*) AS n, (SELECT {agg}(v.{measure}) FROM usage v WHERE v.{key} = u.{key} "
                    f"AND {extra.sql}) AS s FROM usage u GROUP BY u.{key} ORDER BY 1 NULLS FIRST")
        if k == 1:
            # Rows above their group's average: a scalar subquery in WHERE.
            return (f"SELECT {key}, count(*), sum({measure}) FROM usage u WHERE u.{measure} > "
                    f"(SELECT avg(v.{measure}) FROM usage v WHERE v.{key} = u.{key}) GROUP BY 1 ORDER BY 1 NULLS FIRST")
        if k == 2:
            # Runs that have (or lack) a costly row of another unit: EXISTS over the same run.
            tags.add("col:run_id")
            lit = self.pick(["0.01", "0.5", "0.001", "0"])
            neg = self.pick(["", "NOT "])
            return (f"SELECT {key}, count(*) FROM usage u WHERE {neg}EXISTS (SELECT 1 FROM usage v WHERE v.run_id = u.run_id "
                    f"AND v.cost_usd > {lit} AND v.unit <> u.unit) GROUP BY 1 ORDER BY 1 NULLS FIRST")
        tags.add("col:user_id")
        return (f"SELECT {key}, count(*) FROM usage u WHERE u.{measure} IN (SELECT max(v.{measure}) FROM usage v "
                f"WHERE v.user_id = u.user_id) GROUP BY 1 ORDER BY 1 NULLS FIRST")

    def lateral_query(self, tags):
        tags.add("lateral")
        outer = self.pick(["project_id", "service", "tool_id"])
        inner = self.pick(["model_id", "unit", "step_type", "user_id"])
        n = self.pick([1, 2, 3])
        tags |= {"col:" + outer, "col:" + inner, "col:cost_usd", "order_by"}
        return (f"SELECT p.{outer}, t.{inner}, t.cost FROM (SELECT DISTINCT {outer} FROM usage) p, "
                f"LATERAL (SELECT {inner}, sum(cost_usd) AS cost FROM usage u WHERE u.{outer} = p.{outer} "
                f"GROUP BY {inner} ORDER BY cost DESC, {inner} NULLS FIRST LIMIT {n}) t ORDER BY ALL")

    def series_query(self, tags):
        tags |= {"series_gap_fill", "col:date", "col:cost_usd", "order_by", "join:left"}
        a, b = sorted(self.r.sample(DATES, 2))
        step = self.pick(["1 DAY", "7 DAY", "1 MONTH"])
        cond = ""
        if self.chance(0.5):
            c = self.pick(["service", "unit", "model_id", "tool_id"])
            lit = self.literal("str", near=c)
            tags.add("col:" + c)
            cond = f" AND u.{c} = {lit.sql}"
        return (f"WITH days AS (SELECT d::DATE AS day FROM generate_series(DATE '{a}', DATE '{b}', INTERVAL {step}) t(d)) "
                f"SELECT day, coalesce(sum(u.cost_usd), 0) AS cost, count(u.ts) AS n FROM days "
                f"LEFT JOIN usage u ON u.date = days.day{cond} GROUP BY day ORDER BY day")

    def list_query(self, tags):
        tags |= {"list_agg", "group_by", "order_by"}
        key = self.pick(["service", "tool_id", "step_type"])
        c = self.pick(["unit", "model_id", "persona_id", "step_index", "parser_version"])
        tags |= {"col:" + key, "col:" + c}
        k = self.r.randrange(4)
        if k == 0:
            return (f"SELECT {key}, list(DISTINCT {c} ORDER BY {c} NULLS FIRST) AS l FROM usage "
                    f"GROUP BY 1 ORDER BY 1 NULLS FIRST")
        if k == 1:
            return (f"SELECT {key}, len(array_agg(DISTINCT {c})) AS n, array_agg(DISTINCT {c} ORDER BY {c})[1] AS first "
                    f"FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST")
        if k == 2:
            tags.add("unnest")
            return (f"SELECT {key}, unnest(list(DISTINCT {c} ORDER BY {c})) AS v FROM usage GROUP BY 1 "
                    f"ORDER BY 1 NULLS FIRST, 2 NULLS FIRST")
        tags.add("col:cost_usd")
        return (f"SELECT {key}, to_json(list(DISTINCT {c} ORDER BY {c})) AS j, sum(cost_usd) AS cost FROM usage "
                f"WHERE {c} IS NOT NULL GROUP BY 1 ORDER BY 1 NULLS FIRST")

    def pivot_query(self, tags):
        key = self.pick(["service", "tool_id", "project_id"])
        if self.chance(0.5):
            tags |= {"pivot", "col:" + key, "col:unit", "col:cost_usd"}
            units = self.r.sample(STRINGS["unit"], self.r.randint(1, 3))
            agg = self.pick(["sum(cost_usd)", "count(*)", "max(quantity)"])
            return f"PIVOT usage ON unit IN ({', '.join(lit_str(u) for u in units)}) USING {agg} GROUP BY {key}"
        tags |= {"unpivot", "col:" + key, "col:run_id", "col:model_id", "group_by"}
        return (f"UNPIVOT (SELECT {key}, count(*) AS rows_, count(run_id) AS runs, count(model_id) AS models "
                f"FROM usage GROUP BY 1) ON rows_, runs, models INTO NAME metric VALUE value")

    def advanced_query(self):
        tags = {"q:advanced"}
        saved, self.r = self.r, self.advancing
        try:
            self.simple = False
            self.alias = None
            kind = self.r.choices(["correlated", "lateral", "series", "list", "pivot"], weights=[35, 15, 15, 20, 15])[0]
            sql = getattr(self, kind + "_query")(tags)
        finally:
            self.r = saved
            self.alias = None
        return sql, sorted(tags), has_order_by(sql)

    def relational_query(self):
        tags = set()
        saved, self.r = self.r, self.relational
        try:
            self.simple = self.chance(0.4)
            kind = self.r.choices(["cte", "derived", "set_op", "subquery", "join"], weights=[20, 15, 25, 20, 20])[0]
            sql = getattr(self, "q_" + kind)(tags)
        finally:
            self.r = saved
            self.alias = None
        return sql, sorted(tags), has_order_by(sql)

    def instant_as_timestamp(self, t):
        """A TIMESTAMPTZ made from `t` (a ts column) one of several ways, shown as the session's
        wall time: intervals across changes of clocks, literals with offsets, text read in
        the session's zone, epochs, and instants mixed with TIMESTAMPs."""
        w = self.r.randrange(5)
        if w == 0:
            return self.combine(f"CAST(timezone('UTC', {t.sql}) {self.pick(['+', '-'])} {self.pick(INTERVALS)} AS TIMESTAMP)", "ts", t,
                                tags={"timestamptz", "time_zone", "interval", "cast", "tz_interval"})
        if w == 1:
            lit = self.pick(["2026-03-08 01:30:00-05", "2025-11-02 01:30:00-04", "2026-10-25 02:30:00+01",
                             "2026-04-05 01:45:00+10:30", "2025-12-31 23:59:59.5+05:30"])
            return self.combine(f"CAST(TIMESTAMPTZ '{lit}' AS TIMESTAMP)", "ts", t,
                                tags={"timestamptz", "typed_literal", "cast", "tz_literal"})
        if w == 2:
            text = self.pick(["2026-03-08 02:30:00", "2025-11-02 01:30:00", "2026-10-25 02:30:00", "2026-04-05 01:45:00",
                              "2026-06-01 12:00:00"])
            return self.combine(f"CAST(CAST('{text}' AS TIMESTAMPTZ) AS TIMESTAMP)", "ts", t,
                                tags={"timestamptz", "cast", "tz_text_cast"})
        if w == 3:
            return self.combine(f"CAST(to_timestamp(epoch({t.sql})) AS TIMESTAMP)", "ts", t,
                                tags={"timestamptz", "cast", "fn_date:to_timestamp", "fn_date:epoch"})
        return self.combine(f"CAST(coalesce(timezone('UTC', {t.sql}), {t.sql}) AS TIMESTAMP)", "ts", t,
                            tags={"timestamptz", "time_zone", "cast", "coalesce", "tz_mixed"})

    def x_int_instants(self, t):
        """date_diff between an instant of `t` and a constant instant: days and more counted
        on the session's wall time, hours and less elapsed."""
        u = self.pick(["month", "day", "hour", "minute"])
        other = self.pick(["TIMESTAMPTZ '2026-01-01 00:00:00+00'", "TIMESTAMPTZ '2025-11-02 06:30:00+00'",
                           "TIMESTAMPTZ '2026-03-29 01:00:00+00'"])
        a, b = (f"timezone('UTC', {t.sql})", other) if self.chance(0.5) else (other, f"timezone('UTC', {t.sql})")
        return self.combine(f"date_diff('{u}', {a}, {b})", "int", t,
                            tags={"fn_date:date_diff", "timestamptz", "time_zone", "tz_date_diff"})

    def zone_query(self, tags):
        """A query over instants in the session's time zone (issue 21's zone functions)."""
        t = self.col("ts")
        e = self.instant_as_timestamp(t) if self.chance(0.7) else self.x_int_instants(t)
        tags |= e.tags | {"q:zone"}
        if self.chance(0.5):
            return f"SELECT {e.sql} AS z, count(*) AS n FROM usage GROUP BY 1 ORDER BY 1 LIMIT 30"
        tags |= {"where"}
        return f"SELECT count(*) AS n, sum(cost_usd) AS c FROM usage WHERE {e.sql} >= TIMESTAMP '2026-01-15 00:00:00'" \
            if e.kind == "ts" else f"SELECT count(*) AS n FROM usage WHERE {e.sql} > 100"

    def query(self):
        """(sql, sorted tags, ordered): ordered is True when rows must match in order. A query
        tagged set_timezone is `SET TimeZone = 'Z'; SELECT ...; SET TimeZone = 'UTC'`."""
        if self.advancing.random() < 0.06:
            return self.advanced_query()
        if self.windowing.random() < 0.12:
            return self.window_query()
        if self.relational.random() < 0.25:
            return self.relational_query()
        tags = set()
        self.simple = self.chance(0.4)
        if self.chance(0.04):
            sql = self.zone_query(tags)
            return self.in_session_zone(sql, tags)
        kind = self.r.choices(["agg", "global_agg", "project", "star", "distinct_on", "grouping"],
                              weights=[40, 18, 28, 4, 4, 6])[0]
        if self.simple and kind in ("star", "distinct_on", "grouping") and self.chance(0.7):
            kind = "agg"
        sql = getattr(self, "q_" + kind)(tags)
        self.alias = None
        return self.in_session_zone(sql, tags)

    def in_session_zone(self, sql, tags):
        """The query's (sql, sorted tags, ordered), often run under a session time zone."""
        if "timestamptz" in tags or ("time_zone" in tags and self.chance(0.3)) or self.chance(0.03):
            if self.chance(0.6):
                # A session time zone: three statements; the SELECT's answer counts.
                z = self.pick(["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"])
                sql = f"SET TimeZone = '{z}'; {sql}; SET TimeZone = 'UTC'"
                tags.add("set_timezone")
        return sql, sorted(tags), has_order_by(sql)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    g = Generator(args.seed)
    for _ in range(args.queries):
        sql, tags, ordered = g.query()
        print(sql + ";")
        print("  -- " + " ".join(tags))


if __name__ == "__main__":
    main()
