"""The timing kinds read from phrases (every other week, relative to a holiday, every term, daily) in real feeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from skoleplan.resolve.dates import SchoolCalendar, dates_of

from . import icaljs
from .conftest import SITE_URL, load_plan, write_feeds
from .icslint import lint

ACTIVITIES = """
  - id: lesegruppe
    title: {nb: Lesegruppe, nn: Lesegruppe}
    timing: annenhver torsdag kl. 14.00–14.45
    responsible: [rektor]
    audience: [elever]
    category: sosial
  - id: samtale-etter-hostferien
    title: {nb: Samtale med klassen, nn: Samtale med klassen}
    timing: etter høstferien
    responsible: [rektor]
    audience: [elever]
    category: møte
  - id: trivselsuke
    title: {nb: Trivselsuke, nn: Trivselsveke}
    timing: veka etter vinterferien
    responsible: [rektor]
    audience: [elever]
    category: sosial
  - id: semestermote
    title: {nb: Semestermøte, nn: Semestermøte}
    timing: hvert semester kl. 18
    responsible: [rektor]
    audience: [foresatte]
    category: møte
  - id: fellessamling
    title: {nb: Fellessamling, nn: Fellessamling}
    timing: 2. september
    responsible: [rektor]
  - id: inspeksjon
    title: {nb: Inspeksjon i friminuttene, nn: Inspeksjon i friminutta}
    timing: daglig
    responsible: [rektor]
    audience: [ansatte]
    category: sosial
"""


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, dict[str, Path]]:
    import shutil

    from .conftest import PLAN_DIR

    plan_dir = tmp_path_factory.mktemp("plan") / "plan"
    shutil.copytree(PLAN_DIR, plan_dir)
    calendar = plan_dir / "aarshjul.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8").rstrip() + "\n" + ACTIVITIES, encoding="utf-8")
    plan = load_plan(plan_dir)
    out = tmp_path_factory.mktemp("site")
    paths = [p for lang in ("nb", "nn") for p in write_feeds(plan, lang, out, SITE_URL)]
    return plan, {p.relative_to(out).as_posix(): p for p in paths}


def _events(path: Path, uid_start: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith(uid_start)]


def test_every_other_week_is_one_rule_with_interval_2_that_every_parser_expands_alike(feeds) -> None:
    plan, paths = feeds
    path = paths["nb/kalender/aarshjul.ics"]
    activity = next(a for a in plan.calendar.activities if a.id == "lesegruppe")
    for year in plan.school_calendar.school_years:
        (event,) = _events(path, f"lesegruppe.{year.id}.")
        assert event["RRULE"]["INTERVAL"] == [2]
        expanded = recurring_ical_events.of(icalendar.Calendar.from_ical(path.read_bytes())).between(
            year.first_day, year.last_day + dt.timedelta(days=1)
        )
        days = sorted(e.start.date() for e in expanded if str(e["UID"]) == str(event["UID"]))
        assert days == dates_of(activity, year).recurrence.dates
        assert all((b - a).days % 14 == 0 for a, b in zip(days, days[1:]))
        assert all(e.start.time() == dt.time(14) for e in expanded if str(e["UID"]) == str(event["UID"]))
    by_js = icaljs.parse([path])[str(path)]
    assert any(e["uid"].startswith("lesegruppe.") for e in by_js["events"])


@pytest.mark.parametrize(
    ("lang", "uid", "summary"),
    [
        ("nb", "samtale-etter-hostferien.2025-2026.1", "Samtale med klassen (etter høstferien, dato kommer)"),
        ("nn", "samtale-etter-hostferien.2025-2026.1", "Samtale med klassen (etter haustferien, dato kjem)"),
        ("nb", "semestermote.2025-2026.th", "Semestermøte (høsten, kl. 18.00, dato kommer)"),  # a term each
        ("nn", "semestermote.2025-2026.tv", "Semestermøte (våren, kl. 18.00, dato kjem)"),
    ],
)
def test_markers_name_their_period_and_time(feeds, lang: str, uid: str, summary: str) -> None:
    _, paths = feeds
    (event,) = _events(paths[f"{lang}/kalender/aarshjul.ics"], uid + "@")
    assert str(event["SUMMARY"]) == summary
    assert not isinstance(event["DTSTART"].dt, dt.datetime) and str(event["STATUS"]) == "TENTATIVE"


def test_the_week_after_a_holiday_is_its_school_days(feeds) -> None:
    _, paths = feeds
    (event,) = _events(paths["nn/kalender/aarshjul.ics"], "trivselsuke.2025-2026.")
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (dt.date(2026, 2, 23), dt.date(2026, 2, 28))


def test_an_activity_without_audience_and_category_says_nothing_of_them(feeds) -> None:
    """Neither is required (issue 17): no «For:» line, no CATEGORIES, and only in the feed of everything."""
    _, paths = feeds
    (event,) = _events(paths["nb/kalender/aarshjul.ics"], "fellessamling.2025-2026.")
    assert "CATEGORIES" not in event and "For:" not in str(event["DESCRIPTION"])
    assert "Ansvarlig: rektor" in str(event["DESCRIPTION"])
    for feed in ("ansatte", "foresatte", "elever"):
        assert _events(paths[f"nb/kalender/{feed}.ics"], "fellessamling.") == []


def test_daily_is_no_event(feeds) -> None:
    _, paths = feeds
    assert _events(paths["nb/kalender/aarshjul.ics"], "inspeksjon.") == []


def test_the_feeds_pass_the_lint(feeds) -> None:
    plan, paths = feeds
    calendars = [SchoolCalendar.of(y) for y in plan.school_calendar.school_years]

    def closed(day: dt.date) -> bool:
        return any(c.is_closed(day) for c in calendars if c.in_span(day))

    exempt = [f"{a.id}." for a in plan.calendar.activities if a.timing is not None and not a.timing.school_days_only]
    for path in paths.values():
        assert [str(f) for f in lint(path.read_bytes(), closed, exempt)] == [], path
