"""Golden snapshots: the Markdown every page renders from the minimal fixture plan, in both written standards.

The snapshot is what the core hands the site generator, so it changes only when
a template, a label or the rendering changes, not when Material does. The build
time is the plan's approval date (`BuildContext.of`), so the årshjul's dates are
fixed. After an intended change, run `UPDATE_SNAPSHOTS=1 make test-fast` and
review the diff of tests/site/snapshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skoleplan.context import BuildContext
from skoleplan.render.handbook import Handbook
from skoleplan.validate import load_plan

from ..conftest import MINIMAL

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
EDITIONS = [("public", "nb"), ("public", "nn"), ("staff", "nb"), ("staff", "nn")]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], dict[str, str]]:
    plan = load_plan(MINIMAL)
    return {
        (edition, lang): {page.path: page.markdown for page in Handbook(BuildContext.of(plan, lang, edition)).pages()}
        for edition, lang in EDITIONS
    }


@pytest.mark.parametrize("edition,lang", EDITIONS)
def test_every_page_matches_its_snapshot(rendered, edition, lang):
    folder = SNAPSHOTS / edition / lang
    pages = rendered[(edition, lang)]
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        for path, markdown in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(markdown, encoding="utf-8")
    stored = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    assert stored == set(pages), "pages added or removed; if intended: UPDATE_SNAPSHOTS=1 make test-fast"
    changed = [path for path, markdown in pages.items() if (folder / path).read_text(encoding="utf-8") != markdown]
    assert changed == [], f"{edition}/{lang}: {changed} changed; if intended: UPDATE_SNAPSHOTS=1 make test-fast"
