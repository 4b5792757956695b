"""The plan for a safe and good school environment, one model per data file.

Each `*File` model is the whole content of one file under `data/`; `Plan`
holds them all. Work is always assigned to roles (never to persons), and
every cross-reference is a typed id that the validator checks.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .base import (
    ActivityId,
    ChapterId,
    ConceptId,
    MeasureId,
    PreventionId,
    EMAIL_PATTERN,
    Url,
    Audience,
    Date,
    Visibility,
    Deadline,
    DutyId,
    GradeRange,
    Hideable,
    Item,
    ErrorAt,
    Markdown,
    Model,
    Name,
    ResourceId,
    RoleId,
    StageId,
    Text,
    Title,
    TopicId,
    Verbatim,
)
from .law import LawRef
from .timing import HolidayKind, Timing

Lang = Literal["nb", "nn"]

# --- skole.yaml -----------------------------------------------------------


# Where Nynorsk has two accepted forms, a school writes one of them throughout.
NYNORSK_PAIRS: tuple[tuple[str, str], ...] = (("òg", "også"), ("hjå", "hos"))
NynorskForm = Literal["òg", "også", "hjå", "hos"]


class School(Model):
    name: Title = Field(description="Skolens navn (nettstedet trenger det)")
    municipality: Name | None = Field(default=None, description="Kommunen (skoleeier)")
    school_type: Literal["barneskole", "ungdomsskole", "kombinert skole", "videregående skole"] | None = None
    grades: GradeRange | None = None
    main_standard: Lang = Field(description="Skolens hovedmål: nb (bokmål) eller nn (nynorsk)")
    website: Url | None = None
    site_url: Url = Field(description="Adressen der det åpne nettstedet publiseres (kalenderabonnement trenger den)")
    staff_site_url: Url | None = Field(
        default=None, description="Adressen til personalets utgave på intranettet (standard: site_url + intern/)"
    )
    private_feeds_url: Url | None = Field(
        default=None,
        description="Adressen utenfor innloggingen der personalets kalendere med hemmelig adresse publiseres "
        "(standard: site_url + personalkalender/); se README, «Personalets kalendere på mobilen»",
    )
    nynorsk_forms: list[NynorskForm] = Field(
        default_factory=list,
        description="Skolens valg der nynorsk har to former, for eksempel [òg, hjå]; byggingen varsler når "
        "en nynorsk side bruker den andre formen (også, hos)",
    )
    root_redirect: bool = Field(
        default=False,
        description="true: adressen over begge skriftspråkene sender leseren rett til hovedmålet; "
        "false (standard): den viser valget mellom bokmål og nynorsk",
    )

    @field_validator("nynorsk_forms")
    @classmethod
    def _one_of_each_pair(cls, forms: list[str]) -> list[str]:
        for pair in NYNORSK_PAIRS:
            if set(pair) <= set(forms):
                raise ValueError(f"velg én av «{pair[0]}» og «{pair[1]}», ikke begge")
        return forms


class PlanMeta(Model):
    version: Annotated[str, Verbatim("versjonsnummer")] | None = Field(
        default=None, min_length=1, description="Versjonen av planen, for eksempel «2.1»"
    )
    approved: Date | None = Field(default=None, description="Dato planen ble vedtatt, ÅÅÅÅ-MM-DD")
    approved_by: RoleId | None = Field(default=None, description="Rollen eller organet som vedtok planen")
    next_revision: Date | None = Field(
        default=None, description="Dato for neste revisjon, ÅÅÅÅ-MM-DD; nettstedet sier fra når den har passert"
    )
    evaluation: Markdown | None = Field(default=None, description="Hvordan planen evalueres og holdes oppdatert")

    @model_validator(mode="after")
    def _revision_after_approval(self) -> "PlanMeta":
        if self.next_revision and self.approved and self.next_revision <= self.approved:
            raise ValueError("next_revision må være etter approved")
        return self


class Value(Item):
    id_kind = "value"
    title: Title
    description: Markdown | None = None


class AccessibilityFeedback(Model):
    """Where readers report what does not work for them; shown on every page, so public by nature."""

    email: Annotated[str, Verbatim("adresse")] = Field(
        pattern=EMAIL_PATTERN,
        description="E-postadresse for tilbakemeldinger om universell utforming (vises på alle sider)",
    )
    phone: Annotated[str, Verbatim("telefonnummer")] | None = Field(
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
    builds_on: Annotated[str, Verbatim("lag")] | None = Field(
        default=None,
        description="Laget planen bygger på: grunnlag (det nasjonale grunnlaget), eller mappen med kommunens lag "
        "(for eksempel ../fjordvik); skolen skriver da bare det som er dens eget",
    )
    school: School
    plan: PlanMeta = Field(default_factory=PlanMeta)
    vision: Markdown | None = None
    values: list[Value] = Field(default_factory=list)
    accessibility: Accessibility | None = Field(
        default=None,
        description="Tilgjengelighetserklæringen for nettstedet (forskrift om universell utforming av IKT-løsninger "
        "§ 8 krever en for offentlige nettsteder); uten den varsler byggingen og sløyfer siden",
    )


# --- roller.yaml ----------------------------------------------------------


class Role(Item):
    id_kind = "role"
    name: Title
    description: Text | None = None


class RolesFile(Model):
    roles: list[Role] = Field(min_length=1)


# --- rettigheter.yaml -----------------------------------------------------


class Right(Item):
    id_kind = "right"
    title: Title
    text: Markdown | None = None
    law: list[LawRef] = Field(default_factory=list)


class RightsFile(Model):
    intro: Markdown | None = None
    rights: list[Right] = Field(default_factory=list)
    for_pupils: Markdown | None = Field(default=None, description="Rettighetene med enkle ord, til elevene")


# --- begreper.yaml --------------------------------------------------------


class Concept(Item):
    id_kind = "concept"
    term: Title
    definition: Markdown | None = None
    source: Text | None = None
    source_url: Url | None = None


class ConceptsFile(Model):
    intro: Markdown | None = None
    concepts: list[Concept] = Field(default_factory=list)


# --- medvirkning.yaml -----------------------------------------------------


class Information(Item):
    """How one group is told about chapter 12 and the plan."""

    id_kind = "information"
    audience: Audience
    how: Markdown
    when: Timing | None = None
    responsible: list[RoleId] = Field(default_factory=list)


class Council(Item):
    """A council or body where pupils, parents or staff take part (elevråd, FAU, SU, SMU)."""

    id_kind = "council"
    role: RoleId
    description: Markdown | None = None
    meetings: Timing | None = None


class ParticipationFile(Model):
    intro: Markdown | None = None
    information: list[Information] = Field(default_factory=list)
    councils: list[Council] = Field(default_factory=list)


# --- forebygging.yaml -----------------------------------------------------

PreventionLevel = Literal["skole", "klasse", "individ"]


class Prevention(Item):
    """Preventive work: a title is enough (a plan's bare list); level, time, how and who when the plan says them."""

    id_kind = "prevention"
    level: PreventionLevel | None = None
    group: Text | None = Field(default=None, description="Overskriften tiltaket står under, når det ikke er et nivå")
    what: Title
    when: Timing | None = None
    how: Markdown | None = None
    responsible: list[RoleId] = Field(default_factory=list)


class PreventionFile(Model):
    intro: Markdown | None = None
    measures: list[Prevention] = Field(default_factory=list)


# --- aktivitetsplikt.yaml -------------------------------------------------

DutyKind = Literal["følge-med", "gripe-inn", "melde-fra", "undersøke", "sette-inn-tiltak", "dokumentere", "skjerpet"]
DUTY_KINDS: tuple[str, ...] = DutyKind.__args__  # type: ignore[attr-defined]


class Step(Hideable):
    """One step of a sub-duty: what is done; by whom and by when, when the plan says it."""

    text: Markdown
    role: RoleId | None = Field(default=None, description="Hvem som gjør det (én rolle); se også roles")
    roles: list[RoleId] = Field(
        default_factory=list, description="Hvem som gjør det, når flere kan: «rektor eller kontaktlærer»"
    )
    deadline: Deadline | None = Field(default=None, description="Frist: straks, samme-dag … {days: 2}, {working_days: 5}, {after_weeks: 3-4} eller {text: …}, "
                                    "eller som planen skriver det: «innen 5 virkedager», «etter 3–4 uker»")

    @model_validator(mode="after")
    def _role_or_roles(self) -> "Step":
        if self.role is not None and self.roles:
            raise ValueError("skriv enten role (én rolle) eller roles (flere), ikke begge")
        return self

    @property
    def who(self) -> list[str]:
        """The roles that may take the step (any one of them)."""
        return [self.role] if self.role is not None else list(self.roles)


class Documentation(Model):
    how: Markdown | None = None
    where: Text | None = Field(default=None, description="Hvor det dokumenteres (for eksempel skolens saksbehandlingssystem)")


class LadderLevel(Hideable):
    """One level of an escalation ladder: when it applies, who acts, what is done, how it is documented."""

    title: Title
    description: Markdown | None = None
    roles: list[RoleId] = Field(default_factory=list, description="Hvem som handler på dette nivået")
    actions: Markdown | None = Field(default=None, description="Hva som gjøres")
    documentation: Markdown | None = Field(default=None, description="Hvordan det dokumenteres")


class Ladder(Item):
    """Levels of a situation, each with who does what (a school's «trappetrinn» for following up a case)."""

    id_kind = "ladder"
    title: Title
    intro: Markdown | None = None
    levels: list[LadderLevel] = Field(min_length=2, description="Nivåene, i rekkefølge")


class Duty(Item):
    """One sub-duty of the duty to act (§ 12-4), or the enhanced duty of § 12-5."""

    id_kind = "duty"
    kind: DutyKind = Field(description="Delplikten i § 12-4 (følge med, gripe inn, melde fra, undersøke, sette inn "
                           "tiltak, dokumentere) eller den skjerpede plikten i § 12-5: loven krever hver av dem")
    title: Title
    summary: Text | None = None
    trigger: Markdown | None = None
    holders: list[RoleId] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    documentation: Documentation | None = None
    notify: list[RoleId] = Field(default_factory=list)
    law: list[LawRef] = Field(min_length=1, description="Lovgrunnlaget, for eksempel § 12-4")
    resources: list[ResourceId] = Field(default_factory=list)


class Situation(Item):
    """«What do I do now?» for staff: one situation, the duties it sets off."""

    id_kind = "situation"
    title: Title
    first_step: Markdown | None = None
    duties: list[DutyId] = Field(default_factory=list)


class ListBlock(Model):
    intro: Markdown | None = None
    items: list[Text] = Field(default_factory=list)


class PlanContent(Item):
    id_kind = "plan-content"
    title: Title
    description: Text | None = None


class ActivityPlan(Model):
    """The written plan (aktivitetsplan) a case with measures needs, and its minimum contents."""

    intro: Markdown | None = None
    contents: list[PlanContent] = Field(
        min_length=5,
        description="Det aktivitetsplanen minst skal inneholde: opplæringslova § 12-4 krever fem punkter i den skriftlige planen "
        "(problemet, tiltakene, når, hvem som har ansvaret, når tiltakene skal evalueres)",
    )
    law: list[LawRef] = Field(min_length=1, description="Lovgrunnlaget: § 12-4")


class DutiesFile(Model):
    intro: Markdown | None = None
    duties: list[Duty] = Field(min_length=1, description="Delpliktene: opplæringslova § 12-4 og § 12-5 krever hver av dem")
    situations: list[Situation] = Field(default_factory=list)
    ladders: list[Ladder] = Field(default_factory=list, description="Trinnvis oppfølging: nivåer med hvem som gjør hva")
    signs: ListBlock | None = None
    vulnerability: ListBlock | None = None
    serious_cases: ListBlock | None = None
    confidentiality: Markdown | None = None
    activity_plan: ActivityPlan

    @field_validator("duties")
    @classmethod
    def _no_duty_twice(cls, duties: list[Duty]) -> list[Duty]:
        """A second item of one kind would take the first one's page (a page per sub-duty): never silently."""
        first: dict[str, str] = {}
        for index, duty in enumerate(duties):
            if duty.kind in first:
                raise ErrorAt(
                    f"delplikten «{duty.kind}» står to ganger (id «{first[duty.kind]}» og «{duty.id}»); hver delplikt i "
                    "§ 12-4 står én gang, med alle sine steg. En egen rutine for én type sak (for eksempel bekymring "
                    f"for radikalisering) skrives som en situasjon under situations, med duties: [{first[duty.kind]}]",
                    index, "kind",
                )
            first[duty.kind] = duty.id
        return duties

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
    intro: Markdown | None = None
    steps: list[EnforcementStep] = Field(default_factory=list)
    statsforvalteren_url: Url | None = None
    coercive_fine: Markdown | None = None
    law: list[LawRef] = Field(default_factory=list)


# --- saksgang.yaml --------------------------------------------------------


class Stage(Item):
    id_kind = "stage"
    title: Title
    description: Markdown | None = None
    role: RoleId | None = None
    roles: list[RoleId] = Field(default_factory=list, description="Hvem som har ansvaret, når flere kan")
    deadline: Deadline | None = None
    next: list[StageId] = Field(default_factory=list, description="Mulige neste steg")


class CourseFile(Model):
    intro: Markdown | None = None
    stages: list[Stage] = Field(default_factory=list)

    def next_of(self, stage: Stage) -> list[str]:
        """The stages a case may go to after `stage`: as `next` says, or, in a course that names no `next`
        anywhere (a plain list, as most plans write it), the stage after it."""
        if any(s.next for s in self.stages):
            return list(stage.next)
        ids = [s.id for s in self.stages]
        i = ids.index(stage.id)
        return ids[i + 1 : i + 2]


# --- tiltak.yaml ----------------------------------------------------------

MeasureLevel = Literal["individ", "gruppe", "skole"]
MeasurePurpose = Literal["trygghet", "beskyttelse", "relasjoner", "inkludering", "oversikt"]


class Measure(Item):
    id_kind = "measure"
    title: Title
    level: MeasureLevel | None = None
    group: Text | None = Field(default=None, description="Overskriften tiltaket står under, når det ikke er et nivå")
    purposes: list[MeasurePurpose] = Field(default_factory=list)
    description: Markdown | None = None
    how: Markdown | None = None
    prerequisites: Markdown | None = None
    pitfalls: Markdown | None = None
    responsible: list[RoleId] = Field(default_factory=list)
    resources: list[ResourceId] = Field(default_factory=list)


class MeasuresFile(Model):
    intro: Markdown | None = None
    measures: list[Measure] = Field(default_factory=list)


# --- aarshjul.yaml --------------------------------------------------------

Category = Literal["sosial", "kartlegging", "møte", "informasjon", "opplæring", "evaluering", "markering"]


class Activity(Item):
    id_kind = "activity"
    title: Title
    description: Markdown | None = None
    timing: Timing | None = Field(default=None, description="Når: uten tidspunkt står aktiviteten under group")
    group: Text | None = Field(default=None, description="Overskriften en aktivitet uten tidspunkt står under")
    responsible: list[RoleId] = Field(default_factory=list)
    audience: list[Audience] = Field(default_factory=list)
    grades: GradeRange | None = None
    category: Category | None = None
    duties: list[DutyId] = Field(default_factory=list)
    resources: list[ResourceId] = Field(default_factory=list)


class CalendarFile(Model):
    intro: Markdown | None = None
    activities: list[Activity] = Field(default_factory=list)


# --- skolerute.yaml -------------------------------------------------------


# How a holiday's name says which it is, when `kind` does not (nb or nn, any case, inside other words).
HOLIDAY_NAME_STEMS = (
    ("høst", "høstferie"), ("haust", "høstferie"), ("jul", "juleferie"), ("vinter", "vinterferie"),
    ("påske", "påskeferie"), ("sommer", "sommerferie"), ("sommar", "sommerferie"),
)  # fmt: skip


class Holiday(Model):
    name: Title
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
        for index, holiday in enumerate(self.holidays):
            if holiday.start < self.first_day or holiday.end > self.last_day:
                raise ErrorAt(f"ferien «{holiday.name.nb}» ligger utenfor skoleåret; forventet mellom første skoledag "
                              f"({self.first_day.isoformat()}) og siste ({self.last_day.isoformat()})", "holidays", index)
        # Planning days may come before the first school day (staff start in August).
        window = (dt.date(self.first_day.year, 7, 1), dt.date(self.first_day.year + 1, 7, 31))
        for index, day in enumerate(self.planning_days):
            if not window[0] <= day <= window[1]:
                raise ErrorAt(f"planleggingsdagen {day.isoformat()} ligger utenfor skoleåret; forventet en dag fra "
                              f"{window[0].isoformat()} til {window[1].isoformat()}", "planning_days", index)
        return self

    @property
    def first_year(self) -> int:
        return self.first_day.year


class SchoolCalendarFile(Model):
    school_years: list[SchoolYear] = Field(
        default_factory=list, description="Skoleårene: uten dem viser årshjulet tidspunktene, men ingen datoer"
    )


# --- ressurser.yaml -------------------------------------------------------


class Topic(Item):
    id_kind = "topic"
    title: Title


class Resource(Item):
    id_kind = "resource"
    title: Title
    url: Url | None = Field(default=None, description="Nettadressen (en bok har kanskje ingen)")
    publisher: Text | Name | None = Field(
        default=None,
        description="Hvem som står bak: et navn (likt på bokmål og nynorsk), eller {nb: …, nn: …} når navnet "
        "skrives ulikt (Barneombudet / Barneombodet). Vises ikke når det bare gjentar tittelen.",
    )
    topic: TopicId | None = None
    audience: list[Audience] = Field(default_factory=list)
    language: list[Literal["nb", "nn", "en", "se"]] = Field(default_factory=list, description="Språket ressursen er skrevet på")
    description: Text | None = None


class ResourcesFile(Model):
    intro: Markdown | None = None
    topics: list[Topic] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)


