#!/usr/bin/env python3
"""Writes the Parquet and Snappy fixtures of TallyParquetTests (run from this folder).

- pyarrow-default.parquet: the usage table as pyarrow writes it with default settings
  (SNAPPY pages, dictionary-encoded columns, data pages v1, cost_usd as decimal128(18, 9)
  stored as FIXED_LEN_BYTE_ARRAY, everything nullable), 2 row groups.
- pyarrow-v2-micros.parquet: the same rows, data pages v2, ZSTD, ts in microseconds.
- pyarrow-default.jsonl: the expected records, one JSON object per row (cost in nano-USD).
- snappy-cases.json: inputs and their raw Snappy compression by pyarrow, hex-encoded.

Deterministic: the same pyarrow writes the same bytes. The outputs are committed; the
script is here to show where they came from and to regenerate them.
"""
import datetime as dt, decimal, json, random
import pyarrow as pa, pyarrow.parquet as pq

rng = random.Random(9)
texts = ["plain", "ünïcødé-ß", "日本語", "emoji 🚀", "quote\"inside", "new\nline", "", "x" * 300]
rows = []
base = 1_735_689_600_000  # 2025-01-01T00:00:00Z
for i in range(300):
    ts = base + rng.randrange(0, 90 * 86_400_000)
    cost = rng.choice([None, 0, 1, 999_999_999_999_999_999, -5, rng.randrange(0, 10**10)])
    rows.append({
        "project_id": rng.choice(["p1", "p2", "proj/ünï"]),
        "ts": ts,
        "service": rng.choice(["anthropic", "openai", "e2b"]),
        "unit": rng.choice(["input_tokens", "output_tokens", "sandbox_seconds"]),
        "quantity": rng.choice([0.0, 1.5, 1e300, 5e-324, float(rng.randrange(0, 10**6))]),
        "cost_nanos": cost,
        "run_id": rng.choice([None, "run-%d" % rng.randrange(20)]),
        "sandbox_id": rng.choice([None] + texts),
        "chain_id": None,
        "issue_session_id": rng.choice([None, "is-1"]),
        "tool_id": rng.choice([None, "claude", "codex"]),
        "model_id": rng.choice([None, "claude-sonnet-4-6", "gpt-5.4-mini"]),
        "step_type": rng.choice([None, "designer", "checker"]),
        "step_index": rng.choice([None, 0, 7, -2**31, 2**31 - 1]),
        "user_id": rng.choice([None, "u-%d" % rng.randrange(5)]),
        "persona_id": rng.choice([None] + texts),
        "duration_ms": rng.choice([None, 0, 2**63 - 1, rng.randrange(10**6)]),
        "capture_source": rng.choice([None, "api"]),
        "parser_version": rng.choice([None, 1, 2]),
    })

def table(ts_unit):
    scale = 1 if ts_unit == "ms" else 1000
    cols = {
        "project_id": pa.array([r["project_id"] for r in rows], pa.string()),
        "ts": pa.array([r["ts"] * scale for r in rows], pa.timestamp(ts_unit, tz="UTC")),
        "date": pa.array([dt.date(1970, 1, 1) + dt.timedelta(days=r["ts"] // 86_400_000) for r in rows], pa.date32()),
        "service": pa.array([r["service"] for r in rows], pa.string()),
        "unit": pa.array([r["unit"] for r in rows], pa.string()),
        "quantity": pa.array([r["quantity"] for r in rows], pa.float64()),
        "cost_usd": pa.array([None if r["cost_nanos"] is None else decimal.Decimal(r["cost_nanos"]).scaleb(-9) for r in rows],
                             pa.decimal128(18, 9)),
    }
    for name in ["run_id", "sandbox_id", "chain_id", "issue_session_id", "tool_id", "model_id", "step_type"]:
        cols[name] = pa.array([r[name] for r in rows], pa.string())
    cols["step_index"] = pa.array([r["step_index"] for r in rows], pa.int32())
    for name in ["user_id", "persona_id"]:
        cols[name] = pa.array([r[name] for r in rows], pa.string())
    cols["duration_ms"] = pa.array([r["duration_ms"] for r in rows], pa.int64())
    cols["capture_source"] = pa.array([r["capture_source"] for r in rows], pa.string())
    cols["parser_version"] = pa.array([r["parser_version"] for r in rows], pa.int32())
    return pa.table(cols)

pq.write_table(table("ms"), "pyarrow-default.parquet", row_group_size=200)
pq.write_table(table("us"), "pyarrow-v2-micros.parquet", row_group_size=128, data_page_version="2.0", compression="zstd")
with open("pyarrow-default.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")

cases = [b"", b"a", b"abcabcabcabcabcabcabcabc" * 40, bytes(range(256)) * 3, ("ünïcødé " * 500).encode(),
         bytes(rng.randrange(256) for _ in range(6000)), b"x" * 20000]
with open("snappy-cases.json", "w") as f:
    json.dump([{"raw": c.hex(), "snappy": pa.compress(c, codec="snappy", asbytes=True).hex()} for c in cases], f)
