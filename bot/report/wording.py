"""The report's own words that `bot.texts` does not hold yet, Swedish and English.

Kept beside the report while `bot/` is being restructured (the kernel's text catalogue
is someone else's file); `w()` works like `bot.texts.t()`, so the entries can move
there unchanged.
"""

from __future__ import annotations

from knowledge.language import Language

TEXTS: dict[str, tuple[str, str]] = {
    "ongoing": (
        "Perioden pågår: uppgifterna gäller till och med {date} och jämförs med samma del "
        "av föregående år ({previous}).",
        "The period is not over: the figures run to {date} and are compared with the same "
        "part of the year before ({previous}).",
    ),
    "not_begun": (
        "Perioden har inte börjat (den börjar {date}); det finns inga uppgifter att jämföra.",
        "The period has not begun (it starts on {date}); there are no figures to compare.",
    ),
    "fig.funding": ("Extern finansiering, {currency}", "External funding, {currency}"),
    "funding.per_currency": (
        "Förändringen räknas per valuta: belopp i olika valutor läggs inte samman.",
        "The change is per currency: amounts in different currencies are not added up.",
    ),
    "funding.by_currency": ("Extern finansiering per valuta", "External funding by currency"),
    "col.previous_amount": ("Föregående period", "Previous period"),
    "cover.to": ("Till", "To"),
    "cover.from": ("Från", "From"),
    "cover.date": ("Datum", "Date"),
    "contents": ("Innehåll", "Contents"),
    "contents.update": (
        "Högerklicka och välj Uppdatera fält för att visa innehållsförteckningen.",
        "Right-click and choose Update field to show the table of contents.",
    ),
    "page": ("Sida", "Page"),
    "section.narrative": ("Samordnarens analys och förslag", "The coordinator's analysis"),
    "section.committees": ("Aktiviteter per nämnd och styrelse", "Activities by committee"),
    "committees.intro": (
        "Förvaltningarna redovisas under den nämnd eller styrelse de hör till.",
        "Each department is counted under the committee it reports to.",
    ),
    "committees.unmapped": (
        "Förvaltningar som inte hör till någon nämnd i policyns uppgifter: {names}.",
        "Departments that the policy's data maps to no committee: {names}.",
    ),
    "sheet.committees": ("Nämnder och styrelser", "Committees"),
    "sheet.register": ("Projekt och avtal", "Projects and agreements"),
    "col.committee": ("Nämnd/styrelse", "Committee"),
    "section.shared": (
        "Samverkan mellan förvaltningar",
        "Cooperation across departments",
    ),
    "shared.intro": (
        "Partner som flera förvaltningar har haft aktiviteter med under perioden: "
        "{n} av {total} partner.",
        "Partners that several departments had activities with in the period: "
        "{n} of {total} partners.",
    ),
    "shared.none": (
        "Ingen partner har haft aktiviteter med mer än en förvaltning under perioden.",
        "No partner had activities with more than one department in the period.",
    ),
    "col.department_count": ("Antal förvaltningar", "Number of departments"),
    "section.tertials": ("Per tertial", "By tertial"),
    "tertials.intro": (
        "Årets aktiviteter per tertial, för tertial- och bokslutsrapporteringen.",
        "The year's activities by tertial, for the tertial and year-end reports.",
    ),
    "col.tertial": ("Tertial", "Tertial"),
    "section.trend": ("Utveckling över åren", "Trend over the years"),
    "trend.intro": (
        "Aktiviteter per mål, {span} varje år ({first}–{last}). Målen om ”ökad grad” "
        "följs som en trend.",
        "Activities per goal, {span} each year ({first}–{last}). Goals of an increase "
        "are followed as a trend.",
    ),
    "trend.whole_year": ("hela året", "the whole year"),
    "trend.same_part": ("samma del av året som {span}", "the same part of the year as {span}"),
    "trend.total": ("Alla aktiviteter", "All activities"),
    "trend.funding": ("Extern finansiering, {currency}", "External funding, {currency}"),
    "chart.trend": ("Aktiviteter per mål och år", "Activities per goal and year"),
    "section.register": ("Register över projekt och avtal", "Register of projects and agreements"),
    "register.intro": (
        "Vänorter, EU-projekt och nätverk med aktiviteter under perioden: första och senaste "
        "aktivitet. {end_note}",
        "Twin towns, EU projects and networks with activities in the period: first and "
        "latest activity. {end_note}",
    ),
    "register.no_end": (
        "Slutdatum för avtal och projekt loggas ännu inte, så status bygger på senaste aktivitet.",
        "End dates of agreements and projects are not logged yet, so the status rests on "
        "the latest activity.",
    ),
    "register.with_end": (
        "Avtal och projekt vars slutdatum har passerat markeras.",
        "Agreements and projects past their end date are flagged.",
    ),
    "register.more": (
        "Ytterligare {n} poster i registret visas inte här.",
        "{n} further entries of the register are not shown here.",
    ),
    "register.empty": (
        "Inga vänorter, EU-projekt eller nätverk har aktiviteter under perioden.",
        "No twin town, EU project or network has activities in the period.",
    ),
    "col.first": ("Första aktivitet", "First activity"),
    "col.latest": ("Senaste aktivitet", "Latest activity"),
    "col.end": ("Slutdatum", "End date"),
    "col.status": ("Status", "Status"),
    "status.active": ("pågår", "active"),
    "status.ended": ("avslutat", "ended"),
    "status.expired": ("slutdatum passerat", "past its end date"),
    "status.unknown": ("slutdatum saknas", "no end date"),
    "xlsx.print_title": ("{title} – {sheet}", "{title} – {sheet}"),
}


def w(key: str, lang: Language, /, **values: object) -> str:
    """The text for `key` in `lang`, formatted with `values`."""
    sv, en = TEXTS[key]
    template = en if lang == "en" else sv
    return template.format(**values) if values else template
