"""`oversett` and `godkjenn`: machine drafts into the data files, and marking them reviewed.

A draft is written next to its source with `translation: {source, status:
draft, hash, sentences}`: the fingerprint of the source it was made from, and of
each of its sentences (see `sentences`). What `oversett` does with each text:
- the other written standard is missing: a machine draft of the whole text;
- the source changed since its translation was made or reviewed: only its new
  and changed sentences are translated again; every other sentence keeps its
  translation as the reviewer left it, and the reviewer is shown what changed
  (see `update`). Nothing left to translate (only line breaks changed, or a
  sentence was removed): the translation keeps its status;
- written by hand in both, without a record: tracking starts, so that a later
  edit of the source shows (the record is added on the text's own line);
- a fresh draft, or a reviewed translation of the source as it is: untouched,
  so corrections made in a draft before review survive another run, and a
  second run right after the first changes nothing.
"""

from __future__ import annotations

import subprocess
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
from .sentences import fingerprints, needs_record
from .texts import TextNode, find_texts, status_of, translation_of
from .update import Change, plan
from .yamlfile import YamlFile, add_record, set_status, write_translation

# Each text translated, or None for one that could not be (it is reported and left as it is).
Translator = Callable[[list[str], Lang, Lang], list[str | None]]


class TranslateError(Exception):
    """Drafting or marking reviewed could not run; the message says why, in Norwegian."""


def main_standard(data_dir: Path) -> Lang:
    """The school's main written standard, from skole.yaml: the direction translations go by default.

    A layer without it (the national base, a municipality's layer, a school that leaves it to the layer below)
    takes it from the layers below; the base, written for every school, is Bokmål first."""
    from ..layers import layer_chain

    path = data_dir / "skole.yaml"
    if not path.is_file() or "main_standard" not in path.read_text(encoding="utf-8"):
        chain, _ = layer_chain(data_dir)
        below = [layer.folder / "skole.yaml" for layer in reversed(chain[:-1])]
        found = [p for p in below if p.is_file() and "main_standard" in p.read_text(encoding="utf-8")]
        if not found:
            return "nb"
        path = found[0]
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
    """A text whose translation `oversett` wrote."""

    text: TextNode
    source: Lang
    target: Lang
    was: str  # the state before: «missing» or «stale»
    status_before: str | None  # the record's status before: «reviewed», «draft», or None
    status: str  # the status written: «draft», or the one it had when nothing had to be translated
    machine: bool  # the machine wrote some of it; False: reviewed sentences were only kept, moved or dropped
    changes: list[Change] = field(default_factory=list)  # for a stale text: what changed, for the reviewer
    whole: bool = False  # a stale text translated again as a whole
    unmatched: bool = False  # … because its translation's sentences could not be matched with the source's
    since_commit: bool = False  # written by hand in both, its source edited since the last commit (git)

    @property
    def replaced_reviewed(self) -> bool:
        """A reviewed translation replaced as a whole by a machine draft (its sentences could not be matched)."""
        return self.was == "stale" and self.status_before == "reviewed" and self.whole


@dataclass
class DraftResult:
    drafted: list[Drafted] = field(default_factory=list)  # new drafts and updated translations
    tracked: list[TextNode] = field(default_factory=list)  # written by hand in both: now tracked
    fingerprinted: list[TextNode] = field(default_factory=list)  # an older record given its sentences' fingerprints
    invalid: list[TextNode] = field(default_factory=list)  # `translation` not valid: left for `make check`
    failed: list[TextNode] = field(default_factory=list)  # Apertium could not translate it with its markup intact
    written: list[Path] = field(default_factory=list)
    relaid: list[Path] = field(default_factory=list)  # written in ruamel's layout (see yamlfile)


def _sentences_of(text: str) -> str | None:
    return fingerprints(text) if needs_record(text) else None


@dataclass
class _Job:
    yaml_file: YamlFile
    text: TextNode
    source: Lang
    target: Lang
    was: str  # «missing» or «stale»
    original: str  # the source now
    plan: Any  # update.Plan
    status_before: str | None = None
    since_commit: bool = False  # a hand-written text whose source was edited since the last commit


def _committed(path: Path) -> Any:
    """The data file as the last commit has it (git), or None: not in a git repository, or not committed."""
    try:
        done = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"], cwd=path.parent, capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        return YAML(typ="safe", pure=True).load(done.stdout.decode("utf-8"))
    except (YAMLError, UnicodeDecodeError):
        return None


def _committed_source(cache: dict[Path, Any], path: Path, text: TextNode, source: Lang, target: Lang) -> str | None:
    """The source of a hand-written text as last committed, if it differs from now while the translation does not.

    A text written by hand in both standards has no record of what its source was
    when the two agreed; if the data is in git, the last commit knows. Without
    this, an edit made before the first `oversett` would go unnoticed.
    """
    if path not in cache:
        cache[path] = _committed(path)
    node = cache[path]
    for part in text.path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(node, dict) or not all(isinstance(node.get(lang), str) for lang in (source, target)):
        return None
    same_translation = fingerprint(node[target]) == fingerprint(str(text.node[target]))
    if same_translation and fingerprint(node[source]) != fingerprint(str(text.node[source])):
        return node[source]
    return None


