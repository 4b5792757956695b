"""The iCalendar format details: our folding, the icalendar 7.3.0 workarounds, the lint and its fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skoleplan.render.ical import _parsed_text, _plain_paragraphs, fold, markdown_to_text, serialize
from skoleplan.resolve.dates import SchoolCalendar

from ..conftest import EXAMPLE
from .conftest import FIXTURES, load_model, school_years
from .icslint import lint

ICS = FIXTURES / "ics"
CALENDARS = [SchoolCalendar.of(y) for y in school_years().values()]


def closed(day: dt.date) -> bool:
    return any(c.is_closed(day) for c in CALENDARS if c.in_span(day))


# --- folding ---------------------------------------------------------------------------------------------

# Escaped TEXT as it stands in a content line: plain characters of 1–4 octets, and whole escapes.
TOKENS = list("abc :æøåÆØÅ–«»🌍\u00e9") + ["\\n", "\\,", "\\;", "\\\\"]
text = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)


@given(name=st.sampled_from(["SUMMARY", "DESCRIPTION", "X-WR-CALDESC"]), value=text)
def test_folding_keeps_75_octets_whole_characters_and_whole_escapes(name: str, value: str) -> None:
    line = f"{name}:{value}"
    folded = fold(line)
    physical = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    for number, part in enumerate(physical):
        part.decode("utf-8")  # no character split
        if number:
            assert part.startswith(b" ")
    # a backslash at the end of a physical line is never the first half of an escape
    tokens = []
    i = 0
    while i < len(line):
        tokens.append(line[i : i + 2] if line[i] == "\\" and i + 1 < len(line) else line[i])
        i += len(tokens[-1])
    boundaries = {sum(len(t.encode()) for t in tokens[:k]) for k in range(len(tokens) + 1)}
    offset = 0
    for number, part in enumerate(physical[:-1]):
        offset += len(part) - (1 if number else 0)
        assert offset in boundaries
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line


def test_folding_a_short_line_leaves_it_alone() -> None:
    assert fold("SUMMARY:Foreldremøte") == "SUMMARY:Foreldremøte".encode()


# --- icalendar 7.3.0: the two bugs we work around ------------------------------------------------------------


def test_upstream_still_writes_refresh_interval_without_value_duration() -> None:
    """If this fails, icalendar fixed it and the explicit parameter in ical.py can go."""
    cal = icalendar.Calendar()
    cal.add("refresh-interval", dt.timedelta(hours=12))
    assert b"REFRESH-INTERVAL:PT12H" in cal.to_ical()


def test_upstream_still_fails_on_a_newline_in_x_wr_caldesc() -> None:
    """If this fails, icalendar fixed it and the vText wrapping in ical.py can go."""
    cal = icalendar.Calendar()
    cal.add("x-wr-caldesc", "one\ntwo")
    with pytest.raises(AssertionError):
        cal.to_ical()


def test_our_calendar_writes_both_correctly() -> None:
    cal = icalendar.Calendar()
    cal.add("x-wr-caldesc", icalendar.vText("one, two;\nthree"))
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    assert serialize(cal) == (
        b"BEGIN:VCALENDAR\r\nX-WR-CALDESC:one\\, two\\;\\nthree\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\nEND:VCALENDAR\r\n"
    )


# --- Markdown to text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Les **dette** og *hint*.", "Les dette og hint."),
        ("Se [Udir](https://www.udir.no/).", "Se Udir (https://www.udir.no/)."),
        ("<https://lovdata.no/>", "https://lovdata.no/"),
        ("# Tittel\n\nAvsnitt som\nfortsetter.", "Tittel\n\nAvsnitt som fortsetter."),
        ("- en\n- to\n  fortsatt\n1. tre", "- en\n- to fortsatt\n- tre"),  # as Python-Markdown reads it
        ("1. Snakk med eleven.\n2. Skriv ned.", "1. Snakk med eleven.\n2. Skriv ned."),
        ("4. trinn går luciatog.", "4. trinn går luciatog."),  # a grade, not a list (issue 13)
        ("Fest for 4. trinn.\n\n17. mai feirer vi.", "Fest for 4. trinn.\n\n17. mai feirer vi."),
        ("Se https://www.udir.no/ i dag.", "Se https://www.udir.no/ i dag."),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # raw HTML is text, as on the pages
        ("Bruk `kode` og \\*stjerne\\*.", "Bruk kode og *stjerne*."),
        ("> sitat", "sitat"),
        ("snake_case_navn blir stående", "snake_case_navn blir stående"),
    ],
)
def test_markdown_to_text(markdown: str, plain: str) -> None:
    assert markdown_to_text(markdown) == plain


# Pieces of text a description is made of: words and punctuation (eight times as likely, so that many texts
# are plain), and everything Markdown reads as markup.
_PLAIN_PIECES = ["Elevene", "møtes", "kl. 14.30", "i dag", ",", ".", ":", ";", "?", "(", ")", "–", "«", "»", "'", '"',
                 "%", "/", " ", "  ", "\n", "\n\n", "-", "a@b.no", "www.udir.no", "!", "=", "~", "^", "#", "+"]
_MARKUP_PIECES = ["\t", "\n\n\n", "- ", "* ", "+ ", "1. ", "4. ", "# ", "> ", ": ", "!!! note", "---", "===", "    ",
                  "*", "_", "`", "[", "]", "](", "<", ">", "&", "&amp;", "{", "}", "{ lang=nn }", "|", "\\",
                  "https://x.no", "mailto:a@b.no", "\u00a0", "\r", "\x0b", " \n"]
_PIECES = st.sampled_from(_PLAIN_PIECES * 8 + _MARKUP_PIECES)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_plain_paragraphs_read_as_the_parser_reads_them(text: str) -> None:
    """The shortcut past Python-Markdown, where it is taken, gives what the parser gives."""
    plain = _plain_paragraphs(text)
    if plain is not None:
        assert plain == _parsed_text(text)


def test_most_descriptions_of_the_example_take_the_shortcut_and_read_the_same() -> None:
    calendar = load_model(EXAMPLE / "data" / "aarshjul.yaml", "aarshjul.yaml")
    texts = [a.description[lang] for a in calendar.activities if a.description for lang in ("nb", "nn")]
    taken = [text for text in texts if _plain_paragraphs(text) is not None]
    assert [_plain_paragraphs(text) for text in taken] == [_parsed_text(text) for text in taken]
    assert len(taken) >= len(texts) / 2
    assert _plain_paragraphs("Første avsnitt: to linjer\nsom hører sammen.\n\nAndre avsnitt.") == (
        "Første avsnitt: to linjer som hører sammen.\n\nAndre avsnitt."
    )


# --- the lint, proved on fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ICS / "good").glob("*.ics")), ids=lambda p: p.name)
def test_good_fixtures_pass_the_lint(path: Path) -> None:
    assert [str(f) for f in lint(path.read_bytes(), closed)] == []


@pytest.mark.parametrize("path", sorted((ICS / "bad").glob("*.ics")), ids=lambda p: p.name)
def test_each_bad_fixture_triggers_exactly_its_finding(path: Path) -> None:
    assert {f.code for f in lint(path.read_bytes(), closed)} == {path.stem}


@pytest.mark.parametrize("path", sorted(ICS.rglob("*.ics")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_ics_fixture_round_trips_through_icalendar(path: Path) -> None:
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    assert icalendar.Calendar.from_ical(parsed.to_ical()) == parsed


def test_the_lint_knows_every_fixture_code() -> None:
    codes = {p.stem for p in (ICS / "bad").glob("*.ics")}
    assert {
        "line-ends", "line-length", "split-utf8", "split-escape", "duplicate-uid", "no-dtend", "dtend-before-dtstart",
        "until-not-utc", "floating-time", "weekend", "closed-day", "method", "vtimezone", "refresh-interval",
    } <= codes  # fmt: skip
