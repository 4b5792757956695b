"""The årshjul page as people read it: a card per activity, month by month, filters, «now», and the wheel.

A parent on a phone wants, for each activity: when, what, who it is for and
who is responsible, without a table wider than the screen. The cards are
plain HTML in `overrides/pages/aarshjul.md.j2`; this module prepares what they
show, escaped for HTML (the page template writes raw HTML blocks, which
Markdown leaves alone). Filters (audience, grade) work without JavaScript:
each card carries its audiences as classes and its grades as a list, and the
CSS hides cards with `:has()` on the checked filter. «Now» is the month of the
build's date (SOURCE_DATE_EPOCH), never the reader's clock, so the same data
gives the same page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..resolve.dates import build_date
from ..resolve.text import describe_timing, words
from . import wheel
from .glossary import relative_href
from .pages import DUTY_SLUGS

if TYPE_CHECKING:
    from .pages import PageContext

AUDIENCES = ("foresatte", "elever", "ansatte")  # the order a parent looks for them


@dataclass(frozen=True)
class Card:
    id: str
    title: str  # HTML
    name: str  # the title as plain text, escaped
    badge: str  # HTML: «Intern» in the staff edition
    dates: str  # the dates this school year, as text
    timing: str  # the timing as the plan writes it, as text
    audience: str
    responsible: str
    description: str  # HTML
    duties: tuple[tuple[str, str], ...]  # (href, title)
    classes: str
    grades: str


@dataclass(frozen=True)
class Month:
    key: str
    label: str
    short: str
    current: bool
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class CalendarPage:
    months: tuple[Month, ...]
    audiences: tuple[tuple[str, str], ...]  # (id, label) of the audiences the plan has
    grades: tuple[int, ...]  # empty when no activity names its grades
    now: str | None  # the key of the current month's group
    total: int
    wheel: str  # the SVG, or "" when the skolerute has no school year


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text_html(c: PageContext, value: Any) -> str:
    return html.escape(value[c.lang]) + c.draft_notice(value)


def _card(c: PageContext, activity: Any, school_grades: Any, roles: dict[str, str]) -> Card:
    grades = activity.grades or school_grades
    # Raw HTML: MkDocs does not turn «….md» into an address there, so the address is written as MkDocs would.
    duties = tuple(
        (
            relative_href(c.page_path, f"aktivitetsplikt/{DUTY_SLUGS[c.item('duty', duty_id).kind]}.md", ""),
            html.escape(c.item("duty", duty_id).title[c.lang]),
        )
        for duty_id in activity.duties
    )
    return Card(
        id=activity.id,
        title=_text_html(c, activity.title),
        name=html.escape(activity.title[c.lang]),
        badge=c.badge(activity),
        dates=html.escape(c.dates(activity)),
        timing=html.escape(_capfirst(describe_timing(activity.timing, c.lang))),
        audience=html.escape(c.audience(activity)),
        responsible=html.escape(_capfirst(c.join([roles[r] for r in activity.responsible]))),
        description=c.html(activity.description) if activity.description else "",
        duties=duties,
        classes=" ".join(["sp-entry", *(f"sp-for-{a}" for a in activity.audience)]),
        grades=" ".join(str(g) for g in range(grades.first, grades.last + 1)),
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


def calendar_page(c: PageContext) -> CalendarPage:
    """Everything the årshjul page shows above the calendar feeds."""
    from .pages import calendar_groups

    plan = c.plan
    school_grades = plan.school.school.grades
    groups = calendar_groups(plan, c.lang)
    year = c.current_year()
    today = build_date()
    in_year = year is not None and year.first_day <= today <= year.last_day
    now = _current_key([(_group_month(g.key, c.lang), g.key) for g in groups], today.month, in_year)
    short = words(c.lang)["months_short"]
    roles = {role.id: role.name[c.lang] for role in plan.roles.roles}
    brief = words(c.lang)["labels"]["calendar"]["short"]
    shorter = {"hosten": brief["autumn"], "varen": brief["spring"], "hele-aret": brief["through_year"]}
    months = []
    for group in groups:
        number = _group_month(group.key, c.lang)
        months.append(
            Month(
                key=group.key,
                label=_capfirst(group.label),
                short=short[number - 1] if isinstance(number, int) else _capfirst(shorter[group.key]),
                current=group.key == now,
                cards=tuple(_card(c, a, school_grades, roles) for a in group.activities),
            )
        )
    present = {a for activity in plan.calendar.activities for a in activity.audience}
    audiences = tuple((a, c.t(f"calendar.audiences.{a}")) for a in AUDIENCES if a in present)
    named = any(activity.grades for activity in plan.calendar.activities)
    grades = tuple(range(school_grades.first, school_grades.last + 1)) if named else ()
    svg = _wheel_svg(c, year, today, {_group_month(m.key, c.lang): m.key for m in months}) if year else ""
    return CalendarPage(tuple(months), audiences, grades, now, len(plan.calendar.activities), svg)


def _group_month(key: str, lang: str) -> int | str:
    """The month number of a group's key («november» → 11); the key itself for «høsten», «hele året»."""
    names = words(lang)["months"]
    return names.index(key) + 1 if key in names else key


def _wheel_svg(c: PageContext, year: Any, today: Any, month_keys: dict[Any, str]) -> str:
    hrefs = {month: f"#{key}" for month, key in month_keys.items() if isinstance(month, int)}
    drawn = wheel.layout(c.plan, year, c.lang, today, hrefs)
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
        list_href="#" + next(iter(month_keys.values()), ""),
    )
