"""Reading files into rows of cells: merged cells filled, dates as dates, and every bad file said plainly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from skoleplan.spreadsheet import SpreadsheetError
from skoleplan.spreadsheet.tables import read_tables

from .conftest import write_csv, write_docx, write_ods, write_xlsx


def _cells(table) -> list[list]:
    return [row.cells for row in table.rows]


def test_xlsx_merged_cells_excel_dates_and_text_dates(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["Årshjul 2025–2026"],
            ["Når", "Hva", "Ansvar"],
            ["September", "Foreldremøte", "Kontaktlærer"],
            [None, "Elevrådsvalg", "Elevrådet"],
            [dt.datetime(2025, 10, 14), "Trivselsdag", "  Rektor  "],
            ["14.–18. oktober", "Nettvettuke", None],
        ],
        merged=["A1:C1", "A3:A4"],
    )
    (table,) = read_tables(path)
    assert table.name == "Årshjul"
    assert [r.number for r in table.rows] == [1, 2, 3, 4, 5, 6]
    assert _cells(table)[0] == ["Årshjul 2025–2026"] * 3  # a title merged across the table
    assert _cells(table)[3] == ["September", "Elevrådsvalg", "Elevrådet"]  # «September» merged down two rows
    assert _cells(table)[4] == [dt.datetime(2025, 10, 14), "Trivselsdag", "Rektor"]
    assert _cells(table)[5] == ["14.–18. oktober", "Nettvettuke", None]


def test_xlsx_every_sheet_in_order(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["Når", "Hva"]], title="Høst", sheets={"Vår": [["Når", "Kva"]]})
    assert [t.name for t in read_tables(path)] == ["Høst", "Vår"]


def test_ods_merged_cells_dates_numbers_and_paragraphs(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "a.ods",
        [
            ["Årshjul", None, None],
            ["Når", "Hva", "Uke"],
            ["Oktober", "Samling\nfor alle", 41],
            [None, "Foreldremøte", 42.5],
            [dt.date(2025, 11, 19), "Temakveld", None],
        ],
        spans={(0, 0): (1, 3), (2, 0): (2, 1)},
    )
    (table,) = read_tables(path)
    assert _cells(table) == [
        ["Årshjul", "Årshjul", "Årshjul"],
        ["Når", "Hva", "Uke"],
        ["Oktober", "Samling\nfor alle", 41],
        ["Oktober", "Foreldremøte", 42.5],
        [dt.date(2025, 11, 19), "Temakveld"],
    ]


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8"), (";", "cp1252")]
)
def test_csv_as_excel_and_others_save_it(tmp_path: Path, delimiter: str, encoding: str) -> None:
    rows = [["Når", "Hva", "Ansvar"], ["2. september", "Fadderdag, 1. og 5. trinn", "Kontaktlærer"], [], ["Uke 40", "Høstferie", ""]]
    (table,) = read_tables(write_csv(tmp_path / "a.csv", rows, delimiter=delimiter, encoding=encoding))
    assert _cells(table) == [
        ["Når", "Hva", "Ansvar"],
        ["2. september", "Fadderdag, 1. og 5. trinn", "Kontaktlærer"],
        [],
        ["Uke 40", "Høstferie", None],
    ]


def test_docx_tables_with_merged_cells(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "a.docx",
        [
            ["Når", "Hva", "Ansvar"],
            ["August", None, None],
            ["Uke 34", "Skolestart", "Rektor"],
            ["Uke 35", "Bli kjent", None],
        ],
        merges=[((1, 0), (1, 2)), ((2, 2), (3, 2))],
        before="Årshjulet vårt",
    )
    (table,) = read_tables(path)
    assert table.name == "tabell 1"
    assert _cells(table) == [
        ["Når", "Hva", "Ansvar"],
        ["August", "August", "August"],
        ["Uke 34", "Skolestart", "Rektor"],
        ["Uke 35", "Bli kjent", "Rektor"],
    ]


def test_a_word_document_without_a_table(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "plan.docx"
    document = docx.Document()
    document.add_paragraph("Årshjulet kommer.")
    document.save(str(path))
    with pytest.raises(SpreadsheetError) as caught:
        read_tables(path)
    assert str(caught.value) == f"{path}: dokumentet har ingen tabell; årshjulet må stå i en tabell i Word"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("årshjul.pdf", b"%PDF-1.4", "kan ikke lese filer av typen «.pdf»; forventet .xlsx (Excel), .ods (LibreOffice), "
         ".csv eller .docx (en tabell i Word)"),
        ("årshjul", b"", "kan ikke lese filer av typen «uten endelse»; forventet .xlsx (Excel), .ods (LibreOffice), "
         ".csv eller .docx (en tabell i Word)"),
        ("årshjul.xlsx", b"not a zip file", "filen kan ikke leses som en Excel-fil; lagre den på nytt fra Excel og "
         "prøv igjen"),
        ("årshjul.ods", b"PK\x03\x04broken", "filen kan ikke leses som en LibreOffice-fil; lagre den på nytt "
         "fra LibreOffice og prøv igjen"),
        ("årshjul.docx", b"<html></html>", "filen kan ikke leses som en Word-fil; lagre den på nytt fra "
         "Word og prøv igjen"),
    ],
)
def test_a_file_that_is_not_a_table(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError) as caught:
        read_tables(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_tables(tmp_path / "borte.xlsx")
    assert str(caught.value) == f"{tmp_path / 'borte.xlsx'}: finner ikke filen"


def test_a_file_far_too_big(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    with open(path, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(SpreadsheetError) as caught:
        read_tables(path)
    assert str(caught.value) == f"{path}: filen er større enn 20 MB; et årshjul er mye mindre. Er det riktig fil?"
