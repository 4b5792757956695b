"""Build the whole site: every (edition, language) in parallel, then swap it into place.

A failed build never leaves a half-written site: everything is written to a
temporary directory beside the target, and the target is replaced only when
every step has succeeded. Output is deterministic: dates come from the data
(or SOURCE_DATE_EPOCH), never from the clock.

Speed (README, «Performance»; `make bench`): a builder process is forked first
thing and imports MkDocs while this one reads the plan; it receives the plan
(pickled), makes what every page needs (the public edition, the school
calendars), and forks one worker per build (as many as there are cores), so no
build pays again for Python's start-up, the imports or reading the plan. It
makes the calendar feeds meanwhile; this process writes them when the builds
are done.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import importlib
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import types
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import jinja2

from .errors import PlanError, Problem
from .model import LANGS, Plan
from .resolve.edition import Edition, for_edition
from .validate import load_plan_in_stages


class BuildError(Exception):
    """The build failed; the message says why, in Norwegian."""


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    seconds: float


def source_date_epoch(plan: Plan, data_dir: Path) -> str:
    """A fixed build time: the last commit that touched the data, else the day the plan was approved.

    It decides which school year the årshjul page shows, and stamps the feeds;
    it never comes from the clock, so the same input gives the same site.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=data_dir, capture_output=True, text=True, timeout=10
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    approved = plan.school.plan.approved
    return str(calendar.timegm(approved.timetuple()))


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


def write_all_feeds(plan: Plan, edition: Edition, site_dir: Path, data_dir: Path, epoch: str) -> None:
    """The årshjul feeds of one edition, both languages, one process: the lock file is updated once."""
    _write_files(site_dir, render_all_feeds(plan, edition, data_dir, epoch))


def _write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


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
class _Order:
    """What the builder process is asked to do: every MkDocs build of `jobs`, and the feeds of `editions`."""

    plan: Plan
    data_dir: Path
    jobs: list[Job]
    editions: list[Edition]
    epoch: str


@dataclass(frozen=True)
class _Done:
    """What it answers: each build's outcome, and the feeds ({edition: {path: bytes}}) or why there are none."""

    outcomes: list[BuildOutcome]
    feeds: dict[Edition, dict[str, bytes]]
    feed_problems: list[Problem] = field(default_factory=list)


def _carry_out(order: _Order) -> _Done:
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
        return _Done(failed, {})
    if isinstance(made, list):
        return _Done(outcomes, {}, made)
    return _Done(outcomes, made)


def _builder(connection) -> None:
    """The builder process: imports MkDocs, then waits for its `_Order` and answers with `_Done`."""
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


class _Builds:
    """The MkDocs builds and the feeds, made by a process forked before the plan is read: it imports MkDocs meanwhile.

    `start` hands it the plan (pickled through a pipe: a fiftieth of a second)
    and the jobs; it forks one worker per build from itself, makes the feeds
    while they build, and `done` waits for its answer. Without fork (Windows)
    all of it runs in this process when `done` is asked for.
    """

    def __init__(self) -> None:
        self._process = None
        self._order: _Order | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._connection, theirs = context.Pipe()
            self._process = context.Process(target=_builder, args=(theirs,), name="skoleplan-build", daemon=False)
            self._process.start()
            theirs.close()

    def start(self, order: _Order) -> None:
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

    def done(self) -> _Done:
        assert self._order is not None
        if self._process is None:  # pragma: no cover - Windows
            with _restored_environment():
                return _carry_out(self._order)
        try:
            done = self._connection.recv()
            self._sender.join()
        except (EOFError, OSError):
            failed = "byggeprosessen stoppet uventet (for lite minne?)"
            done = _Done([(_job_name(job), 1, failed) for job in self._order.jobs], {})
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


def _clean_log(log: str) -> str:
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


