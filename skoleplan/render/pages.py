"""Render the handbook's pages from the plan, as Markdown, for one written standard.

The page templates live in `overrides/pages/` so that a school can change
them. Text from the YAML is passed to templates as values, never compiled as
a template, so `{{ 7*7 }}` in the data shows literally; raw HTML in the data
is escaped. The output is plain Markdown (with attribute lists and HTML
tables), independent of MkDocs: any static site generator that reads
Python-Markdown can publish it.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown as python_markdown

from ..model import Plan
from ..model.base import Lang, Text
from ..model.law import LawRef
from ..model.plan import DUTY_KINDS
from ..resolve.text import describe_deadline, describe_timing, format_day, format_range, words

DUTY_SLUGS = {kind: kind.replace("ø", "o") for kind in DUTY_KINDS}

# Where an item of each kind is shown: page source path and whether it has its own anchor.
ITEM_PAGES = {
    "activity": "aarshjul.md",
    "measure": "tiltak.md",
    "resource": "ressurser.md",
    "concept": "begreper.md",
    "stage": "saksgang.md",
    "prevention": "forebygging.md",
    "situation": "index.md",
    "topic": "ressurser.md",
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>&])")
_DANGEROUS_LINK = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)


class RenderError(Exception):
    """A page could not be rendered; the message names the data item."""


def escape_plain(text: str) -> str:
    """Plain text (a title, a name) made safe to stand anywhere in Markdown."""
    escaped = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m[1], "\\" + m[1]), text)
    return escaped.replace("\n", " ")


# The one attribute list the data may use: a passage's language, `{ lang=nb }` (after a paragraph, or
# after *emphasis* for a few words). It tells screen readers, and the written-standard check skips it.
_LANG_ONLY = re.compile(r"&#123;:?[ ]*lang=\"?([a-z]{2,3})\"?[ ]*&#125;")


def escape_markdown(text: str) -> str:
    """Markdown from the data: formatting kept, raw HTML, attribute lists (but `{ lang=nb }`) and script links defused."""
    text = text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")
    text = _LANG_ONLY.sub(lambda m: "{ lang=" + m[1] + " }", text)
    return _DANGEROUS_LINK.sub("](#", text)


@dataclass
class PageContext:
    """Everything a page template may use, for one plan, one language and one page."""

    plan: Plan
    lang: Lang
    page_path: str = "index.md"  # source path of the page being rendered, for relative links
    edition: str = "public"  # «staff» marks internal content visibly
    env: Any = None  # the template environment, for parts drawn by templates of their own (the diagram)
    _roles: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._roles = {role.id: role for role in self.plan.roles.roles}
        self._index = {
            (kind, item.id): item
            for kind, items in (
                ("activity", self.plan.calendar.activities),
                ("measure", self.plan.measures.measures),
                ("resource", self.plan.resources.resources),
                ("concept", self.plan.concepts.concepts),
                ("stage", self.plan.course.stages),
                ("duty", self.plan.duties.duties),
                ("topic", self.plan.resources.topics),
                ("prevention", self.plan.prevention.measures),
            )
            for item in items
        }

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
        return self.badge(value) + markdown + self.draft_notice(value, markdown)

    def lead(self, value: Text | None) -> str:
        """The first paragraph of a Markdown text: a summary where the whole text has its own page."""
        return self.md(value).split("\n\n", 1)[0].strip() if value is not None else ""

    def badge(self, value: Any) -> str:
        """«Intern» before content only staff see (the public edition has none of it)."""
        if self.edition == "staff" and getattr(value, "visibility", "public") == "internal":
            return f'<span class="sp-internal">{self.t("internal")}</span> '
        return ""

    def draft_notice(self, value: Any, markdown: str = "") -> str:
        """A discreet notice after a machine translation nobody has reviewed, so it is never taken for a reviewed text."""
        if not isinstance(value, Text) or not value.is_machine_draft(self.lang):
            return ""
        notice = f'<small class="sp-machine-draft">({self.t("machine_draft")})</small>'
        last = markdown.rstrip().rsplit("\n", 1)[-1]
        # After a table row or a code block the notice needs a paragraph of its own.
        return ("\n\n" if last.lstrip().startswith(("|", "```", "~~~")) or last.startswith("    ") else " ") + notice

    def html(self, value: Text | None) -> str:
        """Markdown from the data rendered to HTML, for table cells."""
        if value is None:
            return ""
        return _to_html(self.md(value))

    def role(self, role_id: str) -> str:
        return self.text(self._roles[role_id].name)

    def roles(self, role_ids: list[str]) -> str:
        return self.join([self.role(r) for r in role_ids])

    def join(self, items: list[str]) -> str:
        from ..resolve.text import join

        return join(list(items), self.lang)

    def timing(self, timing: Any) -> str:
        return escape_plain(describe_timing(timing, self.lang))

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
        if activity.grades:
            g = activity.grades
            grades = (
                self.t("calendar.grade", first=g.first)
                if g.first == g.last
                else self.t("calendar.grades", first=g.first, last=g.last)
            )
            text += f" ({grades})"
        return text

    # --- the årshjul: dates this school year, and the feeds -------------------------
    @property
    def site_root(self) -> str:
        """The absolute address above both written standards of this edition (feeds need absolute URLs)."""
        from ..site import Handbook

        return Handbook.root_url(self.plan, self.edition)

    def current_year(self) -> Any:
        from ..resolve.dates import current_school_year

        return current_school_year(self.plan.school_calendar.school_years)

    def dates(self, activity: Any) -> str:
        """The activity's dates in the current school year, as a reader wants them next to «uke 40».

        The same as the feed (the rules in skoleplan/resolve/dates.py): each occurrence, with only a
        weekend between two of them written as one range; «dato kommer» for markers.
        """
        from ..resolve.dates import NO_EVENTS, resolve, shown_runs

        year = self.current_year()
        if year is None:
            return ""
        resolved = resolve(activity, year)
        if resolved.recurrence is not None:
            r = resolved.recurrence
            return format_range(r.first, r.last, self.lang)
        if resolved.unscheduled in NO_EVENTS:
            return ""
        if resolved.unscheduled:
            return self.t("calendar.not_this_year")
        if resolved.vague:
            return self.t("calendar.date_later")
        parts = [
            format_day(a, self.lang) if a == b else format_range(a, b, self.lang)
            for a, b in shown_runs(resolved.occurrences)
        ]
        return self.join(parts)

    def year_label(self) -> str:
        year = self.current_year()
        return f"{year.first_day.year}–{year.last_day.year}" if year else ""

    def feeds(self) -> list[dict[str, Any]]:
        """Each calendar feed with its ways to subscribe and a QR code of the subscribe address."""
        from .ical import FEEDS, TEXTS, qr_svg, subscribe_links

        school = self.plan.school.school.name[self.lang]
        feeds = []
        for feed in FEEDS:
            links = subscribe_links(self.site_root, self.lang, feed)
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
        """The course of a case as an SVG flow chart (made at build time, described in text for screen readers)."""
        from .diagram import layout

        stages = self.plan.course.stages
        titles = {s.id: f"{i}. {s.title[self.lang]}" for i, s in enumerate(stages, start=1)}
        notes = {}
        for stage in stages:
            role = self._roles[stage.role].name[self.lang]
            deadline = f" – {describe_deadline(stage.deadline, self.lang)}" if stage.deadline else ""
            notes[stage.id] = role[:1].upper() + role[1:] + deadline
        steps = "; ".join(titles[s.id] for s in stages)
        template = self.env.get_template("saksgang.svg.j2")
        return template.render(
            d=layout(stages, titles, notes),
            title=self.t("course.diagram"),
            description=steps,
        )

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
        if kind == "duty":
            duty = self._index[("duty", item_id)]
            return self.href(f"aktivitetsplikt/{DUTY_SLUGS[duty.kind]}.md")
        return self.href(f"{ITEM_PAGES[kind]}#{item_id}")

    def item(self, kind: str, item_id: str) -> Any:
        return self._index[(kind, item_id)]

    def ref(self, kind: str, item_id: str) -> str:
        """A Markdown link to an item, titled with the item's title in this language."""
        item = self._index[(kind, item_id)]
        title = getattr(item, "title", None) or getattr(item, "term", None)
        return f"[{self.text(title)}]({self.item_href(kind, item_id)})"

    def refs(self, kind: str, item_ids: list[str]) -> str:
        return self.join([self.ref(kind, i) for i in item_ids])

    def duty_href(self, kind: str) -> str:
        return self.href(f"aktivitetsplikt/{DUTY_SLUGS[kind]}.md")


