"""The handbook on a phone (390 × 844, Chromium): the årshjul as cards with filters that work by keyboard, the
wheel and its text equivalent, the course of a case at a readable size, the 404 page, the root page, the
printable page. Screenshots of the årshjul, the course of a case and the front page go to tests/browser/output/.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skoleplan.validate import load_plan

from . import tools
from .audit import AXE_TAGS, _AXE_RUN
from .conftest import PROJECT
from .server import StaticServer

OUTPUT = Path(__file__).parent / "output"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    tools.require_all()
    with tools.launched_chromium() as browser:
        yield browser


def _phone(chromium, scheme: str) -> Iterator[Any]:
    """A phone in a colour scheme, with axe loaded into every page."""
    context = chromium.new_context(viewport=PHONE, color_scheme=scheme, locale="nb-NO", service_workers="block")
    context.add_init_script(script=tools.AXE.read_text(encoding="utf-8"))
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone(chromium) -> Iterator[Any]:
    yield from _phone(chromium, "light")


@pytest.fixture(scope="module")
def dark_phone(chromium) -> Iterator[Any]:
    yield from _phone(chromium, "dark")


def _open(context, url: str):
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page


def _axe(page) -> list[dict]:
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def _visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(
        ".sp-card", "cards => cards.filter(c => c.getClientRects().length).map(c => c.querySelector('h3').id)"
    )


def _visible_marks(page) -> list[str]:
    return page.eval_on_selector_all(
        ".sp-wheel__mark", "ms => ms.filter(m => m.getClientRects().length).map(m => m.getAttribute('href').slice(1))"
    )


def _plan():
    from skoleplan.resolve.edition import for_edition

    return for_edition(load_plan(PROJECT / "data"), "public")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_aarshjul_is_a_list_of_cards_by_month_with_what_when_who_and_who_is_responsible(server, phone, lang):
    page = _open(phone, f"{server.url}site/{lang}/aarshjul/")
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
        assert page.query_selector(".md-content table") is None, "no table on the årshjul page"
        cards = page.eval_on_selector_all(".sp-card", """cards => cards.map(c => ({
            id: c.querySelector('h3').id, title: c.querySelector('h3').textContent.trim(),
            when: c.querySelector('.sp-card__when').textContent.trim(),
            facts: [...c.querySelectorAll('dt')].map(d => d.textContent.trim()),
            right: c.getBoundingClientRect().right}))""")
        assert len(cards) == len(_plan().calendar.activities)
        labels = {"nb": ["For hvem", "Ansvar"], "nn": ["For kven", "Ansvar"]}[lang]
        for card in cards:
            assert card["title"] and card["when"], card
            assert card["facts"] == labels, card
            assert card["right"] <= PHONE["width"], f"{card['id']} goes past the screen"
    finally:
        page.close()


def test_the_filters_work_by_keyboard_and_the_page_passes_axe_filtered(server, phone, dark_phone):
    plan = _plan()
    for_parents = {a.id for a in plan.calendar.activities if "foresatte" in a.audience}
    third_grade = {
        a.id for a in plan.calendar.activities
        if "foresatte" in a.audience and (a.grades is None or a.grades.first <= 3 <= a.grades.last)
    }
    assert third_grade < for_parents, "the example must have parents' activities for other grades only"
    for context in (phone, dark_phone):
        page = _open(context, f"{server.url}site/nb/aarshjul/")
        try:
            everyone = set(_visible_cards(page))
            placed = set(_visible_marks(page))
            assert len(everyone) == len(plan.calendar.activities)
            # Tab to the first choice, then the arrow keys move through the radio group, as in any form.
            page.focus("#sp-vis-alle")
            assert page.evaluate("document.activeElement.id") == "sp-vis-alle"
            page.keyboard.press("ArrowRight")
            assert page.evaluate("document.activeElement.id") == "sp-vis-foresatte"
            assert page.is_checked("#sp-vis-foresatte")
            assert set(_visible_cards(page)) == for_parents
            shown = page.text_content(".sp-filter__status")
            assert shown == f"Viser {len(for_parents)} av {len(everyone)} aktiviteter."
            # Tab on to the grade list; the arrow keys choose a grade.
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "sp-trinn"
            for _ in range(3):
                page.keyboard.press("ArrowDown")
            assert page.eval_on_selector("#sp-trinn", "s => s.value") == "3"
            assert set(_visible_cards(page)) == third_grade
            assert set(_visible_marks(page)) == third_grade & placed, "the wheel shows what the list shows"
            violations = _axe(page)
            assert violations == [], violations
        finally:
            page.close()


def test_the_filters_work_without_javascript(chromium, server):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}site/nn/aarshjul/")
        page.check("#sp-vis-elever")
        visible = set(_visible_cards(page))
        assert visible == {a.id for a in _plan().calendar.activities if "elever" in a.audience}
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_wheel_has_a_text_equivalent_and_its_marks_link_to_the_entries(server, phone, lang):
    plan = _plan()
    page = _open(phone, f"{server.url}site/{lang}/aarshjul/")
    try:
        wheel = page.eval_on_selector(".sp-wheel", """f => ({
            hidden: f.querySelector('svg').getAttribute('aria-hidden'),
            caption: f.querySelector('figcaption').textContent.replace(/\\s+/g, ' '),
            marks: [...f.querySelectorAll('a.sp-wheel__mark')].map(a => [a.getAttribute('href'), a.tabIndex]),
            width: f.querySelector('svg').getBoundingClientRect().width,
            months: [...f.querySelectorAll('text.sp-wheel__label')].map(t => t.getBoundingClientRect().height)})""")
        assert wheel["hidden"] == "true", "the drawing is for the eye; its text stands in the caption and the list"
        from skoleplan.resolve.dates import current_school_year

        year = current_school_year(plan.school_calendar.school_years, dt.date.fromtimestamp(int(_epoch())))
        for holiday in year.holidays:
            assert holiday.name[lang] in wheel["caption"], holiday.name[lang]
        assert f"{year.first_day.year}–{year.last_day.year}" in wheel["caption"]
        ids = set(page.eval_on_selector_all(".sp-card h3", "hs => hs.map(h => h.id)"))
        hrefs = {href for href, _ in wheel["marks"]}
        assert hrefs and {h.removeprefix("#") for h in hrefs} <= ids, "every mark links to its entry"
        assert {tab for _, tab in wheel["marks"]} == {-1}, "the marks are no Tab stops: the list has the same links"
        assert 340 <= wheel["width"] <= PHONE["width"]
        assert min(wheel["months"]) >= 12, "month names legible on a phone"
        # «Now»: the month of the build, marked in the month bar and with an anchor.
        current = page.eval_on_selector(".sp-months a[aria-current='date']", "a => a.getAttribute('href')")
        assert page.query_selector("#na") is not None and current
    finally:
        page.close()


def _epoch() -> str:
    from skoleplan.build import source_date_epoch

    plan = load_plan(PROJECT / "data")
    return os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(plan, PROJECT / "data")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_course_of_a_case_is_readable_on_a_phone_and_every_box_goes_to_its_step(server, phone, lang):
    page = _open(phone, f"{server.url}site/{lang}/saksgang/")
    try:
        drawn = page.eval_on_selector(".sp-diagram svg", """svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return {
              sizes: [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
              steps: [...svg.querySelectorAll('a.sp-diagram__step')].map(a => a.getAttribute('href').slice(1)),
              labels: [...svg.querySelectorAll('.sp-diagram__label')].map(t => t.textContent)};
        }""")
        assert min(drawn["sizes"]) >= 14, f"text at {min(drawn['sizes']):.1f} px"
        assert drawn["steps"] == [s.id for s in _plan().course.stages]
        for step in drawn["steps"]:
            assert page.query_selector(f"h2[id='{step}']") is not None, step
        assert len(drawn["labels"]) == 3
        page.focus("a.sp-diagram__step")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#bekymring'")
    finally:
        page.close()


@pytest.mark.parametrize("name,path", [("aarshjul", "aarshjul/"), ("saksgang", "saksgang/"), ("forside", "")])
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_screenshots_at_390_px(server, phone, name, path, lang):
    """For people to look at: tests/browser/output/<lang>-<page>-390.png (the first screen and the whole page)."""
    OUTPUT.mkdir(exist_ok=True)
    page = _open(phone, f"{server.url}site/{lang}/{path}")
    try:
        first = OUTPUT / f"{lang}-{name}-390.png"
        page.screenshot(path=str(first))
        page.screenshot(path=str(OUTPUT / f"{lang}-{name}-390-hele.png"), full_page=True)
        if name in ("aarshjul", "saksgang"):
            part = ".sp-wheel" if name == "aarshjul" else ".sp-diagram"
            page.locator(part).screenshot(path=str(OUTPUT / f"{lang}-{name}-390-tegning.png"))
        assert first.stat().st_size > 10_000
    finally:
        page.close()


@pytest.fixture(scope="module")
def published(sites: Path) -> Iterator[str]:
    """The sites at the path they are published under (/plan/…), as the 404 page's absolute addresses expect."""
    root = sites / "published"
    (root / "plan").mkdir(parents=True, exist_ok=True)
    for name, target in (("nb", "site/nb"), ("nn", "site/nn"), ("intern", "site-intern")):
        link = root / "plan" / name
        if not link.exists():
            link.symlink_to(sites / target, target_is_directory=True)
    with StaticServer(root) as running:
        yield running.url


