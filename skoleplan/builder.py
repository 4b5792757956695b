"""The builder process: every MkDocs build of a site, in workers forked from it, and the calendar feeds.

`skoleplan/build.py` starts it first thing (`Builds()`), so it imports MkDocs
while the plan is read; `Builds.start` hands it the plan (pickled: a fiftieth
of a second) and the jobs. It makes what every page needs (the public edition,
the school calendars), forks one worker per build (as many as there are
cores), makes the feeds while they build, and answers with each build's
outcome and the feeds (`Done`). So no build pays again for Python's start-up,
the imports or reading the plan. Without fork (Windows), everything runs in
the calling process, one build after the other.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import logging
import multiprocessing
import os
import sys
import threading
import types
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from .errors import PlanError, Problem
from .model import LANGS, Plan
from .resolve.edition import Edition, for_edition


LOCK_FILES: dict[Edition, str] = {"public": "kalender.lock.json", "staff": "kalender-intern.lock.json"}


def render_all_feeds(plan: Plan, edition: Edition, data_dir: Path, epoch: str) -> dict[str, bytes]:
    """The årshjul feeds of one edition, both languages, {path below the site: bytes}; updates the lock file."""
    from .render.ical import render_feeds
    from .site import Handbook

    edition_plan = for_edition(plan, edition)
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    root = Handbook.root_url(edition_plan, edition)
    feeds: dict[str, bytes] = {}
    for lang in LANGS:
        lock = data_dir / LOCK_FILES[edition]
        feeds.update(render_feeds(edition_plan, lang, root, lock_path=lock, stamp=stamp))
    return feeds


# --- one MkDocs build, in this process -----------------------------------------------------------


class _Collect(logging.Handler):
    """What `mkdocs build --quiet` would print: warnings and errors, one line each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a message that cannot be formatted still says something
            message = str(record.msg)
        self.lines.append(f"{record.levelname:<8}-  {message}")


