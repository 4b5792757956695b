"""Subscribe links and the QR code the site shows next to each feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from skoleplan.render.ical import FEEDS, qr_svg, subscribe_links


def test_subscribe_links() -> None:
    links = subscribe_links("https://plan.makeskjaer.fjordvik.example", "nn", "foresatte")
    assert links.https == "https://plan.makeskjaer.fjordvik.example/nn/kalender/foresatte.ics"
    assert links.webcal == "webcal://plan.makeskjaer.fjordvik.example/nn/kalender/foresatte.ics"
    assert links.google == (
        "https://calendar.google.com/calendar/render?cid=webcal://plan.makeskjaer.fjordvik.example/nn/kalender/foresatte.ics"
    )
    assert parse_qs(urlsplit(links.google).query)["cid"] == [links.webcal]
    assert links.download == links.https


def test_subscribe_links_on_a_local_server() -> None:
    assert subscribe_links("http://127.0.0.1:8000/", "nb", "aarshjul").webcal == "webcal://127.0.0.1:8000/nb/kalender/aarshjul.ics"


def test_unknown_feed_is_an_error() -> None:
    with pytest.raises(ValueError):
        subscribe_links("https://x.example/", "nb", "rektor")


@pytest.mark.parametrize("feed", FEEDS)
def test_qr_svg_is_accessible_small_and_deterministic(feed: str) -> None:
    url = subscribe_links("https://plan.makeskjaer.fjordvik.example/", "nb", feed).webcal
    svg = qr_svg(url, "Abonner på årshjulet for foresatte & elever")
    assert svg == qr_svg(url, "Abonner på årshjulet for foresatte & elever")
    root = ET.fromstring(svg)
    assert root.tag == "svg" and root.get("role") == "img"
    title = root.find("title")
    assert title is not None and title.text == "Abonner på årshjulet for foresatte & elever"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("viewBox") and root.get("width") is None, "scales with CSS"
    assert len(svg.encode()) < 6000
    assert "http" not in svg.replace(url, ""), "no external service, no external references"


def test_qr_ids_differ_per_address() -> None:
    a = ET.fromstring(qr_svg("webcal://x.example/nb/kalender/elever.ics", "A"))
    b = ET.fromstring(qr_svg("webcal://x.example/nn/kalender/elever.ics", "B"))
    assert a.get("id") != b.get("id")
