"""Build the whole site: both written standards in parallel, then swap it into place.

A failed build never leaves a half-written site: everything is written to a
temporary directory beside the target, and the target is replaced only when
every step has succeeded. Output is deterministic: dates come from the data
(or SOURCE_DATE_EPOCH), never from the clock.
"""

from __future__ import annotations

import calendar
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
from .validate import load_plan


class BuildError(Exception):
    """The build failed; the message says why, in Norwegian."""


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    seconds: float


def source_date_epoch(plan: Plan) -> str:
    """A fixed build time from the data: midnight UTC of the day the plan was approved."""
    approved = plan.school.plan.approved
    return str(calendar.timegm(approved.timetuple()))


def _mkdocs(project: Path, lang: str, out_dir: Path, env: dict[str, str], strict: bool) -> tuple[str, int, str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / f"mkdocs.{lang}.yml"), "-d", str(out_dir)]
    if strict:
        command.append("--strict")
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    return lang, done.returncode, (done.stderr + done.stdout).strip()


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


def build_site(project: Path, site_dir: Path, data_dir: Path | None = None, strict: bool = False) -> Plan:
    """Build both languages into `site_dir`, replacing it only on success."""
    import time

    start = time.perf_counter()
    data_dir = data_dir or project / "data"
    plan = load_plan(data_dir)  # a PlanError stops the build before anything is written
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        env = dict(os.environ)
        env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(plan))
        env["SKOLEPLAN_DATA"] = str(data_dir.resolve())
        env["NO_MKDOCS_2_WARNING"] = "1"
        with ThreadPoolExecutor(max_workers=len(LANGS)) as pool:
            results = list(pool.map(lambda lang: _mkdocs(project, lang, tmp / lang, env, strict), LANGS))
        failures = [(lang, log) for lang, code, log in results if code != 0]
        if failures:
            messages = "\n".join(f"[{lang}] {_clean_log(log)}" for lang, log in failures)
            raise BuildError(f"Byggingen feilet; {site_dir.name}/ er ikke endret.\n{messages}")
        write_root_index(plan, project, tmp)
        _swap(tmp, site_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _ = time.perf_counter() - start
    return plan


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with renames, so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    new.parent.joinpath(target.name).chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildError", "PlanError", "build_site", "write_root_index"]
