"""The personal-data guard: no national identity number anywhere, no direct contact details in public.

The plan describes routines; it never holds information about a pupil. A
national identity number (fødselsnummer or D-number) anywhere in the data,
even in a comment, stops everything. A phone number or e-mail address in
content the public site shows stops the build unless it belongs to a contact
the school has declared public (a switchboard, a general post address).
A pupil's name cannot be detected; the README tells editors never to write one.

Text pasted from e-mails, Word and web pages hides numbers in many ways, so
every text is normalised before it is searched (`normalise`): HTML tags
dropped and entities decoded, Unicode NFKC (a no-break or thin space becomes
a space, full-width digits plain ones), other scripts' digits made 0–9,
zero-width characters and soft hyphens removed, Markdown's backslash escapes
undone. A number is then a run of digit groups with separators between them
(spaces, line breaks, dots, dashes, slashes, Markdown emphasis, brackets), so
«010190 000 83», «01.01.90 00083» and «**0101**90-00083» are all read as the
eleven digits they show. YAML's own escapes and line continuations are undone
by the parser: values are searched as parsed, the file's text only outside
its values (comments). A translation's fingerprint (`translation.hash`) is a
checksum, not content, and is never searched.

Dates, years, amounts, week lists and times look like phone numbers when
their separators are ignored; `_not_a_phone` tells them apart by their shape
and by the word in front («kr», «uke», «kl.»).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote



_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_identity_number(number: str) -> bool:
    """A Norwegian fødselsnummer or D-number: a plausible date and both mod-11 check digits right."""
    if not re.fullmatch(r"[0-9]{11}", number):
        return False
    digits = [int(c) for c in number]
    day = digits[0] * 10 + digits[1]
    month = digits[2] * 10 + digits[3]
    if day > 40:  # D-number: 40 added to the day
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return _check_digit(digits[:9], _W1) == digits[9] and _check_digit(digits[:10], _W2) == digits[10]


def mask(number: str) -> str:
    """Enough to find it in the file, not enough to read it: «01**** *****»."""
    return number[:2] + "**** *****"


def normalise_phone(text: str) -> str:
    """A phone number as its digits, without the country code +47 or 0047: «22334455»."""
    digits = re.sub(r"\D", "", normalise(text).text)
    for prefix in ("0047", "47"):
        if len(digits) == 8 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


# --- normalising a text -------------------------------------------------------------------------


class Normalised:
    """A text as the guard reads it, and for each of its characters the index it came from in the original."""

    __slots__ = ("text", "_origin")

    def __init__(self, text: str, origin: list[int] | None = None) -> None:
        self.text = text
        self._origin = origin  # None: nothing moved

    def origin(self, index: int) -> int:
        """The index in the original text of the character at `index`."""
        if self._origin is None:
            return index
        return self._origin[index] if index < len(self._origin) else (self._origin[-1] + 1 if self._origin else 0)

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Normalised:
        """`pattern.sub(replace)`, keeping track of where each character came from."""
        text, origin = self.text, self._origin
        if pattern.search(text) is None:  # the usual case, quickly
            return self
        out: list[str] = []
        where: list[int] = []
        last = 0
        for match in pattern.finditer(text):
            new = replace(match)
            if new == match[0]:
                continue
            start, end = match.span()
            out += (text[last:start], new)
            where += origin[last:start] if origin is not None else range(last, start)
            where += [origin[start] if origin is not None else start] * len(new)
            last = end
        if not out:
            return self
        out.append(text[last:])
        where += origin[last:] if origin is not None else range(last, len(text))
        return Normalised("".join(out), where)


# Escapes of YAML's double-quoted style, for a file the parser could not read (values are read parsed).
_YAML_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfre \"/\\N_LP]|\r?\n[ \t]*)")
_YAML_SIMPLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
                "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
                "L": "\u2028", "P": "\u2029"}
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_PERCENT = re.compile(r"%(?:40|2[eE])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# Characters nobody sees: zero-width spaces and joiners, word joiner, soft hyphen, byte order mark,
# direction marks and embeddings, invisible operators, Mongolian vowel separator.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _yaml_escape(match: re.Match[str]) -> str:
    body = match[0][1:]
    if body[0] in "xuU":
        try:
            return chr(int(body[1:], 16))
        except (ValueError, OverflowError):
            return match[0]
    if body[0] in "\r\n":
        return ""
    return _YAML_SIMPLE[body[0]]


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match[0])


def normalise(text: str, *, yaml_escapes: bool = False) -> Normalised:
    """The text as a reader sees it, so that a number hidden by markup or invisible characters shows."""
    t = Normalised(text)
    if yaml_escapes and "\\" in text:
        t = t.sub(_YAML_ESCAPE, _yaml_escape)
    if "<" in t.text:
        t = t.sub(_HTML_TAG, lambda m: "")
    if "&" in t.text:
        for _ in range(2):  # «&amp;#48;» as well as «&#48;»
            t = t.sub(_HTML_ENTITY, lambda m: html.unescape(m[0]))
    if "%" in t.text:
        t = t.sub(_PERCENT, lambda m: unquote(m[0]))
    if not t.text.isascii():
        if not unicodedata.is_normalized("NFKC", t.text):
            t = t.sub(_NON_ASCII, _nfkc)
        t = t.sub(_OTHER_DIGIT, lambda m: str(unicodedata.decimal(m[0])))
        t = t.sub(_INVISIBLE, lambda m: "")
    if "\\" in t.text:
        t = t.sub(_MARKDOWN_ESCAPE, lambda m: m[1])
    return t


# --- what is found ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One identity number, phone number or e-mail address in a normalised text."""

    kind: str  # "identity", "phone" or "email"
    start: int  # in the normalised text
    shown: str  # as the message may show it (an identity number masked)
    key: str  # digits, or the address in lower case: what a declared contact is compared with


