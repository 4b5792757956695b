"""The course-of-case flow chart: next stage straight below, other paths round labelled lanes, made for a phone."""

from __future__ import annotations

import re
from pathlib import Path

from skoleplan.context import BuildContext
from skoleplan.model.plan import CourseFile, Stage
from skoleplan.render.diagram import BOX_WIDTH, LANE_GAP, MARGIN, layout
from skoleplan.render.pages import PageRenderer
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]
BRANCH = {"forward": "til steg {n}", "back": "tilbake til steg {n}"}
PHONE_COLUMN = 358  # the text column of a 390 px wide phone


def stage(id_: str, nxt: list[str]) -> Stage:
    text = {"nb": id_, "nn": id_}
    return Stage(id=id_, title=text, description=text, role="rektor", next=nxt)


def links(stages: list[Stage]) -> dict[str, list[str]]:
    course = CourseFile(stages=stages)
    return {s.id: course.next_of(s) for s in stages}


def test_layout_routes_the_next_stage_down_and_loops_round_a_labelled_lane():
    stages = [stage("a", ["b"]), stage("b", ["c", "a"]), stage("c", [])]
    d = layout(stages, {s.id: s.id for s in stages}, {s.id: "" for s in stages}, links(stages), BRANCH)
    a, b, c = d.boxes
    assert a.y < b.y < c.y
    down, back = d.edges[0].path, d.edges[2].path
    assert down.startswith(f"M{MARGIN + BOX_WIDTH // 2},{a.y + a.height}")  # straight down from a to b
    right = MARGIN + BOX_WIDTH
    assert back == f"M{right},{b.bottom - 10} H{right + LANE_GAP} V{a.y + 12} H{right + 2}"
    assert d.width > right + LANE_GAP  # room for the lane
    assert [label.text for label in d.labels] == ["tilbake til steg 1"]
    assert d.labels[0].y > b.bottom and d.labels[0].y < c.y, "the label stands under the box the path leaves"


def test_shorter_paths_take_the_inner_lanes():
    names = "abcdef"
    nexts = {"a": ["b", "f"], "b": ["c"], "c": ["d", "e"], "d": ["e"], "e": ["f"], "f": []}
    stages = [stage(n, nexts[n]) for n in names]
    d = layout(stages, {n: n for n in names}, {n: "" for n in names}, links(stages), BRANCH)
    lanes = {}
    for edge in d.edges:
        match = re.search(r" H(\d+) V", edge.path)
        if match:
            lanes[edge.path.split(" ")[0]] = int(match[1])
    assert sorted(lanes.values()) == [MARGIN + BOX_WIDTH + LANE_GAP, MARGIN + BOX_WIDTH + 2 * LANE_GAP]
    c_to_e = next(p for p in d.edges if p.path.startswith(f"M{MARGIN + BOX_WIDTH},{d.boxes[2].bottom - 10}"))
    assert f"H{MARGIN + BOX_WIDTH + LANE_GAP} " in c_to_e.path, "the short path c→e is inside the long a→f"
    assert [label.text for label in d.labels] == ["til steg 6", "til steg 5"]


def test_long_titles_wrap_and_grow_the_box():
    stages = [stage("a", []), stage("b", [])]
    d = layout(stages, {"a": "kort", "b": "en svært lang tittel som må brytes over flere linjer i boksen"}, {"a": "", "b": ""}, links(stages))
    assert len(d.boxes[1].lines) > 1 and d.boxes[1].height > d.boxes[0].height


def _svg(lang: str) -> str:
    plan = load_plan(PROJECT / "data")
    renderer = PageRenderer([PROJECT / "overrides" / "pages"])
    markdown = renderer.render("saksgang", BuildContext.of(plan, lang), "saksgang.md")
    return markdown[markdown.index("<svg"): markdown.index("</svg>")]


def test_the_example_fits_a_phone_without_scaling_its_text_down():
    svg = _svg("nb")
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg)[1])
    assert width <= PHONE_COLUMN, f"{width} units: a 390 px phone would shrink the text"
    sizes = {int(s) for s in re.findall(r'font-size="(\d+)"', svg)}
    assert min(sizes) >= 14


def test_every_box_links_to_its_step_and_every_branch_is_labelled():
    plan = load_plan(PROJECT / "data")
    svg = _svg("nn")
    assert 'role="group"' in svg and 'aria-labelledby="saksgang-tittel"' in svg and "<title" in svg
    stages = plan.course.stages
    assert re.findall(r'<a class="sp-diagram__step" href="#([^"]+)"', svg) == [s.id for s in stages]
    for stage_ in stages:
        assert stage_.title["nn"].split()[0].replace("&", "&amp;") in svg
    order = {s.id: i for i, s in enumerate(stages)}
    branches = sum(1 for s in stages for t in s.next if order[t] != order[s.id] + 1)
    labels = re.findall(r'<text class="sp-diagram__label"[^>]*>([^<]+)</text>', svg)
    assert len(labels) == branches == 3
    assert "tilbake til steg 7" in labels and labels.count("til steg 10") == 2
