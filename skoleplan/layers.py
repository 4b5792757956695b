"""Stage 1b, layers: a plan is the national base, a municipality's layer and the school's, merged by id.

A school's folder names the layer it builds on (`builds_on` in its `skole.yaml`;
a municipality's folder says it in `kommune.yaml`); `grunnlag` is the national
base that ships with the project (the folder `grunnlag/`). Each data file is
read from every layer that has it, base first, and merged before it is
validated, so a school writes only what is its own. The rules are explicit;
nothing merges by position:

- a block (mapping) merges key by key, so a text merges language by language;
- a list of items (each with an `id`) merges by id: an item with an id an earlier
  layer has changes the fields it writes; a new id adds an item at the end, or
  after the item `insert_after` names; `remove: [id, …]` in the block that holds
  the list takes items out;
- any other value, a list without ids included, is replaced whole.

Every value keeps the file, line and column it was written at, so a message
names the layer's file (`Position.file`). What a later layer changed is kept as
`Change`s, for `skoleplan status --lag`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, display_path
from .model.walk import field_annotation, is_model, item_annotation, peel
from .source import Loc, Position, SourceFile, load_file

# The national base that ships with the project.
BASE_NAME = "grunnlag"
BASE_DIR = Path(__file__).resolve().parents[1] / BASE_NAME
MUNICIPALITY_FILE = "kommune.yaml"
SCHOOL_FILE = "skole.yaml"
MAX_LAYERS = 5

# Keys that steer the merge; they are not part of the merged data.
REMOVE = "remove"
INSERT_AFTER = "insert_after"
INSERT_BEFORE = "insert_before"
STEERING = (REMOVE, INSERT_AFTER, INSERT_BEFORE)
LANGS = ("nb", "nn")


# --- which layers a plan has ---------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    folder: Path
    name: str  # as messages show it: «grunnlag», or the folder as the editor knows it


def _builds_on(folder: Path) -> tuple[str | None, SourceFile | None, Loc, list[Problem]]:
    """What a layer's folder says it builds on: `builds_on` in kommune.yaml, else in skole.yaml."""
    for file in (MUNICIPALITY_FILE, SCHOOL_FILE):
        path = folder / file
        if not path.is_file():
            continue
        source, problems = load_file(path, display_path(path), root=folder)
        if problems:  # reported when the file is validated; the layer it names is still read, if it can be found
            named = re.search(r"^builds_on:[ \t]*['\"]?([^'\"#\s]+)", source.text, re.M)
            return (named[1] if named else None), SourceFile(source.path), (), []
        if isinstance(source.data, dict) and "builds_on" in source.data:
            value = source.data["builds_on"]
            if not isinstance(value, str) or not value.strip():
                return None, source, ("builds_on",), [source.problem(
                    ("builds_on",), "«builds_on»: forventet navnet på laget planen bygger på: grunnlag, "
                    "eller mappen med kommunens lag (for eksempel ../fjordvik)")]
            return value.strip(), source, ("builds_on",), []
    return None, None, (), []


def is_layer(folder: Path) -> bool:
    """Whether a data folder is one layer of a plan (the base, a municipality's, a school on one), not a whole plan."""
    return folder.resolve() == BASE_DIR or _builds_on(folder)[0] is not None or (folder / MUNICIPALITY_FILE).is_file()


def layer_chain(data_dir: Path) -> tuple[list[Layer], list[Problem]]:
    """The layers of the plan in `data_dir`, base first, the folder itself last."""
    chain: list[Layer] = [Layer(data_dir, display_path(data_dir))]
    seen = {data_dir.resolve()}
    while True:
        named, source, loc, problems = _builds_on(chain[0].folder)
        if problems or named is None:
            return chain, problems
        assert source is not None
        folder = BASE_DIR if named == BASE_NAME else (chain[0].folder / named)
        if not folder.is_dir():
            return chain, [source.problem(loc, f"«builds_on»: laget «{named}» finnes ikke (ingen mappe {display_path(folder)}); "
                                               f"forventet {BASE_NAME} eller mappen med kommunens lag")]
        if folder.resolve() in seen:
            ring = " → ".join([layer.name for layer in reversed(chain)] + [display_path(folder)])
            return chain, [source.problem(loc, f"«builds_on»: lagene bygger på hverandre i ring ({ring}); "
                                               f"det nederste laget må bygge på {BASE_NAME} eller ingenting")]
        if len(chain) >= MAX_LAYERS:
            return chain, [source.problem(loc, f"«builds_on»: for mange lag oppå hverandre; høyst {MAX_LAYERS} er lov")]
        seen.add(folder.resolve())
        chain.insert(0, Layer(folder, BASE_NAME if folder == BASE_DIR else display_path(folder)))


