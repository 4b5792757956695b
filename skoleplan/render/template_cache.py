"""Compiled Jinja templates kept on disk, shared by builds, build workers and `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for every build, and each build worker
starts without compiled templates, so Material's templates (and our page
templates) were compiled again every time: about a fifth of a build and of a
rebuild after an edit. Jinja's bytecode cache keeps the compiled code, checked
against the template's source, so an edited template is compiled anew.

Jinja's cache key is the template's name and file, not the environment's
options; compiled code depends on those options (delimiters, trim_blocks …),
so each set of options gets a cache of its own. Where no safe cache folder can
be had, templates are simply compiled as before.

`cached_text` keeps other costly, pure results in the same folder (the QR
codes of the calendar feeds: a twentieth of a build).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path

import jinja2

_CACHES: dict[str, jinja2.BytecodeCache | None] = {}


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


def bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """The bytecode cache for environments with `env`'s options (None: compile every time)."""
    if os.environ.get("SKOLEPLAN_NO_TEMPLATE_CACHE"):
        return None
    key = _options(env)
    if key not in _CACHES:
        try:
            _CACHES[key] = jinja2.FileSystemBytecodeCache(pattern=f"__skoleplan_{key}_%s.cache")
        except (OSError, RuntimeError):  # no private, writable temporary folder
            _CACHES[key] = None
    return _CACHES[key]


def use_bytecode_cache(env: jinja2.Environment) -> jinja2.Environment:
    env.bytecode_cache = bytecode_cache(env)
    return env


def cached_text(kind: str, inputs: tuple[str, ...], make: Callable[[], str]) -> str:
    """`make()`, kept in the same folder between builds, found again by `inputs`.

    `inputs` must name everything the text depends on (library versions too):
    a changed input is a new entry, never a stale one. Entries are written
    whole or not at all (a rename), so a reader never sees half of one.
    """
    cache = bytecode_cache(_PLAIN)
    if not isinstance(cache, jinja2.FileSystemBytecodeCache):
        return make()
    key = hashlib.sha256("\0".join((kind, *inputs)).encode("utf-8")).hexdigest()
    path = Path(cache.directory) / f"__skoleplan_{kind}_{key}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = make()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
    return text


def code_key(function: Callable) -> str:
    """A key that changes whenever `function`'s code does: for `cached_text` inputs."""
    return hashlib.sha256(marshal.dumps(function.__code__)).hexdigest()


_PLAIN = jinja2.Environment()  # default options: the cache folder every kind of entry shares
