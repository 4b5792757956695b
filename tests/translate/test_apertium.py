"""Apertium translates the words and leaves every piece of Markdown where it was."""

from __future__ import annotations

import pytest

from skoleplan.translate import apertium
from skoleplan.translate.apertium import ApertiumError, translate
from skoleplan.translate.markup import split

SOURCE = """Tiltakene velges **sammen med eleven** og foresatte. Les
[veiledningen fra Utdanningsdirektoratet](https://www.udir.no/laring-og-trivsel/skolemiljo/) før du
setter inn et tiltak, og bruk malen `aktivitetsplan_mal.docx`.

- Snakk med eleven *først*.
- Skriv ned hva dere blir enige om.
   1. Evaluer tiltaket etter to uker, se https://www.udir.no/regelverk.

| Hvem | Gjør hva |
|---|---|
| Kontaktlæreren | Snakker med eleven hver dag {#samtale} |
"""


def kept(text: str) -> list[str]:
    return [s.text for s in split(text) if not s.translate]


def test_markdown_structure_survives_translation(needs_apertium):
    [nynorsk] = translate([SOURCE], "nb", "nn")
    assert kept(nynorsk) == kept(SOURCE)  # links, emphasis, lists, code, URLs, table and line breaks
    assert "skule" in nynorsk or "rettleiinga" in nynorsk or "eleven" in nynorsk
    assert "Tiltakene velges" not in nynorsk  # the words were translated
    assert "`aktivitetsplan_mal.docx`" in nynorsk
    assert "(https://www.udir.no/laring-og-trivsel/skolemiljo/)" in nynorsk


def test_many_texts_in_one_call_keep_their_order_and_whitespace(needs_apertium):
    texts = ["Rektor", "Skolen har ansvaret.\n", "  Elevene skal ha det trygt og godt.  ", "https://www.udir.no/"]
    out = translate(texts, "nb", "nn")
    assert len(out) == 4
    assert out[0] == "Rektor"
    assert out[1] == "Skulen har ansvaret.\n"
    assert out[2].startswith("  ") and out[2].endswith("  ") and "elevane" in out[2].lower()
    assert out[3] == "https://www.udir.no/"


# Every way a text can end, and every way the next one can start.
ENDINGS = [
    "Rektor",  # no punctuation
    "## Ansvar og oppfølging",  # a heading
    "- Snakk med eleven",  # a list item
    "Kontakt Måkeskjær skole",  # a name
    "Les mer på https://www.udir.no/",  # a URL
    "Saken gjelder 7",  # a number
    "Det gjelder tiltak 19.",  # a number and a full stop (at the end of its input Apertium drops the stop)
    "Skolen følger opp.\n",  # a newline
    "Elevene skal ha det godt  ",  # spaces
    "Spør kontaktlæreren:",  # a colon
    "Les **veiledningen**",  # emphasis
]
STARTS = [
    "Skolen har ansvaret.",  # a capital letter
    "skolen har ansvaret.",  # a small letter
    "- Skolen har ansvaret.",  # a list item
    "## Skolen har ansvaret",  # a heading
    "2. trinn har ansvaret.",  # a number
    "«Skolen» har ansvaret.",  # a quotation mark
    "[Skolen](https://www.udir.no/) har ansvaret.",  # a link
    "**Skolen** har ansvaret.",  # emphasis
    "  Skolen har ansvaret.",  # spaces
    "Måkeskjær skole har ansvaret.",  # a name
]


def test_a_text_translates_the_same_whatever_stands_next_to_it(needs_apertium, monkeypatch):
    """Texts go to Apertium in one call; no text may read into its neighbour (or lean on a fallback)."""
    pairs = [text for ending in ENDINGS for start in STARTS for text in (ending, start)]
    calls = []
    run = apertium._run
    monkeypatch.setattr(apertium, "_run", lambda *args: calls.append(args) or run(*args))
    together = translate(pairs, "nb", "nn")
    assert len(calls) == 1, "every text came back whole from the one call"
    alone = {text: translate([text], "nb", "nn")[0] for text in ENDINGS + STARTS}
    assert alone["Skolen har ansvaret."] == "Skulen har ansvaret."
    assert alone["Skolen følger opp.\n"] == "Skulen følgjer opp.\n"
    assert alone["Det gjelder tiltak 19."] == "Det gjeld tiltak 19."
    mismatches = [(text, got, alone[text]) for text, got in zip(pairs, together) if got != alone[text]]
    assert mismatches == []


def spy(monkeypatch, mangle=lambda payload, output: output) -> list[str]:
    """Every payload sent to Apertium, in order; `mangle` may spoil what comes back."""
    calls: list[str] = []
    run = apertium._run

    def spied(program, direction, payload):
        calls.append(payload)
        return mangle(payload, run(program, direction, payload))

    monkeypatch.setattr(apertium, "_run", spied)
    return calls


