"""Produce a report: resolve the policy and labels, compile the figures, read the
activities a format needs and render. Shared by `/rapport` and `intbot report`."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from bot.features.contacts import vocabulary
from bot.features.report.export_rows import export, read_entries, sync_readable
from bot.features.report.figures import (
    Labels,
    Policy,
    Report,
    compile_report,
    load_activities,
    stream_activities,
)
from bot.features.report.options import parse_options
from bot.features.report.periods import Period
from bot.kernel.config import Settings
from bot.store.db import Database
from knowledge.index import PolicyIndex
from knowledge.language import Language
from knowledge.types import Document

Format = Literal["docx", "xlsx", "html", "csv", "md"]
FORMATS: tuple[Format, ...] = get_args(Format)
CHAT_FORMATS: tuple[Format, ...] = ("docx", "xlsx", "html", "csv")

# A stage name for a progress display (`intbot report` on the command line).
Progress = Callable[[str], None]


@dataclass(frozen=True, kw_only=True)
class RenderedReport:
    filename: str
    content: bytes
    media_type: str
    format: Format


def _document(settings: Settings, index: PolicyIndex) -> Document | None:
    if not settings.municipality:
        return None
    wanted = settings.municipality.casefold()
    return next((d for d in index.documents if d.municipality.casefold() == wanted), None)


def strategic_areas(settings: Settings, index: PolicyIndex) -> list[tuple[str, str]]:
    """The configured municipality's strategic areas as (key, label)."""
    return list(vocabulary.strategic_areas(settings, index))


def policy_for(settings: Settings, index: PolicyIndex) -> Policy | None:
    """The configured municipality's policy and its strategic areas, if any."""
    document = _document(settings, index)
    if document is None:
        return None
    return Policy(
        municipality=document.municipality,
        title=document.title,
        areas=tuple(strategic_areas(settings, index)),
        adopted_by=document.adopted_by,
        adopted=document.adopted,
        report_to=document.report_to,
        reported_by=document.reported_by,
        options=parse_options(document.report_options),
    )


def labels_for(policy: Policy | None, lang: Language) -> Labels:
    return Labels(
        kind=lambda key: vocabulary.kind_label(key, lang),
        country=lambda code: vocabulary.country_name(code, lang),
        areas=dict(policy.areas) if policy else {},
    )


def filename_for(period: Period, fmt: Format) -> str:
    return f"rapport-{period.slug}.{fmt}"


async def build_report(
    *,
    db: Database,
    settings: Settings,
    index: PolicyIndex,
    period: Period,
    language: Language,
    now: dt.datetime,
) -> tuple[Report, Labels]:
    policy = policy_for(settings, index)
    labels = labels_for(policy, language)
    # While the period runs, it and last year's are cut at today's date, so the
    # comparison is January–November against January–November, not against a whole year
    # (and entries dated ahead, such as planned visits, are not counted as done).
    report = await compile_report(
        db,
        period=period.until(now.date()),
        labels=labels,
        policy=policy,
        language=language,
        generated_at=now,
    )
    return report, labels


async def render_report(
    report: Report,
    *,
    db: Database,
    labels: Labels,
    fmt: Format,
    progress: Progress | None = None,
    narrative: str | None = None,
) -> RenderedReport:
    """Read the activities `fmt` needs and render it off the event loop.

    `narrative` is the coordinator's own text for the period (analysis, conclusions,
    proposals); DOCX, HTML and Markdown show it after the summary, XLSX on its first sheet.
    CSV and XLSX stream the entries from the database cursor in batches, each written in
    a worker thread, so memory stays flat as the period grows.
    """
    from bot.features.report import render_csv, render_docx, render_html, render_md, render_xlsx

    def step(stage: str) -> None:
        if progress is not None:
            progress(stage)

    period = report.period
    match fmt:
        case "html":
            step("render")
            content = await asyncio.to_thread(render_html.render_html, report, narrative=narrative)
            media_type = render_html.MEDIA_TYPE
        case "docx" | "md":
            step("activities")
            cap = render_docx.APPENDIX_ROWS
            activities = await load_activities(
                db, period=period, labels=labels, lang=report.language, limit=cap
            )
            step("render")
            if fmt == "docx":
                content = await asyncio.to_thread(
                    render_docx.render_docx, report, activities, narrative=narrative
                )
                media_type = render_docx.MEDIA_TYPE
            else:
                content = await asyncio.to_thread(
                    render_md.render_md, report, activities, narrative=narrative
                )
                media_type = render_md.MEDIA_TYPE
        case "xlsx" | "csv":
            step("activities")
            writer: render_xlsx.XlsxWriter | render_csv.CsvWriter
            if fmt == "xlsx":
                writer = render_xlsx.XlsxWriter(report, narrative=narrative)
                media_type = render_xlsx.MEDIA_TYPE
            else:
                writer = render_csv.CsvWriter(report)
                media_type = render_csv.MEDIA_TYPE
            url = sync_readable(db)
            if url is not None:  # cursor, labels and writer in one worker thread
                batches = read_entries(
                    url, period=period, labels=labels, lang=report.language, target=writer.target
                )
                content = await asyncio.to_thread(export, writer, batches)
            else:
                async for batch in stream_activities(
                    db, period=period, labels=labels, lang=report.language
                ):
                    await asyncio.to_thread(writer.add_entries, batch)
                content = await asyncio.to_thread(writer.finish)
            step("render")
    return RenderedReport(
        filename=filename_for(period, fmt), content=content, media_type=media_type, format=fmt
    )
