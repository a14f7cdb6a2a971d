# Metodportal: `make demo` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: demo install install-test static migrate seed serve test test-fast browser-deps lint messages bench clean

demo: install static migrate seed
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver $(HOST):$(PORT)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# Front-end packages come from npm and are copied into static/vendor (not in git).
static: node_modules/.installed
	mkdir -p static/vendor/bootstrap static/vendor/chartjs static/vendor/bootstrap-icons
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap/
	cp node_modules/chart.js/dist/chart.umd.min.js static/vendor/chartjs/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts static/vendor/bootstrap-icons/

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium drives the browser journeys; Playwright cannot download browsers here.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	else echo "Browser tests need Debian's chromium: run 'sudo apt-get install chromium' (they are skipped until then)."; fi

test: install static browser-deps
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

test-fast: install static
	$(VENV)/bin/pytest -q -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# Russian catalogues: the root locale/ holds config, core, monitoring and the shared templates;
# every domain app keeps its own <app>/locale.
messages: install
	$(PY) scripts/messages.py
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3*
