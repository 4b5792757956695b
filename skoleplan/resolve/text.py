"""Words for one written standard: timings, deadlines and dates in natural Norwegian.

The vocabulary lives in `skoleplan/locale/<lang>.yaml`, so the phrasing can be
read and corrected by people who know Nynorsk and Bokmål without reading code.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..model.base import AfterWeeks, DeadlineText, Lang, WithinDays, WithinWeeks, WithinWorkingDays
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

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@cache
def words(lang: Lang) -> dict[str, Any]:
    """The vocabulary of one written standard (read with libyaml when PyYAML has it: 20× faster)."""
    with open(LOCALE_DIR / f"{lang}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def join(items: list[str], lang: Lang, word: str = "and") -> str:
    """«a, b og c», or «a, b eller c» with word="or"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {words(lang)['timing'][word]} " + items[-1]


def number(n: int, lang: Lang) -> str:
    names = words(lang)["numbers"]
    return names[n] if n < len(names) else str(n)


def format_time(time: dt.time) -> str:
    return f"{time.hour:02d}.{time.minute:02d}"


def format_day(day: dt.date | MonthDay, lang: Lang, *, year: bool = True) -> str:
    """«2. september» for a day in every school year, «2. september 2025» for one date."""
    month = words(lang)["months"][day.month - 1]
    text = f"{day.day}. {month}"
    if year and isinstance(day, dt.date):
        text += f" {day.year}"
    return text


def format_range(start: dt.date | MonthDay, end: dt.date | MonthDay, lang: Lang) -> str:
    """«17.–21. november», «28. november – 3. desember 2025», «29. desember 2025 – 2. januar 2026»."""
    same_year = getattr(start, "year", None) == getattr(end, "year", None)
    if start.month == end.month and same_year:
        return f"{start.day}.–{format_day(end, lang)}"
    return f"{format_day(start, lang, year=not same_year)} – {format_day(end, lang)}"


def describe_days(stretches: list[tuple[dt.date, dt.date]], lang: Lang) -> str:
    """«2. september 2025», «3.–14. november 2025 og 23. februar – 6. mars 2026»."""
    return join([format_day(a, lang) if a == b else format_range(a, b, lang) for a, b in stretches], lang)


def clock(time: dt.time | None, end_time: dt.time | None, lang: Lang) -> str:
    """«kl. 18.00» or «kl. 18.00–19.30»; «» without a time."""
    t = words(lang)["timing"]
    if time is None:
        return ""
    if end_time is not None:
        return t["span"].format(start=format_time(time), end=format_time(end_time))
    return t["at"].format(time=format_time(time))


def _clock(timing: Any, lang: Lang) -> str:
    text = clock(timing.time, timing.end_time, lang)
    return " " + text if text else ""


def describe_holiday(holiday: str, relation: str, lang: Lang) -> str:
    """«uka etter vinterferien», «siste skuledag før juleferien»."""
    t = words(lang)["timing"]
    return t["near_holiday"][relation].format(holiday=t["holidays"][holiday])


def _months(numbers: list[int], lang: Lang, *, each: bool = False) -> str:
    """«november–desember» (one event some time in them), «september og januar» (one in each), as the feeds have it;
    `each`: every month on its own («oktober og november», times_per_year)."""
    names = words(lang)["months"]
    groups: list[list[int]] = []
    for month in numbers:
        if groups and not each and month == groups[-1][-1] % 12 + 1:
            groups[-1].append(month)
        else:
            groups.append([month])
    return join([names[g[0] - 1] if len(g) == 1 else f"{names[g[0] - 1]}–{names[g[-1] - 1]}" for g in groups], lang)


