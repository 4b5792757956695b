"""Render the handbook's pages from the plan, as Markdown, for one written standard.

The page templates live in `overrides/pages/` so that a school can change
them. Text from the YAML is passed to templates as values, never compiled as
a template, so `{{ 7*7 }}` in the data shows literally; raw HTML in the data
is escaped. The output is plain Markdown (with attribute lists and HTML
tables), independent of MkDocs: any static site generator that reads
Python-Markdown can publish it.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown as python_markdown

from ..model import Plan
from ..model.base import Lang, Text
from ..model.law import LawRef
from ..model.registry import KINDS
from ..context import BuildContext
from .escape import OWN_LINE_LANG, escape_markdown, escape_plain
from ..site import BY_NAME, DUTY_SLUGS, filled, item_page, item_slug
from ..resolve.text import describe_days, describe_deadline, describe_timing, format_day, format_range, join, words

class RenderError(Exception):
    """A page could not be rendered; the message names the data item."""


@dataclass
class PageContext:
    """Everything a page template may use: one site's plan, in one written standard, for one page."""

    site: BuildContext
    page_path: str = "index.md"  # source path of the page being rendered, for relative links
    env: Any = None  # the template environment, for parts drawn by templates of their own (the diagram)

    def __post_init__(self) -> None:
        self.plan: Plan = self.site.edition_plan
        self.lang: Lang = self.site.lang
        self.edition: str = self.site.edition  # «staff» marks internal content visibly
        self._roles = {role.id: role for role in self.plan.roles.roles}

    # --- words -------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """An interface label from the locale file, «labels.<key>»."""
        node: Any = words(self.lang)["labels"]
        for part in key.split("."):
            node = node[part]
        return node.format(**values) if values else node

    def text(self, value: Text | None) -> str:
        return escape_plain(value[self.lang]) + self.draft_notice(value) if value is not None else ""

    def heading(self, value: Text | None) -> str:
        """A text as a heading, without the draft notice: in a heading it would show in the table of
        contents, in the page's title and in search results. `heading_notice` goes under the heading."""
        return escape_plain(value[self.lang]) if value is not None else ""

    def heading_notice(self, value: Text | None) -> str:
        """The draft notice of a heading, as a paragraph of its own (a line under the heading), or nothing."""
        notice = self.draft_notice(value).strip()
        return notice + "\n" if notice else ""

    def md(self, value: Text | None) -> str:
        if value is None:
            return ""
        markdown = escape_markdown(value[self.lang]).strip()
        body, _, last = markdown.rpartition("\n")
        if body and OWN_LINE_LANG.match(last):  # the notice goes before the text's closing `{ lang=nb }`
            return self.badge(value) + body + self.draft_notice(value, body, inside_other_lang=True) + "\n" + last
        return self.badge(value) + markdown + self.draft_notice(value, markdown)

    def lead(self, value: Text | None) -> str:
        """The first paragraph of a Markdown text: a summary where the whole text has its own page."""
        return self.md(value).split("\n\n", 1)[0].strip() if value is not None else ""

    def badge(self, value: Any) -> str:
        """«Intern» before content only staff see (the public edition has none of it)."""
        if self.edition == "staff" and getattr(value, "visibility", "public") == "internal":
            return f'<span class="sp-internal">{self.t("internal")}</span> '
        return ""

    def draft_notice(self, value: Any, markdown: str = "", inside_other_lang: bool = False) -> str:
        """A discreet notice after a machine translation nobody has reviewed, so it is never taken for a reviewed text.

        Inside a passage marked as the other written standard the notice says its own language.
        """
        if not isinstance(value, Text) or not value.is_machine_draft(self.lang):
            return ""
        lang = f' lang="{self.lang}"' if inside_other_lang else ""
        notice = f'<small class="sp-machine-draft"{lang}>({self.t("machine_draft")})</small>'
        last = markdown.rstrip().rsplit("\n", 1)[-1]
        # After a table row or a code block the notice needs a paragraph of its own.
        return ("\n\n" if last.lstrip().startswith(("|", "```", "~~~")) or last.startswith("    ") else " ") + notice

    def html(self, value: Text | None) -> str:
        """Markdown from the data rendered to HTML, for table cells."""
        if value is None:
            return ""
        return _to_html(self.md(value))

    def name(self, value: Text | str | None) -> str:
        """A name: the same in both written standards (a plain string), or in this one (a text)."""
        if value is None:
            return ""
        return self.text(value) if isinstance(value, Text) else escape_plain(value)

    def publisher(self, resource: Any) -> str:
        """Who stands behind a resource, unless it only repeats the title («Statped – Statped»)."""
        publisher = resource.publisher
        written = publisher[self.lang] if isinstance(publisher, Text) else publisher
        if not written or written.strip().casefold() == resource.title[self.lang].strip().casefold():
            return ""
        return self.name(publisher)

    def role(self, role_id: str) -> str:
        return self.text(self._roles[role_id].name)

    def roles(self, role_ids: list[str], conjunction: str = "and") -> str:
        """«rektor og kontaktlærer»; with «or»: any one of them, «rektor eller kontaktlærer»."""
        return self.join([self.role(r) for r in role_ids], conjunction)

    def join(self, items: list[str], conjunction: str = "and") -> str:
        return join(list(items), self.lang, conjunction)

    def timing(self, timing: Any) -> str:
        return escape_plain(describe_timing(timing, self.lang)) if timing is not None else ""

    def next_stages(self, stage: Any) -> list[str]:
        return self.plan.course.next_of(stage)

    def stage_roles(self, stage: Any) -> list[str]:
        return [stage.role] if stage.role is not None else list(stage.roles)

    def step_label(self, step: Any) -> str:
        """«**Rektor eller kontaktlærer – straks:** », or as much of it as the plan says."""
        who = self.roles(step.who, "or") if step.who else ""
        when = self.deadline(step.deadline) if step.deadline is not None else ""
        label = " – ".join(part for part in (who, when) if part)
        return f"**{label[:1].upper()}{label[1:]}:** " if label else ""

    def labelled(self, key: str, value: Text | None) -> str:
        """A text under a label: «**Slik gjør dere det.** Text.», or the label on a line of its own when the text
        is more than one paragraph or starts with a list (so the two never run together)."""
        if value is None:
            return ""
        markdown = self.md(value)
        label = self.t(key)
        first = markdown.lstrip().split("\n", 1)[0]
        if "\n\n" in markdown.strip() or re.match(r"^(\s*([-*+]|\d+\.)\s|#|>|\||<)", first):
            return f"**{label}:**\n\n{markdown}"
        return f"**{label}.** {markdown}"

    def bare(self, item: Any) -> bool:
        """An item that is only its title (a line of a plan's bare list): shown as a list item, not a section."""
        return not any(filled(getattr(item, name)) for name in type(item).model_fields if name not in _NAMING_FIELDS)

    def shown(self, page_name: str) -> bool:
        """Whether this edition of the handbook has the page (a part the plan leaves out has none)."""
        return page_name in self.site.page_names

    def url(self, address: Any) -> str:
        """A web address from the data, safe inside a Markdown link (it is checked when read; this is a second lock)."""
        return re.sub(r"[()\[\]{}<>\"'` \\]", lambda m: f"%{ord(m[0]):02X}", str(address))

    def figure(self, figure: Any) -> str:
        """An image from the data folder with its alternative text and caption."""
        if figure is None:
            return ""
        caption = f"\n<figcaption>{self.text(figure.caption)}</figcaption>" if figure.caption else ""
        return (
            f'<figure class="sp-figure" markdown>\n![{escape_plain(figure.alt[self.lang])}]({self.href(figure.file)})'
            f"{caption}\n</figure>"
        )

    def see_also(self, see_also: Any) -> str:
        """«*Se også: …*» with a link to each part of the plan named."""
        if see_also is None:
            return ""
        links = [
            self.ref(kind, item_id)
            for field, kind in SEE_ALSO_KINDS.items()
            for item_id in getattr(see_also, field)
        ]
        return f"*{self.t('see_also')}: {self.join(links)}*" if links else ""

    def revision_overdue(self) -> bool:
        """Whether the plan's next revision date has passed (at the build's time)."""
        revision = self.plan.school.plan.next_revision
        return revision is not None and revision < self.site.today

    def prevention_groups(self) -> list["ItemGroup"]:
        """Preventive work by level (school, class, individual), then under the plan's own headings."""
        return item_groups(self, self.plan.prevention.measures, ("skole", "klasse", "individ"), "prevention.levels")

    def measure_groups(self) -> list["ItemGroup"]:
        """The measures for cases by level (individual, group, school), then under the plan's own headings."""
        return item_groups(self, self.plan.measures.measures, ("individ", "gruppe", "skole"), "measures.levels", "niva-")

    def resource_groups(self) -> list[Any]:
        """Resources by topic, in the order of the topics; those without one last, with no heading."""
        from types import SimpleNamespace

        resources = self.plan.resources.resources
        groups = [
            SimpleNamespace(topic=topic, items=[r for r in resources if r.topic == topic.id])
            for topic in self.plan.resources.topics
        ]
        groups.append(SimpleNamespace(topic=None, items=[r for r in resources if r.topic is None]))
        return [g for g in groups if g.items]

    def deadline(self, deadline: Any) -> str:
        return escape_plain(describe_deadline(deadline, self.lang))

    def day(self, day: Any) -> str:
        return format_day(day, self.lang)

    def law(self, ref: LawRef) -> str:
        return f"[{escape_plain(ref.label(self.lang))}]({ref.url})"

    def laws(self, refs: list[LawRef]) -> str:
        return self.join([self.law(r) for r in refs])

    def inline(self, value: Text | None) -> str:
        """Markdown from the data on one line, for a table cell: paragraphs and list items become <br>."""
        if value is None:
            return ""
        blocks: list[str] = []
        for paragraph in re.split(r"\n\s*\n", self.md(value)):
            lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
            is_list = bool(lines) and re.match(r"^([-*]|\d+\.) ", lines[0]) is not None
            current: list[str] = []
            for line in lines:
                item = re.match(r"^([-*]|\d+\.) (.*)$", line) if is_list else None
                if item:
                    if current:
                        blocks.append(" ".join(current))
                    bullet = "•" if item[1] in "-*" else item[1]
                    current = [f"{bullet} {item[2]}"]
                else:
                    current.append(line)
            if current:
                blocks.append(" ".join(current))
        return "<br>".join(blocks).replace("|", "\\|")

    def audience(self, activity: Any) -> str:
        """«foresatte, elever (5.–7. trinn)»."""
        text = self.join([self.t(f"calendar.audiences.{a}") for a in activity.audience])
        if not activity.audience and not activity.grades:
            return ""
        if activity.grades:
            g = activity.grades
            grades = (
                self.t("calendar.grade", first=g.first)
                if g.first == g.last
                else self.t("calendar.grades", first=g.first, last=g.last)
            )
            text = f"{text} ({grades})" if text else grades
        return text

    # --- the årshjul: dates this school year, and the feeds -------------------------
    @property
    def site_root(self) -> str:
        """The absolute address above both written standards of this edition (feeds need absolute URLs)."""
        return self.site.root_url

    def current_year(self) -> Any:
        return self.site.school_year

    def dates(self, activity: Any) -> str:
        """The activity's dates in the current school year, as a reader wants them next to «uke 40».

        The same as the feed (the rules in skoleplan/resolve/dates.py): each stretch of days, «dato
        kommer» for markers, nothing for what is no calendar event («ved behov», «hele året»).
        """
        from ..resolve.dates import NO_EVENTS, dates_of, stretches

        year = self.current_year()
        if year is None or activity.timing is None:
            return ""
        resolved = dates_of(activity, year)
        if resolved.recurrence is not None:
            r = resolved.recurrence
            return format_range(r.first, r.last, self.lang)
        if resolved.unscheduled in NO_EVENTS:
            return ""
        if resolved.unscheduled == "no_school_days":  # a week in the autumn holiday: this year, but no school
            return self.t("calendar.no_school_days")
        if resolved.unscheduled:
            return self.t("calendar.not_this_year")
        if resolved.vague:
            return self.t("calendar.date_later")
        return describe_days(stretches(resolved, year), self.lang)

    def year_label(self) -> str:
        year = self.current_year()
        return f"{year.first_day.year}–{year.last_day.year}" if year else ""

    @property
    def private_feeds(self) -> bool:
        """Whether the staff feeds also stand at a secret address outside the login (README)."""
        return self.site.private_feeds is not None

    def feeds(self, private: bool = False) -> list[dict[str, Any]]:
        """Each calendar feed with its ways to subscribe and a QR code of the subscribe address;
        `private`: the staff feeds at their secret address outside the login."""
        from .ical import FEEDS, TEXTS, qr_svg, subscribe_links

        root = self.site.private_feeds if private else self.site_root
        if root is None:
            return []
        school = self.plan.school.school.name[self.lang]
        feeds = []
        for feed in FEEDS:
            links = subscribe_links(root, self.lang, feed)
            title = TEXTS[self.lang]["feed_name"][feed].format(school=school)
            feeds.append(
                {
                    "id": feed,
                    "title": escape_plain(title),
                    "label": self.t(f"feeds.names.{feed}"),
                    "links": links,
                    "qr": qr_svg(links.webcal, self.t("feeds.qr_title", name=title)),
                }
            )
        return feeds

    def course_diagram(self) -> str:
        """The course of a case as an SVG flow chart (made at build time): each box a link to its step."""
        from .diagram import layout

        course = self.plan.course
        stages = course.stages
        titles = {s.id: f"{i}. {s.title[self.lang]}" for i, s in enumerate(stages, start=1)}
        notes = {}
        for stage in stages:
            roles = [self._roles[r].name[self.lang] for r in self.stage_roles(stage)]
            who = join(roles, self.lang, "or")
            deadline = describe_deadline(stage.deadline, self.lang) if stage.deadline else ""
            note = " – ".join(part for part in (who, deadline) if part)
            notes[stage.id] = note[:1].upper() + note[1:]
        branch = {"forward": self.t("course.branch_forward"), "back": self.t("course.branch_back")}
        template = self.env.get_template("saksgang.svg.j2")
        return template.render(
            d=layout(stages, titles, notes, {s.id: course.next_of(s) for s in stages}, branch),
            title=self.t("course.diagram"),
        )

    def whole_plan_pdf(self) -> str:
        """The address of the whole plan as PDF from this page, as the browser reads it, or "" when the build
        makes no PDF (`skoleplan build --pdf`; render/pdf.py). For a raw HTML link: the PDF is made after
        MkDocs has built the pages, so MkDocs has no file to point a Markdown link at."""
        from .glossary import relative_href
        from .pdf import pdf_name

        if not self.site.pdf:
            return ""
        folder = relative_href(self.page_path, "hele-planen.md", "")
        return ("" if folder == "./" else folder) + pdf_name(self.lang)  # on «Hele planen» itself: the file's name

    def calendar_page(self) -> Any:
        """The årshjul for people: cards by month, filters, «now» and the wheel (render/calendar_page.py)."""
        from .calendar_page import calendar_page

        return calendar_page(self)

    def calendar_groups(self) -> list["CalendarGroup"]:
        """The årshjul month by month, from August to July; «the whole year» last."""
        return calendar_groups(self.plan, self.lang)

    # --- links between pages --------------------------------------------------
    def href(self, target: str) -> str:
        """A link from the current page to `target` (a source path, optionally with #anchor)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.page_path) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def item_href(self, kind: str, item_id: str) -> str:
        """Where an item is shown: its own page (a sub-duty), else its anchor on its kind's page (site.PAGES)."""
        own_page = item_page(kind)
        if own_page is not None:
            return self.href(own_page.format(slug=item_slug(self.item(kind, item_id))))
        return self.href(f"{BY_NAME[KINDS[kind].page].path}#{item_id}")

    def item(self, kind: str, item_id: str) -> Any:
        return self.site.item(kind, item_id)

    def ref(self, kind: str, item_id: str) -> str:
        """A Markdown link to an item, titled with the item's title in this language."""
        item = self.item(kind, item_id)
        title = getattr(item, "title", None) or getattr(item, "term", None) or getattr(item, "what", None)
        return f"[{self.text(title)}]({self.item_href(kind, item_id)})"

    def refs(self, kind: str, item_ids: list[str]) -> str:
        return self.join([self.ref(kind, i) for i in item_ids])

    def duty_href(self, kind: str) -> str:
        return self.href(item_page("duty").format(slug=DUTY_SLUGS[kind]))


