"""Stage 2, validate: plain values from `source` become a `Plan`, or a list of problems.

Pydantic's messages are English and point at paths, not lines; here each
error becomes one Norwegian sentence at a file, line and column. Checks that
span files (unknown or duplicate ids) run on every file that is valid on its
own; references into a file that is not are checked once it is.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Tag, ValidationError
from pydantic.fields import FieldInfo

from .errors import PlanError, Problem, display_path
from .model import DATA_FILES, FIELD_OF_FILE, FILES, Item, Plan
from .model.plan import ChaptersFile, Figure
from .model.base import ErrorAt, WithinDays
from .model.registry import files_holding, noun
from .model.timing import TIMING_KEYS, no_such_day
from .model.walk import field_annotation, is_internal, is_model, names, nodes, peel, raw_values, refs_in, union_members
from .guard import identity_number_problems, public_contact_problems
from .site import PAGES
from .layers import MUNICIPALITY_FILE, Layer, Merged, layer_chain, merge_layers
from .source import COMMA_IN_TEXT, Loc, SourceFile, load_file, read_bytes, reference_parser


# What a pydantic error type says was expected, by the type's first word
# («int_parsing», «int_from_float» → «int»).
EXPECTED = {
    "string": "tekst",
    "int": "et heltall",
    "float": "et tall",
    "bool": "true eller false",
    "list": "en liste (linjer som begynner med «- »)",
    "dict": "en blokk med nøkler",
    "model": "en blokk med nøkler",
    "date": "en dato ÅÅÅÅ-MM-DD",
    "time": "et klokkeslett TT:MM",
    "url": "en nettadresse som begynner med https://",
}


def _join(words: list[str], last: str = "og") -> str:
    words = [str(w) for w in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _shown(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- from a pydantic loc to the place in the data --------------------------


def _tag(member: Any) -> str | None:
    """The `Tag` of a member of a discriminated union."""
    while typing.get_origin(member) is typing.Annotated:
        for meta in member.__metadata__:
            if isinstance(meta, Tag):
                return meta.tag
        member = typing.get_args(member)[0]
    return None


def _member_by_label(members: list[Any], label: Any) -> Any:
    """The member a plain union's error names in its loc: «WithinDays», «date», «literal['straks',…]»."""
    for member in members:
        bare = peel(member)
        origin = typing.get_origin(bare)
        if isinstance(bare, type) and bare.__name__ == label:
            return member
        if origin is Literal and str(label).startswith("literal["):
            return member
        if origin is list and str(label).startswith("list["):
            return member
    return Any


def _shape_fits(member: Any, value: Any) -> bool:
    """Whether a union member is the kind of thing the user wrote: a block, a list or a single value."""
    bare = peel(member)
    if isinstance(value, dict):
        return is_model(bare) or bare is dict
    if isinstance(value, list):
        return typing.get_origin(bare) is list
    return not is_model(bare) and typing.get_origin(bare) is not list


def _knows_keys(member: Any, value: Any) -> bool:
    """Whether a union member has a field for every key of the block the user wrote."""
    return not isinstance(value, dict) or set(value) <= set(allowed_fields(member))


@dataclass(frozen=True)
class UnionChoice:
    """A plain (not discriminated) union passed on the way to an error: pydantic tried every member."""

    loc: tuple  # the loc up to the union
    union: Any  # the union's annotation
    label: str  # the member this error belongs to, as the loc names it
    member: Any
    value: Any  # what the user wrote where the union stands


@dataclass(frozen=True)
class Place:
    """Where a pydantic loc points in the data, and what the model expects there."""

    path: Loc  # keys and indexes into the data: the loc without union tags and labels
    annotation: Any  # what the model expects at the end of the loc (Any when unknown)
    value: Any  # what the user wrote at `path`
    complete: bool  # whether the whole loc exists in the data (not so for a missing field)
    field: FieldInfo | None  # the last model field passed
    unions: tuple[UnionChoice, ...]


