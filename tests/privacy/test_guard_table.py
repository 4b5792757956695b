"""The personal-data guard on the spellings people actually write, each through the whole loader.

Every row is one data file of the minimal plan (by default foresatte.yaml, with the spelling as
the Bokmål text of `report`, which the public site shows) and the exact problems `make check`
prints for it. Rows marked «found» are identity numbers, phone numbers or e-mail addresses that must be
refused; rows under «not found» are dates, years, amounts and other numbers that must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.errors import PlanError, Problem
from skoleplan.validate import load_plan

FNR = "01019000083"  # valid check digits; the others below are valid too
DNR = "41019000077"  # a D-number: 40 added to the day

IDENTITY = (
    "ser ut som et fødselsnummer eller D-nummer ({}**** *****); "
    "opplysninger om enkeltpersoner skal aldri stå i planen: fjern det"
)
PUBLIC = (
    "{} «{}» i innhold som vises på det åpne nettstedet; legg det i kontakter.yaml "
    "(med visibility: public hvis det skal vises), eller merk innholdet visibility: internal"
)


def fnr(first_two: str = "01", line: int = 2, column: int = 7, file: str = "foresatte.yaml") -> str:
    return f"data/{file}:{line}:{column}: " + IDENTITY.format(first_two)


def tlf(shown: str, line: int = 2, column: int = 7, file: str = "foresatte.yaml") -> str:
    return f"data/{file}:{line}:{column}: " + PUBLIC.format("telefonnummer", shown)


def epost(shown: str, line: int = 2, column: int = 7, file: str = "foresatte.yaml") -> str:
    return f"data/{file}:{line}:{column}: " + PUBLIC.format("e-postadresse", shown)


def report(value: str, nn: str = "Ring skulen.", extra: str = "") -> str:
    """foresatte.yaml with `value` (YAML, as written) as the Bokmål text of `report`, at line 2, column 7."""
    return f"report:\n  nb: {value}\n  nn: {nn}\n{extra}after_report: {{nb: Vi undersøker., nn: Vi undersøkjer.}}\n"


def translated(fingerprint: str) -> str:
    """foresatte.yaml whose `report` is a machine draft with the fingerprint given (8 hex digits, here all digits)."""
    return (
        "report:\n  nb: Ring skolen.\n  nn: Ring skulen.\n"
        f'  translation: {{source: nb, status: draft, hash: "{fingerprint}"}}\n'
        "after_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n"
    )


def row(case_id: str, value: str, *expect: str, file: str = "foresatte.yaml", whole: bool = False):
    return pytest.param(file, value if whole else report(value), list(expect), id=case_id)


FOUND = [
    # --- identity numbers: eleven digits however they are grouped, hidden or encoded -----------------------
    row("fnr-plain", f"'Elev {FNR}'", fnr()),
    row("fnr-6-5-space", "'Elev 010190 00083'", fnr()),
    row("fnr-6-5-hyphen", "010190-00083", fnr()),
    row("fnr-6-5-dot", "'010190.00083'", fnr()),
    row("fnr-date-dots-and-5", "'Født 01.01.90 00083.'", fnr()),
    row("fnr-date-with-century-and-5", "'Født 01.01.1990 00083.'", fnr()),
    row("fnr-double-space", "'010190  00083'", fnr()),
    row("fnr-6-3-2", "'010190 000 83'", fnr()),
    row("fnr-3-3-3-2", "'010 190 000 83'", fnr()),
    row("fnr-4-4-3", "'0101 9000 083'", fnr()),
    row("fnr-every-digit-spaced", "'0 1 0 1 9 0 0 0 0 8 3'", fnr()),
    row("fnr-no-break-space", "'010190\u00a000083'", fnr()),
    row("fnr-narrow-no-break-space", "'010190\u202f00083'", fnr()),
    row("fnr-thin-space", "'010190\u200900083'", fnr()),
    row("fnr-slash", "'010190/00083'", fnr()),
    row("fnr-en-dash", "'010190–00083'", fnr()),
    row("fnr-em-dash", "'010190—00083'", fnr()),
    row("fnr-minus-sign", "'010190\u221200083'", fnr()),
    row("fnr-split-over-lines-in-a-block", "|\n    Eleven har nummer 010190\n    00083 i folkeregisteret.", fnr()),
    row("fnr-split-over-lines-plain", "Eleven har nummer 010190\n    00083 i folkeregisteret.", fnr()),
    row("fnr-folded-block", ">\n    010190\n    00083", fnr()),
    row("fnr-yaml-hex-escape", '"\\x301019000083"', fnr()),
    row("fnr-yaml-unicode-escape", '"010190\\u002000083"', fnr()),
    row("fnr-yaml-no-break-space-escape", '"010190\\_00083"', fnr()),
    row("fnr-yaml-line-continuation", '"Elev 010190\\\n    00083"', fnr()),
    row("fnr-yaml-escaped-line-break", '"010190\\n00083"', fnr()),
    row("fnr-html-decimal-entity", "'&#48;1019000083'", fnr()),
    row("fnr-html-hex-entity", "'&#x30;&#x31;019000083'", fnr()),
    row("fnr-html-nbsp-entity", "'010190&nbsp;00083'", fnr()),
    row("fnr-html-soft-hyphen-entity", "'010190&shy;00083'", fnr()),
    row("fnr-html-entity-encoded-twice", "'010190&amp;nbsp;00083'", fnr()),
    row("fnr-html-tag-inside", "'010190<br>00083'", fnr()),
    row("fnr-markdown-bold", "'**010190** 00083'", fnr()),
    row("fnr-markdown-emphasis-inside", "'0101*90*00083'", fnr()),
    row("fnr-markdown-underscore", "'_010190_00083'", fnr()),
    row("fnr-markdown-code", "'`010190` 00083'", fnr()),
    row("fnr-markdown-escape", "'010190\\-00083'", fnr()),
    row("fnr-zero-width-space", "'010190\u200b00083'", fnr()),
    row("fnr-zero-width-joiner", "'0101\u200d9000083'", fnr()),
    row("fnr-word-joiner", "'010190\u206000083'", fnr()),
    row("fnr-soft-hyphen", "'010190\u00ad00083'", fnr()),
    row("fnr-byte-order-mark-inside", "'010190\ufeff00083'", fnr()),
    row("fnr-full-width-digits", "'\uff10\uff11\uff10\uff11\uff19\uff10\uff10\uff10\uff10\uff18\uff13'", fnr()),
    row("fnr-arabic-indic-digits", "'\u0660\u0661\u0660\u0661\u0669\u0660\u0660\u0660\u0660\u0668\u0663'", fnr()),
    row("fnr-glued-to-letters", f"'fnr{FNR}'", fnr()),
    row("fnr-after-other-numbers", f"'22334455 {FNR}'", fnr(), tlf("22334455")),
    row("fnr-other-date", "'150385 00047'", fnr("15")),
    row("fnr-grouped-2-2-2-5", "'24.07.65 00092'", fnr("24")),
    row("dnr-plain", f"'D-nummer {DNR}'", fnr("41")),
    row("dnr-grouped", "'410190 00077'", fnr("41")),
    row(
        "fnr-in-internal-content",
        f"report: {{nb: 'Elev {FNR}', nn: Ring skulen., visibility: internal}}\n"
        "after_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n",
        fnr("01", 1, 14),
        whole=True,
    ),
    row(
        "fnr-in-a-number-value",
        "report: {nb: Ring skolen., nn: Ring skulen.}\nafter_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n"
        "tips:\n  - {nb: 41019000077, nn: tips}\n",
        fnr("41", 4, 10),
        'data/foresatte.yaml:4:10: «nb»: feil type: forventet tekst, fant «41**** *****»; '
        'sett anførselstegn rundt teksten: "41**** *****"',  # the value echoed, masked
        whole=True,
    ),
    row(
        "fnr-as-a-key",
        f"report: {{nb: Ring skolen., nn: Ring skulen.}}\nafter_report: {{nb: Vi undersøker., nn: Vi undersøkjer.}}\n"
        f"'{FNR}': x\n",
        fnr("01", 3, 1),
        "data/foresatte.yaml:3:1: ukjent felt «01**** *****»; forventet ett av: report, after_report, tips",
        whole=True,
    ),
    row(
        "fnr-in-a-translation-hash-that-is-no-fingerprint",
        "report:\n  nb: Ring skolen.\n  nn: Ring skulen.\n"
        '  translation: {source: nb, status: draft, hash: "01019000083"}\n'
        "after_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n",
        fnr("01", 4, 50),
        "data/foresatte.yaml:4:50: «hash»: ugyldig verdi «01**** *****»",  # never echoed in full
        whole=True,
    ),
    row(
        "fnr-in-a-phone-field-echoed-masked",
        "contacts:\n  - id: sentralbord\n    role: rektor\n    visibility: public\n    phone: '010190-00083'\n",
        fnr("01", 5, 12, "kontakter.yaml"),
        "data/kontakter.yaml:5:12: «phone»: ugyldig telefonnummer «01**** *****»; forventet 8 sifre, gjerne med +47 foran",
        file="kontakter.yaml",
        whole=True,
    ),
    row("fnr-in-a-comment", report("Ring skolen.") + "# saken gjelder 010190 00083\n", fnr("01", 5, 17), whole=True),
    row("fnr-in-a-comment-over-two-lines", "# saken gjelder 010190\n#   00083\n" + report("Ring skolen."), fnr("01", 1, 17), whole=True),
    row("fnr-in-a-comment-as-entity", "# saken: 010190&nbsp;00083\n" + report("Ring skolen."), fnr("01", 1, 10), whole=True),
    row("fnr-in-a-comment-after-a-value", "report: {nb: Ring skolen., nn: Ring skulen.}  # 010190-00083\n"
        "after_report: {nb: Vi undersøker., nn: Vi undersøkjer.}\n", fnr("01", 1, 49), whole=True),
    row("fnr-in-a-file-with-a-syntax-error", '# 010190\n# 00083\nreport: "\\x30101900008\\x33\n',
        fnr("01", 1, 3), fnr("01", 3, 10),
        "data/foresatte.yaml:3:9: YAML-syntaksfeil: teksten i anførselstegn som begynner her, avsluttes aldri; "
        "mangler et anførselstegn?",
        whole=True),
    # --- phone numbers ------------------------------------------------------------------------------------
    row("tlf-2-2-2-2", "'Ring 22 33 44 55.'", tlf("22 33 44 55")),
    row("tlf-8-digits", "'Ring 22334455.'", tlf("22334455")),
    row("tlf-mobile-3-2-3", "'Ring 912 34 567.'", tlf("912 34 567")),
    row("tlf-4-4", "'Ring 9123 4567.'", tlf("9123 4567")),
    row("tlf-plus-47", "'Ring +47 22 33 44 55.'", tlf("+47 22 33 44 55")),
    row("tlf-plus-47-glued", "'Ring +4722334455.'", tlf("+4722334455")),
    row("tlf-0047", "'Ring 0047 22334455.'", tlf("0047 22334455")),
    row("tlf-plus-47-in-brackets", "'Ring (+47) 22 33 44 55.'", tlf("(+47) 22 33 44 55")),
    row("tlf-plus-47-trunk-zero", "'Ring +47 (0)22 33 44 55.'", tlf("+47 (0)22 33 44 55")),
    row("tlf-plus-47-hyphens", "'Ring +47-22-33-44-55.'", tlf("+47-22-33-44-55")),
    row("tlf-hyphens", "'Ring 22-33-44-55.'", tlf("22-33-44-55")),
    row("tlf-dots", "'Ring 22.33.44.55.'", tlf("22.33.44.55")),
    row("tlf-no-break-spaces", "'Ring 22\u00a033\u00a044\u00a055.'", tlf("22 33 44 55")),
    row("tlf-nbsp-entities", "'Ring 22&nbsp;33&nbsp;44&nbsp;55.'", tlf("22 33 44 55")),
    row("tlf-zero-width-space", "'Ring 2233\u200b4455.'", tlf("22334455")),
    row("tlf-full-width-digits", "'Ring \uff12\uff12\uff13\uff13\uff14\uff14\uff15\uff15.'", tlf("22334455")),
    row("tlf-glued-to-a-label", "'Tlf.22334455'", tlf("22334455")),
    row("tlf-two-with-slash", "'Tlf: 22 33 44 55 / 91 23 45 67'", tlf("22 33 44 55"), tlf("91 23 45 67")),
    row("tlf-two-side-by-side", "'22334455 91234567'", tlf("22334455"), tlf("91234567")),
    row("tlf-over-two-lines", "|\n    Ring 22 33\n    44 55 i dag.", tlf("22 33 44 55")),
    row("tlf-markdown-link", "'[Ring oss](tel:+4722334455)'", tlf("+4722334455")),
    row("tlf-abroad", "'Ring +46 70 123 45 67.'", tlf("+46 70 123 45 67")),
    # --- e-mail addresses ---------------------------------------------------------------------------------
    row("epost-plain", "'Skriv til kari.nordmann@skole.no.'", epost("kari.nordmann@skole.no")),
    row("epost-capitals", "'KARI@SKOLE.NO'", epost("KARI@SKOLE.NO")),
    row("epost-at-in-brackets", "'kari(at)skole.no'", epost("kari(at)skole.no")),
    row("epost-at-and-dot-in-brackets", "'kari (at) skole (dot) no'", epost("kari (at) skole (dot) no")),
    row("epost-at-and-dot-in-square-brackets", "'kari[at]skole[dot]no'", epost("kari[at]skole[dot]no")),
    row("epost-at-and-dot-as-words", "'kari at skole dot no'", epost("kari at skole dot no")),
    row("epost-in-norwegian-words", "'kari krøllalfa skole punktum no'", epost("kari krøllalfa skole punktum no")),
    row("epost-html-entity", "'kari&#64;skole.no'", epost("kari@skole.no")),
    row("epost-html-named-entity", "'kari&commat;skole.no'", epost("kari@skole.no")),
    row("epost-mailto-percent", "'[Kari](mailto:kari%40skole.no)'", epost("kari@skole.no")),
    row("epost-mailto", "'[Skriv til Kari](mailto:kari@skole.no)'", epost("kari@skole.no")),
    row("epost-autolink", "'<kari@skole.no>'", epost("kari@skole.no")),
    row("epost-idn-domain", "'kari@skøle.no'", epost("kari@skøle.no")),
    row("epost-non-ascii-name", "'kåre@skole.no'", epost("kåre@skole.no")),
    row("epost-zero-width-space", "'kari\u200b@skole.no'", epost("kari@skole.no")),
    row("epost-full-width-at", "'kari\uff20skole.no'", epost("kari@skole.no")),
    row("epost-markdown-escapes", "'kari\\@skole\\.no'", epost("kari@skole.no")),
    row("epost-markdown-bold", "'**kari**@skole.no'", epost("kari**@skole.no")),
    row(
        "epost-in-a-url-field",
        "intro: {nb: Ressurser., nn: Ressursar.}\ntopics:\n  - id: lov\n    title: {nb: Loven, nn: Lova}\n"
        "resources:\n  - id: skjema\n    title: {nb: Skjema, nn: Skjema}\n"
        "    url: https://skjema.example.no/?til=kari@skole.no\n"
        "    publisher: Udir\n    topic: lov\n    audience: [ansatte]\n    language: [nb]\n",
        epost("kari@skole.no", 8, 10, "ressurser.yaml"),
        file="ressurser.yaml", whole=True,
    ),
    row(
        "epost-percent-encoded-in-a-url-field",
        "intro: {nb: Ressurser., nn: Ressursar.}\ntopics:\n  - id: lov\n    title: {nb: Loven, nn: Lova}\n"
        "resources:\n  - id: skjema\n    title: {nb: Skjema, nn: Skjema}\n"
        "    url: https://skjema.example.no/?til=kari%40sk%C3%B8le.no\n"
        "    publisher: Udir\n    topic: lov\n    audience: [ansatte]\n    language: [nb]\n",
        epost("kari@skøle.no", 8, 10, "ressurser.yaml"),
        file="ressurser.yaml", whole=True,
    ),
]

NOT_FOUND = [
    # --- dates, years, times ------------------------------------------------------------------------------
    row("date-dots", "'Møtet er 22.03.2025.'"),
    row("date-dots-midsummer", "'Siste skoledag er 23.06.2025.'"),
    row("date-slashes", "'Frist 22/03/2025'"),
    row("date-hyphens", "'Frist 22-03-2025'"),
    row("date-iso", "'Frist 2025-09-02'"),
    row("date-compact", "'Saken er fra 20250902.'"),
    row("date-range", "'22.03.2025–23.03.2025'"),
    row("date-day-range", "'22.–23. mars 2025'"),
    row("years-space", "'Skoleåret 2025 2026'"),
    row("years-slash", "'Skoleåret 2025/2026'"),
    row("years-dash", "'Skoleåret 2025–2026'"),
    row("years-three", "'Gjelder 2025 2026 2027'"),
    row("time-range", "'kl. 20.00–21.30'"),
    row("time-range-without-kl", "'Møtet varer 20.00–21.30.'"),
    row("time-range-colon", "'kl. 20:00–21:30'"),
    row("time-range-spaced", "'kl. 20.00 – 21.30'"),
    # --- amounts and counts -------------------------------------------------------------------------------
    row("amount-kr-before", "'Budsjettet er kr 25 000 000.'"),
    row("amount-kroner-after", "'25 000 000 kroner'"),
    row("amount-nok", "'NOK 25 000 000'"),
    row("amount-thousands", "'Kommunen har 2 500 000 innbyggere?'"),
    row("amount-kr-after", "'2 500 000 kr'"),
    row("amount-comma-dash", "'25 000 000,-'"),
    # --- week lists ---------------------------------------------------------------------------------------
    row("weeks-ukene", "'I ukene 34 35 36 37 har vi bli kjent-dager.'"),
    row("weeks-uke", "'uke 40 41 42 43'"),
    row("weeks-vekene", "'I vekene 34 35 36 37'"),
    row("weeks-uke-nr", "'uke nr. 34 35 36 37'"),
    row("weeks-range", "'uke 34–35'"),
    # --- other numbers ------------------------------------------------------------------------------------
    row("fnr-wrong-check-digit", "'Saksnummer 01019000084.'"),
    row("fnr-impossible-date", "'Saksnummer 32019000083.'"),
    row("twelve-digits", "'Referanse 010190000831.'"),
    row("org-number", "'Org.nr. 974 760 673'"),
    row("helpline-six-digits", "'Alarmtelefonen 116 111'"),
    row("emergency-three-digits", "'Ring 113'"),
    row("short-number", "'SMS til 2222'"),
    row("starts-with-one", "'12345678'"),
    row("starts-with-zero", "'Nummer 08001234'"),
    row("grades", "'1.–4. trinn'"),
    row("law-section", "'§ 12-4 og § 12-5'"),
    row("isbn", "'ISBN 978-82-15-02345-6'"),
    row("version", "'versjon 2.3.1'"),
    row("uuid", "'00000000-0000-4000-8000-000000000000'"),
    row("comma-list", "'uke 34, 35, 36 og 37'"),
    # --- e-mail look-alikes -------------------------------------------------------------------------------
    row("epost-at-as-a-word", "'Husk at udir.no har veiledning.'"),
    row("epost-social-handle", "'Følg oss på @makeskjaer.skole'"),
    row("epost-no-dot", "'kari@skolen'"),
    row("epost-dot-word-only", "'Vi sier at nok er nok, punktum.'"),
    # --- declared public contacts, translation fingerprints -----------------------------------------------
    row("declared-contact", "'Ring sentralbordet på 23 45 67 89 eller skriv til post@skole.no.'"),
    row("declared-contact-other-spelling", "'Ring +47 23-45-67-89 eller skriv til POST(at)skole.no.'"),
    row("feedback-contact", "'Skriv til uu@lia.example.no.'"),
    row("fingerprint-all-digits", translated("82029878"), whole=True),
    row("fingerprint-all-digits-like-a-date", translated("20250902"), whole=True),
    row("replaced-text-fingerprint-all-digits", report("Ring skolen.", extra=f"  replaces: '{FNR}0'\n"), whole=True),
]

# A contact the school has declared public may be named in public text, however it is spelt.
PUBLIC_CONTACT = (
    "contacts:\n  - id: sentralbord\n    role: rektor\n    visibility: public\n"
    "    phone: '+47 23 45 67 89'\n    email: post@skole.no\n"
)


def problems(data: Path) -> list[str]:
    try:
        load_plan(data)
    except PlanError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize(("file", "text", "expect"), FOUND + NOT_FOUND)
def test_the_guard_on_a_spelling(data, monkeypatch, file, text, expect):
    monkeypatch.chdir(data.parent)
    (data / "kontakter.yaml").write_text(PUBLIC_CONTACT, encoding="utf-8")
    (data / file).write_text(text, encoding="utf-8")
    assert sorted(problems(data)) == sorted(expect)


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("ugyldig verdi «010190 00083»", "ugyldig verdi «01**** *****»"),
        ("ugyldig verdi «Elev 01.01.90 00083, 8. trinn»", "ugyldig verdi «Elev 01**** *****, 8. trinn»"),
        ("ugyldig verdi «0101\u200b9000083»", "ugyldig verdi «01**** *****»"),
        ("ugyldig verdi «01019000084»", "ugyldig verdi «01019000084»"),  # no identity number: wrong check digit
        ("ugyldig dato «22.03.2025»", "ugyldig dato «22.03.2025»"),
    ],
)
def test_no_message_shows_an_identity_number_in_full(message, shown):
    assert Problem("data/foresatte.yaml", 1, 1, message).message == shown


def test_the_table_is_large_enough():
    assert len(FOUND) >= 60 and len(NOT_FOUND) >= 40
    assert len({p.id for p in FOUND + NOT_FOUND}) == len(FOUND) + len(NOT_FOUND)
    assert all(p.values[2] for p in FOUND) and not any(p.values[2] for p in NOT_FOUND)


def test_the_example_school_passes():
    """data/ is full of dates, weeks, times and a public switchboard: none of it is personal data."""
    load_plan(Path(__file__).resolve().parents[2] / "data")
