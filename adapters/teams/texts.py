"""Teams' own UI strings (cards, links, welcome), Swedish and English. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "teams.open_form": ("Öppna formuläret", "Open the form"),
    "teams.form_unreadable": (
        "Fältet ”{field}” kom inte fram som kortet skickar det, så inget sparades. Skriv "
        "kontakt för ett nytt kort och fyll i det igen.",
        'The field "{field}" did not arrive as the card sends it, so nothing was saved. '
        "Type contact for a new card and fill it in again.",
    ),
    "teams.welcome": (
        "Hej! Jag är det internationella nätverkets bot. Jag svarar på frågor om den "
        "internationella policyn med citat och källa, för nätverkets kontaktlogg och "
        "sammanställer rapporten.\n"
        "Skriv en fråga direkt, eller:\n"
        "fraga <fråga> – fråga om policyn\n"
        "kontakt – formulär för en ny internationell kontakt\n"
        "kontakt lista – din förvaltnings kontakter\n"
        "rapport 2026 – nätverkets rapport (samordnaren)\n"
        "hjalp – alla kommandon\n"
        "I en kanal eller gruppchatt: nämn mig först (@intbot).",
        "Hello! I am the international network's bot. I answer questions about the "
        "international policy with a quote and its source, keep the network's contact log "
        "and compile the report.\n"
        "Type a question, or:\n"
        "ask <question> – ask about the policy\n"
        "contact – a form for a new international contact\n"
        "contact list – your department's contacts\n"
        "report 2026 – the network's report (coordinator)\n"
        "help – all commands\n"
        "In a channel or group chat: mention me first (@intbot).",
    ),
    "teams.download": ("Ladda ner", "Download"),
    "teams.link_expires": (
        "Länken gäller i {minutes} minuter.",
        "The link is valid for {minutes} minutes.",
    ),
    "teams.file_unavailable": (
        "Dokumentet är för stort för att länkas här. Be samordnaren ta fram det med "
        "intbot report på servern.",
        "The document is too large to link here. Ask the coordinator to produce it with "
        "intbot report on the server.",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
