"""The example school's own feeds, as the build publishes them, pass every check the fixture feeds pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from skoleplan.model.base import LANGS
from skoleplan.render.ical import FEEDS
from skoleplan.resolve.dates import SchoolCalendar
from skoleplan.resolve.edition import for_edition
from skoleplan.validate import load_plan

from . import icaljs
from .conftest import write_feeds
from .icslint import lint

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    plan = load_plan(PROJECT / "data")
    out = tmp_path_factory.mktemp("example-feeds")
    paths = []
    for edition in ("public", "staff"):
        for lang in LANGS:
            paths += write_feeds(
                for_edition(plan, edition), lang, out / edition, "https://makeskjer.fjordvik.example/plan/"
            )
    return plan, paths


def test_every_feed_passes_the_lint_and_both_parsers(example):
    plan, paths = example
    calendars = [SchoolCalendar.of(y) for y in plan.school_calendar.school_years]

    def closed(day: dt.date) -> bool:
        return any(c.is_closed(day) for c in calendars if c.in_span(day))

    exempt = [f"{a.id}." for a in plan.calendar.activities if not a.timing.school_days_only]
    assert len(paths) == 2 * len(LANGS) * len(FEEDS)
    by_js = icaljs.parse(paths)
    for path in paths:
        data = path.read_bytes()
        assert [str(f) for f in lint(data, closed, exempt)] == [], path
        parsed = icalendar.Calendar.from_ical(data)
        assert icalendar.Calendar.from_ical(parsed.to_ical()) == parsed
        events = parsed.walk("VEVENT")
        expanded = recurring_ical_events.of(parsed).between(dt.date(2025, 7, 1), dt.date(2027, 8, 1))
        assert {str(e["UID"]) for e in expanded} == {str(e["UID"]) for e in events}
        assert len(by_js[str(path)]["events"]) == len(events)


def test_the_example_school_fills_its_calendars(example):
    _, paths = example
    counts = {p.relative_to(p.parents[2]).as_posix(): icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in paths}
    assert all(len(events) >= 10 for events in counts.values())
