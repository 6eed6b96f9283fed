# Two commands matter: `make run` (set up and serve the seeded app) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export TRACKER_DATABASE_URL

.PHONY: install run db test bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

db: install
	$(BIN)/tracker init-db
	$(BIN)/tracker seed

run: db
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

test: install
	$(BIN)/pytest

bench: install
	command -v wrk >/dev/null || apt-get install -y wrk   # HTTP load generator (Debian package)
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) instance .pytest_cache
