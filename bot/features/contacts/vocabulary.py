"""The contact log's vocabulary: kinds, countries, strategic areas, dates, departments.

Everything is stored canonically (kind keys, ISO 3166-1 alpha-2 codes, area keys, ISO
dates) and matched forgivingly: Swedish and English names, codes, missing diacritics and
typos. A value that matches nothing well enough gives the nearest choices instead, so the
user is told what to write.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.kernel.grammar import fold
from bot.kernel.messages import Language

if TYPE_CHECKING:
    from bot.kernel.config import Settings
    from knowledge.index import PolicyIndex

# Kind key -> (Swedish label, English label).
KINDS: dict[str, tuple[str, str]] = {
    "twin_town": ("Vänort", "Twin town"),
    "eu_project": ("EU-projekt", "EU project"),
    "network": ("Nätverk", "Network"),
    "conference": ("Konferens", "Conference"),
    "study_visit": ("Studiebesök", "Study visit"),
    "delegation": ("Delegation", "Delegation"),
    "other": ("Annat", "Other"),
}

# More ways of writing a kind (folded by `fold` before matching).
_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "twin_town": ("vänort", "vänorter", "vänortsbesök", "twin town", "twin city", "sister city"),
    "eu_project": ("eu-projekt", "eu projekt", "eu", "eu project", "projekt", "project"),
    "network": ("nätverk", "nätverksmöte", "network", "network meeting"),
    "conference": ("konferens", "conference", "seminarium", "seminar"),
    "study_visit": ("studiebesök", "study visit", "studieresa", "study trip"),
    "delegation": ("delegation", "besök", "delegationsbesök", "visit", "delegation visit"),
    "other": ("annat", "övrigt", "other"),
}

# Strategic areas when no municipality (and so no policy) is configured.
GENERIC_AREAS: tuple[tuple[str, str], ...] = (
    ("kompetens", "Internationell kompetens"),
    ("information", "Information"),
    ("projekt", "Projekt"),
    ("natverk", "Nätverk"),
)

# Country names pycountry's Swedish catalogue lacks or words unlike everyday Swedish.
_COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    "GB": ("Storbritannien", "United Kingdom"),
    "RU": ("Ryssland", "Russia"),
    "BY": ("Belarus", "Belarus"),
    "CD": ("Demokratiska republiken Kongo", "DR Congo"),
    "PS": ("Palestina", "Palestine"),
    "TW": ("Taiwan", "Taiwan"),
    "VA": ("Vatikanstaten", "Vatican City"),
    "FM": ("Mikronesien", "Micronesia"),
    "XK": ("Kosovo", "Kosovo"),  # a user-assigned ISO code, not in pycountry
}
# Codes pycountry does not list but partners have (Kosovo: the EU and Sweden use XK).
_EXTRA_COUNTRIES: tuple[str, ...] = ("XK",)
# More ways of naming a country (both languages), besides pycountry's names and codes.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": (
        "Storbritannien",
        "England",
        "Skottland",
        "Scotland",
        "Wales",
        "Nordirland",
        "Northern Ireland",
        "UK",
        "Great Britain",
        "Britain",
        "Förenade kungariket",
    ),
    "NL": ("Holland", "Nederländerna", "Netherlands", "The Netherlands"),
    "US": ("USA", "Förenta staterna", "Amerika", "United States of America", "America"),
    "RU": ("Ryssland", "Russia"),
    "BY": ("Vitryssland", "Belarus"),
    "CZ": ("Tjeckien", "Tjeckiska republiken", "Czech Republic"),
    "KR": ("Sydkorea", "South Korea", "Korea"),
    "KP": ("Nordkorea", "North Korea"),
    "BA": ("Bosnien", "Bosnia"),
    "MK": ("Makedonien", "Macedonia"),
    "CD": ("Kongo-Kinshasa", "DR Kongo", "DR Congo"),
    "CG": ("Kongo-Brazzaville",),
    "TR": ("Turkey", "Turkiet"),
    "DE": ("Tyskland", "Deutschland"),
    "FO": ("Färöarna",),
    "GL": ("Grönland",),
}

FUZZY_COUNTRY = 85  # rapidfuzz ratio for a typo to count as the country
FUZZY_KIND = 80
FUZZY_AREA = 80
FUZZY_DEPARTMENT = 80
SUGGESTIONS = 3


@dataclass(frozen=True, kw_only=True)
class Match:
    """The result of a forgiving match: the canonical key, or the nearest keys."""

    key: str | None
    nearest: tuple[str, ...] = ()
    corrected: bool = False  # a typo was read as `key`: the user should be told

    @property
    def ok(self) -> bool:
        return self.key is not None


def department_key(name: str) -> str:
    """The folded key of a department name: `Kultur förvaltningen` == `kulturforvaltningen`."""
    return fold(name).replace(" ", "")


# --- kinds -------------------------------------------------------------------------


def kind_label(key: str, lang: Language) -> str:
    labels = KINDS.get(key)
    if labels is None:
        return key
    return labels[0] if lang == "sv" else labels[1]


def kind_options(lang: Language) -> list[tuple[str, str]]:
    """(key, label) for a select, in the order of `KINDS`."""
    return [(key, kind_label(key, lang)) for key in KINDS]


@cache
def _kind_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for key, (sv, en) in KINDS.items():
        for form in (key, sv, en, *_KIND_ALIASES.get(key, ())):
            forms.setdefault(fold(form), key)
    return forms


def match_kind(text: str) -> Match:
    return _match(text, _kind_forms(), threshold=FUZZY_KIND)


# --- countries ---------------------------------------------------------------------


@cache
def _swedish() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])


@cache  # a report labels every row; the codes are few
def country_name(code: str, lang: Language) -> str:
    """`DE` -> `Tyskland` (sv) or `Germany` (en); an unknown code is returned as is."""
    code = code.upper()
    if code in _COUNTRY_NAMES:
        sv, en = _COUNTRY_NAMES[code]
        return sv if lang == "sv" else en
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    return _swedish().gettext(name) if lang == "sv" else name


@cache
def country_options(lang: Language) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in `lang` (Swedish collation-ish)."""
    codes = [str(c.alpha_2) for c in pycountry.countries] + list(_EXTRA_COUNTRIES)
    names = [(code, country_name(code, lang)) for code in codes]
    return sorted(names, key=lambda pair: fold(pair[1]))