# Between the digit groups of one number: spaces and line breaks, dots, dashes, slashes, Markdown emphasis,
# brackets, and «#» (a number split over two comment lines).
_SEPARATOR = r"[\s.\-\u2010-\u2015\u2212/*_~`()#]"
_RUN = re.compile(rf"[0-9]+(?:{_SEPARATOR}+[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_SPACES = re.compile(r"\s+")
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _groups(run: re.Match[str]) -> list[tuple[int, int]]:
    return [(run.start() + m.start(), run.start() + m.end()) for m in _GROUP.finditer(run[0])]


def identity_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of every identity number: any consecutive digit groups that together make one.

    «01.01.1990 00083» is one too: the birth date with the century written out, then the personal number.
    """
    for run in _RUN.finditer(text):
        groups = _groups(run)
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += text[groups[j][0] : groups[j][1]]
                if len(digits) >= 11:
                    break
            if len(digits) == 11 and is_identity_number(digits):
                yield groups[i][0], groups[j][1], digits
            elif i + 3 < len(groups) and [b - a for a, b in groups[i : i + 4]] == [2, 2, 4, 5]:
                day, month, year, personal = (text[a:b] for a, b in groups[i : i + 4])
                if year[:2] in ("18", "19", "20") and is_identity_number(day + month + year[2:] + personal):
                    yield groups[i][0], groups[i + 3][1], day + month + year[2:] + personal


_AMOUNT_BEFORE = re.compile(r"(?:\b(?:kr|nok|kroner)\.?|\bkl\.?|\bklokka|\bklokken|[$€£]|"
                            r"\b(?:uke|uka|uken|ukene|uker|veke|veka|vekene|veker|week|weeks)(?:\s*nr\.?)?)\s*:?\s*$",
                            re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"^\s*(?:kr\b|kroner|nok\b|,-|%|prosent|euro)", re.IGNORECASE)


def _is_date(day: str, month: str, year: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and year[:2] in ("19", "20")


def _not_a_phone(text: str, groups: list[tuple[int, int]]) -> bool:
    """Whether eight digits that read as a phone number are a date, year, amount, week list or time."""
    start, end = groups[0][0], groups[-1][1]
    if _AMOUNT_BEFORE.search(text[max(0, start - 30) : start]) or _AMOUNT_AFTER.match(text[end : end + 12]):
        return True  # «kr 25 000 000», «ukene 34 35 36 37», «kl. 20.00–21.30», «25 000 000 kroner»
    parts = [text[a:b] for a, b in groups]
    lengths = [len(p) for p in parts]
    if len(parts) >= 2 and 1 <= lengths[0] <= 3 and all(n == 3 for n in lengths[1:]):
        return True  # thousands: «25 000 000»
    if lengths == [2, 2, 4] and _is_date(*parts):
        return True  # «22.03.2025»
    if lengths == [4, 2, 2] and _is_date(parts[2], parts[1], parts[0]):
        return True  # «2025-09-02»
    if lengths == [8] and _is_date(parts[0][6:], parts[0][4:6], parts[0][:4]):
        return True  # «20250902»
    if all(n == 4 and p[:2] in ("19", "20") for p, n in zip(parts, lengths)):
        return True  # «2025 2026»
    if lengths == [2, 2, 2, 2]:  # «20.00–21.30»
        seps = [text[groups[k][1] : groups[k + 1][0]] for k in range(3)]
        hours_minutes = int(parts[0]) <= 23 and int(parts[2]) <= 23 and int(parts[1]) <= 59 and int(parts[3]) <= 59
        if hours_minutes and seps[0] in ".:" and seps[2] in ".:" and seps[1].strip() and seps[1].strip() in _DASH:
            return True
    return False


def _strong(separator: str) -> bool:
    """A separator between two numbers rather than inside one: «/», a spaced dash, a new paragraph or list item."""
    if "/" in separator or "\n\n" in separator.replace(" ", ""):
        return True
    return bool(re.search(rf"\s[{_DASH}]\s", separator))


def _phone_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits without country code) of every phone number."""
    for run in _RUN.finditer(text):
        groups = _groups(run)
        segments: list[list[tuple[int, int]]] = [[groups[0]]]
        for before, after in zip(groups, groups[1:]):
            if _strong(text[before[1] : after[0]]):
                segments.append([])
            segments[-1].append(after)
        for segment in segments:
            yield from _phone_in(text, segment)


def _phone_in(text: str, groups: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    start, end = groups[0][0], groups[-1][1]
    digits = "".join(text[a:b] for a, b in groups)
    plus = re.search(r"\(?\+ ?$", text[max(0, start - 3) : start])
    lead = start - len(plus[0]) if plus else start
    country: int | None = None  # how many digits of the country code (+47, 0047) come first
    if plus and not digits.startswith("47"):
        if 8 <= len(digits) <= 15:
            yield lead, end, digits  # a number abroad
        return
    if plus and len(digits) == 10:
        country = 2
    elif plus and len(digits) == 11 and digits.startswith("470"):
        country = 3  # «+47 (0)22 33 44 55», a trunk zero Norway does not have
    elif not plus and digits.startswith("0047") and len(digits) == 12:
        country = 4
    elif not plus and len(digits) == 8:
        country = 0
    if country is not None:
        national = digits[country:]
        # With a country code it is a phone number; without, it may be a date or an amount.
        if national[0] in "23456789" and (country or not _not_a_phone(text, groups)):
            yield lead, end, national
        return
    for a, b in groups:  # «22334455 91234567»: each whole group of eight digits
        if b - a == 8 and text[a] in "23456789" and not _not_a_phone(text, [(a, b)]):
            yield a, b, text[a:b]


_AT_WORD = r"(?:at|krøllalfa|alfakrøll)"
_DOT_WORD = r"(?:dot|punktum|prikk)"
_OPEN, _CLOSE = r"[(\[{<«]", r"[)\]}>»]"
_LOCAL = r"(?<![\w.+%'-])[\w.+%'-]{0,63}\w"
_LABEL = r"\w[\w-]{0,62}"
_TLD = r"[^\W\d_]{2,63}"
_AT = rf"(?:[*_~`]*@[*_~`]*|\s*{_OPEN}\s*{_AT_WORD}\s*{_CLOSE}\s*)"
_DOT = rf"(?:\.|\s*{_OPEN}\s*{_DOT_WORD}\s*{_CLOSE}\s*)"
_EMAIL = re.compile(
    rf"{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{0,8}}{_DOT}{_TLD}(?!\w)"
    # «kari at skole dot no»: only with the dot written as a word too («at» is a Norwegian word)
    rf"|{_LOCAL}\s+{_AT_WORD}\s+{_LABEL}(?:\s+{_DOT_WORD}\s+{_LABEL}){{0,8}}\s+{_DOT_WORD}\s+{_TLD}(?!\w)",
    re.IGNORECASE,
)
_MAYBE_EMAIL = re.compile(rf"@|{_OPEN}\s*{_AT_WORD}\s*{_CLOSE}|\s{_AT_WORD}\s", re.IGNORECASE)
_EMAIL_AT = re.compile(rf"{_AT}|\s+{_AT_WORD}\s+", re.IGNORECASE)
_EMAIL_DOT = re.compile(rf"{_DOT}|\s+{_DOT_WORD}\s+", re.IGNORECASE)


def canonical_email(text: str) -> str:
    """An address as a declared contact is compared: lower case, the domain in ASCII (IDNA)."""
    local, _, domain = text.lower().rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return f"{local}@{domain}"


def _emails(text: str) -> Iterator[tuple[int, int, str]]:
    if not _MAYBE_EMAIL.search(text):
        return
    for match in _EMAIL.finditer(text):
        local, rest = _EMAIL_AT.split(match[0], maxsplit=1)
        yield match.start(), match.end(), canonical_email(local + "@" + _EMAIL_DOT.sub(".", rest))


DIGIT = re.compile(r"\d")


def _shown(text: str) -> str:
    return _SPACES.sub(" ", text)


def find_personal_data(text: str, *, contacts: bool = True, yaml_escapes: bool = False) -> list[Finding]:
    """Identity numbers in `text`, and (with `contacts`) phone numbers and e-mail addresses."""
    t = normalise(text, yaml_escapes=yaml_escapes)
    s = t.text
    found: list[Finding] = []
    enough_digits = len(DIGIT.findall(s)) >= 8
    if enough_digits:
        for start, _, digits in identity_numbers(s):
            found.append(Finding("identity", start, mask(digits), digits))
    if contacts and enough_digits:
        for start, end, digits in _phone_numbers(s):
            found.append(Finding("phone", start, _shown(s[start:end]), digits))
    if contacts:
        for start, end, address in _emails(s):
            found.append(Finding("email", start, _shown(s[start:end]), address))
    return found


def mask_identity_numbers(text: str) -> str:
    """`text` with every identity number in it masked, for a message that quotes what the data says."""
    if len(DIGIT.findall(text)) < 8:  # an identity number has eleven digits; each written digit shows as one
        return text
    t = normalise(text)
    spans = [(t.origin(start), t.origin(end - 1) + 1, digits) for start, end, digits in identity_numbers(t.text)]
    for start, end, digits in reversed(spans):
        text = text[:start] + mask(digits) + text[end:]
    return text
