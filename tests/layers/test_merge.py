"""A plan of layers (skoleplan/layers.py): the minimal plan as the base, a school on top writing only its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skoleplan.errors import PlanError
from skoleplan.layers import fingerprint
from skoleplan.validate import load, load_plan

MINIMAL = Path(__file__).resolve().parents[1] / "loader" / "fixtures" / "minimal"
SCHOOL = "builds_on: ../base\nschool:\n  name: {nb: Nordby skole, nn: Nordby skule}\n  site_url: https://nordby.example.no/\n"
RECTOR = fingerprint({"nb": "rektor", "nn": "rektor"})


@pytest.fixture
def layers(tmp_path, monkeypatch):
    """tmp/base (the minimal plan) and tmp/skole (a school on it, only skole.yaml); files shown as «skole/…»."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINIMAL, tmp_path / "base")
    (tmp_path / "skole").mkdir()
    (tmp_path / "skole" / "skole.yaml").write_text(SCHOOL, encoding="utf-8")
    return tmp_path


def write(layers: Path, name: str, text: str) -> None:
    (layers / "skole" / name).write_text(text, encoding="utf-8")


def problems(layers: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(layers / "skole")
    return [str(p) for p in raised.value.problems]


def test_a_school_on_the_base_has_the_base_and_its_own(layers):
    plan = load_plan(layers / "skole")
    assert plan.school.school.name.nb == "Nordby skole"
    assert plan.school.school.municipality == "Lia"  # from the base
    assert [d.id for d in plan.duties.duties][:2] == ["folge-med", "gripe-inn"]


def test_an_item_with_an_id_the_base_has_changes_only_the_fields_written(layers):
    write(layers, "roller.yaml", f"roles:\n  - id: rektor\n    name: {{nb: skoleleder, nn: skuleleiar, replaces: {RECTOR}}}\n")
    loaded = load(layers / "skole")
    roles = {r.id: r.name.nb for r in loaded.plan.roles.roles}
    assert roles == {"rektor": "skoleleder", "kontaktlaerer": "kontaktlærer", "elevrad": "elevrådet"}
    assert loaded.notices == []


def test_one_language_changed_keeps_the_other_and_says_so(layers):
    write(layers, "roller.yaml", f"roles:\n  - id: kontaktlaerer\n    name: {{nn: kontaktlærar i klassen, replaces: "
                                 f"{fingerprint({'nb': 'kontaktlærer', 'nn': 'kontaktlærar'})}}}\n")
    loaded = load(layers / "skole")
    name = next(r.name for r in loaded.plan.roles.roles if r.id == "kontaktlaerer")
    assert (name.nb, name.nn) == ("kontaktlærer", "kontaktlærar i klassen")
    assert [str(n) for n in loaded.notices] == [
        "skole/roller.yaml:3:11: bare nn er skrevet her; nb-teksten er fortsatt den fra base/roller.yaml:5:16 og sier "
        "kanskje noe annet; skriv nb her også, eller kjør make oversett"]


def test_an_override_without_a_fingerprint_is_told_what_to_write(layers):
    write(layers, "roller.yaml", "roles:\n  - id: rektor\n    name: {nb: skoleleder, nn: skuleleiar}\n")
    assert [str(n) for n in load(layers / "skole").notices] == [
        f"skole/roller.yaml:3:11: teksten erstatter en tekst fra laget under; skriv «replaces: {RECTOR}» i teksten, "
        "så får du beskjed hvis den teksten endres senere (for eksempel ved ny lov)"]


def test_a_base_text_changed_since_the_school_replaced_it_is_reported(layers):
    write(layers, "roller.yaml", f"roles:\n  - id: rektor\n    name: {{nb: skoleleder, nn: skuleleiar, replaces: {RECTOR}}}\n")
    base = layers / "base" / "roller.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("{nb: rektor, nn: rektor}", "{nb: rektoren, nn: rektoren}"))
    new = fingerprint({"nb": "rektoren", "nn": "rektoren"})
    assert [str(n) for n in load(layers / "skole").notices] == [
        "skole/roller.yaml:3:11: teksten i laget under (base/roller.yaml:3:11) er endret siden denne ble skrevet; les "
        f"den nye teksten, rett din om nødvendig, og skriv så «replaces: {new}»"]


def test_a_new_item_is_added_at_the_end_or_after_the_id_it_names(layers):
    write(layers, "roller.yaml", "roles:\n"
          "  - {id: sosiallaerer, name: {nb: sosiallærer, nn: sosiallærar}, insert_after: rektor}\n"
          "  - {id: helsesykepleier, name: {nb: helsesykepleier, nn: helsesjukepleiar}}\n")
    plan = load_plan(layers / "skole")
    assert [r.id for r in plan.roles.roles] == ["rektor", "sosiallaerer", "kontaktlaerer", "elevrad", "helsesykepleier"]


def test_remove_takes_an_item_out(layers):
    write(layers, "aarshjul.yaml", "remove: [elevundersokelsen]\n")
    assert load_plan(layers / "skole").calendar.activities == []


def test_a_list_without_ids_is_replaced_whole(layers):
    write(layers, "aarshjul.yaml", "activities:\n  - id: elevundersokelsen\n    responsible: [kontaktlaerer]\n")
    activity = load_plan(layers / "skole").calendar.activities[0]
    assert activity.responsible == ["kontaktlaerer"] and activity.audience == ["elever"]


def test_a_mistake_in_the_base_is_shown_in_the_base_file_and_one_in_the_school_in_its_own(layers):
    base = layers / "base" / "tiltak.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("level: individ", "level: klasse"), encoding="utf-8")
    write(layers, "aarshjul.yaml", "activities:\n  - id: elevundersokelsen\n    timing: {month: 13}\n")
    found = problems(layers)
    assert found[0].startswith("base/tiltak.yaml:5:12: «level»: ")
    assert found[1].startswith("skole/aarshjul.yaml:3:21: ")


def test_every_bad_use_of_layers_is_reported_at_once(layers):
    write(layers, "tiltak.yaml", "remove: [fast-vokse]\n")
    write(layers, "roller.yaml", "roles:\n  - {id: rektr, name: {nn: rektor}}\n"
                                 "  - {id: ny, name: {nb: ny, nn: ny}, insert_after: kontaktlerer}\n")
    assert problems(layers) == [
        "skole/roller.yaml:2:10: laget under har ingen «rektr» å endre; mente du «rektor»? (et nytt element må ha alle "
        "feltene sine)",
        "skole/roller.yaml:3:52: «insert_after»: det finnes ingen «kontaktlerer» i listen; mente du «kontaktlaerer»?",
        "skole/tiltak.yaml:1:10: «remove»: laget under har ingen «fast-vokse» her; mente du «fast-voksen»?",
    ]


def test_an_id_written_twice_in_one_layer_is_an_error_not_a_silent_merge(layers):
    """The second would change the first (or the base's item) without a word: a role renamed on every page."""
    write(layers, "roller.yaml", "roles:\n"
          f"  - {{id: rektor, name: {{nb: skoleleder, nn: skuleleiar, replaces: {RECTOR}}}}}\n"
          "  - {id: sosiallaerer, name: {nb: sosiallærer, nn: sosiallærar}}\n"
          f"  - {{id: rektor, name: {{nb: avdelingsleder, nn: avdelingsleiar, replaces: {RECTOR}}}}}\n"
          "  - {id: sosiallaerer, name: {nb: miljøterapeut, nn: miljøterapeut}}\n")
    assert problems(layers) == [
        "skole/roller.yaml:4:10: id «rektor» står to ganger i listen (første gang på linje 2); en id må være unik: "
        "skriv alt om elementet på ett sted",
        "skole/roller.yaml:5:10: id «sosiallaerer» står to ganger i listen (første gang på linje 3); en id må være "
        "unik: skriv alt om elementet på ett sted",
    ]


def test_removing_an_item_others_refer_to_says_where_it_was_removed(layers):
    write(layers, "roller.yaml", "remove: [kontaktlaerer]\n")
    found = problems(layers)
    assert found and all("rolle «kontaktlaerer» er fjernet (remove i skole/roller.yaml:1:10), men brukes her; ta den "
                         "bort her også, eller la den stå" in p for p in found)
    assert found[0].startswith("base/")


def test_a_layer_that_does_not_exist(layers):
    write(layers, "skole.yaml", SCHOOL.replace("../base", "../basen"))
    assert problems(layers) == [
        "skole/skole.yaml:1:12: «builds_on»: laget «../basen» finnes ikke (ingen mappe basen); forventet grunnlag "
        "eller mappen med kommunens lag"]


def test_layers_that_build_on_each_other_in_a_ring(layers):
    (layers / "base" / "kommune.yaml").write_text("builds_on: ../skole\n", encoding="utf-8")
    assert problems(layers) == [
        "base/kommune.yaml:1:12: «builds_on»: lagene bygger på hverandre i ring (skole → base → skole); det nederste "
        "laget må bygge på grunnlag eller ingenting"]
