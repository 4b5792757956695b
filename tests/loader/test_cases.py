"""Every broken input under fixtures/ gives exactly the problems its header expects.

See loader_cases.py for the convention; adding a case is adding a file.
"""

from __future__ import annotations

import pytest
from .loader_cases import FIXTURES, MINIMAL, all_cases

from skoleplan.cli import main
from skoleplan.errors import PlanError, Problem
from skoleplan.model import FILES
from skoleplan.validate import load_plan

CASES = all_cases()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Work in tmp_path, so that files show as «data/…», as they do for `skoleplan check data`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, in_tmp):
    case.build(in_tmp)
    with pytest.raises(PlanError) as raised:
        load_plan("data")
    assert [str(p) for p in raised.value.problems] == case.expect


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_on_the_command_line(case, in_tmp, capsys):
    case.build(in_tmp)
    assert main(["check", "data"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    files = len({line.split(":", 1)[0] for line in case.expect})
    summary = f"Fant {len(case.expect)} feil i {files} {'fil' if files == 1 else 'filer'}."
    assert err.splitlines() == [*case.expect, summary]
    assert "Traceback" not in err


def test_the_cases_are_many_and_well_formed():
    assert len(CASES) >= 25
    kinds = {c.path.parent.name for c in CASES}
    assert {"syntax", "types", "unknown-keys", "dates", "timing", "references", "law", "text", "files"} <= kinds
    for case in CASES:
        assert case.expect, f"{case.id}: no «# expect:» line"
        assert case.file or case.delete, f"{case.id}: neither «# file:» nor «# delete:»"
        assert all(name in FILES for name in case.delete), case.id
        # In the order the command line prints them: by file, line and column.
        problems = [Problem(*_split(line)) for line in case.expect]
        assert problems == sorted(problems), f"{case.id}: expect lines out of order"
        assert len(set(case.expect)) == len(case.expect), case.id


def _split(line: str) -> tuple[str, int, int, str]:
    file, line_no, column, message = line.split(":", 3)
    return file, int(line_no), int(column), message.removeprefix(" ")


def test_every_data_file_is_in_the_minimal_plan():
    assert sorted(p.name for p in MINIMAL.glob("*.yaml")) == sorted(FILES)
    assert not (FIXTURES / "minimal" / "schema").exists()
