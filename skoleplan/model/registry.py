"""The plan's content kinds in one place: every data file, and every kind of item with an id.

Whatever must know the kinds is derived from the two tables below: the loader
(which files exist, which model reads each, which field of `Plan` holds it), the
validator's messages (the Norwegian name of a kind, the files that hold it), the
page index (the page on which an item stands under its own anchor), the README's
table of files and the tests' lists of items. `Plan` itself is made from
`DATA_FILES`.

Adding a content kind: its model (in `plan.py`), a row here, its page template
and its labels (and, for a new page, a row in `skoleplan/site.py`'s `PAGES`).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import create_model

from .base import Item, Model
from .plan import (
    Chapter,
    ChaptersFile,
    Activity,
    CalendarFile,
    Concept,
    ConceptsFile,
    Contact,
    ContactsFile,
    Council,
    CourseFile,
    DutiesFile,
    Duty,
    EnforcementFile,
    Information,
    Ladder,
    Measure,
    MeasuresFile,
    ParentsFile,
    ParticipationFile,
    PlanContent,
    Prevention,
    PreventionFile,
    Resource,
    ResourcesFile,
    Right,
    RightsFile,
    Role,
    RolesFile,
    SchoolCalendarFile,
    SchoolFile,
    SchoolYear,
    SearchFile,
    Situation,
    Stage,
    Topic,
    Value,
)
from .walk import field_annotation, is_model, peel


@dataclass(frozen=True)
class DataFile:
    """One file of the plan under `data/`: its name, the model of its content, the `Plan` field holding it."""

    name: str
    field: str
    model: type[Model]
    holds: str  # what a school writes in it, for the README's table of files
    required: bool = False  # a plan without it is no plan; any other file may be left out (its model, empty)


@dataclass(frozen=True)
class ItemKind:
    """A kind of item with an `id` that other items may refer to."""

    model: type[Item]
    noun: str  # the kind's Norwegian name, as messages say it: «ukjent aktivitet «x»»
    page: str | None = None  # the page (a name in site.PAGES) where each item stands under the anchor `#<id>`

    @property
    def kind(self) -> str:
        return self.model.id_kind


# In the order a reader meets them.
DATA_FILES: tuple[DataFile, ...] = (
    DataFile("skole.yaml", "school", SchoolFile,
             "the school, the plan's version, approval and next revision, vision and values, the accessibility "
             "statement (its uustatus.no address and where readers report problems)", required=True),
    DataFile("roller.yaml", "roles", RolesFile, "the roles work is given to (rektor, kontaktlærer …); never a person's name",
             required=True),
    DataFile("rettigheter.yaml", "rights", RightsFile, "the pupils' rights, and the same in plain words for pupils"),
    DataFile("begreper.yaml", "concepts", ConceptsFile, "concepts: mobbing, krenkelse, …"),
    DataFile("medvirkning.yaml", "participation", ParticipationFile,
             "how staff, parents and pupils are informed and take part; councils"),
    DataFile("forebygging.yaml", "prevention", PreventionFile, "preventive work at school, class and individual level"),
    DataFile("aktivitetsplikt.yaml", "duties", DutiesFile,
             "the duty to act, sub-duty by sub-duty, the situations staff meet, the aktivitetsplan", required=True),
    DataFile("saksgang.yaml", "course", CourseFile, "the course of a case, stage by stage"),
    DataFile("tiltak.yaml", "measures", MeasuresFile, "the catalogue of measures for cases"),
    DataFile("handheving.yaml", "enforcement", EnforcementFile, "how a case goes to Statsforvalteren"),
    DataFile("foresatte.yaml", "parents", ParentsFile, "for parents: how to report a concern and what happens next"),
    DataFile("aarshjul.yaml", "calendar", CalendarFile, "the annual cycle of activities"),
    DataFile("skolerute.yaml", "school_calendar", SchoolCalendarFile,
             "first and last school day, holidays and planning days of each school year"),
    DataFile("ressurser.yaml", "resources", ResourcesFile, "links to official guidance, grouped by topic"),
    DataFile("kontakter.yaml", "contacts", ContactsFile, "contacts for escalation"),
    DataFile("kapitler.yaml", "chapters", ChaptersFile,
             "chapters of the plan's own, each a page: a pedagogical stance, a procedure, the legal basis (text, "
             "lists, figures, references)"),
    DataFile("sok.yaml", "search", SearchFile,
             "search words: synonyms, and words spelt differently in Bokmål and Nynorsk (see «Search words» below)"),
)

ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind(Value, "verdi", "forside"),
    ItemKind(Role, "rolle"),
    ItemKind(Right, "rettighet", "rettigheter"),
    ItemKind(Concept, "begrep", "begreper"),
    ItemKind(Information, "informasjonstiltak", "medvirkning"),
    ItemKind(Council, "råd eller utvalg", "medvirkning"),
    ItemKind(Prevention, "forebyggende tiltak", "forebygging"),
    ItemKind(Duty, "delplikt", "aktivitetsplikt"),  # and a page of its own (site.PAGES, `each="duty"`)
    ItemKind(Situation, "situasjon", "forside"),
    ItemKind(Ladder, "trinnvis oppfølging", "aktivitetsplikt"),
    ItemKind(PlanContent, "punkt i aktivitetsplanen"),
    ItemKind(Stage, "steg i saksgangen", "saksgang"),
    ItemKind(Measure, "tiltak", "tiltak"),
    ItemKind(Activity, "aktivitet", "aarshjul"),
    ItemKind(SchoolYear, "skoleår"),
    ItemKind(Topic, "tema", "ressurser"),
    ItemKind(Resource, "ressurs", "ressurser"),
    ItemKind(Contact, "kontakt", "kontakt"),
    ItemKind(Chapter, "kapittel"),  # a page of its own (site.PAGES, `each="chapter"`)
)

Plan = create_model(
    "Plan",
    __base__=Model,
    __module__=__name__,
    __doc__="Every data file of one school, validated and cross-checked: one field per row of DATA_FILES.",
    **{f.field: (f.model, ...) for f in DATA_FILES},
)

FILES: dict[str, type[Model]] = {f.name: f.model for f in DATA_FILES}
FIELD_OF_FILE: dict[str, str] = {f.name: f.field for f in DATA_FILES}
KINDS: dict[str, ItemKind] = {k.kind: k for k in ITEM_KINDS}


def noun(kind: str) -> str:
    """The Norwegian name of an item kind («activity» → «aktivitet»)."""
    return KINDS[kind].noun if kind in KINDS else kind


# --- where the items of each kind are: derived from the models -----------------------------------


@dataclass(frozen=True)
class ItemList:
    """A list of items inside a data file: `aarshjul.yaml`, `("activities",)` holds activities."""

    file: str
    path: tuple[str, ...]  # field names from the top of the file (lists of lists are not used)
    kind: str


def _lists_in(model: type[Model], path: tuple[str, ...], seen: frozenset[type]) -> list[tuple[tuple[str, ...], type]]:
    """Every list field holding models, below `model`, with its path and the model of its items."""
    found = []
    for name in model.model_fields:
        bare = peel(field_annotation(model, name))
        if typing.get_origin(bare) is list:
            inner = peel(typing.get_args(bare)[0])
            if is_model(inner):
                found.append((path + (name,), inner))
                if inner not in seen:
                    found += _lists_in(inner, path + (name,), seen | {inner})
        elif is_model(bare) and bare not in seen:
            found += _lists_in(bare, path + (name,), seen | {bare})
    return found


def _item_lists() -> tuple[ItemList, ...]:
    lists = []
    for data_file in DATA_FILES:
        for path, inner in _lists_in(data_file.model, (), frozenset({data_file.model})):
            if issubclass(inner, Item):
                lists.append(ItemList(data_file.name, path, inner.id_kind))
    return tuple(lists)


# Every list of items in a plan: which file, where in it, which kind. Items only stand in these lists.
ITEM_LISTS: tuple[ItemList, ...] = _item_lists()


def files_holding(kind: str) -> list[str]:
    """The data files that hold items of `kind` («role» → [«roller.yaml»])."""
    return list(dict.fromkeys(lst.file for lst in ITEM_LISTS if lst.kind == kind))


def items_of(plan: Any, kind: str) -> list[Item]:
    """Every item of one kind in a plan (or in an edition of it), in the order of the files."""
    found: list[Item] = []
    for lst in ITEM_LISTS:
        if lst.kind == kind:
            found += _follow(getattr(plan, FIELD_OF_FILE[lst.file]), lst.path)
    return found


def _follow(value: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at `path`, stepping into every item of a list passed on the way."""
    values = [value]
    for name in path:
        step: list[Any] = []
        for v in values:
            inner = getattr(v, name, None) if v is not None else None
            if isinstance(inner, list) and name != path[-1]:
                step += inner
            elif inner is not None:
                step.append(inner)
        values = step
    return [item for v in values for item in (v if isinstance(v, list) else [v])]


def _check() -> None:
    """Every Item model of the plan has a row in ITEM_KINDS, and no row names a kind no file holds."""
    held = {lst.kind for lst in ITEM_LISTS}
    missing = held - set(KINDS)
    unused = set(KINDS) - held
    if missing or unused:  # pragma: no cover - a developer's mistake, caught on import
        raise RuntimeError(f"ITEM_KINDS disagrees with the models: missing {sorted(missing)}, unused {sorted(unused)}")


_check()
