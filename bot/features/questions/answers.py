"""Policy questions: search the indexed texts, answer with a quoted, cited passage or say
plainly that the texts do not answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.kernel.i18n import t
from bot.kernel.messages import Answer, Citation, Reply
from bot.store.models import AnswerFeedback
from knowledge.types import Hit, SearchResult

if TYPE_CHECKING:
    from bot.kernel.bot import Services, Turn

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
        feedback_id=top.passage.passage_id,
    )


async def handle(turn: Turn) -> list[Reply]:
    settings = turn.services.settings
    result = turn.services.index.search(turn.args, municipality=settings.municipality)
    return [to_answer(result)]


async def record_feedback(
    services: Services,
    *,
    user: str,
    platform: str,
    question: str,
    passage_id: str | None,
    helpful: bool,
) -> None:
    """Store a helpful / not helpful click on an answer."""
    async with services.db.session() as session:
        session.add(
            AnswerFeedback(
                user_id=user,
                platform=platform,
                question=question[:2000],
                passage_id=passage_id,
                helpful=helpful,
            )
        )
