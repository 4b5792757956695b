"""The browser suite: both editions built once, served on 127.0.0.1, every page audited in one browser run.

Each test asserts on the results for one page (or one search); the expensive
work happens once, in session fixtures, and the suite prints how long it took.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from skoleplan.build import build_site
from skoleplan.errors import PlanError
from skoleplan.model import LANGS
from skoleplan.resolve.edition import for_edition
from skoleplan.site import own_pages, page_paths, url_of
from skoleplan.validate import load_plan

from . import tools
from .audit import SITE_DIRS, Auditor, PageReport, Results, SearchReport, Target
from .server import StaticServer

PROJECT = Path(__file__).resolve().parents[2]
_timings: dict[str, float] = {}
_spent: dict[str, float] = {}
_vnu_warnings: set[str] = set()


def page_targets() -> list[Target]:
    """Every page each edition publishes, in both written standards (from the page registry)."""
    try:
        whole = load_plan(PROJECT / "data")
    except PlanError:  # the build fixture reports the problems
        return []
    targets = []
    for edition in SITE_DIRS:
        plan = for_edition(whole, edition)
        for lang in LANGS:
            paths = page_paths(plan) + own_pages(PROJECT / "docs", lang, edition)
            targets += [Target(edition, lang, url_of(path)) for path in paths]
    return targets


TARGETS = page_targets()
PUBLIC = [t for t in TARGETS if t.edition == "public"]


def by_id(targets: list[Target]) -> dict[str, object]:
    return {"argvalues": targets, "ids": [t.id for t in targets]}


def page_report(audit: Results, target: Target) -> PageReport:
    """The audit's results for one page; fails the test with the reason when the browser could not finish it."""
    report = audit.pages[target.id]
    if report.crash:
        pytest.fail(f"nettlesertesten av {target.id} stoppet: {report.crash}", pytrace=False)
    return report


def search_report(audit: Results, name: str) -> SearchReport:
    report = audit.search[name]
    if report.crash:
        pytest.fail(f"søketesten {name} stoppet: {report.crash}", pytrace=False)
    return report


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public site in site/, the staff site in site-intern/, built from data/ like `make build`."""
    tools.require_all()
    root = tmp_path_factory.mktemp("browser")
    start = time.monotonic()
    build_site(PROJECT, root / "site", PROJECT / "data", staff_dir=root / "site-intern")
    _timings["bygging"] = time.monotonic() - start
    return root


@pytest.fixture(scope="session")
def server(sites: Path) -> Iterator[StaticServer]:
    with StaticServer(sites) as running:
        yield running


@pytest.fixture(scope="session")
def audit(server: StaticServer) -> Results:
    tools.require_all()
    results = asyncio.run(Auditor(server.url, TARGETS, list(LANGS)).run())
    _timings["nettleser"] = results.seconds
    _spent.update(results.spent)
    return results


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


@pytest.fixture(scope="session")
def link_check(audit: Results, server: StaticServer) -> dict[str, str]:
    """Every internal link on every page → what is wrong with it ("" when it resolves, anchor included)."""
    from skoleplan.validate import load_plan

    school = load_plan(PROJECT / "data").school.school
    public_root = str(school.site_url).rstrip("/") + "/"
    staff_root = str(school.staff_site_url or f"{public_root}intern/").rstrip("/") + "/"
    # Absolute links to the published sites (feeds, for example) are checked against the local build.
    published = sorted(((staff_root, "site-intern/"), (public_root, "site/")), key=lambda p: -len(p[0]))
    pages: dict[str, tuple[int, set[str]]] = {}

    def fetch(url: str) -> tuple[int, set[str]]:
        if url not in pages:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                    status = response.status
                    final = response.geturl()
            except urllib.error.HTTPError as error:
                pages[url] = (error.code, set())
                return pages[url]
            anchors = _Anchors()
            if final.endswith((".html", "/")):
                anchors.feed(body.decode("utf-8", "replace"))
            pages[url] = (status, anchors.ids)
        return pages[url]

    problems: dict[str, str] = {}
    for report in audit.pages.values():
        for link in report.facts.get("links", []):
            local = link
            for published_root, site_dir in published:
                if link.startswith(published_root):
                    local = server.url + site_dir + link.removeprefix(published_root)
                    break
            if not local.startswith(server.url) or link in problems:
                continue
            address, fragment = urldefrag(local)
            address = address.split("?", 1)[0]
            status, ids = fetch(address)
            if status != 200:
                problems[link] = f"svarte {status}"
            elif fragment and unquote(fragment) not in ids:
                problems[link] = f"ingen id «{unquote(fragment)}» på {urlsplit(address).path}"
            else:
                problems[link] = ""
    return problems


@pytest.fixture(scope="session")
def vnu(sites: Path) -> dict[str, list[dict[str, object]]]:
    """The Nu Html Checker's messages for every HTML file of both sites, by path below the build root."""
    tools.require_all()
    start = time.monotonic()
    done = subprocess.run(
        [tools.java(), "-jar", str(tools.VNU), "--format", "json", "--skip-non-html", "site", "site-intern"],
        cwd=sites,
        capture_output=True,
        text=True,
    )
    _timings["Nu Html Checker"] = time.monotonic() - start
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        messages = None
    errors = [m for m in messages or [] if m.get("type") in ("error", "non-document-error")]
    if messages is None or done.returncode != (1 if errors else 0):
        pytest.fail(f"Nu Html Checker svarte ikke som ventet:\n{done.stderr[-2000:]}", pytrace=False)
    _vnu_warnings.update(str(m.get("message")) for m in messages if m.get("subType") == "warning")
    by_file: dict[str, list[dict[str, object]]] = {}
    for message in messages:
        path = str(message.get("url", "")).removeprefix("file:")
        relative = Path(path).resolve().relative_to(sites.resolve()).as_posix() if path else "?"
        by_file.setdefault(relative, []).append(message)
    return by_file


# --- the suite's own duration -------------------------------------------------------------------

_span: list[float] = []


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    if not _span:
        _span.append(time.monotonic())


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    if len(_span) == 2:
        _span[1] = time.monotonic()
    elif _span:
        _span.append(time.monotonic())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if len(_span) == 2:
        parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in _timings.items())
        terminalreporter.write_line(
            f"tests/browser: {_span[1] - _span[0]:.0f} s i alt{f' ({parts})' if parts else ''}; "
            f"{len(TARGETS)} sider, {len(PUBLIC)} av dem på det åpne nettstedet"
        )
        for warning in sorted(_vnu_warnings):
            terminalreporter.write_line(f"tests/browser: Nu Html Checker, advarsel (ikke en feil): {warning}")
        if _spent:
            work = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in sorted(_spent.items()))
            terminalreporter.write_line(f"tests/browser: sidetid i nettleseren, lagt sammen over samtidige sider: {work}")
