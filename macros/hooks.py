"""MkDocs hooks: what the glue needs from MkDocs besides the two macros (macros/main.py).

- Every Jinja environment MkDocs makes for the theme keeps its compiled templates
  between builds (skoleplan/render/template_cache.py), and does not walk the
  theme's dot folders when MkDocs lists the theme's files (`ThemeLoader`).
- A page built as Nynorsk must read as Nynorsk (and Bokmål as Bokmål): judged on
  the HTML MkDocs has just made of the page, so no page is converted twice.
- mkdocs-macros' `git` variable asks git only when a page uses it: mkdocs-macros
  runs git twelve times per build to fill it, and no page of ours uses it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from typing import Any

import jinja2
import mkdocs_macros.context
from mkdocs.plugins import event_priority

from skoleplan.render.template_cache import use_bytecode_cache
from skoleplan.render.written_standard import check_html

log = logging.getLogger("mkdocs.plugins.skoleplan")


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's templates, listed without walking into dot folders.

    MkDocs lists every file of the theme on every build to find the static files
    to copy, and skips any path with a part starting with a dot. Material keeps
    its 14,000 icons in `.icons`: walking and then skipping them was a tenth of
    a build. Templates are found exactly as before; only the listing is shorter.
    """

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                folder = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                for filename in filenames:
                    found.add(filename if folder == "." else f"{folder}/{filename}")
        return sorted(found)


class GitInfoOnDemand(Mapping):
    """What mkdocs-macros' `get_git_info()` returns, asked of git the first time a template reads it."""

    def __init__(self, get_git_info) -> None:
        self._get = get_git_info
        self._info: dict[str, Any] | None = None

    def _loaded(self) -> dict[str, Any]:
        if self._info is None:
            self._info = self._get() or {}
        return self._info

    def __getitem__(self, key: str) -> Any:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def _git_info_on_demand(get_git_info):
    def on_demand() -> GitInfoOnDemand:
        return GitInfoOnDemand(get_git_info)

    on_demand.on_demand = True
    return on_demand


if not getattr(mkdocs_macros.context.get_git_info, "on_demand", False):  # MkDocs loads this file for every build
    mkdocs_macros.context.get_git_info = _git_info_on_demand(mkdocs_macros.context.get_git_info)


def _theme_env(get_env):
    def env() -> jinja2.Environment:
        made = get_env()
        made.loader = ThemeLoader(made.loader.searchpath)
        return use_bytecode_cache(made)

    return env


@event_priority(100)  # before Material's search plugin asks the theme for its first environment
def on_config(config):
    theme = config.theme
    if not getattr(theme, "_skoleplan_env", False):
        theme.get_env = _theme_env(theme.get_env)
        theme._skoleplan_env = True
    return config


def on_page_content(html, page, config, files):
    """Glossary terms linked where they stand; a warning (which fails `--strict`) when the page reads as the other
    written standard."""
    html = _link_terms(html, page, config)
    verdict = check_html(html, config["theme"]["language"])
    if not verdict.ok:
        log.warning(f"{page.file.src_uri}: {verdict.describe()}")
    return html


def _link_terms(html, page, config):
    """The first use of each glossary term on the page links to its definition (skoleplan/render/glossary.py)."""
    from pathlib import Path

    from skoleplan.render.glossary import linker_for

    extra = config["extra"]
    project = Path(config["config_file_path"]).parent
    linker = linker_for(project, config["theme"]["language"], project / extra.get("data_dir", "data"), extra.get("edition", "public"))
    return linker.link(html, page.file.src_uri)
