"""The feeds' bytes, written fast: what `serialize(calendar(...))` in ical.py writes, byte for byte.

Why: icalendar builds an object per property and a parser-grade content line
per value; for a big årshjul (a municipality's plans, 10,000 activities) that
took half a minute. Here:

* each VEVENT is serialized once per language and shared by the four feeds
  (the audience feeds are subsets of «aarshjul»);
* `ical.vevent` still decides which properties an event has and their values
  (one source of truth); it fills a recorder instead of an icalendar Event;
* text values (SUMMARY, DESCRIPTION, UID …) are escaped with icalendar's own
  vText; every other value (dates, recurrence rules, categories …) is
  serialized by icalendar once per distinct value and then reused;
* lines are folded by octet positions instead of character by character.

The calendar's own properties and the VTIMEZONE come from ical.py as before.
tests/feeds/test_ical_writer.py checks that the bytes equal the reference.
"""

from __future__ import annotations

import json
from typing import Any

from icalendar import Event, vText, vUri

from ..model.base import Lang
from ..model import Plan
from . import ical

_TYPES = Event.types_factory
_LINES: dict[tuple[str, str, str], tuple[str, ...]] = {}  # (NAME, repr(value), repr(parameters)) → content lines
_MAX_LINES = 50_000


class _Recorder:
    """Stands in for icalendar's Event in `ical.vevent`: keeps each `add` in order."""

    def __init__(self) -> None:
        self.added: list[tuple[str, Any, Any]] = []

    def add(self, name: str, value: Any, parameters: Any = None, encode: bool = True) -> None:
        if not encode:  # pragma: no cover - vevent always encodes
            raise NotImplementedError("encode=False")
        self.added.append((name.upper(), value, parameters))


def _reference_lines(name: str, value: Any, parameters: Any) -> tuple[str, ...]:
    """The content lines icalendar writes for one property (cached by value: dates repeat a lot)."""
    key = (name, repr(value), repr(parameters))
    lines = _LINES.get(key)
    if lines is None:
        event = Event()
        event.add(name, value, parameters)
        lines = tuple(str(line) for line in event.content_lines(sorted=False)[1:-2])
        if len(_LINES) >= _MAX_LINES:
            _LINES.clear()
        _LINES[key] = lines
    return lines


_TEXT_NAMES: dict[str, bool] = {}  # property name → icalendar writes a plain str value as TEXT


def _escape_text(value: str) -> str:
    """TEXT escaping as icalendar 7.3's vText.to_ical does it (parser/string.py: _escape_char), same order."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def property_lines(name: str, value: Any, parameters: Any = None) -> tuple[str, ...]:
    """One property as content lines, exactly as icalendar 7 writes it."""
    if not parameters:
        kind = type(value)
        if kind is str:
            text = _TEXT_NAMES.get(name)
            if text is None:
                text = _TEXT_NAMES[name] = _TYPES.for_property(name) is vText
            if text:
                return (f"{name}:{_escape_text(value)}",)
        elif kind is vText and not value.params:
            return (f"{name}:{_escape_text(str(value))}",)
        elif kind is vUri and not value.params:
            return (f"{name}:{value}",)
    return _reference_lines(name, value, parameters)


def fold(line: str) -> bytes:
    """`ical.fold`, by octet positions: at 75 octets, never inside a UTF-8 character or a backslash escape."""
    raw = line.encode("utf-8")
    limit = ical.FOLD_OCTETS
    if len(raw) <= limit:
        return raw
    out: list[bytes] = []
    start, end_of_line = 0, len(raw)
    while end_of_line - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:  # never inside a UTF-8 character
            cut -= 1
        if raw[cut - 1] == 0x5C and _escape_starts_at(raw, cut - 1):  # never between «\» and what it escapes
            cut -= 1
        out.append(raw[start:cut])
        start, limit = cut, ical.FOLD_OCTETS - 1  # a continuation line starts with a space
    out.append(raw[start:])
    return b"\r\n ".join(out)


def _escape_starts_at(raw: bytes, index: int) -> bool:
    """True when the backslash at `index` opens a «\\x» token as ical's tokenizer reads the whole line."""
    first = index
    while first > 0 and raw[first - 1] == 0x5C:
        first -= 1
    return (index - first) % 2 == 0


def event_bytes(event: ical.FeedEvent, entry: ical.LockEntry, plan: Plan, lang: Lang, site_url: str) -> bytes:
    """One VEVENT, BEGIN to END, folded, CRLF line ends."""
    recorder = ical.vevent(event, entry, plan, lang, site_url, factory=_Recorder)
    lines = ["BEGIN:VEVENT"]
    for name, value, parameters in recorder.added:
        lines.extend(property_lines(name, value, parameters))
    lines.append("END:VEVENT")
    return b"".join(fold(line) + b"\r\n" for line in lines)


def render_language(
    plan: Plan, lang: Lang, site_url: str, entries: list[tuple[ical.FeedEvent, ical.LockEntry]]
) -> dict[str, bytes]:
    """Every feed of one language: {path relative to the site root: bytes}."""
    events = [(event.activity, event_bytes(event, entry, plan, lang, site_url)) for event, entry in entries]
    feeds: dict[str, bytes] = {}
    for feed in ical.FEEDS:
        head = ical.serialize(ical.calendar(plan, lang, feed, site_url, []))
        end = b"END:VCALENDAR\r\n"
        assert head.endswith(end)
        body = b"".join(data for activity, data in events if ical._in_feed(activity, feed))
        feeds[ical.feed_path(lang, feed)] = head[: -len(end)] + body + end
    return feeds


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # one string or number, as json.dumps writes it


def lock_json(note: str, version: int, uid_domain: str | None, entries: dict[str, ical.LockEntry]) -> str:
    """The calendar lock as `json.dumps(…, ensure_ascii=False, indent=2, sort_keys=True)` writes it, faster.

    With `indent`, json.dumps runs its pure-Python encoder: for a big årshjul that
    was a tenth of the feeds' time. Same text, byte for byte (tests/feeds/test_ical_writer.py).
    """
    if entries:
        events = ["{"]
        for number, (uid, entry) in enumerate(sorted(entries.items())):
            comma = "," if number else ""
            events.append(
                f"{comma}\n    {_JSON(uid)}: {{\n      \"fingerprint\": {_JSON(entry.fingerprint)},\n"
                f"      \"modified\": {_JSON(ical._utc_text(entry.modified))},\n"
                f"      \"sequence\": {_JSON(entry.sequence)}\n    }}"
            )
        events.append("\n  }")
        events_text = "".join(events)
    else:
        events_text = "{}"
    return (
        f"{{\n  \"_note\": {_JSON(note)},\n  \"events\": {events_text},\n"
        f"  \"uid_domain\": {_JSON(uid_domain)},\n  \"version\": {_JSON(version)}\n}}\n"
    )
