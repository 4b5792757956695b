"""Fixtures for the translation tests: a small plan in a temporary folder, and Apertium itself.

The plan is the loader's complete minimal plan with this folder's files laid
over it, so it stays valid when the model grows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skoleplan.translate.apertium import ApertiumError, choose_mode
from skoleplan.translate.markup import split

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
MINIMAL = PROJECT / "tests" / "loader" / "fixtures" / "minimal"
FIXTURES = HERE / "fixtures"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_plan(target: Path, overlay: str = "plan") -> Path:
    shutil.copytree(MINIMAL, target)
    for path in (FIXTURES / overlay).iterdir():
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def plan_dir(tmp_path) -> Path:
    """A Bokmål school: tiltak.yaml from fixtures/plan, and one Nynorsk text missing in aktivitetsplikt.yaml."""
    data = make_plan(tmp_path / "data")
    replace_in(data / "aktivitetsplikt.yaml", "items: [{nb: Er alene., nn: Er åleine.}]", "items: [{nb: Er alene.}]")
    return data


@pytest.fixture
def nynorsk_dir(tmp_path) -> Path:
    """A Nynorsk school whose tiltak.yaml has texts written in Nynorsk only."""
    data = make_plan(tmp_path / "data", "nynorsk")
    replace_in(data / "skole.yaml", "main_standard: nb", "main_standard: nn")
    return data


def shout(texts: list[str], source: str, target: str) -> list[str]:
    """A stand-in translator for layout tests: the words in capitals, markup as it was (deterministic)."""
    return ["".join(s.text.upper() if s.translate else s.text for s in split(text)) for text in texts]


@pytest.fixture(scope="session")
def needs_apertium() -> None:
    """Apertium with the Bokmål–Nynorsk pair is a real dependency: without it these tests fail, never skip."""
    try:
        choose_mode("nb", "nn")
        choose_mode("nn", "nb")
    except ApertiumError as exc:
        pytest.fail(f"Apertium trengs for denne testen: {exc}", pytrace=False)
