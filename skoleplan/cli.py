"""The command line the person keeping the plan uses: `python -m skoleplan check`.

Messages are Norwegian and one line each; a problem in the data is never
shown as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PlanError
from .validate import load_plan


def _check(args: argparse.Namespace) -> int:
    plan = load_plan(args.data)
    counts = (
        f"{len(plan.calendar.activities)} aktiviteter i årshjulet, {len(plan.measures.measures)} tiltak, "
        f"{len(plan.concepts.concepts)} begreper, {len(plan.resources.resources)} ressurser"
    )
    print(f"Alt i orden i {args.data}: {counts}.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    written = write_schemas(Path(args.data))
    print(f"Skrev {len(written)} skjemafiler." if written else "Skjemafilene er oppdatert.")
    return 0


def _build(args: argparse.Namespace) -> int:
    import time

    from .build import BuildError, build_site

    start = time.perf_counter()
    project = Path(args.project).resolve()
    try:
        build_site(project, project / args.site, Path(args.data).resolve(), strict=args.strict)
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Nettstedet er bygd i {args.site}/ på {time.perf_counter() - start:.1f} s.")
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
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", f"mkdocs.{lang}.yml", "--dev-addr", args.addr]
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
    build.add_argument("--site", default="site", help="mappen nettstedet skrives til (standard: site)")
    build.add_argument("--project", default=".")
    build.add_argument("--strict", action="store_true", help="stopp ved advarsler")
    build.set_defaults(run=_build)
    serve = sub.add_parser("serve", help="vis nettstedet lokalt med automatisk oppdatering")
    serve.add_argument("--lang", default="", help="nb eller nn (standard: skolens hovedmål)")
    serve.add_argument("--data", default="data")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PlanError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
