"""The status report counts every text by file, kind of content, direction and state, in Norwegian."""

from __future__ import annotations

import re
import shutil

from skoleplan.cli import main
from skoleplan.translate.draft import draft
from skoleplan.translate.status import collect, format_report, unreviewed
from skoleplan.validate import load_plan

from .conftest import MINIMAL, shout


def row(report_text: str, file: str, kind: str) -> list[int]:
    """The eight numbers of one row of the table (the file name stands only on its first row)."""
    current = None
    for line in report_text.splitlines():
        if line.startswith(file):
            current = file
        elif line and not line.startswith(" "):
            current = None
        if current == file and f"  {kind}  " in line:
            return [int(n) for n in line.split()[-8:]]
    raise AssertionError(f"no row for {file} / {kind}:\n{report_text}")


def test_counts_by_file_kind_and_state(plan_dir):
    report = collect(plan_dir)
    measures = report.rows[("tiltak.yaml", "tiltak")]
    assert dict(measures[("nb", "nn")]) == {"reviewed": 3, "draft": 1, "stale": 2, "missing": 2}
    assert dict(report.rows[("tiltak.yaml", "øvrige tekster")][("nb", "nn")]) == {"missing": 1}
    assert dict(report.rows[("aktivitetsplikt.yaml", "øvrige tekster")][("nb", "nn")])["missing"] == 1
    assert report.total()["missing"] == 4 and report.total()["stale"] == 2 and report.total()["draft"] == 1
    text = format_report(report)
    assert "Oversettelsesstatus for" in text and "(hovedmål: bokmål)" in text
    assert "bokmål → nynorsk" in text and "nynorsk → bokmål" in text
    assert "godkjent" in text and "utkast" in text and "utdatert" in text and "mangler" in text
    assert row(text, "tiltak.yaml", "tiltak") == [3, 1, 2, 2, 0, 0, 0, 0]
    assert "Å gjøre: 4 tekster mangler på ett av skriftspråkene; 2 oversettelser er utdaterte" in text
    assert "1 maskinoversatt utkast venter på gjennomlesing" in text


def test_after_drafting_only_drafts_remain(plan_dir):
    draft(plan_dir, translator=shout)
    report = collect(plan_dir)
    assert report.total()["missing"] == 0 and report.total()["stale"] == 0
    assert report.total()["draft"] == 7
    listing = format_report(report, listing=True)
    assert re.search(r"tiltak\.yaml:\d+:\d+: maskinoversatt utkast \(bokmål → nynorsk\) – tiltak «fast-voksen», how", listing)


def test_both_directions(nynorsk_dir):
    report = collect(nynorsk_dir)
    assert report.main == "nn"
    text = format_report(report)
    assert "(hovedmål: nynorsk)" in text
    assert text.index("nynorsk → bokmål") < text.index("bokmål → nynorsk")  # the main direction first
    assert dict(report.rows[("tiltak.yaml", "tiltak")][("nn", "nb")]) == {"missing": 2, "reviewed": 1}


def test_everything_reviewed_says_so(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    text = format_report(collect(data))
    assert "Alle tekster finnes på begge skriftspråk, og alle oversettelser er godkjent." in text
    assert "skrevet for hånd på begge skriftspråk og ennå ikke sporet: «make oversett» begynner å spore dem" in text


def test_unreviewed_counts_drafts_and_stale_by_language(plan_dir):
    draft(plan_dir, translator=shout)
    counts = unreviewed(load_plan(plan_dir))
    assert counts.drafts == {"nb": 0, "nn": 7} and counts.stale == {"nb": 0, "nn": 0}
    assert counts.describe() == "7 maskinoversatte utkast"
    assert counts.describe("nb") == ""


def test_cli_status(plan_dir, capsys):
    assert main(["status", str(plan_dir), "--liste"]) == 0
    out = capsys.readouterr().out
    assert "Oversettelsesstatus" in out and "tiltak «trygg-pause», prerequisites" in out
