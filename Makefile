# One command per chore. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test run: the server answers here, CI's database is `test` (trust auth).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PG_PROBE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
XDIST ?= -n 2
PYTEST ?= $(BIN)/python -m pytest
PYTEST_ARGS ?=
LANGS := ar en es fr ru zh_Hans

.PHONY: help install run serve demo test test-sqlite test-postgres browser-test bench lint fmt messages \
        deploy-check clean clean-all

help: ## List the targets
	@echo "Usage: make TARGET   (first time: make run)"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

# Links in mail and the API point at the address being served.
run serve demo: export CLEARINGHOUSE_SITE_URL ?= http://$(HOST):$(PORT)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing clearinghouse and its dev tools into $(VENV)..."
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install (skipped while pyproject.toml is unchanged)

run: install ## Migrate the SQLite database under var/, load demo data once, serve on http://127.0.0.1:8000 (HOST=, PORT=)
	@$(BIN)/clearinghouse migrate --noinput -v 0
	@$(BIN)/clearinghouse demo --once
	@exec $(BIN)/clearinghouse serve --host $(HOST) --port $(PORT)

serve: install ## Serve without migrating or loading demo data (`clearinghouse serve --help`)
	@exec $(BIN)/clearinghouse serve --host $(HOST) --port $(PORT)

demo: install ## Load (or complete) the demo data and rebuild the search index
	@$(BIN)/clearinghouse migrate --noinput -v 0
	@$(BIN)/clearinghouse demo

test: install ## The whole suite on SQLite, then on PostgreSQL when a server answers; browser tests included
	@rc=0; $(MAKE) --no-print-directory test-sqlite || rc=1; \
	if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_PROBE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres || rc=1; \
	else \
	  echo "== PostgreSQL does not answer at $(PG_PROBE_URL): the PostgreSQL run is skipped =="; \
	fi; \
	if [ $$rc -ne 0 ]; then echo "== make test: FAILED (see above) =="; fi; exit $$rc

test-sqlite: install ## The whole suite on SQLite (with browser, ops and scale-out tests)
	@rc=0; echo "== Tests on SQLite =="; \
	$(PYTEST) $(XDIST) -p no:cacheprovider -m "not browser" $(PYTEST_ARGS) || rc=1; \
	echo "== Browser tests on SQLite (one process: Playwright's sync API wants a thread with no event loop) =="; \
	$(PYTEST) -p no:cacheprovider -m browser $(PYTEST_ARGS) || rc=1; \
	exit $$rc

test-postgres: install ## The suite on PostgreSQL (PG_URL=postgres://postgres@127.0.0.1:5432/test; browser and ops tests run on SQLite only)
	@echo "== Tests on PostgreSQL ($(PG_URL)) =="
	@CLEARINGHOUSE_DATABASE_URL=$(PG_URL) $(PYTEST) $(XDIST) -p no:cacheprovider -m "not browser" \
	  --ignore=tests/ops $(PYTEST_ARGS)

browser-test: install ## Only the browser tests (Playwright driving /usr/bin/chromium)
	@$(PYTEST) -p no:cacheprovider -m browser $(PYTEST_ARGS)

bench: install ## Run every bench/bench_*.py; results as JSON in bench/results/
	@$(BIN)/python bench/run_all.py

lint: install ## ruff, and a check that no migration is missing
	@$(BIN)/ruff check .
	@$(BIN)/clearinghouse makemigrations --check --dry-run -v 0 || \
	  { echo "Migrations are missing: run clearinghouse makemigrations <app>"; exit 1; }

fmt: install ## Format the code with ruff and apply its safe fixes
	@$(BIN)/ruff format src tests bench
	@$(BIN)/ruff check --fix -q . || true

messages: install ## Extract and compile translations for ar en es fr ru zh_Hans
	@mkdir -p src/clearinghouse/locale
	@cd src/clearinghouse && ../../$(BIN)/clearinghouse makemessages $(addprefix -l ,$(LANGS)) \
	  --ignore 'static/vendor/*' --no-obsolete
	@cd src/clearinghouse && ../../$(BIN)/clearinghouse compilemessages $(addprefix -l ,$(LANGS))

deploy-check: install ## Django's deployment checks with production settings
	@CLEARINGHOUSE_ENV=production CLEARINGHOUSE_SECRET_KEY=$${CLEARINGHOUSE_SECRET_KEY:-check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdefghij} \
	  CLEARINGHOUSE_ALLOWED_HOSTS=$${CLEARINGHOUSE_ALLOWED_HOSTS:-clearinghouse.example.org} \
	  CLEARINGHOUSE_EMAIL_HOST=$${CLEARINGHOUSE_EMAIL_HOST:-smtp.example.org} \
	  $(BIN)/clearinghouse check --deploy --fail-level WARNING

clean: ## Remove caches, build files and collected static files (keeps the database and .venv)
	@find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	@rm -rf .pytest_cache .ruff_cache .hypothesis src/*.egg-info var/static test-results bench/results/*.tmp

clean-all: clean ## Also remove .venv and var/ (the database, uploads and outbox: all local data)
	@rm -rf $(VENV) var
