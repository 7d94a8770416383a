# The two set-up commands: `make demo` runs the demo, `make test` runs every test.
SWIFT ?= swift
IMPORT_CHECK = --explicit-target-dependency-import-check error

.PHONY: demo test build deps lint record-snapshots bench

deps:
	@Scripts/install-deps.sh

demo: deps
	$(SWIFT) build -c release $(IMPORT_CHECK)
	.build/release/batchdeck --demo

build: deps
	$(SWIFT) build $(IMPORT_CHECK)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

test: deps
	$(SWIFT) build $(IMPORT_CHECK) --build-tests
	$(MAKE) lint
	$(SWIFT) test --skip-build

record-snapshots:
	RECORD_SNAPSHOTS=1 $(SWIFT) test --filter BatchdeckViewTests || true

# Benchmarks print figures; no test asserts a time. Scripts/bench.sh says what it measures
# (BENCH_SCALES, BENCH_IDLE, BENCH_ROWS, BENCH_OUT change the runs).
bench: deps
	$(SWIFT) build -c release $(IMPORT_CHECK)
	Scripts/bench.sh
