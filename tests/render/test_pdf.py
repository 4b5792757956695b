"""The whole plan as PDF: its language, tags, bookmarks, pages, the course of a case on one page, nothing fetched."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from skoleplan.build import build_site
from skoleplan.context import BuildContext
from skoleplan.render import pdf
from skoleplan.render.pages import PageRenderer
from skoleplan.render.whole_plan import chapters
from skoleplan.site import page_paths
from skoleplan.validate import load_plan

from ..conftest import copy_example

pytestmark = pytest.mark.build

PROJECT = Path(__file__).resolve().parents[2]
ADDRESS = "https://makeskjer.fjordvik.example/plan/nb/"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The public site built as `make pdf` does (`--pdf`), its Bokmål PDF, and the document it was made from."""
    out = tmp_path_factory.mktemp("pdf")
    data = copy_example(out)  # a build writes the calendar locks next to the data
    build_site(PROJECT, out / "site", data, pdf=True)
    target = out / "site" / "nb" / "hele-planen" / pdf.pdf_name("nb")
    context = BuildContext.of(load_plan(data), "nb", project=PROJECT)
    found = chapters(out / "site" / "nb", page_paths(context.edition_plan), ADDRESS)
    html = pdf.document(context, found)
    return {"reader": PdfReader(target), "chapters": found, "bytes": target.read_bytes(), "html": html, "out": out,
            "epoch": context.epoch}


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


def test_the_same_document_gives_the_same_bytes_as_the_build(made, tmp_path):
    again = tmp_path / "again.pdf"
    pdf.write_pdf(made["html"], again, made["epoch"])
    assert again.read_bytes() == made["bytes"]


def test_a_document_that_asks_for_anything_from_outside_is_refused(tmp_path):
    html = '<!doctype html><html lang="nb"><body><p>x</p><img src="https://example.org/bilde.png" alt=""></body></html>'
    with pytest.raises(pdf.PdfError, match="PDF-en skal ikke hente noe, men ba om https://example.org/bilde.png"):
        pdf.write_pdf(html, tmp_path / "x.pdf", 0)
    assert not (tmp_path / "x.pdf").exists()


def test_the_build_makes_the_pdf_when_asked_and_links_it_from_om_planen(made):
    site = made["out"] / "site"
    for lang in ("nb", "nn"):
        assert (site / lang / "hele-planen" / pdf.pdf_name(lang)).read_bytes().startswith(b"%PDF-"), lang
        about = (site / lang / "om-planen" / "index.html").read_text(encoding="utf-8")
        assert f'href="../hele-planen/skolemiljoplan-{lang}.pdf"' in about
        assert 'href="../hele-planen/"' in about
        whole = (site / lang / "hele-planen" / "index.html").read_text(encoding="utf-8")
        assert f'href="skolemiljoplan-{lang}.pdf"' in whole
    assert not list(site.parent.glob(".skoleplan-staging-*")), "nothing left of the staging folder"


def test_without_pdf_a_page_links_to_no_pdf():
    context = BuildContext.of(load_plan(PROJECT / "data"), "nn", project=PROJECT)
    renderer = PageRenderer([PROJECT / "overrides" / "pages"])
    without = renderer.render("om-planen", context, "om-planen.md")
    assert ".pdf" not in without and "](../hele-planen/)" not in without and "](hele-planen.md)" in without
    made = renderer.render("om-planen", replace(context, pdf=True), "om-planen.md")
    assert re.search(r'<a class="md-button md-button--primary" href="\.\./hele-planen/skolemiljoplan-nn\.pdf"', made)


def test_a_pdf_build_without_weasyprint_stops_before_it_builds_anything(tmp_path, monkeypatch):
    """The message a user sees when WeasyPrint is not installed (only `make pdf` installs it)."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what Python does for a package that is not there
    from skoleplan.build import BuildError

    data = copy_example(tmp_path)
    with pytest.raises(BuildError) as raised:
        build_site(PROJECT, tmp_path / "site", data, pdf=True)
    assert str(raised.value) == "PDF-en lages med WeasyPrint, som ikke er installert; kjør «make pdf» (den installerer det)"
    assert not (tmp_path / "site").exists()


def test_a_pdf_build_without_pango_says_what_to_install(monkeypatch):
    """WeasyPrint without Debian's Pango fails on import with a long English OSError; the user sees one line."""
    def no_pango(name):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    monkeypatch.setattr(pdf.importlib, "import_module", no_pango)
    with pytest.raises(pdf.PdfError) as raised:
        pdf.check_weasyprint()
    assert str(raised.value) == (
        "PDF-en lages med WeasyPrint, som trenger Debian-pakken Pango (libpango-1.0-0); kjør «make pango» (den installerer den)"
    )
