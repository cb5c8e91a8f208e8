# The user's interface to the CV. `make html` and `make test` set everything up
# on a machine with only Python >= 3.11: a virtual environment in .venv/, made
# from pyproject.toml and made again whenever pyproject.toml changes.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?=
SOURCEDIR    = .
BUILDDIR     = _build
# `make html LANGUAGE=zh_CN`: the CV in a language of locales/, into _build/zh_CN/
# (the PDF: _build/zh_CN/latex/<name>-cv-zh_CN.pdf). Only a LANGUAGE given on the
# command line counts: GNU gettext's LANGUAGE in the shell (LANGUAGE=en_US:en)
# must not change `make html`. _ext/cvconf.py reads CV_LANGUAGE (Read the Docs'
# READTHEDOCS_LANGUAGE otherwise).
ifeq ($(origin LANGUAGE),command line)
BUILDDIR     = _build/$(LANGUAGE)
export CV_LANGUAGE = $(LANGUAGE)
# Not GNU gettext's LANGUAGE for the tools make runs (latexmk, make's own messages).
unexport LANGUAGE
else
unexport CV_LANGUAGE
endif
# The CV's messages to translate (sphinx-build -b gettext), always from the source language.
GETTEXTDIR   = _build/gettext
BIN          = $(VENV)/bin
STAMP        = $(VENV)/.installed
# The browser audits' npm packages (axe-core, vnu-jar, lighthouse), from package-lock.json.
NODE_STAMP   = node_modules/.installed
SPHINXBUILD  = $(BIN)/sphinx-build
# A variant of the CV declared in conf.py's cv_variants: `make latexpdf VARIANT=short`.
VARIANT     ?=
VARIANTOPTS  = $(if $(VARIANT),-D cv_variant=$(VARIANT))
# One environment per builder and variant: Sphinx decides what to rewrite by
# comparing a document's own file with its output, so a shared environment
# refreshed by another builder would leave an edited included section
# unwritten; and a variant leaves tagged content out while reading.
DOCTREES     = -d "$(BUILDDIR)/doctrees/$@$(if $(VARIANT),-$(VARIANT))"

# The Debian/Ubuntu packages the PDF needs (xelatex, latexmk, the fonts used;
# texlive-lang-chinese: xeCJK, from texlive-lang-cjk, and the ctexhook it loads).
TEX_PACKAGES = texlive-xetex texlive-latex-recommended texlive-latex-extra \
               texlive-fonts-recommended texlive-lang-chinese latexmk fonts-texgyre \
               fonts-symbola fonts-noto-cjk fonts-noto-core
TEX_INSTALL  = sudo apt-get install -y --no-install-recommends $(TEX_PACKAGES)

.DEFAULT_GOAL := help
.PHONY: help setup html latexpdf livehtml test lint bench fuzz audit screenshots node_modules clean tex-check print-tex-packages  fidelity new-cv upgrade test-bounds import-cv downloads site gettext i18n-update i18n-status

help:
	@echo "make new-cv NAME=\"Your Name\" [BIB=path.bib]   make this CV yours (README)"
	@echo "make upgrade FROM=<upstream git URL> [REF=...] [FORCE=1]   a newer engine, your CV untouched (README)"
	@echo "make import-cv FROM=cv.yaml|resume.json   your RenderCV or JSON Resume CV as sections and refs.bib"
	@echo "make html       build the web page into $(BUILDDIR)/html/"
	@echo "make html LANGUAGE=zh_CN   the CV in a language of locales/, into _build/zh_CN/html/ (also latexpdf)"
	@echo "make i18n-update LANGUAGE=zh_CN   the CV's text to translate into locales/zh_CN/LC_MESSAGES/cv.po"
	@echo "make i18n-status  how much of each language is not translated yet (shown in the source language)"
	@echo "make latexpdf   build the PDF into $(BUILDDIR)/latex/ (needs TeX: make tex-check)"
	@echo "make docx       the Word file, $(BUILDDIR)/docx/<name>-cv.docx"
	@echo "make text       the plain text, $(BUILDDIR)/text/<name>-cv.txt"
	@echo "                VARIANT=short (any of cv_variants in conf.py) for another version of the CV"
	@echo "make downloads  every variant's PDF, Word file and text into $(BUILDDIR)/downloads/"
	@echo "make site       make downloads, then make html: the web page with its Download menu"
	@echo "make livehtml   serve the web page and rebuild it on every change"
	@echo "make test       run the tests"
	@echo "make test-bounds  the tests on the lowest and the highest allowed dependencies (uv)"
	@echo "make lint       ruff, mypy and the import layers (import-linter)"
	@echo "make bench      benchmark against stock sphinxcontrib-bibtex (BIB=path for a real .bib)"
	@echo "make fuzz       hostile .bib input against benign input of the same size (time, memory)"
	@echo "make audit      Lighthouse on every page, desktop and mobile (needs chromium, npm)"
	@echo "make screenshots  light/dark/390 px/print pictures of every page into $(BUILDDIR)/screenshots/"
	@echo "make fidelity   LaTeX residue left in real bibliographies (downloads texlive-bibtex-extra)"
	@echo "make clean      remove $(BUILDDIR)/"
	@echo "make <builder>  any other Sphinx builder (text, epub, linkcheck, ...)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; run with PYTHON=python3.12 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --group dev .
	@touch $(STAMP)

