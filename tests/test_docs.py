"""Tests that keep the README honest: what it shows works, what it lists exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from skoleplan.errors import PlanError
from skoleplan.model import DATA_FILES
from skoleplan.model.timing import Timing
from skoleplan.validate import load_plan

from .conftest import copy_example

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(title)
    following = README.find("\n## ", start + len(title))
    return README[start: following if following != -1 else None]


def test_every_timing_example_in_the_readme_is_valid():
    examples = re.findall(r"`(\{[a-z_]+: [^`]+\})`", section("## For the person who keeps the plan"))
    assert len(examples) >= 12
    timing = TypeAdapter(Timing)
    for example in examples:
        timing.validate_python(yaml.safe_load(example.replace("[...]", '["09-02", "02-11"]')))


def test_the_readme_lists_exactly_the_data_files_as_the_registry_says():
    """The table of files is the content-kind registry's (skoleplan/model/registry.py), row for row."""
    listed = re.findall(r"^\| `([a-z_]+\.yaml)` \| ([^|]+) \|$", section("## For the person who keeps the plan"), re.M)
    assert listed == [(f.name, f.holds) for f in DATA_FILES]


def test_every_make_command_in_the_readme_exists():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    commands = set(re.findall(r"`make ([a-z-]+)", README))
    assert commands and commands <= targets, commands - targets


def test_the_example_check_output_is_what_check_says(tmp_path, monkeypatch):
    """The two messages the README shows come out of `make check` word for word (lines aside)."""
    shown = re.findall(r"^data/([a-z]+\.yaml):\d+:\d+: (.+)$", section("## For the person who keeps the plan"), re.M)
    assert len(shown) == 2
    data = copy_example(tmp_path)
    calendar = data / "aarshjul.yaml"
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(re.sub(r"^(\s+)title:", r"\1tittle:", text, count=1, flags=re.M), encoding="utf-8")
    measures = data / "forebygging.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(re.sub(r"responsible: \[([a-z-]+)", "responsible: [kontaktlærer", text, count=1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError) as raised:
        load_plan("data")
    messages = {(p.file.removeprefix("data/"), p.message) for p in raised.value.problems}
    for file, message in shown:
        assert (file, message) in messages


def _required(model, prefix: str = "") -> list[str]:
    """The fields a file must have: required fields, and inside a required block (not a list) its required fields."""
    from skoleplan.model.base import Text
    from skoleplan.model.walk import is_model, peel

    found = []
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        inner = peel(info.annotation)
        if is_model(inner) and not issubclass(inner, Text) and _required(inner):
            found += _required(inner, f"{prefix}{name}.")
        else:
            found.append(f"{prefix}{name}")
    return found


def test_the_readme_lists_what_a_plan_must_have_as_the_model_says():
    """«What a plan must have»: the required files, and in each the required fields, exactly."""
    rows = re.findall(r"^\| `([a-z_]+\.yaml)` \| (`[^|]+`) \| .+ \|$", section("### What a plan must have"), re.M)
    listed: dict[str, list[str]] = {}
    for file, fields in rows:
        listed.setdefault(file, []).extend(re.findall(r"`([a-z_.]+)`", fields))
    assert listed == {f.name: _required(f.model) for f in DATA_FILES if f.required}
    assert all(not _required(f.model) for f in DATA_FILES if not f.required)
