"""Law references know their Lovdata address; the old chapter 9 A points to its successor."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from skoleplan.model.law import LawRef


@pytest.mark.parametrize(
    ("written", "url", "nb", "nn"),
    [
        ({"section": "12-4"}, "https://lovdata.no/lov/2023-06-09-30/§12-4", "opplæringsloven § 12-4", "opplæringslova § 12-4"),
        ({"section": "§ 12-5", "paragraph": 2}, "https://lovdata.no/lov/2023-06-09-30/§12-5",
         "opplæringsloven § 12-5 andre ledd", "opplæringslova § 12-5 andre ledd"),
        ({"law": "grunnloven", "section": "104"}, "https://lovdata.no/lov/1814-05-17/§104", "Grunnloven § 104", "Grunnlova § 104"),
        ({"law": "barnekonvensjonen", "section": "12"}, "https://lovdata.no/lov/1999-05-21-30",
         "barnekonvensjonen artikkel 12", "barnekonvensjonen artikkel 12"),
        ({"law": "barnevernsloven", "section": "13-2"}, "https://lovdata.no/lov/2021-06-18-97/§13-2",
         "barnevernsloven § 13-2", "barnevernslova § 13-2"),
    ],
)
def test_law_reference(written, url, nb, nn):
    ref = LawRef.model_validate(written)
    assert ref.url == url
    assert ref.label("nb") == nb
    assert ref.label("nn") == nn


@pytest.mark.parametrize(
    ("old", "new"),
    [("9 A-4", "§ 12-4"), ("§ 9 A-5", "§ 12-5"), ("9A-6", "§ 12-6"), ("9 A-2", "§ 12-2"), ("9 A-12", "§ 12-8")],
)
def test_old_chapter_9a_names_the_new_section(old, new):
    with pytest.raises(ValidationError) as raised:
        LawRef.model_validate({"section": old})
    message = raised.value.errors()[0]["msg"]
    assert "kapittel 9 A" in message and message.endswith(f"bruk {new}")
