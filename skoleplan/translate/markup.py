"""Split a text into runs to translate and markup to keep, so Apertium never sees Markdown.

A machine translator that sees `[veiledningen](https://udir.no/a_b)` or
`` `kode_x` `` may translate the link target or the code. Here every piece of
Markdown (line prefixes of lists, quotes and headings, emphasis marks, link
targets, code, URLs, attribute lists, table pipes, whole code blocks) becomes a
kept segment; only the words between them are translated. Whitespace next to
markup is kept with the markup, so the layout comes back exactly as written.

A passage that says its own language is kept as written too: a quoted law text
in Bokmål stays Bokmål on the Nynorsk page, which is what its `lang` says (and
what the written-standard check of the build lets through). That is a paragraph
or list item ending in an attribute list with `lang` (`{: lang=nb }`), an
emphasis followed by one (`*Hva gjør vi?*{: lang=nb }`), or an HTML element
with a `lang` attribute (`<span lang="nb">…</span>`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that is markup as a whole: blank, a thematic break, a table's separator row,
# a link reference definition or a setext underline.
_WHOLE_LINE = re.compile(
    r"""^(?:
        [ \t]*
      | [ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*
      | [ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?
      | [ \t]{0,3}\[[^\]]+\]:[ \t]+\S.*
      | [ \t]*(?:=+|-+)[ \t]*
    )$""",
    re.VERBOSE,
)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LANG_ATTRIBUTES = r"\{:?[^{}\n]*?\blang[ \t]*=[^{}\n]*\}"
# The last line of a paragraph or list item whose attribute list gives it a language of its own.
_OWN_LANGUAGE_END = re.compile(_LANG_ATTRIBUTES + r"[ \t]*$")
_LIST_ITEM_START = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
# Indentation, quote marks, a list marker (with a task box) or a heading's hashes at the start of a line.
_LINE_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+)?"
)
# Inline markup, tried in this order at each position.
_INLINE = re.compile(
    r"""
      (?:\*{1,2}|_{1,2})(?=\S)[^\n]*?(?<=\S)(?:\*{1,2}|_{1,2})"""
    + _LANG_ATTRIBUTES
    + r"""                                                 # emphasis in a language of its own
    | <(?P<element>[a-zA-Z][\w-]*)\b[^<>]*\blang[ \t]*=[^<>]*>.*?</(?P=element)[ \t]*>  # element in its own language
    | (?P<ticks>`+)[^`].*?(?P=ticks)(?!`)                  # code span
    | !\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)  # image, alt text included
    | \]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)       # a link's target: ](url "title")
    | \]\[[^\]]*\]                                         # a reference link's label: ][ref]
    | \[\^[^\]]+\]                                         # footnote reference
    | [\[\]]                                               # a link text's brackets
    | <[^<>\s][^<>]*>                                      # autolink or tag
    | (?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"»)]  # bare URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                         # e-mail address
    | &(?:\#\d+|\#[xX][0-9a-fA-F]+|\w+);                   # character reference
    | \\.                                                  # backslash escape
    | \{\{.*?\}\} | \{%.*?%\} | \{[^{}]*\}                 # template braces, attribute list
    | \*+ | ~~ | ==                                        # emphasis, strikethrough, highlight
    | (?<!\w)_+ | _+(?!\w)                                 # underscores, but not inside a word
    | \|                                                   # table cell border
    """,
    re.VERBOSE,
)
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    text: str
    translate: bool  # False: markup, kept as written


def _inline(line: str) -> list[Segment]:
    segments: list[Segment] = []
    pos = 0
    for match in _INLINE.finditer(line):
        if match.start() > pos:
            segments.append(Segment(line[pos : match.start()], True))
        segments.append(Segment(match.group(0), False))
        pos = match.end()
    if pos < len(line):
        segments.append(Segment(line[pos:], True))
    return segments


def _own_language_lines(lines: list[str]) -> set[int]:
    """The lines of paragraphs and list items (outside code blocks) that end in an attribute list with `lang`."""
    kept: set[int] = set()
    fence: str | None = None
    start = None  # first line of the paragraph or list item being read
    for number, raw in enumerate(lines):
        body = raw.rstrip("\r\n")
        opened = _FENCE.match(body)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence, start = opened.group(1), None
            continue
        if not body.strip():
            start = None
            continue
        if start is None or _LIST_ITEM_START.match(body):
            start = number
        if _OWN_LANGUAGE_END.search(body):
            kept.update(range(start, number + 1))
    return kept


def _lines(text: str) -> list[Segment]:
    segments: list[Segment] = []
    fence: str | None = None
    lines = text.splitlines(keepends=True)
    own_language = _own_language_lines(lines)
    for number, raw in enumerate(lines):
        body = raw.rstrip("\r\n")
        ending = raw[len(body):]
        if number in own_language:
            segments.append(Segment(raw, False))
            continue
        opened = _FENCE.match(body)
        if fence is not None:
            segments.append(Segment(raw, False))
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            segments.append(Segment(raw, False))
            continue
        if _WHOLE_LINE.match(body):
            segments.append(Segment(raw, False))
            continue
        prefix = _LINE_PREFIX.match(body).group(0)
        segments.append(Segment(prefix, False))
        segments += _inline(body[len(prefix):])
        segments.append(Segment(ending, False))
    return segments


def split(text: str) -> list[Segment]:
    """The text as alternating kept and translatable segments; joined, they give the text back exactly.

    Translatable segments neither start nor end with whitespace and hold at least
    one letter; everything else is merged into the kept segments around it.
    """
    merged: list[Segment] = []

    def keep(part: str) -> None:
        if not part:
            return
        if merged and not merged[-1].translate:
            merged[-1] = Segment(merged[-1].text + part, False)
        else:
            merged.append(Segment(part, False))

    for segment in _lines(text):
        if not segment.translate:
            keep(segment.text)
            continue
        before, words, after = _EDGE_SPACE.match(segment.text).groups()
        keep(before)
        if any(ch.isalpha() for ch in words):
            if merged and merged[-1].translate:  # two runs side by side: one run
                merged[-1] = Segment(merged[-1].text + words, True)
            else:
                merged.append(Segment(words, True))
        else:
            keep(words)
        keep(after)
    return merged


def join(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)
