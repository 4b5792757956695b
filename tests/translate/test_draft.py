"""`oversett` writes drafts into the YAML in place; `godkjenn` marks them reviewed; edits make them stale."""

from __future__ import annotations

import re
import shutil

import pytest

from skoleplan.cli import main
from skoleplan.model.base import fingerprint
from skoleplan.translate.draft import TranslateError, approve, draft
from skoleplan.translate.markup import split
from skoleplan.translate.texts import find_texts, status_of
from skoleplan.translate.yamlfile import _INDENTS, YamlFile, _dump, _yaml, merge
from skoleplan.validate import load_plan
from skoleplan.model import FILES

from .conftest import FIXTURES, MINIMAL, replace_in, shout


def snapshot(data):
    return {p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()}


def texts_of(data, name):
    yaml_file = YamlFile(data / name)
    return {".".join(map(str, t.path)): t.node for t in find_texts(FILES[name], yaml_file.data, name)}


# --- layout: with a stand-in translator, the output is exactly known ----------------------


RECORD = re.compile(r', translation: \{source: nb, status: reviewed, hash: "[0-9a-f]{8}"(?:, sentences: "[0-9a-f ]+")?\}')
RECORD_LINE = re.compile(r'^ *translation: \{source: nb, status: reviewed, hash: "[0-9a-f]{8}"(?:, sentences: "[0-9a-f ]+")?\}$')


def without_tracking(text: str) -> str:
    """A file's text with the records `oversett` adds to hand-written texts taken out again."""
    return "".join(RECORD.sub("", line) for line in text.splitlines(keepends=True) if not RECORD_LINE.match(line))


def test_drafts_go_into_the_yaml_and_nothing_else_changes(plan_dir):
    before = snapshot(plan_dir)
    result = draft(plan_dir, translator=shout)
    after = snapshot(plan_dir)
    # tiltak.yaml: comments, key order, quoting and untouched texts byte for byte (see fixtures/expected)
    assert after["tiltak.yaml"].decode() == (FIXTURES / "expected" / "tiltak.yaml").read_text(encoding="utf-8")
    # aktivitetsplikt.yaml: the missing text is drafted on its own line, and each hand-written text gets its
    # record on its own line too: no flow mapping became a block. `law: [{section: 12-4}]`, which
    # ruamel.yaml would write as `[section: 12-4]`, stays as written.
    old, new = before["aktivitetsplikt.yaml"].decode().splitlines(), after["aktivitetsplikt.yaml"].decode().splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(old) == len(new)
    assert (
        "signs: {intro: {nb: Tegn., nn: Teikn.}, items: [{nb: Er alene.}]}",
        'signs: {intro: {nb: Tegn., nn: Teikn., translation: {source: nb, status: reviewed, hash: "'
        + fingerprint("Tegn.") + '"}}, items: [{nb: Er alene., nn: ER ALENE., '
        'translation: {source: nb, status: draft, hash: "' + fingerprint("Er alene.") + '"}}]}',
    ) in changed
    assert "    law: [{section: 12-4}]" in new
    # every other file: only the records of hand-written texts added
    for name in before:
        if name != "tiltak.yaml":
            expected = before[name].decode().replace("items: [{nb: Er alene.}]", "items: [{nb: Er alene., nn: ER ALENE., "
                'translation: {source: nb, status: draft, hash: "' + fingerprint("Er alene.") + '"}}]')
            assert without_tracking(after[name].decode()) == expected, name
    assert sorted((d.text.file, d.text.where, d.was) for d in result.drafted) == [
        ("aktivitetsplikt.yaml", "signs.items.0", "missing"),
        ("tiltak.yaml", "intro", "missing"),
        ("tiltak.yaml", "tiltak «fast-voksen», description", "missing"),
        ("tiltak.yaml", "tiltak «fast-voksen», how", "stale"),
        ("tiltak.yaml", "tiltak «trygg-pause», description", "missing"),
        ("tiltak.yaml", "tiltak «trygg-pause», prerequisites", "stale"),
    ]
    assert ("tiltak.yaml", "tiltak «fast-voksen», title") in [(t.file, t.where) for t in result.tracked]
    assert result.relaid == []
    load_plan(plan_dir)  # the plan is valid again


