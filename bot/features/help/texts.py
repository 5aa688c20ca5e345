"""The help text. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "help.title": ("Så här använder du mig", "How to use me"),
    "help.body": (
        "Fråga om den internationella policyn med vanliga ord, t.ex. ”Vem beslutar om "
        "vänortsavtal i Motala?”, eller med /fraga <fråga>.\n"
        "\n"
        "{contact_line}\n"
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; "
        "typ: vänort; beskrivning: Skolutbyte åk 8\n"
        "    valfritt: område, deltagare, unga: ja/nej, finansiering: 45000 SEK Erasmus+, "
        "stad, slutdatum (projekt och avtal), uppföljning, effekter, medförvaltningar\n"
        "/kontakt lista | visa ID | ändra ID; fält: värde | ta bort ID\n"
        "/kontakt borttagna | återställ ID – borttagna kontakter (samordnaren)\n"
        "/rapport 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– nätverkets rapport (samordnaren; T1 = januari–april, T2 = maj–augusti, "
        "T3 = september–december)\n"
        "/natverk representant ANVÄNDARE [ny förvaltning] FÖRVALTNING | ta bort ANVÄNDARE "
        "| lista – nätverkets representanter\n"
        "/natverk obesvarade | koppla ID AVSNITT | synonym ORD = BETYDELSE | synonymer "
        "– lär boten det den inte kunde svara på (samordnaren)\n"
        "/hjalp – den här hjälpen",
        'Ask about the international policy in plain words, e.g. "Who decides on '
        'twin-town agreements in Motala?", or with /ask <question>.\n'
        "\n"
        "{contact_line}\n"
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; description: School exchange, year 8\n"
        "    optional: area, participants, youth: yes/no, funding: 45000 SEK Erasmus+, "
        "city, end date (projects and agreements), follow-up, effects, co-departments\n"
        "/contact list | show ID | edit ID; field: value | delete ID\n"
        "/contact deleted | restore ID – deleted contacts (coordinator)\n"
        "/report 2026 | 2026-T1 | 2026-01-01..2026-06-30 [docx|xlsx|html|csv] "
        "– the network's report (coordinator; T1 = January–April, T2 = May–August, "
        "T3 = September–December)\n"
        "/network rep USER [new department] DEPARTMENT | remove USER | list "
        "– the network's representatives\n"
        "/network unanswered | link ID PASSAGE | synonym WORD = MEANING | synonyms "
        "– teach the bot what it could not answer (coordinator)\n"
        "/help – this help",
    ),
    "help.contact_form": (
        "/kontakt – öppna formuläret för en ny internationell kontakt",
        "/contact – open the form for a new international contact",
    ),
    "help.contact_template": (
        "/kontakt – visa hur en ny kontakt skrivs på en rad (här finns inget formulär)",
        "/contact – show how to write a new contact on one line (no form here)",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
