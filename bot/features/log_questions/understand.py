"""The router: is a plain question about the network's own contact log, and if so what
does it ask? Swedish and English, with typos and without å/ä/ö.

A question goes to the log when it has the shape of a question about activity (how many,
which, top, participants, departments without entries) and something that ties it to the
log (a period, "kontakter", a verb of doing: hade vi, gjorde, did we, logged), and no
sign of a question about rules (vad gäller, får jag, ska, policy, who decides, ...).
When a question could be either, the policy answer wins: a rule word alone is enough.

The filters reuse the contact log's own vocabulary: countries (pycountry names in
Swedish and English, with typos), regions, kinds, strategic areas and departments come
from `contacts.vocabulary`; partners and funders are the ones the log holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from bot.features.contacts import vocabulary
from bot.features.log_questions.periods import MONTH_NAMES, Span, find_period, read_typed_days
from bot.kernel.grammar import fold

Measure = Literal["count", "list", "participants", "top", "silent", "distinct", "funding"]
Group = Literal["country", "department", "partner"]
Direction = Literal["incoming", "outgoing"]

DEFAULT_TOP = 5
BREAKDOWN = 20  # "per land": every value, as many as a list shows
FUZZY_KIND = 85
FUZZY_COUNTRY_MIN_LENGTH = 5
FUZZY_PARTNER = 90
FUZZY_PARTNER_MIN_LENGTH = 6  # shorter words are too often ordinary words


@dataclass(frozen=True, kw_only=True)
class PartnerNames:
    """The log's partner names, indexed for recognising them in a question: by the whole
    folded name, and by a word of it that at most two names share ("Wetzlar",
    "Eurocities"); a word more names share says too little. A word that questions use
    for themselves never names a partner alone (see `question_word`): "partner" in "Anna
    partner", "kommuner" in "Sveriges Kommuner och Regioner", "Europa" in "Horisont
    Europa" are the question's words, a country's or a region's, not the partner's."""

    whole: Mapping[str, frozenset[str]]
    by_word: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, names: Iterable[str]) -> PartnerNames:
        whole: dict[str, set[str]] = {}
        by_word: dict[str, set[str]] = {}
        for name in names:
            folded = fold(name)
            whole.setdefault(folded, set()).add(name)
            for word in set(folded.split()):
                if len(word) >= 4 and not question_word(word):
                    by_word.setdefault(word, set()).add(name)
        return cls(
            whole={key: frozenset(v) for key, v in whole.items()},
            by_word={key: frozenset(v) for key, v in by_word.items() if len(v) <= 2},
        )


@dataclass(frozen=True, kw_only=True)
class Lexicon:
    """What the log holds that a question may name."""

    departments: Sequence[tuple[int, str]]
    partners: PartnerNames
    funders: Sequence[str]
    areas: Sequence[tuple[str, str]]  # (key, label) of the configured policy
    # Municipalities whose policies the bot knows, besides the configured one: a
    # question naming one is about its policy, not about this network's log.
    other_municipalities: Sequence[str] = ()
    own_municipality: Sequence[str] = ()  # the configured one's name and aliases


@dataclass(frozen=True, kw_only=True)
class LogQuestion:
    """What a question about the log was understood to ask."""

    measure: Measure
    by: Group | None = None
    n: int = DEFAULT_TOP
    period: Span | None = None
    countries: frozenset[str] = frozenset()
    region: str | None = None
    department_ids: frozenset[int] = frozenset()
    kinds: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    # The words the partners were recognised by, as typed: what a reply may say to one
    # who may not see the partners' names (a guessed word must not reveal a name).
    partner_words: tuple[str, ...] = ()
    areas: frozenset[str] = frozenset()
    funders: frozenset[str] = frozenset()
    funded: bool | None = None
    youth: bool | None = None
    direction: Direction | None = None
    unknown: tuple[str, ...] = ()  # words that look like names but matched nothing
    impossible_day: str | None = None  # a day typed that no calendar has, as typed


