"""Put an activity's timing on the calendar of one school year.

The skolerute gives the first and last day, the holidays and the planning
days; Norway's public holidays come from `public_holidays`. The rules,
written down because the feeds, the web page and the people editing the YAML
all rely on them:

* A *closed day* is a Saturday or Sunday, a Norwegian public holiday, a day in
  one of the skolerute's holidays, or a planning day. A *school day* is a day
  from `first_day` to `last_day` that is not closed.
* A timing lands on no closed day (unless `school_days_only: false`):
  - a single date (`date`, each of `dates`) on a closed day moves forward to the
    next day that is not closed («23. desember» in juleferie becomes the first
    school day of January); if the school year's span has no such day left, it
    moves back to the last one. A deadline (`by: true`, «innen 1. oktober»)
    moves back instead: a deadline in the autumn holiday is the last school
    day before it, never a day after the deadline. Weekdays before `first_day` or after `last_day`
    are not closed: staff work then, so «08-14» stays on 14 August;
  - a range or an ISO week keeps only its days that are not closed, split into
    runs of consecutive days (Monday–Tuesday and Thursday–Friday around a
    public holiday); a range or week with no such day gives no occurrence.
* A date without a year («09-02») falls in every school year, August–December
  in its first calendar year and January–July in its second. A full date, range
  or week belongs only to the school year whose span contains it; the span is
  1 August to 31 July (widened to `first_day`/`last_day` if they lie outside).
* An ISO week number means the week of that number whose Monday–Friday lies in
  the school year: week 40 is in the first calendar year, week 8 in the second.
* A timing written as a phrase («uke 36–37 kl. 18», `model/timing_phrase.py`)
  resolves exactly as the structured timing it reads as.
* A date without a year may not be 29 February, and a week may not be 53: they
  exist only in some years, so a plan that means them for every school year
  would silently have nothing in the others. Both are refused at their line
  (`model/timing.py`); write the date with its year instead.
* A month, several months or a term is *vague*: the date is not fixed yet. It
  becomes one marker on the first school day of the period. Consecutive months
  are one event some time in them («november/desember», «mai–juni»: one marker
  on the first school day of the first); months apart are one event in each
  («september og januar»: two markers), as the web page says. `times_per_year`
  with `months` is one event in each month. A term is `høst` (first school day
  to 31 December) or `vår` (1 January to the last school day); `every_term` is
  one marker in each. Markers are all-day; a time written with them is told in
  the marker's title («Foreldremøte (uke 36/37, kl. 18.00–19.30, dato kommer)»).
* `whole_year`, `daily`, `weekly: true` (every week, no weekday),
  `times_per_year` without dates or months, `as_needed` («ved behov»),
  `undecided` («ikke bestemt») and `text` (the plan's own words) have no
  occurrence: they are not events one can put in a calendar; the web page
  words them (`NO_EVENTS`).
* Weekly: every given weekday from the first such school day to the last school
  day, without the closed days (one recurrence with exceptions). Every other
  week (`interval: 2`) counts from the first such school day; a closed day is
  skipped, not moved, so the rhythm holds.
* Relative to the school year: `før-skolestart` is the last staff day before
  `first_day`: a planning day, or a weekday that is neither a public holiday
  nor in a holiday of the skolerute (one day, not a vague marker);
  `første-skoledag` and `siste-skoledag` are the first and last school days;
  `oppstartsdagene` the first three school days; `første-skoleuke` the school
  days from the first school day to the Friday of that week; `første-hele-
  skoleuke` the first Monday–Friday week whose five days are all school days;
  `siste-skoleuke` the school days from the Monday of the last school day's
  week to the last school day.
* An ISO week (or weeks) with a time is vague too: «foreldremøte uke 36–37
  kl. 18» is one evening some time in those weeks, so it becomes one marker on
  the first school day of the first week («uke 36/37, dato kommer»); as with
  months, weeks apart are one marker each («uke 36 og 2 kl. 18»: two).
* Relative to a holiday of the skolerute (`holiday`: høstferie, juleferie,
  vinterferie, påskeferie; a holiday is recognised by its `kind` or its name,
  and several of one kind count as one, from the first start to the last end).
  *The last school day before* and *the first school day after* it are single
  days; `uka-før` is the school days from the Monday of that last day's week to
  that day, `uka-etter` the school days from the first day after to the Friday
  of its week; `før` and `etter` are vague: one marker on the first school day
  of `uka-før`, or on the first school day after («etter høstferien, dato
  kommer»). `sommerferie` is the summer around the school year: before it means
  the end of this school year (the last school day and its week), after it the
  start (the first school day and its week). A school year whose skolerute
  lacks the holiday has no occurrence that year (`no_such_holiday`).
* A timing with a time and more than one day becomes one timed occurrence per
  day: «kl. 8–15, 13.–17. oktober» means each of those days, not one long block.
* The web page and the feed say the same thing (`PageContext.dates`, tested on
  every activity of the example school): the page lists the occurrences as
  stretches (`stretches`: joined where only closed days lie between, «3.–14.
  november» for weeks 45–46, two events in the feed); a weekly activity shows
  its first and last date; a marker says «dato kommer», and the feed has one
  marker per period; a timing without occurrences shows no date, or «ikke dette
  skoleåret» when it would have one in another year.
* Each occurrence has a `key` that names it within its activity and school year
  (the feeds' UIDs are made from it), taken from what was written for it, not
  from its place in a list: so adding a date to `dates` adds one event and moves
  none. A timing that is one occurrence by nature (a date, a month or term
  marker, a weekly recurrence, a single relative day) has the key «1», so a
  marker keeps its UID when its date is set. Otherwise: a written date
  («d0211», also when it moved off a closed day), a month («m10»), the first
  week of a run of weeks with a time («w36»), a term of `every_term` («th»
  autumn, «tv» spring), or the first day of a stretch of days («s1103»).
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, Literal

from ..model import Plan
from ..model.plan import Activity, SchoolYear
from ..model.timing import (
    AsNeeded,
    Daily,
    DateRange,
    EveryTerm,
    EveryWeek,
    MonthDay,
    Months,
    NearHoliday,
    OneDate,
    Relative,
    SeveralDates,
    Term,
    TimesPerYear,
    TimingText,
    Undecided,
    Weekly,
    Weeks,
    WholeYear,
)
from .public_holidays import public_holidays

ONE_DAY = dt.timedelta(days=1)
OPENING_DAYS = 3  # «oppstartsdagene»: the first three school days

TermName = Literal["høst", "vår"]
Unscheduled = Literal[
    "whole_year", "times_per_year", "daily", "every_week", "as_needed", "undecided", "no_school_days",
    "outside_school_year", "no_such_week", "no_such_holiday", "text",
]  # fmt: skip
# Kinds of timing that are no calendar events at all (the page words them and shows no date).
NO_EVENTS: tuple[str, ...] = ("whole_year", "times_per_year", "daily", "every_week", "as_needed", "undecided", "text")


@dataclass(frozen=True)
class Period:
    """The period a vague occurrence stands for: one or more months, a term, weeks, or near a holiday."""

    months: tuple[int, ...] = ()
    term: TermName | None = None
    weeks: tuple[int, ...] = ()
    holiday: tuple[str, str] | None = None  # (relation, holiday): ("etter", "høstferie")


@dataclass(frozen=True)
class Occurrence:
    """One stretch of consecutive days on which an activity happens (or, if `vague`, a marker)."""

    start: dt.date
    end: dt.date  # the last day, inclusive
    time: dt.time | None = None
    end_time: dt.time | None = None
    vague: Period | None = None
    moved_from: dt.date | None = None  # the written date, when it fell on a closed day
    key: str = "1"  # names the occurrence within its activity and school year (see the rules above)

    @property
    def end_exclusive(self) -> dt.date:
        return self.end + ONE_DAY

    @property
    def days(self) -> list[dt.date]:
        return list(_days(self.start, self.end))


@dataclass(frozen=True)
class Recurrence:
    """A weekly activity: every (`interval` 2: every other) `weekday` from `first` to `last`, except `exdates`."""

    weekday: int  # ISO: 1 is Monday
    first: dt.date
    last: dt.date  # the last occurrence itself
    exdates: tuple[dt.date, ...] = ()
    time: dt.time | None = None
    end_time: dt.time | None = None
    interval: int = 1  # 2: every other week

    @property
    def dates(self) -> list[dt.date]:
        skipped = set(self.exdates)
        return [d for d in _days(self.first, self.last, step=7 * self.interval) if d not in skipped]


@dataclass(frozen=True)
class Resolved:
    """An activity's timing in one school year.

    Either `occurrences` (in date order), or `recurrence` (weekly), or neither,
    and then `unscheduled` says why, so the site and the checker can tell
    «happens all year» from «the week is in the holidays».
    """

    school_year: str
    kind: str
    occurrences: tuple[Occurrence, ...] = ()
    recurrence: Recurrence | None = None
    unscheduled: Unscheduled | None = None
    activity_id: str | None = None

    @property
    def dates(self) -> list[dt.date]:
        """Every day it happens, vague markers included, in order."""
        days = {d for o in self.occurrences for d in o.days}
        if self.recurrence is not None:
            days.update(self.recurrence.dates)
        return sorted(days)

    @property
    def vague(self) -> bool:
        return any(o.vague for o in self.occurrences)


def _days(start: dt.date, end: dt.date, step: int = 1) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=step)


def _days_back(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    """From `start` back to `end` (the earlier day), both included."""
    day = start
    while day >= end:
        yield day
        day -= ONE_DAY


def _runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days grouped into (first, last) runs."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] + ONE_DAY == day:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(a, b) for a, b in runs]


# --- the calendar of one school year ----------------------------------------------------


@dataclass(frozen=True)
class SchoolCalendar:
    """Which days of one school year are school days, and which are closed."""

    year: SchoolYear
    public_holidays: frozenset[dt.date]
    closed_by_skolerute: frozenset[dt.date] = field(repr=False)

    @classmethod
    def of(cls, year: SchoolYear) -> "SchoolCalendar":
        hit = _BY_OBJECT.get(id(year))  # the same (frozen) year again: no need to serialise it for the cache key
        if hit is not None and hit[0] is year:
            return hit[1]
        if len(_BY_OBJECT) > 64:
            _BY_OBJECT.clear()
        calendar = _calendar(year.model_dump_json())
        _BY_OBJECT[id(year)] = (year, calendar)
        return calendar

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The days that belong to this school year: 1 August to 31 July, widened to first/last day."""
        first = self.year.first_year
        return (min(dt.date(first, 8, 1), self.year.first_day), max(dt.date(first + 1, 7, 31), self.year.last_day))

    def in_span(self, day: dt.date) -> bool:
        start, end = self.span
        return start <= day <= end

    def is_closed(self, day: dt.date) -> bool:
        return day.isoweekday() > 5 or day in self.public_holidays or day in self.closed_by_skolerute

    def is_staff_day(self, day: dt.date) -> bool:
        """A weekday staff work: a planning day, or any weekday that is neither a public holiday nor in a holiday."""
        if day.isoweekday() > 5 or day in self.public_holidays:
            return False
        return day in self.year.planning_days or day not in self.closed_by_skolerute

    def is_school_day(self, day: dt.date) -> bool:
        return self.year.first_day <= day <= self.year.last_day and not self.is_closed(day)

    def school_days(self, start: dt.date | None = None, end: dt.date | None = None) -> list[dt.date]:
        start = max(start or self.year.first_day, self.year.first_day)
        end = min(end or self.year.last_day, self.year.last_day)
        days = self._school_days
        return list(days[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)])

    @cached_property
    def _school_days(self) -> tuple[dt.date, ...]:
        """Every school day of the year, once: resolving an årshjul asks for them for each activity."""
        return tuple(d for d in _days(self.year.first_day, self.year.last_day) if not self.is_closed(d))

    @property
    def first_school_day(self) -> dt.date | None:
        return next((d for d in _days(self.year.first_day, self.year.last_day) if not self.is_closed(d)), None)

    @property
    def last_school_day(self) -> dt.date | None:
        days = self.school_days()
        return days[-1] if days else None

    def open_day(self, day: dt.date, *, back: bool = False) -> dt.date | None:
        """`day`, or the next day that is not closed, or failing that in the span the last one before; `back`:
        the last one before first (a deadline), or failing that the next."""
        start, end = self.span
        after = (d for d in _days(day, end) if not self.is_closed(d))
        before = (d for d in _days_back(day, start) if not self.is_closed(d))
        first, then = (before, after) if back else (after, before)
        return next(first, None) or next(then, None)


