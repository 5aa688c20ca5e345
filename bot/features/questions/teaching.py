"""The coordinator teaches the bot: `/natverk obesvarade [PERIOD]` lists the questions it
did not answer with confidence and the answers marked not helpful, grouped by similar
wording; `/natverk koppla ID AVSNITT` links a question to the passage that answers it;
`/natverk synonym ORD = BETYDELSE [för KOMMUN]` teaches a word, `/natverk synonymer` lists
the words taught and `/natverk synonym bort ID` (or `bort ORD = BETYDELSE`) removes one.
Lessons are kept in the database (audited) and every server process uses them at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.features.questions.lessons import find_passage, short_ref
from bot.features.report.periods import PeriodError, ReversedPeriod, parse_period
from bot.kernel.calendar import local_now
from bot.kernel.grammar import fold
from bot.kernel.messages import Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import teaching
from knowledge.types import Passage

SIMILAR = 80  # token-set ratio at which two questions are listed as one group
GROUPS_SHOWN = 30
DEFAULT_DAYS = 90  # no period given: the last three months


@dataclass
class _Group:
    question: str
    ids: list[int] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    offered: list[str] = field(default_factory=list)
    picked: list[str] = field(default_factory=list)
    count: int = 0


def _grouped(rows: Sequence[teaching.Unanswered]) -> list[_Group]:
    groups: list[_Group] = []
    for row in rows:
        folded = fold(row.question)
        group = next(
            (g for g in groups if fuzz.token_set_ratio(folded, fold(g.question)) >= SIMILAR), None
        )
        if group is None:
            group = _Group(question=row.question)
            groups.append(group)
        group.count += 1
        group.kinds[row.kind] = group.kinds.get(row.kind, 0) + 1
        if row.id is not None:
            group.ids.append(row.id)
        group.offered += [p for p in row.offered if p not in group.offered]
        if row.picked and row.picked not in group.picked:
            group.picked.append(row.picked)
    return sorted(groups, key=lambda g: -g.count)


def _refs(ids: Sequence[str], passages: Sequence[Passage]) -> str:
    found = (find_passage(passages, pid) for pid in ids)
    return ", ".join(short_ref(p) for p in found if p is not None)


async def list_unanswered(turn: Turn, period_text: str | None) -> list[Reply]:
    services = turn.services
    now = local_now(services.settings, services.clock())
    if period_text:
        try:
            period = parse_period(period_text, today=now.date())
        except ReversedPeriod as error:
            values = error.values(turn.language)
            raise UserError(turn.t("report.reversed", value=period_text, **values)) from None
        except PeriodError:
            raise UserError(turn.t("teach.bad_period", value=period_text)) from None
        start = dt.datetime.combine(period.start, dt.time(), now.tzinfo)
        end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), now.tzinfo)
        scope = period.label(turn.language)
    else:
        start, end = now - dt.timedelta(days=DEFAULT_DAYS), now + dt.timedelta(minutes=1)
        scope = turn.t("teach.last_days", days=DEFAULT_DAYS)
    groups = _grouped(await teaching.unanswered(services.db, start=start, end=end))
    if not groups:
        return [Text(body=turn.t("teach.none", scope=scope))]
    passages = services.index.passages
    lines: list[str] = []
    for group in groups[:GROUPS_SHOWN]:
        ids = " ".join(f"#{n}" for n in group.ids) or "–"
        kinds = ", ".join(f"{turn.t('teach.kind.' + k)} {n}" for k, n in group.kinds.items())
        quoted = turn.t("teach.question", question=group.question)
        line = f"{ids} ({group.count}×, {kinds}) {quoted}"
        if group.offered:
            line += f" – {turn.t('teach.offered')}: {_refs(group.offered, passages)}"
        if group.picked:
            line += f" – {turn.t('teach.picked')}: {_refs(group.picked, passages)}"
        lines.append(line)
    lines.append(turn.t("teach.how"))
    title = turn.t("teach.title", scope=scope, count=sum(g.count for g in groups))
    return [Text(title=title, body="\n".join(lines))]


async def link(turn: Turn, question_id: int, ref: str) -> list[Reply]:
    services = turn.services
    question = await teaching.question_of(services.db, question_id)
    if question is None:
        raise UserError(turn.t("teach.no_question", id=question_id))
    passage = find_passage(services.index.passages, ref)
    if passage is None:
        raise UserError(turn.t("teach.no_passage", ref=ref))
    await teaching.add_link(
        services.db,
        question=question,
        passage_id=passage.passage_id,
        actor=turn.user,
        now=services.clock(),
    )
    where = f"{passage.municipality}, {passage.section}"
    return [Text(body=turn.t("teach.linked", question=question, passage=where))]


def _municipality(turn: Turn, municipality: str) -> str:
    """The municipality as its policy text names it, or the user's error naming those
    there are."""
    names = {fold(d.municipality): d.municipality for d in turn.services.index.documents}
    found = names.get(fold(municipality))
    if found is None:
        raise UserError(
            turn.t("teach.no_municipality", value=municipality, known=", ".join(names.values()))
        )
    return found


def _synonym_line(turn: Turn, synonym: teaching.Synonym) -> str:
    scope = synonym.municipality or turn.t("teach.all_municipalities")
    return turn.t("teach.synonym_line", id=synonym.id, term=synonym.term,
                  means=synonym.means, scope=scope)  # fmt: skip


async def synonym(turn: Turn, term: str, means: str, municipality: str | None) -> list[Reply]:
    services = turn.services
    if municipality is not None:
        municipality = _municipality(turn, municipality)
    await teaching.add_synonym(
        services.db,
        term=term,
        means=means,
        municipality=municipality,
        actor=turn.user,
        now=services.clock(),
    )
    scope = municipality or turn.t("teach.all_municipalities")
    return [Text(body=turn.t("teach.synonym", term=term, means=means, scope=scope))]


async def list_synonyms(turn: Turn) -> list[Reply]:
    """`/natverk synonymer`: every taught synonym with its id, and how to remove one."""
    taught = await teaching.synonyms(turn.services.db)
    if not taught:
        return [Text(body=turn.t("teach.synonyms.none"))]
    lines = [_synonym_line(turn, synonym) for synonym in taught]
    lines.append(turn.t("teach.synonyms.how"))
    return [Text(title=turn.t("teach.synonyms.title", count=len(taught)), body="\n".join(lines))]


async def remove_synonym_id(turn: Turn, synonym_id: int) -> list[Reply]:
    """`/natverk synonym bort ID`."""
    removed = await teaching.remove_synonyms(
        turn.services.db, which=lambda synonym: synonym.id == synonym_id,
        actor=turn.user, now=turn.services.clock(),
    )  # fmt: skip
    if not removed:
        raise UserError(turn.t("teach.synonym_no_id", id=synonym_id))
    return _removed(turn, removed)


async def remove_synonym(
    turn: Turn, term: str, means: str, municipality: str | None
) -> list[Reply]:
    """`/natverk synonym bort ORD = BETYDELSE [för KOMMUN]`: that word and meaning (in
    case and spacing as the bot compares words), for that municipality, or wherever it
    was taught when none is named."""
    place = _municipality(turn, municipality) if municipality is not None else None

    def which(synonym: teaching.Synonym) -> bool:
        return (
            fold(synonym.term) == fold(term)
            and fold(synonym.means) == fold(means)
            and (place is None or synonym.municipality == place)
        )

    removed = await teaching.remove_synonyms(
        turn.services.db, which=which, actor=turn.user, now=turn.services.clock()
    )
    if not removed:
        scope = place or turn.t("teach.anywhere")
        raise UserError(turn.t("teach.synonym_none", term=term, means=means, scope=scope))
    return _removed(turn, removed)


def _removed(turn: Turn, removed: Sequence[teaching.Synonym]) -> list[Reply]:
    lines = [_synonym_line(turn, synonym) for synonym in removed]
    return [Text(title=turn.t("teach.synonym_removed", count=len(removed)), body="\n".join(lines))]
