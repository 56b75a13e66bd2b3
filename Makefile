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
