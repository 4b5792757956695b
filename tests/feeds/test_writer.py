"""The feeds' writer (skoleplan/render/ical.py) writes what icalendar writes, line for line (tests/feeds/reference.py)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from skoleplan.model import Plan
from skoleplan.render import ical

from .conftest import SITE_URL
from .reference import reference_feeds, unfolded

STAMP = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def with_texts(plan: Plan, seed: int) -> Plan:
    """The plan with every activity's title and description replaced by text full of what needs escaping."""
    rnd = random.Random(seed)
    pieces = [*"abc øæÅ€𝄞,;:\\\"'\n\t<>&{}[]()*_#-", "\r\n", "**fet**", "\\,",
              "[lenke](https://eksempel.example/a?b=c,d;e)", "https://x.example/" + "ø" * 40, " " * 80]

    def text() -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 300))).strip() or "x"

    activities = []
    for activity in plan.calendar.activities:
        update = {"title": activity.title.model_copy(update={"nb": text(), "nn": text()})}
        if activity.description is not None:
            update["description"] = activity.description.model_copy(update={"nb": text(), "nn": text()})
        activities.append(activity.model_copy(update=update))
    return plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": activities})})


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_writer_writes_what_icalendar_writes(plan: Plan, lang: str) -> None:
    ours = ical.render_feeds(plan, lang, SITE_URL, stamp=STAMP)
    reference = reference_feeds(plan, lang, SITE_URL, STAMP)
    assert {path: unfolded(data) for path, data in ours.items()} == reference


@pytest.mark.parametrize("seed", range(4))
def test_the_writer_escapes_like_icalendar(plan: Plan, seed: int) -> None:
    hostile = with_texts(plan, seed)
    site_url = "https://skole.example/a,b;c/" if seed % 2 else SITE_URL
    for lang in ("nb", "nn"):
        ours = ical.render_feeds(hostile, lang, site_url, stamp=STAMP)
        assert {path: unfolded(data) for path, data in ours.items()} == reference_feeds(hostile, lang, site_url, STAMP)


CONTROLS = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\x9b"]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_no_control_character_reaches_a_feed(plan: Plan, control: str) -> None:
    """RFC 5545 allows no control character in TEXT but tab; line separators become line breaks."""
    activity = plan.calendar.activities[0]
    title = activity.title.model_copy(update={"nb": f"Før{control}etter", "nn": f"Før{control}etter"})
    description = activity.title.model_copy(update={"nb": f"En{control}to", "nn": f"Ein{control}to"})
    changed = activity.model_copy(update={"title": title, "description": description})
    plan = plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": [changed]})})
    data = b"".join(ical.render_feeds(plan, "nb", SITE_URL, stamp=STAMP).values())
    text = data.decode("utf-8")
    assert not any(c in text for c in CONTROLS)
    separator = "\\n" if control in "\x0b\x0c\x85\u2028\u2029" else ""
    assert f"SUMMARY:Før{separator}etter" in text.replace("\r\n ", "")


def test_a_written_backslash_n_stays_a_backslash_and_an_n(plan: Plan) -> None:
    activity = plan.calendar.activities[0]
    title = activity.title.model_copy(update={"nb": "Mappe C:\\Nye planer", "nn": "Mappe C:\\Nye planer"})
    plan = plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": [activity.model_copy(update={"title": title})]})})
    text = ical.render_feeds(plan, "nb", SITE_URL, stamp=STAMP)["nb/kalender/aarshjul.ics"].decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:Mappe C:\\\\Nye planer" in text
    import icalendar

    parsed = icalendar.Calendar.from_ical(text)
    assert str(next(iter(parsed.walk("VEVENT")))["SUMMARY"]) == "Mappe C:\\Nye planer"


def test_folding_never_next_to_a_space() -> None:
    rnd = random.Random(7)
    for _ in range(3000):
        line = "DESCRIPTION:" + "".join(rnd.choice(["ord", " ", "ø", "\\,", "\\n", "a", "€"]) for _ in range(rnd.randint(0, 200)))
        folded = ical.fold(line)
        parts = folded.split(b"\r\n")
        for number, part in enumerate(parts):
            assert len(part) <= 75
            content = part[1:] if number else part
            if len(parts) > 1 and content.strip():
                assert not content.startswith(b" ") or number == 0, (line, parts)
                assert not (content.endswith(b" ") and number < len(parts) - 1), (line, parts)
        assert folded.replace(b"\r\n ", b"").decode("utf-8") == line
