"""Build the whole site: every (edition, language) in parallel, then swap it into place.

A failed build never leaves a half-written site: everything is written to a
temporary directory beside the target, and the target is replaced only when
every step has succeeded. Output is deterministic: dates come from the data
(or SOURCE_DATE_EPOCH), never from the clock.

Speed (README, «Performance»; `make bench`): the builder process
(`skoleplan/builder.py`) starts first and imports MkDocs while this one reads
the plan; the checks across files run while the sites build.
"""

from __future__ import annotations

import calendar
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from .builder import LOCK_FILES, Builds, Order, clean_log
from .errors import PlanError, Problem
from .model import LANGS, Plan
from .resolve.edition import Edition
from .validate import load_plan_in_stages


class BuildError(Exception):
    """The build failed; the message says why, in Norwegian."""


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


def _write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def write_root_index(plan: Plan, project: Path, out_dir: Path) -> None:
    """`site/index.html`: the choice of written standard, without JavaScript (skoleplan/render/root.py)."""
    from .render.root import render_root_index

    html = render_root_index(plan, project / "overrides" / "site")
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
    pdf: bool = False,
) -> Plan:
    """Build the public edition into `site_dir` (and the staff edition into `staff_dir`), both languages each.

    Every site is written to a temporary directory first; they replace the
    targets only when all of them have been built. `plan`, when given, is the
    plan already read from `data_dir`: the whole build then uses that one reading.
    `pdf`: also the whole plan as a PDF per edition and language (seconds each; `make build` asks for it).
    """
    project = Path(project).resolve()
    data_dir = Path(data_dir or project / "data").resolve()
    builds = Builds()  # started first: it imports MkDocs while the plan is read here
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
            "SKOLEPLAN_FEEDS": "0",  # made by the builder, once per edition, not by each MkDocs build
            "SKOLEPLAN_DATA": str(data_dir),
            "NO_MKDOCS_2_WARNING": "1",
            "SKOLEPLAN_PDF": "1" if pdf else "0",  # the whole plan as PDF, made by each MkDocs build (render/pdf.py)
        }
        jobs = [
            (str(project), lang, edition, str(temps[edition] / lang), env, strict) for edition in temps for lang in LANGS
        ]
        builds.start(Order(plan, data_dir, jobs, list(temps), epoch))
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
            messages = "\n".join(f"[{name}] {clean_log(log)}" for name, log in failures)
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
