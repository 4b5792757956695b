"""The new translation of a text whose source changed: what it keeps, what is translated again.

`plan` compares the source's sentences now with the fingerprints recorded when
the translation was made or reviewed (see `sentences`), and lays out the new
translation as pieces: stretches of the old translation kept as they are, and
new source sentences (or blocks, or the whole text) waiting for the machine.
What it replaces or drops is kept in the plan as `changes`, so the reviewer is
shown the old translation next to the new one: a correction is never lost
without a word.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .sentences import Block, Span, blocks, parse


@dataclass
class Pending:
    """A piece of the source to translate; `result` is filled in by the caller."""

    source: str
    result: str | None = None


Part = str | Pending


@dataclass(frozen=True)
class Change:
    """One place where the translation changes: the source now, the translation before and after."""

    source: str  # the source as it is now («» where something was only removed)
    before: str  # the old translation there («» where something was only added)
    after: tuple[Part, ...]  # the new translation there: kept sentences and pieces to translate

    def after_text(self) -> str:
        return _text_of(self.after, " ")


@dataclass
class Plan:
    parts: list[Part] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    whole: bool = False  # the whole text is translated again
    unmatched: bool = False  # sentences were recorded, but the translation's blocks do not match them
    present: set[str] = field(default_factory=set)  # the fingerprints of the source's sentences now

    @property
    def pending(self) -> list[Pending]:
        return [p for p in self.parts if isinstance(p, Pending)]

    def text(self) -> str:
        """The new translation, once every pending piece has its result."""
        return _text_of(self.parts)


def _text_of(parts: tuple[Part, ...] | list[Part], separator: str = "") -> str:
    return separator.join(p if isinstance(p, str) else p.result or "" for p in parts)


def _cut(text: str, span: Span | Block) -> str:
    return text[span.start : span.end]


def plan(source: str, translation: str, recorded: str | None) -> Plan:
    """How to bring `translation` up to date with `source`, given the sentence fingerprints of the old source.

    Without recorded fingerprints, or if the translation's blocks do not match
    them, the whole text is translated again (and the whole old translation shown).
    """
    new = blocks(source)
    was = blocks(translation)
    old = parse(recorded) if recorded else None
    if old is None or len(old) != len(was) or not new or not was:
        pending = Pending(source)
        unmatched = old is not None and bool(translation.strip())
        return Plan([pending], [Change(source.strip(), translation.strip(), (pending,))], whole=True, unmatched=unmatched)
    # Each old sentence's translation, where its block's translation has as many sentences as its source had.
    known: dict[str, tuple[int, int]] = {}
    for i, (prints, block) in enumerate(zip(old, was)):
        if len(prints) == len(block.sentences):
            for k, fp in enumerate(prints):
                known.setdefault(fp, (i, k))
    whole: dict[int, int] = {}  # new block → the old block it is, unchanged
    counterpart: dict[int, int] = {}  # new block → the old block it replaces, for the reviewer
    opcodes = difflib.SequenceMatcher(None, old, [b.fingerprints for b in new], autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        for k in range(min(i2 - i1, j2 - j1)):
            (whole if tag == "equal" else counterpart)[j1 + k] = i1 + k
    result = Plan(present={fp for block in new for fp in block.fingerprints})
    result.parts.append(translation[: was[0].start])
    for j, block in enumerate(new):
        if j:
            adjacent = j in whole and j - 1 in whole and whole[j] == whole[j - 1] + 1
            result.parts.append(
                translation[was[whole[j - 1]].end : was[whole[j]].start] if adjacent else source[new[j - 1].end : block.start]
            )
        if j in whole:
            result.parts.append(_cut(translation, was[whole[j]]))
        else:
            result.parts += _rebuild(source, translation, block, was, known, old, counterpart.get(j), result)
    result.parts.append(translation[was[-1].end :])
    # Old blocks that are gone, unless every sentence of theirs lives on elsewhere.
    for i, block in enumerate(was):
        if i not in whole.values() and i not in counterpart.values():
            if not set(old[i]) <= result.present:
                result.changes.append(Change("", _cut(translation, block), ()))
    result.parts = [p for p in result.parts if p != ""]
    return result


def _rebuild(
    source: str,
    translation: str,
    block: Block,
    was: list[Block],
    known: dict[str, tuple[int, int]],
    old: list[tuple[str, ...]],
    replaces: int | None,
    result: Plan,
) -> list[Part]:
    """A changed block, sentence by sentence: a sentence the old source had keeps its translation."""
    units: list[tuple[tuple[int, int] | None, Part]] = []
    for span, fp in zip(block.sentences, block.fingerprints):
        where = known.get(fp)
        if where is None:
            units.append((None, Pending(_cut(source, span))))
        else:
            units.append((where, _cut(translation, was[where[0]].sentences[where[1]])))
    if all(where is None for where, _ in units):  # nothing kept: the block as a whole, markup and all
        pending = Pending(_cut(source, block))
        before = _cut(translation, was[replaces]) if replaces is not None else ""
        result.changes.append(Change(pending.source, before, (pending,)))
        return [pending]
    parts: list[Part] = [source[block.start : block.sentences[0].start]]  # the block's markup: «- », «## »
    for k, (where, part) in enumerate(units):
        if k:
            previous = units[k - 1][0]
            adjacent = where and previous and where[0] == previous[0] and where[1] == previous[1] + 1
            gap_from = was[where[0]].sentences if adjacent else None
            parts.append(
                translation[gap_from[previous[1]].end : gap_from[where[1]].start]  # type: ignore[index]
                if gap_from
                else source[block.sentences[k - 1].end : block.sentences[k].start]
            )
        parts.append(part)
    _report(source, translation, block, units, was, old, replaces, result)
    return parts


def _report(
    source: str,
    translation: str,
    block: Block,
    units: list[tuple[tuple[int, int] | None, Part]],
    was: list[Block],
    old: list[tuple[str, ...]],
    replaces: int | None,
    result: Plan,
) -> None:
    """What changed in a rebuilt block, sentence by sentence, against the block it replaces (if any).

    A sentence only moved (kept, or gone from here but kept elsewhere) is no change to show.
    """
    before = was[replaces] if replaces is not None else None
    if before is None or len(old[replaces]) != len(before.sentences):  # type: ignore[index]
        opcodes = [("replace", 0, len(before.sentences) if before else 0, 0, len(units))]
        prints: tuple[str, ...] = old[replaces] if before is not None else ()  # type: ignore[index]
        whole_block = before is not None
    else:
        prints = old[replaces]  # type: ignore[index]
        opcodes = difflib.SequenceMatcher(None, prints, block.fingerprints, autojunk=False).get_opcodes()
        whole_block = False
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        after = tuple(part for _, part in units[j1:j2])
        gone = prints[i1:i2] if not whole_block else prints
        lost = any(fp not in result.present for fp in gone)
        if not lost and not any(isinstance(part, Pending) for part in after):
            continue
        now = block.sentences[j1:j2]
        if whole_block:
            was_text = _cut(translation, before)  # type: ignore[arg-type]
        else:
            was_text = _join(translation, before.sentences[i1:i2]) if before else ""  # type: ignore[union-attr]
        result.changes.append(Change(_join(source, now), was_text, after))


def _join(text: str, spans: tuple[Span, ...] | list[Span]) -> str:
    return text[spans[0].start : spans[-1].end] if spans else ""