# --- foresatte.yaml -------------------------------------------------------


class ParentsFile(Model):
    """What parents need: how to report a concern, what happens then, tips."""

    report: Markdown | None = None
    after_report: Markdown | None = None
    tips: list[Text] = Field(default_factory=list)


# --- kontakter.yaml -------------------------------------------------------


class Contact(Item):
    id_kind = "contact"
    # A person's direct number stays on the intranet unless the school says otherwise.
    visibility: Visibility = Field(
        default="internal",
        description="internal (standard): bare på personalets nettsted; public: for sentralbord og postmottak",
    )
    role: RoleId | None = None
    title: Text | None = Field(default=None, description="Hva kontakten er, når rollen alene ikke sier det (for eksempel «Sentralbord»)")
    phone: Annotated[str, Verbatim("telefonnummer")] | None = Field(default=None, pattern=r"^\+?[0-9 ]{8,16}$")
    email: Annotated[str, Verbatim("adresse")] | None = Field(default=None, pattern=EMAIL_PATTERN)
    hours: Text | None = None

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not self.phone and not self.email:
            raise ValueError("en kontakt trenger phone eller email")
        if self.role is None and self.title is None:
            raise ValueError("en kontakt trenger role eller title (hvem eller hva den er)")
        return self


class ContactsFile(Model):
    contacts: list[Contact] = Field(default_factory=list)


