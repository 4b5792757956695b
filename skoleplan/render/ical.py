"""iCalendar feeds of the årshjul, one set per written standard, that real calendar clients accept.

Per language: `<lang>/kalender/aarshjul.ics` (everything) and one feed per audience
(`ansatte.ics`, `foresatte.ics`, `elever.ics`). What clients need beyond the RFCs, and why:

* Google and Outlook may keep their old copy of a subscribed event unless its
  SEQUENCE rose, so a committed lock file (`data/kalender.lock.json`; the path
  is a parameter) keeps each UID's fingerprint, SEQUENCE and last-modified
  time, and the build bumps them when an event changes: the person editing
  the YAML never has to think about it. The lock also fixes the UID domain,
  so moving the site does not duplicate every event.
* DTSTAMP and LAST-MODIFIED come from the lock (first seen: SOURCE_DATE_EPOCH,
  else the plan's approval date), never from the clock: rebuilds are
  byte-identical.
* Outlook mishandles icalendar's generated VTIMEZONE (RDATE lists); ours is
  the classic RRULE form for Europe/Oslo (CET/CEST), written by hand, and the
  only one in each feed.
* Vague timings (a month, a term) become a one-day, tentative marker on the
  first school day of the period, titled «… (september, dato kommer)», with a
  known time in the title («uke 36/37 kl. 18.00–19.30»): a month-long bar
  would hide everything else, and a timed event would claim a date not yet
  set. The marker keeps its UID when the real date is set, so subscribers see
  it move instead of a duplicate.
* Multi-day and all-day items are TRANSPARENT (they do not make anyone busy);
  timed items are OPAQUE. A timed item without `end_time` lasts one hour.
* icalendar 7.3.0 writes REFRESH-INTERVAL without VALUE=DURATION and treats
  X-WR-CALDESC and NAME as unknown (unescaped, so a newline crashes it); we
  pass the parameter and wrap the texts in vText. Folding is ours, at 75
  octets, never inside a UTF-8 character or a backslash escape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import segno

if TYPE_CHECKING:  # imported where used: the pages (QR codes, subscribe links) need none of icalendar
    from icalendar import Calendar, Event, Timezone

from ..errors import PlanError, Problem, display_path
from ..model.base import Lang
from ..model.plan import Activity, Plan, SchoolYear
from ..model.timing import MONTHS
from ..resolve.text import clock, describe_holiday, join, words
from ..resolve.dates import Occurrence, Period, Recurrence, resolve

# --- user-facing words: skoleplan/locale/<lang>.yaml, «calendar_feed» ---------------------------

def _feed_words(lang: Lang) -> dict[str, Any]:
    """The feeds' words, from skoleplan/locale/<lang>.yaml («calendar_feed»), with the weekday names."""
    return {**words(lang)["calendar_feed"], "weekdays": tuple(words(lang)["weekdays"])}


TEXTS: dict[Lang, dict[str, Any]] = {lang: _feed_words(lang) for lang in ("nb", "nn")}
LOCK_NOTE = (
    "Denne filen skrives av byggingen av nettstedet og holder kalenderhendelsene stabile for dem som abonnerer. "
    "Ikke rediger den for hånd; sjekk den inn sammen med endringene i årshjulet."
)

# --- constants ---------------------------------------------------------------------------------

FEEDS = ("aarshjul", "ansatte", "foresatte", "elever")  # "aarshjul" is everything; the rest are audiences
AUDIENCES = ("ansatte", "foresatte", "elever")
TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
REFRESH = dt.timedelta(hours=12)
DEFAULT_DURATION = dt.timedelta(hours=1)
PRODUCT = "Skoleplan"
LOCK_VERSION = 1
FOLD_OCTETS = 75


def feed_path(lang: Lang, feed: str) -> str:
    """Where a feed lives, relative to the site root."""
    return f"{lang}/kalender/{feed}.ics"


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def activity_url(site_url: str, lang: Lang, activity_id: str) -> str:
    return f"{_base(site_url)}{lang}/aarshjul/#{quote(activity_id, safe='-')}"


# --- Markdown to plain text ----------------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_HIDDEN = 0xE000  # escaped characters are parked in the private use area while the markup is removed


