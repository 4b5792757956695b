"""JSON Schema for each data file, so an editor can autocomplete and underline mistakes.

The files are written next to the data (`data/schema/<file>.schema.json`) and
each data file names its schema in a `# yaml-language-server: $schema=…` line.
"""

from __future__ import annotations

import json
from pathlib import Path

from .layers import INSERT_AFTER, INSERT_BEFORE, REMOVE, is_layer
from .model import FILES


def schema_for(file_name: str, layer: bool = False) -> dict:
    """The file's schema; for a layer on another (`layer`), with nothing required and the merge's own keys."""
    schema = FILES[file_name].model_json_schema(mode="validation")
    # Class docstrings are notes for developers; the editor's hover texts are the Norwegian field descriptions.
    schema.pop("description", None)
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)
    schema["title"] = file_name
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return _as_layer(schema) if layer else schema


def _as_layer(node: object) -> object:
    """A layer writes only what it changes: no field is required, and `remove`/`insert_after`/`insert_before` are
    allowed where the merge reads them (skoleplan/layers.py)."""
    if isinstance(node, list):
        return [_as_layer(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_layer(value) for key, value in node.items() if key != "required"}
    properties = node.get("properties")
    if node.get("type") == "object" and isinstance(properties, dict):
        properties[REMOVE] = {"type": "array", "items": {"type": "string"},
                              "description": "Id-er fra laget under som tas ut av listene her"}
        if "id" in properties:
            for key, where in ((INSERT_AFTER, "etter"), (INSERT_BEFORE, "foran")):
                properties[key] = {"type": "string", "description": f"Id-en til elementet dette skal stå {where}"}
    return node


def schema_text(file_name: str, layer: bool = False) -> str:
    return json.dumps(schema_for(file_name, layer), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(data_dir: Path, file_name: str) -> Path:
    return data_dir / "schema" / file_name.replace(".yaml", ".schema.json")


def write_schemas(data_dir: Path) -> list[Path]:
    """The schemas of a data folder: a layer's (a school on a base, the base itself) when it is one."""
    written = []
    layer = is_layer(data_dir)
    for name in FILES:
        path = schema_path(data_dir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = schema_text(name, layer)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
