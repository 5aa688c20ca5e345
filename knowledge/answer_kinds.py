"""What kind of answer a question asks for (a count, a date, a deciding body or person),
and whether a passage holds that kind of answer at all.

Words are matched folded (å/ä/ö dropped), so `när` and `nar` are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.analysis import fold

_COUNT_PHRASES = (("hur", "manga"), ("hur", "mycket"), ("how", "many"), ("how", "much"))
_DATE_WORDS = frozenset({"nar", "when", "datum", "date", "year", "artal"})
_DATE_PHRASES = (("vilket", "ar"), ("what", "year"), ("which", "year"), ("sedan", "nar"))
_BODY_WORDS = frozenset({"vem", "vilka", "who", "whom", "whose"})
_BODY_PHRASES = (("vilken", "instans"), ("vilket", "organ"), ("which", "body"))

# What such an answer looks like in the (folded) passage.
_NUMBER = re.compile(r"\d|\b(tva|tre|fyra|fem|sex|sju|atta|nio|tio|tolv|hundra|tusen|antal)\b")
_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b(januari|februari|mars|april|maj|juni|juli|augusti|september"
    r"|oktober|november|december|arlig\w*|varje ar|tertial\w*|manad\w*)\b"
)
_BODY = re.compile(
    r"(fullmaktige|styrelse|namnd|samordnare|forvaltning|ansvar|chef|direktor|enhet"
    r"|avdelning|beredning|utskott|politiker|tjansteman|representant|\bks\b|\bkf\b)"
)


@dataclass(frozen=True)
class AskedKind:
    count: bool
    date: bool
    body: bool

    @property
    def any(self) -> bool:
        return self.count or self.date or self.body


def _has_phrase(words: list[str], phrases: tuple[tuple[str, str], ...]) -> bool:
    return any(tuple(words[i : i + 2]) in phrases for i in range(len(words) - 1))


def asked_kind(words: list[str]) -> AskedKind:
    """`words`: the question's lower-cased tokens."""
    folded = [fold(w) for w in words]
    return AskedKind(
        count=_has_phrase(folded, _COUNT_PHRASES),
        date=bool(_DATE_WORDS.intersection(folded)) or _has_phrase(folded, _DATE_PHRASES),
        body=bool(_BODY_WORDS.intersection(folded)) or _has_phrase(folded, _BODY_PHRASES),
    )


def lacks_count(asked: AskedKind, text: str) -> bool:
    return asked.count and _NUMBER.search(fold(text)) is None


def missing_kinds(asked: AskedKind, text: str) -> int:
    """How many of the asked kinds of answer the passage lacks."""
    folded = fold(text)
    return (
        (asked.count and _NUMBER.search(folded) is None)
        + (asked.date and _DATE.search(folded) is None)
        + (asked.body and _BODY.search(folded) is None)
    )
