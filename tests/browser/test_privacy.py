"""Nothing is fetched from another host, nothing fails to load, no script error: proven by the browser."""

from __future__ import annotations

import pytest

from .audit import Results, Target
from .conftest import TARGETS, by_id, page_report, search_report


def _foreign(requests: list[str], root: str) -> list[str]:
    return sorted({url for url in requests if not url.startswith(root) and not url.startswith("data:")})


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_no_request_goes_to_another_host(audit: Results, target: Target):
    report = page_report(audit, target)
    assert any(url.endswith(".js") for url in report.requests), "ingen forespørsler ble registrert"
    assert _foreign(report.requests, audit.root) == []


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_everything_loads_without_errors(audit: Results, target: Target):
    report = page_report(audit, target)
    assert report.failed == [] and report.errors == []


def test_search_requests_stay_local_too(audit: Results):
    for name in audit.search:
        search = search_report(audit, name)
        assert any("search_index.json" in url for url in search.requests), name
        assert _foreign(search.requests, audit.root) == [], name
        assert search.failed == [] and search.errors == [], name
