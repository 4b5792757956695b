"""WCAG 2.0/2.1 A and AA by axe-core on every page: 1280 and 320 px wide, light and dark, search open."""

from __future__ import annotations

import pytest

from .audit import Results, Target
from .conftest import TARGETS, by_id, page_report, search_report


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:3]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"    {node['target']}: {summary}")
        if len(v["nodes"]) > 3:
            lines.append(f"    … og {len(v['nodes']) - 3} til")
    return "\n".join(lines)


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_axe_finds_no_violations_at_either_width_in_either_scheme(audit: Results, target: Target):
    report = page_report(audit, target)
    assert sorted(report.axe) == ["1280 dark", "1280 light", "320 dark", "320 light"]
    found = {setting: v for setting, v in report.axe.items() if v}
    assert not found, "\n".join(f"{target.id} ved {setting}:\n{_report(v)}" for setting, v in found.items())


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_search_dialog_open_with_results_has_no_violations(audit: Results, lang, scheme, width):
    search = search_report(audit, f"{lang}-{scheme}-{width}")
    assert search.opened, "søket kunne ikke åpnes med tastaturet"
    assert search.results > 0, "søket fant ingenting"
    assert not search.axe, _report(search.axe)
    assert not search.landed_axe, f"{search.landed} (søkeordene uthevet):\n{_report(search.landed_axe)}"