def test_a_second_run_changes_nothing(plan_dir):
    draft(plan_dir, translator=shout)
    before = snapshot(plan_dir)
    assert draft(plan_dir, translator=shout).drafted == []
    assert snapshot(plan_dir) == before


def test_a_fresh_draft_is_never_overwritten(plan_dir):
    # trygg-pause's title is a draft someone already corrected, made from the source as it is now
    draft(plan_dir, translator=shout)
    node = texts_of(plan_dir, "tiltak.yaml")["measures.1.title"]
    assert node["nn"] == "Trygg pause (retta for hand)"


# --- the real translator --------------------------------------------------------------------


def test_apertium_drafts_keep_markdown_and_record_their_source(plan_dir, needs_apertium):
    original = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8")
    result = draft(plan_dir)
    assert len(result.drafted) == 6
    text = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8")
    # every comment, in order
    assert [l for l in text.splitlines() if "#" in l and l.lstrip().startswith("#")] == [
        l for l in original.splitlines() if "#" in l and l.lstrip().startswith("#")
    ]
    # untouched texts, byte for byte
    for line in (
        '    title: {nb: Fast voksen, nn: Fast vaksen, translation: {source: nb, status: reviewed, hash: "efb8cdc8"}}',
        '      nn: "Gløym ikkje å spørje eleven korleis tiltaket verkar."',
        "    how: {nb: Avtal et fast sted å møtes., nn: Avtal ein fast stad å møtast., translation: {source: nb, "
        'status: reviewed, hash: "108a5e58"}}',
        "  - id: fast-voksen   # denne id-en endres aldri",
    ):
        assert line in text
    texts = texts_of(plan_dir, "tiltak.yaml")
    intro = texts["intro"]
    assert [s.text for s in split(intro["nn"]) if not s.translate] == [
        s.text for s in split(intro["nb"]) if not s.translate
    ]
    assert "[" in intro["nn"] and "](https://www.udir.no/laring-og-trivsel/skolemiljo/)" in intro["nn"]
    assert "`aktivitetsplan_mal.docx`" in intro["nn"] and "\n- " in intro["nn"]
    assert "Tiltaka" in intro["nn"]  # Nynorsk
    for path in ("intro", "measures.0.description", "measures.0.how", "measures.1.description"):
        record = texts[path]["translation"]
        assert dict(record) == {"source": "nb", "status": "draft", "hash": fingerprint(texts[path]["nb"])} | (
            {"sentences": "f1a81fd4 0e8e 1bf1 8692"} if path == "intro" else {}
        )
    plan = load_plan(plan_dir)
    assert plan.measures.intro.is_machine_draft("nn") and not plan.measures.intro.is_machine_draft("nb")
    before = snapshot(plan_dir)
    assert draft(plan_dir).drafted == []
    assert snapshot(plan_dir) == before


def test_a_nynorsk_school_gets_bokmal_drafts(nynorsk_dir, needs_apertium):
    result = draft(nynorsk_dir)
    assert {(d.source, d.target) for d in result.drafted} == {("nn", "nb")}
    texts = texts_of(nynorsk_dir, "tiltak.yaml")
    assert list(texts["intro"]) == ["nb", "nn", "translation"]  # nb before nn, the record last
    assert "**sammen med eleven**" in texts["intro"]["nb"]
    assert dict(texts["measures.0.title"]["translation"])["source"] == "nn"
    plan = load_plan(nynorsk_dir)
    assert plan.measures.measures[0].title.is_machine_draft("nb")


# --- stale, reviewed ------------------------------------------------------------------------


def test_an_edit_of_the_source_makes_the_translation_stale(plan_dir):
    draft(plan_dir, translator=shout)
    approve(plan_dir, "tiltak.yaml")
    texts = texts_of(plan_dir, "tiltak.yaml")
    assert status_of(texts["measures.0.description"], "nb").state == "reviewed"
    replace_in(plan_dir / "tiltak.yaml", "nb: En voksen følger eleven gjennom skoledagen.", "nb: En voksen følger eleven hele dagen.")
    texts = texts_of(plan_dir, "tiltak.yaml")
    assert status_of(texts["measures.0.description"], "nb").state == "stale"
    assert load_plan(plan_dir).measures.measures[0].description.is_stale()
    before = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    result = draft(plan_dir, translator=shout)
    assert [(d.text.where, d.was, d.replaced_reviewed) for d in result.drafted] == [
        ("tiltak «fast-voksen», description", "stale", True)
    ]
    after = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [
        ("      nn: EN VOKSEN FØLGER ELEVEN GJENNOM SKOLEDAGEN.", "      nn: EN VOKSEN FØLGER ELEVEN HELE DAGEN."),
        (
            f'      translation: {{source: nb, status: reviewed, hash: "{fingerprint("En voksen følger eleven gjennom skoledagen.")}"}}',
            f'      translation: {{source: nb, status: draft, hash: "{fingerprint("En voksen følger eleven hele dagen.")}"}}',
        ),
    ]


