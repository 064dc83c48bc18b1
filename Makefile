# zongjie — `make site` then `make test` set up everything on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages: CJK fonts for pages and PDFs; Chromium, poppler and Java for the tests.
SITE_DEBS := fonts-noto-cjk fonts-arphic-ukai fonts-arphic-gkai00mp libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 git
TEST_DEBS := chromium firefox-esr poppler-utils default-jre-headless

.PHONY: site test serve bench check clean debs-site debs-test lint

site: $(VENV)/.installed debs-site
	$(BIN)/zongjie build --strict

test: $(VENV)/.installed debs-site debs-test
	$(BIN)/pytest -n 2 -q

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dirty

check: $(VENV)/.installed
	$(BIN)/zongjie check

bench: $(VENV)/.installed debs-site debs-test
	$(BIN)/python -m zongjie.bench --out benchmarks/results.md

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
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
	rm -rf site .pytest_cache