# --- merging one file's layers ------------------------------------------------------------------


@dataclass
class _Node:
    """A value of the merged tree and where it was written (children: dict of _Node, list of _Node, or a value)."""

    source: SourceFile
    loc: Loc
    value: Any


def _at(where: Problem) -> str:
    return f"{where.file}:{where.line}:{where.column}"


def _wrap(source: SourceFile, loc: Loc, value: Any) -> _Node:
    if isinstance(value, dict):
        return _Node(source, loc, {k: _wrap(source, loc + (k,), v) for k, v in value.items()})
    if isinstance(value, list):
        return _Node(source, loc, [_wrap(source, loc + (i,), v) for i, v in enumerate(value)])
    return _Node(source, loc, value)


def _plain(node: _Node) -> Any:
    if isinstance(node.value, dict):
        return {k: _plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(v) for v in node.value]
    return node.value


@dataclass(frozen=True)
class Change:
    """What a later layer did to an earlier one's content: for `skoleplan status --lag`."""

    what: str  # «endret», «lagt til», «fjernet»
    file: str  # the data file («tiltak.yaml»)
    item: str  # the item's id, or the field's path for a value outside items
    fields: tuple[str, ...]  # the fields it changed
    where: Problem  # the layer's file, line and column (message empty)


@dataclass
class Merged:
    """One data file of a plan of layers: the merged values with each one's place, and what the merge found."""

    source: SourceFile
    layers: list[SourceFile]
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # told, not refused: a text only half overridden
    changes: list[Change] = field(default_factory=list)
    removed: dict[str, Problem] = field(default_factory=dict)  # id → where it was removed


def fingerprint(text: dict[str, Any]) -> str:
    """A text's fingerprint, both languages: a school's override records the base text it replaced."""
    joined = "\n\x00\n".join(str(text.get(lang, "")) for lang in LANGS)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(set(value) & set(LANGS)) and set(value) <= {*LANGS, "translation", "replaces", "visibility"}


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and "id" in v for v in value)


