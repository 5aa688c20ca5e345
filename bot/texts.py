"""Every user-facing string, Swedish and English, in one place.

`t(key, lang, **values)` formats one. Swedish is the default surface; English is used
when the user writes English. Keys are grouped by feature, one section each.
"""

from __future__ import annotations

from typing import Final

from knowledge.language import Language

# key -> (Swedish, English)
TEXTS: Final[dict[str, tuple[str, str]]] = {
    # --- turn boundary -----------------------------------------------------------------
    "error.internal": (
        "Något gick fel hos mig och ingenting ändrades. Försök igen om en stund; "
        "kvarstår felet, kontakta den internationella samordnaren.",
        "Something went wrong on my side and nothing was changed. Please try again "
        "shortly; if it persists, contact the international coordinator.",
    ),
    "error.unknown_command": (
        "Jag känner inte till kommandot {command}. Skriv /hjalp för en lista över kommandon.",
        "I don't know the command {command}. Type /help for a list of commands.",
    ),
    "error.too_long": (
        "Meddelandet är för långt ({length} tecken; högst {limit}). Korta ner det och "
        "försök igen.",
        "The message is too long ({length} characters; at most {limit}). Shorten it and "
        "try again.",
    ),
    "error.empty": (
        "Skriv en fråga om den internationella policyn, eller /hjalp för kommandon.",
        "Type a question about the international policy, or /help for commands.",
    ),
    # --- help --------------------------------------------------------------------------
    "help.title": ("Så här använder du mig", "How to use me"),
    "help.body": (
        "Fråga om den internationella policyn med vanliga ord, t.ex. ”Vem ansvarar för "
        "vänortsarbetet i Motala?”, eller med /fraga <fråga>.\n"
        "\n"
        "/kontakt – öppna formuläret för en ny internationell kontakt\n"
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; "
        "typ: vänort; beskrivning: Skolutbyte åk 8\n"
        "    valfritt: område, deltagare, unga: ja/nej, finansiering: 45000 SEK Erasmus+, "
        "stad, uppföljning\n"
        "/kontakt lista | visa ID | ändra ID; fält: värde | ta bort ID\n"
        "/rapport 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– nätverkets rapport (samordnaren)\n"
        "/natverk representant ANVÄNDARE FÖRVALTNING | ta bort ANVÄNDARE | lista "
        "– nätverkets representanter\n"
        "/hjalp – den här hjälpen",
        "Ask about the international policy in plain words, e.g. \"Who is responsible for "
        "twin-town work in Motala?\", or with /ask <question>.\n"
        "\n"
        "/contact – open the form for a new international contact\n"
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; description: School exchange, year 8\n"
        "    optional: area, participants, youth: yes/no, funding: 45000 SEK Erasmus+, "
        "city, follow-up\n"
        "/contact list | show ID | edit ID; field: value | delete ID\n"
        "/report 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– the network's report (coordinator)\n"
        "/network rep USER DEPARTMENT | remove USER | list – the network's representatives\n"
        "/help – this help",
    ),
    # --- policy answers ----------------------------------------------------------------
    "answer.found": ("Så här står det i policyn:", "This is what the policy says:"),
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
    # --- contacts ----------------------------------------------------------------------
    # --- network administration --------------------------------------------------------
    # --- report ------------------------------------------------------------------------
    # --- adapters ----------------------------------------------------------------------
}


def t(key: str, lang: Language, /, **values: object) -> str:
    """The text for `key` in `lang`, formatted with `values`."""
    sv, en = TEXTS[key]
    template = en if lang == "en" else sv
    return template.format(**values) if values else template
