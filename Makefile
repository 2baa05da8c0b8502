# The Sigmoid Course: every command a reader or CI needs.
#   make book    create .venv, install requirements.lock, execute notebooks (cached), build
#                the HTML site
#   make test    unit tests, nbval on every notebook, -W book build, the PDF and its checks,
#                browser checks
#   make pdf     the whole book as one PDF: _build/pdf/sigmoid-course.pdf, copied into the
#                site as _build/html/sigmoid-course.pdf (make book builds it too)
#   make test-min  unit tests against the oldest versions declared (code/min-versions.txt),
#                  in .venv-min on Python 3.10 (the oldest supported), else python3 (it says)
#   make test-latest  make test in a fresh .venv-latest with the newest releases that the
#                  ranges of requirements.txt and code/pyproject.toml allow (not the lock)
#   make lock    recompute requirements.lock from those ranges, keeping every pin they still
#                allow (make lock UPGRADE=1: every package to its newest allowed release)
#   make workbooks  the chapters for a class, without outputs or solutions: _build/workbooks
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
# Every command names $(VENV)'s programs; a virtualenv activated in the calling shell would
# only mislead them (IPython warns when VIRTUAL_ENV is not the Python it runs in).
unexport VIRTUAL_ENV
PYTHON ?= python3
# make test-latest runs `make test` with VENV=.venv-latest INSTALL=latest.
VENV ?= .venv
INSTALL ?= lock
LOCK := requirements.lock
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STAMP := $(VENV)/.installed
REPORTS := _build/test-reports
AXE := tests/site/node_modules/axe-core/axe.min.js
PORT ?= 8000
JBFLAGS := -W -n --keep-going
TIMED := $(PY) tools/timed.py $(REPORTS)/times.tsv
LINTED := code tools tests conftest.py book

.PHONY: book test serve lab screenshots bench execute lint clean venv site-build portability pdf \
	lock test-latest workbooks

venv: $(STAMP)

# Reinstall when the lock, the ranges or the package metadata change. By default the venv gets
# exactly requirements.lock: every package at its locked version, each file checked against
# its sha256 (--require-hashes), nothing resolved on the reader's machine (--no-deps; `pip
# check` then confirms the set is consistent), then the course's package itself, editable (a
# local folder has no hash to check, so it is not in the lock). tests/test_lock.py compares
# the venv with the lock. INSTALL=latest (make test-latest) resolves requirements.txt afresh.
# The stamp says which of the two the venv holds.
$(STAMP): requirements.txt $(LOCK) code/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
ifeq ($(INSTALL),latest)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --upgrade --upgrade-strategy eager -r requirements.txt
else
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e './code[test,widgets]'
	$(PY) -m pip check --disable-pip-version-check
endif
	@echo $(INSTALL) > $(STAMP)

# requirements.lock: every package the course installs, at one version, with the sha256 of every
# file PyPI has for it, for the machines readers own: Linux, macOS and Windows, x86-64 and arm64,
# Python 3.10 (requires-python in code/pyproject.toml) and newer. pip-compile resolves for the
# machine and the Python it runs on only (a lock made on Linux lacks Windows' pywinpty and
# colorama, and macOS's appnope); `uv pip compile --universal` resolves once for every platform
# and Python, with markers where they differ (NumPy 2.2 on Python 3.10, which NumPy 2.3 and
# later do not support; 2.4 from 3.11 on). Checked with `uv pip install --dry-run --only-binary
# :all: --python-platform P --python-version V -r requirements.lock`: a wheel for every package
# on Linux, macOS and Windows, x86-64 and arm64, Python 3.10 to 3.14, except Windows on arm64
# before Python 3.12 (PyYAML, cffi: pip compiles them from the locked sdist). uv only writes the
# lock (it comes with the lock, in .venv); pip installs it, so a reader needs nothing but
# Python. uv keeps the pins of the existing lock that the ranges still allow, so the notebooks'
# outputs stay those strict nbval compares; after `make lock UPGRADE=1`, run `make execute` and
# `make test`.
lock: $(STAMP)
	$(VENV)/bin/uv pip compile requirements.txt --universal --python-version 3.10 \
	  --generate-hashes --no-emit-package sigmoidlab --custom-compile-command "make lock" \
	  --quiet $(if $(UPGRADE),--upgrade) -o $(LOCK)
	@echo "requirements.lock written; the next make target installs it"

