"""A municipality's folder: its layer, and the schools that build on it, built together into one tree.

`kommune.yaml` names the municipality, the layer it builds on and its schools
(folders, relative to it). `skoleplan check` and `skoleplan build` given such a
folder check or build every school; the build puts each school's sites below its
own folder (`site/<skole>/nb/…`) and an index page of the schools on top, in
Bokmål (`index.html`) and Nynorsk (`index.nn.html`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2
from pydantic import Field, ValidationError

from .errors import PlanError, Problem, display_path
from .layers import MUNICIPALITY_FILE
from .model.base import Model, Title, Verbatim
from .source import load_file
from .validate import Loaded, load, problems_from

from typing import Annotated


class MunicipalityFile(Model):
    """kommune.yaml: the municipality's name, the layer it builds on, and its schools."""

    name: Title = Field(description="Kommunens navn, for oversiktssiden over skolene")
    builds_on: Annotated[str, Verbatim("lag")] | None = Field(
        default=None, description="Laget kommunens lag bygger på, normalt grunnlag"
    )
    schools: list[Annotated[str, Verbatim("mappe")]] = Field(
        default_factory=list, description="Mappene til skolene i kommunen, sett fra denne mappen (for eksempel skoler/nordby)"
    )


@dataclass(frozen=True)
class Municipality:
    folder: Path
    name: dict[str, str]  # per written standard
    schools: list[Path]


def read_municipality(folder: Path) -> Municipality | None:
    """The municipality whose folder this is (None: not a municipality's folder); PlanError when kommune.yaml is wrong."""
    path = Path(folder) / MUNICIPALITY_FILE
    if not path.is_file():
        return None
    source, problems = load_file(path, display_path(path), root=Path(folder))
    if problems:
        raise PlanError(problems)
    try:
        model = MunicipalityFile.model_validate(source.data or {})
    except ValidationError as exc:
        raise PlanError(problems_from(exc, MunicipalityFile, source)) from None
    schools = []
    for i, relative in enumerate(model.schools):
        school = (Path(folder) / relative).resolve()
        if not (school / "skole.yaml").is_file():
            problems.append(source.problem(("schools", i), f"«{relative}» er ikke mappen til en skole (finner ingen skole.yaml der)"))
        schools.append(school)
    if problems:
        raise PlanError(problems)
    return Municipality(Path(folder), {"nb": model.name.nb, "nn": model.name.nn}, schools)


def school_slug(name: str) -> str:
    """«Måkeskjær skole» → «makeskjaer-skole»: the school's folder in the municipality's site."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "skole"


@dataclass(frozen=True)
class SchoolEntry:
    slug: str
    name: dict[str, str]
    main_standard: str


def write_index(municipality: Municipality, schools: list[SchoolEntry], project: Path, out_dir: Path) -> None:
    """The municipality's page of its schools, in Bokmål (index.html) and Nynorsk (index.nn.html)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(project / "overrides" / "site")), autoescape=True, keep_trailing_newline=True
    )
    template = env.get_template("kommune.html.j2")
    pages = {"nb": "index.html", "nn": "index.nn.html"}
    for lang, page in pages.items():
        html = template.render(
            lang=lang, other="nn" if lang == "nb" else "nb", pages=pages, name=municipality.name[lang],
            schools=sorted(schools, key=lambda s: s.name[lang]),
        )
        (out_dir / page).write_text(html, encoding="utf-8")


@dataclass(frozen=True)
class MunicipalityBuilt:
    schools: list[SchoolEntry]
    warnings: list[str]  # each prefixed with the school's folder in the site


def check_municipality(municipality: Municipality) -> list[Loaded]:
    """Every school's plan, read and checked; one PlanError with every school's problems."""
    loaded, problems = [], []
    for school in municipality.schools:
        plan, found = _read_school(school)
        problems += found
        if plan is not None:
            loaded.append(plan)
    if problems:
        raise PlanError(problems)
    return loaded


def _read_school(school: Path) -> tuple[Loaded | None, list[Problem]]:
    """One school's plan read and checked, or its problems."""
    try:
        plan = load(school)
        problems = plan.later_checks()
    except PlanError as exc:
        return None, exc.problems
    return (plan if not problems else None), problems


def _entry(plan: Loaded) -> SchoolEntry:
    name = plan.plan.school.school.name
    return SchoolEntry(school_slug(name.nb), {"nb": name.nb, "nn": name.nn}, plan.plan.school.school.main_standard)


def build_municipality(
    project: Path, site_dir: Path, municipality: Municipality, staff_dir: Path | None = None, strict: bool = False,
    pdf: bool = False,
) -> MunicipalityBuilt:
    """Every school of the municipality into `site_dir/<skole>/` (and the staff editions into `staff_dir/<skole>/`),
    in one pool of worker processes, and the index page of the schools.

    Each school's sites go to the pool as soon as its plan is read and checked, so
    the workers build while the next school is read (`make bench`, 30 schools: the
    reading was 8 s before the first site began). Nothing is published unless every
    plan is valid and every site built: a problem in one school's plan stops the
    submitting, and the problems of every school are reported together.
    """
    from .build import SiteBuild, site_builders

    problems: list[Problem] = []
    entries: list[SchoolEntry] = []
    started: list[SiteBuild] = []
    taken: dict[str, Path] = {}
    warnings: list[str] = []
    with site_builders(4 if staff_dir is not None else 2, project) as pool:
        try:
            for school in municipality.schools:
                plan, found = _read_school(school)
                problems += found
                if plan is None:
                    continue
                entry = _entry(plan)
                if entry.slug in taken:
                    problems.append(Problem(
                        display_path(school / "skole.yaml"), 1, 1,
                        f"to skoler i kommunen får samme mappe på nettstedet («{entry.slug}»; også "
                        f"{display_path(taken[entry.slug])}); gi skolene ulike navn",
                    ))
                    continue
                taken[entry.slug] = school
                entries.append(entry)
                if problems:  # nothing more is built; the rest are read for their problems
                    continue
                sites = {"public": Path(site_dir) / entry.slug}
                if staff_dir is not None:
                    sites["staff"] = Path(staff_dir) / entry.slug
                started.append(SiteBuild.start(project, sites, pool, school, strict, loaded=plan, pdf=pdf))
            if problems:
                raise PlanError(problems)
            for entry, site in zip(entries, started):
                warnings += [f"{entry.slug}: {warning}" for warning in site.finish()]
            for site in started:
                site.publish()
        except BaseException:
            for site in started:
                site.discard()
            raise
    for out in [site_dir] + ([staff_dir] if staff_dir is not None else []):
        write_index(municipality, entries, project, Path(out))
    return MunicipalityBuilt(entries, warnings)