# What names an item or places it; the rest is what it says (a bare item has none of that).
_NAMING_FIELDS = frozenset({"id", "visibility", "title", "what", "term", "group", "level"})

SEE_ALSO_KINDS = {
    "duties": "duty", "stages": "stage", "measures": "measure", "prevention": "prevention",
    "activities": "activity", "concepts": "concept", "resources": "resource", "chapters": "chapter",
}


@dataclass
class ItemGroup:
    key: str  # the heading's anchor
    label: str
    items: list[Any]


def item_groups(
    c: PageContext, items: list[Any], levels: tuple[str, ...], labels: str, anchor: str = ""
) -> list[ItemGroup]:
    """Items under a heading each: their level, in `levels` order; then the plan's own `group` headings, in the
    order they first appear; items with neither last, under «Andre» (no heading when there is no other)."""
    groups = [ItemGroup(f"{anchor}{level}", c.t(f"{labels}.{level}"), [i for i in items if i.level == level]) for level in levels]
    own: dict[str, ItemGroup] = {}
    for item in items:
        if item.level is None and item.group is not None:
            label = item.group[c.lang]
            own.setdefault(label, ItemGroup(slug(label), escape_plain(label), [])).items.append(item)
    groups += own.values()
    rest = [i for i in items if i.level is None and i.group is None]
    groups = [g for g in groups if g.items]
    if rest:  # under «Andre» after other headings; with none, a plain list needs no heading
        groups.append(ItemGroup("andre", c.t("other") if groups else "", rest))
    return groups


