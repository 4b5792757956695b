"""The built handbook: every page in both written standards, linked to each other, private, reproducible."""

from __future__ import annotations

import datetime as dt
import filecmp
import re
from urllib.parse import urljoin, urlparse

import pytest

from skoleplan.build import build_site

from skoleplan.site import url_of

from ..conftest import tags
from .conftest import PAGES, PROJECT, page


def visible_text(html: str) -> str:
    main = html[html.find('<article'):html.find('</article>')]
    text = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"(https?|webcal)://\S+", " ", text)  # addresses are not words


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_with_its_language(site, lang, path):
    html = page(site, lang, path)
    assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize("path", PAGES)
def test_language_link_goes_to_the_same_page(site, path):
    for lang, other in (("nb", "nn"), ("nn", "nb")):
        links = [a for t, a in tags(page(site, lang, path)) if t == "a" and a.get("hreflang") == other]
        assert len(links) == 1, f"{lang}/{path}: expected one link to {other}"
        link = links[0]
        assert link["lang"] == other
        here = f"http://127.0.0.1:8000/{lang}/{path}"
        assert urljoin(here, link["href"]) == f"http://127.0.0.1:8000/{other}/{path}"


WORDS = {
    # The same page, the words that tell the written standards apart.
    "nb": {"must": ["elever", "foresatte", "ikke"], "never": ["elevar", "føresette", "ikkje"]},
    "nn": {"must": ["elevar", "føresette", "ikkje"], "never": ["elever", "foresatte", "ikke"]},
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_pages_speak_their_written_standard(site, lang):
    text = " ".join(visible_text(page(site, lang, p)) for p in PAGES).lower()
    words = set(re.findall(r"[a-zæøå]+", text))
    for word in WORDS[lang]["must"]:
        assert word in words, f"«{word}» missing on the {lang} site"
    for word in WORDS[lang]["never"]:
        assert word not in words, f"«{word}» on the {lang} site"


def test_root_index_offers_both_written_standards_without_javascript(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in html, "the example school has not asked for a redirect: the reader chooses"
    links = {a["href"]: a for t, a in tags(html) if t == "a" and a.get("class") != "skip"}
    assert links["nb/"]["lang"] == "nb" and links["nn/"]["lang"] == "nn"
    assert list(links) == ["nb/", "nn/"], "the school's main written standard first"
    assert "<script" not in html



def test_every_printed_page_says_whose_plan_which_version_and_where_it_is(site):
    from skoleplan.render.escape import css_string
    from skoleplan.render.pdf import print_header
    from skoleplan.validate import load_plan

    plan = load_plan(PROJECT / "data")
    for lang in ("nb", "nn"):
        header = print_header(plan, lang)
        html = (site / lang / "tiltak" / "index.html").read_text(encoding="utf-8")
        style = html[html.index('<style media="print">'):]
        style = style[:style.index("</style>")]
        assert f"@top-left {{ content: {css_string(header['school'] + ' · ' + header['plan'])};" in style, lang
        assert header["version"] and f"@top-right {{ content: {css_string(header['version'])};" in style, lang
        address = f"https://makeskjer.fjordvik.example/plan/{lang}/tiltak/"
        assert f"@bottom-left {{ content: {css_string(address)};" in style, lang

LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}


def test_nothing_is_loaded_from_another_host(site):
    """Scripts, styles, images, fonts and preconnects are all local; links to Lovdata are navigation, not requests."""
    for file in site.rglob("*"):
        if file.suffix == ".html":
            for tag, attrs in tags(file.read_text(encoding="utf-8")):
                for attr in ("src", "href", "srcset", "data"):
                    value = attrs.get(attr, "")
                    external = urlparse(value).scheme in ("http", "https") or value.startswith("//")
                    if not external:
                        continue
                    if tag == "a" or (tag == "link" and attrs.get("rel") in ("alternate", "canonical")):
                        continue
                    pytest.fail(f"{file.relative_to(site)}: <{tag} {attr}={value}> loads from another host")
        elif file.suffix == ".css":
            css = file.read_text(encoding="utf-8")
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), file
            assert "@import" not in css, file
    for lang in ("nb", "nn"):
        html = page(site, lang, "")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "Made with" not in html


def test_no_cookies_or_analytics(site):
    for file in site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "google-analytics" not in html and "gtag(" not in html, file
        assert "__consent" not in html, file


def test_second_build_is_byte_identical(site, tmp_path):
    again = tmp_path / "site"
    build_site(PROJECT, again, PROJECT / "data")
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first if not filecmp.cmp(site / p, again / p, shallow=False)]
    assert different == []


def test_navigation_titles_are_in_the_page_language(site):
    nb = page(site, "nb", "begreper/")
    nn = page(site, "nn", "begreper/")
    assert "Forebyggende arbeid" in nb and "Førebyggjande arbeid" in nn
    assert "Elevenes rettigheter" in nb and "Rettane til elevane" in nn


