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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skoleplan", description="Plan for et trygt og godt skolemiljø")
    sub = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    check = sub.add_parser("check", help="kontroller datafilene")
    check.add_argument("data", nargs="?", default="data", help="mappen med datafilene (standard: data)")
    check.set_defaults(run=_check)
    schema = sub.add_parser("schema", help="skriv JSON-skjema for datafilene til data/schema")
    schema.add_argument("data", nargs="?", default="data")
    schema.set_defaults(run=_schema)
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
