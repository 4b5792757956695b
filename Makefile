# Everything a fresh machine needs: `make serve` and `make test` create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JS := tests/feeds/js
JS_STAMP := $(JS)/node_modules/.package-lock.json
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

# ical.js, the second, independent iCalendar parser the feed tests use.
$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json
	@command -v npm >/dev/null || { echo "Fant ikke npm. Installer Node.js (v18 eller nyere)."; exit 1; }
	npm ci --prefix $(JS) --no-audit --no-fund

test: $(STAMP) $(JS_STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) site site-intern .pytest_cache .hypothesis $(JS)/node_modules
