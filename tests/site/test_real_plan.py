"""A plan written the way real plans are (fixtures/bare-plan): bare lists under the plan's own headings, a
ladder, a chapter, steps with several roles and deadlines in words, and none of the parts the law does not ask
for. It builds, and nothing on its pages is a placeholder for what the plan does not say (issue 17)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from skoleplan.build import build_site

pytestmark = pytest.mark.build

BARE = Path(__file__).parent / "fixtures" / "bare-plan"

# What a page would show for a value the plan does not have.
PLACEHOLDERS = [
    r"\bNone\b", r"\bnull\b", r"ikke angitt", r"ikkje oppgitt", r"ikke oppgitt", r"\bukjent\b", r"\bTODO\b",
    r"\bundefined\b", r"\[\]", r"\{\}", r"\(\s*\)", r"–\s*:", r"\b(og|eller)\s*[:.]?$", r",\s*,", r"^\s*[:–-]",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, handbook_project):
    out = tmp_path_factory.mktemp("bare")
    shutil.copytree(BARE, out / "data")  # a build writes the feeds' lock files next to the data
    result = build_site(handbook_project, out / "site", out / "data", staff_dir=out / "site-intern")
    return out, result


BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "div", "blockquote",
          "ol", "ul", "table", "tr", "summary"}


def article_text(page: Path) -> list[str]:
    """The blocks of text a reader sees in a page's article (a paragraph, a list item, a cell), one per line."""
    found = re.search(r"<article[^>]*>(.*?)</article>", page.read_text(encoding="utf-8"), re.S)
    assert found, page
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", found[1])
    tags = "|".join(sorted(BLOCKS))
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(rf"</?({tags})\b[^>]*>", "\n", body)))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def page(built, path: str, edition: str = "site", lang: str = "nb") -> list[str]:
    out, _ = built
    return article_text(out / edition / lang / path / "index.html")


def test_it_builds_with_only_the_missing_statement_to_warn_about(built):
    _, result = built
    assert len(result.warnings) == 1 and "tilgjengelighetserklæring" in result.warnings[0], result.warnings


@pytest.mark.parametrize("edition", ["site", "site-intern"])
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_no_page_shows_a_placeholder(built, edition, lang):
    out, _ = built
    pages = sorted((out / edition / lang).rglob("index.html"))
    assert len(pages) >= 12
    for path in pages:
        for line in article_text(path):
            for pattern in PLACEHOLDERS:
                assert not re.search(pattern, line), f"{path}: «{line}» ({pattern})"
        body = path.read_text(encoding="utf-8")
        assert not re.search(r":\s*</strong>\s*</li>", body), path  # a label with nothing after it
        assert "<th></th>" not in body and not re.search(r"<td>\s*</td>", body), path  # an empty column


def test_the_parts_the_plan_leaves_out_have_no_page(built):
    out, _ = built
    present = {p.parent.relative_to(out / "site" / "nb").as_posix() for p in (out / "site" / "nb").rglob("index.html")}
    for missing in ("rettigheter", "begreper", "medvirkning", "handheving", "foresatte", "saksgang", "ressurser",
                    "kontakt", "om-planen", "tilgjengelighet"):
        assert missing not in present
    assert {"aktivitetsplikt", "tiltak", "forebygging", "aarshjul", "kapitler/barnets-beste"} <= present
    nav = (out / "site" / "nb" / "index.html").read_text(encoding="utf-8")
    assert 'href="rettigheter/"' not in nav and 'href="tilgjengelighet/"' not in nav


def test_steps_with_several_roles_and_deadlines_in_words(built):
    assert "Kontaktlærer eller sosiallærer – samme dag: Si fra til ledelsen." in page(built, "aktivitetsplikt/melde-fra")
    assert "Rektor eller kontaktlærer – innen 1–2 dager: Snakk med eleven og de foresatte." in page(
        built, "aktivitetsplikt/undersoke")
    steps = page(built, "aktivitetsplikt/sette-inn-tiltak")
    assert "Lag en skriftlig plan." in steps  # no role, no deadline: the step alone
    assert "Etter 3–4 uker: Evaluer planen sammen med eleven." in steps
    assert "Før neste foreldremøte: Avtal neste møte." in steps
    assert "Kontaktlærar eller sosiallærar – same dag: Sei frå til leiinga." in page(
        built, "aktivitetsplikt/melde-fra", lang="nn")


