"""Telling Bokmål from Nynorsk: a page built in one standard must not read as the other."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from skoleplan.render.pages import escape_markdown
from skoleplan.render.written_standard import MARKERS, Verdict, check_html, markers, reads_as
from skoleplan.context import BuildContext
from skoleplan.render.handbook import Handbook

PROJECT = Path(__file__).resolve().parents[2]

_CONVERTER = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "admonition"])


def check_markdown(text: str, expected: str) -> Verdict:
    """A page's Markdown judged as the build judges its HTML (the extensions of mkdocs.yml)."""
    return check_html(_CONVERTER.reset().convert(text), expected)


NB = "Elevene skal ikke være redde. Hvis noe skjer, vet de hva de skal gjøre og hvem de kan snakke med."
NN = "Elevane skal ikkje vere redde. Dersom noko skjer, veit dei kva dei skal gjere og kven dei kan snakke med."


def test_marker_words_belong_to_one_standard_only():
    assert not MARKERS["nb"] & MARKERS["nn"]
    # Valid in both standards, so no evidence either way.
    for shared in ("også", "dersom", "viss", "elev", "skal", "og", "mobbing"):
        assert shared not in MARKERS["nb"] | MARKERS["nn"]


def test_markers_are_counted_per_standard():
    found = markers(NB + " Ikke glem det.")
    assert found["nb"]["ikke"] == 2 and found["nb"]["elevene"] == 1
    assert sum(found["nn"].values()) == 0
    assert markers("Vi gjer det òg og i tillegg.")["nn"] == {"gjer": 1, "òg": 1}


def test_a_text_reads_as_the_standard_with_more_markers():
    assert reads_as(markers(NB), 3) == "nb"
    assert reads_as(markers(NN), 3) == "nn"
    assert reads_as(markers("Trygt og godt skolemiljø."), 3) is None  # no evidence


@pytest.mark.parametrize(("text", "lang"), [(NB, "nb"), (NN, "nn")])
def test_a_page_in_its_own_standard_passes(text, lang):
    verdict = check_markdown(f"# Tittel\n\n{text}\n\n- {text}\n", lang)
    assert verdict.ok, verdict.describe()
    assert verdict.describe() == ""


def test_a_bokmaal_page_built_as_nynorsk_is_flagged_with_its_marker_words():
    verdict = check_markdown(f"# Tittel\n\n{NB}\n", "nn")
    assert not verdict.ok and verdict.reads_as == "nb"
    message = verdict.describe()
    assert message.startswith("siden er bygd som nynorsk, men teksten ser ut som bokmål (")
    assert "ikke" in message and "hva" in message and 'lang="nb"' in message


def test_a_nynorsk_page_built_as_bokmaal_is_flagged():
    verdict = check_markdown(NN, "nb")
    assert not verdict.ok and verdict.reads_as == "nn"
    assert "teksten ser ut som nynorsk" in verdict.describe() and "ikkje" in verdict.describe()


def test_one_bokmaal_paragraph_on_a_long_nynorsk_page_is_flagged():
    page = "\n\n".join([NN] * 10 + ["Vi sier fra hvis noe er galt."])
    verdict = check_markdown(page, "nn")
    assert verdict.reads_as == "nn"  # the page as a whole is Nynorsk …
    assert not verdict.ok  # … but one paragraph is not
    assert "«Vi sier fra hvis noe er galt.»" in verdict.describe()


def test_a_table_cell_in_the_other_standard_is_flagged():
    table = f"| A | B |\n| --- | --- |\n| {NN} | Hva gjør vi hvis noe skjer? |\n"
    verdict = check_markdown(table, "nn")
    assert [start for start, _ in verdict.passages] == ["Hva gjør vi hvis noe skjer?"]


@pytest.mark.parametrize(
    "marked",
    [
        f'<span lang="nb">{NB}</span>',  # inline HTML
        f"{NB}\n{{ lang=nb }}",  # attribute list on the paragraph
        f'<div lang="nb" markdown>\n\n{NB}\n\n</div>',  # a block
        f'<p lang="en">{NB}</p>',  # any other language is left out too
    ],
)
def test_a_passage_with_its_own_lang_is_left_out(marked):
    verdict = check_markdown(f"{NN}\n\n{marked}\n", "nn")
    assert verdict.ok, verdict.describe()
    assert sum(verdict.found["nb"].values()) == 0


def test_data_text_may_mark_its_language_and_nothing_more():
    """Text from data/ is escaped (no HTML, no attribute lists), except an attribute list giving only a language."""
    marked = escape_markdown(f"{NB}\n{{ lang=nb }}")
    assert check_markdown(f"{NN}\n\n{marked}\n", "nn").ok
    assert check_markdown(f"{NN}\n\n*{escape_markdown('Hva gjør vi hvis noe skjer?')}*{{: lang=\"nb\" }}\n", "nn").ok
    for hostile in ("Tekst\n{ lang=nb onclick=x }", "Tekst\n{: #id .klasse }", '<span lang="nb">x</span>'):
        assert "{" not in escape_markdown(hostile) and "<span" not in escape_markdown(hostile)


def test_code_and_addresses_are_not_text():
    text = f"{NN}\n\n`hva ikke hvis` <https://example.no/hva/ikke/hvis/noe> hvis.noe@ikke.example\n\n```\nikke hva hvis\n```\n"
    verdict = check_markdown(text, "nn")
    assert verdict.ok, verdict.describe()


def test_html_fragments_and_entities():
    assert check_html("<p>Hva &amp; hvorfor? Ikke noe.</p>", "nn").passages[0][0] == "Hva & hvorfor? Ikke noe."


@pytest.mark.parametrize("edition", ["public", "staff"])
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_example_school_reads_as_each_written_standard(lang, edition):
    handbook = Handbook(BuildContext.read(PROJECT, PROJECT / "data", edition, lang))
    problems = []
    for page in handbook.pages():
        verdict = check_markdown(page.markdown, lang)
        if not verdict.ok:
            problems.append(f"{page.path}: {verdict.describe()}")
    assert problems == []


def test_the_other_nynorsk_form_is_counted():
    from skoleplan.render.written_standard import other_forms

    html = "<p>Vi ser òg på det, og også hos dei andre. Også dette.</p><p><code>også</code></p>"
    assert dict(other_forms(html, ["òg", "hjå"])) == {"også": 2, "hos": 1}
    assert dict(other_forms(html, ["også"])) == {"òg": 1}
    assert dict(other_forms(html, [])) == {}


@pytest.mark.parametrize("edition", ["public", "staff"])
def test_the_example_school_writes_its_chosen_nynorsk_forms_throughout(edition):
    import markdown

    from skoleplan.render.written_standard import other_forms

    context = BuildContext.read(PROJECT, PROJECT / "data", edition, "nn")
    forms = context.plan.school.school.nynorsk_forms
    assert forms == ["òg", "hjå"]
    found = {}
    for page in Handbook(context).pages():
        counts = other_forms(markdown.markdown(page.markdown, extensions=["attr_list", "md_in_html", "tables"]), forms)
        if counts:
            found[page.path] = dict(counts)
    assert found == {}
