"""The personal-data guard reads numbers and addresses as people write them, and leaves dates, amounts and the like.

Each row is one spelling, as it would stand in a text of the plan; the guard must
find exactly what the row says (an identity number, a phone number, an e-mail
address) or nothing at all.
"""

from __future__ import annotations

import pytest

from skoleplan.privacy import email_addresses, identity_numbers, phone_numbers

FNR = "01019000083"  # a fødselsnummer with both check digits right (made up)
DNR = "41019000077"  # a D-number
MORE = ["15078600028", "24129900039", "31051100061", "02030400022", "45121200078"]

IDENTITY_NUMBERS = [
    # (as written, the number found)
    ("Elev 01019000083 har fått tiltak.", FNR),
    ("fnr: 010190 00083", FNR),
    ("010190  00083", FNR),  # two spaces
    ("010190\t00083", FNR),
    ("01.01.90 00083", FNR),  # dd.mm.yy and the personal number
    ("01.01.90-00083", FNR),
    ("01-01-90 00083", FNR),
    ("01/01/90 00083", FNR),
    ("010190 000 83", FNR),  # 6 + 3 + 2
    ("010 190 000 83", FNR),
    ("0101 9000 083", FNR),
    ("010190\u00a000083", FNR),  # no-break space
    ("010190\u202f00083", FNR),  # narrow no-break space
    ("010190–00083", FNR),  # en dash
    ("010190—00083", FNR),  # em dash
    ("010190-00083", FNR),
    ("010190.00083", FNR),
    ("010190/00083", FNR),
    ("010190\n    00083", FNR),  # split over a line, as YAML continues a value
    ("010190\r\n  00083", FNR),
    ("0101900\u200b0083", FNR),  # zero-width space
    ("01019\u00ad000083", FNR),  # soft hyphen
    ("0101\u20609000083", FNR),  # word joiner
    ("\ufeff01019000083", FNR),
    ("&#48;1019000083", FNR),  # an HTML entity
    ("0101&#57;000083", FNR),
    ("&#x30;1019000083", FNR),
    ("0101**90**00083", FNR),  # Markdown emphasis inside
    ("0101_90_00083", FNR),
    ("`01019000083`", FNR),
    ("0101\\90000\\83", FNR),  # Markdown escapes
    ("０１０１９００００８３", FNR),  # full-width digits
    ("saken (01019000083)", FNR),
    ("nr.01019000083", FNR),
    ("01019000083.", FNR),
    ("D-nummer 41019000077", DNR),
    ("410190 00077", DNR),
    ("41.01.90 00077", DNR),
    *((number, number) for number in MORE),
    *((f"{n[:6]} {n[6:]}", n) for n in MORE),
]

PHONES = [
    # (as written, the eight digits)
    ("Ring 22334455.", "22334455"),
    ("Ring 22 33 44 55.", "22334455"),
    ("Ring 223 34 455.", "22334455"),
    ("Ring 22-33-44-55.", "22334455"),
    ("Ring 22.33.44.55.", "22334455"),
    ("Ring +47 22 33 44 55.", "22334455"),
    ("Ring +4722334455.", "22334455"),
    ("Ring 0047 22334455.", "22334455"),
    ("Ring (+47) 22 33 44 55.", "22334455"),
    ("mobil 912 34 567", "91234567"),
    ("mobil 91 23 45 67", "91234567"),
    ("mobil 9123\u00a04567", "91234567"),
    ("mobil 912\u200b34567", "91234567"),
    ("[ring oss](tel:+4791234567)", "91234567"),
    ("tlf.: 22&#32;33&#32;44&#32;55", "22334455"),
    ("tlf 4**12**3 4567", "41234567"),
    ("+47 22 33 44 55 (sentralbord)", "22334455"),
    ("ring 55 55 55 55 eller 22334455", "55555555"),
]

