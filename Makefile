# Two entry points for a fresh machine with Python 3.11:  make demo   and   make test
PYTHON ?= python3.11
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo serve install test test-sqlite test-postgres lint bench clean

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

test-sqlite:
	PPID_DATA_DIR=$(CURDIR)/var/test-sqlite $(VENV)/bin/pytest

test-postgres:
	PPID_DATA_DIR=$(CURDIR)/var/test-postgres scripts/with-postgres $(VENV)/bin/pytest

clean:
	rm -rf $(VENV) $(TOOLS) var/test-*
