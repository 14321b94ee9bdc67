# ComplaintDesk developer tasks. A newcomer needs only `make run` and `make test`;
# both install whatever is missing first.

# Python 3.11 only (pyproject.toml pins it): prefer an explicit python3.11, else python3.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

# Stamp files: their modification times say "installed from these inputs", so a second
# `make install` with nothing changed does no work at all.
PYTHON_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

# Compiled translations (.mo) are not in git; each one is rebuilt when its .po changes.
PO_FILES := $(shell find locale complaintdesk -name '*.po' -path '*/LC_MESSAGES/*' 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

.DEFAULT_GOAL := help
.PHONY: help install system-packages run dev test lint typecheck migrations-check lock bench

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 20

# The triage's seed models are trained from the corpus git keeps, like the translations.
TRIAGE_SEED := complaintdesk/triage/seed/model.json

install: system-packages $(PYTHON_STAMP) $(NODE_STAMP) $(MO_FILES) $(TRIAGE_SEED)  ## Install everything (idempotent)

# Debian packages (chromium, CJK fonts, gettext): checked every time, since the check is
# cheap and someone may have removed one; installed only when missing and we are root.
system-packages:
	@scripts/system-packages.sh

# Python dependencies come only from the pinned lock. The project itself is put on the path
# with a .pth file rather than `pip install -e .`, which would leave an untracked
# complaintdesk.egg-info/ in the tree; nothing reads the package's metadata.
$(PYTHON_STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "$(VENV) is not Python 3.11: remove it and run make install again"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/complaintdesk.pth"
	@touch $@

# Front-end libraries (htmx) are served by Django from node_modules: no CDN.
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	@touch $@

ifneq ($(strip $(PO_FILES)),)
# compilemessages for the one locale whose .po changed; .venv and node_modules hold other
# projects' catalogues, which are not ours to compile. Without msgfmt (gettext missing and
# not root) we warn and go on: the interface falls back to English.
$(MO_FILES): %.mo: %.po | $(PYTHON_STAMP) system-packages
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules \
			--locale=$(notdir $(patsubst %/LC_MESSAGES/,%,$(dir $@))); \
	else echo "warning: msgfmt not found (install gettext); $@ not compiled"; fi
endif

$(TRIAGE_SEED): complaintdesk/triage/seed/corpus.jsonl $(wildcard complaintdesk/triage/*.py) | $(PYTHON_STAMP)
	$(PY) manage.py triage_train --seed

run: install  ## Serve http://127.0.0.1:8000 (PORT=...) with demo data and the task worker
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	@$(PY) manage.py analytics_rebuild --if-empty
	@exec scripts/serve.sh

# A target-specific variable reaches the prerequisites' recipes too: run serves with DEBUG=1.
bench: install  ## Benchmark: BENCH_N complaints (default 1000000) on BENCH_DB=sqlite|postgres, over HTTP
	scripts/bench.sh

dev: export DEBUG = 1
dev: run  ## Same as run with DEBUG=1: Django's debug pages instead of ours

# pytest exits 5 when it collects nothing; that is a failure too, and we say so.
test: install  ## Run the test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL; PYTEST_ARGS=...)
	@$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS) || { rc=$$?; \
		[ $$rc -ne 5 ] || echo "pytest collected no tests (exit 5): treated as a failure"; \
		exit $$rc; }

lint: $(PYTHON_STAMP)  ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Settings, files and exclusions (tests, migrations) are in pyproject.toml's [tool.mypy].
typecheck: $(PYTHON_STAMP)  ## mypy with the django-stubs plugin over complaintdesk/
	$(VENV)/bin/mypy

# makemigrations may open the SQLite file to check migration history, so var/ must exist.
migrations-check: $(PYTHON_STAMP)  ## Fail if a model change has no migration
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

# After changing pyproject.toml: pip install the new pins into .venv, then run this. It does
# not depend on install, which would put the old pins back first.
lock:  ## Rewrite requirements.lock from what .venv holds
	@{ echo "# Pinned runtime + dev dependencies for ComplaintDesk (Python 3.11)."; \
	   echo "# Regenerate after changing pyproject.toml: make lock"; \
	   $(PY) -m pip freeze --exclude-editable --disable-pip-version-check; } > requirements.lock.new
	@mv requirements.lock.new requirements.lock
	@echo "requirements.lock rewritten; review the diff"