@dataclass
class CalendarGroup:
    key: str
    label: str
    activities: list[Any]


def nominal_month(timing: Any, first_year: int) -> int | str:
    """The month an activity is listed under on the page, or «høst»/«vår»/«year»."""
    import datetime as dt

    from ..model.timing import (
        AsNeeded, Daily, DateRange, EveryTerm, EveryWeek, Months, NearHoliday, OneDate, Relative, SeveralDates,
        Term, TimesPerYear, Undecided, Weekly, Weeks, WholeYear,
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
        case WholeYear() | Weekly() | TimesPerYear() | Daily() | EveryWeek() | EveryTerm() | AsNeeded() | Undecided():
            return "year"
    raise TypeError(type(timing).__name__)  # pragma: no cover


SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)
# The months a holiday's «before» and «after» usually fall in, for the årshjul's month headings.
HOLIDAY_MONTHS = {
    "høstferie": (9, 10), "juleferie": (12, 1), "vinterferie": (2, 3), "påskeferie": (3, 4), "sommerferie": (6, 8),
}


def calendar_groups(plan: Plan, lang: Lang) -> list[CalendarGroup]:
    first_year = plan.school_calendar.school_years[0].first_year
    buckets: dict[int | str, list[Any]] = {}
    for activity in plan.calendar.activities:
        buckets.setdefault(nominal_month(activity.timing, first_year), []).append(activity)
    labels = words(lang)["labels"]["calendar"]
    months = words(lang)["months"]
    order: list[tuple[int | str, str, str]] = [(m, months[m - 1], months[m - 1]) for m in SCHOOL_YEAR_MONTHS[:5]]
    order += [("høst", "hosten", labels["autumn"])]
    order += [(m, months[m - 1], months[m - 1]) for m in SCHOOL_YEAR_MONTHS[5:]]
    order += [("vår", "varen", labels["spring"])]
    order += [("year", "hele-aret", labels["through_year"])]
    return [CalendarGroup(key, label, buckets[k]) for k, key, label in order if k in buckets]


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
        self.env.tests["contains"] = lambda seq, value: value in seq

    def render(self, name: str, plan: Plan, lang: Lang, page_path: str, edition: str = "public", **extra: Any) -> str:
        context = PageContext(plan, lang, page_path, edition, self.env)
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


__all__ = ["DUTY_SLUGS", "PageContext", "PageRenderer", "RenderError", "escape_markdown", "escape_plain", "html"]