_BY_OBJECT: dict[int, tuple[SchoolYear, SchoolCalendar]] = {}


@lru_cache(maxsize=32)
def _calendar(year_json: str) -> SchoolCalendar:
    """Cached on the year's content: a frozen model with lists is not hashable."""
    year = SchoolYear.model_validate_json(year_json)
    first = year.first_year
    public = public_holidays(first) | public_holidays(first + 1)
    closed = {d for h in year.holidays for d in _days(h.start, h.end)}
    closed.update(year.planning_days)
    return SchoolCalendar(year=year, public_holidays=public, closed_by_skolerute=frozenset(closed))


# --- from a timing to occurrences -------------------------------------------------------


def _on_day(day: dt.date, cal: SchoolCalendar, strict: bool, back: bool = False) -> dt.date | None:
    """Where a single date lands: the rule for closed days (see the module docstring)."""
    if not strict:
        return day
    return cal.open_day(day, back=back)


def _date_in_year(day: dt.date | MonthDay, cal: SchoolCalendar) -> dt.date | None:
    if isinstance(day, MonthDay):
        try:
            return day.in_school_year(cal.year.first_year)
        except ValueError:  # 02-29 in a year that has none
            return None
    return day if cal.in_span(day) else None


def _single_dates(
    days: Sequence[dt.date | MonthDay], timing: Any, cal: SchoolCalendar, *, keyed: bool
) -> list[Occurrence]:
    """Each written date where it lands; `keyed`: each named by its written date (one of several)."""
    found: dict[dt.date, Occurrence] = {}
    for written in days:
        day = _date_in_year(written, cal)
        if day is None:
            continue
        landed = _on_day(day, cal, timing.school_days_only, back=getattr(timing, "by", False))
        if landed is None or landed in found:
            continue
        key = f"d{day:%m%d}" if keyed else "1"
        found[landed] = Occurrence(
            landed, landed, timing.time, timing.end_time, moved_from=day if landed != day else None, key=key
        )
    return sorted(found.values(), key=lambda o: o.start)


