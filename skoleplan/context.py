"""One site to build: the plan, the edition, the written standard and the build's fixed time, made once.

Every stage after validation takes what it needs from a `BuildContext` passed
down to it, instead of reading environment variables or module-level caches:
the site generator's glue (`macros/plugin.py`) receives one from
`skoleplan.build`, or makes one itself under `mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from .model import Item, Plan
from .model.registry import ITEM_KINDS, items_of
from .model.base import Lang
from .model.plan import SchoolYear
from .resolve.dates import current_school_year, plan_epoch
from .resolve.edition import Edition, for_edition
from .errors import PlanError
from .validate import load


def source_date_epoch(plan: Plan, data_dir: Path) -> int:
    """A fixed build time: the last commit that touched the data, else the day the plan was approved.

    It decides which school year the årshjul page shows, and stamps the feeds;
    it never comes from the clock, so the same input gives the same site.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=data_dir, capture_output=True, text=True, timeout=10
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return plan_epoch(plan)


@dataclass(frozen=True)
class BuildContext:
    """Everything one build of one site needs: a school's plan, as one edition shows it, in one written standard."""

    project: Path  # where overrides/ (templates a school may change) and the MkDocs configurations are
    data_dir: Path
    plan: Plan  # the whole plan, as read and checked; `edition_plan` is what this site shows
    edition: Edition
    lang: Lang
    epoch: int  # the build's fixed time (SOURCE_DATE_EPOCH): which school year is current, the feeds' stamps
    writes_feeds: bool = True  # False when `skoleplan.build` makes the feeds itself, once for both languages
    private_feeds: str | None = None  # staff edition: the secret address above its feeds outside the login
    notices: tuple[str, ...] = ()  # what the editor should be told about the data (validate.Loaded.notices)
    layer_dirs: tuple[Path, ...] = ()  # the plan's layers, base first (empty: the data folder alone)
    pdf: bool = False  # the whole plan also as a PDF (`skoleplan build --pdf`; render/pdf.py): ten times a build

    @classmethod
    def read(cls, project: Path, data_dir: Path, edition: Edition = "public", lang: Lang = "nb") -> "BuildContext":
        """The context of a plan read from `data_dir` now (raises `PlanError`); the time from SOURCE_DATE_EPOCH or git."""
        data_dir = Path(data_dir).resolve()
        loaded = load(data_dir)
        problems = loaded.later_checks()
        if problems:
            raise PlanError(problems)
        plan = loaded.plan
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(plan, data_dir))
        return cls(Path(project).resolve(), data_dir, plan, edition, lang, epoch,
                   notices=tuple(str(n) for n in loaded.notices),
                   layer_dirs=tuple(layer.folder.resolve() for layer in loaded.layers))

    @classmethod
    def of(cls, plan: Plan, lang: Lang = "nb", edition: Edition = "public", project: Path | None = None) -> "BuildContext":
        """A context for a plan already read (tests, tools): the project is this one, the time the plan's approval."""
        project = project or Path(__file__).resolve().parents[1]
        epoch = plan_epoch(plan)
        return cls(project, project / "data", plan, edition, lang, epoch)

    def other(self, lang: Lang) -> "BuildContext":
        """The same site in another written standard."""
        return replace(self, lang=lang)

    @cached_property
    def edition_plan(self) -> Plan:
        """The plan as this edition shows it (internal content taken out of the public one)."""
        return for_edition(self.plan, self.edition)

    def showing(self, edition_plan: Plan) -> "BuildContext":
        """This context with its edition's plan made already (`for_edition(plan, edition)`, made once by the
        build for both written standards and the feeds, and sent to the workers with the plan)."""
        self.__dict__["edition_plan"] = edition_plan  # the cached_property's own place; the dataclass is frozen
        return self

    @property
    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.epoch, dt.timezone.utc).date()

    @cached_property
    def school_year(self) -> SchoolYear | None:
        """The school year a reader means today: the running one, or in the summer the next."""
        return current_school_year(self.plan.school_calendar.school_years, self.today)

    @cached_property
    def page_names(self) -> frozenset[str]:
        """The pages this edition's handbook has (a part the plan leaves out has none)."""
        from .site import pages_of

        return frozenset(place.page.name for place in pages_of(self.edition_plan))

    @cached_property
    def _items(self) -> dict[tuple[str, str], Item]:
        return {(k.kind, item.id): item for k in ITEM_KINDS for item in items_of(self.edition_plan, k.kind)}

    def item(self, kind: str, item_id: str) -> Item:
        """The item of a kind with an id, as this edition has it (KeyError when it has not)."""
        return self._items[(kind, item_id)]

    def layer_file(self, relative: str) -> Path:
        """A file the data names (an image), in the topmost layer that has it."""
        for folder in reversed(self.layer_dirs or (self.data_dir,)):
            if (folder / relative).is_file():
                return folder / relative
        return self.data_dir / relative

    @property
    def cache_dir(self) -> Path:
        """Where compiled templates are kept between builds (git-ignored; `make clean` removes it)."""
        return self.project / ".cache"

    @property
    def templates(self) -> Path:
        return self.project / "overrides" / "pages"

    @property
    def root_url(self) -> str:
        """The address above both written standards of this edition («https://skole.no/plan/»)."""
        return root_url(self.plan, self.edition)

    @property
    def site_url(self) -> str:
        """This written standard's address in this edition."""
        return f"{self.root_url}{self.lang}/"


def private_feeds_root(plan: Plan) -> str:
    """Where the school publishes the staff feeds' secret folders, outside the intranet's login."""
    return str(plan.school.school.private_feeds_url or f"{root_url(plan, 'public')}personalkalender/").rstrip("/") + "/"


def root_url(plan: Plan, edition: Edition) -> str:
    """The address above both written standards of an edition; the staff edition defaults to `intern/` below."""
    school = plan.school.school
    root = str(school.site_url).rstrip("/") + "/"
    if edition == "staff":
        root = str(school.staff_site_url or f"{root}intern/").rstrip("/") + "/"
    return root
