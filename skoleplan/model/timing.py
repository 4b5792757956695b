"""When something happens, in every form real plans write it.

Each timing is a small mapping whose distinguishing key says its kind
(`date`, `dates`, `start`/`end`, `week`, `weeks`, `month`, `months`, `term`,
`whole_year`, `weekly`, `daily`, `every_term`, `times_per_year`, `relative`,
`holiday`, `as_needed`, `undecided`), or the Norwegian phrase a plan writes («uke 36–37 kl. 18»,
«etter høstferien»), which `timing_phrase.py` reads into the same kinds (`parse_timing`) and
which the timing keeps as written (`TimingBase.phrase`): the page shows it,
the feeds show the dates it resolves to. Dates without a year («09-02») are a
month and day within each school year: August to December in its first
calendar year, January to July in its second.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BeforeValidator, Discriminator, Field, PrivateAttr, Tag, TypeAdapter, ValidationError, field_validator,
    model_validator,
)

from .base import Date, ErrorAt, Model, Text
from .timing_phrase import LEAP_DAY, MONTHS, WEEK_53, Phrase, PhraseError, read_phrase

WEEKDAYS_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAYS_NN = ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag")

_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class MonthDay(Model):
    """A day of the school year without a year: it recurs in every school year."""

    month: int
    day: int

    def in_school_year(self, first_year: int) -> dt.date:
        year = first_year if self.month >= 8 else first_year + 1
        return dt.date(year, self.month, self.day)


def no_such_day(value: str, year: int | None, month: int, example: str) -> ValueError:
    """Why a date written in the right form does not exist: «september har bare 30 dager»."""
    if not 1 <= month <= 12:
        return ValueError(f"«{value}»: måned {month} finnes ikke; forventet {example}")
    days = calendar.monthrange(year or 2023, month)[1]
    name = f"februar {year}" if month == 2 and year else MONTHS[month - 1]
    return ValueError(f"«{value}»: datoen finnes ikke, {name} har bare {days} dager")


def _parse_day(value: Any) -> Any:
    """Accept «2025-09-02» (a date) or «09-02» (month-day in every school year)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # YAML reads «29.02» as a number
        raise ValueError(f"«{value}» ble lest som et tall; skriv datoen som ÅÅÅÅ-MM-DD («2026-02-27»), eller som MM-DD i "
                         "anførselstegn («\"09-02\"») for samme dag hvert skoleår")
    if isinstance(value, str):
        match = _MONTH_DAY.match(value.strip())
        if match:
            month, day = int(match[1]), int(match[2])
            if (month, day) == (2, 29):
                raise ValueError(f"«{value}»: {LEAP_DAY}")
            try:
                dt.date(2023, month, day)
            except ValueError:
                raise no_such_day(value, None, month, "MM-DD, for eksempel «09-02»") from None
            return MonthDay(month=month, day=day)
        if written := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", value.strip()):
            try:
                return dt.date(int(written[1]), int(written[2]), int(written[3]))
            except ValueError:
                raise no_such_day(value, int(written[1]), int(written[2]), "ÅÅÅÅ-MM-DD, for eksempel «2025-09-02»") from None
        raise ValueError(f"«{value}» er ikke en dato; forventet ÅÅÅÅ-MM-DD («2025-09-02») eller MM-DD («09-02»)")
    return value


def _parse_days(value: Any) -> Any:
    """Each of a list of days, a mistake shown at its own line."""
    if not isinstance(value, list):
        return value
    days = []
    for index, item in enumerate(value):
        try:
            days.append(_parse_day(item))
        except ValueError as exc:
            raise ErrorAt(str(exc), index) from None
    return days


Day = Annotated[Date | MonthDay, Field(description="Dato: ÅÅÅÅ-MM-DD, eller MM-DD for samme dag hvert skoleår")]


def _parse_month(value: Any) -> Any:
    if isinstance(value, str):
        name = value.strip().lower()
        if name in MONTHS:
            return MONTHS.index(name) + 1
        raise ValueError(f"«{value}» er ikke en måned; forventet et månedsnavn (januar … desember) eller 1–12")
    return value


