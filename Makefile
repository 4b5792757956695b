# Everything a fresh machine needs: `make serve` and `make test` create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JS := tests/feeds/js
JS_STAMP := $(JS)/node_modules/.package-lock.json
# The browser tests (tests/browser/): Debian's Chromium, driven by Playwright (which never downloads a
# browser), a Java runtime for the Nu Html Checker, and axe-core and vnu-jar from npm.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM := /usr/bin/chromium
JAVA := /usr/bin/java
BROWSER_JS := tests/browser/js
BROWSER_JS_STAMP := $(BROWSER_JS)/node_modules/.package-lock.json
# `make serve LANG=nn`; the shell's own LANG (such as C.UTF-8) is not a written standard and is ignored.
SITE_LANG := $(filter nb nn,$(LANG))


.PHONY: check test test-fast serve build schema clean apertium oversett godkjenn status bench importer eksporter

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

# Apertium and its Bokmål–Nynorsk pair (Debian packages) for `make oversett` and the tests; installed once.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
apertium:
	@if command -v apertium >/dev/null 2>&1 && apertium -l 2>/dev/null | grep -qx ' *nob-nno'; then :; else \
	  command -v apt-get >/dev/null || { echo "Fant ikke apt-get. Installer Apertium og apertium-nno-nob selv."; exit 1; }; \
	  echo "Installerer Apertium og apertium-nno-nob (Debian-pakker) …"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends apertium apertium-nno-nob; \
	fi

# Machine drafts where a text is missing or stale in the other written standard (direction: school.main_standard).
oversett: $(STAMP) apertium
	$(PY) -m skoleplan oversett data $(if $(FIL),--fil $(FIL)) $(if $(MODUS),--modus $(MODUS))

# `make godkjenn FIL=data/tiltak.yaml [ID=fast-voksen] [SPOR=1]`: mark the drafts in a file as reviewed.
godkjenn: $(STAMP)
	@test -n "$(FIL)" || { echo "Bruk: make godkjenn FIL=data/tiltak.yaml [ID=fast-voksen] [SPOR=1]"; exit 1; }
	$(PY) -m skoleplan godkjenn "$(FIL)" --data data $(if $(ID),--id "$(ID)") $(if $(SPOR),--spor)

# `make importer FIL=årshjul.xlsx [KOLONNER="når=A,hva=B"] [OVERSKRIV=1] [ARK=Ark1] [SPRAK=nn]`: the school's
# årshjul table (.xlsx, .ods, .csv, a table in .docx) into data/aarshjul.yaml; the other written standard by Apertium.
importer: $(STAMP) apertium
	@test -n "$(FIL)" || { echo 'Bruk: make importer FIL=årshjul.xlsx [KOLONNER="når=A,hva=B"] [OVERSKRIV=1] [ARK=navn] [SPRAK=nb|nn]'; exit 1; }
	$(PY) -m skoleplan importer "$(FIL)" --data data $(if $(KOLONNER),--kolonner "$(KOLONNER)") $(if $(OVERSKRIV),--overskriv) $(if $(ARK),--ark "$(ARK)") $(if $(SPRAK),--sprak $(SPRAK))

# The årshjul as eksport/aarshjul.xlsx (a sheet per written standard) and a .csv per written standard.
eksporter: $(STAMP)
	$(PY) -m skoleplan eksporter data $(if $(UT),--ut "$(UT)")

status: $(STAMP)
	$(PY) -m skoleplan status data $(if $(LISTE),--liste)

# ical.js, the second, independent iCalendar parser the feed tests use.
$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json
	@command -v npm >/dev/null || { echo "Fant ikke npm. Installer Node.js (v18 eller nyere)."; exit 1; }
	npm ci --prefix $(JS) --no-audit --no-fund

# Debian packages for the browser tests, installed when missing.
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Fant ikke apt-get. Installer Chromium ($(CHROMIUM)) selv."; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

$(JAVA):
	@command -v apt-get >/dev/null || { echo "Fant ikke apt-get. Installer Java 11 eller nyere ($(JAVA)) selv."; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless

# axe-core and vnu-jar; --ignore-scripts: vnu-jar's install script would download a Java runtime of its own.
$(BROWSER_JS_STAMP): $(BROWSER_JS)/package.json $(BROWSER_JS)/package-lock.json
	@command -v npm >/dev/null || { echo "Fant ikke npm. Installer Node.js (v18 eller nyere)."; exit 1; }
	npm ci --prefix $(BROWSER_JS) --ignore-scripts --no-audit --no-fund

test: $(STAMP) $(JS_STAMP) $(BROWSER_JS_STAMP) $(CHROMIUM) $(JAVA) apertium
	$(PY) -m pytest

# The inner loop: everything but the browser, the Nu Html Checker, Apertium and whole-site builds (README, «Tests»).
test-fast: $(STAMP)
	SKOLEPLAN_FAST_LANE=1 $(PY) -m pytest -m "not (browser or apertium or build)" -q $(if $(K),-k "$(K)")

# Build speed, scaling, feeds, live reload and page weight against plain Material; PASS/FAIL per target
# (README, «Performance»). Prints a table and writes bench/results.json; takes a few minutes.
bench: $(STAMP)
	$(PY) bench/bench.py

clean:
	rm -rf $(VENV) site site-intern site-personalkalender .cache .skoleplan-staging-* .pytest_cache .hypothesis $(JS)/node_modules $(BROWSER_JS)/node_modules
