"""Every page of both sites in one headless Chromium, a few pages at a time; the tests read the results.

One browser, two contexts (light and dark colour scheme), `CONCURRENCY` pages
open at once. Each page is visited once per scheme: in light opened at 1280 px
(axe, facts, tables, the keyboard and the skip link), then made 390 px wide
(sideways scroll) and 320 px wide (axe, sideways scroll); in dark opened at 320 px (axe, the keyboard on a
phone, the menu, wide tables), then made 1280 px wide (axe). The search
dialog is opened by keyboard on each front page, in both schemes and widths.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from .tools import AXE, CHROMIUM_ARGS, PAGE_CHECKS, chromium

Edition = Literal["public", "staff"]
Scheme = Literal["light", "dark"]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDE, NARROW = 1280, 320
PHONE = 390  # a common phone: nothing may scroll sideways here either
HEIGHT = 800
CONCURRENCY = 3
TAB_BATCH = 25  # Tab presses between reads of the page's focus log
SEARCH_WORD = "mobbing"
SITE_DIRS: dict[Edition, str] = {"public": "site", "staff": "site-intern"}
T = TypeVar("T")

# Without CSS selectors axe is about twice as fast; they are computed only to report violations.
_AXE_RUN = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], selectors: false};
  let result = await axe.run(document, options);
  if (result.violations.length) result = await axe.run(document, {...options, selectors: true});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
}"""
_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# Resolves once nothing on the page has scrolled for 600 ms (at most 5 s). Material's toc.follow scrolls the
# menu's list smoothly to the section in view, 250 ms after the page or the menu moved: this waits it out.
_STILL = """() => new Promise((done) => {
  let quiet = setTimeout(finish, 600);
  const limit = setTimeout(finish, 5000);
  const moved = () => { clearTimeout(quiet); quiet = setTimeout(finish, 600); };
  function finish() { clearTimeout(quiet); clearTimeout(limit); document.removeEventListener("scroll", moved, true); done(); }
  document.addEventListener("scroll", moved, true);
})"""
# Material's search is ready when its worker has the index: the result line then asks for a search word.
_SEARCH_READY = """() => {
  const words = JSON.parse(document.getElementById("__config").textContent).translations;
  return document.querySelector(".md-search-result__meta")?.textContent.trim() === words["search.result.placeholder"];
}"""
_SEARCH_OPEN = "() => document.activeElement.matches('.md-search__input') && document.getElementById('__search').checked"


@dataclass(frozen=True)
class Target:
    """One page of one edition in one written standard; `path` is below /<lang>/ ("" for the front page)."""

    edition: Edition
    lang: str
    path: str

    @property
    def id(self) -> str:
        return f"{self.edition}/{self.lang}/{self.path}"

    def url(self, root: str) -> str:
        return f"{root}{SITE_DIRS[self.edition]}/{self.lang}/{self.path}"


@dataclass
class Keyboard:
    """Tabbing through a page from its top: what could be reached, and how focus looked on each stop."""

    interactive: list[dict[str, Any]]
    stops: list[dict[str, Any]]
    skip_hash: str | None = None  # where Enter on the skip link took the page
    after_skip: dict[str, Any] | None = None  # the Tab stop after that
    drawer: dict[str, Any] | None = None  # narrow screens: the menu opened and closed by keyboard
    regions: list[str] = field(default_factory=list)  # wide tables that did not scroll with the arrow keys


@dataclass
class PageReport:
    target: Target
    url: str
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # "1280 light" → violations
    facts: dict[str, Any] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)
    sideways: dict[int, dict[str, Any]] = field(default_factory=dict)
    keyboard: dict[int, Keyboard] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that failed or answered 4xx/5xx
    errors: list[str] = field(default_factory=list)  # uncaught script errors
    crash: str = ""  # the audit itself failed on this page (a time-out, a closed page): why


