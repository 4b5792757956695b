"""Find every text of a data file in its raw YAML, and tell how far its translation has come.

This works on the file as written, not on the validated plan: a text whose
Nynorsk is missing is not valid yet, and it is exactly what `oversett` is for.
The model says where texts are (every field typed `Text` or `Markdown`), so a
mapping that merely looks like `{nb: …, nn: …}` is not mistaken for one.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ..model.base import LANGS, Item, Lang, Markdown, Text, Translation, fingerprint
from ..model.walk import field_annotation, is_model, peel, union_members
from ..model.registry import noun

GENERAL = "øvrige tekster"  # the kind of a text that belongs to no item: intros, the vision …

State = Literal["reviewed", "untracked", "draft", "stale", "missing", "invalid"]

STATE_NAMES: dict[str, str] = {
    "reviewed": "godkjent",
    "untracked": "skrevet for hånd",
    "draft": "maskinoversatt utkast",
    "stale": "utdatert",
    "missing": "mangler",
    "invalid": "ugyldig translation-felt",
}
LANG_NAMES = {"nb": "bokmål", "nn": "nynorsk"}


@dataclass
class TextNode:
    """One text in one data file: where it is, and the round-trip mapping that holds it."""

    file: str  # the data file's name, «tiltak.yaml»
    path: tuple[str | int, ...]  # keys and indexes from the top of the file
    node: Any  # the mapping {nb, nn, translation} as loaded (a ruamel CommentedMap)
    markdown: bool
    kind: str  # Norwegian name of the kind of item the text belongs to, or GENERAL
    item_id: str | None

    @property
    def line(self) -> int:
        return self.node.lc.line + 1 if hasattr(self.node, "lc") else 1

    @property
    def column(self) -> int:
        return self.node.lc.col + 1 if hasattr(self.node, "lc") else 1

    @property
    def where(self) -> str:
        """«tiltak «fast-voksen», how» or «intro»: how a person finds the text."""
        field = ".".join(str(p) for p in self.path[-1:])
        return f"{self.kind} «{self.item_id}», {field}" if self.item_id else ".".join(str(p) for p in self.path)


def find_texts(model: type[BaseModel], data: Any, file: str) -> Iterator[TextNode]:
    """Every text in `data` (a file's content) where the file's model expects one."""
    yield from _walk(model, data, (), file, GENERAL, None)


def _walk(annotation: Any, value: Any, path: tuple, file: str, kind: str, item_id: str | None) -> Iterator[TextNode]:
    bare = peel(annotation)
    members = union_members(bare)
    if members is not None:
        chosen = _member_for(members, value)
        if chosen is not None:
            yield from _walk(chosen, value, path, file, kind, item_id)
        return
    if is_model(bare) and isinstance(value, Mapping):
        if issubclass(bare, Text):
            yield TextNode(file, path, value, issubclass(bare, Markdown), kind, item_id)
            return
        if issubclass(bare, Item):
            kind = noun(bare.id_kind)
            item_id = value.get("id") if isinstance(value.get("id"), str) else None
        for name in bare.model_fields:
            if name in value:
                yield from _walk(field_annotation(bare, name), value[name], path + (name,), file, kind, item_id)
    elif isinstance(value, list) and typing.get_origin(bare) is list:
        inner = typing.get_args(bare)[0]
        for i, item in enumerate(value):
            yield from _walk(inner, item, path + (i,), file, kind, item_id)


def _member_for(members: tuple[Any, ...], value: Any) -> Any:
    """The member of a union that the value was written as: a block whose keys the member has, or a list."""
    for member in members:
        bare = peel(member)
        if isinstance(value, Mapping) and is_model(bare) and set(value) <= set(bare.model_fields):
            return member
        if isinstance(value, list) and typing.get_origin(bare) is list:
            return member
    return None


# --- how far the translation of one text has come ------------------------------


def _present(node: Mapping, lang: Lang) -> bool:
    value = node.get(lang)
    return isinstance(value, str) and bool(value.strip())


def translation_of(node: Mapping) -> Translation | None:
    """The text's `translation` field, or None if it has none; ValueError if it is not valid."""
    raw = node.get("translation")
    if raw is None:
        return None
    try:
        return Translation.model_validate(dict(raw) if isinstance(raw, Mapping) else raw)
    except ValidationError:
        raise ValueError("ugyldig translation-felt") from None


@dataclass(frozen=True)
class Status:
    """The direction a text is translated in, and how far its translation has come."""

    source: Lang
    target: Lang
    state: State

    @property
    def needs_draft(self) -> bool:
        return self.state in ("missing", "stale")

    @property
    def direction(self) -> str:
        return f"{self.source}-{self.target}"


def _other(lang: Lang) -> Lang:
    return "nn" if lang == "nb" else "nb"


def status_of(node: Mapping, main: Lang) -> Status:
    """Classify one text mapping.

    - only one written standard there: «missing», to be translated from the one that is;
    - both there, no `translation`: «untracked», written by hand in both (counts as reviewed);
    - `translation` there and its fingerprint no longer matches the source: «stale»;
    - otherwise the `translation` status, «draft» or «reviewed».
    A text with neither standard is «missing» in the direction of the main standard.
    """
    try:
        translation = translation_of(node)
    except ValueError:
        source = main
        return Status(source, _other(source), "invalid")
    present = [lang for lang in LANGS if _present(node, lang)]
    if len(present) == 1:
        return Status(present[0], _other(present[0]), "missing")
    if not present:
        return Status(main, _other(main), "missing")
    if translation is None:
        return Status(main, _other(main), "untracked")
    source = translation.source
    if fingerprint(node[source]) != translation.hash:
        return Status(source, _other(source), "stale")
    return Status(source, _other(source), translation.status)
