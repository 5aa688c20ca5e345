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
        "Meddelandet är för långt ({length} tecken; högst {limit}). Korta ner det och försök igen.",
        "The message is too long ({length} characters; at most {limit}). Shorten it and try again.",
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
        'Ask about the international policy in plain words, e.g. "Who is responsible for '
        'twin-town work in Motala?", or with /ask <question>.\n'
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
    "contact.field.date": ("datum", "date"),
    "contact.field.partner": ("partner", "partner"),
    "contact.field.city": ("stad", "city"),
    "contact.field.country": ("land", "country"),
    "contact.field.kind": ("typ", "type"),
    "contact.field.areas": ("område", "area"),
    "contact.field.participants": ("deltagare", "participants"),
    "contact.field.youth": ("unga", "youth"),
    "contact.field.funding": ("finansiering", "funding"),
    "contact.field.funding_amount": ("extern finansiering, belopp", "external funding, amount"),
    "contact.field.funding_currency": ("valuta", "currency"),
    "contact.field.funding_source": ("finansieringskälla", "funding source"),
    "contact.field.description": ("beskrivning", "description"),
    "contact.field.follow_up": ("uppföljning", "follow-up"),
    "contact.field.department": ("förvaltning", "department"),
    "contact.or": ("eller", "or"),
    "contact.yes": ("ja", "yes"),
    "contact.rejected": (
        "Kontakten sparades inte ({count} att rätta, inget är lagrat):",
        "The contact was not saved ({count} to fix, nothing was stored):",
    ),
    "contact.error.missing.date": (
        "saknas. Skriv t.ex. datum: 2026-03-12 (eller idag, igår, 12 mars 2026).",
        "is missing. Write e.g. date: 2026-03-12 (or today, yesterday, 12 March 2026).",
    ),
    "contact.error.missing.partner": (
        "saknas. Skriv partnerorganisationen, t.ex. partner: Stadt Wetzlar.",
        "is missing. Write the partner organisation, e.g. partner: Stadt Wetzlar.",
    ),
    "contact.error.missing.country": (
        "saknas. Skriv landet, t.ex. land: Tyskland (eller DE).",
        "is missing. Write the country, e.g. country: Germany (or DE).",
    ),
    "contact.error.missing.kind": (
        "saknas. Skriv typen, t.ex. typ: vänort.",
        "is missing. Write the type, e.g. type: twin town.",
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
        "Inga kontakter loggade ({scope}). Logga en med /kontakt ny ...",
        "No contacts logged ({scope}). Log one with /contact new ...",
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
    "contact.placeholder.partner": ("t.ex. Stadt Wetzlar", "e.g. Stadt Wetzlar"),
    "contact.hint.youth": ("Unga deltog", "Young people took part"),
    "contact.hint.funding_amount": ("t.ex. 45 000", "e.g. 45000"),
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
    "command.unknown_field": (
        "Fältet ”{field}” känner jag inte till. Fälten är datum, partner, stad, land, typ, "
        "område, deltagare, unga, finansiering, beskrivning, uppföljning, förvaltning.",
        'I don\'t know the field "{field}". The fields are date, partner, city, country, '
        "type, area, participants, youth, funding, description, follow-up, department.",
    ),
    "command.need_id": ("Ange kontaktens nummer (ID).", "Give the contact's number (ID)."),
    "command.need_fields": (
        "Ange minst ett fält som fält: värde.",
        "Give at least one field as field: value.",
    ),
    "command.need_department": ("Ange förvaltningens namn.", "Give the department's name."),
    "command.unknown_word": ("Jag förstår inte ”{word}”.", 'I don\'t understand "{word}".'),
    "command.unknown_action": (
        "”{word}” är inget kommando här.",
        '"{word}" is not a command here.',
    ),
    "command.need_user_and_department": (
        "Ange både användaren och förvaltningen.",
        "Give both the user and the department.",
    ),
    "command.need_user": ("Ange en användare.", "Give one user."),
    # --- network administration --------------------------------------------------------
    "network.coordinator_only": (
        "Det är bara den internationella samordnaren ({coordinators}) som registrerar och "
        "tar bort representanter. Kontakta samordnaren.",
        "Only the international coordinator ({coordinators}) registers and removes "
        "representatives. Please contact the coordinator.",
    ),
    "network.rep.registered": (
        "{who} representerar nu {department}.",
        "{who} now represents {department}.",
    ),
    "network.rep.unchanged": (
        "{who} representerar redan {department}; inget ändrades.",
        "{who} already represents {department}; nothing changed.",
    ),
    "network.rep.moved": (
        "Platsen i {old} är avslutad (en person representerar en förvaltning åt gången).",
        "The seat in {old} is closed (one person represents one department at a time).",
    ),
    "network.department.created": (
        "Förvaltningen {department} är ny i nätverket.",
        "{department} is a new department in the network.",
    ),
    "network.rep.removed": (
        "{who} representerar inte längre {department}.",
        "{who} no longer represents {department}.",
    ),
    "network.rep.not_found": (
        "{user} är inte representant för någon förvaltning. Se /natverk lista.",
        "{user} does not represent any department. See /network list.",
    ),
    "network.list.title": (
        "Nätverkets förvaltningar ({count})",
        "The network's departments ({count})",
    ),
    "network.list.vacant": (
        "Utan representant: {departments}",
        "Without a representative: {departments}",
    ),
    "network.list.empty": (
        "Nätverket har inga förvaltningar ännu. Samordnaren lägger till med "
        "/natverk representant ANVÄNDARE FÖRVALTNING.",
        "The network has no departments yet. The coordinator adds them with "
        "/network rep USER DEPARTMENT.",
    ),
    "network.usage": (
        "Så här: /natverk representant ANVÄNDARE FÖRVALTNING | ta bort ANVÄNDARE | lista",
        "Like this: /network rep USER DEPARTMENT | remove USER | list",
    ),
    "network.usage.rep": (
        "Så här: /natverk representant @anna Kulturförvaltningen",
        "Like this: /network rep @anna Culture department",
    ),
    "network.usage.remove": (
        "Så här: /natverk ta bort @anna",
        "Like this: /network remove @anna",
    ),
    # --- report ------------------------------------------------------------------------
    "report.refused": (
        "Rapporten tas fram av nätverkets internationella samordnare. Be samordnaren om "
        "den, eller om behörighet om du ska sammanställa den.",
        "The report is compiled by the network's international coordinator. Ask the "
        "coordinator for it, or for access if you are to compile it.",
    ),
    "report.bad_period": (
        "Jag förstår inte perioden ”{value}”. Skriv ett år, en tertial eller ett "
        "datumintervall: /rapport 2026, /rapport 2026-T1 (T1–T3) eller "
        "/rapport 2026-01-01..2026-06-30, och gärna ett format: docx, xlsx, html eller csv.",
        'I don\'t understand the period "{value}". Give a year, a tertial or a date range: '
        "/report 2026, /report 2026-T1 (T1–T3) or /report 2026-01-01..2026-06-30, and "
        "optionally a format: docx, xlsx, html or csv.",
    ),
    "report.bad_format": (
        "Formatet ”{value}” finns inte. Välj docx (Word), xlsx (Excel), html (webbsida) "
        "eller csv, t.ex. /rapport 2026 docx.",
        'There is no format "{value}". Choose docx (Word), xlsx (Excel), html (web page) '
        "or csv, e.g. /report 2026 docx.",
    ),
    "report.chat.title": (
        "Internationella nätverket – rapport {period}",
        "The international network – report {period}",
    ),
    "report.chat.span": (
        "{span}, jämfört med {previous}.",
        "{span}, compared with {previous}.",
    ),
    "report.chat.activities": ("Aktiviteter: {value}", "Activities: {value}"),
    "report.chat.participants": ("Deltagare: {value}", "Participants: {value}"),
    "report.chat.youth": ("Aktiviteter med unga: {value}", "Activities with young people: {value}"),
    "report.chat.countries": ("Länder: {n} – flest: {top}", "Countries: {n} – most: {top}"),
    "report.chat.kinds": ("Typ: {list}", "Kind: {list}"),
    "report.chat.departments": ("Förvaltningar: {list}", "Departments: {list}"),
    "report.chat.partners": (
        "Partner: {total}, varav {new} nya och {continuing} återkommande",
        "Partners: {total}, of which {new} new and {continuing} continuing",
    ),
    "report.chat.funding": (
        "Extern finansiering: {total} i {n} aktiviteter – {list}",
        "External funding: {total} in {n} activities – {list}",
    ),
    "report.chat.no_funding": ("Extern finansiering: ingen", "External funding: none"),
    "report.chat.departments_without": (
        "Förvaltningar utan aktiviteter: {names}",
        "Departments without activities: {names}",
    ),
    "report.chat.uncovered": (
        "Policyns mål utan aktiviteter: {names}",
        "Policy goals without activities: {names}",
    ),
    "report.chat.all_covered": (
        "Alla policyns mål har aktiviteter.",
        "Every goal of the policy has activities.",
    ),
    "report.chat.hint": (
        "Rapporten som dokument: /rapport {period} docx (eller xlsx, html, csv).",
        "The report as a document: /report {period} docx (or xlsx, html, csv).",
    ),
    "report.chat.file": (
        "Dokumentet kommer som fil: {filename}",
        "The document comes as a file: {filename}",
    ),
    "report.chat.empty": (
        "Inga aktiviteter är loggade för perioden.",
        "No activities are logged for the period.",
    ),
    "report.file_title": (
        "Internationella nätverket – rapport {period} ({format})",
        "The international network – report {period} ({format})",
    ),
    "report.title.year": (
        "Årsuppföljning {period}",
        "Annual follow-up {period}",
    ),
    "report.title.period": ("Uppföljning {period}", "Follow-up {period}"),
    "report.subtitle": (
        "Internationellt arbete – {municipality}",
        "International work – {municipality}",
    ),
    "report.subtitle_plain": (
        "Det internationella nätverkets verksamhet",
        "The international network's activities",
    ),
    "report.author": ("Internationella nätverket", "The international network"),
    "report.fact.policy": ("Policy", "Policy"),
    "report.fact.period": ("Period", "Period"),
    "report.fact.compared": ("Jämförelse", "Compared with"),
    "report.fact.generated": ("Sammanställd", "Compiled"),
    "report.section.summary": ("Sammanfattning", "Summary"),
    "report.table.key_figures": ("Nyckeltal", "Key figures"),
    "report.section.departments": ("Aktiviteter per förvaltning", "Activities by department"),
    "report.section.kinds": ("Aktiviteter per typ", "Activities by kind"),
    "report.section.countries": ("Aktiviteter per land", "Activities by country"),
    "report.section.coverage": (
        "Policyns strategiska områden och mål",
        "The policy's strategic areas and goals",
    ),
    "report.section.funding": ("Extern finansiering", "External funding"),
    "report.section.partners": ("Nya och återkommande partner", "New and continuing partners"),
    "report.section.activities": ("Aktivitetslista", "Activity list"),
    "report.section.appendix": ("Bilaga: aktivitetslista", "Appendix: activity list"),
    "report.sentence.total": (
        "Under perioden loggades {total} internationella aktiviteter från {departments} "
        "förvaltningar med partner i {countries} länder ({previous_label}: {previous}).",
        "In the period, {total} international activities were logged by {departments} "
        "departments with partners in {countries} countries ({previous_label}: {previous}).",
    ),
    "report.sentence.top_countries": (
        "Flest aktiviteter skedde med {countries}.",
        "Most activities were with {countries}.",
    ),
    "report.sentence.partners": (
        "Aktiviteterna hade {total} partner, varav {new} nya och {continuing} återkommande.",
        "The activities had {total} partners: {new} new and {continuing} continuing.",
    ),
    "report.sentence.departments_without": (
        "Förvaltningar utan loggade aktiviteter: {names}.",
        "Departments with no logged activity: {names}.",
    ),
    "report.sentence.uncovered": (
        "Policyns mål utan aktiviteter under perioden: {names}.",
        "Policy goals with no activity in the period: {names}.",
    ),
    "report.fig.activities": ("Aktiviteter", "Activities"),
    "report.fig.participants": ("Deltagare", "Participants"),
    "report.fig.youth": ("Aktiviteter med unga", "Activities with young people"),
    "report.fig.countries": ("Länder", "Countries"),
    "report.fig.partners": ("Partner", "Partners"),
    "report.fig.new_partners": ("– varav nya partner", "– of which new partners"),
    "report.fig.departments": ("Förvaltningar med aktiviteter", "Departments with activities"),
    "report.fig.funded": (
        "Aktiviteter med extern finansiering",
        "Activities with external funding",
    ),
    "report.fig.funding": ("Extern finansiering", "External funding"),
    "report.col.measure": ("Mått", "Measure"),
    "report.col.change": ("Förändring", "Change"),
    "report.col.participants": ("Deltagare", "Participants"),
    "report.col.youth": ("Med unga", "With youth"),
    "report.col.activities": ("Aktiviteter", "Activities"),
    "report.col.department": ("Förvaltning", "Department"),
    "report.col.departments": ("Förvaltningar", "Departments"),
    "report.col.kind": ("Typ", "Kind"),
    "report.col.country": ("Land", "Country"),
    "report.col.area": ("Strategiskt område", "Strategic area"),
    "report.col.partners": ("Partner", "Partners"),
    "report.col.partner": ("Partner", "Partner"),
    "report.col.source": ("Finansiär", "Source"),
    "report.col.currency": ("Valuta", "Currency"),
    "report.col.amount": ("Belopp", "Amount"),
    "report.col.id": ("Nr", "No."),
    "report.col.date": ("Datum", "Date"),
    "report.col.city": ("Ort", "City"),
    "report.col.description": ("Beskrivning", "Description"),
    "report.col.follow_up": ("Uppföljning", "Follow-up"),
    "report.yes": ("ja", "yes"),
    "report.no": ("nej", "no"),
    "report.other_n": ("Övriga ({n})", "Others ({n})"),
    "report.and_more": ("och {n} till", "and {n} more"),
    "report.ongoing": (
        "Perioden pågår: uppgifterna gäller till och med {date}.",
        "The period is not over: the figures run to {date}.",
    ),
    "report.no_policy": (
        "Ingen kommun är vald (INTBOT_MUNICIPALITY), så aktiviteterna kan inte ställas mot "
        "en policys mål.",
        "No municipality is configured (INTBOT_MUNICIPALITY), so the activities cannot be "
        "set against a policy's goals.",
    ),
    "report.coverage.intro": (
        "Aktiviteterna per strategiskt område eller mål i policyn ”{policy}” "
        "({municipality}). En aktivitet kan höra till flera områden.",
        'The activities by strategic area or goal of the policy "{policy}" '
        "({municipality}). An activity can belong to several areas.",
    ),
    "report.coverage.uncovered": (
        "Områden och mål utan aktiviteter under perioden: {names}.",
        "Areas and goals with no activity in the period: {names}.",
    ),
    "report.coverage.all": (
        "Alla områden och mål har aktiviteter under perioden.",
        "Every area and goal has activities in the period.",
    ),
    "report.coverage.without_area": (
        "Aktiviteter utan angivet strategiskt område: {n}.",
        "Activities with no strategic area given: {n}.",
    ),
    "report.coverage.other_areas": (
        "Områden som inte finns i policyn: {areas}.",
        "Areas not named in the policy: {areas}.",
    ),
    "report.funding.none": (
        "Ingen extern finansiering är loggad för perioden.",
        "No external funding is logged for the period.",
    ),
    "report.funding.intro": (
        "Extern finansiering totalt: {total}, i {n} aktiviteter. Belopp i olika valutor "
        "räknas inte samman.",
        "External funding in total: {total}, in {n} activities. Amounts in different "
        "currencies are not added together.",
    ),
    "report.partners.intro": (
        "Perioden hade {total} partner: {new} nya och {continuing} återkommande. En partner "
        "är återkommande om den finns i loggen före perioden. Nya partner:",
        "The period had {total} partners: {new} new and {continuing} continuing. A partner "
        "is continuing when the log names it before the period. New partners:",
    ),
    "report.partners.more": ("… och {n} nya partner till.", "… and {n} more new partners."),
    "report.departments.without": (
        "Förvaltningar utan loggade aktiviteter under perioden: {names}.",
        "Departments with no logged activity in the period: {names}.",
    ),
    "report.departments.all": (
        "Alla förvaltningar i nätverket har loggat aktiviteter under perioden.",
        "Every department in the network logged activities in the period.",
    ),
    "report.countries.intro": (
        "Aktiviteterna hade partner i {n} länder (föregående period: {previous}).",
        "The activities had partners in {n} countries (previous period: {previous}).",
    ),
    "report.chart.kind": ("Aktiviteter per typ", "Activities by kind"),
    "report.chart.department": ("Aktiviteter per förvaltning", "Activities by department"),
    "report.chart.country": ("Länder med flest aktiviteter", "Countries with most activities"),
    "report.chart.area": ("Aktiviteter per strategiskt område", "Activities by strategic area"),
    "report.appendix.capped": (
        "Listan visar de första {shown} av periodens {total} aktiviteter. Alla finns i "
        "Excel-versionen av rapporten (xlsx).",
        "The list shows the first {shown} of the period's {total} activities. All of them "
        "are in the Excel version of the report (xlsx).",
    ),
    "report.appendix.empty": (
        "Inga aktiviteter är loggade för perioden.",
        "No activities are logged for the period.",
    ),
    "report.html.privacy": (
        "Sidan visar sammanställda uppgifter. Den innehåller inga personnamn och inga "
        "fritextbeskrivningar av enskilda aktiviteter.",
        "This page shows compiled figures. It contains no personal names and no free-text "
        "descriptions of single activities.",
    ),
    "report.html.chart_note": (
        "Diagrammet visar samma uppgifter som tabellen nedan.",
        "The chart shows the same figures as the table below.",
    ),
    "report.xlsx.entries": ("Aktiviteter", "Activities"),
    "report.xlsx.about": ("Om rapporten", "About"),
    "report.stage.compile": ("Sammanställer siffrorna", "Compiling the figures"),
    "report.stage.activities": ("Läser aktiviteterna", "Reading the activities"),
    "report.stage.render": ("Skriver dokumentet", "Writing the document"),
    "report.stage.write": ("Sparar filen", "Saving the file"),
    "report.cli.written": ("{path}: {size} byte", "{path}: {size} bytes"),
    "report.cli.bad_period": (
        "Perioden ”{value}” går inte att tolka. Ange 2026, 2026-T1 (T1–T3) eller "
        "2026-01-01..2026-06-30.",
        'Cannot read the period "{value}". Give 2026, 2026-T1 (T1–T3) or 2026-01-01..2026-06-30.',
    ),
    "report.demo.done": (
        "Demonätverket är skapat: {departments} förvaltningar, {representatives} "
        "representanter, {contacts} kontakter ({years}).",
        "The demo network is in place: {departments} departments, {representatives} "
        "representatives, {contacts} contacts ({years}).",
    ),
    "report.demo.refused": (
        "Databasen innehåller redan ett nätverk ({what}). Kör med --force för att lägga "
        "till demodata ändå.",
        "The database already holds a network ({what}). Run with --force to add the demo "
        "data anyway.",
    ),
    "report.demo.no_municipality": (
        "Ingen kommun är vald: demodata använder de strategiska områdena i policyn för "
        "{municipality}. Sätt INTBOT_MUNICIPALITY={municipality} så att rapporten visar "
        "policyns mål.",
        "No municipality is configured: the demo uses the strategic areas of the policy for "
        "{municipality}. Set INTBOT_MUNICIPALITY={municipality} so the report shows the "
        "policy's goals.",
    ),
    "report.demo.next": (
        "Nästa steg: intbot report {year} --format docx --output rapport-{year}.docx",
        "Next: intbot report {year} --format docx --output rapport-{year}.docx",
    ),
    # --- operations: reminders, visit notices, data rights -----------------------------
    "reminder.due": (
        "Hej! Tertialen {period} stänger {end} och {department} har ännu ingen "
        "internationell kontakt loggad för perioden ({start}–{end}). Logga en med /kontakt "
        "eller knappen nedan. Har ni inget att rapportera behöver du inte göra något.",
        "Hello! The tertial {period} closes on {end} and {department} has no international "
        "contact logged for the period yet ({start}–{end}). Log one with /contact or the "
        "button below. If you have nothing to report, there is nothing to do.",
    ),
    "reminder.action": ("Logga en kontakt", "Log a contact"),
    "digest.title": (
        "Rapportering för {period} (stänger {end})",
        "Reporting for {period} (closes on {end})",
    ),
    "digest.reported": ("Har rapporterat ({count}): {names}", "Have reported ({count}): {names}"),
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
    # --- adapters ----------------------------------------------------------------------
    "slack.cancel": ("Avbryt", "Cancel"),
    "slack.close": ("Stäng", "Close"),
    "slack.open_form": ("Öppna formuläret", "Open the form"),
    "slack.file_sent_dm": (
        "Jag får inte ladda upp filer här, så {filename} kommer som direktmeddelande.",
        "I may not upload files here, so {filename} comes as a direct message.",
    ),
    "slack.home.title": ("Internationella nätverket", "The international network"),
    "slack.home.role_coordinator": (
        "Du är nätverkets internationella samordnare.",
        "You are the network's international coordinator.",
    ),
    "slack.home.role_representative": (
        "Du representerar {department} i det internationella nätverket.",
        "You represent {department} in the international network.",
    ),
    "slack.home.role_member": (
        "Representanter loggar sin förvaltnings internationella kontakter här. Är du inte "
        "registrerad som representant, fråga den internationella samordnaren.",
        "Representatives log their department's international contacts here. If you are "
        "not registered as a representative, ask the international coordinator.",
    ),
    "slack.home.intro": (
        "Fråga om den internationella policyn under fliken Meddelanden, med /fraga eller "
        "genom att nämna mig i en kanal.",
        "Ask about the international policy in the Messages tab, with /ask or by "
        "mentioning me in a channel.",
    ),
    "slack.home.latest": ("Senaste kontakterna", "Latest contacts"),
    "slack.home.new_contact": ("Ny kontakt", "New contact"),
    "slack.home.help": ("Hjälp", "Help"),
    "teams.open_form": ("Öppna formuläret", "Open the form"),
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


def t(key: str, lang: Language, /, **values: object) -> str:
    """The text for `key` in `lang`, formatted with `values`."""
    sv, en = TEXTS[key]
    template = en if lang == "en" else sv
    return template.format(**values) if values else template
