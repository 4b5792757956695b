"""The command line never shows a traceback, not even for a bug in the program."""

from __future__ import annotations

import skoleplan.cli as cli


def check_failing_with(monkeypatch, exc: Exception) -> int:
    """`skoleplan check data` where reading the plan raises `exc`; the exit code."""

    def failing(_):
        raise exc

    monkeypatch.setattr(cli, "load", failing)
    monkeypatch.delenv("SKOLEPLAN_DEBUG", raising=False)
    return cli.main(["check", "data"])


def test_a_bug_is_reported_in_one_norwegian_paragraph(monkeypatch, capsys):
    assert check_failing_with(monkeypatch, RuntimeError("noe gikk galt")) == 2
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


def test_ctrl_c_reported_by_pydantic_as_its_own_error_is_an_interruption(monkeypatch, capsys):
    """pydantic-core reports a KeyboardInterrupt raised while it builds a validator as a SchemaError (seen when
    Ctrl+C came as a build read its first file: tests/site/test_kill.py); the command stops as for Ctrl+C."""
    from pydantic_core import SchemaError

    interrupted = SchemaError(  # the message as pydantic-core 2 wrote it, shortened
        "Error building `definitions` serializer:\n  SchemaError: Error building `model` serializer:\n"
        "  SchemaError: Field `term`:\n  SchemaError: Error building `literal` serializer:\n  KeyboardInterrupt: "
    )
    assert check_failing_with(monkeypatch, interrupted) == 130
    assert capsys.readouterr() == ("", "")


def test_another_schema_error_is_still_a_bug(monkeypatch, capsys):
    from pydantic_core import SchemaError

    assert check_failing_with(monkeypatch, SchemaError("Error building `model` serializer: unknown type")) == 2
    assert capsys.readouterr().err.startswith("Intern feil i skoleplan (SchemaError: Error building")
