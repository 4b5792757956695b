"""Stage 1, load: read YAML files into plain Python values, keeping positions.

PyYAML's own constructor forgets where a value came from and follows YAML 1.1,
where `no` is false and `08:30` is the number 510. We compose the node tree
ourselves instead, so that every value has a line and column, and resolve
scalars the YAML 1.2 way: only `true`/`false` are booleans, times and dates
stay text for the model to parse (an impossible date then gets a clear message).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import PlanError, Problem, display_path

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based
    file: str | None = None  # in a plan of layers: the layer's file the value was written in (None: this file)


@dataclass
class SourceFile:
    """One YAML file as plain values plus where each value and key stands."""

    path: str
    data: Any = None
    text: str = ""  # the file as written, comments included (the personal-data guard reads it all)
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    # The text as written of each number or boolean (`1.10`, `TRUE`), for messages.
    written: dict[Loc, str] = field(default_factory=dict)
    # Where each key and scalar value stands in `text` (start and end index): the rest is comments and punctuation.
    scalars: list[tuple[int, int]] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of `loc`, or of the nearest enclosing value that exists."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        """A problem at the value (or key) at `loc`: in the layer's file it was written in, at its line and column."""
        pos = self.position(loc, key=key)
        return Problem(pos.file or self.path, pos.line, pos.column, message)


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# PyYAML's messages, in the words of the person editing the file:
# (pattern, message, message at the context). The first pattern that matches
# PyYAML's problem or its context («while scanning a tag») wins; `{0}` is the
# pattern's first group. A message at the context is for a construct that was
# never closed: PyYAML notices only later (on another line, or at the end of the
# file), and the place to fix is where the construct began.
_SYNTAX_HINTS: tuple[tuple[str, str, str | None], ...] = (
    (
        r"while scanning a directive|YAML directive|tag handle",
        "«%» først på en linje betyr et YAML-direktiv; sett teksten i anførselstegn",
        None,
    ),
    (
        r"while (scanning|parsing) a tag|non-specific tag|expected URI",
        "«!» først i en verdi betyr en YAML-tagg; sett teksten i anførselstegn",
        None,
    ),
    (r"while scanning a block scalar", "ugyldig tegn etter | eller > i en tekstblokk", None),
    (
        r"found unexpected document separator",
        "filen slutter midt i en tekst i anførselstegn",
        "teksten i anførselstegn som begynner her, avsluttes aldri; mangler et anførselstegn?",
    ),
    (r"found character '\\t' that cannot start any token", "tabulatortegn er ikke lov; bruk mellomrom", None),
    (r"found a tab character", "tabulatortegn er ikke lov; bruk mellomrom", None),
    (
        r"mapping values are not allowed here",
        "kolon på et sted der det ikke kan stå (sett teksten i anførselstegn hvis den inneholder «: »)",
        None,
    ),
    (
        r"sequence entries are not allowed here",
        "et listepunkt (-) kan ikke stå her; sett listen på egne linjer under nøkkelen",
        None,
    ),
    (r"could not find expected ':'", "mangler kolon etter en nøkkel", None),
    (
        r"found character '(.+?)' that cannot start any token",
        "tegnet «{0}» kan ikke stå først i en verdi; sett teksten i anførselstegn",
        None,
    ),
    (
        r"expected alphabetic or numeric character",
        "«*» og «&» først i en verdi betyr alias og anker i YAML; sett teksten i anførselstegn",
        None,
    ),
    (r"did not find expected key", "innrykket stemmer ikke med linjene over", None),
    (r"did not find expected '-' indicator", "innrykket i listen stemmer ikke med linjene over", None),
    (
        r"found unexpected end of stream",
        "filen slutter midt i en tekst i anførselstegn",
        "teksten i anførselstegn som begynner her, avsluttes aldri; mangler et anførselstegn?",
    ),
    (r"found undefined alias", "ukjent alias (*navn) som ikke er definert med &navn", None),
    (r"found duplicate anchor '(.*)'", "ankeret «&{0}» er definert to ganger i filen", None),
    (r"expected <block end>, but found '-'", "et listepunkt (-) står med feil innrykk", None),
    (r"expected <block end>, but found '<scalar>'", "uventet tekst her; sjekk innrykket og anførselstegnene", None),
    (r"expected <block end>", "innrykket stemmer ikke med linjene over", None),
    (r"expected '<document start>'", "innrykket stemmer ikke med linjene over", None),
    (r"found unexpected ':'", "kolon på et sted der det ikke kan stå", None),
    (
        r"expected ',' or '\]'",
        "mangler komma eller ] i en liste i hakeparenteser",
        "listen i hakeparenteser som begynner her, er ikke lukket med ] (eller mangler et komma)",
    ),
    (
        r"expected ',' or '\}'",
        "mangler komma eller }} i en blokk i krøllparenteser; står det kolon i en tekst i blokken, sett teksten i "
        "anførselstegn: {{nb: \"Elevråd: skolemiljø\", nn: …}}",
        "blokken i krøllparenteser som begynner her, er ikke lukket med }} (eller mangler et komma)",
    ),
    (r"found '<stream end>'", "filen slutter midt i en liste eller blokk; mangler en avsluttende ] eller }}?", None),
    (r"expected the node content", "mangler en verdi her (to komma etter hverandre?)", None),
    (
        r"found unknown escape character",
        "ukjent escape-tegn etter \\ i en tekst i doble anførselstegn; bruk enkle anførselstegn",
        None,
    ),
    (r"expected escape sequence", "ugyldig escape-tegn (\\x, \\u eller \\U) i en tekst i doble anførselstegn", None),
    (
        r"mapping keys are not allowed here",
        "«? » først i en verdi betyr en nøkkel i YAML; sett teksten i anførselstegn",
        None,
    ),
    (
        r"invalid indentation or unclosed",
        "innrykket stemmer ikke, eller en [ eller { over er ikke lukket",
        None,
    ),
)


