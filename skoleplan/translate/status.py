"""How far the translation of the plan has come: per file and kind of content, in both directions.

Two views of the same facts: `collect` reads the files as written (so a missing
text counts, and the report works on a plan that is not valid yet), and
`unreviewed` reads a validated plan, for the build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from ..errors import display_path
from ..model import FILES, Plan
from ..model.base import LANGS, Lang, Text
from ..model.walk import nodes
from .texts import GENERAL, LANG_NAMES, STATE_NAMES, Status, TextNode, find_texts, status_of

DIRECTIONS: tuple[tuple[Lang, Lang], ...] = (("nb", "nn"), ("nn", "nb"))
COLUMNS = ("reviewed", "draft", "stale", "missing")
COLUMN_NAMES = {"reviewed": "godkjent", "draft": "utkast", "stale": "utdatert", "missing": "mangler"}


@dataclass
class Report:
    main: Lang
    data_dir: Path
    # (file, kind) → (source, target) → state → count; «untracked» is counted as «reviewed»
    rows: dict[tuple[str, str], dict[tuple[Lang, Lang], Counter]] = field(default_factory=dict)
    untracked: int = 0
    invalid: int = 0
    open_texts: list[tuple[TextNode, Status]] = field(default_factory=list)  # not reviewed, in file order

    def total(self, direction: tuple[Lang, Lang] | None = None) -> Counter:
        total: Counter = Counter()
        for by_direction in self.rows.values():
            for d, counts in by_direction.items():
                if direction is None or d == direction:
                    total.update(counts)
        return total


def collect(data_dir: Path, only: list[str] | None = None) -> Report:
    """Count the texts of every data file by file, kind of content, direction and state."""
    from .draft import _open, data_files, main_standard  # ruamel.yaml: for the report, not for the build

    data_dir = Path(data_dir)
    report = Report(main_standard(data_dir), data_dir)
    for name, path in data_files(data_dir, only):
        yaml_file = _open(path)
        texts = list(find_texts(FILES[name], yaml_file.data, name))
        # Items first in the order they appear, the file's general texts last.
        kinds = list(dict.fromkeys([t.kind for t in texts if t.kind != GENERAL] + [GENERAL]))
        for kind in kinds:
            for text in (t for t in texts if t.kind == kind):
                status = status_of(text.node, report.main)
                state = status.state
                if state == "untracked":
                    report.untracked += 1
                    state = "reviewed"
                if state == "invalid":
                    report.invalid += 1
                else:
                    by_direction = report.rows.setdefault((name, kind), {})
                    by_direction.setdefault((status.source, status.target), Counter())[state] += 1
                if state != "reviewed":
                    report.open_texts.append((text, status))
    return report


def _arrow(direction: tuple[Lang, Lang]) -> str:
    return f"{LANG_NAMES[direction[0]]} → {LANG_NAMES[direction[1]]}"


def format_report(report: Report, listing: bool = False) -> str:
    """The report as a table a person reads in a terminal, in Norwegian."""
    directions = [d for d in DIRECTIONS if d[0] == report.main] + [d for d in DIRECTIONS if d[0] != report.main]
    name_width = max([len("fil"), len("i alt")] + [len(f) for f, _ in report.rows])
    kind_width = max([len("innhold")] + [len(k) for _, k in report.rows])
    widths = {c: len(COLUMN_NAMES[c]) + 1 for c in COLUMNS}
    group = sum(widths.values())
    lines = [
        f"Oversettelsesstatus for {display_path(report.data_dir)}/ (hovedmål: {LANG_NAMES[report.main]})",
        "",
        " " * (name_width + kind_width + 2) + "".join(f"  {_arrow(d):>{group}}" for d in directions),
        f"{'fil':<{name_width}}  {'innhold':<{kind_width}}"
        + "".join("  " + "".join(f"{COLUMN_NAMES[c]:>{widths[c]}}" for c in COLUMNS) for _ in directions),
    ]

    def numbers(by_direction: dict[tuple[Lang, Lang], Counter]) -> str:
        return "".join(
            "  " + "".join(f"{by_direction.get(d, Counter())[c]:>{widths[c]}}" for c in COLUMNS) for d in directions
        )

    previous = None
    for (file, kind), by_direction in report.rows.items():
        shown = file if file != previous else ""
        previous = file
        lines.append(f"{shown:<{name_width}}  {kind:<{kind_width}}{numbers(by_direction)}")
    totals = {d: report.total(d) for d in directions}
    lines.append(f"{'i alt':<{name_width}}  {'':<{kind_width}}{numbers(totals)}")
    lines.append("")
    total = report.total()
    drafts, stale, missing = total["draft"], total["stale"], total["missing"]
    if report.untracked:
        lines.append(
            f"{report.untracked} av de godkjente tekstene er skrevet for hånd på begge skriftspråk og ennå ikke sporet: "
            "«make oversett» begynner å spore dem, så en senere endring i originalen blir merket."
        )
    if report.invalid:
        has = "tekst har" if report.invalid == 1 else "tekster har"
        lines.append(f"{report.invalid} {has} et ugyldig translation-felt; kjør «make check».")
    if drafts or stale or missing:
        parts = []
        if missing:
            parts.append(f"{missing} {'tekst mangler' if missing == 1 else 'tekster mangler'} på ett av skriftspråkene")
        if stale:
            are = "oversettelse er utdatert" if stale == 1 else "oversettelser er utdaterte"
            parts.append(f"{stale} {are} (originalen er endret)")
        if drafts:
            parts.append(f"{drafts} maskinoversatt{'' if drafts == 1 else 'e'} utkast venter på gjennomlesing")
        lines.append("Å gjøre: " + "; ".join(parts) + ".")
        if missing or stale:
            lines.append("«make oversett» lager nye utkast der oversettelsen mangler eller er utdatert.")
        lines.append("Les og rett utkastene, og godkjenn dem med «make godkjenn FIL=data/<fil>.yaml».")
        if not listing:
            lines.append("«make status LISTE=1» viser hvor hver av dem står.")
    else:
        lines.append("Alle tekster finnes på begge skriftspråk, og alle oversettelser er godkjent.")
    if listing and report.open_texts:
        lines.append("")
        order = {name: i for i, name in enumerate(FILES)}
        for text, status in sorted(report.open_texts, key=lambda ts: (order[ts[0].file], ts[0].line, ts[0].column)):
            path = display_path(report.data_dir / text.file)
            state = STATE_NAMES[status.state]
            direction = _arrow((status.source, status.target))
            lines.append(f"{path}:{text.line}:{text.column}: {state} ({direction}) – {text.where}")
    return "\n".join(lines)


# --- the validated plan, for the build ----------------------------------------------


def plan_texts(value: Any) -> Iterator[Text]:
    """Every text in a validated plan (or any part of one)."""
    return (node.value for node in nodes(value) if isinstance(node.value, Text))


@dataclass(frozen=True)
class Unreviewed:
    drafts: dict[Lang, int]  # machine drafts shown in each written standard
    stale: dict[Lang, int]  # translations into each written standard whose source has changed

    def count(self, lang: Lang | None = None) -> int:
        langs = LANGS if lang is None else (lang,)
        return sum(self.drafts[x] + self.stale[x] for x in langs)

    def describe(self, lang: Lang | None = None) -> str:
        """«3 maskinoversatte utkast og 1 utdatert oversettelse», or «» if there are none."""
        langs = LANGS if lang is None else (lang,)
        drafts = sum(self.drafts[x] for x in langs)
        stale = sum(self.stale[x] for x in langs)
        parts = []
        if drafts:
            parts.append(f"{drafts} maskinoversatt{'e' if drafts != 1 else ''} utkast")
        if stale:
            parts.append(f"{stale} utdatert{'e' if stale != 1 else ''} oversettelse{'r' if stale != 1 else ''}")
        return " og ".join(parts)


def unreviewed(plan: Plan) -> Unreviewed:
    """The machine drafts and stale translations in a validated plan, by the written standard they are in."""
    drafts = {lang: 0 for lang in LANGS}
    stale = {lang: 0 for lang in LANGS}
    for text in plan_texts(plan):
        t = text.translation
        if t is None:
            continue
        target: Any = "nn" if t.source == "nb" else "nb"
        if text.is_stale():
            stale[target] += 1
        elif text.is_machine_draft(target):
            drafts[target] += 1
    return Unreviewed(drafts, stale)
