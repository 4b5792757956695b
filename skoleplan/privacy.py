"""The personal-data guard: no national identity number anywhere, no direct contact details in public.

The plan describes routines; it never holds information about a pupil. A
national identity number (fødselsnummer or D-number) anywhere in the data,
even in a comment, stops everything. A phone number or e-mail address in
content the public site shows stops the build unless it belongs to a contact
the school has declared public (a switchboard, a general post address).
A pupil's name cannot be detected; the README tells editors never to write one.

Text is read as a person reads it, not as it is stored: every value is
normalised first (`readable`: Unicode NFKC, HTML entities and %-escapes decoded,
invisible characters and Markdown emphasis removed), and digits may be grouped
by spaces, dots, dashes, slashes or a line break, as people write them. Dates,
years, amounts, week lists and translation fingerprints are told from phone
numbers by their shape and the words before them; fingerprints are never read
at all (they are not content).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel

from .errors import Problem
from .model.walk import is_internal
from .source import Loc, SourceFile

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_identity_number(number: str) -> bool:
    """A Norwegian fødselsnummer or D-number: a plausible date and both mod-11 check digits right."""
    if not re.fullmatch(r"\d{11}", number):
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


# --- reading as a person reads ------------------------------------------------------------------------

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}  # zero-width characters, soft hyphen
_EMPHASIS = {"*", "_", "~", "`", "\\"}  # Markdown emphasis, code and escapes between the digits
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class Readable:
    """A text as a person reads it, with where each of its characters stands in the text as written."""

    text: str
    origin: tuple[int, ...]  # index in the written text of each character of `text`


def readable(written: str, *, digits: bool = False) -> Readable:
    """`written` with entities and %-escapes decoded, NFKC, invisible characters (and for `digits`, Markdown
    emphasis and escapes) removed; the mapping back to the written text is kept for messages."""
    chars: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(written):
        decoded, length = written[i], 1
        entity = _ENTITY.match(written, i) if written[i] == "&" else None
        if entity:
            decoded, length = html.unescape(entity[0]), len(entity[0])
        elif written[i] == "%" and _PERCENT.match(written, i):
            decoded, length = unquote(written[i : i + 3]), 3
        for char in unicodedata.normalize("NFKC", decoded):
            if char in _INVISIBLE or (digits and char in _EMPHASIS):
                continue
            chars.append(char)
            origin.append(i)
        i += length
    return Readable("".join(chars), tuple(origin))


# Digits as people group them: spaces (also across a line break and its indentation), dots, dashes, slashes.
_GROUPED = re.compile(r"(?<![\d])\d(?:(?:[ \t.\-/–—]|\s{1,12}){0,2}\d)*(?![\d])")


def identity_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(index in `text`, number) of every identity number in `text`, however its digits are grouped."""
    seen = set()
    shown = readable(text, digits=True)
    for run in _GROUPED.finditer(shown.text):
        groups = [(m.start() + run.start(), m[0]) for m in re.finditer(r"\d+", run[0])]
        for first in range(len(groups)):  # consecutive groups adding up to eleven digits
            digits = ""
            for _, group in groups[first:]:
                digits += group
                if len(digits) >= 11:
                    break
            if len(digits) == 11 and is_identity_number(digits) and digits not in seen:
                seen.add(digits)
                yield shown.origin[groups[first][0]], digits


# --- phone numbers and e-mail addresses -------------------------------------------------------------

# Words after which grouped digits are not a phone number: weeks, grades, pages, sections, money, years.
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:\b(?:uke|uka|ukene|uker|veke|veka|vekene|veker|trinn|klasse|klassene|side|sidene|sak|saksnummer|"
    r"saksnr|kr|kroner|nok|år|åra|årene|skoleåret|skuleåret|paragraf|artikkel|nr|versjon)\.?|§|€|\$)\s*$",
    re.IGNORECASE,
)
_MONEY_AFTER = re.compile(r"^\s*(?:kr\b|kroner\b|nok\b|,-)", re.IGNORECASE)


def _is_date(digits: str, groups: list[str]) -> bool:
    """«22.03.2025», «2025-09-02», «20250902»: a date, not a phone number."""
    candidates = []
    if len(groups) == 3:
        candidates.append(groups)
    if len(groups) == 1 and len(digits) == 8:
        candidates += [[digits[:4], digits[4:6], digits[6:]], [digits[:2], digits[2:4], digits[4:]]]
    for parts in candidates:
        for year, month, day in ((parts[0], parts[1], parts[2]), (parts[2], parts[1], parts[0])):
            if len(year) == 4:
                try:
                    dt.date(int(year), int(month), int(day))
                    return True
                except ValueError:
                    continue
    return False


def _is_years(groups: list[str]) -> bool:
    """«2025 2026», «2025/2026»: school years."""
    return len(groups) >= 2 and all(len(g) == 4 and g[:2] in ("19", "20") for g in groups)


def _is_amount(groups: list[str]) -> bool:
    """«25 000 000», «1 500»: thousands grouped by threes."""
    return len(groups) >= 2 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


_ADDRESS = re.compile(r"https?://[^\s)>\]]+", re.IGNORECASE)
_PHONE = re.compile(r"(?:(?:\+|(?<!\d)00)\s?47[\s.\-]*\d|(?<![\d+])\d)(?:[ \t.\-/]{0,2}\d){7,11}(?!\d)")


