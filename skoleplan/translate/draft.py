"""`oversett` and `godkjenn`: machine drafts into the data files, and marking them reviewed.

A draft is written next to its source with `translation: {source, status:
draft, hash}`, the hash being the fingerprint of the source it was made from.
Only texts that need one get a draft: the other written standard is missing, or
the source has changed since its translation was made or reviewed. A fresh
draft is never overwritten, so corrections made in it before review survive
another run, and a second run right after the first changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import display_path
from ..model import FILES
from ..model.base import Lang, fingerprint
from . import apertium
from .texts import TextNode, find_texts, status_of
from .yamlfile import YamlFile, add_record, set_status, write_translation

# Each text translated, or None for one that could not be (it is reported and left as it is).
Translator = Callable[[list[str], Lang, Lang], list[str | None]]


class TranslateError(Exception):
    """Drafting or marking reviewed could not run; the message says why, in Norwegian."""


def main_standard(data_dir: Path) -> Lang:
    """The school's main written standard, from skole.yaml: the direction translations go by default."""
    path = data_dir / "skole.yaml"
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError):
        raise TranslateError(f"{display_path(path)}: kan ikke lese skolens hovedmål; kjør «make check»") from None
    main = ((data or {}).get("school") or {}).get("main_standard") if isinstance(data, dict) else None
    if main not in ("nb", "nn"):
        raise TranslateError(f"{display_path(path)}: school.main_standard må være nb eller nn; kjør «make check»")
    return main


def _open(path: Path) -> YamlFile:
    try:
        return YamlFile(path)
    except YAMLError:
        raise TranslateError(f"{display_path(path)}: filen kan ikke leses som YAML; kjør «make check»") from None


def data_files(data_dir: Path, only: list[str] | None = None) -> list[tuple[str, Path]]:
    """The plan's data files in `data_dir` (or only those named), in the model's order."""
    wanted = None
    if only:
        wanted = set()
        for name in only:
            base = Path(name).name
            if base not in FILES:
                raise TranslateError(f"ukjent datafil «{name}»; forventet en av: {', '.join(FILES)}")
            wanted.add(base)
    return [
        (name, data_dir / name)
        for name in FILES
        if (data_dir / name).is_file() and (wanted is None or name in wanted)
    ]


