"""Edit a data file in place and leave every byte it does not touch as it was.

ruamel.yaml's round trip keeps comments, key order and quoting, but it still
re-lays out a few things on output (`[{section: 12-4}]` comes back as
`[section: 12-4]`, odd indentation is normalised). So the file is written as a
three-way merge: the lines our edits changed in ruamel's output are applied to
the original text, and every other line stays as the person wrote it (a line
that is both edited and re-laid out is taken as ruamel writes it). If the merge
would not give the same data as ruamel's own output, the file is written as
ruamel wrote it: the same data, in ruamel's layout.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

_BLOCK_SCALARS = (LiteralScalarString, FoldedScalarString)
FLOW_LIMIT = 100  # a flow mapping whose texts `{nb: …, nn: …}` would grow past this many columns becomes a block


# Indentation styles tried on each file: (mapping, sequence, offset of the dash).
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 4, 0), (4, 6, 4), (3, 3, 0), (2, 3, 1))


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never fold a long line
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _fit(text: str, data: Any) -> tuple[YAML, str]:
    """The indentation style under which ruamel reproduces most lines of the file, and its output for `data`
    (the file's data as loaded).

    The styles the file itself shows (`_observed`) are tried first, and when one of
    them is consistent with the file, only they: each try is a dump of the whole file
    (a tenth of a second for the årshjul), and trying all seven was most of the time
    of `make oversett` and `make importer`.
    """
    original = text.splitlines()
    best: tuple[int, YAML, str] | None = None
    shown = _observed(data)
    candidates = [indent for indent in _INDENTS if indent in shown] or list(_INDENTS)
    for indent in candidates:
        yaml = _yaml(indent)
        out = _dump(yaml, data)
        if out == text:
            return yaml, out
        matcher = difflib.SequenceMatcher(None, original, out.splitlines(), autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        if best is None or same > best[0]:
            best = (same, yaml, out)
    assert best is not None
    return best[1], best[2]


def _observed(data: Any) -> set[tuple[int, int, int]]:
    """The styles (mapping, sequence, offset of the dash) consistent with how the file indents its blocks.

    Read from the positions ruamel keeps: a block inside a key is indented by the
    mapping step; a list inside a key has its dash `offset` columns in and its items
    `sequence` columns in. Empty when the file shows nothing, or shows two styles.
    """
    mappings: set[int] = set()
    sequences: set[tuple[int, int]] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                where = node.lc.data.get(key)  # none for a key merged in with «<<»
                if isinstance(value, (CommentedMap, CommentedSeq)) and not value.fa.flow_style() and len(value) and where:
                    key_line, key_col, value_line, value_col = where
                    if value_line > key_line and isinstance(value, CommentedMap):
                        mappings.add(value_col - key_col)
                    elif value_line > key_line and value.lc.data:
                        item_col = value.lc.data[0][1]
                        sequences.add((item_col - key_col, value_col - key_col))
                stack.append(value)
        elif isinstance(node, CommentedSeq):
            stack.extend(node)
    if len(mappings) > 1 or len(sequences) > 1:
        return set()
    return {
        indent for indent in _INDENTS
        if all(indent[0] == step for step in mappings) and all(indent[1:] == seq for seq in sequences)
    }


class YamlFile:
    """One data file loaded for round-trip editing: change `data`, then `save()`.

    The file's style is fitted only when something is to be written: `make oversett` opens every data file of
    the plan and changes a few (fitting is a dump of the file; `oversett` on the example school with nothing to
    do took 1.25 s fitting every file, 1.0 s now).
    A copy of the data as loaded (`_pristine`) tells what changed, and is what the style is fitted to.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        with open(self.path, encoding="utf-8", newline="") as f:
            raw = f.read()
        self.newline = "\r\n" if "\r\n" in raw else "\n"  # a file written on Windows stays so
        self.original = raw.replace("\r\n", "\n")
        self.data: Any = _yaml(_INDENTS[0]).load(self.original)  # indentation matters only to the dumper
        self._pristine = copy.deepcopy(self.data)  # ruamel copies its comments, styles and positions too
        self._fitted: tuple[YAML, str] | None = None  # the style and ruamel's output for `_pristine`
        self.relaid = False  # True when the file had to be written in ruamel's layout

    @property
    def _yaml(self) -> YAML:
        return self._style()[0]

    @property
    def _baseline(self) -> str:
        return self._style()[1]

    def _style(self) -> tuple[YAML, str]:
        if self._fitted is None:
            self._fitted = _fit(self.original, self._pristine)
        return self._fitted

    def _dump(self, data: Any) -> str:
        return _dump(self._yaml, data)

    @property
    def changed(self) -> bool:
        """Whether the data differs from the file's (a change of layout alone is none: no edit makes one)."""
        return self.data != self._pristine

    def render(self) -> tuple[str, str]:
        """The file's new text (the original with our edits, or ruamel's layout if they cannot be merged), and
        ruamel's output for the data now (the baseline of the next edit)."""
        changed = self._dump(self.data)
        if changed == self._baseline:
            return self.original, changed
        merged = merge(self.original, self._baseline, changed)
        if merged is not None and _same_data(merged, changed):
            self.relaid = False
            return merged, changed
        self.relaid = True
        return changed, changed

    def save(self) -> bool:
        """Write the file if anything changed (atomically); True if it was written."""
        if not self.changed:
            return False
        text, dumped = self.render()
        if text == self.original:
            return False
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text.replace("\n", self.newline))
            os.chmod(tmp, self.path.stat().st_mode & 0o7777)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # The text written holds the data now, in the layout the style was fitted to: ruamel's output for it
        # is the next edit's baseline, with no new fitting (that was up to seven dumps of the file).
        self.original, self._fitted, self._pristine = text, (self._yaml, dumped), copy.deepcopy(self.data)
        return True