def describe_timing(timing: Any, lang: Lang, *, as_written: bool = True) -> str:
    """A timing as a reader would say it: «uke 40», «november–desember», «kvar tysdag kl. 14.30».

    A timing the plan wrote as a phrase is shown as written («Uke 36–37 kl. 18») in its own
    written standard (and in both when its words are the same in both); in the other one, and
    with `as_written=False`, it is said in this module's words. Every text said here reads back
    into the same timing (`skoleplan/model/timing_phrase.py`; tests/model/test_timing_phrase.py).
    """
    phrase = getattr(timing, "phrase", None)
    if as_written and phrase is not None and phrase.lang in (None, lang):
        # A table's capital («Uke 36») is the start of its cell, not of the phrase: pages capitalise
        # where a sentence starts («– hver tirsdag» in a list, «Hver tirsdag» in a table cell).
        text = phrase.text
        return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
    t = words(lang)["timing"]
    match timing:
        case OneDate():
            text = format_day(timing.date, lang)
            text = t["by"].format(day=text) if timing.by else text
        case SeveralDates():
            text = join([format_day(d, lang) for d in timing.dates], lang)
        case DateRange():
            text = format_range(timing.start, timing.end, lang)
        case Weeks():
            numbers = timing.numbers
            if len(numbers) == 1:
                text = t["week"].format(n=numbers[0])
            else:  # «uke 45–46 og 9–10»: weeks that follow each other as one stretch, as the page's dates
                runs: list[list[int]] = []
                for n in numbers:
                    if runs and n == runs[-1][-1] + 1:
                        runs[-1].append(n)
                    else:
                        runs.append([n])
                text = t["weeks"].format(list=join([str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs], lang))
        case Months():
            text = _months(timing.numbers, lang)
        case Term():
            text = t["term"][timing.term]
        case WholeYear():
            text = t["whole_year"]
        case Weekly():
            every = t["every"] if timing.interval == 1 else t["every_other"]
            text = every.format(weekday=words(lang)["weekdays"][timing.weekly - 1])
        case EveryWeek():
            text = t["every_week"] if timing.interval == 1 else t["every_other_week"]
        case Daily():
            text = t["daily"]
        case EveryTerm():
            text = t["every_term"]
        case AsNeeded():
            text = t["as_needed"]
        case Undecided():
            text = t["undecided"]
        case TimingText():
            text = timing.text[lang]
        case NearHoliday():
            text = describe_holiday(timing.holiday, timing.relation, lang)
        case TimesPerYear():
            n = timing.times_per_year
            text = t["once_a_year"] if n == 1 else t["times_per_year"].format(n=number(n, lang))
            if timing.months:
                text += f" ({_months(timing.months, lang, each=True)})"
            elif timing.dates:
                text += f" ({join([format_day(d, lang) for d in timing.dates], lang)})"
        case Relative():
            text = t["relative"][timing.relative]
        case _:  # pragma: no cover - the model has no other kinds
            raise TypeError(type(timing).__name__)
    text += _clock(timing, lang)
    if not timing.school_days_only:
        text += ", " + t["also_holidays"]
    return text


def describe_deadline(deadline: Any, lang: Lang) -> str:
    """«straks», «samme dag», «innen 5 dager» / «innan 5 dagar», «innen 5 virkedager», «etter 3–4 uker», or the plan's
    own words."""
    d = words(lang)["deadline"]

    def count(n: int | tuple[int, int], one: str, many: str) -> str:
        if isinstance(n, tuple):
            return d[many].format(n=f"{n[0]}–{n[1]}")
        return d[one] if n == 1 else d[many].format(n=n)

    if isinstance(deadline, WithinDays):
        return count(deadline.days, "day", "days")
    if isinstance(deadline, WithinWorkingDays):
        return count(deadline.working_days, "working_day", "working_days")
    if isinstance(deadline, AfterWeeks):
        return count(deadline.after_weeks, "after_week", "after_weeks")
    if isinstance(deadline, WithinWeeks):
        return count(deadline.weeks, "week", "weeks")
    if isinstance(deadline, DeadlineText):
        return deadline.text[lang]
    return d[deadline]
