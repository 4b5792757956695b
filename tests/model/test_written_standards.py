"""Every text a reader sees is in both written standards, or is marked as the same in both (a name, a number).

Walks every model of the plan (from the content-kind registry), so a new plain-string field fails here until it
is a `Text` or marked `Verbatim` (skoleplan/model/base.py).
"""

from __future__ import annotations

import typing

from skoleplan.model import DATA_FILES
from skoleplan.model.base import Markdown, Text, Verbatim
from skoleplan.model.plan import Equivalent as SearchPair
from skoleplan.model.plan import SearchFile
from skoleplan.model.walk import field_annotation, is_model, peel, refs_in

# Models whose strings are not shown as text: the texts themselves, and the search words (sok.yaml).
TEXT_HOLDERS = (Text, Markdown, SearchPair, SearchFile)


def _annotations(annotation):
    """Every annotation inside one (through Annotated, unions, lists and Optional), metadata kept."""
    yield annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    for arg in args:
        yield from _annotations(arg)


def _verbatim(annotation) -> bool:
    for inner in _annotations(annotation):
        if typing.get_origin(inner) is typing.Annotated and any(isinstance(m, Verbatim) for m in inner.__metadata__):
            return True
    return False


def plain_strings():
    """(model, field) of every string field of the plan's models that is neither a text nor marked."""
    seen, found = set(), []

    def visit(model):
        if model in seen or issubclass(model, TEXT_HOLDERS):
            return
        seen.add(model)
        for name in model.model_fields:
            annotation = field_annotation(model, name)
            for inner in _annotations(annotation):
                bare = peel(inner)
                if is_model(bare):
                    visit(bare)
                elif bare is str and not any(refs_in(a) for a in _annotations(annotation)) and not _verbatim(annotation):
                    found.append(f"{model.__name__}.{name}")
    for data_file in DATA_FILES:
        visit(data_file.model)
    return sorted(set(found))


def test_no_text_a_reader_sees_is_in_one_written_standard_only():
    assert plain_strings() == []


def test_the_walk_would_find_one():
    """The test above can fail: a model with a plain string field is found."""
    from skoleplan.model.base import Model

    class Sample(Model):
        publisher: str

    seen = []
    for name in Sample.model_fields:
        if peel(field_annotation(Sample, name)) is str and not _verbatim(field_annotation(Sample, name)):
            seen.append(name)
    assert seen == ["publisher"]

