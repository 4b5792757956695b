"""Walk a validated model with its type annotations: what the cross-checks and the editions need."""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any, Union

from pydantic import BaseModel

from .base import Ref


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


@lru_cache(maxsize=1024)
def field_annotation(model: type[BaseModel], name: str) -> Any:
    """The full annotation of a model's field, constraints included (cached per model and field)."""
    info = model.model_fields[name]
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def item_annotation(list_annotation: Any) -> Any:
    """The annotation of the items of a list field."""
    for concrete in concrete_types(list_annotation):
        if typing.get_origin(concrete) is list:
            return typing.get_args(concrete)[0]
    return Any
