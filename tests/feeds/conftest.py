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


def feeds_with_lock(plan: Plan, lang: str, site_url: str, lock_path: Path | None, **kw) -> dict[str, bytes]:
    """`render_feeds` as a build runs it: the lock read, the events recorded, the lock saved."""
    from skoleplan.render.ical import EventLock, render_feeds

    lock = EventLock.load(lock_path)
    feeds = render_feeds(plan, lang, site_url, lock, **kw)
    lock.save()
    return feeds


def write_feeds(plan: Plan, lang: str, out_dir: Path, site_url: str, lock_path: Path | None = None) -> list[Path]:
    """The feeds of one language written below `out_dir` (the site), with a calendar lock when one is given."""
    written = []
    for relative, content in feeds_with_lock(plan, lang, site_url, lock_path).items():
        path = Path(out_dir) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