# --- the words that decide ---------------------------------------------------------------

# A rule word sends the question to the policy texts, whatever else it holds.
_POLICY = re.compile(
    r"\b(?:vad galler|galler for|galler vid|what applies|policy\w*|riktlinje\w*|regler\w*|"
    r"regel|rules?|far jag|far man|far en|far vi|far anstallda|may i|can i|can we|"
    r"can employees|allowed|tillat\w*|ska|skall|bor|should|must|maste|vem|who|varfor|why|"
    r"syfte\w*|purpose|innebar|mean|means|vad ar|what is|what are|hur ansoker|"
    r"ansoker|apply|hur gor|how do i|how do we|hur kan|how can|krav\w*|requirements?|"
    r"ansvar\w*|responsib\w*|beslut\w*|decides?|godkann\w*|approves?|priorit\w*|"
    r"strategin|strategi|strategy|enligt|according|is there|kan jag|kan man|"
    r"finns det nagon regel|brukar|usually|budget\w*|traktamente\w*|allowance|"
    r"ersattning\w*|reimburs\w*)\b"
)
_COUNT = re.compile(
    r"\b(?:hur manga|hur mang|how many|antal|antalet|number of|"
    r"hur ofta|how often|har vi haft (?:nagon|nagot|nagra)|hade vi (?:nagon|nagot|nagra)|"
    r"did we have any|have we had any|ggr|ganger|times)\b"
)
_LIST = re.compile(r"\b(?:vilka|vilken|vilket|which|lista|list|visa|show|vad hade vi for|what)\b")
_TOP = re.compile(r"\b(?:flest|mest|most|top|topp|vanligaste|storsta|largest)\b")
_PER = re.compile(r"\b(?:per|by|fordelat pa|broken down by)\b")
_PARTICIPANTS = re.compile(
    r"\b(?:deltagare|deltog|deltagit|participants?|took part|people|personer|attendees)\b"
)
_SILENT = re.compile(
    r"\b(?:inte (?:har )?(?:rapporterat|loggat|registrerat)|inte har nagra|"
    r"(?:have|has|did) not (?:reported|logged)|haven t (?:reported|logged)|not reported|"
    r"utan kontakter|inga kontakter|no contacts|without contacts|no activity)\b"
)
# What ties a question to the log rather than to a rule: its nouns and verbs of doing.
_LOG = re.compile(
    r"\b(?:kontakt\w*|contacts?|aktivitet\w*|activit\w*|besok\w*|visits?|resor|trips|"
    r"hade|haft|gjorde|gjort|traffade|traffat|did|had|have we|met|meet|loggat|loggats|"
    r"logged|log|rapporterat|reported|attended|attend|deltog|took part|kommer|upcoming|"
    r"planerade|fick|fatt|got|received|raised)\b"
)
# "Hur mycket extern finansiering fick vi": the sum of the funding, not a count.
_AMOUNT = re.compile(r"\b(?:hur mycket|how much|summa\w*|sum|totalt|total|belopp\w*|amount)\b")
_GROUP_WORDS: dict[str, Group] = {
    "land": "country", "lander": "country", "landerna": "country", "country": "country",
    "countries": "country",
    "forvaltning": "department", "forvaltningar": "department", "forvaltningarna": "department",
    "department": "department", "departments": "department",
    "partner": "partner", "partners": "partner", "partnerna": "partner",
    "samarbetspartner": "partner", "samarbetspartners": "partner", "organisationer": "partner",
    "organisations": "partner", "organizations": "partner",
}  # fmt: skip
_NUMBERS = {
    "tva": 2, "two": 2, "tre": 3, "three": 3, "fyra": 4, "four": 4, "fem": 5, "five": 5,
    "sex": 6, "six": 6, "tio": 10, "ten": 10,
}  # fmt: skip
_FUNDING = re.compile(r"(?:finansier\w*|funded|funding|bidrag\w*|medel|stod)")
_YOUTH = re.compile(r"^(?:ungdom\w*|unga|youth|young|ungdomar)$")
_INCOMING = re.compile(
    r"\b(?:inkommande|incoming|tog emot|tagit emot|mottagit|mottog|received|hosted|"
    r"besokt oss|besokte oss|visited us|till oss|hos oss)\b"
)
_OUTGOING = re.compile(
    r"\b(?:utgaende|outgoing|utresor|reste|travelled|traveled|vi besokte|we visited)\b"
)
_AREA_CUE = re.compile(
    r"\b(?:omrade\w*|area|areas|mal|malet|malen|goal|goals|strategisk\w*|strategic)\b"
)
# Words of the kind vocabulary too general to name a kind in a question ("besök",
# "projekt", "EU" alone, "other"); the compound and the full forms still do.
_GENERIC_KINDS = {"eu", "besok", "visit", "projekt", "project", "other", "annat", "ovrigt"}
# Function and question words: never a partner, a country guess or an unknown name.
_COMMON_WORDS = """
    hur manga mang mycket vilka vilken vilket vad som med mot och eller i pa av for till fran
    vi har hade haft gjorde gjort var ar det den de en ett alla totalt nagon nagot nagra under
    inom sedan efter mellan kontakt kontakter kontakten kontakterna aktiviteter besok
    how many much which what who the a an of in on at to from with by for and or we did do
    have had has any all total contacts contact activities visits visit number since during
    between last this next year month tertial list show top most per sum people
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_MONTH_WORDS = frozenset(MONTH_NAMES)
# Words of asking and of the log that narrow nothing, in their inflections.
_NEUTRAL = re.compile(
    r"^(?:oss|us|our|vara|vart|varit|ha|nu|now|just|egentligen|ungefar|sammanlagt|"
    r"hittills|internationell\w*|international|olika|ocksa|aven|also|alls|nagonsin|ever|"
    r"redan|already|so|far|planerade|planned|upcoming|kommande|senaste|latest|recent\w*|"
    r"nyligen|finns|there|were|was|been|is|are|be|that|those|these|dessa|dem|sin|sina|"
    r"sitt|their|they|them|it|its|got|get|fick|tillsammans|together|overall|please|"
    r"garna|kan|du|you|me|mig|jag|i|tell|beratta|ge|give|hela|whole|"
    r"kontakt\w*|contact\w*|aktivitet\w*|activit\w*|besok\w*|visit\w*|resor|resa|"
    r"trips?|utbyte\w*|exchanges?|mote\w*|meetings?|poster|entries|loggen|logg\w*|"
    r"rapporter\w*|report\w*|registrer\w*|traff\w*|met|meet\w*|deltog|deltagit|"
    r"attend\w*|took|part|made|make|does|gor|gjort|gjorde|hade|haft|har|had|have|has|"
    r"tog|tar|emot|tagit|ta|skett|hant|happened|arrangerat|organised|organized|"
    r"vilken|vilket|vilka|nagra|some|sa|as|well|samt|plus|inkl|including|"
    r"kommunen|kommun|municipality|natverket|network|vi|we)$"
)

# Words naming a kind of organisation: what a partner is, not which one ("kommuner i
# Danmark"), so never a partner by themselves.
_ORGANISATION = re.compile(
    r"^(?:kommun\w*|municipalit\w*|stad|staden|stader|stadt|city|cities|town|towns|"
    r"gemeente|gmina|miasto|kaupunki\w*|linn|"
    r"region|regionen|regioner\w*|regions?|county|counties|landsting\w*|government\w*|"
    r"myndighet\w*|authorit\w*|universitet\w*|universit\w*|hogskol\w*|college\w*|"
    r"skol\w*|schools?|forbund\w*|federation\w*|associations?|forening\w*|"
    r"organisation\w*|organization\w*|institut\w*|foretag\w*|compan\w*|"
    r"natverk\w*|networks?|konferens\w*|conferences?|projekt\w*|projects?|"
    r"partner\w*|samarbets\w*|international\w*|internationell\w*|europeisk\w*|"
    r"european|nordisk\w*|nordic|baltic|sverige\w*|swedish|svensk\w*)$"
)


def question_word(word: str) -> bool:
    """Whether a folded word belongs to the questions' own vocabulary (asking, the log's
    nouns and groups, periods, kinds of organisation) or names a country, a region or a
    continent: such a word never names a partner by itself, however few names hold it."""
    return (
        word in _COMMON
        or word in _GROUP_WORDS
        or word in _MONTH_WORDS
        or _NEUTRAL.match(word) is not None
        or _UNDERSTOOD_NOT.match(word) is not None
        or _ORGANISATION.match(word) is not None
        or word in _place_words()
    )


@cache
def _place_words() -> frozenset[str]:
    """Every word of a country's or a region's name, as folded ("danmark", "norden")."""
    names = [*vocabulary.country_forms(), *vocabulary.region_forms()]
    return frozenset(word for name in names for word in name.split() if len(word) >= 4)


_CUES = (
    _COUNT, _LIST, _TOP, _PER, _PARTICIPANTS, _SILENT, _LOG, _INCOMING, _OUTGOING, _AREA_CUE,
    re.compile(r"\b(?:finansier\w*|funded|funding|bidrag\w*|medel|stod|extern\w*)\b"),
    re.compile(r"\b(?:sum|summa|totalt|total|per|by|tva|two|tre|three|fyra|four|fem|five|sex|"
               r"six|tio|ten|anything|nagot|not|inte|no)\b"),
)  # fmt: skip


def _cue_words(folded: str) -> frozenset[str]:
    """The words the question's shape took (how many, flest, inkommande, ...)."""
    return frozenset(
        word for cue in _CUES for found in cue.finditer(folded) for word in found[0].split()
    )