# make test with the newest releases the ranges allow, in a fresh .venv-latest (excluded from
# the book in _config.yml): a new release that breaks the course fails here, for us, before a
# reader meets it. .ci/run runs it when TEST_LATEST=1. If it fails and the lock passes, cap the
# range in requirements.txt (or code/pyproject.toml) or fix the course, then `make lock`.
test-latest:
	rm -rf .venv-latest
	$(MAKE) --no-print-directory test VENV=.venv-latest INSTALL=latest

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
# limit in seconds after its name, at least ten times what it takes on a 2-core machine; see
# README, "How long make test takes"). The summary at the end adds up every pytest run.
test: $(STAMP) $(AXE)
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)
	$(TIMED) "lint" 300 $(PY) -m ruff check $(LINTED)
	$(TIMED) "format (ruff format --check)" 300 $(PY) -m ruff format --check $(LINTED)
	$(TIMED) "types (mypy --strict)" 600 $(PY) -m mypy --config-file code/pyproject.toml code/sigmoidlab
	$(TIMED) "unit tests" 900 $(PY) -m pytest code/tests -q --junitxml=$(REPORTS)/unit.xml
	$(TIMED) "notebook hygiene and fail-fast" 1800 $(PY) -m pytest tests --ignore=tests/site --ignore=tests/pdf -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/hygiene.xml
	$(TIMED) "nbval (strict)" 900 $(PY) -m pytest --nbval book -q -p no:cacheprovider --junitxml=$(REPORTS)/nbval.xml
	$(TIMED) "portability (nbval, other CPU paths)" 3000 $(PY) tools/portability.py
	$(TIMED) "book build (-W, stored outputs)" 900 $(MAKE) --no-print-directory site-build
	$(TIMED) "PDF build (stored outputs)" 900 $(MAKE) --no-print-directory pdf
	$(TIMED) "PDF checks" 600 $(PY) -m pytest tests/pdf -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/pdf.xml
	$(TIMED) "browser checks" 2400 $(PY) -m pytest tests/site -q -rs -p no:cacheprovider --junitxml=$(REPORTS)/site.xml
	@$(PY) tools/summary.py $(REPORTS)

# nbval has just proven the stored outputs fresh, so the test build renders them instead of
# executing every notebook a second time. Jupyter Book 1 has no config inheritance and no
# option to override one setting, so this goes through Sphinx: `jupyter-book config sphinx`
# (Jupyter Book's documented way to use sphinx-build) turns _config.yml into a conf.py at the
# root, where its relative paths resolve, and sphinx-build -D switches execution off. No copy
# of the config to keep in step, no pattern that could silently miss. Jupyter Book does not
# write the local extensions' folder into that conf.py, hence PYTHONPATH. The HTML is the same
# as `jupyter-book build` with execution off (checked: every file identical). conf.py is
# deleted afterwards, whatever the build's result. SITE_OUT: where the HTML goes.
SITE_OUT ?= _build/html
site-build: $(STAMP)
	$(JB) config sphinx . >/dev/null
	@status=0; PYTHONPATH=book/_ext $(VENV)/bin/sphinx-build -b html . $(SITE_OUT) \
	  -d $(SITE_OUT)/../.doctrees -D nb_execution_mode=off $(JBFLAGS) || status=$$?; \
	  rm -f conf.py; exit $$status

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

# Copies of the chapters for a class, to fill in: outputs, solutions and check cells removed
# (tools/workbooks.py, nbconvert's preprocessors). tests/test_workbooks.py runs each one.
workbooks: $(STAMP)
	$(PY) tools/workbooks.py _build/workbooks

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy --config-file code/pyproject.toml code/sigmoidlab

clean:
	rm -rf _build
