# The two set-up commands of the README. Both install what is missing first.
#   make demo   build Tally, make a demo store in ./demo-store, summarise it, open the REPL
#   make test   run every test (what CI runs): the Swift suites, the Server package's, the
#               Parquet/ClickHouse checks with real engines and random SQL against DuckDB

DEMO_STORE ?= demo-store
DEMO_ROWS ?= 1000000
SWIFT_RELEASE = swift build -c release --product tally

.PHONY: deps demo test bench clean

deps:
	@Tools/install-deps.sh

demo: deps
	$(SWIFT_RELEASE)
	@test -f $(DEMO_STORE)/tally.store || .build/release/tally demo --store $(DEMO_STORE) --rows $(DEMO_ROWS) --seed 1
	.build/release/tally info --store $(DEMO_STORE)
	.build/release/tally query --store $(DEMO_STORE) --format table \
	  "SELECT service, count(*) AS records, sum(cost_usd) AS cost_usd FROM usage GROUP BY service ORDER BY cost_usd DESC"
	@echo "Opening the REPL on $(DEMO_STORE) (.help for commands, Ctrl-D to leave)"
	.build/release/tally $(DEMO_STORE)

test: deps
	swift build --build-tests
	swift test --skip-build
	# The public surface of the Tally product is what docs/public-api.md lists, and names
	# no storage or encoding internal.
	python3 Tools/public_api.py --check
	# The example host service is its own package (Hummingbird stays out of the library's
	# build); its tests run the real tally-server and the tally built above.
	cd Server && swift build --build-tests && TALLY_BINARY=$(CURDIR)/.build/debug/tally swift test --skip-build
	# A tiny bounded loopback load run, as a smoke test of the load tool itself.
	python3 Server/Tools/load_test.py --server Server/.build/debug/tally-server --tally .build/debug/tally \
	  --seconds 0.5 --concurrency 2 --batch 10 > /dev/null
	# Tally's Parquet read by real engines (pyarrow, DuckDB, chdb) and docs/clickhouse.md
	# checked against Tally (about a minute; bounded so a hang cannot stall a run).
	Tools/install-deps.sh --peers
	timeout 300 python3 Tools/parquet_check.py .build/debug/tally
	# Random SQL queries against DuckDB on the same data (Tools/sql_oracle.py, a few minutes with
	# a debug build; Tally runs each with its rollup rule on and off): fails on any wrong answer or
	# crash (Tools/sql_known_mismatches.txt lists the known ones), and on a refused query all of
	# whose constructs Tools/sql_supported_tags.txt lists.
	timeout 900 python3 Tools/sql_oracle.py --tally .build/debug/tally --queries 1500 --seed 1 \
	  --require Tools/sql_supported_tags.txt --known Tools/sql_known_mismatches.txt --max-shrink 10
	# One case per construct, function and aggregate of issue 21, with DuckDB's answer: all
	# must pass but those Tools/sql_engine_cases_failing.txt names with a reason.
	timeout 600 python3 Tools/sql_oracle.py --tally .build/debug/tally --cases Tests/TallyCLITests/SQLDifferential/engine-cases \
	  --expect-failing Tools/sql_engine_cases_failing.txt
	# Issue 23's corpus of real-world analytics queries (Langfuse, LiteLLM, Helicone, OpenMeter,
	# Lago, DuckDB's docs, ...) against DuckDB's answers: all must pass but those whose file
	# says why they differ (a `-- Differs:` line).
	timeout 300 python3 Tools/sql_oracle.py --tally .build/debug/tally --cases Tests/TallyCLITests/SQLDifferential/corpus \
	  --allow-marked

clean:
	rm -rf .build Server/.build $(DEMO_STORE)
