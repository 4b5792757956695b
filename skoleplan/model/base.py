"""Building blocks shared by every content kind: frozen models, ids, texts, references."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import AnyHttpUrl, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

Lang = Literal["nb", "nn"]
LANGS: tuple[Lang, ...] = ("nb", "nn")

Audience = Literal["ansatte", "foresatte", "elever"]
Visibility = Literal["public", "internal"]


@dataclass(frozen=True)
class Verbatim:
    """Marks a plain string a reader sees as the same in Bokmål and Nynorsk: a proper name, a number, an address.

    Every other text a reader sees is a `Text` in both written standards (a test walks the model for it).
    """

    what: str  # «navn», «kode», «adresse»


Name = Annotated[str, Verbatim("navn"), StringConstraints(strip_whitespace=True, min_length=1)]


class Model(BaseModel):
    """Base of every model: immutable, and an unknown key is an error, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)


class Hideable(Model):
    """Content that can be kept to the staff site with `visibility: internal`."""

    visibility: Visibility = Field(
        default="public",
        description="public: på det åpne nettstedet; internal: bare på personalets nettsted (intranettet)",
    )


class Item(Hideable):
    """Something with a stable `id`, unique within its kind (`id_kind`)."""

    id_kind: ClassVar[str]
    id: Annotated[
        str,
        Verbatim("id"),
        StringConstraints(pattern=r"^[a-z0-9æøå]+(-[a-z0-9æøå]+)*$", max_length=80),
        Field(description="Fast id: små bokstaver, tall og bindestrek. Endres aldri etter publisering."),
    ]


class ErrorAt(ValueError):
    """A validator's error at a place inside the value it checks (`loc`: «duties», 3, «kind»), so the message points
    at the item or field that is wrong, not at the block or list the validator is on."""

    def __init__(self, message: str, *loc: str | int) -> None:
        super().__init__(message)
        self.loc = loc


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _not_a_number(value: object) -> object:
    """pydantic reads a number as seconds since 1970 (`0` is 1 January 1970); a plan's dates are written as dates."""
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]


# Characters a web address never needs written as they are: they would end a Markdown link or an HTML attribute.
_NOT_IN_URLS = set("()[]{}<>\"'`\\|^")


