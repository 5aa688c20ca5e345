"""The network report's texts (chat summary and documents). Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
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
    "report.one_format": (
        "Ett format i taget: /rapport {period} {format} och sedan "
        "/rapport {period} {other_format}.",
        "One format at a time: /report {period} {format} and then /report {period} {other_format}.",
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
    "report.chat.youth": (
        "Aktiviteter med unga: {value}",
        "Activities with young people: {value}",
    ),
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
    "report.chat.effects": (
        "Effekter: beskrivna för {n} av {total} aktiviteter; {missing} saknar en utvärdering",
        "Effects: described for {n} of {total} activities; {missing} lack an evaluation",
    ),
    "report.chat.cross": (
        "Över flera förvaltningar: {n} av {total} aktiviteter ({share})",
        "Across several departments: {n} of {total} activities ({share})",
    ),
    "report.chat.cross_most": (
        "Över flera förvaltningar: {n} av {total} aktiviteter ({share}) – mest: {list}",
        "Across several departments: {n} of {total} activities ({share}) – most: {list}",
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
    "report.col.date": ("Datum", "Date"),
    "report.yes": ("ja", "yes"),
    "report.no": ("nej", "no"),
    "report.other_n": ("Övriga ({n})", "Others ({n})"),
    "report.and_more": ("och {n} till", "and {n} more"),
    "report.no_policy": (
        "Ingen kommun är vald för nätverket, så aktiviteterna kan inte ställas mot en policys mål.",
        "No municipality is set for the network, so the activities cannot be set against "
        "a policy's goals.",
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
    "report.cli.bad_narrative": (
        "Kan inte läsa texten i {path}: {problem}.",
        "Cannot read the text in {path}: {problem}.",
    ),
    "report.cli.not_utf8": (
        "filen är inte UTF-8 (spara den som UTF-8)",
        "the file is not UTF-8 (save it as UTF-8)",
    ),
    "report.cli.bad_output": (
        "Kan inte skriva {path}: {problem}.",
        "Cannot write {path}: {problem}.",
    ),
    "report.reversed": (
        "Perioden ”{value}” börjar efter att den slutar: jag läste början som {start} och "
        "slutet som {end}. Skriv den tidigare dagen först: {swapped}.",
        'The period "{value}" starts after it ends: I read the start as {start} and the end '
        "as {end}. Write the earlier day first: {swapped}.",
    ),
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
        "Databasen innehåller redan förvaltningar eller kontakter. Kör intbot demo --force "
        "för att lägga till demodata ändå, eller välj en tom databas "
        "(INTBOT_DATABASE_URL).",
        "The database already holds departments or contacts. Run intbot demo --force to add "
        "the demo data anyway, or choose an empty database (INTBOT_DATABASE_URL).",
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
    "report.ongoing_whole": (
        "Perioden pågår: uppgifterna gäller till och med {date}.",
        "The period is not over: the figures run to {date}.",
    ),
    "report.ongoing": (
        "Perioden pågår: uppgifterna gäller till och med {date} och jämförs med samma del "
        "av föregående år ({previous}).",
        "The period is not over: the figures run to {date} and are compared with the same "
        "part of the year before ({previous}).",
    ),
    "report.not_begun": (
        "Perioden har inte börjat (den börjar {date}); det finns inga uppgifter att jämföra.",
        "The period has not begun (it starts on {date}); there are no figures to compare.",
    ),
    "report.fig.funding": ("Extern finansiering, {currency}", "External funding, {currency}"),
    "report.funding.per_currency": (
        "Förändringen mot föregående period räknas per valuta, i tabellen nedan.",
        "The change from the previous period is given per currency, in the table below.",
    ),
    "report.funding.by_currency": (
        "Extern finansiering per valuta",
        "External funding by currency",
    ),
    "report.cover.to": ("Till", "To"),
    "report.cover.from": ("Från", "From"),
    "report.cover.date": ("Datum", "Date"),
    "report.contents": ("Innehåll", "Contents"),
    "report.page": ("Sida", "Page"),
    "report.section.narrative": ("Samordnarens analys och förslag", "The coordinator's analysis"),
    "report.section.committees": ("Aktiviteter per nämnd och styrelse", "Activities by committee"),
    "report.committees.intro": (
        "Förvaltningarna redovisas under den nämnd eller styrelse de hör till.",
        "Each department is counted under the committee it reports to.",
    ),
    "report.committees.unmapped": (
        "Förvaltningar som inte hör till någon nämnd i policyns uppgifter: {names}.",
        "Departments that the policy's data maps to no committee: {names}.",
    ),
    "report.sheet.committees": ("Nämnder och styrelser", "Committees"),
    "report.sheet.register": ("Projekt och avtal", "Projects and agreements"),
    "report.col.committee": ("Nämnd/styrelse", "Committee"),
    "report.section.cross": (
        "Aktiviteter över flera förvaltningar",
        "Activities across several departments",
    ),
    "report.cross.intro": (
        "{n} av periodens {total} aktiviteter ({share}) genomfördes av flera förvaltningar "
        "tillsammans.",
        "{n} of the period's {total} activities ({share}) were carried out by several "
        "departments together.",
    ),
    "report.cross.explained": (
        "En förvaltning leder aktiviteten; medförvaltningar är de andra som deltar.",
        "One department leads an activity; co-departments are the others taking part.",
    ),
    "report.cross.none": (
        "Ingen aktivitet har medförvaltningar loggade under perioden.",
        "No activity of the period has co-departments logged.",
    ),
    "report.cross.by_department": (
        "Förvaltningarnas del i samverkan",
        "Each department's part in the cooperation",
    ),
    "report.col.led": ("Ledde", "Led"),
    "report.col.joined": ("Deltog i", "Took part in"),
    "report.cross.lead": ("{department} (ansvarig)", "{department} (lead)"),
    "report.sheet.cross": ("Flera förvaltningar", "Several departments"),
    "report.sheet.cross_departments": ("Samverkan per förvaltning", "Cooperation by department"),
    "report.section.effects": ("Effekter och uppföljning", "Effects and follow-up"),
    "report.effects.intro": (
        "Aktiviteterna utvärderas mot de förväntade effekterna. {n} av periodens {total} "
        "aktiviteter har effekter beskrivna.",
        "Activities are evaluated against the expected effects. {n} of the period's "
        "{total} activities have their effects described.",
    ),
    "report.effects.missing": (
        "{n} aktiviteter ({share}) saknar en utvärdering: inga effekter är loggade för dem.",
        "{n} activities ({share}) lack an evaluation: no effects are logged for them.",
    ),
    "report.effects.none_missing": (
        "Ingen aktivitet saknar en utvärdering.",
        "No activity lacks an evaluation.",
    ),
    "report.entries.more": (
        "Ytterligare {n} visas inte här; kalkylbladets aktivitetslista har alla.",
        "{n} more are not shown here; the spreadsheet's activity list has them all.",
    ),
    "report.col.effects": ("Effekter och uppföljning", "Effects and follow-up"),
    "report.effects.follow_up": ("(Uppföljning: {text})", "(Follow-up: {text})"),
    "report.sheet.effects": ("Effekter", "Effects"),
    "report.section.tertials": ("Per tertial", "By tertial"),
    "report.tertials.intro": (
        "Årets aktiviteter per tertial, för tertial- och bokslutsrapporteringen.",
        "The year's activities by tertial, for the tertial and year-end reports.",
    ),
    "report.col.tertial": ("Tertial", "Tertial"),
    "report.section.trend": ("Utveckling över åren", "Trend over the years"),
    "report.trend.intro": (
        "Aktiviteter per mål, {span} varje år ({first}–{last}). Målen om ”ökad grad” "
        "följs som en trend.",
        "Activities per goal, {span} each year ({first}–{last}). Goals of an increase "
        "are followed as a trend.",
    ),
    "report.trend.whole_year": ("hela året", "the whole year"),
    "report.trend.same_part": (
        "samma del av året som {span}",
        "the same part of the year as {span}",
    ),
    "report.trend.total": ("Alla aktiviteter", "All activities"),
    "report.chart.trend": ("Aktiviteter per mål och år", "Activities per goal and year"),
    "report.section.register": (
        "Register över projekt och avtal",
        "Register of projects and agreements",
    ),
    "report.register.intro": (
        "Vänorter, EU-projekt och nätverk med aktiviteter under perioden: första och senaste "
        "aktivitet. {end_note}",
        "Twin towns, EU projects and networks with activities in the period: first and "
        "latest activity. {end_note}",
    ),
    "report.register.no_end": (
        "Inget av dem har ett slutdatum loggat, så status bygger på senaste aktivitet.",
        "None of them has an end date logged, so the status rests on the latest activity.",
    ),
    "report.register.with_end": (
        "Avtal och projekt vars slutdatum har passerat markeras; utan slutdatum bygger "
        "status på senaste aktivitet.",
        "Agreements and projects past their end date are flagged; without one, the status "
        "rests on the latest activity.",
    ),
    "report.register.more": (
        "Ytterligare {n} poster i registret visas inte här.",
        "{n} further entries of the register are not shown here.",
    ),
    "report.register.empty": (
        "Inga vänorter, EU-projekt eller nätverk har aktiviteter under perioden.",
        "No twin town, EU project or network has activities in the period.",
    ),
    "report.col.first": ("Första aktivitet", "First activity"),
    "report.col.latest": ("Senaste aktivitet", "Latest activity"),
    "report.col.end": ("Slutdatum", "End date"),
    "report.col.status": ("Status", "Status"),
    "report.status.active": ("pågår", "active"),
    "report.status.ended": ("avslutat", "ended"),
    "report.status.expired": ("slutdatum passerat", "past its end date"),
    "report.status.unknown": ("slutdatum saknas", "no end date"),
    "report.text.usage": (
        "Så här: /rapport text 2026 Analys, slutsatser och förslag … (utan text visas den "
        "som finns; /rapport text 2026 - tar bort den).",
        "Like this: /report text 2026 Analysis, conclusions and proposals … (without text, "
        "the one kept is shown; /report text 2026 - removes it).",
    ),
    "report.text.saved": (
        "Sparat: din text för {label} kommer med i rapportens dokument (/rapport {period} docx).",
        "Saved: your text for {label} goes into the report's documents (/report {period} docx).",
    ),
    "report.text.removed": (
        "Texten för {label} är borttagen.",
        "The text for {label} is removed.",
    ),
    "report.text.none": (
        "Ingen egen text är sparad för {label}. Skriv /rapport text {period} och din text.",
        "No text of your own is kept for {label}. Write /report text {period} and your text.",
    ),
    "report.text.title": ("Din text för {label}", "Your text for {label}"),
    "report.text.too_long": (
        "Texten är för lång ({length} tecken; högst {limit}).",
        "The text is too long ({length} characters; at most {limit}).",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
