"""Stage 2, validate: plain values from `source` become a `Plan`, or a list of problems.

Pydantic's messages are English and point at paths, not lines; here each
error becomes one Norwegian sentence at a file, line and column. Checks that
span files (unknown or duplicate ids) run once every file is valid on its own.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from .errors import PlanError, Problem, display_path
from .model import FIELD_OF_FILE, FILES, Item, Plan, Ref
from .model.timing import TIMING_KEYS
from .source import Loc, SourceFile, load_file

KIND_NAMES = {
    "role": "rolle",
    "resource": "ressurs",
    "topic": "tema",
    "duty": "delplikt",
    "stage": "steg i saksgangen",
    "concept": "begrep",
    "activity": "aktivitet",
    "measure": "tiltak",
    "prevention": "forebyggende tiltak",
    "school-year": "skoleår",
    "value": "verdi",
    "right": "rettighet",
    "information": "informasjonstiltak",
    "council": "råd eller utvalg",
    "situation": "situasjon",
    "plan-content": "punkt i aktivitetsplanen",
    "contact": "kontakt",
}
KIND_FILE = {
    "role": "roller.yaml",
    "resource": "ressurser.yaml",
    "topic": "ressurser.yaml",
    "duty": "aktivitetsplikt.yaml",
    "stage": "saksgang.yaml",
    "concept": "begreper.yaml",
}

TYPE_NAMES = {
    str: "tekst",
    int: "et heltall",
    float: "et tall",
    bool: "true eller false",
    list: "en liste",
    dict: "en blokk med nøkler",
    type(None): "ingenting",
}


def _got(value: Any) -> str:
    if value is None:
        return "ingen verdi"
    if isinstance(value, bool):
        return f"«{str(value).lower()}»"
    if isinstance(value, (list, dict)):
        return TYPE_NAMES[type(value)]
    return f"«{value}»"


def _fmt(value: Any) -> str:
    return "«" + str(value) + "»"


# --- from loc (model path) to data path and known fields ----------------------


def data_path(data: Any, loc: tuple) -> Loc:
    """Drop the parts of a pydantic `loc` that are not keys or indexes in the data (union tags)."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
            path.append(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            path.append(part)
    return tuple(path)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (through Annotated, Optional, unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def known_fields(root: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (a pydantic loc, tags included), for «mente du …»."""
    candidates: list[Any] = [root]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            for concrete in _unwrap(candidate):
                origin = typing.get_origin(concrete)
                if isinstance(part, int) and origin is list:
                    following.append(typing.get_args(concrete)[0])
                elif isinstance(concrete, type) and issubclass(concrete, BaseModel) and part in concrete.model_fields:
                    following.append(concrete.model_fields[part].annotation)
                elif isinstance(part, str) and isinstance(concrete, type) and issubclass(concrete, BaseModel):
                    continue
        # A tag in the loc (a union member's name) keeps the candidates as they are.
        if following:
            candidates = following
    names: list[str] = []
    for candidate in candidates:
        for concrete in _unwrap(candidate):
            if isinstance(concrete, type) and issubclass(concrete, BaseModel):
                names.extend(concrete.model_fields)
    return list(dict.fromkeys(names))


# --- pydantic errors → Norwegian ----------------------------------------------


def _message(error: dict, root: type[BaseModel], data: Any) -> tuple[str, bool]:
    """One Norwegian sentence for one pydantic error; and whether it points at a key."""
    kind = error["type"]
    loc = error["loc"]
    field = next((p for p in reversed(data_path(data, loc)) if isinstance(p, str)), None)
    last = loc[-1] if loc else None
    value = error.get("input")
    ctx = error.get("ctx", {})
    where = f"«{field}»: " if field else ""

    if kind == "missing":
        if last in ("nb", "nn"):
            name = "bokmål (nb)" if last == "nb" else "nynorsk (nn)"
            return f"mangler teksten på {name}; hver tekst skal finnes både på bokmål og nynorsk", False
        return f"mangler feltet «{last}»", False
    if kind == "extra_forbidden":
        allowed = known_fields(root, loc[:-1])
        message = f"ukjent felt «{last}»"
        close = difflib.get_close_matches(str(last), allowed, n=1, cutoff=0.6)
        if close:
            return f"{message}; mente du «{close[0]}»?", True
        if allowed:
            return f"{message}; forventet ett av: {', '.join(allowed)}", True
        return message, True
    if kind == "timing_kind":
        keys = ", ".join(TIMING_KEYS)
        if isinstance(value, dict):
            close = [difflib.get_close_matches(str(k), TIMING_KEYS, n=1, cutoff=0.6) for k in value]
            hint = next((f"; mente du «{c[0]}»?" for c in close if c), "")
            return f"{where}tidspunktet har ingen av nøklene {keys}{hint}", False
        return f"{where}forventet et tidspunkt (en blokk med en av nøklene {keys}), fant {_got(value)}", False
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        if str(value).lower() in ("ja", "nei", "yes", "no") and "True" in expected:
            return f"{where}forventet true eller false, fant {_got(value)}", False
        expected = expected.replace("'", "").replace(" or ", ", ")
        return f"{where}ugyldig verdi {_got(value)}; forventet en av: {expected}", False
    if kind == "string_pattern_mismatch":
        if last == "id":
            return (
                f"ugyldig id {_got(value)}; en id skrives med små bokstaver, tall og bindestrek, for eksempel «foreldremote-host»",
                False,
            )
        if last == "phone":
            return f"{where}ugyldig telefonnummer {_got(value)}; forventet 8 sifre, gjerne med +47 foran", False
        if last == "email":
            return f"{where}ugyldig e-postadresse {_got(value)}", False
        return f"{where}ugyldig verdi {_got(value)}", False
    if kind in ("string_type", "int_type", "int_parsing", "float_type", "bool_type", "bool_parsing", "list_type",
                "dict_type", "model_type", "model_attributes_type", "int_from_float", "date_type"):
        expected = {
            "string_type": "tekst",
            "int_type": "et heltall",
            "int_parsing": "et heltall",
            "int_from_float": "et heltall",
            "float_type": "et tall",
            "bool_type": "true eller false",
            "bool_parsing": "true eller false",
            "list_type": "en liste (linjer som begynner med «- »)",
            "dict_type": "en blokk med nøkler",
            "model_type": "en blokk med nøkler",
            "model_attributes_type": "en blokk med nøkler",
            "date_type": "en dato ÅÅÅÅ-MM-DD",
        }[kind]
        if kind in ("model_type", "model_attributes_type") and isinstance(value, str):
            fields = known_fields(root, loc)
            if set(fields) >= {"nb", "nn"}:
                return f"{where}forventet tekst på både bokmål og nynorsk (nøklene nb og nn), fant bare én tekst", False
        return f"{where}feil type: forventet {expected}, fant {_got(value)}", False
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{where}{_got(value)} er ikke en gyldig dato; forventet ÅÅÅÅ-MM-DD, for eksempel «2025-09-02»", False
    if kind in ("url_parsing", "url_scheme", "url_type"):
        return f"{where}{_got(value)} er ikke en gyldig nettadresse; forventet en adresse som begynner med https://", False
    if kind in ("too_short",):
        if isinstance(value, list):
            return f"{where}listen har {len(value)} punkt; forventet minst {ctx.get('min_length')}", False
        return f"{where}teksten er tom; forventet innhold", False
    if kind == "string_too_short":
        return f"{where}teksten er tom; forventet innhold", False
    if kind == "string_too_long":
        return f"{where}teksten er for lang; høyst {ctx.get('max_length')} tegn", False
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}{_got(value)} er for lite; forventet minst {ctx.get('ge', ctx.get('gt'))}", False
    if kind in ("less_than_equal", "less_than"):
        return f"{where}{_got(value)} er for stort; forventet høyst {ctx.get('le', ctx.get('lt'))}", False
    if kind == "value_error":
        text = str(ctx.get("error", error.get("msg", "")))
        return f"{where}{text}", False
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return f"{where}ugyldig verdi {_got(value)}", False
    return f"{where}ugyldig verdi {_got(value)} ({error.get('msg')})", False  # pragma: no cover - fallback


def problems_from(exc: ValidationError, root: type[BaseModel], source: SourceFile) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        message, at_key = _message(error, root, source.data)
        path = data_path(source.data, error["loc"])
        if error["type"] == "missing":
            pos = source.position(path)
        else:
            pos = source.position(path, key=at_key)
        problems.append(Problem(source.path, pos.line, pos.column, message))
    return problems


# --- cross-references -------------------------------------------------------


def _walk(value: Any, annotation: Any, path: Loc) -> Iterator[tuple[Loc, Any, Any]]:
    """Yield (path, value, annotation) for every value inside a validated model."""
    yield path, value, annotation
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            ann = info.annotation
            if info.metadata:
                ann = typing.Annotated[(ann, *info.metadata)]
            yield from _walk(getattr(value, name), ann, path + (name,))
    elif isinstance(value, list):
        inner = Any
        for concrete in _unwrap(annotation):
            if typing.get_origin(concrete) is list:
                inner = typing.get_args(concrete)[0]
        for i, item in enumerate(value):
            yield from _walk(item, inner, path + (i,))


def _refs(annotation: Any) -> list[Ref]:
    found = []
    if typing.get_origin(annotation) is typing.Annotated:
        found += [m for m in annotation.__metadata__ if isinstance(m, Ref)]
        found += _refs(typing.get_args(annotation)[0])
    elif typing.get_origin(annotation) in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _refs(arg)
    return found


def cross_check(models: dict[str, BaseModel], sources: dict[str, SourceFile]) -> list[Problem]:
    """Duplicate ids within a kind, and references to ids that do not exist."""
    problems: list[Problem] = []
    ids: dict[str, dict[str, tuple[str, Loc]]] = {}
    refs: list[tuple[str, str, Loc, str]] = []
    for file, model in models.items():
        source = sources[file]
        for path, value, annotation in _walk(model, type(model), ()):
            if isinstance(value, Item):
                seen = ids.setdefault(value.id_kind, {})
                if value.id in seen:
                    first_file, first_path = seen[value.id]
                    first = sources[first_file].position(first_path + ("id",))
                    pos = source.position(path + ("id",))
                    problems.append(
                        Problem(
                            source.path, pos.line, pos.column,
                            f"id «{value.id}» er brukt før ({KIND_NAMES.get(value.id_kind, value.id_kind)} i "
                            f"{sources[first_file].path} linje {first.line}); en id må være unik",
                        )
                    )
                else:
                    seen[value.id] = (file, path)
            if isinstance(value, str):
                for ref in _refs(annotation):
                    refs.append((ref.kind, value, path, file))
    for kind, value, path, file in refs:
        known = ids.get(kind, {})
        if value not in known:
            source = sources[file]
            pos = source.position(path)
            name = KIND_NAMES.get(kind, kind)
            where = f" i {KIND_FILE[kind]}" if kind in KIND_FILE else ""
            message = f"ukjent {name} «{value}»; det finnes ingen {name} med denne id-en{where}"
            close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
            if close:
                message += f"; mente du «{close[0]}»?"
            problems.append(Problem(source.path, pos.line, pos.column, message))
    return problems


# --- the whole directory ----------------------------------------------------


def validate_file(path: Path, name: str) -> tuple[SourceFile, BaseModel | None, list[Problem]]:
    """Read and validate one data file on its own, as the model for `name` (for example «aarshjul.yaml»)."""
    model = FILES[name]
    shown = display_path(path)
    source, found = load_file(path, shown)
    if found:
        return source, None, found
    if not isinstance(source.data, dict):
        return source, None, [
            Problem(shown, 1, 1, f"feil type: forventet en blokk med nøkler øverst i filen, fant {_got(source.data)}")
        ]
    try:
        return source, model.model_validate(source.data), []
    except ValidationError as exc:
        return source, None, problems_from(exc, model, source)


def load_plan(data_dir: Path | str) -> Plan:
    """Read, validate and cross-check every data file; raise `PlanError` with every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise PlanError([Problem(display_path(data_dir), 1, 1, "mappen med data finnes ikke")])
    present = {p.name for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml")}
    for name in sorted(present - set(FILES)):
        close = difflib.get_close_matches(name, list(FILES), n=1, cutoff=0.6)
        hint = f"; mente du «{close[0]}»?" if close else f"; forventet en av: {', '.join(FILES)}"
        problems.append(Problem(display_path(data_dir / name), 1, 1, f"ukjent datafil{hint}"))
    sources: dict[str, SourceFile] = {}
    models: dict[str, BaseModel] = {}
    for name in FILES:
        path = data_dir / name
        if name not in present:
            problems.append(Problem(display_path(path), 1, 1, "filen mangler; hver plan trenger denne filen"))
            continue
        source, model, found = validate_file(path, name)
        sources[name] = source
        problems += found
        if model is not None:
            models[name] = model
    if problems:
        raise PlanError(problems)
    problems = cross_check(models, sources)
    if problems:
        raise PlanError(problems)
    return Plan(**{FIELD_OF_FILE[name]: model for name, model in models.items()})