@dataclass
class SearchReport:
    lang: str
    scheme: Scheme
    width: int
    opened: bool = False  # the search field had focus after the keyboard opened it
    escape: dict[str, Any] | None = None  # narrow screens: Escape closed the search, and where focus went
    results: int = 0
    axe: list[dict[str, Any]] = field(default_factory=list)
    focused_result: str | None = None  # what ArrowDown focused
    landed: str | None = None  # the page Enter went to
    landed_axe: list[dict[str, Any]] = field(default_factory=list)  # that page, with the search words marked
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crash: str = ""


@dataclass
class Results:
    root: str  # the test server's address, above site/ and site-intern/
    pages: dict[str, PageReport]
    search: dict[str, SearchReport]
    seconds: float
    spent: dict[str, float]  # seconds per kind of work, added up over pages open at the same time


def _watch(page: Page, requests: list[str], failed: list[str], errors: list[str]) -> None:
    """Record every request of a page (its workers' too), what failed, and uncaught script errors."""
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.url} ({response.status})"))
    page.on("pageerror", lambda error: errors.append(str(error)))


async def _settle(page: Page) -> None:
    await page.evaluate(_FRAME)


async def _axe(page: Page) -> list[dict[str, Any]]:
    return await page.evaluate(_AXE_RUN, AXE_TAGS)


async def _tab_through(page: Page) -> Keyboard:
    """Press Tab from the top of the page until focus comes round again (the page logs each focus)."""
    await page.evaluate("skoleplanChecks.stillMotion()")
    interactive = await page.evaluate("skoleplanChecks.interactive()")
    await page.evaluate("skoleplanChecks.record()")
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    for _ in range(0, 2 * len(interactive) + TAB_BATCH, TAB_BATCH):
        for _ in range(TAB_BATCH):
            await page.keyboard.press("Tab")
        for focus in await page.evaluate("skoleplanChecks.log()"):
            if focus["key"] in seen:
                return Keyboard(interactive, stops)
            seen.add(focus["key"])
            stops.append(focus)
    return Keyboard(interactive, stops)


async def _skip_link(page: Page, keyboard: Keyboard) -> None:
    """Enter on the skip link, then Tab: focus must go on inside the main content."""
    if not await page.evaluate("(() => { const s = document.querySelector('.md-skip'); s?.focus(); return !!s })()"):
        return
    await page.keyboard.press("Enter")
    keyboard.skip_hash = await page.evaluate("decodeURIComponent(location.hash)")
    await page.keyboard.press("Tab")
    keyboard.after_skip = await page.evaluate("skoleplanChecks.focused()")


async def _focus_settled(page: Page) -> None:
    """Wait (up to 5 s) until the focused element can be seen, as `focused()` judges it.

    Focus moves at once; what the browser shows may follow a frame or more later
    on a loaded machine (CI once read a drawer link in the middle of that). A focus
    that never comes into view still fails the assertion after the wait.
    """
    try:
        await page.wait_for_function("skoleplanChecks.focused()?.visible !== false", timeout=5_000)
    except PlaywrightTimeout:
        pass


async def _drawer(page: Page) -> dict[str, Any]:
    """Narrow screens: the menu button opens the drawer with focus in it; Escape closes it and returns focus.

    Each key is pressed once the page is still, as a person does. Opening the menu
    (and the scrolling before it) sets off Material's toc.follow, which scrolls the
    menu's list smoothly to the section in view; a Tab pressed during that scroll
    puts focus on a link the list then scrolls away from (CI saw it once; a loop
    of runs under load, 1 in 25).
    """
    await _still(page)
    state: dict[str, Any] = {}
    state["button"] = await page.evaluate(
        "(() => { const b = document.querySelector('.md-header label[for=__drawer]'); b?.focus();"
        " return document.activeElement === b })()"
    )
    await page.keyboard.press("Enter")
    state["open"] = await page.evaluate("document.getElementById('__drawer').checked")
    await _still(page)
    await _focus_settled(page)
    state["first"] = await page.evaluate("skoleplanChecks.focused()")
    await page.keyboard.press("Tab")
    await _still(page)
    await _focus_settled(page)
    state["next"] = await page.evaluate("skoleplanChecks.focused()")
    await page.keyboard.press("Escape")
    state["closed"] = not await page.evaluate("document.getElementById('__drawer').checked")
    state["back"] = await page.evaluate("skoleplanChecks.focused()")
    return state