def place_of(root: Any, data: Any, loc: tuple) -> Place:
    """Follow a pydantic `loc` through the model and the data side by side.

    A loc also holds parts that are not keys in the data: the tag of a
    discriminated union (`timing` → `date` → `time`, where `date` names the kind
    of timing) and the member of a plain union (`deadline` → `WithinDays` → `days`).
    Walking the model tells them apart even where a tag is also a key.
    """
    annotation, value, path, field, unions = root, data, [], None, []
    complete = True
    for i, part in enumerate(loc):
        bare = peel(annotation)
        members = union_members(bare)
        if members is not None:
            tags = {tag: m for m in members if (tag := _tag(m)) is not None}
            if tags:
                annotation = tags.get(part, Any)
            else:
                annotation = _member_by_label(members, part)
                unions.append(UnionChoice(loc[:i], bare, str(part), annotation, value))
            continue
        if isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value):
            annotation = typing.get_args(bare)[0] if typing.get_origin(bare) is list else Any
            value = value[part]
            path.append(part)
        elif isinstance(part, str) and isinstance(value, dict) and part in value:
            field = bare.model_fields.get(part) if is_model(bare) else None
            annotation = field_annotation(bare, part) if field else Any
            value = value[part]
            path.append(part)
        else:  # a missing field, or a part of the loc this walk does not know
            complete = False
            missing = bare.model_fields.get(part) if is_model(bare) and isinstance(part, str) else None
            annotation = field_annotation(bare, part) if missing else Any
    return Place(tuple(path), annotation, value, complete, field, tuple(unions))


def allowed_fields(annotation: Any) -> list[str]:
    """The field names a block may have where the model expects `annotation`."""
    bare = peel(annotation)
    if is_model(bare):
        return list(bare.model_fields)
    names: list[str] = []
    for member in union_members(bare) or []:
        names += allowed_fields(member)
    return list(dict.fromkeys(names))


# --- pydantic errors → Norwegian ----------------------------------------------


@dataclass
class Found:
    """One pydantic error, with where it points in the data."""

    error: dict
    place: Place

    @property
    def type(self) -> str:
        return self.error["type"]

    @property
    def last(self) -> Any:
        return self.error["loc"][-1] if self.error["loc"] else None


def _choose_members(found: list[Found]) -> list[Found]:
    """Where a value fits no member of a plain union, keep only the errors of the member the user meant.

    Pydantic reports every member's errors («not a word from the list», «not a
    block», «missing days», «missing weeks»); the user wrote one of them. That is
    the member of the same shape as the value (a block, a list or a single value)
    that has every key the user wrote («after_weeks»), with the fewest errors, the first one declared on a tie.
    """
    chosen: dict[tuple, str] = {}

    def alive(f: Found) -> bool:
        return all(chosen.get(u.loc, u.label) == u.label for u in f.place.unions)

    for loc in sorted({u.loc for f in found for u in f.place.unions}, key=len):
        candidates: dict[str, tuple[UnionChoice, int]] = {}
        for f in found:
            if not alive(f):
                continue
            for u in f.place.unions:
                if u.loc == loc:
                    _, count = candidates.get(u.label, (u, 0))
                    candidates[u.label] = (u, count + 1)
        if candidates:
            order = list(candidates)
            chosen[loc] = min(
                order,
                key=lambda label: (
                    not _shape_fits(candidates[label][0].member, candidates[label][0].value),
                    not _knows_keys(candidates[label][0].member, candidates[label][0].value),
                    candidates[label][1],
                    order.index(label),
                ),
            )
    return [f for f in found if alive(f)]


def _got(value: Any, written: str | None = None) -> str:
    if value is None:
        return "ingen verdi"
    if isinstance(value, (list, dict)):
        return {list: "en liste", dict: "en blokk med nøkler"}[type(value)]
    if written is not None:
        return f"«{_shown(written)}»"
    if isinstance(value, bool):
        return f"«{str(value).lower()}»"
    return f"«{_shown(value)}»"


@dataclass
class Message:
    text: str
    path: Loc  # where to point
    key: bool = False  # at the key of `path`, not its value
    meant: str | None = None  # for an unknown field: the field the user probably meant


