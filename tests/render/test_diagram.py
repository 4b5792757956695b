"""The course-of-case flow chart: next stage straight below, other paths round lanes on the right."""

from __future__ import annotations

from pathlib import Path

from skoleplan.model.plan import Stage
from skoleplan.render.diagram import BOX_WIDTH, MARGIN, layout
from skoleplan.context import BuildContext
from skoleplan.render.pages import PageRenderer
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]


def stage(id_: str, nxt: list[str]) -> Stage:
    text = {"nb": id_, "nn": id_}
    return Stage(id=id_, title=text, description=text, role="rektor", next=nxt)


def test_layout_routes_the_next_stage_down_and_loops_round_a_lane():
    stages = [stage("a", ["b"]), stage("b", ["c", "a"]), stage("c", [])]
    d = layout(stages, {s.id: s.id for s in stages}, {s.id: "" for s in stages}, {s.id: list(s.next) for s in stages})
    a, b, c = d.boxes
    assert a.y < b.y < c.y
    down, back = d.edges[0].path, d.edges[2].path
    assert down.startswith(f"M{MARGIN + BOX_WIDTH // 2},{a.y + a.height}")  # straight down from a to b
    assert back == f"M{MARGIN + BOX_WIDTH},{b.middle} H{MARGIN + BOX_WIDTH + 16} V{a.middle} H{MARGIN + BOX_WIDTH + 2}"
    assert d.width > MARGIN + BOX_WIDTH + 16  # room for the lane


def test_long_titles_wrap_and_grow_the_box():
    stages = [stage("a", []), stage("b", [])]
    d = layout(stages, {"a": "kort", "b": "en svært lang tittel som må brytes over flere linjer i boksen"}, {"a": "", "b": ""}, {s.id: list(s.next) for s in stages})
    assert len(d.boxes[1].lines) > 1 and d.boxes[1].height > d.boxes[0].height


def test_the_chart_is_described_in_text_and_escaped():
    plan = load_plan(PROJECT / "data")
    renderer = PageRenderer([PROJECT / "overrides" / "pages"])
    markdown = renderer.render("saksgang", BuildContext.of(plan, "nn"), "saksgang.md")
    svg = markdown[markdown.index("<svg"): markdown.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for stage_ in plan.course.stages:
        assert stage_.title["nn"].replace("&", "&amp;") in svg
