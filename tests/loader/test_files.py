"""Only regular files inside the data folder are read, none too large; each refusal is one Norwegian line at the file.

A link out of the data folder would print another file's lines in the messages, a FIFO would hang
`make check`, a device such as /dev/zero never ends, and a 22 MB file took two minutes and 1.7 GB to
refuse. The cases that could hang run the command line in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from .loader_cases import MINIMAL

from skoleplan import source
from skoleplan.errors import PlanError, Problem
from skoleplan.render.ical import EventLock
from skoleplan.source import MAX_FILE_BYTES, MAX_TEXT_CHARS, MAX_VALUES, read_bytes, read_optional
from skoleplan.validate import load_plan

ROOT = Path(__file__).resolve().parents[2]
SECRET = "root:$6$hemmelig-hash:19000:0:99999:7:::\nkari:$6$enda-en-hemmelighet:19000:0:99999:7:::\n"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the minimal plan in tmp_path/data, with tmp_path as the working directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINIMAL, tmp_path / "data")
    return tmp_path / "data"


def check(cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m skoleplan check data`, stopped if it hangs."""
    return subprocess.run(
        [sys.executable, "-m", "skoleplan", "check", "data"],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def report(data_dir: Path | str = "data") -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(data_dir)
    return [str(p) for p in raised.value.problems]


# --- links --------------------------------------------------------------------------------------


def test_a_link_out_of_the_data_folder_is_refused_without_reading_it(data, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    (data / "aarshjul.yaml").unlink()
    (data / "aarshjul.yaml").symlink_to(secret)
    result = check(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "data/aarshjul.yaml:1:1: dette er en symbolsk lenke til en fil utenfor datamappen; legg selve filen i datamappen\n"
        "Fant 1 feil i 1 fil.\n"
    )


@pytest.mark.skipif(not Path("/etc/shadow").exists(), reason="no /etc/shadow on this machine")
def test_a_link_to_etc_shadow_is_refused(data, tmp_path):
    (data / "skole.yaml").unlink()
    (data / "skole.yaml").symlink_to("/etc/shadow")
    assert report() == [
        "data/skole.yaml:1:1: dette er en symbolsk lenke til en fil utenfor datamappen; legg selve filen i datamappen"
    ]


def test_a_link_out_through_a_link_inside_is_refused(data, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    (data / "gammel.txt").symlink_to(secret)
    (data / "roller.yaml").unlink()
    (data / "roller.yaml").symlink_to("gammel.txt")
    assert report() == [
        "data/roller.yaml:1:1: dette er en symbolsk lenke til en fil utenfor datamappen; legg selve filen i datamappen"
    ]


def test_a_link_to_a_file_inside_the_data_folder_is_read(data):
    (data / "versjoner").mkdir()
    shutil.move(data / "roller.yaml", data / "versjoner" / "roller-2025.yaml")
    (data / "roller.yaml").symlink_to(Path("versjoner") / "roller-2025.yaml")
    assert load_plan("data").roles.roles[0].id == "rektor"


def test_a_data_folder_that_is_a_link_is_read(data, tmp_path):
    shutil.move(data, tmp_path / "plan-2025")
    (tmp_path / "data").symlink_to("plan-2025")
    assert load_plan("data").roles.roles[0].id == "rektor"


def test_a_link_to_itself(data):
    (data / "tiltak.yaml").unlink()
    (data / "tiltak.yaml").symlink_to("tiltak.yaml")
    assert report() == [
        "data/tiltak.yaml:1:1: dette er en symbolsk lenke som går i ring (til seg selv eller via andre lenker); "
        "forventet en fil"
    ]


def test_a_loop_of_two_links(data):
    (data / "tiltak.yaml").unlink()
    (data / "tiltak.yaml").symlink_to("b.yml.lenke")
    (data / "b.yml.lenke").symlink_to("tiltak.yaml")
    assert report() == [
        "data/tiltak.yaml:1:1: dette er en symbolsk lenke som går i ring (til seg selv eller via andre lenker); "
        "forventet en fil"
    ]


def test_a_link_to_nothing(data):
    (data / "tiltak.yaml").unlink()
    (data / "tiltak.yaml").symlink_to("finnes-ikke.yaml")
    assert report() == ["data/tiltak.yaml:1:1: dette er en symbolsk lenke til noe som ikke finnes; forventet en fil"]


# --- files that are not files -------------------------------------------------------------------


def test_a_fifo_does_not_hang_the_check(data, tmp_path):
    (data / "aarshjul.yaml").unlink()
    os.mkfifo(data / "aarshjul.yaml")
    result = check(tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "data/aarshjul.yaml:1:1: dette er et navngitt rør (FIFO); forventet en vanlig fil\n"
        "Fant 1 feil i 1 fil.\n"
    )


def test_a_device_is_refused_without_opening_it():
    # /dev/zero never ends; it is looked at (stat), never opened.
    assert read_bytes(Path("/dev/zero"), "data/aarshjul.yaml", root=Path("/dev")) == (
        None,
        [Problem("data/aarshjul.yaml", 1, 1, "dette er en enhetsfil; forventet en vanlig fil")],
    )


def test_a_link_to_dev_zero_is_refused(data, tmp_path):
    (data / "aarshjul.yaml").unlink()
    (data / "aarshjul.yaml").symlink_to("/dev/zero")
    result = check(tmp_path, timeout=60)
    assert result.stderr.splitlines()[0] == (
        "data/aarshjul.yaml:1:1: dette er en symbolsk lenke til en fil utenfor datamappen; legg selve filen i datamappen"
    )


def test_a_folder_named_like_a_data_file(data):
    (data / "foresatte.yaml").unlink()
    (data / "foresatte.yaml").mkdir()
    assert report() == ["data/foresatte.yaml:1:1: dette er en mappe; forventet en fil"]


# --- limits -------------------------------------------------------------------------------------


def large_aarshjul(size: int) -> str:
    """A valid årshjul of about `size` bytes: one activity with a long list of words in its description."""
    head = (
        "intro: {nb: Årshjulet., nn: Årshjulet.}\n"
        "activities:\n"
        "  - id: elevundersokelsen\n"
        "    title: {nb: Elevundersøkelsen, nn: Elevundersøkinga}\n"
        "    timing: {month: november}\n"
        "    responsible: [rektor]\n"
        "    audience: [elever]\n"
        "    category: kartlegging\n"
    )
    line = "  - id: aktivitet-{0}\n    title: {{nb: Aktivitet {0}, nn: Aktivitet {0}}}\n" \
           "    timing: {{month: november}}\n    responsible: [rektor]\n    audience: [elever]\n" \
           "    category: kartlegging\n"
    parts, length, n = [head], len(head), 0
    while length < size:
        part = line.format(n)
        parts.append(part)
        length += len(part.encode("utf-8"))
        n += 1
    return "".join(parts)


def test_the_limits_are_far_above_the_example_school():
    biggest = max(p.stat().st_size for p in (ROOT / "data").glob("*.yaml"))
    assert MAX_FILE_BYTES >= 100 * biggest
    assert MAX_TEXT_CHARS >= 50 * 1_400 and MAX_VALUES >= 100 * 1_500


def test_a_22_mb_aarshjul_is_refused_by_its_size(data, tmp_path):
    (data / "aarshjul.yaml").write_text(large_aarshjul(22_000_000), encoding="utf-8")
    result = check(tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "data/aarshjul.yaml:1:1: filen er for stor (22,0 MB); en datafil kan være høyst 8,0 MB\nFant 1 feil i 1 fil.\n"
    )


def test_a_file_just_under_the_limit_is_read(tmp_path):
    path = tmp_path / "aarshjul.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES - 1) + b"\n")
    raw, problems = read_bytes(path, "data/aarshjul.yaml")
    assert (len(raw), problems) == (MAX_FILE_BYTES, [])
    path.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
    assert read_bytes(path, "data/aarshjul.yaml") == (
        None, [Problem("data/aarshjul.yaml", 1, 1, "filen er for stor (8,0 MB); en datafil kan være høyst 8,0 MB")]
    )


def test_a_text_longer_than_the_limit(data):
    title = "Elevundersøkelsen " * (MAX_TEXT_CHARS // 18 + 1)
    (data / "aarshjul.yaml").write_text(
        "intro: {nb: Årshjulet., nn: Årshjulet.}\n"
        "activities:\n"
        "  - id: elevundersokelsen\n"
        f"    title: {{nb: {title.strip()}, nn: Elevundersøkinga}}\n"
        "    timing: {month: november}\n"
        "    responsible: [rektor]\n"
        "    audience: [elever]\n"
        "    category: kartlegging\n",
        encoding="utf-8",
    )
    assert report() == ["data/aarshjul.yaml:4:17: teksten er for lang (100 007 tegn); høyst 100 000 tegn er lov"]


def test_a_text_at_the_limit_is_read(data):
    title = ("Elevundersøkelsen " * (MAX_TEXT_CHARS // 18 + 1))[: MAX_TEXT_CHARS - 1] + "n"
    assert len(title) == MAX_TEXT_CHARS
    (data / "aarshjul.yaml").write_text(
        (MINIMAL / "aarshjul.yaml").read_text("utf-8").replace("{nb: Elevundersøkelsen,", f"{{nb: '{title}',", 1),
        encoding="utf-8",
    )
    assert load_plan("data").calendar.activities[0].title.nb == title


def test_too_many_values_without_aliases(data, monkeypatch):
    monkeypatch.setattr(source, "MAX_VALUES", 1_000)  # the real limit, 500 000, takes a while to reach
    (data / "sok.yaml").write_text("synonyms:\n  - [" + ", ".join(["a"] * 1_000) + "]\n", encoding="utf-8")
    assert report() == ["data/sok.yaml:1:1: filen har mer enn 1 000 verdier; en datafil kan ha høyst 1 000"]


def test_too_many_values_from_aliases(data, monkeypatch):
    monkeypatch.setattr(source, "MAX_VALUES", 1_000)
    (data / "sok.yaml").write_text(
        "synonyms:\n  - &a [a, a, a, a, a, a, a, a, a, a]\n  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "  - [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        encoding="utf-8",
    )
    assert report() == [
        "data/sok.yaml:1:1: filen blir til mer enn 1 000 verdier når aliasene (*navn) settes inn; "
        "skriv verdiene ut i stedet for å gjenta aliaser"
    ]


def test_the_count_before_building_is_the_builders_count(monkeypatch):
    """A file of aliases is counted before it is built (source._count_values); the count must be what building records,
    so that a file exactly at the limit is read and one value more is refused."""
    text = (
        "a: &a [x, {y: 1, y: 2}]\n"  # the key written twice is refused, and its value not recorded
        "b: [*a, *a, {<<: *a, z: 3}]\n"  # «<<» is refused too
        "? [not, a, text]\n: 4\n"  # so is a key that is not a text
        "c: &c {d: *a}\n"
        "e: [*c, *c]\n"
    )
    built, _ = source.parse(text, "x.yaml")
    values = len(built.values)
    monkeypatch.setattr(source, "MAX_VALUES", values)
    assert [p.message for p in source.parse(text, "x.yaml")[1] if "verdier" in p.message] == []
    monkeypatch.setattr(source, "MAX_VALUES", values - 1)
    refused, problems = source.parse(text, "x.yaml")
    assert refused.data is None
    assert [(p.line, p.column) for p in problems] == [(6, 1)]  # «e», the top-level key where the count passes the limit


# --- what messages echo --------------------------------------------------------------------------


def test_terminal_escapes_in_a_value_are_shown_not_obeyed(data, tmp_path):
    text = (MINIMAL / "aarshjul.yaml").read_text("utf-8").replace("category: kartlegging", 'category: "\\e[2J\\e[31mkart"')
    (data / "aarshjul.yaml").write_text(text, encoding="utf-8")
    result = check(tmp_path)
    assert "\x1b" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if "category" in line)
    assert line.startswith("data/aarshjul.yaml:8:15: «category»: ugyldig verdi «\\x1b[2J\\x1b[31mkart»")


def test_control_characters_in_a_file_name_are_shown_not_obeyed(data, tmp_path):
    (data / "\x1b]0;hei\x07.yaml").write_text("a: 1\n", encoding="utf-8")
    result = check(tmp_path)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.startswith("data/\\x1b]0;hei\\x07.yaml:1:1: ukjent datafil")


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("linje\nlinje", "linje\\nlinje"),
        ("linje\r\nlinje", "linje\\nlinje"),
        ("tab\there", "tab\\there"),
        ("nul\x00", "nul\\x00"),
        ("c1\x9bx", "c1\\x9bx"),
        ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        ("rlo\u202eabc", "rlo\\u202eabc"),
        ("æøå «ok» – ja", "æøå «ok» – ja"),
    ],
)
def test_problem_messages_escape_what_a_terminal_would_act_on(message, shown):
    assert Problem("x.yaml", 1, 1, message).message == shown


# --- the calendar lock -----------------------------------------------------------------------------


LOCK = {
    "_note": "…",
    "events": {
        "a.2025-2026.1@skole.example": {"fingerprint": "ab", "modified": "2026-01-01T00:00:00Z", "sequence": 0},
        "b.2025-2026.1@skole.example": {"fingerprint": "cd", "modified": "2026-01-01T00:00:00Z", "sequence": 3},
    },
    "uid_domain": "skole.example",
    "version": 1,
}


def write_lock(data: Path, sequence) -> Path:
    lock = json.loads(json.dumps(LOCK))
    lock["events"]["b.2025-2026.1@skole.example"]["sequence"] = sequence
    path = data / "kalender.lock.json"
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def lock_problems(path: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        EventLock.load(path)
    return [str(p) for p in raised.value.problems]


def test_a_lock_is_read(data):
    lock = EventLock.load(write_lock(data, 3))
    assert lock.entries["b.2025-2026.1@skole.example"].sequence == 3


@pytest.mark.parametrize("sequence", [-1, -7, 1.5, "3", True, None])
def test_a_sequence_that_is_no_count_is_refused_at_its_line(data, sequence):
    path = write_lock(data, sequence)
    shown = json.dumps(sequence)
    assert lock_problems(Path("data/kalender.lock.json")) == [
        f"data/kalender.lock.json:12:19: «sequence» i hendelsen «b.2025-2026.1@skole.example» er {shown}; "
        "forventet et helt tall, 0 eller større; hent filen fra git igjen"
    ]
    assert path.read_text("utf-8").splitlines()[11].startswith('      "sequence": ')


def test_a_lock_that_is_not_json(data):
    (data / "kalender.lock.json").write_text('{\n  "events": {\n<<<<<<< HEAD\n', encoding="utf-8")
    assert lock_problems(Path("data/kalender.lock.json")) == [
        "data/kalender.lock.json:3:1: kalenderlåsen kan ikke leses: den er ikke gyldig JSON; hent filen fra git igjen"
    ]


def test_a_lock_that_is_a_folder(data):
    (data / "kalender.lock.json").mkdir()
    assert lock_problems(Path("data/kalender.lock.json")) == [
        "data/kalender.lock.json:1:1: dette er en mappe; forventet en fil"
    ]


def test_a_lock_that_is_a_link_loop(data):
    (data / "kalender.lock.json").symlink_to("kalender.lock.json")
    assert lock_problems(Path("data/kalender.lock.json")) == [
        "data/kalender.lock.json:1:1: dette er en symbolsk lenke som går i ring (til seg selv eller via andre lenker); "
        "forventet en fil"
    ]


def test_a_lock_that_is_a_fifo_does_not_hang(data, tmp_path):
    os.mkfifo(data / "kalender.lock.json")
    code = (
        "from pathlib import Path\nfrom skoleplan.source import read_optional\nfrom skoleplan.errors import PlanError\n"
        "try:\n    read_optional(Path('data/kalender.lock.json'))\nexcept PlanError as e:\n    print(e.report())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout == (
        "data/kalender.lock.json:1:1: dette er et navngitt rør (FIFO); forventet en vanlig fil\n"
        "Fant 1 feil i 1 fil.\n"
    )


def test_a_missing_lock_is_no_lock(data):
    assert read_optional(data / "kalender.lock.json") is None
    assert EventLock.load(data / "kalender.lock.json").entries == {}


@pytest.mark.parametrize("kind", ["folder", "loop"])  # a FIFO: test_a_lock_that_is_a_fifo_does_not_hang
def test_the_build_refuses_a_lock_that_is_no_file_before_building(data, tmp_path, kind):
    from skoleplan.build import build_site

    lock = data / "kalender.lock.json"
    lock.mkdir() if kind == "folder" else lock.symlink_to(lock.name)
    with pytest.raises(PlanError) as raised:
        build_site(ROOT, tmp_path / "site", data)
    assert str(raised.value.problems[0]).startswith("data/kalender.lock.json:1:1: dette er ")
    assert len(raised.value.problems) == 1
    assert not (tmp_path / "site").exists()
