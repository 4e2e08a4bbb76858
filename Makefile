# The two set-up commands of the README. Both install what is missing first.
#   make demo   build Tally, make a demo store in ./demo-store and open it
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

test: deps
	swift build --build-tests
	swift test --skip-build

clean:
	rm -rf .build $(DEMO_STORE)
