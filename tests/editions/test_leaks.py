"""Nothing internal leaks: sentinels planted in internal content of every kind never reach site/.

The public edition is made by taking internal content out of the plan before
anything is rendered; this test proves it over every file the build writes:
HTML, search index, sitemap, feeds, JS and CSS.
"""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
import yaml

from skoleplan.build import build_site
from skoleplan.model import registry

from ..conftest import flat_example

PROJECT = Path(__file__).resolve().parents[2]
_counter = itertools.count(1)

# Every list of items in the plan (from the content-kind registry) gets an internal twin of its first item,
# except the kinds below, which cannot have one. A new kind is planted without a change here.
NOT_TWINNED = {
    "duty": "each sub-duty stands once; a whole sub-duty is kept internal below instead",
    "role": "a role is only a name other items refer to; internal contacts and steps cover it",
    "school-year": "a school year shows no text of its own, only dates",
    "topic": "a topic shows only with its resources; the internal resource twin covers it",
}
ITEM_LISTS = [(lst.file, lst.path) for lst in registry.ITEM_LISTS if lst.kind not in NOT_TWINNED]


def test_every_kind_is_planted_or_says_why_not():
    kinds = {lst.kind for lst in registry.ITEM_LISTS}
    assert set(NOT_TWINNED) <= kinds
    assert {lst.kind for lst in registry.ITEM_LISTS if (lst.file, lst.path) in ITEM_LISTS} == kinds - set(NOT_TWINNED)


# Text blocks marked internal inside public items: (file, path to the text).
TEXT_BLOCKS = [
    ("aarshjul.yaml", ("activities", 0, "description")),
    ("tiltak.yaml", ("measures", 0, "pitfalls")),
    ("aktivitetsplikt.yaml", ("duties", 0, "documentation", "where")),
    ("aktivitetsplikt.yaml", ("intro",)),
    ("begreper.yaml", ("concepts", 0, "definition")),
    ("saksgang.yaml", ("stages", 0, "description")),
    ("forebygging.yaml", ("measures", 0, "how")),
    ("foresatte.yaml", ("after_report",)),
]
# Steps inside public items, marked internal as a whole.
STEP_LISTS = [
    ("aktivitetsplikt.yaml", ("duties", 1, "steps")),
    ("handheving.yaml", ("steps",)),
]


PLANTED: list[dict[str, str]] = []


def sentinel_text() -> dict:
    n = next(_counter)
    PLANTED.append({"nb": f"Sentinelnb{n:03d}x", "nn": f"Sentinelnn{n:03d}x"})
    return dict(PLANTED[-1])


def replace_texts(value):
    """The same structure with every {nb, nn} text replaced by a fresh sentinel."""
    if isinstance(value, dict):
        if set(value) >= {"nb", "nn"}:
            return {**value, **sentinel_text()}
        return {k: replace_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_texts(v) for v in value]
    return value


def walk(doc, path):
    for part in path:
        doc = doc[part]
    return doc


def plant(data: Path) -> None:
    docs = {}

    def doc(name):
        if name not in docs:
            docs[name] = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        return docs[name]

    for name, path in ITEM_LISTS:
        items = walk(doc(name), path)
        twin = replace_texts(copy.deepcopy(items[0]))
        twin["id"] = f"{twin['id']}-intern"
        twin["visibility"] = "internal"
        items.append(twin)
    for name, path in TEXT_BLOCKS:
        parent = walk(doc(name), path[:-1])
        parent[path[-1]] = {**sentinel_text(), "visibility": "internal"}
    for name, path in STEP_LISTS:
        steps = walk(doc(name), path)
        twin = replace_texts(copy.deepcopy(steps[0]))
        twin["visibility"] = "internal"
        steps.append(twin)
    # A whole sub-duty kept to staff: its page, its navigation entry and every link to it go too.
    duties = doc("aktivitetsplikt.yaml")["duties"]
    skjerpet = next(d for d in duties if d["kind"] == "skjerpet")
    skjerpet["visibility"] = "internal"
    skjerpet["summary"] = sentinel_text()
    # A signs list item.
    doc("aktivitetsplikt.yaml")["signs"]["items"].append({**sentinel_text(), "visibility": "internal"})
    for name, content in docs.items():
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def all_text(site: Path) -> str:
    """Every file the build wrote, as text; iCalendar lines unfolded so no sentinel is split."""
    parts = []
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.suffix != ".gz":
            text = file.read_bytes().decode("utf-8", errors="replace")
            parts.append(text.replace("\r\n ", "") if file.suffix == ".ics" else text)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaks")
    data = flat_example(root / "data")  # every layer merged: a sentinel in every field of the whole plan
    plant(data)
    build_site(PROJECT, root / "site", data, staff_dir=root / "site-intern")
    return root, data


def sentinels() -> list[str]:
    """Every sentinel planted so far."""
    return [text for pair in PLANTED for text in pair.values()]


def test_no_sentinel_reaches_the_public_site(editions):
    root, _ = editions
    public = all_text(root / "site")
    assert len(sentinels()) > 60
    leaked = [s for s in sentinels() if s in public]
    assert leaked == []


def test_every_sentinel_reaches_the_staff_site(editions):
    root, _ = editions
    staff = all_text(root / "site-intern")
    missing = [s for s in sentinels() if s not in staff]
    assert missing == []


def test_an_internal_duty_has_no_public_page_nav_entry_or_link(editions):
    root, _ = editions
    assert not (root / "site" / "nb" / "aktivitetsplikt" / "skjerpet").exists()
    assert (root / "site-intern" / "nb" / "aktivitetsplikt" / "skjerpet" / "index.html").exists()
    public = all_text(root / "site")
    assert "aktivitetsplikt/skjerpet" not in public


def test_public_feeds_hold_only_public_events(editions):
    root, _ = editions
    public = (root / "site" / "nb" / "kalender" / "ansatte.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    staff = (root / "site-intern" / "nb" / "kalender" / "ansatte.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "-intern." not in public
    assert "-intern." in staff  # the internal activity's UID


def test_staff_site_is_marked_and_not_indexed(editions):
    root, _ = editions
    staff = (root / "site-intern" / "nb" / "index.html").read_text(encoding="utf-8")
    public = (root / "site" / "nb" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in staff
    assert "noindex" not in public
    assert "Intern utgave for ansatte." in staff
    tiltak = (root / "site-intern" / "nb" / "tiltak" / "index.html").read_text(encoding="utf-8")
    assert '<span class="sp-internal">Intern</span>' in tiltak
