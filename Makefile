# One task runner; CI runs exactly these targets (see .ci/run).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Zensical, the successor of MkDocs and Material, in its own venv (its pins clash with MkDocs').
ZVENV := .venv-zensical
ZBIN := $(ZVENV)/bin
# Material for MkDocs prints an end-of-life notice on every build; the README explains the plan.
export NO_MKDOCS_2_WARNING := 1
# The engine that turns the pages into HTML: mkdocs (default) or zensical (make build ENGINE=zensical).
ENGINE ?= mkdocs

.PHONY: setup serve build check addresses tracker schemas lint test update-goldens benchmark zensical zensical-setup zensical-check test-zensical clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

serve: setup $(if $(filter zensical,$(ENGINE)),zensical-setup)  ## Build the site from content/ and preview it at http://127.0.0.1:8000 (reloads on save)
ifeq ($(ENGINE),zensical)
	$(BIN)/python scripts/build_pages.py --serve --engine zensical --dev-addr 127.0.0.1:8000
else
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000
endif

build: setup $(if $(filter zensical,$(ENGINE)),zensical-setup)  ## Build the site into site/ (pages, engine, output check, search, sitemap), failing on any warning
	$(BIN)/python scripts/build_pages.py --site --engine $(ENGINE)

check: setup  ## Check the content only; print every problem with file and line
	$(BIN)/python scripts/build_pages.py --check

addresses: setup  ## After adding pages: add every address the site now publishes to content/published-addresses.txt
	$(BIN)/python scripts/build_pages.py --record-addresses

tracker: setup  ## Write a progress tracker (XLSX) for each plan in force into trackers/, for the next quarterly update
	$(BIN)/python scripts/build_pages.py --tracker

schemas: setup  ## After changing the schema: rewrite schemas/*.schema.json and each content file's modeline
	$(BIN)/python scripts/build_pages.py --schemas

lint: setup  ## Check the Python code's style and obvious mistakes, and that each stage imports only the stages below it
	$(BIN)/ruff check plansite scripts tests bench
	$(BIN)/lint-imports

test: setup zensical-setup  ## Run every test, including the browser tests (installs Debian's chromium if missing)
	@sh scripts/ensure_chromium.sh
	$(BIN)/python -m pytest

test-zensical: setup zensical-setup  ## Run the tests of built sites again, with every site built by Zensical
	@sh scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -m built_site --engine zensical

update-goldens: setup  ## Rewrite the expected pages of the golden tests; review the diff before committing
	$(BIN)/python -m pytest tests/test_golden.py --update-goldens

SCALES ?= 1,10,100

benchmark: setup  ## Measure builds, page weight, search, preview latency (at each of SCALES) and make test; write the README's table
	$(BIN)/python bench/run.py --scales $(SCALES) --tests --write-readme

zensical-setup: $(ZVENV)/.installed

zensical: setup zensical-setup  ## Build the site with Zensical into site-zensical/ (site/ is left alone), to compare engines
	$(BIN)/python scripts/build_pages.py --site --engine zensical --site-dir site-zensical

$(ZVENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@touch $@

zensical-check: build zensical  ## Build with both engines and list what differs (pages, navigation, search, abbreviations)
	$(BIN)/python scripts/compare_engines.py

clean:
	rm -rf site site-zensical .pytest_cache
	$(BIN)/python scripts/build_pages.py --clean 2>/dev/null || true
