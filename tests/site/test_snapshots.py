"""Golden snapshots of representative pages in both written standards.

The snapshot is the page's <article> (what the page says), with the volatile
parts masked: the dates the årshjul shows depend on the school year the build
falls in, and QR codes on the site's address. After an intended change, run
`UPDATE_SNAPSHOTS=1 make test` and review the diff of tests/site/snapshots/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import page

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PAGES = ["", "aktivitetsplikt/undersoke/", "saksgang/", "begreper/", "foresatte/"]

MASKS = [
    (re.compile(r"<svg role=\"img\".*?</svg>", re.S), "<svg …QR…/>"),
    (re.compile(r"\b\d{1,2}\.(?:–\d{1,2}\.)? (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) 20\d\d\b"), "«dato»"),
]


def article(html: str) -> str:
    start = html.index("<article")
    end = html.index("</article>", start) + len("</article>")
    text = html[start:end]
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text.strip() + "\n"


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("path", PAGES)
def test_page_matches_its_snapshot(site, lang, path):
    name = f"{lang}-{path.strip('/').replace('/', '-') or 'forside'}.html"
    snapshot = SNAPSHOTS / name
    actual = article(page(site, lang, path))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(actual, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {name}: run UPDATE_SNAPSHOTS=1 make test"
    assert actual == snapshot.read_text(encoding="utf-8"), f"{name} changed; if intended: UPDATE_SNAPSHOTS=1 make test"
