"""Fixture plans for the feed tests: small, realistic, and independent of data/ (which others edit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skoleplan.model import Plan
from skoleplan.model.plan import SchoolYear
from skoleplan.validate import validate_file

FIXTURES = Path(__file__).parent / "fixtures"
PLAN_DIR = FIXTURES / "plan"
SKOLERUTE = FIXTURES / "skolerute" / "skolerute.yaml"
SITE_URL = "https://plan.makeskjaer.fjordvik.example/"


def load_model(path: Path, name: str):
    """One data file through the project's own loader and validator."""
    _, model, problems = validate_file(path, name)
    assert not problems, "\n".join(str(p) for p in problems)
    return model


def load_plan(plan_dir: Path = PLAN_DIR, skolerute: Path = SKOLERUTE) -> Plan:
    """A Plan with only the parts the feeds read; the other files are not needed here."""
    return Plan.model_construct(
        school=load_model(plan_dir / "skole.yaml", "skole.yaml"),
        roles=load_model(plan_dir / "roller.yaml", "roller.yaml"),
        calendar=load_model(plan_dir / "aarshjul.yaml", "aarshjul.yaml"),
        school_calendar=load_model(skolerute, "skolerute.yaml"),
    )


def school_years() -> dict[str, SchoolYear]:
    return {y.id: y for y in load_model(SKOLERUTE, "skolerute.yaml").school_years}


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="session")
def years() -> dict[str, SchoolYear]:
    return school_years()


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture plan, for tests that edit it."""
    target = tmp_path / "plan"
    shutil.copytree(PLAN_DIR, target)
    return target
