# Front Door — the two commands: `make run` and `make test`.
SHELL := /bin/bash
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo $$p && break; done)
endif
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.frontdoor-installed
NODE_STAMP := node_modules/.frontdoor-installed
ASSETS := src/frontdoor/core/static/vendor/govuk/govuk-frontend.min.css

.PHONY: run test setup assets lint clean

run: setup
	$(BIN)/frontdoor migrate --no-input
	$(BIN)/frontdoor seed_demo --if-empty --in-background
	$(BIN)/frontdoor demo_logins
	$(BIN)/frontdoor runserver 127.0.0.1:8000

# Strictly typed: the calendar, validators, audit, and every area's access gates, services, selectors
# and guards (modules or packages), found by name so a new area is covered without editing this list.
STRICT_NAMES := access services selectors guards
MYPY_STRICT := src/frontdoor/core/calendar.py src/frontdoor/core/validators.py src/frontdoor/audit \
	src/frontdoor/core/gates.py src/frontdoor/core/concurrency.py src/frontdoor/core/onetime.py \
	src/frontdoor/core/four_eyes.py \
	$(filter-out src/frontdoor/audit/%,$(wildcard $(foreach n,$(STRICT_NAMES),src/frontdoor/*/$(n).py src/frontdoor/*/$(n)))) \
	src/frontdoor/people/matching.py src/frontdoor/screening/conf.py \
	src/frontdoor/allegations/retention.py src/frontdoor/exploitation/scoring.py \
	src/frontdoor/reporting/charts.py src/frontdoor/reporting/exports.py src/frontdoor/reporting/figures \
	src/frontdoor/reporting/periods.py src/frontdoor/reporting/returns

# The suite runs on one test worker per CPU (pytest-xdist); each module on one worker, except the
# access matrix's shards (src/frontdoor/conftest.py says why). `make test TEST_WORKERS=0` runs serially.
TEST_WORKERS ?= auto

test: setup
	@scripts/check_chromium.sh
	$(BIN)/ruff check src bench scripts
	$(BIN)/ruff format --check src bench scripts
	$(BIN)/hadolint Dockerfile
	$(BIN)/mypy --strict $(MYPY_STRICT)
	$(BIN)/frontdoor makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

setup: $(STAMP) $(ASSETS)

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Front Door needs Python 3.11 or newer on the PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(ASSETS): $(NODE_STAMP) scripts/build_assets.sh
	scripts/build_assets.sh

assets: $(NODE_STAMP)
	scripts/build_assets.sh

clean:
	rm -rf $(VENV) node_modules src/frontdoor/core/static/vendor
