"""The reference the feeds are compared with: the same events, serialised by icalendar alone.

The feeds' writer (skoleplan/render/ical.py) escapes texts itself and lets icalendar
serialise only the other values, once each, for speed. Here every VEVENT is an
icalendar Event added to an icalendar Calendar, and icalendar writes all of it.
Compared unfolded, line by line: the folding is ours and tested on its own.
"""

from __future__ import annotations

import datetime as dt

from skoleplan.model import Plan
from skoleplan.render import ical


def reference_feeds(plan: Plan, lang: str, site_url: str, stamp: dt.datetime) -> dict[str, list[str]]:
    """Each feed's content lines as icalendar writes them, {path: lines}."""
    lock = ical.EventLock(None, None, {})
    lock.uid_domain = ical.default_uid_domain(plan)
    texts = ical.FeedTexts(plan)
    entries = [(e, lock.record(e.uid, texts.fingerprint(e), stamp)) for e in ical.feed_events(plan, lock.uid_domain)]
    feeds = {}
    for feed in ical.FEEDS:
        cal = ical.calendar_head(plan, lang, feed, site_url)
        for event, entry in entries:
            if ical.in_feed(event.activity, feed):
                cal.add_component(ical.vevent(event, entry, texts, lang, site_url))
        feeds[ical.feed_path(lang, feed)] = [str(line) for line in cal.content_lines(sorted=False) if line]
    return feeds


def unfolded(data: bytes) -> list[str]:
    """A feed's content lines, folding undone."""
    return [line for line in data.decode("utf-8").replace("\r\n ", "").split("\r\n") if line]
