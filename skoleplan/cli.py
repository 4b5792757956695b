"""The command line the person keeping the plan uses: `python -m skoleplan check`.

Messages are Norwegian and one line each; a problem in the data is never
shown as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PlanError


def load_plan(data):
    from .validate import load_plan

    return load_plan(data)


def load(data):
    """The plan of `data` with what the editor should be told (validate.Loaded); raises PlanError."""
    from .validate import load

    loaded = load(data)
    problems = loaded.later_checks()
    if problems:
        raise PlanError(problems)
    return loaded


def _check(args: argparse.Namespace) -> int:
    from .municipality import check_municipality, read_municipality

    municipality = read_municipality(Path(args.data))
    if municipality is not None:
        schools = check_municipality(municipality)
        names = ", ".join(s.plan.school.school.name.nb for s in schools)
        return _verdict(args.data, [n for s in schools for n in s.notices], f"{_count(len(schools), 'skole', 'skoler')} ({names})")
    loaded = load(args.data)
    plan = loaded.plan
    counts = ", ".join(
        [
            _count(len(plan.calendar.activities), "aktivitet", "aktiviteter") + " i årshjulet",
            _count(len(plan.measures.measures), "tiltak", "tiltak"),
            _count(len(plan.concepts.concepts), "begrep", "begreper"),
            _count(len(plan.resources.resources), "ressurs", "ressurser"),
        ]
    )
    return _verdict(args.data, loaded.notices, counts)


def _verdict(data: str, notices: list, counts: str) -> int:
    """The warnings, then one line: «Alt i orden» only when nothing waits for a look."""
    for notice in notices:
        print(f"Advarsel: {notice}", file=sys.stderr)
    if notices:
        print(f"Ingen feil i {data}, men {_count(len(notices), 'advarsel', 'advarsler')} over: {counts}.")
    else:
        print(f"Alt i orden i {data}: {counts}.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    written = write_schemas(Path(args.data))
    print(f"Skrev {len(written)} skjemafiler." if written else "Skjemafilene er oppdatert.")
    return 0


def _unreviewed(data: Path, plan=None) -> str:
    """«3 maskinoversatte utkast og 1 utdatert oversettelse» in the plan, or «» when every translation is reviewed."""
    from .translate.status import unreviewed

    return unreviewed(plan or load_plan(data)).describe()


def _count(n: int, one: str, many: str) -> str:
    """«1 tekst», «2 tekster»."""
    return f"{n} {one if n == 1 else many}"


def _show(label: str, text: str) -> str:
    """One text for the reviewer, under a label, its lines indented alike."""
    lines = text.strip().splitlines() or [""]
    pad = " " * (4 + len(label) + 1)
    return "    " + label + " " + lines[0] + "".join("\n" + pad + line for line in lines[1:])


def _changed(data: Path, item) -> list[str]:
    """What `oversett` did with a text whose source changed: where, what, and the old and new text."""
    from .translate.sentences import blocks
    from .translate.texts import LANG_NAMES
    from .translate.update import Pending

    where = f"{data / item.text.file}:{item.text.line}:{item.text.column}: {item.text.where}"
    source, target = LANG_NAMES[item.source], LANG_NAMES[item.target]
    kept = "godkjent" if item.status == "reviewed" else "et utkast"
    since = " siden siste commit" if item.since_commit else ""
    if not item.changes:
        return [
            f"{where}: bare linjeskift eller mellomrom er endret i originalen{since}; "
            f"oversettelsen er beholdt, fortsatt {kept}"
        ]
    edited = f"{where}: originalen er endret{since}"
    if item.unmatched:
        head = f"{edited}, og setningene i oversettelsen lot seg ikke finne igjen; hele teksten er maskinoversatt på nytt"
    elif item.whole:
        head = f"{edited}; teksten er maskinoversatt på nytt"
    elif item.machine:
        pieces = [p for change in item.changes for p in change.after if isinstance(p, Pending)]
        n = sum(len(block.sentences) for piece in pieces for block in blocks(piece.source))
        head = f"{edited}; {_count(n, 'setning', 'setninger')} er maskinoversatt på nytt, resten av oversettelsen er beholdt"
    else:
        head = f"{edited}, men ingenting nytt skal oversettes; oversettelsen er fortsatt {kept}"
    lines = [head]
    width = max(len(f"{source} nå:"), len(f"{target} før:"), len(f"{target} utkast:"))
    for change in item.changes:
        if change.source:
            lines.append(_show(f"{source} nå:".ljust(width), change.source))
        if change.before:
            label = f"{target} før:" if change.after else f"{target} fjernet:"
            lines.append(_show(label.ljust(width), change.before))
        if change.after:
            label = f"{target} utkast:" if any(isinstance(p, Pending) for p in change.after) else f"{target} nå:"
            lines.append(_show(label.ljust(width), change.after_text()))
    return lines


def _oversett(args: argparse.Namespace) -> int:
    from .translate.apertium import ApertiumError, choose_mode
    from .translate.draft import TranslateError, draft, main_standard

    data = Path(args.data)
    try:
        main = main_standard(data)
        other = "nn" if main == "nb" else "nb"
        print(f"Oversetter med Apertium ({choose_mode(main, other, args.modus)}) det som mangler eller er endret …")
        result = draft(data, args.fil or None, mode=args.modus)
    except (TranslateError, ApertiumError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for text in result.invalid:
        print(f"{data / text.file}:{text.line}:{text.column}: ugyldig translation-felt; hoppet over (kjør make check)")
    for text in result.failed:
        print(
            f"{data / text.file}:{text.line}:{text.column}: Apertium klarte ikke å oversette teksten uten å flytte "
            f"markeringene i den; den er hoppet over: skriv oversettelsen for hånd ({text.where})",
            file=sys.stderr,
        )
    for item in result.drafted:
        if item.was == "stale":
            print("\n".join(_changed(data, item)))
    drafts = [item for item in result.drafted if item.machine]
    files: dict[str, list[str]] = {}
    for item in result.drafted:
        files.setdefault(item.text.file, []).append("new" if item.was == "missing" else "updated")
    for file, kinds in files.items():
        new, updated = kinds.count("new"), kinds.count("updated")
        parts = ([_count(new, "nytt utkast", "nye utkast")] if new else []) + (
            [_count(updated, "oppdatert oversettelse", "oppdaterte oversettelser")] if updated else []
        )
        print(f"  {data / file}: {', '.join(parts)}")
    for path in result.relaid:
        print(f"Merk: {path} ble skrevet med YAML-bibliotekets innrykk; se over endringene i filen.")
    if result.tracked:
        print(
            f"Sporer nå {_count(len(result.tracked), 'tekst', 'tekster')} som er skrevet for hånd på begge skriftspråk: "
            "endres originalen senere, oversetter «make oversett» bare setningene som er endret."
        )
    if result.fingerprinted:
        print(
            f"La til fingeravtrykk av hver setning i {_count(len(result.fingerprinted), 'oversettelse', 'oversettelser')}"
            ", så en senere endring bare gir utkast for setningene som er endret."
        )
    if drafts:
        them = "det" if len(drafts) == 1 else "dem"
        print(
            f"Skrev {_count(len(drafts), 'maskinoversatt utkast', 'maskinoversatte utkast')}. Les og rett {them} i filene "
            f"(merket status: draft), og godkjenn med «make godkjenn FIL={Path(args.data).as_posix()}/<fil>.yaml», eller endre draft til "
            "reviewed for hånd."
        )
    elif not (result.drafted or result.tracked or result.fingerprinted or result.failed):
        print("Ingenting å oversette: alle tekster finnes på begge skriftspråk, og ingen original er endret.")
    return 1 if result.failed else 0  # the texts named above still need a translation


def _godkjenn(args: argparse.Namespace) -> int:
    from .translate.draft import TranslateError, approve

    try:
        result = approve(Path(args.data), args.fil, args.id or None, track=args.spor)
    except TranslateError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    where = f"{args.fil}" + (f" («{args.id}»)" if args.id else "")
    done = []
    if result.approved:
        done.append(f"godkjente {_count(len(result.approved), 'utkast', 'utkast')}")
    if result.approved_stale:
        stale = _count(len(result.approved_stale), "utdatert oversettelse", "utdaterte oversettelser")
        done.append(f"godkjente {stale} mot originalen slik den er nå")
    if result.tracked:
        done.append(f"startet sporing av {_count(len(result.tracked), 'tekst', 'tekster')} skrevet for hånd")
    print(f"{where}: {'; '.join(done) if done else 'ingenting å godkjenne'}.")
    if result.missing:
        missing = _count(len(result.missing), "tekst mangler", "tekster mangler")
        print(f"{missing} på ett av skriftspråkene; kjør «make oversett» først.")
    if result.invalid:
        invalid = _count(len(result.invalid), "tekst har", "tekster har")
        print(f"{invalid} et ugyldig translation-felt; kjør «make check».")
    return 0


def _layer_status(data: Path) -> int:
    """What a school (or each school of a municipality) changed, added and removed against the layers below."""
    from .errors import display_path
    from .layers import describe_changes
    from .municipality import read_municipality
    from .validate import load

    municipality = read_municipality(data)
    schools = municipality.schools if municipality is not None else [data]
    for school in schools:
        loaded = load(school)
        changes = [c for merged in loaded.merged.values() for c in merged.changes]
        lines = describe_changes(changes, school)
        counts = {what: sum(1 for line in lines if f": {what} «" in line) for what in ("endret", "lagt til", "fjernet")}
        below = loaded.layers[-2].name if len(loaded.layers) > 1 else "ingenting"
        own = [name for name, merged in loaded.merged.items() if len(merged.layers) == 1
               and Path(merged.layers[0].path).resolve().is_relative_to(school.resolve())]
        print(f"{loaded.plan.school.school.name.nb} ({display_path(school)}), bygger på {below}: "
              f"{counts['endret']} endret, {counts['lagt til']} lagt til, {counts['fjernet']} fjernet")
        for line in lines:
            print(f"  {line}")
        if own and len(loaded.layers) > 1:
            print(f"  helt egne deler (ikke i laget under): {', '.join(own)}")
    return 0


def _new_school(args: argparse.Namespace) -> int:
    from .new_school import NewSchoolError, make_new_school

    try:
        made = make_new_school(Path(args.project), args.navn, args.kommune, Path(args.mappe) if args.mappe else None)
    except NewSchoolError as exc:
        print(f"Kan ikke lage skolen: {exc}", file=sys.stderr)
        return 1
    shown = made.folder.relative_to(Path.cwd()) if made.folder.is_relative_to(Path.cwd()) else made.folder
    listed = f" og føyd til i {made.municipality / 'kommune.yaml'}" if made.municipality else ""
    print(f"Laget {shown}/ ({len(made.files)} filer){listed}.")
    print(f"Neste steg: fyll inn skolens egne opplysninger, kjør «make check DATA={shown}» og «make serve DATA={shown}».")
    return 0


def _status(args: argparse.Namespace) -> int:
    from .translate.draft import TranslateError
    from .translate.status import collect, format_report

    if args.lag:
        return _layer_status(Path(args.data))
    try:
        print(format_report(collect(Path(args.data)), listing=args.liste))
    except TranslateError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


NEEDS_APERTIUM = 3  # `skoleplan importer --sjekk-apertium`: the sheet checks, and Apertium must be installed


def _importer(args: argparse.Namespace) -> int:
    from .spreadsheet import SpreadsheetError
    from .spreadsheet.importer import LANG_NAMES, import_calendar, read_sheet
    from .translate.apertium import ApertiumError, choose_mode

    options = dict(kolonner=args.kolonner, overwrite=args.overskriv, sheet=args.ark, lang=args.sprak)
    try:
        if args.sjekk_apertium:  # `make importer` asks this before it installs anything (README, the import)
            reading = read_sheet(Path(args.fil), Path(args.data), **options)
            if not reading.to_draft:
                return 0
            try:
                choose_mode(reading.lang, reading.other_lang)
                return 0
            except ApertiumError:
                print(f"Importen trenger Apertium for å lage utkast på {LANG_NAMES[reading.other_lang]} av "
                      f"{reading.to_draft} tekster, og Apertium mangler; det installeres nå (make apertium).")
                return NEEDS_APERTIUM
        report = import_calendar(Path(args.fil), Path(args.data), **options)
    except (SpreadsheetError, ApertiumError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(report.text(), end="")
    return 0


def _eksporter(args: argparse.Namespace) -> int:
    from .spreadsheet import SpreadsheetError
    from .spreadsheet.exporter import export_calendar

    plan = load_plan(args.data)
    try:
        written = export_calendar(plan, Path(args.ut))
    except SpreadsheetError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print("Skrev " + ", ".join(str(p) for p in written) + ".")
    return 0


def _build(args: argparse.Namespace) -> int:
    import os
    import time

    from .build import BuildError, build_site

    start = time.perf_counter()

    project = Path(args.project).resolve()
    from .municipality import build_municipality, read_municipality

    municipality = read_municipality(Path(args.data))
    if municipality is not None:
        try:
            done = build_municipality(project, project / args.site, municipality,
                                      staff_dir=project / args.staff_site if args.staff_site else None, strict=args.strict,
                                      pdf=args.pdf)
        except BuildError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        for warning in done.warnings:
            print(f"Advarsel: {warning}", file=sys.stderr)
        staff = f" og personalets utgaver i {args.staff_site}/" if args.staff_site else ""
        print(f"{len(done.schools)} skoler er bygd i {args.site}/{staff}, med en oversikt over skolene "
              f"({args.site}/index.html), på {time.perf_counter() - start:.1f} s.")
        return 0
    try:
        built = build_site(
            project, project / args.site, Path(args.data).resolve(), strict=args.strict,
            staff_dir=project / args.staff_site if args.staff_site else None,
            feed_secret=os.environ.get("SKOLEPLAN_FEED_SECRET") or None,
            private_feeds_dir=project / args.private_feeds, pdf=args.pdf,
        )
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for warning in built.warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    unreviewed = _unreviewed(Path(args.data), built.plan)
    staff = f" og personalets utgave i {args.staff_site}/" if args.staff_site else ""
    if built.private_feeds is not None:
        staff += f" (kalenderne med hemmelig adresse i {args.private_feeds}/)"
    print(f"Det åpne nettstedet er bygd i {args.site}/{staff} på {time.perf_counter() - start:.1f} s.")
    if unreviewed:
        print(f"Merk: {unreviewed} er ikke godkjent ennå (se «make status»).")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import os

    from .devserver import serve
    from .municipality import read_municipality

    municipality = read_municipality(Path(args.data))
    if municipality is not None:
        first = os.path.relpath(municipality.schools[0]) if municipality.schools else f"{args.data}/skoler/<skole>"
        print(f"{args.data} er en kommunes mappe; vis én skole om gangen, for eksempel «make serve DATA={first}».",
              file=sys.stderr)
        return 1
    lang = args.lang
    if lang not in ("nb", "nn"):
        try:
            lang = load_plan(args.data).school.school.main_standard
        except PlanError:
            lang = "nb"  # the browser shows the data's problems; serve anyway
    host, _, port = args.addr.rpartition(":")
    if not port.isdigit():
        print(f"ugyldig adresse «{args.addr}»; forventet for eksempel 127.0.0.1:8000", file=sys.stderr)
        return 1
    return serve(Path(args.project), Path(args.data), host or "127.0.0.1", int(port), lang, args.intern)

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skoleplan", description="Plan for et trygt og godt skolemiljø")
    sub = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    check = sub.add_parser("check", help="kontroller datafilene")
    check.add_argument("data", nargs="?", default="data", help="mappen med datafilene (standard: data)")
    check.set_defaults(run=_check)
    schema = sub.add_parser("schema", help="skriv JSON-skjema for datafilene til data/schema")
    schema.add_argument("data", nargs="?", default="data")
    schema.set_defaults(run=_schema)
    build = sub.add_parser("build", help="bygg nettstedet på bokmål og nynorsk")
    build.add_argument("--data", default="data")
    build.add_argument("--site", default="site", help="mappen det åpne nettstedet skrives til (standard: site)")
    build.add_argument(
        "--staff-site", default="site-intern", help="mappen personalets utgave skrives til (standard: site-intern; tom: ingen)"
    )
    build.add_argument(
        "--private-feeds", default="site-personalkalender",
        help="mappen personalets kalendere med hemmelig adresse skrives til, når SKOLEPLAN_FEED_SECRET er satt",
    )
    build.add_argument("--project", default=".")
    build.add_argument("--strict", action="store_true", help="stopp ved advarsler")
    build.add_argument("--pdf", action="store_true", help="lag også hele planen som PDF (WeasyPrint; omtrent ti ganger så lang byggetid)")
    build.set_defaults(run=_build)
    serve = sub.add_parser("serve", help="vis nettstedet lokalt med automatisk oppdatering")
    serve.add_argument("--lang", default="", help="nb eller nn (standard: skolens hovedmål)")
    serve.add_argument("--data", default="data")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="adresse og port (standard 127.0.0.1:8000; "
                       "er porten opptatt, brukes en ledig)")
    serve.add_argument("--intern", action="store_true", help="vis også personalets utgave, under /intern/")
    serve.add_argument("--project", default=".")
    serve.set_defaults(run=_serve)
    oversett = sub.add_parser("oversett", help="lag maskinoversatte utkast der nynorsk eller bokmål mangler, og av setningene som er endret i originalen")
    oversett.add_argument("data", nargs="?", default="data")
    oversett.add_argument("--fil", action="append", help="bare denne datafilen (kan gjentas)")
    oversett.add_argument("--modus", help="Apertium-retning, for eksempel nob-nno for a-infinitiv (standard: nob-nno_e)")
    oversett.set_defaults(run=_oversett)
    godkjenn = sub.add_parser("godkjenn", help="merk utkastene i en datafil som lest og godkjent")
    godkjenn.add_argument("fil", help="datafilen, for eksempel data/tiltak.yaml")
    godkjenn.add_argument("--data", default="data")
    godkjenn.add_argument("--id", help="bare tekstene til elementet med denne id-en (eller dette feltet øverst i filen)")
    godkjenn.add_argument("--spor", action="store_true", help="begynn også å spore tekster som er skrevet for hånd på begge")
    godkjenn.set_defaults(run=_godkjenn)
    status = sub.add_parser("status", help="vis hvor langt oversettelsen er kommet, per fil og innhold")
    status.add_argument("data", nargs="?", default="data")
    status.add_argument("--liste", action="store_true", help="vis hvor hver tekst som ikke er godkjent står")
    status.add_argument("--lag", action="store_true",
                        help="vis hva skolen (eller hver skole i kommunen) har endret, lagt til og fjernet mot laget under")
    status.set_defaults(run=_status)
    importer = sub.add_parser("importer", help="les årshjulet fra et regneark eller en Word-tabell inn i aarshjul.yaml")
    importer.add_argument("fil", help="regnearket: .xlsx, .ods, .csv, eller .docx med en tabell")
    importer.add_argument("--data", default="data")
    importer.add_argument("--kolonner", help='hvilken kolonne som er hva, for eksempel "når=A,hva=B,ansvar=D"')
    importer.add_argument("--overskriv", action="store_true", help="erstatt aarshjul.yaml (den gamle tas vare på)")
    importer.add_argument("--ark", help="arket som skal leses (standard: det første med overskrifter)")
    importer.add_argument("--sprak", choices=["nb", "nn"], help="skriftspråket i arket (standard: gjenkjennes)")
    importer.add_argument(
        "--sjekk-apertium", action="store_true",
        help=f"les og sjekk arket uten å skrive noe; avslutt med {NEEDS_APERTIUM} hvis importen trenger Apertium, som mangler",
    )
    importer.set_defaults(run=_importer)
    eksporter = sub.add_parser("eksporter", help="skriv årshjulet som regneark (.xlsx og .csv)")
    eksporter.add_argument("data", nargs="?", default="data")
    eksporter.add_argument("--ut", default="eksport", help="mappen filene skrives til (standard: eksport)")
    eksporter.set_defaults(run=_eksporter)
    new = sub.add_parser("ny-skole", help="lag mappen til en ny skole, på kommunens lag eller grunnlaget")
    new.add_argument("navn", help="skolens navn, for eksempel «Nordby skole»")
    new.add_argument("--kommune", help="kommunen skolen hører til (mappen kommuner/<kommune>)")
    new.add_argument("--mappe", help="mappen skolen skrives til (standard: kommuner/<kommune>/skoler/<skole>)")
    new.add_argument("--project", default=".")
    new.set_defaults(run=_new_school)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PlanError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in the program, not in the data: still no traceback for the editor
        import os

        if _interrupted(exc):
            return 130
        if os.environ.get("SKOLEPLAN_DEBUG"):
            raise
        print(
            f"Intern feil i skoleplan ({type(exc).__name__}: {exc}). Dette er en feil i programmet, ikke i "
            "datafilene dine. Kjør på nytt med SKOLEPLAN_DEBUG=1 for detaljer, og meld fra til den som drifter nettstedet.",
            file=sys.stderr,
        )
        return 2


def _interrupted(exc: Exception) -> bool:
    """Ctrl+C that a library reported as an error of its own: pydantic-core turns a KeyboardInterrupt raised while
    it builds a model's validator (on the first file read of its kind) into a SchemaError that names it."""
    return type(exc).__name__ == "SchemaError" and "KeyboardInterrupt" in str(exc)


def run() -> None:
    """The command line: `python -m skoleplan` and the `skoleplan` script."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
