"""What any site generator needs from the core: the plan (loaded once per change) and its pages.

MkDocs reaches the core only through `macros/main.py`; a move to another
generator replaces that file, not this one.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import Plan
from .model.base import Lang
from .model.plan import DUTY_KINDS
from .render.pages import PageRenderer
from .validate import load_plan

_cache: dict[Path, tuple[tuple, Plan]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    entries = []
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if entry.is_file():
            stat = entry.stat()
            entries.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def cached_plan(data_dir: Path) -> Plan:
    """The plan in `data_dir`, read again only when a file there has changed (live reload)."""
    data_dir = data_dir.resolve()
    stamp = _fingerprint(data_dir) if data_dir.is_dir() else ()
    hit = _cache.get(data_dir)
    if hit and hit[0] == stamp:
        return hit[1]
    plan = load_plan(data_dir)
    _cache[data_dir] = (stamp, plan)
    return plan


class Handbook:
    """The pages of one school's handbook in one written standard."""

    def __init__(self, project_dir: Path, lang: Lang, data_dir: Path | None = None):
        self.project_dir = project_dir
        self.lang = lang
        self.plan = cached_plan(data_dir or project_dir / "data")
        self.renderer = PageRenderer([project_dir / "overrides" / "pages"])

    @property
    def site_name(self) -> str:
        return self.plan.school.school.name[self.lang]

    def site_url(self) -> str | None:
        url = self.plan.school.school.site_url
        return f"{str(url).rstrip('/')}/{self.lang}/" if url else None

    def page(self, name: str, page_path: str) -> str:
        return self.renderer.render(name, self.plan, self.lang, page_path)

    def duty_page(self, kind: str, page_path: str) -> str:
        if kind not in DUTY_KINDS:
            from .render.pages import RenderError

            raise RenderError(f"ukjent delplikt «{kind}»; forventet en av: {', '.join(DUTY_KINDS)}")
        duty = next(d for d in self.plan.duties.duties if d.kind == kind)
        return self.renderer.render("plikt", self.plan, self.lang, page_path, duty=duty)