def _parse_weekday(value: Any) -> Any:
    if isinstance(value, str):
        name = value.strip().lower()
        for names in (WEEKDAYS_NB, WEEKDAYS_NN):
            if name in names:
                return names.index(name) + 1
        raise ValueError(f"«{value}» er ikke en ukedag; forventet mandag, tirsdag, onsdag, torsdag eller fredag")
    return value


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if not match:
            raise ValueError(f"«{value}» er ikke et klokkeslett; forventet TT:MM, for eksempel «18:00»")
        return dt.time(int(match[1]), int(match[2]))
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"«{value}» er ikke et klokkeslett; forventet TT:MM i anførselstegn, for eksempel «18:00»")
    return value


Month = Annotated[int, Field(ge=1, le=12, description="Måned: navn (september) eller tall (9)")]
def _not_week_53(value: Any) -> Any:
    if value == 53:
        raise ValueError(WEEK_53)
    return value


Week = Annotated[int, BeforeValidator(_not_week_53), Field(ge=1, le=52, description="ISO-ukenummer, 1–52")]
Weekday = Annotated[int, Field(ge=1, le=5, description="Ukedag: mandag … fredag")]


class TimingBase(Model):
    """Fields every timing may have.

    A timing read from a phrase keeps the phrase (`phrase`), so that the page can
    show it as written; it is not a field: nobody writes it beside the structured form.
    """

    time: dt.time | None = Field(default=None, description="Klokkeslett for start, TT:MM")
    end_time: dt.time | None = Field(default=None, description="Klokkeslett for slutt, TT:MM")
    school_days_only: bool = Field(
        default=True, description="Sett til false hvis det skal stå i kalenderen også i ferier og helger"
    )

    _phrase: Phrase | None = PrivateAttr(default=None)
    _days = field_validator("time", "end_time", mode="before")(classmethod(lambda cls, v: _parse_time(v)))

    @property
    def phrase(self) -> Phrase | None:
        return self._phrase

    @model_validator(mode="after")
    def _end_after_start(self) -> "TimingBase":
        if self.end_time is not None and self.time is None:
            raise ValueError("end_time krever time (klokkeslett for start)")
        if self.end_time is not None and self.time is not None and self.end_time <= self.time:
            raise ValueError("end_time må være etter time")
        return self


class OneDate(TimingBase):
    kind: ClassVar[str] = "date"
    date: Day
    by: bool = Field(
        default=False,
        description="En frist («innen 1. oktober»): faller datoen på en stengt dag, blir det skoledagen før, ikke etter",
    )
    _parse = field_validator("date", mode="before")(classmethod(lambda cls, v: _parse_day(v)))


class SeveralDates(TimingBase):
    kind: ClassVar[str] = "dates"
    dates: list[Day] = Field(min_length=2)
    _parse = field_validator("dates", mode="before")(classmethod(lambda cls, v: _parse_days(v)))


class DateRange(TimingBase):
    kind: ClassVar[str] = "range"
    start: Day
    end: Day
    _parse = field_validator("start", "end", mode="before")(classmethod(lambda cls, v: _parse_day(v)))

    @model_validator(mode="after")
    def _ordered(self) -> "DateRange":
        if type(self.start) is not type(self.end):
            raise ValueError("start og end må skrives likt: begge med år (ÅÅÅÅ-MM-DD) eller begge uten (MM-DD)")
        if isinstance(self.start, dt.date):
            later = self.end > self.start
        else:
            later = self.end.in_school_year(2024) > self.start.in_school_year(2024)
        if not later:
            raise ValueError("end må være etter start")
        return self


class Weeks(TimingBase):
    """One ISO week or several; Monday to Friday of each."""

    kind: ClassVar[str] = "weeks"
    week: Week | None = None
    weeks: list[Week] | None = Field(default=None, min_length=2)

    @model_validator(mode="after")
    def _one_of(self) -> "Weeks":
        if (self.week is None) == (self.weeks is None):
            raise ValueError("skriv enten week (én uke) eller weeks (flere uker), ikke begge")
        return self

    @property
    def numbers(self) -> list[int]:
        return [self.week] if self.week is not None else list(self.weeks or [])


class Months(TimingBase):
    """One month or several, with no exact date yet."""

    kind: ClassVar[str] = "months"
    month: Month | None = None
    months: list[Month] | None = Field(default=None, min_length=2)
    _parse = field_validator("month", mode="before")(classmethod(lambda cls, v: _parse_month(v)))
    _parse_list = field_validator("months", mode="before")(
        classmethod(lambda cls, v: [_parse_month(x) for x in v] if isinstance(v, list) else v)
    )

    @model_validator(mode="after")
    def _one_of(self) -> "Months":
        if (self.month is None) == (self.months is None):
            raise ValueError("skriv enten month (én måned) eller months (flere måneder), ikke begge")
        return self

    @property
    def numbers(self) -> list[int]:
        return [self.month] if self.month is not None else list(self.months or [])


