"""The årshjul page as people read it: a card per activity, month by month, filters, «now», and the wheel.

A parent on a phone wants, for each activity: when, what, who it is for and
who is responsible, without a table wider than the screen. The cards are
plain HTML in `overrides/pages/aarshjul.md.j2`; this module prepares what they
show, escaped for HTML (the page template writes raw HTML blocks, which
Markdown leaves alone). Filters (audience, grade) work without JavaScript:
each card carries its audiences as classes and its grades as a list, and the
CSS hides cards with `:has()` on the checked filter. «Now» is the month of the
build's date (`BuildContext.today`), never the reader's clock, so the same data
gives the same page.

A plan may say little about an activity: no time (it stands under its own
heading, «Uten fast tidspunkt» or the plan's `group`, and not on the wheel),
no audience, nobody responsible. A card then leaves out what the plan does not
say; it never shows an empty label.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Protocol

from ..resolve.text import describe_timing, words
from ..site import item_page, item_slug
from . import wheel
from .glossary import relative_href


class PageView(Protocol):
    """What the årshjul page reads of the page being rendered: render/pages.py's PageContext, which calls
    `calendar_page` (named here, not imported, so that the two modules do not import each other)."""

    plan: Any
    lang: Any
    site: Any
    env: Any
    page_path: str

    def t(self, key: str, **values: Any) -> str: ...
    def join(self, items: list[str], conjunction: str = "and") -> str: ...
    def draft_notice(self, value: Any, markdown: str = "", inside_other_lang: bool = False) -> str: ...
    def html(self, value: Any) -> str: ...
    def badge(self, item: Any) -> str: ...
    def dates(self, activity: Any) -> str: ...
    def audience(self, activity: Any) -> str: ...
    def item(self, kind: str, item_id: str) -> Any: ...
    def current_year(self) -> Any: ...
    def calendar_groups(self) -> list[Any]: ...


AUDIENCES = ("foresatte", "elever", "ansatte")  # the order a parent looks for them


@dataclass(frozen=True)
class Card:
    id: str
    title: str  # HTML
    name: str  # the title as plain text, escaped
    badge: str  # HTML: «Intern» in the staff edition
    dates: str  # the dates this school year, as text ("" without a timing)
    timing: str  # the timing as the plan writes it, as text ("" without one)
    audience: str  # "" when the plan names no audience or grades
    responsible: str  # "" when the plan names nobody
    description: str  # HTML
    duties: tuple[tuple[str, str], ...]  # (href, title)
    classes: str
    grades: str  # the grades it is for, «1 2 3 …», read by the grade filter


@dataclass(frozen=True)
class Month:
    key: str
    label: str
    short: str  # in the month bar: «okt», «Høsten», or the heading of activities without a time
    current: bool
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class CalendarPage:
    months: tuple[Month, ...]
    audiences: tuple[tuple[str, str], ...]  # (id, label) of the audiences the plan has
    grades: tuple[int, ...]  # the grade filter's choices; empty when no activity names its grades
    now: str | None  # the key of the current month's group
    total: int
    wheel: str  # the SVG, or "" when the skolerute has no school year


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text_html(c: PageView, value: Any) -> str:
    return html.escape(value[c.lang]) + c.draft_notice(value)


def _card(c: PageView, activity: Any, choices: tuple[int, ...], roles: dict[str, str]) -> Card:
    # Raw HTML: MkDocs does not turn «….md» into an address there, so the address is written as MkDocs would.
    duty_page = item_page("duty")
    duties = tuple(
        (
            relative_href(c.page_path, duty_page.format(slug=item_slug(c.item("duty", duty_id))), ""),
            html.escape(c.item("duty", duty_id).title[c.lang]),
        )
        for duty_id in activity.duties
    ) if duty_page else ()
    timing = describe_timing(activity.timing, c.lang) if activity.timing is not None else ""
    return Card(
        id=activity.id,
        title=_text_html(c, activity.title),
        name=html.escape(activity.title[c.lang]),
        badge=c.badge(activity),
        dates=html.escape(c.dates(activity)),
        timing=html.escape(_capfirst(timing)),
        audience=html.escape(c.audience(activity)),
        responsible=html.escape(_capfirst(c.join([roles[r] for r in activity.responsible]))),
        description=c.html(activity.description) if activity.description else "",
        duties=duties,
        classes=" ".join(["sp-entry", *(f"sp-for-{a}" for a in activity.audience)]),
        grades=wheel.activity_grades(activity, choices),
    )


def _current_key(months: list[tuple[Any, str]], today_month: int, in_year: bool) -> str | None:
    """The group the reader is in now: this month's, else the next month that has one, else the first."""
    order = wheel.SCHOOL_YEAR_MONTHS
    numbered = [(order.index(k), key) for k, key in months if isinstance(k, int)]
    if not numbered:
        return None
    if in_year:
        position = order.index(today_month)
        for index, key in sorted(numbered):
            if index >= position:
                return key
    return min(numbered)[1]


