"""The personal-data guard: no national identity number anywhere, no direct contact details in public.

The plan describes routines; it never holds information about a pupil. A
national identity number (fødselsnummer or D-number) anywhere in the data,
even in a comment, stops everything. A phone number or e-mail address in
content the public site shows stops the build unless it belongs to a contact
the school has declared public (a switchboard, a general post address).
A pupil's name cannot be detected; the README tells editors never to write one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .model.base import Translation
from .resolve.edition import is_internal
from .source import Loc, SourceFile

_ELEVEN_DIGITS = re.compile(r"(?<![\d])(\d{6})[ .-]?(\d{5})(?![\d])")
_PHONE = re.compile(
    r"(?:(?<![\d+])(?:\+|00)47[ .]?\d|(?<![\d+])[2-9])\d(?:[ .]?\d){6}(?![\d])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

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


def identity_number_problems(text: str, display: str) -> list[Problem]:
    """Every identity number in a file's raw text, comments included."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _ELEVEN_DIGITS.finditer(line):
            digits = match[1] + match[2]
            if is_identity_number(digits):
                problems.append(
                    Problem(
                        display, number, match.start() + 1,
                        f"ser ut som et fødselsnummer eller D-nummer ({mask(digits)}); "
                        "opplysninger om enkeltpersoner skal aldri stå i planen: fjern det",
                    )
                )
    return problems


def normalise_phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    for prefix in ("0047", "47"):
        if len(digits) == 8 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def _public_strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string the public edition shows, with its place in the file (internal content skipped)."""
    if isinstance(value, BaseModel):
        if is_internal(value) or isinstance(value, Translation):  # a translation record is bookkeeping, never shown
            return
        for name in type(value).model_fields:
            if name in ("visibility", "id"):
                continue
            yield from _public_strings(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _public_strings(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value


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
        for loc, text in _public_strings(model, ()):
            found = [(m[0], "telefonnummer") for m in _PHONE.finditer(text) if normalise_phone(m[0]) not in declared_phones]
            found += [(m[0], "e-postadresse") for m in _EMAIL.finditer(text) if m[0].lower() not in declared_emails]
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
