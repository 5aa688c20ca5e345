"""`/rapport PERIOD [docx|xlsx|html|csv]` (`/report`) for the coordinator.

Replies with the chat summary and, when a format is named, the document as a file.
No period means the current year. Only the coordinator may compile the report.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.features.report.layout import clean_narrative
from bot.features.report.periods import Period, PeriodError, ReversedPeriod, parse_period
from bot.features.report.render_chat import summary_text
from bot.features.report.service import CHAT_FORMATS, Format, build_report, render_report
from bot.features.report.texts import CATALOG
from bot.kernel.feature import Command, Feature
from bot.kernel.messages import File, Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import narratives

_SLUG_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})--(\d{4}-\d{2}-\d{2})")
NARRATIVE_CHARS = 20_000  # a few pages of the board document
FORMAT_NAMES = {"docx": "Word", "xlsx": "Excel", "html": "HTML", "csv": "CSV"}


def parse_args(args: str, *, today: dt.date, turn: Turn) -> tuple[Period, Format | None]:
    """`2026-T1 docx` -> (tertial 1 2026, "docx"). The error names what was wrong: the
    format when the rest is a period, else the period."""
    # The file name's form of a range (`2026-01-01--2026-06-30`, `Period.slug`) is what
    # the summary suggests after a range, so it is read like `..`.
    words = _SLUG_RANGE.sub(r"\1..\2", args).split()
    wanted = words[-1].lower().lstrip(".") if words else ""
    if wanted in CHAT_FORMATS:
        words = words[:-1]
        if words and (first := words[-1].lower().lstrip(".")) in CHAT_FORMATS:
            period_text = " ".join(words[:-1]) or str(today.year)
            raise UserError(
                turn.t("report.one_format", period=period_text, format=first, other_format=wanted)
            )
    try:
        period = parse_period(" ".join(words), today=today)
    except ReversedPeriod as error:
        value = " ".join(words)
        values = error.values(turn.language)
        raise UserError(turn.t("report.reversed", value=value, **values)) from None
    except PeriodError:
        if len(words) > 1 and words[-1].isalpha():
            try:
                parse_period(" ".join(words[:-1]), today=today)
            except PeriodError:
                pass
            else:
                raise UserError(turn.t("report.bad_format", value=words[-1])) from None
        if len(words) == 1 and words[0].isalpha():
            raise UserError(turn.t("report.bad_format", value=words[0])) from None
        raise UserError(turn.t("report.bad_period", value=" ".join(words))) from None
    return period, (wanted if wanted in CHAT_FORMATS else None)


async def handle(turn: Turn) -> list[Reply]:
    if not turn.is_coordinator:
        raise UserError(turn.t("report.refused"))
    now = turn.services.local_now()  # INTBOT_TIMEZONE's wall clock: "this year" is local
    word, _, rest = turn.args.strip().partition(" ")
    if word.lower() == "text":
        return await _narrative(turn, rest, today=now.date())
    period, fmt = parse_args(turn.args, today=now.date(), turn=turn)
    services = turn.services
    report, labels = await build_report(
        db=services.db,
        settings=services.settings,
        index=services.index,
        period=period,
        language=turn.language,
        now=now,
    )
    if fmt is None:
        return [summary_text(report)]
    narrative = await narratives.load(services.db, period.slug)
    rendered = await render_report(
        report, db=services.db, labels=labels, fmt=fmt, narrative=narrative
    )
    title = turn.t(
        "report.file_title", period=period.inline_label(turn.language), format=FORMAT_NAMES[fmt]
    )
    return [
        summary_text(report, filename=rendered.filename),
        File(
            filename=rendered.filename,
            content=rendered.content,
            media_type=rendered.media_type,
            title=title,
        ),
    ]


def parse_text_args(args: str, *, today: dt.date, turn: Turn) -> tuple[Period, str]:
    """`2026 Analys …` -> (the year 2026, "Analys …"); the text may be empty."""
    first, _, text = args.strip().partition(" ")
    try:
        return parse_period(_SLUG_RANGE.sub(r"\1..\2", first), today=today), text
    except ReversedPeriod as error:
        reply = turn.t("report.reversed", value=first, **error.values(turn.language))
        raise UserError(reply) from None
    except PeriodError:
        raise UserError(turn.t("report.text.usage")) from None


async def _narrative(turn: Turn, args: str, *, today: dt.date) -> list[Reply]:
    """`/rapport text PERIOD TEXT`: the coordinator's own text (analysis, conclusions,
    proposals) for the period's documents; without TEXT, what is kept; `-` removes it."""
    period, typed = parse_text_args(args, today=today, turn=turn)
    text = clean_narrative(typed)
    label = period.inline_label(turn.language)
    db = turn.services.db
    if not text.strip():
        kept = await narratives.load(db, period.slug)
        if kept is None:
            return [Text(body=turn.t("report.text.none", label=label, period=period.slug))]
        return [Text(title=turn.t("report.text.title", label=label), body=kept)]
    if len(text) > NARRATIVE_CHARS:
        raise UserError(turn.t("report.text.too_long", limit=NARRATIVE_CHARS, length=len(text)))
    removed = text.strip() == "-"
    await narratives.save(db, period=period.slug, text="" if removed else text.strip(),
                          actor=turn.user, now=turn.services.clock())  # fmt: skip
    key = "report.text.removed" if removed else "report.text.saved"
    return [Text(body=turn.t(key, label=label, period=period.slug))]


FEATURE = Feature(
    name="report",
    texts=CATALOG,
    commands={
        "rapport": Command(handler=handle, language="sv"),
        "report": Command(handler=handle, language="en"),
    },
)
