"""The site marks a machine draft as one, in the reader's written standard; a strict build refuses drafts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from skoleplan.build import BuildError, build_site
from skoleplan.cli import main
from skoleplan.model.base import Markdown, Text, fingerprint
from skoleplan.context import BuildContext
from skoleplan.render.pages import PageContext, PageRenderer
from skoleplan.translate.draft import approve, draft
from skoleplan.validate import load_plan

from .conftest import MINIMAL, PROJECT, replace_in, shout

NN_NOTICE = "Maskinomsett frå bokmål, ikkje kvalitetssikra"
NB_NOTICE = "Maskinoversatt fra nynorsk, ikke kvalitetssikret"


def render(plan, lang: str, page: str = "tiltak") -> str:
    return PageRenderer([PROJECT / "overrides" / "pages"]).render(page, BuildContext.of(plan, lang), f"{page}.md")


def drafted(nb: str, nn: str, source: str = "nb", status: str = "draft", kind=Markdown) -> Text:
    original = nb if source == "nb" else nn
    return kind(nb=nb, nn=nn, translation={"source": source, "status": status, "hash": fingerprint(original)})


def test_a_draft_shows_the_notice_on_the_nynorsk_page_only(plan_dir):
    draft(plan_dir, translator=shout)
    plan = load_plan(plan_dir)
    nn, nb = render(plan, "nn"), render(plan, "nb")
    assert f"EN VOKSEN FØLGER ELEVEN GJENNOM SKOLEDAGEN. <small class=\"sp-machine-draft\">({NN_NOTICE})</small>" in nn
    assert "Gløym ikkje å spørje eleven korleis tiltaket verkar.\n" in nn  # written by hand: no notice
    assert NB_NOTICE not in nb and NN_NOTICE not in nb and "sp-machine-draft" not in nb


def test_a_drafted_heading_has_its_notice_under_it_not_in_it(plan_dir):
    """In the heading the notice would show in the table of contents, the page title and search results."""
    replace_in(plan_dir / "tiltak.yaml", "title: {nb: Fast voksen, nn: Fast vaksen}", "title: {nb: Fast voksen}")
    draft(plan_dir, translator=shout)
    nn = render(load_plan(plan_dir), "nn")
    lines = nn.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("#") and "FAST VOKSEN" in line)
    assert "sp-machine-draft" not in lines[heading]
    assert lines[heading + 1] == f'<small class="sp-machine-draft">({NN_NOTICE})</small>'
    assert lines[heading + 2] == ""  # a paragraph of its own, not the start of the text under it
    assert not [line for line in lines if line.startswith("#") and "sp-machine-draft" in line]


def test_a_reviewed_translation_shows_no_notice(plan_dir):
    draft(plan_dir, translator=shout)
    approve(plan_dir, "tiltak.yaml")
    approve(plan_dir, "aktivitetsplikt.yaml")
    assert "sp-machine-draft" not in render(load_plan(plan_dir), "nn")


def test_a_nynorsk_school_s_drafts_are_marked_in_bokmal(nynorsk_dir):
    draft(nynorsk_dir, translator=shout)
    plan = load_plan(nynorsk_dir)
    nb, nn = render(plan, "nb"), render(plan, "nn")
    assert f"({NB_NOTICE})" in nb
    assert "sp-machine-draft" not in nn


def test_notice_in_titles_lists_and_tables():
    plan = load_plan(MINIMAL)
    context = PageContext(BuildContext.of(plan, "nn"))
    title = drafted("Fast voksen", "Fast vaksen", kind=Text)
    assert context.text(title) == f'Fast vaksen <small class="sp-machine-draft">({NN_NOTICE})</small>'
    assert context.text(drafted("Fast voksen", "Fast vaksen", status="reviewed", kind=Text)) == "Fast vaksen"
    listed = context.md(drafted("- a\n- b\n", "- a\n- b\n"))
    assert listed == f'- a\n- b <small class="sp-machine-draft">({NN_NOTICE})</small>'
    table = context.md(drafted("| a | b |\n|---|---|\n| c | d |", "| a | b |\n|---|---|\n| c | d |"))
    assert table.endswith(f'| c | d |\n\n<small class="sp-machine-draft">({NN_NOTICE})</small>')
    fenced = context.md(drafted("Kode:\n\n```\nx\n```", "Kode:\n\n```\nx\n```"))
    assert fenced.endswith(f'```\n\n<small class="sp-machine-draft">({NN_NOTICE})</small>')
    assert NN_NOTICE in context.html(drafted("Tekst", "Tekst"))
    assert PageContext(BuildContext.of(plan, "nb")).md(drafted("Tekst", "Tekst")) == "Tekst"


@pytest.mark.build
def test_build_counts_drafts_and_strict_refuses_them(plan_dir, tmp_path, capsys):
    draft(plan_dir, translator=shout)
    site = tmp_path / "site"
    common = ["build", "--data", str(plan_dir), "--site", str(site), "--staff-site", "", "--project", str(PROJECT)]
    assert main([*common, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "Bygger ikke med --strict: planen har 7 maskinoversatte utkast som ingen har godkjent." in err
    assert not site.exists()
    assert main(common) == 0
    assert "Merk: 7 maskinoversatte utkast er ikke godkjent ennå (se «make status»)." in capsys.readouterr().out
    page = (site / "nn" / "tiltak" / "index.html").read_text(encoding="utf-8")
    assert f'<small class="sp-machine-draft">({NN_NOTICE})</small>' in page
    assert "sp-machine-draft" not in (site / "nb" / "tiltak" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_strict_build_refuses_drafts_before_building(plan_dir, tmp_path):
    draft(plan_dir, translator=shout)
    with pytest.raises(BuildError) as raised:
        build_site(PROJECT, tmp_path / "site", plan_dir, strict=True)
    assert str(raised.value).startswith("Bygger ikke med --strict: planen har 7 maskinoversatte utkast")
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_mkdocs_strict_fails_on_drafts_through_the_glue(plan_dir, tmp_path):
    """`mkdocs build --strict` without our command line: the glue's warning fails it."""
    draft(plan_dir, translator=shout)
    env = dict(os.environ, SKOLEPLAN_DATA=str(plan_dir), SKOLEPLAN_FEEDS="0", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.nn.yml", "-d", str(tmp_path / "nn")]
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "teksten på nynorsk har 7 maskinoversatte utkast som ingen har godkjent" in done.stderr
    assert "strict" in done.stderr


# --- `{: lang=nb }`: a passage in the other written standard, as Python-Markdown renders it ---------


def rendered(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(markdown_text, extensions=["attr_list"])


def test_a_lang_marker_after_the_words_of_a_paragraph_or_list_item_marks_it():
    context = PageContext(BuildContext.of(load_plan(MINIMAL), "nn"))
    nn = "Vi følgjer lova.\n\nSitat fra loven, på bokmål. {: lang=nb }\n\n- Eitt punkt\n- Punkt fra loven {: lang=nb }\n- Siste punkt"
    page = rendered(context.md(Markdown(nb="Vi følger loven.", nn=nn)))
    assert '<p lang="nb">Sitat fra loven, på bokmål.</p>' in page
    assert '<li lang="nb">Punkt fra loven</li>' in page
    assert "<li>Eitt punkt</li>" in page and "<li>Siste punkt</li>" in page
    assert "{" not in page and "lang=nb" not in page


def test_a_lang_marker_on_a_line_of_its_own_still_marks_its_paragraph_and_list_item():
    context = PageContext(BuildContext.of(load_plan(MINIMAL), "nn"))
    nn = "Sitat fra loven.\n{: lang=nb }\n\n- Punkt fra loven\n  {: lang=nb }\n- Siste punkt"
    page = rendered(context.md(Markdown(nb="Vi følger loven.", nn=nn)))
    assert '<p lang="nb">Sitat fra loven.</p>' in page and '<li lang="nb">Punkt fra loven</li>' in page


@pytest.mark.parametrize(
    ("nn", "element"),
    [
        ("Vi følgjer lova.\n\nSitat fra loven. {: lang=nb }", "p"),
        ("Vi følgjer lova.\n\nSitat fra loven.\n{: lang=nb }", "p"),
        ("Vi følgjer lova:\n\n- Eitt punkt\n- Sitat fra loven. {: lang=nb }", "li"),
        ("Vi følgjer lova:\n\n- Eitt punkt\n- Sitat fra loven.\n  {: lang=nb }", "li"),
    ],
)
def test_a_draft_s_notice_goes_before_a_closing_lang_marker_and_says_its_own_language(nn, element):
    context = PageContext(BuildContext.of(load_plan(MINIMAL), "nn"))
    page = rendered(context.md(drafted("Vi følger loven.", nn)))
    notice = f'<small class="sp-machine-draft" lang="nn">({NN_NOTICE})</small>'
    assert f'<{element} lang="nb">Sitat fra loven. {notice}</{element}>' in page
    assert "{" not in page
