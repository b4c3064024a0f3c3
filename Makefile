# Quick start: `make demo` builds the example project; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_OUT := example_project/_build/html
SPHINXOPTS ?=
# axe-core and the Nu HTML checker, from the npm registry, for the browser checks.
BROWSER_TOOLS := tests/browser/node_modules/.installed

.PHONY: demo test lint types pytest packaging matrix example browser screenshots bench \
	bench-smoke bench-hostile fuzz bundled-index catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,docs,browser]"
	touch $@ $(VENV)/.installed-demo

# Without npm the accessibility and HTML checks are skipped (and say so).
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
	  echo "npm not found: the accessibility and HTML validity checks will be skipped"; \
	fi

demo: $(VENV)/.installed-demo
	$(BIN)/sphinx-build -q -b html example_project $(DEMO_OUT) $(SPHINXOPTS)
	@echo "The example documentation is at $(abspath $(DEMO_OUT))/index.html"

test: $(VENV)/.installed-test lint types pytest packaging example

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sphinxext_rai tests benchmarks example_project noxfile.py
	$(BIN)/ruff format --check sphinxext_rai tests benchmarks example_project noxfile.py
	$(BIN)/lint-imports

types: $(VENV)/.installed-test
	$(BIN)/mypy

# The slow packaging test and the Jupyter Book test (which needs its own environment) have
# targets of their own.
pytest: $(VENV)/.installed-test $(BROWSER_TOOLS)
	$(BIN)/python -m pytest -n auto -m "not packaging and not jupyter_book"

# Build the sdist and wheel, check their contents, and install the wheel into fresh
# environments beside the oldest supported Sphinx (about a minute).
packaging: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m packaging

# The supported range: a nox session per corner (floor, Sphinx 8.2, newest, Jupyter Book 1),
# each in an environment of its own; `make matrix NOXARGS="-s floor"` runs one.
NOXARGS ?=
matrix: $(VENV)/.installed-test
	$(BIN)/nox $(NOXARGS)

# Only the checks in a real browser (themes, layout, accessibility, dark mode), the HTML
# checker and the PDF build; part of `make pytest`.
browser: $(VENV)/.installed-test $(BROWSER_TOOLS)
	$(BIN)/python -m pytest -m browser

# Regenerate the screenshots in the README and the example project (needs Chromium).
screenshots: $(VENV)/.installed-test
	PYTHONPATH=tests $(BIN)/python -m browser.screenshots

example: $(VENV)/.installed-test
	for builder in html latex text; do \
	  $(BIN)/sphinx-build -q -nW --keep-going -b $$builder example_project example_project/_build/$$builder || exit 1; \
	done

# The property-based tests with many more examples than the default run.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/formats/test_fuzz.py tests/sphinx_ext/test_fuzz_directives.py -q

# Build benchmarks (about 20 minutes on two cores): writes benchmarks/RESULTS.md and prints
# a summary table. Not part of `make test`. Smaller: make bench BENCHOPTS="--pages 100".
BENCHOPTS ?=
bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks $(BENCHOPTS)

# The same benchmarks at tiny sizes, to check they run; writes no results file.
bench-smoke: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks --smoke

# CPU time to read hostile index files (once quadratic), median of five runs.
bench-hostile: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.hostile

# Rebuild the bundled index from the upstream page it was made from (in tests/data/upstream).
SEED ?= tests/data/upstream/azure-docs-2022-01-10-60b05c7d-seed.md
bundled-index: $(VENV)/.installed-demo
	$(BIN)/python -m sphinxext_rai --no-bundled --index $(SEED) --index-format markdown \
	  --page-url https://learn.microsoft.com/azure/ai-services/responsible-use-of-ai-overview \
	  export --format json -o sphinxext_rai/formats/data/azure-ai-services.json

# Translations of the extension's labels: extract the messages into the template, merge it
# into each language's catalog, and compile the catalogs. `make catalogs NEW_LANGUAGE=it`
# first starts a catalog for a new language.
LOCALE_DIR := sphinxext_rai/sphinx_ext/locale
CATALOG    := sphinxext_rai
POT        := $(LOCALE_DIR)/$(CATALOG).pot
catalogs: $(VENV)/.installed-test
	$(BIN)/pybabel -q extract -F babel.cfg --add-comments=Translators: \
	  --project=sphinxext-rai --version=$$($(BIN)/python -c "import sphinxext_rai as m; print(m.__version__)") \
	  --copyright-holder="the sphinxext-rai project" -o $(POT).new sphinxext_rai
	@# Keep the template (and so the catalogs) unchanged when only its creation date would change.
	if diff -q -I '^"POT-Creation-Date:' $(POT) $(POT).new >/dev/null 2>&1; \
	  then rm $(POT).new; else mv $(POT).new $(POT); fi
ifdef NEW_LANGUAGE
	$(BIN)/pybabel -q init -i $(POT) -d $(LOCALE_DIR) -D $(CATALOG) -l $(NEW_LANGUAGE)
endif
	$(BIN)/pybabel -q update --ignore-obsolete -i $(POT) -d $(LOCALE_DIR) -D $(CATALOG)
	$(BIN)/pybabel compile --statistics -d $(LOCALE_DIR) -D $(CATALOG)

clean:
	rm -rf example_project/_build .pytest_cache .mypy_cache .ruff_cache .nox tests/browser/node_modules
