"""`make importer FIL=årshjul.xlsx`: the school's own årshjul table becomes `data/aarshjul.yaml`.

What the office expects of an import, and how:

* The table is read as it is (tables.py), its columns found by their headings
  (columns.py), each row read into an activity (rows.py). Every sheet with
  headings is read («Høst» and «Vår», a sheet per month); one without (an
  explanation) is passed over; ARK= picks one. The sheet's texts
  are Bokmål or Nynorsk as written; the other written standard is drafted by
  Apertium right away, exactly as `make oversett` does, so that the plan
  builds at once (the drafts show as drafts until someone approves them).
  Everything that can stop the import is checked first (`read_sheet`), then,
  when a text needs a draft, whether Apertium is there, before anything is
  written. `make importer` asks the same `read_sheet` (`--sjekk-apertium`) before it
  installs Apertium, and installs it only when it is missing and needed.
* Nothing is made up: no intro, no role, no time the sheet does not have.
* Nothing is lost quietly: a row that could not be read completely is still
  written, with a «# SJEKK» comment above it in the YAML saying what to look
  at, and listed in the report with its row number. An activity the replaced
  aarshjul.yaml had and the sheet has not (a row deleted in an export) is
  named in the report by id and title: its calendar events disappear.
* The report goes to the terminal and to `importrapport.txt` in the school's
  folder (DATA), beside the aarshjul.yaml it is about.
* Roles are matched against the whole plan, the layers it builds on included
  (`skoleplan.validate.load`). The only other file touched is the school's own
  `roller.yaml`, and only by adding the roles the sheet names that the plan
  does not have yet: appended to the end of its list, each with a «# SJEKK»
  comment; every byte already there stays. A school whose roles all come from
  the layers below has no `roller.yaml` of its own: it is then written as a
  layer file holding only the new roles. A row without «Ansvar» gets no role:
  the plan is not given content the sheet does not have.
* An existing `aarshjul.yaml` is replaced only with `overwrite` (OVERSKRIV=1),
  and then kept beside it as `aarshjul-<tidspunkt>.yaml.bak`; its intro is kept.
* If the result would not pass `make check`, nothing is written (or what was
  written is put back), and the message says why.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..errors import PlanError, display_path
from ..model.base import Lang, Text, Translation, fingerprint
from ..model.plan import Role
from ..render.written_standard import MARKERS
from ..validate import load_files, load_plan
from . import SpreadsheetError
from .columns import KINDS, Layout, column_letter, find_layout, parse_kolonner
from .rows import Activity, Context, NewRole, Place, assign_ids, places, read_activities
from .tables import Table, read_tables
from .words import RoleMatcher

Translator = Callable[[list[str], Lang, Lang], list[str]]
LANG_NAMES = {"nb": "bokmål", "nn": "nynorsk"}
SHEET_LANGS = {"bokmål": "nb", "bokmal": "nb", "nynorsk": "nn", "nb": "nb", "nn": "nn"}
REPORT_NAME = "importrapport.txt"  # written into the school's folder, beside the aarshjul.yaml it reports on


@dataclass
class ImportReport:
    """What was done, and what the school must look at, for the terminal and importrapport.txt."""

    source: str
    target: str
    sheet: str
    layout: Layout
    lang: Lang
    activities: list[Activity]
    new_roles: list[NewRole]
    persons: list[tuple[Place, str]]
    roles_file: str = ""  # the roller.yaml the new roles went into
    backup: str | None = None
    drafted: int = 0
    other_sheet: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, title) in the old file, not in the new
    report_file: str | None = None  # where the report is saved

    @property
    def to_review(self) -> list[Activity]:
        return [a for a in self.activities if a.review]

    def text(self) -> str:
        other = "nn" if self.lang == "nb" else "nb"
        lines = [
            f"Importerte {len(self.activities)} aktiviteter fra {self.source} (ark «{self.sheet}"
            + (f"», overskrifter i rad {self.layout.header_row}" if self.layout.header_row else "»")
            + f") til {self.target}. Teksten er på {LANG_NAMES[self.lang]}"
            + (f"; {LANG_NAMES[other]} er hentet fra arket «{self.other_sheet}»." if self.other_sheet else ".")
        ]
        if self.drafted:
            lines.append(
                f"{self.drafted} tekster på {LANG_NAMES[other]} er maskinoversatt (som med «make oversett»): les og rett "
                f"dem, og godkjenn med «make godkjenn FIL={self.target}»."
            )
        shown = []
        for kind, index in sorted(self.layout.columns.items(), key=lambda kv: kv[1]):
            name = KINDS.get(kind, "når (der den andre er tom)")
            shown.append(f"{column_letter(index)} «{self.layout.headings.get(index, '')}» → {name}")
        if self.layout.grade_columns:
            grades = sorted(self.layout.grade_columns.items())
            shown.append(f"{column_letter(grades[0][0])}–{column_letter(grades[-1][0])} → trinn (kryss)")
        lines.append("Kolonner: " + "; ".join(shown) + ".")
        if self.layout.unknown:
            skipped = ", ".join(f"{column_letter(i)} «{self.layout.headings[i]}»" for i in self.layout.unknown)
            lines.append(
                f"Ikke tatt med (ukjent overskrift): {skipped}. Står det noe der som hører til, flytt det til «Hvordan», "
                f'eller si hva kolonnen er med KOLONNER (for eksempel KOLONNER="hvordan={column_letter(self.layout.unknown[0])}").'
            )
        if self.backup:
            lines.append(f"Den gamle årshjulfilen er tatt vare på som {self.backup}.")
        if self.removed:
            count = f"{len(self.removed)} {'aktivitet' if len(self.removed) == 1 else 'aktiviteter'}"
            lines.append("")
            lines.append(
                f"Ikke lenger i årshjulet ({count} fra den gamle filen som ikke er i {self.source}; de forsvinner fra "
                "nettsiden og kalenderstrømmene):"
            )
            lines += [f"  {activity_id}: «{title}»" for activity_id, title in self.removed]
        review = self.to_review
        if review:
            lines.append("")
            lines.append(f"Må sjekkes ({len(review)} rader, merket med «# SJEKK» i {self.target}):")
            for activity in review:
                title = f" «{activity.title}»" if activity.title else ""
                for problem in activity.review:
                    lines.append(f"  {activity.where}{title}: {problem}")
        if self.new_roles:
            lines.append("")
            lines.append(
                f"Nye roller i {self.roles_file} (merket med «# SJEKK»; rett navnet, eller bytt til en rolle som finnes):"
            )
            for role in self.new_roles:
                meant = f"; mente du «{role.meant}»?" if role.meant else ""
                lines.append(f"  «{role.title}» → {role.id} ({places(role.rows)}){meant}")
        if self.persons:
            lines.append("")
            lines.append("Personnavn i «Ansvar» (ikke tatt med; arbeid gis til roller, ikke personer):")
            for place, person in self.persons:
                lines.append(f"  {places([place])}: «{person}»")
        notes = [(a.where, n) for a in self.activities for n in a.notes]
        if notes:
            lines.append("")
            lines.append("Merknader:")
            lines += [f"  {where}: {note}" for where, note in notes]
        lines.append("")
        lines.append("Neste steg: «make check» og «make build», og se over årshjulet på nettsiden.")
        if self.report_file:
            lines.append(f"Rapporten er også lagret i {self.report_file}.")
        return "\n".join(lines) + "\n"


# --- reading ------------------------------------------------------------------------------------------------


def _plan_context(data_dir: Path) -> tuple[list[Role], set[str], set[str], Lang]:
    """The plan's roles, duty ids, resource ids and main written standard, its layers merged: what rows are
    matched to."""
    try:
        files = load_files(data_dir, ("skole.yaml", "roller.yaml", "aktivitetsplikt.yaml", "ressurser.yaml"))
    except PlanError as exc:
        broken = ", ".join(dict.fromkeys(str(p.file) for p in exc.problems))
        raise SpreadsheetError(
            f"{broken} har feil (se «make check»); rett dem før importen, som leser rollene, delpliktene og "
            "ressursene fra planen"
        ) from None
    roles = list(files["roller.yaml"].roles)
    duties = {d.id for d in files["aktivitetsplikt.yaml"].duties}
    resources = {r.id for r in files["ressurser.yaml"].resources}
    return roles, duties, resources, files["skole.yaml"].school.main_standard


def _language(read: list[tuple[Table, Layout]], main: Lang) -> Lang:
    """Bokmål or Nynorsk, by the words that exist in only one of them, in the texts of the tables."""
    counts: Counter[str] = Counter()
    for table, layout in read:
        for row in table.rows[layout.first_data_index :]:
            for kind in ("what", "how", "when", "audience"):
                index = layout.columns.get(kind)
                cell = row.cells[index] if index is not None and index < len(row.cells) else None
                if isinstance(cell, str):
                    for word in re.findall(r"[a-zæøå]+", cell.lower()):
                        for lang, markers in MARKERS.items():
                            if word in markers:
                                counts[lang] += 1
    if counts["nb"] == counts["nn"]:
        return main
    return "nb" if counts["nb"] > counts["nn"] else "nn"


def _choose_tables(
    tables: list[Table], source: str, sheet: str | None, chosen: dict[str, str]
) -> list[tuple[Table, Layout]]:
    """The sheets (or Word tables) that hold the årshjul: the one named, else every one with its headings
    («Høst» and «Vår», or a sheet per month); sheets without (an explanation, a list of contacts) are passed over."""
    if sheet:
        table = next((t for t in tables if t.name.lower() == sheet.lower()), None)
        if table is None:
            names = ", ".join(f"«{t.name}»" for t in tables)
            raise SpreadsheetError(f"{source}: finner ikke arket «{sheet}»; arkene er {names}")
        return [(table, find_layout(table, f"{source}, ark «{table.name}»", chosen))]
    errors, found = [], []
    for table in tables:
        if not table.rows:
            continue
        try:
            found.append((table, find_layout(table, f"{source}, ark «{table.name}»" if len(tables) > 1 else source, chosen)))
        except SpreadsheetError as exc:
            errors.append(exc)
    if found:
        return found
    if errors:
        raise errors[0]
    raise SpreadsheetError(f"{source}: filen er tom; fant ingen rader")


def _other_language_sheet(
    tables: list[Table], primary: Table, layout: Layout, lang: Lang, source: str
) -> tuple[str, dict[str, dict[str, str]]] | None:
    """An export's sheet in the other written standard: texts by id («Bokmål» and «Nynorsk»)."""
    if "id" not in layout.columns:
        return None
    other = "nn" if lang == "nb" else "nb"
    for table in tables:
        if table is primary or SHEET_LANGS.get(table.name.lower()) != other:
            continue
        try:
            other_layout = find_layout(table, source)
        except SpreadsheetError:
            continue
        if "id" not in other_layout.columns:
            continue
        texts: dict[str, dict[str, str]] = {}
        for row in table.rows[other_layout.first_data_index :]:
            def get(kind: str) -> Any:
                index = other_layout.columns.get(kind)
                return row.cells[index] if index is not None and index < len(row.cells) else None

            if isinstance(get("id"), str):
                texts[get("id")] = {k: str(get(c)) for k, c in (("title", "what"), ("description", "how")) if get(c)}
        return table.name, texts
    return None


