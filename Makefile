# The PRT course. Two commands matter to a newcomer (see README.md):
#   make lab    set up (first time only) and open the course in JupyterLab
#   make test   set up (first time only) and run every test, every notebook included
# Both create and reuse a virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# JupyterLab refuses to start as root unless told; containers often run as root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

# The public trial data: when ../shared/data holds the file, the notebooks and the tests read
# it from there (no download); otherwise prtlib uses its own cache and says how to fetch it.
SHARED_DATA := $(wildcard ../shared/data/Ashar2022_outcomes_demographics.csv)
ifneq ($(SHARED_DATA),)
export PRTLIB_DATA_DIR ?= $(abspath ../shared/data)
endif

NOTEBOOKS := $(sort $(wildcard course/[0-9][0-9]_*.ipynb solutions/[0-9][0-9]_*.ipynb))

.PHONY: help setup lab test lint exercises docs notebooks benchmarks clean

help:
	@echo "make lab         set up and open the course in JupyterLab"
	@echo "make test        set up and run every test (unit tests, doctests, notebooks)"
	@echo "make exercises   regenerate exercises/ from the masters in solutions/"
	@echo "make docs        regenerate the bibliography and the instructor guide's lesson list"
	@echo "make notebooks   regenerate exercises/ and docs, then execute course/ and solutions/"
	@echo "make benchmarks  print the speed figures"
	@echo "make release     write a learner's copy of the course into dist/learners (RELEASE_DIR=... elsewhere)"
	@echo "make grade       grade the notebooks in SUBMISSIONS=folder into dist/grades (runs learners' code)"
	@echo "make site        build the course website into _build/html (REPO=https://github.com/OWNER/NAME adds launch links)"
	@echo "make clean       remove the virtual environment and caches"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.12 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# Serve the whole repository (so learners reach exercises/ and solutions/) and open lesson 00.
# Naming the notebook as an argument instead would make course/ the root of the file browser.
lab: setup
	$(BIN)/jupyter lab $(LAB_ARGS) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/course/00_start_here.ipynb

lint: setup
	$(BIN)/ruff check prtlib tests benchmarks course solutions exercises site

test: lint
	$(BIN)/python -m pytest tests prtlib course solutions exercises \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider -q -rs

exercises: setup
	$(BIN)/python -m prtlib.course.authoring exercises

docs: setup
	$(BIN)/python -m prtlib.course.authoring docs

notebooks: setup
	$(BIN)/python -m prtlib.course.authoring exercises
	$(BIN)/python -m prtlib.course.authoring docs
	$(BIN)/python -m prtlib.course.authoring execute $(NOTEBOOKS)

benchmarks: setup
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The course website, from the stored notebooks (nothing runs): _build/html/index.html.
# REPO (the course's public GitHub address) and HUB (a JupyterHub) give each lesson its
# Binder, Colab and nbgitpuller links; see site/README.md.
.PHONY: site
site: setup
	$(BIN)/python site/build.py $(if $(REPO),--repo $(REPO),) $(if $(HUB),--hub $(HUB),)

# A learner's copy of the course: no solutions, model answers, rubrics or instructor notes.
# Grading runs learners' code: the instructor guide gives the container command to use.
RELEASE_DIR ?= dist/learners
GRADES      ?= dist/grades
.PHONY: release grade
release: setup
	$(BIN)/python -m prtlib.course.release $(RELEASE_DIR)

grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "Name the folder of submissions: make grade SUBMISSIONS=path/to/folder"; exit 2; }
	$(BIN)/python -m prtlib.course.grading $(SUBMISSIONS) --out $(GRADES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis _build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
