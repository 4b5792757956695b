"""A text from the data as a CSS string (the print header on every page and in the PDF): it stays text."""

from __future__ import annotations

import re

from skoleplan.render.escape import css_string


def _unescape(css: str) -> str:
    """The text a CSS parser reads from the string (hex escapes, each ended by one space)."""
    assert css[0] == css[-1] == '"'
    return re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m[1], 16)), css[1:-1])


def test_letters_digits_and_spaces_stay_as_they_are():
    assert css_string("Måkeskjær skule 2025") == '"Måkeskjær skule 2025"'


def test_nothing_in_the_text_can_leave_the_string_and_it_reads_back_the_same():
    for text in ('</style><script>alert(1)</script>', 'a"b\\c', "x\r} body { background: url(https://evil.example/) }",
                 "linje\nto\fog\x00", "Versjon 2025.1, vedtatt 1. juni 2025 · https://skole.example/plan/nb/"):
        css = css_string(text)
        inner = css[1:-1]
        assert re.fullmatch(r'(?:[^\W_]| |\\[0-9a-f]{1,6} )*', inner), css  # only letters, digits, spaces, escapes
        assert _unescape(css) == text