# --- writing ------------------------------------------------------------------------------------------------


def _flow(mapping: dict[str, Any]) -> CommentedMap:
    node = CommentedMap(mapping)
    node.fa.set_flow_style()
    return node


def _text_node(main: str, lang: Lang, other: str | None, meta: dict[str, Any], block: bool) -> CommentedMap:
    other_lang = "nn" if lang == "nb" else "nb"
    values: dict[str, Any] = {lang: main}
    if other:
        values[other_lang] = other
    ordered = {code: values[code] for code in ("nb", "nn") if code in values}
    if block:
        ordered = {code: LiteralScalarString(text.rstrip() + "\n") if "\n" in text or len(text) > 80 else text
                   for code, text in ordered.items()}  # fmt: skip
    if "visibility" in meta:
        ordered["visibility"] = meta["visibility"]
    if "translation" in meta and other:  # the fingerprint quoted, as `make oversett` writes it: «12345678» is no number
        record = dict(meta["translation"])
        record["hash"] = DoubleQuotedScalarString(record["hash"])
        ordered["translation"] = _flow(record)
    if block and any(isinstance(v, LiteralScalarString) for v in ordered.values()):
        return CommentedMap(ordered)
    return _flow(ordered)


def _timing_value(value: Any) -> Any:
    if isinstance(value, dict):
        return _flow({k: (list(v) if isinstance(v, list) else v) for k, v in value.items()})
    return value


