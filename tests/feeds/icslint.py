"""Our own lint for feeds: what parsers accept silently but clients or subscribers trip over.

Works on the raw bytes (line ends, folding) and on its own minimal reading of
content lines, so it does not share a blind spot with the generator's library.
Each finding has a stable code; the bad fixtures under fixtures/ics/bad are
named after the code they must trigger.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import icalendar
import recurring_ical_events

MAX_OCTETS = 75
CALENDAR_PROPERTIES = (
    "VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC",
    "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-TIMEZONE", "URL", "SOURCE",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Comp:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list["Comp"] = field(default_factory=list)

    def get(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> Prop | None:
        found = self.get(name)
        return found[0] if found else None


_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^;:]*)')


def _parse_line(line: str) -> Prop:
    """NAME;PARAM=V;PARAM="V":VALUE, with the colon found outside quotes."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        raise ValueError(f"no colon in content line {line!r}")
    name, _, rest = head.partition(";")
    params = {k.upper(): v.strip('"') for k, v in _PARAM.findall(";" + rest)} if rest else {}
    return Prop(name.upper(), params, value)


def read_components(data: bytes) -> Comp:
    """Unfold and nest the content lines (BEGIN/END) into components."""
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8", errors="replace"))
    root = Comp("ROOT")
    stack = [root]
    for line in re.split(r"\r?\n", text):
        if not line:
            continue
        prop = _parse_line(line)
        if prop.name == "BEGIN":
            comp = Comp(prop.value.upper())
            stack[-1].children.append(comp)
            stack.append(comp)
        elif prop.name == "END":
            stack.pop()
        else:
            stack[-1].props.append(prop)
    return root.children[0] if root.children else root


