"""Which words of a message set the scene and which ask: the question's focus.

Chat messages often give their context first ("Vi har fått en inbjudan från vår vänort
i Tyskland och vill åka dit i maj. Vem ska godkänna resan?"): the passage that answers
is about what the asking sentence names (approving the trip), while the context's words
(invitation, twin town, Germany) pull towards passages about those. In a message of
several sentences, the sentences that ask (ending with `?` or opening with a question
word) are the focus and the others are context; in one sentence, clauses before a
last clause that opens with a question word ("vi har besök från en vänort nästa vecka,
vem ska vi informera?") are context. A message with nothing told apart has no context.
"""

from __future__ import annotations

import bisect
import re

from knowledge.analysis import fold, token_offsets, tokens

# Question words and the modal verbs that open Swedish and English yes/no questions
# (folded: när -> nar, får -> far).
_SWEDISH_ASKING = "vem vilka vilken vilket vad hur nar var vart varfor far maste ska skall behover"
_SWEDISH_ASKING += " kan bor"
_ENGLISH_ASKING = "who whom what which how when where why may must should do does can"
QUESTION_WORDS = frozenset(_SWEDISH_ASKING.split() + _ENGLISH_ASKING.split())
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
# Abbreviations whose period ends no sentence (besides those with a period inside:
# t.ex., bl.a., m.m., e.g.).
_ABBREVIATIONS = frozenset({"ca", "osv", "dvs", "etc", "resp", "kl", "nr", "jfr", "ang", "mfl"})
# A comma, a semicolon, a colon (not the one of `EU:s`) or a dash between spaces.
_CLAUSE_END = re.compile(r"[,;]|:(?![^\W\d_])|\s[-–]\s")


def _spans(text: str, end: re.Pattern[str]) -> list[tuple[int, int, bool]]:
    """(start, stop, asks with `?`) of the pieces of `text` that `end` separates."""
    out = []
    start = 0
    for m in end.finditer(text):
        if m.group() == "." and _abbreviation(text[start : m.start()]):
            continue
        out.append((start, m.end(), "?" in m.group()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text), False))
    return out


def _abbreviation(before: str) -> bool:
    """Whether the period after `before` closes an abbreviation (`t.ex.`, `osv.`)."""
    last = before.rsplit(maxsplit=1)[-1].lower() if before.strip() else ""
    return "." in last or last in _ABBREVIATIONS


def _opens_with_question(words: list[str]) -> bool:
    return bool(words) and fold(words[0]) in QUESTION_WORDS


def context_positions(text: str) -> frozenset[int]:
    """Positions (in `tokens(text)`) of the words that set the scene rather than ask."""
    offsets = token_offsets(text)
    words = tokens(text)
    if len(words) < 2:
        return frozenset()

    def positions(start: int, stop: int) -> range:
        return range(bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, stop))

    sentences = [
        (positions(a, b), asks) for a, b, asks in _spans(text, _SENTENCE_END) if positions(a, b)
    ]
    context: set[int] = set()
    asking = []
    for span, asks in sentences:
        if asks or _opens_with_question(words[span.start : span.stop]):
            asking.append(span)
        else:
            context.update(span)
    if not asking:
        return frozenset()
    if len(asking) == len(sentences) > 1:
        return frozenset()  # several questions: none is the context of another
    # Within a sentence that asks, clauses before a last one that opens with a question
    # word set the scene ("i vår förvaltning, vem beslutar ...").
    for span in asking:
        start = offsets[span.start]
        stop = offsets[span.stop] if span.stop < len(offsets) else len(text)
        clauses = [
            positions(start + a, start + b) for a, b, _ in _spans(text[start:stop], _CLAUSE_END)
        ]
        clauses = [c for c in clauses if c]
        if len(clauses) > 1 and _opens_with_question(words[clauses[-1].start : clauses[-1].stop]):
            for clause in clauses[:-1]:
                context.update(clause)
    return frozenset(context)
