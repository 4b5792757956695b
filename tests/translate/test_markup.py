"""Markdown is split into words to translate and markup to keep, and always comes back whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skoleplan.translate.markup import join, split

SAMPLE = """Les [veiledningen fra Udir](https://www.udir.no/a_(b) "Udir") og *husk* `kode_x` **alltid**: Vi skal.

- Første punkt i listen  
- Andre punkt med _vekt_ og foo_bar, se https://udir.no/x.
   1. [ ] oppgave {#id}

> Sitat fra eleven

```
kode her blir ikke oversatt
```

| Hvem | Hva |
|---|---|
| Rektor | Ansvar &amp; plikt \\| mer |

## Overskrift {#ov}
Skriv til post@skole.no eller se ![bilde av skolen](bilde.png).
"""


def kept(text: str) -> list[str]:
    return [s.text for s in split(text) if not s.translate]


def words(text: str) -> list[str]:
    return [s.text for s in split(text) if s.translate]


def test_split_gives_the_text_back_exactly():
    assert join(split(SAMPLE)) == SAMPLE


def test_markup_is_kept_and_words_are_translated():
    markup = "".join(kept(SAMPLE))
    for piece in (
        "](https://www.udir.no/a_(b) \"Udir\")", "`kode_x`", "**", "\n- ", "\n   1. [ ] ", " {#id}", "\n> ",
        "```\nkode her blir ikke oversatt\n```\n", "|---|---|", " &amp; ", "\\|", "\n## ", " {#ov}",
        "https://udir.no/x", "post@skole.no", "![bilde av skolen](bilde.png)",
    ):
        assert piece in markup, piece
    assert words(SAMPLE)[:4] == ["Les", "veiledningen fra Udir", "og", "husk"]
    assert "og foo_bar, se" in words(SAMPLE)  # an underscore inside a word is not emphasis
    assert "Første punkt i listen" in words(SAMPLE)
    assert "Sitat fra eleven" in words(SAMPLE)
    assert not any("kode her" in w for w in words(SAMPLE))


def test_plain_text_is_one_run():
    assert [(s.text, s.translate) for s in split("Fast voksen")] == [("Fast voksen", True)]
    assert [(s.text, s.translate) for s in split("  Fast voksen\n")] == [
        ("  ", False), ("Fast voksen", True), ("\n", False)
    ]


def test_a_passage_in_a_language_of_its_own_is_kept_as_written():
    """A quoted Bokmål text on the Nynorsk page stays Bokmål: its `lang` says so (and the build's check agrees)."""
    paragraph = "Vi følgjer lova.\n\nSitat fra loven\npå to linjer.\n{: lang=nb }\n\nMeir tekst."
    assert words(paragraph) == ["Vi følgjer lova.", "Meir tekst."]
    assert words('Se *Hva gjør vi?*{: lang="nb" } her.') == ["Se", "her."]
    assert words('Tekst <span lang="nb">ikke dette</span> og mer.') == ["Tekst", "og mer."]
    assert words("- punkt en\n- punkt to { lang=nb }\n- punkt tre") == ["punkt en", "punkt tre"]
    assert words("```\nkode { lang=nb }\n```\netter") == ["etter"]  # in a code block it is code
    assert words("Vanleg *vekt* og {#id} her.") == ["Vanleg", "vekt", "og", "her."]  # no lang: translated


MARKDOWNISH = st.lists(
    st.sampled_from(list("abc æøå ÆØ.,:;!?-*_`[]()<>{}#|>\\&~=\n\t 12") + ["https://x.no/a", "```", "**", "\n- "]),
    max_size=120,
).map("".join)


@given(MARKDOWNISH)
def test_any_text_survives_the_split(text):
    segments = split(text)
    assert join(segments) == text
    for segment in segments:
        if segment.translate:
            assert segment.text == segment.text.strip()
            assert any(ch.isalpha() for ch in segment.text)
    # kept and translatable segments alternate
    assert all(a.translate != b.translate for a, b in zip(segments, segments[1:]))
