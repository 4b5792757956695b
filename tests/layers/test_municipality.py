"""A municipality's folder (kommune.yaml and its schools), a new school made in minutes, and what a school changed."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    assert out[0] == "Måkeskjær skole (data), bygger på kommuner/fjordvik: 12 endret, 9 lagt til, 0 fjernet"
    assert "  data/saksgang.yaml:57: endret «aktivitetsplan» (role)" in out
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
