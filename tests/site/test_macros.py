"""The macros a school uses in its own pages (macros/main.py): each works in both written standards, and a
mistake in a call is one Norwegian line with the page and the line, which fails the build."""

from __future__ import annotations

import re
import shutil

import pytest

from skoleplan.build import BuildError, build_site
from skoleplan.context import BuildContext
from skoleplan.render.pages import PageRenderer
from skoleplan.render.snippets import SnippetError, Snippets
from skoleplan.validate import load_plan

from .conftest import PROJECT, page

def project_without_pages(tmp_path):
    """A copy of the project without the example's own pages, its data or anything built, for a page of the test's own."""
    project = tmp_path / "project"
    ignored = (".venv", ".cache", "site", "site-intern", "tests", ".git", "node_modules", "bench", "data", "ny-ansatt.*")
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(*ignored))
    return project


MACROS = ["aarshjul", "rolle", "kontakter", "begrep", "tiltak", "forebygging", "lov"]


def documented_macros() -> list[str]:
    """The macros macros/main.py defines, in order."""
    return re.findall(r"^    @macro\n    def ([a-z_]+)\(", (PROJECT / "macros" / "main.py").read_text(encoding="utf-8"), re.M)


def test_the_list_here_is_every_macro_and_the_readme_documents_each():
    assert documented_macros() == MACROS
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in MACROS:
        assert f"{{{{ {name}(" in readme, f"the README does not show {name}()"


def test_the_example_page_uses_every_macro_in_both_written_standards():
    for lang in ("nb", "nn"):
        source = (PROJECT / "docs" / f"ny-ansatt.{lang}.md").read_text(encoding="utf-8")
        assert {name for name in MACROS if f"{{{{ {name}(" in source} == set(MACROS), lang


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_macro_shows_the_plan_on_the_school_s_own_page(staff_site, lang):
    html = page(staff_site, lang, "ny-ansatt/")
    assert f'<html lang="{lang}"' in html
    article = html[html.index("<article"): html.index("</article>")]
    words = {
        "nb": ["Kontaktlærer", "Rektor", "Foreldremøte", "Opplæringsloven § 12-4"],
        "nn": ["Kontaktlærar", "Rektor", "Foreldremøte", "opplæringslova § 12-4"],
    }[lang]
    for word in words:
        assert word.lower() in article.lower(), word
    assert 'href="https://lovdata.no/lov/2023-06-09-30/§12-4"' in article
    assert 'href="../begreper/#mobbing"' in article  # begrep(): a link to the list of concepts
    assert 'href="../tiltak/#' in article and 'href="../forebygging/#' in article and 'href="../aarshjul/#' in article
    assert "{{" not in article and "Traceback" not in article
    assert re.search(r'aria-label="[^"]*\s"', article) is None  # every table's label names its month
    other = "nn" if lang == "nb" else "nb"
    assert f"ny-ansatt.{other}" not in html


def test_the_school_s_page_is_in_the_navigation_after_the_handbook(staff_site):
    html = page(staff_site, "nb", "")
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', html)
    assert "ny-ansatt/" in links and links.index("ny-ansatt/") > links.index("tilgjengelighet/")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_page_marked_internal_is_only_on_the_staff_site(site, lang):
    """docs/ny-ansatt.*.md has `visibility: internal`: not in the public site's pages, menu, sitemap or search."""
    assert not (site / lang / "ny-ansatt").exists()
    public = [page(site, lang, ""), (site / lang / "sitemap.xml").read_text(encoding="utf-8"),
              (site / lang / "search" / "search_index.json").read_text(encoding="utf-8")]
    assert not any("ny-ansatt" in text for text in public)


