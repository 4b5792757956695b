"""The JSON Schemas next to the data match the model, and every data file names its schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.model import FILES
from skoleplan.schema import schema_path, schema_text

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_up_to_date(name):
    path = schema_path(DATA, name)
    assert path.read_text(encoding="utf-8") == schema_text(name), f"run `make schema`: {path.name} is stale"


@pytest.mark.parametrize("name", list(FILES))
def test_data_file_names_its_schema(name):
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{name.replace('.yaml', '.schema.json')}"


def test_schema_descriptions_are_norwegian():
    text = schema_text("aarshjul.yaml")
    assert "Dato: ÅÅÅÅ-MM-DD" in text
    assert "Something with a stable" not in text  # class docstrings are for developers
