"""`skoleplan ny-skole`: the smallest folder a new school needs, on its municipality's layer (or the base).

The folder builds a complete handbook at once: everything the law requires comes
from the layers below. It holds the school's facts and, as comments, examples of
what the school fills in itself (its roles' own titles, its contacts, its årshjul):
never invented content, since a plan is a legal document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import display_path
from .layers import BASE_NAME, MUNICIPALITY_FILE
from .municipality import school_slug


class NewSchoolError(Exception):
    """The folder cannot be made; the message says why, in Norwegian."""


@dataclass(frozen=True)
class NewSchool:
    folder: Path
    files: list[Path]
    municipality: Path | None  # the municipality's folder whose kommune.yaml now lists the school


# The words of school names whose Nynorsk form differs («Rosenvilde videregående skole» → «… vidaregåande skule»).
_NYNORSK_WORDS = {"videregående": "vidaregåande", "skole": "skule"}


def nynorsk_name(name: str) -> str:
    """«Nordby skole» → «Nordby skule», «Åsen barneskole» → «Åsen barneskule», «Rosenvilde videregående skole» →
    «Rosenvilde vidaregåande skule»: the usual Nynorsk form of a school's name (the school can change it)."""

    def word(written: str) -> str:
        lower = written.lower()
        for nb, nn in _NYNORSK_WORDS.items():
            if lower.endswith(nb) and (lower == nb or nb == "skole"):  # «skole» also at the end of a compound
                changed = written[: len(written) - len(nb)] + nn
                return changed[:1].upper() + changed[1:] if written[:1].isupper() else changed
        return written

    return " ".join(word(w) for w in name.split(" "))


def _schema_line(name: str) -> str:
    return f"# yaml-language-server: $schema=schema/{name.replace('.yaml', '.schema.json')}\n"


def _files(name: str, municipality_name: str | None, builds_on: str, slug: str, has_calendar: bool) -> dict[str, str]:
    nn = nynorsk_name(name)
    municipality_line = f"  municipality: {municipality_name}\n" if municipality_name else ""
    files = {
        "skole.yaml": (
            f"# {name}: bare det som er skolens eget. Resten (det loven krever, og det kommunen har felles)\n"
            f"# kommer fra laget skolen bygger på. Skriv om en del her for å endre den (se README).\n"
            f"builds_on: {builds_on}\n\n"
            "school:\n"
            f"  name: {{nb: {name}, nn: {nn}}}\n"
            f"{municipality_line}"
            "  main_standard: nb          # skolens hovedmål: nb eller nn\n"
            f"  site_url: https://{slug}.example/plan/   # bytt til adressen der planen skal publiseres\n\n"
            "# Når planen er vedtatt, skriv det her:\n"
            "# plan:\n"
            "#   approved: 2025-06-12\n"
            "#   approved_by: su\n"
            "#   next_revision: 2026-06-15\n\n"
            "# Tilgjengelighetserklæringen på uustatus.no (offentlige skoler må ha en):\n"
            "# accessibility:\n"
            "#   statement_url: https://uustatus.no/nb/erklaringer/publisert/…\n"
            "#   feedback: {email: postmottak@skolen.no}\n"
        ),
        "roller.yaml": (
            "# Rollene kommer fra laget under. Har en rolle et annet navn hos dere, eller har dere en rolle til,\n"
            "# skriv den her, for eksempel:\n"
            "#   - id: sosiallaerer\n"
            "#     name: {nb: miljøkoordinator, nn: miljøkoordinator}\n"
            "roles: []\n"
        ),
        "kontakter.yaml": (
            "# Skolens egne kontakter (kommunens står i laget under). Aldri en elevs navn. For eksempel:\n"
            "#   - id: rektor-kontakt\n"
            "#     role: rektor\n"
            '#     phone: "55 00 00 00"\n'
            "#     email: rektor@skolen.no\n"
            "contacts: []\n"
        ),
        "aarshjul.yaml": (
            "# Årshjulet: det skolen gjør hvert år for et trygt og godt skolemiljø. Har dere det i Excel,\n"
            "# les README om «make importer». Ellers skriv aktivitetene her, for eksempel:\n"
            "#   - id: foreldremote-host\n"
            "#     title: {nb: Foreldremøte om skolemiljøet, nn: Foreldremøte om skulemiljøet}\n"
            "#     timing: {month: september}\n"
            "#     responsible: [kontaktlaerer]\n"
            "activities: []\n"
        ),
    }
    if not has_calendar:
        files["skolerute.yaml"] = (
            "# Skoleruta: første og siste skoledag, ferier og planleggingsdager, for hvert skoleår. For eksempel:\n"
            "#   - id: 2025-2026\n"
            "#     first_day: 2025-08-19\n"
            "#     last_day: 2026-06-19\n"
            "school_years: []\n"
        )
    return {file: _schema_line(file) + text for file, text in files.items()}


def make_new_school(project: Path, name: str, municipality: str | None = None, folder: Path | None = None) -> NewSchool:
    """Write the new school's folder: below its municipality's folder (kommuner/<kommune>/skoler/<skole>) when
    the municipality has one in the project, else `skoler/<skole>` on the national base."""
    from .schema import write_schemas

    name = " ".join(name.split())
    if not name:
        raise NewSchoolError("skolen trenger et navn, for eksempel NAVN=\"Nordby skole\"")
    slug = school_slug(name)
    municipality_dir = project / "kommuner" / school_slug(municipality) if municipality else None
    if municipality_dir is not None and not (municipality_dir / MUNICIPALITY_FILE).is_file():
        known = sorted(p.parent.name for p in (project / "kommuner").glob(f"*/{MUNICIPALITY_FILE}"))
        hint = f"; kommunene som finnes: {', '.join(known)}" if known else ""
        raise NewSchoolError(
            f"fant ingen kommune «{municipality}» ({display_path(municipality_dir / MUNICIPALITY_FILE)} finnes ikke){hint}; "
            "uten KOMMUNE bygger skolen rett på grunnlaget"
        )
    if folder is None:
        folder = (municipality_dir / "skoler" / slug) if municipality_dir else (project / "skoler" / slug)
    if folder.exists() and any(folder.iterdir()):
        raise NewSchoolError(f"{display_path(folder)} finnes allerede og er ikke tom; velg et annet navn eller en annen mappe")
    builds_on = os.path.relpath(municipality_dir, folder) if municipality_dir else BASE_NAME
    has_calendar = municipality_dir is not None and (municipality_dir / "skolerute.yaml").is_file()
    municipality_name = _municipality_name(municipality_dir) if municipality_dir else None
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file, text in _files(name, municipality_name, builds_on, slug, has_calendar).items():
        (folder / file).write_text(text, encoding="utf-8")
        written.append(folder / file)
    write_schemas(folder)
    if municipality_dir is not None:
        _list_school(municipality_dir, folder)
    return NewSchool(folder, written, municipality_dir)


def _municipality_name(municipality_dir: Path) -> str | None:
    from .municipality import read_municipality

    found = read_municipality(municipality_dir)
    return found.name["nb"] if found else None


def _list_school(municipality_dir: Path, school: Path) -> None:
    """Add the school to kommune.yaml's `schools`, keeping the file's comments and layout."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    path = municipality_dir / MUNICIPALITY_FILE
    data = yaml.load(path.read_text(encoding="utf-8"))
    relative = os.path.relpath(school, municipality_dir)
    schools = data.setdefault("schools", [])
    if relative not in schools:
        schools.append(relative)
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(data, file)
