"""The handbook's pages in one registry: the navigation, the generated pages and the tests' page lists come from it.

A page is made from a template (`overrides/pages/<name>.md.j2`) and the plan; it
stands at `path` in both written standards. A page registered with `each` is
made once per item of that kind (one page per sub-duty), and a page whose part
of the plan is empty in an edition is not made at all (no contact is public:
no contact page on the public site). Nothing here knows a site generator.

Adding a page: its template, its labels (`labels.pages.<name>` in
`skoleplan/locale/nb.yaml` and `nn.yaml` if it heads a section) and a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .model import Item, Plan
from .model.plan import DUTY_KINDS, Duty
from .model.registry import items_of

DUTY_SLUGS = {kind: kind.replace("ø", "o") for kind in DUTY_KINDS}


@dataclass(frozen=True)
class Page:
    """One page of the handbook, or one page per item of a kind (`each`)."""

    name: str  # the template overrides/pages/<name>.md.j2
    path: str  # where it stands, as a Markdown source path below each language («aarshjul.md»); `{slug}` with `each`
    section: str | None = None  # the navigation section it belongs to (its title: labels.pages.<section>)
    each: str | None = None  # an item kind: one page per item («duty»)
    shown: Callable[[Plan], bool] | None = None  # made only when this says the edition has something to show


def item_slug(item: Item) -> str:
    """The last part of the address of an item's own page: a sub-duty's kind («folge-med»)."""
    return DUTY_SLUGS[item.kind] if isinstance(item, Duty) else item.id


def filled(value: Any) -> bool:
    """Whether a part of the plan has anything to show (a file left out is its model, empty)."""
    if isinstance(value, BaseModel):
        return any(filled(getattr(value, name)) for name in type(value).model_fields if name != "visibility")
    return bool(value)


# The handbook in reading order: what a parent needs first, then what staff need, then reference.
# A page of a part a plan may leave out is made only when that part has something to show.
PAGES: tuple[Page, ...] = (
    Page("forside", "index.md"),
    Page("foresatte", "foresatte.md", shown=lambda plan: filled(plan.parents)),
    Page("rettigheter", "rettigheter.md", shown=lambda plan: filled(plan.rights)),
    Page("aktivitetsplikt", "aktivitetsplikt/index.md", section="aktivitetsplikt"),
    Page("plikt", "aktivitetsplikt/{slug}.md", section="aktivitetsplikt", each="duty"),
    Page("saksgang", "saksgang.md", shown=lambda plan: filled(plan.course)),
    Page("aktivitetsplan", "aktivitetsplan.md"),
    Page("tiltak", "tiltak.md", shown=lambda plan: filled(plan.measures)),
    Page("forebygging", "forebygging.md", shown=lambda plan: filled(plan.prevention)),
    Page("aarshjul", "aarshjul.md", shown=lambda plan: filled(plan.calendar)),
    Page("begreper", "begreper.md", shown=lambda plan: filled(plan.concepts)),
    Page("medvirkning", "medvirkning.md", shown=lambda plan: filled(plan.participation)),
    Page("handheving", "handheving.md", shown=lambda plan: filled(plan.enforcement)),
    Page("kapittel", "kapitler/{slug}.md", each="chapter"),  # placed by each chapter's `after` (see `nav`)
    Page("ressurser", "ressurser.md", shown=lambda plan: filled(plan.resources)),
    Page("kontakt", "kontakt.md", shown=lambda plan: bool(plan.contacts.contacts)),
    Page("om-planen", "om-planen.md", shown=lambda plan: filled(plan.school.plan) or plan.school.vision is not None),
    # The whole plan on one page, for print: filled in from the built pages after the build (render/whole_plan.py).
    Page("hele-planen", "hele-planen.md"),
    Page("tilgjengelighet", "tilgjengelighet.md", shown=lambda plan: plan.school.accessibility is not None),
)
BY_NAME: dict[str, Page] = {page.name: page for page in PAGES}


@dataclass(frozen=True)
class PagePlace:
    """A page as made for one plan: the registry row, its path, and its item for a page per item."""

    page: Page
    path: str
    item: Any = None


def pages_of(plan: Plan) -> list[PagePlace]:
    """Every page the handbook of this plan (in this edition) has, in reading order."""
    places: list[PagePlace] = []
    for page in PAGES:
        if page.shown is not None and not page.shown(plan):
            continue
        if page.each is None:
            places.append(PagePlace(page, page.path))
            continue
        items = items_of(plan, page.each)
        if page.each == "duty":  # in the order the law lists them, whatever the order of the file
            items = sorted(items, key=lambda duty: DUTY_KINDS.index(duty.kind))
        places += [PagePlace(page, page.path.format(slug=item_slug(item)), item) for item in items]
    return places


def item_page(kind: str) -> str | None:
    """The path of the page of a kind's own items («duty» → «aktivitetsplikt/{slug}.md»), if it has one."""
    return next((page.path for page in PAGES if page.each == kind), None)