class Term(TimingBase):
    kind: ClassVar[str] = "term"
    term: Literal["høst", "vår"] = Field(description="Semester: høst eller vår")


class WholeYear(TimingBase):
    kind: ClassVar[str] = "whole_year"
    whole_year: Literal[True] = Field(description="Gjennom hele skoleåret")


Interval = Annotated[Literal[1, 2], Field(description="1: hver uke; 2: annenhver uke")]


class Weekly(TimingBase):
    """Every week (or every other week) on one weekday, from the first to the last school day."""

    kind: ClassVar[str] = "weekly"
    weekly: Weekday
    interval: Interval = 1
    _parse = field_validator("weekly", mode="before")(classmethod(lambda cls, v: _parse_weekday(v)))


class EveryWeek(TimingBase):
    """Every week (or every other week) on no fixed weekday: «møte en gang i uka»."""

    kind: ClassVar[str] = "every_week"
    weekly: Literal[True] = Field(description="Hver uke, uten fast ukedag")
    interval: Interval = 1


class Daily(TimingBase):
    """Every school day: «daglig», «hver dag»."""

    kind: ClassVar[str] = "daily"
    daily: Literal[True] = Field(description="Hver skoledag")


class AsNeeded(TimingBase):
    """When it is needed, not on the calendar: «ved behov»."""

    kind: ClassVar[str] = "as_needed"
    as_needed: Literal[True] = Field(description="Ved behov (ikke i kalenderen)")


class Undecided(TimingBase):
    """Not decided yet: «ikke bestemt», as the plan writes it."""

    kind: ClassVar[str] = "undecided"
    undecided: Literal[True] = Field(description="Tidspunktet er ikke bestemt ennå (ikke i kalenderen)")


class TimingText(TimingBase):
    """The plan's own words, when no form says when («kontinuerlig eller etter behov», «ved nyansettelser»): shown
    as written on the page, no event in the calendar. A plan is a legal document: its words are kept, not forced
    into a form that says something else."""

    kind: ClassVar[str] = "text"
    text: Text = Field(description="Når, med planens egne ord, på bokmål og nynorsk (på siden, ikke i kalenderen)")


class EveryTerm(TimingBase):
    """Once in each term, the date not fixed: «hvert semester»."""

    kind: ClassVar[str] = "every_term"
    every_term: Literal[True] = Field(description="Én gang hvert semester (høst og vår)")


class TimesPerYear(TimingBase):
    """N times a year, optionally with the dates or months already known."""

    kind: ClassVar[str] = "times_per_year"
    times_per_year: int = Field(ge=1, le=52)
    dates: list[Day] | None = None
    months: list[Month] | None = None
    _parse = field_validator("dates", mode="before")(classmethod(lambda cls, v: _parse_days(v)))
    _parse_list = field_validator("months", mode="before")(
        classmethod(lambda cls, v: [_parse_month(x) for x in v] if isinstance(v, list) else v)
    )

    @model_validator(mode="after")
    def _count(self) -> "TimesPerYear":
        for name in ("dates", "months"):
            known = getattr(self, name)
            if known is not None and len(known) != self.times_per_year:
                raise ValueError(
                    f"times_per_year er {self.times_per_year}, men {name} har {len(known)}; de må stemme overens"
                )
        if self.dates is not None and self.months is not None:
            raise ValueError("skriv enten dates eller months, ikke begge")
        return self


RelativeWhen = Literal[
    "før-skolestart", "første-skoledag", "oppstartsdagene", "første-skoleuke", "første-hele-skoleuke",
    "siste-skoleuke", "siste-skoledag",
]


class Relative(TimingBase):
    """Relative to the school year in the skolerute."""

    kind: ClassVar[str] = "relative"
    relative: RelativeWhen


HolidayKind = Literal["høstferie", "juleferie", "vinterferie", "påskeferie", "sommerferie"]
HOLIDAY_KINDS: tuple[str, ...] = HolidayKind.__args__  # type: ignore[attr-defined]
HolidayRelation = Literal["før", "etter", "uka-før", "uka-etter", "siste-skoledag-før", "første-skoledag-etter"]
HOLIDAY_RELATIONS: tuple[str, ...] = HolidayRelation.__args__  # type: ignore[attr-defined]


