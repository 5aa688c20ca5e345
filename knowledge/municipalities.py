"""Which municipality a question is about: `Falu kommun`, `i Falun`, `Götenes`, `Kungalv`.

Names are matched folded (å/ä/ö dropped), with the Swedish genitive -s and the forms
a policy's front matter lists as aliases (`Falu` for Falun), and leniently for typos.
A capitalised name before `kommun` that is none of ours is reported as unknown, so the
engine does not quote another municipality's policy for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.analysis import fold, tokens
from knowledge.near_words import NearWords

FUZZY_MIN_RATIO = 86
FUZZY_MIN_LENGTH = 5
_NAMED = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?)(?:s|'s|’s)?\s+"
    r"(?:kommuns?|stads?|municipality|town|city)\b"
)


@dataclass(frozen=True)
class Mention:
    municipalities: tuple[str, ...]  # known municipalities the question names, in order
    positions: frozenset[int]  # token positions of the names (not topic words)
    unknown: str | None = None  # a municipality we have no policy for


class MunicipalityMatcher:
    def __init__(self, names: Iterable[tuple[str, Iterable[str]]], vocabulary: set[str]) -> None:
        """`names`: (municipality, aliases); `vocabulary`: folded words of the texts,
        which fuzzy matching must not take for a misspelt name."""
        self._forms: dict[str, str] = {}
        for name, aliases in names:
            for form in (name, *aliases):
                folded = fold(form)
                self._forms[folded] = name
                self._forms[folded + "s"] = name
        self._vocabulary = vocabulary - set(self._forms)
        self._near = NearWords(self._forms)

    def _match(self, word: str) -> str | None:
        hit = self._forms.get(word)
        if hit is not None or len(word) < FUZZY_MIN_LENGTH or word in self._vocabulary:
            return hit
        found = self._near.extract(word, limit=1, cutoff=FUZZY_MIN_RATIO)
        return self._forms[found[0][0]] if found else None

    def find(self, question: str) -> Mention:
        found: list[str] = []
        positions: set[int] = set()
        for i, word in enumerate(tokens(question)):
            name = self._match(fold(word))
            if name is not None:
                positions.add(i)
                if name not in found:
                    found.append(name)
        unknown = None
        if not found:
            for match in _NAMED.finditer(question):
                candidate = fold(match.group(1))
                if candidate not in self._vocabulary and candidate not in _NOT_NAMES:
                    unknown = match.group(1)
                    break
        return Mention(tuple(found), frozenset(positions), unknown)


# Capitalised words that may stand before "kommun" without being a name.
_NOT_NAMES = frozenset(
    fold(w)
    for w in """vilken vilket vilka varje hela denna den min vår er din en ett the our my
    your this that which each every whose som""".split()  # noqa: SIM905
)
