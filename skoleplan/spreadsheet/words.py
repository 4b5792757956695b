"""The words of an årshjul's cells: who is responsible, for whom, which grades, what kind, and ids.

Plans assign work to roles (DOMAIN.md): «FAU og skolens ansatte», «AKS og 4. trinn»
become the school's roles from `roller.yaml`, found by their id, their name in
either written standard, or a common other name (`SYNONYMS`: «AKS» is the SFO,
«personalet» is all staff). A title the school's roles do not have becomes a
new role for the school to review; a person's name is not a role and is
flagged, never written into the plan.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from ..model.plan import Role

# Names that mean the same role, Bokmål and Nynorsk, lower case. A school's role is in a group when
# its id (with spaces for hyphens), its name, or the abbreviation in its name's brackets is.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group)
    for group in (
        {"rektor", "rektoren", "skolens leder", "skulens leiar"},
        {"avdelingsleder", "avdelingsleiar", "avdelingsledere", "avdelingsleiarar", "inspektør", "inspektøren",
         "undervisningsinspektør", "assisterende rektor", "assisterande rektor", "teamleder", "teamleiar",
         "nærmeste leder", "nærmaste leiar"},
        {"kontaktlærer", "kontaktlærar", "kontaktlærere", "kontaktlærerne", "kontaktlærarar", "kontaktlærarane",
         "klassestyrer", "klassestyrar", "kontaktlærer på trinnet", "kontaktlærar på trinnet"},
        {"faglærer", "faglærar", "faglærere", "faglærerne", "faglærarar", "faglærarane", "lærer", "lærar",
         "lærere", "lærerne", "lærarar", "lærarane"},
        {"alle ansatte", "alle tilsette", "alle", "ansatte", "tilsette", "skolens ansatte", "skulens tilsette",
         "de ansatte", "dei tilsette", "personalet", "hele personalet", "heile personalet", "alle voksne",
         "alle vaksne", "alle voksne på skolen", "alle vaksne på skulen"},
        {"miljøarbeider", "miljøarbeidar", "miljøarbeidere", "miljøarbeidarar", "miljøterapeut", "miljøterapeutar",
         "miljøterapeuter"},
        {"sosiallærer", "sosiallærar"},
        {"rådgiver", "rådgivar", "sosialrådgiver", "sosialrådgivar", "sosialpedagogisk rådgiver",
         "sosialpedagogisk rådgivar"},
        {"helsesykepleier", "helsesjukepleiar", "helsesøster", "skolehelsetjenesten", "skulehelsetenesta"},
        {"ppt", "pp-tjenesten", "pp-tenesta", "pedagogisk-psykologisk tjeneste", "pedagogisk-psykologisk teneste"},
        {"sfo", "aks", "sfo-leder", "aks-leder", "sfo-leiar", "aks-leiar", "leder for sfo", "leiar for sfo",
         "leder for aks", "leiar for aks", "sfo-ansatte", "aks-ansatte", "sfo-personalet", "aks-personalet",
         "aktivitetsskolen", "skolefritidsordningen", "skulefritidsordninga"},
        {"elevrådet", "elevråd", "elevrådsstyret", "elevrådsrepresentantene", "elevrådsrepresentantane"},
        {"fau", "foreldrerådets arbeidsutvalg", "arbeidsutvalet til foreldrerådet", "foreldrerådet",
         "foreldreråd", "fau-leder", "fau-leiar"},
        {"su", "samarbeidsutvalget", "samarbeidsutvalet"},
        {"smu", "skolemiljøutvalget", "skulemiljøutvalet"},
        {"skoleeier", "skuleeigar", "kommunen", "skoleeier (kommunen)", "skuleeigar (kommunen)"},
        {"foresatte", "føresette", "foreldre", "foreldrene", "alle foresatte", "alle føresette"},
        {"elever", "elevar", "elevene", "elevane", "alle elever", "alle elevar", "trinnet", "klassen", "klassene",
         "klassane", "elevene på trinnet", "elevane på trinnet"},
    )
)  # fmt: skip
# Several roles at once: «ledelsen» is the principal and the heads of department.
SEVERAL = {
    "ledelsen": ("rektor", "avdelingsleder"), "leiinga": ("rektor", "avdelingsleder"),
    "skoleledelsen": ("rektor", "avdelingsleder"), "skuleleiinga": ("rektor", "avdelingsleder"),
    "ledergruppen": ("rektor", "avdelingsleder"), "leiargruppa": ("rektor", "avdelingsleder"),
}  # fmt: skip
_GRADE_AS_PUPILS = re.compile(r"(\d{1,2})\.?\s*(?:[-–]\s*(\d{1,2})\.?\s*)?(?:trinn|klasse|klassane|klassene|kl\.?)")
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|\n|\bog\b|\bi samarbeid med\b|\bsammen med\b|\bsaman med\b|\bm/)\s*")
_PERSON = re.compile(
    r"(?:[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?(?:\s+(?:[A-ZÆØÅ]\.|[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?)){1,3})"
    r"|(?:[A-ZÆØÅ]\.\s*[A-ZÆØÅ][a-zæøåéü]+)"
)


def key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip(" .:")


def slug(text: str, limit: int = 60) -> str:
    """An id from a title: «Bli kjent-dager på 1. trinn» → «bli-kjent-dager-pa-1-trinn»."""
    t = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if len(t) > limit:
        t = t[:limit].rsplit("-", 1)[0]
    return t or "aktivitet"


def _role_keys(role: Role) -> set[str]:
    keys = {key(role.id.replace("-", " ")), key(role.id), key(role.name.nb), key(role.name.nn)}
    for name in (role.name.nb, role.name.nn):
        bare = re.sub(r"\s*\(.*?\)", "", name)
        keys.add(key(bare))
        keys.update(key(a) for a in re.findall(r"\(([^)]*)\)", name))
    return keys


@dataclass
class RoleMatch:
    roles: list[str] = field(default_factory=list)  # ids of the school's roles
    new: list[str] = field(default_factory=list)  # titles the school's roles do not have, as written
    order: list[tuple[str, str]] = field(default_factory=list)  # («role», id) and («new», title), as written
    persons: list[str] = field(default_factory=list)  # what looks like a person's name
    read_as: list[str] = field(default_factory=list)  # notes: «4. trinn» read as «elevene»


class RoleMatcher:
    """Roles of one school, found by what a cell calls them."""

    def __init__(self, roles: list[Role]) -> None:
        self.roles = roles
        self.by_key: dict[str, str] = {}
        for role in roles:
            for k in _role_keys(role):
                self.by_key.setdefault(k, role.id)
        for group in SYNONYMS:
            ids = [role.id for role in roles if _role_keys(role) & group]
            if ids:
                for k in group:
                    self.by_key.setdefault(k, ids[0])

    def add(self, role: Role) -> None:
        self.roles.append(role)
        for k in _role_keys(role):
            self.by_key.setdefault(k, role.id)

    def _one(self, text: str) -> list[str] | None:
        k = key(text)
        if k in self.by_key:
            return [self.by_key[k]]
        if k in SEVERAL:
            found = [self.by_key[r] for r in SEVERAL[k] if r in self.by_key]
            return found or None
        for prefix in ("alle ", "skolens ", "skulens ", "hele ", "heile "):
            if k.startswith(prefix) and k[len(prefix) :] in self.by_key:
                return [self.by_key[k[len(prefix) :]]]
        return None

    def match(self, text: str) -> RoleMatch:
        result = RoleMatch()
        text = text.strip()
        whole = self._one(text)
        if whole is not None:
            result.roles = whole
            result.order = [("role", r) for r in whole]
            return result
        # A person named in brackets after a role: «rektor (Kari Nordmann)».
        for inner in re.findall(r"\(([^)]*)\)", text):
            if _PERSON.fullmatch(inner.strip()):
                result.persons.append(inner.strip())
                text = text.replace(f"({inner})", " ")
        parts = [p.strip(" .") for p in _SEPARATORS.split(text) if p and p.strip(" .")]
        i = 0
        while i < len(parts):
            # The longest run of parts that is one role: a name may hold «og» («SU og SMU» is two, but a
            # school may call one role «rektor og inspektør»).
            for j in range(len(parts), i, -1):
                joined = " og ".join(parts[i:j])
                found = self._one(joined) if j - i > 1 else None
                if found is not None:
                    result.roles += found
                    result.order += [("role", r) for r in found]
                    i = j
                    break
            else:
                self._part(parts[i], result)
                i += 1
        result.roles = list(dict.fromkeys(result.roles))
        return result

    def _part(self, part: str, result: RoleMatch) -> None:
        found = self._one(part)
        if found is None:  # «kontaktlærere på 1. trinn»: the role, whichever grade
            bare = re.sub(r"\s+(?:på|for|i)\s+(?:\d{1,2}\.?\s*(?:[-–]\s*\d{1,2}\.?\s*)?(?:trinn|klasse)|trinnet|klassen)$", "", key(part))
            found = self._one(bare) if bare != key(part) else None
        if found is not None:
            result.roles += found
            result.order += [("role", r) for r in found]
            return
        grade = _GRADE_AS_PUPILS.fullmatch(key(part))
        pupils = self._one("elevene") or self._one("elever")
        if grade and pupils:
            result.roles += pupils
            result.order += [("role", r) for r in pupils]
            result.read_as.append(f"«{part}» er lest som {self.name(pupils[0])}")
            return
        if _PERSON.fullmatch(part) and key(part) not in self.by_key:
            result.persons.append(part)
            return
        result.new.append(part)
        result.order.append(("new", part))

    def name(self, role_id: str) -> str:
        role = next(r for r in self.roles if r.id == role_id)
        return role.name.nb

    def did_you_mean(self, title: str) -> str | None:
        names = {role.name.nb: role for role in self.roles}
        options = list(names) + [k for k in self.by_key if len(k) > 3]
        close = difflib.get_close_matches(key(title), [key(o) for o in options], n=1, cutoff=0.75)
        if not close:
            return None
        role_id = self.by_key.get(close[0]) or names.get(close[0], None) and names[close[0]].id
        return self.name(role_id) if role_id else None


# --- for whom --------------------------------------------------------------------------------------------

AUDIENCE_WORDS = {
    "ansatte": ("ansatte", "tilsette", "personalet", "alle ansatte", "alle tilsette", "lærere", "lærarar", "lærerne",
                "lærarane", "nye ansatte", "nytilsette", "nye tilsette", "pedagoger", "pedagogar", "assistenter",
                "assistentar", "kontaktlærere", "kontaktlærarar", "skolens ansatte", "skulens tilsette", "de ansatte",
                "dei tilsette", "voksne", "vaksne", "alle voksne", "alle vaksne", "sfo-ansatte", "aks-ansatte"),
    "foresatte": ("foresatte", "føresette", "foreldre", "foreldrene", "alle foresatte", "alle føresette", "fau",
                  "foreldrerådet", "nye foresatte", "nye føresette", "hjemmet", "heimen"),
    "elever": ("elever", "elevar", "elevene", "elevane", "alle elever", "alle elevar", "nye elever", "nye elevar",
               "klassen", "klassene", "klassane", "trinnet", "elevrådet", "elevråd", "sfo", "aks", "barna", "borna",
               "førsteklassingene", "førsteklassingane"),
}  # fmt: skip
_AUDIENCE_OF = {word: kind for kind, words in AUDIENCE_WORDS.items() for word in words}
STAGES = {
    "småtrinnet": (1, 4), "småskoletrinnet": (1, 4), "småskulesteget": (1, 4), "småsteget": (1, 4),
    "mellomtrinnet": (5, 7), "mellomsteget": (5, 7), "ungdomstrinnet": (8, 10), "ungdomssteget": (8, 10),
    "barnetrinnet": (1, 7), "barnesteget": (1, 7),
}  # fmt: skip
_GRADES = re.compile(r"(?:på |for )?(\d{1,2})\.?\s*(?:(?:[-–]|til)\s*(\d{1,2})\.?\s*)?(?:trinn(?:et)?|klasse(?:r|ar)?|kl\.?)?")


def grades_in(text: str) -> set[int] | None:
    """«5.–7. trinn», «1-4», «alle trinn», «mellomtrinnet» → the grades; None if the text is no grades."""
    k = key(text)
    if k in ("alle", "alle trinn", "hele skolen", "heile skulen", "alle klasser", "alle klassar"):
        return set()
    if k in STAGES:
        a, b = STAGES[k]
        return set(range(a, b + 1))
    grades: set[int] = set()
    for part in [p for p in _SEPARATORS.split(k) if p]:
        m = _GRADES.fullmatch(part)
        if not m:
            return None
        a, b = int(m[1]), int(m[2] or m[1])
        if not (1 <= a <= b <= 13):
            return None
        grades.update(range(a, b + 1))
    return grades or None


@dataclass
class AudienceMatch:
    audience: list[str] = field(default_factory=list)
    grades: set[int] = field(default_factory=set)
    unread: list[str] = field(default_factory=list)


def audience_of(text: str) -> AudienceMatch:
    """«Elever og foresatte», «alle», «5.–7. trinn», «foreldre på 1. trinn» → audience and grades."""
    result = AudienceMatch()
    k = key(text)
    if k in ("alle", "alle sammen", "alle saman", "hele skolen", "heile skulen", "alle på skolen", "alle på skulen"):
        result.audience = ["ansatte", "foresatte", "elever"]
        return result
    for part in [p for p in _SEPARATORS.split(k) if p]:
        words = part
        grade_text = None
        m = re.fullmatch(r"(.*?)\s+(?:på|i|for)\s+(.+)", part)
        if m and grades_in(m[2]):
            words, grade_text = m[1], m[2]
        if words in _AUDIENCE_OF:
            result.audience.append(_AUDIENCE_OF[words])
            if grade_text:
                result.grades |= grades_in(grade_text) or set()
            continue
        grades = grades_in(part)
        if grades is not None:
            result.audience.append("elever")
            result.grades |= grades
            continue
        result.unread.append(part)
    result.audience = list(dict.fromkeys(result.audience))  # in the order written, as the YAML lists them
    return result


CATEGORY_WORDS = {
    "sosial": ("sosial", "sosialt", "sosiale", "sosial aktivitet", "sosiale aktiviteter", "sosiale aktivitetar", "fest"),
    "kartlegging": ("kartlegging", "kartleggingar", "kartlegginger", "undersøkelse", "undersøking", "undersøkelser"),
    "møte": ("møte", "møter", "møtet"),
    "informasjon": ("informasjon", "info"),
    "opplæring": ("opplæring", "kurs", "kompetanse", "kompetanseheving"),
    "evaluering": ("evaluering", "evalueringar", "evalueringer"),
    "markering": ("markering", "markeringar", "markeringer", "merkedag", "merkedagar", "merkedager"),
}  # fmt: skip
_CATEGORY_OF = {word: kind for kind, words in CATEGORY_WORDS.items() for word in words}


def category_of(text: str) -> str | None:
    return _CATEGORY_OF.get(key(text))


MARKS = {"x", "✓", "✔", "✗", "✘", "ja", "*", "•", "1", "v"}


def is_mark(value: object) -> bool:
    """A cell in a column of marks: «x», «X», «✓», «ja»."""
    return value is not None and key(str(value)) in MARKS