def write_root_index(plan: Plan, project: Path, out_dir: Path) -> None:
    """`site/index.html`: takes the reader to the school's main written standard, offers the other, no JavaScript."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project / "overrides" / "site")),
        autoescape=True,
        keep_trailing_newline=True,
    )
    main = plan.school.school.main_standard
    order = [main] + [lang for lang in LANGS if lang != main]
    html = env.get_template("index.html.j2").render(
        main=main,
        order=order,
        names={lang: plan.school.school.name[lang] for lang in LANGS},
        intro={
            "nb": "Planen for et trygt og godt skolemiljø. Velg skriftspråk:",
            "nn": "Planen for eit trygt og godt skulemiljø. Vel skriftspråk:",
        },
        labels={"nb": "Bokmål", "nn": "Nynorsk"},
    )
    (out_dir / "index.html").write_text(html, encoding="utf-8")


DEFAULT_TARGETS: dict[Edition, str] = {"public": "site", "staff": "site-intern"}


def _refuse_unreviewed(plan: Plan) -> None:
    """A strict build publishes no machine draft or stale translation that nobody has read."""
    from .translate.status import unreviewed

    waiting = unreviewed(plan).describe()
    if waiting:
        raise BuildError(
            f"Bygger ikke med --strict: planen har {waiting} som ingen har godkjent. "
            "Se «make status», les og rett tekstene, og godkjenn dem med «make godkjenn FIL=…»."
        )


def build_site(
    project: Path,
    site_dir: Path,
    data_dir: Path | None = None,
    strict: bool = False,
    staff_dir: Path | None = None,
    plan: Plan | None = None,
) -> Plan:
    """Build the public edition into `site_dir` (and the staff edition into `staff_dir`), both languages each.

    Every site is written to a temporary directory first; they replace the
    targets only when all of them have been built. `plan`, when given, is the
    plan already read from `data_dir`: the whole build then uses that one reading.
    """
    project = Path(project).resolve()
    data_dir = Path(data_dir or project / "data").resolve()
    builds = _Builds()  # started first: it imports MkDocs while the plan is read here
    later_checks: Callable[[], list[Problem]] = list  # a plan handed in has passed every check
    try:
        if plan is None:  # a PlanError stops the build before anything is written
            plan, later_checks = load_plan_in_stages(data_dir)
        if strict:
            _refuse_unreviewed(plan)
    except BaseException:
        builds.stop()
        raise
    targets: dict[Edition, Path] = {"public": site_dir.resolve()}
    if staff_dir is not None:
        targets["staff"] = staff_dir.resolve()
    temps: dict[Edition, Path] = {}
    locks: dict[Path, bytes | None] = {}  # the feeds are made while the sites build; a failed build puts them back
    try:
        for edition in targets:
            lock = data_dir / LOCK_FILES[edition]
            locks[lock] = lock.read_bytes() if lock.exists() else None
        for edition, target in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temps[edition] = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        epoch = os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(plan, data_dir)
        env = {
            "SOURCE_DATE_EPOCH": epoch,
            "SKOLEPLAN_FEEDS": "0",  # made below, once per edition, not by each MkDocs build
            "SKOLEPLAN_DATA": str(data_dir),
            "NO_MKDOCS_2_WARNING": "1",
        }
        jobs = [
            (str(project), lang, edition, str(temps[edition] / lang), env, strict) for edition in temps for lang in LANGS
        ]
        builds.start(_Order(plan, data_dir, jobs, list(temps), epoch))
        problems = later_checks()  # while the sites build: nothing is published unless these find nothing
        done = builds.done()
        if problems:
            raise PlanError(problems)
        if done.feed_problems:
            raise PlanError(done.feed_problems)
        results, feeds = done.outcomes, done.feeds
        failures = [(name, log) for name, code, log in results if code != 0]
        if failures:
            names = ", ".join(f"{t.name}/" for t in targets.values())
            messages = "\n".join(f"[{name}] {_clean_log(log)}" for name, log in failures)
            raise BuildError(f"Byggingen feilet; {names} er ikke endret.\n{messages}")
        for edition, temp in temps.items():
            write_root_index(plan, project, temp)
            _write_files(temp, feeds[edition])
        for edition, temp in temps.items():
            _swap(temp, targets[edition])
    except BaseException:
        builds.stop()
        for temp in temps.values():
            shutil.rmtree(temp, ignore_errors=True)
        for lock, content in locks.items():
            _put_back(lock, content)
        raise
    return plan


def _put_back(path: Path, content: bytes | None) -> None:
    """A calendar lock as it was before the build (None: there was none)."""
    try:
        if content is None:
            path.unlink(missing_ok=True)
        elif not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
    except OSError:
        pass


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with renames, so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    target.chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildError", "PlanError", "build_site", "write_root_index"]
