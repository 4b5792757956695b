"""iCalendar feeds of the årshjul, one set per written standard, that real calendar clients accept.

Per language: `<lang>/kalender/aarshjul.ics` (everything) and one feed per audience
(`ansatte.ics`, `foresatte.ics`, `elever.ics`). What clients need beyond the RFCs, and why:

* Google and Outlook may keep their old copy of a subscribed event unless its
  SEQUENCE rose, so a committed lock file (`data/kalender.lock.json`) keeps each
  UID's fingerprint, SEQUENCE and last-modified time, and the build bumps them
  when an event changes: the person editing the YAML never has to think about
  it. The build writes the lock only when the site is published. The lock also
  fixes the UID domain, so moving the site does not duplicate every event.
* A UID names an occurrence by what was written for it (`resolve/dates.py`,
  `Occurrence.key`): adding a date to a list adds one event and moves none.
* DTSTAMP and LAST-MODIFIED come from the lock (first seen: the build's time),
  never from the clock: rebuilds are byte-identical.
* Outlook mishandles icalendar's generated VTIMEZONE (RDATE lists); ours is
  the classic RRULE form for Europe/Oslo (CET/CEST), written by hand, and the
  only one in each feed.
* Vague timings (a month, a term) become a one-day, tentative marker on the
  first school day of the period, titled «… (september, dato kommer)», with a
  known clock time in the title («uke 36/37, kl. 18.00–19.30, dato kommer»): a
  month-long bar would hide everything else, and a timed event would claim a
  date not yet set. A timing relative to a holiday («etter høstferien») is a
  marker too. Every other week is one rule with INTERVAL=2.
* Multi-day and all-day items are TRANSPARENT (they do not make anyone busy);
  timed items are OPAQUE. A timed item without `end_time` lasts one hour.
* Text is what RFC 5545 allows: control characters are taken out, line
  separators become line breaks, a backslash is a backslash. Descriptions are
  the pages' Markdown (Python-Markdown, the same extensions) read as plain text.
* Lines are folded at 75 octets, never inside a UTF-8 character or a backslash
  escape, and never next to a space (some clients trim the space a folded line
  starts or ends with, and join two words).

One writer: each event's properties are decided by `vevent`; dates and other
non-text values are serialised by icalendar, texts escaped here; each VEVENT is
serialised once per language and shared by the four feeds. That writer is kept
for speed: for 10,000 activities icalendar's own serialisation took 30 s, the
target is 2 s (`make bench`, «feeds»). tests/feeds/reference.py serialises the
same events with icalendar alone, and the tests compare the two.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # imported where used: the pages (QR codes, subscribe links) need none of icalendar
    from icalendar import Calendar, Event, Timezone

from ..errors import PlanError, Problem, display_path
from ..model import Plan
from ..model.base import Lang
from ..model.plan import Activity, SchoolYear
from ..model.timing import MONTHS
from ..resolve.dates import Occurrence, Period, Recurrence, dates_of, plan_epoch
from ..resolve.text import clock, describe_holiday, join, words
from ..source import position_of, read_optional
from .escape import escape_markdown

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


# --- Markdown to plain text, with the pages' own parser ---------------------------------------------

# The Markdown extensions of the pages (mkdocs.yml) that shape text (md_in_html: the lettered lists of
# escape.py); toc only adds markup.
MARKDOWN_EXTENSIONS = ("attr_list", "def_list", "tables", "admonition", "md_in_html")
_BLOCKS = {"p", "div", "ul", "ol", "dl", "dd", "dt", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


class _PlainText(HTMLParser):
    """HTML from Python-Markdown as a calendar's plain text: paragraphs apart, lists as «- »/«1. », links as
    «text (address)», images as their alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, whether it is a list item)
        self.current: list[str] = []
        self.lists: list[list[Any]] = []  # per open list: [number of the next item, type] or [] for a bullet list
        self.links: list[str | None] = []

    def _end_block(self) -> None:
        text = re.sub(r"[ \t]+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append((text, bool(self.lists)))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([int(values.get("start") or 1), values.get("type") or "1"] if tag == "ol" else [])
        elif tag == "li":
            self._end_block()
            numbering = self.lists[-1] if self.lists else []
            if numbering:
                number, kind = numbering
                self.current.append(f"{chr(ord('a') + number - 1)}) " if kind == "a" and number <= 26 else f"{number}. ")
                numbering[0] += 1
            else:
                self.current.append("- ")
        elif tag in _BLOCKS or tag == "tr":
            self._end_block()
        elif tag == "br":
            self.current.append("\n")
        elif tag in ("td", "th") and self.current:
            self.current.append(" | ")
        elif tag == "a":
            self.links.append(values.get("href"))
            self._link_start = len(self.current)
        elif tag == "img" and values.get("alt"):
            self.current.append(values["alt"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self._end_block()
            self.lists.pop()
        elif tag == "a" and self.links:
            href = self.links.pop()
            label = "".join(self.current[self._link_start :]).strip()
            if href and not href.startswith("#") and href != label:
                if label:
                    self.current.append(f" ({href})")
                else:
                    self.current.append(href)
        elif tag in _BLOCKS or tag in ("li", "tr"):
            self._end_block()

    def handle_data(self, data: str) -> None:
        self.current.append(data.replace("\n", " "))

    def text(self) -> str:
        """Blocks apart by an empty line, the items of a list on lines of their own."""
        self._end_block()
        out = ""
        for i, (text, item) in enumerate(self.blocks):
            if i:
                out += "\n" if item and self.blocks[i - 1][1] else "\n\n"
            out += text
        # Python-Markdown leaves its placeholders (STX … ETX) where it could not put a stashed piece back.
        return re.sub("\x02[^\x03]*\x03", "", out)


@lru_cache(maxsize=1)
def _markdown() -> Any:
    """One Markdown converter, reset between texts: making a new one per text was three quarters of the
    time of 10,000 activities' feeds (`make bench`: 11.8 s; Python-Markdown's own advice for many texts)."""
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


# A text Python-Markdown can only read as paragraphs: nothing that marks up or links anywhere in it (emphasis,
# code, links, raw HTML, entities, attribute lists, tables, web and mail addresses), no line that starts a block
# (a list, a heading, a quote, a definition, an admonition, a code block, a rule) and no hard line break.
# Such a text skips the parser: 10,000 activities' feeds 9.7 → 5.1 s (`make bench`'s feeds, most of whose
# descriptions are such); tests/feeds/test_format.py holds the shortcut to the parser's reading of any text it takes.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&{}|]|://|mailto:|^[\d\-+:#>=!~]|^[^\S\n]|[ \t]$", re.M | re.I)


def _plain_paragraphs(text: str) -> str | None:
    """A text of plain paragraphs as the parser would give it (lines of a paragraph joined), or None."""
    if _NOT_PLAIN.search(text) or not all(line.isprintable() for line in text.split("\n")):
        return None
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n{2,}", text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


@lru_cache(maxsize=4096)  # a pure function: an activity's description stands in each of its events
def markdown_to_text(text: str) -> str:
    """Markdown from the data, as the pages read it (raw HTML shown as text), reduced to plain text."""
    plain = _plain_paragraphs(text)
    return plain if plain is not None else _parsed_text(text)


def _parsed_text(text: str) -> str:
    """The text as Python-Markdown reads it for the pages, reduced to plain text."""
    html = _markdown().reset().convert(escape_markdown(text))
    reader = _PlainText()
    reader.feed(html)
    reader.close()
    return reader.text()


# --- TEXT as RFC 5545 allows it --------------------------------------------------------------------------

_LINE_SEPARATORS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Line separators of every kind as «\\n», control characters (forbidden in TEXT) left out; tabs kept."""
    return _CONTROL.sub("", _LINE_SEPARATORS.sub("\n", value))


def escape_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545, 3.3.11): backslash first, so a written «\\N» stays «\\N»."""
    return clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


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
        raw = read_optional(path)  # a folder, FIFO, link out of the data folder or huge file: PlanError at the file
        if raw is None:
            return cls(path, None, {})
        shown = display_path(path)

        def refuse(message: str, line: int = 1, column: int = 1) -> PlanError:
            return PlanError([Problem(shown, line, column, f"{message}; hent filen fra git igjen")])

        try:
            text = raw.decode("utf-8")
            data = json.loads(text)
            entries = {}
            for uid, e in data["events"].items():
                sequence = e["sequence"]
                if type(sequence) is not int or sequence < 0:  # noqa: E721 - true is not a SEQUENCE
                    # At the value: the lock is written one key a line, «"sequence": -1» after the event's UID.
                    event = text.find(json.dumps(uid, ensure_ascii=False) + ":")
                    at = re.compile(r'"sequence":\s*').search(text, max(event, 0))
                    line, column = position_of(text, at.end()) if event >= 0 and at else (1, 1)
                    raise refuse(
                        f"«sequence» i hendelsen «{uid}» er {json.dumps(sequence)}; forventet et helt tall, 0 eller større",
                        line, column,
                    )
                entries[uid] = LockEntry(str(e["fingerprint"]), sequence, _utc_moment(e["modified"]))
            return cls(path, data.get("uid_domain"), entries)
        except json.JSONDecodeError as exc:
            raise refuse("kalenderlåsen kan ikke leses: den er ikke gyldig JSON", exc.lineno, exc.colno) from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise refuse(f"kalenderlåsen kan ikke leses ({exc})") from None

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
        """The lock as text: sorted, indented, one event per few lines, so a diff shows what changed."""
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
    """When a new or changed event counts as modified, when the build names no time: the plan's own date
    (its approval, else its first school year)."""
    return dt.datetime.fromtimestamp(plan_epoch(plan), dt.timezone.utc)


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "skole"


def default_uid_domain(plan: Plan) -> str:
    """The UID domain for a first build: the school's own address from skole.yaml, not the build's site_url."""
    school = plan.school.school
    for url in (school.site_url, school.website):
        if url is not None and url.host:
            return url.host
    parts = [school.name.nb] + ([school.municipality] if school.municipality else [])
    return ".".join(_slug(part) for part in parts) + ".skoleplan"


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


def make_uid(activity_id: str, school_year_id: str, key: str, domain: str) -> str:
    """«id.skoleår.key@domain»: from data only, so stable across builds and independent of YAML order."""
    return f"{quote(activity_id, safe='-')}.{school_year_id}.{key}@{domain}"


def feed_events(plan: Plan, uid_domain: str) -> list[FeedEvent]:
    """Every event of every school year in the skolerute, sorted by start and UID."""
    events: list[FeedEvent] = []
    for year in plan.school_calendar.school_years:
        for activity in plan.calendar.activities:
            if activity.timing is None:  # listed on the page under its heading; no date to put in a calendar
                continue
            resolved = dates_of(activity, year)
            if resolved.recurrence is not None:
                uid = make_uid(activity.id, year.id, "1", uid_domain)
                events.append(FeedEvent(uid, activity, year, recurrence=resolved.recurrence))
            for occurrence in resolved.occurrences:
                uid = make_uid(activity.id, year.id, occurrence.key, uid_domain)
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


def _clock(event: FeedEvent, lang: Lang) -> str:
    """«kl. 18.00–19.30», as the web page says a time."""
    return clock(event.time, event.end_time, lang)


def event_summary(event: FeedEvent, lang: Lang) -> str:
    title = event.activity.title[lang]
    if event.vague is not None:  # a marker: the period, and the time if one is known
        period = ", ".join(filter(None, (period_label(event.vague, lang), _clock(event, lang))))
        return TEXTS[lang]["vague_title"].format(title=title, period=period)
    return title


def _day_text(day: dt.date, lang: Lang) -> str:
    return f"{TEXTS[lang]['weekdays'][day.weekday()]} {day.day}. {MONTHS[day.month - 1]}"


@dataclass
class FeedTexts:
    """The texts of one plan's events, each made once for one rendering (an activity has an event per date)."""

    plan: Plan
    _roles: dict[Lang, dict[str, str]] = field(default_factory=dict)
    _descriptions: dict[tuple, str] = field(default_factory=dict)

    def role_names(self, lang: Lang) -> dict[str, str]:
        if lang not in self._roles:
            self._roles[lang] = {role.id: role.name[lang] for role in self.plan.roles.roles}
        return self._roles[lang]

    def description(self, event: FeedEvent, lang: Lang, site_url: str | None) -> str:
        moved = event.occurrence.moved_from if event.occurrence is not None else None
        key = (event.activity.id, lang, site_url, event.vague is not None, moved)
        if key not in self._descriptions:
            self._descriptions[key] = self._description(event, lang, site_url)
        return self._descriptions[key]

    def _description(self, event: FeedEvent, lang: Lang, site_url: str | None) -> str:
        """The description, who is responsible, whom it is for, notes on the date, and the link to the site."""
        words_ = TEXTS[lang]
        activity = event.activity
        parts: list[str] = []
        if activity.description is not None:
            parts.append(markdown_to_text(activity.description[lang]))
        roles = self.role_names(lang)
        facts = []
        if activity.responsible:
            facts.append(words_["responsible"].format(roles=join([roles.get(r, r) for r in activity.responsible], lang)))
        who = [join([words_["audience"][a] for a in AUDIENCES if a in activity.audience], lang)]
        if activity.grades is not None:
            g = activity.grades
            who.append((words_["grade"] if g.first == g.last else words_["grades"]).format(first=g.first, last=g.last))
        if any(who):
            facts.append(words_["for"].format(who=", ".join(part for part in who if part)))
        if facts:
            parts.append("\n".join(facts))
        if event.vague is not None:
            parts.append(words_["vague_note"])
        if event.occurrence is not None and event.occurrence.moved_from is not None:
            parts.append(words_["moved_note"].format(day=_day_text(event.occurrence.moved_from, lang)))
        if site_url is not None:
            parts.append(words_["read_more"].format(url=activity_url(site_url, lang, activity.id)))
        return "\n\n".join(parts)

    def fingerprint(self, event: FeedEvent) -> str:
        """What subscribers see of an event, in both languages, without the site address (serve ≠ build)."""
        when: dict[str, Any] = {"time": event.time, "end_time": event.end_time}
        if event.occurrence is not None:
            when.update(start=event.occurrence.start, end=event.occurrence.end, vague=event.vague is not None)
        if event.recurrence is not None:
            r = event.recurrence
            when.update(weekday=r.weekday, first=r.first, last=r.last, exdates=list(r.exdates))
            if r.interval != 1:  # every other week; left out otherwise, so weekly events keep their fingerprint
                when.update(interval=r.interval)
        texts = {
            lang: [event_summary(event, lang), self.description(event, lang, None), event_categories(event, lang)]
            for lang in TEXTS
        }
        canonical = json.dumps({"when": when, "texts": texts}, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def event_categories(event: FeedEvent, lang: Lang) -> list[str]:
    words_ = TEXTS[lang]
    audience = [words_["audience_category"][a] for a in AUDIENCES if a in event.activity.audience]
    category = event.activity.category
    return [*audience, *([words_["category"][category]] if category is not None else [])]


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


def vevent(event: FeedEvent, entry: LockEntry, texts: FeedTexts, lang: Lang, site_url: str, *, factory: Any = None) -> Event:
    """One VEVENT, properties in a fixed order so the output is byte-stable (`factory`: what records them)."""
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
    ve.add("description", texts.description(event, lang, site_url))
    categories = event_categories(event, lang)
    if categories:
        ve.add("categories", categories)
    ve.add("url", vUri(activity_url(site_url, lang, event.activity.id)))
    ve.add("status", "TENTATIVE" if event.vague is not None else "CONFIRMED")
    timed = time is not None and event.vague is None
    ve.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    return ve


def in_feed(activity: Activity, feed: str) -> bool:
    return feed == "aarshjul" or feed in activity.audience


def calendar_head(plan: Plan, lang: Lang, feed: str, site_url: str, source_url: str | None = None) -> Calendar:
    """One feed's calendar, without events: its properties (RFC 5545, RFC 7986 and the X-WR- ones clients read)
    and the time zone. `source_url`: where the feed itself is fetched, when not below `site_url`."""
    words_ = TEXTS[lang]
    school = plan.school.school.name[lang]
    name = words_["feed_name"][feed].format(school=school)
    page = f"{_base(site_url)}{lang}/aarshjul/"
    description = words_["feed_description"].format(school=school, scope=words_["feed_scope"][feed], url=page)
    from icalendar import Calendar, vDuration, vText, vUri

    cal = Calendar()
    cal.add("version", "2.0")
    owner = plan.school.school.municipality or plan.school.school.name["nb"]
    cal.add("prodid", f"-//{clean_text(owner)}//{PRODUCT}//{lang.upper()}")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", vText(clean_text(name)))
    cal.add("x-wr-calname", vText(clean_text(name)))
    cal.add("description", vText(clean_text(description)))
    cal.add("x-wr-caldesc", vText(clean_text(description)))
    cal.add("url", vUri(page))
    cal.add("source", vUri(f"{_base(source_url or site_url)}{feed_path(lang, feed)}"), parameters={"VALUE": "URI"})
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(oslo_vtimezone())
    return cal


# --- writing ------------------------------------------------------------------------------------------


def fold(line: str) -> bytes:
    """One content line folded at 75 octets: never inside a UTF-8 character or a backslash escape, and never
    where a space would end a line or begin the next (clients trim those, and join two words)."""
    raw = line.encode("utf-8")
    if len(raw) <= FOLD_OCTETS:
        return raw
    out: list[bytes] = []
    start, limit = 0, FOLD_OCTETS
    while len(raw) - start > limit:
        cut = start + limit
        while cut > start + 1 and not _may_fold_at(raw, cut):
            cut -= 1
        if cut == start + 1:  # a run of spaces longer than a line: fold within it, as a last resort
            cut = start + limit
            while raw[cut] & 0xC0 == 0x80:
                cut -= 1
        out.append(raw[start:cut])
        start, limit = cut, FOLD_OCTETS - 1  # a continuation line starts with a space
    out.append(raw[start:])
    return b"\r\n ".join(out)


def _may_fold_at(raw: bytes, cut: int) -> bool:
    if raw[cut] & 0xC0 == 0x80:  # inside a UTF-8 character
        return False
    if raw[cut] == 0x20 or raw[cut - 1] == 0x20:  # next to a space
        return False
    if raw[cut - 1] == 0x5C:  # between «\» and what it escapes, if that backslash opens an escape
        first = cut - 1
        while first > 0 and raw[first - 1] == 0x5C:
            first -= 1
        return (cut - 1 - first) % 2 == 1
    return True


def serialize(cal: Calendar) -> bytes:
    """CRLF line ends, our folding, properties in the order they were added."""
    lines = [str(line) for line in cal.content_lines(sorted=False) if line]
    return b"".join(fold(line) + b"\r\n" for line in lines)


class _Recorder:
    """Stands in for icalendar's Event in `vevent`: keeps each `add` in order."""

    def __init__(self) -> None:
        self.added: list[tuple[str, Any, Any]] = []

    def add(self, name: str, value: Any, parameters: Any = None) -> None:
        self.added.append((name.upper(), value, parameters))


class _Writer:
    """Serialises the events of one rendering: texts escaped here, every other value by icalendar, once each."""

    TEXT = ("UID", "SUMMARY", "DESCRIPTION", "STATUS", "TRANSP")

    def __init__(self) -> None:
        from icalendar import Event, vUri

        self._event, self._uri = Event, vUri  # imported once per rendering, not once per line
        self._lines: dict[tuple[str, str, str], tuple[str, ...]] = {}  # dates and rules repeat a lot

    def lines(self, name: str, value: Any, parameters: Any) -> tuple[str, ...]:
        if not parameters and name in self.TEXT and isinstance(value, str):
            return (f"{name}:{escape_text(value)}",)
        if not parameters and isinstance(value, self._uri):
            return (f"{name}:{value}",)
        if name == "CATEGORIES":
            return (f"{name}:{','.join(escape_text(c) for c in value)}",)
        key = (name, repr(value), repr(parameters))
        if key not in self._lines:
            event = self._event()
            event.add(name, value, parameters)
            self._lines[key] = tuple(str(line) for line in event.content_lines(sorted=False)[1:-2])
        return self._lines[key]

    def event(self, event: FeedEvent, entry: LockEntry, texts: FeedTexts, lang: Lang, site_url: str) -> bytes:
        recorder = vevent(event, entry, texts, lang, site_url, factory=_Recorder)
        lines = ["BEGIN:VEVENT"]
        for name, value, parameters in recorder.added:
            lines.extend(self.lines(name, value, parameters))
        lines.append("END:VEVENT")
        return b"".join(fold(line) + b"\r\n" for line in lines)


def render_feeds(
    plan: Plan,
    lang: Lang,
    site_url: str,
    lock: EventLock | None = None,
    stamp: dt.datetime | None = None,
    source_url: str | None = None,
) -> dict[str, bytes]:
    """Every feed of one language, as {path relative to the site root: bytes}; records the events in `lock`.

    The lock holds both languages' texts in each fingerprint, so building nb and
    then nn (or the other way round) gives the same lock and the same SEQUENCEs.
    The caller saves the lock (when the site is published). `source_url`: where the
    feeds are fetched, when not below `site_url` (the staff feeds outside the login).
    """
    lock = lock if lock is not None else EventLock(None, None, {})
    lock.uid_domain = lock.uid_domain or default_uid_domain(plan)
    stamp = stamp or default_stamp(plan)
    texts = FeedTexts(plan)
    writer = _Writer()
    events = []
    for event in feed_events(plan, lock.uid_domain):
        entry = lock.record(event.uid, texts.fingerprint(event), stamp)
        events.append((event.activity, writer.event(event, entry, texts, lang, site_url)))
    feeds: dict[str, bytes] = {}
    end = b"END:VCALENDAR\r\n"
    for feed in FEEDS:
        head = serialize(calendar_head(plan, lang, feed, site_url, source_url))
        body = b"".join(data for activity, data in events if in_feed(activity, feed))
        feeds[feed_path(lang, feed)] = head[: -len(end)] + body + end
    return feeds


def stale_events(plan: Plan, lock_path: Path | str) -> list[str]:
    """UIDs whose lock entry is missing or out of date: the YAML changed but the lock was not rebuilt."""
    lock = EventLock.load(lock_path)
    domain = lock.uid_domain or default_uid_domain(plan)
    texts = FeedTexts(plan)
    stale = []
    for event in feed_events(plan, domain):
        entry = lock.entries.get(event.uid)
        if entry is None or entry.fingerprint != texts.fingerprint(event):
            stale.append(event.uid)
    return sorted(stale)


# --- the staff feeds at an address outside the login -----------------------------------------------------


def private_token(secret: str, plan: Plan) -> str:
    """The unguessable folder of the staff feeds, from the build's secret (never written anywhere itself).

    The same secret gives the same address at every build; a new secret gives a new
    address, and the old one stops working when the old folder is removed.
    """
    message = f"skoleplan-staff-feeds:{default_uid_domain(plan)}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


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
    the quiet zone is the four modules the standard asks for.
    """
    import segno  # here: the build's main process writes the feeds and never a QR code

    ident = "qr-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", title=title, svgid=ident, svgclass="qr", omitsize=True
    )
    svg = svg.replace("<title>", f'<title id="{ident}-title">', 1)
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{ident}-title" shape-rendering="crispEdges" ', 1)
