"""What the browser tests run on: Debian's Chromium, Playwright, axe-core and the Nu Html Checker.

`make test` installs them (see the Makefile); run on their own, the tests
install the npm packages from js/package-lock.json on first use and fail,
never skip, with a message that says what is missing and how to get it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
JS_DIR = HERE / "js"
AXE = JS_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_CHECKS = HERE / "page_checks.js"
CHROMIUM = Path(os.environ.get("SKOLEPLAN_CHROMIUM", "/usr/bin/chromium"))

# Debian's Chromium, headless, with nothing of its own on the network and a fresh profile
# (Playwright gives every launch a new temporary user data dir). Hosts other than the test
# server resolve to nothing, so a request to another host is recorded but never leaves the machine.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


def _program(name: str, why: str) -> str:
    found = shutil.which(name)
    if found is None:
        _fail(f"«{name}» finnes ikke på maskinen. {why}")
    return found  # type: ignore[return-value]


def chromium() -> Path:
    """Debian's Chromium (never a browser Playwright downloads)."""
    if not os.access(CHROMIUM, os.X_OK):
        _fail(
            f"Fant ikke Chromium i {CHROMIUM}. Nettlesertestene bruker Debians chromium-pakke: "
            "kjør «make test» (installerer den), eller «apt-get install chromium»."
        )
    return CHROMIUM


def playwright_installed() -> None:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        _fail(
            "Python-pakken playwright mangler. Kjør «make test», eller "
            "«PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/pip install -c constraints.txt -e '.[test]'»."
        )


def npm_packages() -> None:
    """axe-core and vnu-jar from js/package-lock.json, installed with `npm ci` unless they are there."""
    if AXE.exists() and VNU.exists():
        return
    why = "Nettlesertestene trenger Node.js (v18 eller nyere) med npm for axe-core og vnu-jar."
    _program("node", why)
    npm = _program("npm", why)
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's java is used instead.
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"),
    )
    if done.returncode != 0 or not (AXE.exists() and VNU.exists()):
        _fail(f"«npm ci» i {JS_DIR} feilet:\n{done.stderr or done.stdout}")


def java() -> str:
    return _program(
        "java",
        "Nu Html Checker (vnu.jar) trenger Java 11 eller nyere: kjør «make test», eller «apt-get install default-jre-headless».",
    )


def require_all() -> None:
    """Everything the browser tests need; fails the first test that finds something missing."""
    playwright_installed()
    chromium()
    npm_packages()


@contextlib.contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright's sync API, launched as the browser suite does.

    Close it before another test starts Playwright: while the sync API is open its
    event loop counts as running in this thread (so fixtures hold it per module or package).
    """
    playwright_installed()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
