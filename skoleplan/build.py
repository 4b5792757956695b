"""Build the whole site: read the plan once, build every (edition, language) in parallel, then swap it into place.

The path from data to files, in order:

1. `validate.load` reads every layer of the plan, merges and checks every data file (a `PlanError` lists
   every problem; nothing is written). Meanwhile the worker processes of a standard process pool, started
   first (`site_builders`), load MkDocs and the project's configuration.
2. One `BuildContext` per edition and written standard (`skoleplan/context.py`).
3. `SiteBuild.start` submits each context to a worker process of a standard
   process pool (`macros/mkdocs_site.py` runs MkDocs), into a staging folder
   beside the target; meanwhile this process makes the calendar feeds of each
   edition (updating the calendar lock). `SiteBuild.finish` waits for them.
4. When everything succeeded: the root page and the feeds are added, and each
   staging folder replaces its target in one atomic step (`publish`). When
   anything failed, the targets and the calendar locks are left as they were;
   the locks are saved only once the sites are published.

Output is deterministic: dates come from the data (or SOURCE_DATE_EPOCH), never
from the clock.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import signal
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import nullcontext
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .context import BuildContext, private_feeds_root, source_date_epoch
from .errors import PlanError
from .model import LANGS, Plan
from .render.ical import EventLock, private_token, render_feeds
from .resolve.edition import Edition, for_edition
from .validate import Loaded, load

LOCK_FILES: dict[Edition, str] = {"public": "kalender.lock.json", "staff": "kalender-intern.lock.json"}
DEFAULT_TARGETS: dict[str, str] = {"public": "site", "staff": "site-intern", "private": "site-personalkalender"}
STAGING_PREFIX = ".skoleplan-staging-"  # beside each target (same file system, so the swap is one rename); git-ignored


class BuildError(Exception):
    """The build failed; the message says why, in Norwegian."""


def render_all_feeds(context: BuildContext, lock: EventLock, source_url: str | None = None) -> dict[str, bytes]:
    """The årshjul feeds of `context`'s edition, both languages, {path below the site: bytes}; records them in
    `lock` (which the caller saves when the site is published). `source_url`: where they are fetched, if not the
    site."""
    stamp = dt.datetime.fromtimestamp(context.epoch, dt.timezone.utc)
    feeds: dict[str, bytes] = {}
    for lang in LANGS:
        feeds.update(render_feeds(context.edition_plan, lang, context.root_url, lock, stamp, source_url))
    return feeds


def write_root_index(plan: Plan, project: Path, out_dir: Path) -> None:
    """`site/index.html`: the choice of written standard, without JavaScript (skoleplan/render/root.py)."""
    from .render.root import render_root_index

    html = render_root_index(plan, project / "overrides" / "site")
    (out_dir / "index.html").write_text(html, encoding="utf-8")


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
    feed_secret: str | None = None,
    private_feeds_dir: Path | None = None,
    pool: ProcessPoolExecutor | None = None,
    loaded: Loaded | None = None,
    save_locks: bool = True,
    pdf: bool = False,
) -> "Built":
    """Build the public edition into `site_dir` (and the staff edition into `staff_dir`), both languages each.

    `plan`, when given, is the plan already read from `data_dir`. With a `feed_secret` (and a staff edition),
    the staff feeds are also written into `private_feeds_dir`, below a folder whose name only the secret gives
    (README, «Personalets kalendere på mobilen»); the secret itself is written nowhere. `pool`: worker
    processes to build in (`make serve` keeps one); by default a pool of this build's own. `loaded`:
    the plan already read and checked from its layers (validate.load), with what the editor is to be told.
    `save_locks=False` (the preview of `make serve`): the calendar locks next to the data are read, not changed.
    `pdf`: also the whole plan as a PDF per edition and language (`skoleplan build --pdf`; about ten times a build),
    made by each site's build into its staging folder, so it is published with the site or not at all.
    """
    targets = {"public": site_dir} | ({"staff": staff_dir} if staff_dir is not None else {})
    with (nullcontext(pool) if pool is not None else site_builders(2 * len(targets), project)) as pool:
        site = SiteBuild.start(project, targets, pool, data_dir, strict, plan, loaded, feed_secret, private_feeds_dir, pdf)
        try:
            warnings = site.finish()
            site.publish(save_locks)
        except BaseException:
            site.discard()
            raise
    return Built(site.plan, warnings, site.targets.get("private"))


@dataclass
class SiteBuild:
    """One plan's build under way: its sites submitted to the pool, its feeds made here, all into staging folders.

    `start` submits and returns at once, so a municipality starts every school's build before the first is
    done (skoleplan/municipality.py); `finish` waits for the sites, `publish` swaps them into place, `discard`
    leaves the targets as they were.
    """

    plan: Plan
    targets: dict[str, Path]  # the editions, and "private" (the staff feeds at a secret address)
    staging: dict[str, Path]
    contexts: list[BuildContext]
    futures: list[Future]
    made: dict[str, dict[str, bytes]]  # per target: the feeds, {path below the site: bytes}
    locks: dict[Edition, EventLock]
    project: Path

    @classmethod
    def start(
        cls, project: Path, sites: dict[Edition, Path], pool: ProcessPoolExecutor, data_dir: Path | None = None,
        strict: bool = False, plan: Plan | None = None, loaded: Loaded | None = None, feed_secret: str | None = None,
        private_feeds_dir: Path | None = None, pdf: bool = False,
    ) -> "SiteBuild":
        """Read the plan (unless given), submit its sites to `pool` and make its feeds; `PlanError` or `BuildError`
        before anything is written."""
        project = Path(project).resolve()
        data_dir = Path(data_dir or project / "data").resolve()
        targets: dict[str, Path] = {edition: Path(folder).resolve() for edition, folder in sites.items()}
        notices: tuple[str, ...] = ()
        layer_dirs: tuple[Path, ...] = (data_dir,)
        if plan is None:  # a PlanError stops the build before anything is written
            if loaded is None:
                loaded = load(data_dir)
                problems = loaded.later_checks()
                if problems:
                    raise PlanError(problems)
            plan = loaded.plan
            notices = tuple(str(notice) for notice in loaded.notices)
            layer_dirs = tuple(layer.folder.resolve() for layer in loaded.layers)
        if strict:
            _refuse_unreviewed(plan)
        if pdf:  # before anything is built: without WeasyPrint (or Pango) the build would fail after a minute
            from .render.pdf import PdfError, check_weasyprint

            try:
                check_weasyprint()
            except PdfError as exc:
                raise BuildError(str(exc)) from None
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(plan, data_dir))
        locks = {edition: EventLock.load(data_dir / LOCK_FILES[edition]) for edition in targets}  # a bad lock: stop now
        private = None
        if feed_secret and "staff" in targets:
            private = f"{private_feeds_root(plan)}{private_token(feed_secret, plan)}/"
            targets["private"] = Path(private_feeds_dir or targets["staff"].with_name(DEFAULT_TARGETS["private"])).resolve()
        contexts = []
        for edition in (e for e in targets if e != "private"):
            shown = for_edition(plan, edition)  # once per edition, for its feeds and both written standards' sites
            contexts += [
                BuildContext(project, data_dir, plan, edition, lang, epoch, writes_feeds=False,
                             private_feeds=private if edition == "staff" else None, notices=notices,
                             layer_dirs=layer_dirs, pdf=pdf).showing(shown)
                for lang in LANGS
            ]
        first = {context.edition: context for context in reversed(contexts)}  # each edition's first context
        staging: dict[str, Path] = {}
        try:
            for edition, target in targets.items():
                target.parent.mkdir(parents=True, exist_ok=True)
                _remove_stale_staging(target)
                staging[edition] = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=target.parent))
            futures = _submit_sites(pool, contexts, staging, strict)
            made = {e: render_all_feeds(first[e], locks[e]) for e in targets if e != "private"}
            if private is not None:  # the staff feeds again, fetched from the secret address
                token = private.rstrip("/").rsplit("/", 1)[1]
                feeds = render_all_feeds(first["staff"], locks["staff"], source_url=private)
                made["private"] = {f"{token}/{path}": content for path, content in feeds.items()}
        except BaseException:
            for folder in staging.values():
                shutil.rmtree(folder, ignore_errors=True)
            raise
        return cls(plan, targets, staging, contexts, futures, made, locks, project)

    def finish(self) -> list[str]:
        """Wait for the sites and add the root page and the feeds; the sites' warnings (each once), or `BuildError`."""
        outcomes = []
        for context, future in zip(self.contexts, self.futures):
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:
                outcomes.append(_failed(context, "byggeprosessen stoppet uventet (for lite minne?)"))
        errors = _merged(outcomes, "errors")
        if errors:
            names = ", ".join(f"{target.name}/" for target in self.targets.values())
            raise BuildError(f"Byggingen feilet; {names} er ikke endret.\n" + "\n".join(errors))
        for edition, folder in self.staging.items():
            if edition != "private":
                write_root_index(self.plan, self.project, folder)
            for relative, content in self.made[edition].items():
                path = folder / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        return _merged(outcomes, "warnings")

    def publish(self, save_locks: bool = True) -> None:
        """Each staging folder in place of its target, in one step each; then the calendar locks are saved."""
        for edition, folder in self.staging.items():
            publish(folder, self.targets[edition])
        for lock in self.locks.values() if save_locks else ():  # the locks change only with the published sites
            lock.save()

    def discard(self) -> None:
        """The targets and the calendar locks stay as they were; sites not yet begun are not built."""
        for future in self.futures:
            future.cancel()
        wait(self.futures)  # a site already being built writes into its staging folder until it is done
        for folder in self.staging.values():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Built:
    """A build that was published: the plan it was made from, and the warnings of its sites (each once)."""

    plan: Plan
    warnings: list[str]
    private_feeds: Path | None = None  # where the staff feeds with a secret address were written