class _ImportedOnFirstUse(types.ModuleType):
    """Stands in for a module until something uses it; then imports it and steps aside."""

    __spec__ = None  # what the import machinery asks a module in sys.modules: not the real module

    def __getattr__(self, attribute: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


def _import_on_first_use(name: str) -> None:
    if name not in sys.modules:
        sys.modules[name] = _ImportedOnFirstUse(name)


def _preload() -> None:
    """Import what every build needs, once, before the workers are forked from this process."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material prints a banner on import otherwise
    # mkdocs-macros imports requests (a sixth of our imports) only to fetch remote pluglets, which we never do.
    _import_on_first_use("requests")
    import material.plugins.search.plugin  # noqa: F401
    import material.templates  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401

    from . import search, site  # noqa: F401
    from .render import ical, pages, written_standard  # noqa: F401
    from .translate import status  # noqa: F401

    search.stem("skole")  # the stemmer's tables


# One MkDocs build: (project, language, edition, output folder, environment, strict), and what came of it:
# (edition/language, exit code, its warnings and errors).
Job = tuple[str, str, str, str, dict[str, str], bool]
T = TypeVar("T")
BuildOutcome = tuple[str, int, str]


def _mkdocs(project: str, lang: str, edition: str, out_dir: str, env: dict[str, str], strict: bool) -> BuildOutcome:
    """`mkdocs build` of one language and edition, in this process: (name, exit code, its warnings and errors).

    The same steps as MkDocs' own command line (`on_startup`, build, `on_shutdown`);
    an exception becomes a line of text, never a traceback.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(env, SKOLEPLAN_EDITION=edition)
    os.chdir(project)
    collect = _Collect()
    root, mkdocs_log = logging.getLogger(), logging.getLogger("mkdocs")
    saved = (root.handlers[:], root.level, mkdocs_log.level)
    root.handlers[:] = [collect]
    root.setLevel(logging.WARNING)
    mkdocs_log.setLevel(logging.WARNING)  # strict mode counts warnings: none may be filtered out before
    code = 0
    try:
        config = load_config(config_file=str(Path(project) / f"mkdocs.{lang}.yml"), site_dir=out_dir, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - click's Abort is an exception, sys.exit a SystemExit
        code = 1
        message = (getattr(exc, "message", None) or str(exc)).strip()
        if type(exc).__name__ == "Abort":
            collect.lines.append(message)  # «Aborted with a BuildError!», «Aborted with 2 warnings in strict mode!»
        elif message not in ("", "0", "1", "None"):
            collect.lines.append(f"ERROR   -  {message}")
        else:
            collect.lines.append(f"ERROR   -  {type(exc).__name__}")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        mkdocs_log.setLevel(saved[2])
    return f"{edition}/{lang}", code, "\n".join(collect.lines)


@contextmanager
def _restored_environment() -> Iterator[None]:
    """For builds run in this very process: the environment and working directory as they were, afterwards."""
    env, cwd = dict(os.environ), os.getcwd()
    try:
        yield
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)


def _workers(jobs: int) -> int:
    """One worker per core this process may use, and never more than there are builds."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores))


def _warm_up(plan: Plan, editions: list[Edition]) -> None:
    """Before the workers fork: what both they and the feeds need, made once (the edition, the school calendars)."""
    from .resolve.dates import SchoolCalendar

    for edition in editions:
        for_edition(plan, edition)
    for year in plan.school_calendar.school_years:
        SchoolCalendar.of(year).school_days()


def _run_builds(jobs: list[Job], meanwhile: Callable[[], T]) -> tuple[list[BuildOutcome], T]:
    """Run the builds in workers forked from this process, and `meanwhile()` here; without fork, one after the other."""
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        with _restored_environment():
            outcomes = [_mkdocs(*job) for job in jobs]
        return outcomes, meanwhile()
    context = multiprocessing.get_context("fork")
    # What is in memory now is shared with the workers and stays so: the garbage collector
    # would otherwise touch (and so copy) every page of it in every worker.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=_workers(len(jobs)), mp_context=context) as pool:
            futures = [pool.submit(_mkdocs, *job) for job in jobs]
            extra = meanwhile()
            outcomes = []
            for job, future in zip(jobs, futures):
                try:
                    outcomes.append(future.result())
                except BrokenProcessPool:
                    outcomes.append((_job_name(job), 1, "byggeprosessen stoppet uventet (for lite minne?)"))
    finally:
        gc.unfreeze()
    return outcomes, extra


def _job_name(job: Job) -> str:
    return f"{job[2]}/{job[1]}"


@dataclass(frozen=True)
class Order:
    """What the builder process is asked to do: every MkDocs build of `jobs`, and the feeds of `editions`."""

    plan: Plan
    data_dir: Path
    jobs: list[Job]
    editions: list[Edition]
    epoch: str


@dataclass(frozen=True)
class Done:
    """What it answers: each build's outcome, and the feeds ({edition: {path: bytes}}) or why there are none."""

    outcomes: list[BuildOutcome]
    feeds: dict[Edition, dict[str, bytes]]
    feed_problems: list[Problem] = field(default_factory=list)


def _carry_out(order: Order) -> Done:
    """The builds in forked workers and, meanwhile, the feeds; an unexpected error becomes a failed build."""
    from .site import pinned_plan

    def feeds() -> dict[Edition, dict[str, bytes]] | list[Problem]:
        try:
            return {e: render_all_feeds(order.plan, e, order.data_dir, order.epoch) for e in order.editions}
        except PlanError as exc:  # a lock file that cannot be read: the parent reports it as a plan error
            return exc.problems

    try:
        _preload()
        _warm_up(order.plan, order.editions)
        with pinned_plan(order.data_dir, order.plan):  # every build uses this reading of the plan, not a new one
            outcomes, made = _run_builds(order.jobs, feeds)
    except Exception as exc:  # noqa: BLE001 - reported as the builds' failure, never as a traceback
        failed = [(_job_name(job), 1, f"ERROR   -  {type(exc).__name__}: {exc}") for job in order.jobs]
        return Done(failed, {})
    if isinstance(made, list):
        return Done(outcomes, {}, made)
    return Done(outcomes, made)


def _builder(connection) -> None:
    """The builder process: imports MkDocs, then waits for its `Order` and answers with `Done`."""
    try:
        _preload()
        order = connection.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return
    except Exception:  # noqa: BLE001 - `_carry_out` imports again and reports the error as the builds' failure
        order = connection.recv()
    if order is None:  # the build stopped before the plan was read
        return
    connection.send(_carry_out(order))


class Builds:
    """The builder process, forked when made: `start` hands it its `Order`, `done` waits for its `Done`."""

    def __init__(self) -> None:
        self._process = None
        self._order: Order | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._connection, theirs = context.Pipe()
            self._process = context.Process(target=_builder, args=(theirs,), name="skoleplan-build", daemon=False)
            self._process.start()
            theirs.close()

    def start(self, order: Order) -> None:
        """Hand over the order; returns at once (the pipe is fed while the builder finishes its imports)."""
        self._order = order
        if self._process is not None:
            self._sender = threading.Thread(target=self._send, args=(order,), daemon=True)
            self._sender.start()

    def _send(self, message: object) -> None:
        try:
            self._connection.send(message)
        except (OSError, ValueError):  # the builder is gone: `done` says so
            pass

    def done(self) -> Done:
        assert self._order is not None
        if self._process is None:  # pragma: no cover - Windows
            with _restored_environment():
                return _carry_out(self._order)
        try:
            done = self._connection.recv()
            self._sender.join()
        except (EOFError, OSError):
            failed = "byggeprosessen stoppet uventet (for lite minne?)"
            done = Done([(_job_name(job), 1, failed) for job in self._order.jobs], {})
        self._process.join()
        return done

    def stop(self) -> None:
        """End the builder process if it is still waiting or building (the build failed, or was interrupted)."""
        if self._process is None or not self._process.is_alive():
            return
        if self._order is None:  # still waiting for the plan
            self._send(None)
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


def clean_log(log: str) -> str:
    """MkDocs' output without Python tracebacks: the lines a person can act on."""
    keep = []
    skipping = False
    for line in log.splitlines():
        if line.startswith("Traceback"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        if "end of life" in line or "zensical" in line.lower() or "│" in line or line.startswith("INFO"):
            continue
        keep.append(line)
    return "\n".join(keep).strip()
