"""A search result as the reply a person sees, in one of three kinds: a confident answer
(the quoted, cited passage), "menar du något av detta?" with up to three passages to
pick, or an honest no that says what the texts cover. Light on imports: `intbot ask`
uses it alone."""

from __future__ import annotations

from collections.abc import Sequence

from bot.features.questions.texts import t
from bot.kernel.messages import Answer, Citation, Language, Suggestion
from knowledge.types import Document, Hit, SearchResult

RELATED_PASSAGES = 2


def _citation(hit: Hit) -> Citation:
    passage = hit.passage
    return Citation(
        municipality=passage.municipality,
        document=passage.document.title,
        section=passage.section,
        text=passage.text,
        score=round(hit.score, 3),
    )


def covered(documents: Sequence[Document], lang: Language) -> str:
    """What the texts cover: `Falun (Policy och riktlinjer …), … och Motala (…)`."""
    parts = [
        t("answer.covered", lang, municipality=d.municipality, document=d.title)
        for d in sorted(documents, key=lambda d: d.municipality)
    ]
    joiner = " och " if lang == "sv" else " and "
    return joiner.join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def to_answer(result: SearchResult, *, documents: Sequence[Document]) -> Answer:
    """The reply a person sees for a search result; `documents` are the texts an honest
    no says it has."""
    lang = result.language
    if result.tier == "suggest":
        return Answer(
            question=result.question,
            language=lang,
            answered=False,
            body=t("answer.unsure", lang),
            municipality=result.municipality,
            suggestions=_suggestions(result.suggestions),
        )
    if not result.answered:
        return Answer(
            question=result.question,
            language=lang,
            answered=False,
            body=t("answer.not_found", lang, covered=covered(documents, lang)),
            municipality=result.municipality,
        )
    return quoted(result.question, lang, result.hits)


def _suggestions(hits: Sequence[Hit]) -> list[Suggestion]:
    """The passages offered, by their labels; each named by its municipality when they
    come from more than one (the labels alone would read as one text's sections)."""
    several = len({hit.passage.municipality for hit in hits}) > 1
    return [
        Suggestion(
            passage_id=hit.passage.passage_id,
            label=f"{hit.passage.municipality}: {hit.passage.label()}"
            if several
            else hit.passage.label(),
        )
        for hit in hits
    ]


def quoted(question: str, lang: Language, hits: Sequence[Hit]) -> Answer:
    """The confident answer: `hits[0]` quoted and cited, the next ones as related."""
    top = hits[0]
    return Answer(
        question=question,
        language=lang,
        answered=True,
        body=t("answer.found_in", lang, municipality=top.passage.municipality),
        municipality=top.passage.municipality,
        passages=[_citation(hit) for hit in hits[: 1 + RELATED_PASSAGES]],
        citation_label=t("answer.citation", lang),
        related_label=t("answer.related", lang),
        helpful_label=t("answer.helpful", lang),
        not_helpful_label=t("answer.not_helpful", lang),
        feedback_id=top.passage.passage_id,
    )
