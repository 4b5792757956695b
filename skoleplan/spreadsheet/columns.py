"""Which column is which: found by its Norwegian heading (Bokmål or Nynorsk), or told with KOLONNER.

The heading row need not be the first: a title («Årshjul 2025–2026») often
stands above it. It is the row among the first ones whose cells are most
often headings this module knows. A row of grade numbers under a merged
«Trinn» («1 2 3 4 5 6 7», with an «x» in each row for the grades concerned)
is read as part of the heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import SpreadsheetError
from .tables import Table

# Column kinds, and what the user calls them in KOLONNER (and in messages).
KINDS = {
    "when": "når",
    "what": "hva",
    "how": "hvordan",
    "responsible": "ansvar",
    "audience": "for hvem",
    "grades": "trinn",
    "category": "kategori",
    "clock": "klokkeslett",
    "id": "id",
    "duties": "delplikter",
    "resources": "ressurser",
    "visibility": "synlighet",
    "timing_yaml": "tidspunkt (yaml)",
    "meta": "skoleplan",
}
KIND_OF_NAME = {name: kind for kind, name in KINDS.items()} | {
    "naar": "when", "kva": "what", "korleis": "how", "for kven": "audience", "ansvarleg": "responsible",
    "ansvarlig": "responsible", "klokka": "clock", "kl": "clock",
}  # fmt: skip

# Headings, most telling first: a lower number wins when two columns could be the same kind.
HEADINGS: dict[str, tuple[str, ...]] = {
    "when": ("når", "tidspunkt", "dato", "datoer", "uke", "veke", "uke/dato", "dato/uke", "måned", "månad", "tid",
             "periode", "tidsrom", "tidsperiode", "når skjer det"),
    "what": ("hva", "kva", "aktivitet", "aktiviteter", "aktivitetar", "hva skjer", "kva skjer", "hendelse",
             "hending", "arrangement", "tiltak", "tema"),
    "how": ("hvordan", "korleis", "beskrivelse", "skildring", "beskriving", "gjennomføring", "innhold", "innhald",
            "merknad", "merknader", "kommentar", "kommentarer", "kommentarar", "forklaring", "mer om", "meir om"),
    "responsible": ("ansvar", "ansvarlig", "ansvarleg", "ansvarlige", "ansvarlege", "hvem har ansvar",
                    "kven har ansvar", "hvem", "kven", "ansvarlig for gjennomføring"),
    "audience": ("for hvem", "for kven", "målgruppe", "målgrupper", "hvem gjelder det", "kven gjeld det",
                 "deltakere", "deltakarar", "hvem deltar", "kven deltek", "gjelder", "gjeld", "involverte"),
    "grades": ("trinn", "klassetrinn", "årstrinn", "klasse", "klasser", "klassar", "trinn/klasse"),
    "category": ("kategori", "type"),
    "clock": ("klokkeslett", "kl", "klokka", "klokken"),
    "id": ("id",),
    "duties": ("delplikter", "delplikt", "hører til", "høyrer til"),
    "resources": ("ressurser", "ressursar"),
    "visibility": ("synlighet", "synlegheit"),
}  # fmt: skip
# Exact headings the export writes, recognised before the others (their words alone would mislead).
EXACT = {
    "tidspunkt (yaml)": "timing_yaml",
    "skoleplan (ikke rediger)": "meta",
    "skoleplan (ikkje rediger)": "meta",
}
IGNORED = ("gjennomført", "gjennomfort", "utført", "ok", "status", "evaluert", "evaluering", "sjekk", "kontroll",
           "dato gjennomført", "signatur", "nr", "#", "løpenummer", "datoer i skoleåret", "datoar i skuleåret",
           "første dato")  # fmt: skip
IGNORED_PREFIXES = ("datoer ", "datoar ", "gjennomført ", "dato gjennomført")

_GRADE_HEADING = re.compile(r"(\d{1,2})\s*\.?\s*(?:trinn|klasse|kl\.?|trinnet)?")
HEADER_ROWS_SEARCHED = 15


def heading_key(text: object) -> str:
    """«Når?», «ANSVAR:», «For hvem (målgruppe)» → «når», «ansvar», «for hvem»."""
    t = str(text).lower().replace("\n", " ")
    t = re.sub(r"\s+", " ", t).strip(" :?*.")
    return t


def _kind(text: object) -> tuple[str, int] | None:
    key = heading_key(text)
    if key in EXACT:
        return EXACT[key], 0
    bare = re.sub(r"\s*\(.*?\)\s*", " ", key).strip(" :?*.")
    if bare in IGNORED or key.startswith(IGNORED_PREFIXES) or bare.startswith(IGNORED_PREFIXES):
        return "ignore", 0
    for kind, names in HEADINGS.items():
        if bare in names:
            return kind, names.index(bare)
    return None


def grade_of_heading(text: object) -> int | None:
    """«1», «1.», «1. trinn», «8. klasse» → the grade; anything else → None."""
    if isinstance(text, int) and 1 <= text <= 13:
        return text
    if isinstance(text, float) and text.is_integer() and 1 <= text <= 13:
        return int(text)
    m = _GRADE_HEADING.fullmatch(heading_key(text)) if isinstance(text, str) else None
    return int(m[1]) if m and 1 <= int(m[1]) <= 13 else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


@dataclass
class Layout:
    """Where the headings are and which column holds what."""

    header_row: int | None  # the file's row number of the headings (None: the table has none)
    first_data_index: int  # index into Table.rows of the first row of activities
    columns: dict[str, int] = field(default_factory=dict)  # kind → column index
    grade_columns: dict[int, int] = field(default_factory=dict)  # column index → grade
    headings: dict[int, str] = field(default_factory=dict)  # column index → heading as written
    unknown: list[int] = field(default_factory=list)  # columns with a heading this module does not know: not read

    def heading_of(self, kind: str) -> str:
        index = self.columns.get(kind)
        name = KINDS.get(kind, "når")
        return self.headings.get(index, name) if index is not None else name


def _score(cells: list) -> int:
    kinds = {k for c in cells if c is not None and (found := _kind(c)) and (k := found[0]) != "ignore"}
    grades = sum(1 for c in cells if grade_of_heading(c) is not None)
    return len(kinds) + (1 if grades >= 2 else 0)


def parse_kolonner(option: str) -> dict[str, str]:
    """«når=A, hva=Aktivitet» → {"when": "A", "what": "Aktivitet"}."""
    chosen: dict[str, str] = {}
    for part in re.split(r"\s*[,;]\s*", option.strip()):
        if not part:
            continue
        name, sep, value = part.partition("=")
        kind = KIND_OF_NAME.get(heading_key(name))
        if not sep or kind is None or not value.strip():
            known = ", ".join(n for k, n in KINDS.items() if k not in ("timing_yaml", "meta"))
            raise SpreadsheetError(
                f"KOLONNER: forstår ikke «{part}»; skriv for eksempel KOLONNER=\"når=A,hva=B,ansvar=D\" "
                f"(kolonner som kan angis: {known}; verdien er en kolonnebokstav eller overskriften)"
            )
        chosen[kind] = value.strip()
    return chosen


def find_layout(table: Table, source: str, chosen: dict[str, str] | None = None) -> Layout:
    """The heading row and the columns of one table, or a message asking which column is which."""
    chosen = chosen or {}
    rows = table.rows[:HEADER_ROWS_SEARCHED]
    scored = [(_score(r.cells), -i, i) for i, r in enumerate(rows)]
    best = max(scored, default=(0, 0, None))
    header_index = best[2] if best[0] >= 2 else None
    if header_index is None and chosen:
        # Headings the user names decide; else (letters only) the table may have no heading row at all.
        names = {heading_key(v) for v in chosen.values() if column_index(v) is None}
        header_index = next((i for i, r in enumerate(rows) if names & {heading_key(c) for c in r.cells if c}), None)
    if header_index is None and not chosen:
        raise SpreadsheetError(
            f"{source}: fant ingen rad med overskrifter som «Når», «Hva» og «Ansvar» blant de "
            f"{HEADER_ROWS_SEARCHED} første radene. Si hvilken kolonne som er hva med KOLONNER, for eksempel "
            f'KOLONNER="når=A,hva=B,ansvar=C"'
        )
    layout = Layout(
        header_row=table.rows[header_index].number if header_index is not None else None,
        first_data_index=header_index + 1 if header_index is not None else 0,
    )
    header = table.rows[header_index].cells if header_index is not None else []
    for index, cell in enumerate(header):
        if cell is not None:
            layout.headings[index] = str(cell)
    # A row of grade numbers under the headings (under a merged «Trinn»).
    if header_index is not None and header_index + 1 < len(table.rows):
        below = table.rows[header_index + 1].cells
        grades = {i: g for i, c in enumerate(below) if (g := grade_of_heading(c)) is not None}
        others = [c for i, c in enumerate(below) if c is not None and i not in grades and c != _at(header, i)]
        if len(grades) >= 2 and not others:
            layout.grade_columns = grades
            layout.first_data_index += 1
            for i, g in grades.items():
                layout.headings[i] = f"{layout.headings.get(i, 'trinn')} {g}"
    if not layout.grade_columns:
        grades = {i: g for i, c in enumerate(header) if (g := grade_of_heading(c)) is not None}
        if len(grades) >= 2:
            layout.grade_columns = grades
    # By heading; two columns of one kind: the more telling heading wins, a tie is a question.
    found: dict[str, list[tuple[int, int]]] = {}
    for index, cell in enumerate(header):
        if cell is None or index in layout.grade_columns:
            continue
        kind = _kind(cell)
        if kind is not None and kind[0] != "ignore":
            found.setdefault(kind[0], []).append((kind[1], index))
    for kind, candidates in found.items():
        candidates.sort()
        if kind in chosen:
            continue
        if kind == "when" and len(candidates) > 1:  # «Uke» and «Dato»: the other is read where the first is empty
            layout.columns["when_alt"] = candidates[1][1]
            layout.columns["when"] = candidates[0][1]
            continue
        if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
            a, b = candidates[0][1], candidates[1][1]
            raise SpreadsheetError(
                f"{source}: to kolonner kan være «{KINDS[kind]}»: {column_letter(a)} «{header[a]}» og "
                f"{column_letter(b)} «{header[b]}». Si hvilken med KOLONNER, for eksempel "
                f'KOLONNER="{KINDS[kind]}={column_letter(a)}"'
            )
        layout.columns[kind] = candidates[0][1]
    for kind, value in chosen.items():
        index = column_index(value)
        if index is None:
            index = next((i for i, c in enumerate(header) if c is not None and heading_key(c) == heading_key(value)), None)
            if index is None:
                shown = ", ".join(f"{column_letter(i)} «{c}»" for i, c in enumerate(header) if c is not None)
                raise SpreadsheetError(
                    f"{source}: KOLONNER: ingen kolonne har overskriften «{value}»; overskriftene er: {shown}"
                )
        layout.columns = {k: i for k, i in layout.columns.items() if i != index}
        layout.columns[kind] = index
        if kind == "when":
            layout.columns.pop("when_alt", None)
        layout.grade_columns.pop(index, None)
    used = set(layout.columns.values()) | set(layout.grade_columns)
    layout.unknown = [i for i, c in enumerate(header) if c is not None and i not in used and _kind(c) is None]
    if "what" not in layout.columns:
        shown = ", ".join(f"{column_letter(i)} «{c}»" for i, c in enumerate(header) if c is not None) or "ingen"
        where = f"i rad {layout.header_row} " if layout.header_row else ""
        raise SpreadsheetError(
            f"{source}: fant ikke kolonnen «Hva» (aktiviteten). Overskriftene {where}er: {shown}. Si hvilken "
            f'kolonne som er hva med KOLONNER, for eksempel KOLONNER="hva=B" (kolonner som kan angis: når, hva, '
            "hvordan, ansvar, for hvem, trinn, kategori, klokkeslett)"
        )
    return layout


def _at(cells: list, index: int) -> object:
    return cells[index] if index < len(cells) else None
