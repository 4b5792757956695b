"""Fixtures shared by the whole suite, and the fast lane (`make test-fast`).

The fast lane runs every test except those that drive Chromium or the Nu Html
Checker (`browser`), run Apertium (`apertium`) or build whole sites with MkDocs
(`build`). Tests are marked by the fixtures they use and the folder they are in;
a test that builds a site or runs Apertium without being marked fails in the
fast lane with a message saying so, so the lane stays honest.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

MINIMAL = Path(__file__).resolve().parent / "loader" / "fixtures" / "minimal"
FAST_LANE = os.environ.get("SKOLEPLAN_FAST_LANE") == "1"

# A test using one of these fixtures gets the marker.
MARKED_BY_FIXTURE = {
    "site": "build", "built": "build", "sites": "build", "editions": "build", "needs_apertium": "apertium", "browser": "browser",
}
MARKED_BY_FOLDER = {"browser": "browser"}
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
        for folder, marker in MARKED_BY_FOLDER.items():
            if folder in Path(str(item.path)).relative_to(Path(__file__).parent).parts[:-1]:
                item.add_marker(marker)


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """The fast lane runs nothing in tests/browser: it is not even collected (its conftest reads the plan to
    list the pages)."""
    if FAST_LANE and collection_path == BROWSER_TESTS:
        return True
    return None


@pytest.fixture(autouse=True, scope="session")
def _fast_lane_guard() -> Iterator[None]:
    """In the fast lane, a whole build or an Apertium run fails the test that forgot its marker.

    Patched for the whole session, so a fixture of a module's or the session's scope that builds a site
    is caught too (a function-scoped guard is set up after them); the test being set up is named.
    """
    if not FAST_LANE:
        yield
        return

    def refuse(what: str, marker: str):
        def refused(*args, **kwargs):
            test = os.environ.get("PYTEST_CURRENT_TEST", "a test").rsplit(" (", 1)[0]
            pytest.fail(f"{test} {what}: mark it @pytest.mark.{marker} (it is left out of the fast lane)")

        return refused

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("skoleplan.build._submit_sites", refuse("builds a site with MkDocs", "build"))
        patch.setattr("skoleplan.translate.apertium._run", refuse("runs Apertium", "apertium"))
        yield


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the smallest valid plan, in tmp_path/data, for a test to break or extend."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="session")
def handbook_project(tmp_path_factory) -> Path:
    """This project without the example school's own pages in docs/ (they name the example's ids): for building
    another plan's handbook."""
    project = tmp_path_factory.mktemp("handbook-project")
    (project / "docs").mkdir()
    root = Path(__file__).resolve().parents[1]
    for name in ("overrides", "macros", "mkdocs.yml", "mkdocs.nb.yml", "mkdocs.nn.yml", "skoleplan"):
        (project / name).symlink_to(root / name)
    return project


EXAMPLE = Path(__file__).resolve().parents[1]


def copy_example(target: Path) -> Path:
    """The example school with the layer it builds on, copied side by side into `target` as in the project
    (data/ and kommuner/; the national base is found by name); returns the copy's data folder."""
    shutil.copytree(EXAMPLE / "data", target / "data")
    shutil.copytree(EXAMPLE / "kommuner", target / "kommuner")
    return target / "data"


@functools.cache
def flat_example_files() -> dict[str, str]:
    """The example school's data files with every layer merged (no builds_on), as text: {file name: text}."""
    from skoleplan.layers import flat_files
    from skoleplan.validate import load

    return flat_files(load(EXAMPLE / "data").merged)


def flat_example(target: Path) -> Path:
    """The example school as one folder with every layer merged (no builds_on): each file the whole plan's part,
    for tests that change every field of every file; returns the folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name, text in flat_example_files().items():
        (target / name).write_text(text, encoding="utf-8")
    for lock in (EXAMPLE / "data").glob("*.lock.json"):
        shutil.copy(lock, target / lock.name)
    return target


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """The start tags of a page, each with its attributes (an attribute without a value as «»)."""
    parser = _Tags()
    parser.feed(html)
    return parser.tags
