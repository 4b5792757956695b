"""Recall of the site's search in a real browser: the table in queries.json, ours against Material's own.

Used by test_browser.py, and on its own to print the numbers the README gives:

    .venv/bin/python -m tests.search.recall

builds the example school twice (with the project's search, and with
SKOLEPLAN_NORWEGIAN_SEARCH=false: Material's stock search), serves each on
127.0.0.1, types every query of queries.json into Material's search box in
Chromium (/usr/bin/chromium, driven by Playwright) and counts the queries whose
page is among the first five results. The server, the browser and its launch
options are the browser suite's (tests/browser/server.py and tools.py).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..browser import tools
from ..browser.server import StaticServer

PROJECT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("queries.json")
TOP = 5


def queries() -> dict[str, list[dict[str, str]]]:
    """The query table: per language, each query with the page it must find and its kind."""
    table = json.loads(QUERIES.read_text(encoding="utf-8"))
    return {lang: table[lang] for lang in ("nb", "nn")}


def build(out: Path, norwegian: bool = True) -> Path:
    """The example school's public site in `out`, with the project's search or with Material's own."""
    from skoleplan.build import build_site

    previous = os.environ.get("SKOLEPLAN_NORWEGIAN_SEARCH")
    os.environ["SKOLEPLAN_NORWEGIAN_SEARCH"] = "true" if norwegian else "false"
    try:
        build_site(PROJECT, out, PROJECT / "data")
    finally:
        if previous is None:
            del os.environ["SKOLEPLAN_NORWEGIAN_SEARCH"]
        else:
            os.environ["SKOLEPLAN_NORWEGIAN_SEARCH"] = previous
    return out


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """`site_dir` over HTTP on 127.0.0.1 (a free port), for as long as the block runs; yields the origin."""
    with StaticServer(site_dir) as server:
        yield server.origin


class SearchBox:
    """Material's search dialog on one page of one language site, used as a reader uses it."""

    INPUT = "input.md-search__input"
    META = ".md-search-result__meta"

    def __init__(self, page: Any, base: str, lang: str):
        self.page = page
        self.root = f"{base}/{lang}/"
        page.goto(self.root)
        config = json.loads(page.text_content("#__config") or "{}")
        self.placeholder = config["translations"]["search.result.placeholder"]
        page.focus(self.INPUT)

    def _settle(self, value: str) -> None:
        """Put `value` in the box as typing would end (a keyup), and wait for the worker's answer to show."""
        self.page.fill(self.INPUT, value)
        self.page.dispatch_event(self.INPUT, "keyup")
        if value:
            self.page.wait_for_function(
                "([meta, placeholder]) => document.querySelector(meta).textContent.trim() !== placeholder",
                arg=[self.META, self.placeholder],
            )
        else:
            self.page.wait_for_function(
                "([meta, placeholder]) => document.querySelector(meta).textContent.trim() === placeholder",
                arg=[self.META, self.placeholder],
            )

    def pages(self, query: str) -> list[str]:
        """The pages the search lists for `query`, best first, as paths below the language ("" is the front page)."""
        self._settle("")
        self._settle(query)
        hrefs = self.page.eval_on_selector_all(
            "li.md-search-result__item", "items => items.map(item => item.querySelector('a').href)"
        )
        return [self.path(href) for href in hrefs]

    def path(self, href: str) -> str:
        url = urlsplit(href)
        return url.path.removeprefix(urlsplit(self.root).path)


@dataclass
class Recall:
    """How many queries of one language found their page among the first `TOP` results."""

    lang: str
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.lang}: {self.hits}/{self.total} ({self.share:.0%})"


def measure(browser: Any, base: str, lang: str, table: list[dict[str, str]]) -> Recall:
    """Recall of the site served at `base` for one language's queries, in a fresh page."""
    page = browser.new_page()
    try:
        box = SearchBox(page, base, lang)
        recall = Recall(lang)
        for row in table:
            found = box.pages(row["q"])[:TOP]
            recall.total += 1
            if row["page"] in found:
                recall.hits += 1
            else:
                recall.misses.append(f"{row['kind']}: «{row['q']}» skulle finne {row['page'] or '(forsiden)'}, fant {found}")
        return recall
    finally:
        page.close()


def chromium() -> contextlib.AbstractContextManager[Any]:
    """Debian's Chromium under Playwright, launched as the browser suite does; fails, never skips, if one is missing."""
    return tools.launched_chromium()


def main() -> None:
    """Build both variants, measure both languages, print recall and index sizes."""
    import tempfile

    from skoleplan.search import index_sizes

    table = queries()
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for name, norwegian in (("skoleplan", True), ("Material", False)):
            site = build(Path(tmp) / name / "site", norwegian)
            sizes = index_sizes(site)
            with serve(site) as base:
                for lang in ("nb", "nn"):
                    recall = measure(browser, base, lang, table[lang])
                    size = sizes[lang]
                    print(f"{name:9} {recall}  index {size.raw:,} B ({size.gzip:,} B gzip)")
                    for miss in recall.misses:
                        print(f"    {miss}")


if __name__ == "__main__":
    main()
