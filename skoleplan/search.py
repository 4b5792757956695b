"""Search that understands Norwegian: the build's half (stems, word lists, the index file).

Material's search (lunr in a web worker) appends a wildcard to every query
term, which skips lunr's stemmer, and by default it does not stem at all. The
project's worker (`overrides/theme/assets/javascripts/workers/skoleplan-search.js`)
indexes every word together with its Snowball stem and expands each query word
into its exact form, its prefix, its stem and the stems of related forms. This
module does the part that needs the school's data and the site's words, once,
at build time:

* `compile_words` turns `data/sok.yaml` into a small table for one written
  standard: synonym groups as stems, and for each word of the site that holds
  a part of a bokmål–nynorsk pair, the stem a reader of the *other* standard
  would type (`skulemiljøet` → `skolemiljø` on the bokmål site);
* `write_index_words` puts that table and a tokenizer separator into the
  site's `search/search_index.json`, which the worker reads at start-up;
* `index_sizes` reports the size of each language's index (for bench/).

The stemmer must be the one the browser runs: lunr-languages' `lunr.no`,
which is Snowball's Norwegian algorithm as of Snowball 2.2 (3.x changed the
rules for -s; tests/search checks that both agree on every word of the example
site). PyStemmer 2.2 is that release's C library: the pure-Python
snowballstemmer imports every language's stemmer on first use, which cost
every build a thirtieth of a second. Knows nothing of MkDocs beyond the index file's format.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import Stemmer

from .model.base import LANGS, Lang
from .model.plan import SearchFile

# Where a word ends, for the browser (lunr's tokenizer, Material's highlighter) and for this module
# alike: white space, dashes, punctuation, quotation marks, and the HTML entities the index holds.
# A full stop splits unless a digit follows («12.4» stays whole). Material's default is `[\s\-]+`,
# which leaves «mobbing,» and «(rektor)» as words that neither stem nor match. Last, a capital
# letter followed by a small one starts a word: Material's index drops <br> without a space, so
# a table cell's «Elevundersøkelsen<br>Elevene» reaches the index as «ElevundersøkelsenElevene».
SEPARATOR = r"[\s\-–—,:;!?=\[\]()\"'«»“”‘’/…|]+|\.(?!\d)|&(?:amp|lt|gt|quot);|(?=[A-ZÆØÅ][a-zæøå])"

# lunr-languages' Norwegian stop words (lunr.no.stopWordFilter, bokmål and nynorsk): never indexed,
# so a query word among them can match nothing. tests/search checks this list against lunr.no.
STOP_WORDS = frozenset(
    """alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira deires dem den denne der
    dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt eller elles en enn er et ett etter
    for fordi fra før ha hadde han hans har hennar henne hennes her hjå ho hoe honom hoss hossen hun hva hvem
    hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ikkje ingen ingi inkje inn inni ja jeg kan kom korleis
    korso kun kunne kva kvar kvarhelst kven kvi kvifor man mange me med medan meg meget mellom men mi min mine
    mitt mot mykje ned no noe noen noka noko nokon nokor nokre nå når og også om opp oss over på samme seg selv
    si sia sidan siden sin sine sitt sjøl skal skulle slik so som somme somt så sånn til um upp ut uten var
    vart varte ved vere verte vi vil ville vore vors vort vår være vært å""".split()
)

# A pair's part must be this long to be looked for inside longer words («skole» in «grunnskolen»).
MIN_PART = 4

_SPLIT = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return Stemmer.Stemmer("norwegian")


def normalize(word: str) -> str:
    """A word as the index holds it: NFC, lower case (lunr lowercases every token)."""
    return unicodedata.normalize("NFC", word).lower()


def stem_once(word: str) -> str:
    """Snowball's Norwegian stem of one word, exactly as lunr.no computes it in the browser."""
    return _stemmer().stemWord(normalize(word))


def stem(word: str) -> str:
    """The stem a word is indexed and searched by: Snowball applied twice, as the worker does.

    Once leaves the definite form of nouns in -er apart from the base form
    («kontaktlæreren» → «kontaktlærer», «kontaktlærer» → «kontaktlær»); the
    second pass joins them.
    """
    return stem_once(stem_once(word))


def words(text: str) -> list[str]:
    """The words of a text as the browser's tokenizer splits it (tags dropped, lower case)."""
    text = unicodedata.normalize("NFC", _TAG.sub(" ", text))
    return [normalize(w) for w in _SPLIT.split(text) if w]


def terms(phrase: str) -> tuple[str, ...]:
    """The stems a phrase is searched by: its words without stop words, stemmed."""
    return tuple(stem(w) for w in words(phrase) if w not in STOP_WORDS)


# --- the table the worker reads ------------------------------------------------------------------


@dataclass(frozen=True)
class SearchWords:
    """What the browser's query expansion needs for one written standard, all in stem space.

    `synonyms`: groups; each group a tuple of forms, each form the stems of one
    word or phrase. A query word whose stem is a one-stem form of a group, or a
    run of query words that spells a longer form, also searches the stems of
    the group's other forms.

    `equivalents`: stem a reader of the other standard would type → stems of
    this site's words it stands for (`skul` → `skol` on the bokmål site).
    """

    lang: Lang
    synonyms: tuple[tuple[tuple[str, ...], ...], ...]
    equivalents: dict[str, tuple[str, ...]]

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "synonyms": [[list(form) for form in group] for group in self.synonyms],
            "equivalents": {key: list(value) for key, value in sorted(self.equivalents.items())},
        }


