"""The Norwegian timing phrase, as årshjul tables write it, read into a typed timing.

Schools keep their årshjul in spreadsheets with a «Når» column: «uke 34»,
«2. september», «November/desember», «Gjennom skoleåret», «hver tirsdag kl. 14.30»,
«etter høstferien». This module is the one place that reads such a phrase, in
Bokmål or Nynorsk, into the same typed timing a structured block gives
(`skoleplan/model/timing.py`); no library knows this grammar, so it is written
here, as a table of forms (`FORMS`) tried in order. The forms understood:

* a date, with or without a year: «2. september», «2.9.», «2.9.2026», «2. sep.»,
  «tirsdag 2. september 2025» (the weekday is checked when the year is given),
  «2025-09-02»; several: «10. september og 11. februar», «2., 3. og 4. september»;
  a range: «14.–18. oktober», «28. november – 3. desember», «fra 14. til 18. oktober».
  «2/9» could be day–month or month–day: refused as ambiguous (so is «09-02»);
* weeks: «uke 34», «veke 36–37», «uke 36/37», «uke 45, 46, 9 og 10», «i uke 40»;
* months: «oktober», «November/desember», «mai–juni», «september og januar»,
  «slutten av oktober»; terms: «høsten», «våren», «hausten», «høst og vår»;
* the whole year: «gjennom hele året», «gjennom skuleåret», «løpende»;
  «daglig», «hver dag»; «hver uke», «en gang i uka», «annenhver uke»;
  «hver tirsdag», «tirsdager», «annenhver torsdag», «annakvar tysdag»;
  «hvert semester»; «fire ganger i året», «fire møter i året», «halvårlig»,
  «årlig», «to ganger i året (oktober og mars)»;
* «ved behov»; «ikke bestemt», «dato kommer» (no date yet);
* the school year: «før skolestart», «første skoledag», «oppstartsdagene»,
  «første skoleuke», «den første hele uka av skoleåret», «siste skoleuke»,
  «siste skoledag»;
* a holiday of the skolerute: «før høstferien», «etter jul», «uka etter
  vinterferien», «siste skoledag før jul», «første skoledag etter påske»,
  «før sommerferien»;
* with any of them, a clock time or span («kl. 18», «kl. 18.00–19.30»,
  «klokka 14.30», «18:00–19:30», «14.30–15.30») and «også i ferier og helger» (not only school days).

A phrase is read case-insensitively, with any kind of dash, and with «i», «om»,
«på», «i løpet av» in front. Nynorsk words are first turned into their Bokmål
counterparts (veke → uke, kvar → hver, skule → skole …), so each form is written
once; the phrase's written standard is recorded before that (`Phrase.lang`: nb,
nn, or None when its words are the same in both), so a page can show the
phrase as written in its own written standard. A phrase that mixes the two is
refused, and so is one that matches no form: the message quotes it and lists
forms that are understood.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

# The grammar knows words and forms, not the typed timings: `timing.py` reads a phrase through it (a
# timing field may be a phrase), so this module imports nothing from there.
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")

# 29 February and ISO week 53 exist only in some years: written for every school year, they would
# silently give nothing in the others, so they are refused with the reason (resolve/dates.py, the rules),
# by the phrase reader here and by the structured timings in `timing.py` alike.
LEAP_DAY = (
    "29. februar finnes bare i skuddår, og en dato uten årstall gjelder hvert skoleår; "
    "skriv 28. februar eller 1. mars, eller datoen med årstall («2028-02-29»)"
)
WEEK_53 = (
    "uke 53 finnes bare noen år (2026 har den, 2025 og 2027 ikke), og et årshjul gjelder hvert skoleår; "
    "skriv uke 52 eller uke 1, eller datoer"
)


@dataclass(frozen=True)
class Phrase:
    """A timing as the plan wrote it, and its written standard (None: the same words in both)."""

    text: str
    lang: Literal["nb", "nn"] | None

# --- words ----------------------------------------------------------------------------------------------

MONTH_NAMES = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "febr": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12,
}  # fmt: skip
WEEKDAYS = {"mandag": 1, "tirsdag": 2, "onsdag": 3, "torsdag": 4, "fredag": 5, "lørdag": 6, "søndag": 7}
WEEKDAY_NAMES_NB = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
NUMBERS = {
    "en": 1, "én": 1, "ett": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7,
    "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
}  # fmt: skip

# Nynorsk words → the Bokmål word the forms are written with. The keys are also how a phrase is
# recognised as Nynorsk; NB_ONLY are the words that make it Bokmål.
NN_TO_NB = {
    "veke": "uke", "veker": "uker", "veka": "uka", "vekene": "ukene", "vekentleg": "ukentlig",
    "vekeleg": "ukentlig", "kvar": "hver", "kvart": "hvert", "heile": "hele", "gonger": "ganger",
    "gong": "gang", "tysdag": "tirsdag", "tysdagar": "tirsdager", "tysdagane": "tirsdagene",
    "måndag": "mandag", "måndagar": "mandager", "måndagane": "mandagene", "onsdagar": "onsdager",
    "onsdagane": "onsdagene", "torsdagar": "torsdager", "torsdagane": "torsdagene", "fredagar": "fredager",
    "fredagane": "fredagene", "laurdag": "lørdag", "sundag": "søndag", "annakvar": "annenhver",
    "annankvar": "annenhver", "dagleg": "daglig", "halvårleg": "halvårlig", "årleg": "årlig",
    "dagane": "dagene", "dagar": "dager", "samlingar": "samlinger", "løpande": "løpende",
    "fortløpande": "fortløpende", "kontinuerleg": "kontinuerlig", "dei": "de", "ein": "en", "éin": "én",
    "eitt": "ett", "feriar": "ferier", "helgar": "helger", "oppstartsdagane": "oppstartsdagene",
    "påska": "påsken", "jula": "julen", "frå": "fra", "ikkje": "ikke", "enno": "ennå", "seinare": "senere",
    "kjem": "kommer", "fastsett": "fastsatt", "trengst": "trengs", "òg": "også", "innan": "innen",
}  # fmt: skip
NB_ONLY = {
    "ikke", "senere", "ennå", "enda", "fastsatt", "kommer", "trengs", "fra",
    "uke", "uker", "uka", "uken", "ukene", "ukentlig", "hver", "hvert", "hele", "ganger", "gang", "tirsdag",
    "tirsdager", "tirsdagene", "mandag", "mandager", "mandagene", "onsdager", "onsdagene", "torsdager",
    "torsdagene", "fredager", "fredagene", "lørdag", "søndag", "annenhver", "daglig", "halvårlig", "årlig",
    "dagene", "dager", "samlinger", "løpende", "fortløpende", "kontinuerlig", "de", "en", "én", "ett",
    "ferier", "helger", "oppstartsdagene", "påsken", "julen", "klokken", "syv", "annen", "møter", "innen",
}  # fmt: skip
# Stems that mark a written standard inside compounds (skoleåret, skuleveka, høstferien, sommarferien).
NB_STEMS = ("skole", "høst", "sommer")
NN_STEMS = ("skule", "haust", "sommar")

# Forms named in the message for a phrase nothing understands.
EXAMPLES = (
    "«2. september», «2.9.», «14.–18. oktober», «uke 34», «uke 36–37», «november/desember», «høsten», "
    "«gjennom hele året», «hver tirsdag», «annenhver torsdag», «hver uke», «daglig», «hvert semester», "
    "«fire ganger i året», «halvårlig», «før skolestart», «første skoledag», «oppstartsdagene», "
    "«den første hele uka av skoleåret», «siste skoledag», «etter høstferien», «uka etter vinterferien», "
    "«siste skoledag før jul»"
)


class PhraseError(ValueError):
    """A phrase that cannot be read; the message is for the person who wrote it (Norwegian)."""


def not_understood(text: str) -> PhraseError:
    return PhraseError(
        f"forstår ikke tidspunktet «{text}»; skriv det for eksempel som {EXAMPLES}, gjerne med klokkeslett "
        "(«kl. 18.00–19.30»), eller som en blokk ({week: 34}); sier ingen av dem det planen sier, skriv planens "
        "egne ord: {text: {nb: …, nn: …}} (på siden, ikke i kalenderen)"
    )


# --- from the phrase to plain, canonical text -------------------------------------------------------------

_WORD = re.compile(r"[a-zæøåéèòàü]+")
_SPACES = re.compile(r"\s+")


def written_standard(text: str) -> str | None:
    """«nb», «nn», None (the same in both), or «mixed» for a phrase that mixes them."""
    nb = nn = False
    for word in _WORD.findall(text.lower()):
        if word in NN_TO_NB or word.startswith(NN_STEMS):
            nn = True
        if word in NB_ONLY or word.startswith(NB_STEMS):
            nb = True
    if nb and nn:
        return "mixed"
    return "nb" if nb else "nn" if nn else None


def _to_bokmal(word: str) -> str:
    for nn_stem, nb_stem in zip(NN_STEMS, NB_STEMS):
        if word.startswith(nn_stem):
            word = nb_stem + word[len(nn_stem) :]
    if word.startswith("skole"):  # skuleveka → skoleveka → skoleuka
        rest = word[5:]
        word = "skole" + NN_TO_NB.get(rest, rest)
    return NN_TO_NB.get(word, word)


_MONTH_ALT = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_DASH = re.compile(r"\s*[‐‑‒–—―−]\s*")


def normalise(text: str) -> str:
    """Lower case, one kind of space and dash, Nynorsk words in their Bokmål form, no closing full stop."""
    t = unicodedata.normalize("NFC", text).lower()
    t = t.replace("\u00ad", "")
    t = _SPACES.sub(" ", t.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")).strip()
    t = _WORD.sub(lambda m: _to_bokmal(m[0]), t)
    t = re.sub(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", r"\3.\2.\1", t)  # 2025-09-02 → 2.9.2025
    t = _DASH.sub("–", t)
    t = re.sub(r"(?<=[\d.)])\s*-\s*(?=[\d(k])|\s+-\s+", "–", t)  # 14.-18. · 18-19 · «a - b»
    t = re.sub(rf"\b({_MONTH_ALT})\.?-(?=(?:{_MONTH_ALT})\b)", r"\1–", t)  # mai-juni
    t = re.sub(r"\b(?:kl|klokken|klokka)\b\.?\s*", "kl. ", t)
    t = re.sub(r"\bpr\b\.?", "per", t)
    t = re.sub(r"\bhver (?:andre|annen)\b", "annenhver", t)
    t = re.sub(r"\s*([,;/])\s*", lambda m: ", " if m[1] in ",;" else "/", t)
    t = t.strip(" ,;:")
    if t.endswith(".") and re.search(r"[a-zæøå]\.$", t) and not re.search(rf"\b(?:{_MONTH_ALT})\.$", t):
        t = t[:-1]  # «Hele året.»; not «2. sep.» (which reads the same without it anyway)
    return t


# --- the clock and «også i ferier» ---------------------------------------------------------------------------

_HOUR = r"(?:[01]?\d|2[0-3])"
_CLOCK = re.compile(
    rf"(?:^|(?<=[\s,(]))(?:fra )?kl\. ?(?P<h1>{_HOUR})(?:[.:](?P<m1>\d\d))?"
    rf"(?: ?(?:–|til) ?(?:kl\. ?)?(?P<h2>{_HOUR})(?:[.:](?P<m2>\d\d))?)?(?=$|[\s,)])"
    rf"|(?:^|(?<=[\s,(]))(?P<h3>{_HOUR}):(?P<m3>\d\d)(?: ?– ?(?P<h4>{_HOUR}):(?P<m4>\d\d))?(?=$|[\s,)])"
    # «14.30–15.30» without «kl.»: a span of clock times, where a minute cannot be a month («14.10–18.10» is
    # 14–18 October) or is «00».
    rf"|(?:^|(?<=[\s,(]))(?P<h5>{_HOUR})\.(?P<m5>[0-5]\d) ?– ?(?P<h6>{_HOUR})\.(?P<m6>[0-5]\d)(?=$|[\s,)])"
)
_ALSO_HOLIDAYS = re.compile(
    r",? ?(?:\()?også (?:i |på )?(?:ferier og helger|helger og ferier|ferien|feriene|ferier|helgene|helger)(?:\))?"
)


def _take_clock(t: str) -> tuple[str, dict[str, str]]:
    found = list(_CLOCK.finditer(t))
    if not found:
        return t, {}
    if len(found) > 1:
        raise PhraseError("flere klokkeslett i samme tidspunkt; skriv ett, eller et tidsrom som «kl. 18.00–19.30»")
    found = [m for m in found if not m["h5"] or max(int(m["m5"]), int(m["m6"])) > 12 or "00" in (m["m5"], m["m6"])]
    if not found:
        return t, {}
    if len(found) > 1:
        raise PhraseError("flere klokkeslett i samme tidspunkt; skriv ett, eller et tidsrom som «kl. 18.00–19.30»")
    m = found[0]
    if m["h1"]:
        h1, m1, h2, m2 = m["h1"], m["m1"], m["h2"], m["m2"]
    elif m["h3"]:
        h1, m1, h2, m2 = m["h3"], m["m3"], m["h4"], m["m4"]
    else:
        h1, m1, h2, m2 = m["h5"], m["m5"], m["h6"], m["m6"]
    clock = {"time": f"{int(h1):02d}:{m1 or '00'}"}
    if h2 is not None:
        clock["end_time"] = f"{int(h2):02d}:{m2 or '00'}"
    rest = re.sub(r"\(\s*\)", " ", t[: m.start()] + " " + t[m.end() :])
    rest = _SPACES.sub(" ", rest).strip(" ,;:")
    rest = re.sub(r"\s+,", ",", rest)
    return rest, clock


# --- forms ---------------------------------------------------------------------------------------------------

Form = Callable[[str], "dict[str, Any] | None"]
FORMS: list[tuple[str, Form]] = []


def form(name: str) -> Callable[[Form], Form]:
    def register(function: Form) -> Form:
        FORMS.append((name, function))
        return function

    return register


def _table(pattern: str, value: dict[str, Any]) -> Form:
    compiled = re.compile(pattern)
    return lambda t: dict(value) if compiled.fullmatch(t) else None


_SLUGS = ("før-skolestart", "første-skoledag", "oppstartsdagene", "første-skoleuke", "første-hele-skoleuke",
          "siste-skoleuke", "siste-skoledag")  # fmt: skip
_FIXED: list[tuple[str, dict[str, Any]]] = [
    (r"(?:gjennom )?(?:hele )?(?:skole)?året|gjennom hele (?:skole)?året"
     r"|(?:fortløpende|løpende|kontinuerlig)(?: gjennom (?:hele )?(?:skole)?året)?", {"whole_year": True}),
    (r"daglig|hver (?:skole)?dag|alle (?:skole)?dager|(?:én|en|1) gang (?:om|per|hver) dag(?:en)?", {"daily": True}),
    (r"(?:hver|alle) uke(?:r)?|ukentlig|(?:én|en|1) gang (?:i|per|hver) (?:uka|uke|uken)", {"weekly": True}),
    (r"annenhver uke|hver 14\. dag|(?:én|en|1) gang (?:i|per) annenhver uke", {"weekly": True, "interval": 2}),
    (r"hvert (?:semester|halvår)|(?:én|en|1) gang (?:i|per|hvert) (?:semester|semesteret|halvår|halvåret)"
     r"|(?:høst(?:en)? og vår(?:en)?|vår(?:en)? og høst(?:en)?)", {"every_term": True}),
    (r"(?:ved|etter) behov|når det (?:trengs|trengst|er behov)|ved behov og minst (?:en|én) gang i året",
     {"as_needed": True}),
    (r"ikke (?:bestemt|fastsatt|fastsett|avklart|klart)(?: ennå| enno| enda)?|(?:dato )?kommer(?: senere)?"
     r"|(?:dato )?kjem(?: seinare)?|avklares|blir avklart|(?:dato )?ikke satt|tba", {"undecided": True}),
    (r"halvårlig|(?:to|2) ganger i halvåret", {"times_per_year": 2}),
    (r"årlig|(?:én|en|1) gang (?:i|per) (?:året|år|skoleåret)", {"times_per_year": 1}),
    (r"(?:høst|høsten|høsthalvåret|høstsemesteret|høstterminen)", {"term": "høst"}),
    (r"(?:vår|våren|vårhalvåret|vårsemesteret|vårterminen)", {"term": "vår"}),
    (r"(?:før skolestart(?:en)?|planleggingsdagene(?: før skolestart| i august)?)", {"relative": "før-skolestart"}),
    (r"(?:første skoledag|skolestart|første dag(?:en)?(?: (?:av|i) skoleåret)?|første skoledag (?:av|i) skoleåret)",
     {"relative": "første-skoledag"}),
    (r"(?:oppstartsdagene|(?:de )?første (?:skole)?dagene(?: (?:av|i) skoleåret)?|ved skolestart(?:en)?)",
     {"relative": "oppstartsdagene"}),
    (r"(?:den )?første (?:skoleuka|skoleuke|skoleuken|uka|uke|uken)(?: (?:av|i) skoleåret| etter skolestart)?",
     {"relative": "første-skoleuke"}),
    (r"(?:den )?første hele (?:skoleuka|skoleuke|skoleuken|uka|uke|uken)(?: (?:av|i) skoleåret)?",
     {"relative": "første-hele-skoleuke"}),
    (r"(?:den )?siste (?:skoleuka|skoleuke|skoleuken|uka|uke|uken)(?: (?:av|i) skoleåret)?",
     {"relative": "siste-skoleuke"}),
    (r"(?:den )?siste (?:skole)?dag(?:en)?(?: (?:av|i) skoleåret)?|skoleslutt", {"relative": "siste-skoledag"}),
]  # fmt: skip
for _pattern, _value in _FIXED:
    form(str(next(iter(_value.values()))))(_table(_pattern, _value))


@form("relative (id)")
def _slug(t: str) -> dict[str, Any] | None:
    return {"relative": t} if t in _SLUGS else None


HOLIDAY_WORDS = {
    "høstferie": "høstferie", "høstferien": "høstferie",
    "juleferie": "juleferie", "juleferien": "juleferie", "jul": "juleferie", "julen": "juleferie",
    "nyttår": "juleferie", "romjul": "juleferie", "romjulen": "juleferie",
    "vinterferie": "vinterferie", "vinterferien": "vinterferie",
    "påskeferie": "påskeferie", "påskeferien": "påskeferie", "påske": "påskeferie", "påsken": "påskeferie",
    "sommerferie": "sommerferie", "sommerferien": "sommerferie", "sommeren": "sommerferie",
}  # fmt: skip
_HOL = "(?P<hol>" + "|".join(sorted(HOLIDAY_WORDS, key=len, reverse=True)) + ")"
_HOLIDAY_FORMS = [
    (re.compile(rf"(?:rett |like |i tiden |tiden )?før {_HOL}"), "før"),
    (re.compile(rf"(?:rett |like |i tiden |tiden )?etter {_HOL}"), "etter"),
    (re.compile(rf"(?:den )?(?:siste )?(?:skoleuka|skoleuke|uka|uke|uken) før {_HOL}"), "uka-før"),
    (re.compile(rf"(?:den )?(?:første )?(?:skoleuka|skoleuke|uka|uke|uken) etter {_HOL}"), "uka-etter"),
    (re.compile(rf"(?:den )?siste (?:skole)?dag(?:en)? før {_HOL}"), "siste-skoledag-før"),
    (re.compile(rf"(?:den )?første (?:skole)?dag(?:en)? etter {_HOL}"), "første-skoledag-etter"),
]


@form("ferie")
def _holiday(t: str) -> dict[str, Any] | None:
    for pattern, relation in _HOLIDAY_FORMS:
        m = pattern.fullmatch(t)
        if m:
            return {"holiday": HOLIDAY_WORDS[m["hol"]], "relation": relation}
    return None


_WEEKDAY_ALT = "|".join(WEEKDAYS)


@form("ukedag")
def _weekday(t: str) -> dict[str, Any] | None:
    m = re.fullmatch(
        rf"(?P<other>annenhver )?(?:(?:hver|alle|på|om) )?(?P<day>{_WEEKDAY_ALT})(?:er|ene|en)?"
        r"(?: (?:hver|i) uke)?", t
    )
    if not m or (not m["other"] and t == m["day"]):  # a bare «tirsdag» says no week
        return None
    day = WEEKDAYS[m["day"]]
    if day > 5:
        raise PhraseError(f"«{m['day']}» er ikke en skoledag; en aktivitet hver uke må være på en ukedag (mandag–fredag)")
    return {"weekly": day, **({"interval": 2} if m["other"] else {})}


_COUNT = "(?P<n>\\d{1,2}|" + "|".join(NUMBERS) + ")"


@form("antall ganger i året")
def _count(t: str) -> dict[str, Any] | None:
    m = re.fullmatch(
        rf"(?:ca\. |cirka |omtrent )?{_COUNT} ?(?:ganger|gang|x|møter|møte|samlinger|samling)"
        r" (?:i|per|hvert) (?:året|år|skoleåret|skoleår)(?: ?\((?P<paren>.+)\)|: (?P<colon>.+))?",
        t,
    )
    if not m:
        return None
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
    value: dict[str, Any] = {"times_per_year": n}
    known = m["paren"] or m["colon"]
    if known:
        months = _months(known)
        if months is not None:
            value["months"] = months
        else:
            dates = _date_list(known)
            if dates is None:
                return None
            value["dates"] = dates
    return value


_WEEK_SEP = re.compile(r"\s*(?:–|,|og|/|\+|&)\s*")


def _number_list(text: str, wrap: int, what: str) -> list[int] | None:
    """«36–37» → [36, 37]; «45, 46, 9 og 10»; a range wraps past `wrap` («51–2», «november–februar»)."""
    parts = [p for p in re.split(r"\s*(,|og|/|\+|&|eller)\s*", text) if p and p not in (",", "og", "/", "+", "&", "eller")]
    numbers: list[int] = []
    for part in parts:
        ends = part.split("–")
        if len(ends) > 2 or not all(e.isdigit() for e in ends):
            return None
        first, last = int(ends[0]), int(ends[-1])
        for n in (first, last):
            if n == 53 and what == "uke":
                raise PhraseError(WEEK_53)
            if not 1 <= n <= wrap:
                raise PhraseError(f"{what} {n} finnes ikke; ukenumrene går fra 1 til 52")
        n = first
        numbers.append(n)
        while n != last:
            n = n % wrap + 1
            numbers.append(n)
    return numbers


@form("uke")
def _weeks(t: str) -> dict[str, Any] | None:
    t = re.sub(r"(,|\bog|–|/) ?(?:uke|u\.?|v\.?) ?(?=\d)", r"\1 ", t)  # «uke 34 og uke 35»
    m = re.fullmatch(r"(?:uke|uker|ukene|u\.?|v\.?) ?(?P<list>\d[\d\s–,/+&og]*)", t)
    if not m:
        return None
    numbers = _number_list(m["list"].strip(), 52, "uke")
    if not numbers:
        return None
    return {"week": numbers[0]} if len(numbers) == 1 else {"weeks": numbers}


def _months(text: str) -> list[int] | None:
    """«november/desember», «mai–juni», «september og januar», «sep., okt.» → month numbers, as written."""
    parts = [p for p in re.split(r"\s*(?:,|\bog\b|/|\beller\b|\+|&)\s*", text) if p]
    numbers: list[int] = []
    for part in parts:
        ends = [e.strip().rstrip(".") for e in part.split("–")]
        if len(ends) > 2 or not all(e in MONTH_NAMES for e in ends):
            return None
        first, last = MONTH_NAMES[ends[0]], MONTH_NAMES[ends[-1]]
        n = first
        numbers.append(n)
        while n != last:
            n = n % 12 + 1
            numbers.append(n)
    return numbers or None


@form("måned")
def _month_form(t: str) -> dict[str, Any] | None:
    t = re.sub(r"^(?:(?:begynnelsen|starten|midten|slutten|utgangen) av|tidlig i|sent i|medio|ultimo|primo) ", "", t)
    numbers = _months(t)
    if numbers is None:
        return None
    return {"month": numbers[0]} if len(numbers) == 1 else {"months": numbers}


# Dates. A day of a list or range may leave its month (and year) to the next one: «2. og 3. september».
_DATE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY_ALT})(?: den)? )?(?P<d>\d{{1,2}})"
    r"(?:\.(?:(?P<m>\d{1,2})(?:\.(?P<y>\d{4}|\d{2})?)?)?)?"
    rf"(?: ?(?P<mn>{_MONTH_ALT})\.?(?: (?P<yy>\d{{4}}))?)?"
)
_SLASH = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?")


def _full_year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _date_item(text: str) -> tuple[int, int | None, int | None, int | None] | None:
    """(day, month, year, weekday) of «2. september 2025», «2.9.», «14.» (a day alone), or None."""
    m = _DATE.fullmatch(text)
    if m:
        if m["m"] and m["mn"]:
            return None
        month = int(m["m"]) if m["m"] else MONTH_NAMES[m["mn"]] if m["mn"] else None
        year_text = m["y"] or m["yy"]
        if not m["m"] and not m["mn"] and "." not in text:
            return None  # a bare number is no date
        return int(m["d"]), month, _full_year(year_text) if year_text else None, WEEKDAYS[m["wd"]] if m["wd"] else None
    m = _SLASH.fullmatch(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        if a <= 12 and b <= 12 and a != b:
            raise PhraseError(
                f"kan bety {a}. {_month_name(b)} eller {b}. {_month_name(a)}; skriv måneden med bokstaver "
                f"(«{a}. {_month_name(b)}») eller med punktum, dagen først («{a}.{b}.»)"
            )
        day, month = (a, b) if b <= 12 else (b, a)
        return day, month, _full_year(m["y"]) if m["y"] else None, None
    return None


def _month_name(n: int) -> str:
    return MONTHS[n - 1]


def _complete(items: list[tuple[int, int | None, int | None, int | None]]) -> list[str] | None:
    """Days with their month (and year) filled in from the next item; each as «MM-DD» or «YYYY-MM-DD»."""
    days: list[str] = []
    month = year = None
    for day, own_month, own_year, weekday in reversed(items):
        if own_month is not None:
            month, year = own_month, own_year
        elif month is None:
            return None
        days.append(_day_text(day, month, year, weekday))
    return list(reversed(days))


def _day_text(day: int, month: int, year: int | None, weekday: int | None) -> str:
    if not 1 <= month <= 12:
        raise PhraseError(f"måned {month} finnes ikke")
    try:
        date = dt.date(year or 2024, month, day)  # 2024: a leap year
    except ValueError:
        raise PhraseError(f"{day}. {_month_name(month)} finnes ikke") from None
    if year is None:
        if (month, day) == (2, 29):
            raise PhraseError(LEAP_DAY)
        return f"{month:02d}-{day:02d}"
    if weekday is not None and date.isoweekday() != weekday:
        raise PhraseError(
            f"{day}. {_month_name(month)} {year} er en {WEEKDAY_NAMES_NB[date.isoweekday() - 1]}, "
            f"ikke en {WEEKDAY_NAMES_NB[weekday - 1]}"
        )
    return date.isoformat()


def _date_list(text: str) -> list[str] | None:
    items = [p for p in re.split(r"\s*(?:,|\bog\b|&)\s*", text) if p]
    parsed = [_date_item(p) for p in items]
    if not parsed or any(p is None for p in parsed):
        return None
    return _complete(parsed)  # type: ignore[arg-type]


@form("dato")
def _dates(t: str) -> dict[str, Any] | None:
    t = re.sub(r"^(?:fra og med|fra|f\.o\.m\.?) ", "", t)
    ends = re.split(r"\s*(?:–|\btil og med\b|\btil\b|\bt\.o\.m\.?)\s*", t)
    if len(ends) == 2:
        start, end = _date_item(ends[0]), _date_item(ends[1])
        if start is None or end is None:
            return None
        days = _complete([start, end])
        if days is None:
            return None
        if start[2] is None and end[2] is not None and start[1] is not None:
            # «28. november – 3. desember 2025»: the year is the range's («20. desember – 5. januar 2026»: the one before)
            year = end[2] if (start[1], start[0]) <= (end[1], end[0]) else end[2] - 1
            days[0] = _day_text(start[0], start[1], year, start[3])
        return {"start": days[0], "end": days[1]}
    if len(ends) > 2:
        return None
    days = _date_list(t)
    if days is None:
        return None
    return {"date": days[0]} if len(days) == 1 else {"dates": days}


_AMBIGUOUS_NUMBERS = re.compile(r"(\d{1,2})-(\d{1,2})|(\d{1,2})–(\d{1,2})")
_LEADING = re.compile(
    r"^(?:i løpet av|i tiden|en gang i|en gang|i|om|på|ved|innen|fra og med|hele"
    r"|(?:møter?|samlinger?)(?= (?:en|én|1|hver|hvert|annenhver|to|2|fire|4) ))(?: |$)"
)  # «møte en gang pr. uke»: what meets is the activity's title, the rest is when

def _match(t: str) -> dict[str, Any] | None:
    for _, function in FORMS:
        value = function(t)
        if value is not None:
            return value
    return None


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[dict[str, Any], str | None]:
    lang = written_standard(text)
    if lang == "mixed":
        raise PhraseError(f"tidspunktet «{text.strip()}» blander bokmål og nynorsk; skriv det på ett av dem")
    t = normalise(text)
    if not t:
        raise PhraseError("tidspunktet er tomt; skriv for eksempel «uke 34» eller «2. september»")
    if re.fullmatch(r"\d{1,2}-\d{1,2}", text.strip()):
        a, b = (int(x) for x in text.strip().split("-"))
        if a <= 12 and b <= 12:
            raise PhraseError(
                f"«{text.strip()}» kan bety {b}. {_month_name(a)} (måned først, som i blokken {{date: \"{text.strip()}\"}}) "
                f"eller {a}. {_month_name(b)}; skriv måneden med bokstaver («{b}. {_month_name(a)}»)"
            )
    try:
        t, extra = _take_clock(t)
        also = _ALSO_HOLIDAYS.search(t)
        if also:
            t = (t[: also.start()] + t[also.end() :]).strip(" ,")
            extra["school_days_only"] = False
        value = _match(t)
        deadline = t.startswith("innen ")
        while value is None and _LEADING.match(t):
            t = _LEADING.sub("", t, count=1)
            value = _match(t)
        if deadline and value is not None and set(value) == {"date"}:  # «innen 1. oktober»: by then, not after
            value = {**value, "by": True}
    except PhraseError as exc:
        raise PhraseError(f"«{text.strip()}»: {exc}") from None
    if value is None:
        raise not_understood(text.strip())
    return {**value, **extra}, lang


def read_phrase(text: str) -> tuple[dict[str, Any], Phrase]:
    """The structured block a phrase says ({weeks: [36, 37], time: "18:00"}), and the phrase as written with its
    written standard (raises PhraseError, in Norwegian); `timing.parse_timing` makes the typed timing of it."""
    value, lang = _read(text)
    return dict(value), Phrase(" ".join(text.split()), lang)


def timing_value(text: str) -> dict[str, Any]:
    """The structured form of a phrase ({weeks: [36, 37], time: "18:00"}), for writing YAML."""
    return dict(_read(text)[0])
