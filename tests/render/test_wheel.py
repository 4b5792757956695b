"""The årshjul as a wheel: months round the circle from August, holidays marked, activities on their dates."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from skoleplan.render import wheel
from skoleplan.resolve.dates import dates_of
from skoleplan.resolve.edition import for_edition
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plan():
    return for_edition(load_plan(PROJECT / "data"), "public")


@pytest.fixture(scope="module")
def year(plan):
    return next(y for y in plan.school_calendar.school_years if y.id == "2026-2027")


def _angle(x: float, y: float) -> float:
    """Clockwise from the top, in [0, 2π)."""
    return math.atan2(x - wheel.CENTER, wheel.CENTER - y) % (2 * math.pi)


def test_twelve_months_from_august_and_the_month_of_today_marked(plan, year):
    drawn = wheel.layout(plan, year, "nn", dt.date(2026, 11, 22), {11: "#november"})
    assert [s.month for s in drawn.sectors] == [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7]
    assert [s.label for s in drawn.sectors][:3] == ["aug", "sep", "okt"]
    assert [s.month for s in drawn.sectors if s.current] == [11]
    assert [s.href for s in drawn.sectors if s.href] == ["#november"]
    assert _angle(drawn.sectors[0].label_x, drawn.sectors[0].label_y) < math.pi / 6  # August just right of the top


def test_no_month_is_today_outside_the_school_year(plan, year):
    drawn = wheel.layout(plan, year, "nb", dt.date(2030, 1, 1), {})
    assert not any(s.current for s in drawn.sectors)


def test_holidays_and_summer_are_marked_in_the_language_of_the_page(plan, year):
    drawn = wheel.layout(plan, year, "nn", dt.date(2026, 11, 22), {})
    names = [h.name for h in drawn.holidays]
    assert names[0] == names[-1] == "sommarferie"
    assert "haustferie" in names and "juleferie" in names
    autumn = next(h for h in drawn.holidays if h.name == "haustferie")
    assert autumn.dates == "28. september – 2. oktober"


def test_an_activity_stands_at_its_date(plan, year):
    drawn = wheel.layout(plan, year, "nb", dt.date(2026, 11, 22), {})
    activity = next(a for a in plan.calendar.activities if a.id == "trivselsdag")
    day = dates_of(activity, year).occurrences[0].start
    mark = next(m for m in drawn.marks if m.activity_id == "trivselsdag")
    assert mark.shape == "dot"
    start = dt.date(2026, 8, 1)
    expected = 2 * math.pi * ((day - start).days + 0.5) / 365
    assert abs(_angle(mark.x, mark.y) - expected) < 0.01


def test_every_dated_activity_is_on_the_wheel_and_marks_keep_their_distance(plan, year):
    drawn = wheel.layout(plan, year, "nb", dt.date(2026, 11, 22), {})
    placed = {m.activity_id for m in drawn.marks}
    for activity in plan.calendar.activities:
        resolved = dates_of(activity, year)
        if resolved.occurrences:
            assert activity.id in placed, activity.id
    dots = [m for m in drawn.marks if m.shape == "dot"]
    for i, a in enumerate(dots):
        for b in dots[i + 1:]:
            assert math.dist((a.x, a.y), (b.x, b.y)) >= 12 - 0.01, (a.activity_id, b.activity_id)
    assert drawn.unplaced == 5  # weekly, all year and «n times a year»: they stand in the list under «hele året»
    assert drawn.crowded == 0


def test_a_plan_with_more_dates_than_the_wheel_holds_draws_what_fits_and_counts_the_rest(plan, year):
    """Ten times the example's activities (490 marks) once stopped the build; the list has them all anyway."""
    many = [a.model_copy(update={"id": f"{a.id}-{i}"}) for i in range(10) for a in plan.calendar.activities]
    big = plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": many})})
    drawn = wheel.layout(big, year, "nb", dt.date(2026, 11, 22), {})
    placed = {m.activity_id for m in drawn.marks}
    dated = {a.id for a in many if dates_of(a, year).occurrences}
    assert drawn.crowded > 0 and len(placed) + drawn.crowded == len(dated)
    assert all(math.dist((m.x, m.y), (wheel.CENTER, wheel.CENTER)) >= wheel.LAST_TRACK - 0.01 for m in drawn.marks)


def test_the_same_data_gives_the_same_drawing(plan, year):
    one = wheel.layout(plan, year, "nb", dt.date(2026, 11, 22), {})
    two = wheel.layout(plan, year, "nb", dt.date(2026, 11, 22), {})
    assert one == two
