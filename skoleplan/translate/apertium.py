"""Run Apertium (Bokmål ↔ Nynorsk) on many texts at once, with their Markdown kept intact.

Apertium starts a pipeline of several programs per call (about half a second),
so every text of a run goes in one call. Its HTML format handling keeps tags
where they stand and translates only the words between them.

Two kinds of tag stand in for what is not to be translated:
- A paragraph tag `<p id="tN">` starts each text. Apertium's HTML reader ends a
  sentence at a block-level tag, so no text's translation depends on the text
  before or after it (an empty tag such as `<x-t0/>` or `<br/>` is read across:
  «Rektor<x-t0/>Skolen» was taken for a name and left untranslated). The same
  kind of tag, `<p id="kN">`, stands for markup that ends a sentence inside a
  text: a blank line, a new list item, heading, quote or table cell.
- An empty tag `<x-kN/>` stands for markup inside a sentence (emphasis, a link,
  a line break in a paragraph), so the sentence is translated as one.

Apertium may still move a word across an inline tag («lærerens\\nobservasjoner»
becomes «observasjonane til læraren», the tag twice). A text whose tags do not
come back exactly in order is translated again run by run (each run between two
pieces of markup on its own), all such texts in one more call; a run that fails
even then is tried alone. A text that cannot be translated with its markup in
place comes back as None, for the caller to report; it never stops the others.
"""

from __future__ import annotations

import functools
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

_KEPT = re.compile(r'<x-k(\d+)\s*/?>(?:</x-k\1>)?|<p id="k(\d+)">(?:</p>)?')
_TEXT_START = re.compile(r'<p id="t(\d+)">(?:</p>)?')
# Markup after which a new sentence starts: a blank line, a line that opens a block
# (list item, heading, quote, table row, code fence, thematic break, setext underline),
# or a table cell border.
_BLOCK_START = re.compile(
    r"\n[ \t]*\n|\n[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\||```|~~~|[-*_](?:[ \t]*[-*_]){2}|=+[ \t]*$)",
    re.MULTILINE,
)
_HEADING_LINE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*#{1,6}[ \t]")

class ApertiumError(Exception):
    """Apertium is missing or failed; the message says what to do, in Norwegian."""


def _program() -> str:
    program = shutil.which("apertium")
    if program is None:
        raise ApertiumError(f"Fant ikke programmet apertium. {INSTALL_HINT}")
    return program


@functools.cache
def installed_modes() -> list[str]:
    """The translation directions Apertium has installed («nob-nno», «nno-nob», …); asked once per process."""
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


def ends_sentence(text: str, start: int, markup: str) -> bool:
    """Whether the kept `markup` at `start` in `text` stands between two sentences (Apertium must not read across)."""
    stripped = markup.strip(" \t")
    if _BLOCK_START.search(markup) or stripped.startswith("|") or stripped.endswith("|"):
        return True
    newline = markup.find("\n")
    if newline < 0:
        return False
    line_start = text.rfind("\n", 0, start + newline) + 1
    return bool(_HEADING_LINE.match(text, line_start))  # the end of a heading's line


def _text_payload(text: str, segments: list[Segment]) -> str:
    parts = []
    start = 0
    for k, s in enumerate(segments):
        if s.translate:
            parts.append(html.escape(s.text, quote=False))
        elif ends_sentence(text, start, s.text):
            parts.append(f'<p id="k{k}">')
        else:
            parts.append(f"<x-k{k}/>")
        start += len(s.text)
    return "".join(parts)


def _join_texts(payloads: list[str]) -> str:
    """The texts in one call, each after a paragraph tag that ends whatever came before it.

    One more tag closes the last text: at the very end of its input Apertium drops
    the full stop after a number («tiltak 19.» comes back as «tiltak 19»).
    """
    return "".join(f'<p id="t{i}">{payload}' for i, payload in enumerate(payloads)) + f'<p id="t{len(payloads)}">'


