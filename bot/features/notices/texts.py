"""Reminders', digests' and visit notices' texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "reminder.due": (
        "Hej! Tertialen {period} stänger {end} och {department} har ännu ingen "
        "internationell kontakt loggad för perioden ({start}–{end}). Logga en med /kontakt "
        "eller knappen nedan. Har ni inget att rapportera behöver du inte göra något.",
        "Hello! The tertial {period} closes on {end} and {department} has no international "
        "contact logged for the period yet ({start}–{end}). Log one with /contact or the "
        "button below. If you have nothing to report, there is nothing to do.",
    ),
    "digest.title": (
        "Rapportering för {period} (stänger {end})",
        "Reporting for {period} (closes on {end})",
    ),
    "digest.reported": (
        "Har rapporterat ({count}): {names}",
        "Have reported ({count}): {names}",
    ),
    "digest.missing": (
        "Har inte rapporterat ({count}): {names}",
        "Have not reported ({count}): {names}",
    ),
    "digest.none": ("inga", "none"),
    "digest.reminded": (
        "De som saknar rapport har fått en påminnelse.",
        "Those without a report have been reminded.",
    ),
    "visit.notice": (
        "Kommande besök {date}: {kind} – {partner} ({place}). Ansvarig förvaltning: {department}.",
        "Upcoming visit on {date}: {kind} – {partner} ({place}). Responsible department: "
        "{department}.",
    ),
    "visit.kind.delegation": ("inkommande delegation", "incoming delegation"),
    "visit.kind.twin_town": ("vänortsbesök", "twin-town visit"),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
