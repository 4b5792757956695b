"""Timing resolution: every kind, both school years, against dates worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from skoleplan.model.plan import SchoolYear
from skoleplan.model.timing import HOLIDAY_KINDS, HOLIDAY_RELATIONS, MONTHS, Timing
from skoleplan.resolve.dates import (
    Resolved,
    SchoolCalendar,
    current_school_year,
    iso_week_in_year,
    resolve_current,
    resolve_timing,
)
from skoleplan.resolve.public_holidays import public_holidays

from .conftest import FIXTURES, school_years

TIMINGS = FIXTURES / "timings"
TIMING = TypeAdapter(Timing)
YEARS = school_years()
ALL_KINDS = {
    "date", "dates", "range", "weeks", "months", "term", "whole_year", "weekly", "times_per_year", "relative",
    "daily", "every_week", "every_term", "holiday", "as_needed", "undecided", "text",
}  # fmt: skip


def _cases() -> list[Any]:
    params = []
    for path in sorted(TIMINGS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            for year, expected in case["expect"].items():
                params.append(pytest.param(case["timing"], year, expected, id=f"{path.stem}: {case['name']} [{year}]"))
    return params


def _day(value: dt.date) -> str:
    return value.isoformat()


def _clock(value: dt.time) -> str:
    return value.strftime("%H:%M")


def notation(resolved: Resolved) -> Any:
    """The resolved timing in the fixtures' notation (see fixtures/timings/README.md)."""
    if resolved.recurrence is not None:
        r = resolved.recurrence
        weekly: dict[str, Any] = {"first": _day(r.first), "last": _day(r.last), "except": [_day(d) for d in r.exdates]}
        if r.time is not None:
            weekly["time"] = _clock(r.time)
        if r.interval != 1:
            weekly["every"] = r.interval
        return {"weekly": weekly}
    if not resolved.occurrences:
        return {"none": resolved.unscheduled}
    shown = []
    for o in resolved.occurrences:
        text = _day(o.start) if o.start == o.end else f"{_day(o.start)}..{_day(o.end)}"
        if o.time is not None:
            text += " " + _clock(o.time) + (f"-{_clock(o.end_time)}" if o.end_time else "")
        if o.vague is not None:
            label = o.vague.term or "/".join(MONTHS[m - 1] for m in o.vague.months)
            if o.vague.weeks:
                label = "uke " + "/".join(str(w) for w in o.vague.weeks)
            if o.vague.holiday:
                label = " ".join(o.vague.holiday)
            text = f"~{text} {label}"
        if o.moved_from is not None:
            text += f" <{_day(o.moved_from)}"
        shown.append(text)
    return shown


@pytest.mark.parametrize(("timing", "year", "expected"), _cases())
def test_timing_resolves_to_the_expected_dates(timing: dict, year: str, expected: Any) -> None:
    resolved = resolve_timing(TIMING.validate_python(timing), YEARS[year])
    assert notation(resolved) == expected


