"""The whole plan as PDF: its language, tags, bookmarks, pages, the course of a case on one page, nothing fetched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from skoleplan.build import build_site
from skoleplan.render import pdf
from skoleplan.render.whole_plan import chapters
from skoleplan.resolve.edition import for_edition
from skoleplan.site import all_pages
from skoleplan.validate import load_plan

pytestmark = pytest.mark.build

PROJECT = Path(__file__).resolve().parents[2]
ADDRESS = "https://makeskjer.fjordvik.example/plan/nb/"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The public site built as `make build` does, and the Bokmål PDF made from it as the build makes it."""
    out = tmp_path_factory.mktemp("pdf")
    build_site(PROJECT, out / "site", PROJECT / "data")
    plan = for_edition(load_plan(PROJECT / "data"), "public")
    found = chapters(out / "site" / "nb", [p.path for p in all_pages()], ADDRESS)
    html = pdf.document(plan, "nb", found, PROJECT / "overrides" / "pages", ADDRESS, "public")
    target = out / "plan.pdf"
    pdf.write_pdf(html, target)
    return {"reader": PdfReader(target), "chapters": found, "bytes": target.read_bytes(), "html": html, "out": out}


def test_the_pdf_declares_its_language_and_is_tagged(made):
    root = made["reader"].trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    info = made["reader"].metadata
    assert info.title == "Plan for et trygt og godt skolemiljø – Måkeskjær skole"
    assert info.author == "Måkeskjær skole"


def test_bookmarks_are_the_chapters_with_their_sections(made):
    outline = made["reader"].outline
    top = [item.title for item in outline if not isinstance(item, list)]
    titles = [c.title for c in made["chapters"]]
    assert top[0] == "Plan for et trygt og godt skolemiljø"  # the title page
    assert top[1:] == titles
    assert "For foresatte" in titles and "Årshjul" in titles and "Tilgjengelighetserklæring" not in titles
    nested = [item for item in outline if isinstance(item, list)]
    assert len(nested) >= 10, "the chapters' sections (h2) are bookmarks under them"


def test_every_chapter_starts_a_page_and_the_plan_fits_a_sensible_number_of_pages(made):
    pages = len(made["reader"].pages)
    assert len(made["chapters"]) + 2 <= pages <= 150, pages  # a title page, the contents, a page or more per chapter


def test_the_course_of_a_case_is_drawn_whole_on_one_page(made):
    texts = [page.extract_text() for page in made["reader"].pages]
    # Words only the drawing has: the labels of its paths, and the notes of its first and last steps.
    drawn = [i for i, text in enumerate(texts) if "tilbake til steg 7" in text]
    assert len(drawn) == 1, f"the drawing's label is on pages {drawn}"
    page = texts[drawn[0]]
    for words in ("1. Noen blir bekymret", "Alle ansatte – straks", "10. Saken avsluttes", "til steg 10"):
        assert words in page, f"«{words}» is not on the drawing's page"


def test_every_page_says_whose_plan_which_version_and_where_it_is(made):
    for number, page in enumerate(made["reader"].pages[1:], start=2):
        text = page.extract_text()
        assert "Versjon 2025.1, vedtatt 12. juni 2025" in text, number
        assert ADDRESS in text and f"Side {number} av " in text, number


def test_the_same_document_gives_the_same_bytes(made, tmp_path):
    again = tmp_path / "again.pdf"
    pdf.write_pdf(made["html"], again)
    assert again.read_bytes() == made["bytes"]


def test_a_document_that_asks_for_anything_from_outside_is_refused(tmp_path):
    html = '<!doctype html><html lang="nb"><body><p>x</p><img src="https://example.org/bilde.png" alt=""></body></html>'
    with pytest.raises(pdf.PdfError, match="PDF-en skal ikke hente noe, men ba om https://example.org/bilde.png"):
        pdf.write_pdf(html, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_build_makes_the_pdf_when_asked_and_links_it_from_om_planen(made):
    site = made["out"] / "site"
    assert not (site / "nb" / "hele-planen" / pdf.pdf_name("nb")).exists(), "a build without --pdf makes none"
    about = (site / "nb" / "om-planen" / "index.html").read_text(encoding="utf-8")
    assert "skolemiljoplan-nb.pdf" not in about, "no link to a PDF the build did not make"
    assert 'href="../hele-planen/"' in about
    os.environ["SKOLEPLAN_PDF"] = "1"
    try:
        from skoleplan.render.pages import PageRenderer

        plan = for_edition(load_plan(PROJECT / "data"), "public")
        markdown = PageRenderer([PROJECT / "overrides" / "pages"]).render("om-planen", plan, "nn", "om-planen.md")
    finally:
        del os.environ["SKOLEPLAN_PDF"]
    assert "](hele-planen/skolemiljoplan-nn.pdf)" in markdown
