"""A municipality's folder (kommune.yaml and its schools), a new school made in minutes, and what a school changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from skoleplan.cli import main
from skoleplan.municipality import build_municipality, read_municipality, school_slug

PROJECT = Path(__file__).resolve().parents[2]
NORDBY = PROJECT / "kommuner" / "fjordvik" / "skoler" / "nordby"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The example's layers (data/, kommuner/) copied into tmp_path, which is also the working directory."""
    for name in ("data", "kommuner"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_small_schools_own_folder_is_small():
    """Issue 15: a school with real content on the municipality's layer is at most 300 lines of YAML."""
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in NORDBY.glob("*.yaml"))
    assert lines <= 300, lines


def test_a_new_school_is_made_on_its_municipality_and_checks_at_once(project, capsys):
    assert main(["ny-skole", "Sørbø skole", "--kommune", "Fjordvik"]) == 0
    out = capsys.readouterr().out
    folder = project / "kommuner" / "fjordvik" / "skoler" / "sorbo-skole"
    assert out.startswith("Laget kommuner/fjordvik/skoler/sorbo-skole/ (4 filer) og føyd til i ")
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["aarshjul.yaml", "kontakter.yaml", "roller.yaml", "skole.yaml"]
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.yaml")) <= 300
    assert "name: {nb: Sørbø skole, nn: Sørbø skule}" in (folder / "skole.yaml").read_text(encoding="utf-8")
    kommune = (project / "kommuner" / "fjordvik" / "kommune.yaml").read_text(encoding="utf-8")
    assert kommune.startswith("# Fjordvik kommune")  # its comment kept
    assert "skoler/sorbo-skole" in kommune
    assert main(["check", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"Alt i orden i {folder}: 0 aktiviteter i årshjulet, 20 tiltak")
    assert main(["check", "kommuner/fjordvik"]) == 0
    assert "3 skoler (Måkeskjær skole, Nordby skole, Sørbø skole)" in capsys.readouterr().out


def test_a_new_school_without_a_municipality_builds_on_the_base(project, capsys):
    assert main(["ny-skole", "Vika skole"]) == 0
    folder = project / "skoler" / "vika-skole"
    assert "builds_on: grunnlag\n" in (folder / "skole.yaml").read_text(encoding="utf-8")
    assert (folder / "skolerute.yaml").is_file()  # no municipality to have one
    assert main(["check", str(folder)]) == 0


def test_a_new_school_in_an_unknown_municipality_or_a_used_folder_is_refused(project, capsys):
    assert main(["ny-skole", "Sørbø skole", "--kommune", "Fjordvk"]) == 1
    assert capsys.readouterr().err == (
        "Kan ikke lage skolen: fant ingen kommune «Fjordvk» (kommuner/fjordvk/kommune.yaml finnes ikke); "
        "kommunene som finnes: fjordvik; uten KOMMUNE bygger skolen rett på grunnlaget\n"
    )
    assert main(["ny-skole", "Nordby", "--kommune", "Fjordvik", "--mappe", "kommuner/fjordvik/skoler/nordby"]) == 1
    assert "kommuner/fjordvik/skoler/nordby finnes allerede og er ikke tom" in capsys.readouterr().err


def test_checking_a_municipality_reports_every_schools_problems_at_once(project, capsys):
    (project / "data" / "aarshjul.yaml").write_text("activities: {}\n", encoding="utf-8")
    nordby = project / "kommuner" / "fjordvik" / "skoler" / "nordby" / "tiltak.yaml"
    nordby.write_text(nordby.read_text(encoding="utf-8").replace("level: skole", "level: skolen", 1), encoding="utf-8")
    assert main(["check", "kommuner/fjordvik"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("data/aarshjul.yaml:1:13: ")
    assert err.splitlines()[1].startswith("kommuner/fjordvik/skoler/nordby/tiltak.yaml:6:12: «level»: ")
    assert err.splitlines()[-1] == "Fant 2 feil i 2 filer."


def test_a_school_in_the_list_that_is_not_a_school(project):
    kommune = project / "kommuner" / "fjordvik" / "kommune.yaml"
    kommune.write_text(kommune.read_text(encoding="utf-8").replace("skoler/nordby", "skoler/nordbyy"), encoding="utf-8")
    from skoleplan.errors import PlanError

    with pytest.raises(PlanError) as raised:
        read_municipality(project / "kommuner" / "fjordvik")
    assert [str(p) for p in raised.value.problems] == [
        "kommuner/fjordvik/kommune.yaml:4:23: «skoler/nordbyy» er ikke mappen til en skole (finner ingen skole.yaml der)"]


def test_status_shows_what_each_school_changed_against_the_municipality(project, capsys):
    assert main(["status", "kommuner/fjordvik", "--lag"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Måkeskjær skole (data), bygger på kommuner/fjordvik: 13 endret, 10 lagt til, 0 fjernet"
    assert "  data/saksgang.yaml:70: endret «aktivitetsplan» (role)" in out
    assert "Nordby skole (kommuner/fjordvik/skoler/nordby), bygger på kommuner/fjordvik: 0 endret, 3 lagt til, 0 fjernet" in out
    assert "  helt egne deler (ikke i laget under): skole.yaml, aarshjul.yaml" in out


def test_school_slugs():
    assert school_slug("Måkeskjær skole") == "makeskjaer-skole"
    assert school_slug("Sørbø  skule") == "sorbo-skule"


@pytest.mark.build
def test_a_municipality_builds_every_school_and_an_index_of_them_in_both_standards(project):
    municipality = read_municipality(project / "kommuner" / "fjordvik")
    built = build_municipality(PROJECT, project / "site", municipality, staff_dir=project / "site-intern")
    assert [s.slug for s in built.schools] == ["makeskjaer-skole", "nordby-skole"]
    for edition in ("site", "site-intern"):
        for school in ("makeskjaer-skole", "nordby-skole"):
            for lang in ("nb", "nn"):
                assert (project / edition / school / lang / "index.html").is_file()
    nb = (project / "site" / "index.html").read_text(encoding="utf-8")
    nn = (project / "site" / "index.nn.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in nb and '<a href="nordby-skole/nb/">Nordby skole</a>' in nb
    assert '<html lang="nn">' in nn and '<a href="nordby-skole/nn/">Nordby skule</a>' in nn
    assert '<a href="index.nn.html" hreflang="nn" lang="nn">Nynorsk</a>' in nb
    nordby = (project / "site" / "nordby-skole" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    makeskjaer = (project / "site" / "makeskjaer-skole" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    assert "Venneuka" in nordby and "Venneuka" not in makeskjaer  # each its own årshjul, on the same base


@pytest.mark.build
def test_every_school_of_a_municipality_has_its_own_whole_plan_pdf_root_page_and_404(project):
    """Issue 19's pages in a municipality build: each school's printable page, PDF, root page and 404 are its own."""
    from pypdf import PdfReader

    from skoleplan.render.pdf import pdf_name

    municipality = read_municipality(project / "kommuner" / "fjordvik")
    build_municipality(PROJECT, project / "site", municipality, pdf=True)
    names = {"makeskjaer-skole": ("Måkeskjær skole", "Måkeskjær skule", "makeskjer.fjordvik.example"),
             "nordby-skole": ("Nordby skole", "Nordby skule", "nordby.fjordvik.example")}
    for school, (nb_name, nn_name, host) in names.items():
        folder = project / "site" / school
        root = (folder / "index.html").read_text(encoding="utf-8")
        assert nb_name in root and nn_name in root and 'href="nb/"' in root and 'href="nn/"' in root, school
        for lang, name in (("nb", nb_name), ("nn", nn_name)):
            whole = (folder / lang / "hele-planen" / "index.html").read_text(encoding="utf-8")
            assert f'href="{pdf_name(lang)}"' in whole, (school, lang)
            own = {"nb": "Venneuka", "nn": "Venneveka"}[lang]  # an activity of Nordby's own årshjul
            assert (own in whole) == (school == "nordby-skole"), (school, lang)
            about = (folder / lang / "om-planen" / "index.html").read_text(encoding="utf-8")
            assert f'href="../hele-planen/{pdf_name(lang)}"' in about, (school, lang)
            text = "".join(page.extract_text() for page in PdfReader(folder / lang / "hele-planen" / pdf_name(lang)).pages)
            assert name in text and f"https://{host}/plan/{lang}/" in text, (school, lang)
            missing = (folder / lang / "404.html").read_text(encoding="utf-8")
            front = re.search(r'<a class="md-button md-button--primary" href="([^"]+)"', missing)[1]
            assert f'<html lang="{lang}"' in missing and urljoin(f"https://{host}/x/y/", front) == f"https://{host}/plan/{lang}/"


@pytest.mark.build
def test_a_municipality_publishes_no_school_unless_every_school_builds(project):
    """The schools are built together: one that cannot be built leaves every school's published site as it was."""
    from skoleplan.build import BuildError

    aarshjul = project / "kommuner" / "fjordvik" / "skoler" / "nordby" / "aarshjul.yaml"
    text = aarshjul.read_text(encoding="utf-8")
    draft = "title: {nb: Venneuka, nn: Venneveka, translation: {source: nb, status: draft, hash: 0123abcd}}"
    aarshjul.write_text(text.replace("title: {nb: Venneuka, nn: Venneveka}", draft), encoding="utf-8")
    old = project / "site" / "makeskjaer-skole" / "nb" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("forrige versjon", encoding="utf-8")
    municipality = read_municipality(project / "kommuner" / "fjordvik")
    with pytest.raises(BuildError, match="^Bygger ikke med --strict: planen har 1 utdatert oversettelse"):
        build_municipality(PROJECT, project / "site", municipality, strict=True)
    assert old.read_text(encoding="utf-8") == "forrige versjon"  # Måkeskjær was built first, and not published
    assert sorted(p.name for p in (project / "site").iterdir()) == ["makeskjaer-skole"]  # no staging folder left
    assert sorted(p.name for p in (project / "site" / "makeskjaer-skole").iterdir()) == ["nb"]


@pytest.mark.parametrize(
    ("name", "nynorsk"),
    [
        ("Nordby skole", "Nordby skule"),
        ("Åsen barneskole", "Åsen barneskule"),
        ("Rosenvilde videregående skole", "Rosenvilde vidaregåande skule"),  # was «videregående skule»
        ("Videregående skole Nord", "Vidaregåande skule Nord"),
        ("Skolebakken oppvekstsenter", "Skolebakken oppvekstsenter"),  # a place name stays as it is
    ],
)
def test_a_new_schools_name_in_nynorsk(name, nynorsk):
    from skoleplan.new_school import nynorsk_name

    assert nynorsk_name(name) == nynorsk