def test_the_cases_cover_every_kind_and_both_years() -> None:
    kinds, years = set(), set()
    for path in TIMINGS.glob("*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            kinds.add(TIMING.validate_python(case["timing"]).kind)
            years.update(case["expect"])
    assert kinds == ALL_KINDS
    assert years == {"2025-2026", "2026-2027"}


@pytest.mark.parametrize("path", sorted(TIMINGS.glob("*.yaml")), ids=lambda p: p.name)
def test_timing_fixtures_round_trip_through_the_model(path: Path) -> None:
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
        timing = TIMING.validate_python(case["timing"])
        assert TIMING.validate_python(timing.model_dump(exclude_defaults=True)) == timing


def test_skolerute_fixture_round_trips() -> None:
    for year in YEARS.values():
        assert SchoolYear.model_validate(year.model_dump()) == year


# --- dates that exist only in some years: refused at their line --------------------------------------------


def test_29_february_every_year_is_refused_with_its_reason(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '{date: "02-29"}')
    assert problems == [
        "aarshjul.yaml:7:20: «date»: «02-29»: 29. februar finnes bare i skuddår, og en dato uten årstall gjelder "
        "hvert skoleår; skriv 28. februar eller 1. mars, eller datoen med årstall («2028-02-29»)"
    ]


def test_29_february_with_its_year_is_a_date() -> None:
    resolved = resolve_timing(TIMING.validate_python({"date": "2028-02-29"}), YEARS["2025-2026"])
    assert resolved.unscheduled == "outside_school_year"  # a real day, only in 2027–2028


def test_week_53_is_refused_with_its_reason(tmp_path: Path) -> None:
    expected = (
        "«week»: uke 53 finnes bare noen år (2026 har den, 2025 og 2027 ikke), og et årshjul gjelder hvert skoleår; "
        "skriv uke 52 eller uke 1, eller datoer"
    )
    assert _problems(tmp_path, "{week: 53}") == [f"aarshjul.yaml:7:20: {expected}"]
    assert _problems(tmp_path, "{weeks: [52, 53]}") == [
        f"aarshjul.yaml:7:26: {expected.replace('«week»', '«weeks»')}"
    ]


def _problems(tmp_path: Path, timing: str) -> list[str]:
    from skoleplan.validate import validate_file

    path = tmp_path / "aarshjul.yaml"
    path.write_text(
        "intro: {nb: Årshjul, nn: Årshjul}\n"
        "activities:\n"
        "  - id: prove\n"
        "    title: {nb: Prøve, nn: Prøve}\n"
        "    responsible: [rektor]\n"
        "    audience: [ansatte]\n"
        f"    timing: {timing}\n"
        "    category: møte\n",
        encoding="utf-8",
    )
    _, _, problems = validate_file(path, "aarshjul.yaml")
    return [f"{path.name}:{p.line}:{p.column}: {p.message}" for p in problems]


# --- holidays of the skolerute ----------------------------------------------------------------------------


def _year_with(holidays: list[dict]) -> SchoolYear:
    return SchoolYear.model_validate(
        {"id": "2025-2026", "first_day": "2025-08-18", "last_day": "2026-06-19", "holidays": holidays}
    )


def test_a_holiday_is_known_by_its_name_in_either_written_standard() -> None:
    year = _year_with(
        [
            {"name": {"nb": "Høstferie", "nn": "Haustferie"}, "start": "2025-09-29", "end": "2025-10-03"},
            {"name": {"nb": "Vinterferie (uke 8)", "nn": "Vinterferie (veke 8)"}, "start": "2026-02-16", "end": "2026-02-20"},
            {"name": {"nb": "Kristi himmelfartsdag", "nn": "Kristi himmelfartsdag"}, "start": "2026-05-14", "end": "2026-05-14"},
        ]
    )
    assert [h.holiday_kind for h in year.holidays] == ["høstferie", "vinterferie", None]


def test_kind_names_a_holiday_whose_name_does_not_say_it() -> None:
    year = _year_with(
        [
            {"name": {"nb": "Elevfri uke", "nn": "Elevfri veke"}, "start": "2025-10-06", "end": "2025-10-10",
             "kind": "høstferie"},
            {"name": {"nb": "Høstferiedag", "nn": "Haustferiedag"}, "start": "2025-11-14", "end": "2025-11-14",
             "kind": "annen"},
        ]
    )  # fmt: skip
    resolved = resolve_timing(TIMING.validate_python({"holiday": "høstferie", "relation": "uka-etter"}), year)
    assert notation(resolved) == ["2025-10-13..2025-10-17"]


def test_a_school_year_without_the_holiday_has_no_occurrence() -> None:
    year = _year_with([])
    resolved = resolve_timing(TIMING.validate_python({"holiday": "vinterferie", "relation": "etter"}), year)
    assert notation(resolved) == {"none": "no_such_holiday"}
    summer = resolve_timing(TIMING.validate_python({"holiday": "sommerferie", "relation": "etter"}), year)
    assert notation(summer) == ["~2025-08-18 etter sommerferie"]


def test_two_holidays_of_one_kind_count_as_one() -> None:
    year = _year_with(
        [
            {"name": {"nb": "Juleferie", "nn": "Juleferie"}, "start": "2025-12-22", "end": "2025-12-31"},
            {"name": {"nb": "Juleferie, nyttår", "nn": "Juleferie, nyttår"}, "start": "2026-01-01", "end": "2026-01-02"},
        ]
    )
    resolved = resolve_timing(TIMING.validate_python({"holiday": "juleferie", "relation": "første-skoledag-etter"}), year)
    assert notation(resolved) == ["2026-01-05"]


def test_before_the_start_is_the_last_planning_day_not_a_day_before_them() -> None:
    """Planning days close the school to pupils, not to staff: «før skolestart» is the last of them (it was 13
    August, in the staff's summer holiday, when the skolerute had planning days just before the start)."""
    year = SchoolYear.model_validate({
        "id": "2025-2026", "first_day": "2025-08-19", "last_day": "2026-06-19",
        "planning_days": ["2025-08-14", "2025-08-15", "2025-08-18"],
    })
    resolved = resolve_timing(TIMING.validate_python({"relative": "før-skolestart"}), year)
    assert notation(resolved) == ["2025-08-18"]
    without = year.model_copy(update={"planning_days": []})
    assert notation(resolve_timing(TIMING.validate_python({"relative": "før-skolestart"}), without)) == ["2025-08-18"]


# --- the calendar itself -------------------------------------------------------------------------------------


def test_iso_week_53_exists_only_where_the_iso_year_has_it() -> None:
    """The model refuses week 53 (above); the calendar still knows which years have it."""
    assert iso_week_in_year(53, SchoolCalendar.of(YEARS["2025-2026"])) is None
    assert iso_week_in_year(53, SchoolCalendar.of(YEARS["2026-2027"])) == (dt.date(2026, 12, 28), dt.date(2027, 1, 1))


def test_public_holidays_are_those_of_the_holidays_package() -> None:
    """Our list of Norway's public holidays against the `holidays` package, as the oracle."""
    import holidays

    for year in range(1950, 2101):  # the years the package knows
        assert public_holidays(year) == frozenset(holidays.Norway(years=year)), year


def test_public_holidays_close_the_school() -> None:
    cal = SchoolCalendar.of(YEARS["2025-2026"])
    for day in (dt.date(2026, 5, 14), dt.date(2026, 5, 25), dt.date(2026, 5, 1), dt.date(2025, 12, 25)):
        assert cal.is_closed(day) and not cal.is_school_day(day)
    assert cal.is_school_day(dt.date(2026, 5, 13))


# --- properties over any timing -----------------------------------------------------------------------------

day_strategy = st.dates(dt.date(2025, 8, 1), dt.date(2027, 7, 31))
month_day = st.builds(lambda d: d.strftime("%m-%d"), day_strategy.filter(lambda d: (d.month, d.day) != (2, 29)))
any_day = st.one_of(day_strategy, month_day)
flag = st.booleans()
times = st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0)))