def slug(text: str) -> str:
    """An anchor from a heading: lower case, Norwegian letters kept, other signs as hyphens."""
    return re.sub(r"[^a-z0-9æøå]+", "-", text.lower()).strip("-") or "gruppe"


@dataclass
class CalendarGroup:
    key: str
    label: str  # the heading: «Oktober», «I løpet av høsten»
    activities: list[Any]
    name: str = ""  # as it stands inside a phrase: «oktober», «høsten» («Årshjul for høsten»)


def nominal_month(timing: Any, first_year: int) -> int | str | None:
    """The month an activity is listed under on the page, or «høst»/«vår»/«year»; None for a timing that
    names no time («ved behov», «ikke bestemt»), listed with the activities without one."""

    from ..model.timing import (
        AsNeeded, Daily, DateRange, EveryTerm, EveryWeek, Months, NearHoliday, OneDate, Relative, SeveralDates,
        Term, TimesPerYear, TimingText, Undecided, Weekly, Weeks, WholeYear,
    )

    match timing:
        case OneDate():
            return timing.date.month
        case SeveralDates():
            return timing.dates[0].month
        case DateRange():
            return timing.start.month
        case Weeks():
            week = timing.numbers[0]
            year = first_year if week >= 31 else first_year + 1
            return dt.date.fromisocalendar(year, min(week, 52), 4).month
        case Months():
            return timing.numbers[0]
        case Term():
            return timing.term
        case Relative():
            return 6 if timing.relative.startswith("siste") else 8
        case NearHoliday():
            before = timing.relation in ("før", "uka-før", "siste-skoledag-før")
            return HOLIDAY_MONTHS[timing.holiday][0 if before else 1]
        case TimesPerYear() if timing.months:
            return "year"
        case WholeYear() | Weekly() | TimesPerYear() | Daily() | EveryWeek() | EveryTerm():
            return "year"
        case AsNeeded() | Undecided() | TimingText():
            return None
    raise TypeError(type(timing).__name__)  # pragma: no cover


SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)
# The months a holiday's «before» and «after» usually fall in, for the årshjul's month headings.
HOLIDAY_MONTHS = {
    "høstferie": (9, 10), "juleferie": (12, 1), "vinterferie": (2, 3), "påskeferie": (3, 4), "sommerferie": (6, 8),
}


def calendar_groups(plan: Plan, lang: Lang) -> list[CalendarGroup]:
    """The årshjul month by month from August, the terms and «the whole year»; then what has no fixed time,
    under the plan's own headings (`group`) or «Uten fast tidspunkt»."""
    years = plan.school_calendar.school_years
    first_year = years[0].first_year if years else 2000  # only to tell which month a week number falls in
    buckets: dict[int | str, list[Any]] = {}
    untimed: dict[str, tuple[str, list[Any]]] = {}  # anchor → (heading, activities), in the file's order
    for activity in plan.calendar.activities:
        month = nominal_month(activity.timing, first_year) if activity.timing is not None else None
        if month is not None:
            buckets.setdefault(month, []).append(activity)
        else:
            heading = activity.group[lang] if activity.group is not None else words(lang)["labels"]["calendar"]["untimed"]
            untimed.setdefault(slug(heading), (heading, []))[1].append(activity)
    labels = words(lang)["labels"]["calendar"]
    months = words(lang)["months"]
    names = labels["period_names"]
    order: list[tuple[int | str, str, str, str]] = [(m, months[m - 1], months[m - 1], months[m - 1]) for m in SCHOOL_YEAR_MONTHS[:5]]
    order += [("høst", "hosten", labels["autumn"], names["høst"])]
    order += [(m, months[m - 1], months[m - 1], months[m - 1]) for m in SCHOOL_YEAR_MONTHS[5:]]
    order += [("vår", "varen", labels["spring"], names["vår"])]
    order += [("year", "hele-aret", labels["through_year"], names["year"])]
    groups = [CalendarGroup(key, label, buckets[k], name) for k, key, label, name in order if k in buckets]
    taken = {g.key for g in groups}
    default = slug(labels["untimed"])  # the plan's own headings first, «Uten fast tidspunkt» last
    for anchor, (heading, activities) in sorted(untimed.items(), key=lambda entry: entry[0] == default):
        name = heading[:1].lower() + heading[1:] if heading[1:2].islower() else heading  # «for hvert år», «for SFO»
        key = anchor if anchor not in taken else f"{anchor}-2"
        groups.append(CalendarGroup(key, escape_plain(heading), activities, html.escape(name, quote=True)))
    return groups