def _url_as_written(value: object) -> object:
    """An address is checked as written, before pydantic normalises it (what is no web address at all, pydantic says)."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        bad = [c for c in value.strip() if c in _NOT_IN_URLS or c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0]
        if bad:
            shown = "mellomrom" if bad[0].isspace() else "kontrolltegn" if ord(bad[0]) < 32 or ord(bad[0]) >= 0x7F else f"«{bad[0]}»"
            raise ValueError(
                f"nettadressen har {shown}, som ikke kan stå i en adresse; skriv den som nettleseren viser den, "
                "for eksempel «https://www.udir.no/»"
            )
    return value


Url = Annotated[AnyHttpUrl, BeforeValidator(_url_as_written), Field(description="Nettadresse som begynner med https://")]

# An e-mail address as it stands on the site: plain letters, digits and . _ % + - (no quotes, brackets or spaces).
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"


def fingerprint(text: str) -> str:
    """A short fingerprint of a text, so that an edit of the source of a translation shows.

    Spaces at the ends of lines and of the text do not count: YAML's block styles differ there.
    """
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


class Translation(Model):
    """Which written standard of a text is the original, and whether the other is reviewed or a machine draft."""

    source: Lang = Field(
        description="Originalen: nb (bokmål) eller nn (nynorsk). Teksten på det andre skriftspråket er oversatt fra den."
    )
    status: Literal["draft", "reviewed"] = Field(
        description="draft: maskinoversatt utkast som ingen har lest ennå (vises med merknad på nettsiden); "
        "reviewed: lest, rettet og godkjent av et menneske"
    )
    hash: Annotated[str, Verbatim("fingeravtrykk")] = Field(
        pattern=r"^[0-9a-f]{8}$",
        description="Fingeravtrykk av originalteksten da oversettelsen ble laget eller godkjent. "
        "Skrives av «make oversett» og «make godkjenn»; endres originalen, er oversettelsen utdatert.",
    )
    sentences: str | None = Field(
        default=None,
        pattern=r"^(?:[0-9a-f]{4})+(?: (?:[0-9a-f]{4})+)*$",
        description="Fingeravtrykk av hver setning i originalen (fire tegn per setning, avsnitt og listepunkter "
        "skilt med mellomrom), så «make oversett» bare oversetter setningene som er endret. "
        "Skrives av «make oversett» og «make godkjenn».",
    )


class Text(Hideable):
    """A short text in both written standards (a title, a label, one sentence)."""

    nb: NonEmpty = Field(description="Teksten på bokmål")
    nn: NonEmpty = Field(description="Teksten på nynorsk")
    translation: Translation | None = Field(
        default=None,
        description="Hvilken tekst som er oversatt fra hvilken, og om oversettelsen er godkjent. "
        "Uten dette feltet er begge skrevet for hånd.",
    )
    replaces: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{12}$",
        description="Fingeravtrykket til teksten i laget under (grunnlaget eller kommunens lag) som denne teksten "
        "erstatter; byggingen sier fra når den teksten er endret siden (skoleplan check viser verdien)",
    )

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    def is_machine_draft(self, lang: str) -> bool:
        """Whether the text in `lang` is a machine translation nobody has reviewed."""
        t = self.translation
        return t is not None and t.status == "draft" and lang != t.source

    def is_stale(self) -> bool:
        """Whether the source has changed since its translation was made or reviewed."""
        t = self.translation
        return t is not None and fingerprint(self[t.source]) != t.hash


class Markdown(Text):
    """A longer text in both written standards, written in Markdown."""

    nb: NonEmpty = Field(description="Teksten på bokmål (Markdown)")
    nn: NonEmpty = Field(description="Teksten på nynorsk (Markdown)")




@dataclass(frozen=True)
class Naming:
    """Marks a text as the name of what holds it (a title, a term): shown wherever the item is."""


Title = Annotated[Text, Naming()]


@dataclass(frozen=True)
class Ref:
    """Marks a string field as a reference to the `id` of an item of another kind."""

    kind: str


RoleId = Annotated[str, Ref("role"), Field(description="Id til en rolle i roller.yaml")]
ResourceId = Annotated[str, Ref("resource"), Field(description="Id til en ressurs i ressurser.yaml")]
TopicId = Annotated[str, Ref("topic"), Field(description="Id til et tema i ressurser.yaml")]
DutyId = Annotated[str, Ref("duty"), Field(description="Id til en delplikt i aktivitetsplikt.yaml")]
StageId = Annotated[str, Ref("stage"), Field(description="Id til et steg i saksgang.yaml")]
ConceptId = Annotated[str, Ref("concept"), Field(description="Id til et begrep i begreper.yaml")]
MeasureId = Annotated[str, Ref("measure"), Field(description="Id til et tiltak i tiltak.yaml")]
PreventionId = Annotated[str, Ref("prevention"), Field(description="Id til et forebyggende tiltak i forebygging.yaml")]
ActivityId = Annotated[str, Ref("activity"), Field(description="Id til en aktivitet i aarshjul.yaml")]
ChapterId = Annotated[str, Ref("chapter"), Field(description="Id til et kapittel i kapitler.yaml")]


class GradeRange(Model):
    """The grades (trinn) something concerns, both ends included."""

    first: int = Field(ge=1, le=13, description="Første trinn")
    last: int = Field(ge=1, le=13, description="Siste trinn")

    @field_validator("last")
    @classmethod
    def _not_before_first(cls, last: int, info) -> int:  # noqa: ANN001
        first = info.data.get("first")
        if first is not None and last < first:
            raise ValueError(f"siste trinn ({last}) kan ikke være før første trinn ({first})")
        return last


DeadlineWord = Literal["straks", "samme-dag", "neste-dag", "snarest", "løpende"]


def _span(value: object) -> object:
    """A number, or a span of two written as a list («[3, 4]»: three to four) or as people write it («3–4»),
    lowest first."""
    if isinstance(value, str) and (written := re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*", value)):
        value = [int(written[1]), int(written[2])]
    if isinstance(value, list):
        if len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ValueError("et spenn skrives som to tall, for eksempel [3, 4]")
        if value[0] >= value[1]:
            raise ValueError(f"spennet [{value[0]}, {value[1]}] må gå fra det minste til det største tallet")
    for number in value if isinstance(value, list) else [value]:
        if isinstance(number, int) and not isinstance(number, bool) and number < 1:
            raise ValueError(f"«{number}» er for lite; forventet minst 1")
    return tuple(value) if isinstance(value, list) else value


Span = Annotated[int | tuple[int, int], BeforeValidator(_span)]


class WithinDays(Model):
    """A deadline counted in days: «innen 5 dager», «innen 1–2 dager»."""

    days: Span = Field(description="Antall dager, eller et spenn som [1, 2]")


class WithinWorkingDays(Model):
    """A deadline counted in working days, as plans often count it: «innen 5 virkedager» (weekends and public
    holidays not counted)."""

    working_days: Span = Field(description="Antall virkedager, eller et spenn som [2, 3]")


class WithinWeeks(Model):
    """A deadline counted in weeks: «innen 3 uker», «innen 2–3 uker»."""

    weeks: Span = Field(description="Antall uker, eller et spenn som [2, 3]")


class AfterWeeks(Model):
    """A point in time, not a limit: «etter 3 uker», «etter 3–4 uker» (an evaluation after the measures have run)."""

    after_weeks: Span = Field(description="Antall uker etter forrige steg, eller et spenn som [3, 4]")


class DeadlineText(Model):
    """A deadline in the plan's own words, when no word or count says it: «før neste foreldremøte»."""

    text: Text


