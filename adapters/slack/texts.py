"""Slack's own UI strings (buttons, modals), Swedish and English. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "slack.cancel": ("Avbryt", "Cancel"),
    "slack.close": ("Stäng", "Close"),
    "slack.open_form": ("Öppna formuläret", "Open the form"),
    "slack.form_unreadable": (
        "Fältet kom inte fram som formuläret skickar det, så inget sparades. Fyll i det "
        "igen och spara.",
        "The field did not arrive as the form sends it, so nothing was saved. Fill it in "
        "again and save.",
    ),
    "slack.file_sent_dm": (
        "Jag får inte ladda upp filer här, så {filename} kommer som direktmeddelande.",
        "I may not upload files here, so {filename} comes as a direct message.",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
