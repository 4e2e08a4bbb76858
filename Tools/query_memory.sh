#!/bin/bash
# Peak RSS and median time of the benchmark queries on a store (BENCHMARKS.md, 100M section),
# one `tally query --repeat 5` process per query.  Usage: Tools/query_memory.sh STORE
T=${TALLY:-$(dirname "$0")/../.build/release/tally}; S=${1:?usage: Tools/query_memory.sh STORE}
P=$($T query --store $S --format csv "SELECT project_id, count(*) AS n FROM usage GROUP BY project_id ORDER BY n DESC LIMIT 1" | tail -1 | cut -d, -f1)
LAST=$($T query --store $S --format csv "SELECT date_trunc('day', ts) AS d FROM usage GROUP BY d ORDER BY d DESC LIMIT 1" | tail -1 | cut -c1-10)
S30=$(date -d "$LAST -29 days" +%F); S365=$(date -d "$LAST -364 days" +%F)
echo "large project $P, last day $LAST"
run() {
  local name="$1" sql="$2"
  local out; out=$( { /usr/bin/time -f "RSS %M" $T query --store $S --repeat 5 --format csv "$sql" > /dev/null; } 2>&1 )
  echo "$name | $(echo "$out" | grep -o 'median=[0-9.]* ms') | $(echo "$out" | grep -o 'RSS [0-9]*' | awk '{printf "%.0f MiB", $2/1024}')"
}
run "summary large 30d" "SELECT count(*), sum(cost_usd) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$S30' AND DATE '$LAST'"
run "summary large 365d" "SELECT count(*), sum(cost_usd) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$S365' AND DATE '$LAST'"
run "tokens large 365d" "SELECT sum(quantity) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$S365' AND DATE '$LAST' AND unit LIKE '%_tokens'"
run "by day large 365d" "SELECT date_trunc('day', ts) AS day, count(*), sum(cost_usd) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$S365' AND DATE '$LAST' GROUP BY day ORDER BY day"
run "by service large 365d" "SELECT service, count(*), sum(cost_usd) FROM usage WHERE project_id = '$P' AND date BETWEEN DATE '$S365' AND DATE '$LAST' GROUP BY service"
run "runs of large project, top 100" "SELECT run_id, sum(cost_usd) AS c FROM usage WHERE project_id = '$P' GROUP BY run_id ORDER BY c DESC, run_id LIMIT 100"
run "full: service x model x unit" "SELECT service, model_id, unit, count(*), sum(quantity), sum(cost_usd) FROM usage GROUP BY service, model_id, unit"
run "full: user_id" "SELECT user_id, count(*), sum(cost_usd) FROM usage GROUP BY user_id"
run "full: top 100 runs" "SELECT run_id, sum(cost_usd) AS cost FROM usage GROUP BY run_id ORDER BY cost DESC, run_id LIMIT 100"
run "full: count distinct run_id by model (raw scan)" "SELECT model_id, count(DISTINCT run_id), max(cost_usd) FROM usage GROUP BY model_id"
