"""Build the whole site: both written standards in parallel, then swap it into place.

A failed build never leaves a half-written site: everything is written to a
temporary directory beside the target, and the target is replaced only when
every step has succeeded. Output is deterministic: dates come from the data
(or SOURCE_DATE_EPOCH), never from the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import PlanError
from .model import LANGS, Plan
from .resolve.edition import Edition, for_edition
from .validate import load_plan


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


def write_all_feeds(plan: Plan, edition: Edition, site_dir: Path, data_dir: Path, epoch: str) -> None:
    """The årshjul feeds of one edition, both languages, one process: the lock file is updated once."""
    from .render.ical import write_feeds
    from .site import Handbook

    public = for_edition(plan, edition)
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    for lang in LANGS:
        root = Handbook.root_url(public, edition)
        write_feeds(public, lang, site_dir, root, lock_path=data_dir / LOCK_FILES[edition], stamp=stamp)


def _mkdocs(
    project: Path, lang: str, edition: str, out_dir: Path, env: dict[str, str], strict: bool
) -> tuple[str, int, str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / f"mkdocs.{lang}.yml"), "-d", str(out_dir)]
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command, cwd=project, env=dict(env, SKOLEPLAN_EDITION=edition), capture_output=True, text=True
    )
    return f"{edition}/{lang}", done.returncode, (done.stderr + done.stdout).strip()


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
        if "end of life" in line or "zensical" in line.lower() or "│" in line:
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


def build_site(
    project: Path,
    site_dir: Path,
    data_dir: Path | None = None,
    strict: bool = False,
    staff_dir: Path | None = None,
) -> Plan:
    """Build the public edition into `site_dir` (and the staff edition into `staff_dir`), both languages each.

    Every site is written to a temporary directory first; they replace the
    targets only when all of them have been built.
    """
    data_dir = data_dir or project / "data"
    plan = load_plan(data_dir)  # a PlanError stops the build before anything is written
    targets: dict[Edition, Path] = {"public": site_dir.resolve()}
    if staff_dir is not None:
        targets["staff"] = staff_dir.resolve()
    temps: dict[Edition, Path] = {}
    try:
        for edition, target in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temps[edition] = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        env = dict(os.environ)
        env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(plan, data_dir))
        env["SKOLEPLAN_FEEDS"] = "0"  # written below, once per edition, not by each MkDocs process
        env["SKOLEPLAN_DATA"] = str(data_dir.resolve())
        env["NO_MKDOCS_2_WARNING"] = "1"
        jobs = [(edition, lang) for edition in temps for lang in LANGS]
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            results = list(
                pool.map(lambda job: _mkdocs(project, job[1], job[0], temps[job[0]] / job[1], env, strict), jobs)
            )
        failures = [(name, log) for name, code, log in results if code != 0]
        if failures:
            names = ", ".join(f"{t.name}/" for t in targets.values())
            messages = "\n".join(f"[{name}] {_clean_log(log)}" for name, log in failures)
            raise BuildError(f"Byggingen feilet; {names} er ikke endret.\n{messages}")
        for edition, temp in temps.items():
            write_root_index(plan, project, temp)
            write_all_feeds(plan, edition, temp, data_dir, env["SOURCE_DATE_EPOCH"])
        for edition, temp in temps.items():
            _swap(temp, targets[edition])
    except BaseException:
        for temp in temps.values():
            shutil.rmtree(temp, ignore_errors=True)
        raise
    return plan


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
