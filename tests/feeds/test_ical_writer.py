"""The fast feed writer (skoleplan/render/ical_writer.py) writes exactly what icalendar writes.

render_feeds uses the fast writer; the reference is ical.py's own path, an icalendar
Calendar per feed with an Event per VEVENT, serialized by `serialize`. Both must give
the same bytes, for the fixture plan, for hostile texts, and line folding alike.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from skoleplan.model import Plan
from skoleplan.render import ical, ical_writer

from .conftest import SITE_URL

STAMP = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def reference_feeds(plan: Plan, lang: str, site_url: str) -> dict[str, bytes]:
    """What render_feeds wrote before the fast writer: serialize(calendar(...)) per feed."""
    lock = ical.EventLock.load(None)
    lock.uid_domain = ical.default_uid_domain(plan)
    entries = [(e, lock.record(e.uid, ical.fingerprint(e, plan), STAMP)) for e in ical.feed_events(plan, lock.uid_domain)]
    return {
        ical.feed_path(lang, feed): ical.serialize(ical.calendar(plan, lang, feed, site_url, entries))
        for feed in ical.FEEDS
    }


def with_texts(plan: Plan, seed: int) -> Plan:
    """The plan with every activity's title and description replaced by text full of what needs escaping."""
    rnd = random.Random(seed)
    pieces = [*"abc øæÅ€𝄞,;:\\\"'\n\t<>&{}[]()*_#-", "\r\n", "\r", "\\n", "\\N", "\\,", "**fet**",
              "[lenke](https://eksempel.example/a?b=c,d;e)", "https://x.example/" + "ø" * 40, " " * 80]

    def text() -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 300)))

    activities = []
    for activity in plan.calendar.activities:
        update = {"title": activity.title.model_copy(update={"nb": text(), "nn": text()})}
        if activity.description is not None:
            update["description"] = activity.description.model_copy(update={"nb": text(), "nn": text()})
        activities.append(activity.model_copy(update=update))
    return plan.model_copy(update={"calendar": plan.calendar.model_copy(update={"activities": activities})})


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_fast_writer_writes_what_icalendar_writes(plan: Plan, lang: str) -> None:
    fast = ical.render_feeds(plan, lang, SITE_URL, lock_path=None, stamp=STAMP)
    assert fast == reference_feeds(plan, lang, SITE_URL)


@pytest.mark.parametrize("seed", range(4))
def test_the_fast_writer_escapes_and_folds_like_icalendar(plan: Plan, seed: int) -> None:
    hostile = with_texts(plan, seed)
    site_url = "https://skole.example/a,b;c/" if seed % 2 else SITE_URL
    for lang in ("nb", "nn"):
        assert ical.render_feeds(hostile, lang, site_url, lock_path=None, stamp=STAMP) == reference_feeds(
            hostile, lang, site_url
        )


def test_fast_folding_is_the_reference_folding() -> None:
    rnd = random.Random(12)
    alphabet = ["a", "\\", "\\", "\\", "ø", "€", "𝄞", ",", ";", " ", "b"]
    for _ in range(20_000):
        line = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 320)))
        assert ical_writer.fold(line) == ical.fold(line), repr(line)


def test_the_lock_is_written_as_json_dumps_writes_it() -> None:
    rnd = random.Random(5)
    for count in (0, 1, 2, 40):
        for domain in (None, "skole.example", 'ø"\\\n.example'):
            lock = ical.EventLock(None, domain, {})
            for _ in range(count):
                uid = "".join(rnd.choice('abø-"\\\n\t.@é😀') for _ in range(rnd.randint(1, 30)))
                moment = STAMP + dt.timedelta(seconds=rnd.randint(0, 10**8))
                lock.entries[uid] = ical.LockEntry(f"{rnd.getrandbits(80):020x}", rnd.randint(0, 10**6), moment)
            assert lock.to_json() == lock._to_json_reference()
