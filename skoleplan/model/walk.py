"""A model's type annotations, asked the questions every walk over a plan asks.

The loader's messages (skoleplan/validate.py), the cross-checks, the editions
and the translation status (skoleplan/translate/texts.py) all walk data along
the model's annotations; these are the answers they share, cached where the
same few hundred annotations are asked about for every value of a plan.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, Union

from pydantic import BaseModel

from .base import Naming, Ref


def by_annotation(function):
    """Cache a function of one annotation (an annotation with unhashable metadata is answered uncached)."""
    cached = functools.lru_cache(maxsize=2048)(function)

    @functools.wraps(function)
    def call(annotation: Any) -> Any:
        try:
            return cached(annotation)
        except TypeError:
            return function(annotation)

    return call


@by_annotation
def peel(annotation: Any) -> Any:
    """The annotation without its Annotated layers and without a lone `| None`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


@by_annotation
def union_members(annotation: Any) -> tuple[Any, ...] | None:
    """The members of a union of two or more types (None left out), or None if it is no such union."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return tuple(a for a in typing.get_args(annotation) if a is not type(None))
    return None


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def concrete_types(annotation: Any) -> list[Any]:
    """The types an annotation may hold (through Annotated, Optional and unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return concrete_types(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in concrete_types(arg)]
    return [annotation]


def refs_in(annotation: Any) -> list[Ref]:
    """The `Ref` markers on an annotation (a reference to another item's id)."""
    try:
        return list(_refs_in(annotation))
    except TypeError:  # an annotation with unhashable metadata: not cached
        return _find_refs(annotation)


@lru_cache(maxsize=1024)
def _refs_in(annotation: Any) -> tuple[Ref, ...]:
    """Cached: every walk over a plan asks this of the same few hundred annotations, thousands of times."""
    return tuple(_find_refs(annotation))


def _find_refs(annotation: Any) -> list[Ref]:
    found: list[Ref] = []
    if typing.get_origin(annotation) is typing.Annotated:
        found += [m for m in annotation.__metadata__ if isinstance(m, Ref)]
        found += refs_in(typing.get_args(annotation)[0])
    elif typing.get_origin(annotation) in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += refs_in(arg)
    return found


def names(annotation: Any) -> bool:
    """Whether an annotation is marked as the name of what holds it (`Title`: a title, a term)."""
    return typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(m, Naming) for m in annotation.__metadata__
    ) or (typing.get_origin(annotation) is typing.Annotated and names(typing.get_args(annotation)[0]))


@lru_cache(maxsize=1024)
def field_annotation(model: type[BaseModel], name: str) -> Any:
    """The full annotation of a model's field, constraints included (cached per model and field)."""
    info = model.model_fields[name]
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


@by_annotation
def item_annotation(list_annotation: Any) -> Any:
    """The annotation of the items of a list field."""
    for concrete in concrete_types(list_annotation):
        if typing.get_origin(concrete) is list:
            return typing.get_args(concrete)[0]
    return Any


# --- the model visitor: every value inside a validated model ---------------------------------------


class Node(NamedTuple):
    """One value inside a validated model, with what a walk over the plan asks of it.

    A named tuple rather than a frozen dataclass: a walk over the example's 6,700 values
    takes 10 ms instead of 20 (measured with the model fields cached per model, below),
    and a build walks it several times (checks, guard, editions, translation status).
    """

    path: tuple[str | int, ...]  # field names and list indexes from the model walked
    value: Any
    annotation: Any  # what the model declares here (the field's annotation, or a list's item annotation)
    required: bool  # the field must have a value (not optional); items of a list count as required
    internal: bool  # the value, or something around it, is marked `visibility: internal`
    around_internal: bool  # something around the value is marked internal


def is_internal(value: Any) -> bool:
    """Marked `visibility: internal`: shown only in the staff edition."""
    return getattr(value, "visibility", "public") == "internal"


def nodes(value: Any, annotation: Any = None, *, leave_out: Callable[[Any], bool] | None = None) -> Iterator[Node]:
    """Every value inside `value` (a validated model), depth first, the model itself first.

    The one walk over a validated plan: the validator's checks across files, the
    personal-data guard, the translation status, the editions' ids and the figures use
    it. `leave_out(model)` true skips that model and everything inside it (`is_internal`:
    what the public edition does not show); only models are asked, as only they can be
    marked.
    """
    yield from _nodes(value, annotation if annotation is not None else type(value), (), True, False, leave_out)


def _nodes(value: Any, annotation: Any, path: tuple, required: bool, around: bool, leave_out) -> Iterator[Node]:
    if isinstance(value, BaseModel):
        if leave_out is not None and leave_out(value):
            return
        internal = around or is_internal(value)
        yield Node(path, value, annotation, required, internal, around)
        for name, field, field_required in _fields(type(value)):
            yield from _nodes(getattr(value, name), field, path + (name,), field_required, internal, leave_out)
        return
    yield Node(path, value, annotation, required, around, around)
    if isinstance(value, (list, tuple)):
        inner = item_annotation(annotation)
        for i, item in enumerate(value):
            yield from _nodes(item, inner, path + (i,), True, around, leave_out)


@lru_cache(maxsize=None)
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, annotation, required) of a model's fields, asked once per model rather than once per value."""
    return tuple((name, field_annotation(model, name), info.is_required()) for name, info in model.model_fields.items())


def raw_values(annotation: Any, value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """(path, value, annotation) of every value of plain data read from YAML, along the model's annotations as far
    as the data follows them: for a file that is not valid as a whole, whose ids and references still count."""
    yield path, value, annotation
    inner = peel(annotation)
    if is_model(inner) and isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key in inner.model_fields:
                yield from raw_values(field_annotation(inner, key), item, path + (key,))
    elif isinstance(value, list):
        item_type = item_annotation(annotation)
        for i, item in enumerate(value):
            yield from raw_values(item_type, item, path + (i,))
