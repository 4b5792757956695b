"""Lay out the årshjul as a wheel: the school year round a circle, holidays marked, activities on their dates.

Only the geometry is computed here; the SVG is written by the template
`overrides/pages/aarshjul.svg.j2` (autoescaped), so a school can restyle it.
The year runs clockwise from 1 August at the top to 31 July. Each activity is
placed by its resolved dates in one school year (`resolve.dates.resolve`): a
dot for one day, an arc for a stretch of days, a dashed arc over the period
when only the month, term or week is known. Marks that would overlap go on
tracks further in, so every mark can be seen and tapped. An activity the plan
gives no time has no place on the wheel; the list has it under its heading.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..model import Plan
from ..model.base import Lang
from ..model.plan import SchoolYear
from ..resolve.dates import SchoolCalendar, dates_of, iso_week_in_year
from ..resolve.text import format_day, format_range, words

SIZE = 600
CENTER = SIZE / 2
MONTH_OUTER = 296
MONTH_INNER = 252
HOLIDAY_OUTER = 248
HOLIDAY_INNER = 234
FIRST_TRACK = 220
TRACK_STEP = 15
LAST_TRACK = 92  # inside it: the school year's name
GAP = 15  # units between two marks on one track, along the track
LABEL_RADIUS = (MONTH_OUTER + MONTH_INNER) / 2
SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True)
class Sector:
    """One month of the outer ring: its shape, its label and where the page's list of that month is."""

    month: int
    label: str
    name: str
    path: str
    label_x: float
    label_y: float
    current: bool
    href: str | None


@dataclass(frozen=True)
class Holiday:
    name: str
    dates: str
    path: str


@dataclass(frozen=True)
class Mark:
    """One activity on one of its dates (or periods): a dot, an arc, or a dashed arc when the date is not set."""

    activity_id: str
    title: str
    when: str
    shape: str  # "dot", "arc" or "period"
    x: float
    y: float
    path: str
    audience: tuple[str, ...]
    grades: str  # the grades it concerns, «1 2 3 …», for the same filters as the list


@dataclass(frozen=True)
class Wheel:
    size: int
    center: float
    year: str
    sectors: tuple[Sector, ...]
    holidays: tuple[Holiday, ...]
    marks: tuple[Mark, ...]
    unplaced: int  # activities with no date on the wheel (weekly, the whole year, «four times a year»)
    crowded: int = 0  # activities with a date the wheel has no room left for (they stand in the list)


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTER + radius * math.sin(angle), CENTER - radius * math.cos(angle)


def _f(value: float) -> str:
    """A coordinate as short, stable text (the output is compared byte for byte)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ring_sector(start: float, end: float, outer: float, inner: float) -> str:
    """An annular sector from angle `start` to `end` (radians, clockwise from the top)."""
    large = 1 if end - start > math.pi else 0
    x0, y0 = _point(start, outer)
    x1, y1 = _point(end, outer)
    x2, y2 = _point(end, inner)
    x3, y3 = _point(start, inner)
    return (
        f"M{_f(x0)},{_f(y0)} A{_f(outer)},{_f(outer)} 0 {large} 1 {_f(x1)},{_f(y1)} "
        f"L{_f(x2)},{_f(y2)} A{_f(inner)},{_f(inner)} 0 {large} 0 {_f(x3)},{_f(y3)} Z"
    )


def _arc(start: float, end: float, radius: float) -> str:
    large = 1 if end - start > math.pi else 0
    x0, y0 = _point(start, radius)
    x1, y1 = _point(end, radius)
    return f"M{_f(x0)},{_f(y0)} A{_f(radius)},{_f(radius)} 0 {large} 1 {_f(x1)},{_f(y1)}"


class _Year:
    """Angles of the days of one school year: 1 August at the top, clockwise round to 31 July."""

    def __init__(self, first_year: int) -> None:
        self.start = dt.date(first_year, 8, 1)
        self.days = (dt.date(first_year + 1, 8, 1) - self.start).days

    def angle(self, day: dt.date, part: float = 0.5) -> float:
        """The angle of a day: `part` 0 where it begins, 0.5 its middle, 1 where it ends."""
        offset = (day - self.start).days + part
        return 2 * math.pi * min(max(offset, 0), self.days) / self.days

    def month(self, month: int) -> tuple[dt.date, dt.date]:
        year = self.start.year if month >= 8 else self.start.year + 1
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)


def _period(occurrence, year: _Year, cal: SchoolCalendar) -> tuple[dt.date, dt.date]:
    """The days a vague occurrence stands for: its months, its term or its weeks."""
    vague = occurrence.vague
    if vague.months:
        ordered = sorted(vague.months, key=SCHOOL_YEAR_MONTHS.index)
        return year.month(ordered[0])[0], year.month(ordered[-1])[1]
    if vague.term == "høst":
        return cal.year.first_day, dt.date(year.start.year, 12, 31)
    if vague.term == "vår":
        return dt.date(year.start.year + 1, 1, 1), cal.year.last_day
    weeks = [w for w in (iso_week_in_year(n, cal) for n in vague.weeks) if w is not None]
    if weeks:
        return min(w[0] for w in weeks), max(w[1] for w in weeks)
    return occurrence.start, occurrence.end


def _days_in_year(start: dt.date, end: dt.date, lang: Lang) -> str:
    """«28. september – 2. oktober»: the school year is on the wheel, so no year on each day."""
    if start == end:
        return format_day(start, lang, year=False)
    if start.month == end.month:
        return f"{start.day}.–{format_day(end, lang, year=False)}"
    return f"{format_day(start, lang, year=False)} – {format_day(end, lang, year=False)}"


def grade_choices(plan: Plan) -> tuple[int, ...]:
    """The grades the filter offers: the school's, else from the first to the last any activity names."""
    school = plan.school.school.grades
    named = [a.grades for a in plan.calendar.activities if a.grades is not None]
    if not named:
        return ()
    first = school.first if school else min(g.first for g in named)
    last = school.last if school else max(g.last for g in named)
    return tuple(range(first, last + 1))


