"""Everything works from the keyboard: the skip link first, every control reachable, focus always visible."""

from __future__ import annotations

import pytest

from .audit import NARROW, WIDE, Results, Target
from .conftest import PUBLIC, by_id, page_report, search_report


@pytest.mark.parametrize("target", **by_id(PUBLIC))
def test_skip_link_is_the_first_tab_stop_and_lands_on_the_main_content(audit: Results, target: Target):
    keyboard = page_report(audit, target).keyboard[WIDE]
    assert keyboard.stops, "ingen elementer fikk fokus med Tab"
    first = keyboard.stops[0]
    assert "md-skip" in first["what"], f"første Tab-stopp er {first['what']}"
    assert first["visible"], "snarveien til innholdet er ikke synlig når den har fokus"
    skip = page_report(audit, target).facts["skip"]
    assert keyboard.skip_hash == skip, f"Enter på snarveien gikk til {keyboard.skip_hash}, ikke {skip}"
    after = keyboard.after_skip
    assert after is not None and after["inMain"], f"Tab etter snarveien gikk til {after and after['what']}"


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("target", **by_id(PUBLIC))
def test_every_interactive_element_is_reached_by_tab_with_visible_focus(audit: Results, target: Target, width: int):
    keyboard = page_report(audit, target).keyboard[width]
    reached = {stop["key"] for stop in keyboard.stops}
    missing = [e["what"] for e in keyboard.interactive if e["key"] not in reached]
    assert not missing, f"{len(missing)} elementer kan ikke nås med Tab ved {width} px:\n  " + "\n  ".join(missing[:15])
    invisible = [s["what"] for s in keyboard.stops if not s["visible"]]
    assert not invisible, f"fokus på noe som ikke synes ved {width} px:\n  " + "\n  ".join(invisible[:15])
    unmarked = [s["what"] for s in keyboard.stops if s["known"] and not s["changed"]]
    assert not unmarked, f"ingen synlig fokusmarkering ved {width} px:\n  " + "\n  ".join(unmarked[:15])
    faint = [f"{s['what']}: {s['outlineContrast']:.2f}:1" for s in keyboard.stops
             if s["outlineContrast"] is not None and s["outlineContrast"] < 3]
    assert not faint, "fokusrammen har under 3:1 kontrast mot bakgrunnen:\n  " + "\n  ".join(faint[:15])


@pytest.mark.parametrize("target", **by_id(PUBLIC))
def test_menu_opens_and_closes_by_keyboard_on_a_phone(audit: Results, target: Target):
    drawer = page_report(audit, target).keyboard[NARROW].drawer
    assert drawer is not None and drawer["button"], "menyknappen tar ikke fokus"
    assert drawer["open"], "Enter på menyknappen åpnet ikke menyen"
    for step in ("first", "next"):
        stop = drawer[step]
        assert stop and stop["inDrawer"] and stop["visible"], f"fokus i åpen meny: {stop and stop['what']}"
    assert drawer["closed"], "Escape lukket ikke menyen"
    assert drawer["back"] and "__drawer" in drawer["back"]["what"], "fokus gikk ikke tilbake til menyknappen"


@pytest.mark.parametrize("target", **by_id(PUBLIC))
def test_wide_tables_scroll_with_the_arrow_keys(audit: Results, target: Target):
    assert page_report(audit, target).keyboard[NARROW].regions == []


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_search_is_used_by_keyboard(audit: Results, lang: str, width: int):
    search = search_report(audit, f"{lang}-light-{width}")
    assert search.opened, "søkefeltet fikk ikke fokus da søket ble åpnet med tastaturet"
    if width == NARROW:
        assert search.escape and search.escape["closed"], "Escape lukket ikke søket"
        focus = search.escape["focus"] or ""
        assert focus.startswith("<label") and " __search>" in focus, (
            f"etter Escape var fokus på {search.escape['focus']}, ikke på søkeknappen"
        )
    assert search.focused_result and "md-search-result__link" in search.focused_result, (
        f"pil ned flyttet fokus til {search.focused_result}"
    )
    assert search.landed and f"/site/{lang}/" in search.landed and "?h=" in search.landed, (
        f"Enter på treffet gikk til {search.landed}"
    )
