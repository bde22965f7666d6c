# Two entry points for a fresh machine with Python 3.11:  make demo   and   make test
PYTHON ?= python3.11
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo serve install test test-sqlite test-postgres lint bench bench-smoke clean

$(UV):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON)

demo: install
	$(VENV)/bin/ppid demo

serve: install
	$(VENV)/bin/ppid serve

test: install
	scripts/install-system-deps
	$(VENV)/bin/ruff check .
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) bench-smoke

test-sqlite:
	PPID_DATA_DIR=$(CURDIR)/var/test-sqlite $(VENV)/bin/pytest

test-postgres:
	PPID_DATA_DIR=$(CURDIR)/var/test-postgres scripts/with-postgres $(VENV)/bin/pytest

# The search benchmark (bench/, docs/benchmarks.md): SQLite, then PostgreSQL, each on a fresh
# database; writes or replaces the sections of this size in docs/benchmarks.md.
SIZE ?= 100000
BENCH_ARGS ?=
BENCH_PG_OPTIONS ?= -c shared_buffers=4GB -c work_mem=64MB -c effective_cache_size=16GB \
	-c maintenance_work_mem=1GB -c max_parallel_workers_per_gather=2 -c max_wal_size=8GB -c jit=off
BENCH_SMOKE_OUT := $(CURDIR)/var/bench-smoke.md

bench: install
	PPID_DATA_DIR= DATABASE_URL= $(VENV)/bin/python bench/run.py --size $(SIZE) $(BENCH_ARGS)
	PPID_DATA_DIR= PPID_PG_OPTIONS="$(BENCH_PG_OPTIONS)" scripts/with-postgres \
		$(VENV)/bin/python bench/run.py --size $(SIZE) $(BENCH_ARGS)

# CI: a tiny corpus on both databases; fails on functional problems only, never on timings.
bench-smoke:
	rm -f $(BENCH_SMOKE_OUT)
	PPID_DATA_DIR= DATABASE_URL= $(VENV)/bin/python bench/run.py --size 300 --repeat 2 \
		--budget 2 --out $(BENCH_SMOKE_OUT)
	PPID_DATA_DIR= scripts/with-postgres $(VENV)/bin/python bench/run.py --size 300 --repeat 2 \
		--budget 2 --out $(BENCH_SMOKE_OUT)

clean:
	rm -rf $(VENV) $(TOOLS) var/test-*