def test_a_word_moved_across_a_line_break_costs_only_that_text_one_more_call(needs_apertium, monkeypatch):
    """«lærerens\nobservasjoner» becomes «observasjonane til læraren»: the line break's tag comes back twice."""
    moved = "Vi bruker lærerens\nobservasjoner i saken."
    others = [f"Skolen har ansvaret for tiltak {n}." for n in range(20)]
    calls = spy(monkeypatch)
    out = translate([*others[:10], moved, *others[10:]], "nb", "nn")
    assert len(calls) == 2, "the batch, then the one text run by run"
    assert calls[1] == '<p id="t0">Vi bruker lærerens<p id="t1">observasjoner i saken.<p id="t2">'
    assert out[10] == "Vi bruker lærarens\nobservasjonar i saka."
    assert out[:10] + out[11:] == [f"Skulen har ansvaret for tiltak {n}." for n in range(20)]


def test_list_items_without_a_full_stop_are_sentences_of_their_own(needs_apertium, monkeypatch):
    items = ["Vi bruker lærerens", "observasjoner i saken", "Rektor", "Skolen har ansvaret"]
    calls = spy(monkeypatch)
    [together] = translate(["- " + "\n- ".join(items) + "\n\n## Elevene\nSkolen følger opp"], "nb", "nn")
    assert len(calls) == 1, "no item read into the next, so nothing had to be translated again"
    alone = translate(items + ["Elevene", "Skolen følger opp"], "nb", "nn")
    assert together == "- " + "\n- ".join(alone[:4]) + f"\n\n## {alone[4]}\n{alone[5]}"
    assert alone[3] == "Skulen har ansvaret"


def test_a_text_that_cannot_be_translated_even_run_by_run_comes_back_as_none(needs_apertium, monkeypatch):
    """Apertium (here made to) spoil one text every time: that text is None, the others are translated."""
    calls = spy(monkeypatch, lambda payload, output: output.replace("uforståeleg", "uforståeleg<x-k99/>"))
    texts = ["Skolen har ansvaret.", "Les **dette** uforståelige ordet.", "Elevene har det godt."]
    out = translate(texts, "nb", "nn")
    assert out[0] == "Skulen har ansvaret." and out[2].startswith("Elevane har det godt")
    assert out[1] is None
    assert len(calls) == 3, "the batch, the spoilt text run by run, its spoilt run alone"
    assert calls[2] == "uforståelige ordet."


def test_nynorsk_to_bokmal(needs_apertium):
    [bokmal] = translate(["Eleven har rett til eit trygt og godt skulemiljø."], "nn", "nb")
    assert "skolemiljø" in bokmal


def test_a_tag_apertium_moved_is_caught_and_the_text_translated_run_by_run(needs_apertium, monkeypatch):
    calls = []

    def refuse_first(segments, output):
        calls.append(output)
        return None  # as if Apertium had moved a tag

    monkeypatch.setattr(apertium, "_reassemble", refuse_first)
    [nynorsk] = translate(["Les **veiledningen** fra skolen."], "nb", "nn")
    assert calls, "the batch result was checked"
    assert kept(nynorsk) == kept("Les **veiledningen** fra skolen.")
    assert "skulen" in nynorsk


def test_reassemble_rejects_tags_out_of_order():
    segments = split("Les **dette** nå")
    first, second = [k for k, s in enumerate(segments) if not s.translate]
    ok = f"Les<x-k{first}></x-k{first}>dette<x-k{second}/>nå"
    assert apertium._reassemble(segments, ok) == "Les **dette** nå"
    assert apertium._reassemble(segments, f"Les<x-k{second}/>dette<x-k{first}/>nå") is None
    assert apertium._reassemble(segments, "Les dette nå") is None


def test_missing_apertium_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(apertium.shutil, "which", lambda name: None)
    with pytest.raises(ApertiumError) as raised:
        translate(["Hei"], "nb", "nn")
    assert "Fant ikke programmet apertium" in str(raised.value)
    assert "make apertium" in str(raised.value)


def test_missing_language_pair_names_the_package(monkeypatch):
    monkeypatch.setattr(apertium, "installed_modes", lambda: ["eng-spa"])
    with pytest.raises(ApertiumError) as raised:
        apertium.choose_mode("nb", "nn")
    assert "apertium-nno-nob" in str(raised.value)
    assert "make apertium" in str(raised.value)


def test_the_e_infinitive_is_preferred_and_a_mode_can_be_chosen(needs_apertium):
    assert apertium.choose_mode("nb", "nn") == "nob-nno_e"
    assert apertium.choose_mode("nb", "nn", "nob-nno") == "nob-nno"
    with pytest.raises(ApertiumError, match="har ikke retningen"):
        apertium.choose_mode("nb", "nn", "nob-xyz")