@dataclass
class _Words:
    """The question's words, folded, with what each original looked like and whether a
    filter has claimed it."""

    folded: list[str]
    original: list[str]
    used: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Words:
        original = re.findall(r"[^\W_]+", text)
        folded = [fold(word) for word in original]
        return cls(folded=folded, original=original, used=[False] * len(folded))

    def spans(self, longest: int) -> list[tuple[int, int]]:
        """(start, end) of every run of unclaimed words, longest runs first."""
        out = []
        for size in range(longest, 0, -1):
            for start in range(0, len(self.folded) - size + 1):
                if not any(self.used[start : start + size]):
                    out.append((start, start + size))
        return out

    def text(self, start: int, end: int) -> str:
        return " ".join(self.folded[start:end])

    def claim(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.used[i] = True

    def claim_phrase(self, phrase: str) -> None:
        """Claim the words of a phrase found in the folded text (a period, a cue)."""
        size = len(phrase.split())
        for start, end in self.spans(size):
            if end - start == size and self.text(start, end) == phrase:
                self.claim(start, end)
                return


def _inflections(word: str) -> list[str]:
    """A word and its forms without a Swedish or English plural/definite ending."""
    forms = [word]
    for ending in ("erna", "arna", "orna", "ena", "en", "er", "ar", "or", "na", "n", "s", "et"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            forms.append(word[: -len(ending)])
    return forms


def _kinds(words: _Words) -> set[str]:
    forms = {f: k for f, k in vocabulary.kind_forms().items() if f not in _GENERIC_KINDS}
    found: set[str] = set()
    for start, end in words.spans(3):
        if any(words.used[start:end]):
            continue
        head, last = words.folded[start : end - 1], words.folded[end - 1]
        for form in _inflections(last):
            phrase = " ".join([*head, form])
            key = forms.get(phrase)
            if key is None and len(phrase) >= 7:
                best = process.extractOne(
                    phrase, list(forms), scorer=fuzz.ratio, score_cutoff=FUZZY_KIND
                )
                key = forms[best[0]] if best else None
            if key is not None:
                found.add(key)
                words.claim(start, end)
                break
    return found


def _regions(words: _Words, folded: str) -> str | None:
    forms = vocabulary.region_forms()
    for start, end in words.spans(3):
        key = forms.get(words.text(start, end))
        if key is not None:
            words.claim(start, end)
            return key
    # "EU" alone is the union after "med", "i", "inom", "with", "in" ("kontakter med EU").
    found = re.search(r"\b(?:med|i|inom|with|in|within) eu\b(?! projekt| project)", folded)
    if found:
        words.claim_phrase("eu")
        return "eu"
    return None


def _departments(words: _Words, departments: Sequence[tuple[int, str]]) -> set[int]:
    found: set[int] = set()
    for start, end in words.spans(5):
        if any(words.used[start:end]):
            continue
        phrase = words.text(start, end)
        key = vocabulary.department_key(phrase)
        # Prefixes ("kultur och fritid") only when long enough not to be an ordinary
        # word: "kommun" must not be the Kommunstyrelseförvaltningen.
        match = vocabulary.match_department(phrase, departments, prefix=len(key) >= 9)
        if match.key is None and key.endswith("s") and len(key) >= 9:  # a genitive
            match = vocabulary.match_department(phrase[:-1], departments)
        if match.key is not None and len(key) >= 5:
            found.add(int(match.key))
            words.claim(start, end)
    return found


def _countries(words: _Words) -> set[str]:
    forms = vocabulary.country_forms()
    found: set[str] = set()
    for start, end in words.spans(3):
        if any(words.used[start:end]):
            continue
        phrase = words.text(start, end)
        typed = " ".join(words.original[start:end])
        if len(phrase.replace(" ", "")) <= 3:
            # Codes only as typed in capitals ("UK", "USA"): "de", "se", "per", "can"
            # are words before they are Germany, Sweden, Peru or Canada.
            code = forms.get(phrase) if typed.isupper() and len(typed) >= 2 else None
        else:
            code = forms.get(phrase) or (forms.get(phrase[:-1]) if phrase.endswith("s") else None)
            fuzzy = end - start == 1 and len(phrase) >= FUZZY_COUNTRY_MIN_LENGTH
            if code is None and fuzzy and phrase not in _COMMON:
                code = vocabulary.match_country(phrase).key
        if code is not None:
            found.add(code)
            words.claim(start, end)
    return found


def _funders(words: _Words, funders: Sequence[str], folded: str) -> set[str]:
    """Funders only where the question speaks of funding ("Erasmus+-finansierat",
    "funded by"): otherwise "Svenska institutet" is the partner, not the funder."""
    if not _FUNDING.search(folded):
        return set()
    names = {fold(name): name for name in funders}
    found: set[str] = set()
    for start, end in words.spans(3):
        name = names.get(words.text(start, end))
        if name is not None and not any(words.used[start:end]):
            found.add(name)
            words.claim(start, end)
    return found


def _partners(words: _Words, partners: PartnerNames) -> tuple[set[str], list[str]]:
    """A partner by its whole name, or by a word of its name that few partners share;
    and the words, as typed, that named them."""
    found: set[str] = set()
    typed: list[str] = []
    for start, end in words.spans(6):
        if end - start < 2:  # one word is matched below, with every name holding it
            continue
        whole = partners.whole.get(words.text(start, end))
        if whole and not any(words.used[start:end]):
            found.update(whole)
            typed.append(" ".join(words.original[start:end]))
            words.claim(start, end)
    for i, word in enumerate(words.folded):
        hits = partners.by_word.get(word)
        if question_word(word):
            continue
        if hits is None and len(word) >= FUZZY_PARTNER_MIN_LENGTH:
            # "Jyväskylä" for "Jyväskylän kaupunki": an inflected or misspelt name word.
            best = process.extractOne(
                word, list(partners.by_word), scorer=fuzz.ratio, score_cutoff=FUZZY_PARTNER
            )
            hits = partners.by_word[best[0]] if best else None
        if hits and not words.used[i]:
            found.update(hits)
            typed.append(words.original[i])
            words.claim(i, i + 1)
    return found, typed


def _areas(words: _Words, areas: Sequence[tuple[str, str]], folded: str) -> set[str]:
    """Strategic areas only when the question says "område", "mål", "area": their
    words ("information", "EU", "region") are too common otherwise."""
    if not _AREA_CUE.search(folded):
        return set()
    keys = {fold(key): key for key, _ in areas}
    found: set[str] = set()
    for i, word in enumerate(words.folded):
        if not words.used[i] and word in keys:
            found.add(keys[word])
            words.claim(i, i + 1)
    return found


def _youth(words: _Words) -> bool:
    found = False
    for i, word in enumerate(words.folded):
        if not words.used[i] and _YOUTH.match(word):
            found = True
            words.claim(i, i + 1)
    return found


def _measure(folded: str, words: _Words) -> tuple[Measure | None, Group | None, int]:
    free = [w for w, used in zip(words.folded, words.used, strict=True) if not used]
    group = next((_GROUP_WORDS[w] for w in free if w in _GROUP_WORDS), None)
    number = next((int(w) for w in free if w.isdigit() and 1 <= int(w) <= BREAKDOWN), None) or next(
        (_NUMBERS[w] for w in free if w in _NUMBERS), None
    )
    if _SILENT.search(folded) and group == "department":
        return "silent", None, 0
    per_group = re.search(rf"{_PER.pattern} (?:{'|'.join(_GROUP_WORDS)})\b", folded)
    if group is not None and per_group and not _TOP.search(folded):
        return "top", group, BREAKDOWN  # "per land": the whole breakdown
    if _TOP.search(folded) and group is not None:
        return "top", group, number or DEFAULT_TOP
    how_many = re.search(
        r"\b(?:hur manga|how many|antal|antalet|number of|vilka|which) (\w+)", folded
    )
    if how_many and how_many[1] in _GROUP_WORDS:  # "hur många länder": distinct values
        return "distinct", _GROUP_WORDS[how_many[1]], 0
    if _PARTICIPANTS.search(folded) and (
        _COUNT.search(folded) or re.search(r"\bsum\b|\bsumma\b|\btotalt\b", folded)
    ):
        return "participants", None, 0
    if _AMOUNT.search(folded) and _FUNDING.search(folded):
        return "funding", None, 0
    if _COUNT.search(folded):
        return "count", None, 0
    if _LIST.search(folded) or re.search(r"\bkontakt\w* med\b|\bcontacts with\b", folded):
        return "list", None, 0
    return None, None, 0


# Words that name a department, a time or a place the log cannot narrow by: said to be
# not understood even where they look like ordinary words.
_UNDERSTOOD_NOT = re.compile(
    r"^(?:\w*(?:forvaltning|tjanst|namnd|sektor|enhet|kontor|bolag)\w*|department\w*|"
    r"vecka|veckan|veckor|week|weeks|dag|dagar|dagen|day|days|idag|igar|today|yesterday|"
    r"kvartal\w*|quarter\w*|halvar\w*|asien|afrika|amerika|europa|asia|africa|europe)$"
)


def _unknown(
    words: _Words, folded: str, claimed_periods: str, top: int | None = None
) -> tuple[str, ...]:
    """Words no filter and no part of the question's shape took, and that are not words
    of asking ("hur", "kontakter", "hittills"): something the question narrows by that
    was not understood. The reply then says so instead of giving a wider answer. A
    number is one too ("Q1", "2025 och 2026", "1-15 mars"), unless it is the `top` n of
    a ranking ("topp 3")."""
    known = _COMMON | _GROUP_WORDS.keys() | _cue_words(folded) | set(claimed_periods.split())
    out = []
    for i, (word, typed) in enumerate(zip(words.folded, words.original, strict=True)):
        taken = words.used[i] or word in _GROUP_WORDS
        ranking = word.isdigit() and top is not None and int(word) == top
        if taken or ranking or (typed.isupper() and len(typed) <= 2 and typed.isalpha()):
            continue
        if _UNDERSTOOD_NOT.match(word) or not (word in known or _NEUTRAL.match(word)):
            out.append(typed)
    return tuple(out)


def _names_other_municipality(words: _Words, lexicon: Lexicon) -> bool:
    """Whether the question names another municipality (also as a genitive, "Kungälvs");
    the configured one's name is claimed, as it narrows nothing."""
    names = {fold(name) for name in lexicon.other_municipalities}
    own = {fold(name) for name in lexicon.own_municipality}
    for i, word in enumerate(words.folded):
        plain = word[:-1] if word.endswith("s") and word[:-1] in names | own else word
        if plain in own:
            words.claim(i, i + 1)
        elif plain in names:
            return True
    return False


def might_be_about_the_log(text: str, today: dt.date) -> bool:
    """The cheap first look, before anything is read from the database: no rule word, the
    shape of a question about activity, and a period or a word of the log."""
    return _might_be(text, fold(read_typed_days(text, today).text), today)


def _might_be(text: str, folded: str, today: dt.date) -> bool:
    """`might_be_about_the_log` for `text` whose typed days are read (`folded`)."""
    if not folded or _POLICY.search(folded):
        return False
    period = find_period(folded, today)
    words = _Words.of(text)
    measure, _, _ = _measure(folded, words)
    return measure is not None and (period is not None or _LOG.search(folded) is not None)


def understand(text: str, lexicon: Lexicon, today: dt.date) -> LogQuestion | None:
    """The log question `text` asks, or None when it is not one (a policy question)."""
    typed = read_typed_days(text, today)
    folded = fold(typed.text)
    if not _might_be(text, folded, today):
        return None
    text = typed.text
    words = _Words.of(text)
    if _names_other_municipality(words, lexicon):
        return None
    period = find_period(folded, today)
    if period is not None:
        words.claim_phrase(period.matched)
    funders = _funders(words, lexicon.funders, folded)
    region = _regions(words, folded)
    kinds = _kinds(words)
    departments = _departments(words, lexicon.departments)
    areas = _areas(words, lexicon.areas, folded)
    youth = _youth(words)
    countries = _countries(words)
    partners, partner_words = _partners(words, lexicon.partners)
    measure, by, n = _measure(folded, words)  # again: filters took their words
    if measure is None:
        return None
    direction: Direction | None = None
    # A kind says more than a direction ("delegationer vi tog emot"); funding "received"
    # is no visit.
    if not kinds and measure != "funding":
        direction = (
            "incoming"
            if _INCOMING.search(folded)
            else "outgoing"
            if _OUTGOING.search(folded)
            else None
        )
    funded = (
        True if not funders and _FUNDING.search(folded) and not _AREA_CUE.search(folded) else None
    )
    return LogQuestion(
        measure=measure,
        by=by,
        n=n or DEFAULT_TOP,
        period=period,
        countries=frozenset(countries),
        region=region,
        department_ids=frozenset(departments),
        kinds=frozenset(kinds),
        partners=frozenset(partners),
        partner_words=tuple(partner_words),
        areas=frozenset(areas),
        funders=frozenset(funders),
        funded=funded,
        youth=True if youth else None,
        direction=direction,
        unknown=_unknown(
            words, folded, period.matched if period else "", n if measure == "top" else None
        ),
        impossible_day=typed.impossible,
    )
