"""Columns found by their Norwegian headings, and a clear question when they cannot be."""

from __future__ import annotations

import pytest

from skoleplan.spreadsheet import SpreadsheetError
from skoleplan.spreadsheet.columns import column_index, column_letter, find_layout, parse_kolonner
from skoleplan.spreadsheet.tables import Row, Table


def _table(*rows: list) -> Table:
    return Table("Ark1", [Row(i, list(r)) for i, r in enumerate(rows, start=1)])


def _kinds(layout) -> dict[str, str]:
    return {kind: column_letter(index) for kind, index in layout.columns.items()}


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (["Når", "Hva", "Hvordan", "Ansvar", "For hvem"],
         {"when": "A", "what": "B", "how": "C", "responsible": "D", "audience": "E"}),
        (["Når?", "Kva", "Korleis", "Ansvarleg", "For kven"],
         {"when": "A", "what": "B", "how": "C", "responsible": "D", "audience": "E"}),
        (["TIDSPUNKT", "AKTIVITET", "BESKRIVELSE", "ANSVARLIG", "MÅLGRUPPE", "GJENNOMFØRT"],
         {"when": "A", "what": "B", "how": "C", "responsible": "D", "audience": "E"}),
        (["Uke", "Dato", "Hendelse", "Merknad", "Hvem har ansvar", "Trinn"],
         {"when": "B", "when_alt": "A", "what": "C", "how": "D", "responsible": "E", "grades": "F"}),
        (["Måned", "Tema", "Innhald", "Ansvar", "Kategori", "Klokkeslett"],
         {"when": "A", "what": "B", "how": "C", "responsible": "D", "category": "E", "clock": "F"}),
        (["Hva:", "Når:", "Ansvar:"], {"what": "A", "when": "B", "responsible": "C"}),
    ],
)  # fmt: skip
def test_headings_in_both_written_standards(headings: list[str], expected: dict[str, str]) -> None:
    layout = find_layout(_table(headings, ["x"] * len(headings)), "a.xlsx")
    assert _kinds(layout) == expected and layout.header_row == 1


def test_the_heading_row_below_a_title_and_an_empty_row() -> None:
    layout = find_layout(_table(["Årshjul 2025/2026 – Måkeskjær skule"], [], ["Når", "Aktivitet", "Ansvar"], ["x"]), "a.xlsx")
    assert layout.header_row == 3 and layout.first_data_index == 3 and _kinds(layout) == {
        "when": "A", "what": "B", "responsible": "C"
    }  # fmt: skip


def test_a_row_of_grades_under_a_merged_trinn() -> None:
    layout = find_layout(
        _table(
            ["Når", "Hva", "Trinn", "Trinn", "Trinn", "Trinn", "Ansvar"],
            [None, None, "1", "2", "3.", "4. trinn", None],
            ["Uke 34", "Skolestart", "x", "x", None, None, "Rektor"],
        ),
        "a.xlsx",
    )
    assert layout.grade_columns == {2: 1, 3: 2, 4: 3, 5: 4} and layout.first_data_index == 2
    assert _kinds(layout) == {"when": "A", "what": "B", "responsible": "G"}


def test_grade_columns_in_the_heading_row_itself() -> None:
    layout = find_layout(_table(["Når", "Hva", "1.", "2.", "3.", "Ansvar"], ["x"]), "a.xlsx")
    assert layout.grade_columns == {2: 1, 3: 2, 4: 3}


def test_no_heading_row_asks_for_kolonner() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        find_layout(_table(["Fadderdag", "2. sep"], ["Samling", "okt"]), "årshjul.xlsx")
    assert str(caught.value) == (
        "årshjul.xlsx: fant ingen rad med overskrifter som «Når», «Hva» og «Ansvar» blant de 15 første radene. "
        'Si hvilken kolonne som er hva med KOLONNER, for eksempel KOLONNER="når=A,hva=B,ansvar=C"'
    )


def test_no_what_column_asks_which_it_is() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        find_layout(_table(["Tittel"], ["Dato", "Beskrivelse", "Ansvarlig"], ["x"]), "årshjul.xlsx")
    assert str(caught.value) == (
        "årshjul.xlsx: fant ikke kolonnen «Hva» (aktiviteten). Overskriftene i rad 2 er: A «Dato», "
        'B «Beskrivelse», C «Ansvarlig». Si hvilken kolonne som er hva med KOLONNER, for eksempel KOLONNER="hva=B" '
        "(kolonner som kan angis: når, hva, hvordan, ansvar, for hvem, trinn, kategori, klokkeslett)"
    )


def test_two_columns_that_could_both_be_what() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        find_layout(_table(["Når", "Aktivitet", "Aktivitet", "Ansvar"]), "årshjul.xlsx")
    assert str(caught.value) == (
        "årshjul.xlsx: to kolonner kan være «hva»: B «Aktivitet» og C «Aktivitet». Si hvilken med KOLONNER, "
        'for eksempel KOLONNER="hva=B"'
    )


def test_kolonner_by_letter_and_by_heading() -> None:
    table = _table(["Dato", "Beskrivelse", "Ansvarlig", "Aktivitet"], ["x"])
    layout = find_layout(table, "a.xlsx", parse_kolonner("hva=B, hvordan=Aktivitet"))
    assert _kinds(layout) == {"when": "A", "responsible": "C", "what": "B", "how": "D"}


def test_kolonner_for_a_table_without_headings() -> None:
    layout = find_layout(_table(["Uke 34", "Skolestart", "Rektor"]), "a.csv", parse_kolonner("når=A,hva=B,ansvar=C"))
    assert layout.header_row is None and layout.first_data_index == 0
    assert _kinds(layout) == {"when": "A", "what": "B", "responsible": "C"}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("hva", "KOLONNER: forstår ikke «hva»; skriv for eksempel KOLONNER=\"når=A,hva=B,ansvar=D\" (kolonner som kan "
         "angis: når, hva, hvordan, ansvar, for hvem, trinn, kategori, klokkeslett, id, delplikter, ressurser, "
         "synlighet; verdien er en kolonnebokstav eller overskriften)"),
        ("hvem=C", "KOLONNER: forstår ikke «hvem=C»; skriv for eksempel KOLONNER=\"når=A,hva=B,ansvar=D\" (kolonner som "
         "kan angis: når, hva, hvordan, ansvar, for hvem, trinn, kategori, klokkeslett, id, delplikter, ressurser, "
         "synlighet; verdien er en kolonnebokstav eller overskriften)"),
    ],
)
def test_a_kolonner_option_that_cannot_be_read(option: str, message: str) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        parse_kolonner(option)
    assert str(caught.value) == message


def test_kolonner_naming_a_heading_the_table_does_not_have() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        find_layout(_table(["Når", "Hva", "Ansvar"], ["x"]), "a.xlsx", parse_kolonner("hvordan=Merknad"))
    assert str(caught.value) == (
        "a.xlsx: KOLONNER: ingen kolonne har overskriften «Merknad»; overskriftene er: A «Når», B «Hva», C «Ansvar»"
    )


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 51, 702)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert [column_index(x) for x in ("A", "z", "AA", "AAA", "4", "")] == [0, 25, 26, 702, None, None]
