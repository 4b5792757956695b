"""The personal-data guard's checks on a plan: what `privacy.py` finds, as problems at the file, line and column.

An identity number anywhere (values as parsed, the file's text outside them:
comments) stops everything; a phone number or e-mail address in content the
public site shows stops the build unless a public contact declares it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from pydantic import AnyUrl, BaseModel
from pydantic_core import Url

from .errors import Problem
from .model.base import Translation
from .model.walk import is_internal
from .privacy import DIGIT, identity_numbers, canonical_email, find_personal_data, mask, normalise, normalise_phone
from .source import Loc, SourceFile, position_of

# --- the checks ---------------------------------------------------------------------------------

IDENTITY_MESSAGE = (
    "ser ut som et fødselsnummer eller D-nummer ({}); opplysninger om enkeltpersoner skal aldri stå i planen: fjern det"
)


_FINGERPRINT = re.compile(r"[0-9a-f]{8}")


def _is_fingerprint(loc: Loc, value: str) -> bool:
    """A translation's fingerprint (`translation: {hash: 82029878}`): a checksum, not content."""
    return len(loc) >= 2 and loc[-2:] == ("translation", "hash") and _FINGERPRINT.fullmatch(value) is not None


def _values(value: Any, loc: Loc, source: SourceFile) -> Iterator[tuple[Loc, bool, str]]:
    """(loc, is a key, text) of every key and scalar value of a file as parsed; fingerprints left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield loc + (key,), True, str(key)
            yield from _values(item, loc + (key,), source)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _values(item, loc + (i,), source)
    elif isinstance(value, str):
        if not _is_fingerprint(loc, value):
            yield loc, False, value
    elif value is not None:
        yield loc, False, source.written.get(loc, str(value))


def _outside_values(source: SourceFile) -> str:
    """The file's text with every key and value blanked out: what is left are comments and YAML's punctuation."""
    text = source.text
    if not source.scalars:
        return text
    pieces, last = [], 0
    for start, end in sorted(source.scalars):
        if start < last:
            continue
        pieces += (text[last:start], "\0" * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def identity_number_problems(source: SourceFile) -> list[Problem]:
    """Every identity number in a file: in its values as parsed, and in the rest of its text (comments)."""
    problems = []
    parsed = bool(source.values) or source.data is not None
    for loc, key, text in _values(source.data, (), source) if parsed else ():
        for finding in find_personal_data(text, contacts=False):
            pos = source.position(loc, key=key)
            problems.append(Problem(source.path, pos.line, pos.column, IDENTITY_MESSAGE.format(finding.shown)))
    # Outside the values: comments; or the whole text where the parser could not read the file.
    raw = _outside_values(source) if parsed else source.text
    if len(DIGIT.findall(raw)) >= 8:
        normalised = normalise(raw, yaml_escapes=not parsed)
        for start, _, digits in identity_numbers(normalised.text):
            line, column = position_of(source.text, normalised.origin(start))
            problems.append(Problem(source.path, line, column, IDENTITY_MESSAGE.format(mask(digits))))
    return problems


def _public_strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str, bool]]:
    """(loc, text, is a web address) of every text the public edition shows (internal content skipped)."""
    if isinstance(value, BaseModel):
        if is_internal(value) or isinstance(value, Translation):  # a translation's fingerprint is not content
            return
        for name in type(value).model_fields:
            if name in ("visibility", "id"):
                continue
            yield from _public_strings(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _public_strings(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value, False
    elif isinstance(value, (AnyUrl, Url)):
        yield loc, unquote(str(value)), True


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
                declared_emails.add(canonical_email(contact.email))
    # The accessibility statement's feedback contact is shown on every page: public by nature.
    feedback = getattr(getattr(models.get("skole.yaml"), "accessibility", None), "feedback", None)
    if feedback is not None:
        declared_emails.add(canonical_email(feedback.email))
        if feedback.phone:
            declared_phones.add(normalise_phone(feedback.phone))
    problems = []
    for file, model in models.items():
        source = sources[file]
        for loc, text, is_url in _public_strings(model, ()):
            for finding in find_personal_data(text):
                if finding.kind == "phone" and not is_url and finding.key not in declared_phones:
                    kind = "telefonnummer"
                elif finding.kind == "email" and finding.key not in declared_emails:
                    kind = "e-postadresse"
                else:
                    continue
                problems.append(
                    source.problem(
                        loc,
                        f"{kind} «{finding.shown}» i innhold som vises på det åpne nettstedet; legg det i kontakter.yaml "
                        "(med visibility: public hvis det skal vises), eller merk innholdet visibility: internal",
                    )
                )
    return problems
