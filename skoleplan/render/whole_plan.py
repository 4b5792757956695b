"""The whole plan as one document: every page of a built language site, one chapter each, in reading order.

Boards (driftsstyre, SU, FAU) are asked to approve the plan as one document,
and some readers want it on paper. The chapters are taken from the pages
MkDocs has built (their `<article>`), so the document says exactly what the
pages say. Ids get the chapter's name in front (`foresatte--si-fra`), so the
ids of different pages never clash; a link to a page or a part of a page in
the document becomes a link inside it; a link to anything else (a calendar
feed, the accessibility statement) becomes the published address. What only
works on screen (the årshjul's filters and month bar, permalinks) is left out.

Used for the printable page (`hele-planen/`, a page of the registry in
`skoleplan/site.py`, filled in after MkDocs has built the site: the plugin's
`on_post_build`) and for the PDF (render/pdf.py).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..site import url_of

WHOLE_PLAN_PAGE = "hele-planen.md"
# Where the printable page's chapters go: the page template writes this element, empty (the sanitizer writes
# the attribute without a value as `=""`).
PLACEHOLDER = re.compile(r'<div class="sp-whole-plan" id="sp-hele-planen" data-search-exclude(?:="")?></div>')
# Pages that are not part of the plan itself: the printable page, and the site's accessibility statement.
LEFT_OUT = frozenset([WHOLE_PLAN_PAGE, "tilgjengelighet.md"])

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_SCREEN_ONLY = (
    re.compile(r'<div class="sp-filter"[^>]*>.*?</div>', re.S),
    re.compile(r'<nav class="sp-months"[^>]*>.*?</nav>', re.S),
    re.compile(r'<p class="sp-now"[^>]*>.*?</p>', re.S),
    re.compile(r'<p><a class="[^"]*\bsp-now-button\b[^"]*"[^>]*>.*?</a></p>', re.S),
    re.compile(r'<li class="sp-cards__none"[^>]*>.*?</li>', re.S),
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<a[^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S),
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ID_ATTR = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls))="([^"]*)"')
_HREF = re.compile(r'(\s(?:href|xlink:href))="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")


@dataclass(frozen=True)
class Chapter:
    source: str  # the page's source path, «foresatte.md»
    anchor: str  # the chapter's id in the document, «foresatte»
    title: str  # the page's title, as HTML (its first heading's text)
    html: str  # the page's article, made fit for the document


def chapter_anchor(source: str) -> str:
    """«aktivitetsplikt/undersoke.md» → «aktivitetsplikt-undersoke»; the front page is «forside»."""
    return url_of(source).strip("/").replace("/", "-") or "forside"


class _Rewriter:
    """Rewrites one page's article: ids prefixed, links between the document's pages made internal."""

    def __init__(self, source: str, chapters: dict[str, str], site_url: str) -> None:
        self.source = source
        self.prefix = chapter_anchor(source) + "--"
        self.page_url = url_of(source)
        self.chapters = chapters  # page address below the language («foresatte/») → chapter anchor
        self.site_url = site_url.rstrip("/") + "/"

    def href(self, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or value.startswith("//"):
            return value
        if not parts.path:  # «#anchor» on the same page
            return f"#{self.prefix}{parts.fragment}" if parts.fragment else value
        joined = posixpath.normpath(posixpath.join(self.page_url or ".", parts.path))
        joined = "" if joined == "." else joined
        folder = parts.path.endswith("/") or parts.path in (".", "..")
        address = (joined + "/" if joined else "") if folder else None
        if address is not None and address in self.chapters:
            chapter = self.chapters[address]
            return f"#{chapter}--{parts.fragment}" if parts.fragment else f"#{chapter}"
        published = self.site_url + joined + ("/" if folder and joined else "")
        return published + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

    def tag(self, match: re.Match[str]) -> str:
        tag = match.group(0)
        tag = _ID_ATTR.sub(lambda m: f'{m[1]}="{" ".join(self.prefix + v for v in m[2].split())}"', tag)
        tag = _HREF.sub(lambda m: f'{m[1]}="{self.href(m[2])}"', tag)
        return _URL_REF.sub(lambda m: f"url(#{self.prefix}{m[1]})", tag)

    def article(self, html: str) -> str:
        for pattern in _SCREEN_ONLY:
            html = pattern.sub("", html)
        return _TAG.sub(self.tag, html)


def chapters(site_dir: Path, sources: list[str], site_url: str) -> list[Chapter]:
    """The chapters of the document from the built pages of one language site (`site_dir` is site/nb/)."""
    included = [s for s in sources if s not in LEFT_OUT]
    addresses = {url_of(s): chapter_anchor(s) for s in included}
    found = []
    for source in included:
        page = (site_dir / url_of(source) / "index.html").read_text(encoding="utf-8")
        match = _ARTICLE.search(page)
        if match is None:  # pragma: no cover - every page MkDocs builds with our theme has one
            raise ValueError(f"fant ikke innholdet (<article>) i {source}")
        article = _Rewriter(source, addresses, site_url).article(match.group(1).strip())
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
        title = re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else source
        found.append(Chapter(source, chapter_anchor(source), title, article))
    return found


def demoted(html: str) -> str:
    """Headings one level down (h1 → h2 …, h6 stays): on the printable page the chapters stand under its own h1."""
    return re.sub(r"<(/?)h([1-5])(?=[\s>])", lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)


def fill_printable_page(site_dir: Path, body: str) -> None:
    """Put the document into the printable page MkDocs has built (`hele-planen/index.html`)."""
    path = site_dir / url_of(WHOLE_PLAN_PAGE) / "index.html"
    if not path.exists():
        return
    page = path.read_text(encoding="utf-8")
    found = PLACEHOLDER.search(page)
    if found is None:
        raise ValueError(f"fant ikke plassen til hele planen i {path}")
    element = found[0]
    path.write_text(page[: found.start()] + element[:-6] + body + "</div>" + page[found.end():], encoding="utf-8")
