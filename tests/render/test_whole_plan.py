"""The whole plan as one document: ids carry their chapter, links between pages become links inside it."""

from __future__ import annotations

from skoleplan.render.whole_plan import _Rewriter, chapter_anchor, demoted

SITE = "https://skole.example/plan/nb/"
CHAPTERS = {"": "forside", "foresatte/": "foresatte", "begreper/": "begreper", "aktivitetsplikt/undersoke/": "aktivitetsplikt-undersoke"}


def test_chapter_names_from_source_paths():
    assert chapter_anchor("index.md") == "forside"
    assert chapter_anchor("aktivitetsplikt/index.md") == "aktivitetsplikt"
    assert chapter_anchor("aktivitetsplikt/undersoke.md") == "aktivitetsplikt-undersoke"


def test_ids_and_references_to_them_carry_the_chapter():
    html = (
        '<h2 id="si-fra">x</h2><label for="q">y</label><svg aria-labelledby="t d"><path marker-end="url(#pil)"/></svg>'
        '<a href="#si-fra">z</a>'
    )
    out = _Rewriter("foresatte.md", CHAPTERS, SITE).article(html)
    assert '<h2 id="foresatte--si-fra">' in out
    assert 'for="foresatte--q"' in out and 'aria-labelledby="foresatte--t foresatte--d"' in out
    assert 'marker-end="url(#foresatte--pil)"' in out
    assert '<a href="#foresatte--si-fra">' in out


def test_links_between_pages_stay_inside_the_document_and_others_become_addresses():
    rewriter = _Rewriter("aktivitetsplikt/undersoke.md", CHAPTERS, SITE)
    assert rewriter.href("../../begreper/#mobbing") == "#begreper--mobbing"
    assert rewriter.href("../../") == "#forside"
    assert rewriter.href("../../foresatte/") == "#foresatte"
    assert rewriter.href("../../tilgjengelighet/") == SITE + "tilgjengelighet/"
    assert rewriter.href("../../kalender/foresatte.ics") == SITE + "kalender/foresatte.ics"
    assert rewriter.href("https://lovdata.no/x") == "https://lovdata.no/x"
    assert rewriter.href("mailto:a@b.no") == "mailto:a@b.no"


def test_what_works_only_on_screen_is_left_out():
    html = (
        '<h1 id="arshjul">Årshjul<a class="headerlink" href="#arshjul" title="Lenke">#</a></h1>'
        '<p><a class="md-button md-button--primary sp-now-button" href="#na">Nå</a></p>'
        '<div class="sp-filter" data-search-exclude><fieldset></fieldset></div>'
        '<nav class="sp-months" aria-label="Måneder"><ul><li><a href="#august">aug</a></li></ul></nav>'
        '<p class="sp-now" id="na" data-search-exclude><span>Nå</span></p><h2 id="august">August</h2>'
    )
    out = _Rewriter("aarshjul.md", CHAPTERS, SITE).article(html)
    assert out == '<h1 id="aarshjul--arshjul">Årshjul</h1><h2 id="aarshjul--august">August</h2>'


def test_on_the_printable_page_the_chapters_stand_under_its_heading():
    assert demoted('<h1 id="a">A</h1><h2>B</h2><h6>C</h6><hr>') == '<h2 id="a">A</h2><h3>B</h3><h6>C</h6><hr>'
