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
	$(BIN)/frontdoor seed_demo --if-empty
	$(BIN)/frontdoor demo_logins
	$(BIN)/frontdoor runserver 127.0.0.1:8000

# Strictly typed: the calendar, validators, audit, the access gates, and every area's services,
# selectors and guards.
MYPY_STRICT := src/frontdoor/core/calendar.py src/frontdoor/core/validators.py src/frontdoor/audit \
	src/frontdoor/people/access.py src/frontdoor/people/selectors.py src/frontdoor/people/services.py \
	src/frontdoor/people/matching.py src/frontdoor/intake/services.py src/frontdoor/intake/selectors.py \
	src/frontdoor/cases/services.py src/frontdoor/cases/guards.py src/frontdoor/cases/selectors.py \
	src/frontdoor/screening/conf.py src/frontdoor/screening/guards.py src/frontdoor/screening/selectors.py \
	src/frontdoor/screening/services.py src/frontdoor/protection/guards.py \
	src/frontdoor/protection/selectors.py src/frontdoor/protection/services.py \
	src/frontdoor/allegations/access.py src/frontdoor/allegations/guards.py \
	src/frontdoor/allegations/retention.py src/frontdoor/allegations/selectors.py \
	src/frontdoor/allegations/services.py src/frontdoor/earlyhelp/guards.py \
	src/frontdoor/earlyhelp/selectors.py src/frontdoor/earlyhelp/services.py \
	src/frontdoor/pathways/edt/selectors.py src/frontdoor/pathways/edt/services.py \
	src/frontdoor/pathways/exploitation/scoring.py src/frontdoor/pathways/exploitation/selectors.py \
	src/frontdoor/pathways/exploitation/services.py src/frontdoor/pathways/police/guards.py \
	src/frontdoor/pathways/police/selectors.py src/frontdoor/pathways/police/services.py \
	src/frontdoor/reporting/charts.py src/frontdoor/reporting/exports.py src/frontdoor/reporting/figures \
	src/frontdoor/reporting/periods.py src/frontdoor/reporting/returns src/frontdoor/reporting/selectors.py

test: setup
	@scripts/check_chromium.sh
	$(BIN)/ruff check src bench
	$(BIN)/mypy --strict $(MYPY_STRICT)
	$(BIN)/frontdoor makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

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
