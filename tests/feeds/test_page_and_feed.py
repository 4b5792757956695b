"""The årshjul page and the feeds say the same thing, for every activity of the example school.

The rules are in skoleplan/resolve/dates.py. Here each activity's date text on the page
(`PageContext.dates`) and its timing text are read back, and compared with the activity's
events in the feed of the same school year: the same days, one marker per period the timing
names, and the known time in both.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from skoleplan.model.timing import MONTHS, Timing
from skoleplan.render.ical import event_summary, feed_events
from skoleplan.render.pages import PageContext
from skoleplan.resolve.dates import NO_EVENTS, current_school_year, resolve
from skoleplan.resolve.text import clock, describe_timing, format_range
from skoleplan.validate import load_plan

DATA = Path(__file__).resolve().parents[2] / "data"
PLAN = load_plan(DATA)
TIMING = TypeAdapter(Timing)
LANGS = ("nb", "nn")
YEARS = [y.id for y in PLAN.school_calendar.school_years]


def _set_year(monkeypatch: pytest.MonkeyPatch, year_id: str) -> None:
    year = next(y for y in PLAN.school_calendar.school_years if y.id == year_id)
    day = dt.datetime.combine(year.first_day + dt.timedelta(days=30), dt.time(12), dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
    assert current_school_year(PLAN.school_calendar.school_years).id == year_id


def _page_days(text: str) -> set[dt.date]:
    """The days a page's date text names: «3.–14. november 2025 og 23. februar – 6. mars 2026»."""
    days: set[dt.date] = set()
    for part in re.split(r", | og ", text):
        timing = TIMING.validate_python(part)  # read as a reader reads it: with the project's own grammar
        if timing.kind == "date":
            days.add(timing.date)
        else:
            assert timing.kind == "range", part
            day = timing.start
            while day <= timing.end:
                days.add(day)
                day += dt.timedelta(days=1)
    return days


EVENTS = feed_events(PLAN, "test.example")


@pytest.mark.parametrize("year_id", YEARS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("activity", PLAN.calendar.activities, ids=lambda a: a.id)
def test_page_and_feed_agree(activity, lang: str, year_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _set_year(monkeypatch, year_id)
    page = PageContext(PLAN, lang)
    shown = page.dates(activity)
    said = describe_timing(activity.timing, lang)
    events = [e for e in EVENTS if e.activity.id == activity.id and e.school_year.id == year_id]
    resolved = resolve(activity, next(y for y in PLAN.school_calendar.school_years if y.id == year_id))
    timing = activity.timing
    known_clock = clock(timing.time, timing.end_time, lang)
    if known_clock:
        assert known_clock in said or known_clock.replace(".00", "") in said or timing.phrase is not None

    if not events:
        expected = "" if resolved.unscheduled in NO_EVENTS else page.t("calendar.not_this_year")
        assert shown == expected
        return
    if events[0].recurrence is not None:
        r = events[0].recurrence
        assert len(events) == 1 and shown == format_range(r.first, r.last, lang)
        return
    markers = [e for e in events if e.vague is not None]
    if markers:
        assert len(markers) == len(events) and shown == page.t("calendar.date_later")
        named_months = {MONTHS.index(m) + 1 for m in re.findall("|".join(MONTHS), said.lower())}
        marked_months = {m for e in markers for m in e.vague.months}
        assert marked_months == named_months, (said, [event_summary(e, lang) for e in markers])
        weeks = re.fullmatch(r"(?:uke|veke) ([\d–og ]+?)(?: kl\. .*)?", said.lower())
        named_weeks = set(TIMING.validate_python("uke " + weeks[1]).numbers) if weeks else set()
        assert {w for e in markers for w in e.vague.weeks} == named_weeks
        for e in markers:
            assert (known_clock in event_summary(e, lang)) if known_clock else " kl. " not in event_summary(e, lang)
        return
    feed_days = {d for e in events for d in e.occurrence.days}
    page_days = _page_days(shown)
    if timing.school_days_only:
        page_days = {d for d in page_days if d.isoweekday() <= 5}  # a range on the page spans its weekends
    assert page_days == feed_days, (shown, sorted(feed_days))
    times = {(e.time, e.end_time) for e in events}
    assert times == {(timing.time, timing.end_time)}


def test_the_example_school_has_each_kind_of_case() -> None:
    """Markers in two periods, weeks that are two ranges on the page, and a marker with a time."""
    year = PLAN.school_calendar.school_years[0]
    by_id = {a.id: resolve(a, year) for a in PLAN.calendar.activities}
    assert len(by_id["kartlegging-klassemiljo"].occurrences) == 2  # «September og januar»
    assert len(by_id["elevsamtaler"].occurrences) == 2  # «Oktober og februar»
    assert by_id["foreldremote-host"].occurrences[0].time == dt.time(18)  # «kl. 18.00–19.30» kept
    assert len(by_id["utviklingssamtaler"].occurrences) == 4


@pytest.mark.parametrize("lang", LANGS)
def test_utviklingssamtaler_are_two_ranges_on_the_page(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _set_year(monkeypatch, "2025-2026")
    activity = next(a for a in PLAN.calendar.activities if a.id == "utviklingssamtaler")
    assert PageContext(PLAN, lang).dates(activity) == "3.–14. november 2025 og 23. februar – 6. mars 2026"
