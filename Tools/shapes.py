#!/usr/bin/env python3
"""Usage data of several shapes, for measuring Tally on data it was not tuned to.

    Tools/shapes.py SHAPE --rows N [--seed S] --out FILE.csv

Writes a CSV in `tally import`'s format (the columns of shared/usage-schema.md), rows in
arrival (ts) order, deterministic by seed. The shapes (issue 22):

  per_call     one row per unit per API call: steps of several calls seconds apart, the
               context growing call by call (the shape of `tally demo`, from another generator)
  per_step     one row per unit per agent step: steps tens of seconds to minutes apart,
               1-10 steps a run, lognormal quantities, 200 projects of Zipf sizes over two years
  many_small   3,000 projects of Zipf sizes (most under 1,000 rows), up to 400 users each
  high_card    a fresh request id per row (in issue_session_id) and thousands of users
  bursty       long idle gaps and a few very busy days

Every shape has realistic nulls (sandbox, chain, tool, model and step ids missing where a
row has none) and exact costs: quantity x a per-unit rate, rounded to the nano-USD.
Vectorised with numpy and pyarrow: 10M rows take about a minute.
"""
import argparse
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

DAY_MS = 86_400_000
START_MS = 1_727_740_800_000  # 2024-10-01T00:00:00Z
COLUMNS = ["project_id", "ts", "date", "service", "unit", "quantity", "cost_usd", "run_id", "sandbox_id",
           "chain_id", "issue_session_id", "tool_id", "model_id", "step_type", "step_index", "user_id",
           "persona_id", "duration_ms", "capture_source", "parser_version"]

# (service, model, tool, capture source, per-unit rates in nano-USD per token)
MODELS = [
    ("anthropic", "claude-sonnet-4-6", "claude", "claude-stream-json", {"input_tokens": 3000, "output_tokens": 15000, "cache_read_tokens": 300, "cache_creation_5m_tokens": 3750}),
    ("anthropic", "claude-opus-4-7", "claude", "claude-stream-json", {"input_tokens": 5000, "output_tokens": 25000, "cache_read_tokens": 500, "cache_creation_5m_tokens": 6250}),
    ("anthropic", "claude-haiku-4-5", "opencode", "opencode-ndjson", {"input_tokens": 1000, "output_tokens": 5000, "cache_read_tokens": 100, "cache_creation_5m_tokens": 1250}),
    ("openai", "gpt-5.4", "codex", "codex-ndjson", {"input_tokens": 2500, "output_tokens": 15000, "cache_read_tokens": 250, "reasoning_tokens": 15000}),
    ("openai", "gpt-5.4-mini", "codex", "codex-ndjson", {"input_tokens": 750, "output_tokens": 4500, "cache_read_tokens": 75, "reasoning_tokens": 4500}),
    ("openrouter", "openai/gpt-5.3-codex", "pi", "pi-jsonl", {"input_tokens": 1750, "output_tokens": 14000, "cache_read_tokens": 175}),
]
STEP_TYPES = np.array(["designer", "checker", "optimizer", "discovery", "issue_session", "chat"])
PERSONAS = np.array(["tech-lead", "reviewer", "planner", "tester", "writer"])


class Shape:
    """Knobs of one shape."""

    def __init__(self, projects, zipf, days, steps_per_run, calls_per_step, step_gap_s, call_gap_s, users,
                 unique_request_ids=False, bursty=False):
        self.projects, self.zipf, self.days = projects, zipf, days
        self.steps_per_run, self.calls_per_step = steps_per_run, calls_per_step
        self.step_gap_s, self.call_gap_s, self.users = step_gap_s, call_gap_s, users
        self.unique_request_ids, self.bursty = unique_request_ids, bursty


SHAPES = {
    "per_call": Shape(200, 1.1, 400, (1, 6), (3, 14), (20, 200), (2, 12), 40),
    "per_step": Shape(200, 1.2, 730, (1, 10), (1, 1), (30, 600), (0, 0), 60),
    "many_small": Shape(3000, 1.3, 365, (1, 6), (1, 4), (20, 300), (2, 20), 400),
    "high_card": Shape(300, 1.1, 365, (1, 8), (1, 6), (20, 300), (2, 20), 5000, unique_request_ids=True),
    "bursty": Shape(150, 1.1, 540, (1, 8), (2, 10), (10, 120), (1, 8), 60, bursty=True),
}


