"""The build's half of the Norwegian search: stems, the words table from data/sok.yaml, the index file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skoleplan.errors import PlanError
from skoleplan.model.plan import Equivalent, SearchFile
from skoleplan.search import (
    SEPARATOR,
    compile_words,
    equivalent_stems,
    index_sizes,
    index_vocabulary,
    stem,
    terms,
    word_problems,
    words,
    write_index_words,
)
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "forms, expected",
    [
        (["mobbing", "mobbingen", "mobbinga"], "mobbing"),
        (["elev", "eleven", "elevene", "elevane", "elevar", "elever"], "elev"),
        (["tiltak", "tiltaket", "tiltakene", "tiltaka"], "tiltak"),
        (["aktivitetsplan", "aktivitetsplanen", "aktivitetsplanar", "aktivitetsplaner"], "aktivitetsplan"),
        (["skolemiljø", "skolemiljøet"], "skolemiljø"),
        (["melde", "meldte", "melder", "meldast"], "meld"),
        # Snowball alone leaves the definite form of -er nouns apart; the second pass joins them.
        (["kontaktlærer", "kontaktlæreren", "kontaktlærar", "kontaktlæraren"], "kontaktlær"),
        (["statsforvalter", "statsforvalteren", "statsforvaltar", "statsforvaltaren"], "statsforvalt"),
    ],
)
def test_inflected_forms_share_a_stem(forms, expected):
    assert {form: stem(form) for form in forms} == {form: expected for form in forms}


def test_stems_ignore_case():
    assert stem("Mobbingen") == stem("MOBBINGEN") == "mobbing"


def test_words_split_as_the_browser_does():
    assert words("«Mobbing», (rektor) og skole-miljø.") == ["mobbing", "rektor", "og", "skole", "miljø"]
    assert words("<td>Elevundersøkelsen<br>Elevene svarer</td>") == ["elevundersøkelsen", "elevene", "svarer"]
    assert words("§ 12.4 &amp; FAU") == ["§", "12.4", "fau"]


def test_phrases_are_searched_by_the_stems_of_their_content_words():
    assert terms("melde fra") == ("meld",)
    assert terms("holde utenfor") == ("hold", "utenfor")
    assert terms("si fra") == ()


def test_an_equivalent_counts_inside_compounds_and_inflected_forms():
    vocabulary = ["skole", "skolen", "skolemiljøet", "grunnskolen", "og"]
    assert equivalent_stems(vocabulary, [("skole", "skule")]) == {
        "grunnskul": ("grunnskol",),
        "skul": ("skol",),
        "skulemiljø": ("skolemiljø",),
    }


def test_two_pairs_in_one_word():
    table = equivalent_stems(["foreldreutvalget", "skolemiljøutvalget"], [("skole", "skule"), ("utvalg", "utval")])
    assert table[stem("skulemiljøutvalet")] == (stem("skolemiljøutvalget"),)
    assert table[stem("foreldreutvalet")] == (stem("foreldreutvalget"),)


def test_a_short_part_counts_only_as_a_whole_word():
    table = equivalent_stems(["uke", "bruke"], [("uke", "veke")])
    assert table == {stem("veke"): (stem("uke"),)}


def test_the_table_goes_from_the_other_standard_to_the_sites_own():
    search = SearchFile(equivalents=[Equivalent(nb="skole", nn="skule")])
    assert compile_words(search, "nb", ["skolemiljøet"]).equivalents == {"skulemiljø": ("skolemiljø",)}
    assert compile_words(search, "nn", ["skulemiljøet"]).equivalents == {"skolemiljø": ("skulemiljø",)}


def test_synonyms_become_groups_of_stems():
    search = SearchFile(synonyms=[["Mobbing", "plaging"], ["varsle", "melde fra", "si fra"], ["bare", "kun"]])
    table = compile_words(search, "nb", [])
    assert table.synonyms == ((("mobbing",), ("plaging",)), (("varsl",), ("meld",)))
    assert table.as_json()["synonyms"] == [[["mobbing"], ["plaging"]], [["varsl"], ["meld"]]]


def test_what_the_search_cannot_use_is_reported_in_norwegian():
    search = SearchFile(synonyms=[["varsle", "si fra"]], equivalents=[Equivalent(nb="hva", nn="kva")])
    assert word_problems(search) == [
        "sok.yaml: «si fra» består bare av småord søket hopper over; det blir ikke brukt",
        "sok.yaml: «hva» og «kva» er småord søket hopper over; paret blir ikke brukt",
    ]


def test_the_example_schools_words_are_all_usable():
    plan = load_plan(PROJECT / "data")
    assert word_problems(plan.search) == []


def test_search_words_are_normalized():
    search = SearchFile(synonyms=[["  Melde   Fra ", "VARSLE"]])
    assert search.synonyms == [["melde fra", "varsle"]]


@pytest.mark.parametrize(
    "content, message",
    [
        ("synonyms:\n  - [mobbing, plag*ing]\n", "data/sok.yaml:2:15: «synonyms»: «plag*ing» kan bare ha bokstaver, tall, bindestrek og mellomrom; skriv ett ord eller uttrykk per linje"),
        ("synonyms:\n  - [mobbing]\n", "data/sok.yaml:2:5: «synonyms»: listen har 1 punkt; forventet minst 2"),
        ("synonyms:\n  - [mobbing, plaging]\n  - [plaging, erting]\n", "data/sok.yaml:2:3: «synonyms»: «plaging» står i to grupper (gruppe 1 og 2); slå gruppene sammen"),
        ("equivalents:\n  - {nb: skole, nn: skole}\n", "data/sok.yaml:2:5: «equivalents»: «skole» er likt på bokmål og nynorsk; da trengs ikke paret"),
        ("equivalents:\n  - {nb: melde fra, nn: melde frå}\n", "data/sok.yaml:2:5: «equivalents»: «melde fra» er flere ord; et par er ett ord på hvert skriftspråk (uttrykk hører til under synonyms)"),
    ],
)
def test_mistakes_in_sok_yaml_are_reported_with_file_line_and_column(tmp_path, monkeypatch, content, message):
    data = tmp_path / "data"
    minimal = PROJECT / "tests" / "loader" / "fixtures" / "minimal"
    data.mkdir()
    for path in minimal.glob("*.yaml"):
        (data / path.name).write_bytes(path.read_bytes())
    (data / "sok.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError) as raised:
        load_plan("data")
    problems = [str(p) for p in raised.value.problems if str(p).startswith("data/sok.yaml")]
    assert problems == [message]


def _site(tmp_path: Path, docs: list[dict]) -> Path:
    config = {"lang": ["no"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}}
    for lang in ("nb", "nn"):
        path = tmp_path / lang / "search" / "search_index.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({"config": config, "docs": docs}, separators=(",", ":")), encoding="utf-8")
    return tmp_path


def test_the_words_go_into_the_index_material_wrote(tmp_path):
    docs = [{"location": "", "title": "Skolemiljø", "text": "<p>Skolemiljøet &amp; mobbing på skolen.</p>"}]
    site = _site(tmp_path, docs)
    search = SearchFile(synonyms=[["mobbing", "plaging"]], equivalents=[Equivalent(nb="skole", nn="skule")])
    write_index_words(site / "nb", search, "nb")
    text = (site / "nb" / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(text)
    assert index["docs"] == docs
    assert index["config"]["separator"] == SEPARATOR
    assert index["config"]["skoleplan"] == {
        "lang": "nb",
        "synonyms": [[["mobbing"], ["plaging"]]],
        "equivalents": {"skul": ["skol"], "skulemiljø": ["skolemiljø"]},
    }
    assert text.isascii() and ", " not in text, "written as Material writes it: compact, ASCII"
    assert index_vocabulary(index) == {"skolemiljø", "skolemiljøet", "mobbing", "på", "skolen"}


def test_index_sizes_per_language(tmp_path):
    site = _site(tmp_path, [{"location": "", "title": "Mobbing", "text": "<p>Mobbing</p>"}])
    sizes = index_sizes(site)
    assert set(sizes) == {"nb", "nn"}
    raw = (site / "nb" / "search" / "search_index.json").stat().st_size
    assert sizes["nb"].raw == raw and 0 < sizes["nb"].gzip < raw + 64
