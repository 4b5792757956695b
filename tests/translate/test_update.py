"""After an edit, `oversett` keeps every reviewed sentence it need not change, and shows the reviewer the rest."""

from __future__ import annotations


from skoleplan.cli import main
from skoleplan.model.base import fingerprint
from skoleplan.translate import apertium
from skoleplan.translate.draft import draft
from skoleplan.translate.sentences import fingerprints
from skoleplan.translate.texts import status_of
from skoleplan.validate import load_plan

from ..conftest import copy_example
from .conftest import PROJECT, replace_in, shout
from .test_draft import snapshot, texts_of, without_tracking

PITFALLS = '''    pitfalls:
      nb: "Glem ikke å spørre eleven hvordan tiltaket virker."
      nn: "Gløym ikkje å spørje eleven korleis tiltaket verkar."
'''
NB = """Glem ikke å spørre eleven. Tiltaket må evalueres.

- Snakk med foresatte.
- Skriv ned avtalen.
"""
NN = """Gløym ikkje å spørje eleven. Tiltaket må evaluerast.

- Snakk med dei føresette.
- Skriv ned avtalen.
"""


def block(text: str) -> str:
    return "".join(f"        {line}\n" if line else "\n" for line in text.splitlines())


def tracked(plan_dir):
    """The plan after a first `oversett`: drafts written, every hand-written text tracked, pitfalls in two blocks."""
    replace_in(plan_dir / "tiltak.yaml", PITFALLS, f"    pitfalls:\n      nb: |\n{block(NB)}      nn: |\n{block(NN)}")
    draft(plan_dir, translator=shout)
    return texts_of(plan_dir, "tiltak.yaml")["measures.0.pitfalls"]


def pitfalls(plan_dir):
    return texts_of(plan_dir, "tiltak.yaml")["measures.0.pitfalls"]


def edit_nb(plan_dir, old: str, new: str) -> None:
    replace_in(plan_dir / "tiltak.yaml", f"        {old}", f"        {new}")


def oversett(plan_dir, capsys, monkeypatch) -> str:
    monkeypatch.setattr(apertium, "choose_mode", lambda source, target, mode=None: "nob-nno_e")
    monkeypatch.setattr(apertium, "translate", lambda texts, source, target, mode=None: shout(texts, source, target))
    assert main(["oversett", str(plan_dir)]) == 0
    return capsys.readouterr().out


def test_oversett_starts_tracking_hand_written_texts(plan_dir):
    node = tracked(plan_dir)
    assert dict(node["translation"]) == {
        "source": "nb", "status": "reviewed", "hash": fingerprint(NB), "sentences": fingerprints(NB)
    }
    assert fingerprints(NB).count(" ") == 2  # three blocks: the paragraph and two list items
    assert status_of(node, "nb").state == "reviewed"


def test_an_edit_drafts_only_the_changed_sentence_and_shows_the_old_and_new(plan_dir, capsys, monkeypatch):
    tracked(plan_dir)
    edit_nb(plan_dir, "Glem ikke å spørre eleven. Tiltaket må evalueres.", "Glem ikke å spørre eleven. Tiltaket evalueres etter to uker.")
    out = oversett(plan_dir, capsys, monkeypatch)
    node = pitfalls(plan_dir)
    assert node["nn"] == NN.replace("Tiltaket må evaluerast.", "TILTAKET EVALUERES ETTER TO UKER.")
    assert dict(node["translation"])["status"] == "draft"
    assert dict(node["translation"])["sentences"] == fingerprints(node["nb"])
    assert (
        f"{plan_dir / 'tiltak.yaml'}:{node.lc.line + 1}:7: tiltak «fast-voksen», pitfalls: originalen er endret; "
        "1 setning er maskinoversatt på nytt, resten av oversettelsen er beholdt\n"
        "    bokmål nå:      Tiltaket evalueres etter to uker.\n"
        "    nynorsk før:    Tiltaket må evaluerast.\n"
        "    nynorsk utkast: TILTAKET EVALUERES ETTER TO UKER.\n"
    ) in out
    assert "Skrev 1 maskinoversatt utkast." in out
    assert load_plan(plan_dir).measures.measures[0].pitfalls.is_machine_draft("nn")


def test_a_correction_in_the_translation_survives_an_edit_elsewhere(plan_dir, capsys, monkeypatch):
    tracked(plan_dir)
    replace_in(plan_dir / "tiltak.yaml", "- Snakk med dei føresette.", "- Snakk med foreldra.")  # the reviewer's word
    edit_nb(plan_dir, "- Skriv ned avtalen.", "- Skriv ned avtalen samme dag.")
    oversett(plan_dir, capsys, monkeypatch)
    assert pitfalls(plan_dir)["nn"] == (
        "Gløym ikkje å spørje eleven. Tiltaket må evaluerast.\n\n- Snakk med foreldra.\n- SKRIV NED AVTALEN SAMME DAG.\n"
    )


