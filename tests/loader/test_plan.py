"""The whole directory: a valid plan loads; problems from every file come out together, sorted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from .loader_cases import MINIMAL

from skoleplan.errors import PlanError
from skoleplan.model import FILES, Plan
from skoleplan.source import parse
from skoleplan.validate import load_plan, validate_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the minimal plan in tmp_path/data, with tmp_path as the working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINIMAL, tmp_path / "data")
    return tmp_path / "data"


def report(data_dir: Path | str = "data") -> str:
    with pytest.raises(PlanError) as raised:
        load_plan(data_dir)
    return raised.value.report()


def test_the_minimal_plan_is_valid():
    plan = load_plan(MINIMAL)
    assert isinstance(plan, Plan)
    assert plan.roles.roles[0].name.nn == "rektor"
    assert plan.calendar.activities[0].timing.numbers == [11]
    assert {d.kind for d in plan.duties.duties} == {
        "følge-med", "gripe-inn", "melde-fra", "undersøke", "sette-inn-tiltak", "dokumentere", "skjerpet",
    }


def test_problems_in_several_files_come_together_sorted_by_file_and_line(data):
    (data / "roller.yaml").write_text(
        "roles:\n"
        "  - id: rektor\n"
        "    name: {nb: rektor}\n"
        "  - id: kontaktlaerer\n"
        "    name: {nb: kontaktlærer, nn: kontaktlærar}\n"
        "    descripton: {nb: lærer, nn: lærar}\n",
        encoding="utf-8",
    )
    (data / "aarshjul.yaml").write_text(
        "intro: {nb: Årshjulet., nn: Årshjulet.}\n"
        "activities:\n"
        "  - id: elevundersokelsen\n"
        "    title: {nb: Elevundersøkelsen, nn: Elevundersøkinga}\n"
        "    timing: {weekly: fredagg}\n"
        "    responsible: [rektor]\n"
        "    audience: [elever]\n"
        "    category: kartlegging\n",
        encoding="utf-8",
    )
    (data / "skole.yaml").write_text("school: [\n", encoding="utf-8")
    assert report() == (
        "data/aarshjul.yaml:5:22: «weekly»: «fredagg» er ikke en ukedag; forventet mandag, tirsdag, onsdag, torsdag eller fredag\n"
        "data/roller.yaml:3:11: «name»: mangler teksten på nynorsk (nn); hver tekst skal finnes både på bokmål og nynorsk («make oversett» lager et maskinoversatt utkast)\n"
        "data/roller.yaml:6:5: ukjent felt «descripton»; mente du «description»?\n"
        "data/skole.yaml:1:9: YAML-syntaksfeil: filen slutter midt i en liste eller blokk; mangler en avsluttende ] eller }?\n"
        "Fant 4 feil i 3 filer."
    )


def test_references_are_checked_in_the_files_that_are_valid(data):
    """An unknown duty is reported at once, though roller.yaml is broken; roles wait until it is valid."""
    roles = (MINIMAL / "roller.yaml").read_text(encoding="utf-8")
    (data / "roller.yaml").write_text(roles.replace("id: rektor", "id: Rektor"), encoding="utf-8")
    (data / "aarshjul.yaml").write_text(
        "intro: {nb: Årshjulet., nn: Årshjulet.}\n"
        "activities:\n"
        "  - id: elevundersokelsen\n"
        "    title: {nb: Elevundersøkelsen, nn: Elevundersøkinga}\n"
        "    timing: {month: november}\n"
        "    responsible: [vaktmester]\n"
        "    audience: [elever]\n"
        "    category: kartlegging\n"
        "    duties: [folge-med, dokumentasjon]\n",
        encoding="utf-8",
    )
    unknown_duty = (
        "data/aarshjul.yaml:9:25: ukjent delplikt «dokumentasjon»; det finnes ingen delplikt med denne id-en i "
        "aktivitetsplikt.yaml; mente du «dokumentere»?"
    )
    assert report().splitlines() == [
        unknown_duty,
        "data/roller.yaml:2:9: ugyldig id «Rektor»; en id skrives med små bokstaver, tall og bindestrek, "
        "for eksempel «foreldremote-host»",
        "Fant 2 feil i 2 filer.",
    ]
    (data / "roller.yaml").write_text(roles, encoding="utf-8")
    assert report().splitlines() == [
        "data/aarshjul.yaml:6:19: ukjent rolle «vaktmester»; det finnes ingen rolle med denne id-en i roller.yaml",
        unknown_duty,
        "Fant 2 feil i 1 fil.",
    ]


def test_a_missing_data_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert report("data") == "data:1:1: mappen med datafilene finnes ikke\nFant 1 feil i 1 fil."
    (tmp_path / "data").write_text("", encoding="utf-8")
    assert report("data") == "data:1:1: mappen med datafilene er ikke en mappe\nFant 1 feil i 1 fil."


def test_other_files_in_the_folder_are_left_alone(data):
    (data / "schema").mkdir()
    (data / "schema" / "roller.schema.json").write_text("{}", encoding="utf-8")
    (data / "LESMEG.md").write_text("# Datafilene\n", encoding="utf-8")
    assert isinstance(load_plan("data"), Plan)


def test_a_folder_named_like_a_data_file(data):
    (data / "foresatte.yaml").unlink()
    (data / "foresatte.yaml").mkdir()
    assert report() == "data/foresatte.yaml:1:1: dette er en mappe; forventet en fil\nFant 1 feil i 1 fil."


def test_every_problem_of_one_file_is_reported_not_just_the_first(data):
    (data / "kontakter.yaml").write_text(
        "contacts:\n"
        "  - id: Rektor\n"
        "    role: rektor\n"
        "    phone: 12345678\n"
        "  - id: helsesykepleier\n"
        "    role: rektor\n"
        "    email: helse@\n",
        encoding="utf-8",
    )
    assert report().splitlines() == [
        "data/kontakter.yaml:2:9: ugyldig id «Rektor»; en id skrives med små bokstaver, tall og bindestrek, "
        "for eksempel «foreldremote-host»",
        'data/kontakter.yaml:4:12: «phone»: feil type: forventet tekst, fant «12345678»; sett anførselstegn rundt teksten: "12345678"',
        "data/kontakter.yaml:7:12: «email»: ugyldig e-postadresse «helse@»; forventet for eksempel «navn@skole.no»",
        "Fant 3 feil i 1 fil.",
    ]


# --- the public functions one by one -------------------------------------------------


def test_validate_file_returns_the_model_or_the_problems(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "roller.yaml"
    good.write_text("roles:\n  - id: rektor\n    name: {nb: rektor, nn: rektor}\n", encoding="utf-8")
    source, model, problems = validate_file(good, "roller.yaml")
    assert problems == [] and model.roles[0].id == "rektor"
    assert source.position(("roles", 0, "name", "nn")).line == 3

    bad = tmp_path / "feil.yaml"
    bad.write_text("roles:\n  - id: rektor\n", encoding="utf-8")
    source, model, problems = validate_file(bad, "roller.yaml")
    assert model is None
    assert [str(p) for p in problems] == ["feil.yaml:2:5: mangler feltet «name»"]


def test_parse_keeps_positions_and_reads_yaml_1_2_scalars():
    source, problems = parse(
        "a: no\nb: 08:30\nc: 2025-02-30\nd: 1.10\ne: true\nf: ~\ng:\n  - 'x'\n", "x.yaml"
    )
    assert problems == []
    assert source.data == {"a": "no", "b": "08:30", "c": "2025-02-30", "d": 1.1, "e": True, "f": None, "g": ["x"]}
    assert source.position(("g", 0)) == source.values[("g", 0)]
    assert (source.position(("g", 0)).line, source.position(("g", 0)).column) == (8, 5)
    assert (source.keys[("d",)].line, source.written[("d",)]) == (4, "1.10")


def test_parse_of_an_empty_file_has_no_document():
    source, problems = parse("# bare en kommentar\n", "x.yaml")
    assert (source.data, source.values, problems) == (None, {}, [])


# --- the command line ---------------------------------------------------------


def run_check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skoleplan", "check", *args],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def test_the_command_line_on_a_valid_plan(data):
    result = run_check(data.parent, "data")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Alt i orden i data: 1 aktivitet i årshjulet, 1 tiltak, 1 begrep, 1 ressurs.\n"
    )


def test_the_command_line_on_broken_data(data):
    (data / "aarshjul.yaml").write_text("intro: {nb: a, nn: b}\nactivities: [rektor\n  - x\n", encoding="utf-8")
    (data / "roller.yaml").unlink()
    result = run_check(data.parent, "data")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "data/aarshjul.yaml:2:13: YAML-syntaksfeil: listen i hakeparenteser som begynner her, er ikke lukket med ] "
        "(eller mangler et komma)\n"
        "data/roller.yaml:1:1: filen mangler; hver plan trenger denne filen\n"
        "Fant 2 feil i 2 filer.\n"
    )
    assert "Traceback" not in result.stderr


def test_the_command_line_without_a_data_folder(tmp_path):
    result = run_check(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "data:1:1: mappen med datafilene finnes ikke\nFant 1 feil i 1 fil.\n"


def test_the_command_line_reports_every_file_of_a_wholly_broken_folder(data):
    for name in FILES:
        (data / name).write_bytes(b"\xff\xfe")
    result = run_check(data.parent, "data")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"Fant {len(FILES)} feil i {len(FILES)} filer."


def test_an_internal_item_may_have_an_internal_title(data):
    """Only a public item needs its title on the open site; a title inside an internal item may say internal."""
    calendar = data / "aarshjul.yaml"
    text = calendar.read_text(encoding="utf-8")
    text = text.replace("nn: Elevundersøkinga}", "nn: Elevundersøkinga, visibility: internal}\n    visibility: internal", 1)
    calendar.write_text(text, encoding="utf-8")
    plan = load_plan(data)
    assert plan.calendar.activities[0].visibility == "internal"


def test_an_activity_that_comes_to_no_calendar_event_is_told_at_its_line(data):
    """Not refused (another school year may have its days), never silent: the week of the autumn holiday, a date
    in no school year of the skolerute, a holiday the skolerute lacks."""
    from skoleplan.validate import load

    (data / "skolerute.yaml").write_text(
        "school_years:\n  - id: 2025-2026\n    first_day: 2025-08-18\n    last_day: 2026-06-19\n    holidays:\n"
        "      - {name: {nb: Høstferie, nn: Haustferie}, start: 2025-09-29, end: 2025-10-03}\n", encoding="utf-8")
    activity = "  - {{id: {0}, title: {{nb: A, nn: A}}, timing: {1}, audience: [elever]}}\n"
    with (data / "aarshjul.yaml").open("a", encoding="utf-8") as f:
        f.write(activity.format("ferieuka", "uke 40") + activity.format("i-fjor", "15.10.2024")
                + activity.format("vinter", "etter vinterferien") + activity.format("uka-etter", "uke 41"))
    assert [str(n) for n in load(data).notices] == [
        "data/aarshjul.yaml:9:51: «ferieuka» (uke 40) faller bare på skolefrie dager (helg, ferie, planleggingsdag) i "
        "skoleåret 2025–2026 og kommer ikke i kalenderen da; velg andre dager, eller skriv school_days_only: false "
        "hvis den skal stå der likevel",
        "data/aarshjul.yaml:10:49: «i-fjor» (15.10.2024) er ikke i noen av skoleårene i skolerute.yaml (2025–2026) og "
        "kommer ikke i kalenderen; stemmer året?",
        "data/aarshjul.yaml:11:49: «vinter» (etter vinterferien): skolerute.yaml har ingen vinterferie i skoleåret "
        "2025–2026, så aktiviteten kommer ikke i kalenderen da; legg inn ferien, eller skriv kind: vinterferie på "
        "ferien hvis den heter noe annet",
    ]


def test_a_row_the_import_marked_for_a_look_is_told_until_the_mark_is_gone(data):
    """«# SJEKK» from make importer is valid YAML: without this, make check said «Alt i orden» over rows nobody
    had looked at (an activity whose «Når» could not be read, published without a time)."""
    with (data / "aarshjul.yaml").open("a", encoding="utf-8") as f:
        f.write("  # SJEKK (rad 13): «Når» («Kontinuerlig») ble ikke forstått; aktiviteten står uten tidspunkt\n"
                "  - {id: ny, title: {nb: Ny, nn: Ny}, audience: [elever]}\n")
    result = run_check(data.parent, "data")
    assert (result.returncode, result.stderr) == (0, (
        "Advarsel: data/aarshjul.yaml:9:1: merket «# SJEKK» av importen og ikke sett over ennå: (rad 13): «Når» "
        "(«Kontinuerlig») ble ikke forstått; aktiviteten står uten tidspunkt; rett det som trengs, og ta så bort "
        "kommentaren\n"))
    assert result.stdout == "Ingen feil i data, men 1 advarsel over: 2 aktiviteter i årshjulet, 1 tiltak, 1 begrep, 1 ressurs.\n"
    text = (data / "aarshjul.yaml").read_text(encoding="utf-8")
    (data / "aarshjul.yaml").write_text(text.replace("  # SJEKK (rad 13)", "  # Sett over"), encoding="utf-8")
    assert run_check(data.parent, "data").stdout.startswith("Alt i orden i data: 2 aktiviteter")
