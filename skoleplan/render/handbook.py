"""The handbook of one site: every page of the page registry rendered to Markdown, and its navigation.

What any site generator needs from the core; the MkDocs glue (`macros/plugin.py`)
turns it into generated pages and a navigation, another generator would do the
same with its own API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import BuildContext
from ..errors import display_path
from ..model.plan import Figure
from ..model.walk import nodes
from ..resolve.text import words
from ..site import PagePlace, nav, pages_of
from .pages import PageRenderer
from .template_cache import use_bytecode_cache


@dataclass(frozen=True)
class RenderedPage:
    path: str  # Markdown source path below the language («aarshjul.md»)
    markdown: str

    @property
    def empty(self) -> bool:
        """Headings but nothing under them: everything on the page was internal, in the public edition."""
        return all(_HEADING_OR_BLANK.match(line) for line in self.markdown.splitlines())


_HEADING_OR_BLANK = re.compile(r"^(#{1,6} .*|\s*|</?div[^>]*>|</?section[^>]*>)$")


class Handbook:
    """The pages of one school's handbook, in one written standard, for one edition."""

    def __init__(self, context: BuildContext) -> None:
        self.context = context
        self.places: list[PagePlace] = pages_of(context.edition_plan)
        self.renderer = PageRenderer([context.templates])
        use_bytecode_cache(self.renderer.env, context.cache_dir)  # compiling our templates: a tenth of a build

    @property
    def site_name(self) -> str:
        return self.context.plan.school.school.name[self.context.lang]

    def pages(self) -> list[RenderedPage]:
        """Every page's Markdown; a `RenderError` names the page and what in the data it could not show."""
        rendered = []
        for place in self.places:
            extra = {place.page.each: place.item} if place.page.each else {}
            markdown = self.renderer.render(place.page.name, self.context, place.path, **extra)
            rendered.append(RenderedPage(place.path, markdown))
        return rendered

    def nav(self) -> list[tuple[str | None, list[str]]]:
        """(section title or None, page paths), in reading order; section titles in this written standard."""
        return nav(self.places, words(self.context.lang)["labels"]["pages"])

    def notices(self) -> list[str]:
        """What the person who keeps the plan should hear about, though the site can be built without it."""
        found = list(self.context.notices)
        if self.context.plan.school.accessibility is None:
            found.append(
                f"{display_path(self.context.data_dir / 'skole.yaml')}: nettstedet har ingen tilgjengelighetserklæring "
                "(accessibility); skoler i offentlig sektor må ha en (forskrift om universell utforming av "
                "IKT-løsninger § 8), og uten den får sidene ingen lenke til den"
            )
        return found

    def figures(self) -> list[str]:
        """The image files (below the data folder) this edition's pages show, each once, in the plan's order."""
        found = (node.value.file for node in nodes(self.context.edition_plan) if isinstance(node.value, Figure))
        return list(dict.fromkeys(found))

    def accessibility_footer(self) -> dict[str, str | None] | None:
        """What every page's footer shows: the link to the accessibility statement and where to give feedback."""
        if self.context.plan.school.accessibility is None:
            return None
        labels = words(self.context.lang)["labels"]
        feedback = self.context.plan.school.accessibility.feedback
        return {
            "page": "tilgjengelighet/",
            "title": labels["pages"]["tilgjengelighet"],
            "feedback": labels["accessibility"]["footer_feedback"],
            "email": feedback.email,
            "phone": feedback.phone,
        }
