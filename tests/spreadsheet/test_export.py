"""`make eksporter`: the årshjul as .xlsx and .csv, with its dates; imported again, the same årshjul."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from skoleplan.cli import main
from skoleplan.spreadsheet.exporter import export_calendar
from skoleplan.spreadsheet.importer import import_calendar
from skoleplan.validate import load_plan

from ..conftest import copy_example
from .conftest import DATA, fake_translator

TODAY = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def plan():
    return load_plan(DATA)


@pytest.fixture(scope="module")
def exported(plan, tmp_path_factory) -> list[Path]:
    return export_calendar(plan, tmp_path_factory.mktemp("eksport"), TODAY)


def _sheet(path: Path, name: str) -> list[dict]:
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_the_files(exported: list[Path]) -> None:
    assert [p.name for p in exported] == ["aarshjul.xlsx", "aarshjul-bokmal.csv", "aarshjul-nynorsk.csv"]
    assert openpyxl.load_workbook(exported[0]).sheetnames == ["Bokmål", "Nynorsk"]  # the main standard first


def test_each_activity_with_its_dates_in_the_current_school_year(plan, exported: list[Path]) -> None:
    bokmal = {row["Id"]: row for row in _sheet(exported[0], "Bokmål")}
    assert list(bokmal) == [a.id for a in plan.calendar.activities]
    meeting = bokmal["foreldremote-host"]
    assert (meeting["Når"], meeting["Datoer 2025–2026"], meeting["Hva"]) == (
        "Uke 36–37 kl. 18.00–19.30", "dato kommer", "Foreldremøter om høsten"
    )  # fmt: skip
    assert meeting["Første dato"] == dt.datetime(2025, 9, 1)  # the marker's day, for sorting
    assert meeting["Tidspunkt (YAML)"] == "Uke 36–37 kl. 18.00–19.30"
    fadder = bokmal["fadderdag"]
    assert (fadder["Når"], fadder["Datoer 2025–2026"]) == ("10. september og 11. februar", "10. september 2025 og 11. februar 2026")
    weekly = bokmal["elevradsvalg"]
    assert (weekly["Når"], weekly["Tidspunkt (YAML)"], weekly["Datoer 2025–2026"]) == ("uke 36", "{week: 36}", "1.–5. september 2025")
    team = bokmal["skolemiljoteamet"]
    assert (team["Ansvar"], team["For hvem"], team["Kategori"], team["Når"]) == (
        "rektor, avdelingsleder, sosiallærer, rådgiver og helsesykepleier", "ansatte", "møte",
        "Hver tirsdag kl. 14.30–15.30",
    )  # fmt: skip
    nynorsk = {row["Id"]: row for row in _sheet(exported[0], "Nynorsk")}
    assert nynorsk["foreldremote-host"]["Når"] == "veke 36–37 kl. 18.00–19.30"  # a Bokmål phrase, said in Nynorsk
    assert nynorsk["kartlegging-klassemiljo"]["Når"] == "September og januar"  # the same words in both: as written
    assert nynorsk["foreldremote-host"]["Datoar 2025–2026"] == "dato kjem"
    assert nynorsk["elevradsvalg"]["Kva"] == next(a for a in plan.calendar.activities if a.id == "elevradsvalg").title.nn


def test_the_csv_opens_in_norwegian_excel(exported: list[Path]) -> None:
    raw = exported[1].read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    first = raw.decode("utf-8-sig").split("\r\n")[0]
    assert first == (
        "Når;Datoer 2025–2026;Første dato;Hva;Hvordan;Ansvar;For hvem;Trinn;Kategori;Delplikter;Ressurser;"
        "Synlighet;Id;Tidspunkt (YAML);Skoleplan (ikke rediger)"
    )


def test_the_same_plan_gives_the_same_bytes(plan, exported: list[Path], tmp_path: Path, monkeypatch) -> None:
    import openpyxl.writer.excel as excel

    class Later(dt.datetime):  # openpyxl writes the clock into the file: another second, another clock
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 5, 17, 12, 0, 1, tzinfo=tz)

    monkeypatch.setattr(excel.datetime, "datetime", Later)
    again = export_calendar(plan, tmp_path, TODAY)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in exported]
    with zipfile.ZipFile(again[0]) as book:
        assert b"2031" not in book.read("docProps/core.xml")


@pytest.fixture
def copy_of_school(tmp_path: Path) -> Path:
    """The example school with its layers (copy_example); its årshjul is all its own."""
    return copy_example(tmp_path / "skole")


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    """The example's årshjul as `make oversett` leaves it: it records each hand-written text as reviewed, and the
    import drafts the other written standard exactly as `make oversett` does."""
    from skoleplan.translate.draft import draft

    school = copy_example(tmp_path_factory.mktemp("tracked"))
    draft(school, ["aarshjul.yaml"], translator=fake_translator)
    return load_plan(school)


@pytest.mark.parametrize("file", [0, 1])
def test_an_export_imported_again_gives_the_same_arshjul(tracked, exported: list[Path], copy_of_school: Path, file: int) -> None:
    """The .xlsx (both written standards) or the Bokmål .csv, imported over the årshjul it came from."""
    plan = tracked
    import_calendar(exported[file], copy_of_school, overwrite=True, translator=fake_translator)
    again = load_plan(copy_of_school).calendar
    assert again.intro == plan.calendar.intro
    for before, after in zip(plan.calendar.activities, again.activities, strict=True):
        if file == 1:  # the .csv has Bokmål only: the Nynorsk is drafted again
            assert after.title.nb == before.title.nb and after.title.nn == f"{before.title.nb} (nn)"
            before_dump = {k: v for k, v in before.model_dump().items() if k not in ("title", "description")}
            after_dump = {k: v for k, v in after.model_dump().items() if k not in ("title", "description")}
            assert after_dump == before_dump
        else:
            assert after.model_dump() == before.model_dump()
        assert after.timing.phrase == before.timing.phrase


def test_export_import_export_import_is_byte_stable(exported: list[Path], copy_of_school: Path, tmp_path: Path) -> None:
    import_calendar(exported[0], copy_of_school, overwrite=True, translator=fake_translator)
    first = (copy_of_school / "aarshjul.yaml").read_bytes()
    second_export = export_calendar(load_plan(copy_of_school), tmp_path / "igjen", TODAY)
    import_calendar(second_export[0], copy_of_school, overwrite=True, translator=fake_translator)
    assert (copy_of_school / "aarshjul.yaml").read_bytes() == first


def test_an_edited_nar_wins_over_the_yaml_column(exported: list[Path], copy_of_school: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported[0])
    sheet = book["Bokmål"]
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headings.index("Id")].value == "elevradsvalg":
            row[headings.index("Når")].value = "uke 37"  # «Tidspunkt (YAML)» still says {week: 36}
    edited = tmp_path / "redigert.xlsx"
    book.save(edited)
    import_calendar(edited, copy_of_school, overwrite=True, translator=fake_translator)
    activity = next(a for a in load_plan(copy_of_school).calendar.activities if a.id == "elevradsvalg")
    assert activity.timing.week == 37 and activity.timing.phrase.text == "uke 37"
    text = (copy_of_school / "aarshjul.yaml").read_text(encoding="utf-8")
    assert "    timing: uke 37\n" in text and "    timing: {week: 38}\n" in text  # the one edited, the rest as they were


def test_the_command_line(copy_of_school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ut"
    assert main(["eksporter", str(copy_of_school), "--ut", str(out)]) == 0
    assert capsys.readouterr().out == (
        f"Skrev {out / 'aarshjul.xlsx'}, {out / 'aarshjul-bokmal.csv'}, {out / 'aarshjul-nynorsk.csv'}.\n"
    )
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    assert main(["eksporter", str(copy_of_school), "--ut", str(blocker)]) == 1
    assert capsys.readouterr().err == f"{blocker}: kan ikke skrive eksporten (File exists)\n"


def test_an_activity_without_a_time_is_exported_and_imported_without_one(copy_of_school: Path, tmp_path: Path) -> None:
    calendar = copy_of_school / "aarshjul.yaml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8")
        + "- id: trivselsledere\n"
        + "  title: {nb: Trivselsledere i friminuttene, nn: Trivselsleiarar i friminutta}\n",
        encoding="utf-8",
    )
    out = export_calendar(load_plan(copy_of_school), tmp_path / "ut", TODAY)
    row = {r["Id"]: r for r in _sheet(out[0], "Bokmål")}["trivselsledere"]
    assert (row["Når"], row["Datoer 2025–2026"], row["Første dato"], row["Tidspunkt (YAML)"], row["Ansvar"]) == (
        None, None, None, None, None
    )  # fmt: skip
    report = import_calendar(out[0], copy_of_school, overwrite=True, translator=fake_translator)
    activity = next(a for a in load_plan(copy_of_school).calendar.activities if a.id == "trivselsledere")
    assert (activity.timing, activity.responsible) == (None, [])  # nothing made up: no «ikke bestemt», no role
    assert not [a for a in report.to_review if a.id == "trivselsledere"]


def _without_rows(exported: Path, ids: set[str], path: Path) -> Path:
    """The export with the rows of `ids` deleted in the sheet the school edits (Bokmål), as Excel deletes them."""
    book = openpyxl.load_workbook(exported)
    sheet = book["Bokmål"]
    column = [c.value for c in sheet[1]].index("Id") + 1
    for number in reversed(range(2, sheet.max_row + 1)):
        if sheet.cell(number, column).value in ids:
            sheet.delete_rows(number)
    book.save(path)
    return path


def test_a_row_deleted_before_importing_again_is_named(
    exported: list[Path], copy_of_school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """A deleted row takes away an activity, and with it its events in the calendar feeds (their UIDs are made
    from the id): the report and the command's output name each one, by id and title."""
    import skoleplan.spreadsheet.importer as importer

    monkeypatch.setattr(importer, "_default_translator", fake_translator)
    edited = _without_rows(exported[0], {"elevradsvalg", "kartlegging-klassemiljo"}, tmp_path / "redigert.xlsx")
    before = [a.id for a in load_plan(copy_of_school).calendar.activities]
    assert main(["importer", str(edited), "--data", str(copy_of_school), "--overskriv"]) == 0
    out = capsys.readouterr().out
    after = [a.id for a in load_plan(copy_of_school).calendar.activities]
    assert after == [i for i in before if i not in ("elevradsvalg", "kartlegging-klassemiljo")]
    lines = out.splitlines()
    heading = lines.index(
        f"Ikke lenger i årshjulet (2 aktiviteter fra den gamle filen som ikke er i {edited}; de forsvinner fra "
        "nettsiden og kalenderstrømmene):"
    )
    assert lines[heading + 1 : heading + 3] == [  # in the old file's order
        "  elevradsvalg: «Valg av elevråd»",
        "  kartlegging-klassemiljo: «Kartlegging av klassemiljøet»",
    ]
    assert (copy_of_school / "importrapport.txt").read_text(encoding="utf-8") in out


def test_nothing_deleted_nothing_named(exported: list[Path], copy_of_school: Path) -> None:
    report = import_calendar(exported[0], copy_of_school, overwrite=True, translator=fake_translator)
    assert report.removed == [] and "Ikke lenger i årshjulet" not in report.text()


def test_an_export_with_both_sheets_is_imported_without_apertium(
    exported: list[Path], copy_of_school: Path, monkeypatch
) -> None:
    """Every text has both written standards: there is nothing to draft, so Apertium is not needed."""
    import skoleplan.translate.apertium as apertium

    def missing() -> list[str]:
        raise apertium.ApertiumError(f"Fant ikke programmet apertium. {apertium.INSTALL_HINT}")

    monkeypatch.setattr(apertium, "installed_modes", missing)
    report = import_calendar(exported[0], copy_of_school, overwrite=True)
    assert report.drafted == 0 and len(report.activities) == len(load_plan(DATA).calendar.activities)