def test_a_stale_draft_keeps_the_sentences_corrected_in_it(plan_dir, capsys, monkeypatch):
    draft(plan_dir, translator=shout)  # the intro is a draft now
    replace_in(plan_dir / "tiltak.yaml", "- SNAKK MED ELEVEN *FØRST*.", "- Snakk med eleven *først* (retta).")
    replace_in(plan_dir / "tiltak.yaml", "- Skriv ned hva dere blir enige om.", "- Skriv ned hva dere avtaler.")
    oversett(plan_dir, capsys, monkeypatch)
    intro = texts_of(plan_dir, "tiltak.yaml")["intro"]["nn"]
    assert "- Snakk med eleven *først* (retta).\n- SKRIV NED HVA DERE AVTALER.\n" in intro


def test_new_line_breaks_keep_the_translation_reviewed(plan_dir, capsys, monkeypatch):
    tracked(plan_dir)
    edit_nb(plan_dir, "Glem ikke å spørre eleven. Tiltaket må evalueres.", "Glem ikke å spørre eleven.\n        Tiltaket må evalueres.")
    out = oversett(plan_dir, capsys, monkeypatch)
    node = pitfalls(plan_dir)
    assert node["nn"] == NN
    assert dict(node["translation"]) == {
        "source": "nb", "status": "reviewed", "hash": fingerprint(node["nb"]), "sentences": fingerprints(NB)
    }
    assert (
        "tiltak «fast-voksen», pitfalls: bare linjeskift eller mellomrom er endret i originalen; "
        "oversettelsen er beholdt, fortsatt godkjent\n"
    ) in out
    assert "Skrev" not in out


def test_a_removed_list_item_is_dropped_from_the_translation_which_stays_reviewed(plan_dir, capsys, monkeypatch):
    tracked(plan_dir)
    replace_in(plan_dir / "tiltak.yaml", "        - Snakk med foresatte.\n", "")
    out = oversett(plan_dir, capsys, monkeypatch)
    node = pitfalls(plan_dir)
    assert node["nn"] == NN.replace("- Snakk med dei føresette.\n", "")
    assert dict(node["translation"])["status"] == "reviewed"
    assert (
        "tiltak «fast-voksen», pitfalls: originalen er endret, men ingenting nytt skal oversettes; "
        "oversettelsen er fortsatt godkjent\n"
        "    nynorsk fjernet: - Snakk med dei føresette.\n"
    ) in out


def test_a_translation_that_no_longer_matches_is_translated_again_with_the_old_one_shown(plan_dir, capsys, monkeypatch):
    tracked(plan_dir)
    replace_in(plan_dir / "tiltak.yaml", "- Snakk med dei føresette.\n        - Skriv ned avtalen.", "Snakk med dei føresette, og skriv ned avtalen.")
    edit_nb(plan_dir, "- Skriv ned avtalen.", "- Skriv ned avtalen samme dag.")
    out = oversett(plan_dir, capsys, monkeypatch)
    assert pitfalls(plan_dir)["nn"] == NB.replace("avtalen.", "avtalen samme dag.").upper().replace("- ", "- ")
    assert (
        "tiltak «fast-voksen», pitfalls: originalen er endret, og setningene i oversettelsen lot seg ikke finne igjen; "
        "hele teksten er maskinoversatt på nytt\n"
        "    bokmål nå:      Glem ikke å spørre eleven. Tiltaket må evalueres.\n"
        "                    \n"
        "                    - Snakk med foresatte.\n"
        "                    - Skriv ned avtalen samme dag.\n"
        "    nynorsk før:    Gløym ikkje å spørje eleven. Tiltaket må evaluerast.\n"
        "                    \n"
        "                    Snakk med dei føresette, og skriv ned avtalen.\n"
    ) in out


def test_on_the_example_data_oversett_tracks_everything_in_place_and_then_drafts_one_edited_sentence(tmp_path, capsys, monkeypatch):
    school = copy_example(tmp_path)
    data = tmp_path / "kommuner" / "fjordvik"  # the layer the measures are in
    before = snapshot(data)
    out = oversett(data, capsys, monkeypatch)
    assert "Sporer nå" in out and "Skrev" not in out
    after = snapshot(data)
    for name in before:  # only records added: no text moved, no flow mapping became a block
        assert without_tracking(after[name].decode()) == before[name].decode(), name
    assert load_plan(school)
    text = (data / "tiltak.yaml").read_text(encoding="utf-8")
    edited = text.replace("inn i aktivitetsplanen. Den er ingen fasit.", "inn i aktivitetsplanen. Den er et forslag.", 1)
    assert edited != text
    (data / "tiltak.yaml").write_text(edited, encoding="utf-8")
    out = oversett(data, capsys, monkeypatch)
    assert "    bokmål nå:      Den er et forslag.\n    nynorsk før:    Han er ingen fasit.\n" in out
    new = (data / "tiltak.yaml").read_text(encoding="utf-8").splitlines()
    old = edited.splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(old) == len(new) and len(changed) == 2  # the Nynorsk line with the sentence, and the record
    assert changed[0][1].endswith("inn i aktivitetsplanen. DEN ER ET FORSLAG. Kvart tiltak må tilpassast eleven og situasjonen, og valet")
    assert 'translation: {source: nb, status: draft, hash: "' in changed[1][1]