def _check_lines(data: bytes) -> Iterable[Finding]:
    if b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        yield Finding("line-ends", "a line ends otherwise than CRLF")
    if not data.endswith(b"\r\n"):
        yield Finding("line-ends", "the last line does not end with CRLF")
    lines = re.split(rb"\r?\n", data)  # line ends are checked above; here each line's content
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_OCTETS:
            yield Finding("line-length", f"line {number} has {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            yield Finding("split-utf8", f"line {number} is not UTF-8 on its own: a fold splits a character")
        following = lines[number] if number < len(lines) else b""
        trailing = len(line) - len(line.rstrip(b"\\"))
        if following.startswith((b" ", b"\t")) and trailing % 2 == 1:
            yield Finding("split-escape", f"line {number} ends inside a backslash escape")


def _parse_value(prop: Prop) -> dt.date | dt.datetime:
    value = prop.value.split(",")[0]
    if prop.params.get("VALUE") == "DATE" or len(value) == 8:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    return dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")


def _check_calendar(cal: Comp) -> Iterable[Finding]:
    if cal.name != "VCALENDAR":
        yield Finding("structure", f"top component is {cal.name}")
        return
    for name in CALENDAR_PROPERTIES:
        if len(cal.get(name)) != 1:
            yield Finding("calendar-property", f"{name} appears {len(cal.get(name))} times, expected once")
    if cal.get("METHOD"):
        yield Finding("method", "a published feed must not have METHOD (clients treat it as an invitation)")
    version = cal.first("VERSION")
    if version is not None and version.value != "2.0":
        yield Finding("calendar-property", "VERSION is not 2.0")
    refresh = cal.first("REFRESH-INTERVAL")
    if refresh is not None and refresh.params.get("VALUE") != "DURATION":
        yield Finding("refresh-interval", "REFRESH-INTERVAL needs VALUE=DURATION (RFC 7986)")
    prodid = cal.first("PRODID")
    if prodid is not None and re.search(r"\d+\.\d+", prodid.value):
        yield Finding("calendar-property", "PRODID carries a version number; it changes the output on upgrades")

    timezones = Counter(p.value for tz in cal.children if tz.name == "VTIMEZONE" for p in tz.get("TZID"))
    for tzid, n in timezones.items():
        if n > 1:
            yield Finding("vtimezone", f"{n} VTIMEZONE for {tzid}")
    for tz in (c for c in cal.children if c.name == "VTIMEZONE"):
        for part in tz.children:
            if part.get("RDATE") or not part.get("RRULE"):
                yield Finding("vtimezone", f"VTIMEZONE {part.name} without RRULE or with RDATE (Outlook rejects it)")

    events = [c for c in cal.children if c.name == "VEVENT"]
    uids = Counter(e.first("UID").value for e in events if e.first("UID"))
    for uid, n in uids.items():
        if n > 1:
            yield Finding("duplicate-uid", f"UID {uid} is used {n} times")
    for event in events:
        yield from _check_event(event, set(timezones))


def _check_event(event: Comp, timezones: set[str]) -> Iterable[Finding]:
    uid = event.first("UID").value if event.first("UID") else "?"
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
        if len(event.get(name)) != 1:
            yield Finding("no-dtend" if name == "DTEND" else "event-property", f"{uid}: {name} missing or repeated")
    for name in ("DTSTAMP", "LAST-MODIFIED"):
        prop = event.first(name)
        if prop is not None and not prop.value.endswith("Z"):
            yield Finding("floating-time", f"{uid}: {name} must be in UTC")
    for name in ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID"):
        for prop in event.get(name):
            if prop.params.get("VALUE") == "DATE":
                continue
            if "TZID" in prop.params:
                if prop.params["TZID"] not in timezones:
                    yield Finding("vtimezone", f"{uid}: TZID {prop.params['TZID']} has no VTIMEZONE")
            elif not all(v.endswith("Z") for v in prop.value.split(",")):
                yield Finding("floating-time", f"{uid}: {name} {prop.value} has neither TZID nor Z")
    start, end = event.first("DTSTART"), event.first("DTEND")
    if start is None or end is None:
        return
    begin, finish = _parse_value(start), _parse_value(end)
    if type(begin) is not type(finish):
        yield Finding("dtend-type", f"{uid}: DTSTART and DTEND are not both dates or both date-times")
        return
    if finish <= begin:  # type: ignore[operator]
        yield Finding("dtend-before-dtstart", f"{uid}: DTEND {end.value} is not after DTSTART {start.value}")
    if isinstance(begin, dt.date) and not isinstance(begin, dt.datetime):
        transp = event.first("TRANSP")
        if (finish - begin).days > 1 and (transp is None or transp.value != "TRANSPARENT"):  # type: ignore[operator]
            yield Finding("transp", f"{uid}: a span longer than a day must be TRANSPARENT")
    for rrule in event.get("RRULE"):
        until = dict(part.split("=", 1) for part in rrule.value.split(";")).get("UNTIL")
        if until is None:
            continue
        if "TZID" in start.params and not until.endswith("Z"):
            yield Finding("until-not-utc", f"{uid}: UNTIL {until} must be UTC when DTSTART has a TZID")
        if start.params.get("VALUE") == "DATE" and len(until) != 8:
            yield Finding("until-not-utc", f"{uid}: UNTIL {until} must be a DATE when DTSTART is a DATE")


def _check_days(
    data: bytes, closed: Callable[[dt.date], bool], exempt: Collection[str]
) -> Iterable[Finding]:
    calendar = icalendar.Calendar.from_ical(data)
    for event in recurring_ical_events.of(calendar).between(dt.date(1990, 1, 1), dt.date(2100, 1, 1)):
        uid = str(event["UID"])
        if any(uid.startswith(prefix) for prefix in exempt):
            continue
        start, end = event.start, event.end
        first = start.date() if isinstance(start, dt.datetime) else start
        last = end.date() if isinstance(end, dt.datetime) else end - dt.timedelta(days=1)
        day = first
        while day <= last:
            if day.isoweekday() > 5:
                yield Finding("weekend", f"{uid}: on {day.isoformat()}, a weekend")
            elif closed(day):
                yield Finding("closed-day", f"{uid}: on {day.isoformat()}, not a school day")
            day += dt.timedelta(days=1)


def lint(
    data: bytes,
    closed: Callable[[dt.date], bool] = lambda day: False,
    exempt: Collection[str] = (),
) -> list[Finding]:
    """Every finding in one feed. `closed` says which weekdays are holidays; UIDs starting with `exempt` may use them."""
    findings = list(_check_lines(data))
    try:
        findings += _check_calendar(read_components(data))
        findings += _check_days(data, closed, exempt)
    except ValueError as exc:
        findings.append(Finding("structure", str(exc)))
    return findings
