"""`make importer`: a school's own årshjul table, tidy or messy, becomes an aarshjul.yaml that passes `make check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from skoleplan.cli import main
from skoleplan.errors import PlanError
from skoleplan.model.timing import Timing
from skoleplan.spreadsheet import SpreadsheetError
from skoleplan.spreadsheet.importer import import_calendar
from skoleplan.validate import load, load_plan

from .conftest import DATA, PROJECT, fake_translator, write_csv, write_docx, write_ods, write_xlsx

TIMING = TypeAdapter(Timing)
NOW = dt.datetime(2026, 3, 2, 14, 30)

# A real-looking Bokmål årshjul: a title above the headings, months as rows of their own, empty rows, a month
# merged down beside its rows, Excel dates and text dates, trinn as columns of crosses, and what real tables
# get wrong (a person's name, a title the school has no role for, a row without «Ansvar», a «Når» no one can read).
MESSY = [
    ["Årshjul for skolemiljøarbeidet 2025/2026", None, None, None, None, None, None, None, None, None],
    ["Når", "Hva", "Hvordan", "Ansvar", "For hvem", "1", "2", "3", "4", "Gjennomført"],
    ["AUGUST", None, None, None, None, None, None, None, None, None],
    [None, "Planleggingsdager", "Vi går gjennom planen med alle ansatte.", "Rektor", "Ansatte", None, None, None, None, "x"],
    ["Første skoledag", "Velkommen", None, "Rektor og kontaktlærere", "Elever og foresatte", "x", "x", "x", "x", None],
    [None, None, None, None, None, None, None, None, None, None],
    ["September", "Fellessamling", "Samling i gymsalen.", "Ledelsen", "Alle", None, None, None, None, None],
    [None, "Foreldremøter", "Klassemiljø og ordensregler.", "Kontaktlærer", "Foresatte", "x", "x", None, None, None],
    [dt.datetime(2025, 10, 14), "Trivselsdag", None, "Trivselsledere og FAU", "Elever", None, None, "x", "x", None],
    ["Oktober", "Fellessamling", None, "Kari Nordmann", "Elever", None, None, None, None, None],
    ["uke trettifire", "Noe ingen forstår", None, None, "Pensjonister", None, None, None, None, None],
    ["hver tirsdag kl. 14.30", "Skolemiljøteam", None, "Helsesøster, sosiallærer", "Ansatte", None, None, None, None, None],
    ["November/desember", "Elevundersøkelsen", "Elevene på 4. trinn svarer.", "AKS og 4. trinn", "4. trinn", None, None, None, None, None],
    ["Januar", "Fellessamling", None, "Rektor", "Elever", None, None, None, None, None],
]
MERGED = ["A1:J1", "A3:J3", "A7:A8"]


def _model(data: Path):
    return load_plan(data)


def _activity(plan, activity_id: str):
    return next(a for a in plan.calendar.activities if a.id == activity_id)


def _timing(value) -> tuple:
    timing = TIMING.validate_python(value)
    return type(timing), timing.model_dump()


@pytest.fixture
def messy(school: Path, tmp_path: Path):
    source = write_xlsx(tmp_path / "Årshjul 2025-26.xlsx", MESSY, merged=MERGED, title="Årshjul")
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    return school, report


def test_a_messy_sheet_becomes_a_plan_that_passes_the_check(messy) -> None:
    school, report = messy
    plan = _model(school)  # `make check` right after the import
    ids = [a.id for a in plan.calendar.activities]
    assert ids == [
        "planleggingsdager", "velkommen", "fellessamling-september", "foreldremoter", "trivselsdag",
        "fellessamling-oktober", "noe-ingen-forstar", "skolemiljoteam", "elevundersokelsen", "fellessamling-januar",
    ]  # fmt: skip
    assert report.lang == "nb" and report.layout.header_row == 2


def test_each_row_read_into_its_activity(messy) -> None:
    school, _ = messy
    plan = _model(school)
    first = _activity(plan, "planleggingsdager")
    assert first.title.nb == "Planleggingsdager" and first.title.nn == "Planleggingsdager (nn)"
    assert first.title.translation.status == "draft" and first.title.translation.source == "nb"
    assert first.description.nb == "Vi går gjennom planen med alle ansatte."
    assert first.timing.phrase.text == "August"  # the month row above it, «AUGUST» in the sheet
    assert (first.responsible, first.audience, first.grades, first.category) == (["rektor"], ["ansatte"], None, None)
    welcome = _activity(plan, "velkommen")
    assert welcome.timing.kind == "relative" and welcome.timing.phrase.text == "Første skoledag"
    assert (welcome.responsible, welcome.audience) == (["rektor", "kontaktlaerer"], ["elever", "foresatte"])
    assert (welcome.grades.first, welcome.grades.last) == (1, 4)  # crosses in the columns 1–4
    meeting = _activity(plan, "foreldremoter")
    assert meeting.timing.phrase.text == "September"  # merged down beside two rows
    assert (meeting.grades.first, meeting.grades.last) == (1, 2)
    day = _activity(plan, "trivselsdag")
    assert _timing(day.timing) == _timing({"date": "2025-10-14"})  # an Excel date, kept with its year
    assert day.responsible == ["trivselsledere", "fau"] and (day.grades.first, day.grades.last) == (3, 4)
    team = _activity(plan, "skolemiljoteam")
    assert team.timing.kind == "weekly" and team.timing.time == dt.time(14, 30)
    assert team.responsible == ["helsesykepleier", "sosiallaerer"]
    survey = _activity(plan, "elevundersokelsen")
    assert survey.responsible == ["sfo-leder", "elever"] and survey.audience == ["elever"]
    assert (survey.grades.first, survey.grades.last) == (4, 4)
    assert survey.timing.kind == "months" and survey.timing.months == [11, 12]


def test_rows_not_read_completely_are_written_marked_and_reported(messy) -> None:
    school, report = messy
    plan = _model(school)
    unread = _activity(plan, "noe-ingen-forstar")
    # a «Når» that cannot be read is left out, not turned into «ikke bestemt»: the sheet did give a time
    assert unread.timing is None and unread.responsible == [] and unread.audience == []
    assert _activity(plan, "fellessamling-oktober").responsible == []  # the person is not written, nor a placeholder
    text = (school / "aarshjul.yaml").read_text(encoding="utf-8")
    assert "Kari Nordmann" not in text and "avklart" not in text
    assert "  # SJEKK (rad 11): For hvem: forstår ikke «pensjonister»; forventet ansatte, foresatte, elever eller trinn\n" in text
    lines = report.text().splitlines()
    assert "Må sjekkes (3 rader, merket med «# SJEKK» i " + report.target + "):" in lines
    assert "  rad 9 «Trivselsdag»: Ansvar: «Trivselsledere» er ikke en rolle i roller.yaml; lagt til som ny rolle «trivselsledere»" in lines
    assert (
        "  rad 10 «Fellessamling»: Ansvar: et navn på en person er ikke tatt med (se rapporten); arbeid gis til "
        "roller, ikke personer: skriv rollen (for eksempel «kontaktlærer»)"
    ) in lines
    (unread_line,) = [line for line in lines if line.startswith("  rad 11 «Noe ingen forstår»: «Når» kan ikke leses:")]
    assert unread_line.startswith("  rad 11 «Noe ingen forstår»: «Når» kan ikke leses: forstår ikke tidspunktet «uke trettifire»;")
    assert unread_line.endswith("; står uten tidspunkt til du skriver det slik at det kan leses")
    assert not any("Ansvar" in line for line in lines if line.startswith("  rad 11 "))  # empty: nothing made up
    assert f"Nye roller i {school / 'roller.yaml'} (merket med «# SJEKK»; rett navnet, eller bytt til en rolle som finnes):" in lines
    assert "  «Trivselsledere» → trivselsledere (rad 9)" in lines
    assert not any("avklart" in line for line in lines)
    assert "  rad 10: «Kari Nordmann»" in lines
    assert (
        "  rad 9: «Når» er en dato med årstall (14.10.2025); den gjelder bare det ene skoleåret. Skriv den som tekst "
        "(«14. oktober») hvis den skal gjelde hvert år"
    ) in lines
    assert "  rad 13: «4. trinn» er lest som elevene" in lines
    assert lines[2] == "Kolonner: A «Når» → når; B «Hva» → hva; C «Hvordan» → hvordan; D «Ansvar» → ansvar; E «For hvem» → for hvem; F–I → trinn (kryss)."


def test_a_school_whose_roles_are_its_layers_gets_a_roller_yaml_with_only_the_new_ones(messy) -> None:
    """The example school's roles all come from Fjordvik's layer and the national base: the import writes the
    school's own roller.yaml, a layer file with the one role the sheet names that the plan lacks."""
    school, _ = messy
    assert (school / "roller.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schema/roller.schema.json\n"
        "# Skolens egne roller, i tillegg til rollene i lagene planen bygger på. Skrevet av «make importer».\n"
        "roles:\n"
        "# SJEKK: lagt til av importen fra Årshjul 2025-26.xlsx (rad 9).\n"
        "- id: trivselsledere\n"
        '  name: {nb: "trivselsledere", nn: "trivselsledere (nn)", translation: {source: nb, status: draft, hash: "b3ca9cdb"}}\n'
    )
    before = [r.id for r in load(DATA).plan.roles.roles]
    assert [r.id for r in load_plan(school).roles.roles] == [*before, "trivselsledere"]  # the layers' roles, and it
    others = sorted(p.name for p in school.iterdir() if p.is_file())
    assert others == sorted([p.name for p in DATA.iterdir() if p.is_file() and not p.name.endswith(".lock.json")]
                            + ["roller.yaml", "importrapport.txt"])  # fmt: skip (the report, beside the årshjul)
    kommuner = school.parent / "kommuner"
    for path in (p for p in kommuner.rglob("*") if p.is_file()):  # the layers below are not touched
        assert path.read_bytes() == (PROJECT / path.relative_to(school.parent)).read_bytes(), path


