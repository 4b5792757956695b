"""Words explained where they stand: the first use of a glossary term on a page links to its definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.render.glossary import TermLinker, relative_href, terms
from skoleplan.resolve.edition import for_edition
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]
PAGES = frozenset(["index.md", "begreper.md", "foresatte.md", "kontakt.md", "handheving.md", "aktivitetsplikt/undersoke.md"])


@pytest.fixture(scope="module")
def plan():
    return for_edition(load_plan(PROJECT / "data"), "public")


def linker(plan, lang="nb", pages=PAGES) -> TermLinker:
    return TermLinker(terms(plan, lang, pages))


def test_the_first_use_links_to_the_definition_and_the_second_does_not(plan):
    html = "<p>Du kan gå til Statsforvalteren. Statsforvalteren svarer skriftlig.</p>"
    linked = linker(plan).link(html, "foresatte.md")
    assert linked == (
        '<p>Du kan gå til <a class="sp-term" href="../begreper/#statsforvalteren">Statsforvalteren</a>.'
        " Statsforvalteren svarer skriftlig.</p>"
    )


def test_inflected_forms_and_abbreviations_as_written(plan):
    html = "<p>Aktivitetsplanen er klar. FAU og SU møtes; su er ikke et utvalg.</p>"
    linked = linker(plan).link(html, "aktivitetsplikt/undersoke.md")
    assert '<a class="sp-term" href="../../begreper/#aktivitetsplan">Aktivitetsplanen</a>' in linked
    assert '<a class="sp-term" href="../../begreper/#fau">FAU</a>' in linked
    assert '<a class="sp-term" href="../../begreper/#su">SU</a>' in linked
    assert "; su er" in linked, "an abbreviation matches only as written"


def test_a_longer_word_is_not_taken_for_the_term(plan):
    html = "<p>Mobbesaker og nettmobbing og mobbingsaker.</p>"
    assert linker(plan).link(html, "index.md") == html


def test_nothing_is_linked_inside_links_headings_code_svg_summaries_or_hidden_text(plan):
    html = (
        '<h2 id="x">Mobbing</h2><p><a href="y">mobbing</a> <code>mobbing</code></p>'
        "<svg><text>mobbing</text></svg><details><summary>Mobbing</summary></details>"
        '<span class="sp-visually-hidden">mobbing</span><p>Til slutt mobbing.</p>'
    )
    linked = linker(plan).link(html, "index.md")
    assert linked.count("sp-term") == 1
    assert linked.endswith('<p>Til slutt <a class="sp-term" href="begreper/#mobbing">mobbing</a>.</p>')


def test_the_glossary_page_itself_and_a_page_named_by_a_word_do_not_link_to_themselves(plan):
    html = "<p>Mobbing, håndheving og kontaktlisten.</p>"
    assert linker(plan).link(html, "begreper.md").count("sp-term") == 2  # håndheving and kontaktlisten
    on_handheving = linker(plan).link(html, "handheving.md")
    assert "../handheving/" not in on_handheving and "../kontakt/" in on_handheving


def test_the_parents_page_words_link_in_nynorsk_too(plan):
    html = "<p>Telefonnummer står i kontaktlista. Les meir under handheving.</p>"
    linked = linker(plan, "nn").link(html, "foresatte.md")
    assert '<a class="sp-term" href="../kontakt/">kontaktlista</a>' in linked
    assert '<a class="sp-term" href="../handheving/">handheving</a>' in linked


def test_a_page_the_site_does_not_have_is_not_linked(plan):
    html = "<p>Se kontaktlisten.</p>"
    assert linker(plan, pages=PAGES - {"kontakt.md"}).link(html, "foresatte.md") == html


def test_the_terms_a_parent_needs_are_in_the_glossary_in_both_written_standards(plan):
    concepts = {c.id: c for c in plan.concepts.concepts}
    for needed in ("statsforvalteren", "fau", "su", "smu", "vedtak", "aktivitetsplan"):
        assert needed in concepts
        assert concepts[needed].term["nb"] and concepts[needed].term["nn"]


@pytest.mark.parametrize(
    "page,target,anchor,href",
    [
        ("index.md", "begreper.md", "mobbing", "begreper/#mobbing"),
        ("foresatte.md", "kontakt.md", "", "../kontakt/"),
        ("aktivitetsplikt/index.md", "begreper.md", "fau", "../begreper/#fau"),
        ("aktivitetsplikt/undersoke.md", "index.md", "", "../../"),
    ],
)
def test_relative_addresses_as_mkdocs_writes_them(page, target, anchor, href):
    assert relative_href(page, target, anchor) == href
