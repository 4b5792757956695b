"""Words explained where they stand: the first use of a glossary term on a page links to its definition.

A parent meets «Statsforvalteren», «FAU» or «aktivitetsplan» on the page
written for them, not on the glossary page. So on every page the first use of
each term defined in `data/begreper.yaml` becomes a plain link to its entry
(`begreper/#id`), and a few words that name another page («kontaktlisten»,
«håndheving», from the locale file's `page_words`) link to that page. A plain
link works for every reader: by keyboard, by screen reader, on a phone, in
both written standards and on paper; a tooltip would not.

It works on the HTML the site generator has made of a page (`link`, called
from the `skoleplan` plugin's `on_page_content`, after the sanitizer: these
links are ours, not the data's), so Markdown, tables and the page templates
stay as they are. Nothing is linked inside a link, a heading, code, an SVG, a form
control, a `<summary>` or text only screen readers hear; a term is not linked
on the page that defines it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Plan
from ..model.base import Lang
from ..resolve.text import words
from ..site import page_paths, url_of

if TYPE_CHECKING:
    from ..context import BuildContext

GLOSSARY_PAGE = "begreper.md"
# Elements whose text is never linked: it is a link or a control already, a heading, code, or not shown as text.
_SKIP_TAGS = frozenset(
    "a h1 h2 h3 h4 h5 h6 code pre kbd samp script style svg button label select option textarea summary "
    "title abbr th".split()
)
_SKIP_CLASSES = frozenset(["sp-visually-hidden", "sp-machine-draft", "sp-internal", "headerlink"])
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w:-]*)([^>]*?)(/)?\s*>", re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_SUFFIX = r"\w{0,4}"  # inflected forms: mobbingen, aktivitetsplanen, krenkelser, vedtaket


@dataclass(frozen=True)
class Term:
    """A word or phrase to link, the page it links to (source path and anchor), and how it is matched."""

    key: str
    page: str
    anchor: str
    pattern: re.Pattern[str]


def _forms(term: str) -> list[tuple[str, bool]]:
    """The forms a term is written in on the pages: «Samarbeidsutvalget (SU)» → the name and «SU»; (form, exact)."""
    forms: list[tuple[str, bool]] = []
    inside = re.search(r"\(([^)]+)\)\s*$", term)
    name = term[: inside.start()].strip() if inside else term.strip()
    if name:
        forms.append((name, name.isupper()))
    if inside:
        forms.append((inside[1].strip(), inside[1].strip().isupper()))
    return forms


def _pattern(forms: list[tuple[str, bool]]) -> re.Pattern[str]:
    alternatives = []
    for form, exact in forms:
        phrase = r"\s+".join(re.escape(part) for part in form.split())
        # An abbreviation as written (SU, not «su»); any other word in any case, with an inflected ending.
        alternatives.append(f"(?-i:{phrase})" if exact else phrase + _SUFFIX)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def terms(plan: Plan, lang: Lang, pages: frozenset[str]) -> tuple[Term, ...]:
    """Every term to link on this site: the glossary's concepts, and the words that name a page of the site."""
    found: list[Term] = []
    if GLOSSARY_PAGE in pages:
        for concept in plan.concepts.concepts:
            found.append(Term(concept.id, GLOSSARY_PAGE, concept.id, _pattern(_forms(concept.term[lang]))))
    for page, phrases in (words(lang)["labels"].get("page_words") or {}).items():
        source = f"{page}.md"
        if source in pages:
            found.append(Term(f"page:{page}", source, "", _pattern([(p, p.isupper()) for p in phrases])))
    # Longer phrases first: «digital krenkelse» before «krenkelse».
    return tuple(sorted(found, key=lambda t: -len(t.pattern.pattern)))


def relative_href(page: str, target: str, anchor: str) -> str:
    """The link from page `page` to `target` (source paths), as MkDocs would write it."""
    here, there = url_of(page).rstrip("/") or ".", url_of(target).rstrip("/") or "."
    path = posixpath.relpath(there, here)
    href = "./" if path == "." else path + "/"
    return href + (f"#{anchor}" if anchor else "")


class TermLinker:
    """Links the first use of each term on a page (see the module docstring)."""

    def __init__(self, site_terms: tuple[Term, ...]) -> None:
        self.terms = site_terms

    def link(self, html: str, page: str) -> str:
        active = [t for t in self.terms if t.page != page]
        if not active:
            return html
        out: list[str] = []
        stack: list[tuple[str, bool]] = []  # open elements, and whether their text is skipped
        skipped = 0
        for i, part in enumerate(_TOKEN.split(html)):
            if i % 2:  # a tag or comment
                out.append(part)
                tag = _TAG.fullmatch(part)
                if tag is None:
                    continue
                closing, name, attrs, selfclosing = tag[1], tag[2].lower(), tag[3], tag[4]
                if closing:
                    while stack:
                        opened, skip = stack.pop()
                        skipped -= skip
                        if opened == name:
                            break
                elif not selfclosing and name not in _VOID:
                    classes = _CLASS.search(attrs)
                    names = set((classes.group(1) or classes.group(2) or classes.group(3) or "").split()) if classes else set()
                    skip = name in _SKIP_TAGS or bool(names & _SKIP_CLASSES)
                    stack.append((name, skip))
                    skipped += skip
                continue
            if skipped or not part.strip() or not active:
                out.append(part)
                continue
            out.append(self._link_text(part, page, active))
        return "".join(out)

    def _link_text(self, text: str, page: str, active: list[Term]) -> str:
        """Links in one run of text; a term linked here is taken out of `active` (first use only)."""
        spans: list[tuple[int, int, Term]] = []
        for term in list(active):
            for match in term.pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e, _ in spans):
                    continue
                spans.append((start, end, term))
                active.remove(term)
                break
        if not spans:
            return text
        pieces, last = [], 0
        for start, end, term in sorted(spans, key=lambda s: s[0]):
            href = relative_href(page, term.page, term.anchor)
            pieces.append(text[last:start])
            pieces.append(f'<a class="sp-term" href="{href}">{text[start:end]}</a>')
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


def linker_for(context: BuildContext) -> TermLinker:
    """The linker of one site (an edition in a written standard): the terms of the pages this edition has."""
    plan = context.edition_plan
    return TermLinker(terms(plan, context.lang, frozenset(page_paths(plan))))
