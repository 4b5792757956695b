"""Two editions of one plan: the public site for parents, the staff site for the intranet.

The public edition is the plan with everything marked `visibility: internal`
taken out: the item, or the text block, is gone before any page, search
index, sitemap or feed is made from it, so nothing downstream can leak it.
References to what was taken out are removed too, so no public page links
to, or mentions, internal content.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from ..model import Item, Plan
from ..model.walk import field_annotation, is_internal, item_annotation, nodes, refs_in

Edition = Literal["public", "staff"]
EDITIONS: tuple[Edition, ...] = ("public", "staff")

_REMOVED = object()


def for_edition(plan: Plan, edition: Edition) -> Plan:
    """The plan as one edition shows it: all of it for staff, only what is public for the public."""
    if edition == "staff":
        return plan
    pruned = _prune(plan)
    present: dict[str, set[str]] = {}
    _collect_ids(pruned, present)
    return _unlink(pruned, present)


# _prune and _unlink make a new plan, so they walk it themselves; model.walk.nodes only reads one.


def _prune(value: Any) -> Any:
    if isinstance(value, BaseModel):
        if is_internal(value):
            return _REMOVED
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _prune(old)
            if new is not old:
                updates[name] = None if new is _REMOVED else new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        kept = [_prune(item) for item in value]
        kept = [item for item in kept if item is not _REMOVED]
        return kept if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value)) else value
    return value


def _collect_ids(value: Any, present: dict[str, set[str]]) -> None:
    for node in nodes(value):
        if isinstance(node.value, Item):
            present.setdefault(node.value.id_kind, set()).add(node.value.id)


def _unlink(value: Any, present: dict[str, set[str]]) -> Any:
    """Drop references to items that are not in this edition."""
    if isinstance(value, list):
        new = [_unlink(item, present) for item in value]
        return new if any(a is not b for a, b in zip(new, value)) else value
    if not isinstance(value, BaseModel):
        return value
    updates = {}
    for name in type(value).model_fields:
        old = getattr(value, name)
        annotation = field_annotation(type(value), name)
        refs = refs_in(annotation)
        if not refs and isinstance(old, list):
            refs = refs_in(item_annotation(annotation))
            if refs:
                kept = [ref for ref in old if ref in present.get(refs[0].kind, set())]
                if len(kept) != len(old):
                    updates[name] = kept
                continue
        if refs and isinstance(old, str):
            if old not in present.get(refs[0].kind, set()):
                updates[name] = None
            continue
        new = _unlink(old, present)
        if new is not old:
            updates[name] = new
    return value.model_copy(update=updates) if updates else value