@cache
def _country_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    swedish = _swedish()
    aliases = {code: list(names) for code, names in _COUNTRY_ALIASES.items()}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = [
            str(name)
            for name in (
                getattr(country, "common_name", None),
                country.name,
                getattr(country, "official_name", None),
            )
            if name
        ]
        own = [
            code,
            str(country.alpha_3),
            country_name(code, "sv"),
            country_name(code, "en"),
            *names,
            *(swedish.gettext(name) for name in names),
            *aliases.get(code, ()),
        ]
        for form in own:
            folded = fold(form)
            if folded:
                forms.setdefault(folded, code)
    for code in _EXTRA_COUNTRIES:
        for form in (code, *_COUNTRY_NAMES[code]):
            forms.setdefault(fold(form), code)
    return forms


def match_country(text: str) -> Match:
    """`tyskland`, `Germany`, `DE`, `DEU`, `Tyskaland` -> `DE`; otherwise the nearest codes.

    Two-letter and three-letter input is taken as a code only (no fuzzy guess from `XX`).
    """
    folded = fold(text)
    forms = _country_forms()
    if folded in forms:
        return Match(key=forms[folded])
    if len(folded) <= 3:
        return Match(key=None, nearest=_nearest(folded, forms))
    return _match(text, forms, threshold=FUZZY_COUNTRY)


def kind_forms() -> dict[str, str]:
    """Every folded way of writing a kind -> its key (for recognising kinds in free text)."""
    return dict(_kind_forms())


def country_forms() -> dict[str, str]:
    """Every folded name and code of a country -> its alpha-2 code (for free text)."""
    return dict(_country_forms())


# --- regions -------------------------------------------------------------------------

# Groups of countries by membership, as ISO 3166-1 alpha-2 codes that pycountry knows
# (a test checks each). Membership is a fact of treaties, not of names, so it is data:
# the EU's 27 members since 1 February 2020; the Nordic Council's five states and the
# three autonomous areas (Faroe Islands, Greenland, Åland); the three Baltic states.
_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
_NORDEN = "DK FI IS NO SE FO GL AX"
_BALTIKUM = "EE LV LT"
REGIONS: dict[str, tuple[str, str, frozenset[str]]] = {
    "norden": ("Norden", "the Nordic countries", frozenset(_NORDEN.split())),
    "eu": ("EU", "the EU", frozenset(_EU.split())),
    "baltikum": ("Baltikum", "the Baltic states", frozenset(_BALTIKUM.split())),
}
# Ways of naming a region (folded before matching), Swedish and English.
_REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "norden": (
        "norden", "nordiska länder", "nordiska länderna", "de nordiska länderna",
        "nordic countries", "the nordics", "nordics",
    ),
    "eu": (
        "eu-länder", "eu-länderna", "eu-land", "europeiska unionen", "eu countries",
        "eu member states", "the european union", "european union", "eu:s medlemsländer",
    ),
    "baltikum": (
        "baltikum", "baltiska länder", "baltiska länderna", "baltiska staterna",
        "baltic states", "baltic countries", "the baltics", "baltics",
    ),
}  # fmt: skip


