"""Parts of the handbook a school can show on a page of its own: the core of the macros in `macros/main.py`.

Each part is rendered from a template in `overrides/pages/makroer/` (which a
school may change), for one site and one page, as Markdown. Bad arguments
(an unknown id, a month that does not exist) raise `SnippetError` with a
Norwegian message that says what was expected; the glue adds the page and line.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from ..context import BuildContext
from ..model.law import LAWS, LawRef
from ..model.plan import MeasureLevel, PreventionLevel
from ..model.registry import items_of, noun
from ..model.timing import MONTHS
from .pages import PageRenderer, calendar_groups

AUDIENCES = ("foresatte", "elever", "ansatte")
MEASURE_LEVELS: tuple[str, ...] = MeasureLevel.__args__  # type: ignore[attr-defined]
PREVENTION_LEVELS: tuple[str, ...] = PreventionLevel.__args__  # type: ignore[attr-defined]


class SnippetError(Exception):
    """A macro was called with something the plan does not have; the message says what was expected."""


def _one_of(value: Any, choices: tuple[str, ...] | list[str], what: str) -> str:
    text = str(value).strip().lower()
    if text in choices:
        return text
    close = difflib.get_close_matches(text, list(choices), n=1, cutoff=0.6)
    hint = f"; mente du «{close[0]}»?" if close else f"; forventet en av: {', '.join(choices)}"
    raise SnippetError(f"ukjent {what} «{value}»{hint}")


class Snippets:
    """The parts of one site a page at `page_path` may show."""

    def __init__(self, context: BuildContext, renderer: PageRenderer, page_path: str) -> None:
        self.context = context
        self.renderer = renderer
        self.page_path = page_path

    def _render(self, name: str, **values: Any) -> str:
        return self.renderer.render(f"makroer/{name}", self.context, self.page_path, **values).strip() + "\n"

    def _item(self, kind: str, item_id: Any) -> Any:
        items = {item.id: item for item in items_of(self.context.edition_plan, kind)}
        if item_id in items:
            return items[item_id]
        name = noun(kind)
        close = difflib.get_close_matches(str(item_id), list(items), n=1, cutoff=0.6)
        hint = f"; mente du «{close[0]}»?" if close else ""
        raise SnippetError(f"ukjent {name} «{item_id}»; det finnes ingen {name} med denne id-en{hint}")

    # --- the parts --------------------------------------------------------------------------------

    def calendar(self, month: Any = None, audience: Any = None, grade: Any = None) -> str:
        """The årshjul's activities, for one month, one audience and/or one grade (trinn)."""
        plan = self.context.edition_plan
        groups = calendar_groups(plan, self.context.lang)
        if month is not None:
            name = MONTHS[month - 1] if isinstance(month, int) and 1 <= month <= 12 else _one_of(month, MONTHS, "måned")
            groups = [g for g in groups if g.key == name]
        if audience is not None:
            wanted = _one_of(audience, AUDIENCES, "målgruppe")
            groups = [replace(g, activities=[a for a in g.activities if wanted in a.audience]) for g in groups]
        if grade is not None:
            if not isinstance(grade, int) or not 1 <= grade <= 13:
                raise SnippetError(f"ugyldig trinn «{grade}»; forventet et tall fra 1 til 13, for eksempel trinn=5")
            groups = [
                replace(g, activities=[a for a in g.activities if a.grades is None or a.grades.first <= grade <= a.grades.last])
                for g in groups
            ]
        return self._render("aarshjul", groups=[g for g in groups if g.activities])

    def role(self, role_id: Any) -> str:
        """What one role does: its steps in the duty to act, the stages of a case, preventive work, the årshjul."""
        role = self._item("role", role_id)
        plan = self.context.edition_plan
        steps = [(duty, step) for duty in plan.duties.duties for step in duty.steps if step.role == role.id]
        holds = [duty for duty in plan.duties.duties if role.id in duty.holders]
        stages = [stage for stage in plan.course.stages if stage.role == role.id]
        prevention = [m for m in plan.prevention.measures if role.id in m.responsible]
        activities = [a for a in plan.calendar.activities if role.id in a.responsible]
        return self._render(
            "rolle", role=role, steps=steps, holds=holds, stages=stages, prevention=prevention, activities=activities
        )

    def contacts(self) -> str:
        """The contact list of this edition (on the public site, only the contacts marked public)."""
        return self._render("kontakter", contacts=self.context.edition_plan.contacts.contacts)

    def concept(self, concept_id: Any) -> str:
        """One concept's definition, with its source."""
        return self._render("begrep", concept=self._item("concept", concept_id))

    def measures(self, level: Any) -> str:
        """The measures for cases of one level (individ, gruppe, skole), linked to the catalogue."""
        wanted = _one_of(level, MEASURE_LEVELS, "nivå")
        chosen = [m for m in self.context.edition_plan.measures.measures if m.level == wanted]
        return self._render("tiltak", level=wanted, measures=chosen)

    def prevention(self, level: Any) -> str:
        """The preventive work at one level (skole, klasse, individ)."""
        wanted = _one_of(level, PREVENTION_LEVELS, "nivå")
        chosen = [m for m in self.context.edition_plan.prevention.measures if m.level == wanted]
        return self._render("forebygging", level=wanted, measures=chosen)

    def law(self, section: Any, paragraph: Any = None, law: Any = "opplæringslova") -> str:
        """A link to a section of a law on Lovdata, named in this written standard: «opplæringslova § 12-4»."""
        law = _one_of(law, tuple(LAWS), "lov")
        if paragraph is not None and (not isinstance(paragraph, int) or not 1 <= paragraph <= 20):
            raise SnippetError(f"ugyldig ledd «{paragraph}»; forventet et tall, for eksempel ledd=2")
        try:
            ref = LawRef.model_validate({"law": law, "section": section, "paragraph": paragraph})
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            raise SnippetError(str(error.get("ctx", {}).get("error") or error["msg"])) from None
        return self._render("lov", ref=ref).strip()
