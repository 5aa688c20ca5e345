"""Policy questions: `/fraga`, plain messages, a pick among the passages offered, and
the feedback on answers.

A question goes, in order: small talk (a greeting, "vad kan du?", a municipality with no
text) gets its fitting reply; a question about the contact log is answered from it
(`log_questions`); a question worded like one the coordinator linked gets that passage;
otherwise the engine searches, with the taught synonyms added, and answers, offers up
to three passages, or says plainly that the texts do not answer. Questions it does not
answer with confidence are kept for the coordinator (`/natverk obesvarade`).
"""

from __future__ import annotations

from dataclasses import replace

from bot.features.contacts import validation
from bot.features.log_questions import answer as log_questions
from bot.features.questions.lessons import expand, find_passage, linked_passage
from bot.features.questions.reply import covered, quoted, to_answer
from bot.features.questions.small_talk import SmallTalk, classify
from bot.features.questions.texts import CATALOG
from bot.kernel.feature import Command, Feature
from bot.kernel.messages import Feedback, Pick, Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import feedback as feedback_store
from bot.store import teaching
from knowledge.types import Hit


async def handle(turn: Turn) -> list[Reply]:
    services = turn.services
    index = services.index
    if not any(char.isalpha() for char in turn.args):
        # `3` typed after a pick list has gone, `?`: nothing to search for, and nothing
        # the coordinator should be shown as an unanswered question.
        return [Text(body=turn.t("talk.no_words", text=turn.args))]
    talk = classify(turn.args, covered=[d.municipality for d in index.documents])
    if talk is not None:
        return [Text(body=_small_talk(turn, talk))]
    # A question about the network's own contact log is answered from the database;
    # the router leaves anything that could be a policy question to the policy texts.
    from_log = await log_questions.answer(turn)
    if from_log is not None:
        return from_log
    links, synonyms = await teaching.lessons(services.db)
    linked = find_passage(index.passages, linked_passage(turn.args, links) or "")
    if linked is not None:
        return [quoted(turn.args, turn.language, [Hit(passage=linked, score=1.0)])]
    default = services.settings.municipality
    taught = expand(turn.args, synonyms, municipality=default)
    result = replace(index.search(taught, municipality=default), question=turn.args)
    answer = to_answer(result, documents=index.documents)
    if not answer.answered:
        await teaching.log_question(
            services.db,
            user=turn.user,
            platform=turn.event.platform,
            question=validation.without_control(turn.args),  # PostgreSQL keeps no NUL
            tier=result.tier,
            offered=[s.passage_id for s in answer.suggestions],
            now=services.clock(),
        )
    return [answer]


def _small_talk(turn: Turn, talk: SmallTalk) -> str:
    what = covered(turn.services.index.documents, turn.language)
    if talk.kind == "no_text":
        return turn.t("talk.no_text", municipality=talk.municipality, covered=what)
    if talk.kind in ("capabilities", "coverage"):
        return turn.t(f"talk.{talk.kind}", covered=what)
    return turn.t(f"talk.{talk.kind}")


async def pick(turn: Turn, picked: Pick) -> list[Reply]:
    """The asker chose one of the passages offered: show it, and remember the choice."""
    passage = find_passage(turn.services.index.passages, picked.passage_id)
    if passage is None:
        raise UserError(turn.t("answer.pick_gone"))
    await teaching.record_pick(
        turn.services.db,
        user=turn.user,
        question=validation.without_control(picked.question),
        passage_id=passage.passage_id,
    )
    return [quoted(picked.question, turn.language, [Hit(passage=passage, score=1.0)])]


async def record_feedback(turn: Turn, feedback: Feedback) -> list[Reply]:
    """Store a helpful / not helpful click on an answer, and thank the user."""
    await feedback_store.record(
        turn.services.db,
        user=turn.user,
        platform=feedback.platform,
        question=validation.without_control(feedback.question),
        passage_id=feedback.passage_id,
        helpful=feedback.helpful,
    )
    return [Text(body=turn.t("answer.feedback_thanks"))]


FEATURE = Feature(
    name="questions",
    texts=CATALOG,
    commands={
        "fraga": Command(handler=handle),
        "fråga": Command(handler=handle),
        "ask": Command(handler=handle, language="en"),
    },
    questions=handle,
    feedback=record_feedback,
    pick=pick,
)
