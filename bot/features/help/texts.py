"""The help text. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "help.title": ("Så här använder du mig", "How to use me"),
    "help.body": (
        "Fråga om den internationella policyn med vanliga ord, t.ex. ”Vem beslutar om "
        "vänortsavtal i Motala?”, eller med /fraga <fråga>.\n"
        "\n"
        "/kontakt – öppna formuläret för en ny internationell kontakt\n"
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; "
        "typ: vänort; beskrivning: Skolutbyte åk 8\n"
        "    valfritt: område, deltagare, unga: ja/nej, finansiering: 45000 SEK Erasmus+, "
        "stad, slutdatum (projekt och avtal), uppföljning\n"
        "/kontakt lista | visa ID | ändra ID; fält: värde | ta bort ID\n"
        "/rapport 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– nätverkets rapport (samordnaren)\n"
        "/natverk representant ANVÄNDARE FÖRVALTNING | ta bort ANVÄNDARE | lista "
        "– nätverkets representanter\n"
        "/hjalp – den här hjälpen",
        'Ask about the international policy in plain words, e.g. "Who decides on '
        'twin-town agreements in Motala?", or with /ask <question>.\n'
        "\n"
        "/contact – open the form for a new international contact\n"
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; description: School exchange, year 8\n"
        "    optional: area, participants, youth: yes/no, funding: 45000 SEK Erasmus+, "
        "city, end date (projects and agreements), follow-up\n"
        "/contact list | show ID | edit ID; field: value | delete ID\n"
        "/report 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– the network's report (coordinator)\n"
        "/network rep USER DEPARTMENT | remove USER | list – the network's representatives\n"
        "/help – this help",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
