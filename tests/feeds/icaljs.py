"""The second parser: ical.js under Node, installed from tests/feeds/js/package-lock.json on first use."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

JS_DIR = Path(__file__).parent / "js"
INSTALLED = JS_DIR / "node_modules" / "ical.js" / "package.json"


def _require(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(
            f"«{program}» finnes ikke på maskinen. Feed-testene trenger Node.js (v18 eller nyere) med npm "
            "for den andre iCalendar-parseren (ical.js). Installer Node.js og kjør testene igjen.",
            pytrace=False,
        )
    return found


def ensure_installed() -> None:
    """`npm ci` into tests/feeds/js/node_modules unless it is there already."""
    _require("node")
    if INSTALLED.exists():
        return
    npm = _require("npm")
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=JS_DIR, capture_output=True, text=True
    )
    if done.returncode != 0 or not INSTALLED.exists():
        pytest.fail(f"«npm ci» i {JS_DIR} feilet:\n{done.stderr or done.stdout}", pytrace=False)


def parse(paths: list[Path]) -> dict[str, Any]:
    """What ical.js understood of each file (see js/parse.mjs); fails the test if one does not parse."""
    ensure_installed()
    done = subprocess.run(
        [_require("node"), str(JS_DIR / "parse.mjs"), *map(str, paths)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.fail(f"ical.js kunne ikke lese kalenderen:\n{done.stderr}", pytrace=False)
    return json.loads(done.stdout)
