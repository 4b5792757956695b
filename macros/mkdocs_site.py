"""One MkDocs build of one site (an edition in a written standard), as `skoleplan build` runs it in a worker.

The same steps as MkDocs' own command line (`on_startup`, build, `on_shutdown`),
with the build's context handed to the `skoleplan` plugin, so MkDocs uses the
plan already read instead of reading it again. MkDocs' warnings and errors come
back as lines of text; an exception becomes a line of text, never a traceback.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from skoleplan.build import SiteOutcome
from skoleplan.context import BuildContext


# MkDocs' own wrapping around a message already said: no news for the person editing the plan.
_NOISE = re.compile(r"^(Error reading page '.*':|Aborted with a BuildError!|Aborted with \d+ warnings? in strict mode!)$")


class _Collect(logging.Handler):
    """What `mkdocs build --quiet` would print: warnings and errors, one message each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a message that cannot be formatted still says something
            message = str(record.msg)
        for line in clean(message):
            (self.errors if record.levelno >= logging.ERROR else self.warnings).append(line)


def clean(message: str) -> list[str]:
    """A log message's lines a person can act on: no Python tracebacks, no MkDocs wrapping."""
    kept, skipping = [], False
    for line in message.splitlines():
        if line.startswith("Traceback"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        if line.strip() and not _NOISE.match(line.strip()):
            kept.append(line.strip())
    return kept


def build_one(context: BuildContext, out_dir: Path, strict: bool = False) -> SiteOutcome:
    """Build `context`'s site into `out_dir` with MkDocs."""
    os.environ["SOURCE_DATE_EPOCH"] = str(context.epoch)  # MkDocs' own dates (sitemap) follow the build's time
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material prints a banner otherwise
    collect = _Collect()
    root, mkdocs_log = logging.getLogger(), logging.getLogger("mkdocs")
    saved = (root.handlers[:], root.level, mkdocs_log.level)
    root.handlers[:] = [collect]
    root.setLevel(logging.WARNING)
    mkdocs_log.setLevel(logging.WARNING)  # strict mode counts warnings: none may be filtered out before
    ok = True
    try:
        config_file = context.project / f"mkdocs.{context.lang}.yml"
        config = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=strict)
        config.plugins["skoleplan"].use(context)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - click's Abort is an exception, sys.exit a SystemExit
        ok = False
        message = (getattr(exc, "message", None) or str(exc)).strip()
        if strict and "strict mode" in message:  # the warnings are why it failed
            collect.errors += collect.warnings + ["stoppet av advarslene over (--strict)"]
            collect.warnings = []
        elif message not in ("", "0", "1", "None") and not isinstance(exc, SystemExit):
            collect.errors += clean(message)
        if not collect.errors:
            collect.errors.append(f"byggingen stoppet ({type(exc).__name__})")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        mkdocs_log.setLevel(saved[2])
    return SiteOutcome(f"{context.edition}/{context.lang}", ok, collect.errors, collect.warnings)


def prepare(project: Path) -> None:
    """What every build of `project` imports (MkDocs, the theme, the plugins, the Markdown extensions), by loading
    its configuration once: a worker does this while `skoleplan build` reads the plan. Quiet, and never an error:
    whatever is wrong with the configuration, the build itself reports."""
    logging.disable(logging.CRITICAL)
    try:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        load_config(config_file=str(Path(project) / "mkdocs.nb.yml"))
    except (Exception, SystemExit):  # noqa: BLE001 - see above
        pass
    finally:
        logging.disable(logging.NOTSET)