def draft(
    data_dir: Path,
    only: list[str] | None = None,
    translator: Translator | None = None,
    mode: str | None = None,
) -> DraftResult:
    """Draft what is missing, redraft what changed (only the changed sentences), and track what is hand-written."""
    data_dir = Path(data_dir)
    main = main_standard(data_dir)
    result = DraftResult()
    opened: list[YamlFile] = []
    jobs: list[_Job] = []
    committed_files: dict[Path, Any] = {}
    for name, path in data_files(data_dir, only):
        yaml_file = _open(path)
        opened.append(yaml_file)
        for text in find_texts(FILES[name], yaml_file.data, name):
            status = status_of(text.node, main)
            source, target = status.source, status.target
            if status.state == "invalid":
                result.invalid.append(text)
            elif status.state == "untracked":
                original, translated = str(text.node[source]), str(text.node[target])
                committed = _committed_source(committed_files, path, text, source, target)
                if committed is not None:  # edited since the last commit, its translation not: as if tracked then
                    update = plan(original, translated, fingerprints(committed))
                    jobs.append(_Job(yaml_file, text, source, target, "stale", original, update, "reviewed", True))
                else:
                    add_record(text.node, source, "reviewed", fingerprint(original), _sentences_of(original))
                    result.tracked.append(text)
            elif status.state in ("reviewed", "draft") and _add_sentences(text, source):
                result.fingerprinted.append(text)
            elif status.needs_draft and _written(text.node.get(source)):
                original = str(text.node[source])
                if status.state == "missing":
                    jobs.append(_Job(yaml_file, text, source, target, "missing", original, plan(original, "", None)))
                else:
                    recorded = translation_of(text.node)
                    update = plan(original, str(text.node[target]), recorded.sentences if recorded else None)
                    before = recorded.status if recorded else None
                    jobs.append(_Job(yaml_file, text, source, target, "stale", original, update, before))
    for direction in sorted({(job.source, job.target) for job in jobs}):
        pending = [p for job in jobs if (job.source, job.target) == direction for p in job.plan.pending]
        sources = [p.source for p in pending]
        if not sources:
            continue
        if translator is None:
            translated = apertium.translate(sources, *direction, mode)
        else:
            translated = translator(sources, *direction)
        for piece, new in zip(pending, translated):
            piece.result = new
    for job in jobs:
        if any(p.result is None for p in job.plan.pending):
            result.failed.append(job.text)
            continue
        result.drafted.append(_write(job))
    for yaml_file in opened:
        if yaml_file.save():
            result.written.append(yaml_file.path)
            if yaml_file.relaid:
                result.relaid.append(yaml_file.path)
    _relocate(result.written, [*result.invalid, *result.failed, *(d.text for d in result.drafted)])
    return result


def _add_sentences(text: TextNode, source: Lang) -> bool:
    """A record made before sentences were fingerprinted gets them (its source is still the one it names)."""
    record = text.node["translation"]
    sentences = _sentences_of(str(text.node[source]))
    if sentences and "sentences" not in record:
        set_status(text.node, str(record["status"]), str(record["hash"]), sentences)
        return True
    return False


def _write(job: _Job) -> Drafted:
    node = job.text.node
    before = job.status_before
    machine_wrote = bool(job.plan.pending)
    status = "draft" if machine_wrote or before is None else before
    new_text = job.plan.text()
    sentences = _sentences_of(job.original)
    if new_text.strip() == str(node.get(job.target, "")).strip() and "translation" in node:
        set_status(node, status, fingerprint(job.original), sentences)  # only line breaks changed
    else:
        parent = _parent(job.yaml_file.data, job.text)
        write_translation(node, parent, job.source, job.target, new_text, status, fingerprint(job.original), sentences)
    changes = job.plan.changes if job.was == "stale" else []
    return Drafted(
        job.text, job.source, job.target, job.was, before, status, machine_wrote, changes, job.plan.whole,
        job.plan.unmatched, job.since_commit,
    )


def _relocate(written: list[Path], texts: list[TextNode]) -> None:
    """Point each text of a file that was written at its mapping as written, so a message names its line now."""
    named = {text.file for text in texts}
    reread = {path.name: YAML(typ="rt").load(path.read_text(encoding="utf-8")) for path in written if path.name in named}
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
        original = str(text.node.get(status.source, ""))
        source_hash, sentences = fingerprint(original), _sentences_of(original)
        if status.state == "invalid":
            result.invalid.append(text)
        elif status.state == "missing":
            result.missing.append(text)
        elif status.state in ("draft", "stale"):
            set_status(text.node, "reviewed", source_hash, sentences)
            (result.approved_stale if status.state == "stale" else result.approved).append(text)
        elif status.state == "untracked" and track:
            add_record(text.node, status.source, "reviewed", source_hash, sentences)
            result.tracked.append(text)
    if item_id and not found:
        raise TranslateError(f"{display_path(path)}: fant ingen tekster med id «{item_id}»")
    result.written = yaml_file.save()
    return result
