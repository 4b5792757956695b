"""`make eksporter`: the årshjul as a spreadsheet (.xlsx, and .csv per written standard), for those who plan in
Excel and for printing.

One sheet per written standard, the school's main standard first; one row per
activity in the order of `aarshjul.yaml`, with its dates in the current school
year beside the wording («Uke 36–37 kl. 18.00», «dato kommer»), and the first
date as a real date, so the sheet can be sorted. The last columns are for
the way back: «Id», «Tidspunkt (YAML)» (the timing exactly as the YAML has it)
and «Skoleplan (ikke rediger)» (which texts are machine drafts, which are
internal). Imported again (`make importer`), the export gives the same
årshjul; an edited «Når» wins over «Tidspunkt (YAML)».

The files are the same bytes for the same plan and day (fixed times inside
the .xlsx, whose zip entries would otherwise carry the clock).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..context import BuildContext
from ..model.base import Lang, Text
from ..model import Plan
from ..model.plan import Activity
from ..model.timing import MONTHS, MonthDay
from ..render.pages import PageContext
from ..resolve.dates import build_date, dates_of, plan_epoch
from ..resolve.text import describe_timing, join, words
from . import SpreadsheetError

SHEET_NAMES = {"nb": "Bokmål", "nn": "Nynorsk"}
CSV_NAMES = {"nb": "aarshjul-bokmal.csv", "nn": "aarshjul-nynorsk.csv"}
HEADINGS = {
    "nb": ["Når", "Datoer {year}", "Første dato", "Hva", "Hvordan", "Ansvar", "For hvem", "Trinn", "Kategori",
           "Delplikter", "Ressurser", "Synlighet", "Id", "Tidspunkt (YAML)", "Skoleplan (ikke rediger)"],
    "nn": ["Når", "Datoar {year}", "Første dato", "Kva", "Korleis", "Ansvar", "For kven", "Trinn", "Kategori",
           "Delplikter", "Ressursar", "Synlegheit", "Id", "Tidspunkt (YAML)", "Skoleplan (ikkje rediger)"],
}  # fmt: skip
WIDTHS = [26, 30, 12, 34, 60, 28, 22, 12, 14, 20, 20, 11, 26, 30, 30]
INTERNAL = {"nb": "intern", "nn": "intern"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def timing_yaml(timing: Any) -> str:
    """The timing as the YAML has it: the phrase, or the block in flow style («{weeks: [36, 37], time: '18:00'}»);
    empty for an activity without a time."""
    if timing is None:
        return ""
    if timing.phrase is not None:
        value: Any = timing.phrase.text
    else:
        value = {}
        for name, item in timing.model_dump(exclude_defaults=True).items():
            value[name] = _plain(name, item)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = True
    yaml.width = 1 << 16
    out = io.StringIO()
    yaml.dump(value, out)
    text = out.getvalue().strip()
    return text[:-4].rstrip() if text.endswith("\n...") or text.endswith(" ...") else text


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(name, v) for v in value]
    if isinstance(value, dict) and set(value) == {"month", "day"}:
        return f"{value['month']:02d}-{value['day']:02d}"
    if isinstance(value, MonthDay):
        return f"{value.month:02d}-{value.day:02d}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if name in ("month", "months") and isinstance(value, int):
        return MONTHS[value - 1]
    return value


def _meta(activity: Activity) -> str:
    parts = []
    for name in ("title", "description"):
        text: Text | None = getattr(activity, name)
        if text is None:
            continue
        values = []
        if text.translation is not None:
            t = text.translation
            values += [t.source, t.status, t.hash]
        if text.visibility == "internal":
            values.append("internal")
        if values:
            parts.append(f"{name}={','.join(values)}")
    return ";".join(parts)


def rows(plan: Plan, lang: Lang, today: dt.date | None = None) -> tuple[list[str], list[list[Any]]]:
    """The headings and one row per activity, in one written standard."""
    day = today or build_date()
    epoch = int(dt.datetime.combine(day, dt.time(12), dt.timezone.utc).timestamp())
    page = PageContext(replace(BuildContext.of(plan, lang, "staff"), epoch=epoch))  # the school year of `today`
    year = page.current_year()
    label = f"{year.first_day.year}–{year.last_day.year}" if year else ""
    headings = [h.format(year=label) for h in HEADINGS[lang]]
    roles = {r.id: r.name[lang] for r in plan.roles.roles}
    audiences = words(lang)["labels"]["calendar"]["audiences"]
    out = []
    for activity in plan.calendar.activities:
        timing = activity.timing
        if timing is None:  # no time: nothing in «Når», and no dates
            when = ""
        elif timing.phrase is not None and timing.phrase.lang in (None, lang):
            when = timing.phrase.text
        else:
            when = describe_timing(timing, lang, as_written=False)
        resolved = dates_of(activity, year) if year is not None and timing is not None else None
        first = None
        if resolved is not None:
            days = resolved.dates
            first = days[0] if days else None
        grades = ""
        if activity.grades is not None:
            g = activity.grades
            grades = f"{g.first}. trinn" if g.first == g.last else f"{g.first}.–{g.last}. trinn"
        out.append(
            [
                when,
                page.dates(activity),
                first,
                activity.title[lang],
                activity.description[lang] if activity.description is not None else "",
                join([roles.get(r, r) for r in activity.responsible], lang),
                join([audiences[a] for a in activity.audience], lang),
                grades,
                activity.category or "",
                ", ".join(activity.duties),
                ", ".join(activity.resources),
                INTERNAL[lang] if activity.visibility == "internal" else "",
                activity.id,
                timing_yaml(timing),
                _meta(activity),
            ]
        )
    return headings, out


def _order(plan: Plan) -> list[Lang]:
    main = plan.school.school.main_standard
    return [main, "nn" if main == "nb" else "nb"]


def xlsx_bytes(plan: Plan, today: dt.date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime.fromtimestamp(plan_epoch(plan), dt.timezone.utc).replace(tzinfo=None)  # the plan's, not the clock's
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "skoleplan"
    for lang in _order(plan):
        sheet = book.create_sheet(SHEET_NAMES[lang])
        headings, table = rows(plan, lang, today)
        sheet.append(headings)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for values in table:
            sheet.append(values)
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row[2].number_format = "DD.MM.YYYY"
        sheet.freeze_panes = "A2"
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_times(raw.getvalue(), stamp)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same .xlsx with every zip entry dated 1980 and the document's «modified» time the plan's: openpyxl
    writes the clock into both, and the bytes should depend on the plan only."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def csv_text(plan: Plan, lang: Lang, today: dt.date | None = None) -> str:
    """One written standard as CSV: semicolons and a BOM, as Excel in Norway opens it."""
    headings, table = rows(plan, lang, today)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headings)
    for values in table:
        writer.writerow([v.isoformat() if isinstance(v, dt.date) else ("" if v is None else v) for v in values])
    return "\ufeff" + out.getvalue()


def export_calendar(plan: Plan, out_dir: Path | str, today: dt.date | None = None) -> list[Path]:
    """Write aarshjul.xlsx and one .csv per written standard into `out_dir`; returns the paths."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = [out_dir / "aarshjul.xlsx"]
        written[0].write_bytes(xlsx_bytes(plan, today))
        for lang in _order(plan):
            path = out_dir / CSV_NAMES[lang]
            path.write_text(csv_text(plan, lang, today), encoding="utf-8", newline="")
            written.append(path)
    except OSError as exc:
        raise SpreadsheetError(f"{out_dir}: kan ikke skrive eksporten ({exc.strerror})") from None
    return written
