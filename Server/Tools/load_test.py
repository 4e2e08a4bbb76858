#!/usr/bin/env python3
"""Bounded loopback load test of tally-server: requests per second for ingest and summary.

Starts the given tally-server on a fresh store on 127.0.0.1 (port chosen by the system),
creates a key with the given tally binary, then for each phase runs CONCURRENCY client
threads with keep-alive connections for SECONDS and reports req/s and latency
percentiles. Only loopback is ever contacted; every loop stops by itself.

  python3 Server/Tools/load_test.py --server Server/.build/release/tally-server \
      --tally .build/release/tally --seconds 5 --concurrency 8 --batch 100
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time


def record(i, ts):
    return {"ts": ts + i, "service": "anthropic", "unit": "input_tokens", "quantity": 100 + i % 50,
            "model_id": "claude-sonnet-4-6", "run_id": "run-%d" % (i % 200), "tool_id": "claude"}


def phase(port, key, seconds, concurrency, method, path, body_for):
    latencies, failures = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, i = [], 0
        while time.monotonic() < deadline:
            body = body_for(n, i)
            i += 1
            start = time.perf_counter()
            conn.request(method, path, body=body, headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status >= 300:
                with lock:
                    failures[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0
    return {"requests": len(latencies), "failures": failures[0], "seconds": round(elapsed, 2),
            "req_per_s": round(len(latencies) / elapsed, 1), "p50_ms": round(pct(0.5), 2), "p99_ms": round(pct(0.99), 2)}


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--server", required=True)
    a.add_argument("--tally", required=True)
    a.add_argument("--seconds", type=float, default=5)
    a.add_argument("--concurrency", type=int, default=8)
    a.add_argument("--batch", type=int, default=100, help="records per ingest request")
    a.add_argument("--rows", type=int, default=0, help="records to ingest before the summary phase (0 = what the ingest phase wrote)")
    args = a.parse_args()
    folder = tempfile.mkdtemp(prefix="tally-load-")
    store = os.path.join(folder, "store")
    server = subprocess.Popen([args.server, "--store", store, "--port", "0", "--host", "127.0.0.1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline().strip()
        port = int(line.rsplit(":", 1)[1])
        key = subprocess.run([args.tally, "keys", "create", "--store", store, "--project", "load"],
                             check=True, capture_output=True, text=True).stdout.strip()
        ts = 1_790_000_000_000

        def ingest_body(n, i):
            base = (n * 10_000_000 + i * args.batch)
            return json.dumps([record(base + j, ts) for j in range(args.batch)])

        ingest = phase(port, key, args.seconds, args.concurrency, "POST", "/v1/projects/load/usage", ingest_body)
        ingest["records_per_s"] = round(ingest["req_per_s"] * args.batch, 1)
        summary = phase(port, key, args.seconds, args.concurrency, "GET",
                        "/v1/projects/load/usage/summary?from=2026-09-01&to=2026-09-30", lambda n, i: None)
        print(json.dumps({"concurrency": args.concurrency, "batch": args.batch, "ingest": ingest, "summary": summary}, indent=2))
        ok = ingest["failures"] == 0 and summary["failures"] == 0 and ingest["requests"] > 0 and summary["requests"] > 0
    finally:
        server.terminate()
        status = server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    if not ok or status != 0:
        raise SystemExit("load test failed (failures or server exit status %d)" % status)


if __name__ == "__main__":
    main()