def calendar_yaml(activities: list[Activity], lang: Lang, intro: Any, source: str) -> str:
    """The new aarshjul.yaml, with «# SJEKK» above each row that needs a look."""
    document = CommentedMap()
    if intro is not None:  # the school's own, from the file replaced; the import writes none of its own
        document["intro"] = intro
    items = CommentedSeq()
    for index, activity in enumerate(activities):
        item = CommentedMap()
        item["id"] = activity.id
        if activity.internal:
            item["visibility"] = "internal"
        title = activity.title or (f"Uten tittel ({activity.where})" if lang == "nb" else f"Utan tittel ({activity.where})")
        item["title"] = _text_node(title, lang, activity.other.get("title"), activity.meta.get("title", {}), False)
        if activity.description:
            item["description"] = _text_node(
                activity.description, lang, activity.other.get("description"), activity.meta.get("description", {}), True
            )
        if activity.timing is not None:
            item["timing"] = _timing_value(activity.timing)
        if activity.responsible:
            item["responsible"] = _flow_list(activity.responsible)
        if activity.audience:
            item["audience"] = _flow_list(activity.audience)
        if activity.grades:
            item["grades"] = _flow({"first": activity.grades[0], "last": activity.grades[1]})
        if activity.category:
            item["category"] = activity.category
        if activity.duties:
            item["duties"] = _flow_list(activity.duties)
        if activity.resources:
            item["resources"] = _flow_list(activity.resources)
        items.append(item)
        comment = f"\n{activity.where}" if not activity.review else ""
        if activity.review:
            comment = "\n" + "\n".join(f"SJEKK ({activity.where}): {problem}" for problem in activity.review)
        items.yaml_set_comment_before_after_key(index, before=comment.lstrip("\n"), indent=2)
    document["activities"] = items
    yaml = YAML(typ="rt")
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(document, out)
    header = (
        "# yaml-language-server: $schema=schema/aarshjul.schema.json\n"
        f"# Årshjulet, importert fra {source} med «make importer». Rader merket «# SJEKK» må ses over.\n"
        "# Id-ene brukes i kalenderstrømmene: endre dem aldri etter publisering.\n"
    )
    return header + out.getvalue()


