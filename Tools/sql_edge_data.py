#!/usr/bin/env python3
"""A small hand-made usage data set of edge cases, in `tally import`'s CSV format.

    Tools/sql_edge_data.py --out edge.csv [--rows 1500] [--seed 1]

NULL in every nullable column (alone and all at once), empty strings, unicode and LIKE
metacharacters in text, quantity 0 and huge, cost 0 and near the DECIMAL(18,9) limit,
integer columns at 0 and at their limits, and instants right at UTC day, month and year
boundaries, a leap day, and both DST changes of America/New_York and Europe/Berlin (one
millisecond either side). Deterministic by seed. Used by Tools/sql_oracle.py.
"""
import argparse
import csv
import datetime
import random

COLUMNS = ["project_id", "ts", "date", "service", "unit", "quantity", "cost_usd", "run_id", "sandbox_id",
           "chain_id", "issue_session_id", "tool_id", "model_id", "step_type", "step_index", "user_id",
           "persona_id", "duration_ms", "capture_source", "parser_version"]
NULLABLE = COLUMNS[7:]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def ms(text):
    """'YYYY-MM-DD HH:MM:SS.fff' (UTC) as milliseconds since the epoch."""
    d = datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)
    return (d - EPOCH) // datetime.timedelta(milliseconds=1)


BOUNDARIES = [
    "2024-12-31 23:59:59.999", "2025-01-01 00:00:00.000", "2025-01-31 23:59:59.999", "2025-02-01 00:00:00.000",
    "2024-02-29 12:00:00.000", "2024-02-29 23:59:59.999", "2024-03-01 00:00:00.000", "2025-06-30 23:59:59.999",
    "2025-07-01 00:00:00.000", "2025-12-31 23:59:59.999", "2026-01-01 00:00:00.000", "2025-12-31 00:00:00.000",
    # America/New_York: 2025-03-09 02:00 local (07:00Z) springs forward, 2025-11-02 02:00 EDT (06:00Z) falls back.
    "2025-03-09 06:59:59.999", "2025-03-09 07:00:00.000", "2025-11-02 05:59:59.999", "2025-11-02 06:00:00.000",
    "2025-11-02 06:30:00.000", "2025-03-09 04:59:59.999", "2025-03-09 05:00:00.000",
    # Europe/Berlin: 2025-03-30 01:00Z and 2025-10-26 01:00Z.
    "2025-03-30 00:59:59.999", "2025-03-30 01:00:00.000", "2025-10-26 00:59:59.999", "2025-10-26 01:00:00.000",
    "2026-03-29 01:00:00.000", "2024-10-01 00:00:00.000", "2025-06-15 12:30:00.000", "2025-06-15 12:30:00.001",
]
PROJECTS = ["edge-a", "edge-b", "projet-é", "project-1", "Edge-A"]
SERVICES = [("anthropic", "claude-sonnet-4-6", "claude", "claude-stream-json"),
            ("openai", "gpt-5.4-mini", "codex", "codex-ndjson"),
            ("openrouter", "openai/gpt-5.3-codex", "pi", "pi-jsonl"),
            ("e2b", None, None, "api"), ("anthropic", "Claude-Sonnet-4-6", "opencode", "opencode-ndjson")]
UNITS = ["input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens", "sandbox_seconds", "db_bytes"]
TEXTS = ["", "ünïcödé", "ユーザー", "😀 emoji", "a%b", "under_score", "O'Brien", "comma,inside", "quote\"inside",
         "trailing space ", " leading", "MiXeD", "user_%", "-", "4"]
QUANTITIES = [0.0, 1.0, 0.5, 1e-9, 123456.789, 1e15, 9.007199254740993e15, 3600.0, 1e18, 2.5e-3, 1500.25]
COSTS = ["0.000000000", "0.000000001", "999999999.999999999", "123456789.123456789", "0.010000000", "1.500000000",
         "0.003000000", "100000000.000000000", "0.999999999"]
INTS = [0, 1, -1, 2147483647, 7, 3]
DURATIONS = [0, 1, 9_000_000_000_000_000, 15240, 86_400_000, 1_000]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    r = random.Random(args.seed)
    rows = []

    def row(ts_text, all_null=False, null_one=None):
        service, model, tool, source = r.choice(SERVICES)
        t = ms(ts_text)
        d = datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc).date().isoformat()
        rec = {
            "project_id": r.choice(PROJECTS), "ts": t, "date": d, "service": service, "unit": r.choice(UNITS),
            "quantity": repr(r.choice(QUANTITIES)), "cost_usd": r.choice(COSTS),
            "run_id": r.choice(["run-1", "run-2", "run-3", ""] + TEXTS[:3]), "sandbox_id": r.choice(["sbx-1", "sbx-2", ""]),
            "chain_id": r.choice(["chain-1", "chain-2"]), "issue_session_id": r.choice(["is-1", "is-2", "ünï"]),
            "tool_id": tool, "model_id": model, "step_type": r.choice(["designer", "checker", "chat", ""]),
            "step_index": r.choice(INTS), "user_id": r.choice(TEXTS + ["user-1", "user-2"]),
            "persona_id": r.choice(["tech-lead", "reviewer", "MiXeD", ""]), "duration_ms": r.choice(DURATIONS),
            "capture_source": source, "parser_version": r.choice(INTS),
        }
        for c in NULLABLE:
            if all_null or c == null_one or r.random() < 0.15:
                rec[c] = None
        return rec

    for t in BOUNDARIES:
        rows.append(row(t))
        rows.append(row(t, all_null=True))
    for c in NULLABLE:
        rows.append(row(r.choice(BOUNDARIES), null_one=c))
    while len(rows) < args.rows:
        if r.random() < 0.5:
            base = ms(r.choice(BOUNDARIES))
            t = base + r.choice([-1, 1, -3_600_000, 3_600_000, -86_400_000, 86_400_000, 0])
        else:
            t = ms("2024-10-01 00:00:00.000") + r.randrange(0, 600 * 86_400_000)
        text = datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        rows.append(row(text))
    rows.sort(key=lambda x: x["ts"])
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        w.writerow(COLUMNS)
        for rec in rows:
            # QUOTE_NONNUMERIC quotes strings ("" is an empty string) and leaves None as an
            # empty unquoted field (NULL); numbers go unquoted.
            w.writerow([rec[c] if not isinstance(rec[c], str) or c not in ("quantity", "cost_usd") else float(rec[c])
                        if c == "quantity" else rec[c] for c in COLUMNS])
    print(f"edge: {len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