# --- kapitler.yaml ---------------------------------------------------------

FIGURE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


class Figure(Model):
    """An image from the data folder, with the text that says what it shows (WCAG 1.1.1: required)."""

    file: Annotated[str, Verbatim("filnavn")] = Field(
        description="Bildefilen, i datamappen (for eksempel bilder/sirkelen.png): PNG, JPG, GIF eller WebP",
    )
    alt: Text = Field(description="Hva bildet viser, for dem som ikke ser det (påkrevd: WCAG 1.1.1)")
    caption: Text | None = Field(default=None, description="Bildetekst under bildet")

    @field_validator("file")
    @classmethod
    def _image_in_the_folder(cls, file: str) -> str:
        if ".." in file.split("/") or file.startswith("/"):
            raise ValueError(f"«{file}» peker ut av datamappen; legg bildet i datamappen (for eksempel bilder/)")
        if not re.fullmatch(r"[A-Za-z0-9æøåÆØÅ_][A-Za-z0-9æøåÆØÅ_./-]*", file):
            raise ValueError(
                f"«{file}» kan ikke brukes som filnavn på nettstedet; bruk bokstaver, tall, bindestrek og understrek, "
                "med / mellom mappene (for eksempel bilder/sirkelen.png)"
            )
        if not file.lower().endswith(FIGURE_TYPES):
            raise ValueError(f"«{file}» er ikke et bilde som kan vises trygt; bruk PNG, JPG, GIF eller WebP")
        return file