def calendar_page(c: PageView) -> CalendarPage:
    """Everything the årshjul page shows above the calendar feeds."""
    plan = c.plan
    choices = wheel.grade_choices(plan)
    groups = c.calendar_groups()
    year = c.current_year()
    today = c.site.today
    in_year = year is not None and year.first_day <= today <= year.last_day
    numbers = [_group_month(g, c.lang) for g in groups]
    now = _current_key(list(zip(numbers, (g.key for g in groups))), today.month, in_year)
    short = words(c.lang)["months_short"]
    roles = {role.id: role.name[c.lang] for role in plan.roles.roles}
    brief = words(c.lang)["labels"]["calendar"]["short"]
    shorter = {"hosten": brief["autumn"], "varen": brief["spring"], "hele-aret": brief["through_year"]}
    months = []
    for group, number in zip(groups, numbers):
        if isinstance(number, int):
            bar = short[number - 1]
        else:  # a term, the whole year, or a heading of activities without a time (already escaped)
            bar = _capfirst(shorter[group.key]) if group.key in shorter else _capfirst(group.label)
        months.append(
            Month(
                key=group.key,
                label=_capfirst(group.label),
                short=bar,
                current=group.key == now,
                cards=tuple(_card(c, a, choices, roles) for a in group.activities),
            )
        )
    present = {a for activity in plan.calendar.activities for a in activity.audience}
    audiences = tuple((a, c.t(f"calendar.audiences.{a}")) for a in AUDIENCES if a in present)
    svg = _wheel_svg(c, year, today, {n: m.key for n, m in zip(numbers, months)}, choices) if year else ""
    return CalendarPage(tuple(months), audiences, choices, now, len(plan.calendar.activities), svg)


def _group_month(group: Any, lang: str) -> int | str:
    """The month number of a group («november» → 11); its key for «høsten», «hele året» and the headings of
    activities without a time (whatever their heading says: «Mars» there is no month)."""
    names = words(lang)["months"]
    timed = any(a.timing is not None for a in group.activities)
    return names.index(group.key) + 1 if timed and group.key in names else group.key


def _wheel_svg(c: PageView, year: Any, today: Any, month_keys: dict[Any, str], choices: tuple[int, ...]) -> str:
    hrefs = {month: f"#{key}" for month, key in month_keys.items() if isinstance(month, int)}
    drawn = wheel.layout(c.plan, year, c.lang, today, hrefs, choices)
    labels = words(c.lang)["labels"]["wheel"]
    holidays = labels["holidays"].format(list=c.join([f"{h.name} {h.dates}" for h in drawn.holidays]))
    placed = len({m.activity_id for m in drawn.marks})
    heading = words(c.lang)["labels"]["calendar"]["through_year"]
    return c.env.get_template("aarshjul.svg.j2").render(
        w=drawn,
        title=labels["title"].format(year=drawn.year),
        description=labels["description"].format(year=drawn.year, holidays=holidays, count=placed),
        labels=labels,
        unplaced=labels["unplaced"].format(n=drawn.unplaced, heading=heading) if drawn.unplaced else "",
        crowded=labels["crowded"].format(n=drawn.crowded) if drawn.crowded else "",
        list_href="#" + next(iter(month_keys.values()), ""),
    )
