"""A site built once per test session from the example school in data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.build import build_site
from skoleplan.site import page_paths, url_of
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]

# Every page of the example school's handbook, as its URL path below /<lang>/ (from the page registry).
PAGES = [url_of(path) for path in page_paths(load_plan(PROJECT / "data"))]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The public site (its staff site is built beside it, as `make build` does)."""
    out = tmp_path_factory.mktemp("build") / "site"
    build_site(PROJECT, out, PROJECT / "data", staff_dir=out.with_name("site-intern"))
    return out


@pytest.fixture(scope="session")
def staff_site(site: Path) -> Path:
    return site.with_name("site-intern")


def page(site: Path, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")