@pytest.mark.parametrize("lang,heading,front", [("nb", "Fant ikke siden", "Gå til forsiden av planen"),
                                                ("nn", "Fann ikkje sida", "Gå til framsida av planen")])
def test_the_404_page_is_norwegian_with_the_way_back_and_a_search(published, phone, dark_phone, lang, heading, front):
    for context in (phone, dark_phone):
        page = _open(context, f"{published}plan/{lang}/404.html")
        try:
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.text_content("article h1").strip() == heading
            assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
            violations = _axe(page)
            assert violations == [], violations
        finally:
            page.close()
    page = _open(phone, f"{published}plan/{lang}/404.html")
    try:
        with page.expect_navigation():
            page.click(f"text={front}")
        assert page.url == f"{published}plan/{lang}/"
        page.goto(f"{published}plan/{lang}/404.html")
        page.fill("#sp-404-q", "mobbing")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{published}plan/{lang}/?q=mobbing"
        page.wait_for_function("document.getElementById('__search').checked")
        assert page.input_value("input.md-search__input") == "mobbing"
    finally:
        page.close()


def test_the_root_page_offers_both_written_standards_and_passes_axe(server, phone, dark_phone):
    for context in (phone, dark_phone):
        page = _open(context, f"{server.url}site/")
        try:
            assert page.url == f"{server.url}site/", "no redirect unless the school asks for one"
            links = page.eval_on_selector_all("main a", "as => as.map(a => [a.getAttribute('href'), a.lang])")
            assert links == [["nb/", "nb"], ["nn/", "nn"]]
            violations = _axe(page)
            assert violations == [], violations
        finally:
            page.close()


def test_no_empty_strip_above_the_header(server, phone):
    page = _open(phone, f"{server.url}site/nb/")
    try:
        assert page.query_selector(".md-banner") is None
        assert page.eval_on_selector(".md-header", "h => h.getBoundingClientRect().top") == 0
    finally:
        page.close()


def test_the_printable_page_holds_every_chapter_and_its_links_stay_inside(server, phone):
    page = _open(phone, f"{server.url}site/nb/hele-planen/")
    try:
        chapters = page.eval_on_selector_all(".sp-chapter", "cs => cs.map(c => c.id)")
        assert chapters[:3] == ["forside", "foresatte", "rettigheter"] and "tilgjengelighet" not in chapters
        broken = page.evaluate("""() => [...document.querySelectorAll('.sp-whole-plan a[href^="#"]')]
            .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))""")
        assert broken == []
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), "an id twice"
    finally:
        page.close()
