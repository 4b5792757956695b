# Everything a fresh machine needs: `make serve` and `make test` create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LANG ?=

.PHONY: check test serve build schema clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Fant ikke $(PYTHON). Installer Python 3.11."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(PY) -m skoleplan check data

schema: $(STAMP)
	$(PY) -m skoleplan schema data

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) site site-intern .pytest_cache .hypothesis