def region_forms() -> dict[str, str]:
    """Every folded name of a region -> its key."""
    return {fold(form): key for key, forms in _REGION_ALIASES.items() for form in forms}


def region_members(key: str) -> frozenset[str]:
    """The alpha-2 codes of a region's members."""
    return REGIONS[key][2]


def region_label(key: str, lang: Language) -> str:
    sv, en, _ = REGIONS[key]
    return sv if lang == "sv" else en


# --- strategic areas -----------------------------------------------------------------


def strategic_areas(settings: Settings, index: PolicyIndex) -> list[tuple[str, str]]:
    """The configured municipality's strategic areas as (key, label); a generic list
    when no municipality is configured or its policy names none."""
    if settings.municipality:
        wanted = settings.municipality.casefold()
        for document in index.documents:
            if document.municipality.casefold() == wanted and document.strategic_areas:
                return list(document.strategic_areas)
    return list(GENERIC_AREAS)


def area_label(key: str, areas: Sequence[tuple[str, str]]) -> str:
    """The label of an area key among `areas` (from `strategic_areas`), or the key."""
    return next((label for k, label in areas if k == key), key)


def match_area(text: str, areas: Sequence[tuple[str, str]]) -> Match:
    """An area by key, label, a word of its label (`kompetens`) or with a typo."""
    forms: dict[str, str] = {}
    for key, label in areas:
        forms.setdefault(fold(key), key)
        forms.setdefault(fold(label), key)
    folded = fold(text)
    if folded in forms:
        return Match(key=forms[folded])
    words = {key: set(fold(label).split()) | {fold(key)} for key, label in areas}
    hits = [key for key, own in words.items() if folded in own]
    if len(hits) == 1:
        return Match(key=hits[0])
    return _match(text, forms, threshold=FUZZY_AREA)


# --- departments ---------------------------------------------------------------------


def match_department(
    text: str, departments: Iterable[tuple[int, str]], *, prefix: bool = False
) -> Match:
    """An existing department by name: folded equality (`kulturforvaltningen`), then a
    close typo; with `prefix`, also the one name that starts with `text` (`kultur`).
    `Match.key` is the department id as a string; `nearest` are ids too."""
    forms = {department_key(name): str(ident) for ident, name in departments}
    wanted = department_key(text)
    if not wanted:
        return Match(key=None)
    if wanted in forms:
        return Match(key=forms[wanted])
    close = {key for form, key in forms.items() if _same_department(wanted, form)}
    if len(close) == 1:
        return Match(key=close.pop())
    if prefix:
        starting = {key for form, key in forms.items() if form.startswith(wanted)}
        if len(starting) == 1:
            return Match(key=starting.pop())
    return Match(key=None, nearest=_nearest(wanted, forms))


# Words that name the kind of body, not which one: `Kultur och fritid` is the stem of
# `Kultur- och fritidsförvaltningen`.
_DEPARTMENT_SUFFIX = re.compile(
    r"(s?forvaltningen|s?forvaltning|s?namnden|s?namnd|s?kontoret|s?kontor|department|dept)$"
)


def _stem(key: str) -> str:
    return _DEPARTMENT_SUFFIX.sub("", key) or key


