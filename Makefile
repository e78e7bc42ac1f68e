# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
# pip reinstalls only when pyproject.toml or constraints.txt change.
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_RELIABILITY := $(VENV)/.installed-reliability

.PHONY: run test install install-test lint constraints clean
.PHONY: reliability reliability-quick

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=23,<27"

$(STAMP_RUN): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(STAMP_TEST): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	touch $@ $(STAMP_RUN)

$(STAMP_RELIABILITY): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e ".[test,reliability]"
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

install: $(STAMP_RUN)
install-test: $(STAMP_TEST)

## make run: install, migrate, load the transcribed data, serve on 127.0.0.1:$(PORT)
run: export DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_transcribed_data --if-empty
	$(PY) manage.py ensure_local_admin
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: lint, Django's checks, migrations in sync, the whole pytest suite
test: export SCI_PORTAL_TESTING = 1
test: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

## make reliability: fault, load, fuzz and security checks; figures into docs/reliability.md
reliability: $(STAMP_RELIABILITY)
	reliability/install-tools
	$(PY) -m reliability.run_all

## make reliability-quick: the CI subset the test suite does not cover (bandit, load, restart)
reliability-quick: $(STAMP_RELIABILITY)
	reliability/install-tools
	$(PY) -m reliability.run_all --quick --no-doc

lint: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make messages: re-extract the interface strings into the Chinese catalogue and compile it (needs GNU gettext)
.PHONY: messages
messages: export DEBUG ?= 1
messages: install-test
	$(PY) manage.py makemessages -l zh_Hans -i .venv -i tests -i staticfiles -i build --no-obsolete --no-location
	$(PY) manage.py compilemessages -l zh_Hans -i .venv

## make schema: regenerate docs/openapi.yaml, the committed API schema (review what it removes or renames)
.PHONY: schema
schema: export DEBUG ?= 1
schema: install
	$(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

## make constraints: re-pin every dependency to what is installed now
constraints: install-test
	$(PIP) freeze --exclude-editable | grep -v '^-e ' > constraints.txt

## make bench: 100,000 synthetic MOUs on a throwaway PostgreSQL, measured (bench/README.md)
.PHONY: bench
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