def _keyed_by_start(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Stretches of days named by their first day («s1103»)."""
    return [replace(o, key=f"s{o.start:%m%d}") for o in occurrences]


def _month_groups(months: list[int]) -> list[list[int]]:
    """Months in school-year order, grouped where they follow each other: [9, 1] → [[9], [1]]; [11, 12] → [[11, 12]]."""
    return _consecutive(sorted(set(months), key=school_year_order), lambda m: m % 12 + 1)


def _week_groups(weeks: list[int]) -> list[list[int]]:
    """Weeks in school-year order (week 31 on first), grouped where they follow each other: [36, 37, 2] → [[36, 37], [2]]."""
    return _consecutive(sorted(set(weeks), key=lambda w: (w < 31, w)), lambda w: w % 52 + 1)


def _consecutive(numbers: list[int], following: Any) -> list[list[int]]:
    """`numbers` split where one is not `following` the one before (the next month, the next week)."""
    groups: list[list[int]] = []
    for n in numbers:
        if groups and n == following(groups[-1][-1]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _stretch(start: dt.date, end: dt.date, timing: Any, cal: SchoolCalendar) -> list[Occurrence]:
    """The days from start to end as occurrences: closed days left out, one per day if timed."""
    lo, hi = cal.span
    start, end = max(start, lo), min(end, hi)
    days = [d for d in _days(start, end) if not (timing.school_days_only and cal.is_closed(d))]
    if timing.time is not None:
        return [Occurrence(d, d, timing.time, timing.end_time) for d in days]
    return [Occurrence(a, b) for a, b in _runs(days)]


def iso_week_in_year(week: int, cal: SchoolCalendar) -> tuple[dt.date, dt.date] | None:
    """Monday and Friday of ISO week `week` in this school year, or None if there is no such week."""
    candidates = []
    for year in (cal.year.first_year, cal.year.first_year + 1):
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:  # week 53 in a year with 52 weeks
            continue
        candidates.append((monday, monday + dt.timedelta(days=4)))
    first, last = cal.year.first_day, cal.year.last_day
    inside = [c for c in candidates if c[0] <= last and c[1] >= first]
    if inside:
        return inside[0]
    # Outside the school days (summer weeks): the week whose Thursday is in the span, as ISO itself counts.
    in_span = [c for c in candidates if cal.in_span(c[0] + dt.timedelta(days=3))]
    return in_span[0] if in_span else None


def _month_range(month: int, cal: SchoolCalendar) -> tuple[dt.date, dt.date]:
    year = cal.year.first_year if month >= 8 else cal.year.first_year + 1
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - ONE_DAY


def _marker(periods: list[tuple[dt.date, dt.date]], vague: Period, timing: Any, cal: SchoolCalendar) -> Occurrence | None:
    """A one-day marker on the first school day of the period (first weekday if not only school days)."""
    for start, end in sorted(periods):
        if timing.school_days_only:
            days = cal.school_days(start, end)
        else:
            days = [d for d in _days(start, end) if d.isoweekday() <= 5]
        if days:  # all-day, but the time is kept: the feed's title tells it
            return Occurrence(days[0], days[0], timing.time, timing.end_time, vague=vague)
    return None


def school_year_order(month: int) -> tuple[bool, int]:
    """Sort key: August first, July last."""
    return (month < 8, month)


def _relative(when: str, timing: Any, cal: SchoolCalendar) -> list[Occurrence] | None:
    school = cal.school_days()
    if not school:
        return None
    first, last = school[0], school[-1]
    if when == "før-skolestart":
        day = cal.year.first_day - ONE_DAY
        while not cal.is_staff_day(day):  # the planning days before the start are such days
            day -= ONE_DAY
        days = [day]
    elif when == "første-skoledag":
        days = [first]
    elif when == "siste-skoledag":
        days = [last]
    elif when == "oppstartsdagene":
        days = school[:OPENING_DAYS]
    elif when == "første-skoleuke":
        friday = first + dt.timedelta(days=5 - first.isoweekday())
        days = [d for d in school if d <= friday]
    elif when == "siste-skoleuke":
        monday = last - dt.timedelta(days=last.isoweekday() - 1)
        days = [d for d in school if d >= monday]
    elif when == "første-hele-skoleuke":
        monday = first - dt.timedelta(days=first.isoweekday() - 1)
        while monday <= last:
            week = [monday + dt.timedelta(days=i) for i in range(5)]
            if all(cal.is_school_day(d) for d in week):
                break
            monday += dt.timedelta(days=7)
        else:
            return None
        days = week
    else:  # pragma: no cover - the model allows no other values
        raise ValueError(when)
    if timing.time is not None:
        return [Occurrence(d, d, timing.time, timing.end_time) for d in days]
    return [Occurrence(a, b) for a, b in _runs(days)]


def _weekly(timing: Weekly, cal: SchoolCalendar) -> Recurrence | None:
    school = cal.school_days()
    if not school:
        return None
    start, end = (school[0], school[-1]) if timing.school_days_only else (cal.year.first_day, cal.year.last_day)
    first = start + dt.timedelta(days=(timing.weekly - start.isoweekday()) % 7)
    if timing.school_days_only:
        while first <= end and cal.is_closed(first):
            first += dt.timedelta(days=7)
    step = 7 * timing.interval
    if first > end:
        return None
    last = first + dt.timedelta(days=(end - first).days // step * step)  # the last day of the rhythm
    if timing.school_days_only:
        while last >= first and cal.is_closed(last):
            last -= dt.timedelta(days=step)
    if last < first:
        return None
    exdates = tuple(d for d in _days(first, last, step=step) if timing.school_days_only and cal.is_closed(d))
    return Recurrence(timing.weekly, first, last, exdates, timing.time, timing.end_time, timing.interval)


def _holiday_span(kind: str, cal: SchoolCalendar) -> tuple[dt.date, dt.date] | None:
    """First and last day of the skolerute's holiday of this kind (several of one kind count as one)."""
    spans = [(h.start, h.end) for h in cal.year.holidays if h.holiday_kind == kind]
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def _near_holiday(timing: NearHoliday, cal: SchoolCalendar) -> tuple[list[Occurrence], Unscheduled | None]:
    """`holiday` timings: the rule in the module docstring."""
    school = cal.school_days()
    if not school:
        return [], "no_school_days"
    if timing.holiday == "sommerferie":  # the summer that ends this school year, and the one that starts it
        before: list[dt.date] = school
        after: list[dt.date] = school
    else:
        span = _holiday_span(timing.holiday, cal)
        if span is None:
            return [], "no_such_holiday"
        before = [d for d in school if d < span[0]]
        after = [d for d in school if d > span[1]]
    relation = timing.relation
    if relation in ("før", "uka-før", "siste-skoledag-før"):
        if not before:
            return [], "no_school_days"
        last = before[-1]
        monday = last - dt.timedelta(days=last.isoweekday() - 1)
        days = [last] if relation == "siste-skoledag-før" else [d for d in before if d >= monday]
    else:
        if not after:
            return [], "no_school_days"
        first = after[0]
        sunday = first + dt.timedelta(days=7 - first.isoweekday())
        days = [first] if relation == "første-skoledag-etter" else [d for d in after if d <= sunday]
    if relation in ("før", "etter"):
        period = Period(holiday=(relation, timing.holiday))
        return [Occurrence(days[0], days[0], timing.time, timing.end_time, vague=period)], None
    if timing.time is not None:
        occurrences = [Occurrence(d, d, timing.time, timing.end_time) for d in days]
    else:
        occurrences = [Occurrence(a, b) for a, b in _runs(days)]
    return (_keyed_by_start(occurrences) if len(occurrences) > 1 else occurrences), None


def resolve_timing(timing: Any, school_year: SchoolYear) -> Resolved:
    """The occurrences of one timing in one school year (see the module docstring for the rules)."""
    cal = SchoolCalendar.of(school_year)
    occurrences: list[Occurrence] | None = []
    recurrence = None
    unscheduled: Unscheduled | None = None
    match timing:
        case OneDate():
            occurrences = _single_dates([timing.date], timing, cal, keyed=False)
            if not occurrences:
                unscheduled = "outside_school_year"
        case SeveralDates() | TimesPerYear(dates=list()):
            occurrences = _single_dates(timing.dates, timing, cal, keyed=True)
            if not occurrences:
                unscheduled = "outside_school_year"
        case DateRange():
            start, end = _date_in_year(timing.start, cal), _date_in_year(timing.end, cal)
            if isinstance(timing.start, dt.date):  # a full range belongs to the year it overlaps
                start, end = timing.start, timing.end
                lo, hi = cal.span
                if end < lo or start > hi:
                    start = end = None
            if start is None or end is None:
                unscheduled = "outside_school_year"
            else:
                occurrences = _keyed_by_start(_stretch(start, end, timing, cal))
                unscheduled = None if occurrences else "no_school_days"
        case Weeks() if timing.time is not None:
            # «Foreldremøte uke 36–37 kl. 18»: one evening some time in those weeks, not every evening;
            # weeks apart are one evening in each run («uke 36 og 2 kl. 18»).
            groups = _week_groups(timing.numbers)
            markers, any_week = [], False
            for group in groups:
                found = [w for w in (iso_week_in_year(n, cal) for n in group) if w is not None]
                any_week = any_week or bool(found)
                marker = _marker(found, Period(weeks=tuple(group)), timing, cal) if found else None
                if marker is not None and len(groups) > 1:  # one in each: named by its first week
                    marker = replace(marker, key=f"w{group[0]:02d}")
                if marker is not None:
                    markers.append(marker)
            occurrences = sorted(markers, key=lambda o: o.start)
            unscheduled = None if occurrences else ("no_school_days" if any_week else "no_such_week")
        case Weeks():
            weeks = [iso_week_in_year(n, cal) for n in timing.numbers]
            found = [w for w in weeks if w is not None]
            stretches = {o for monday, friday in dict.fromkeys(found) for o in _stretch(monday, friday, timing, cal)}
            occurrences = _keyed_by_start(sorted(stretches, key=lambda o: (o.start, o.end)))
            if not found:
                unscheduled = "no_such_week"
            elif not occurrences:
                unscheduled = "no_school_days"
        case Months():
            groups = _month_groups(timing.numbers)
            markers = [
                _marker([_month_range(m, cal) for m in group], Period(months=tuple(group)), timing, cal)
                for group in groups
            ]
            if len(groups) > 1:  # one event in each: named by its (first) month
                markers = [replace(m, key=f"m{group[0]:02d}") if m else None for m, group in zip(markers, groups)]
            occurrences = sorted((m for m in markers if m is not None), key=lambda o: o.start)
            unscheduled = None if occurrences else "no_school_days"
        case TimesPerYear(months=list()):
            markers = [
                replace(m, key=f"m{month:02d}") if m else None
                for month, m in ((mo, _marker([_month_range(mo, cal)], Period(months=(mo,)), timing, cal)) for mo in timing.months)
            ]
            occurrences = sorted({m for m in markers if m is not None}, key=lambda o: o.start)
            unscheduled = None if occurrences else "no_school_days"
        case TimesPerYear():
            unscheduled = "times_per_year"
        case Term():
            first = cal.year.first_year
            bounds = (
                (cal.year.first_day, dt.date(first, 12, 31))
                if timing.term == "høst"
                else (dt.date(first + 1, 1, 1), cal.year.last_day)
            )
            marker = _marker([bounds], Period(term=timing.term), timing, cal)
            occurrences = [marker] if marker else []
            unscheduled = None if marker else "no_school_days"
        case EveryTerm():
            first = cal.year.first_year
            terms = (
                ("høst", "th", cal.year.first_day, dt.date(first, 12, 31)),
                ("vår", "tv", dt.date(first + 1, 1, 1), cal.year.last_day),
            )
            markers = [
                _marker([(a, b)], Period(term=term), timing, cal) for term, _, a, b in terms  # type: ignore[arg-type]
            ]
            occurrences = [replace(m, key=key) for m, (_, key, _, _) in zip(markers, terms) if m is not None]
            unscheduled = None if occurrences else "no_school_days"
        case NearHoliday():
            occurrences, unscheduled = _near_holiday(timing, cal)
        case WholeYear():
            unscheduled = "whole_year"
        case Daily():
            unscheduled = "daily"
        case EveryWeek():
            unscheduled = "every_week"
        case AsNeeded():
            unscheduled = "as_needed"
        case Undecided():
            unscheduled = "undecided"
        case TimingText():
            unscheduled = "text"
        case Weekly():
            recurrence = _weekly(timing, cal)
            unscheduled = None if recurrence else "no_school_days"
        case Relative():
            occurrences = _relative(timing.relative, timing, cal)
            if not occurrences:
                occurrences, unscheduled = [], "no_school_days"
            elif len(occurrences) > 1:
                occurrences = _keyed_by_start(occurrences)
        case _:  # pragma: no cover - the model has no other kinds
            raise TypeError(type(timing).__name__)
    return Resolved(
        school_year=school_year.id,
        kind=timing.kind,
        occurrences=tuple(occurrences or ()),
        recurrence=recurrence,
        unscheduled=unscheduled,
    )


def stretches(resolved: Resolved, school_year: SchoolYear) -> list[tuple[dt.date, dt.date]]:
    """The days of the occurrences as a reader wants them: joined where only closed days lie between.

    Weeks 45–46 are one stretch («3.–14. november»), as a reader says it; the feed
    has an event per run of school days. Markers and recurrences are not stretches.
    """
    cal = SchoolCalendar.of(school_year)
    joined: list[list[dt.date]] = []
    for o in sorted(resolved.occurrences, key=lambda o: o.start):
        if o.vague is not None:
            continue
        if joined and all(cal.is_closed(d) for d in _days(joined[-1][1] + ONE_DAY, o.start - ONE_DAY)):
            joined[-1][1] = max(joined[-1][1], o.end)
        else:
            joined.append([o.start, o.end])
    return [(a, b) for a, b in joined]


def dates_of(activity: Activity, school_year: SchoolYear) -> Resolved:
    """An activity's occurrences in one school year."""
    return replace(resolve_timing(activity.timing, school_year), activity_id=activity.id)


def off_the_calendar(activity: Activity, school_years: Sequence[SchoolYear]) -> list[tuple[str, Unscheduled]]:
    """Where an activity dated to days gets no event: (school year, why) for each year it falls only on closed
    days in, or lacks the holiday it is timed by; («", "outside_school_year») when no year has its date.
    The person keeping the plan is told (`validate.load`); the page says it too."""
    if activity.timing is None:
        return []
    found = [(year.id, resolve_timing(activity.timing, year).unscheduled) for year in school_years]
    off = [(year, why) for year, why in found if why in ("no_school_days", "no_such_holiday")]
    if found and all(why == "outside_school_year" for _, why in found):
        off.append(("", "outside_school_year"))
    return off


# --- the school year a reader of the web page means ---------------------------------------


def plan_epoch(plan: Plan) -> int:
    """A time read from the plan itself, when git knows none: the day it was approved, else the first day of
    its first school year (a plan that says neither is dated 1 January 2000; the årshjul then lists no dates)."""
    years = plan.school_calendar.school_years
    day = plan.school.plan.approved or (years[0].first_day if years else dt.date(2000, 1, 1))
    return int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())


def build_date() -> dt.date:
    """Today for the build: SOURCE_DATE_EPOCH if set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def current_school_year(school_years: Sequence[SchoolYear], today: dt.date | None = None) -> SchoolYear | None:
    """The school year a reader means on `today`: the running one, or after its last day the next.

    In the summer, after the last day of school, the coming year is the interesting one; when
    the skolerute has no later year, the last one stays.
    """
    today = today or build_date()
    ordered = sorted(school_years, key=lambda y: y.first_day)
    for year in ordered:
        if today <= year.last_day:
            return year
    return ordered[-1] if ordered else None


def resolve_current(activity: Activity, plan: Plan, today: dt.date | None = None) -> Resolved | None:
    """The activity's dates in the current school year (`current_school_year`), for the web page."""
    year = current_school_year(plan.school_calendar.school_years, today)
    return dates_of(activity, year) if year is not None else None