class _Merger:
    def __init__(self, file: str, model: type[BaseModel] | None) -> None:
        self.file = file
        self.model = model
        self.result: Merged | None = None
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.changes: list[Change] = []
        self.removed: dict[str, Problem] = {}

    def at(self, node: _Node, message: str, key: bool = False) -> Problem:
        return node.source.problem(node.loc, message, key=key)

    def merge(self, base: _Node, over: _Node, item: str | None, annotation: Any = None) -> _Node:
        """`over` (a later layer's value) onto `base`; both the same place in the file, of the model's `annotation`."""
        block = peel(annotation) if annotation is not None else None
        block = block if is_model(block) else None
        if isinstance(base.value, dict) and isinstance(over.value, dict):
            if _is_text(base.value) and _is_text(over.value):
                self.check_text(base, over)
            merged = dict(base.value)
            removals = over.value.get(REMOVE)
            if removals is not None:
                self.remove(merged, removals)
            for key, value in over.value.items():
                if key in STEERING:
                    continue
                inner = field_annotation(block, key) if block is not None and key in block.model_fields else None
                if key in merged and _is_item_list(_plain(merged[key])) and isinstance(value.value, list):
                    item_model = peel(item_annotation(inner)) if inner is not None else None
                    merged[key] = self.merge_items(merged[key], value, item_model if is_model(item_model) else None)
                elif key in merged:
                    merged[key] = self.merge(merged[key], value, item, inner)
                else:
                    merged[key] = value
            return _Node(over.source, over.loc, merged)
        return over  # a value, or a list without ids: replaced whole

    def check_text(self, base: _Node, over: _Node) -> None:
        """A text a later layer writes over an earlier one: both languages, and the base text it replaced."""
        written = [lang for lang in LANGS if lang in over.value]
        if len(written) == 1 and all(lang in base.value for lang in LANGS):
            other = "nn" if written[0] == "nb" else "nb"
            origin = base.value[other].source.problem(base.value[other].loc, "")
            self.notices.append(self.at(
                over, f"bare {written[0]} er skrevet her; {other}-teksten er fortsatt den fra {_at(origin)} "
                      f"og sier kanskje noe annet; skriv {other} her også, eller kjør make oversett"))
        if self.file == SCHOOL_FILE:  # the school's own facts (its name): not a text of the base to keep up with
            return
        base_text = {lang: _plain(base.value[lang]) for lang in LANGS if lang in base.value}
        current = fingerprint(base_text)
        replaces = over.value.get("replaces")
        if replaces is None:
            self.notices.append(self.at(
                over, f"teksten erstatter en tekst fra laget under; skriv «replaces: {current}» i teksten, så får du "
                      "beskjed hvis den teksten endres senere (for eksempel ved ny lov)"))
        elif _plain(replaces) != current:
            origin = base.source.problem(base.loc, "")
            self.notices.append(self.at(
                over, f"teksten i laget under ({_at(origin)}) er endret siden denne ble skrevet; les den "
                      f"nye teksten, rett din om nødvendig, og skriv så «replaces: {current}»"))

    def remove(self, merged: dict[str, _Node], removals: _Node) -> None:
        ids = [v for v in removals.value] if isinstance(removals.value, list) else []
        if not isinstance(removals.value, list) or not all(isinstance(v.value, str) for v in ids):
            self.problems.append(self.at(removals, "«remove»: forventet en liste med id-er, for eksempel [klassemote]"))
            return
        lists = {key: node for key, node in merged.items() if _is_item_list(_plain(node))}
        known = [item.value["id"].value for node in lists.values() for item in node.value]
        for entry in ids:
            target = entry.value
            holders = [key for key, node in lists.items() if any(i.value["id"].value == target for i in node.value)]
            if not holders:
                close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
                hint = f"; mente du «{close[0]}»?" if close else ""
                self.problems.append(self.at(entry, f"«remove»: laget under har ingen «{target}» her{hint}"))
                continue
            for key in holders:
                node = lists[key]
                merged[key] = _Node(node.source, node.loc, [i for i in node.value if i.value["id"].value != target])
                lists[key] = merged[key]
            where = self.at(entry, "")
            self.removed[target] = where
            self.changes.append(Change("fjernet", self.file, target, (), where))

    def merge_items(self, base: _Node, over: _Node, model: type[BaseModel] | None) -> _Node:
        items = list(base.value)
        index = {item.value["id"].value: i for i, item in enumerate(items)}
        written: dict[Any, _Node] = {}  # this layer's items by id: one id twice would merge the two silently
        for entry in over.value:
            if not isinstance(entry.value, dict) or not isinstance(entry.value.get("id"), _Node):
                items.append(entry)  # not an item: the validator says what is wrong with it
                continue
            item_id = entry.value["id"].value
            if item_id in written:
                first = self.at(written[item_id].value["id"], "")
                self.problems.append(self.at(
                    entry.value["id"], f"id «{item_id}» står to ganger i listen (første gang på linje {first.line}); "
                                       "en id må være unik: skriv alt om elementet på ett sted"))
                continue
            written[item_id] = entry
            if item_id in index:
                i = index[item_id]
                items[i] = self.merge(items[i], entry, item_id, model)
                changed = tuple(k for k in entry.value if k != "id" and k not in STEERING)
                self.changes.append(Change("endret", self.file, str(item_id), changed, self.at(entry, "")))
                if INSERT_AFTER in entry.value or INSERT_BEFORE in entry.value:
                    items, index = self.place(items, items.pop(i), entry)
                continue
            close = difflib.get_close_matches(str(item_id), [str(i) for i in index], n=1, cutoff=0.6)
            if close and not _complete(entry, model):  # a change of an id the layer below does not have
                self.problems.append(self.at(
                    entry.value["id"], f"laget under har ingen «{item_id}» å endre; mente du «{close[0]}»? "
                                       "(et nytt element må ha alle feltene sine)"))
                continue
            self.changes.append(Change("lagt til", self.file, str(item_id), (), self.at(entry, "")))
            if INSERT_AFTER in entry.value or INSERT_BEFORE in entry.value:
                items, index = self.place(items, entry, entry)
            else:
                items.append(entry)
                index[item_id] = len(items) - 1
        return _Node(over.source, over.loc, items)

    def place(self, items: list[_Node], item: _Node, entry: _Node) -> tuple[list[_Node], dict[Any, int]]:
        """`item` placed after (or before) the item the entry's `insert_after` (`insert_before`) names; with no
        such item: at the end, and a problem."""
        key = INSERT_AFTER if INSERT_AFTER in entry.value else INSERT_BEFORE
        target = entry.value[key]
        ids = [i.value["id"].value for i in items]
        if target.value not in ids:
            close = difflib.get_close_matches(str(target.value), [str(i) for i in ids], n=1, cutoff=0.6)
            hint = f"; mente du «{close[0]}»?" if close else ""
            self.problems.append(self.at(target, f"«{key}»: det finnes ingen «{target.value}» i listen{hint}"))
            items = items + [item]
        else:
            at = ids.index(target.value) + (1 if key == INSERT_AFTER else 0)
            items = items[:at] + [item] + items[at:]
        return items, {i.value["id"].value: n for n, i in enumerate(items)}


