"""The parts real plans are written with (issue 17): lettered lists, courses as plain lists, labelled texts
that start with a list, a revision date that has passed, activities without a time, images."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from skoleplan.context import BuildContext
from skoleplan.errors import PlanError
from skoleplan.model import Plan
from skoleplan.model.plan import CourseFile, Stage
from skoleplan.render.escape import escape_markdown
from skoleplan.render.ical import feed_events, markdown_to_text
from skoleplan.render.pages import PageContext, PageRenderer, calendar_groups
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]
MINIMAL = PROJECT / "tests" / "loader" / "fixtures" / "minimal"
LETTERED = "Slik gjør vi det:\na) Vi hører eleven,\n   også når det er vanskelig.\nb) Vi veier hensynene.\nc) Vi skriver det ned."


def test_lettered_points_become_a_list_with_their_letters():
    html = markdown.markdown(escape_markdown(LETTERED), extensions=["md_in_html", "attr_list"])
    assert html == (
        "<p>Slik gjør vi det:</p>\n"
        '<ol type="a">\n'
        "<li>Vi hører eleven, også når det er vanskelig.</li>\n"
        "<li>Vi veier hensynene.</li>\n"
        "<li>Vi skriver det ned.</li>\n"
        "</ol>"
    )


@pytest.mark.parametrize("text", ["a) er riktig svar.", "Svar a) eller b).", "b) Først b.\nc) Så c."])
def test_a_letter_that_starts_no_list_stays_text(text):
    assert "<ol" not in escape_markdown(text)


def test_a_calendar_reads_the_letters_too():
    assert markdown_to_text(LETTERED) == (
        "Slik gjør vi det:\n\na) Vi hører eleven, også når det er vanskelig.\nb) Vi veier hensynene.\nc) Vi skriver det ned."
    )


def _stage(id_: str, nxt: list[str] | None = None) -> Stage:
    return Stage(id=id_, title={"nb": id_, "nn": id_}, next=nxt or [])


def test_a_course_written_as_a_plain_list_goes_from_each_stage_to_the_next():
    course = CourseFile(stages=[_stage("a"), _stage("b"), _stage("c")])
    assert [course.next_of(s) for s in course.stages] == [["b"], ["c"], []]


def test_a_course_that_names_its_next_stages_is_taken_at_its_word():
    course = CourseFile(stages=[_stage("a", ["c"]), _stage("b"), _stage("c", ["a"])])
    assert [course.next_of(s) for s in course.stages] == [["c"], [], ["a"]]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(MINIMAL)


def test_a_label_before_a_text_that_starts_with_a_list_stands_on_its_own_line(plan):
    c = PageContext(BuildContext.of(plan))
    text = {"nb": "- Snakk med eleven.\n- Ring hjem.", "nn": "- Snakk med eleven.\n- Ring heim."}
    from skoleplan.model.base import Text

    assert c.labelled("measures.how", Text(**text)) == "**Slik gjør dere det:**\n\n- Snakk med eleven.\n- Ring hjem."
    assert c.labelled("measures.how", Text(nb="Hver dag.", nn="Kvar dag.")) == "**Slik gjør dere det.** Hver dag."


def test_the_about_page_says_when_the_revision_date_has_passed(plan):
    renderer = PageRenderer([PROJECT / "overrides" / "pages"])
    on_time = BuildContext.of(plan)
    assert "!!! warning" not in renderer.render("om-planen", on_time, "om-planen.md")
    late = replace(on_time, epoch=int(dt.datetime(2026, 6, 2, tzinfo=dt.timezone.utc).timestamp()))
    page = renderer.render("om-planen", late, "om-planen.md")
    assert '!!! warning "Planen skulle vært revidert"' in page and "revidert innen 1. juni 2026" in page
    nynorsk = renderer.render("om-planen", late.other("nn"), "om-planen.md")
    assert "revidert innan 1. juni 2026" in nynorsk


def test_an_activity_without_a_time_is_listed_under_its_heading_and_left_out_of_the_feeds(plan):
    first = plan.calendar.activities[0]
    untimed = first.model_copy(update={"id": "samtaler", "timing": None})
    grouped = untimed.model_copy(update={"id": "turer", "group": type(first.title)(nb="Hvert år", nn="Kvart år")})
    changed = plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": [first, untimed, grouped]})})
    groups = calendar_groups(changed, "nb")
    assert [(g.label, [a.id for a in g.activities]) for g in groups][-2:] == [
        ("Hvert år", ["turer"]), ("Uten fast tidspunkt", ["samtaler"])]
    assert groups[-1].name == "uten fast tidspunkt"
    assert {e.activity.id for e in feed_events(changed, "lia.example.no")} == {first.id}


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("ved behov", "Uten fast tidspunkt"),  # no time is named: with the activities without one
        ("ikke bestemt", "Uten fast tidspunkt"),
        ("daglig", "Gjennom hele året"),
        ("annenhver torsdag", "Gjennom hele året"),
        ("hvert semester", "Gjennom hele året"),
        ("etter høstferien", "oktober"),
        ("siste skoledag før jul", "desember"),
        ("uka etter vinterferien", "mars"),
    ],
)
def test_the_new_timing_kinds_have_their_place_in_the_arshjul(plan, phrase: str, label: str):
    from pydantic import TypeAdapter

    from skoleplan.model.timing import Timing

    first = plan.calendar.activities[0]
    activity = first.model_copy(update={"id": "ny", "timing": TypeAdapter(Timing).validate_python(phrase)})
    changed = plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": [activity]})})
    assert [(g.label, [a.id for a in g.activities]) for g in calendar_groups(changed, "nb")] == [(label, ["ny"])]


def _with_figure(tmp_path: Path, name: str, content: bytes | None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "bilder" / "sirkel.png").unlink()
    if content is not None:
        (data / "bilder" / name).write_bytes(content)
    return data


def _problems(data: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(data)
    return [p.message for p in raised.value.problems]


def test_an_image_that_is_not_one_is_refused(tmp_path):
    data = _with_figure(tmp_path, "sirkel.png", b"<svg onload='alert(1)'></svg>")
    assert _problems(data) == [
        "«bilder/sirkel.png» er ikke et PNG-, JPEG-, GIF- eller WebP-bilde (innholdet er noe annet enn navnet sier)"]


def test_an_image_linked_from_outside_the_data_folder_is_refused(tmp_path):
    outside = tmp_path / "hemmelig.png"
    outside.write_bytes((MINIMAL / "bilder" / "sirkel.png").read_bytes())
    data = _with_figure(tmp_path, "x", None)
    os.symlink(outside, data / "bilder" / "sirkel.png")
    assert _problems(data) == ["«bilder/sirkel.png» peker ut av datamappen; legg selve bildet i datamappen"]


def test_a_text_that_ends_in_a_list_does_not_run_into_the_facts_after_it(plan):
    """Issue 17: «how» ending in a list took «Når/Ansvar» into that list."""
    from skoleplan.model.base import Text

    item = plan.prevention.measures[0]
    how = Text(nb="Vi gjør to ting:\n\n- snakker\n- lytter", nn="Vi gjer to ting:\n\n- snakkar\n- lyttar")
    changed = plan.model_copy(update={"prevention": plan.prevention.model_copy(
        update={"measures": [item.model_copy(update={"how": how})]})})
    page = PageRenderer([PROJECT / "overrides" / "pages"]).render("forebygging", BuildContext.of(changed), "forebygging.md")
    html = markdown.markdown(page, extensions=["md_in_html", "attr_list", "def_list", "tables"])
    how_list = html[html.index("<li>snakker</li>") : html.index("</ul>", html.index("<li>snakker</li>"))]
    assert "Når" not in how_list
    assert '<div class="sp-facts">\n<ul>\n<li><strong>Når:</strong>' in html
