"""Run Apertium (Bokmål ↔ Nynorsk) on many texts at once, with their Markdown kept intact.

Apertium starts a pipeline of several programs per call (about half a second),
so every text of a run goes in one call. Its HTML format handling keeps tags
where they stand and translates only the words between them: each kept
segment of `markup.split` becomes an empty inline tag `<x-kN/>` (read as part
of its sentence), and each text ends in an empty paragraph `<p x-t="N"></p>`,
a block that Apertium reads as a hard boundary: a text's translation never
depends on its neighbour (an inline tag there let «Rektor» + «Skolen har …»
be read as one name). If the tags do not come back exactly in order, that
text is translated again run by run, so markup is never lost or moved.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

from ..model.base import Lang
from .markup import Segment, split

# Apertium's modes for each direction, the preferred first. `nob-nno_e` writes the
# e-infinitive and «vi» (å gjere, vi skal), as most schools' Nynorsk does; plain
# `nob-nno` writes the a-infinitive and «me» (å gjera, me skal).
MODES: dict[tuple[Lang, Lang], tuple[str, ...]] = {
    ("nb", "nn"): ("nob-nno_e", "nob-nno"),
    ("nn", "nb"): ("nno-nob",),
}
PACKAGE = "apertium-nno-nob"
INSTALL_HINT = "Installer med «make apertium» (eller som root: apt-get install apertium apertium-nno-nob)."

_TAG = re.compile(r"<x-(k)(\d+)\s*/?>(?:</x-k\2>)?")
_TEXT_END = re.compile(r'<p x-t="\d+"></p>')


class ApertiumError(Exception):
    """Apertium is missing or failed; the message says what to do, in Norwegian."""


def _program() -> str:
    program = shutil.which("apertium")
    if program is None:
        raise ApertiumError(f"Fant ikke programmet apertium. {INSTALL_HINT}")
    return program


def installed_modes() -> list[str]:
    """The translation directions Apertium has installed («nob-nno», «nno-nob», …)."""
    try:
        listed = subprocess.run([_program(), "-l"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ApertiumError(f"apertium -l feilet: {exc}. {INSTALL_HINT}") from None
    return listed.split()


def choose_mode(source: Lang, target: Lang, wanted: str | None = None) -> str:
    """The Apertium mode to translate with: `wanted` if given, else the preferred one installed."""
    modes = installed_modes()
    if wanted:
        if wanted not in modes:
            raise ApertiumError(f"Apertium har ikke retningen «{wanted}»; installert: {', '.join(modes) or 'ingen'}.")
        return wanted
    for mode in MODES[(source, target)]:
        if mode in modes:
            return mode
    raise ApertiumError(f"Apertium mangler språkparet {MODES[(source, target)][-1]} (pakken {PACKAGE}). {INSTALL_HINT}")


def _run(program: str, direction: str, payload: str) -> str:
    try:
        done = subprocess.run(
            [program, "-u", "-f", "html", direction],
            input=payload, capture_output=True, text=True, timeout=600,
        )
    except subprocess.TimeoutExpired:
        raise ApertiumError("Apertium svarte ikke innen ti minutter.") from None
    if done.returncode != 0:
        raise ApertiumError(f"Apertium feilet ({done.returncode}): {done.stderr.strip()[:500]}")
    return done.stdout


def _end(number: int) -> str:
    """The end of the `number`th text: an empty paragraph, a boundary Apertium does not read across."""
    return f'<p x-t="{number}"></p>'


def _payload(texts: list[list[Segment]]) -> str:
    parts = []
    for t, segments in enumerate(texts):
        for k, segment in enumerate(segments):
            parts.append(html.escape(segment.text, quote=False) if segment.translate else f"<x-k{k}/>")
        parts.append(_end(t))
    return "".join(parts)


def _reassemble(segments: list[Segment], output: str) -> str | None:
    """The translated text with every kept segment back in place, or None if Apertium moved a tag."""
    pieces = _TAG.split(output)
    # _TAG.split gives: words, kind, number, words, kind, number, …, words
    words = [html.unescape(p.strip()) for p in pieces[0::3]]
    tags = list(zip(pieces[1::3], pieces[2::3]))
    if tags != [("k", str(k)) for k, s in enumerate(segments) if not s.translate]:
        return None
    result = [words[0]]
    rest = iter(words[1:])
    for segment in segments:
        if not segment.translate:
            result += [segment.text, next(rest)]
    return "".join(result)


def translate(texts: list[str], source: Lang, target: Lang, mode: str | None = None) -> list[str]:
    """Each text translated from `source` to `target`, Markdown and surrounding whitespace unchanged."""
    if not texts:
        return []
    program = _program()
    direction = choose_mode(source, target, mode)
    split_texts = [split(text) for text in texts]
    output = _run(program, direction, _payload(split_texts))
    chunks = _TEXT_END.split(output)
    results: list[str | None] = [None] * len(texts)
    if len(chunks) == len(texts) + 1:
        for i, segments in enumerate(split_texts):
            results[i] = _reassemble(segments, chunks[i])
    return [
        result if result is not None else _run_by_run(program, direction, segments)
        for result, segments in zip(results, split_texts)
    ]


def _run_by_run(program: str, direction: str, segments: list[Segment]) -> str:
    """The slow and sure way: each translatable run on its own, in one call, one run per text."""
    runs = [s for s in segments if s.translate]
    payload = "".join(f"{html.escape(s.text, quote=False)}{_end(i)}" for i, s in enumerate(runs))
    chunks = _TEXT_END.split(_run(program, direction, payload)) if runs else [""]
    if len(chunks) != len(runs) + 1:
        raise ApertiumError("Apertium endret markeringene i teksten; kunne ikke sette sammen oversettelsen.")
    translated = iter(html.unescape(c.strip()) for c in chunks)
    return "".join(next(translated) if s.translate else s.text for s in segments)
