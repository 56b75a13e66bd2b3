# Strive API. `make run` serves the demo; `make test` runs the tests.
# Everything installs into .venv on first use; nothing global is touched.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: install run serve test lint format bench bench-smoke load wrk

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## Serve the API with demo data on 127.0.0.1:$(PORT), after printing a curl line.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	PORT=$(PORT) $(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

## Production server: gunicorn with gunicorn.conf.py (WEB_CONCURRENCY workers on $(PORT)).
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py strive.wsgi:application

## The test suite, on DATABASE_URL (SQLite unless set). ARGS passes pytest arguments.
test: install
	$(PY) -m pytest $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmark against the framework-free reference (PostgreSQL; BENCH_DATABASE_URL,
## default postgres://root@127.0.0.1:5432/strive_bench, is dropped and recreated).
bench: install wrk
	$(PY) bench/run.py

## The short benchmark CI runs: proves it works and that answers match; judges no time.
bench-smoke: install wrk
	$(PY) bench/run.py --smoke

## 60 s at 32 connections on gunicorn + PostgreSQL + Redis; fails on any error.
load: install wrk
	$(PY) bench/load.py

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

## --- Fuzzing and real-browser checks (issue 5) -------------------------------------------
.PHONY: checks-install fuzz browser browser-check

## The [checks] extras (schemathesis, playwright) on top of the dev install.
checks-install: $(VENV)/.installed-checks

$(VENV)/.installed-checks: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,checks]'
	touch $@

## schemathesis against gunicorn with seeded data, >= 500 cases. FUZZ_DATABASE_URL
## (default postgres://root@127.0.0.1:5432/strive_fuzz) is dropped and recreated.
fuzz: checks-install
	$(PY) -m checks.fuzz.run

## Debian's Chromium for the browser checks, installed if missing. Never `playwright install`.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## Playwright in Debian's Chromium: the docs page and the admin's key-issuing flow.
## Screenshots in artifacts/screenshots/.
browser-check: checks-install browser
	$(PY) -m pytest checks/browser -p no:cacheprovider
