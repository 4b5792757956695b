# Everything a fresh machine needs: `make serve` and `make test` create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# `make serve LANG=nn`; the shell's own LANG (such as C.UTF-8) is not a written standard and is ignored.
SITE_LANG := $(filter nb nn,$(LANG))

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

build: $(STAMP)
	$(PY) -m skoleplan build $(if $(STRICT),--strict)

serve: $(STAMP)
	$(PY) -m skoleplan serve --lang "$(SITE_LANG)"

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) site site-intern .pytest_cache .hypothesis