def test_new_roles_are_appended_to_a_schools_own_roller_yaml(school: Path, tmp_path: Path) -> None:
    """A school with a roller.yaml of its own (a layer with one role of its own) keeps it, the new role after."""
    before = "roles:\n  - id: trivselsleder\n    name: {nb: trivselsleder, nn: trivselsleiar}\n"
    (school / "roller.yaml").write_text(before, encoding="utf-8")
    source = write_xlsx(
        tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Trivselsleder og natteravner"]]
    )
    import_calendar(source, school, translator=fake_translator, now=NOW)
    after = (school / "roller.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("  # SJEKK: lagt til av importen fra a.xlsx")
    (activity,) = load_plan(school).calendar.activities
    assert activity.responsible == ["trivselsleder", "natteravner"]  # its own role matched, the new one added


def test_an_existing_arshjul_is_kept_unless_overskriv(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    old = (Path(__file__).resolve().parents[2] / "data" / "aarshjul.yaml").read_text(encoding="utf-8")
    (school / "aarshjul.yaml").write_text(old, encoding="utf-8")
    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, translator=fake_translator, now=NOW)
    assert str(caught.value) == (
        f"{school / 'aarshjul.yaml'} finnes fra før og blir ikke overskrevet. Kjør med OVERSKRIV=1 for å erstatte "
        "den (den gamle blir tatt vare på som en .bak-fil ved siden av)"
    )
    assert (school / "aarshjul.yaml").read_text(encoding="utf-8") == old
    report = import_calendar(source, school, overwrite=True, translator=fake_translator, now=NOW)
    backup = school / "aarshjul-2026-03-02T143000.yaml.bak"
    assert backup.read_text(encoding="utf-8") == old and report.backup == str(backup)
    plan = _model(school)
    assert [a.id for a in plan.calendar.activities] == ["skolestart"]
    assert plan.calendar.intro.nb.startswith("Årshjulet viser hva skolen gjør gjennom året")  # the school's own intro


def test_a_nynorsk_sheet_is_nynorsk_and_bokmal_is_drafted(school: Path, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "årshjul.csv",
        [
            ["Når", "Kva", "Korleis", "Ansvarleg", "For kven"],
            ["veke 36–37 kl. 18", "Foreldremøte", "Kontaktlæraren går gjennom klassemiljøet.", "Kontaktlærar", "Føresette"],
            ["kvar tysdag", "Skulemiljøteamet", "Teamet går gjennom sakene kvar veke.", "Leiinga", "Tilsette"],
        ],
    )
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    assert report.lang == "nn" and report.drafted == 4
    meeting = _activity(_model(school), "foreldremote")
    assert meeting.title.nn == "Foreldremøte" and meeting.title.nb == "Foreldremøte (nb)"
    assert meeting.timing.phrase.text == "veke 36–37 kl. 18" and meeting.timing.phrase.lang == "nn"
    assert meeting.audience == ["foresatte"] and meeting.responsible == ["kontaktlaerer"]


ROWS = [
    ["Årshjul"],
    ["Når", "Hva", "Ansvar", "For hvem"],
    ["Uke 34", "Skolestart", "Rektor", "Alle"],
    ["2. september", "Fadderdag", "Kontaktlærer", "Elever"],
    ["Høsten", "Elevrådsopplæring", "Sosiallærer", "Elevrådet"],
]
EXPECTED = [
    ("skolestart", "Uke 34", ["rektor"]),
    ("fadderdag", "2. september", ["kontaktlaerer"]),
    ("elevradsopplaering", "Høsten", ["sosiallaerer"]),
]


@pytest.mark.parametrize("kind", ["xlsx", "ods", "csv", "docx"])
def test_every_file_kind_gives_the_same_arshjul(school: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"årshjul.{kind}"
    if kind == "xlsx":
        write_xlsx(path, ROWS, merged=["A1:D1"])
    elif kind == "ods":
        write_ods(path, [r + [None] * (4 - len(r)) for r in ROWS], spans={(0, 0): (1, 4)})
    elif kind == "csv":
        write_csv(path, ROWS)
    else:
        write_docx(path, ROWS[1:], before="Årshjul")
    import_calendar(path, school, translator=fake_translator, now=NOW)
    plan = _model(school)
    assert [(a.id, a.timing.phrase.text, a.responsible) for a in plan.calendar.activities] == EXPECTED


def test_a_week_column_with_bare_numbers_and_a_clock_column(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Uke", "Dato", "Aktivitet", "Kl.", "Ansvar"],
         [36, None, "Foreldremøte", dt.time(18, 0), "Kontaktlærer"],
         ["45-46", None, "Utviklingssamtaler", None, "Kontaktlærer"],
         [None, "14.10.", "Trivselsdag", "10.00-12.00", "Rektor"]],
    )  # fmt: skip
    import_calendar(source, school, translator=fake_translator, now=NOW)
    plan = _model(school)
    assert [a.timing.phrase.text for a in plan.calendar.activities] == [
        "uke 36 kl. 18.00", "uke 45-46", "14.10. kl. 10.00-12.00"
    ]  # fmt: skip
    assert _timing(plan.calendar.activities[2].timing) == _timing({"date": "10-14", "time": "10:00", "end_time": "12:00"})


def test_a_remark_in_brackets_in_nar(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Ansvar"], ["Uke 38 (vennskapsuka)", "Vennskapsuke", "Rektor"], ["Oktober (se egen plan)", "Leseuke", "Rektor"]],
    )
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    assert [a.timing.phrase.text for a in _model(school).calendar.activities] == ["Uke 38", "Oktober"]
    lines = report.text().splitlines()
    assert "  rad 2: «Når» er lest som «Uke 38»; (vennskapsuka) er ikke tatt med" in lines
    assert not report.to_review


def test_a_title_repeated_in_one_month_gets_a_number(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Ansvar"], ["September", "Fellessamling", "Rektor"], ["September", "Fellessamling", "Rektor"],
         ["Oktober", "Fellessamling", "Rektor"], ["uke 40", "Høstaktivitet", "Rektor"]],
    )  # fmt: skip
    import_calendar(source, school, translator=fake_translator, now=NOW)
    assert [a.id for a in _model(school).calendar.activities] == [
        "fellessamling-september", "fellessamling-september-2", "fellessamling-oktober", "hostaktivitet"
    ]  # fmt: skip


