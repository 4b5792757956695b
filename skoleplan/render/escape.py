"""Text from the data made safe to stand in Markdown: plain text escaped, Markdown defused where it could run;
and as a CSS string (the print header's margin boxes).

Both the pages (`pages.py`) and the feeds (`ical.py`, which read the same Markdown
as plain text) use these, so a text means the same in both.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>&])")
_DANGEROUS_LINK = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)


def escape_plain(text: str) -> str:
    """Plain text (a title, a name) made safe to stand anywhere in Markdown."""
    escaped = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(m[1], "\\" + m[1]), text)
    return escaped.replace("\n", " ")



def css_string(text: object) -> str:
    """A text as a quoted CSS string (for `content:` in a print style): every character but letters, digits and
    spaces written as a CSS escape, so nothing of the text can end the string, the rule or the <style> element,
    or read as anything but text (a line break, «url(», «</style>»)."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in str(text)) + '"'


# The one attribute list the data may use: a passage's language, `{ lang=nb }` (after a paragraph, or
# after *emphasis* for a few words). It tells screen readers, and the written-standard check skips it.
_LANG_ONLY = re.compile(r"&#123;:?[ ]*lang=\"?([a-z]{2,3})\"?[ ]*&#125;")


# A `{ lang=nb }` after the words of a line; the quote marks and list marker that start the line.
_LANG_AFTER_WORDS = re.compile(r"^(.*\S)[ \t]+(\{ lang=[a-z]{2,3} \})[ \t]*$")
OWN_LINE_LANG = re.compile(r"^[ \t>]*\{ lang=[a-z]{2,3} \}[ \t]*$")
_BLOCK_PREFIX = re.compile(r"^([ \t]*(?:>[ \t]?)*)([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)")


def _lang_on_own_line(text: str) -> str:
    """`{ lang=nb }` at the end of a paragraph's or list item's last line, moved to a line of its own.

    Python-Markdown gives a paragraph or list item attributes only from a line of
    their own (at the item's indentation); after the words it shows them as text.
    """
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        found = _LANG_AFTER_WORDS.match(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        ends_block = not following.strip() or bool(_BLOCK_PREFIX.match(following).group(2))
        quotes, marker = _BLOCK_PREFIX.match(line).groups()
        words = line[len(quotes) + len(marker):]
        if found and ends_block and not words.startswith(("#", "|")):
            out += [found[1], quotes + " " * len(marker) + found[2]]
        else:
            out.append(line)
    return "\n".join(out)


# A web address written as it is, or in <…> (CommonMark's autolink): made a link.
_BARE_ADDRESS = re.compile(r"<((?:https?|mailto):[^\s<>]+)>|(?<![(\[<\w/])(https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"»])")
# «4. trinn går luciatog», «17. mai»: a number and a full stop first on a line, read as text, not as a list:
# a numbered list starts at 1 (and «1. september» is a date).
_ORDINAL = re.compile(
    r"^( {0,3})(\d+)\.(?= )(?=(?! (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b))",
    re.M,
)
_ORDINAL_DATE = re.compile(
    r"^( {0,3})(\d+)\.(?= (?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b)",
    re.M,
)


_NUMBERED_ITEM = re.compile(r"^ {0,3}(\d{1,9})\.[ \t]")
_BULLET_ITEM = re.compile(r"^ {0,3}[-*+][ \t]")


def _ordinals_as_text(text: str) -> str:
    """`4. trinn` and `17. mai` first in a paragraph stay text; `1.` starting a list stays a list, and so does
    every item of it, as Python-Markdown reads one: after a line that runs on (indented or not), and after a
    blank line when the number is the next one («1.», blank, «2.»: a loose list; «1.», «2.», blank,
    «17. mai …»: a paragraph after the list)."""
    lines = text.split("\n")
    in_list, after_blank, last = False, False, 0
    for i, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        numbered = _NUMBERED_ITEM.match(line)
        if in_list and after_blank and not line.startswith((" ", "\t")):  # the list goes on only with its next item
            in_list = bool(_BULLET_ITEM.match(line) if last == 0 else numbered and int(numbered[1]) == last + 1)
        after_blank = False
        if in_list:
            last = int(numbered[1]) if numbered and last else last
            continue
        lines[i] = _ORDINAL_DATE.sub(r"\1\2\\.", line)
        match = _ORDINAL.match(lines[i])
        if match and match[2] != "1":
            lines[i] = f"{match[1]}{match[2]}\\.{lines[i][match.end():]}"
        numbered = _NUMBERED_ITEM.match(lines[i])  # only a «1.» that is no date is left to start a list
        in_list, last = (True, int(numbered[1])) if numbered else (bool(_BULLET_ITEM.match(lines[i])), 0)
    return "\n".join(lines)


# «a) …», «b) …» on lines of their own, as legal texts and many plans number their points: Markdown has no such
# list (the lines would run together into one paragraph), so they become an <ol type="a"> (the letters kept).
_LETTERED = re.compile(r"^ {0,3}([a-z])\) +(\S.*)$")


def _letter(line: str) -> str | None:
    match = _LETTERED.match(line)
    return match[1] if match else None


def _starts_lettered_list(lines: list[str], i: int) -> bool:
    """«a) …» with a «b) …» after it in the same block: one «a)» alone may be text («a) er riktig svar»)."""
    if _letter(lines[i]) != "a":
        return False
    for line in lines[i + 1 :]:
        if not line.strip():
            return False
        if _letter(line) is not None:
            return _letter(line) == "b"
    return False


def _lettered_lists(text: str) -> str:
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        if not _starts_lettered_list(lines, i):
            out.append(lines[i])
            i += 1
            continue
        items: list[list[str]] = []
        while i < len(lines) and lines[i].strip():
            marker = _LETTERED.match(lines[i])
            if marker and marker[1] == chr(ord("a") + len(items)):
                items.append([marker[2]])
            else:
                items[-1].append(lines[i].strip())  # a point running over more than one line
            i += 1
        out += ["", '<ol type="a" markdown="1">']
        out += [f'<li markdown="1">{" ".join(item)}</li>' for item in items]
        out += ["</ol>", ""]
    return "\n".join(out)


def escape_markdown(text: str) -> str:
    """Markdown from the data: formatting kept, raw HTML, attribute lists (but `{ lang=nb }`) and script links
    defused; web addresses made links; a number first on a line a list only where it starts one."""
    text = _ordinals_as_text(text.replace("\x00", ""))
    addresses: list[str] = []

    def keep(match: re.Match[str]) -> str:
        addresses.append(match[1] or match[2])
        return f"\x00{len(addresses) - 1}\x00"

    text = _BARE_ADDRESS.sub(keep, text)
    text = text.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")
    text = _lang_on_own_line(_LANG_ONLY.sub(lambda m: "{ lang=" + m[1] + " }", text))
    text = _DANGEROUS_LINK.sub("](#", text)
    text = _lettered_lists(text)
    return re.sub("\x00(\\d+)\x00", lambda m: f"<{addresses[int(m[1])]}>", text)