def _flow_list(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


ROLES_LAYER_HEADER = (
    "# yaml-language-server: $schema=schema/roller.schema.json\n"
    "# Skolens egne roller, i tillegg til rollene i lagene planen bygger på. Skrevet av «make importer».\n"
    "roles:\n"
)


def _roles_yaml(path: Path, roles: list[tuple[NewRole, Role, str]]) -> str:
    """roller.yaml with `roles` appended to its list, in its own indentation, every existing byte kept;
    without the file (the roles come from the layers below), a layer file with only `roles`."""
    if not path.exists():
        return ROLES_LAYER_HEADER + "".join(_role_lines(roles, 0, 1))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    data = YAML(typ="rt").load(text)
    items = data.get("roles") if isinstance(data, dict) else None
    if not items:  # a layer file without roles of its own (it only removes some, say)
        if isinstance(data, dict) and "roles" in data:  # «roles: []»: the list starts there
            line = data.lc.key("roles")[0]
            if not re.fullmatch(r"roles:\s*\[\s*\]\s*(#.*)?", lines[line].rstrip("\r\n")):
                raise SpreadsheetError(
                    f"{display_path(path)}:{line + 1}: kan ikke legge nye roller til «roles» slik den er skrevet; "
                    "skriv den som en liste med «- id: …» (eller ta den bort) og importer igjen"
                )
            return "".join(lines[:line] + ["roles:\n"] + _role_lines(roles, 0, 1) + lines[line + 1 :])
        ending = "" if not text or text.endswith("\n") else "\n"
        return text + ending + "roles:\n" + "".join(_role_lines(roles, 0, 1))
    start = items.lc.item(len(items) - 1)[0]  # the line of the last item's «- id: …»

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    dash = indent(lines[start])
    gap = indent(lines[start][dash + 1 :])  # the spaces between «-» and «id»
    # The last item ends before the first line that is neither blank nor indented past its «-».
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > dash):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end] + _role_lines(roles, dash, gap) + lines[end:])


