"""The personal-data guard: identity numbers fail everything; contact details may not be published by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.errors import PlanError
from skoleplan.privacy import is_identity_number, mask, normalise_phone
from skoleplan.validate import load_plan



@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("01019000083", True),  # a fødselsnummer with both check digits right
        ("01019000084", False),  # second check digit wrong
        ("01019000093", False),  # first check digit wrong
        ("41019000077", True),  # a D-number: 40 added to the day
        ("32019000083", False),  # no 32nd day
        ("01139000083", False),  # no 13th month
        ("0101900008", False),  # ten digits
        ("0101900008x", False),
    ],
)
def test_identity_number_check_digits(number, valid):
    assert is_identity_number(number) is valid


def test_mask_hides_all_but_the_first_two_digits():
    assert mask("01019000083") == "01**** *****"


@pytest.mark.parametrize(
    ("written", "digits"),
    [("+47 22 33 44 55", "22334455"), ("0047 22334455", "22334455"), ("223 34 455", "22334455"), ("22334455", "22334455")],
)
def test_phone_numbers_compare_by_digits(written, digits):
    assert normalise_phone(written) == digits


def write(data: Path, name: str, text: str) -> None:
    (data / name).write_text(text, encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(PlanError) as raised:
        load_plan(data)
    return [str(p) for p in raised.value.problems]


def test_identity_number_anywhere_fails_even_in_a_comment(data, monkeypatch):
    monkeypatch.chdir(data.parent)
    write(data, "foresatte.yaml", "# saken gjelder 010190 00083\nreport: {nb: Ring skolen., nn: Ring skulen.}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    assert problems(data) == [
        "data/foresatte.yaml:1:17: ser ut som et fødselsnummer eller D-nummer (01**** *****); "
        "opplysninger om enkeltpersoner skal aldri stå i planen: fjern det"
    ]


def test_identity_number_in_internal_content_fails_too(data, monkeypatch):
    monkeypatch.chdir(data.parent)
    write(data, "foresatte.yaml", "report: {nb: 'Elev 41019000077', nn: Ring skulen., visibility: internal}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    assert len(problems(data)) == 1


def test_eleven_digits_without_valid_check_digits_pass(data):
    write(data, "foresatte.yaml", "report: {nb: 'Saksnummer 01019000084.', nn: 'Saksnummer 01019000084.'}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    load_plan(data)


@pytest.mark.parametrize("phone", ["+47 22 33 44 55", "22334455", "22 33 44 55", "+4791234567", "0047 91 23 45 67", "912 34 567"])
def test_phone_number_in_public_content_fails(data, monkeypatch, phone):
    monkeypatch.chdir(data.parent)
    write(data, "foresatte.yaml", f"report: {{nb: 'Ring {phone}.', nn: Ring skulen.}}\nafter_report: {{nb: Vi undersøker., nn: Vi undersøkjer.}}\n")
    assert problems(data) == [
        f"data/foresatte.yaml:1:14: telefonnummer «{phone}» i innhold som vises på det åpne nettstedet; legg det i "
        "kontakter.yaml (med visibility: public hvis det skal vises), eller merk innholdet visibility: internal"
    ]


def test_email_in_public_content_fails(data, monkeypatch):
    monkeypatch.chdir(data.parent)
    write(data, "foresatte.yaml", "report: {nb: 'Skriv til kari.nordmann@skole.no.', nn: Ring skulen.}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    [message] = problems(data)
    assert message.startswith("data/foresatte.yaml:1:14: e-postadresse «kari.nordmann@skole.no» i innhold som vises på det åpne nettstedet")


def test_contact_details_in_internal_content_pass(data):
    write(data, "foresatte.yaml", "report: {nb: 'Ring 22 33 44 55 eller skriv til kari@skole.no.', nn: Ring skulen., visibility: internal}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    load_plan(data)


def test_internal_contacts_are_the_default(data):
    # kontakter.yaml in the fixture has a person's e-mail without visibility: it stays internal and passes.
    plan = load_plan(data)
    assert plan.contacts.contacts[0].visibility == "internal"


def test_a_declared_public_contact_may_be_mentioned_in_public_text(data):
    write(data, "kontakter.yaml", "contacts:\n  - id: sentralbord\n    role: rektor\n    visibility: public\n    phone: '+47 22 33 44 55'\n    email: post@skole.no\n")
    write(data, "foresatte.yaml", "report: {nb: 'Ring sentralbordet på 22 33 44 55 eller skriv til post@skole.no.', nn: Ring skulen.}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n")
    load_plan(data)