def _submit_sites(pool: ProcessPoolExecutor, contexts: list[BuildContext], staging: dict[str, Path], strict: bool):
    """Every site to a worker process, into its staging folder; the futures of their `SiteOutcome`s."""
    return [pool.submit(_build_one, c, staging[c.edition] / c.lang, strict) for c in contexts]


@dataclass(frozen=True)
class SiteOutcome:
    """What one build of one site came to: its warnings and, if it failed, its errors (one line each)."""

    name: str  # «public/nb»
    ok: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- the workers -------------------------------------------------------------------------------------

# MkDocs is imported in the workers only (macros/mkdocs_site.py), never in this process. Each worker starts
# before the plan is read and prepares a build (MkDocs, the theme, the plugins and the Markdown extensions
# imported, by loading the project's configuration once) on the core this process leaves idle while it reads
# the plan. `make bench`, 6 December, two rounds of 7 paired runs against the workers started at the first
# site: the example school 1.50 → 1.28 s and 1.39 → 1.27 s (over plain Material 2.21 → 1.97×, 2.14 → 1.94×),
# about a tenth; this process's peak memory 73 → 64 MB. The plan reaches the workers pickled with each site's
# context (a fiftieth of a second).
_FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def site_builders(sites: int, project: Path) -> ProcessPoolExecutor:
    """A worker process per core this process may use, never more than there are `sites` to build; each started
    now and preparing a build of `project` (the folder of mkdocs.yml) while the plan is read."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    workers = max(1, min(sites, cores))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_FORK, initializer=_prepare_worker, initargs=(project,))
    for _ in range(workers):  # a worker starts with a first task (where they are forked, all at the first)
        pool.submit(int)
    return pool


def _prepare_worker(project: Path) -> None:
    # Ctrl+C reaches every process of the build: the main process stops the build, cancels the sites not begun
    # and ends the pool. A worker ignores it and finishes the site under way (as under make serve): interrupted
    # anywhere, a worker printed a Python traceback (in the pool's wait for a task, or from the sanitizer's
    # callback in nh3).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from macros.mkdocs_site import prepare

    prepare(project)


def _build_one(context: BuildContext, out_dir: Path, strict: bool) -> SiteOutcome:
    from macros.mkdocs_site import build_one

    return build_one(context, out_dir, strict)


def _failed(context: BuildContext, message: str) -> SiteOutcome:
    return SiteOutcome(f"{context.edition}/{context.lang}", False, [message])


SITE_NAMES = {"public/nb": "åpen, bokmål", "public/nn": "åpen, nynorsk", "staff/nb": "intern, bokmål", "staff/nn": "intern, nynorsk"}


def _merged(outcomes: list, kind: str) -> list[str]:
    """The errors (or warnings) of every site's build, each once, with the sites that had it where not all did."""
    seen: dict[str, list[str]] = {}
    for outcome in outcomes:
        for line in getattr(outcome, kind):
            seen.setdefault(line, []).append(outcome.name)
    return [
        line if len(names) == len(outcomes) else f"{line} ({'; '.join(SITE_NAMES.get(n, n) for n in names)})"
        for line, names in seen.items()
    ]


def _remove_stale_staging(target: Path) -> None:
    """Staging folders a killed build left beside the target."""
    for stale in target.parent.glob(f"{STAGING_PREFIX}{target.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


# --- publishing: one atomic step ------------------------------------------------------------------

_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`); False where the system cannot."""
    import ctypes  # here: it is needed once, at the end of a build
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def publish(new: Path, target: Path) -> None:
    """Put `new` in place of `target`, so that `target` never disappears and is never half-written.

    Where the system can swap two folders atomically (Linux), it does; the old site
    then stands where `new` was and is removed. Elsewhere the old site is renamed away
    and `new` renamed in: `target` is missing for the moment between the two renames.
    """
    new.chmod(0o755)
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old site
        return
    old = new.with_name(new.name + "-old")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildError", "Built", "PlanError", "SiteBuild", "SiteOutcome", "build_site", "publish", "site_builders", "write_root_index"]