def _message(f: Found, root: type[BaseModel], source: SourceFile) -> Message:
    """One Norwegian sentence for one pydantic error, and the place to show it."""
    kind, place, last = f.type, f.place, f.last
    ctx = f.error.get("ctx", {})
    field = next((p for p in reversed(place.path) if isinstance(p, str)), None)
    where = f"«{field}»: " if field else ""
    # What the user wrote; pydantic's input may be the model's conversion of it («søndag» → 7).
    value = place.value if place.complete else f.error.get("input")
    got = _got(value, source.written.get(place.path) if place.complete else None)

    def say(text: str) -> Message:
        return Message(text, place.path)

    if kind == "missing":
        if last in ("nb", "nn"):
            name = "bokmål (nb)" if last == "nb" else "nynorsk (nn)"
            return say(
                f"{where}mangler teksten på {name}; hver tekst skal finnes både på bokmål og nynorsk "
                "(«make oversett» lager et maskinoversatt utkast)"
            )
        # In a list the line of the item («- id: …») says where; the list's name would not.
        return say(f"{'' if place.path and isinstance(place.path[-1], int) else where}mangler feltet «{last}»")
    if kind == "extra_forbidden":
        block = place_of(root, source.data, f.error["loc"][:-1])
        expected = block.annotation
        if block.unions and block.unions[-1].loc == f.error["loc"][:-2]:
            expected = block.unions[-1].union  # a block of a plain union may have the fields of any member
        allowed = allowed_fields(expected)
        close = difflib.get_close_matches(str(last), [a for a in allowed if a != last], n=1, cutoff=0.6)
        if close:
            return Message(f"ukjent felt «{last}»; mente du «{close[0]}»?", place.path, key=True, meant=close[0])
        expected = f"; forventet ett av: {', '.join(allowed)}" if allowed else ""
        if " " in str(last).strip() and {"nb", "nn"} <= set(allowed):  # «{nb: Vg1, Vg2 og Vg3, nn: …}»
            expected += COMMA_IN_TEXT
        return Message(f"ukjent felt «{last}»{expected}", place.path, key=True)
    if kind == "timing_kind":
        keys = ", ".join(TIMING_KEYS)
        if isinstance(value, dict):
            for key in value:
                close = difflib.get_close_matches(str(key), TIMING_KEYS, n=1, cutoff=0.6)
                if close:
                    return Message(
                        f"ukjent nøkkel «{key}» i tidspunktet; mente du «{close[0]}»?", place.path + (key,), key=True
                    )
            return say(f"{where}tidspunktet har ingen av nøklene {keys}")
        return say(f"{where}forventet et tidspunkt (en blokk med en av nøklene {keys}), fant {got}")
    if kind == "literal_error":
        bare = peel(place.annotation)
        if typing.get_origin(bare) is Literal:
            literals = typing.get_args(bare)
        else:  # pydantic's «'a', 'b' or 'c'»
            literals = tuple(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        if literals and all(isinstance(c, bool) for c in literals):
            return say(f"{where}forventet true eller false, fant {got}")
        choices = [str(c) for c in literals]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6) if isinstance(value, str) else []
        if close:
            return say(f"{where}ugyldig verdi {got}; mente du «{close[0]}»?")
        if place.unions and WithinDays in (union_members(place.unions[-1].union) or ()):  # a deadline: words or a block
            return say(f"{where}ugyldig verdi {got}; forventet en av: {', '.join(choices)}, eller en blokk: "
                       "{days: 5} (innen 5 dager), {working_days: 5} (innen 5 virkedager), {weeks: 2} (innen 2 uker), "
                       "{after_weeks: 3-4} (etter 3–4 uker), eller {text: {nb: …, nn: …}} med planens egne ord")
        return say(f"{where}ugyldig verdi {got}; forventet en av: {', '.join(choices)}")
    if kind == "string_pattern_mismatch":
        if last == "id":
            return say(
                f"ugyldig id {got}; en id skrives med små bokstaver, tall og bindestrek, for eksempel «foreldremote-host»"
            )
        if last == "phone":
            return say(f"{where}ugyldig telefonnummer {got}; forventet 8 sifre, gjerne med +47 foran")
        if last == "email":
            return say(f"{where}ugyldig e-postadresse {got}; forventet for eksempel «navn@skole.no»")
        return say(f"{where}ugyldig verdi {got}")
    if kind in ("model_type", "model_attributes_type") and isinstance(value, str):
        if {"nb", "nn"} <= set(allowed_fields(place.annotation)):
            return say(f"{where}forventet tekst på både bokmål og nynorsk (nøklene nb og nn), fant bare én tekst")
    if kind.startswith("url_"):
        return say(f"{where}{got} er ikke en gyldig nettadresse; forventet en adresse som begynner med https://")
    if kind.startswith(("date_", "datetime_")) and isinstance(value, str):
        if written := re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value):  # the form is right: say why not
            year, month = int(written[1]), int(written[2])
            return say(f"{where}{no_such_day(value.strip(), year, month, 'ÅÅÅÅ-MM-DD, for eksempel «2025-09-02»')}")
        return say(f"{where}{got} er ikke en gyldig dato; forventet ÅÅÅÅ-MM-DD, for eksempel «2025-09-02»")
    if kind.startswith(("time_",)) and isinstance(value, str):
        return say(f"{where}{got} er ikke et gyldig klokkeslett; forventet TT:MM, for eksempel «18:00»")
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, list) and not value:
            return say(f"{where}listen er tom; forventet minst {ctx.get('min_length')} punkt")
        if isinstance(value, list):
            return say(f"{where}listen har {len(value)} punkt; forventet minst {ctx.get('min_length')}")
        return say(f"{where}teksten er tom; forventet innhold")
    if kind in ("too_long", "string_too_long"):
        if isinstance(value, list):
            return say(f"{where}listen har {len(value)} punkt; forventet høyst {ctx.get('max_length')}")
        return say(f"{where}teksten er for lang; forventet høyst {ctx.get('max_length')} tegn")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        if isinstance(value, str) and not isinstance(f.error.get("input"), str):
            # The model turned the text into a number («søndag» → 7); its bounds mean nothing to the user.
            description = place.field.description if place.field and place.field.description else ""
            expected = f"; forventet {description[:1].lower()}{description[1:]}" if description else ""
            return say(f"{where}{got} er ikke tillatt her{expected}")
        if kind.startswith("greater"):
            return say(f"{where}{got} er for lite; forventet minst {ctx.get('ge', ctx.get('gt'))}")
        return say(f"{where}{got} er for stort; forventet høyst {ctx.get('le', ctx.get('lt'))}")
    if kind == "value_error":
        error = ctx.get("error", f.error.get("msg", ""))
        if isinstance(error, ErrorAt):  # at the item or field the validator names
            return Message(str(error), place.path + error.loc)
        return say(f"{where}{error}")
    expected = EXPECTED.get(kind.split("_")[0])
    if expected and (kind.endswith(("_type", "_parsing")) or "_from_" in kind):
        if value is None:
            return say(f"{where}verdien mangler; forventet {expected}")
        hint = ""
        if expected == "tekst" and isinstance(value, (bool, int, float)):
            hint = f'; sett anførselstegn rundt teksten: "{source.written.get(place.path, value)}"'
        return say(f"{where}feil type: forventet {expected}, fant {got}{hint}")
    return say(f"{where}ugyldig verdi {got} ({f.error.get('msg')})")  # pragma: no cover - fallback


