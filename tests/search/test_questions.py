"""Search answers questions: each question of tests/search/questions.json, typed into the search box in
Chromium, ranks its page among the first three results; the rank of every question is printed.

The table holds questions as a worried parent, a pupil and a new teacher type them, in Bokmål and Nynorsk.
It runs on the site built with the project's search (the session fixtures in conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .recall import SearchBox

pytestmark = pytest.mark.build

QUESTIONS = Path(__file__).with_name("questions.json")
TOP = 3


def questions() -> dict[str, list[dict[str, str]]]:
    table = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    return {lang: table[lang] for lang in ("nb", "nn")}


def test_the_table_has_forty_questions_per_language_from_each_kind_of_reader():
    for lang, rows in questions().items():
        assert len(rows) >= 40, lang
        assert {row["who"] for row in rows} == {"foresatt", "elev", "ansatt"}
        assert len({row["q"] for row in rows}) == len(rows), f"{lang}: a question twice"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_question_ranks_its_page_in_the_top_three(browser, served, lang):
    page = browser.new_page()
    try:
        box = SearchBox(page, served["ours"], lang)
        report, misses = [], []
        for row in questions()[lang]:
            found = box.pages(row["q"])
            rank = found.index(row["page"]) + 1 if row["page"] in found else None
            report.append(f"  {rank or '–':>2}  {row['who']:<8} «{row['q']}» → {row['page'] or '(forsiden)'}")
            if rank is None or rank > TOP:
                misses.append(f"«{row['q']}» skulle finne {row['page'] or '(forsiden)'} blant de {TOP} første, fant {found[:5]}")
        print(f"\nPlass for hvert spørsmål, {lang}:\n" + "\n".join(report))
        assert not misses, "\n".join(misses)
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_plaging_finds_mobbing_first_not_sexual_harassment(browser, served, lang):
    page = browser.new_page()
    try:
        box = SearchBox(page, served["ours"], lang)
        assert box.pages("plaging")[0] == "begreper/"
        sections = page.eval_on_selector_all(
            "li.md-search-result__item:first-child a", "links => links.map(a => a.href)"
        )
        anchors = [urlsplit(href).fragment for href in sections if urlsplit(href).fragment]
        assert anchors and anchors[0] == "mobbing", anchors
    finally:
        page.close()
