"""Texts are cut into blocks and sentences, and `update.plan` keeps the translation of every sentence that stayed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from skoleplan.model.base import Translation
from skoleplan.translate.sentences import SENTENCES_PATTERN, blocks, fingerprints, needs_record, parse
from skoleplan.translate.update import Pending, plan


def cut(text: str) -> list[list[str]]:
    return [[text[s.start : s.end] for s in block.sentences] for block in blocks(text)]


def test_blocks_and_sentences():
    text = (
        "Skolen følger med. **Alle** voksne gjør det!\n"
        "Hver dag, jf. planen.\n\n"
        "- Første punkt. Det har «to» setninger.\n"
        "- Andre punkt\n"
        "  på to linjer.\n"
        "## Overskrift\n"
        "| Hvem | Hva. Mer |\n"
        "```\nkode. Her\n```\n"
        "Skolen møter 1. trinn, og skolene som sender elever til\n"
        "8. trinn. Med samtykke."
    )
    assert cut(text) == [
        ["Skolen følger med.", "**Alle** voksne gjør det!", "Hver dag, jf. planen."],
        ["Første punkt.", "Det har «to» setninger."],
        ["Andre punkt\n  på to linjer."],
        ["Overskrift"],
        ["| Hvem | Hva. Mer |"],  # a table row is not cut into sentences
        ["```\nkode. Her\n```"],
        ["Skolen møter 1. trinn, og skolene som sender elever til\n8. trinn.", "Med samtykke."],  # «8.» is no list
    ]


def test_line_breaks_do_not_change_a_fingerprint_but_the_kind_of_block_does():
    assert fingerprints("En setning som\ngår over to linjer. To.") == fingerprints("En setning som går over to linjer.   To.")
    assert fingerprints("- Punkt. To.") == fingerprints("* Punkt.\n  To.")
    assert fingerprints("- Punkt.") != fingerprints("Punkt.") != fingerprints("## Punkt.")
    assert fingerprints("1. Punkt.") == fingerprints("7. Punkt.")  # renumbering a list changes nothing
    assert re.fullmatch(SENTENCES_PATTERN, fingerprints("A. B.\n\nC.\n- D."))
    assert [len(block) for block in parse(fingerprints("A. B.\n\nC.\n- D."))] == [2, 1, 1]


def test_the_model_accepts_exactly_what_is_written():
    assert Translation.model_fields["sentences"].metadata[0].pattern == SENTENCES_PATTERN
    assert not needs_record("Én setning, på to\nlinjer.") and needs_record("To. Setninger.") and needs_record("A\n\nB")


OLD = "Elevene er velkomne. Vi har det godt.\n\n- Første punkt. To.\n- Andre punkt\n"
REVIEWED = "Elevane er velkomne her. Vi har det godt.\n\n- Første punkt. To.\n- Andre punkt, retta\n"


def redraft(new: str, translation: str = REVIEWED, old: str | None = OLD) -> tuple[str, list[tuple[str, str, str]], bool]:
    """The new translation (pieces to translate in capitals) and the changes a reviewer is shown."""
    update = plan(new, translation, fingerprints(old) if old is not None else None)
    for piece in update.pending:
        piece.result = piece.source.upper()
    return update.text(), [(c.source, c.before, c.after_text()) for c in update.changes], update.whole


def test_a_changed_sentence_is_translated_again_and_every_other_kept():
    text, changes, whole = redraft("Elevene er velkomne. Vi har det bra.\n\n- Første punkt. To.\n- Andre punkt\n")
    assert text == "Elevane er velkomne her. VI HAR DET BRA.\n\n- Første punkt. To.\n- Andre punkt, retta\n"
    assert changes == [("Vi har det bra.", "Vi har det godt.", "VI HAR DET BRA.")] and not whole


def test_added_and_removed_sentences_and_list_items():
    text, changes, _ = redraft("Elevene er velkomne.\n\n- Første punkt. To.\n- Andre punkt\n- Tredje punkt\n")
    assert text == "Elevane er velkomne her.\n\n- Første punkt. To.\n- Andre punkt, retta\n- TREDJE PUNKT\n"
    assert changes == [("", "Vi har det godt.", ""), ("- Tredje punkt", "", "- TREDJE PUNKT")]
    text, changes, _ = redraft("Ny først. Elevene er velkomne. Vi har det godt.\n\n- Andre punkt\n")
    assert text == "NY FØRST. Elevane er velkomne her. Vi har det godt.\n\n- Andre punkt, retta\n"
    assert changes == [("Ny først.", "", "NY FØRST."), ("", "- Første punkt. To.", "")]


def test_line_breaks_and_moved_sentences_keep_their_translation_without_a_word():
    assert redraft("Elevene er\nvelkomne.  Vi har det godt.\n\n- Første punkt. To.\n- Andre punkt\n") == (REVIEWED, [], False)
    text, changes, _ = redraft("Elevene er velkomne.\n\nVi har det godt.\n\n- Første punkt. To.\n- Andre punkt\n")
    assert text == "Elevane er velkomne her.\n\nVi har det godt.\n\n- Første punkt. To.\n- Andre punkt, retta\n"
    assert changes == []


def test_a_block_whose_translation_has_other_sentences_is_translated_as_a_whole():
    merged = "Elevane er velkomne her, og vi har det godt.\n\n- Første punkt. To.\n- Andre punkt, retta\n"
    text, changes, whole = redraft("Elevene er velkomne. Vi har det bra.\n\n- Første punkt. To.\n- Andre punkt\n", merged)
    assert text == "ELEVENE ER VELKOMNE. VI HAR DET BRA.\n\n- Første punkt. To.\n- Andre punkt, retta\n" and not whole
    assert changes == [
        ("Elevene er velkomne. Vi har det bra.", "Elevane er velkomne her, og vi har det godt.", "ELEVENE ER VELKOMNE. VI HAR DET BRA.")
    ]


def test_without_a_match_the_whole_text_is_translated_again_and_the_old_one_shown():
    # the reviewer joined the list into the paragraph: the blocks no longer match
    joined = "Elevane er velkomne her. Vi har det godt. Første punkt. To. Andre punkt, retta.\n"
    text, changes, whole = redraft("Elevene er velkomne. Vi har det bra.\n\n- Første punkt. To.\n- Andre punkt\n", joined)
    assert whole and text == "ELEVENE ER VELKOMNE. VI HAR DET BRA.\n\n- FØRSTE PUNKT. TO.\n- ANDRE PUNKT\n"
    assert changes == [("Elevene er velkomne. Vi har det bra.\n\n- Første punkt. To.\n- Andre punkt", joined.strip(), text)]
    # no sentences recorded (the source was one sentence): the whole text, as before
    assert redraft("Ny tekst.", "Gammal tekst.", None) == ("NY TEKST.", [("Ny tekst.", "Gammal tekst.", "NY TEKST.")], True)


SENTENCE = st.sampled_from(["Skolen følger med.", "Eleven skal ha det trygt.", "Rektor har ansvaret!", "Hvem gjør hva?"])
PARAGRAPHS = st.lists(st.lists(SENTENCE, min_size=1, max_size=3), min_size=1, max_size=4)


@given(PARAGRAPHS, PARAGRAPHS)
def test_whatever_the_edit_every_unchanged_sentence_keeps_its_reviewed_translation(old, new):
    """A stand-in reviewer writes each sentence in lower case; only new sentences come back in capitals."""
    source_old = "\n\n".join(" ".join(p) for p in old)
    reviewed = "\n\n".join(" ".join(s.lower() for s in p) for p in old)
    source_new = "\n\n".join(" ".join(p) for p in new)
    update = plan(source_new, reviewed, fingerprints(source_old))
    for piece in update.pending:
        piece.result = piece.source.upper()
    got = [[s for s in re.split(r"(?<=[.!?]) ", paragraph)] for paragraph in update.text().split("\n\n")]
    assert len(got) == len(new)
    known = {s for p in old for s in p}
    for paragraph_new, paragraph_got in zip(new, got):
        assert len(paragraph_got) == len(paragraph_new)
        for sentence, translated in zip(paragraph_new, paragraph_got):
            assert translated in (sentence.lower(), sentence.upper())
            if sentence not in known:
                assert translated == sentence.upper()
    assert all(isinstance(p, (str, Pending)) for p in update.parts)