def problems_from(exc: ValidationError, root: type[BaseModel], source: SourceFile) -> list[Problem]:
    found = [Found(e, place_of(root, source.data, e["loc"])) for e in exc.errors(include_url=False)]
    found = _choose_members(found)
    messages = [(f, _message(f, root, source)) for f in found]
    # «ukjent felt «verison»; mente du «version»?» already says that «version» is missing.
    meant = {(m.path[:-1], m.meant) for _, m in messages if m.meant}
    problems = []
    for f, m in messages:
        if f.type == "missing" and (f.place.path, f.last) in meant:
            continue
        problems.append(source.problem(m.path, m.text, key=m.key))
    return problems


def text_as_boolean(annotation: Any, value: Any, path: Loc = ()) -> Iterator[Loc]:
    """Where the model would quietly read text as a boolean (pydantic takes «no», «on», «1»).

    YAML 1.2, which the loader follows, has only `true` and `false`.
    """
    bare = peel(annotation)
    if bare is bool:
        if value is not None and not isinstance(value, bool):
            yield path
    elif (members := union_members(bare)) is not None:
        for member in members:
            if is_model(peel(member)) or typing.get_origin(peel(member)) is list:
                yield from text_as_boolean(member, value, path)
    elif typing.get_origin(bare) is list and isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_as_boolean(typing.get_args(bare)[0], item, path + (i,))
    elif is_model(bare) and isinstance(value, dict):
        for name in bare.model_fields:
            if name in value:
                yield from text_as_boolean(field_annotation(bare, name), value[name], path + (name,))


