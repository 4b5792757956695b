"""Problems found in the plan's data, reported to the person editing the YAML.

Every stage that reads user input reports through `Problem`, so that the
command line can print one sorted list of one-line messages in Norwegian and
never a traceback.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of a data file."""

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        # One line per problem, even when a message quotes a value that spans lines; and no control character
        # (a terminal escape sequence in a value) reaches the terminal as it is.
        one_line = self.message.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")
        object.__setattr__(self, "message", _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", one_line))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


@dataclass
class PlanError(Exception):
    """Raised when the data cannot become a valid plan; carries every problem."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.problems = sorted(set(self.problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        files = len({p.file for p in self.problems})
        n = len(self.problems)
        lines.append(f"Fant {n} feil i {files} {'fil' if files == 1 else 'filer'}.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the editor knows it: relative to the working directory when possible."""
    path = Path(path)
    try:
        absolute = path.parent.resolve() / path.name  # the file itself may be a link that leads nowhere
    except (OSError, RuntimeError):
        absolute = Path(os.path.abspath(path))
    for base in filter(None, (root, Path.cwd())):
        try:
            return absolute.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