EMAILS = [
    # (as written, the address found)
    ("Skriv til ola.hansen@fjordvik.kommune.no.", "ola.hansen@fjordvik.kommune.no"),
    ("ola(at)skole.no", "ola@skole.no"),
    ("ola (at) skole.no", "ola@skole.no"),
    ("ola [at] skole [dot] no", "ola@skole.no"),
    ("ola{at}skole{dot}no", "ola@skole.no"),
    ("ola&#64;skole.no", "ola@skole.no"),
    ("ola&commat;skole.no", "ola@skole.no"),
    ("[skriv](mailto:ola%40skole.no)", "ola@skole.no"),
    ("post@skolé.no", "post@skolé.no"),  # an internationalised domain
    ("ola\u200b@skole.no", "ola@skole.no"),
    ("OLA@SKOLE.NO", "ola@skole.no"),
    ("ola_hansen@skole.no", "ola_hansen@skole.no"),
    ("ola krøllalfa skole punktum no", "ola@skole.no"),
]

NOT_PERSONAL = [
    # What is none of them.
    "Saksnummer 01019000084.",  # eleven digits, wrong check digit
    "22.03.2025",
    "23.06.2025",
    "2025-09-02",
    "20250902",
    "02.09.2025 kl. 18.00",
    "skoleåret 2025 2026",
    "2025/2026",
    "2025–2026",
    "kr 25 000 000",
    "25 000 000 kr",
    "1 500 kroner",
    "NOK 12 500",
    "ukene 34 35 36 37",
    "uke 36–37",
    "vekene 34 35 36 37",
    "trinn 1 2 3 4 5 6 7",
    "§ 12-4",
    "opplæringslova § 12-4 andre ledd",
    "side 12 13 14 15",
    "versjon 2.1.3",
    "kl. 08.30–15.00",
    "12345678901234",  # a long reference number
    "0800 12345",  # no Norwegian phone number starts with 0 (and this has nine digits)
    "1234 5678",  # nor with 1
    "https://www.udir.no/laring-og-trivsel/skolemiljo/artikkel-22334455/",  # digits in an address
    "Elevundersøkelsen 2025 har 1 234 svar",
    "3–4 uker",
    "innen 5 dager",
    "ISBN 978-82-02-12345-6",
    "https://uustatus.no/nb/erklaringer/publisert/00000000-0000-4000-8000-fiktiv0eksempel",
    "ola.hansen snakker med foresatte",
    "@skolen på Instagram",
    "post at skolen",
    "e-post til kontaktlæreren",
    "01.01.1990",
    "1. januar 1990",
    "Fødselsdato: 01.01.90",  # a date of birth alone is no identity number (and never belongs here either)
    "saksnr 22334455",
    "tallene 10 20 30 40 50 60 70 80",
]


@pytest.mark.parametrize(("written", "number"), IDENTITY_NUMBERS, ids=[w for w, _ in IDENTITY_NUMBERS])
def test_identity_numbers_however_written(written, number):
    assert [n for _, n in identity_numbers(written)] == [number]


@pytest.mark.parametrize(("written", "digits"), PHONES, ids=[w for w, _ in PHONES])
def test_phone_numbers_however_written(written, digits):
    assert [d for _, _, d in phone_numbers(written)][:1] == [digits]


@pytest.mark.parametrize(("written", "address"), EMAILS, ids=[w for w, _ in EMAILS])
def test_email_addresses_however_written(written, address):
    assert [a for _, a in email_addresses(written)] == [address]


@pytest.mark.parametrize("written", NOT_PERSONAL)
def test_what_is_not_personal_data_passes(written):
    assert list(identity_numbers(written)) == []
    assert list(phone_numbers(written)) == []
    assert list(email_addresses(written)) == []


def test_the_table_is_large_enough():
    assert len(IDENTITY_NUMBERS) + len(PHONES) + len(EMAILS) >= 60
    assert len(NOT_PERSONAL) >= 40


def test_translation_fingerprints_are_not_read(data):
    """A fingerprint of eight digits (about 2 % of them) is not content: the plan passes."""
    from skoleplan.validate import load_plan

    parents = data / "foresatte.yaml"
    text = parents.read_text(encoding="utf-8")
    parents.write_text(
        text.replace("report: {nb: Ring skolen., nn: Ring skulen.}",
                     "report: {nb: Ring skolen., nn: Ring skulen., translation: {source: nb, status: draft, hash: \"82029878\"}}"),
        encoding="utf-8",
    )
    assert "82029878" in parents.read_text(encoding="utf-8")
    load_plan(data)
