# Wijkwijs: two commands do all set-up on a fresh machine.
#   make demo   virtualenv, install, SQLite database with demo content, serve on :8000
#   make test   install, start PostgreSQL, Elasticsearch and SeaweedFS (S3) (and the browser
#               tools), run the whole suite, then the search engine contract on SQLite
#   make serve  the production set-up on this machine: gunicorn and a task worker

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATABASE_URL := sqlite:///$(CURDIR)/var/wijkwijs.sqlite3

.PHONY: demo serve test install browser-tools services-stop lint format messages clean

$(VENV)/.installed: pyproject.toml
	@echo "==> Virtuele omgeving en Python-pakketten installeren"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[test]"
	@touch $@

install: $(VENV)/.installed

demo: install
	@mkdir -p var
	@echo "==> Database (SQLite) bijwerken"
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	@echo "==> Demo-inhoud laden"
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/python manage.py load_demo --create-users
	@echo "==> Wijkwijs draait op http://127.0.0.1:8000 (stoppen met Ctrl+C)"
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The production configuration (WIJKWIJS_ENV=production, gunicorn.conf.py, a db_worker for
# the task queue), served over plain HTTP on 127.0.0.1 (so no HTTPS redirect or secure-only
# cookies). Uses DATABASE_URL if set, else the demo's SQLite database; SECRET_KEY likewise,
# else a random one for this run. A real server runs the same two commands under systemd
# behind a TLS proxy (README: Production).
SERVE_PORT ?= 8000
serve: install
	@mkdir -p var
	@export WIJKWIJS_ENV=production SECURE_SSL_REDIRECT=false SECURE_COOKIES=false; \
	export DATABASE_URL="$${DATABASE_URL:-$(DEMO_DATABASE_URL)}"; \
	export SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export GUNICORN_BIND="127.0.0.1:$(SERVE_PORT)"; \
	$(BIN)/python manage.py migrate --noinput -v0; \
	$(BIN)/python manage.py createcachetable -v0; \
	$(BIN)/python manage.py collectstatic --noinput -v0; \
	$(BIN)/python manage.py db_worker --no-reload -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT; \
	echo "==> Wijkwijs (productie-instellingen) op http://127.0.0.1:$(SERVE_PORT), gezondheid op /health/"; \
	$(BIN)/gunicorn --config gunicorn.conf.py project.wsgi

# Chromium (Debian package) for the browser tests and axe-core (npm) for accessibility.
browser-tools:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "==> Chromium installeren (Debian-pakket)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Let op: /usr/bin/chromium ontbreekt; browsertests worden overgeslagen (buiten CI)."; fi; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
	  if command -v npm >/dev/null; then echo "==> axe-core installeren (npm)"; npm ci --no-audit --no-fund --silent; \
	  else echo "Let op: npm ontbreekt; de toegankelijkheidstest wordt overgeslagen (buiten CI)."; fi; \
	fi

test: install browser-tools
	@if [ -z "$${DATABASE_URL:-}" ]; then \
	  echo "==> PostgreSQL starten"; \
	  DATABASE_URL="$$(scripts/postgres.sh start)"; \
	  export DATABASE_URL; \
	fi; \
	if [ -z "$${WIJKWIJS_TEST_ELASTICSEARCH_URL:-}" ]; then \
	  echo "==> Elasticsearch starten"; \
	  if WIJKWIJS_TEST_ELASTICSEARCH_URL="$$(scripts/elasticsearch.sh start)"; then \
	    export WIJKWIJS_TEST_ELASTICSEARCH_URL; \
	  elif [ "$${CI:-}" = true ]; then exit 1; \
	  else echo "Let op: geen Elasticsearch; die tests worden overgeslagen (buiten CI)."; fi; \
	fi; \
	if [ -z "$${WIJKWIJS_TEST_S3_URL:-}" ]; then \
	  echo "==> SeaweedFS (S3) starten"; \
	  if WIJKWIJS_TEST_S3_URL="$$(scripts/seaweedfs.sh start)"; then \
	    export WIJKWIJS_TEST_S3_URL; \
	  elif [ "$${CI:-}" = true ]; then exit 1; \
	  else echo "Let op: geen S3-server; die tests worden overgeslagen (buiten CI)."; fi; \
	fi; \
	echo "==> Testsuite draaien op $${DATABASE_URL%%@*}@…"; \
	$(BIN)/pytest; \
	echo "==> Het zoekcontract van de ingebouwde engine op SQLite (de database van make demo)"; \
	DATABASE_URL=sqlite:///$(CURDIR)/var/test-engine-contract.sqlite3 $(BIN)/pytest --engine-contract-on-sqlite

services-stop:
	scripts/postgres.sh stop
	scripts/elasticsearch.sh stop
	scripts/seaweedfs.sh stop

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the English catalogue after changing Dutch UI texts (needs GNU gettext).
# The compiled .mo is committed, so running the site needs no gettext.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var node_modules