class NearHoliday(TimingBase):
    """Relative to one of the skolerute's holidays: «uka etter vinterferien», «siste skoledag før jul»."""

    kind: ClassVar[str] = "holiday"
    holiday: HolidayKind = Field(description="Ferien: høstferie, juleferie, vinterferie, påskeferie eller sommerferie")
    relation: HolidayRelation = Field(
        description="før / etter (en gang i uka før eller etter, dato kommer), uka-før / uka-etter (hele uka), "
        "siste-skoledag-før, første-skoledag-etter"
    )


# The key that tells each kind apart, checked in this order.
_KIND_KEYS = (
    ("weekly", "weekly"),
    ("times_per_year", "times_per_year"),
    ("relative", "relative"),
    ("whole_year", "whole_year"),
    ("term", "term"),
    ("month", "months"),
    ("months", "months"),
    ("week", "weeks"),
    ("weeks", "weeks"),
    ("start", "range"),
    ("end", "range"),
    ("dates", "dates"),
    ("date", "date"),
    ("daily", "daily"),
    ("every_term", "every_term"),
    ("holiday", "holiday"),
    ("as_needed", "as_needed"),
    ("undecided", "undecided"),
    ("text", "text"),
)
TIMING_KEYS = tuple(dict.fromkeys(k for k, _ in _KIND_KEYS))


def timing_kind(value: Any) -> str | None:
    if isinstance(value, Model):
        return getattr(value, "kind", None)
    if isinstance(value, dict):
        for key, kind in _KIND_KEYS:
            if key in value:
                if kind == "weekly" and value[key] is True:  # {weekly: true}: every week, no weekday
                    return "every_week"
                return kind
    return None


def _from_phrase(value: Any) -> Any:
    """A phrase («uke 34», «hver tirsdag kl. 14.30») or a calendar date becomes the typed timing it says."""
    if isinstance(value, str):
        return parse_timing(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        example = f"«uke {value}»" if isinstance(value, int) else "«2. oktober»"
        raise ValueError(
            f"tidspunktet ble lest som tallet {value}; skriv for eksempel {example}, "
            "og sett anførselstegn rundt en dato med bare tall («\"2.10.\"»)"
        )
    return value


StructuredTiming = Annotated[
    Union[
        Annotated[OneDate, Tag("date")],
        Annotated[SeveralDates, Tag("dates")],
        Annotated[DateRange, Tag("range")],
        Annotated[Weeks, Tag("weeks")],
        Annotated[Months, Tag("months")],
        Annotated[Term, Tag("term")],
        Annotated[WholeYear, Tag("whole_year")],
        Annotated[Weekly, Tag("weekly")],
        Annotated[EveryWeek, Tag("every_week")],
        Annotated[Daily, Tag("daily")],
        Annotated[EveryTerm, Tag("every_term")],
        Annotated[TimesPerYear, Tag("times_per_year")],
        Annotated[Relative, Tag("relative")],
        Annotated[NearHoliday, Tag("holiday")],
        Annotated[AsNeeded, Tag("as_needed")],
        Annotated[Undecided, Tag("undecided")],
        Annotated[TimingText, Tag("text")],
    ],
    Discriminator(
        timing_kind,
        custom_error_type="timing_kind",
        custom_error_message="timing",
    ),
]

Timing = Annotated[
    StructuredTiming,
    BeforeValidator(_from_phrase, json_schema_input_type=Union[str, StructuredTiming]),
    Field(description="Når: en blokk ({week: 34}) eller slik planen skriver det («uke 34», «hver tirsdag kl. 14.30»)"),
]


_STRUCTURED = TypeAdapter(StructuredTiming)


def parse_timing(text: str) -> TimingBase:
    """The typed timing a phrase says, keeping the phrase as written (raises PhraseError, in Norwegian)."""
    value, phrase = read_phrase(text)
    try:
        timing = _STRUCTURED.validate_python(value)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        reason = error.get("ctx", {}).get("error", error["msg"])
        raise PhraseError(f"«{text.strip()}»: {reason}") from None
    timing._phrase = phrase  # type: ignore[misc]
    return timing