def _role_lines(roles: list[tuple[NewRole, Role, str]], dash: int, gap: int) -> list[str]:
    """Each role as «- id: …» and «name: {…}», its comment above it: `dash` spaces before the dash, `gap` after."""
    added = []
    for _, role, comment in roles:
        name = role.name
        fields = [f"nb: {json.dumps(name.nb, ensure_ascii=False)}", f"nn: {json.dumps(name.nn, ensure_ascii=False)}"]
        if name.translation is not None:
            t = name.translation
            fields.append(f'translation: {{source: {t.source}, status: {t.status}, hash: "{t.hash}"}}')
        added += [
            f"{' ' * dash}# {comment}\n",
            f"{' ' * dash}-{' ' * gap}id: {role.id}\n",
            f"{' ' * (dash + 1 + gap)}name: {{{', '.join(fields)}}}\n",
        ]
    return added


def _default_translator(texts: list[str], source: Lang, target: Lang) -> list[str]:
    from ..translate import apertium

    return apertium.translate(texts, source, target)


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%dT%H%M%S")


# --- the import --------------------------------------------------------------------------------------------


@dataclass
class Reading:
    """The sheet read and checked against the plan: everything the import can know before it translates or
    writes anything (`make importer` asks this first: `skoleplan importer --sjekk-apertium`)."""

    source: Path
    target: Path
    found: list[tuple[Table, Layout]]
    lang: Lang
    context: Context
    activities: list[Activity]
    other: tuple[str, dict[str, dict[str, str]]] | None  # the export's sheet in the other written standard

    @property
    def other_lang(self) -> Lang:
        return "nn" if self.lang == "nb" else "nb"

    @property
    def to_draft(self) -> int:
        """How many texts the sheet has in one written standard only: Apertium drafts the other."""
        texts = len(self.context.new_roles)
        for activity in self.activities:
            texts += ("title" not in activity.other) + (bool(activity.description) and "description" not in activity.other)
        return texts


