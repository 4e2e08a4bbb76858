#!/usr/bin/env bash
# Installs what Tally needs on a fresh Debian machine that has the Swift toolchain:
# the C libraries (LZ4, Zstandard, libedit, pkg-config) and, with --peers, the Python
# packages the peer-comparison scripts and tests use (pyarrow, duckdb, chdb).
# Installs only what is missing; quiet when everything is there.
set -euo pipefail

packages=(liblz4-dev libzstd-dev libedit-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--peers" ]; then
    python3 - <<'PY' 2>/dev/null || { echo "installing pyarrow duckdb chdb" >&2; python3 -m pip install -q pyarrow duckdb chdb; }
import pyarrow, duckdb, chdb
PY
fi