def _hint(problem: str, context: str) -> tuple[str, str | None]:
    """The Norwegian message for PyYAML's problem, and the one to show at its context."""
    for pattern, message, at_context in _SYNTAX_HINTS:
        match = re.search(pattern, problem) or re.search(pattern, context)
        if match:
            return message.format(*match.groups()), at_context and at_context.format(*match.groups())
    return f"({problem or context})", None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """One problem for PyYAML's error, at the place the editor should look."""
    message, at_context = _hint(exc.problem or "", exc.context or "")
    mark, start = exc.problem_mark, exc.context_mark
    end = len(text.rstrip())
    if start is not None and (mark is None or mark.index >= end or (at_context and start.line != mark.line)):
        mark, message = start, at_context or message
    if mark is None or mark.index >= end:  # never a line after the last one: show the last character
        line, column = position_of(text, max(end - 1, 0))
    else:
        line, column = mark.line + 1, mark.column + 1
    separator = " " if message.startswith("(") else ": "
    return Problem(display, line, column, f"YAML-syntaksfeil{separator}{message}")


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


# Limits far above any real plan (the example school's largest file is about 60 kB, with 1,500 values and
# no text longer than 1,400 characters; the benchmark's ×100 plan has a 6 MB file), so that a file
# pasted or linked by mistake is refused at once instead of taking minutes and gigabytes to read.
MAX_FILE_BYTES = 8_000_000
MAX_TEXT_CHARS = 100_000


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB".replace(".", ",") if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def read_bytes(path: Path, display: str, root: Path | None = None) -> tuple[bytes | None, list[Problem]]:
    """A data file's bytes, read only if it is a regular file inside `root` (its own folder) and not too large.

    Checked before anything is read: a symbolic link out of the data folder (to /etc/shadow) would print
    another file's lines in messages, a FIFO would hang, a device (/dev/zero) never ends.
    """

    def refuse(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, 1, 1, message)]

    root = Path(root) if root is not None else Path(path).parent
    try:
        if os.path.islink(path):
            os.stat(path)  # raises for a loop or a link to nothing
            inside = Path(os.path.realpath(path))
            if not inside.is_relative_to(os.path.realpath(root)):
                return refuse("dette er en symbolsk lenke til en fil utenfor datamappen; legg selve filen i datamappen")
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return refuse(_not_a_file(info.st_mode))
        if info.st_size > MAX_FILE_BYTES:
            return refuse(f"filen er for stor ({_size(info.st_size)}); en datafil kan være høyst {_size(MAX_FILE_BYTES)}")
        # O_NONBLOCK: should the file have become a FIFO since it was looked at, opening it does not wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                return refuse(_not_a_file(mode))
            with os.fdopen(fd, "rb", closefd=False) as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return refuse("dette er en symbolsk lenke som går i ring (til seg selv eller via andre lenker); forventet en fil")
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.islink(path):
                return refuse("dette er en symbolsk lenke til noe som ikke finnes; forventet en fil")
            return refuse("filen finnes ikke")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return refuse("kan ikke lese filen: mangler tilgang")
        if exc.errno == errno.EISDIR:
            return refuse("dette er en mappe; forventet en fil")
        return refuse(f"kan ikke lese filen ({exc.strerror or exc})")
    if len(raw) > MAX_FILE_BYTES:
        return refuse(f"filen er for stor (over {_size(MAX_FILE_BYTES)}); en datafil kan være høyst {_size(MAX_FILE_BYTES)}")
    return raw, []


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dette er en mappe; forventet en fil"
    if stat.S_ISFIFO(mode):
        what = "et navngitt rør (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "en enhetsfil"
    elif stat.S_ISSOCK(mode):
        what = "en socket"
    else:
        what = "en spesialfil"
    return f"dette er {what}; forventet en vanlig fil"