def read_sheet(
    source: Path | str,
    data_dir: Path | str,
    *,
    kolonner: str | None = None,
    overwrite: bool = False,
    sheet: str | None = None,
    lang: Lang | None = None,
) -> Reading:
    """Read `source` into activities, matched against the plan in `data_dir`; nothing is written. Raises
    SpreadsheetError for whatever would stop the import."""
    source, data_dir = Path(source), Path(data_dir)
    shown_source = display_path(source)
    target = data_dir / "aarshjul.yaml"
    if target.exists() and not overwrite:
        raise SpreadsheetError(
            f"{display_path(target)} finnes fra før og blir ikke overskrevet. Kjør med OVERSKRIV=1 for å erstatte "
            "den (den gamle blir tatt vare på som en .bak-fil ved siden av)"
        )
    chosen = parse_kolonner(kolonner) if kolonner else {}
    roles, duties, resources, main = _plan_context(data_dir)
    tables = read_tables(source)
    found = _choose_tables(tables, shown_source, sheet, chosen)
    table, layout = found[0]
    if SHEET_LANGS.get(table.name.lower()):  # an export: a sheet per written standard, the other one read below
        found = found[:1]
    lang = lang or SHEET_LANGS.get(table.name.lower()) or _language(found, main)
    context = Context(lang, RoleMatcher(list(roles)), duties, resources)
    activities = []
    for each, each_layout in found:
        context.sheet = each.name if len(found) > 1 else None
        activities += read_activities(each, each_layout, context)
    if not activities:
        raise SpreadsheetError(
            f"{shown_source}: fant ingen aktiviteter under overskriftene"
            + (f" i rad {layout.header_row}" if layout.header_row else "")
            + "; er det riktig ark?"
        )
    other = _other_language_sheet(tables, table, layout, lang, shown_source)
    if other is not None:
        for activity in activities:
            activity.other = other[1].get(activity.id or "", {})
    assign_ids(activities, lang)
    return Reading(source, target, found, lang, context, activities, other)


def _apertium_ready(reading: Reading) -> None:
    """Apertium is there for the drafts, or the import stops before it has written anything, saying so."""
    from ..translate import apertium

    try:
        apertium.choose_mode(reading.lang, reading.other_lang)
    except apertium.ApertiumError as exc:
        raise SpreadsheetError(
            f"{display_path(reading.source)}: importen trenger Apertium for å lage utkast på "
            f"{LANG_NAMES[reading.other_lang]} av {reading.to_draft} tekster. {exc} Ingenting er endret."
        ) from None


