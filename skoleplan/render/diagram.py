"""Lay out the course of a case as a flow chart: boxes top to bottom, other paths in lanes beside.

Only the geometry is computed here; the SVG itself is written by the template
`overrides/pages/saksgang.svg.j2`, so a school can restyle it. The chart is
drawn at build time: no diagram script from another host (Material's Mermaid
support loads one), and the same text stands in the list below it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..model.plan import Stage

BOX_WIDTH = 380
LINE_HEIGHT = 18
BOX_PADDING = 12
GAP = 30
LANE_GAP = 16
MARGIN = 8
CHARS_PER_LINE = 40


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    note: str

    @property
    def middle(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True)
class Edge:
    """A path from one box to another: straight down to the next, or round a lane on the right."""

    path: str


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]


def layout(stages: list[Stage], titles: dict[str, str], notes: dict[str, str], links: dict[str, list[str]]) -> Diagram:
    """Boxes in the stages' order; an edge to the next stage goes straight down, any other round a lane."""
    boxes: list[Box] = []
    y = MARGIN
    for stage in stages:
        lines = tuple(textwrap.wrap(titles[stage.id], CHARS_PER_LINE)) or ("",)
        height = BOX_PADDING * 2 + LINE_HEIGHT * (len(lines) + 1)
        boxes.append(Box(stage.id, MARGIN, y, BOX_WIDTH, height, lines, notes[stage.id]))
        y += height + GAP
    index = {box.id: i for i, box in enumerate(boxes)}
    edges: list[Edge] = []
    lanes = 0
    for i, stage in enumerate(stages):
        source = boxes[i]
        for target_id in links[stage.id]:
            j = index[target_id]
            target = boxes[j]
            cx = source.x + source.width // 2
            if j == i + 1:
                edges.append(Edge(f"M{cx},{source.y + source.height} V{target.y - 2}"))
                continue
            lanes += 1
            lane_x = source.x + source.width + LANE_GAP * lanes
            right = source.x + source.width
            edges.append(
                Edge(f"M{right},{source.middle} H{lane_x} V{target.middle} H{right + 2}")
            )
    width = MARGIN * 2 + BOX_WIDTH + LANE_GAP * (lanes + 1)
    height = y - GAP + MARGIN
    return Diagram(width, height, tuple(boxes), tuple(edges))
