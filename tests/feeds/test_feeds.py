"""The feeds: parsed by two independent parsers, expanded, linted, and right in both languages."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from skoleplan.model.base import LANGS
from skoleplan.render.ical import FEEDS, TEXTS, feed_events, render_feeds, write_feeds
from skoleplan.resolve.dates import SchoolCalendar

from . import icaljs
from .conftest import SITE_URL, load_plan
from .icslint import lint

DOMAIN = "plan.makeskjaer.fjordvik.example"
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both languages' feeds, written once, with a lock file of their own."""
    root = tmp_path_factory.mktemp("site")
    lock = root / "kalender.lock.json"
    plan = load_plan()
    paths = [p for lang in LANGS for p in write_feeds(plan, lang, root / "site", SITE_URL, lock_path=lock)]
    return {p.relative_to(root / "site").as_posix(): p for p in paths}


def _feed(built: dict[str, Path], lang: str, feed: str) -> bytes:
    return built[f"{lang}/kalender/{feed}.ics"].read_bytes()


def _calendar(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def _text(value: object) -> str:
    """A TEXT value; icalendar 7.3 reads NAME and X-* properties as unknown and leaves them escaped."""
    if isinstance(value, icalendar.vText):
        return str(value)
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def _start(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _expanded(data: bytes) -> dict[str, list[str]]:
    """UID → every start, as recurring-ical-events expands them."""
    starts: dict[str, list[str]] = defaultdict(list)
    for event in recurring_ical_events.of(_calendar(data)).between(dt.date(2025, 1, 1), dt.date(2028, 1, 1)):
        starts[str(event["UID"])].append(_start(event.start))
    return {uid: sorted(s) for uid, s in starts.items()}


def test_every_feed_of_both_languages_is_written(built: dict[str, Path]) -> None:
    assert sorted(built) == sorted(f"{lang}/kalender/{feed}.ics" for lang in LANGS for feed in FEEDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("feed", FEEDS)
def test_feed_parses_and_round_trips_with_icalendar(built: dict[str, Path], lang: str, feed: str) -> None:
    data = _feed(built, lang, feed)
    parsed = _calendar(data)
    assert _calendar(parsed.to_ical()) == parsed
    assert parsed.walk("VEVENT"), "every fixture feed has events"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("feed", FEEDS)
def test_feed_passes_our_lint(built: dict[str, Path], years, plan, lang: str, feed: str) -> None:
    calendars = [SchoolCalendar.of(y) for y in years.values()]

    def closed(day: dt.date) -> bool:
        return any(c.is_closed(day) for c in calendars if c.in_span(day))

    exempt = [f"{a.id}." for a in plan.calendar.activities if not a.timing.school_days_only]
    assert [str(f) for f in lint(_feed(built, lang, feed), closed, exempt)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_both_parsers_expand_every_event_to_the_resolved_dates(built: dict[str, Path], plan, lang: str) -> None:
    """recurring-ical-events, ical.js and our own resolution agree on every start of every event."""
    paths = [built[f"{lang}/kalender/{feed}.ics"] for feed in FEEDS]
    by_js = icaljs.parse(paths)
    expected: dict[str, list[str]] = {}
    for event in feed_events(plan, DOMAIN):
        source = event.recurrence or event.occurrence
        days = event.recurrence.dates if event.recurrence else [event.occurrence.start]
        if source.time is not None and event.vague is None:
            expected[event.uid] = [_start(dt.datetime.combine(d, source.time, tzinfo=OSLO)) for d in days]
        else:
            expected[event.uid] = [d.isoformat() for d in days]
    for path in paths:
        data = path.read_bytes()
        python = _expanded(data)
        uids = {str(e["UID"]) for e in _calendar(data).walk("VEVENT")}
        assert set(python) == uids, "recurring-ical-events expands every event"
        js = {e["uid"]: sorted(e["starts"]) for e in by_js[str(path)]["events"]}
        assert js == python
        for uid, starts in python.items():
            assert starts == expected[uid], uid


def test_ical_js_reads_names_time_zone_and_texts(built: dict[str, Path]) -> None:
    path = built["nn/kalender/foresatte.ics"]
    parsed = icaljs.parse([path])[str(path)]
    assert parsed["name"] == "Årshjul for føresette – Måkeskjær skule"
    assert parsed["timezones"] == ["Europe/Oslo"]
    timed = [e for e in parsed["events"] if e["tzid"]]
    assert timed and all(e["tzid"] == "Europe/Oslo" for e in timed)
    bullying = next(e for e in parsed["events"] if e["uid"].startswith("mobbefri-dag."))
    assert "C:\\skule\\plan" in bullying["summary"] and bullying["summary"].endswith("🌍")
    assert "Komma, semikolon; og omvend skråstrek \\ i teksten." in bullying["description"]


# --- what the feeds say ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "feed", "name"),
    [
        ("nb", "aarshjul", "Årshjul – Måkeskjær skole"),
        ("nn", "aarshjul", "Årshjul – Måkeskjær skule"),
        ("nb", "foresatte", "Årshjul for foresatte – Måkeskjær skole"),
        ("nn", "ansatte", "Årshjul for tilsette – Måkeskjær skule"),
        ("nn", "elever", "Årshjul for elevar – Måkeskjær skule"),
    ],
)
def test_calendar_name_and_description_are_in_the_language(built, lang: str, feed: str, name: str) -> None:
    cal = _calendar(_feed(built, lang, feed))
    assert _text(cal["NAME"]) == _text(cal["X-WR-CALNAME"]) == name
    description = str(cal["DESCRIPTION"])
    assert description == _text(cal["X-WR-CALDESC"])
    assert ("skulemiljø" if lang == "nn" else "skolemiljø") in description
    assert "\n" in description, "the description has line breaks, escaped"


def test_calendar_properties(built: dict[str, Path]) -> None:
    data = _feed(built, "nb", "foresatte")
    cal = _calendar(data)
    assert str(cal["PRODID"]) == "-//Fjordvik//Skoleplan//NB"
    assert str(_calendar(_feed(built, "nn", "aarshjul"))["PRODID"]) == "-//Fjordvik//Skoleplan//NN"
    assert (str(cal["VERSION"]), str(cal["CALSCALE"]), str(cal["X-WR-TIMEZONE"])) == ("2.0", "GREGORIAN", "Europe/Oslo")
    assert "METHOD" not in cal
    assert str(cal["URL"]) == SITE_URL + "nb/aarshjul/"
    assert str(cal["SOURCE"]) == SITE_URL + "nb/kalender/foresatte.ics"
    unfolded = data.replace(b"\r\n ", b"")
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in unfolded
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in unfolded
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(hours=12)
    assert re.search(rb"\r\nX-WR-CALDESC:[^\r]*\\n", unfolded), "newline escaped as \\n"
    timezones = cal.walk("VTIMEZONE")
    assert len(timezones) == 1 and str(timezones[0]["TZID"]) == "Europe/Oslo"
    parts = {p.name: p for p in timezones[0].subcomponents}
    assert set(parts) == {"STANDARD", "DAYLIGHT"}
    assert str(parts["STANDARD"]["TZNAME"]) == "CET" and str(parts["DAYLIGHT"]["TZNAME"]) == "CEST"
    assert all("RRULE" in p and "RDATE" not in p for p in parts.values())


def test_audience_feeds_hold_only_their_audience(built, plan) -> None:
    audiences = {a.id: set(a.audience) for a in plan.calendar.activities}
    for lang in LANGS:
        everything = {str(e["UID"]) for e in _calendar(_feed(built, lang, "aarshjul")).walk("VEVENT")}
        union = set()
        for feed in ("ansatte", "foresatte", "elever"):
            uids = {str(e["UID"]) for e in _calendar(_feed(built, lang, feed)).walk("VEVENT")}
            assert all(feed in audiences[uid.split(".")[0]] for uid in uids)
            union |= uids
        assert union == everything


@pytest.mark.parametrize(
    ("lang", "uid", "summary"),
    [
        ("nb", "foreldremote-host.2025-2026.1", "Foreldremøte (september kl. 18.00, dato kommer)"),  # a marker keeps its time
        ("nn", "foreldremote-host.2025-2026.1", "Foreldremøte (september kl. 18.00, dato kjem)"),
        ("nb", "elevundersokelsen.2026-2027.1", "Elevundersøkelsen (november/desember, dato kommer)"),
        ("nn", "plan-evaluering.2025-2026.1", "Planen blir evaluert (våren, dato kjem)"),
        ("nb", "utviklingssamtaler.2025-2026.2", "Utviklingssamtaler (februar, dato kommer)"),
    ],
)
def test_vague_timings_are_one_day_tentative_markers(built, lang: str, uid: str, summary: str) -> None:
    event = next(e for e in _calendar(_feed(built, lang, "aarshjul")).walk("VEVENT") if str(e["UID"]).startswith(uid + "@"))
    assert str(event["SUMMARY"]) == summary
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert not isinstance(start, dt.datetime) and end - start == dt.timedelta(days=1)
    assert str(event["STATUS"]) == "TENTATIVE" and str(event["TRANSP"]) == "TRANSPARENT"


def test_whole_year_and_bare_counts_give_no_event(built) -> None:
    uids = [str(e["UID"]) for e in _calendar(_feed(built, "nb", "aarshjul")).walk("VEVENT")]
    assert not [u for u in uids if u.startswith(("hele-aret.", "personalmoter.", "vennskapsuke."))]


def test_event_details(built) -> None:
    events = {str(e["UID"]).split("@")[0]: e for e in _calendar(_feed(built, "nn", "aarshjul")).walk("VEVENT")}
    meeting = events["foreldremote-host.2025-2026.1"]
    description = str(meeting["DESCRIPTION"])
    assert description.startswith("Tema: trivsel, venskap; og kva de gjer ved uro.")
    assert "Ansvarleg: kontaktlærar og arbeidsutvalet til foreldrerådet (FAU)" in description
    assert "For: føresette, 1.–7. trinn" in description
    link = SITE_URL + "nn/aarshjul/#foreldremote-host"
    assert description.endswith("Les meir: " + link) and str(meeting["URL"]) == link
    assert [str(c) for c in meeting["CATEGORIES"].cats] == ["Føresette", "Møte"]
    staff = events["planen-for-personalet.2025-2026.1"]
    assert "Sjå Udir om skulemiljø (https://www.udir.no/laring-og-trivsel/skolemiljo/)." in str(staff["DESCRIPTION"])
    assert "**" not in str(staff["DESCRIPTION"]) and "- aktivitetsplikta\n- saksgangen" in str(staff["DESCRIPTION"])
    moved = events["juleavslutning.2025-2026.1"]
    assert "Flytta frå tysdag 23. desember fordi det ikkje er skuledag." in str(moved["DESCRIPTION"])


def test_timed_and_all_day_events(built) -> None:
    events = {str(e["UID"]).split("@")[0]: e for e in _calendar(_feed(built, "nb", "aarshjul")).walk("VEVENT")}
    timed = events["skoleslutt.2025-2026.1"]
    assert timed["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert (timed["DTSTART"].dt.hour, timed["DTEND"].dt.hour) == (8, 11)
    assert str(timed["TRANSP"]) == "OPAQUE"
    one_hour = events["julegrantenning.2025-2026.1"]
    assert one_hour["DTEND"].dt - one_hour["DTSTART"].dt == dt.timedelta(hours=1)
    week = events["siste-uke.2025-2026.1"]
    assert (week["DTSTART"].dt, week["DTEND"].dt) == (dt.date(2026, 6, 15), dt.date(2026, 6, 20))
    assert str(week["TRANSP"]) == "TRANSPARENT"
    weekly = events["miljoteam.2025-2026.1"]
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"][0] == dt.datetime(2026, 6, 16, 12, 30, tzinfo=dt.timezone.utc)


def test_uids_are_from_ids_with_a_fixed_domain(built) -> None:
    for lang in LANGS:
        for event in _calendar(_feed(built, lang, "aarshjul")).walk("VEVENT"):
            assert re.fullmatch(r"[a-z0-9%-]+\.\d{4}-\d{4}\.\d+@" + re.escape(DOMAIN), str(event["UID"]))


def test_lines_are_crlf_and_folded_within_75_octets(built) -> None:
    data = _feed(built, "nb", "aarshjul")
    assert data.count(b"\r\n") == data.count(b"\n")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert any(line.startswith(b" ") for line in data.split(b"\r\n")), "long lines were folded"


def test_render_feeds_returns_the_same_bytes_as_written(built, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    plan = load_plan()
    rendered = render_feeds(plan, "nb", SITE_URL, lock_path=lock) | render_feeds(plan, "nn", SITE_URL, lock_path=lock)
    assert rendered == {path: file.read_bytes() for path, file in built.items()}


def test_texts_have_the_same_keys_in_both_languages() -> None:
    assert TEXTS["nb"].keys() == TEXTS["nn"].keys()
    for key, value in TEXTS["nb"].items():
        if isinstance(value, dict):
            assert value.keys() == TEXTS["nn"][key].keys(), key


def test_a_missing_node_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icaljs.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="Node.js"):
        icaljs.ensure_installed()


def test_audience_line_joins_with_og(built) -> None:
    events = {str(e["UID"]).split("@")[0]: e for e in _calendar(_feed(built, "nb", "aarshjul")).walk("VEVENT")}
    assert "For: ansatte og elever, 5.–7. trinn" in str(events["elevundersokelsen.2025-2026.1"]["DESCRIPTION"])
