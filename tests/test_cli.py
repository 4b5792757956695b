"""The command line never shows a traceback, not even for a bug in the program."""

from __future__ import annotations

import skoleplan.cli as cli


def test_a_bug_is_reported_in_one_norwegian_paragraph(monkeypatch, capsys):
    def broken(_):
        raise RuntimeError("noe gikk galt")

    monkeypatch.setattr(cli, "load", broken)
    monkeypatch.delenv("SKOLEPLAN_DEBUG", raising=False)
    assert cli.main(["check", "data"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Intern feil i skoleplan (RuntimeError: noe gikk galt).")
    assert "Traceback" not in err


def test_debug_shows_the_traceback_to_developers(monkeypatch):
    import pytest

    def broken(_):
        raise RuntimeError("noe gikk galt")

    monkeypatch.setattr(cli, "load", broken)
    monkeypatch.setenv("SKOLEPLAN_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["check", "data"])