def _same_data(a: str, b: str) -> bool:
    """Whether two texts hold the same data, as the build reads them (PyYAML, with libyaml where installed)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the årshjul: 0.005 s, ruamel's own reader 0.08 s
    try:
        return yaml.load(a, Loader=loader) == yaml.load(b, Loader=loader)
    except Exception:  # noqa: BLE001 - a merge that does not parse is no merge
        return False


def _touches(a1: int, a2: int, lo: int, hi: int) -> bool:
    """Whether line range [a1, a2) overlaps [lo, hi), or one of them is empty and stands inside the other."""
    if a1 < hi and lo < a2:
        return True
    return (a1 == a2 and lo < a1 < hi) or (lo == hi and a1 < lo < a2)


def _position(opcodes: list[tuple], i: int, pick: Any) -> int:
    """Where baseline line boundary `i` falls on the other side of `opcodes`; `pick` (min or max) decides ties."""
    candidates = []
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            if a1 <= i <= a2:
                candidates.append(b1 + i - a1)
            continue
        if i == a1:
            candidates.append(b1)
        if i == a2:
            candidates.append(b2)
    return pick(candidates)


def merge(original: str, baseline: str, changed: str) -> str | None:
    """Apply the line edits from `baseline` to `changed` onto `original`.

    `baseline` is ruamel's output for the unedited file. Lines that our edits did
    not change come from the original. An edit that touches a line ruamel
    re-laid out takes that line as ruamel wrote it, and no more.
    """
    o = original.splitlines(keepends=True)
    b = baseline.splitlines(keepends=True)
    c = changed.splitlines(keepends=True)
    if o and not o[-1].endswith("\n"):
        o[-1] += "\n"  # ruamel always ends the last line
    to_original = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, o, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:  # lines re-laid one for one: each on its own
            to_original += [("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        else:
            to_original.append((tag, i1, i2, j1, j2))
    to_changed = difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes()
    edits = [(i1, i2) for tag, i1, i2, _, _ in to_changed if tag != "equal"]
    blocks = edits + [(i1, i2) for tag, i1, i2, _, _ in to_original if tag != "equal"]
    ranges: set[tuple[int, int]] = set()
    for lo, hi in edits:
        grown = True
        while grown:
            grown = False
            for a1, a2 in blocks:
                if _touches(a1, a2, lo, hi) and (a1 < lo or a2 > hi):
                    lo, hi, grown = min(lo, a1), max(hi, a2), True
        ranges.add((lo, hi))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    result: list[str] = []
    pos = 0
    for lo, hi in merged:
        if lo == hi:  # lines inserted between two lines: after anything the original has there
            start = end = _position(to_original, lo, max)
            c_start, c_end = _position(to_changed, lo, min), _position(to_changed, hi, max)
        else:  # insertions at either edge belong to ranges of their own
            start, end = _position(to_original, lo, max), _position(to_original, hi, min)
            c_start, c_end = _position(to_changed, lo, max), _position(to_changed, hi, min)
        if start < pos or end < start:
            return None
        result += o[pos:start] + c[c_start:c_end]
        pos = end
    result += o[pos:]
    return "".join(result)


# --- edits on one text mapping ------------------------------------------------------


def _value_like(text: str, like: Any) -> Any:
    """`text` as a YAML scalar in the style of `like` (the text it replaces or translates).

    Several lines become a literal block (`|`), as does one line whose model was a
    block; a single line keeps the quotes of its model, or none.
    """
    if "\n" in text.rstrip("\n") or (_block_scalar(like) and text.endswith("\n")):
        return LiteralScalarString(text)
    text = text.rstrip("\n")
    if isinstance(like, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return type(like)(text)
    return text


def _block_scalar(value: Any) -> bool:
    return isinstance(value, _BLOCK_SCALARS)


def _hand_over_comment(node: CommentedMap, old_last: Any, new_last: Any) -> None:
    """Move what ruamel keeps after the old last key (blank lines, comments on the next lines) to the new last key.

    Otherwise a comment that introduces the next block would end up inside this one.
    """
    entry = node.ca.items.get(old_last)
    if not entry or len(entry) < 3 or entry[2] is None:
        return
    token = entry[2]
    value: str = token.value
    if _block_scalar(node[old_last]):
        keep, rest = "", value  # a block scalar has already ended its line
    elif value.startswith("\n"):
        keep, rest = "", value[1:]  # no comment at the end of the line itself
    else:
        eol, newline, rest = value.partition("\n")
        keep = eol + newline
    if keep:
        token.value = keep
    else:
        entry[2] = None
        if all(part is None for part in entry):
            del node.ca.items[old_last]
    if rest:
        moved = rest if _block_scalar(node[new_last]) else "\n" + rest
        node.ca.items.setdefault(new_last, [None, None, None, None])[2] = CommentToken(moved, CommentMark(0), None)


def _insert(node: CommentedMap, index: int, key: str, value: Any) -> None:
    keys = list(node)
    node.insert(index, key, value)
    if index >= len(keys) and keys:
        _hand_over_comment(node, keys[-1], key)


def _set(node: CommentedMap, key: str, value: Any, index: int) -> None:
    """Set `key`, in its place if it is there, else as a new key at `index`."""
    if key in node:
        node[key] = value
    else:
        _insert(node, index, key, value)


def translation_map(source: str, status: str, hash_: str, sentences: str | None = None) -> CommentedMap:
    """`{source: nb, status: draft, hash: "3f2a9c1e"}` on one line; the fingerprints quoted, so they are never
    read as numbers. `sentences` (one fingerprint per sentence) only where the source has more than one."""
    mapping = CommentedMap([("source", source), ("status", status), ("hash", DoubleQuotedScalarString(hash_))])
    if sentences:
        mapping["sentences"] = DoubleQuotedScalarString(sentences)
    mapping.fa.set_flow_style()
    return mapping


def write_translation(
    node: CommentedMap,
    parent: Any,
    source: str,
    target: str,
    text: str,
    status: str,
    hash_: str,
    sentences: str | None = None,
) -> None:
    """Put the translated `text` and its `translation` record into one text mapping.

    A new text goes next to its source, nb before nn; the record goes last. A
    flow mapping `{nb: …}` that gets its second text becomes a block if the texts
    would no longer fit on one line (and its parent is a block, so it can); one
    that had both stays as the person wrote it, and the record alone never makes
    it a block. A text of several lines always makes it one.
    """
    new_text = target not in node
    keys = list(node)
    if target == "nn":
        index = keys.index("nb") + 1 if "nb" in keys else len(keys)
    else:
        index = keys.index("nn") if "nn" in keys else 0
    _set(node, target, _value_like(text, node.get(target, node.get(source))), index)
    add_record(node, source, status, hash_, sentences)
    _unfold(node, parent, new_text)


def _unfold(node: CommentedMap, parent: Any, new_text: bool) -> None:
    """A flow mapping `{nb: …}` that grew a text too long for one line becomes a block, if its parent is one."""
    parent_is_block = isinstance(parent, (CommentedMap, CommentedSeq)) and not parent.fa.flow_style()
    if node.fa.flow_style() and parent_is_block:
        if (new_text and _texts_width(node) > FLOW_LIMIT) or any("\n" in str(v) for v in node.values()):
            node.fa.set_block_style()


def _texts_width(node: CommentedMap) -> int:
    """How far a flow mapping's texts (not its record) would reach on its line, roughly."""
    parts = [len(f"{k}: {v}") for k, v in node.items() if not isinstance(v, CommentedMap)]
    column = node.lc.col if getattr(node.lc, "col", None) is not None else 0
    return column + 2 + sum(parts) + 2 * (len(parts) - 1)


def add_record(node: CommentedMap, source: str, status: str, hash_: str, sentences: str | None = None) -> None:
    """Set the text's `translation` record, as its last key if it is new; a flow mapping stays one."""
    _set(node, "translation", translation_map(source, status, hash_, sentences), len(node))


def set_status(node: CommentedMap, status: str, hash_: str, sentences: str | None = None) -> None:
    """Change the status and fingerprints of an existing `translation` record, its layout kept."""
    record = node["translation"]
    record["status"] = status
    record["hash"] = DoubleQuotedScalarString(hash_)
    if sentences:
        record["sentences"] = DoubleQuotedScalarString(sentences)
    elif "sentences" in record:
        del record["sentences"]


__all__ = ["YamlFile", "add_record", "merge", "set_status", "translation_map", "write_translation"]