def test_the_same_sheet_imported_again_gives_the_same_file(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", MESSY, merged=MERGED)
    import_calendar(source, school, translator=fake_translator, now=NOW)
    first = (school / "aarshjul.yaml").read_bytes()
    (school / "roller.yaml").unlink()  # as before the first import: the same roles to match
    import_calendar(source, school, overwrite=True, translator=fake_translator, now=NOW)
    assert (school / "aarshjul.yaml").read_bytes() == first


def test_a_failure_leaves_everything_as_it_was(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Trivselsledere"]])

    def broken(texts, source, target):
        raise RuntimeError("apertium: fant ikke språkparet")

    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, translator=broken, now=NOW)
    assert str(caught.value) == "kunne ikke oversette navnene på de nye rollene: apertium: fant ikke språkparet"
    assert not (school / "aarshjul.yaml").exists() and not (school / "roller.yaml").exists()


def test_a_failure_after_writing_takes_the_new_roller_yaml_away(school: Path, tmp_path: Path, monkeypatch) -> None:
    import skoleplan.spreadsheet.importer as importer

    def broken(data_dir, target, roles_path):
        raise importer.SpreadsheetError("kontrollen feilet")

    monkeypatch.setattr(importer, "_check", broken)
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Trivselsledere"]])
    with pytest.raises(SpreadsheetError, match="^kontrollen feilet$"):
        import_calendar(source, school, translator=fake_translator, now=NOW)
    assert not (school / "aarshjul.yaml").exists() and not (school / "roller.yaml").exists()


def test_a_sheet_without_activities(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "tom.xlsx", [["Når", "Hva", "Ansvar"], [], ["AUGUST"]])
    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, translator=fake_translator, now=NOW)
    assert str(caught.value) == f"{source}: fant ingen aktiviteter under overskriftene i rad 1; er det riktig ark?"
    assert not (school / "aarshjul.yaml").exists()


