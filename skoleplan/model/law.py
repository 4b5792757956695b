"""Structured law references that know their Lovdata address.

Chapter 9 A of the old Education Act was replaced by chapter 12 of
LOV-2023-06-09-30 on 1 August 2024. Plans and intranets still cite § 9 A-4;
such a reference is an error whose message names the section that replaced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator

from .base import Model, Verbatim

LawId = Literal["opplæringslova", "grunnloven", "barnekonvensjonen", "barnevernsloven", "forvaltningsloven"]


@dataclass(frozen=True)
class LawInfo:
    lovdata: str  # path on lovdata.no
    name_nb: str
    name_nn: str
    unit: Literal["paragraf", "artikkel"]


LAWS: dict[str, LawInfo] = {
    "opplæringslova": LawInfo("lov/2023-06-09-30", "opplæringsloven", "opplæringslova", "paragraf"),
    "grunnloven": LawInfo("lov/1814-05-17", "Grunnloven", "Grunnlova", "paragraf"),
    "barnekonvensjonen": LawInfo("lov/1999-05-21-30", "barnekonvensjonen", "barnekonvensjonen", "artikkel"),
    "barnevernsloven": LawInfo("lov/2021-06-18-97", "barnevernsloven", "barnevernslova", "paragraf"),
    "forvaltningsloven": LawInfo("lov/1967-02-10", "forvaltningsloven", "forvaltningslova", "paragraf"),
}

# Old chapter 9 A → the section of the 2023 act that replaced it.
OLD_TO_NEW = {
    "9A-2": "12-2",
    "9A-3": "12-3",
    "9A-4": "12-4",
    "9A-5": "12-5",
    "9A-6": "12-6",
    "9A-7": "12-7",
    "9A-12": "12-8",
}

_SECTION = re.compile(r"^\d+(-\d+)?[a-z]?$")


class LawRef(Model):
    """A reference to a section (or article) of a law, optionally one paragraph (ledd) of it."""

    law: LawId = Field(default="opplæringslova", description="Loven: opplæringslova er standard")
    section: Annotated[str, Verbatim("paragraf")] = Field(description="Paragraf, for eksempel «12-4», eller artikkel i barnekonvensjonen, «3»")
    paragraph: int | None = Field(default=None, ge=1, le=20, description="Ledd (valgfritt)")

    @field_validator("section", mode="before")
    @classmethod
    def _section(cls, value: object) -> str:
        text = str(value).strip().removeprefix("§").strip()
        compact = text.replace(" ", "").upper()
        if compact.startswith("9A"):
            new = OLD_TO_NEW.get(compact)
            old = "§ 9 A-" + compact[3:] if compact.startswith("9A-") else f"§ {text}"
            if new:
                raise ValueError(
                    f"{old} er fra den gamle opplæringsloven (kapittel 9 A), som ble erstattet 1. august 2024; "
                    f"bruk § {new}"
                )
            raise ValueError(
                f"{old} er fra den gamle opplæringsloven (kapittel 9 A), som ble erstattet 1. august 2024; "
                "bruk riktig paragraf i kapittel 12"
            )
        if not _SECTION.match(text.lower()):
            raise ValueError(f"«{value}» er ikke en paragraf; forventet for eksempel «12-4»")
        return text.lower()

    @property
    def info(self) -> LawInfo:
        return LAWS[self.law]

    @property
    def url(self) -> str:
        """The Lovdata address of the section (of the whole act for the UN convention)."""
        base = f"https://lovdata.no/{self.info.lovdata}"
        if self.info.unit == "artikkel":
            return base
        return f"{base}/§{self.section}"

    def label(self, lang: str) -> str:
        """«opplæringsloven § 12-4 andre ledd» / «barnekonvensjonen artikkel 3»."""
        name = self.info.name_nb if lang == "nb" else self.info.name_nn
        ordinals = ORDINALS_NB if lang == "nb" else ORDINALS_NN
        where = f"§ {self.section}" if self.info.unit == "paragraf" else f"artikkel {self.section}"
        tail = f" {ordinals.get(self.paragraph, f'{self.paragraph}.')} ledd" if self.paragraph else ""
        return f"{name} {where}{tail}"


ORDINALS_NB = {1: "første", 2: "andre", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette", 7: "sjuende", 8: "åttende"}
ORDINALS_NN = {1: "første", 2: "andre", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette", 7: "sjuande", 8: "åttande"}