def _old_activities(old: Any, lang: Lang) -> list[tuple[str, str]]:
    """(id, title) of each activity in the aarshjul.yaml being replaced."""
    items = old.get("activities") if isinstance(old, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        title = item.get("title")
        if isinstance(title, dict):
            title = title.get(lang) or title.get("nb") or title.get("nn")
        found.append((item["id"], " ".join(str(title).split()) if title else ""))
    return found


def import_calendar(
    source: Path | str,
    data_dir: Path | str,
    *,
    kolonner: str | None = None,
    overwrite: bool = False,
    sheet: str | None = None,
    lang: Lang | None = None,
    translator: Translator | None = None,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Read `source`, write `data_dir/aarshjul.yaml` (and new roles into its roller.yaml) and the report,
    `data_dir/importrapport.txt`; the report says what to check."""
    data_dir = Path(data_dir)
    reading = read_sheet(source, data_dir, kolonner=kolonner, overwrite=overwrite, sheet=sheet, lang=lang)
    source, target, lang = reading.source, reading.target, reading.lang
    activities, other = reading.activities, reading.other
    if translator is None and reading.to_draft:
        _apertium_ready(reading)

    # Roles to add: those the sheet names that the plan lacks.
    translate = translator or _default_translator
    other_lang = reading.other_lang
    new_roles = list(reading.context.new_roles.values())
    add: list[tuple[NewRole, Role, str]] = []
    if new_roles:
        titles = [_role_name(r.title) for r in new_roles]
        try:
            translated = translate(titles, lang, other_lang)
        except Exception as exc:  # Apertium failing: nothing has been written yet
            raise SpreadsheetError(f"kunne ikke oversette navnene på de nye rollene: {exc}") from None
        for role, name, other_name in zip(new_roles, titles, translated):
            text = {lang: name, other_lang: other_name.strip() or name}
            built = Role(id=role.id, name=Text(**text, translation=Translation(source=lang, status="draft", hash=fingerprint(name))))
            meant = f" Mente du «{role.meant}»?" if role.meant else ""
            add.append((role, built, f"SJEKK: lagt til av importen fra {source.name} ({places(role.rows)}).{meant}"))

    intro: Any = None  # none made up: a new årshjul has the intro the school writes, if any
    removed: list[tuple[str, str]] = []
    backup = None
    old_text = target.read_text(encoding="utf-8") if target.exists() else None
    if old_text is not None:
        reader = YAML(typ="rt")
        reader.preserve_quotes = True  # a fingerprint («hash: "12345678"») stays a string
        old = reader.load(old_text)
        if isinstance(old, dict) and old.get("intro") is not None:
            intro = old["intro"]  # the school's own introduction stays (its styles, not the blank lines after it)
            if isinstance(intro, dict):
                intro = CommentedMap(intro.items())
        kept = {a.id for a in activities}
        removed = [(i, title) for i, title in _old_activities(old, lang) if i not in kept]
    calendar_text = calendar_yaml(activities, lang, intro, source.name)
    roles_path = data_dir / "roller.yaml"
    roles_before = roles_path.read_bytes() if roles_path.exists() else None  # None: the roles are the layers'
    roles_text = _roles_yaml(roles_path, add) if add else None

    now = now or dt.datetime.now()
    if old_text is not None:
        backup_path = data_dir / f"aarshjul-{_stamp(now)}.yaml.bak"
        backup_path.write_text(old_text, encoding="utf-8")
        backup = display_path(backup_path)
    _write(target, calendar_text)
    if roles_text is not None:
        _write(roles_path, roles_text)
    drafted = 0
    try:
        from ..translate.draft import draft

        drafted = len(draft(data_dir, ["aarshjul.yaml"], translator=translate).drafted)
        _check(data_dir, target, roles_path)
    except BaseException as exc:
        _restore(target, old_text, roles_path, roles_before)
        if isinstance(exc, SpreadsheetError):
            raise
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise SpreadsheetError(f"importen ble ikke fullført, og ingenting er endret: {exc}") from None
    report_path = data_dir / REPORT_NAME
    report = ImportReport(
        source=display_path(source),
        target=display_path(target),
        sheet="», «".join(t.name for t, _ in reading.found),
        layout=reading.found[0][1],
        lang=lang,
        activities=activities,
        new_roles=new_roles,
        persons=reading.context.persons,
        roles_file=display_path(roles_path),
        backup=backup,
        drafted=drafted,
        other_sheet=other[0] if other else None,
        removed=removed,
        report_file=display_path(report_path),
    )
    try:
        _write(report_path, report.text())
    except OSError:  # the import is done; the report is then only on the screen, which does not claim otherwise
        report.report_file = None
    return report


def _role_name(title: str) -> str:
    """«Trivselsledere» → «trivselsledere»; an abbreviation («FAU-leder») keeps its capitals."""
    first = title.split()[0] if title.split() else title
    if first[:1].isupper() and first[1:2].islower():
        return title[0].lower() + title[1:]
    return title


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def _restore(target: Path, old_text: str | None, roles_path: Path, roles_before: bytes | None) -> None:
    if old_text is None:
        target.unlink(missing_ok=True)
    else:
        _write(target, old_text)
    if roles_before is None:
        roles_path.unlink(missing_ok=True)
    else:
        roles_path.write_bytes(roles_before)


def _check(data_dir: Path, target: Path, roles_path: Path) -> None:
    """The files written must pass `make check` with the rest of the plan; else the import is undone."""
    try:
        load_plan(data_dir)
    except PlanError as exc:
        ours = [p for p in exc.problems if Path(p.file).name in (target.name, roles_path.name)]
        if ours:
            shown = "; ".join(str(p) for p in ours[:5])
            raise SpreadsheetError(f"importen ville gitt feil i datafilene, så ingenting er endret: {shown}") from None
