"""A search result as the reply a person sees: the quoted, cited passage, or a plain
statement that the texts do not answer. Light on imports: `intbot ask` uses it alone."""

from __future__ import annotations

from bot.features.questions.texts import t
from bot.kernel.messages import Answer, Citation
from knowledge.types import Hit, SearchResult

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


def to_answer(result: SearchResult) -> Answer:
    """The reply a person sees for a search result."""
    lang = result.language
    if not result.answered:
        return Answer(
            question=result.question,
            language=lang,
            answered=False,
            body=t("answer.not_found", lang),
            municipality=result.municipality,
        )
    top = result.hits[0]
    return Answer(
        question=result.question,
        language=lang,
        answered=True,
        body=t("answer.found_in", lang, municipality=top.passage.municipality),
        municipality=top.passage.municipality,
        passages=[_citation(hit) for hit in result.hits[: 1 + RELATED_PASSAGES]],
        citation_label=t("answer.citation", lang),
        related_label=t("answer.related", lang),
        helpful_label=t("answer.helpful", lang),
        not_helpful_label=t("answer.not_helpful", lang),
        feedback_id=top.passage.passage_id,
    )