def test_a_sheet_that_is_not_there(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva"]], title="Høst", sheets={"Vår": [["Når", "Hva"]]})
    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, sheet="Sommer", translator=fake_translator, now=NOW)
    assert str(caught.value) == f"{source}: finner ikke arket «Sommer»; arkene er «Høst», «Vår»"


@pytest.mark.parametrize(
    "before",
    ["roles: []\n", "# Skolens roller\nroles: []  # alle er kommunens\n"],
)
def test_a_roller_yaml_without_roles_of_its_own_gets_the_list(school: Path, tmp_path: Path, before: str) -> None:
    (school / "roller.yaml").write_text(before, encoding="utf-8")
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Trivselsledere"]])
    import_calendar(source, school, translator=fake_translator, now=NOW)
    after = (school / "roller.yaml").read_text(encoding="utf-8")
    assert "- id: trivselsledere\n" in after and after.count("roles:") == 1
    assert after.startswith(before.split("roles:")[0].rstrip("\n"))  # the comments above stay
    assert load_plan(school).roles.roles[-1].id == "trivselsledere"


def test_a_layer_file_that_only_removes_roles_gets_the_list_after(tmp_path: Path) -> None:
    from skoleplan.model.base import Text
    from skoleplan.model.plan import Role
    from skoleplan.spreadsheet.importer import _roles_yaml
    from skoleplan.spreadsheet.rows import NewRole

    path = tmp_path / "roller.yaml"
    path.write_text("# Skolen har ikke PPT-kontakt\nremove: [ppt]", encoding="utf-8")
    role = Role(id="natteravner", name=Text(nb="natteravner", nn="nattravnar"))
    assert _roles_yaml(path, [(NewRole("natteravner", "Natteravner"), role, "SJEKK: ny")]) == (
        "# Skolen har ikke PPT-kontakt\nremove: [ppt]\nroles:\n"
        '# SJEKK: ny\n- id: natteravner\n  name: {nb: "natteravner", nn: "nattravnar"}\n'
    )


