"""Data rights' texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "data.export_usage": (
        "Skriv /natverk export ANVÄNDARE, t.ex. /natverk export U123.",
        "Type /network export USER, e.g. /network export U123.",
    ),
    "data.export_forbidden": (
        "Bara den internationella samordnaren kan ta ut andras uppgifter. Dina egna får "
        "du med /natverk export {user}.",
        "Only the international coordinator can export other people's data. You get your "
        "own with /network export {user}.",
    ),
    "data.export_title": (
        "Allt som lagras om {user} ({count} poster)",
        "Everything stored about {user} ({count} records)",
    ),
    "data.export_empty": (
        "Ingenting lagras om {user}.",
        "Nothing is stored about {user}.",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