timings = st.one_of(
    st.builds(lambda d, s, t: {"date": d, "school_days_only": s, "time": t}, any_day, flag, times),
    st.builds(lambda ds, s: {"dates": ds, "school_days_only": s}, st.lists(any_day, min_size=2, max_size=4), flag),
    st.builds(
        lambda a, n, s: {"start": a, "end": a + dt.timedelta(days=n), "school_days_only": s},
        day_strategy, st.integers(1, 40), flag,
    ),
    st.builds(lambda w, s, t: {"week": w, "school_days_only": s, "time": t}, st.integers(1, 52), flag, times),
    st.builds(lambda ws, t: {"weeks": ws, "time": t}, st.lists(st.integers(1, 52), min_size=2, max_size=4), times),
    st.builds(lambda m: {"month": m}, st.integers(1, 12)),
    st.builds(lambda ms: {"months": ms}, st.lists(st.integers(1, 12), min_size=2, max_size=3, unique=True)),
    st.builds(lambda t: {"term": t}, st.sampled_from(["høst", "vår"])),
    st.builds(lambda w, s, i: {"weekly": w, "school_days_only": s, "interval": i}, st.integers(1, 5), flag, st.sampled_from([1, 2])),
    st.builds(lambda i: {"weekly": True, "interval": i}, st.sampled_from([1, 2])),
    st.just({"daily": True}),
    st.just({"as_needed": True}),
    st.just({"undecided": True}),
    st.builds(lambda t: {"every_term": True, "time": t}, times),
    st.builds(
        lambda h, r, t: {"holiday": h, "relation": r, "time": t},
        st.sampled_from(HOLIDAY_KINDS), st.sampled_from(HOLIDAY_RELATIONS), times,
    ),
    st.builds(lambda ms: {"times_per_year": len(ms), "months": ms}, st.lists(st.integers(1, 12), min_size=1, max_size=4)),
    st.builds(
        lambda r: {"relative": r},
        st.sampled_from(["første-skoledag", "oppstartsdagene", "første-skoleuke", "første-hele-skoleuke",
                         "siste-skoleuke", "siste-skoledag"]),
    ),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(timing=timings, year=st.sampled_from(sorted(YEARS)))
def test_nothing_lands_on_a_closed_day_and_everything_stays_in_its_year(timing: dict, year: str) -> None:
    model = TIMING.validate_python(timing)
    cal = SchoolCalendar.of(YEARS[year])
    resolved = resolve_timing(model, YEARS[year])
    lo, hi = cal.span
    assert (resolved.occurrences or resolved.recurrence) or resolved.unscheduled
    for day in resolved.dates:
        assert lo <= day <= hi
        if model.school_days_only:
            assert not cal.is_closed(day), f"{day} is closed"
    for o in resolved.occurrences:
        assert o.start <= o.end
        if o.vague is not None:
            assert o.start == o.end
    starts = [o.start for o in resolved.occurrences]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    keys = [o.key for o in resolved.occurrences]  # the feeds' UIDs are made from them
    assert len(set(keys)) == len(keys), keys
    if resolved.recurrence is not None:
        r = resolved.recurrence
        assert r.first.isoweekday() == r.last.isoweekday() == r.weekday
        if model.school_days_only:
            assert r.first >= YEARS[year].first_day and r.last <= YEARS[year].last_day


@settings(max_examples=100, deadline=None)
@given(timing=timings)
def test_ranges_and_weeks_split_only_where_days_are_left_out(timing: dict) -> None:
    """Two stretches of one range or week list without a time never touch: else they would have been one."""
    model = TIMING.validate_python(timing)
    resolved = resolve_timing(model, YEARS["2025-2026"])
    for a, b in zip(resolved.occurrences, resolved.occurrences[1:]):
        if model.kind in ("range", "weeks", "relative", "holiday") and a.time is None:
            assert b.start > a.end + dt.timedelta(days=1)


# --- the current school year, for the web page ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2025, 3, 1), "2025-2026"),  # before the first year: the first
        (dt.date(2025, 10, 1), "2025-2026"),
        (dt.date(2026, 6, 19), "2025-2026"),  # the last day still counts
        (dt.date(2026, 6, 20), "2026-2027"),  # summer: the coming year
        (dt.date(2027, 8, 1), "2026-2027"),  # after the last year in the skolerute: the last
    ],
)
def test_current_school_year(today: dt.date, expected: str) -> None:
    assert current_school_year(list(YEARS.values()), today).id == expected


def test_current_school_year_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert current_school_year(list(YEARS.values())).id == "2026-2027"


def test_resolve_current_gives_the_activity_in_the_current_year(plan) -> None:
    activity = next(a for a in plan.calendar.activities if a.id == "skolestart")
    resolved = resolve_current(activity, plan, dt.date(2026, 7, 1))
    assert resolved is not None
    assert (resolved.activity_id, resolved.school_year, resolved.dates) == ("skolestart", "2026-2027", [dt.date(2026, 8, 20)])