# --- cross-references -------------------------------------------------------


def cross_check(
    models: dict[str, BaseModel], sources: dict[str, SourceFile], removed: dict[str, Problem] | None = None,
    invalid: dict[str, Any] | None = None,
) -> list[Problem]:
    """Duplicate ids within a kind, references to ids that do not exist, and what the public edition cannot show.

    `invalid`: the plain data of files that were not valid on their own (file → data); their references are
    checked too, as far as their data follows the model, so one mistake in a file does not hide an unknown id in
    the same file (every problem in one run). References to a kind held in an invalid file are not checked, as
    its ids are not known.
    """
    invalid = invalid or {}
    problems: list[Problem] = []
    ids: dict[str, dict[str, tuple[str, Loc, bool]]] = {}  # kind → id → (file, path, internal)
    refs: list[tuple[str, str, Loc, str, bool]] = []  # (kind, id, path, file, required by public content)

    def problem(file: str, path: Loc, message: str) -> None:
        problems.append(sources[file].problem(path, message))

    def once(kind: str, item_id: str, file: str, path: Loc, internal: bool) -> None:
        """An item's id, known from here on; a second item of its kind with it is a problem."""
        seen = ids.setdefault(kind, {})
        if item_id not in seen:
            seen[item_id] = (file, path, internal)
            return
        first_file, first_path, _ = seen[item_id]
        first = sources[first_file].position(first_path + ("id",))
        first_path_shown = first.file or sources[first_file].path
        here = sources[file].position(path + ("id",))
        in_file = "" if first_path_shown == (here.file or sources[file].path) else f" i {first_path_shown}"
        problem(file, path + ("id",), f"id «{item_id}» er brukt før ({noun(kind)}{in_file} på linje {first.line}); "
                "en id må være unik")

    for file, model in models.items():
        owners: list[tuple[Loc, Item]] = []  # the items around the current value, innermost last
        for node in nodes(model):
            path, value = node.path, node.value
            while owners and owners[-1][0] != path[: len(owners[-1][0])]:
                owners.pop()
            if isinstance(value, Item):
                owners.append((path, value))
                once(value.id_kind, value.id, file, path, node.internal)
            field = path[-1] if path and isinstance(path[-1], str) else None
            if is_internal(value) and not node.around_internal and node.required and names(node.annotation):
                owner = f"elementet «{owners[-1][1].id}» ({noun(owners[-1][1].id_kind)})" if owners else "elementet"
                problem(file, path, f"«{field}» kan ikke være intern når resten av {owner} er offentlig; "
                        "merk i stedet hele elementet visibility: internal")
            if isinstance(value, str):
                for ref in refs_in(node.annotation):
                    refs.append((ref.kind, value, path, file, bool(field) and node.required and not node.internal))
    for file, data in invalid.items():
        for path, value, annotation in raw_values(FILES[file], data):
            item = peel(annotation)
            if is_model(item) and issubclass(item, Item) and isinstance(value, dict) and isinstance(value.get("id"), str):
                once(item.id_kind, value["id"], file, path, False)  # in the same run as the file's other mistakes
            if isinstance(value, str):
                refs += [(ref.kind, value, path, file, False) for ref in refs_in(annotation)]
    for kind, value, path, file, required_in_public in refs:
        holders = files_holding(kind)
        if not all(name in models for name in holders):
            continue
        known = ids.get(kind, {})
        if value not in known:
            name = noun(kind)
            where = f" i {_join(holders, 'eller')}" if holders else ""
            message = f"ukjent {name} «{value}»; det finnes ingen {name} med denne id-en{where}"
            if removed and value in removed:
                gone = removed[value]
                message = (f"{name} «{value}» er fjernet (remove i {gone.file}:{gone.line}:{gone.column}), men brukes her; "
                           "ta den bort her også, eller la den stå")
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            if close and not (removed and value in removed):
                message += f"; mente du «{close[0]}»?"
            problem(file, path, message)
        elif required_in_public and known[value][2]:
            problem(file, path, f"«{value}» er en intern {noun(kind)}, men «{path[-1]}» her vises på det åpne nettstedet "
                    f"og må ha en {noun(kind)}; merk også dette elementet visibility: internal, eller gjør "
                    f"{noun(kind)} «{value}» offentlig")
    return problems


# --- the whole directory ----------------------------------------------------