def test_the_ladder_has_its_levels_in_order_with_who_acts(built):
    lines = page(built, "aktivitetsplikt")
    first, second = lines.index("Nivå 1: Uro"), lines.index("Nivå 2: Sak")
    assert first < second
    assert lines[second + 1] == "Hvem tar det: Kontaktlærer eller rektor"


def test_bare_lists_stand_under_the_plans_own_headings(built):
    measures = page(built, "tiltak")
    assert measures[measures.index("For den som blir plaget") + 1 : measures.index("Andre")] == [
        "Samtale med eleven", "En fast voksen"]
    assert measures[measures.index("Andre") + 1] == "Tett oppfølging"
    out, _ = built
    body = (out / "site" / "nb" / "tiltak" / "index.html").read_text(encoding="utf-8")
    assert '<li id="samtale">Samtale med eleven</li>' in body  # a link to the measure still finds it
    prevention = page(built, "forebygging")
    assert prevention.index("På klassenivå") < prevention.index("Klassemøter") < prevention.index("Andre")


def test_activities_without_a_time_stand_under_their_heading_and_not_in_the_feeds(built):
    out, _ = built
    body = (out / "site" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<h2[^>]*>(.*?)</h2>|<h3 class="sp-card__title"[^>]*>(.*?)</h3>',
                       re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body), re.S)
    order = [html.unescape(re.sub(r"<[^>]+>", "", heading or card)).strip() for heading, card in found]
    assert order.index("Hvert år") < order.index("Trivselssamtaler") < order.index("Uten fast tidspunkt")
    assert order.index("Uten fast tidspunkt") < order.index("Elevrådsmøter")
    cards = body[body.index('id="hvert-år"') : body.index('id="uten-fast-tidspunkt"')]
    assert 'id="trivselssamtaler"' in cards  # the card, with only what the plan says: no time, audience or role
    assert "sp-card__when" not in cards and "sp-card__facts" not in cards and "<dt>" not in cards
    assert 'href="#hvert-år"' in body and 'href="#uten-fast-tidspunkt"' in body  # in the month bar too
    feed = (out / "site" / "nb" / "kalender" / "aarshjul.ics").read_text(encoding="utf-8")
    assert "Trivselssamtaler" not in feed and "Elevrådsmøter" not in feed


def test_the_chapter_stands_after_the_page_it_names_with_its_lettered_list(built):
    out, _ = built
    body = (out / "site" / "nb" / "kapitler" / "barnets-beste" / "index.html").read_text(encoding="utf-8")
    assert '<ol type="a">' in body and "<li>Vi hører eleven.</li>" in body
    assert "<blockquote>" in body
    assert re.search(r'href="\.\./\.\./aktivitetsplikt/undersoke/(#[^"]*)?">Undersøke</a>', body)
    front = (out / "site" / "nb" / "index.html").read_text(encoding="utf-8")
    nav = list(dict.fromkeys(re.findall(r'href="([^"#]+)"[^>]*class="md-nav__link', front)))
    # after the section it names (the duty pages in it), before the next page
    assert nav.index("kapitler/barnets-beste/") == nav.index("aktivitetsplikt/skjerpet/") + 1
    assert nav.index("aktivitetsplan/") == nav.index("kapitler/barnets-beste/") + 1


def test_a_chapters_image_is_published_with_its_alternative_text(data, tmp_path, handbook_project):
    """The minimal plan's chapter has an image from its data folder: copied to each language, shown with its alt."""
    build_site(handbook_project, tmp_path / "site", data)
    for lang, alt in (("nb", "En blå firkant"), ("nn", "Ein blå firkant")):
        image = tmp_path / "site" / lang / "bilder" / "sirkel.png"
        assert image.read_bytes() == (data / "bilder" / "sirkel.png").read_bytes()
        body = (tmp_path / "site" / lang / "kapitler" / "klasseledelse" / "index.html").read_text(encoding="utf-8")
        assert f'<img alt="{alt}" src="../../bilder/sirkel.png"' in body
        assert "<figcaption>Sirkelen</figcaption>" in body
