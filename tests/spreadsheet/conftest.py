"""Spreadsheets and Word tables made by the tests themselves, tidy and messy, and a school to import into."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ..conftest import copy_example

PROJECT = Path(__file__).resolve().parents[2]
DATA = PROJECT / "data"


def fake_translator(texts: list[str], source: str, target: str) -> list[str]:
    """Stands in for Apertium where the test is about the import, not the translation: marks the text."""
    return [f"{text} ({target})" for text in texts]


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """A copy of the example school (its layers beside it) without its årshjul, as before a first import. Its
    roles all come from the layers below: the school's folder has no roller.yaml."""
    data = copy_example(tmp_path / "skole")
    (data / "aarshjul.yaml").unlink()
    for lock in data.glob("*.lock.json"):
        lock.unlink()
    assert not (data / "roller.yaml").exists()
    return data


def write_xlsx(path: Path, rows: list[list[Any]], *, merged: list[str] = (), title: str = "Årshjul", sheets: dict | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for name, more in (sheets or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> Path:
    import csv

    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if c is None else c for c in row])
    return path


def write_ods(path: Path, rows: list[list[Any]], *, spans: dict[tuple[int, int], tuple[int, int]] | None = None) -> Path:
    """An .ods: `spans` maps (row, column) to (rows, columns) merged; the cells it covers are written as covered."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    spans = spans or {}
    covered = {
        (r + dr, c + dc)
        for (r, c), (down, across) in spans.items()
        for dr in range(down)
        for dc in range(across)
        if (dr, dc) != (0, 0)
    }
    document = OpenDocumentSpreadsheet()
    table = Table(name="Årshjul")
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, value in enumerate(row):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            attributes: dict[str, Any] = {}
            if (r, c) in spans:
                attributes["numberrowsspanned"], attributes["numbercolumnsspanned"] = spans[(r, c)]
            if isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
                cell.addElement(P(text=value.strftime("%d.%m.%Y")))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value, **attributes)
                cell.addElement(P(text=str(value)))
            elif value is None:
                cell = TableCell(**attributes)
            else:
                cell = TableCell(valuetype="string", **attributes)
                for line in str(value).split("\n"):
                    cell.addElement(P(text=line))
            tr.addElement(cell)
        table.addElement(tr)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_docx(path: Path, rows: list[list[Any]], *, merges: list[tuple[tuple[int, int], tuple[int, int]]] = (), before: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if before:
        document.add_paragraph(before)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for (r1, c1), (r2, c2) in merges:
        merged = table.cell(r1, c1).merge(table.cell(r2, c2))
        merged.text = str(rows[r1][c1])
    document.save(str(path))
    return path