def _complete(entry: _Node, model: type[BaseModel] | None) -> bool:
    """Whether an item a later layer writes is whole (a new item, perhaps with mistakes the validator reports),
    not the few fields of a change: a change lacks fields a new item must have."""
    if model is None:
        return True
    data = _plain(entry)
    for key in STEERING:
        data.pop(key, None)
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return not any(error["type"] == "missing" for error in exc.errors())
    return True


def _flatten(node: _Node, loc: Loc, out: SourceFile, layered: bool) -> Any:
    """The plain data of the merged tree, every value's place recorded in `out` under its merged path."""
    pos = node.source.values.get(node.loc)
    if pos is not None:
        out.values[loc] = Position(pos.line, pos.column, node.source.path if layered else None)
    key = node.source.keys.get(node.loc)
    if key is not None and loc:
        out.keys[loc] = Position(key.line, key.column, node.source.path if layered else None)
    if node.loc in node.source.written:
        out.written[loc] = node.source.written[node.loc]
    if isinstance(node.value, dict):
        return {k: _flatten(v, loc + (k,), out, layered) for k, v in node.value.items() if k not in STEERING}
    if isinstance(node.value, list):
        return [_flatten(v, loc + (i,), out, layered) for i, v in enumerate(node.value)]
    return node.value


def merge_layers(layers: list[SourceFile], model: type[BaseModel] | None = None) -> Merged:
    """One data file's layers (base first) as one file: the last layer's, with every value's own place.
    `model`, the file's model, tells a new item from a change of an id the layers below do not have."""
    last = layers[-1]
    if len(layers) == 1:
        merged = _Merger(Path(last.path).name, model)
        tree = _wrap(last, (), last.data)
        out = SourceFile(last.path, text=last.text, scalars=last.scalars)
        out.data = _flatten(tree, (), out, layered=False)
        if isinstance(last.data, dict) and (REMOVE in last.data or _steering_keys(last.data)):
            merged.problems.append(last.problem((REMOVE,) if REMOVE in last.data else (), (
                "«remove», «insert_after» og «insert_before» virker bare i et lag som bygger på et annet "
                "(builds_on i skole.yaml)")))
        return Merged(out, layers, merged.problems)
    merger = _Merger(Path(last.path).name, model)
    tree = _wrap(layers[0], (), layers[0].data)
    for layer in layers[1:]:
        tree = merger.merge(tree, _wrap(layer, (), layer.data), None, model)
    out = SourceFile(last.path, text=last.text, scalars=last.scalars)
    out.data = _flatten(tree, (), out, layered=True)
    return Merged(out, layers, merger.problems, merger.notices, merger.changes, merger.removed)


