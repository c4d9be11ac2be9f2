# The two commands: `make run` (set up, refresh the sample corpus, leave dashboards ready)
# and `make test` (set up, run the whole suite). Everything is installed by these targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
SS_VENV := .venv-superset
PY := $(VENV)/bin/python
export PLANTRACK_DATA_DIR ?= $(CURDIR)/data
export PLANTRACK_SOURCES ?= $(CURDIR)/sources

.PHONY: run test setup setup-superset system-packages refresh superset superset-stop serve bench lint clean

run: setup setup-superset
	$(VENV)/bin/plantrack refresh
	bash superset/manage.sh setup
	bash superset/manage.sh start

test: setup setup-superset system-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -ra -n 2 --dist loadscope --durations=30

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup-superset: $(SS_VENV)/.installed

$(SS_VENV)/.installed: superset/requirements.txt
	$(PYTHON) -m venv $(SS_VENV)
	$(SS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SS_VENV)/bin/python -m pip install --quiet -r superset/requirements.txt
	touch $@

# Headless Chromium and a CJK font for the browser tests, from Debian's packages when missing.
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
	    || ! fc-list 2>/dev/null | grep -qi -E 'noto sans cjk|wenquanyi'; then \
	  echo "Installing chromium, chromium-driver and a CJK font (Debian packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver fonts-wqy-microhei fontconfig >/dev/null; \
	fi

refresh: setup
	$(VENV)/bin/plantrack refresh

serve: setup setup-superset
	$(VENV)/bin/plantrack serve

superset: setup-superset
	bash superset/manage.sh setup
	bash superset/manage.sh start

superset-stop:
	bash superset/manage.sh stop

bench: setup
	$(VENV)/bin/plantrack bench run

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf data dbt_project/target dbt_project/logs
