"""Cut a Markdown text into blocks and sentences, and fingerprint each, so an edit redrafts only what changed.

A translation record keeps, next to the fingerprint of the whole source, a
short fingerprint of each sentence of the source as it was when the
translation was made or reviewed (`sentences: "1f0a9c2e 77d1"`: blocks
separated by spaces, four hex digits per sentence). When the source changes,
its new sentences are compared with those fingerprints: a sentence that is the
same keeps its translation, word for word as the reviewer left it; only new and
changed sentences are translated again. The translation is cut the same way and
matched block by block, sentence by sentence: the sentences of a block whose
translation has as many sentences as its source had can be kept one by one; a
changed block without such a match is translated as a whole, and if even the
blocks do not match, the whole text.

A block is a paragraph, a list item, a heading, a table row or a code block.
A sentence's fingerprint includes the kind of block it stands in (list marker,
heading level, quote, indentation), so turning a paragraph into a list item is a
change; line breaks and spaces inside a block are not, so re-wrapping a
paragraph keeps its translation, and a sentence moved to another paragraph
keeps it too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

WIDTH = 4  # hex digits per sentence: a changed sentence is taken for its old self once in 65 536
SENTENCES_PATTERN = rf"^(?:[0-9a-f]{{{WIDTH}}})+(?: (?:[0-9a-f]{{{WIDTH}}})+)*$"

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
# Indentation, quote marks, a list marker (with a task box) or a heading's hashes at the start of a line.
_PREFIX = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?P<item>(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)|(?P<heading>#{1,6}[ \t]+))?"
)
_THEMATIC_BREAK = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# The end of a sentence: a full stop, question or exclamation mark (and closing emphasis, quotes
# or brackets), then white space and the next sentence's capital letter (perhaps after markup).
_SENTENCE_END = re.compile(r"[.!?…]+[*_»”\"')\]]*(?P<gap>\s+)(?=[*_«“\"(\[]*[A-ZÆØÅ])")


@dataclass(frozen=True)
class Span:
    """A stretch of a text, by character offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    start: int  # where its markup (list marker, heading hashes) starts
    end: int  # after its last non-blank character
    sentences: tuple[Span, ...]
    fingerprints: tuple[str, ...]


def _hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:WIDTH]


def _words(text: str) -> str:
    return " ".join(text.split())


def _prefix_kind(prefix: str) -> str:
    """The block's markup as it matters: indentation, quotes, the kind of list marker, the heading level."""
    found = _PREFIX.match(prefix)
    indent = len(prefix) - len(prefix.lstrip(" \t>"))
    quotes = prefix.count(">")
    item = (found.group("item") or "").strip() if found else ""
    marker = "1." if item[:1].isdigit() else "-" if item else ""
    if "[" in item:
        marker += "[x]" if "x" in item.lower() else "[ ]"
    heading = (found.group("heading") or "").strip() if found else ""
    return f"{indent}|{quotes}|{marker}|{heading}"


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """The sentences of a block's words, text[start:end]."""
    content = text[start:end]
    if content.lstrip().startswith("|"):  # a table row: its cells are not sentences of one text
        return [Span(start, end)]
    spans = []
    at = 0
    for found in _SENTENCE_END.finditer(content):
        spans.append(Span(start + at, start + found.start("gap")))
        at = found.end("gap")
    spans.append(Span(start + at, end))
    return spans


def blocks(text: str) -> list[Block]:
    """The text's blocks in order, each with its sentences and their fingerprints."""
    found: list[Block] = []
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    current: tuple[int, int, int] | None = None  # (start, start of words, end) of the block being read
    fence: str | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        start, words, end = current
        current = None
        prefix = text[start:words]
        if fence_block:
            spans = [Span(words, end)]
        else:
            spans = _sentences(text, words, end) if words < end else [Span(words, words)]
        kind = _prefix_kind(prefix)
        prints = tuple(_hex(kind + "\0" + _words(text[s.start : s.end])) for s in spans)
        found.append(Block(start, end, tuple(spans), prints))

    fence_block = False
    for number, line in enumerate(lines):
        begin = offsets[number]
        body = line.rstrip("\r\n")
        end = begin + len(body.rstrip())
        if fence is not None:
            current = (current[0], current[1], end) if current else (begin, begin, end)
            closing = _FENCE.match(body)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
                close()
                fence_block = False
            continue
        opened = _FENCE.match(body)
        if opened:
            close()
            fence, fence_block = opened.group(1), True
            current = (begin, begin, end)
            continue
        if not body.strip():
            close()
            continue
        prefix = _PREFIX.match(body)
        item = prefix.group("item") or ""
        in_paragraph = current is not None and not _PREFIX.match(text, current[0]).group("item")
        if item[:1].isdigit() and not item.startswith(("1.", "1)")) and in_paragraph:
            item = ""  # «8. trinn» on a paragraph's next line: only a list starting at 1 breaks a paragraph
        quote_starts = body.lstrip().startswith(">") and (current is None or not text[current[0] : current[1]].lstrip().startswith(">"))
        starts_block = bool(item or prefix.group("heading")) or body.lstrip().startswith("|") or quote_starts
        if current is None or starts_block or _THEMATIC_BREAK.match(body):
            close()
            current = (begin, begin + prefix.end(), end)
            if prefix.group("heading") or body.lstrip().startswith("|") or _THEMATIC_BREAK.match(body):
                close()  # a heading, a table row or a break is a block of one line
            continue
        current = (current[0], current[1], end)
    close()
    return found


def fingerprints(text: str) -> str:
    """The record's `sentences`: four hex digits per sentence, blocks separated by spaces."""
    return " ".join("".join(block.fingerprints) for block in blocks(text))


def parse(recorded: str) -> list[tuple[str, ...]]:
    """A record's `sentences` back into blocks of sentence fingerprints."""
    return [tuple(word[i : i + WIDTH] for i in range(0, len(word), WIDTH)) for word in recorded.split()]


def needs_record(text: str) -> bool:
    """Whether a text has more than one sentence: one sentence is told by the whole text's fingerprint."""
    found = blocks(text)
    return len(found) > 1 or (len(found) == 1 and len(found[0].sentences) > 1)