def test_an_all_digit_fingerprint_is_not_taken_for_a_phone_number(plan_dir):
    draft(plan_dir, translator=shout)
    replace_in(plan_dir / "tiltak.yaml", 'hash: "efb8cdc8"}', 'hash: "68803715", sentences: "1234 5678"}')
    load_plan(plan_dir)  # a stale record, but no personal data


def git(data, *args) -> None:
    import subprocess

    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=data, check=True, capture_output=True)


def test_an_edit_made_before_the_first_oversett_is_found_in_the_last_commit(tmp_path, capsys, monkeypatch):
    """Hand-written texts carry no record of their source; in git, the last commit has it."""
    copy_example(tmp_path)
    data = tmp_path / "kommuner" / "fjordvik"  # the layer the measures are in
    git(data, "init", "-q")
    git(data, "add", ".")
    git(data, "commit", "-q", "-m", "start")
    text = (data / "tiltak.yaml").read_text(encoding="utf-8")
    (data / "tiltak.yaml").write_text(
        text.replace("inn i aktivitetsplanen. Den er ingen fasit.", "inn i aktivitetsplanen. Den er et forslag.", 1),
        encoding="utf-8",
    )
    out = oversett(data, capsys, monkeypatch)
    intro = texts_of(data, "tiltak.yaml")["intro"]
    assert (
        f"{data / 'tiltak.yaml'}:{intro.lc.line + 1}:3: intro: originalen er endret siden siste commit; "
        "1 setning er maskinoversatt på nytt, resten av oversettelsen er beholdt\n"
        "    bokmål nå:      Den er et forslag.\n"
        "    nynorsk før:    Han er ingen fasit.\n"
        "    nynorsk utkast: DEN ER ET FORSLAG.\n"
    ) in out
    assert "inn i aktivitetsplanen. DEN ER ET FORSLAG. Kvart tiltak" in intro["nn"]
    assert dict(intro["translation"])["status"] == "draft"
    assert "Sporer nå 182 tekster" in out and "Skrev 1 maskinoversatt utkast." in out


def test_the_readme_shows_what_oversett_prints(tmp_path, capsys, needs_apertium):
    """The README's example of a changed sentence is Apertium's real output for that edit of the example data."""
    import re

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"^ +((?:bokmål nå|nynorsk før|nynorsk utkast): +.+)$", readme, re.M)
    assert len(shown) == 3
    copy_example(tmp_path)
    data = tmp_path / "kommuner" / "fjordvik"  # the layer the measures are in
    assert main(["oversett", str(data)]) == 0
    text = (data / "tiltak.yaml").read_text(encoding="utf-8")
    edited = text.replace("aktivitetsplanen. Den er ingen fasit.", "aktivitetsplanen. Den er et forslag, ingen fasit.", 1)
    (data / "tiltak.yaml").write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["oversett", str(data)]) == 0
    printed = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert shown == [line for line in printed if line.startswith(("bokmål nå", "nynorsk før", "nynorsk utkast"))]
    assert fingerprint("Fast voksen") in readme and fingerprint("En voksen følger eleven gjennom skoledagen.") in readme


def test_an_older_record_gets_its_sentences_fingerprinted_and_is_told(plan_dir, capsys, monkeypatch):
    """A record written before sentences were fingerprinted: its source is the one it names, so they are added."""
    nb = "Eleven vil selv. Det er viktig."
    replace_in(plan_dir / "tiltak.yaml", "nb: Eleven vil selv.\n      nn: Eleven vil sjølv.\n      translation: {source: nb, status: reviewed, hash: \"5de3c1f0\"}",
               f'nb: {nb}\n      nn: Eleven vil sjølv. Det er viktig.\n      translation: {{source: nb, status: reviewed, hash: "{fingerprint(nb)}"}}')
    out = oversett(plan_dir, capsys, monkeypatch)
    record = texts_of(plan_dir, "tiltak.yaml")["measures.1.prerequisites"]["translation"]
    assert dict(record) == {"source": "nb", "status": "reviewed", "hash": fingerprint(nb), "sentences": fingerprints(nb)}
    assert "La til fingeravtrykk av hver setning i 1 oversettelse, så en senere endring bare gir utkast" in out