def similar_departments(text: str, departments: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    """Departments a new name probably means (ids as strings, best first): the same stem
    (`Kultur och fritid` ~ `Kultur- och fritidsförvaltningen`), one stem starting the
    other, or a close spelling. Asked about before a second department is created."""
    wanted = _stem(department_key(text))
    found: list[tuple[float, str]] = []
    for ident, name in departments:
        stem = _stem(department_key(name))
        short, long = sorted((wanted, stem), key=len)
        score = fuzz.ratio(wanted, stem)
        if len(short) >= 4 and long.startswith(short):
            score = max(score, 90.0)
        if score >= FUZZY_DEPARTMENT:
            found.append((score, str(ident)))
    return tuple(ident for _, ident in sorted(found, key=lambda pair: -pair[0]))[:SUGGESTIONS]


def _same_department(a: str, b: str) -> bool:
    """Two folded department keys are one department spelled differently: a typo or an
    indefinite form (`kulturforvaltning`), never a different number (`enhet 1`, `enhet 2`).
    Edits allowed: 2 in a name of 12 letters or more, 1 from 6, none below."""
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False
    shortest = min(len(a), len(b))
    allowed = 2 if shortest >= 12 else 1 if shortest >= 6 else 0
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


# --- dates ---------------------------------------------------------------------------

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("januari", "january", "jan"),
    ("februari", "february", "feb"),
    ("mars", "march", "mar"),
    ("april", "apr"),
    ("maj", "may"),
    ("juni", "june", "jun"),
    ("juli", "july", "jul"),
    ("augusti", "august", "aug"),
    ("september", "sept", "sep"),
    ("oktober", "october", "okt", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names
}

_RELATIVE: dict[str, int] = {
    "idag": 0,
    "i dag": 0,
    "today": 0,
    "igar": -1,
    "i gar": -1,
    "yesterday": -1,
    "imorgon": 1,
    "i morgon": 1,
    "tomorrow": 1,
    "forrgar": -2,
    "i forrgar": -2,
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})/(\d{1,2})/(\d{1,2})")  # 2026/03/12 too
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")  # day first, as in Sweden
# `12/3` (12 March), `12/3 2026`, `12/3-2026`: day first; no year is `today`'s year.
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?:(?:\s*-\s*|\s+)(\d{4}))?")
_WORDS = re.compile(r"(\d{1,2})\s*\.?\s*([a-z]+)\.?(?:\s+(\d{4}))?")
_WORDS_EN = re.compile(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?")


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """`2026-03-12`, `2026/03/12`, `idag`, `igår`, `12 mars 2026`, `12 march 2026`,
    `March 12, 2026`, `12/3/2026`, `12/3 2026`, `12/3-2026`, `12/3` (day first) -> a
    date; `12 mars` and `12/3` are in `today`'s year. None when unclear (or impossible,
    like `31/2`)."""
    raw = text.strip().casefold()
    folded = " ".join(fold(raw).split())
    if folded in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[folded])
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy"), (_DAY_MONTH, "dmy")):
        found = pattern.fullmatch(raw)
        if found:
            numbers = [int(g) for g in found.groups() if g is not None]
            if len(numbers) == 2:  # `12/3`: no year given
                numbers.append(today.year)
            parts = dict(zip(order, numbers, strict=True))
            return _date(parts["y"], parts["m"], parts["d"])
    found = _WORDS.fullmatch(folded) or _WORDS.fullmatch(raw)
    if found and found.group(2) in _MONTHS:
        year = int(found.group(3)) if found.group(3) else today.year
        return _date(year, _MONTHS[found.group(2)], int(found.group(1)))
    found = _WORDS_EN.fullmatch(folded)
    if found and found.group(1) in _MONTHS:
        year = int(found.group(3)) if found.group(3) else today.year
        return _date(year, _MONTHS[found.group(1)], int(found.group(2)))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- matching ------------------------------------------------------------------------


def _match(text: str, forms: dict[str, str], *, threshold: int) -> Match:
    """Exact folded form, else the one best fuzzy key when clearly above `threshold`."""
    wanted = fold(text)
    if not wanted:
        return Match(key=None)
    if wanted in forms:
        return Match(key=forms[wanted])
    best: dict[str, float] = {}
    for form, score, _ in process.extract(wanted, list(forms), scorer=fuzz.ratio, limit=25):
        key = forms[form]
        best[key] = max(best.get(key, 0.0), score)
    ranked = sorted(best.items(), key=lambda pair: -pair[1])
    if ranked and ranked[0][1] >= threshold:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] - runner_up >= 3:  # two near-equal guesses: ask, don't pick
            return Match(key=ranked[0][0], corrected=True)
    return Match(key=None, nearest=tuple(key for key, _ in ranked[:SUGGESTIONS]))


def _nearest(wanted: str, forms: dict[str, str]) -> tuple[str, ...]:
    keys: list[str] = []
    for form, _, _ in process.extract(wanted, list(forms), scorer=fuzz.ratio, limit=30):
        if forms[form] not in keys:
            keys.append(forms[form])
        if len(keys) == SUGGESTIONS:
            break
    return tuple(keys)
