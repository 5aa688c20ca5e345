"""Messages that are not policy questions but deserve a fitting reply: a greeting, thanks,
"what can you do?", "which municipalities do you know?", and a question about a Swedish
municipality that has no text here. Recognised on folded words, in Swedish and English;
anything else is a policy question."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from bot.kernel.grammar import fold

Kind = Literal["greeting", "thanks", "capabilities", "coverage", "no_text"]

GREETINGS = frozenset(
    {"hej", "hejsan", "hallo", "hej hej", "tja", "tjena", "tjenare", "god morgon",
     "godmorgon", "god dag", "goddag", "hello", "hi", "hey", "good morning", "good afternoon",
     "hello there", "hi there"}
)  # fmt: skip
# A call for help typed without the command's slash: what the bot does, and /hjalp.
HELP = frozenset({"hjalp", "hjalp mig", "help", "help me", "kommandon", "commands"})
THANKS = re.compile(r"^(tack|tackar|tusen tack|stort tack|thanks|thank you|thx|cheers)\b")
CAPABILITIES = re.compile(
    r"\b(vad kan du|vad gor du|vad klarar du|vem ar du|vad ar du for|hur funkar du"
    r"|hur fungerar du|what can you|what do you do|who are you|how do you work|what are you)\b"
)
COVERAGE = re.compile(
    r"\b(vilka|vilken|hur manga|which|what|how many)\b.*"
    r"\b(kommuner|kommun|policyer|policys|policy|texter|dokument|municipalities"
    r"|municipality|policies|texts|documents)\b.*"
    r"\b(kan du|har du|kanner du|finns|do you|can you|are there|you know|you have)\b"
)
SMALL_WORDS = 4  # a greeting or thanks with more words than this is a question
# Municipality names that are also everyday words: only a capital letter inside the
# sentence makes them names ("ska vara", "på mark").
COMMON_WORDS = frozenset(
    {"vara", "mark", "berg", "kil", "ale", "boden", "lund", "eda", "nora", "mora", "salem",
     "sala", "habo", "heby", "hjo", "orsa", "bjuv", "osby"}
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class SmallTalk:
    kind: Kind
    municipality: str | None = None  # for "no_text": the name as the list spells it


@cache
def _municipalities() -> dict[str, str]:
    """Folded name -> name, for Sweden's municipalities."""
    text = resources.files("bot.features.questions").joinpath("kommuner.txt").read_text("utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return {fold(name): name for name in names}


def classify(text: str, *, covered: Collection[str]) -> SmallTalk | None:
    """What kind of small talk `text` is, or None for a policy question. `covered`: the
    municipalities that have texts here."""
    folded = fold(text)
    words = folded.split()
    if not words:
        return None
    short = len(words) <= SMALL_WORDS and "?" not in text
    if short and (words[0] in GREETINGS or " ".join(words[:2]) in GREETINGS):
        return SmallTalk(kind="greeting")
    if short and THANKS.match(folded):
        return SmallTalk(kind="thanks")
    if folded in HELP:
        return SmallTalk(kind="capabilities")
    if COVERAGE.search(folded):
        return SmallTalk(kind="coverage")
    if CAPABILITIES.search(folded):
        return SmallTalk(kind="capabilities")
    elsewhere = _municipality_without_text(text, covered={fold(c) for c in covered})
    if elsewhere is not None:
        return SmallTalk(kind="no_text", municipality=elsewhere)
    return None


def _municipality_without_text(text: str, *, covered: set[str]) -> str | None:
    """A Swedish municipality the text names that has no policy here, unless the text
    also names one that has."""
    known = _municipalities()
    tokens = re.findall(r"[\wÅÄÖåäöÉé-]+", text)
    found: str | None = None
    for n in range(len(tokens)):
        for size in (2, 1):
            raw = tokens[n : n + size]
            if len(raw) < size or not raw[0][:1].isupper():
                continue
            for candidate in _forms(fold(" ".join(raw))):
                if candidate in covered:
                    return None
                name = known.get(candidate)
                if name is None:
                    continue
                if size == 1 and candidate in COMMON_WORDS and n == 0:
                    continue  # a capital that only starts the sentence
                found = found or name
    return found


def _forms(folded: str) -> list[str]:
    """The name and, for a genitive (`Borås`, `Göteborgs`), the name without its s."""
    forms = [folded]
    if folded.endswith("s") and len(folded) > 3:
        forms.append(folded[:-1])
    return forms