def _replacements(word: str, pairs: list[tuple[str, str]]) -> Iterator[str]:
    """Every spelling of `word` with one or more of its parts swapped for the other standard's (`here` → `there`)."""
    found = [(here, there) for here, there in pairs if here in word and (len(here) >= MIN_PART or here == word)]
    for count in range(1, min(len(found), 3) + 1):
        for chosen in itertools.combinations(found, count):
            variant = word
            for here, there in chosen:
                variant = variant.replace(here, there)
            if variant != word:
                yield variant


def equivalent_stems(
    vocabulary: Iterable[str], pairs: Iterable[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """For the site's words, the stems of their spellings in the other standard, each mapped to the site's stem.

    `pairs` are (this standard, other standard). A pair's part counts inside a
    longer word too, so one pair covers compounds and inflected forms: with
    (skole, skule), «skolemiljøet» on the site answers «skulemiljø», and
    «grunnskolen» answers «grunnskul». Keys the stemmer already joins are left out.
    """
    swaps = [(a, b) for a, b in pairs if a and b and a != b]
    if not swaps:
        return {}
    has_part = re.compile("|".join(re.escape(a) for a, _ in swaps))  # most words have none: skip them at once
    table: dict[str, set[str]] = {}
    for word in sorted(set(vocabulary)):
        if word in STOP_WORDS or not has_part.search(word):
            continue
        variants = list(_replacements(word, swaps))
        if not variants:  # most words have no part to swap: no need to stem them (the slow step)
            continue
        target = stem(word)
        for variant in variants:
            key = stem(variant)
            if key != target:
                table.setdefault(key, set()).add(target)
    return {key: tuple(sorted(targets)) for key, targets in sorted(table.items())}


def compile_words(search: SearchFile, lang: Lang, vocabulary: Iterable[str]) -> SearchWords:
    """The school's search words (data/sok.yaml) as the table the worker of the `lang` site reads.

    `vocabulary` is every word of that site (see `index_vocabulary`). Synonym
    forms made only of stop words are dropped: nothing could match them.
    """
    other = next(code for code in LANGS if code != lang)
    groups = []
    for group in search.synonyms:
        forms = tuple(dict.fromkeys(form for form in (terms(word) for word in group) if form))
        if len(forms) > 1:
            groups.append(forms)
    pairs: list[tuple[str, str]] = []
    for pair in search.equivalents:
        here, there = normalize(getattr(pair, lang)), normalize(getattr(pair, other))
        pairs.append((here, there))
    return SearchWords(lang=lang, synonyms=tuple(groups), equivalents=equivalent_stems(vocabulary, pairs))


def word_problems(search: SearchFile) -> list[str]:
    """What in data/sok.yaml the search cannot use, in Norwegian: warnings for the build log."""
    problems = []
    for group in search.synonyms:
        for word in group:
            if not terms(word):
                problems.append(f"sok.yaml: «{word}» består bare av småord søket hopper over; det blir ikke brukt")
    for pair in search.equivalents:
        if pair.nb in STOP_WORDS and pair.nn in STOP_WORDS:
            problems.append(f"sok.yaml: «{pair.nb}» og «{pair.nn}» er småord søket hopper over; paret blir ikke brukt")
    return problems


# --- the index file -------------------------------------------------------------------------------

INDEX_PATH = Path("search") / "search_index.json"


def index_vocabulary(index: dict[str, Any]) -> set[str]:
    """Every word in a Material search index (titles, texts and tags), as the browser splits them."""
    vocabulary: set[str] = set()
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            vocabulary.update(words(doc.get(field) or ""))
        for tag in doc.get("tags") or []:
            vocabulary.update(words(str(tag)))
    return vocabulary


# How much more a word in a heading counts than a word in the text. Material weighs headings 1000 times: then
# one word of a question in some heading («Barnets beste» for «barnet mitt blir mobbet») outranks a section
# that answers the whole question in its text. Measured on the question table (tests/search/questions.json).
TITLE_BOOST = 10.0


def write_index_words(site_dir: Path, search: SearchFile, lang: Lang) -> SearchWords | None:
    """Add the separator and the search words to the index Material wrote in `site_dir` (one language).

    The worker finds them in `config` of the index it is handed at start-up,
    so the words cost no extra request. Written as Material writes it (compact, ASCII).
    """
    path = site_dir / INDEX_PATH
    if not path.exists():  # the search plugin is switched off: nothing to add to
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    table = compile_words(search, lang, index_vocabulary(index))
    index["config"]["separator"] = SEPARATOR
    index["config"]["skoleplan"] = table.as_json()
    if "title" in index["config"].get("fields", {}):
        index["config"]["fields"]["title"]["boost"] = TITLE_BOOST
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return table


@dataclass(frozen=True)
class IndexSize:
    """The size of one language's search index: as served, and gzip-compressed (level 6, as web servers do)."""

    raw: int
    gzip: int


def index_sizes(site_dir: Path) -> dict[str, IndexSize]:
    """Size of `search/search_index.json` of each language site under `site_dir` (site/nb/, site/nn/)."""
    sizes = {}
    for lang in LANGS:
        path = Path(site_dir) / lang / INDEX_PATH
        if path.exists():
            data = path.read_bytes()
            sizes[lang] = IndexSize(raw=len(data), gzip=len(gzip.compress(data, 6, mtime=0)))
    return sizes


__all__ = [
    "IndexSize",
    "SEPARATOR",
    "STOP_WORDS",
    "SearchWords",
    "compile_words",
    "equivalent_stems",
    "index_sizes",
    "index_vocabulary",
    "stem",
    "stem_once",
    "terms",
    "word_problems",
    "words",
    "write_index_words",
]