def _top_fields(model: type[BaseModel]) -> str:
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    fields = required or list(model.model_fields)
    return f"feltet {fields[0]}" if len(fields) == 1 else f"feltene {_join(fields)}"


def validate_file(path: Path, name: str) -> tuple[SourceFile, BaseModel | None, list[Problem]]:
    """Read and validate one data file on its own, as the model for `name` (for example «aarshjul.yaml»)."""
    return validate_layers([path], name)[:3]


def validate_layers(paths: list[Path], name: str) -> tuple[SourceFile, BaseModel | None, list[Problem], Merged]:
    """Read one data file from each layer that has it (base first), merge them, and validate the result."""
    result = _validate_layers(paths, name)
    if result[2]:  # a problem: read the files again with PyYAML's own parser, which the messages are written for
        with reference_parser():
            result = _validate_layers(paths, name)
    return result


def _validate_layers(paths: list[Path], name: str) -> tuple[SourceFile, BaseModel | None, list[Problem], Merged]:
    model = FILES[name]
    layers: list[SourceFile] = []
    for path in paths:
        source, found = load_file(path, display_path(path), root=path.parent)
        if found:
            return source, None, found, Merged(source, [source])
        if source.data is None and () not in source.values:
            return source, None, [Problem(source.path, 1, 1, f"filen er tom; forventet {_top_fields(model)}")], Merged(source, [source])
        if not isinstance(source.data, dict):
            message = f"feil type: forventet en blokk med {_top_fields(model)} øverst i filen, fant {_got(source.data)}"
            return source, None, [source.problem((), message)], Merged(source, [source])
        layers.append(source)
    merged = merge_layers(layers, model)
    source = merged.source
    if merged.problems:
        return source, None, merged.problems, merged
    problems: list[Problem] = []
    validated: BaseModel | None = None
    try:
        validated = model.model_validate(source.data)
    except ValidationError as exc:
        problems = problems_from(exc, model, source)
    reported = {(p.file, p.line, p.column) for p in problems}
    for where in text_as_boolean(model, source.data):
        found = source.problem(where, "")
        if (found.file, found.line, found.column) not in reported:
            got = _got(_value_at(source.data, where), source.written.get(where))
            problems.append(source.problem(where, f"«{where[-1]}»: forventet true eller false, fant {got}"))
    return source, (validated if not problems else None), problems, merged


def _value_at(data: Any, path: Loc) -> Any:
    for part in path:
        data = data[part]
    return data


def load_plan(data_dir: Path | str) -> Plan:
    """Read, validate and cross-check every data file; raise `PlanError` with every problem."""
    plan, later_checks = load_plan_in_stages(data_dir)
    problems = later_checks()
    if problems:
        raise PlanError(problems)
    return plan


def load_plan_in_stages(data_dir: Path | str) -> tuple[Plan, Callable[[], list[Problem]]]:
    """The plan once every file is valid on its own, and the checks across files, to run before publishing.

    Raises `PlanError` with every problem of the files. The checks left
    (references between files, personal data) need the whole plan but not the
    pages, so the build starts before they run and publishes nothing unless they
    find nothing (skoleplan/build.py). `load_plan` runs both stages at once.
    """
    loaded = load(data_dir)
    return loaded.plan, loaded.later_checks


@dataclass
class Loaded:
    """A plan as read from its layers: the plan, the checks still to run, and what the editor should be told."""

    plan: Plan
    later_checks: Callable[[], list[Problem]]
    layers: list[Layer]  # base first, the plan's own folder last
    merged: dict[str, Merged]  # per data file present in some layer
    notices: list[Problem]  # warnings: a text only half overridden, a base text changed since it was overridden


def _missing(path: Path) -> Problem:
    return Problem(display_path(path), 1, 1, "filen mangler; hver plan trenger denne filen")


