"""Compiled Jinja templates kept on disk, shared by builds, build workers and `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for every build, and each build worker
starts without compiled templates, so Material's templates (and our page
templates) were compiled again every time: about a fifth of a build and of a
rebuild after an edit. Jinja's bytecode cache keeps the compiled code, checked
against the template's source, so an edited template is compiled anew.

Jinja's cache key is the template's name and file, not the environment's
options; compiled code depends on those options (delimiters, trim_blocks …),
so each set of options gets a cache of its own. Where no safe cache folder can
be had, templates are simply compiled as before. The folder is the project's
`.cache/` (git-ignored; `make clean` removes it).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2

def _options(env: jinja2.Environment) -> str:
    autoescape = env.autoescape
    parts = [
        jinja2.__version__,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.is_async, sorted(env.extensions),
        getattr(autoescape, "__qualname__", autoescape), getattr(env.finalize, "__qualname__", env.finalize),
    ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def use_bytecode_cache(env: jinja2.Environment, directory: Path) -> jinja2.Environment:
    """`env` keeping its compiled templates in `directory` (when it cannot be made, templates are compiled as before)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(directory), pattern=f"__skoleplan_{_options(env)}_%s.cache")
    return env


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's templates, listed without walking hidden folders.

    On every build MkDocs lists every file of the theme to copy the static ones,
    and drops hidden files and folders by its own rule (`Files.add_files_from_theme`).
    Material's hidden `.icons` folder alone is 14,348 files: walking and dropping
    them was 0.06 s of a site's 0.78 s, 7.5 s of the 30-school municipality's
    118 s of processor time (`make bench`, 5 December). Templates are still found
    by name in hidden folders, as Material's templates include the icons.
    """

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    relative = os.path.relpath(os.path.join(dirpath, filename), searchpath)
                    found.add(relative.replace(os.path.sep, "/"))
        return sorted(found)


def theme_environment(env: jinja2.Environment, directory: Path) -> jinja2.Environment:
    """MkDocs' Jinja environment for the theme, with `ThemeLoader` and the bytecode cache in `directory`."""
    if type(env.loader) is jinja2.FileSystemLoader:
        loader = env.loader
        env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return use_bytecode_cache(env, directory)
