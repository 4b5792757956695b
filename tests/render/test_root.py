"""The root page above both written standards: the choice, and a redirect only where the school asks for one."""

from __future__ import annotations

from pathlib import Path

from skoleplan.render.root import render_root_index
from skoleplan.validate import load_plan

from ..conftest import tags

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES = PROJECT / "overrides" / "site"


def _plan(**school):
    plan = load_plan(PROJECT / "data")
    changed = plan.school.school.model_copy(update=school)
    return plan.model_copy(update={"school": plan.school.model_copy(update={"school": changed})})


def test_the_choice_is_shown_in_both_written_standards_main_standard_first():
    html = render_root_index(_plan(main_standard="nn"), TEMPLATES)
    assert '<html lang="nn">' in html
    assert "http-equiv" not in html
    links = [a for tag, a in tags(html) if tag == "a"]
    skip, *choices = links  # first a link past the header to the choice (WCAG 2.4.1), in the main standard
    assert (skip["href"], skip["class"]) == ("#innhold", "skip") and ">Gå til innhald</a>" in html
    assert [(a["href"], a["lang"], a["hreflang"]) for a in choices] == [("nn/", "nn", "nn"), ("nb/", "nb", "nb")]
    assert ('id', 'innhold') in [item for tag, a in tags(html) if tag == "main" for item in a.items()]
    assert "Les planen på nynorsk" in html and "Les planen på bokmål" in html
    assert '<p class="intro" lang="nb">Planen for et trygt og godt skolemiljø.</p>' in html
    assert '<p class="intro" lang="nn">Planen for eit trygt og godt skulemiljø.</p>' in html
    assert "<script" not in html


def test_a_school_that_asks_for_it_gets_a_redirect_to_its_main_standard():
    html = render_root_index(_plan(root_redirect=True), TEMPLATES)
    refresh = [a for tag, a in tags(html) if tag == "meta" and a.get("http-equiv") == "refresh"]
    assert refresh == [{"http-equiv": "refresh", "content": "0; url=nb/"}]
    assert [a["href"] for tag, a in tags(html) if tag == "a"] == ["#innhold", "nb/", "nn/"], "the links stay for anyone the refresh does not move"


def test_the_school_name_is_escaped():
    html = render_root_index(_plan(name={"nb": "A & <B>", "nn": "A & <B>"}), TEMPLATES)
    assert "A &amp; &lt;B&gt;" in html and "<B>" not in html