def _split_texts(output: str, count: int) -> list[str | None]:
    """The output of `_join_texts` cut back into its `count` texts; None for a text whose boundaries did not come back.

    Each text is taken from between its own start tag and the next one, so a
    boundary that went missing or came twice costs only the texts next to it.
    """
    matches = list(_TEXT_START.finditer(output))
    seen: dict[int, int] = {}  # text number → its one place among the tags, or -1 if it came more than once
    for place, match in enumerate(matches):
        number = int(match.group(1))
        seen[number] = -1 if number in seen else place
    chunks: list[str | None] = []
    for i in range(count):
        place = seen.get(i, -1)
        if place < 0:
            chunks.append(None)
            continue
        end = matches[place + 1] if place + 1 < len(matches) else None
        if end is not None and int(end.group(1)) == i + 1 and seen[i + 1] >= 0:
            chunks.append(output[matches[place].end() : end.start()])
        else:
            chunks.append(None)
    return chunks


def _reassemble(segments: list[Segment], output: str) -> str | None:
    """The translated text with every kept segment back in place, or None if Apertium moved a tag."""
    pieces = _KEPT.split(output)
    # _KEPT.split gives: words, inline number, block number, words, …, words
    numbers = [a if a is not None else b for a, b in zip(pieces[1::3], pieces[2::3])]
    if numbers != [str(k) for k, s in enumerate(segments) if not s.translate]:
        return None
    if any("<" in p or ">" in p for p in pieces[0::3]):  # a tag Apertium made or mangled (text is escaped)
        return None
    words = [html.unescape(p.strip()) for p in pieces[0::3]]
    result = [words[0]]
    rest = iter(words[1:])
    for segment in segments:
        if not segment.translate:
            result += [segment.text, next(rest)]
    return "".join(result)


def _plain(output: str) -> str | None:
    """One run translated on its own: the words, or None if a tag turned up in it."""
    if "<" in output or ">" in output:
        return None
    return html.unescape(output.strip())


def _runs(program: str, direction: str, runs: list[str]) -> list[str | None]:
    """Runs of words translated each on its own: all in one call, and a run that fails there alone."""
    if not runs:
        return []
    chunks = _split_texts(_run(program, direction, _join_texts([html.escape(r, quote=False) for r in runs])), len(runs))
    results = [None if chunk is None else _plain(chunk) for chunk in chunks]
    for i, run in enumerate(runs):
        if results[i] is None:
            try:
                results[i] = _plain(_run(program, direction, html.escape(run, quote=False)))
            except ApertiumError:
                results[i] = None
    return results


def translate(texts: list[str], source: Lang, target: Lang, mode: str | None = None) -> list[str | None]:
    """Each text translated from `source` to `target`, Markdown and surrounding whitespace unchanged.

    None for a text Apertium could not translate with its markup in place, even run by run.
    """
    if not texts:
        return []
    program = _program()
    direction = choose_mode(source, target, mode)
    split_texts = [split(text) for text in texts]
    output = _run(program, direction, _join_texts([_text_payload(text, segments) for text, segments in zip(texts, split_texts)]))
    results: list[str | None] = [
        None if chunk is None else _reassemble(segments, chunk)
        for segments, chunk in zip(split_texts, _split_texts(output, len(texts)))
    ]
    failed = [i for i, result in enumerate(results) if result is None]
    # The texts whose markup moved: run by run, all of them in one more call.
    runs = [(i, k) for i in failed for k, s in enumerate(split_texts[i]) if s.translate]
    translated = dict(zip(runs, _runs(program, direction, [split_texts[i][k].text for i, k in runs])))
    for i in failed:
        pieces = [translated[(i, k)] if s.translate else s.text for k, s in enumerate(split_texts[i])]
        results[i] = None if None in pieces else "".join(pieces)  # type: ignore[arg-type]
    return results
