"""Who is responsible, for whom, which grades: the words of an årshjul's cells matched to the school's plan."""

from __future__ import annotations

import pytest

from skoleplan.spreadsheet.words import RoleMatcher, audience_of, category_of, grades_in, slug
from skoleplan.validate import load

from .conftest import DATA


@pytest.fixture(scope="module")
def matcher() -> RoleMatcher:
    """The example school's roles, as its layers give them (the national base, Fjordvik's and its own)."""
    return RoleMatcher(list(load(DATA).plan.roles.roles))


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Rektor", ["rektor"]),
        ("rektor og avdelingsleder", ["rektor", "avdelingsleder"]),
        ("FAU og skolens ansatte", ["fau", "alle-ansatte"]),
        ("AKS og 4. trinn", ["sfo-leder", "elever"]),
        ("SFO-leiar", ["sfo-leder"]),
        ("Kontaktlærer/faglærer", ["kontaktlaerer", "faglaerer"]),
        ("Kontaktlærere på 1. trinn", ["kontaktlaerer"]),
        ("kontaktlærarane", ["kontaktlaerer"]),
        ("Ledelsen", ["rektor", "avdelingsleder"]),
        ("Leiinga", ["rektor", "avdelingsleder"]),
        ("Helsesøster, miljøterapeut", ["helsesykepleier", "miljoarbeider"]),
        ("SU og SMU", ["su", "smu"]),
        ("Samarbeidsutvalet", ["su"]),
        ("Alle tilsette", ["alle-ansatte"]),
        ("Alle", ["alle-ansatte"]),
        ("PPT", ["ppt"]),
        ("elevrådet i samarbeid med FAU", ["elevrad", "fau"]),
        ("Statsforvaltaren", ["statsforvalteren"]),
        ("kontaktlaerer", ["kontaktlaerer"]),
    ],
)
def test_roles_by_name_id_and_the_names_schools_use(matcher: RoleMatcher, text: str, roles: list[str]) -> None:
    found = matcher.match(text)
    assert (found.roles, found.new, found.persons) == (roles, [], [])


def test_a_grade_as_responsible_is_read_as_its_pupils(matcher: RoleMatcher) -> None:
    assert matcher.match("4. trinn").read_as == ["«4. trinn» er lest som elevene"]


def test_a_title_the_school_does_not_have(matcher: RoleMatcher) -> None:
    found = matcher.match("Trivselsledere og rektor")
    assert (found.roles, found.new) == (["rektor"], ["Trivselsledere"])
    assert matcher.did_you_mean("kontaktlerer") == "kontaktlærer"
    assert matcher.did_you_mean("Trivselsledere") is None


@pytest.mark.parametrize(
    ("text", "roles", "persons"),
    [
        ("Kari Nordmann", [], ["Kari Nordmann"]),
        ("rektor (Kari Nordmann)", ["rektor"], ["Kari Nordmann"]),
        ("Per-Olav Hansen og helsesykepleier", ["helsesykepleier"], ["Per-Olav Hansen"]),
        ("K. Nordmann", [], ["K. Nordmann"]),
    ],
)
def test_a_persons_name_is_flagged_not_made_a_role(matcher: RoleMatcher, text: str, roles: list[str], persons: list[str]) -> None:
    found = matcher.match(text)
    assert (found.roles, found.persons, found.new) == (roles, persons, [])


@pytest.mark.parametrize(
    ("text", "audience", "grades", "unread"),
    [
        ("Elever og foresatte", ["elever", "foresatte"], set(), []),
        ("elevar, føresette", ["elever", "foresatte"], set(), []),
        ("Alle", ["ansatte", "foresatte", "elever"], set(), []),
        ("Personalet", ["ansatte"], set(), []),
        ("5.–7. trinn", ["elever"], {5, 6, 7}, []),
        ("1.-4.", ["elever"], {1, 2, 3, 4}, []),
        ("mellomtrinnet", ["elever"], {5, 6, 7}, []),
        ("foreldre på 1. trinn", ["foresatte"], {1}, []),
        ("Nye elever og foresatte", ["elever", "foresatte"], set(), []),
        ("Lærere og pensjonister", ["ansatte"], set(), ["pensjonister"]),
    ],
)
def test_for_whom(text: str, audience: list[str], grades: set[int], unread: list[str]) -> None:
    found = audience_of(text)
    assert (found.audience, found.grades, found.unread) == (audience, grades, unread)


@pytest.mark.parametrize(
    ("text", "grades"),
    [("5.–7. trinn", {5, 6, 7}), ("1-4", {1, 2, 3, 4}), ("3. klasse", {3}), ("1. og 5. trinn", {1, 5}),
     ("alle", set()), ("ungdomstrinnet", {8, 9, 10}), ("noen", None), ("14. trinn", None)],
)  # fmt: skip
def test_grades(text: str, grades: set[int] | None) -> None:
    assert grades_in(text) == grades


def test_categories() -> None:
    assert [category_of(t) for t in ("Sosialt", "møter", "Kurs", "Merkedag", "fotball")] == [
        "sosial", "møte", "opplæring", "markering", None
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fellessamling", "fellessamling"),
        ("Bli kjent-dager på 1. trinn", "bli-kjent-dager-pa-1-trinn"),
        ("Æresdag for Øyvind!", "aeresdag-for-oyvind"),
        ("Café-kveld – «Trygg på nett»", "cafe-kveld-trygg-pa-nett"),
        ("???", "aktivitet"),
        ("Et svært langt navn på en aktivitet som fortsetter og fortsetter og aldri tar slutt", "et-svaert-langt-navn-pa-en-aktivitet-som-fortsetter-og"),
    ],
)
def test_ids_from_titles(title: str, expected: str) -> None:
    assert slug(title) == expected