def read_optional(path: Path, display: str | None = None) -> bytes | None:
    """A file of the data folder the build keeps (a calendar lock): its bytes, or None if there is none.

    Raises `PlanError` with a message at the file if it is there but cannot be read as a data file.
    """
    if not os.path.lexists(path):
        return None
    raw, problems = read_bytes(Path(path), display or display_path(path))
    if problems:
        raise PlanError(problems)
    return raw


def read_text(path: Path, display: str, root: Path | None = None) -> tuple[str | None, list[Problem]]:
    raw, problems = read_bytes(path, display, root)
    if raw is None:
        return None, problems
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return None, [
            Problem(
                display, line, column,
                f"filen er ikke lagret som UTF-8 (byten 0x{raw[exc.start]:02X} her er ikke UTF-8); "
                "lagre den på nytt med tegnkoding UTF-8",
            )
        ]


# The line breaks YAML counts (str.splitlines also splits at \v, \f and others).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# libyaml, PyYAML's C parser, reads a plan ten times faster than PyYAML's own. The two disagree on a
# few odd inputs (found by fuzzing both against data/ and the loader fixtures: tabs, byte order marks,
# control characters, odd line breaks, «?» or an empty value inside [...] or {...}); such a file goes
# to PyYAML's own parser, and so does any text libyaml rejects, and any file with a problem
# (validate.py reads it again inside `reference_parser()`): every message comes from the same parser as before.
_LIBYAML = getattr(yaml, "CSafeLoader", None)
_NOT_FOR_LIBYAML = re.compile(r"[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|[\[{][^\n]*(\?|:\s*,)")
_reference_only = False


@contextmanager
def reference_parser() -> Iterator[None]:
    """Parse with PyYAML's own parser only, as the messages for problems expect."""
    global _reference_only
    before, _reference_only = _reference_only, True
    try:
        yield
    finally:
        _reference_only = before


