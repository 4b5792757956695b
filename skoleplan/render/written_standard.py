"""Does a page read as the written standard it is built in? Bokmål and Nynorsk told apart by marker words.

A school writes every text twice, and a Bokmål text pasted into the Nynorsk
field (or a machine draft that kept Bokmål words) would otherwise be published
as Nynorsk without anyone noticing. Frequent words that exist in only one of
the two standards («ikke»/«ikkje», «hva»/«kva», «elever»/«elevar» …) are
counted in the page's text, and in each of its paragraphs, list items and
table cells. A passage written in the other standard on purpose carries its
own `lang` (`<span lang="nb">…</span>`, or `{ lang=nb }` after a paragraph)
and is left out, as are code, addresses and e-mail addresses.

Words valid in both standards are not markers: «også» and «dersom» are
Nynorsk too, «viss» is a Bokmål adjective, and «elev» and «vart» are both.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as python_markdown

from ..model.base import LANGS, Lang

# Words of one standard that the other does not have, in the forms a school plan uses.
MARKERS: dict[Lang, frozenset[str]] = {
    "nb": frozenset(
        """
        ikke hva hvordan hvis hvem hvor hvilke hvilken hvilket hvorfor hver hvert hverandre hele
        jeg noe noen mye mer være fra hun ble bare selv sammen uten disse dem deres
        gjøre gjør kommer sier vet trenger følge hennes
        skole skolen skoler elever elevene ansatte foresatte lærere
        saken tiltakene rettigheter undersøkelse krenkelse krenkelser vanskelig tydelig
        en et ett
        """.split()
    ),
    "nn": frozenset(
        """
        ikkje kva korleis kven kvar kvart kvifor kvarandre heile
        eg noko nokon mykje meir vere frå ho berre sjølv saman utan desse dei deira dykk dykkar
        gjere gjer kjem seier veit treng følgje hennar òg
        skule skulen skular elevar elevane tilsette føresette lærarar
        saka tiltaka rettar undersøking krenking krenkingar vanskeleg tydeleg
        ein eit eitt
        """.split()
    ),
}

NAMES: dict[Lang, str] = {"nb": "bokmål", "nn": "nynorsk"}

_WORD = re.compile(r"[a-zæøåàáâäèéêòóôöü]+")
_NOT_WORDS = re.compile(r"(?:https?|webcal|mailto|tel):\S+|\S+@\S+")
_BLOCKS = frozenset("p li td th dt dd h1 h2 h3 h4 h5 h6 caption figcaption summary blockquote".split())
_SKIPPED = frozenset("code pre kbd samp script style".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

PAGE_MIN = 3  # marker words of the other standard before a whole page counts as written in it
PASSAGE_MIN = 2  # … before one paragraph, list item or table cell does


def _other(lang: Lang) -> Lang:
    return "nn" if lang == "nb" else "nb"


def markers(text: str) -> dict[Lang, Counter[str]]:
    """The marker words of each standard in `text`, with how often each occurs."""
    words = _WORD.findall(_NOT_WORDS.sub(" ", text.lower()))
    return {lang: Counter(w for w in words if w in MARKERS[lang]) for lang in LANGS}


def reads_as(found: dict[Lang, Counter[str]], minimum: int) -> Lang | None:
    """The standard a text reads as: at least `minimum` markers of it, and more than of the other."""
    counts = {lang: sum(found[lang].values()) for lang in LANGS}
    for lang in LANGS:
        if counts[lang] >= minimum and counts[lang] > counts[_other(lang)]:
            return lang
    return None


class _Text(HTMLParser):
    """The text of an HTML page, block by block, without code and without passages in another language."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool, int | None]] = []  # tag, excluded, block index
        self.blocks: list[list[str]] = [[]]  # block 0: text outside any block

    def _excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _block(self) -> int:
        return next((b for _, _, b in reversed(self.stack) if b is not None), 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        lang = (dict(attrs).get("lang") or "").lower().split("-")[0]
        excluded = self._excluded() or tag in _SKIPPED or (lang not in ("", "no", self.lang))
        block = None
        if tag in _BLOCKS:
            self.blocks.append([])
            block = len(self.blocks) - 1
        self.stack.append((tag, excluded, block))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._excluded():
            self.blocks[self._block()].append(data)


@dataclass(frozen=True)
class Verdict:
    """Whether a page reads as the standard it is built in, and the evidence when it does not."""

    expected: Lang
    found: dict[Lang, Counter[str]]
    passages: tuple[tuple[str, Counter[str]], ...] = field(default=())  # start of text, markers of the other

    @property
    def reads_as(self) -> Lang | None:
        return reads_as(self.found, PAGE_MIN)

    @property
    def ok(self) -> bool:
        return self.reads_as != _other(self.expected) and not self.passages

    def describe(self) -> str:
        """The problem in Norwegian, naming the marker words found; empty when there is none."""
        other = _other(self.expected)
        built, reads = NAMES[self.expected], NAMES[other]
        hint = f'merk tekst som skal stå på {reads} med lang="{other}"'
        if self.reads_as == other:
            return f"siden er bygd som {built}, men teksten ser ut som {reads} ({_words(self.found[other])}); {hint}"
        if self.passages:
            quoted = "; ".join(f"«{start}» ({_words(words)})" for start, words in self.passages[:3])
            more = f" og {len(self.passages) - 3} til" if len(self.passages) > 3 else ""
            return f"tekst på {reads} på en side bygd som {built}: {quoted}{more}; {hint}"
        return ""


def _words(found: Counter[str]) -> str:
    return ", ".join(f"{word} ×{n}" if n > 1 else word for word, n in found.most_common(8))


def _start(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def check_html(html: str, expected: Lang) -> Verdict:
    """Judge the text of an HTML page (or fragment) built as `expected`."""
    parser = _Text(expected)
    parser.feed(html)
    parser.close()
    other = _other(expected)
    texts = [" ".join(parts) for parts in parser.blocks]
    passages = []
    for text in texts:
        found = markers(text)
        if reads_as(found, PASSAGE_MIN) == other:
            passages.append((_start(_NOT_WORDS.sub(" ", text)), found[other]))
    return Verdict(expected, markers(" ".join(texts)), tuple(passages))


@functools.cache
def _converter() -> python_markdown.Markdown:
    return python_markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "admonition"])


def check_markdown(markdown_text: str, expected: Lang) -> Verdict:
    """Judge a page's Markdown (as MkDocs is about to render it) built as `expected`."""
    return check_html(_converter().reset().convert(markdown_text), expected)