def load_files(data_dir: Path | str, names: tuple[str, ...]) -> dict[str, BaseModel]:
    """Some data files of the plan in `data_dir`, each merged over its layers and valid on its own, without the
    checks across files: for a tool that reads only a part of the plan (the spreadsheet import reads the roles,
    duties, resources and the school: 0.04 s for the example school, the whole plan 0.13 s). Raises `PlanError`."""
    data_dir = Path(data_dir)
    layers, problems = layer_chain(data_dir)
    if problems:
        raise PlanError(problems)
    models: dict[str, BaseModel] = {}
    for data_file in (f for f in DATA_FILES if f.name in names):
        paths = [layer.folder / data_file.name for layer in layers if (layer.folder / data_file.name).is_file()]
        if not paths:
            if data_file.required:
                problems.append(_missing(data_dir / data_file.name))
            models[data_file.name] = data_file.model()
            continue
        _, model, found, _ = validate_layers(paths, data_file.name)
        problems += found
        if model is not None:
            models[data_file.name] = model
    if problems:
        raise PlanError(problems)
    return models


def load(data_dir: Path | str) -> Loaded:
    """Read every layer of the plan in `data_dir`, merge and validate each data file (see `load_plan_in_stages`)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        what = "er ikke en mappe" if data_dir.exists() else "finnes ikke"
        raise PlanError([Problem(display_path(data_dir), 1, 1, f"mappen med datafilene {what}")])
    layers, problems = layer_chain(data_dir)
    if problems:  # which files the plan has is not known
        raise PlanError(problems)
    stems = {Path(name).stem: name for name in FILES}
    present: dict[str, list[Path]] = {}
    for layer in layers:
        for path in sorted(layer.folder.iterdir()):
            if path.suffix not in (".yaml", ".yml") or path.name == MUNICIPALITY_FILE:
                continue
            if path.name not in FILES:
                close = difflib.get_close_matches(path.stem, list(stems), n=1, cutoff=0.8)
                hint = f"; mente du «{stems[close[0]]}»?" if close else f"; forventet en av: {', '.join(FILES)}"
                problems.append(Problem(display_path(path), 1, 1, f"ukjent datafil{hint}"))
                continue
            present.setdefault(path.name, []).append(path)
    sources: dict[str, SourceFile] = {}
    models: dict[str, BaseModel] = {}
    merged: dict[str, Merged] = {}
    for data_file in DATA_FILES:
        name, path = data_file.name, data_dir / data_file.name
        if name not in present:
            if data_file.required:
                problems.append(_missing(path))
            else:  # a part the plan does not have: its model, empty
                models[name] = data_file.model()
                sources[name] = SourceFile(display_path(path))
            continue
        source, model, found, merged[name] = validate_layers(present[name], name)
        sources[name] = source
        problems += found
        if model is not None:
            models[name] = model
    removed = {item: where for m in merged.values() for item, where in m.removed.items()}
    if problems:  # every problem found, in one report
        raise PlanError(problems + _across_files(models, sources, merged, removed))

    def later_checks() -> list[Problem]:
        return _across_files(models, sources, merged, removed)

    plan = Plan(**{FIELD_OF_FILE[name]: model for name, model in models.items()})
    notices = [notice for m in merged.values() for notice in m.notices]
    notices += _off_the_calendar(plan, sources["aarshjul.yaml"])
    notices += _not_yet_checked(layer for m in merged.values() for layer in m.layers)
    return Loaded(plan, later_checks, layers, merged, notices)


_CHECK_MARK = re.compile(r"^[ \t]*#[ \t]*SJEKK\b[ \t:]*(.*)$", re.M)


def _not_yet_checked(files: Iterable[SourceFile]) -> list[Problem]:
    """What `make importer` marked «# SJEKK» and nobody has looked at yet: valid YAML, not yet the plan."""
    return [
        Problem(file.path, file.text.count("\n", 0, mark.start()) + 1, 1,
                f"merket «# SJEKK» av importen og ikke sett over ennå: {mark[1].strip()}; rett det som trengs, "
                "og ta så bort kommentaren")
        for file in files for mark in _CHECK_MARK.finditer(file.text)
    ]


