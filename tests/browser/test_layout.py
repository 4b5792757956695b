"""Phones: nothing scrolls sideways at 320 or 390 px; wide tables scroll in one labelled, focusable region."""

from __future__ import annotations

import pytest

from .audit import NARROW, PHONE, WIDE, Results, Target
from .conftest import TARGETS, by_id, page_report


@pytest.mark.parametrize("width", [NARROW, PHONE])
@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_nothing_scrolls_sideways_on_a_phone(audit: Results, target: Target, width: int):
    sideways = page_report(audit, target).sideways[width]
    assert sideways["pageWidth"] <= sideways["viewport"], (
        f"siden er {sideways['pageWidth']} px bred ved {sideways['viewport']} px: {sideways['wide']}"
    )
    unreachable = [box["what"] for box in sideways["boxes"] if not box["scrollable"]]
    assert not unreachable, f"innhold som rulles sidelengs uten å være en fokuserbar region: {unreachable}"


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_tables_sit_in_one_labelled_focusable_scroll_region(audit: Results, target: Target):
    assert page_report(audit, target).tables == []


@pytest.mark.parametrize("target", **by_id(TARGETS))
def test_no_stray_horizontal_scrollbar_at_1280_px(audit: Results, target: Target):
    sideways = page_report(audit, target).sideways[WIDE]
    assert sideways["pageWidth"] <= sideways["viewport"], sideways["wide"]
    assert sideways["boxes"] == [], "rullefelt sidelengs ved 1280 px"
