"""Policy answers' texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "answer.found_in": (
        "Så här står det i {municipality}s policy:",
        "This is what {municipality}'s policy says (quoted in Swedish):",
    ),
    "answer.not_found": (
        "Det svarar policytexterna inte på. Jag gissar inte: fråga gärna den "
        "internationella samordnaren.",
        "The policy texts do not answer that, and I won't guess. Please ask the "
        "international coordinator.",
    ),
    "answer.citation": ("Källa", "Source"),
    "answer.related": ("Relaterat", "Related"),
    "answer.feedback_thanks": ("Tack för återkopplingen!", "Thanks for the feedback!"),
    "answer.helpful": ("Hjälpsamt", "Helpful"),
    "answer.not_helpful": ("Inte hjälpsamt", "Not helpful"),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
