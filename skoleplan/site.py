"""What any site generator needs from the core: the plan for one edition, its pages and navigation.

MkDocs reaches the core only through `macros/main.py`; a move to another
generator replaces that file, not this one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .model import Plan
from .model.base import Lang
from .model.plan import DUTY_KINDS
from .render.pages import DUTY_SLUGS, PageRenderer, RenderError
from .resolve.edition import Edition, for_edition
from .resolve.text import words
from .validate import load_plan

_cache: dict[Path, tuple[tuple, Plan]] = {}
_pinned: dict[Path, Plan] = {}  # set by the build: every page of one build comes from one reading of the plan


def _fingerprint(data_dir: Path) -> tuple:
    entries = []
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if entry.is_file():
            stat = entry.stat()
            entries.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def cached_plan(data_dir: Path) -> Plan:
    """The plan in `data_dir`, read again only when a file there has changed (live reload)."""
    data_dir = data_dir.resolve()
    if data_dir in _pinned:
        return _pinned[data_dir]
    stamp = _fingerprint(data_dir) if data_dir.is_dir() else ()
    hit = _cache.get(data_dir)
    if hit and hit[0] == stamp:
        return hit[1]
    plan = load_plan(data_dir)
    _cache[data_dir] = (stamp, plan)
    return plan


@contextmanager
def pinned_plan(data_dir: Path, plan: Plan) -> Iterator[None]:
    """While a build runs: `cached_plan(data_dir)` is `plan`, the reading the build began with."""
    key = Path(data_dir).resolve()
    _pinned[key] = plan
    try:
        yield
    finally:
        _pinned.pop(key, None)


_renderers: dict[Path, PageRenderer] = {}


def page_renderer(template_dir: Path) -> PageRenderer:
    """One renderer per template folder and process: templates are compiled once, not once per build.

    The renderer reloads a template whose file has changed (`mkdocs serve`).
    """
    key = Path(template_dir).resolve()
    if key not in _renderers:
        from .render.template_cache import use_bytecode_cache

        _renderers[key] = PageRenderer([key])
        use_bytecode_cache(_renderers[key].env)  # compiled once per machine, not once per build worker
    return _renderers[key]


@dataclass(frozen=True)
class Page:
    """One page of the handbook: its source stub in docs/ and the template that fills it."""

    path: str
    template: str
    duty_kind: str | None = None


DUTY_PAGES = tuple(Page(f"aktivitetsplikt/{DUTY_SLUGS[kind]}.md", "plikt", kind) for kind in DUTY_KINDS)

# The handbook in reading order: what a parent needs first, then what staff need, then reference.
PAGES: tuple[Page | tuple[str, tuple[Page, ...]], ...] = (
    Page("index.md", "forside"),
    Page("foresatte.md", "foresatte"),
    Page("rettigheter.md", "rettigheter"),
    ("aktivitetsplikt", (Page("aktivitetsplikt/index.md", "aktivitetsplikt"), *DUTY_PAGES)),
    Page("saksgang.md", "saksgang"),
    Page("aktivitetsplan.md", "aktivitetsplan"),
    Page("tiltak.md", "tiltak"),
    Page("forebygging.md", "forebygging"),
    Page("aarshjul.md", "aarshjul"),
    Page("begreper.md", "begreper"),
    Page("medvirkning.md", "medvirkning"),
    Page("handheving.md", "handheving"),
    Page("ressurser.md", "ressurser"),
    Page("kontakt.md", "kontakt"),
    Page("om-planen.md", "om-planen"),
    Page("hele-planen.md", "hele-planen"),
    Page("tilgjengelighet.md", "tilgjengelighet"),
)


def all_pages() -> list[Page]:
    pages: list[Page] = []
    for entry in PAGES:
        pages.extend(entry[1] if isinstance(entry, tuple) else [entry])
    return pages


_HEADING_OR_BLANK = re.compile(r"^(#{1,6} .*|\s*|</?div[^>]*>|</?section[^>]*>)$")


def is_empty(markdown: str) -> bool:
    """True when a rendered page has headings but nothing under them."""
    return all(_HEADING_OR_BLANK.match(line) for line in markdown.splitlines())


class Handbook:
    """The pages of one school's handbook, in one written standard, for one edition."""

    def __init__(self, project_dir: Path, lang: Lang, data_dir: Path | None = None, edition: Edition = "public"):
        self.project_dir = project_dir
        self.lang = lang
        self.edition = edition
        self.plan = for_edition(cached_plan(data_dir or project_dir / "data"), edition)
        self.renderer = page_renderer(project_dir / "overrides" / "pages")

    @property
    def site_name(self) -> str:
        return self.plan.school.school.name[self.lang]

    @staticmethod
    def root_url(plan: Plan, edition: Edition) -> str:
        """The address above both written standards of an edition."""
        school = plan.school.school
        root = str(school.site_url).rstrip("/") + "/"
        if edition == "staff":
            root = str(school.staff_site_url or f"{root}intern/").rstrip("/") + "/"
        return root

    def site_url(self) -> str:
        """This language's address in this edition."""
        return f"{self.root_url(self.plan, self.edition)}{self.lang}/"

    def write_feeds(self, site_dir: Path) -> None:
        """The feeds of this language into a built language site (for `mkdocs serve`; no lock file)."""
        from .render.ical import render_feeds

        for relative, content in render_feeds(
            self.plan, self.lang, self.root_url(self.plan, self.edition), lock_path=None
        ).items():
            path = site_dir / relative.removeprefix(f"{self.lang}/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def hidden_pages(self) -> list[str]:
        """Pages with nothing to show in this edition (a duty or all contacts marked internal)."""
        present = {d.kind for d in self.plan.duties.duties}
        hidden = [p.path for p in DUTY_PAGES if p.duty_kind not in present]
        if not self.plan.contacts.contacts:
            hidden.append("kontakt.md")
        return hidden

    def nav(self) -> list:
        """The navigation, with section titles in this language, without hidden pages."""
        hidden = set(self.hidden_pages())
        titles = words(self.lang)["labels"]["pages"]
        nav: list = []
        for entry in PAGES:
            if isinstance(entry, tuple):
                name, pages = entry
                nav.append({titles[name]: [p.path for p in pages if p.path not in hidden]})
            elif entry.path not in hidden:
                nav.append(entry.path)
        return nav

    def accessibility_footer(self) -> dict[str, str | None]:
        """What every page's footer shows: the link to the accessibility statement and where to give feedback."""
        labels = words(self.lang)["labels"]
        feedback = self.plan.school.accessibility.feedback
        return {
            "page": "tilgjengelighet/",
            "title": labels["pages"]["tilgjengelighet"],
            "feedback": labels["accessibility"]["footer_feedback"],
            "email": feedback.email,
            "phone": feedback.phone,
        }

    def page(self, name: str, page_path: str) -> str:
        return self.renderer.render(name, self.plan, self.lang, page_path, edition=self.edition)

    def duty_page(self, kind: str, page_path: str) -> str:
        if kind not in DUTY_KINDS:
            raise RenderError(f"ukjent delplikt «{kind}»; forventet en av: {', '.join(DUTY_KINDS)}")
        duty = next((d for d in self.plan.duties.duties if d.kind == kind), None)
        if duty is None:
            return ""
        return self.renderer.render("plikt", self.plan, self.lang, page_path, duty=duty, edition=self.edition)
