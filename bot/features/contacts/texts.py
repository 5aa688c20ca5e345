"""The contact log's texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "contact.or": ("eller", "or"),
    "contact.yes": ("ja", "yes"),
    "contact.rejected": (
        "Kontakten sparades inte ({count} att rätta, inget är lagrat):",
        "The contact was not saved ({count} to fix, nothing was stored):",
    ),
    "contact.error.unknown_field_near": (
        "Fältet ”{field}” känner jag inte till. Menade du {near}? Inget är lagrat.",
        'I don\'t know the field "{field}". Did you mean {near}? Nothing was stored.',
    ),
    "contact.error.too_long": (
        "är för lång ({length} tecken; högst {limit}). Korta ner den.",
        "is too long ({length} characters; at most {limit}). Shorten it.",
    ),
    "contact.error.date": (
        "”{value}” är inget datum jag förstår. Skriv t.ex. 2026-03-12, 12 mars 2026, idag "
        "eller igår.",
        '"{value}" is not a date I understand. Write e.g. 2026-03-12, 12 March 2026, '
        "today or yesterday.",
    ),
    "contact.error.end_before_start": (
        "{end} ligger före startdatumet {start}.",
        "{end} is before the start date {start}.",
    ),
    "contact.error.date_future": (
        "{value} ligger mer än ett år fram i tiden. Kontrollera årtalet.",
        "{value} is more than a year ahead. Check the year.",
    ),
    "contact.error.country": (
        "”{value}” känner jag inte igen som land. Menade du {nearest}? Skriv landets namn "
        "eller kod (t.ex. DE).",
        'I don\'t recognise "{value}" as a country. Did you mean {nearest}? Write the '
        "country's name or code (e.g. DE).",
    ),
    "contact.error.kind": (
        "”{value}” är ingen typ jag känner till. Välj en av: {kinds}.",
        '"{value}" is not a type I know. Choose one of: {kinds}.',
    ),
    "contact.error.areas": (
        "”{value}” är inget av policyns strategiska områden. Välj bland: {areas}.",
        '"{value}" is not one of the policy\'s strategic areas. Choose from: {areas}.',
    ),
    "contact.error.participants": (
        "”{value}” är inget antal. Skriv ett heltal, t.ex. deltagare: 25.",
        '"{value}" is not a number. Write a whole number, e.g. participants: 25.',
    ),
    "contact.error.youth": (
        "”{value}” förstår jag inte. Skriv unga: ja eller unga: nej.",
        'I don\'t understand "{value}". Write youth: yes or youth: no.',
    ),
    "contact.error.funding": (
        "”{value}” är inget belopp jag förstår. Skriv t.ex. finansiering: 45 000 SEK Erasmus+ "
        "(belopp, valuta, källa).",
        '"{value}" is not an amount I understand. Write e.g. funding: 45000 SEK Erasmus+ '
        "(amount, currency, source).",
    ),
    "contact.error.currency": (
        "”{value}” är ingen valutakod. Skriv t.ex. SEK eller EUR.",
        '"{value}" is not a currency code. Write e.g. SEK or EUR.',
    ),
    "contact.error.department": (
        "Förvaltningen ”{value}” finns inte i nätverket. Menade du {nearest}?",
        'There is no department "{value}" in the network. Did you mean {nearest}?',
    ),
    "contact.error.department_none": (
        "Förvaltningen ”{value}” finns inte i nätverket. Registrera den först med "
        "/natverk representant ANVÄNDARE FÖRVALTNING.",
        'There is no department "{value}" in the network. Register it first with '
        "/network rep USER DEPARTMENT.",
    ),
    "contact.error.department_not_yours": (
        "Du loggar kontakter för din egen förvaltning; bara den internationella "
        "samordnaren kan välja en annan. Ta bort fältet förvaltning.",
        "You log contacts for your own department; only the international coordinator "
        "can choose another. Leave out the department field.",
    ),
    "contact.error.department_required": (
        "saknas. Du representerar ingen förvaltning, så ange vilken kontakten gäller, t.ex. "
        "förvaltning: Kulturförvaltningen.",
        "is missing. You represent no department, so say which one the contact is for, e.g. "
        "department: Culture department.",
    ),
    "contact.error.period": (
        "”{value}” är ingen period jag förstår. Skriv t.ex. 2026, 2026-T1 eller "
        "2026-01-01..2026-06-30.",
        '"{value}" is not a period I understand. Write e.g. 2026, 2026-T1 or '
        "2026-01-01..2026-06-30.",
    ),
    "contact.no_coordinator": (
        "ingen samordnare är angiven ännu",
        "no coordinator has been set up yet",
    ),
    "contact.refused": (
        "Du är inte registrerad som representant för någon förvaltning i det "
        "internationella nätverket, så du kan inte logga kontakter ännu. Be den "
        "internationella samordnaren ({coordinators}) att registrera dig med "
        "/natverk representant {user} FÖRVALTNING.",
        "You are not registered as a representative of any department in the "
        "international network, so you cannot log contacts yet. Ask the international "
        "coordinator ({coordinators}) to register you with /network rep {user} DEPARTMENT.",
    ),
    "contact.not_found": (
        "Det finns ingen kontakt #{id} som du kan se. Skriv /kontakt lista för dina kontakter.",
        "There is no contact #{id} that you can see. Type /contact list for your contacts.",
    ),
    "contact.not_yours": (
        "Kontakt #{id} loggades av någon annan; du kan bara ändra och ta bort dina egna. "
        "Be den som loggade den, eller samordnaren ({coordinators}).",
        "Contact #{id} was logged by someone else; you can only edit and delete your own. "
        "Ask whoever logged it, or the coordinator ({coordinators}).",
    ),
    "contact.saved": ("Sparad: kontakt #{id}", "Saved: contact #{id}"),
    "contact.updated": ("Ändrad: kontakt #{id}", "Updated: contact #{id}"),
    "contact.unchanged": (
        "Kontakt #{id} hade redan de värdena; inget ändrades.",
        "Contact #{id} already had those values; nothing changed.",
    ),
    "contact.deleted": (
        "Borttagen: {line}\n(Raden finns kvar i historiken; samordnaren kan se den.)",
        "Deleted: {line}\n(The entry is kept in the history; the coordinator can see it.)",
    ),
    "contact.list.all": ("alla förvaltningar", "all departments"),
    "contact.list.title": ("Kontakter – {scope} ({count})", "Contacts – {scope} ({count})"),
    "contact.list.empty": (
        "Inga kontakter loggade ({scope}). Logga en med /kontakt.",
        "No contacts logged ({scope}). Log one with /contact.",
    ),
    "contact.list.more": (
        "… visar de {shown} senaste av {total}. Avgränsa med en period, t.ex. "
        "/kontakt lista 2026-T1.",
        "… showing the latest {shown} of {total}. Narrow it with a period, e.g. "
        "/contact list 2026-T1.",
    ),
    "contact.form.title": ("Ny internationell kontakt", "New international contact"),
    "contact.form.submit": ("Spara", "Save"),
    "contact.form.intro": (
        "Logga en internationell kontakt eller aktivitet för din förvaltning.",
        "Log an international contact or activity for your department.",
    ),
    "contact.hint.department": (
        "Tom: din egen förvaltning",
        "Empty: your own department",
    ),
    "contact.hint.department_fixed": (
        "Din förvaltning (bara samordnaren kan välja en annan)",
        "Your department (only the coordinator can choose another)",
    ),
    "contact.console.title": (
        "Här öppnas inget formulär – skriv kontakten på en rad:",
        "No form can open here – write the contact on one line:",
    ),
    "contact.usage": (
        "Så här: /kontakt ny … | lista | visa ID | ändra ID; fält: värde | ta bort ID",
        "Like this: /contact new … | list | show ID | edit ID; field: value | delete ID",
    ),
    "contact.usage.new": (
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort; "
        "beskrivning: Skolutbyte åk 8\n"
        "Valfritt: stad, område, deltagare, unga: ja/nej, finansiering: 45000 SEK Erasmus+, "
        "uppföljning.",
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; description: School exchange, year 8\n"
        "Optional: city, area, participants, youth: yes/no, funding: 45000 SEK Erasmus+, "
        "follow-up.",
    ),
    "contact.usage.list": (
        "Så här: /kontakt lista [2026 | 2026-T1] [förvaltning NAMN]",
        "Like this: /contact list [2026 | 2026-T1] [department NAME]",
    ),
    "contact.usage.show": ("Så här: /kontakt visa 12", "Like this: /contact show 12"),
    "contact.usage.edit": (
        "Så här: /kontakt ändra 12; datum: 2026-03-14; deltagare: 30",
        "Like this: /contact edit 12; date: 2026-03-14; participants: 30",
    ),
    "contact.usage.delete": ("Så här: /kontakt ta bort 12", "Like this: /contact delete 12"),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
