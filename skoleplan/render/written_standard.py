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

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape

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


# An HTML fragment as MkDocs makes it, token by token: comments, declarations and raw text (never read),
# start and end tags (with their attributes), and text. Six times faster than html.parser,
# which matters because every page is judged on every build (README, «Performance»);
# tests/render/test_written_standard.py holds it to html.parser's reading of every built page.
_TOKENS = re.compile(
    r"<!--.*?-->|<![^>]*>"
    r"|<(script|style)\b[^>]*>.*?</\1\s*>"
    r"|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|([^<]+|<)",
    re.S | re.I,
)
_LANG = re.compile(r"""(?:^|\s)lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def text_blocks(html: str, lang: Lang) -> list[list[str]]:
    """The text of an HTML page (or fragment), block by block, without code and passages in another language.

    Block 0 is the text outside any block (paragraph, list item, table cell, heading …).
    """
    stack: list[tuple[str, bool, int | None]] = []  # tag, excluded, block index
    blocks: list[list[str]] = [[]]
    for token in _TOKENS.finditer(html):
        closing, tag, attributes, text = token.group(2, 3, 4, 5)
        if text is not None:
            if not (stack and stack[-1][1]):
                block = next((b for _, _, b in reversed(stack) if b is not None), 0)
                blocks[block].append(unescape(text))
        elif tag is not None:
            tag = tag.lower()
            if closing:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == tag:
                        del stack[i:]
                        break
            elif tag not in _VOID and not attributes.rstrip().endswith("/"):
                found = _LANG.search(attributes)
                code = unescape(next((g for g in found.groups() if g is not None), "")) if found else ""
                code = code.lower().split("-")[0]
                excluded = (bool(stack) and stack[-1][1]) or tag in _SKIPPED or code not in ("", "no", lang)
                block = None
                if tag in _BLOCKS:
                    blocks.append([])
                    block = len(blocks) - 1
                stack.append((tag, excluded, block))
    return blocks


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
    other = _other(expected)
    page: dict[Lang, Counter[str]] = {lang: Counter() for lang in LANGS}  # the sum of the blocks' markers
    passages = []
    for parts in text_blocks(html, expected):
        text = " ".join(parts)
        if text.isspace() or not text:
            continue
        found = markers(text)
        for lang in LANGS:
            page[lang].update(found[lang])
        if reads_as(found, PASSAGE_MIN) == other:
            passages.append((_start(_NOT_WORDS.sub(" ", text)), found[other]))
    return Verdict(expected, page, tuple(passages))


def other_forms(html: str, chosen: list[str]) -> Counter[str]:
    """On a Nynorsk page: the forms the school did not choose («også» where it writes «òg»), counted."""
    from ..model.plan import NYNORSK_PAIRS

    avoided = {b if a in chosen else a for a, b in NYNORSK_PAIRS if a in chosen or b in chosen}
    found: Counter[str] = Counter()
    for block in text_blocks(html, "nn"):
        for text in block:
            found.update(w for w in _WORD.findall(_NOT_WORDS.sub(" ", text.lower())) if w in avoided)
    return found
