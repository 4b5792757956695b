"""The årshjul page and the feeds say the same thing, for every activity of the example school (issue 13).

The rules are in skoleplan/resolve/dates.py. Here each activity's date text on the page
(`PageContext.dates`) and its timing text are read back, and compared with the activity's
events in the feed of the same school year: the same days, one marker per period the timing
names, and the known time in both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from skoleplan.context import BuildContext
from skoleplan.model.timing import MONTHS, Months, Timing, TimesPerYear
from skoleplan.render.ical import FeedTexts, event_summary, feed_events
from skoleplan.render.pages import PageContext
from skoleplan.resolve.dates import NO_EVENTS, SchoolCalendar, dates_of, stretches
from skoleplan.resolve.text import clock, describe_timing, format_range, format_time
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]
PLAN = load_plan(PROJECT / "data")
TODAY = dt.date(2025, 9, 1)
CONTEXT = BuildContext(PROJECT, PROJECT / "data", PLAN, "staff", "nb", calendar.timegm(TODAY.timetuple()))
PAGE = PageContext(CONTEXT)
YEAR = CONTEXT.school_year
ALL_EVENTS = feed_events(PLAN, "x.example")
EVENTS = [e for e in ALL_EVENTS if e.school_year.id == YEAR.id]
TIMING = TypeAdapter(Timing)
LANGS = ("nb", "nn")
YEARS = {y.id: y for y in PLAN.school_calendar.school_years}
TIMED = [a for a in PLAN.calendar.activities if a.timing is not None]


@pytest.mark.parametrize("activity", TIMED, ids=[a.id for a in TIMED])
def test_the_page_and_the_feed_agree(activity):
    events = [e for e in EVENTS if e.activity.id == activity.id]
    resolved = dates_of(activity, YEAR)
    shown = PAGE.dates(activity)
    timing = activity.timing
    if resolved.recurrence is not None:  # weekly: the page gives the first and the last, the feed one rule
        assert len(events) == 1 and events[0].recurrence is not None
        return
    if resolved.unscheduled in NO_EVENTS:
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


def test_a_week_that_is_all_holiday_is_said_to_be_so_not_to_be_in_another_year():
    """Week 40 is the autumn holiday in both school years of the example: this year, but no school day."""
    from skoleplan.model.plan import Activity

    week = Activity.model_validate({"id": "ferieuka", "title": {"nb": "A", "nn": "A"}, "timing": "uke 40",
                                    "audience": ["elever"]})
    assert dates_of(week, YEAR).unscheduled == "no_school_days"
    assert PAGE.dates(week) == "faller på skolefrie dager dette skoleåret"
    assert _page("nn", YEAR.id).dates(week) == "fell på skulefrie dagar dette skuleåret"


def test_a_timing_in_the_plans_own_words_is_shown_as_written_and_is_no_event():
    from skoleplan.model.plan import Activity
    from skoleplan.render.pages import nominal_month

    words = {"nb": "Kontinuerlig eller etter behov", "nn": "Kontinuerleg eller etter behov"}
    own = Activity.model_validate({"id": "ved-behov", "title": {"nb": "A", "nn": "A"}, "timing": {"text": words},
                                   "audience": ["ansatte"]})
    assert dates_of(own, YEAR).unscheduled == "text" and PAGE.dates(own) == ""
    assert (PAGE.timing(own.timing), _page("nn", YEAR.id).timing(own.timing)) == (words["nb"], words["nn"])
    assert nominal_month(own.timing, YEAR.first_year) is None  # with the activities without a time
    assert feed_events(PLAN.model_copy(update={"calendar": PLAN.calendar.model_copy(update={"activities": [own]})}),
                       "x.example") == []


# --- the page's words read back, in both written standards and every school year of the skolerute -----------


def _page(lang: str, year_id: str) -> PageContext:
    """The page as built a month into the school year `year_id`."""
    year = YEARS[year_id]
    day = dt.datetime.combine(year.first_day + dt.timedelta(days=30), dt.time(12), dt.timezone.utc)
    context = replace(BuildContext.of(PLAN, lang), epoch=int(day.timestamp()))
    assert context.school_year.id == year_id
    return PageContext(context)


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


@pytest.mark.parametrize("year_id", list(YEARS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("activity", TIMED, ids=lambda a: a.id)
def test_page_and_feed_agree_in_words(activity, lang: str, year_id: str) -> None:
    page = _page(lang, year_id)
    shown = page.dates(activity)
    said = describe_timing(activity.timing, lang)
    events = [e for e in ALL_EVENTS if e.activity.id == activity.id and e.school_year.id == year_id]
    resolved = dates_of(activity, YEARS[year_id])
    timing = activity.timing
    known_clock = clock(timing.time, timing.end_time, lang)
    if known_clock:
        assert known_clock in said or known_clock.replace(".00", "") in said or timing.phrase is not None

    if not events:
        reason = "calendar.no_school_days" if resolved.unscheduled == "no_school_days" else "calendar.not_this_year"
        expected = "" if resolved.unscheduled in NO_EVENTS else page.t(reason)
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
    if timing.school_days_only:  # a stretch on the page spans the closed days between its runs of school days
        cal = SchoolCalendar.of(YEARS[year_id])
        page_days = {d for d in page_days if not cal.is_closed(d)}
    assert page_days == feed_days, (shown, sorted(feed_days))
    times = {(e.time, e.end_time) for e in events}
    assert times == {(timing.time, timing.end_time)}


def test_the_example_school_has_each_kind_of_case() -> None:
    """Markers in two periods, weeks that are two ranges on the page, and a marker with a time."""
    year = PLAN.school_calendar.school_years[0]
    by_id = {a.id: dates_of(a, year) for a in TIMED}
    assert len(by_id["kartlegging-klassemiljo"].occurrences) == 2  # «September og januar»
    assert len(by_id["elevsamtaler"].occurrences) == 2  # «Oktober og februar»
    assert by_id["foreldremote-host"].occurrences[0].time == dt.time(18)  # «kl. 18.00–19.30» kept
    assert len(by_id["utviklingssamtaler"].occurrences) == 4


@pytest.mark.parametrize("lang", LANGS)
def test_utviklingssamtaler_are_two_ranges_on_the_page(lang: str) -> None:
    activity = next(a for a in PLAN.calendar.activities if a.id == "utviklingssamtaler")
    assert _page(lang, "2025-2026").dates(activity) == "3.–14. november 2025 og 23. februar – 6. mars 2026"
