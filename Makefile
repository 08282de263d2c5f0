# Two entry points, both self-installing: `make dataset` and `make test`.
# They create (or reuse) .venv with Python 3.11 and install the project with its
# `build` extra (spaCy and its model, Great Expectations, Dask: a plain `pip install
# kz-claims` is the loader alone) and its test dependencies; the install is redone only
# when pyproject.toml changes.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: dataset test test-fast lint validate install clean release notebook

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[build,test]'
	@touch $(STAMP)

install: $(STAMP)

dataset: $(STAMP)
	$(PY) -m pipeline build --raw raw --out dataset

validate: $(STAMP)
	$(PY) -m pipeline validate dataset

# The full suite (what CI runs): lint first, so a lint error fails fast. Two steps: every
# test but those marked `timing` on TEST_WORKERS processes (pytest-xdist; tests that share an
# expensive module fixture stay on one process: `xdist_group` and --dist loadgroup), then the
# `timing` tests (they assert on measured time) alone on one process, with nothing beside them.
TEST_WORKERS ?= 2
test: lint
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not timing"
	$(PY) -m pytest -q -m timing

# The quick loop: no whole builds with the model, no subprocess-heavy tests (marker `slow`).
test-fast: lint
	$(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests

release: $(STAMP)
	$(PY) -m pipeline release

notebook: $(STAMP)
	cd notebooks && ../$(VENV)/bin/jupyter-execute --inplace --timeout=180 explore.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
