"""Text from YAML is shown, never run: no template evaluation, no raw HTML; a broken build changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skoleplan.build import STAGING_PREFIX, build_site
from skoleplan.errors import PlanError

from .conftest import PROJECT



def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build
def test_template_syntax_and_html_in_data_come_out_literally(data, tmp_path):
    concepts = data / "begreper.yaml"
    text = concepts.read_text(encoding="utf-8")
    planted = "Sjekk {{ 7*7 }} og <script>alert(1)</script> og {% raw %} og {: onclick=x }"
    # Plant the text in the first nb definition.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "definition:" in line:
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = f"{indent}definition: {{nb: '{planted}', nn: '{planted}'}}"
            # drop the old block's nb/nn lines if the definition was written as a block
            j = i + 1
            while j < len(lines) and lines[j].startswith(indent + "  ") and lines[j].strip().startswith(("nb:", "nn:")):
                lines[j] = ""
                j += 1
            break
    concepts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(PROJECT, site, data)
    html = (site / "nb" / "begreper" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in html.replace("&#123;", "{").replace("&#125;", "}")
    assert "49" not in html.split("Sjekk", 1)[1][:40]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, escaped once
    assert 'onclick="x"' not in html


@pytest.mark.build
def test_broken_data_fails_the_build_and_leaves_the_old_site(data, tmp_path):
    site = tmp_path / "site"
    build_site(PROJECT, site, data)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    replace_in(data / "roller.yaml", "roles:", "rolles:")
    with pytest.raises(PlanError) as raised:
        build_site(PROJECT, site, data)
    assert "ukjent felt «rolles»; mente du «roles»?" in raised.value.report()
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert leftovers == []


@pytest.mark.build
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("role: rektor,", "role: rekter,", "aktivitetsplikt.yaml:40:70: ukjent rolle «rekter»; det finnes ingen rolle med denne id-en i roller.yaml; mente du «rektor»?"),
        ("Snakk med eleven., nn:", "Snakk med 01019000083., nn:", "aktivitetsplikt.yaml:40:21: ser ut som et fødselsnummer eller D-nummer (01**** *****); "
         "opplysninger om enkeltpersoner skal aldri stå i planen: fjern det"),
    ],
)
def test_problems_across_files_fail_the_build(data, tmp_path, old, new, expected):
    """References and personal data are checked before anything is published; nothing changes when they fail."""
    site = tmp_path / "site"
    build_site(PROJECT, site, data)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    replace_in(data / "aktivitetsplikt.yaml", old, new)
    with pytest.raises(PlanError) as raised:
        build_site(PROJECT, site, data)
    assert expected in raised.value.report()
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)] == []


@pytest.mark.build
def test_broken_template_fails_with_a_clear_message_and_no_traceback(data, tmp_path):
    from skoleplan.build import BuildError

    project = tmp_path / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns(".venv", "site", "site-intern", "tests", ".git", "node_modules", "bench"))
    template = project / "overrides" / "pages" / "begreper.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{{ c.no_such_helper() }}\n", encoding="utf-8")
    site = tmp_path / "site"
    with pytest.raises(BuildError) as raised:
        build_site(project, site, data)
    message = str(raised.value)
    assert "begreper" in message
    assert "Traceback" not in message
    assert not site.exists()


def test_cli_build_reports_data_errors_in_norwegian(data, tmp_path, capsys):
    from skoleplan.cli import main

    replace_in(data / "roller.yaml", "roles:", "rolles:")
    code = main(["build", "--data", str(data), "--site", str(tmp_path / "site"), "--project", str(PROJECT)])
    err = capsys.readouterr().err
    assert code == 1
    assert "mente du «roles»?" in err and "Traceback" not in err


@pytest.mark.build
def test_an_id_that_is_also_a_heading_on_its_page_stops_the_build(data, tmp_path):
    """Issue 18: an activity with the id «september» gave the årshjul page two elements with that id."""
    replace_in(data / "aarshjul.yaml", "id: elevundersokelsen", "id: november")
    with pytest.raises(Exception) as failed:
        build_site(PROJECT, tmp_path / "site", data)
    assert "aarshjul.md: «november» står to ganger som id på siden" in str(failed.value)
    assert not (tmp_path / "site").exists()
