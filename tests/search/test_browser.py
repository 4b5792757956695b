"""The search as readers use it, in Chromium: recall of the query table, typing, highlighting, keyboard, index size."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from skoleplan.search import index_sizes, stem

from . import recall
from .recall import SearchBox

pytestmark = pytest.mark.build

# Our search must find (nearly) every page of the table; what it misses is printed. The example
# school's texts are edited by others: one miss per language is tolerated, not more.
MIN_RECALL = 0.95


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_recall_of_the_query_table(browser, served, lang):
    table = recall.queries()[lang]
    assert len(table) >= 30
    ours = recall.measure(browser, served["ours"], lang, table)
    stock = recall.measure(browser, served["stock"], lang, table)
    print(f"\nTreff blant de fem første, {lang}: vårt søk {ours.hits}/{ours.total} ({ours.share:.0%}), "
          f"Materials eget {stock.hits}/{stock.total} ({stock.share:.0%})")
    for miss in ours.misses:
        print(f"  bommet: {miss}")
    assert ours.share >= MIN_RECALL, "\n".join(ours.misses)
    assert ours.share > stock.share


def test_the_page_loads_our_worker_and_the_stock_build_materials(sites):
    def worker(site: Path) -> str:
        html = (site / "nb" / "index.html").read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        assert config
        return json.loads(config.group(1))["search"]

    ours = worker(sites["ours"])
    assert re.fullmatch(r"assets/javascripts/workers/skoleplan-search\.js\?material=search\.[0-9a-f]+\.min\.js", ours)
    assert (sites["ours"] / "nb" / ours.split("?")[0]).exists()
    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", worker(sites["stock"]))
    stock_index = json.loads((sites["stock"] / "nb" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "skoleplan" not in stock_index["config"]


def test_the_index_stays_within_half_again_the_stock_index(sites):
    ours, stock = index_sizes(sites["ours"]), index_sizes(sites["stock"])
    for lang in ("nb", "nn"):
        print(f"\nsøkeindeks {lang}: {ours[lang].raw:,} B mot {stock[lang].raw:,} B ({ours[lang].raw / stock[lang].raw:.2f}×), "
              f"gzip {ours[lang].gzip:,} B mot {stock[lang].gzip:,} B")
        assert ours[lang].raw <= 1.5 * stock[lang].raw
        assert ours[lang].gzip <= 1.5 * stock[lang].gzip


def _result_links(page) -> list[str]:
    return page.eval_on_selector_all("li.md-search-result__item", "items => items.map(i => i.querySelector('a').href)")


def test_typing_finds_pages_letter_by_letter(browser, served):
    page = browser.new_page()
    try:
        SearchBox(page, served["ours"], "nb")
        page.keyboard.type("mob", delay=40)
        page.wait_for_function("() => document.querySelectorAll('li.md-search-result__item').length > 0")
        paths = [urlsplit(href).path for href in _result_links(page)]
        assert "/nb/begreper/" in paths[:5]
    finally:
        page.close()


def test_matched_words_are_marked_once_in_the_results_and_on_the_page(browser, served):
    page = browser.new_page()
    try:
        box = SearchBox(page, served["ours"], "nb")
        listed = box.pages("elevane")
        assert "rettigheter/" in listed[:3]
        marked = page.eval_on_selector_all("li.md-search-result__item mark", "marks => marks.map(m => m.textContent)")
        assert marked and all(stem(word) == "elev" for word in marked), marked
        assert page.query_selector("mark mark") is None, "a word is marked twice"

        # A result's link carries the matched words (?h=); Material marks them on the page.
        href = _result_links(page)[listed.index("rettigheter/")]
        highlight = parse_qs(urlsplit(href).query)["h"][0].split()
        assert highlight and all(stem(word) == "elev" for word in highlight), highlight
        page.goto(href)
        page.wait_for_selector("article mark[data-md-highlight]")
        on_page = page.eval_on_selector_all("article mark[data-md-highlight]", "marks => marks.map(m => m.textContent)")
        assert {stem(word) for word in on_page} == {"elev"}, on_page
    finally:
        page.close()


def test_the_keyboard_opens_search_and_enter_goes_to_the_best_result(browser, served):
    page = browser.new_page()
    try:
        page.goto(f"{served['ours']}/nn/")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("tiltaka", delay=20)
        page.wait_for_function("() => document.querySelectorAll('li.md-search-result__item').length > 0")
        listed = [urlsplit(href).path for href in _result_links(page)]
        assert "/nn/tiltak/" in listed[:5]
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.matches('input.md-search__input')")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # Material's own choice: the listed page with the highest score
        assert urlsplit(page.url).path in listed[:5]
    finally:
        page.close()


def test_a_word_the_page_lacks_is_shown_as_missing(browser, served):
    page = browser.new_page()
    try:
        box = SearchBox(page, served["ours"], "nb")
        box.pages("mobbingen skolebuss")
        missing = page.eval_on_selector_all(
            ".md-search-result__terms", "terms => terms.map(t => [...t.querySelectorAll('del')].map(d => d.textContent))"
        )
        # Each listed section has one of the two words (through its stem «mobbing» for the first) and lacks the other.
        assert missing and all(len(words) == 1 for words in missing), missing
        assert {words[0] for words in missing} == {"mobbingen", "skolebuss"}
    finally:
        page.close()


def test_the_worker_logs_no_errors(browser, served):
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    try:
        box = SearchBox(page, served["ours"], "nn")
        for query in ("mobbinga", "+elevane -sfo", '"melde frå"', "title:tiltak", "*", "Ø"):
            box.pages(query)
        assert not [m for m in messages if m.startswith(("error", "warning", "pageerror"))], messages
    finally:
        page.close()
