"""The accessibility statement the law requires: a page from data/skole.yaml, linked from every page's footer."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from skoleplan.build import build_site
from skoleplan.errors import PlanError
from skoleplan.validate import load_plan

from .conftest import PAGES, PROJECT, page

TITLES = {"nb": "Tilgjengelighetserklæring", "nn": "Tilgjengelegheitserklæring"}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_statement_page_links_to_uustatus_feedback_and_the_complaint_route(site, lang):
    a11y = load_plan(PROJECT / "data").school.accessibility
    html = page(site, lang, "tilgjengelighet/")
    assert "<h1 id=" in html and TITLES[lang] in html
    assert f'href="{a11y.statement_url}"' in html
    assert f'href="mailto:{a11y.feedback.email}"' in html
    assert f'href="tel:{a11y.feedback.phone.replace(" ", "")}"' in html
    assert 'href="https://www.uutilsynet.no/"' in html and "Tilsynet for universell utforming av IKT" in html
    assert "WCAG 2.1" in html


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("path", [*PAGES, "tilgjengelighet/"])
def test_every_footer_links_to_the_statement_and_the_feedback_address(site, lang, path):
    html = page(site, lang, path)
    footer = html[html.index('<div class="md-copyright">'):]
    here = f"http://127.0.0.1:8000/{lang}/{path}"
    links = [urljoin(here, link) for link in re.findall(r'href="([^"]+)"', footer)]
    assert f"http://127.0.0.1:8000/{lang}/tilgjengelighet/" in links, links
    assert "mailto:uu.makeskjer@fjordvik.example" in links
    assert TITLES[lang] in footer


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "skole.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(data: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(data)
    return [str(p) for p in raised.value.problems]


@pytest.mark.build
def test_without_a_statement_the_site_is_built_with_a_warning(data, tmp_path):
    """The regulation (§ 8) binds the public sector only: a private school's site builds, and is told."""
    text = (data / "skole.yaml").read_text(encoding="utf-8")
    (data / "skole.yaml").write_text(text[: text.index("accessibility:")], encoding="utf-8")
    built = build_site(PROJECT, tmp_path / "site", data)
    assert [w for w in built.warnings if "tilgjengelighetserklæring" in w] == [
        f"{data / 'skole.yaml'}: nettstedet har ingen tilgjengelighetserklæring (accessibility); skoler i offentlig "
        "sektor må ha en (forskrift om universell utforming av IKT-løsninger § 8), og uten den får sidene ingen lenke til den"
    ]
    assert not (tmp_path / "site" / "nb" / "tilgjengelighet").exists()
    front = (tmp_path / "site" / "nb" / "index.html").read_text(encoding="utf-8")
    assert "tilgjengelighet/" not in front


def test_the_statement_lives_on_uustatus(data):
    _edit(data, "https://uustatus.no/nb/", "https://skolen.example/")
    assert any("uustatus.no" in p for p in _problems(data))


def test_the_feedback_address_is_public_by_nature(data):
    """Shown on every page of the open site, so the personal-data guard must not stop it."""
    plan = load_plan(data)
    assert plan.school.accessibility.feedback.email == "uu@lia.example.no"
    assert all(c.email != "uu@lia.example.no" for c in plan.contacts.contacts)
