"""Lay out the course of a case as a flow chart: boxes top to bottom, other paths in lanes beside.

Only the geometry is computed here; the SVG itself is written by the template
`overrides/pages/saksgang.svg.j2`, so a school can restyle it. The chart is
drawn at build time: no diagram script from another host (Material's Mermaid
support loads one), and the same text stands in the list below it.

The chart is made for a phone first: it is at most `WIDTH` units wide, so on
a 390 px screen (a text column of about 358 px) it is shown at its own size
and its text at 16 and 14 px, never scaled down. A box is a link to its step;
a path that does not go to the next step is labelled with where it goes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..model.plan import Stage

MARGIN = 4
BOX_WIDTH = 292
PADDING = 12
TITLE_SIZE = 16
TITLE_LINE = 20
NOTE_SIZE = 14
NOTE_LINE = 18
GAP = 28  # between two boxes
LABEL_GAP = 40  # between two boxes when a labelled path leaves the upper one
LANE_GAP = 11
ARROW = 2  # an arrow's tip stops this short of the box
# Characters per line, from the average width of a letter in a sans-serif font at each size.
TITLE_CHARS = int((BOX_WIDTH - 2 * PADDING) / (TITLE_SIZE * 0.6))
NOTE_CHARS = int((BOX_WIDTH - 2 * PADDING) / (NOTE_SIZE * 0.55))


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    note: tuple[str, ...]

    @property
    def middle(self) -> int:
        return self.y + self.height // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def baselines(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Where each line of the title and of the note stands (its baseline)."""
        first = self.y + PADDING + TITLE_SIZE - 2
        titles = tuple(first + i * TITLE_LINE for i in range(len(self.lines)))
        start = titles[-1] + NOTE_LINE + 2
        return titles, tuple(start + i * NOTE_LINE for i in range(len(self.note)))


@dataclass(frozen=True)
class Edge:
    """A path from one box to another: straight down to the next, or round a lane on the right."""

    path: str


@dataclass(frozen=True)
class Label:
    """The words on a path that does not go to the next step («til steg 10»), right-aligned at `x`."""

    x: int
    y: int
    text: str


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    labels: tuple[Label, ...] = ()


def _wrap(text: str, width: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, width, break_long_words=False)) or ("",)


def layout(
    stages: list[Stage],
    titles: dict[str, str],
    notes: dict[str, str],
    links: dict[str, list[str]],
    branch: dict[str, str] | None = None,
) -> Diagram:
    """Boxes in the stages' order; an edge to the next stage goes straight down, any other round a lane.

    `links`: the stages each stage leads to (`CourseFile.next_of`: a course written as a plain list leads from
    each stage to the one below). `branch` words the label of a path round a lane:
    {"forward": "til steg {n}", "back": "tilbake til steg {n}"}.
    """
    branch = branch or {"forward": "→ {n}", "back": "↑ {n}"}
    index = {stage.id: i for i, stage in enumerate(stages)}
    labelled = {i for i, stage in enumerate(stages) for t in links[stage.id] if index[t] != i + 1}
    boxes: list[Box] = []
    y = MARGIN
    for i, stage in enumerate(stages):
        lines = _wrap(titles[stage.id], TITLE_CHARS)
        note = _wrap(notes[stage.id], NOTE_CHARS) if notes[stage.id] else ()
        height = PADDING * 2 + TITLE_LINE * len(lines) + NOTE_LINE * len(note)
        boxes.append(Box(stage.id, MARGIN, y, BOX_WIDTH, height, lines, note))
        y += height + (LABEL_GAP if i in labelled else GAP)

    # A path round a lane: shorter paths on the inner lanes, so a longer one passes outside them without crossing.
    branches = [(i, index[t]) for i, stage in enumerate(stages) for t in links[stage.id] if index[t] != i + 1]
    lane_of: dict[tuple[int, int], int] = {}
    for i, j in sorted(branches, key=lambda b: (abs(b[1] - b[0]), min(b), b)):
        lo, hi = min(i, j), max(i, j)
        lane = 1
        while any(l == lane and not (hi < min(a, b) or lo > max(a, b)) for (a, b), l in lane_of.items()):
            lane += 1
        lane_of[(i, j)] = lane
    lanes = max(lane_of.values(), default=0)

    edges: list[Edge] = []
    labels: list[Label] = []
    right = MARGIN + BOX_WIDTH
    # Paths arriving at (or leaving) one box: the outer lane further down, so they do not cross each other.
    arriving = {j: sorted((lane_of[b] for b in lane_of if b[1] == j)) for _, j in branches}
    leaving_lanes = {i: sorted((lane_of[b] for b in lane_of if b[0] == i), reverse=True) for i, _ in branches}
    for i, stage in enumerate(stages):
        source = boxes[i]
        for target_id in links[stage.id]:
            j = index[target_id]
            target = boxes[j]
            cx = source.x + source.width // 2
            if j == i + 1:
                edges.append(Edge(f"M{cx},{source.bottom} V{target.y - ARROW}"))
                continue
            lane = lane_of[(i, j)]
            lane_x = right + LANE_GAP * lane
            leaving = leaving_lanes[i].index(lane)
            out_y = source.bottom - 10 - 8 * leaving
            in_y = target.y + 12 + 8 * arriving[j].index(lane)
            edges.append(Edge(f"M{right},{out_y} H{lane_x} V{in_y} H{right + ARROW}"))
            words = branch["forward" if j > i else "back"].format(n=j + 1, title=titles[target_id])
            labels.append(Label(right - 4, source.bottom + NOTE_SIZE + 6 + NOTE_LINE * leaving, words))
    width = right + LANE_GAP * (lanes + 1) + MARGIN
    height = y - (LABEL_GAP if len(stages) - 1 in labelled else GAP) + MARGIN
    return Diagram(width, height, tuple(boxes), tuple(edges), tuple(labels))
