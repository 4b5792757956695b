"""JSON Schema for each data file, so an editor can autocomplete and underline mistakes.

The files are written next to the data (`data/schema/<file>.schema.json`) and
each data file names its schema in a `# yaml-language-server: $schema=…` line.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import FILES


def schema_for(file_name: str) -> dict:
    schema = FILES[file_name].model_json_schema(mode="validation")
    # Class docstrings are notes for developers; the editor's hover texts are the Norwegian field descriptions.
    schema.pop("description", None)
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)
    schema["title"] = file_name
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text(file_name: str) -> str:
    return json.dumps(schema_for(file_name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(data_dir: Path, file_name: str) -> Path:
    return data_dir / "schema" / file_name.replace(".yaml", ".schema.json")


def write_schemas(data_dir: Path) -> list[Path]:
    written = []
    for name in FILES:
        path = schema_path(data_dir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = schema_text(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
