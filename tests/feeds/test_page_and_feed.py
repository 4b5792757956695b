"""The årshjul page and the feeds say the same thing, for every activity of the example school (issue 13)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest

from skoleplan.context import BuildContext
from skoleplan.model.timing import Months, TimesPerYear
from skoleplan.render.ical import FeedTexts, event_summary, feed_events
from skoleplan.render.pages import PageContext
from skoleplan.resolve.dates import resolve, stretches
from skoleplan.resolve.text import format_time
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]
PLAN = load_plan(PROJECT / "data")
TODAY = dt.date(2025, 9, 1)
CONTEXT = BuildContext(PROJECT, PROJECT / "data", PLAN, "staff", "nb", calendar.timegm(TODAY.timetuple()))
PAGE = PageContext(CONTEXT)
YEAR = CONTEXT.school_year
EVENTS = [e for e in feed_events(PLAN, "x.example") if e.school_year.id == YEAR.id]


@pytest.mark.parametrize("activity", PLAN.calendar.activities, ids=[a.id for a in PLAN.calendar.activities])
def test_the_page_and_the_feed_agree(activity):
    events = [e for e in EVENTS if e.activity.id == activity.id]
    resolved = resolve(activity, YEAR)
    shown = PAGE.dates(activity)
    timing = activity.timing
    if resolved.recurrence is not None:  # weekly: the page gives the first and the last, the feed one rule
        assert len(events) == 1 and events[0].recurrence is not None
        return
    if resolved.unscheduled in ("whole_year", "times_per_year"):
        assert events == [] and shown == ""
        return
    if resolved.vague:
        assert shown == "dato kommer"
        if isinstance(timing, Months):  # «september og januar»: one marker each; «november–desember»: one
            groups = len([part for part in re.split(r", | og ", PAGE.timing(timing))])
            assert len(events) == groups
        if isinstance(timing, TimesPerYear):
            assert len(events) == timing.times_per_year
        if timing.time is not None:  # the known time is in every marker's title
            assert all(f"kl. {format_time(timing.time)}" in event_summary(e, "nb") for e in events)
        return
    # Fixed dates: each stretch the page shows starts with an event and ends with one, and every event is in one.
    spans = stretches(resolved, YEAR)
    assert spans, activity.id
    for start, end in spans:
        assert any(e.occurrence.start == start for e in events)
        assert any(e.occurrence.end == end for e in events)
    for e in events:
        assert any(start <= e.occurrence.start and e.occurrence.end <= end for start, end in spans)
    if timing.time is not None:
        assert all(e.time == timing.time for e in events)


def test_the_example_has_each_kind_that_once_disagreed():
    ids = {a.id for a in PLAN.calendar.activities}
    assert {"kartlegging-klassemiljo", "elevsamtaler", "utviklingssamtaler", "foreldremote-host"} <= ids
    assert PAGE.dates(next(a for a in PLAN.calendar.activities if a.id == "utviklingssamtaler")) == (
        "3.–14. november 2025 og 23. februar – 6. mars 2026"
    )
    texts = FeedTexts(PLAN)
    markers = [e for e in EVENTS if e.activity.id == "kartlegging-klassemiljo"]
    assert [e.occurrence.start.month for e in markers] == [9, 1]
    assert texts.description(markers[0], "nb", None)
