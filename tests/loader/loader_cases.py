"""Broken-input cases: one small YAML file each under fixtures/<kind>/.

A case stands for one data file of an otherwise valid plan (fixtures/minimal/).
Its leading comment lines say which file it replaces and what the user must see:

    # Et årstall i en dato som ikke finnes.          ← free text: what the case is about
    # file: skole.yaml                               ← the data file this case is written as
    # delete: kontakter.yaml                         ← (optional) a file taken out of the plan
    # expect: data/skole.yaml:11:13: «approved»: …   ← one line per problem, exactly as
                                                        `python -m skoleplan check data` prints it,
                                                        in the order printed

The whole fixture, header included, becomes the data file, so line numbers in
`expect` count the header lines too. A `file` that is not one of the fifteen
data files is added next to them (an unknown file); a case without `file`
writes nothing. The header is UTF-8 even where the rest of a case is not.
Adding a case is adding a file.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
DIRECTIVES = ("file", "delete", "expect")


@dataclass
class Case:
    path: Path
    file: str | None = None
    delete: list[str] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.path.relative_to(FIXTURES).with_suffix("").as_posix()

    def build(self, root: Path) -> Path:
        """A copy of the minimal plan under `root`/data with this case applied; returns the data folder."""
        data = root / "data"
        shutil.copytree(MINIMAL, data)
        for name in self.delete:
            (data / name).unlink()
        if self.file:
            (data / self.file).write_bytes(self.path.read_bytes())
        return data


def read_case(path: Path) -> Case:
    case = Case(path)
    for raw in path.read_bytes().splitlines():
        if not raw.startswith(b"#"):
            break
        text = raw.decode("utf-8")[1:].strip()
        key, sep, value = text.partition(":")
        if sep and key.strip() in DIRECTIVES:
            value = value.strip()
            if key.strip() == "file":
                case.file = value
            else:
                getattr(case, key.strip()).append(value)
    return case


def all_cases() -> list[Case]:
    return [
        read_case(p)
        for p in sorted(FIXTURES.rglob("*"))
        if p.is_file() and p.suffix in (".yaml", ".yml") and MINIMAL not in p.parents
    ]
