"""Whatever a data file holds, loading it gives a model or problems, never another exception.

Three kinds of input: arbitrary text (mostly broken YAML), arbitrary values
dumped as YAML, and the minimal plan's own files with one value somewhere
inside replaced, added or taken away, so that the input reaches deep into
each of the fifteen models. Every problem must be one Norwegian line at a
line that exists in the file.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from .loader_cases import MINIMAL

from skoleplan.errors import PlanError, Problem
from skoleplan.model import FILES, Plan
from skoleplan.source import parse
from skoleplan.validate import load_plan, validate_file

NAMES = sorted(FILES)
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Pydantic's and PyYAML's own words, which must never reach the user.
ENGLISH = re.compile(
    r"Input should|Field required|Value error|validation error|Extra inputs|YAML-syntaksfeil \(|"
    r"while (parsing|scanning)|expected|found|could not"
)



def english(message: str) -> bool:
    return bool(ENGLISH.search(re.sub(r"«[^»]*»", "", message)))  # a quoted value may be any text


# SKOLEPLAN_EXAMPLES=5000 for a thorough run; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("SKOLEPLAN_EXAMPLES", "120"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=2000,  # milliseconds; one file is parsed and validated in a few
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_problems(problems: list[Problem], text: str | None, shown: str) -> None:
    assert problems, "no model and no problem"
    lines = len(LINE_BREAK.split(text)) if text is not None else None
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == shown
        assert problem.line >= 1 and problem.column >= 1
        if lines is not None:
            assert problem.line <= lines, f"line {problem.line} of a file with {lines}: {problem}"
        assert problem.message and "\n" not in problem.message and "\r" not in problem.message
        assert not english(problem.message), problem.message


def validate_text(tmp: Path, name: str, content: str | bytes) -> None:
    path = tmp / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    source, model, problems = validate_file(path, name)
    if model is not None:
        assert problems == []
        assert isinstance(model, FILES[name])
    else:
        text = content if isinstance(content, str) else None
        check_problems(problems, text, source.path)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("property")


# --- arbitrary text -------------------------------------------------------------

YAML_CHARS = st.sampled_from(list(" \t\n:-[]{},#&*!|>'\"%@`?~.\\") + ["\r\n", "  ", "- ", ": ", "---\n", "..."])
WORDS = st.sampled_from(
    ["a", "no", "ja", "true", "null", "08:30", "2025-02-30", "02-30", "1.10", "12", "nb", "nn", "id", "rektor",
     "roles", "intro", "timing", "weekly", "date", "æøå", "\u2028", "\x00", "\ufeff", "§ 9 A-4", "<<"]
)
YAMLISH_TEXT = st.lists(st.one_of(YAML_CHARS, WORDS), max_size=60).map("".join)


@FAST
@given(name=st.sampled_from(NAMES), text=st.one_of(st.text(max_size=200), YAMLISH_TEXT))
def test_any_text(tmp, name, text):
    validate_text(tmp, name, text)


@FAST
@given(name=st.sampled_from(NAMES), raw=st.binary(max_size=100))
def test_any_bytes(tmp, name, raw):
    validate_text(tmp, name, raw)


# --- arbitrary values, dumped as YAML ---------------------------------------------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from(["no", "ja", "2025-02-30", "2025-09-02", "09-02", "25:00", "18:00", "søndag", "§ 9 A-4",
                     "https://udir.no", "rektor", "folge-med", "Rektor Per", ""]),
)
KEYS = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["id", "nb", "nn", "title", "tittle", "timing", "weekly", "weekley", "date", "time", "start",
                     "end", "law", "section", "roles", "name", "responsible", "deadline", "days", "<<"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


def dump(value, flow: bool) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, sort_keys=False)


@FAST
@given(name=st.sampled_from(NAMES), value=VALUES, flow=st.booleans())
def test_any_value(tmp, name, value, flow):
    validate_text(tmp, name, dump(value, flow))


# --- the minimal plan with one change deep inside ------------------------------------

MINIMAL_DATA = {name: yaml.safe_load((MINIMAL / name).read_text(encoding="utf-8")) for name in NAMES}


@st.composite
def changed_file(draw):
    """One of the minimal files, with one value replaced, one key added or one key or item removed."""
    name = draw(st.sampled_from(NAMES))
    data = yaml.safe_load((MINIMAL / name).read_text(encoding="utf-8"))  # a fresh copy to change
    parent, key = None, None
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)) > 0:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, draw(st.sampled_from(keys))
        node = node[key]
    action = draw(st.sampled_from(["replace", "add", "remove"]))
    if action == "replace" and parent is not None:
        parent[key] = draw(VALUES)
    elif action == "add" and isinstance(node, dict):
        node[draw(KEYS)] = draw(VALUES)
    elif action == "add" and isinstance(node, list):
        node.append(draw(VALUES))
    elif parent is not None:
        del parent[key]
    else:
        data = draw(VALUES)
    return name, dump(data, draw(st.booleans()))


@FAST
@given(changed=changed_file())
def test_the_minimal_plan_changed_somewhere(tmp, changed):
    name, text = changed
    validate_text(tmp, name, text)


@settings(FAST, max_examples=max(EXAMPLES // 6, 1))  # fifteen files a time
@given(changed=changed_file())
def test_the_whole_plan_changed_somewhere(tmp_path_factory, changed):
    """Through load_plan, with the cross-references: a Plan or a PlanError."""
    name, text = changed
    data = tmp_path_factory.mktemp("plan") / "data"
    shutil.copytree(MINIMAL, data)
    (data / name).write_text(text, encoding="utf-8")
    try:
        assert isinstance(load_plan(data), Plan)
    except PlanError as error:
        assert error.problems == sorted(error.problems)
        for problem in error.problems:
            lines = len(LINE_BREAK.split((data / Path(problem.file).name).read_text(encoding="utf-8")))
            assert 1 <= problem.line <= lines, str(problem)
            assert "\n" not in problem.message and not english(problem.message), str(problem)


def test_parse_never_raises_on_deep_nesting():
    source, problems = parse("a: " + "[" * 1000 + "]" * 1000 + "\n", "x.yaml")
    assert [str(p) for p in problems] == ["x.yaml:1:1: filen har for mange nivåer inni hverandre"]
