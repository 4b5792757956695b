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

# Characters a terminal acts on instead of showing: control characters (ESC starts the ANSI sequences
# that move the cursor, recolour or retitle the window), line and paragraph separators, and the
# direction overrides that make text read differently from what it is.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` on one line with nothing a terminal would act on: «\\x1b[31m» instead of an escape sequence."""

    def escape(match: re.Match[str]) -> str:
        char = match[0]
        if char in _NAMED:
            return _NAMED[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNSHOWABLE.sub(escape, text.replace("\r\n", "\n"))


def _mask_identity_numbers(text: str) -> str:
    from .privacy import mask_identity_numbers  # imported here: the guard reports through this module

    return mask_identity_numbers(text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of a data file."""

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        # One line per problem, even when a message quotes a value that spans lines, never a raw
        # control character from the data (the file name may come from the data folder too), and never
        # an identity number in full, whatever message quotes it.
        object.__setattr__(self, "message", visible(_mask_identity_numbers(self.message)))
        object.__setattr__(self, "file", visible(self.file))

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
    """The path as the editor knows it: relative to the working directory when possible.

    A file that is a symbolic link is shown by its own name, never by where it points.
    """
    path = Path(path)
    bases = [Path(base) for base in (root, Path.cwd()) if base]
    for base in bases:  # as written, «..» taken away
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            continue
    try:  # reached through a link to one of the folders: the folders resolved, not the file itself
        full = Path(os.path.abspath(path)).parent.resolve() / path.name
        for base in bases:
            try:
                return full.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    except (OSError, RuntimeError):
        pass
    return path.as_posix()
