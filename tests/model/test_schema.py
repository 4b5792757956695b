"""The JSON Schemas next to the data match the model, and every data file names its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skoleplan.layers import is_layer
from skoleplan.model import FILES
from skoleplan.schema import schema_path, schema_text

PROJECT = Path(__file__).resolve().parents[2]
# Every data folder the project ships: the example school, the layers it builds on, the second school.
FOLDERS = [PROJECT / "data", PROJECT / "grunnlag", PROJECT / "kommuner" / "fjordvik",
           PROJECT / "kommuner" / "fjordvik" / "skoler" / "nordby"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.relative_to(PROJECT).as_posix())
@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_up_to_date(folder, name):
    path = schema_path(folder, name)
    assert path.read_text(encoding="utf-8") == schema_text(name, is_layer(folder)), f"run `make schema`: {path} is stale"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.relative_to(PROJECT).as_posix())
def test_every_data_file_names_its_schema(folder):
    files = [path for path in folder.glob("*.yaml") if path.name in FILES]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{path.name.replace('.yaml', '.schema.json')}", path


def test_a_layers_schema_requires_nothing_and_knows_the_merge_keys():
    whole, layer = json.loads(schema_text("tiltak.yaml")), json.loads(schema_text("tiltak.yaml", layer=True))
    assert "required" in json.dumps(whole) and '"required"' not in json.dumps(layer)
    measure = layer["$defs"]["Measure"]["properties"]
    assert {"insert_after", "insert_before"} <= set(measure) and "remove" in layer["properties"]


def test_schema_descriptions_are_norwegian():
    text = schema_text("aarshjul.yaml")
    assert "Dato: ÅÅÅÅ-MM-DD" in text
    assert "Something with a stable" not in text  # class docstrings are for developers
