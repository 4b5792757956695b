"""`make importer` on a machine without Apertium: everything that can stop the import is said before anything is
installed, Apertium is installed only when the sheet has texts to draft, and what is missing is said in Norwegian.

The tests run the real Makefile with a stand-in `apertium` that has no language pair and a stand-in `apt-get`
that only writes down how it was called, so nothing is installed and no root is needed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import copy_example
from .conftest import DATA, PROJECT, write_xlsx

APT_LOG = "apt-get.log"
INSTALLING = "Installerer apertium apertium-nno-nob (Debian-pakker) …"


@pytest.fixture
def no_apertium(tmp_path: Path) -> Path:
    """A folder for PATH with an `apertium` that knows no language pair and an `apt-get` that logs its calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apertium").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> "{tmp_path / APT_LOG}"\n', encoding="utf-8")
    for program in bin_dir.iterdir():
        program.chmod(0o755)
    return bin_dir


def _make(bin_dir: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """`make importer …` in the project; the virtual environment taken as it is (-o), apt-get without sudo."""
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MAKEFLAGS", None)
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", "importer", "SUDO=", *variables],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_an_import_that_cannot_run_installs_nothing(no_apertium: Path, tmp_path: Path) -> None:
    """The user test: an aarshjul.yaml that is there, without OVERSKRIV=1. Said at once; apt-get never runs."""
    school = copy_example(tmp_path / "skole")
    source = write_xlsx(tmp_path / "årshjul.xlsx", [["Når", "Hva", "Ansvar"], ["uke 34", "Skolestart", "Rektor"]])
    done = _make(no_apertium, f"FIL={source}", f"DATA={school}")
    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == (
        f"{school / 'aarshjul.yaml'} finnes fra før og blir ikke overskrevet. Kjør med OVERSKRIV=1 for å erstatte "
        "den (den gamle blir tatt vare på som en .bak-fil ved siden av)"
    )
    assert INSTALLING not in done.stdout
    assert not (tmp_path / APT_LOG).exists()


def test_apertium_is_installed_only_when_the_sheet_needs_it_and_after_the_checks(no_apertium: Path, tmp_path: Path) -> None:
    """A sheet in Bokmål only: it checks, then Apertium is installed (here: apt-get is called), then the import
    runs. The stand-in installs nothing, so the import says what is still missing and writes nothing."""
    school = copy_example(tmp_path / "skole")
    (school / "aarshjul.yaml").unlink()
    source = write_xlsx(
        tmp_path / "årshjul.xlsx", [["Når", "Hva", "Hvordan", "Ansvar"], ["uke 34", "Skolestart", "Alle samles.", "Rektor"]]
    )
    done = _make(no_apertium, f"FIL={source}", f"DATA={school}")
    assert done.returncode != 0
    assert done.stdout.splitlines()[:2] == [
        "Importen trenger Apertium for å lage utkast på nynorsk av 2 tekster, og Apertium mangler; det installeres "
        "nå (make apertium).",
        INSTALLING,
    ]
    assert (tmp_path / APT_LOG).read_text(encoding="utf-8").splitlines() == [
        "-o DPkg::Lock::Timeout=300 -qq update",
        "-o DPkg::Lock::Timeout=300 -qq install -y --no-install-recommends apertium apertium-nno-nob",
    ]
    assert done.stderr.splitlines()[0] == (
        f"{source}: importen trenger Apertium for å lage utkast på nynorsk av 2 tekster. Apertium mangler "
        "språkparet nob-nno (pakken apertium-nno-nob). Installer med «make apertium» (eller som root: apt-get "
        "install apertium apertium-nno-nob). Ingenting er endret."
    )
    assert not (school / "aarshjul.yaml").exists() and not (school / "importrapport.txt").exists()


def test_an_export_with_both_written_standards_needs_no_apertium(no_apertium: Path, tmp_path: Path) -> None:
    from skoleplan.spreadsheet.exporter import export_calendar
    from skoleplan.validate import load_plan

    school = copy_example(tmp_path / "skole")
    workbook = export_calendar(load_plan(DATA), tmp_path / "eksport", dt.date(2025, 10, 1))[0]
    done = _make(no_apertium, f"FIL={workbook}", f"DATA={school}", "OVERSKRIV=1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()  # the command make echoes, then the report
    assert lines[1].startswith(f"Importerte {len(load_plan(DATA).calendar.activities)} aktiviteter fra {workbook} ")
    assert not (tmp_path / APT_LOG).exists()