def activity_grades(activity, choices: tuple[int, ...]) -> str:
    """«5 6 7»: the grades an activity is for; one that names none is for every grade of the filter."""
    if activity.grades is None:
        return " ".join(str(g) for g in choices)
    return " ".join(str(g) for g in range(activity.grades.first, activity.grades.last + 1))


def _track_radius(track: int) -> float:
    return FIRST_TRACK - track * TRACK_STEP


def _place(extents: list[tuple[float, float]]) -> list[int]:
    """A track for each mark (angle extents, in placing order): the outermost where it keeps its distance."""
    placed: list[list[tuple[float, float]]] = []
    tracks = []
    for start, end in extents:
        for track, taken in enumerate(placed):
            radius = _track_radius(track)
            gap = GAP / radius
            if all(end + gap <= s or start >= e + gap for s, e in taken):
                taken.append((start, end))
                tracks.append(track)
                break
        else:
            placed.append([(start, end)])
            tracks.append(len(placed) - 1)
    return tracks


def layout(
    plan: Plan,
    school_year: SchoolYear,
    lang: Lang,
    today: dt.date,
    month_hrefs: dict[int, str],
    grade_choices: tuple[int, ...] = (),
) -> Wheel:
    """The wheel of one school year in one language; `month_hrefs` links each month to its part of the list;
    `grade_choices`: the grade filter's grades (an activity naming none is for all of them)."""
    vocabulary = words(lang)
    year = _Year(school_year.first_year)
    cal = SchoolCalendar.of(school_year)
    current = today.month if school_year.first_day <= today <= year.month(7)[1] else None

    sectors = []
    for month in SCHOOL_YEAR_MONTHS:
        first, last = year.month(month)
        start, end = year.angle(first, 0), year.angle(last, 1)
        middle = (start + end) / 2
        x, y = _point(middle, LABEL_RADIUS)
        sectors.append(
            Sector(
                month,
                vocabulary["months_short"][month - 1],
                vocabulary["months"][month - 1],
                _ring_sector(start, end, MONTH_OUTER, MONTH_INNER),
                x,
                y,
                month == current,
                month_hrefs.get(month),
            )
        )

    holidays = []
    summer = vocabulary["labels"]["wheel"]["summer"]
    before = (year.start, school_year.first_day - dt.timedelta(days=1))
    after = (school_year.last_day + dt.timedelta(days=1), year.month(7)[1])
    stretches = [(summer, *before)] if before[1] >= before[0] else []
    stretches += [(h.name[lang], h.start, h.end) for h in school_year.holidays]
    stretches += [(summer, *after)] if after[1] >= after[0] else []
    for name, start, end in stretches:
        dates = _days_in_year(start, end, lang)
        path = _ring_sector(year.angle(start, 0), year.angle(end, 1), HOLIDAY_OUTER, HOLIDAY_INNER)
        holidays.append(Holiday(name, dates, path))

    pending = []  # (start angle, end angle, shape, activity, when)
    unplaced = 0
    for activity in plan.calendar.activities:
        if activity.timing is None:  # under «Uten fast tidspunkt» (or its own heading) in the list, not on the wheel
            continue
        resolved = dates_of(activity, school_year)
        if resolved.recurrence is not None or resolved.unscheduled in ("whole_year", "times_per_year"):
            unplaced += 1  # weekly, all year, «four times a year»: the list says so, the wheel has no date for it
            continue
        for occurrence in resolved.occurrences:
            if occurrence.vague:
                start, end = _period(occurrence, year, cal)
                shape = "period"
            else:
                start, end = occurrence.start, occurrence.end
                shape = "dot" if start == end else "arc"
            when = format_day(start, lang) if start == end else format_range(start, end, lang)
            if shape == "dot":
                extent = (year.angle(start), year.angle(start))
            else:
                extent = (year.angle(start, 0), year.angle(end, 1))
            pending.append((extent, shape, activity, when))
    # Known dates first, on the tracks nearest the months; periods without a date further in. In date order.
    pending.sort(key=lambda p: (p[1] == "period", p[0][0], p[0][1], p[2].id))
    tracks = _place([p[0] for p in pending])

    marks = []
    crowded: set[str] = set()
    for (extent, shape, activity, when), track in zip(pending, tracks):
        radius = _track_radius(track)
        if radius < LAST_TRACK:  # a plan with hundreds of dates: the wheel shows what fits, the list has them all
            crowded.add(activity.id)
            continue
        x, y = _point(extent[0], radius)
        path = "" if shape == "dot" else _arc(extent[0], max(extent[1], extent[0] + 0.001), radius)
        marks.append(
            Mark(
                activity.id,
                activity.title[lang],
                when,
                shape,
                x,
                y,
                path,
                tuple(activity.audience),
                activity_grades(activity, grade_choices),
            )
        )
    label = f"{school_year.first_day.year}–{school_year.last_day.year}"
    crowded -= {mark.activity_id for mark in marks}  # counted once, and only where none of its dates is drawn
    return Wheel(SIZE, CENTER, label, tuple(sectors), tuple(holidays), tuple(marks), unplaced, len(crowded))