async def _still(page: Page) -> None:
    """Two frames (so what the last key changed is laid out), then no scrolling for 600 ms."""
    await _settle(page)
    await page.evaluate(_STILL)


async def _regions(page: Page) -> list[str]:
    """Each table region wider than the screen scrolls with the arrow keys once it has focus."""
    stuck = []
    for key in await page.evaluate("skoleplanChecks.wideRegions()"):
        if not await page.evaluate(f"skoleplanChecks.focusKey('{key}')"):
            stuck.append(f"region {key}: tok ikke fokus")
            continue
        await _settle(page)
        # Keyboard scrolling is animated, and a page still scrolling to the region may swallow a key.
        moved = f"() => skoleplanChecks.scrollLeft('{key}') > 0"
        for _ in range(3):
            await page.keyboard.press("ArrowRight")
            try:
                await page.wait_for_function(moved, timeout=1_000)
                break
            except PlaywrightTimeout:
                continue
        else:
            stuck.append(f"region {key}: rullet ikke med piltastene")
    return stuck


class Auditor:
    """Drives the browser over every target; `run()` returns everything the tests assert on."""

    def __init__(self, root: str, targets: list[Target], search_langs: list[str]) -> None:
        self.root = root
        self.targets = targets
        self.search_langs = search_langs
        self.gate = asyncio.Semaphore(CONCURRENCY)
        self.spent: dict[str, float] = {}

    async def _guarded(self, report: PageReport | SearchReport, job: Awaitable[None]) -> None:
        """One page's failure is that page's failed tests, not the end of the whole audit."""
        try:
            await job
        except Exception as error:  # noqa: BLE001 - reported on the page it happened on
            report.crash = f"{type(error).__name__}: {error}".strip()

    async def _timed(self, work: str, step: Awaitable[T]) -> T:
        start = time.monotonic()
        try:
            return await step
        finally:
            self.spent[work] = self.spent.get(work, 0.0) + time.monotonic() - start

    async def _context(self, browser: Browser, scheme: Scheme) -> BrowserContext:
        context = await browser.new_context(
            color_scheme=scheme, viewport={"width": WIDE, "height": HEIGHT}, locale="nb-NO", service_workers="block"
        )
        await context.add_init_script(script=AXE.read_text(encoding="utf-8"))
        await context.add_init_script(path=PAGE_CHECKS)
        return context

    async def _open(self, context: BrowserContext, report: PageReport | SearchReport, url: str, width: int) -> Page:
        page = await context.new_page()
        await page.set_viewport_size({"width": width, "height": HEIGHT})
        _watch(page, report.requests, report.failed, report.errors)
        await self._timed("lasting", page.goto(url, wait_until="load"))
        await _settle(page)
        return page

    async def _light(self, context: BrowserContext, report: PageReport) -> None:
        """Light scheme: opened at 1280 px, then made 320 px wide."""
        async with self.gate:
            page = await self._open(context, report, report.url, WIDE)
            try:
                report.facts = await page.evaluate("skoleplanChecks.facts()")
                report.tables = await page.evaluate("skoleplanChecks.tables()")
                report.sideways[WIDE] = await page.evaluate("skoleplanChecks.sideways()")
                report.axe[f"{WIDE} light"] = await self._timed("axe", _axe(page))
                if report.target.edition == "public":
                    keyboard = await self._timed("tastatur", _tab_through(page))
                    await self._timed("tastatur", _skip_link(page, keyboard))
                    report.keyboard[WIDE] = keyboard
                await page.set_viewport_size({"width": PHONE, "height": HEIGHT})
                await _settle(page)
                report.sideways[PHONE] = await page.evaluate("skoleplanChecks.sideways()")
                await page.set_viewport_size({"width": NARROW, "height": HEIGHT})
                await _settle(page)
                report.sideways[NARROW] = await page.evaluate("skoleplanChecks.sideways()")
                report.axe[f"{NARROW} light"] = await self._timed("axe", _axe(page))
            finally:
                await page.close()

    async def _dark(self, context: BrowserContext, report: PageReport) -> None:
        """Dark scheme: opened at 320 px (the keyboard on a phone), then made 1280 px wide."""
        async with self.gate:
            page = await self._open(context, report, report.url, NARROW)
            try:
                report.axe[f"{NARROW} dark"] = await self._timed("axe", _axe(page))
                if report.target.edition == "public":
                    keyboard = await self._timed("tastatur", _tab_through(page))
                    keyboard.regions = await self._timed("tastatur", _regions(page))
                    keyboard.drawer = await self._timed("tastatur", _drawer(page))
                    report.keyboard[NARROW] = keyboard
                await page.set_viewport_size({"width": WIDE, "height": HEIGHT})
                await _settle(page)
                report.axe[f"{WIDE} dark"] = await self._timed("axe", _axe(page))
            finally:
                await page.close()

    async def _search(self, context: BrowserContext, report: SearchReport) -> None:
        """Open the search by keyboard on the front page, search, go to the first result by keyboard."""
        async with self.gate:
            page = await self._open(context, report, Target("public", report.lang, "").url(self.root), report.width)
            try:
                await page.wait_for_function(_SEARCH_READY, timeout=15_000)
                # Tab to the search: the field itself on a wide screen, the search button on a narrow one.
                for _ in range(10):
                    await page.keyboard.press("Tab")
                    what = await page.evaluate(
                        "document.activeElement.matches('.md-search__input, .md-header label[for=__search]')"
                    )
                    if what:
                        break
                if await page.evaluate("document.activeElement.matches('label')"):
                    await page.keyboard.press("Enter")
                try:
                    await page.wait_for_function(_SEARCH_OPEN, timeout=5_000)
                    report.opened = True
                except PlaywrightTimeout:
                    return
                if report.width == NARROW:  # Escape closes it and gives focus back to the button; Enter opens it again
                    await page.keyboard.press("Escape")
                    await page.wait_for_timeout(100)
                    report.escape = {
                        "closed": not await page.evaluate("document.getElementById('__search').checked"),
                        "focus": await page.evaluate("skoleplanChecks.focused()?.what ?? null"),
                    }
                    await page.keyboard.press("Enter")
                    await page.wait_for_function(_SEARCH_OPEN, timeout=5_000)
                await page.keyboard.type(SEARCH_WORD)
                await page.wait_for_selector(".md-search-result__item", timeout=10_000)
                await page.wait_for_timeout(300)  # results are rendered in batches
                report.results = await page.evaluate("document.querySelectorAll('.md-search-result__item').length")
                report.axe = await self._timed("axe", _axe(page))
                await page.keyboard.press("ArrowDown")
                report.focused_result = await page.evaluate("skoleplanChecks.focused()?.what ?? null")
                async with page.expect_navigation(wait_until="load"):
                    await page.keyboard.press("Enter")
                await _settle(page)
                report.landed = page.url
                report.landed_axe = await self._timed("axe", _axe(page))
            finally:
                await page.close()

    async def run(self) -> Results:
        start = time.monotonic()
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
            try:
                light = await self._context(browser, "light")
                dark = await self._context(browser, "dark")
                reports = {t.id: PageReport(t, t.url(self.root)) for t in self.targets}
                searches = {
                    f"{lang}-{scheme}-{width}": SearchReport(lang, scheme, width)
                    for lang in self.search_langs
                    for scheme in ("light", "dark")
                    for width in (WIDE, NARROW)
                }
                jobs = [self._guarded(r, self._light(light, r)) for r in reports.values()]
                jobs += [self._guarded(r, self._dark(dark, r)) for r in reports.values()]
                jobs += [
                    self._guarded(s, self._search(light if s.scheme == "light" else dark, s)) for s in searches.values()
                ]
                await asyncio.gather(*jobs)
            finally:
                await browser.close()
        return Results(self.root, reports, searches, time.monotonic() - start, self.spent)