def _written(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _parent(data: Any, text: TextNode) -> Any:
    node = data
    for part in text.path[:-1]:
        node = node[part]
    return node


@dataclass
class Drafted:
    text: TextNode
    source: Lang
    target: Lang
    was: str  # the state before: «missing» or «stale»
    replaced_reviewed: bool  # a reviewed translation was replaced by a fresh draft


@dataclass
class DraftResult:
    drafted: list[Drafted] = field(default_factory=list)
    invalid: list[TextNode] = field(default_factory=list)  # `translation` not valid: left for `make check`
    failed: list[TextNode] = field(default_factory=list)  # Apertium could not translate it with its markup intact
    written: list[Path] = field(default_factory=list)
    relaid: list[Path] = field(default_factory=list)  # written in ruamel's layout (see yamlfile)


def draft(
    data_dir: Path,
    only: list[str] | None = None,
    translator: Translator | None = None,
    mode: str | None = None,
) -> DraftResult:
    """Write a machine draft for every text whose translation is missing or stale, in place."""
    data_dir = Path(data_dir)
    main = main_standard(data_dir)
    result = DraftResult()
    opened: list[YamlFile] = []
    jobs: dict[tuple[Lang, Lang], list[tuple[YamlFile, TextNode, str]]] = {}
    for name, path in data_files(data_dir, only):
        yaml_file = _open(path)
        opened.append(yaml_file)
        for text in find_texts(FILES[name], yaml_file.data, name):
            status = status_of(text.node, main)
            if status.state == "invalid":
                result.invalid.append(text)
            elif status.needs_draft and _written(text.node.get(status.source)):
                jobs.setdefault((status.source, status.target), []).append((yaml_file, text, status.state))
    for (source, target), batch in jobs.items():
        sources = [str(text.node[source]) for _, text, _ in batch]
        if translator is None:
            translated = apertium.translate(sources, source, target, mode)
        else:
            translated = translator(sources, source, target)
        for (yaml_file, text, was), original, new in zip(batch, sources, translated):
            if new is None:
                result.failed.append(text)
                continue
            replaced = was == "stale" and (text.node.get("translation") or {}).get("status") == "reviewed"
            parent = _parent(yaml_file.data, text)
            write_translation(text.node, parent, source, target, new, "draft", fingerprint(original))
            result.drafted.append(Drafted(text, source, target, was, replaced))
    for yaml_file in opened:
        if yaml_file.save():
            result.written.append(yaml_file.path)
            if yaml_file.relaid:
                result.relaid.append(yaml_file.path)
    _relocate(result.written, [*result.invalid, *result.failed, *(d.text for d in result.drafted)])
    return result


def _relocate(written: list[Path], texts: list[TextNode]) -> None:
    """Point each text of a file that was written at its mapping as written, so a message names its line now."""
    reread = {path.name: YAML(typ="rt").load(path.read_text(encoding="utf-8")) for path in written}
    for text in texts:
        if text.file in reread:
            node = reread[text.file]
            for part in text.path:
                node = node[part]
            text.node = node


@dataclass
class ApproveResult:
    approved: list[TextNode] = field(default_factory=list)
    approved_stale: list[TextNode] = field(default_factory=list)  # reviewed against a changed source
    tracked: list[TextNode] = field(default_factory=list)  # hand-written texts that are now tracked
    missing: list[TextNode] = field(default_factory=list)  # nothing to approve: a written standard is missing
    invalid: list[TextNode] = field(default_factory=list)
    written: bool = False


def resolve_file(data_dir: Path, name: str) -> Path:
    """A data file as the user named it: a path («data/tiltak.yaml») as it is, a bare name
    («tiltak.yaml», «tiltak») in `data_dir`."""
    given = Path(name)
    candidates = [given] if given.parent != Path(".") else [data_dir / given.name, data_dir / f"{given.name}.yaml"]
    for candidate in candidates:
        if candidate.is_file() and candidate.name in FILES:
            return candidate
    raise TranslateError(f"fant ingen datafil «{name}»; forventet en av: {', '.join(FILES)} i {display_path(data_dir)}")


def approve(data_dir: Path, file: str, item_id: str | None = None, track: bool = False) -> ApproveResult:
    """Mark the drafts (and stale translations) in one file as reviewed against the source as it is now.

    `item_id` limits it to the texts of one item (or one top-level field, such as
    «intro»). With `track`, texts written by hand in both standards get a
    `translation` record too, so that a later edit of the source shows.
    """
    path = resolve_file(Path(data_dir), file)
    main = main_standard(path.parent)
    yaml_file = _open(path)
    result = ApproveResult()
    found = False
    for text in find_texts(FILES[path.name], yaml_file.data, path.name):
        if item_id and text.item_id != item_id and (not text.path or text.path[0] != item_id):
            continue
        found = True
        status = status_of(text.node, main)
        source_hash = fingerprint(str(text.node.get(status.source, "")))
        if status.state == "invalid":
            result.invalid.append(text)
        elif status.state == "missing":
            result.missing.append(text)
        elif status.state in ("draft", "stale"):
            set_status(text.node, "reviewed", source_hash)
            (result.approved_stale if status.state == "stale" else result.approved).append(text)
        elif status.state == "untracked" and track:
            add_record(text.node, status.source, "reviewed", source_hash, _parent(yaml_file.data, text))
            result.tracked.append(text)
    if item_id and not found:
        raise TranslateError(f"{display_path(path)}: fant ingen tekster med id «{item_id}»")
    result.written = yaml_file.save()
    return result
