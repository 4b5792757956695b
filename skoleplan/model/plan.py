"""The plan for a safe and good school environment, one model per data file.

Each `*File` model is the whole content of one file under `data/`; `Plan`
holds them all. Work is always assigned to roles (never to persons), and
every cross-reference is a typed id that the validator checks.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, AnyHttpUrl, Field, field_validator, model_validator

from .base import (
    Audience,
    Date,
    Visibility,
    Deadline,
    DutyId,
    GradeRange,
    Hideable,
    Item,
    Markdown,
    Model,
    ResourceId,
    RoleId,
    StageId,
    Text,
    TopicId,
)
from .law import LawRef
from .timing import HolidayKind, Timing

Url = Annotated[AnyHttpUrl, Field(description="Nettadresse som begynner med https://")]
Lang = Literal["nb", "nn"]

# --- skole.yaml -----------------------------------------------------------


class School(Model):
    name: Text = Field(description="Skolens navn")
    municipality: str = Field(min_length=1, description="Kommunen (skoleeier)")
    school_type: Literal["barneskole", "ungdomsskole", "kombinert skole", "videregående skole"]
    grades: GradeRange
    main_standard: Lang = Field(description="Skolens hovedmål: nb (bokmål) eller nn (nynorsk)")
    website: Url | None = None
    site_url: Url = Field(description="Adressen der det åpne nettstedet publiseres (kalenderabonnement trenger den)")
    staff_site_url: Url | None = Field(
        default=None, description="Adressen til personalets utgave på intranettet (standard: site_url + intern/)"
    )


class PlanMeta(Model):
    version: str = Field(min_length=1)
    approved: Date = Field(description="Dato planen ble vedtatt, ÅÅÅÅ-MM-DD")
    approved_by: RoleId = Field(description="Rollen eller organet som vedtok planen")
    next_revision: Date = Field(description="Dato for neste revisjon, ÅÅÅÅ-MM-DD")
    evaluation: Markdown = Field(description="Hvordan planen evalueres og holdes oppdatert")

    @model_validator(mode="after")
    def _revision_after_approval(self) -> "PlanMeta":
        if self.next_revision <= self.approved:
            raise ValueError("next_revision må være etter approved")
        return self


class Value(Item):
    id_kind = "value"
    title: Text
    description: Markdown


class AccessibilityFeedback(Model):
    """Where readers report what does not work for them; shown on every page, so public by nature."""

    email: str = Field(
        pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
        description="E-postadresse for tilbakemeldinger om universell utforming (vises på alle sider)",
    )
    phone: str | None = Field(
        default=None, pattern=r"^\+?[0-9 ]{8,16}$", description="Telefonnummer for tilbakemeldinger (valgfritt)"
    )


class Accessibility(Model):
    """The accessibility statement the law requires of every school website, public or intranet."""

    statement_url: Url = Field(
        description="Adressen til skolens tilgjengelighetserklæring på uustatus.no "
        "(https://uustatus.no/nb/erklaringer/publisert/…)"
    )
    feedback: AccessibilityFeedback = Field(description="Hvor leserne kan si fra om noe ikke fungerer for dem")

    @model_validator(mode="after")
    def _on_uustatus(self) -> "Accessibility":
        host = self.statement_url.host or ""
        if host != "uustatus.no" and not host.endswith(".uustatus.no"):
            raise ValueError("statement_url må være skolens tilgjengelighetserklæring på uustatus.no")
        return self


class SchoolFile(Model):
    school: School
    plan: PlanMeta
    vision: Markdown
    values: list[Value] = Field(min_length=1)
    accessibility: Accessibility = Field(
        description="Tilgjengelighetserklæringen (universell utforming): lovpålagt for skolens nettsteder"
    )


# --- roller.yaml ----------------------------------------------------------


class Role(Item):
    id_kind = "role"
    name: Text
    description: Text | None = None


class RolesFile(Model):
    roles: list[Role] = Field(min_length=1)


# --- rettigheter.yaml -----------------------------------------------------


class Right(Item):
    id_kind = "right"
    title: Text
    text: Markdown
    law: list[LawRef] = Field(default_factory=list)


class RightsFile(Model):
    intro: Markdown
    rights: list[Right] = Field(min_length=1)
    for_pupils: Markdown = Field(description="Rettighetene med enkle ord, til elevene")


# --- begreper.yaml --------------------------------------------------------


class Concept(Item):
    id_kind = "concept"
    term: Text
    definition: Markdown
    source: Text | None = None
    source_url: Url | None = None


class ConceptsFile(Model):
    intro: Markdown | None = None
    concepts: list[Concept] = Field(min_length=1)


# --- medvirkning.yaml -----------------------------------------------------


class Information(Item):
    """How one group is told about chapter 12 and the plan."""

    id_kind = "information"
    audience: Audience
    how: Markdown
    when: Timing | None = None
    responsible: list[RoleId] = Field(min_length=1)


class Council(Item):
    """A council or body where pupils, parents or staff take part (elevråd, FAU, SU, SMU)."""

    id_kind = "council"
    role: RoleId
    description: Markdown
    meetings: Timing | None = None


class ParticipationFile(Model):
    intro: Markdown
    information: list[Information] = Field(min_length=1)
    councils: list[Council] = Field(min_length=1)


# --- forebygging.yaml -----------------------------------------------------

PreventionLevel = Literal["skole", "klasse", "individ"]


class Prevention(Item):
    id_kind = "prevention"
    level: PreventionLevel
    what: Text
    when: Timing
    how: Markdown
    responsible: list[RoleId] = Field(min_length=1)


class PreventionFile(Model):
    intro: Markdown
    measures: list[Prevention] = Field(min_length=1)


# --- aktivitetsplikt.yaml -------------------------------------------------

DutyKind = Literal["følge-med", "gripe-inn", "melde-fra", "undersøke", "sette-inn-tiltak", "dokumentere", "skjerpet"]
DUTY_KINDS: tuple[str, ...] = DutyKind.__args__  # type: ignore[attr-defined]


class Step(Hideable):
    text: Markdown
    role: RoleId
    deadline: Deadline


class Documentation(Model):
    how: Markdown
    where: Text = Field(description="Hvor det dokumenteres (for eksempel skolens saksbehandlingssystem)")


class Duty(Item):
    """One sub-duty of the duty to act (§ 12-4), or the enhanced duty of § 12-5."""

    id_kind = "duty"
    kind: DutyKind
    title: Text
    summary: Text
    trigger: Markdown
    holders: list[RoleId] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    documentation: Documentation
    notify: list[RoleId] = Field(default_factory=list)
    law: list[LawRef] = Field(min_length=1)
    resources: list[ResourceId] = Field(default_factory=list)


class Situation(Item):
    """«What do I do now?» for staff: one situation, the duties it sets off."""

    id_kind = "situation"
    title: Text
    first_step: Markdown
    duties: list[DutyId] = Field(min_length=1)


class ListBlock(Model):
    intro: Markdown
    items: list[Text] = Field(min_length=1)


class PlanContent(Item):
    id_kind = "plan-content"
    title: Text
    description: Text


class ActivityPlan(Model):
    """The written plan (aktivitetsplan) a case with measures needs, and its minimum contents."""

    intro: Markdown
    contents: list[PlanContent] = Field(min_length=5)
    law: list[LawRef] = Field(min_length=1)


class DutiesFile(Model):
    intro: Markdown
    duties: list[Duty] = Field(min_length=1)
    situations: list[Situation] = Field(min_length=1)
    signs: ListBlock
    vulnerability: ListBlock
    serious_cases: ListBlock
    confidentiality: Markdown
    activity_plan: ActivityPlan

    @model_validator(mode="after")
    def _every_duty_once(self) -> "DutiesFile":
        kinds = [d.kind for d in self.duties]
        missing = [k for k in DUTY_KINDS if k not in kinds]
        if missing:
            raise ValueError("mangler delplikt: " + ", ".join(missing) + "; hver delplikt skal stå én gang")
        return self


# --- handheving.yaml ------------------------------------------------------


class EnforcementStep(Hideable):
    text: Markdown
    role: RoleId | None = None


class EnforcementFile(Model):
    intro: Markdown
    steps: list[EnforcementStep] = Field(min_length=1)
    statsforvalteren_url: Url
    coercive_fine: Markdown
    law: list[LawRef] = Field(min_length=1)


# --- saksgang.yaml --------------------------------------------------------


class Stage(Item):
    id_kind = "stage"
    title: Text
    description: Markdown
    role: RoleId
    deadline: Deadline | None = None
    next: list[StageId] = Field(default_factory=list, description="Mulige neste steg")


class CourseFile(Model):
    intro: Markdown
    stages: list[Stage] = Field(min_length=2)


# --- tiltak.yaml ----------------------------------------------------------

MeasureLevel = Literal["individ", "gruppe", "skole"]
MeasurePurpose = Literal["trygghet", "beskyttelse", "relasjoner", "inkludering", "oversikt"]


class Measure(Item):
    id_kind = "measure"
    title: Text
    level: MeasureLevel
    purposes: list[MeasurePurpose] = Field(min_length=1)
    description: Markdown
    how: Markdown
    prerequisites: Markdown | None = None
    pitfalls: Markdown | None = None
    responsible: list[RoleId] = Field(default_factory=list)
    resources: list[ResourceId] = Field(default_factory=list)


class MeasuresFile(Model):
    intro: Markdown
    measures: list[Measure] = Field(min_length=1)


# --- aarshjul.yaml --------------------------------------------------------

Category = Literal["sosial", "kartlegging", "møte", "informasjon", "opplæring", "evaluering", "markering"]


class Activity(Item):
    id_kind = "activity"
    title: Text
    description: Markdown | None = None
    timing: Timing
    responsible: list[RoleId] = Field(min_length=1)
    # Neither is required by law (issue 17): a plan that does not say whom an activity is for, or what
    # kind it is, shows nothing there; it is then only in the feed of the whole årshjul.
    audience: list[Audience] = Field(default_factory=list, description="Hvem aktiviteten er for (valgfritt)")
    grades: GradeRange | None = None
    category: Category | None = Field(default=None, description="Hva slags aktivitet det er (valgfritt)")
    duties: list[DutyId] = Field(default_factory=list)
    resources: list[ResourceId] = Field(default_factory=list)


class CalendarFile(Model):
    intro: Markdown
    activities: list[Activity] = Field(min_length=1)


# --- skolerute.yaml -------------------------------------------------------


# How a holiday's name says which it is, when `kind` does not (nb or nn, any case, inside other words).
HOLIDAY_NAME_STEMS = (
    ("høst", "høstferie"), ("haust", "høstferie"), ("jul", "juleferie"), ("vinter", "vinterferie"),
    ("påske", "påskeferie"), ("sommer", "sommerferie"), ("sommar", "sommerferie"),
)  # fmt: skip


class Holiday(Model):
    name: Text
    start: Date
    end: Date
    kind: HolidayKind | Literal["annen"] | None = Field(
        default=None,
        description="Hvilken ferie det er: høstferie, juleferie, vinterferie eller påskeferie (annen: ingen av dem). "
        "Uten kind kjennes ferien igjen på navnet («Høstferie», «haustferie»). Årshjulet trenger det for "
        "tidspunkt som «etter høstferien».",
    )

    @property
    def holiday_kind(self) -> str | None:
        """Which holiday this is, for timings relative to it: `kind`, or what the name says."""
        if self.kind is not None:
            return None if self.kind == "annen" else self.kind
        names = f"{self.name.nb} {self.name.nn}".lower()
        return next((kind for stem, kind in HOLIDAY_NAME_STEMS if stem in names), None)

    @model_validator(mode="after")
    def _ordered(self) -> "Holiday":
        if self.end < self.start:
            raise ValueError("end kan ikke være før start")
        return self


class SchoolYear(Item):
    id_kind = "school-year"
    first_day: Date
    last_day: Date
    holidays: list[Holiday] = Field(default_factory=list)
    planning_days: list[Date] = Field(default_factory=list, description="Planleggingsdager (elevfri)")

    @model_validator(mode="after")
    def _consistent(self) -> "SchoolYear":
        if not (dt.date(self.first_day.year, 7, 1) <= self.first_day <= dt.date(self.first_day.year, 9, 30)):
            raise ValueError("first_day må være i juli, august eller september")
        if self.last_day.year != self.first_day.year + 1 or self.last_day.month > 7:
            raise ValueError("last_day må være i januar–juli året etter first_day")
        for holiday in self.holidays:
            if holiday.start < self.first_day or holiday.end > self.last_day:
                raise ValueError(f"ferien «{holiday.name.nb}» ligger utenfor skoleåret")
        # Planning days may come before the first school day (staff start in August).
        window = (dt.date(self.first_day.year, 7, 1), dt.date(self.first_day.year + 1, 7, 31))
        for day in self.planning_days:
            if not window[0] <= day <= window[1]:
                raise ValueError(f"planleggingsdagen {day.isoformat()} ligger utenfor skoleåret (1. juli–31. juli)")
        return self

    @property
    def first_year(self) -> int:
        return self.first_day.year


class SchoolCalendarFile(Model):
    school_years: list[SchoolYear] = Field(min_length=1)


# --- ressurser.yaml -------------------------------------------------------


class Topic(Item):
    id_kind = "topic"
    title: Text


class Resource(Item):
    id_kind = "resource"
    title: Text
    url: Url
    publisher: str = Field(min_length=1)
    topic: TopicId
    audience: list[Audience] = Field(min_length=1)
    language: list[Literal["nb", "nn", "en", "se"]] = Field(min_length=1, description="Språket ressursen er skrevet på")
    description: Text | None = None


class ResourcesFile(Model):
    intro: Markdown
    topics: list[Topic] = Field(min_length=1)
    resources: list[Resource] = Field(min_length=1)


# --- foresatte.yaml -------------------------------------------------------


class ParentsFile(Model):
    """What parents need: how to report a concern, what happens then, tips."""

    report: Markdown
    after_report: Markdown
    tips: list[Text] = Field(default_factory=list)


# --- kontakter.yaml -------------------------------------------------------


class Contact(Item):
    id_kind = "contact"
    # A person's direct number stays on the intranet unless the school says otherwise.
    visibility: Visibility = Field(
        default="internal",
        description="internal (standard): bare på personalets nettsted; public: for sentralbord og postmottak",
    )
    role: RoleId
    title: Text | None = Field(default=None, description="Hva kontakten er, når rollen alene ikke sier det (for eksempel «Sentralbord»)")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{8,16}$")
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    hours: Text | None = None

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not self.phone and not self.email:
            raise ValueError("en kontakt trenger phone eller email")
        return self


class ContactsFile(Model):
    contacts: list[Contact] = Field(min_length=1)


# --- sok.yaml -------------------------------------------------------------


def _search_word(value: str) -> str:
    """A search word as the search compares it: lower case, single spaces (the site's search ignores case)."""
    word = " ".join(value.split()).lower()
    if not word:
        raise ValueError("søkeordet er tomt")
    if not all(part.replace("-", "").isalnum() for part in word.split(" ")):
        raise ValueError(
            f"«{word}» kan bare ha bokstaver, tall, bindestrek og mellomrom; skriv ett ord eller uttrykk per linje"
        )
    return word


SearchWord = Annotated[
    str,
    AfterValidator(_search_word),
    Field(description="Et ord eller et kort uttrykk, slik en leser skriver det i søkefeltet (for eksempel «melde fra»)"),
]


class Equivalent(Model):
    """One word in both written standards, where the search's stemming does not see that they are the same."""

    nb: SearchWord = Field(description="Ordet på bokmål, eller en del av sammensatte ord (for eksempel «skole»)")
    nn: SearchWord = Field(description="Det samme ordet på nynorsk (for eksempel «skule»)")

    @model_validator(mode="after")
    def _one_word_each(self) -> "Equivalent":
        for word in (self.nb, self.nn):
            if " " in word:
                raise ValueError(f"«{word}» er flere ord; et par er ett ord på hvert skriftspråk (uttrykk hører til under synonyms)")
        if self.nb == self.nn:
            raise ValueError(f"«{self.nb}» er likt på bokmål og nynorsk; da trengs ikke paret")
        return self


class SearchFile(Model):
    """Words the site's search treats as one: synonyms, and bokmål–nynorsk pairs its stemming misses."""

    synonyms: list[Annotated[list[SearchWord], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Grupper av ord og uttrykk som betyr det samme for den som søker (for eksempel "
        "«mobbing» og «plaging»); et søk på ett av dem finner også sidene med de andre",
    )
    equivalents: list[Equivalent] = Field(
        default_factory=list,
        description="Ord som skrives ulikt på bokmål og nynorsk (for eksempel «skole» og «skule»); "
        "søket finner sidene uansett hvilket av dem leseren skriver, også i sammensatte ord",
    )

    @field_validator("synonyms")
    @classmethod
    def _each_word_once(cls, groups: list[list[str]]) -> list[list[str]]:
        seen: dict[str, int] = {}
        for number, group in enumerate(groups, start=1):
            for word in group:
                if word in seen:
                    where = "to ganger i samme gruppe" if seen[word] == number else "i to grupper"
                    raise ValueError(f"«{word}» står {where} (gruppe {seen[word]} og {number}); slå gruppene sammen")
                seen[word] = number
        return groups


# --- the whole plan -------------------------------------------------------

# File name → the model of its content, in the order a reader meets them.
FILES: dict[str, type[Model]] = {
    "skole.yaml": SchoolFile,
    "roller.yaml": RolesFile,
    "rettigheter.yaml": RightsFile,
    "begreper.yaml": ConceptsFile,
    "medvirkning.yaml": ParticipationFile,
    "forebygging.yaml": PreventionFile,
    "aktivitetsplikt.yaml": DutiesFile,
    "saksgang.yaml": CourseFile,
    "tiltak.yaml": MeasuresFile,
    "handheving.yaml": EnforcementFile,
    "foresatte.yaml": ParentsFile,
    "aarshjul.yaml": CalendarFile,
    "skolerute.yaml": SchoolCalendarFile,
    "ressurser.yaml": ResourcesFile,
    "kontakter.yaml": ContactsFile,
    "sok.yaml": SearchFile,
}


class Plan(Model):
    """Every data file of one school, validated and cross-checked."""

    school: SchoolFile
    roles: RolesFile
    rights: RightsFile
    concepts: ConceptsFile
    participation: ParticipationFile
    prevention: PreventionFile
    duties: DutiesFile
    course: CourseFile
    measures: MeasuresFile
    enforcement: EnforcementFile
    parents: ParentsFile
    calendar: CalendarFile
    school_calendar: SchoolCalendarFile
    resources: ResourcesFile
    contacts: ContactsFile
    search: SearchFile


# File name → the Plan field that holds it.
FIELD_OF_FILE = dict(zip(FILES, Plan.model_fields))
