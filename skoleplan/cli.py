"""The command line the person keeping the plan uses: `python -m skoleplan check`.

Messages are Norwegian and one line each; a problem in the data is never
shown as a traceback.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import PlanError
from .validate import load_plan


def _check(args: argparse.Namespace) -> int:
    plan = load_plan(args.data)
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    counts = ", ".join(
        [
            count(len(plan.calendar.activities), "aktivitet", "aktiviteter") + " i årshjulet",
            count(len(plan.measures.measures), "tiltak", "tiltak"),
            count(len(plan.concepts.concepts), "begrep", "begreper"),
            count(len(plan.resources.resources), "ressurs", "ressurser"),
        ]
    )
    print(f"Alt i orden i {args.data}: {counts}.")
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


def _oversett(args: argparse.Namespace) -> int:
    from .translate.apertium import ApertiumError, choose_mode
    from .translate.draft import TranslateError, draft, main_standard

    data = Path(args.data)
    try:
        main = main_standard(data)
        other = "nn" if main == "nb" else "nb"
        print(f"Oversetter med Apertium ({choose_mode(main, other, args.modus)}) det som mangler eller er utdatert …")
        result = draft(data, args.fil or None, mode=args.modus)
    except (TranslateError, ApertiumError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for text in result.invalid:
        print(f"{data / text.file}:{text.line}:{text.column}: ugyldig translation-felt; hoppet over (kjør make check)")
    for item in result.drafted:
        if item.replaced_reviewed:
            print(
                f"{data / item.text.file}:{item.text.line}:{item.text.column}: originalen er endret; "
                f"den godkjente oversettelsen er erstattet av et nytt utkast ({item.text.where})"
            )
    if not result.drafted:
        print("Ingenting å oversette: alle tekster finnes på begge skriftspråk, og ingen oversettelse er utdatert.")
        return 0
    files = {}
    for item in result.drafted:
        files[item.text.file] = files.get(item.text.file, 0) + 1
    for file, count in files.items():
        print(f"  {data / file}: {count} {'nye utkast' if count != 1 else 'nytt utkast'}")
    for path in result.relaid:
        print(f"Merk: {path} ble skrevet med YAML-bibliotekets innrykk; se over endringene i filen.")
    print(
        f"Skrev {len(result.drafted)} maskinoversatte utkast. Les og rett dem i filene (de er merket status: draft), "
        "og godkjenn med «make godkjenn FIL=data/<fil>.yaml», eller endre draft til reviewed for hånd."
    )
    return 0


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
        done.append(f"godkjente {len(result.approved)} utkast")
    if result.approved_stale:
        done.append(
            f"godkjente {len(result.approved_stale)} utdaterte oversettelser mot originalen slik den er nå"
        )
    if result.tracked:
        done.append(f"startet sporing av {len(result.tracked)} tekster skrevet for hånd")
    print(f"{where}: {'; '.join(done) if done else 'ingenting å godkjenne'}.")
    if result.missing:
        print(f"{len(result.missing)} tekster mangler på ett av skriftspråkene; kjør «make oversett» først.")
    if result.invalid:
        print(f"{len(result.invalid)} tekster har et ugyldig translation-felt; kjør «make check».")
    return 0


def _status(args: argparse.Namespace) -> int:
    from .translate.draft import TranslateError
    from .translate.status import collect, format_report

    try:
        print(format_report(collect(Path(args.data)), listing=args.liste))
    except TranslateError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def _importer(args: argparse.Namespace) -> int:
    from .spreadsheet import SpreadsheetError
    from .spreadsheet.importer import import_calendar
    from .translate.apertium import ApertiumError

    try:
        report = import_calendar(
            Path(args.fil), Path(args.data), kolonner=args.kolonner, overwrite=args.overskriv, sheet=args.ark,
            lang=args.sprak,
        )
    except (SpreadsheetError, ApertiumError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    text = report.text()
    print(text, end="")
    report_path = Path(args.data).resolve().parent / "importrapport.txt"
    report_path.write_text(text, encoding="utf-8")
    print(f"Rapporten er også lagret i {report_path.name}.")
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
    import time

    from .build import BuildError, build_site

    start = time.perf_counter()
    project = Path(args.project).resolve()
    try:
        plan = build_site(
            project, project / args.site, Path(args.data).resolve(), strict=args.strict,
            staff_dir=project / args.staff_site if args.staff_site else None,
        )
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    unreviewed = _unreviewed(Path(args.data), plan)
    staff = f" og personalets utgave i {args.staff_site}/" if args.staff_site else ""
    print(f"Det åpne nettstedet er bygd i {args.site}/{staff} på {time.perf_counter() - start:.1f} s.")
    if unreviewed:
        print(f"Merk: {unreviewed} er ikke godkjent ennå (se «make status»).")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import os
    import subprocess

    lang = args.lang
    if lang not in ("nb", "nn"):
        try:
            lang = load_plan(args.data).school.school.main_standard
        except PlanError:
            lang = "nb"  # MkDocs shows the data problems in the browser log; serve anyway
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SKOLEPLAN_DATA=str(Path(args.data).resolve()))
    # MkDocs' own `serve`, polling for edits every 0.1 s instead of 0.5 s (skoleplan/devserver.py).
    command = [sys.executable, "-m", "skoleplan.devserver", "serve", "-f", f"mkdocs.{lang}.yml", "--dev-addr", args.addr]
    print(f"Viser {'bokmål' if lang == 'nb' else 'nynorsk'} på http://{args.addr}/ (stopp med Ctrl+C)")
    return subprocess.call(command, env=env)


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
    build.add_argument("--project", default=".")
    build.add_argument("--strict", action="store_true", help="stopp ved advarsler")
    build.set_defaults(run=_build)
    serve = sub.add_parser("serve", help="vis nettstedet lokalt med automatisk oppdatering")
    serve.add_argument("--lang", default="", help="nb eller nn (standard: skolens hovedmål)")
    serve.add_argument("--data", default="data")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    oversett = sub.add_parser("oversett", help="lag maskinoversatte utkast der nynorsk eller bokmål mangler eller er utdatert")
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
    status.set_defaults(run=_status)
    importer = sub.add_parser("importer", help="les årshjulet fra et regneark eller en Word-tabell inn i aarshjul.yaml")
    importer.add_argument("fil", help="regnearket: .xlsx, .ods, .csv, eller .docx med en tabell")
    importer.add_argument("--data", default="data")
    importer.add_argument("--kolonner", help='hvilken kolonne som er hva, for eksempel "når=A,hva=B,ansvar=D"')
    importer.add_argument("--overskriv", action="store_true", help="erstatt aarshjul.yaml (den gamle tas vare på)")
    importer.add_argument("--ark", help="arket som skal leses (standard: det første med overskrifter)")
    importer.add_argument("--sprak", choices=["nb", "nn"], help="skriftspråket i arket (standard: gjenkjennes)")
    importer.set_defaults(run=_importer)
    eksporter = sub.add_parser("eksporter", help="skriv årshjulet som regneark (.xlsx og .csv)")
    eksporter.add_argument("data", nargs="?", default="data")
    eksporter.add_argument("--ut", default="eksport", help="mappen filene skrives til (standard: eksport)")
    eksporter.set_defaults(run=_eksporter)
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

        if os.environ.get("SKOLEPLAN_DEBUG"):
            raise
        print(
            f"Intern feil i skoleplan ({type(exc).__name__}: {exc}). Dette er en feil i programmet, ikke i "
            "datafilene dine. Kjør på nytt med SKOLEPLAN_DEBUG=1 for detaljer, og meld fra til den som drifter nettstedet.",
            file=sys.stderr,
        )
        return 2


def run() -> None:
    """The command line: `python -m skoleplan` and the `skoleplan` script."""
    # A short-lived process that makes many objects and keeps most of them (the plan, MkDocs' pages):
    # the garbage collector's default (a pass every 700 new objects) walked them again and again.
    gc.set_threshold(50_000, 20, 20)
    code = main()
    # Python's last garbage collection at exit would walk every object of the plan and of
    # MkDocs for nothing: a sixth of a build (README, «Performance»). The process ends here.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
