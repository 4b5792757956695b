"""Stage 1, load: read YAML files into plain Python values, keeping positions.

PyYAML's own constructor forgets where a value came from and follows YAML 1.1,
where `no` is false and `08:30` is the number 510. We compose the node tree
ourselves instead, so that every value has a line and column, and resolve
scalars the YAML 1.2 way: only `true`/`false` are booleans, times and dates
stay text for the model to parse (an impossible date then gets a clear message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class SourceFile:
    """One YAML file as plain values plus where each value and key stands."""

    path: str
    data: Any = None
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of `loc`, or of the nearest enclosing value that exists."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# PyYAML's messages, in the words of the person editing the file.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "kolon på et sted der det ikke kan stå (sett teksten i anførselstegn hvis den inneholder «: »)"
    ),
    "could not find expected ':'": "mangler kolon etter en nøkkel",
    "found character '\\t' that cannot start any token": "tabulatortegn er ikke lov; bruk mellomrom",
    "did not find expected key": "innrykket stemmer ikke med linjene over",
    "did not find expected '-' indicator": "innrykket i listen stemmer ikke med linjene over",
    "found unexpected end of stream": "filen slutter midt i en tekst (mangler et avsluttende anførselstegn?)",
    "found undefined alias": "ukjent alias (*navn) som ikke er definert med &navn",
    "expected <block end>, but found '-'": "et listepunkt (-) står med feil innrykk",
    "expected <block end>, but found '<block mapping start>'": "innrykket stemmer ikke med linjene over",
    "found unexpected ':'": "kolon på et sted der det ikke kan stå",
    "expected ',' or ']', but got": "mangler komma eller ] i en liste i hakeparenteser",
    "expected ',' or '}', but got": "mangler komma eller } i en oppslagsliste i krøllparenteser",
    "found unknown escape character": "ukjent escape-tegn etter \\ i en tekst i doble anførselstegn",
}


def _syntax_message(problem: str) -> str:
    for english, norwegian in _SYNTAX_HINTS.items():
        if problem.startswith(english):
            return f"YAML-syntaksfeil: {norwegian}"
    return f"YAML-syntaksfeil ({problem})"


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style:  # quoted or block scalar: always text
        return node.value
    value = node.value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"kan ikke lese filen ({exc.strerror})")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, 1, "filen er ikke lagret som UTF-8; lagre den på nytt som UTF-8")]


def parse(text: str, display: str) -> tuple[SourceFile, list[Problem]]:
    """Parse one YAML document; problems instead of exceptions."""
    source = SourceFile(display)
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            column = line.index("\t") + 1
            problems.append(Problem(display, number, column, "tabulatortegn i innrykket; bruk mellomrom"))
    if problems:
        return source, problems
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return source, [Problem(display, 1, 1, "filen er tom; forventet innholdet i filen")]
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return source, [Problem(display, line, column, _syntax_message(exc.problem or str(exc)))]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks almost everything
        return source, [Problem(display, 1, 1, _syntax_message(str(exc)))]
    nodes = [n for n in nodes if n is not None]
    if len(nodes) > 1:
        second = nodes[1].start_mark
        return source, [
            Problem(display, second.line + 1, 1, "filen har flere YAML-dokumenter (---); forventet ett")
        ]
    if not nodes:
        return source, [Problem(display, 1, 1, "filen er tom; forventet innholdet i filen")]
    source.data = _build(nodes[0], (), source, problems)
    return source, problems


def _build(
    node: yaml.Node, loc: Loc, source: SourceFile, problems: list[Problem], active: frozenset[int] = frozenset()
) -> Any:
    mark = node.start_mark
    if id(node) in active:
        problems.append(Problem(source.path, mark.line + 1, mark.column + 1, "et alias (*navn) viser til seg selv"))
        return None
    active = active | {id(node)}
    source.values[loc] = Position(mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), source, problems, active) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(source.path, kmark.line + 1, kmark.column + 1, "en nøkkel må være en enkel tekst"))
                continue
            key = key_node.value if key_node.style else _scalar(key_node)
            key = str(key) if key is not None else ""
            if key == "<<":
                problems.append(Problem(source.path, kmark.line + 1, kmark.column + 1, "sammenslåing med «<<» støttes ikke; skriv feltene ut"))
                continue
            if key in result:
                problems.append(
                    Problem(source.path, kmark.line + 1, kmark.column + 1, f"nøkkelen «{key}» står to ganger i samme blokk")
                )
                continue
            source.keys[loc + (key,)] = Position(kmark.line + 1, kmark.column + 1)
            result[key] = _build(value_node, loc + (key,), source, problems, active)
        return result
    raise TypeError(node)  # pragma: no cover - compose yields only these three


def load_file(path: Path, display: str) -> tuple[SourceFile, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return SourceFile(display), problems
    return parse(text, display)