class SeeAlso(Model):
    """Other parts of the plan a text points to: shown as links after it."""

    duties: list[DutyId] = Field(default_factory=list)
    stages: list[StageId] = Field(default_factory=list)
    measures: list[MeasureId] = Field(default_factory=list)
    prevention: list[PreventionId] = Field(default_factory=list)
    activities: list[ActivityId] = Field(default_factory=list)
    concepts: list[ConceptId] = Field(default_factory=list)
    resources: list[ResourceId] = Field(default_factory=list)
    chapters: list[ChapterId] = Field(default_factory=list)


class ChapterSection(Hideable):
    """A part of a chapter under its own heading: text (lists, lettered lists, quotes), a figure, references."""

    title: Title
    text: Markdown | None = None
    figure: Figure | None = None
    see_also: SeeAlso | None = None


class Chapter(Item):
    """A chapter of the plan's own, outside the fixed kinds: a pedagogical stance, a procedure, the legal basis."""

    id_kind = "chapter"
    title: Title
    text: Markdown | None = None
    figure: Figure | None = None
    sections: list[ChapterSection] = Field(default_factory=list)
    see_also: SeeAlso | None = None
    after: Annotated[str, Verbatim("side")] | None = Field(
        default=None,
        description="Siden kapitlet står etter i menyen (for eksempel «forebygging»), eller id-en til et annet kapittel; "
        "standard: før «Ressurser»",
    )


class ChaptersFile(Model):
    """Chapters a plan has beyond the fixed kinds, each a page of its own."""

    chapters: list[Chapter] = Field(default_factory=list)


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
