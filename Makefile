# zongjie — `make site` then `make test` set up everything on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PD_VENV := .venv-properdocs
PIP := --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages: CJK fonts for pages and PDFs; Chromium, poppler, Ghostscript (a second PDF
# renderer that reads fonts by the book) and Java for the tests;
# LibreOffice (headless) converts .doc/.wps reports for `zongjie import`, and prints the Excel
# template to PDF in its tests; nginx (with its brotli module) and htpasswd for the publish
# tests, which run a real nginx.
SITE_DEBS := fonts-noto-cjk fonts-arphic-ukai fonts-arphic-gkai00mp libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 git
TEST_DEBS := chromium firefox-esr poppler-utils ghostscript default-jre-headless libreoffice-writer-nogui libreoffice-calc-nogui nginx libnginx-mod-http-brotli-static apache2-utils

.PHONY: site test lint test-properdocs serve bench check clean debs-site debs-test publish

site: $(VENV)/.runtime debs-site
	$(BIN)/zongjie build --strict

test: $(VENV)/.test debs-site debs-test
	$(BIN)/pytest -n 2 -q

# ruff (lint and format) on everything; mypy --strict on the engine; the layer contract
# (pyproject.toml [tool.importlinter]): a module that imports from a layer above fails.
lint: $(VENV)/.dev
	$(BIN)/ruff check src hooks tests benchmarks tools
	$(BIN)/ruff format --check src hooks tests benchmarks tools
	$(BIN)/mypy --strict
	$(BIN)/lint-imports --no-cache

# The same suite on properdocs (the maintained MkDocs 1.x), then the sample site built with both:
# the two sites must be identical apart from the generator tag.
test-properdocs: $(PD_VENV)/.installed $(VENV)/.runtime debs-site debs-test
	$(PD_VENV)/bin/pytest -n 2 -q -p no:cacheprovider
	rm -rf .site-mkdocs .site-properdocs
	SOURCE_DATE_EPOCH=1700000000 $(BIN)/zongjie build --strict -q -d .site-mkdocs
	SOURCE_DATE_EPOCH=1700000000 $(PD_VENV)/bin/zongjie build --strict -q -d .site-properdocs
	$(BIN)/python -m tools.site_diff .site-mkdocs .site-properdocs
	rm -rf .site-mkdocs .site-properdocs

# Build and publish a release for nginx: make publish DEST=/srv/zongjie (docs/guide/deploy.md).
publish: $(VENV)/.runtime debs-site
	@test -n "$(DEST)" || { echo "用法：make publish DEST=/srv/zongjie（发布目录）"; exit 2; }
	$(BIN)/zongjie publish --strict --dest "$(DEST)"

serve: $(VENV)/.runtime
	$(BIN)/python -m zongjie.mkdocs_yml
	$(BIN)/mkdocs serve --livereload --dirty

check: $(VENV)/.runtime
	$(BIN)/zongjie check

bench: $(VENV)/.test debs-site debs-test
	$(BIN)/python -m benchmarks.run --out benchmarks/results.md
	$(BIN)/python -m benchmarks.properties --out benchmarks/properties.md

# Every lock pins every package, so each is installed --no-deps: nothing unpinned gets in.
$(VENV)/.runtime: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP) --no-deps -r requirements.lock
	$(BIN)/pip install $(PIP) --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.lock
	$(BIN)/pip install $(PIP) --no-deps -r requirements-test.lock
	$(BIN)/pip check >/dev/null
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(BIN)/pip install $(PIP) --no-deps -r requirements-dev.lock
	touch $@

# Material declares a dependency on mkdocs, so this venv is installed --no-deps from its own lock.
$(PD_VENV)/.installed: requirements-properdocs.lock requirements-test.lock pyproject.toml
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/pip install $(PIP) --no-deps -r requirements-properdocs.lock -r requirements-test.lock
	$(PD_VENV)/bin/pip install $(PIP) --no-deps -e .
	$(PD_VENV)/bin/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('mkdocs') is not None)"  # no MkDocs here
	touch $@

debs-site:
	@$(MAKE) --no-print-directory _debs DEBS="$(SITE_DEBS)"

debs-test:
	@$(MAKE) --no-print-directory _debs DEBS="$(TEST_DEBS)"

# Installs missing Debian packages when run as root; otherwise prints the exact command.
_debs:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "安装 Debian 软件包:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "缺少 Debian 软件包，请运行：sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site .pytest_cache .site-mkdocs .site-properdocs
