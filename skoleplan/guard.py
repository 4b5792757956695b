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
from .model.walk import is_internal, nodes
from .privacy import DIGIT, identity_numbers, canonical_email, find_personal_data, mask, normalise, normalise_phone
from .source import Loc, SourceFile, position_of

# --- the checks ---------------------------------------------------------------------------------

IDENTITY_MESSAGE = (
    "ser ut som et fødselsnummer eller D-nummer ({}); opplysninger om enkeltpersoner skal aldri stå i planen: fjern det"
)


_FINGERPRINT = re.compile(r"[0-9a-f]{8}(?:[0-9a-f]{4})?")  # 8 hex digits (a translation), 12 (a replaced base text)


def _is_fingerprint(loc: Loc, value: str) -> bool:
    """A translation's fingerprint (`translation: {hash: 82029878}`) or a replaced base text's
    (`replaces: 3fc29d50ad30`): a checksum, not content."""
    where = loc[-2:] == ("translation", "hash") or loc[-1:] == ("replaces",)
    return where and _FINGERPRINT.fullmatch(value) is not None


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
    for node in nodes(value, leave_out=_not_public_content):
        if node.path[-1:] in (("visibility",), ("id",), ("replaces",)):
            continue
        if isinstance(node.value, str):
            yield loc + node.path, node.value, False
        elif isinstance(node.value, (AnyUrl, Url)):
            yield loc + node.path, unquote(str(node.value)), True


def _not_public_content(value: Any) -> bool:
    """Internal content, and a translation's record (its fingerprint is a checksum, not content)."""
    return is_internal(value) or isinstance(value, Translation)


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
