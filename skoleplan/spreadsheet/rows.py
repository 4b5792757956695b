"""Each row of an årshjul table read into an activity, and what could not be read, by row number.

A row whose cells all say the same one thing that is a time («AUGUST» across
the table, «Høst») is no activity: it says when the rows under it happen, for
those that leave «Når» empty. A row with other text alone («Sosiale
aktiviteter») is a heading and is passed over. Every other row with content
becomes an activity, even when something is missing: what is missing is
listed with the row (`Activity.review`), and the YAML marks it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..model.base import Lang
from ..model.timing import Timing, parse_timing
from ..model.timing_phrase import PhraseError
from .columns import Layout, heading_key
from .tables import Cell, Table
from .words import RoleMatcher, audience_of, category_of, grades_in, is_mark, key, slug

TIMING = TypeAdapter(Timing)
_ID = re.compile(r"^[a-z0-9æøå]+(-[a-z0-9æøå]+)*$")


Place = tuple[str | None, int]  # (the sheet, when the import reads more than one; the row number)


def places(found: list[Place]) -> str:
    """«rad 7, 9», or with sheets «ark «Høst», rad 7, 9; ark «Vår», rad 3»."""
    by_sheet: dict[str | None, list[int]] = {}
    for sheet, row in found:
        by_sheet.setdefault(sheet, []).append(row)
    return "; ".join(
        (f"ark «{sheet}», " if sheet else "") + "rad " + ", ".join(str(r) for r in rows) for sheet, rows in by_sheet.items()
    )


@dataclass
class NewRole:
    id: str
    title: str  # as the sheet wrote it
    rows: list[Place] = field(default_factory=list)
    meant: str | None = None  # the closest existing role, for «mente du …?»


@dataclass
class Activity:
    """One row as it will be written: values for the YAML, and what the school must look at."""

    row: int
    title: str | None
    sheet: str | None = None  # when the import reads more than one sheet
    description: str | None = None
    timing: Any = None  # a phrase (str) or a structured block (dict); None: the row says no time
    responsible: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    grades: tuple[int, int] | None = None
    category: str | None = None
    duties: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    internal: bool = False
    id: str | None = None
    given_id: bool = False
    other: dict[str, str] = field(default_factory=dict)  # title/description in the other written standard
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # field → translation / visibility
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timing_text: str = ""  # the «Når» as written, for the id of a repeated title

    @property
    def place(self) -> Place:
        return (self.sheet, self.row)

    @property
    def where(self) -> str:
        return places([self.place])


@dataclass
class Context:
    """What a row is read against: the school's roles, duties and resources, and the sheet's language."""

    lang: Lang
    roles: RoleMatcher
    duties: set[str]
    resources: set[str]
    new_roles: dict[str, NewRole] = field(default_factory=dict)  # key of the title → the role to add
    persons: list[tuple[Place, str]] = field(default_factory=list)
    sheet: str | None = None  # the sheet being read, when there are several


def _text(value: Cell) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value).strip() or None


def _cell(cells: list[Cell], index: int | None) -> Cell:
    return cells[index] if index is not None and index < len(cells) else None


def _is_timing(text: str) -> bool:
    try:
        parse_timing(text)
    except (PhraseError, ValueError):
        return False
    return True


def read_activities(table: Table, layout: Layout, context: Context) -> list[Activity]:
    """Every activity of the table, in order."""
    header = table.rows[layout.first_data_index - 1].cells if layout.header_row is not None else []
    section: str | None = None
    activities: list[Activity] = []
    for row in table.rows[layout.first_data_index :]:
        values = [c for c in row.cells if c is not None]
        if not values or row.cells[: len(header)] == header:
            continue
        title_cell = _cell(row.cells, layout.columns.get("what"))
        distinct = {_text(v) for v in values}
        if len(distinct) == 1:
            only = next(iter(distinct)) or ""
            if not isinstance(values[0], (int, float)) and _is_timing(only):
                section = only.capitalize() if only.isupper() else only  # «AUGUST», «Høst»: when the rows under it happen
                continue
            if title_cell is None or len(values) > 1:
                continue  # a heading such as «Sosiale aktiviteter», across the table or in another column
        activities.append(_activity(row.number, row.cells, layout, context, section))
    return activities


def _activity(number: int, cells: list[Cell], layout: Layout, context: Context, section: str | None) -> Activity:
    get = lambda kind: _cell(cells, layout.columns.get(kind))  # noqa: E731
    title = _text(get("what"))
    activity = Activity(row=number, title=title, sheet=context.sheet)
    if title is None:
        activity.review.append("mangler «Hva» (aktiviteten); tittelen må skrives")
    activity.description = _text(get("how"))
    if title is not None and "\n" in title:
        _read_title_lines(activity, title)
    _read_timing(activity, get, layout, context, section)
    _read_responsible(activity, _text(get("responsible")), context)
    _read_audience(activity, cells, get, layout)
    category = _text(get("category"))
    if category:
        activity.category = category_of(category)
        if activity.category is None:
            activity.review.append(
                f"Kategori: forstår ikke «{category}»; forventet sosial, kartlegging, møte, informasjon, opplæring, "
                "evaluering eller markering (feltet er valgfritt)"
            )
    for kind, known, what in (("duties", context.duties, "delplikt"), ("resources", context.resources, "ressurs")):
        text = _text(get(kind))
        for ref in [r.strip() for r in re.split(r"[,;\s]+", text or "") if r.strip()]:
            if ref in known:
                getattr(activity, kind).append(ref)
            else:
                activity.review.append(f"ukjent {what} «{ref}»; ikke tatt med")
    visibility = _text(get("visibility"))
    activity.internal = visibility is not None and key(visibility) in ("intern", "internal", "ja", "x")
    given = _text(get("id"))
    if given and _ID.match(given):
        activity.id, activity.given_id = given, True
    elif given:
        activity.notes.append(f"id-en «{given}» kan ikke brukes (små bokstaver, tall og bindestrek); ny id laget av tittelen")
    activity.meta = _meta(_text(get("meta")))
    return activity


def _read_title_lines(activity: Activity, cell: str) -> None:
    """A «Hva» cell on several lines (Alt+Enter in Excel). A title is one line: a line that goes on in lower case
    («Identifisering av» / «sårbare elever») is more of the title, joined with a space (the id is made from the
    whole). A line that starts anew («Foreldremøte» / «Tema: klassemiljøet») begins the description, and the row
    is marked for a look: the sheet may have meant it as part of the title."""
    lines = [" ".join(line.split()) for line in cell.splitlines() if line.strip()]
    count = 1
    while count < len(lines) and lines[count][:1].islower():
        count += 1
    activity.title = " ".join(lines[:count])
    rest = lines[count:]
    if not rest:
        activity.notes.append(f"«Hva» står på {len(lines)} linjer; lest som én tittel: «{activity.title}»")
        return
    moved = "\n".join(rest)
    activity.description = f"{moved}\n\n{activity.description}" if activity.description else moved
    activity.review.append(
        f"«Hva» står på flere linjer: tittelen er «{activity.title}», og «{' / '.join(rest)}» er lagt først i "
        "beskrivelsen; hører det til tittelen, skriv «Hva» på én linje"
    )


# --- when ---------------------------------------------------------------------------------------------------


def _read_timing(activity: Activity, get: Any, layout: Layout, context: Context, section: str | None) -> None:
    kind = "when" if get("when") is not None else "when_alt"
    cell = get(kind)
    heading = heading_key(layout.heading_of(kind)) if kind in layout.columns else ""
    clock = get("clock")
    structured: dict[str, Any] | None = None
    phrase: str | None = None
    if isinstance(cell, (dt.date, dt.datetime)):
        day = cell.date() if isinstance(cell, dt.datetime) else cell
        structured = {"date": day}
        if isinstance(cell, dt.datetime) and cell.time() != dt.time():
            structured["time"] = cell.strftime("%H:%M")
        written = f"{day.day}.{day.month}.{day.year}"
        activity.notes.append(
            f"«Når» er en dato med årstall ({written}); den gjelder bare det ene skoleåret. Skriv den som tekst "
            f"(«{day.day}. {_MONTHS[day.month - 1]}») hvis den skal gjelde hvert år"
        )
    elif isinstance(cell, dt.time):
        clock = clock or cell
    elif cell is not None:
        phrase = _text(cell)
        if phrase and re.fullmatch(r"[\d\s–,/og-]+", phrase) and heading in ("uke", "veke", "uker", "veker"):
            phrase = f"{'veke' if context.lang == 'nn' else 'uke'} {phrase}"  # a week column with bare numbers
        elif phrase and phrase.isdigit() and heading in ("måned", "månad") and 1 <= int(phrase) <= 12:
            phrase = _MONTHS[int(phrase) - 1]
    if structured is None and phrase is None:
        if section is None:  # no time: the page lists it under «Uten fast tidspunkt», the feeds leave it out
            activity.notes.append("«Når» er tom; aktiviteten står uten tidspunkt")
            return
        phrase = section
    clock_text = _clock(clock)
    if structured is not None:
        if clock_text:
            structured.update(_clock_fields(clock_text))
        activity.timing = structured
        activity.timing_text = f"{structured['date']}"
        return
    assert phrase is not None
    written = f"{phrase} {clock_text}".strip()
    activity.timing_text = written
    try:
        parsed = parse_timing(written)
    except (PhraseError, ValueError) as exc:
        # «Uke 40 (høstferie)»: a remark in brackets is no part of the time.
        bare = re.sub(r"\s*\([^)]*\)", "", written).strip()
        try:
            parsed = parse_timing(bare) if bare and bare != written else None
        except (PhraseError, ValueError):
            parsed = None
        if parsed is None:
            # The sheet did give a time: «ikke bestemt» would say what it does not. Without one the row stands
            # under «Uten fast tidspunkt», and the comment above it quotes what was written.
            activity.review.append(
                f"«Når» kan ikke leses: {exc}; står uten tidspunkt til du skriver det slik at det kan leses"
            )
            activity.notes.append(f"«Når» var «{written}»")
            activity.timing = None
            return
        remarks = ", ".join(re.findall(r"\([^)]*\)", written))
        activity.notes.append(f"«Når» er lest som «{bare}»; {remarks} er ikke tatt med")
        written = activity.timing_text = bare
    activity.timing = " ".join(written.split())
    yaml_text = _text(get("timing_yaml"))
    if yaml_text:  # the export's own column: the timing exactly as the YAML had it, while «Når» is unchanged
        try:
            value = YAML(typ="safe", pure=True).load(yaml_text)
            model = TIMING.validate_python(value)
        except (YAMLError, ValidationError, ValueError):
            return
        if type(model) is type(parsed) and model.model_dump() == parsed.model_dump():
            activity.timing = value


_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
           "desember")  # fmt: skip


def _clock(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return f"kl. {value.hour:02d}.{value.minute:02d}"
    if isinstance(value, dt.datetime):
        return f"kl. {value.hour:02d}.{value.minute:02d}"
    text = _text(value) or ""
    return f"kl. {text}" if text[:1].isdigit() else text


def _clock_fields(clock_text: str) -> dict[str, str]:
    m = re.search(r"(\d{1,2})[.:](\d\d)(?:\s*[-–]\s*(\d{1,2})[.:](\d\d))?", clock_text)
    if not m:
        return {}
    fields = {"time": f"{int(m[1]):02d}:{m[2]}"}
    if m[3]:
        fields["end_time"] = f"{int(m[3]):02d}:{m[4]}"
    return fields


# --- who ----------------------------------------------------------------------------------------------------


def _read_responsible(activity: Activity, text: str | None, context: Context) -> None:
    """The roles «Ansvar» names; none where it is empty (a plan need not say, and is given no placeholder)."""
    if text is None:
        activity.notes.append("«Ansvar» er tom; aktiviteten står uten ansvarlig rolle")
        return
    found = context.roles.match(text)
    roles: list[str] = []
    for what, value in found.order:
        if what == "role":
            roles.append(value)
            continue
        title = value
        k = key(title)
        role = context.new_roles.get(k)
        if role is None:
            role_id = slug(title, 50)
            taken = {r.id for r in context.roles.roles} | {r.id for r in context.new_roles.values()}
            base, n = role_id, 2
            while role_id in taken:
                role_id, n = f"{base}-{n}", n + 1
            role = context.new_roles[k] = NewRole(role_id, title, meant=context.roles.did_you_mean(title))
        role.rows.append(activity.place)
        roles.append(role.id)
        activity.review.append(f"Ansvar: «{title}» er ikke en rolle i roller.yaml; lagt til som ny rolle «{role.id}»")
    for person in found.persons:  # named in the report only: the plan never holds it, not even in a comment
        context.persons.append((activity.place, person))
        activity.review.append(
            "Ansvar: et navn på en person er ikke tatt med (se rapporten); arbeid gis til roller, ikke personer: "
            "skriv rollen (for eksempel «kontaktlærer»)"
        )
    activity.notes += found.read_as
    if not roles and not found.persons:
        activity.review.append(f"Ansvar: forstår ikke «{text}»; ikke tatt med (skriv en rolle fra roller.yaml)")
    activity.responsible = list(dict.fromkeys(roles))


def _read_audience(activity: Activity, cells: list[Cell], get: Any, layout: Layout) -> None:
    grades: set[int] = set()
    text = _text(get("audience"))
    if text:
        found = audience_of(text)
        activity.audience = found.audience
        grades |= found.grades
        for part in found.unread:
            activity.review.append(f"For hvem: forstår ikke «{part}»; forventet ansatte, foresatte, elever eller trinn")
    grade_text = _text(get("grades"))
    if grade_text:
        found_grades = grades_in(grade_text)
        if found_grades is None:
            activity.review.append(f"Trinn: forstår ikke «{grade_text}»; forventet for eksempel «5.–7. trinn»")
        else:
            grades |= found_grades
    grades |= {grade for index, grade in layout.grade_columns.items() if is_mark(_cell(cells, index))}
    if grades:
        first, last = min(grades), max(grades)
        activity.grades = (first, last)
        if len(grades) != last - first + 1:
            shown = ", ".join(str(g) for g in sorted(grades))
            activity.review.append(f"Trinn: {shown} er skrevet som {first}.–{last}. trinn (et årshjul har ett sammenhengende spenn)")


# --- what the export wrote about texts ------------------------------------------------------------------------


def _meta(text: str | None) -> dict[str, dict[str, Any]]:
    """«title=nb,draft,36e5729e;description=nb,reviewed,1a2b3c4d,internal» → per field."""
    meta: dict[str, dict[str, Any]] = {}
    for part in (text or "").split(";"):
        name, _, rest = part.strip().partition("=")
        if name not in ("title", "description"):
            continue
        values = [v.strip() for v in rest.split(",") if v.strip()]
        entry: dict[str, Any] = {}
        if len(values) >= 3 and values[0] in ("nb", "nn") and values[1] in ("draft", "reviewed") and re.fullmatch(
            r"[0-9a-f]{8}", values[2]
        ):
            entry["translation"] = {"source": values[0], "status": values[1], "hash": values[2]}
        if "internal" in values:
            entry["visibility"] = "internal"
        meta[name] = entry
    return meta


def assign_ids(activities: list[Activity], lang: Lang) -> None:
    """Ids from the titles, unique: a title used twice gets its «Når» added («fellessamling-september»)."""
    taken = {a.id for a in activities if a.given_id}
    by_base: dict[str, list[Activity]] = {}
    for activity in activities:
        if not activity.given_id:
            base = slug(activity.title or f"aktivitet {activity.where}")
            by_base.setdefault(base, []).append(activity)
    for base, group in by_base.items():
        if len(group) == 1 and base not in taken:
            group[0].id = base
            taken.add(base)
            continue
        for activity in group:
            candidate = f"{base}-{slug(activity.timing_text, 30)}" if activity.timing_text else base
            n = 2
            unique = candidate
            while unique in taken:
                unique, n = f"{candidate}-{n}", n + 1
            activity.id = unique
            taken.add(unique)
