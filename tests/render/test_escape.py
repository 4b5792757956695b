"""A number first on a line: a list where Markdown reads one, text where it starts a paragraph («4. trinn»)."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from skoleplan.render.escape import escape_markdown
from tests.conftest import flat_example_files


def items(text: str) -> list[str]:
    """The list items a page shows for `text` from the data, each as its words."""
    html = markdown.markdown(escape_markdown(text), extensions=["md_in_html", "attr_list"])
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", html, re.S)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Første\n2. Andre\n3. Tredje", ["Første", "Andre", "Tredje"]),
        # an item running onto a second line, indented under its words or not (issue: the steps after it ran
        # together into one item)
        ("1. Første, som\n   fortsetter\n2. Andre\n3. Tredje", ["Første, som fortsetter", "Andre", "Tredje"]),
        ("1. Første, som\nfortsetter\n2. Andre", ["Første, som fortsetter", "Andre"]),
        # a loose list: a blank line between the items, and a second paragraph in one
        ("1. Første\n\n2. Andre\n\n3. Tredje", ["Første", "Andre", "Tredje"]),
        ("1. Første\n\n    Mer om første.\n\n2. Andre", ["Første Mer om første.", "Andre"]),
        ("- Første\n\n- Andre", ["Første", "Andre"]),
    ],
)
def test_every_item_of_a_list_stays_an_item(text, expected):
    assert items(text) == expected


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        ("4. trinn går luciatog.", "4. trinn går luciatog."),
        ("1. september begynner skolen.\n2. trinn har fri.", "1. september begynner skolen.\n2. trinn har fri."),
        # after a list, a paragraph that starts with a number that is not the list's next one
        ("1. Første\n2. Andre\n\n17. mai feirer vi.", "17. mai feirer vi."),
        ("1. Første\n2. Andre\n\n4. trinn går luciatog.", "4. trinn går luciatog."),
        ("- Første\n- Andre\n\n3. trinn har fri.", "3. trinn har fri."),
    ],
)
def test_a_number_that_starts_a_paragraph_stays_text(text, paragraph):
    html = markdown.markdown(escape_markdown(text), extensions=["md_in_html", "attr_list"])
    assert f"<p>{paragraph}</p>" in html


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_the_example_schools_numbered_lists_keep_every_step():
    """Every text of the example that is a numbered list from its first line: as many items as Markdown reads."""
    lists = [
        text
        for source in flat_example_files().values()
        for text in _texts(yaml.safe_load(source))
        if re.match(r"1\. (?!(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b)", text)
    ]
    assert len(lists) > 10  # the example has such texts in nb and nn: the test reads them
    for text in lists:
        raw = markdown.markdown(text, extensions=["md_in_html", "attr_list"]).count("<li>")
        assert len(items(text)) == raw, text
