# The Sigmoid Course: every command a reader or CI needs.
#   make book    create .venv, install, execute notebooks (cached), build the HTML site
#   make test    unit tests, nbval on every notebook, -W book build, the PDF and its checks,
#                browser checks
#   make pdf     the whole book as one PDF: _build/pdf/sigmoid-course.pdf, copied into the
#                site as _build/html/sigmoid-course.pdf (make book builds it too)
#   make test-min  unit tests against the oldest versions declared (code/min-versions.txt),
#                  in .venv-min on Python 3.10 (the oldest supported), else python3 (it says)
#   make serve   serve the built site on http://127.0.0.1:8000
#   make lab     open the chapters as live notebooks in JupyterLab (widget explorers work)
#   make bench   benchmark sigmoidlab against scipy.special.expit
#   make execute re-run every chapter in place (authors, before committing a notebook)
#   make lint    ruff on the package, tests, tools and chapters; mypy --strict on the package
#   make portability  strict nbval under other OpenBLAS kernels and NumPy loops, where this CPU
#                     can run them (in make test; tools/portability.py)
#   make screenshots  screenshots of the live widget explorers in JupyterLab (authors)

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STAMP := $(VENV)/.installed
REPORTS := _build/test-reports
AXE := tests/site/node_modules/axe-core/axe.min.js
PORT ?= 8000
JBFLAGS := -W -n --keep-going
TIMED := $(PY) tools/timed.py $(REPORTS)/times.tsv
LINTED := code tools tests conftest.py book

.PHONY: book test serve lab screenshots bench execute lint clean venv site-build portability pdf

venv: $(STAMP)

# Reinstall when the requirements or the package metadata change.
$(STAMP): requirements.txt code/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

book: $(STAMP)
	$(JB) build . $(JBFLAGS)
	$(MAKE) --no-print-directory pdf PDFFLAGS="--execute cache --optional"
	@echo ""
	@echo "The book is built. Open file://$(CURDIR)/_build/html/index.html or run: make serve"

serve:
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 book

screenshots: $(STAMP)
	$(PY) tools/screenshot_live_explorers.py

# axe-core for the browser checks, the exact release in tests/site/package-lock.json.
$(AXE): tests/site/package.json tests/site/package-lock.json
	npm ci --prefix tests/site --no-audit --no-fund --loglevel=error
	@touch $(AXE)

# make test: each step is timed, and stopped as hung if it runs far past its usual time (the
# limit in seconds after its name, ten to thirty times what it takes on a 2-core machine; see
# README, "How long make test takes"). The summary at the end adds up every pytest run.
test: $(STAMP) $(AXE)
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)
	$(TIMED) "lint" 300 $(PY) -m ruff check $(LINTED)
	$(TIMED) "format (ruff format --check)" 300 $(PY) -m ruff format --check $(LINTED)
	$(TIMED) "types (mypy --strict)" 600 $(PY) -m mypy --config-file code/pyproject.toml code/sigmoidlab
	$(TIMED) "unit tests" 900 $(PY) -m pytest code/tests -q --junitxml=$(REPORTS)/unit.xml
	$(TIMED) "notebook hygiene and fail-fast" 900 $(PY) -m pytest tests --ignore=tests/site --ignore=tests/pdf -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/hygiene.xml
	$(TIMED) "nbval (strict)" 900 $(PY) -m pytest --nbval book -q -p no:cacheprovider --junitxml=$(REPORTS)/nbval.xml
	$(TIMED) "portability (nbval, other CPU paths)" 2400 $(PY) tools/portability.py
	$(TIMED) "book build (-W, stored outputs)" 900 $(MAKE) --no-print-directory site-build
	$(TIMED) "PDF build (stored outputs)" 900 $(MAKE) --no-print-directory pdf
	$(TIMED) "PDF checks" 600 $(PY) -m pytest tests/pdf -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/pdf.xml
	$(TIMED) "browser checks" 900 $(PY) -m pytest tests/site -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/site.xml
	@$(PY) tools/summary.py $(REPORTS)

# nbval has just proven the stored outputs fresh, so the test build renders them instead of
# executing every notebook a second time. The generated config sits at the root because
# Jupyter Book resolves the paths inside a config file relative to that file.
site-build:
	@sed 's/^  execute_notebooks: .*/  execute_notebooks: "off"/' _config.yml > .config.test.yml
	$(JB) build . $(JBFLAGS) --config .config.test.yml

# The whole book as one PDF (tools/build_pdf.py): the singlehtml build printed by Chromium.
# It renders the notebooks' stored outputs; `make book` passes --execute cache so the PDF
# shows the outputs the site was just built with. The site links the copy in _build/html;
# `make book` also passes --optional: without Chromium it says so and takes that link out.
pdf: $(STAMP)
	$(PY) tools/build_pdf.py $(PDFFLAGS) _build/pdf/sigmoid-course.pdf _build/html/sigmoid-course.pdf

# Strict nbval again under other OpenBLAS kernels and NumPy loops, each only where this CPU can
# run it: the committed outputs must be what any reader's CPU produces (tools/portability.py).
portability: $(STAMP)
	$(PY) tools/portability.py

# The declared floors, tested: a fresh .venv-min on the oldest supported Python (3.10, from
# PATH or pyenv; else python3, and it says so) with exactly the pins of code/min-versions.txt
# (wheels only), the package without its deps, `pip check` (a pin below a floor of
# pyproject.toml fails here), then the unit tests.
MIN_VENV := .venv-min
.PHONY: test-min
test-min:
	@py=; for c in python3.10 "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do \
	  if "$$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then py=$$c; break; fi; \
	done; \
	if [ -z "$$py" ]; then py=python3; echo "test-min: no Python 3.10 found, using python3 instead (not the oldest supported Python)"; fi; \
	rm -rf $(MIN_VENV) && "$$py" -m venv $(MIN_VENV) && echo "test-min: $$("$$py" -V) from $$(command -v "$$py" || echo "$$py")"
	$(MIN_VENV)/bin/python -m pip install --quiet --only-binary=:all: -r code/min-versions.txt
	$(MIN_VENV)/bin/python -m pip install --quiet --no-deps -e code
	$(MIN_VENV)/bin/python -m pip check
	@$(MIN_VENV)/bin/python -c 'import importlib.metadata as m, platform; print("test-min: Python", platform.python_version()); [print(f"  {n:<14} {m.version(n)}") for n in (l.split("==")[0] for l in open("code/min-versions.txt") if "==" in l and not l.startswith("#"))]'
	cd code && ../$(MIN_VENV)/bin/python -m pytest tests -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) code/benchmarks/bench_sigmoid.py

execute: $(STAMP)
	$(PY) tools/execute_notebooks.py

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy --config-file code/pyproject.toml code/sigmoidlab

clean:
	rm -rf _build
