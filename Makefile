# Vernier — the two entry points are `make demo` and `make test` (see README.md).
SWIFT ?= swift
VERNIER := .build/release/vernier

.PHONY: demo test deps build release clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product vernier

# The main job on the bundled examples: describe a model, verify a property, find a counterexample.
demo: release
	@scripts/demo.sh $(VERNIER)

# The whole test suite. Long-running sweeps are opt-in with VERNIER_LONG_TESTS=1.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