def reading_order(places: list[PagePlace]) -> list[PagePlace]:
    """The pages in the order of the navigation: a chapter after the page (or chapter) its `after` names."""
    order = [p for p in places if p.page.each != "chapter"]
    chapters = [p for p in places if p.page.each == "chapter"]
    for place in chapters:
        after = place.item.after
        anchor = next(
            (i for i, p in enumerate(order) if p.page.name == after or (p.item is not None and getattr(p.item, "id", None) == after and p.page.each == "chapter")),
            None,
        )
        if anchor is None:  # not named, or named later in the list: before the reference pages at the end
            anchor = next(i for i, p in enumerate(order) if p.page.name in ("ressurser", "kontakt", "om-planen")) - 1
        while anchor + 1 < len(order) and order[anchor + 1].page.each == "chapter" and order[anchor + 1] in chapters:
            anchor += 1  # after the chapters already placed there, in the file's order
        order.insert(anchor + 1, place)
    return order


def nav(places: list[PagePlace], section_titles: dict[str, str]) -> list[tuple[str | None, list[str]]]:
    """The navigation: (section title or None, page paths), in reading order, each section where its first page is."""
    entries: list[tuple[str | None, list[str]]] = []
    sections: dict[str, list[str]] = {}
    for place in reading_order(places):
        section = place.page.section
        if section is None:
            entries.append((None, [place.path]))
        elif section in sections:
            sections[section].append(place.path)
        else:
            sections[section] = [place.path]
            entries.append((section_titles[section], sections[section]))
    return entries


def page_paths(plan: Plan) -> list[str]:
    """Every page's path below a language («aarshjul.md»), in the order of the navigation."""
    return [place.path for place in reading_order(pages_of(plan))]


def url_of(path: str) -> str:
    """A page's address below its language, as MkDocs makes it with directory URLs («aarshjul/», «»)."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def own_page_path(source: str, lang: str) -> str | None:
    """Where a page the school wrote in docs/ stands on the site in `lang` (None: not on that site).

    «side.nb.md» is «side.md» on the Bokmål site and not on the Nynorsk one; «side.md» is on both.
    """
    stem, dot, suffix = source.rpartition(".")
    base, _, variant = stem.rpartition(".")
    if not dot or not base or variant not in ("nb", "nn"):
        return source
    return f"{base}.{suffix}" if variant == lang else None


def own_pages(docs_dir: Path, lang: str, edition: str = "staff") -> list[str]:
    """The school's own pages on the site in `lang` and `edition`, as paths below the language («ny-ansatt.md»)."""
    found = (
        (own_page_path(p.relative_to(docs_dir).as_posix(), lang), p) for p in sorted(docs_dir.rglob("*.md"))
    )
    return [path for path, file in found if path is not None and own_page_in_edition(file, edition)]


class OwnPageError(ValueError):
    """A school's own page whose front matter cannot be read; the message is Norwegian (the caller names the file)."""


def own_page_in_edition(file: Path, edition: str) -> bool:
    """Whether a page in docs/ is on the `edition`'s site: `visibility: internal` in its front matter keeps it
    to the staff edition (a page for new staff, internal routines), as the same key does in the data."""
    if edition == "staff":
        return True
    text = file.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        return True
    head, end, _ = text[3:].partition("\n---")
    try:
        meta = yaml.safe_load(head) if end else None
    except yaml.YAMLError:
        raise OwnPageError("toppteksten mellom --- og --- er ikke gyldig YAML") from None
    visibility = meta.get("visibility", "public") if isinstance(meta, dict) else "public"
    if visibility not in ("public", "internal"):
        raise OwnPageError(f"visibility er «{visibility}»; forventet public eller internal")
    return visibility == "public"
