# Back Spasm Guide: `make run` to try the site, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-dev
MANAGE := $(BIN)/python manage.py
FIXTURES := $(sort $(wildcard fixtures/*.yaml))
DEV_ENV := DJANGO_DEBUG=1
# One test process per core (pytest-xdist); PYTEST_ARGS="-n 0" runs them in one process.
PYTEST_ARGS ?= -n auto

.PHONY: help setup run content admin serve loadtest test lint format browser-deps bench clean

help:
	@echo "make run     set up, migrate, load the content and serve on http://127.0.0.1:8000"
	@echo "make test    set up and run the linters and every test"
	@echo "make serve   production-like: DEBUG off, collectstatic, gunicorn on 127.0.0.1:8000"
	@echo "make loadtest  64 connections for 60 s against a running make serve"
	@echo "make admin   create an administrator to sign in to the back office (asks for a password)"
	@echo "make lint    ruff, checks only"
	@echo "make bench   measure speed under load (see README)"

$(INSTALLED): requirements/dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	touch $@

setup: $(INSTALLED)
	@mkdir -p var

# seed_content adds the shipped starting content the database lacks and never changes what
# is there: content in the database belongs to the editors.
content: setup
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) seed_content

run: content
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

# An administrator for the local site: asks for a username, email and password.
admin: content
	$(DEV_ENV) $(MANAGE) createsuperuser

# Plain http on this machine: DJANGO_LOCAL_HTTP=1 turns off the https redirect, HSTS and
# Secure-only cookies that production uses.
serve: setup
	@test -n "$$DJANGO_SECRET_KEY" || echo "DJANGO_SECRET_KEY is not set: using a throwaway key for this local run."
	DJANGO_LOCAL_HTTP=1 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-local-serve-$$(date +%s)} sh -c '\
	  $(MANAGE) migrate --noinput && \
	  $(MANAGE) seed_content && \
	  $(MANAGE) collectstatic --noinput --verbosity 0 && \
	  $(BIN)/gunicorn site_config.wsgi:application -c gunicorn.conf.py'

loadtest: setup
	$(BIN)/python scripts/load_test.py $(LOADTEST_ARGS)

# The browser tests need axe-core from npm; without npm they are skipped (CI requires them).
browser-deps:
	@if command -v npm >/dev/null 2>&1; then \
	  test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: browser tests will be skipped"; fi

# wrk drives the load and Lighthouse (npm, pinned in package.json) scores the pages.
bench: setup
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; \
	  else echo "wrk is missing: install it with 'sudo apt-get install wrk', then run make bench again."; exit 1; fi; }
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --silent
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: setup browser-deps lint
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules var/static
