"""Fixtures of the search tests: the example school built with our search and with Material's, served, and a browser.

The browser suite's session fixtures (tests/browser/conftest.py) build the
public and staff editions, not a stock-search build, and are not visible from
here; these reuse its server and browser set-up (through recall.py, which also
runs on its own) and build what the search tests compare.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import recall

JS_DIR = Path(__file__).parent / "js"


def require_node() -> str:
    """Node.js, or a failed test that says how to get it."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "«node» finnes ikke på maskinen. Søketestene kjører søkearbeideren i Node.js (v18 eller nyere); "
            "installer Node.js og kjør testene igjen.",
            pytrace=False,
        )
    return node


def material_templates() -> Path:
    """The templates folder of the installed Material for MkDocs (its search worker and lunr.no live there)."""
    import material

    return Path(material.__file__).parent / "templates"


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example school's public site: "ours" with the project's search, "stock" with Material's own."""
    root = tmp_path_factory.mktemp("search")
    return {
        "ours": recall.build(root / "ours" / "site", norwegian=True),
        "stock": recall.build(root / "stock" / "site", norwegian=False),
    }


@pytest.fixture(scope="session")
def served(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Both sites over HTTP on 127.0.0.1: name → base URL."""
    with recall.serve(sites["ours"]) as ours, recall.serve(sites["stock"]) as stock:
        yield {"ours": ours, "stock": stock}


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Chromium (/usr/bin/chromium) under Playwright; a failed test, never a skip, if either is missing.

    Closed when the search tests end, not with the session: while Playwright's
    sync API is open its event loop counts as running in this thread, and any
    later test that starts Playwright (tests/security) would fail to start.
    """
    with recall.chromium() as chromium:
        yield chromium
