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
    "contact.edit_rejected": (
        "Ändringen sparades inte ({count} att rätta, inget är ändrat):",
        "The change was not saved ({count} to fix, nothing was changed):",
    ),
    "contact.error.unknown_field_near": (
        "Fältet ”{field}” känner jag inte till. Menade du {near}? Inget är lagrat.",
        'I don\'t know the field "{field}". Did you mean {near}? Nothing was stored.',
    ),
    "contact.corrected": (
        "tolkade ”{value}” som {meant}",
        'read "{value}" as {meant}',
    ),
    "contact.corrections": (
        "Observera: {notes}. Stämmer det inte, rätta med /kontakt ändra {id}; fält: värde.",
        "Note: {notes}. If that is wrong, correct it with /contact edit {id}; field: value.",
    ),
    "contact.error.bad_id": (
        "”{value}” är inget kontaktnummer (ett nummer från /kontakt lista).",
        '"{value}" is not a contact number (a number from /contact list).',
    ),
    "contact.error.field_twice": (
        "Fältet ”{field}” står två gånger. Skriv det en gång.",
        'The field "{field}" is given twice. Give it once.',
    ),
    "contact.error.same_field": (
        "”{first}” och ”{second}” är samma fält. Skriv det en gång.",
        '"{first}" and "{second}" are the same field. Give it once.',
    ),
    "contact.error.control": (
        "Värdet innehåller osynliga styrtecken (t.ex. NUL eller ett tecken som vänder "
        "skrivriktningen). Skriv det utan dem.",
        "The value holds invisible control characters (such as NUL or a character that "
        "reverses the writing direction). Write it without them.",
    ),
    "contact.error.too_many": (
        "har för många val (högst {limit}).",
        "has too many choices (at most {limit}).",
    ),
    "contact.error.date_early": (
        "{value} är för tidigt: kontaktloggen börjar {year}. Kontrollera årtalet.",
        "{value} is too early: the contact log starts in {year}. Check the year.",
    ),
    "contact.error.home_country": (
        "{country} är nätverkets eget land, så det räknas inte som partnerland. Ange "
        "partnerns land (t.ex. Tyskland), eller lämna kontakten ologgad om den är inhemsk.",
        "{country} is the network's own country, so it does not count as a partner "
        "country. Give the partner's country (e.g. Germany); a domestic contact is not "
        "logged here.",
    ),
    "contact.error.too_long": (
        "är för lång ({length} tecken; högst {limit}). Korta ner den.",
        "is too long ({length} characters; at most {limit}). Shorten it.",
    ),
    "contact.error.date": (
        "”{value}” är inget datum jag förstår. Skriv t.ex. 2026-03-12, 12/3 2026, "
        "12 mars 2026, idag eller igår.",
        '"{value}" is not a date I understand. Write e.g. 2026-03-12, 12/3 2026 (day first), '
        "12 March 2026, today or yesterday.",
    ),
    "contact.error.co_departments": (
        "Förvaltningen ”{value}” finns inte i nätverket. Menade du {nearest}? "
        "Medförvaltningar är förvaltningar i nätverket, skilda åt med komma.",
        'There is no department "{value}" in the network. Did you mean {nearest}? '
        "Co-departments are departments of the network, separated by commas.",
    ),
    "contact.error.co_departments_far": (
        "Förvaltningen ”{value}” finns inte i nätverket. Välj bland: {departments} "
        "(skilda åt med komma).",
        'There is no department "{value}" in the network. Choose from: {departments} '
        "(separated by commas).",
    ),
    "contact.error.co_department_lead": (
        "{department} är kontaktens egen förvaltning; medförvaltningar är de andra som deltar.",
        "{department} is the entry's own department; co-departments are the others taking part.",
    ),
    "contact.error.end_before_start": (
        "{end} ligger före startdatumet {start}.",
        "{end} is before the start date {start}.",
    ),
    "contact.error.date_future": (
        "{value} ligger mer än ett år fram i tiden. Kontrollera årtalet.",
        "{value} is more than a year ahead. Check the year.",
    ),
    "contact.error.end_date_future": (
        "{value} ligger mer än {years} år fram i tiden. Kontrollera årtalet.",
        "{value} is more than {years} years ahead. Check the year.",
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
    "contact.error.too_large": (
        "”{value}” är för stort: det största som går är {limit}.",
        '"{value}" is too large: the largest allowed is {limit}.',
    ),
    "contact.error.youth": (
        "”{value}” förstår jag inte. Skriv unga: ja eller unga: nej.",
        'I don\'t understand "{value}". Write youth: yes or youth: no.',
    ),
    "contact.error.funding": (
        "”{value}” är inget belopp jag förstår. Skriv t.ex. finansiering: 45 000 SEK Erasmus+ "
        "eller 1,5 mkr Interreg (belopp, valuta, källa).",
        '"{value}" is not an amount I understand. Write e.g. funding: 45000 SEK Erasmus+ '
        "or 1.5 MSEK Interreg (amount, currency, source).",
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
        "Borttagen: {line}\n(Raden finns kvar; samordnaren kan se den med /kontakt borttagna "
        "och ta tillbaka den med /kontakt återställ {id}.)",
        "Deleted: {line}\n(The entry is kept; the coordinator can see it with /contact deleted "
        "and bring it back with /contact restore {id}.)",
    ),
    "contact.delete.declined": (
        "Inget togs bort: {line} finns kvar.",
        "Nothing was deleted: {line} is kept.",
    ),
    "contact.delete.confirm": (
        "Vill du ta bort {line}? Skriv /kontakt ta bort {id} ja för att bekräfta.",
        "Do you want to delete {line}? Type /contact delete {id} yes to confirm.",
    ),
    "contact.duplicate": (
        "Inget är sparat: det här liknar en kontakt som redan finns (samma partner, datum och "
        "förvaltning):\n{line}\nÄr det en annan kontakt, skriv samma kommando igen med "
        "; ändå: ja sist. Ska den befintliga ändras: /kontakt ändra {id}; fält: värde",
        "Nothing was saved: this looks like a contact that already exists (same partner, "
        "date and department):\n{line}\nIf it is another contact, send the same command "
        "again with ; anyway: yes at the end. To change the existing one: "
        "/contact edit {id}; field: value",
    ),
    "contact.duplicate.form": (
        "liknar en kontakt som redan finns (samma partner, datum och förvaltning): {line}. "
        "Är det en annan kontakt, kryssa i rutan och spara igen.",
        "looks like a contact that already exists (same partner, date and department): "
        "{line}. If it is another contact, tick the box and save again.",
    ),
    "contact.error.department_move": (
        "En kontakt stannar hos förvaltningen den loggades för; bara samordnaren kan flytta den.",
        "An entry stays with the department it was logged for; only the coordinator can move it.",
    ),
    "contact.coordinator_only": (
        "Det är bara samordnaren ({coordinators}) som ser och återställer borttagna kontakter.",
        "Only the coordinator ({coordinators}) sees and restores deleted contacts.",
    ),
    "contact.deleted_list.title": (
        "Borttagna kontakter ({count})",
        "Deleted contacts ({count})",
    ),
    "contact.deleted_list.line": (
        "{line} (borttagen {at} av {by})",
        "{line} (deleted {at} by {by})",
    ),
    "contact.deleted_list.restore": (
        "Ta tillbaka en med /kontakt återställ ID.",
        "Bring one back with /contact restore ID.",
    ),
    "contact.deleted_list.empty": ("Inga kontakter är borttagna.", "No contacts are deleted."),
    "contact.removed": (
        "Kontakt #{id} är borttagen (togs bort {at}), så den kan inte visas eller ändras. "
        "Borttagna kontakter ser samordnaren ({coordinators}) i /kontakt borttagna och kan "
        "ta tillbaka dem med /kontakt återställ {id}. Be samordnaren om det.",
        "Contact #{id} is deleted (deleted on {at}), so it cannot be shown or changed. The "
        "coordinator ({coordinators}) sees deleted contacts in /contact deleted and can "
        "bring them back with /contact restore {id}. Ask the coordinator.",
    ),
    "contact.removed.coordinator": (
        "Kontakt #{id} är borttagen (togs bort {at} av {by}). Den syns i /kontakt borttagna "
        "och tas tillbaka med /kontakt återställ {id}.",
        "Contact #{id} is deleted (deleted on {at} by {by}). It is listed in /contact deleted "
        "and brought back with /contact restore {id}.",
    ),
    "contact.restored": ("Återställd: kontakt #{id}", "Restored: contact #{id}"),
    "contact.restore.not_found": (
        "Kontakt #{id} är inte borttagen (eller finns inte). Se /kontakt borttagna.",
        "Contact #{id} is not deleted (or does not exist). See /contact deleted.",
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
    # Slack shows at most 24 characters of a modal's title.
    "contact.form.title": ("Ny kontakt", "New contact"),
    "contact.form.submit": ("Spara", "Save"),
    "contact.form.intro": (
        "Logga en internationell kontakt eller aktivitet för din förvaltning.",
        "Log an international contact or activity for your department.",
    ),
    "contact.hint.department": (
        "Tom: din egen förvaltning",
        "Empty: your own department",
    ),
    "contact.together": ("med {names}", "with {names}"),
    "contact.hint.co_departments": (
        "Andra förvaltningar som deltar",
        "Other departments taking part",
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
        "Så här: /kontakt ny … | lista | visa ID | ändra ID; fält: värde | ta bort ID | "
        "borttagna | återställ ID",
        "Like this: /contact new … | list | show ID | edit ID; field: value | delete ID | "
        "deleted | restore ID",
    ),
    "contact.usage.new": (
        "/kontakt ny datum: 2026-03-12; partner: Stadt Wetzlar; land: Tyskland; typ: vänort; "
        "beskrivning: Skolutbyte åk 8\n"
        "Valfritt: stad, område, deltagare, unga: ja/nej, finansiering: 45000 SEK Erasmus+, "
        "slutdatum (projekt och avtal), uppföljning, effekter, medförvaltningar: "
        "Socialförvaltningen.",
        "/contact new date: 2026-03-12; partner: Stadt Wetzlar; country: Germany; "
        "type: twin town; description: School exchange, year 8\n"
        "Optional: city, area, participants, youth: yes/no, funding: 45000 SEK Erasmus+, "
        "end date (projects and agreements), follow-up, effects, co-departments: "
        "Socialförvaltningen.",
    ),
    "contact.areas": (
        "Strategiska områden (område:): {areas}.",
        "Strategic areas (area:): {areas}.",
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
    "contact.usage.delete": (
        "Så här: /kontakt ta bort 12 (och sedan /kontakt ta bort 12 ja)",
        "Like this: /contact delete 12 (and then /contact delete 12 yes)",
    ),
    "contact.usage.restore": (
        "Så här: /kontakt återställ 12 (samordnaren; se /kontakt borttagna)",
        "Like this: /contact restore 12 (the coordinator; see /contact deleted)",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