def _steering_keys(value: Any) -> bool:
    if isinstance(value, dict):
        return INSERT_AFTER in value or INSERT_BEFORE in value or any(_steering_keys(v) for v in value.values())
    if isinstance(value, list):
        return any(_steering_keys(v) for v in value)
    return False


# --- the other way: what a full plan has beyond its base -----------------------------------------


def layer_difference(full: Any, base: Any) -> Any:
    """What a layer on `base` must write for the merge to give `full` (plain data of one file; None: nothing).

    The inverse of the merge rules: blocks key by key, lists of items by id (new items with `insert_after`
    where they do not come last, items the base has and `full` lacks in `remove`), any other value whole. A text
    that differs is written in both languages, with the fingerprint of the base text it replaces.
    """
    if full == base:
        return None
    if isinstance(full, dict) and isinstance(base, dict):
        if _is_text(full) and _is_text(base):
            text = {lang: full[lang] for lang in LANGS if lang in full}
            text.update({k: v for k, v in full.items() if k not in LANGS})
            text["replaces"] = fingerprint({lang: base.get(lang, "") for lang in LANGS})
            return text
        out: dict[str, Any] = {}
        removed: list[Any] = []
        for key, value in full.items():
            if key not in base:
                out[key] = value
            elif _is_item_list(value) and _is_item_list(base[key]):
                items, gone = _item_difference(value, base[key])
                if items:
                    out[key] = items
                removed += gone
            else:
                changed = layer_difference(value, base[key])
                if changed is not None:
                    out[key] = changed
        for key, value in base.items():
            if key not in full and _is_item_list(value):
                removed += [item["id"] for item in value]
            elif key not in full:
                raise ValueError(f"«{key}» kan ikke fjernes med et lag (bare elementer med id kan fjernes)")
        if removed:
            out = {REMOVE: removed, **out}
        return out or None
    return full


def _item_difference(full: list[dict[str, Any]], base: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    by_id = {item["id"]: item for item in base}
    kept = [item["id"] for item in full if item["id"] in by_id]
    if kept != [item["id"] for item in base if item["id"] in set(kept)]:
        raise ValueError("rekkefølgen av elementene fra laget under kan ikke endres med et lag")
    out = []
    for i, item in enumerate(full):
        if item["id"] in by_id:
            changed = layer_difference(item, by_id[item["id"]])
            if changed:
                out.append({"id": item["id"], **changed})
            continue
        entry = dict(item)
        following = [other["id"] for other in full[i + 1 :] if other["id"] in by_id]
        if following and i > 0:
            entry[INSERT_AFTER] = full[i - 1]["id"]
        elif following:
            entry[INSERT_BEFORE] = following[0]
        out.append(entry)
    gone = [item["id"] for item in base if item["id"] not in {i["id"] for i in full}]
    return out, gone


def describe_changes(changes: list[Change], folder: Path) -> list[str]:
    """What the layer in `folder` changed against the layers below: one line per item, by file, for `status --lag`."""
    own = [c for c in changes if Path(c.where.file).resolve().is_relative_to(folder.resolve())]
    lines = []
    for change in sorted(own, key=lambda c: (c.where.file, c.where.line)):
        fields = f" ({', '.join(change.fields)})" if change.fields else ""
        lines.append(f"{change.where.file}:{change.where.line}: {change.what} «{change.item}»{fields}")
    return lines


def flat_files(merged: dict[str, "Merged"]) -> dict[str, str]:
    """A plan of layers as one folder's files (every layer merged, no builds_on): for a plan that leaves its
    layers, and for tools that change every file of a whole plan (the benchmark, tests)."""
    import yaml

    files = {}
    for name, layers in merged.items():
        data = dict(layers.source.data)
        data.pop("builds_on", None)
        files[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return files