_COUNT = r"(\d{1,3}(?:\s*[-–]\s*\d{1,3})?|én|en|ein|éin|ei|éi|ett|eitt)"
_DEADLINE_PHRASES = (  # «innen 5 virkedager», «innan 2–3 veker», «etter 3–4 uker» → the block they mean
    (re.compile(rf"(?:innen|innan)\s+{_COUNT}\s+(?:dag|dager|dagar|døgn)"), "days"),
    (re.compile(rf"(?:innen|innan)\s+{_COUNT}\s+(?:virkedag|virkedager|vyrkedag|vyrkedagar|arbeidsdag|arbeidsdager|arbeidsdagar)"), "working_days"),
    (re.compile(rf"(?:innen|innan)\s+{_COUNT}\s+(?:uke|uker|veke|veker)"), "weeks"),
    (re.compile(rf"etter\s+{_COUNT}\s+(?:uke|uker|veke|veker)"), "after_weeks"),
)


def _deadline_phrase(value: object) -> object:
    """A deadline written as people write it, when it says a count: the block of that count («innen 5 virkedager»
    → {working_days: 5}); any other text is left for the words and blocks to take or refuse."""
    if not isinstance(value, str):
        return value
    written = " ".join(value.strip().rstrip(".").lower().split())
    for pattern, key in _DEADLINE_PHRASES:
        found = pattern.fullmatch(written)
        if found:
            count = found[1]
            return {key: 1 if not count[0].isdigit() else count}
    return value


_DeadlineForms = DeadlineWord | WithinDays | WithinWorkingDays | WithinWeeks | AfterWeeks | DeadlineText
Deadline = Annotated[_DeadlineForms, BeforeValidator(_deadline_phrase, json_schema_input_type=str | _DeadlineForms)]