@lru_cache(maxsize=32768)  # an activity's description is needed for each of its events, three times
def markdown_to_text(text: str) -> str:
    """Markdown reduced to what a calendar's plain-text description can show: links as «text (url)»."""

    def link(match: re.Match[str]) -> str:
        label, url = match[1].strip(), match[2]
        if match[0].startswith("!"):
            return label
        return url if not label or label == url else f"{label} ({url})"

    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?)", "", raw).rstrip()
            if _LIST_ITEM.match(line):
                lines.append("- " + _LIST_ITEM.sub("", line))
            elif lines and line:
                lines[-1] += " " + line.strip()
            elif line:
                lines.append(line.strip())
        inline = _ESCAPED.sub(lambda m: chr(_HIDDEN + ord(m[1])), "\n".join(lines))
        inline = _LINK.sub(link, inline)
        inline = _AUTOLINK.sub(r"\1", inline)
        inline = _CODE.sub(r"\1", inline)
        inline = _EMPHASIS.sub(lambda m: m[2] if m[2] is not None else m[4], inline)
        inline = _TAG.sub("", inline)
        inline = re.sub("[\uE000-\uE0FF]", lambda m: chr(ord(m[0]) - _HIDDEN), inline)
        if inline.strip():
            blocks.append(inline.strip())
    return "\n\n".join(blocks)


# --- the lock file: stable SEQUENCE, DTSTAMP and UID domain ----------------------------------------------


@dataclass
class LockEntry:
    fingerprint: str
    sequence: int
    modified: dt.datetime


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _utc_moment(text: str) -> dt.datetime:
    """`_utc_text` read back (strptime was a tenth of making the feeds of a large plan)."""
    if not _UTC_TEXT.fullmatch(text):
        raise ValueError(f"«{text}» er ikke et tidspunkt som 2026-08-17T06:00:00Z")
    return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=dt.timezone.utc)