def _compose(text: str) -> list[yaml.Node]:
    if _LIBYAML is not None and not _reference_only and not _NOT_FOR_LIBYAML.search(text):
        try:
            return list(yaml.compose_all(text, Loader=_LIBYAML))
        except Exception:  # noqa: BLE001 - PyYAML's own parser below says what is wrong, in words the hints know
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def position_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`, counted as YAML counts lines."""
    before = _LINE_BREAK.split(text[:index])
    return len(before), len(before[-1]) + 1


def parse(text: str, display: str) -> tuple[SourceFile, list[Problem]]:
    """Parse one YAML document; problems instead of exceptions.

    A file with no document at all (empty, or only comments) is not a problem
    here: `data` stays None and no value has a position, so that the caller,
    who knows what the file should hold, can say what is missing.
    """
    source = SourceFile(display, text=text)
    problems: list[Problem] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            column = line.index("\t") + 1
            problems.append(Problem(display, number, column, "tabulatortegn i innrykket; bruk mellomrom"))
    if problems:
        return source, problems
    try:
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return source, [_syntax_problem(exc, text, display)]
    except yaml.reader.ReaderError as exc:
        line, column = position_of(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return source, [
            Problem(display, line, column, f"filen inneholder et kontrolltegn (kode {code:#06x}) som ikke er lov i YAML; fjern det")
        ]
    except RecursionError:
        return source, [Problem(display, 1, 1, "filen har for mange nivåer inni hverandre")]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks almost everything
        return source, [Problem(display, 1, 1, f"YAML-syntaksfeil ({exc})")]
    if len(nodes) > 1:
        starts = [e.start_mark for e in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(e, yaml.DocumentStartEvent)]
        second = starts[1]
        return source, [
            Problem(
                display, second.line + 1, second.column + 1,
                "filen har flere YAML-dokumenter (skilt med «---»); forventet ett",
            )
        ]
    if nodes:
        try:
            _count_values(nodes[0])
            source.data = _build(nodes[0], (), source, problems)
        except RecursionError:
            return SourceFile(display), [Problem(display, 1, 1, "filen har for mange nivåer inni hverandre")]
        except _TooManyValues as exc:
            if _uses_aliases(nodes[0]):
                message = (
                    f"filen blir til mer enn {_number(MAX_VALUES)} verdier når aliasene (*navn) settes inn; "
                    "skriv verdiene ut i stedet for å gjenta aliaser"
                )
            else:
                message = f"filen har mer enn {_number(MAX_VALUES)} verdier; en datafil kan ha høyst {_number(MAX_VALUES)}"
            return SourceFile(display), [Problem(display, exc.line, exc.column, message)]
    return source, problems


# The types a YAML file may give its values (written or, as usual, not): text, numbers, true/false, empty,
# dates, lists and blocks. Any other tag is reported, not silently dropped.
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


# Far above any real plan (the benchmark's ×100 årshjul has 70,000 values), and reached in a second or two:
# a guard against a file whose aliases (*navn) nest, each repeating the last, until the values number billions.
MAX_VALUES = 500_000


class _TooManyValues(Exception):
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _count_values(root: yaml.Node) -> None:
    """`_TooManyValues` at the top-level key where the file grows past MAX_VALUES, counted without building it.

    Each node's size is counted once, however many aliases repeat it, so a file
    of nested aliases is refused at once instead of after building half a million
    values (two seconds). It counts what `_build` records: every value, not the
    keys, and not what `_build` refuses (a key that is not a text, «<<», a key
    written twice, an alias inside itself). Only a file whose top is a block is
    counted here; `_build` keeps its own count for every file.
    """
    if not isinstance(root, yaml.MappingNode):
        return
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 0  # reached again inside itself: `_build` refuses it and records nothing
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(value) for _key, value in _counted_pairs(node))
        else:
            total = 1
        sizes[id(node)] = total
        return total

    total = 1
    for key, value in _counted_pairs(root):
        total += size(value)
        if total > MAX_VALUES:
            raise _TooManyValues(key.start_mark.line + 1, key.start_mark.column + 1)


def _counted_pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The pairs of a block that `_build` keeps: a text key, not «<<», each key once."""
    seen: set[str] = set()
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value != "<<" and key.value not in seen:
            seen.add(key.value)
            yield key, value


def _uses_aliases(root: yaml.Node) -> bool:
    """Whether a node is reached twice: an alias (*navn) repeats what its anchor (&navn) holds."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return False


# A key with spaces in a block in braces is most often the rest of a text with a comma in it.
COMMA_IN_TEXT = "; står det komma i en tekst i krøllparenteser, sett teksten i anførselstegn: {nb: \"Vg1, Vg2 og Vg3\", nn: …}"


def _too_long(node: yaml.ScalarNode, source: SourceFile, problems: list[Problem], what: str) -> None:
    """A text far longer than any plan needs (a 1 MB title takes half a minute to build) is refused at its line."""
    if len(node.value) > MAX_TEXT_CHARS:
        mark = node.start_mark
        problems.append(
            Problem(
                source.path, mark.line + 1, mark.column + 1,
                f"{what} er for lang ({_number(len(node.value))} tegn); høyst {_number(MAX_TEXT_CHARS)} tegn er lov",
            )
        )


def _build(
    node: yaml.Node, loc: Loc, source: SourceFile, problems: list[Problem], active: frozenset[int] = frozenset()
) -> Any:
    mark = node.start_mark
    if id(node) in active:
        problems.append(Problem(source.path, mark.line + 1, mark.column + 1, "et alias (*navn) viser til seg selv"))
        return None
    active = active | {id(node)}
    if node.tag not in _CORE_TAGS:  # a tag of the file's own (`!navn`) or a type YAML has but a plan does not use
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            Problem(source.path, mark.line + 1, mark.column + 1, f"YAML-merket «{tag}» brukes ikke i planen; fjern det")
        )
    source.values[loc] = Position(mark.line + 1, mark.column + 1)
    if len(source.values) > MAX_VALUES:  # said where the value that grew too large starts: its top-level key
        top = source.keys.get(loc[:1], Position(mark.line + 1, mark.column + 1))
        raise _TooManyValues(top.line, top.column)
    if isinstance(node, yaml.ScalarNode):
        source.scalars.append((mark.index, node.end_mark.index))
        _too_long(node, source, problems, "teksten")
        value = _scalar(node)
        if isinstance(value, (bool, int, float)):
            source.written[loc] = node.value
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), source, problems, active) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(source.path, kmark.line + 1, kmark.column + 1, "en nøkkel må være en enkel tekst"))
                continue
            key = key_node.value  # a key is a name, as written: `true:` and `1:` are not a boolean and a number
            if key == "<<":
                problems.append(Problem(source.path, kmark.line + 1, kmark.column + 1, "sammenslåing med «<<» støttes ikke; skriv feltene ut"))
                continue
            if key in result:
                first = source.keys[loc + (key,)]
                problems.append(
                    Problem(
                        source.path, kmark.line + 1, kmark.column + 1,
                        f"nøkkelen «{key}» står to ganger i samme blokk (første gang på linje {first.line}); "
                        "forventet hver nøkkel én gang" + (COMMA_IN_TEXT if " " in key.strip() else ""),
                    )
                )
                continue
            source.keys[loc + (key,)] = Position(kmark.line + 1, kmark.column + 1)
            source.scalars.append((kmark.index, key_node.end_mark.index))
            _too_long(key_node, source, problems, "nøkkelen")
            result[key] = _build(value_node, loc + (key,), source, problems, active)
        return result
    raise TypeError(node)  # pragma: no cover - compose yields only these three


def load_file(path: Path, display: str, root: Path | None = None) -> tuple[SourceFile, list[Problem]]:
    """Read and parse one data file (a regular file inside `root`, by default its own folder)."""
    text, problems = read_text(path, display, root)
    if text is None:
        return SourceFile(display), problems
    return parse(text, display)