def _off_the_calendar(plan: Plan, source: SourceFile) -> list[Problem]:
    """Dated activities that come to no event in a school year: told, not refused (another year may have them)."""
    from .resolve.dates import off_the_calendar
    from .resolve.text import describe_timing, join

    years = plan.school_calendar.school_years
    told = []
    for index, activity in enumerate(plan.calendar.activities):
        off = off_the_calendar(activity, years)
        if not off:
            continue
        what = f"«{activity.id}» ({describe_timing(activity.timing, 'nb')})"
        where = ("activities", index, "timing")
        closed = [year.replace("-", "–") for year, why in off if why == "no_school_days"]
        if closed:
            told.append(source.problem(where, (
                f"{what} faller bare på skolefrie dager (helg, ferie, planleggingsdag) i {_years(closed)} "
                "og kommer ikke i kalenderen da; velg andre dager, eller skriv school_days_only: false hvis den skal stå "
                "der likevel")))
        missing = [year.replace("-", "–") for year, why in off if why == "no_such_holiday"]
        if missing:
            holiday = getattr(activity.timing, "holiday", "ferien")
            told.append(source.problem(where, (
                f"{what}: skolerute.yaml har ingen {holiday} i {_years(missing)}, så aktiviteten kommer "
                f"ikke i kalenderen da; legg inn ferien, eller skriv kind: {holiday} på ferien hvis den heter noe annet")))
        if ("", "outside_school_year") in off:
            ids = join([year.id.replace("-", "–") for year in years], "nb")
            told.append(source.problem(where, (
                f"{what} er ikke i noen av skoleårene i skolerute.yaml ({ids}) og kommer ikke i kalenderen; "
                "stemmer året?")))
    return told


def _years(ids: list[str]) -> str:
    """«skoleåret 2025–2026», «skoleårene 2025–2026 og 2026–2027»."""
    from .resolve.text import join

    return f"skoleåret {ids[0]}" if len(ids) == 1 else f"skoleårene {join(ids, 'nb')}"


def _across_files(
    models: dict[str, BaseModel], sources: dict[str, SourceFile], merged: dict[str, Merged], removed: dict[str, Problem]
) -> list[Problem]:
    """References between the files, and the personal-data guard (identity numbers anywhere, contacts in public)."""
    invalid = {name: sources[name].data for name in merged if name not in models and isinstance(sources[name].data, dict)}
    problems = cross_check(models, sources, removed, invalid) + chapter_problems(models, sources)
    for layers in merged.values():
        for source in layers.layers:
            problems += identity_number_problems(source)
    problems += public_contact_problems(models, sources)
    return problems


# Image files by their first bytes: a file named .png must be one (a browser trusts the bytes, not the name).
IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}


def _image_type(raw: bytes) -> str | None:
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WebP"
    return next((kind for signature, kind in IMAGE_SIGNATURES.items() if raw.startswith(signature)), None)


def chapter_problems(models: dict[str, BaseModel], sources: dict[str, SourceFile]) -> list[Problem]:
    """A chapter's place in the menu names a page or chapter that exists; its images are images in the data folder."""
    chapters_file = next((name for name, model in models.items() if isinstance(model, ChaptersFile)), None)
    if chapters_file is None:
        return []
    source, problems = sources[chapters_file], []

    def problem(path: Loc, message: str) -> None:
        problems.append(source.problem(path, message))

    chapters = models[chapters_file].chapters
    places = [page.name for page in PAGES if page.each is None] + [c.id for c in chapters]
    for i, chapter in enumerate(chapters):
        if chapter.after is not None and chapter.after not in places:
            close = difflib.get_close_matches(chapter.after, places, n=1, cutoff=0.6)
            hint = f"mente du «{close[0]}»?" if close else f"skriv navnet på en side ({', '.join(places[:-len(chapters)])}) eller id-en til et annet kapittel"
            problem(("chapters", i, "after"), f"kapitlet skal stå etter «{chapter.after}», men det finnes ingen side eller kapittel med det navnet; {hint}")
    for node in nodes(models[chapters_file]):
        if not isinstance(node.value, Figure):
            continue
        path = node.path + ("file",)
        written = source.position(path)  # an image lies in the folder of the layer that names it
        folder = Path(written.file or source.path).parent
        file, root = folder / node.value.file, folder.resolve()
        if not file.exists():
            problem(path, f"finner ikke bildet «{node.value.file}» i datamappen ({display_path(folder)})")
            continue
        if not file.resolve().is_relative_to(root):
            problem(path, f"«{node.value.file}» peker ut av datamappen; legg selve bildet i datamappen")
            continue
        raw, refused = read_bytes(file, display_path(file), root)
        if refused:
            problems += refused
        elif _image_type(raw or b"") is None:
            problem(path, f"«{node.value.file}» er ikke et PNG-, JPEG-, GIF- eller WebP-bilde (innholdet er noe annet enn navnet sier)")
    return problems