def _to_html(markdown_text: str) -> str:
    rendered = python_markdown.markdown(markdown_text, extensions=["attr_list"])
    # A single paragraph in a table cell needs no <p>.
    if rendered.count("<p>") == 1 and rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return rendered


class PageRenderer:
    """Compiles the page templates once and renders any page of the plan."""

    def __init__(self, template_dirs: list[Path]):
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            # Markdown templates: values are escaped by the context's helpers; SVG templates: by Jinja.
            autoescape=jinja2.select_autoescape(enabled_extensions=("svg.j2",), default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=True,
            # «{#id}» (an attribute list) is common in the Markdown these templates write.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters["capfirst"] = lambda s: s[:1].upper() + s[1:] if s else s
        self.env.filters["prefix"] = lambda s, prefix: prefix + s
        self.env.filters["label"] = lambda key, c: c.t(key)
        self.env.filters["mdesc"] = escape_plain
        # An address may break after its «@» (a table's column is then no wider than its longest half).
        self.env.filters["email"] = lambda address: escape_plain(address).replace("@", "@<wbr>")
        self.env.tests["contains"] = lambda seq, value: value in seq

    def render(self, name: str, site: BuildContext, page_path: str, **extra: Any) -> str:
        """The Markdown of one page of `site` from the template `<name>.md.j2`, standing at `page_path`."""
        context = PageContext(site, page_path, self.env)
        plan, lang = context.plan, context.lang
        try:
            template = self.env.get_template(f"{name}.md.j2")
        except jinja2.TemplateNotFound:
            raise RenderError(f"fant ingen sidemal «{name}.md.j2» i {', '.join(self.env.loader.searchpath)}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"sidemalen {exc.filename}, linje {exc.lineno}: {exc.message}") from None
        try:
            return template.render(c=context, plan=plan, lang=lang, **extra)
        except (jinja2.TemplateError, KeyError, AttributeError, TypeError) as exc:
            raise RenderError(f"siden «{name}» kunne ikke lages: {type(exc).__name__}: {exc}") from exc


def markdown_to_html(text: str) -> str:
    """Exposed for templates of other generators that take HTML."""
    return _to_html(escape_markdown(text))


__all__ = ["PageContext", "PageRenderer", "RenderError", "escape_markdown", "escape_plain", "html"]