class EventLock:
    """UID → fingerprint, SEQUENCE, last-modified; read and updated by each build.

    Entries of events that disappear are kept, so a UID that comes back never
    restarts at a lower SEQUENCE. With `path` None nothing is kept (SEQUENCE 0).
    """

    def __init__(self, path: Path | None, uid_domain: str | None, entries: dict[str, LockEntry]) -> None:
        self.path = path
        self.uid_domain = uid_domain
        self.entries = entries

    @classmethod
    def load(cls, path: Path | str | None) -> "EventLock":
        if path is None:
            return cls(None, None, {})
        path = Path(path)
        if not path.exists():
            return cls(path, None, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {
                uid: LockEntry(
                    str(e["fingerprint"]),
                    int(e["sequence"]),
                    _utc_moment(e["modified"]),
                )
                for uid, e in data["events"].items()
            }
            return cls(path, data.get("uid_domain"), entries)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PlanError(
                [Problem(display_path(path), 1, 1, f"kalenderlåsen kan ikke leses ({exc}); hent den fra git igjen")]
            ) from None

    def record(self, uid: str, fingerprint: str, stamp: dt.datetime) -> LockEntry:
        """The entry for an event as built now: SEQUENCE and LAST-MODIFIED rise if it changed."""
        old = self.entries.get(uid)
        if old is None:
            entry = LockEntry(fingerprint, 0, stamp)
        elif old.fingerprint != fingerprint:
            entry = LockEntry(fingerprint, old.sequence + 1, max(stamp, old.modified + dt.timedelta(seconds=1)))
        else:
            entry = old
        self.entries[uid] = entry
        return entry

    def to_json(self) -> str:
        from .ical_writer import lock_json  # the text below, written faster

        return lock_json(LOCK_NOTE, LOCK_VERSION, self.uid_domain, self.entries)

    def _to_json_reference(self) -> str:
        data = {
            "_note": LOCK_NOTE,
            "version": LOCK_VERSION,
            "uid_domain": self.uid_domain,
            "events": {
                uid: {"fingerprint": e.fingerprint, "sequence": e.sequence, "modified": _utc_text(e.modified)}
                for uid, e in sorted(self.entries.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def save(self) -> bool:
        """Write the lock if its content changed (an unchanged file keeps `mkdocs serve` from looping)."""
        if self.path is None:
            return False
        text = self.to_json()
        if self.path.exists() and self.path.read_text(encoding="utf-8") == text:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, self.path)
        return True


def default_stamp(plan: Plan) -> dt.datetime:
    """When a new or changed event counts as modified: SOURCE_DATE_EPOCH, else the plan's approval date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.combine(plan.school.plan.approved, dt.time(), dt.timezone.utc)


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "skole"


def default_uid_domain(plan: Plan) -> str:
    """The UID domain for a first build: the school's own address from skole.yaml, not the build's site_url."""
    school = plan.school.school
    for url in (school.site_url, school.website):
        if url is not None and url.host:
            return url.host
    return f"{_slug(school.name.nb)}.{_slug(school.municipality)}.skoleplan"


# --- events, independent of language ---------------------------------------------------------------


@dataclass(frozen=True)
class FeedEvent:
    """One VEVENT: an occurrence, or a weekly recurrence, of one activity in one school year."""

    uid: str
    activity: Activity
    school_year: SchoolYear
    occurrence: Occurrence | None = None
    recurrence: Recurrence | None = None

    @property
    def start(self) -> dt.date:
        if self.recurrence is not None:
            return self.recurrence.first
        assert self.occurrence is not None
        return self.occurrence.start

    @property
    def vague(self) -> Period | None:
        return self.occurrence.vague if self.occurrence is not None else None

    @property
    def time(self) -> dt.time | None:
        source = self.recurrence or self.occurrence
        return source.time if source is not None else None

    @property
    def end_time(self) -> dt.time | None:
        source = self.recurrence or self.occurrence
        return source.end_time if source is not None else None


def make_uid(activity_id: str, school_year_id: str, index: int, domain: str) -> str:
    """«id.skoleår.n@domain»: from data only, so stable across builds and independent of YAML order."""
    return f"{quote(activity_id, safe='-')}.{school_year_id}.{index}@{domain}"


def feed_events(plan: Plan, uid_domain: str) -> list[FeedEvent]:
    """Every event of every school year in the skolerute, sorted by start and UID."""
    events: list[FeedEvent] = []
    for year in plan.school_calendar.school_years:
        for activity in plan.calendar.activities:
            resolved = resolve(activity, year)
            if resolved.recurrence is not None:
                uid = make_uid(activity.id, year.id, 1, uid_domain)
                events.append(FeedEvent(uid, activity, year, recurrence=resolved.recurrence))
            for index, occurrence in enumerate(resolved.occurrences, start=1):
                uid = make_uid(activity.id, year.id, index, uid_domain)
                events.append(FeedEvent(uid, activity, year, occurrence=occurrence))
    return sorted(events, key=lambda e: (e.start, e.uid))


# --- words for one event in one language ---------------------------------------------------------------


def period_label(period: Period, lang: Lang) -> str:
    """«september», «november/desember», «høsten» / «hausten»."""
    if period.term is not None:
        return TEXTS[lang]["terms"][period.term]
    if period.holiday is not None:
        return describe_holiday(period.holiday[1], period.holiday[0], lang)
    if period.weeks:
        return TEXTS[lang]["week"].format(weeks="/".join(str(w) for w in period.weeks))
    return "/".join(MONTHS[m - 1] for m in period.months)


def event_summary(event: FeedEvent, lang: Lang) -> str:
    title = event.activity.title[lang]
    if event.vague is not None:
        period = period_label(event.vague, lang)
        if event.time is not None:  # a marker keeps the known evening: «uke 36/37 kl. 18.00–19.30»
            period += " " + clock(event.time, event.end_time, lang)
        return TEXTS[lang]["vague_title"].format(title=title, period=period)
    return title


def _day_text(day: dt.date, lang: Lang) -> str:
    return f"{TEXTS[lang]['weekdays'][day.weekday()]} {day.day}. {MONTHS[day.month - 1]}"


_ROLE_NAMES: dict[tuple[int, str], tuple[Any, dict[str, str]]] = {}


def _role_names(plan: Plan, lang: Lang) -> dict[str, str]:
    """Role id → name, once per (frozen) roles file and language, not once per event."""
    key = (id(plan.roles), lang)
    hit = _ROLE_NAMES.get(key)
    if hit is None or hit[0] is not plan.roles:
        if len(_ROLE_NAMES) > 16:
            _ROLE_NAMES.clear()
        hit = _ROLE_NAMES[key] = (plan.roles, {role.id: role.name[lang] for role in plan.roles.roles})
    return hit[1]


_DESCRIPTIONS: dict[tuple, tuple[Any, Any, str]] = {}


def event_description(event: FeedEvent, plan: Plan, lang: Lang, site_url: str | None) -> str:
    """`_event_description`, once per activity and kind of event: an activity has an event per date and year."""
    moved = event.occurrence.moved_from if event.occurrence is not None else None
    key = (id(event.activity), id(plan.roles), lang, site_url, event.vague is not None, moved)
    hit = _DESCRIPTIONS.get(key)
    if hit is not None and hit[0] is event.activity and hit[1] is plan.roles:  # frozen models: same object, same text
        return hit[2]
    text = _event_description(event, plan, lang, site_url)
    if len(_DESCRIPTIONS) >= 50_000:
        _DESCRIPTIONS.clear()
    _DESCRIPTIONS[key] = (event.activity, plan.roles, text)
    return text


def _event_description(event: FeedEvent, plan: Plan, lang: Lang, site_url: str | None) -> str:
    """The description, who is responsible, whom it is for, notes on the date, and the link to the site."""
    words = TEXTS[lang]
    activity = event.activity
    parts: list[str] = []
    if activity.description is not None:
        parts.append(markdown_to_text(activity.description[lang]))
    roles = _role_names(plan, lang)
    facts = [words["responsible"].format(roles=join([roles.get(r, r) for r in activity.responsible], lang))]
    who = join([words["audience"][a] for a in AUDIENCES if a in activity.audience], lang)
    if activity.grades is not None:
        g = activity.grades
        grades = (words["grade"] if g.first == g.last else words["grades"]).format(first=g.first, last=g.last)
        who = f"{who}, {grades}" if who else grades
    if who:  # audience is optional: nothing is said where the plan says nothing
        facts.append(words["for"].format(who=who))
    parts.append("\n".join(facts))
    if event.vague is not None:
        parts.append(words["vague_note"])
    if event.occurrence is not None and event.occurrence.moved_from is not None:
        parts.append(words["moved_note"].format(day=_day_text(event.occurrence.moved_from, lang)))
    if site_url is not None:
        parts.append(words["read_more"].format(url=activity_url(site_url, lang, activity.id)))
    return "\n\n".join(parts)


def event_categories(event: FeedEvent, lang: Lang) -> list[str]:
    return list(_categories(tuple(event.activity.audience), event.activity.category, lang))


@lru_cache(maxsize=256)
def _categories(audience: tuple[str, ...], category: str | None, lang: Lang) -> tuple[str, ...]:
    """Asked three times per event (both fingerprints, the event): a handful of answers."""
    words = TEXTS[lang]
    kind = (words["category"][category],) if category is not None else ()
    return (*(words["audience_category"][a] for a in AUDIENCES if a in audience), *kind)


def fingerprint(event: FeedEvent, plan: Plan) -> str:
    """What subscribers see of an event, in both languages, without the site address (serve ≠ build)."""
    when: dict[str, Any] = {"time": event.time, "end_time": event.end_time}
    if event.occurrence is not None:
        when.update(start=event.occurrence.start, end=event.occurrence.end, vague=event.vague is not None)
    if event.recurrence is not None:
        r = event.recurrence
        when.update(weekday=r.weekday, first=r.first, last=r.last, exdates=list(r.exdates))
        if r.interval != 1:
            when.update(interval=r.interval)
    texts = {
        lang: [event_summary(event, lang), event_description(event, plan, lang, None), event_categories(event, lang)]
        for lang in TEXTS
    }
    canonical = json.dumps({"when": when, "texts": texts}, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


# --- iCalendar components ---------------------------------------------------------------------------


def oslo_vtimezone() -> Timezone:
    """Europe/Oslo in the RRULE form every client understands (CET/CEST since 1996 rules)."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    for kind, name, offset_from, offset_to, start, month in (
        (TimezoneDaylight, "CEST", 1, 2, dt.datetime(1970, 3, 29, 2, 0), 3),
        (TimezoneStandard, "CET", 2, 1, dt.datetime(1970, 10, 25, 3, 0), 10),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", dt.timedelta(hours=offset_from))
        part.add("tzoffsetto", dt.timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=OSLO)


def _timed_end(day: dt.date, time: dt.time, end_time: dt.time | None) -> dt.datetime:
    return _local(day, end_time) if end_time is not None else _local(day, time) + DEFAULT_DURATION


def vevent(event: FeedEvent, entry: LockEntry, plan: Plan, lang: Lang, site_url: str, *, factory: Any = None) -> Event:
    """One VEVENT, properties in a fixed order so the output is byte-stable (`factory`: see ical_writer.py)."""
    from icalendar import Event, vUri

    ve = (factory or Event)()
    ve.add("uid", event.uid)
    ve.add("dtstamp", entry.modified)
    ve.add("last-modified", entry.modified)
    ve.add("sequence", entry.sequence)
    time, end_time = event.time, event.end_time
    if event.recurrence is not None:
        r = event.recurrence
        if time is not None:
            ve.add("dtstart", _local(r.first, time))
            ve.add("dtend", _timed_end(r.first, time, end_time))
            until: dt.date | dt.datetime = _local(r.last, time).astimezone(dt.timezone.utc)
            exdates: list[dt.date | dt.datetime] = [_local(d, time) for d in r.exdates]
        else:
            ve.add("dtstart", r.first)
            ve.add("dtend", r.first + dt.timedelta(days=1))
            until, exdates = r.last, list(r.exdates)
        byday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[r.weekday - 1]
        rule = {"freq": "weekly", "byday": byday, "until": until}
        if r.interval != 1:
            rule["interval"] = r.interval
        ve.add("rrule", rule)
        if exdates:
            ve.add("exdate", exdates)
    else:
        o = event.occurrence
        assert o is not None
        if time is not None and o.vague is None:
            ve.add("dtstart", _local(o.start, time))
            ve.add("dtend", _timed_end(o.start, time, end_time))
        else:
            ve.add("dtstart", o.start)
            ve.add("dtend", o.end_exclusive)
    ve.add("summary", event_summary(event, lang))
    ve.add("description", event_description(event, plan, lang, site_url))
    categories = event_categories(event, lang)
    if categories:  # an activity without audience and category has none
        ve.add("categories", categories)
    ve.add("url", vUri(activity_url(site_url, lang, event.activity.id)))
    ve.add("status", "TENTATIVE" if event.vague is not None else "CONFIRMED")
    timed = time is not None and event.vague is None
    ve.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    return ve


def _in_feed(activity: Activity, feed: str) -> bool:
    return feed == "aarshjul" or feed in activity.audience


def calendar(
    plan: Plan, lang: Lang, feed: str, site_url: str, events: list[tuple[FeedEvent, LockEntry]]
) -> Calendar:
    """One feed: the calendar properties (RFC 5545, RFC 7986 and the X-WR- ones clients read) and its events."""
    words = TEXTS[lang]
    school = plan.school.school.name[lang]
    name = words["feed_name"][feed].format(school=school)
    page = f"{_base(site_url)}{lang}/aarshjul/"
    description = words["feed_description"].format(school=school, scope=words["feed_scope"][feed], url=page)
    from icalendar import Calendar, vDuration, vText, vUri

    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//{plan.school.school.municipality}//{PRODUCT}//{lang.upper()}")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", vText(name))
    cal.add("x-wr-calname", vText(name))
    cal.add("description", vText(description))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("url", vUri(page))
    cal.add("source", vUri(f"{_base(site_url)}{feed_path(lang, feed)}"), parameters={"VALUE": "URI"})
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(oslo_vtimezone())
    for event, entry in events:
        if _in_feed(event.activity, feed):
            cal.add_component(vevent(event, entry, plan, lang, site_url))
    return cal


# --- serialisation ------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\\.|.", re.DOTALL)


def fold(line: str) -> bytes:
    """One content line folded at 75 octets, never inside a UTF-8 character or a backslash escape."""
    out: list[bytes] = []
    current = b""
    for token in _TOKEN.findall(line):
        octets = token.encode("utf-8")
        if current and len(current) + len(octets) > FOLD_OCTETS:
            out.append(current)
            current = b" "
        current += octets
    out.append(current)
    return b"\r\n".join(out)


def serialize(cal: Calendar) -> bytes:
    """CRLF line ends, our folding, properties in the order they were added."""
    lines = [str(line) for line in cal.content_lines(sorted=False) if line]
    return b"".join(fold(line) + b"\r\n" for line in lines)


# --- feeds ------------------------------------------------------------------------------------------------


def render_feeds(
    plan: Plan,
    lang: Lang,
    site_url: str,
    *,
    lock_path: Path | str | None,
    stamp: dt.datetime | None = None,
) -> dict[str, bytes]:
    """Every feed of one language, as {path relative to the site root: bytes}; updates the lock file.

    The lock holds both languages' texts in each fingerprint, so building nb and
    then nn (or the other way round) gives the same lock and the same SEQUENCEs.
    """
    lock = EventLock.load(lock_path)
    lock.uid_domain = lock.uid_domain or default_uid_domain(plan)
    stamp = stamp or default_stamp(plan)
    events = feed_events(plan, lock.uid_domain)
    entries = [(event, lock.record(event.uid, fingerprint(event, plan), stamp)) for event in events]
    lock.save()
    from .ical_writer import render_language  # the same bytes as serialize(calendar(...)) per feed, faster

    return render_language(plan, lang, site_url, entries)


def stale_events(plan: Plan, lock_path: Path | str) -> list[str]:
    """UIDs whose lock entry is missing or out of date: the YAML changed but the lock was not rebuilt.

    For CI and `skoleplan check`: a build from a stale lock would publish a
    SEQUENCE that the next stale build publishes again for different content.
    """
    lock = EventLock.load(lock_path)
    domain = lock.uid_domain or default_uid_domain(plan)
    stale = []
    for event in feed_events(plan, domain):
        entry = lock.entries.get(event.uid)
        if entry is None or entry.fingerprint != fingerprint(event, plan):
            stale.append(event.uid)
    return sorted(stale)


def write_feeds(
    plan: Plan,
    lang: Lang,
    out_dir: Path | str,
    site_url: str,
    *,
    lock_path: Path | str | None,
    stamp: dt.datetime | None = None,
) -> list[Path]:
    """Write `render_feeds` under `out_dir` (the built site); returns the paths written."""
    written = []
    for relative, content in render_feeds(plan, lang, site_url, lock_path=lock_path, stamp=stamp).items():
        path = Path(out_dir) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


# --- subscribing: links and QR code ------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscribeLinks:
    """Ways to get one feed: subscribe (webcal, Google), copy the address (https), or download once."""

    webcal: str
    https: str
    google: str
    download: str


def feed_url(site_url: str, lang: Lang, feed: str) -> str:
    if feed not in FEEDS:
        raise ValueError(f"unknown feed {feed!r}; expected one of {', '.join(FEEDS)}")
    return f"{_base(site_url)}{feed_path(lang, feed)}"


def subscribe_links(site_url: str, lang: Lang, feed: str) -> SubscribeLinks:
    url = feed_url(site_url, lang, feed)
    parts = urlsplit(url)
    webcal = "webcal://" + url[len(parts.scheme) + 3 :]
    google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=":/")
    return SubscribeLinks(webcal=webcal, https=url, google=google, download=url)


def qr_svg(url: str, title: str) -> str:
    """A QR code of `url` as inline SVG, made at build time: role="img" with a <title>, one path, scalable.

    The light background is drawn, so the code stays scannable on a dark theme;
    the quiet zone is the four modules the standard asks for. Kept between
    builds (making one is a hundredth of a second; a build makes eight).
    """
    from .template_cache import cached_text, code_key

    return cached_text("qr", (code_key(_qr_svg), segno.__version__, url, title), lambda: _qr_svg(url, title))


def _qr_svg(url: str, title: str) -> str:
    ident = "qr-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", title=title, svgid=ident, svgclass="qr", omitsize=True
    )
    svg = svg.replace("<title>", f'<title id="{ident}-title">', 1)
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{ident}-title" shape-rendering="crispEdges" ', 1)
