"""Every page speaks its language (to screen readers too), links to itself in the other one, and every link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from .audit import Results, Target
from .conftest import SITE_DIRS, TARGETS, by_id, page_report

OTHER = {"nb": "nn", "nn": "nb"}


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_html_lang_and_language_link_to_the_same_page(audit: Results, target: Target):
    facts = page_report(audit, target).facts
    assert facts["htmlLang"] == target.lang
    link = facts["languageLink"]
    other = OTHER[target.lang]
    assert link is not None and facts["languageLinks"] == 1, "ventet én språklenke med hreflang"
    assert link["hreflang"] == other and link["lang"] == other
    expected = Target(target.edition, other, target.path).url(audit.root)
    assert link["href"] == expected


def _english() -> set[str]:
    """Material's English interface words that its Norwegian translations (or ours) should have replaced."""
    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    words = dict(re.findall(r'"([\w.]+)": "([^"]*)"', (languages / "en.html").read_text(encoding="utf-8")))
    return {value for key, value in words.items() if not key.startswith(("language", "direction", "search.config"))}


ENGLISH = _english()


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_no_english_interface_words_and_no_material_credit(audit: Results, target: Target):
    facts = page_report(audit, target).facts
    english = sorted(set(facts["labels"]) & ENGLISH)
    assert not english, f"engelske ord for skjermlesere: {english}"
    assert "Made with" not in facts["footerText"] and "Material for MkDocs" not in facts["footerText"]


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_internal_links_and_anchors_resolve(audit: Results, link_check: dict[str, str], target: Target):
    broken = sorted({f"{link}: {link_check[link]}" for link in page_report(audit, target).facts["links"]
                     if link_check.get(link)})
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_footer_links_to_the_accessibility_statement_and_feedback(audit: Results, target: Target):
    footer = page_report(audit, target).facts["footer"]
    statement = Target(target.edition, target.lang, "tilgjengelighet/").url(audit.root)
    assert statement in footer, f"sidefoten lenker ikke til tilgjengelighetserklæringen: {footer}"
    assert any(link.startswith("mailto:") for link in footer), "sidefoten mangler e-post for tilbakemelding"


def _built_pages(sites: Path) -> set[str]:
    """Every page the build wrote: an index.html below each language of each edition."""
    found = set()
    for edition, folder in SITE_DIRS.items():
        for lang in OTHER:
            base = sites / folder / lang
            for index in base.rglob("index.html"):
                relative = index.parent.relative_to(base).as_posix()
                found.add(Target(edition, lang, "" if relative == "." else f"{relative}/").id)
    return found


def test_every_page_of_both_sites_was_visited(audit: Results, sites: Path):
    assert set(audit.pages) == _built_pages(sites) == {t.id for t in TARGETS}
