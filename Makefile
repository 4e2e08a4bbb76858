# The two set-up commands of the README. Both install what is missing first.
#   make demo   build Tally, make a demo store in ./demo-store, summarise it, open the REPL
#   make test   run every test (what CI runs)

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

clean:
	rm -rf .build $(DEMO_STORE)
