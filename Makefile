# Two commands matter: `make run` (set up and serve the seeded app) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
WORKERS ?= 2
THREADS ?= 8
export TRACKER_DATABASE_URL

.PHONY: install pdf browser balancer run db lint test soak test-sqlite serve bench screenshots clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed pdf node_modules/.package-lock.json

# WeasyPrint (the Bestuursraad's pack as PDF) draws with Debian's Pango and HarfBuzz, in Liberation/DejaVu fonts.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation fonts-dejavu-core
pdf: $(VENV)/.installed
	(ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 \
	  && fc-list 2>/dev/null | grep -q 'Liberation Sans') || (apt-get update -qq && apt-get install -y -qq $(PDF_LIBS))
	$(BIN)/python -c 'import weasyprint'

browser:  # Debian's Chromium for the browser tests (Playwright drives it; it never downloads its own)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	command -v openssl >/dev/null || (apt-get update -qq && apt-get install -y -qq openssl)  # test mail server's certificate
	command -v pdftoppm >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils)  # PDF pages as PNG

balancer:  # Debian's HAProxy in front of two app servers (tests/reliability/test_two_servers.py, PostgreSQL pass)
	command -v haproxy >/dev/null || (apt-get update -qq && apt-get install -y -qq haproxy)

# The key that signs sessions: random, made once, kept under instance/ (readable by its owner only).
instance/secret_key:
	mkdir -p instance
	umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))' > $@

db: install instance/secret_key
	$(BIN)/tracker init-db
	$(BIN)/tracker seed
	$(BIN)/tracker user bootstrap

run: db
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

# The code's shape: lint (ruff) and types (mypy on the whole package).
lint: install
	$(BIN)/ruff check tracker tests bench
	$(BIN)/mypy tracker

# Two passes side by side (one per core): the whole suite on SQLite, and on a throwaway PostgreSQL cluster
# (tests/postgres.sh) every suite that reaches the database (integration, API, reliability, with the two-server
# test), its output in .test-postgresql.log, shown when the SQLite pass is done. The unit suite touches no
# database; the browser and feature suites act through those same services and run once, on SQLite.
PG_SUITES := tests/integration tests/api tests/reliability
test: install lint browser balancer
	@url="$$(tests/postgres.sh start)" || exit 1; \
	TRACKER_TEST_DATABASE_URL="$$url" $(BIN)/pytest -p no:cacheprovider $(PG_SUITES) > .test-postgresql.log 2>&1 & \
	postgres=$$!; \
	$(BIN)/pytest; sqlite=$$?; \
	wait $$postgres; pg=$$?; \
	echo "=== PostgreSQL ($$url)"; \
	if [ $$pg -eq 0 ]; then tail -n 3 .test-postgresql.log; else cat .test-postgresql.log; fi; \
	echo "=== SQLite: exit $$sqlite; PostgreSQL: exit $$pg"; \
	[ $$sqlite -eq 0 ] && [ $$pg -eq 0 ]

# The long reliability runs (many SIGKILLs, many rounds of 50 writers), on both databases.
soak: install browser
	$(BIN)/pytest -m soak tests/reliability
	TRACKER_TEST_DATABASE_URL="$$(tests/postgres.sh start)" $(BIN)/pytest -m soak tests/reliability

test-sqlite: install browser
	$(BIN)/pytest

# Production-style serving: gunicorn, WORKERS processes of THREADS threads each: a live event stream holds a thread,
# not a whole worker (configuration from the environment, see docs/deploy.md). Beside it runs the webhook delivery
# process, stopped when gunicorn stops.
serve: install instance/secret_key
	$(BIN)/tracker init-db
	$(BIN)/tracker webhooks-bezorgen & deliver=$$!; trap 'kill $$deliver 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --workers $(WORKERS) --worker-class gthread --threads $(THREADS) --bind $(HOST):$(PORT) \
		--access-logfile - wsgi:app

screenshots: install browser
	$(BIN)/python -m tests.browser.screenshots

# The `eventsourcing` library is compared against, but never part of the product: its own venv.
.venv-bench/.installed: bench/requirements.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet -r bench/requirements.txt
	touch $@

bench: install .venv-bench/.installed
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)   # HTTP load generator
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) .venv-bench instance .pytest_cache node_modules
