# Metodportal: `make demo` serves the demo portal, `make test` runs the whole suite.
#   make demo                  .venv + npm packages + migrate + demo data + logins + http://127.0.0.1:8000
#   make test                  what CI runs on SQLite (translations, ruff, migrations check, pytest)
#   make test PYTEST_ARGS='-m "not browser"'     the suite without the browser journeys
#   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/metodportal make test    the same on PostgreSQL
#   make bench                 region-scale demo into bench/out/region.sqlite3 and the benchmarks
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE := config.settings
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo install install-test static migrate seed logins serve test test-fast browser-deps fonts messages \
        compilemessages lint check-deploy bench clean office

demo: install static fonts migrate seed logins serve

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

node_modules/.installed: package.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end packages: apt-get install npm"; exit 1; }
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

# Front-end packages come from npm and are copied into static/vendor (not in git; no CDN on a closed network).
# The source maps go along: the hashed static storage of production follows their references.
static: node_modules/.installed
	mkdir -p static/vendor/bootstrap static/vendor/chartjs static/vendor/bootstrap-icons
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   static/vendor/bootstrap/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chartjs/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts \
	   static/vendor/bootstrap-icons/
	mkdir -p static/vendor/tom-select
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/js/tom-select.complete.min.js.map \
	   node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css.map \
	   static/vendor/tom-select/

# From the root, compilemessages compiles every catalogue it finds: locale/ and each <app>/locale.
compilemessages: install
	$(PY) manage.py compilemessages -l ru --ignore=.venv --ignore=node_modules --ignore=staticfiles -v 0

migrate: install compilemessages
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

logins: install
	@$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)/accounts/login/

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium drives the browser journeys; Playwright cannot download browsers here.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } \
	  || echo "Could not install chromium: the browser tests will be skipped."; \
	else echo "Browser tests need Debian's chromium: run 'sudo apt-get install chromium' (they are skipped until then)."; fi

# The order and the report are set in Liberation Serif (Times-metric, ГОСТ Р 7.0.97-2016) from Debian's
# fonts-liberation, embedded by WeasyPrint; PT Serif (fonts-paratype) is the fallback.
fonts:
	@if fc-list 2>/dev/null | grep -q "Liberation Serif"; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's fonts-liberation for the order PDF..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q fonts-liberation >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q fonts-liberation >/dev/null; } \
	  || echo "Could not install fonts-liberation: the order PDF falls back to another serif."; \
	else echo "The order PDF needs Debian's fonts-liberation: run 'sudo apt-get install fonts-liberation'."; fi

# LibreOffice converts the order's .docx to PDF in a test (the same items as python-docx reads): Debian's
# libreoffice-writer-nogui (no GUI, no Java) gives `soffice`; the test is skipped where it is missing.
office:
	@if command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's libreoffice-writer-nogui for the .docx conversion test..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1 \
	  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null; } \
	  || echo "Could not install libreoffice-writer-nogui: the .docx conversion test will be skipped."; \
	else echo "The .docx conversion test needs 'sudo apt-get install --no-install-recommends libreoffice-writer-nogui'."; fi

# ruff and the migrations check never stop the suite from running; `make test` exits with pytest's
# status when pytest fails, otherwise non-zero when ruff or the migrations check failed.
test: install-test static browser-deps fonts office compilemessages
	@status=0; \
	echo "== ruff check ."; $(VENV)/bin/ruff check . || status=1; \
	echo "== makemigrations --check"; $(PY) manage.py makemigrations --check --dry-run -v 1 || status=1; \
	echo "== pytest"; $(VENV)/bin/pytest -q $(PYTEST_ARGS); code=$$?; \
	if [ $$code -ne 0 ]; then exit $$code; fi; \
	if [ $$status -ne 0 ]; then echo "pytest passed, but ruff or makemigrations --check failed (see above)"; fi; \
	exit $$status

test-fast: install-test static compilemessages
	$(VENV)/bin/pytest -q -m "not browser" $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .

# Russian catalogues: the root locale/ holds config, core and the shared templates;
# every other domain app keeps its own <app>/locale.
messages: install
	$(PY) scripts/messages.py
	$(MAKE) compilemessages

# With production variables the deployment checklist must be silent.
check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
	DJANGO_ALLOWED_HOSTS=portal.example.ru $(PY) manage.py check --deploy --fail-level WARNING

bench: install static compilemessages
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3* bench/out

.PHONY: prod prod-stop
# `make prod NODES=2`: two gunicorn nodes behind HAProxy and a streaming PostgreSQL replica (docs/deploy.md).
NODES ?= 1
prod: install static  ## production mode on 127.0.0.1: PostgreSQL 15, Redis, gunicorn, Celery (docs/deploy.md)
	NODES=$(NODES) scripts/prod.sh

prod-stop:  ## stop what `make prod` started (data stays in .prod/)
	scripts/prod-stop.sh