def test_english_labels_are_translated(site):
    for lang, header, footer in (("nb", "Sidehode", "Sidefot"), ("nn", "Sidehovud", "Sidefot")):
        html = page(site, lang, "begreper/")
        assert f'aria-label="{header}"' in html and f'aria-label="{footer}"' in html
        assert 'aria-label="Header"' not in html and 'aria-label="Footer"' not in html
    assert 'title="Lenke til denne delen"' in page(site, "nb", "begreper/")
    assert 'title="Lenkje til denne delen"' in page(site, "nn", "begreper/")


def test_law_references_link_to_lovdata(site):
    html = page(site, "nb", "aktivitetsplikt/undersoke/")
    assert 'href="https://lovdata.no/lov/2023-06-09-30/§12-4"' in html


def test_cross_references_are_links_between_pages(site):
    html = page(site, "nb", "aarshjul/")
    duty_links = [a["href"] for t, a in tags(html) if t == "a" and "aktivitetsplikt/" in a.get("href", "")]
    assert duty_links, "an årshjul activity should link to the duty it serves"
    html = page(site, "nb", "tiltak/")
    assert any("ressurser/#" in a.get("href", "") for t, a in tags(html) if t == "a")


def test_front_page_gives_parents_and_staff_their_paths(site):
    html = page(site, "nb", "")
    hrefs = [a.get("href", "") for t, a in tags(html) if t == "a"]
    assert "foresatte/#si-fra" in hrefs and "foresatte/#etterpa" in hrefs and "handheving/" in hrefs
    from skoleplan.validate import load_plan

    plan = load_plan(PROJECT / "data")
    assert len(plan.duties.situations) >= 5
    for situation in plan.duties.situations:
        assert f'id="{situation.id}"' in html, "each situation stands on the front page"


def test_heading_anchors_keep_norwegian_letters(site):
    assert 'id="årshjul"' in page(site, "nb", "aarshjul/")
    assert 'id="førebyggjande-arbeid"' in page(site, "nn", "forebygging/")  # a heading without an id of its own


def test_feeds_are_published_with_the_site(site):
    for lang in ("nb", "nn"):
        for feed in ("aarshjul", "ansatte", "foresatte", "elever"):
            ics = (site / lang / "kalender" / f"{feed}.ics").read_bytes()
            assert ics.startswith(b"BEGIN:VCALENDAR\r\n")


def test_aarshjul_page_offers_every_way_to_subscribe(site):
    for lang in ("nb", "nn"):
        html = page(site, lang, "aarshjul/")
        hrefs = [a.get("href", "") for t, a in tags(html) if t == "a"]
        feed = f"makeskjer.fjordvik.example/plan/{lang}/kalender/foresatte.ics"
        assert f"webcal://{feed}" in hrefs
        assert f"https://{feed}" in hrefs
        assert f"https://calendar.google.com/calendar/render?cid=webcal://{feed}" in hrefs
        assert html.count('<svg role="img"') >= 4  # a QR code per feed, made at build time
    assert "Outlook" in page(site, "nb", "aarshjul/") and "iPhone" in page(site, "nn", "aarshjul/")


def test_aarshjul_shows_the_resolved_dates_next_to_the_wording(site):
    html = page(site, "nb", "aarshjul/")
    cards = re.findall(r'<li class="sp-card .*?</li>', html, re.S)
    row = next(r for r in cards if 'id="forste-skoledag"' in r)
    # The wording from the data, and the date it falls on in the school year the build shows.
    from skoleplan.build import source_date_epoch
    from skoleplan.resolve.dates import current_school_year
    from skoleplan.resolve.text import format_day
    from skoleplan.validate import load_plan

    plan = load_plan(PROJECT / "data")
    epoch = int(source_date_epoch(plan, PROJECT / "data"))
    year = current_school_year(plan.school_calendar.school_years, dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date())
    assert "Første skoledag" in row and format_day(year.first_day, "nb") in row


def test_the_page_registry_the_templates_and_the_built_navigation_agree(site):
    """Every page of the registry (skoleplan/site.py) has its template, is built, and stands in the navigation
    in the registry's order; docs/ holds only the school's own pages, none of which is a registry page."""
    from skoleplan.site import PAGES, page_paths
    from skoleplan.validate import load_plan

    for registered in PAGES:
        assert (PROJECT / "overrides" / "pages" / f"{registered.name}.md.j2").is_file(), registered.name
    paths = page_paths(load_plan(PROJECT / "data"))
    built = {p.parent.relative_to(site / "nb").as_posix() for p in (site / "nb").rglob("index.html")}
    assert {url_of(path).rstrip("/") or "." for path in paths} <= built
    nav = re.findall(r'<a href="([^"#]*)" class="md-nav__link', page(site, "nb", ""))
    in_nav = [urljoin("http://x/nb/", href).removeprefix("http://x/nb/") for href in nav]
    registry_order = [url_of(path) for path in paths]
    assert [u for u in in_nav if u in registry_order] == [u for u in registry_order if u in in_nav]
    assert set(registry_order) <= set(in_nav) | {""}
    own = {path.name for path in (PROJECT / "docs").rglob("*.md")}
    assert not any(name.split(".")[0] + ".md" in {p.rsplit("/", 1)[-1] for p in paths} for name in own)
