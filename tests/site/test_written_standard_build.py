"""The build warns when a page built as Nynorsk reads as Bokmål; `--strict` makes the warning a failure."""

from __future__ import annotations

import shutil

import pytest

from skoleplan.build import BuildError, build_site

from .conftest import PROJECT


def test_a_bokmaal_text_in_the_nynorsk_field_fails_a_strict_build(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    skole = data / "skole.yaml"
    text = skole.read_text(encoding="utf-8")
    nynorsk = "Vi bruker òg erfaringar frå skulemiljøsakene det siste året"
    bokmaal = "Vi bruker også erfaringer fra skolemiljøsakene det siste året, og hvis noe ikke virker, hva gjør vi da"
    assert nynorsk in text
    skole.write_text(text.replace(nynorsk, bokmaal), encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        build_site(PROJECT, tmp_path / "site", data, strict=True)
    message = str(failed.value)
    assert "[public/nn]" in message and "[public/nb]" not in message
    assert "om-planen.md: tekst på bokmål på en side bygd som nynorsk" in message
    assert "hvis" in message and "ikke" in message and 'lang="nb"' in message