def test_macro_output_is_left_out_of_the_search_but_the_school_s_own_words_are_not(staff_site):
    """A macro shows a copy of the plan: search finds the plan's own page, and the school's own text on this one."""
    import json

    docs = json.loads((staff_site / "nb" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    own = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("ny-ansatt/"))
    assert "Velkommen!" in own and "Dette er mobbing" in own
    assert "Foreldremøte" not in own and "Kontaktlærer" not in own  # the årshjul and the role, from macros


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("visibility: hemmelig", "docs/side.md: visibility er «hemmelig»; forventet public eller internal"),
        ("visibility: [", "docs/side.md: toppteksten mellom --- og --- er ikke gyldig YAML"),
    ],
)
@pytest.mark.build
def test_a_bad_visibility_on_an_own_page_fails_the_build_in_norwegian(data, tmp_path, front_matter, message):
    project = project_without_pages(tmp_path)
    (project / "docs" / "side.md").write_text(f"---\n{front_matter}\n---\n\n# Side\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(project, tmp_path / "site", data)
    assert str(raised.value).splitlines()[1:] == [message]
    assert not (tmp_path / "site").exists()


# --- the core behind the macros, without a build ------------------------------------------------------


@pytest.fixture(scope="module")
def snippets():
    plan = load_plan(PROJECT / "data")
    context = BuildContext.of(plan, "nb")
    return Snippets(context, PageRenderer([context.templates]), "ny-ansatt.md")


def test_the_calendar_filters_by_month_audience_and_grade(snippets):
    august = snippets.calendar(month="august")
    assert "august" in august.lower() and "Lucia" not in august
    assert snippets.calendar(month=8) == august
    parents = snippets.calendar(audience="foresatte")
    assert "Foreldremøte" in parents and "Informasjon om nye elever" not in parents
    first_grade = snippets.calendar(grade=1)
    assert "Velkommen" in first_grade and "Valg av elevråd" not in first_grade  # elevrådsvalg is for 5.–10. trinn
    assert "Valg av elevråd" in snippets.calendar(grade=7)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.calendar(month="oktobr"), "ukjent måned «oktobr»; mente du «oktober»?"),
        (lambda s: s.calendar(audience="foreldre"), "ukjent målgruppe «foreldre»; forventet en av: foresatte, elever, ansatte"),
        (lambda s: s.calendar(grade=14), "ugyldig trinn «14»; forventet et tall fra 1 til 13, for eksempel trinn=5"),
        (lambda s: s.role("kontaktlerer"),
         "ukjent rolle «kontaktlerer»; det finnes ingen rolle med denne id-en; mente du «kontaktlaerer»?"),
        (lambda s: s.concept("mobing"), "ukjent begrep «mobing»; det finnes ingen begrep med denne id-en; mente du «mobbing»?"),
        (lambda s: s.measures("klasse"), "ukjent nivå «klasse»; forventet en av: individ, gruppe, skole"),
        (lambda s: s.prevention("gruppe"), "ukjent nivå «gruppe»; forventet en av: skole, klasse, individ"),
        (lambda s: s.law("9A-4"),
         "§ 9 A-4 er fra den gamle opplæringsloven (kapittel 9 A), som ble erstattet 1. august 2024; bruk § 12-4"),
        (lambda s: s.law("12-4", law="opplæringsloven"), "ukjent lov «opplæringsloven»; mente du «opplæringslova»?"),
        (lambda s: s.law("12-4", paragraph="to"), "ugyldig ledd «to»; forventet et tall, for eksempel ledd=2"),
    ],
)
def test_a_wrong_argument_says_what_was_expected(snippets, call, message):
    with pytest.raises(SnippetError) as raised:
        call(snippets)
    assert str(raised.value) == message


def test_the_law_macro_names_the_section_in_each_written_standard(snippets):
    assert snippets.law("12-4") == "[opplæringsloven § 12-4](https://lovdata.no/lov/2023-06-09-30/§12-4)"
    assert snippets.law("3", law="barnekonvensjonen") == "[barnekonvensjonen artikkel 3](https://lovdata.no/lov/1999-05-21-30)"


# --- mistakes in a page fail the build, with the page and the line --------------------------------------


@pytest.mark.build
def test_mistakes_in_a_school_s_page_fail_the_build_with_page_and_line(data, tmp_path):
    project = project_without_pages(tmp_path)
    (project / "docs" / "feil.md").write_text(
        '---\ntitle: Prøve\n---\n\n# Prøve\n\n{{ aarshjul(mnd="oktober") }}\n\n{{ rolle("kontaktlerer") }}\n', encoding="utf-8"
    )
    with pytest.raises(BuildError) as raised:
        build_site(project, tmp_path / "site", data)
    lines = str(raised.value).splitlines()
    assert lines == [
        "Byggingen feilet; site/ er ikke endret.",
        "docs/feil.md:7: aarshjul(): ukjent argument «mnd»; forventet maaned, for_hvem eller trinn",
        "docs/feil.md:9: rolle(): ukjent rolle «kontaktlerer»; det finnes ingen rolle med denne id-en; mente du «kontaktlaerer»?",
    ]
    (project / "docs" / "feil.md").write_text("# Prøve\n\nTekst.\n\n{{ aarshjull() }}\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(project, tmp_path / "site", data)
    assert str(raised.value).splitlines()[1:] == ["docs/feil.md:5: ukjent makro «aarshjull»; mente du «aarshjul»?"]
    (project / "docs" / "feil.md").write_text("# Prøve\n\n{{ lov( }}\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(project, tmp_path / "site", data)
    assert str(raised.value).splitlines()[1].startswith("docs/feil.md:3: feil i makrokallet: ")
    assert not (tmp_path / "site").exists()
