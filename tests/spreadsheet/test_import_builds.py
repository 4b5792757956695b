"""The promise of the import: right after it, with Apertium drafting the other written standard as
`make oversett` does, `make check` passes and `make build` publishes the school's calendar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skoleplan.build import build_site
from skoleplan.cli import main
from skoleplan.translate.apertium import ApertiumError, choose_mode

from .conftest import PROJECT, write_docx
from .test_import import MERGED, MESSY, NOW

pytestmark = pytest.mark.build


@pytest.fixture(scope="module", autouse=True)
def needs_apertium() -> None:
    """Apertium with the Bokmål–Nynorsk pair is a real dependency: without it this test fails, never skips."""
    try:
        choose_mode("nb", "nn")
    except ApertiumError as exc:
        pytest.fail(f"Apertium trengs for denne testen: {exc}", pytrace=False)


def test_an_imported_arshjul_checks_and_builds_at_once(school: Path, tmp_path: Path, capsys) -> None:
    from .conftest import write_xlsx
    from skoleplan.spreadsheet.importer import import_calendar

    source = write_xlsx(tmp_path / "årshjul.xlsx", MESSY, merged=MERGED)
    report = import_calendar(source, school, now=NOW)  # Apertium, as `make importer` runs it
    assert report.drafted > 10
    assert main(["check", str(school)]) == 0
    told = capsys.readouterr()
    marked = sum(len(re.findall(r"(?m)^ *# SJEKK", path.read_text(encoding="utf-8"))) for path in school.glob("*.yaml"))
    assert marked and told.err.count("merket «# SJEKK» av importen og ikke sett over ennå") == marked  # valid, not seen
    assert told.out.startswith(f"Ingen feil i {school}, men {marked} advarsler over: 10 aktiviteter i årshjulet")
    site = tmp_path / "site"
    build_site(PROJECT, site, school)
    nb = (site / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    nn = (site / "nn" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    assert "Elevundersøkelsen" in nb and "November/desember" in nb
    assert "kvar tysdag kl. 14.30" in nn.lower()  # a Bokmål phrase, said in Nynorsk on the Nynorsk page
    feed = (site / "nb" / "kalender" / "aarshjul.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Elevundersøkelsen (november/desember\\, dato kommer)" in feed


def test_a_nynorsk_word_table_checks_too(school: Path, tmp_path: Path, capsys) -> None:
    from skoleplan.spreadsheet.importer import import_calendar

    source = write_docx(
        tmp_path / "årshjul.docx",
        [
            ["Når", "Kva", "Korleis", "Ansvar", "For kven"],
            ["Hausten", "Elevsamtalar", "Kontaktlæraren snakkar med kvar elev om korleis dei har det.", "Kontaktlærar", "Elevar"],
            ["Etter haustferien", "Trivselsveke", "Heile skulen har aktivitetar på tvers av trinna.", "Leiinga", "Alle"],
        ],
        before="Årshjul for Måkeskjær skule",
    )
    report = import_calendar(source, school, now=NOW)
    assert report.lang == "nn"
    assert main(["check", str(school)]) == 0