setup: $(STAMP)

# npm's install scripts stay off: vnu-jar's would download a Java runtime, and
# Debian's java is used instead. Without npm the browser tests say so and skip.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the browser audits will be skipped (install Debian's nodejs and npm)"; \
	fi

node_modules: $(NODE_STAMP)

html: $(STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(DOCTREES) $(VARIANTOPTS) $(SPHINXOPTS) $(O)

tex-check:
	@for tool in xelatex latexmk; do \
	  if ! command -v $$tool >/dev/null 2>&1; then \
	    echo "error: '$$tool' was not found, and the PDF needs TeX. Install it with:"; \
	    echo "  $(TEX_INSTALL)"; \
	    exit 1; \
	  fi; \
	done
	@for sty in xeCJK.sty ctexhook.sty; do \
	  if [ -z "$$(kpsewhich $$sty)" ]; then \
	    echo "error: TeX's '$$sty' was not found, and the PDF's CJK needs it. Install it with:"; \
	    echo "  $(TEX_INSTALL)"; \
	    exit 1; \
	  fi; \
	done
	@if command -v fc-list >/dev/null 2>&1; then \
	  for font in "TeX Gyre Heros" "Symbola" "Noto Sans CJK SC" "Noto Sans"; do \
	    if ! fc-list | grep -q "$$font"; then \
	      echo "error: the font '$$font' was not found, and the PDF uses it. Install it with:"; \
	      echo "  $(TEX_INSTALL)"; \
	      exit 1; \
	    fi; \
	  done; \
	fi

# A quiet PDF build: latexmk and xelatex report only errors (in batch mode the
# full TeX output still goes to $(BUILDDIR)/latex/*.log), make no directory changes.
latexpdf: export LATEXMKOPTS ?= -silent
latexpdf: MAKEFLAGS += --no-print-directory
# A .tex of an earlier cv_owner or variant would be built again: remove them (the
# build removes the PDFs of an earlier cv_owner, and keeps the other variants').
latexpdf: tex-check $(STAMP)
	@rm -f "$(BUILDDIR)"/latex/*.tex
	$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(DOCTREES) $(VARIANTOPTS) $(SPHINXOPTS) $(O)
	@echo "$(BUILDDIR)/latex/$$(PYTHONPATH=_ext $(BIN)/python -m cvvariants.plan --variant "$(VARIANT)").pdf"

# Every variant's PDF, Word file and plain text, for the web page's Download menu
# (Read the Docs runs the same script: .readthedocs.yaml's build.jobs).
downloads: tex-check $(STAMP)
	$(BIN)/python tools/downloads.py $(DOWNLOADS_ARGS)

site: downloads
	@$(MAKE) --no-print-directory html

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" -d "$(BUILDDIR)/doctrees/html" \
	  --watch _ext --watch sections --watch refs.bib \
	  --ignore "$(VENV)/*" --ignore "$(BUILDDIR)/*" --ignore "tests/*" --ignore "bench/*" \
	  $(SPHINXOPTS) $(O)

# On every core (pytest-xdist). --dist loadscope keeps the tests of a module on
# one worker, and tests/conftest.py puts every module that reads the session's
# CV builds on one worker, so each CV is built once; the slow whole-path fork
# test is collected first, and --no-loadscope-reorder starts it first.
# PYTEST_ARGS="-n 0" runs in one process.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

# The tests on the lowest and on the highest versions pyproject.toml allows, each
# in its own environment in .venv-bounds/ made by uv (README, "Tested dependency
# ranges"). BOUNDS_ARGS="--only lowest" runs one; PYTEST_ARGS go to pytest.
test-bounds: $(NODE_STAMP)
	$(PYTHON) .ci/bounds.py $(BOUNDS_ARGS) $(if $(PYTEST_ARGS),-- $(PYTEST_ARGS))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONPATH=_ext $(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(if $(BIB),--bib "$(BIB)") $(BENCH_ARGS)

fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py $(FUZZ_ARGS)

audit: html $(NODE_STAMP)
	$(BIN)/python audit/lighthouse.py "$(BUILDDIR)/html" $(AUDIT_ARGS)

screenshots: html
	$(BIN)/python audit/screenshots.py "$(BUILDDIR)/html" "$(BUILDDIR)/screenshots"
# How faithfully real bibliographies (Debian's texlive-bibtex-extra) are decoded.
fidelity: $(STAMP)
	$(BIN)/python bench/fidelity.py $(FIDELITY_ARGS)

clean:
	rm -rf "$(BUILDDIR)"

# Make the CV someone else's: cv_owner, refs.bib, placeholder sections, a build.
new-cv: $(STAMP)
	@if [ -z "$(NAME)" ]; then echo 'usage: make new-cv NAME="Your Name" [BIB=path/to/your.bib]'; exit 2; fi
	$(BIN)/python tools/new_cv.py --name "$(NAME)" $(if $(BIB),--bib "$(BIB)")

# A newer engine from the upstream (README "Upgrading"): engine files replaced,
# content never touched, then `make test`. Only git and Python: no .venv needed.
upgrade:
	@if [ -z "$(FROM)" ]; then echo 'usage: make upgrade FROM=https://github.com/<owner>/<repository>.git [REF=branch-or-tag] [FORCE=1]'; exit 2; fi
	@$(PYTHON) tools/upgrade.py --from "$(FROM)" $(if $(REF),--ref "$(REF)") $(if $(filter 1 yes true,$(FORCE)),--force)

print-tex-packages:
	@echo $(TEX_PACKAGES)

# Any other Sphinx builder: `make text`, `make docx`, `make epub`, `make linkcheck`, ...
%: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(DOCTREES) $(VARIANTOPTS) $(SPHINXOPTS) $(O)

# The CV's text to translate, extracted in the source language (CV_LANGUAGE unset).
gettext: $(STAMP)
	CV_LANGUAGE= $(SPHINXBUILD) -q -b gettext "$(SOURCEDIR)" "$(GETTEXTDIR)" -d "_build/doctrees/gettext" $(SPHINXOPTS) $(O)

# Merge the CV's current text into locales/<LANGUAGE>/LC_MESSAGES/cv.po (new
# messages empty, changed ones fuzzy, translations kept), for the owner to translate.
i18n-update: gettext
	@if [ -z "$(LANGUAGE)" ]; then echo 'usage: make i18n-update LANGUAGE=zh_CN (a Sphinx language code)'; exit 2; fi
	$(BIN)/sphinx-intl update -p "$(GETTEXTDIR)" -d locales -l "$(LANGUAGE)"

# Per language, the messages (the CV's and the engine's) that have no translation yet.
i18n-status: gettext
	$(BIN)/python tools/i18n.py status --gettext "$(GETTEXTDIR)" $(LANGUAGE)

# Make must not try to rebuild these through the catch-all rule.
Makefile pyproject.toml package.json package-lock.json: ;

# A RenderCV YAML (al-folio's _data/cv.yml) or a JSON Resume as this CV's sections,
# refs.bib and cv_owner (README "Moving in from RenderCV or JSON Resume").
import-cv: $(STAMP)
	@if [ -z "$(FROM)" ]; then echo 'usage: make import-cv FROM=path/to/cv.yaml|resume.json'; exit 2; fi
	$(BIN)/python tools/import_cv.py "$(FROM)"
