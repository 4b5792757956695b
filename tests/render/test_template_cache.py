"""The theme's Jinja environment: the same templates found, the same static files listed, fewer files walked."""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from skoleplan.render.template_cache import ThemeLoader, theme_environment

PROJECT = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"


def _in_hidden_folder(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/")[:-1])


def test_the_listing_is_jinjas_without_hidden_folders(tmp_path: Path):
    (tmp_path / ".icons" / "sub").mkdir(parents=True)
    (tmp_path / ".icons" / "sub" / "a.svg").write_text("<svg/>")
    (tmp_path / "assets" / ".cache").mkdir(parents=True)
    (tmp_path / "assets" / ".cache" / "x.js").write_text("")
    (tmp_path / "assets" / "site.js").write_text("")
    (tmp_path / ".hidden.css").write_text("")  # a hidden file (not a folder) is listed, as Jinja lists it
    (tmp_path / "main.html").write_text("")
    dirs = [str(tmp_path), str(MATERIAL)]
    ours = ThemeLoader(dirs).list_templates()
    jinjas = jinja2.FileSystemLoader(dirs).list_templates()
    assert ours == [name for name in jinjas if not _in_hidden_folder(name)]
    assert "assets/site.js" in ours and ".hidden.css" in ours and "main.html" in ours
    assert not [name for name in ours if name.startswith(".icons/") or "/.cache/" in name]
    assert len(jinjas) - len(ours) > 10_000  # Material's icons: what is no longer walked


def test_icons_in_hidden_folders_are_still_found_by_name(tmp_path: Path):
    env = theme_environment(jinja2.Environment(loader=jinja2.FileSystemLoader([str(MATERIAL)])), tmp_path / "cache")
    assert isinstance(env.loader, ThemeLoader)
    assert "<svg" in env.get_template(".icons/material/menu.svg").render()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_mkdocs_copies_the_same_static_files(lang: str, tmp_path: Path):
    config = load_config(config_file=str(PROJECT / f"mkdocs.{lang}.yml"), site_dir=str(tmp_path / "site"))
    plain, ours = Files([]), Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    ours.add_files_from_theme(theme_environment(config.theme.get_env(), tmp_path / "cache"), config)
    assert [f.src_uri for f in ours] == [f.src_uri for f in plain]
    assert "assets/javascripts/lunr/min/lunr.no.min.js" in {f.src_uri for f in ours}