def test_whitespace_at_line_ends_does_not_make_a_text_stale():
    assert fingerprint("Linje en\nlinje to\n") == fingerprint("  Linje en   \nlinje to")
    assert fingerprint("Linje en\nlinje to") != fingerprint("Linje en linje to")


def test_godkjenn_marks_drafts_reviewed_and_nothing_else(plan_dir):
    draft(plan_dir, translator=shout)
    before = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    result = approve(plan_dir, str(plan_dir / "tiltak.yaml"), item_id="trygg-pause")
    assert sorted(t.where for t in result.approved) == [
        "tiltak «trygg-pause», description", "tiltak «trygg-pause», prerequisites", "tiltak «trygg-pause», title",
    ]
    after = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    # (a comment after the record keeps its column, so the spaces before it may change)
    assert len(changed) == 3 and all(a.replace("draft", "reviewed").split() == b.split() for a, b in changed)
    texts = texts_of(plan_dir, "tiltak.yaml")
    assert status_of(texts["intro"], "nb").state == "draft"  # another item: untouched
    assert status_of(texts["measures.1.title"], "nb").state == "reviewed"


def test_godkjenn_can_start_tracking_hand_written_texts(plan_dir):
    result = approve(plan_dir, "tiltak", item_id="fast-voksen", track=True)
    assert sorted(t.where for t in result.tracked) == ["tiltak «fast-voksen», pitfalls", "tiltak «fast-voksen», title"]
    texts = texts_of(plan_dir, "tiltak.yaml")
    assert dict(texts["measures.0.title"]["translation"]) == {
        "source": "nb", "status": "reviewed", "hash": fingerprint("Fast voksen")
    }
    # the flow mapping stays one line
    assert (
        f'    title: {{nb: Fast voksen, nn: Fast vaksen, translation: {{source: nb, status: reviewed, hash: "{fingerprint("Fast voksen")}"}}}}\n'
    ) in (plan_dir / "tiltak.yaml").read_text(encoding="utf-8")


def test_reviewing_by_hand_is_just_an_edit(plan_dir):
    draft(plan_dir, translator=shout)
    replace_in(plan_dir / "tiltak.yaml", 'translation: {source: nb, status: draft, hash: "36e5729e"}', 'translation: {source: nb, status: reviewed, hash: "36e5729e"}')
    assert status_of(texts_of(plan_dir, "tiltak.yaml")["measures.0.description"], "nb").state == "reviewed"


def test_an_invalid_record_is_left_for_make_check(plan_dir):
    replace_in(plan_dir / "tiltak.yaml", "status: reviewed, hash: \"00000000\"", "status: godkjent, hash: \"00000000\"")
    result = draft(plan_dir, translator=shout)
    assert [t.where for t in result.invalid] == ["tiltak «fast-voksen», how"]
    assert "status: godkjent" in (plan_dir / "tiltak.yaml").read_text(encoding="utf-8")


def test_unknown_file_and_id_are_told_in_norwegian(plan_dir):
    with pytest.raises(TranslateError, match="fant ingen datafil «tiltk.yaml»"):
        approve(plan_dir, "tiltk.yaml")
    with pytest.raises(TranslateError, match="fant ingen datafil"):
        approve(plan_dir, str(plan_dir / "finnes-ikke" / "tiltak.yaml"))
    with pytest.raises(TranslateError, match="fant ingen tekster med id «finnes-ikke»"):
        approve(plan_dir, "tiltak.yaml", item_id="finnes-ikke")