def phone_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(index in `text`, as written, the eight digits) of every Norwegian phone number in `text`."""
    shown = readable(text, digits=True)
    # The digits of a web address are ids and dates: the addresses are blanked out, their places kept.
    searched = _ADDRESS.sub(lambda m: " " * len(m[0]), shown.text)
    for match in _PHONE.finditer(searched):
        written = match[0]
        digits = re.sub(r"\D", "", written)
        prefixed = re.match(r"(?:\+|00)\s?47", written) is not None
        if prefixed:
            digits = digits[2:] if written.startswith("+") else digits[4:]
        if len(digits) != 8 or digits[0] in "01":
            continue
        groups = [g for g in re.split(r"\D+", written) if g]
        before = shown.text[max(0, match.start() - 24) : match.start()]
        after = shown.text[match.end() : match.end() + 12]
        if not prefixed and (
            _is_date(digits, groups) or _is_years(groups) or _is_amount(groups)
            or _NOT_A_PHONE_BEFORE.search(before) or _MONEY_AFTER.match(after)
        ):
            continue
        yield shown.origin[match.start()], written.strip(), digits


# «navn@skole.no», and as people hide it from robots: «navn(at)skole.no», «navn [at] skole [dot] no».
_AT = re.compile(r"\s*(?:\(|\[|\{)\s*(?:at|alfakrøll|krøllalfa)\s*(?:\)|\]|\})\s*|\s+(?:at|alfakrøll|krøllalfa)\s+", re.I)
_DOT = re.compile(r"\s*(?:\(|\[|\{)\s*(?:dot|punktum|prikk)\s*(?:\)|\]|\})\s*|\s+(?:dot|punktum)\s+", re.I)
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)


def email_addresses(text: str) -> Iterator[tuple[int, str]]:
    """(index in `text`, address in lower case) of every e-mail address in `text`, however it is disguised."""
    shown = readable(text)
    plain = _DOT.sub(".", _AT.sub("@", shown.text))
    # Where the disguise was taken out, positions shift; a message points at the start of the value then.
    exact = plain == shown.text
    for match in _EMAIL.finditer(plain):
        yield (shown.origin[match.start()] if exact else 0), match[0].lower()


def normalise_phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    for prefix in ("0047", "47"):
        if len(digits) == 8 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


# --- the checks ---------------------------------------------------------------------------------------


def identity_number_problems(source: SourceFile) -> list[Problem]:
    """Every identity number in a data file: in its text as written (comments too) and in its values as read
    (YAML escapes and line continuations undone)."""
    problems: dict[tuple[int, int], Problem] = {}

    def found(line: int, column: int, number: str) -> None:
        problems.setdefault(
            (line, column),
            Problem(
                source.path, line, column,
                f"ser ut som et fødselsnummer eller D-nummer ({mask(number)}); "
                "opplysninger om enkeltpersoner skal aldri stå i planen: fjern det",
            ),
        )

    reported: set[str] = set()
    for index, number in identity_numbers(source.text):
        line = source.text.count("\n", 0, index) + 1
        column = index - (source.text.rfind("\n", 0, index) + 1) + 1
        found(line, column, number)
        reported.add(number)
    for loc, value in _strings(source.data, ()):
        for _, number in identity_numbers(value):
            if number not in reported:
                pos = source.position(loc)
                found(pos.line, pos.column, number)
                reported.add(number)
    return sorted(problems.values())


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string in a file's plain values, but translation fingerprints (they are not content)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "translation" and isinstance(inner, dict):
                continue
            yield from _strings(inner, loc + (key,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, loc + (i,))
    elif isinstance(value, str):
        yield loc, value


def _public_strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str, bool]]:
    """Every string the public edition shows, with its place in the file and whether it is a web address
    (internal content skipped)."""
    if isinstance(value, BaseModel):
        if is_internal(value):
            return
        for name in type(value).model_fields:
            if name in ("visibility", "id", "translation"):
                continue
            yield from _public_strings(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _public_strings(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value, False
    elif value is not None and not isinstance(value, (int, float, bool, dt.date, dt.time)):
        yield loc, str(value), True  # a web address (a URL field) is read too, for e-mail addresses in it


def public_contact_problems(models: dict[str, BaseModel], sources: dict[str, SourceFile]) -> list[Problem]:
    """Phone numbers and e-mail addresses in public content that no public contact declares."""
    declared_phones: set[str] = set()
    declared_emails: set[str] = set()
    contacts = models.get("kontakter.yaml")
    for contact in getattr(contacts, "contacts", []):
        if contact.visibility == "public":
            if contact.phone:
                declared_phones.add(normalise_phone(contact.phone))
            if contact.email:
                declared_emails.add(contact.email.lower())
    # The accessibility statement's feedback contact is shown on every page: public by nature.
    feedback = getattr(getattr(models.get("skole.yaml"), "accessibility", None), "feedback", None)
    if feedback is not None:
        declared_emails.add(feedback.email.lower())
        if feedback.phone:
            declared_phones.add(normalise_phone(feedback.phone))
    problems = []
    for file, model in models.items():
        source = sources[file]
        for loc, text, address in _public_strings(model, ()):
            phones = [] if address else phone_numbers(text)  # an address's digits are ids and dates, not phones
            found = [(w, "telefonnummer") for _, w, digits in phones if digits not in declared_phones]
            found += [(a, "e-postadresse") for _, a in email_addresses(text) if a not in declared_emails]
            for value, kind in found:
                pos = source.position(loc)
                problems.append(
                    Problem(
                        source.path, pos.line, pos.column,
                        f"{kind} «{value}» i innhold som vises på det åpne nettstedet; legg det i kontakter.yaml "
                        "(med visibility: public hvis det skal vises), eller merk innholdet visibility: internal",
                    )
                )
    return problems