def ids(prefix, values):
    """'prefix' + base-36 text of each integer, as an Arrow string array."""
    return pc.binary_join_element_wise(pa.scalar(prefix), pc.cast(pa.array(values), pa.string()), "")


def generate(shape, rows, seed):
    rng = np.random.default_rng(seed)
    # Steps first: each step gets a number of calls, each call one row per unit it reports.
    units_per_call = 4
    calls_needed = rows // units_per_call + 1
    lo, hi = shape.calls_per_step
    calls_per_step = rng.integers(lo, hi + 1, size=calls_needed)
    step_count = int(np.searchsorted(np.cumsum(calls_per_step), calls_needed) + 1)
    calls_per_step = calls_per_step[:step_count]
    lo, hi = shape.steps_per_run
    steps_per_run = rng.integers(lo, hi + 1, size=step_count)
    run_of_step = np.repeat(np.arange(step_count), steps_per_run)[:step_count]
    runs = int(run_of_step[-1]) + 1

    # Runs: project (Zipf), start time, user, model family, tool, persona, optional ids.
    weights = 1.0 / np.arange(1, shape.projects + 1) ** shape.zipf
    project_of_run = rng.choice(shape.projects, size=runs, p=weights / weights.sum())
    if shape.bursty:
        busy_days = rng.choice(shape.days, size=8, replace=False)
        day = np.where(rng.random(runs) < 0.7, rng.choice(busy_days, size=runs), rng.integers(0, shape.days, size=runs))
    else:
        # Growth over time: later days busier.
        day = (np.sqrt(rng.random(runs)) * shape.days).astype(np.int64)
    run_start = START_MS + day * DAY_MS + rng.integers(0, DAY_MS, size=runs)
    model_of_run = rng.integers(0, len(MODELS), size=runs)
    user_of_run = rng.integers(0, shape.users, size=runs)

    # Steps within runs, calls within steps.
    first_step_of_run = np.full(runs, step_count, dtype=np.int64)
    np.minimum.at(first_step_of_run, run_of_step, np.arange(step_count))
    step_index = np.arange(step_count) - first_step_of_run[run_of_step]
    lo, hi = shape.step_gap_s
    step_offset = rng.integers(lo * 1000, hi * 1000 + 1, size=step_count)
    step_offset[step_index == 0] = 0
    step_start = run_start[run_of_step] + np.cumsum(step_offset) - np.cumsum(step_offset)[first_step_of_run[run_of_step]]
    step_type = STEP_TYPES[rng.integers(0, len(STEP_TYPES), size=step_count)]
    duration = rng.lognormal(11, 1.2, size=step_count).astype(np.int64)

    step_of_call = np.repeat(np.arange(step_count), calls_per_step)[:calls_needed]
    first_call = np.concatenate([[0], np.cumsum(calls_per_step)[:-1]])
    call_index = np.arange(len(step_of_call)) - first_call[step_of_call]
    lo, hi = shape.call_gap_s
    call_ts = step_start[step_of_call] + call_index * rng.integers(lo * 1000, hi * 1000 + 1, size=len(step_of_call))

    # Rows: each call reports input, output, cache read and a fourth unit (cache write or
    # reasoning) of its model; every step also a sandbox_seconds row on its first call.
    call = np.repeat(np.arange(len(step_of_call)), units_per_call)[:rows]
    slot = np.tile(np.arange(units_per_call), len(step_of_call))[:rows]
    run = run_of_step[step_of_call[call]]
    step = step_of_call[call]
    model = model_of_run[run]
    sandbox_row = (slot == 3) & (call_index[call] == 0) & (rng.random(rows) < 0.5)
    unit_names = np.empty(rows, dtype=object)
    services = np.empty(rows, dtype=object)
    rate = np.zeros(rows, dtype=np.int64)
    growth = 1.0 + 0.6 * call_index[call]
    quantity = np.zeros(rows)
    for m, (service, _, _, _, rates) in enumerate(MODELS):
        units = list(rates)
        fourth = units[3] if len(units) > 3 else "cache_read_tokens"
        names = np.array([units[0], units[1], units[2], fourth], dtype=object)
        sel = model == m
        unit_names[sel] = names[slot[sel]]
        services[sel] = service
        rate[sel] = np.array([rates[n] for n in names])[slot[sel]]
    scale = np.array([2_000, 600, 20_000, 3_000])[slot]
    quantity = np.round(rng.lognormal(0, 1.0, size=rows) * scale * growth)
    unit_names[sandbox_row] = "sandbox_seconds"
    services[sandbox_row] = "e2b"
    rate[sandbox_row] = 14_000  # $0.000014 per second
    quantity[sandbox_row] = np.round(duration[step[sandbox_row]] / 1000.0, 3)
    cost_nanos = np.round(quantity * rate).astype(np.int64)

    ts = call_ts[call] + np.where(sandbox_row, 0, slot)  # units of one call a millisecond apart
    order = np.argsort(ts, kind="stable")

    def take(a):
        return a[order]

    project = take(project_of_run[run])
    run_t, step_t, model_t, call_t = take(run), take(step), take(model), take(call)
    sandbox_t = take(sandbox_row)
    table = {}
    table["project_id"] = ids("project-", project)
    table["ts"] = pa.array(take(ts))
    table["date"] = pc.cast(pc.cast(pa.array(take(ts)), pa.timestamp("ms")), pa.date32())
    table["service"] = pa.array(take(services), pa.string())
    table["unit"] = pa.array(take(unit_names), pa.string())
    table["quantity"] = pa.array(take(quantity))
    nanos = take(cost_nanos)
    whole = pc.cast(pa.array(nanos // 1_000_000_000), pa.string())
    frac = pc.utf8_lpad(pc.cast(pa.array(nanos % 1_000_000_000), pa.string()), 9, "0")
    table["cost_usd"] = pc.binary_join_element_wise(whole, frac, ".")
    null = lambda p: rng.random(rows) < p
    def nullable(arr, p):
        return pc.if_else(pa.array(null(p)), pa.scalar(None, arr.type), arr)
    table["run_id"] = nullable(ids("run-", run_t * 7919 + seed), 0.02)
    table["sandbox_id"] = nullable(ids("sbx-", run_t // 3), 0.3)
    table["chain_id"] = nullable(ids("chain-", run_t // 20), 0.6)
    if shape.unique_request_ids:
        table["issue_session_id"] = ids("req-", np.arange(rows) * 2654435761 % (1 << 40))
    else:
        table["issue_session_id"] = nullable(ids("issue-", run_t // 5), 0.8)
    tools = np.array([m[2] for m in MODELS], dtype=object)[model_t]
    models = np.array([m[1] for m in MODELS], dtype=object)[model_t]
    sources = np.array([m[3] for m in MODELS], dtype=object)[model_t]
    table["tool_id"] = pc.if_else(pa.array(sandbox_t), pa.scalar(None, pa.string()), pa.array(tools, pa.string()))
    table["model_id"] = pc.if_else(pa.array(sandbox_t), pa.scalar(None, pa.string()), pa.array(models, pa.string()))
    table["step_type"] = nullable(pa.array(step_type[step_t], pa.string()), 0.05)
    table["step_index"] = pa.array(step_index[step_t].astype(np.int32))
    table["user_id"] = nullable(ids("user-", user_of_run[run_t] + project * 1000), 0.1)
    table["persona_id"] = nullable(pa.array(PERSONAS[(run_t * 31) % len(PERSONAS)], pa.string()), 0.4)
    table["duration_ms"] = nullable(pa.array(duration[step_t]), 0.1)
    table["capture_source"] = pc.if_else(pa.array(sandbox_t), pa.scalar("api"), pa.array(sources, pa.string()))
    table["parser_version"] = pc.if_else(pa.array(sandbox_t), pa.scalar(None, pa.int32()), pa.array(np.full(rows, 2, dtype=np.int32)))
    return pa.table([table[c] for c in COLUMNS], names=COLUMNS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shape", choices=sorted(SHAPES))
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    table = generate(SHAPES[args.shape], args.rows, args.seed)
    pacsv.write_csv(table, args.out, pacsv.WriteOptions(quoting_style="needed"))
    print(f"{args.shape}: {table.num_rows} rows, {len(set(table['project_id'].to_pylist()))} projects -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
