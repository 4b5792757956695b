"""What the browser tests need is installed: a missing tool fails here, by name, with how to get it."""

from __future__ import annotations

from . import tools


def test_chromium_playwright_axe_and_the_nu_html_checker_are_installed():
    tools.require_all()
    tools.java()
    assert tools.AXE.stat().st_size > 100_000 and tools.VNU.stat().st_size > 1_000_000
