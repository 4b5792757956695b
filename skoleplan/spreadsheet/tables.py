"""A file as rows of cells: .xlsx (openpyxl), .ods (odfpy), .csv (the standard library), a table in .docx
(python-docx).

A cell is what the person who wrote the file sees in it: text, a date (Excel
and LibreOffice dates, not the number they are stored as), a time, a number or
nothing. A merged cell shows its value in every cell it covers, so a month
written once beside three rows belongs to each of them. Rows keep the number
the file shows (1 for the first row), so every message can name it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import SpreadsheetError

Cell = str | dt.date | dt.datetime | dt.time | int | float | None

SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".docx")
MAX_BYTES = 20 * 1024 * 1024  # far above any real årshjul; a bigger file is not one


@dataclass
class Row:
    number: int  # as the file shows it: the first row is 1 (in a Word table, the table's first row)
    cells: list[Cell]


@dataclass
class Table:
    """One sheet or one Word table."""

    name: str  # the sheet's name, or «tabell 2» in a Word document
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


def clean(value: Any) -> Cell:
    """A cell's value with spaces tidied; an empty text is no value."""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()
        return text or None
    if isinstance(value, bool):
        return "x" if value else None
    return value


def read_tables(path: Path) -> list[Table]:
    """Every sheet (or Word table) of the file, in order."""
    path = Path(path)
    if not path.is_file():
        raise SpreadsheetError(f"{path}: finner ikke filen")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpreadsheetError(
            f"{path}: kan ikke lese filer av typen «{path.suffix or 'uten endelse'}»; "
            "forventet .xlsx (Excel), .ods (LibreOffice), .csv eller .docx (en tabell i Word)"
        )
    if path.stat().st_size > MAX_BYTES:
        raise SpreadsheetError(f"{path}: filen er større enn 20 MB; et årshjul er mye mindre. Er det riktig fil?")
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx(path)
        if suffix == ".ods":
            return _ods(path)
        if suffix == ".docx":
            return _docx(path)
        return [_csv(path)]
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the library says, the file is not one it can read
        kind = {".xlsx": "Excel", ".xlsm": "Excel", ".ods": "LibreOffice", ".docx": "Word", ".csv": "CSV"}[suffix]
        raise SpreadsheetError(
            f"{path}: filen kan ikke leses som en {kind}-fil; lagre den på nytt fra {kind} og prøv igjen"
        ) from exc


# --- Excel -----------------------------------------------------------------------------------------------


def _xlsx(path: Path) -> list[Table]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)  # formulas: the value Excel last showed
    tables = []
    for sheet in book.worksheets:
        grid: list[list[Cell]] = [[clean(c.value) for c in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(grid) else None
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                    grid[r][c] = value
        tables.append(Table(sheet.title, [Row(i, cells) for i, cells in enumerate(grid, start=1)]))
    return tables


# --- LibreOffice ------------------------------------------------------------------------------------------

_ODS_REPEAT_LIMIT = 1000  # LibreOffice writes «the remaining 16,000 empty columns» as one repeated cell


def _ods(path: Path) -> list[Table]:
    from odf import opendocument, table as odf_table, text as odf_text
    from odf.namespaces import OFFICENS, TABLENS

    document = opendocument.load(str(path))
    tables = []
    for sheet in document.spreadsheet.getElementsByType(odf_table.Table):
        grid: list[list[Cell]] = []
        spans: dict[tuple[int, int], Cell] = {}  # cells covered by a merged cell, and its value
        for row in sheet.getElementsByType(odf_table.TableRow):
            repeat_rows = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            cells: list[Cell] = []
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                repeat = min(int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1), _ODS_REPEAT_LIMIT)
                value = _ods_value(cell, OFFICENS, odf_text)
                for _ in range(repeat):
                    position = (len(grid), len(cells))
                    if cell.qname[1] == "covered-table-cell":
                        cells.append(spans.get(position))
                        continue
                    cells.append(value)
                    across = int(cell.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                    down = int(cell.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                    for r in range(down):
                        for c in range(across):
                            if (r, c) != (0, 0):
                                spans[(position[0] + r, position[1] + c)] = value
            while cells and cells[-1] is None:
                cells.pop()
            for _ in range(min(repeat_rows, _ODS_REPEAT_LIMIT)):
                grid.append(list(cells))
        while grid and not any(c is not None for c in grid[-1]):
            grid.pop()
        name = sheet.getAttrNS(TABLENS, "name") or f"ark {len(tables) + 1}"
        tables.append(Table(name, [Row(i, cells) for i, cells in enumerate(grid, start=1)]))
    return tables


def _ods_value(cell: Any, officens: str, odf_text: Any) -> Cell:
    kind = cell.getAttrNS(officens, "value-type")
    if kind == "date":
        text = cell.getAttrNS(officens, "date-value")
        moment = dt.datetime.fromisoformat(text)
        return moment.date() if len(text) <= 10 else moment
    if kind in ("float", "percentage", "currency"):
        number = float(cell.getAttrNS(officens, "value"))
        return int(number) if number.is_integer() else number
    if kind == "time":
        text = cell.getAttrNS(officens, "time-value")  # PT18H30M00S
        hours, _, rest = text[2:].partition("H")
        minutes = rest.partition("M")[0]
        return dt.time(int(hours) % 24, int(minutes or 0))
    if kind == "boolean":
        return "x" if cell.getAttrNS(officens, "boolean-value") == "true" else None
    paragraphs = ["".join(_node_text(n) for n in p.childNodes) for p in cell.getElementsByType(odf_text.P)]
    return clean("\n".join(paragraphs))


def _node_text(node: Any) -> str:
    if node.nodeType == node.TEXT_NODE:
        return str(node.data)
    if node.qname[1] == "s":  # text:s, a run of spaces
        return " " * int(node.attributes.get((node.qname[0], "c"), 1))
    if node.qname[1] == "line-break":
        return "\n"
    if node.qname[1] == "tab":
        return "\t"
    return "".join(_node_text(child) for child in node.childNodes)


# --- Word -------------------------------------------------------------------------------------------------


def _docx(path: Path) -> list[Table]:
    import docx

    document = docx.Document(str(path))
    tables = []
    for number, table in enumerate(document.tables, start=1):
        rows = []
        for index, row in enumerate(table.rows, start=1):
            rows.append(Row(index, [clean(cell.text) for cell in row.cells]))  # merged cells repeat their text
        tables.append(Table(f"tabell {number}", rows))
    if not tables:
        raise SpreadsheetError(f"{path}: dokumentet har ingen tabell; årshjulet må stå i en tabell i Word")
    return tables


# --- CSV --------------------------------------------------------------------------------------------------


def _csv(path: Path) -> Table:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Norwegian Windows saves CSV as Windows-1252
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    # The heading line says which separator the file uses: the one it has most of (Excel in Norway: «;»).
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", "\t", ","), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return Table(path.stem, [Row(i, [clean(c) for c in cells]) for i, cells in enumerate(reader, start=1)])
