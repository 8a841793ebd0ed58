# Two commands do everything on a fresh machine:
#   make preview   set up, then serve the site with live reload at http://127.0.0.1:8000/
#   make test      set up (Chromium, Java and the npm checkers included), then run the whole test suite
# and one runs the fast tier of the tests (no browser, Java, server or whole-site build):
#   make test-fast
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: preview site check test test-fast setup browser java checkers clean

preview: setup
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

site: setup
	$(BIN)/python -m generator publish --site-dir site

check: setup
	$(BIN)/python -m generator check
	$(BIN)/python -m generator published  # every record page is in content/published.txt

test: setup browser java checkers
	$(BIN)/python -m pytest

# The slow tiers are pytest markers (pyproject.toml); everything else is the fast tier.
test-fast: setup
	$(BIN)/python -m pytest -m "not (browser or build or preview or quality)"

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

browser:
	scripts/ensure-chromium

java:
	scripts/ensure-java

# axe-core and the W3C Nu validator (vnu-jar) for tests/test_quality.py, at the versions of
# package-lock.json; reinstalled only when node_modules is missing or the lock file is newer.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime from GitHub when it finds
# none; `java` (above) installs Debian's instead, and nothing else needs an install script.
checkers: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

clean:
	rm -rf $(VENV) site test-artifacts node_modules