def test_cli_oversett_and_godkjenn(plan_dir, needs_apertium, capsys):
    assert main(["oversett", str(plan_dir), "--fil", "tiltak.yaml"]) == 0
    out = capsys.readouterr().out
    assert "nob-nno_e" in out and "Skrev 5 maskinoversatte utkast. Les og rett dem i filene" in out
    how = texts_of(plan_dir, "tiltak.yaml")["measures.0.how"]
    assert (
        f"{plan_dir / 'tiltak.yaml'}:{how.lc.line + 1}:7: tiltak «fast-voksen», how: originalen er endret; "
        "teksten er maskinoversatt på nytt\n"
        "    bokmål nå:      Hver dag: kontaktlæreren snakker med eleven i første friminutt.\n"
        "    nynorsk før:    Kvar dag: kontaktlæraren snakkar med eleven i første friminutt.\n"
        f"    nynorsk utkast: {how['nn']}\n"
    ) in out
    assert f"  {plan_dir / 'tiltak.yaml'}: 3 nye utkast, 2 oppdaterte oversettelser\n" in out
    assert "Sporer nå 3 tekster som er skrevet for hånd på begge skriftspråk" in out
    assert main(["oversett", str(plan_dir), "--fil", "tiltak.yaml"]) == 0
    assert "Ingenting å oversette" in capsys.readouterr().out
    assert main(["godkjenn", str(plan_dir / "tiltak.yaml"), "--data", str(plan_dir)]) == 0
    assert capsys.readouterr().out == f"{plan_dir / 'tiltak.yaml'}: godkjente 6 utkast.\n"


def test_cli_messages_say_one_and_many_in_good_norwegian(plan_dir, capsys, monkeypatch):
    from skoleplan.translate import apertium

    monkeypatch.setattr(apertium, "choose_mode", lambda source, target, mode=None: "nob-nno_e")
    monkeypatch.setattr(apertium, "translate", lambda texts, source, target, mode=None: shout(texts, source, target))
    assert main(["oversett", str(plan_dir), "--fil", "aktivitetsplikt.yaml"]) == 0
    out = capsys.readouterr().out
    assert f"  {plan_dir / 'aktivitetsplikt.yaml'}: 1 nytt utkast\n" in out
    assert "Skrev 1 maskinoversatt utkast. Les og rett det i filene (merket status: draft)" in out
    replace_in(plan_dir / "tiltak.yaml", "title: {nb: Fast voksen, nn: Fast vaksen}", "title: {nb: Fast voksen}")
    assert main(["godkjenn", "tiltak.yaml", "--data", str(plan_dir), "--id", "fast-voksen", "--spor"]) == 0
    assert capsys.readouterr().out == (
        "tiltak.yaml («fast-voksen»): godkjente 1 utdatert oversettelse mot originalen slik den er nå; "
        "startet sporing av 1 tekst skrevet for hånd.\n"
        "2 tekster mangler på ett av skriftspråkene; kjør «make oversett» først.\n"
    )


def shout_but(refused: str):
    """`shout`, except that a text holding `refused` comes back as None (Apertium could not keep its markup)."""
    return lambda texts, source, target: [None if refused in t else u for t, u in zip(texts, shout(texts, source, target))]


