# Everything a fresh machine needs: `make serve` and `make test` create .venv on first use (`make help`).
# Python 3.11, 3.12 or 3.13: the first one that runs, unless PYTHON= names one (a pyenv shim for a version that
# is not the active one is found on PATH but exits with 127).
ifndef PYTHON
PYTHON := $(shell for v in 3.11 3.12 3.13; do python$$v -c '' 2>/dev/null && { command -v python$$v; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
# What the editor needs (check, serve, build): the project and its runtime dependencies.
RUNTIME := $(VENV)/.runtime
# What the tests need on top: the test dependencies.
STAMP := $(VENV)/.installed
# What `make pdf` needs on top of the runtime: WeasyPrint (and Debian's Pango, see system-packages below).
PDF_STAMP := $(VENV)/.pdf
JS := tests/feeds/js
JS_STAMP := $(JS)/node_modules/.package-lock.json
# The browser tests (tests/browser/): see system-packages below.
# axe-core and vnu-jar come from npm.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM := /usr/bin/chromium
JAVA := /usr/bin/java
BROWSER_JS := tests/browser/js
BROWSER_JS_STAMP := $(BROWSER_JS)/node_modules/.package-lock.json
# The school (or municipality) folder the commands work on: `make check DATA=kommuner/fjordvik/skoler/nordby`.
DATA ?= data
# `make serve LANG=nn`; the shell's own LANG (such as C.UTF-8) is not a written standard and is ignored.
SITE_LANG := $(filter nb nn,$(LANG))


.PHONY: help system-packages check test test-fast serve build pdf pango schema clean apertium oversett godkjenn status bench ny-skole importer eksporter

## help: denne oversikten over kommandoene
help:
	@echo "Bruk: make <kommando> [DATA=mappe]   (DATA: skolens eller kommunens mappe, standard data)"
	@sed -n 's/^## \([a-z-]*\): /  \1\t/p' $(MAKEFILE_LIST) | expand -t 16

# A virtual environment that does not run (a failed creation, a removed Python) is made again.
$(RUNTIME): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Fant ikke Python 3.11, 3.12 eller 3.13. Installer en av dem (for eksempel apt install python3.11-venv), eller si hvilken med PYTHON=."; exit 1; }
	@$(PY) -c "" 2>/dev/null || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } || { rm -rf $(VENV); echo "Kunne ikke lage $(VENV) med $(PYTHON); mangler python3-venv?"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(PDF_STAMP): $(RUNTIME)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[pdf]'
	touch $(PDF_STAMP)

## check: sjekk datafilene og vis alle feil på én gang (fil:linje:kolonne)
check: $(RUNTIME)
	$(PY) -m skoleplan check $(DATA)

## schema: skriv JSON-skjemaene editoren bruker (DATA=)
schema: $(RUNTIME)
	$(PY) -m skoleplan schema $(DATA)

# A school's folder: its sites into site/ and site-intern/; a municipality's folder: every school below them.
## build: bygg nettstedet (site/) og personalets utgave (site-intern/); STRICT=1 stopper ved advarsler
build: $(RUNTIME)
	$(PY) -m skoleplan build --data $(DATA) $(if $(STRICT),--strict)

# The whole plan as PDF costs about ten times a build (README, «Paper and PDF»), so it is a step of its own.
## pdf: bygg som make build, og hele planen som PDF per skriftspråk og utgave (WeasyPrint)
pdf: $(PDF_STAMP) pango
	$(PY) -m skoleplan build --data $(DATA) --pdf $(if $(STRICT),--strict)

## serve: vis nettstedet lokalt mens du redigerer (PORT=8000, INTERN=1 viser personalets utgave)
serve: $(RUNTIME)
	$(PY) -m skoleplan serve --data $(DATA) --lang "$(SITE_LANG)" --addr 127.0.0.1:$(or $(PORT),8000) $(if $(INTERN),--intern)

# `make ny-skole NAVN="Nordby skole" KOMMUNE=Fjordvik`: a new school's folder on its municipality's layer.
## ny-skole: lag mappen til en ny skole: NAVN="Nordby skole" [KOMMUNE=Fjordvik]
ny-skole: $(RUNTIME)
	@test -n "$(NAVN)" || { echo 'Bruk: make ny-skole NAVN="Nordby skole" [KOMMUNE=Fjordvik]'; exit 1; }
	$(PY) -m skoleplan ny-skole "$(NAVN)" $(if $(KOMMUNE),--kommune "$(KOMMUNE)")

# Debian packages, installed when missing: every missing one in one `apt-get update` and one install, waiting at
# most five minutes for another apt (an unattended upgrade) to let go of its lock.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq
apt_install = command -v apt-get >/dev/null || { echo "Fant ikke apt-get. Installer disse pakkene selv: $(1)"; exit 1; }; \
	echo "Installerer $(1) (Debian-pakker) …"; $(APT_GET) update && $(APT_GET) install -y --no-install-recommends $(1)
# Apertium and its Bokmål–Nynorsk pair for `make oversett`; for the tests also Chromium and a Java runtime
# (the browser tests drive Debian's Chromium with Playwright, which never downloads a browser; the Nu Html
# Checker runs on Java).
APERTIUM_MISSING = $(if $(shell apertium -l 2>/dev/null | grep -x ' *nob-nno'),,apertium apertium-nno-nob)
# Pango and a font for WeasyPrint, which lays out the PDF (`make pdf` and tests/render/test_pdf.py).
PANGO_MISSING = $(if $(shell /sbin/ldconfig -p 2>/dev/null | grep -F 'libpangoft2-1.0.so.0'),,libpango-1.0-0 libpangoft2-1.0-0) \
	$(if $(wildcard /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf),,fonts-dejavu-core)
TEST_MISSING = $(strip $(if $(wildcard $(CHROMIUM)),,chromium) $(if $(wildcard $(JAVA)),,default-jre-headless) $(APERTIUM_MISSING) $(PANGO_MISSING))

apertium:
	@$(if $(APERTIUM_MISSING),$(call apt_install,$(APERTIUM_MISSING)),:)

pango:
	@$(if $(strip $(PANGO_MISSING)),$(call apt_install,$(strip $(PANGO_MISSING))),:)

system-packages:
	@$(if $(TEST_MISSING),$(call apt_install,$(TEST_MISSING)),:)

# Machine drafts where a text is missing or stale in the other written standard (direction: school.main_standard).
## oversett: maskinoversett det som mangler eller er endret, setning for setning (Apertium)
oversett: $(RUNTIME) apertium
	$(PY) -m skoleplan oversett $(DATA) $(if $(FIL),--fil $(FIL)) $(if $(MODUS),--modus $(MODUS))

# `make godkjenn FIL=data/tiltak.yaml [ID=fast-voksen] [SPOR=1]`: mark the drafts in a file as reviewed.
## godkjenn: merk utkastene i en fil som lest: FIL=data/tiltak.yaml [ID=…]
godkjenn: $(RUNTIME)
	@test -n "$(FIL)" || { echo "Bruk: make godkjenn FIL=data/tiltak.yaml [ID=fast-voksen] [SPOR=1]"; exit 1; }
	$(PY) -m skoleplan godkjenn "$(FIL)" --data $(DATA) $(if $(ID),--id "$(ID)") $(if $(SPOR),--spor)

# `make importer FIL=årshjul.xlsx [KOLONNER="når=A,hva=B"] [OVERSKRIV=1] [ARK=Ark1] [SPRAK=nn]`: the school's
# årshjul table (.xlsx, .ods, .csv, a table in .docx) into $(DATA)/aarshjul.yaml; the other written standard by Apertium.
# Apertium is installed last, only when it is missing and the sheet has texts to draft, and only after the sheet
# has been read and checked as the import reads it (`skoleplan importer --sjekk-apertium`: exit 3 = needs Apertium).
IMPORT_ARGS = "$(FIL)" --data $(DATA) $(if $(KOLONNER),--kolonner "$(KOLONNER)") $(if $(OVERSKRIV),--overskriv) $(if $(ARK),--ark "$(ARK)") $(if $(SPRAK),--sprak $(SPRAK))
## importer: les årshjulet fra regneark eller Word-tabell inn i aarshjul.yaml: FIL=årshjul.xlsx [KOLONNER=… OVERSKRIV=1]
importer: $(RUNTIME)
	@test -n "$(FIL)" || { echo 'Bruk: make importer FIL=årshjul.xlsx [KOLONNER="når=A,hva=B"] [OVERSKRIV=1] [ARK=navn] [SPRAK=nb|nn]'; exit 1; }
	@$(if $(APERTIUM_MISSING),$(PY) -m skoleplan importer $(IMPORT_ARGS) --sjekk-apertium; status=$$?; \
	  if [ $$status -eq 3 ]; then $(MAKE) --no-print-directory apertium || exit 1; elif [ $$status -ne 0 ]; then exit $$status; fi,:)
	$(PY) -m skoleplan importer $(IMPORT_ARGS)

# The årshjul as eksport/aarshjul.xlsx (a sheet per written standard) and a .csv per written standard.
## eksporter: skriv årshjulet som regneark: eksport/aarshjul.xlsx og en .csv per skriftspråk (UT=mappe)
eksporter: $(RUNTIME)
	$(PY) -m skoleplan eksporter $(DATA) $(if $(UT),--ut "$(UT)")

## status: hvor langt oversettelsen er kommet (LISTE=1), og hva skolen har endret mot laget under (LAG=1)
status: $(RUNTIME)
	$(PY) -m skoleplan status $(DATA) $(if $(LISTE),--liste) $(if $(LAG),--lag)

# ical.js, the second, independent iCalendar parser the feed tests use.
$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json
	@command -v npm >/dev/null || { echo "Fant ikke npm. Installer Node.js (v18 eller nyere)."; exit 1; }
	npm ci --prefix $(JS) --no-audit --no-fund

# axe-core and vnu-jar; --ignore-scripts: vnu-jar's install script would download a Java runtime of its own.
$(BROWSER_JS_STAMP): $(BROWSER_JS)/package.json $(BROWSER_JS)/package-lock.json
	@command -v npm >/dev/null || { echo "Fant ikke npm. Installer Node.js (v18 eller nyere)."; exit 1; }
	npm ci --prefix $(BROWSER_JS) --ignore-scripts --no-audit --no-fund

## test: hele testsuiten, som CI kjører (installerer det som trengs første gang)
test: $(STAMP) $(JS_STAMP) $(BROWSER_JS_STAMP) system-packages
	$(PY) -m pytest

# The inner loop: everything but the browser, the Nu Html Checker, Apertium and whole-site builds (README, «Tests»).
## test-fast: den raske testrunden uten nettleser, Apertium og bygg (K=navn velger tester)
test-fast: $(STAMP)
	SKOLEPLAN_FAST_LANE=1 $(PY) -m pytest -m "not (browser or apertium or build)" -q -n auto $(if $(K),-k "$(K)")

# Build speed, scaling, feeds, live reload and page weight against plain Material; PASS/FAIL per target
# (README, «Performance»). Prints a table and writes bench/results.json; takes a few minutes.
## bench: mål hastighet og størrelse mot målene (skriver bench/results.json)
bench: $(STAMP)
	$(PY) bench/bench.py

## clean: fjern .venv, byggene og mellomlagrene
clean:
	rm -rf $(VENV) .venv-3.13 site site-intern site-personalkalender .cache .skoleplan-staging-* .pytest_cache .hypothesis $(JS)/node_modules $(BROWSER_JS)/node_modules
