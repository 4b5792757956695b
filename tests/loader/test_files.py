"""Only regular files inside the data folder are read, of a sane size; a refusal names the file, never its contents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from skoleplan.errors import PlanError, Problem
from skoleplan.source import MAX_FILE_BYTES, MAX_TEXT
from skoleplan.validate import load_plan

PROJECT = Path(__file__).resolve().parents[2]


def problems(data: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(data)
    return [f"{Path(p.file).name}:{p.line}:{p.column}: {p.message}" for p in raised.value.problems]


def test_a_link_to_a_file_outside_the_data_folder_is_refused_without_showing_it(data, tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("rot:$6$hemmelig-passord:19000:0:99999:7:::\n", encoding="utf-8")
    (data / "kontakter.yaml").unlink()
    (data / "kontakter.yaml").symlink_to(secret)
    found = problems(data)
    assert found == ["kontakter.yaml:1:1: filen er en lenke til en fil utenfor datamappen; legg selve filen i datamappen"]
    assert "hemmelig" not in " ".join(found)


def test_a_link_inside_the_data_folder_is_read(data):
    (data / "kopi.txt").write_bytes((data / "kontakter.yaml").read_bytes())
    (data / "kontakter.yaml").unlink()
    (data / "kontakter.yaml").symlink_to(data / "kopi.txt")
    assert load_plan(data).contacts.contacts


def test_a_link_loop_and_a_dangling_link_are_named(data):
    (data / "kontakter.yaml").unlink()
    (data / "kontakter.yaml").symlink_to(data / "kontakter.yaml")
    (data / "sok.yaml").unlink()
    (data / "sok.yaml").symlink_to(data / "finnes-ikke.yaml")
    assert problems(data) == [
        "kontakter.yaml:1:1: filen er en lenke som peker på seg selv i en sløyfe; erstatt lenken med selve filen",
        "sok.yaml:1:1: filen er en lenke til noe som ikke finnes; erstatt lenken med selve filen",
    ]


def test_a_fifo_does_not_hang_the_check(data):
    (data / "kontakter.yaml").unlink()
    os.mkfifo(data / "kontakter.yaml")
    code = "from skoleplan.validate import load_plan\ntry:\n    load_plan(%r)\nexcept Exception as e:\n    print(e)" % str(data)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "kontakter.yaml:1:1: dette er et rør (FIFO), ikke en vanlig fil; forventet en tekstfil med YAML" in done.stdout


def test_a_device_is_refused_before_it_is_read(data):
    (data / "kontakter.yaml").unlink()
    (data / "kontakter.yaml").symlink_to("/dev/zero")
    # /dev/zero is outside the data folder: refused as a link before anything is read.
    assert problems(data)[0].startswith("kontakter.yaml:1:1: filen er en lenke til en fil utenfor datamappen")


def test_a_directory_in_place_of_a_file(data):
    (data / "kontakter.yaml").unlink()
    (data / "kontakter.yaml").mkdir()
    assert problems(data) == ["kontakter.yaml:1:1: dette er en mappe; forventet en fil"]


def test_a_huge_file_is_refused_at_once(data):
    with open(data / "aarshjul.yaml", "ab") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no time or disk spent
    found = problems(data)
    assert found == ["aarshjul.yaml:1:1: filen er for stor (10.0 MB); høyst 10 MB er lov, langt mer enn noen plan trenger"]


def test_a_huge_text_is_refused_at_its_line(data):
    calendar = data / "aarshjul.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("Årshjulet.", "x" * (MAX_TEXT + 1), 1), encoding="utf-8")
    found = problems(data)
    assert found[0] == "aarshjul.yaml:1:13: teksten er 100 001 tegn lang; høyst 100 000 tegn er lov i én tekst"


def test_terminal_escape_sequences_in_a_value_are_shown_not_run():
    problem = Problem("data/x.yaml", 1, 1, "ukjent rolle «\x1b[2J\x1b[31mrektor\x07»")
    assert str(problem) == "data/x.yaml:1:1: ukjent rolle «\\x1b[2J\\x1b[31mrektor\\x07»"


def test_a_lock_that_is_a_directory_or_has_a_negative_sequence_is_named(data):
    from skoleplan.render.ical import EventLock

    lock = data / "kalender.lock.json"
    lock.mkdir()
    with pytest.raises(PlanError) as raised:
        EventLock.load(lock)
    assert raised.value.problems[0].message == "dette er en mappe; forventet en fil"
    lock.rmdir()
    lock.write_text('{"version": 1, "uid_domain": "x", "events": {"a@x": {"fingerprint": "f", "sequence": -3, '
                    '"modified": "2025-01-01T00:00:00Z"}}}', encoding="utf-8")
    with pytest.raises(PlanError) as raised:
        EventLock.load(lock)
    assert "SEQUENCE «-3» er ikke et heltall fra 0 og oppover" in raised.value.problems[0].message