def test_a_text_that_cannot_be_translated_is_reported_and_the_others_are_drafted(plan_dir):
    result = draft(plan_dir, translator=shout_but("Eleven vil selv."))
    assert [(t.where, t.column) for t in result.failed] == [("tiltak «trygg-pause», prerequisites", 7)]
    # the line it is on in the file as written, with the drafts above it
    lines = (plan_dir / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    assert lines.index("      nb: Eleven vil selv.") + 1 == result.failed[0].line == 56
    assert len(result.drafted) == 5
    texts = texts_of(plan_dir, "tiltak.yaml")
    assert texts["measures.1.prerequisites"]["nn"] == "Eleven vil sjølv."  # left as it was, still stale
    assert status_of(texts["measures.1.prerequisites"], "nb").state == "stale"
    assert texts["measures.1.description"]["nn"] == "ELEVEN FÅR EN VOKSEN Å GÅ TIL I FRIMINUTTENE."


def test_cli_names_the_text_apertium_could_not_translate_and_goes_on(plan_dir, needs_apertium, capsys, monkeypatch):
    from skoleplan.translate import apertium

    monkeypatch.setattr(apertium, "translate", lambda texts, source, target, mode=None: shout_but("Eleven vil selv.")(texts, source, target))
    assert main(["oversett", str(plan_dir)]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f"{plan_dir / 'tiltak.yaml'}:56:7: Apertium klarte ikke å oversette teksten uten å flytte markeringene i den; "
        "den er hoppet over: skriv oversettelsen for hånd (tiltak «trygg-pause», prerequisites)\n"
    )
    assert "Skrev 5 maskinoversatte utkast" in out
    assert "ELEVEN FÅR EN VOKSEN" in (plan_dir / "tiltak.yaml").read_text(encoding="utf-8")


# --- the three-way merge ------------------------------------------------------------------


def test_merge_keeps_what_ruamel_would_re_lay_out():
    original = "a: [{x: 1}]\nb:\n  c: 1\n"
    baseline = "a: [x: 1]\nb:\n  c: 1\n"
    changed = "a: [x: 1]\nb:\n  c: 1\n  d: 2\n"
    assert merge(original, baseline, changed) == "a: [{x: 1}]\nb:\n  c: 1\n  d: 2\n"


def test_merge_takes_ruamel_s_line_only_where_the_edit_is():
    original = "a: [{x: 1}]\nb: [{y: 1}]\n"
    baseline = "a: [x: 1]\nb: [y: 1]\n"
    changed = "a: [x: 1]\nb: [{y: 1, z: 2}]\n"
    assert merge(original, baseline, changed) == "a: [{x: 1}]\nb: [{y: 1, z: 2}]\n"


def test_minimal_fixture_is_the_base(tmp_path):
    # The fixtures lay files over the loader's minimal plan; make sure it is there and complete.
    assert (MINIMAL / "skole.yaml").is_file()
    shutil.copytree(MINIMAL, tmp_path / "m")
    load_plan(tmp_path / "m")


def test_a_file_with_windows_line_endings_keeps_them(plan_dir):
    path = plan_dir / "tiltak.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    draft(plan_dir, only=["tiltak.yaml"], translator=shout)
    expected = (FIXTURES / "expected" / "tiltak.yaml").read_bytes().replace(b"\n", b"\r\n")
    assert path.read_bytes() == expected


@pytest.mark.parametrize("indent", _INDENTS, ids=[f"{m}-{s}-{o}" for m, s, o in _INDENTS])
def test_each_indentation_style_is_seen_in_the_file_and_kept(indent, tmp_path):
    """The style is read from how the file indents (yamlfile._observed): a file written in any of the styles
    is fitted to that style, an edit keeps it, and the next edit still merges into the file as written."""
    data = {"intro": {"nb": "Tekst", "nn": "Tekst"},
            "activities": [{"id": "a", "title": {"nb": "Én", "nn": "Ei"}, "audience": ["elever", "foresatte"]}]}
    path = tmp_path / "aarshjul.yaml"
    path.write_text(_dump(_yaml(indent), data), encoding="utf-8")
    file = YamlFile(path)
    assert file._baseline == file.original  # the style found reproduces the file exactly
    file.data["activities"][0]["title"]["nn"] = "Éi"
    assert file.save()
    file.data["intro"]["nn"] = "Tekst på nynorsk"
    assert file.save()
    expected = _dump(_yaml(indent), data).replace("nn: Ei", "nn: Éi").replace("nn: Tekst\n", "nn: Tekst på nynorsk\n")
    assert path.read_text(encoding="utf-8") == expected


def test_a_file_left_alone_is_neither_fitted_nor_written_and_an_edit_is(tmp_path):
    """The style is fitted only for a file that is written (`make oversett` opens every file, changes a few)."""
    path = tmp_path / "aarshjul.yaml"
    text = "intro: {nb: Tekst, nn: Tekst}   # a comment\nactivities:\n  - id: a\n    title: {nb: Én, nn: Ei}\n"
    path.write_text(text, encoding="utf-8")
    file = YamlFile(path)
    assert not file.save()
    assert file._fitted is None and path.read_text(encoding="utf-8") == text
    file.data["activities"][0]["title"]["nn"] = "Éi"
    assert file.save()
    assert path.read_text(encoding="utf-8") == text.replace("nn: Ei}", "nn: Éi}")
