"""A site built once per test session from the example school in data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.build import build_site

PROJECT = Path(__file__).resolve().parents[2]

# Every page of the handbook, as its URL path below /<lang>/.
PAGES = [
    "",
    "foresatte/",
    "rettigheter/",
    "aktivitetsplikt/",
    *(f"aktivitetsplikt/{slug}/" for slug in
      ("folge-med", "gripe-inn", "melde-fra", "undersoke", "sette-inn-tiltak", "dokumentere", "skjerpet")),
    "saksgang/",
    "aktivitetsplan/",
    "tiltak/",
    "forebygging/",
    "aarshjul/",
    "begreper/",
    "medvirkning/",
    "handheving/",
    "ressurser/",
    "kontakt/",
    "om-planen/",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    build_site(PROJECT, out, PROJECT / "data")
    return out


def page(site: Path, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")