def test_broken_roles_file_is_named_before_anything_is_done(school: Path, tmp_path: Path) -> None:
    (school / "roller.yaml").write_text("roles: 5\n", encoding="utf-8")
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, translator=fake_translator, now=NOW)
    assert str(caught.value) == (
        f"{school / 'roller.yaml'} har feil (se «make check»); rett dem før importen, som leser rollene, delpliktene "
        "og ressursene fra planen"
    )
    assert not (school / "aarshjul.yaml").exists()


def test_a_problem_in_a_file_the_import_does_not_read_is_left_to_make_check(school: Path, tmp_path: Path) -> None:
    """The import reads the roles, duties, resources and the school; a mistake elsewhere does not stop it."""
    (school / "tiltak.yaml").write_text("measures: 5\n", encoding="utf-8")
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    import_calendar(source, school, translator=fake_translator, now=NOW)
    assert "Skolestart" in (school / "aarshjul.yaml").read_text(encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(school)
    assert {Path(p.file).name for p in caught.value.problems} == {"tiltak.yaml"}


def test_the_command_line(school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    import skoleplan.spreadsheet.importer as importer

    monkeypatch.setattr(importer, "_default_translator", fake_translator)
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    assert main(["importer", str(source), "--data", str(school)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Importerte 1 aktiviteter fra {source} (ark «Årshjul», overskrifter i rad 1) til ")
    saved = (school / "importrapport.txt").read_text(encoding="utf-8")  # in the school's own folder
    assert saved.endswith(f"Rapporten er også lagret i {school / 'importrapport.txt'}.\n") and saved in out
    assert main(["importer", str(source), "--data", str(school)]) == 1
    assert capsys.readouterr().err == (
        f"{school / 'aarshjul.yaml'} finnes fra før og blir ikke overskrevet. Kjør med OVERSKRIV=1 for å erstatte "
        "den (den gamle blir tatt vare på som en .bak-fil ved siden av)\n"
    )
    assert main(["importer", str(source), "--data", str(school), "--overskriv", "--kolonner", "hva"]) == 1
    assert capsys.readouterr().err.startswith("KOLONNER: forstår ikke «hva»;")


def test_the_command_line_writes_no_report_outside_the_schools_folder(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import skoleplan.spreadsheet.importer as importer

    monkeypatch.setattr(importer, "_default_translator", fake_translator)
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    assert main(["importer", str(source), "--data", str(school)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"\nRapporten er også lagret i {school / 'importrapport.txt'}.\n")
    assert out.count("Rapporten er også lagret") == 1
    assert not (school.parent / "importrapport.txt").exists()


def test_a_workbook_with_a_sheet_per_term_and_one_of_instructions(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"], ["uke 40", "Høstferieaktivitet", None]],
        title="Høst",
        sheets={
            "Slik bruker du arket": [["Skriv én aktivitet per rad."], ["Kryss av når den er gjennomført."]],
            "Vår": [["Årshjul våren"], ["Når", "Hva", "Ansvar"], ["uke 2", "Oppstart etter jul", None]],
        },
    )
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    assert [a.id for a in _model(school).calendar.activities] == ["skolestart", "hostferieaktivitet", "oppstart-etter-jul"]
    lines = report.text().splitlines()
    assert lines[0].startswith(f"Importerte 3 aktiviteter fra {source} (ark «Høst», «Vår», overskrifter i rad 1)")
    assert not report.to_review  # no «Ansvar» is no mistake: the rows are written without a role
    assert [a.responsible for a in _model(school).calendar.activities] == [["rektor"], [], []]
    assert "  # ark «Vår», rad 3\n  - id: oppstart-etter-jul\n" in (school / "aarshjul.yaml").read_text(encoding="utf-8")


def test_a_column_it_does_not_know_is_named_in_the_report(school: Path, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Ansvar", "Mål", "Gjennomført", "Budsjett"], ["uke 34", "Skolestart", "Rektor", "Trygghet", "x", 500]],
    )
    lines = import_calendar(source, school, translator=fake_translator, now=NOW).text().splitlines()
    assert lines[2:4] == [
        "Kolonner: A «Når» → når; B «Hva» → hva; C «Ansvar» → ansvar.",
        "Ikke tatt med (ukjent overskrift): D «Mål», F «Budsjett». Står det noe der som hører til, flytt det til "
        '«Hvordan», eller si hva kolonnen er med KOLONNER (for eksempel KOLONNER="hvordan=D").',
    ]


def test_a_title_cell_with_more_lines_is_a_title_and_a_description(school: Path, tmp_path: Path) -> None:
    """A second line that starts anew («Tema: …») begins the description; the row is marked and reported, since
    the sheet may have meant it as part of the title."""
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Hvordan", "Ansvar"], ["uke 36", "Foreldremøte\nTema: klassemiljøet", "Alle trinn.", "Kontaktlærer"]],
    )
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    (meeting,) = _model(school).calendar.activities
    assert (meeting.id, meeting.title.nb, meeting.description.nb) == (
        "foreldremote", "Foreldremøte", "Tema: klassemiljøet\n\nAlle trinn."
    )  # fmt: skip
    problem = (
        "«Hva» står på flere linjer: tittelen er «Foreldremøte», og «Tema: klassemiljøet» er lagt først i "
        "beskrivelsen; hører det til tittelen, skriv «Hva» på én linje"
    )
    assert f"  # SJEKK (rad 2): {problem}\n  - id: foreldremote\n" in (school / "aarshjul.yaml").read_text(encoding="utf-8")
    assert f"  rad 2 «Foreldremøte»: {problem}" in report.text().splitlines()


def test_a_title_cell_wrapped_onto_more_lines_is_one_title(school: Path, tmp_path: Path) -> None:
    """Alt+Enter inside a title («Identifisering av» / «sårbare elever»): the lines are one title, joined with a
    space, and the id is made from all of it; the report says how the cell was read."""
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Hvordan", "Ansvar"],
         ["September", "Identifisering av\nsårbare elever", "Teamet går gjennom klassene.", "Rektor"],
         ["Oktober", "Kartlegging av\n  trivsel og\nvennskap ", None, "Rektor"]],
    )  # fmt: skip
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    first, second = _model(school).calendar.activities
    assert (first.id, first.title.nb, first.description.nb) == (
        "identifisering-av-sarbare-elever", "Identifisering av sårbare elever", "Teamet går gjennom klassene."
    )  # fmt: skip
    assert (second.id, second.title.nb, second.description) == (
        "kartlegging-av-trivsel-og-vennskap", "Kartlegging av trivsel og vennskap", None
    )  # fmt: skip
    assert not report.to_review
    lines = report.text().splitlines()
    assert "  rad 2: «Hva» står på 2 linjer; lest som én tittel: «Identifisering av sårbare elever»" in lines
    assert "  rad 3: «Hva» står på 3 linjer; lest som én tittel: «Kartlegging av trivsel og vennskap»" in lines


def test_the_report_is_saved_in_the_schools_own_folder(school: Path, tmp_path: Path) -> None:
    """Beside the aarshjul.yaml it is about (DATA), never in the folder above it, which the schools of a
    municipality share (kommuner/fjordvik/skoler/): the last line says where."""
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    saved = (school / "importrapport.txt").read_text(encoding="utf-8")
    assert saved == report.text()
    assert saved.splitlines()[-1] == f"Rapporten er også lagret i {school / 'importrapport.txt'}."
    assert not (school.parent / "importrapport.txt").exists()


def test_no_intro_is_made_up(school: Path, tmp_path: Path) -> None:
    """The sheet has no introduction, so the årshjul gets none (`intro` is optional): the plan is the school's own
    words, never a sentence the import wrote for it."""
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    import_calendar(source, school, translator=fake_translator, now=NOW)
    text = (school / "aarshjul.yaml").read_text(encoding="utf-8")
    assert "intro" not in text and "Årshjulet viser" not in text
    assert text.splitlines()[3] == "activities:"  # right after the three comment lines
    assert _model(school).calendar.intro is None


def test_without_apertium_the_import_says_so_before_writing_anything(school: Path, tmp_path: Path, monkeypatch) -> None:
    import skoleplan.translate.apertium as apertium

    def missing() -> list[str]:
        raise apertium.ApertiumError(f"Fant ikke programmet apertium. {apertium.INSTALL_HINT}")

    monkeypatch.setattr(apertium, "installed_modes", missing)
    source = write_xlsx(
        tmp_path / "a.xlsx",
        [["Når", "Hva", "Hvordan", "Ansvar"], ["uke 34", "Skolestart", "Alle møter.", "Rektor"], ["uke 36", "Fadderdag", None, "Trivselsledere"]],
    )
    with pytest.raises(SpreadsheetError) as caught:
        import_calendar(source, school, now=NOW)  # Apertium, as `make importer` runs it
    assert str(caught.value) == (
        f"{source}: importen trenger Apertium for å lage utkast på nynorsk av 4 tekster. Fant ikke programmet "
        "apertium. Installer med «make apertium» (eller som root: apt-get install apertium apertium-nno-nob). "
        "Ingenting er endret."
    )
    assert sorted(p.name for p in school.iterdir()) == sorted(
        p.name for p in DATA.iterdir() if p.name != "aarshjul.yaml" and not p.name.endswith(".lock.json")
    )  # nothing written: no aarshjul.yaml, no roller.yaml, no report


def _roles_in(style: str) -> str:
    """The example's roles, written in another layout: the dash at the margin, wide, or names as blocks."""
    out = ["roles:\n"]
    for role in load(DATA).plan.roles.roles:
        nb, nn = role.name.nb, role.name.nn
        if style == "margin":
            out.append(f"- id: {role.id}\n  name: {{nb: {nb}, nn: {nn}}}\n")
        elif style == "wide":
            out.append(f"    -   id: {role.id}\n        name: {{nb: {nb}, nn: {nn}}}\n\n")
        else:
            out.append(f"  - id: {role.id}\n    name:\n      nb: {nb}\n      nn: {nn}\n")
    text = "".join(out)
    return text + "# slutt på listen\n" if style == "margin" else text.rstrip("\n") if style == "blocks" else text


@pytest.mark.parametrize(
    ("style", "added"),
    [
        ("margin", "- id: trivselsledere\n  name: {nb: "),
        ("wide", "    -   id: trivselsledere\n        name: {nb: "),
        ("blocks", "  - id: trivselsledere\n    name: {nb: "),
    ],
)
def test_new_roles_follow_the_files_own_layout(school: Path, tmp_path: Path, style: str, added: str) -> None:
    before = _roles_in(style)
    (school / "roller.yaml").write_text(before, encoding="utf-8")
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Trivselsledere"]])
    import_calendar(source, school, translator=fake_translator, now=NOW)
    after = (school / "roller.yaml").read_text(encoding="utf-8")
    kept = before.removesuffix("# slutt på listen\n")
    assert after.startswith(kept.rstrip("\n")) and added in after
    assert after.endswith("# slutt på listen\n") == (style == "margin")  # a comment after the list stays after it
    assert load_plan(school).roles.roles[-1].id == "trivselsledere"


def test_a_row_without_nar_or_ansvar_is_written_without_them(school: Path, tmp_path: Path) -> None:
    """Nothing is made up for an empty cell: no «ikke bestemt», no placeholder role; the page lists the activity
    under «Uten fast tidspunkt», and the report notes that it has no time and no responsible role."""
    source = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva", "Ansvar"], [None, "Trivselsledere i friminuttene", None]])
    report = import_calendar(source, school, translator=fake_translator, now=NOW)
    (activity,) = _model(school).calendar.activities
    assert (activity.id, activity.timing, activity.responsible) == ("trivselsledere-i-friminuttene", None, [])
    text = (school / "aarshjul.yaml").read_text(encoding="utf-8")
    assert "timing:" not in text and "responsible:" not in text
    assert not report.to_review
    notes = report.text().split("Merknader:\n", 1)[1].splitlines()
    assert notes[:2] == [
        "  rad 2: «Når» er tom; aktiviteten står uten tidspunkt",
        "  rad 2: «Ansvar» er tom; aktiviteten står uten ansvarlig rolle",
    ]
