"""Texts of answers from the contact log. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "log.contacts": ("Kontakter", "Contacts"),
    "log.with": ("med {names}", "with {names}"),
    "log.with_in": ("med {names} i {places}", "with {names} in {places}"),
    "log.or": (" eller ", " or "),
    "log.whole_log": ("hela loggen", "the whole log"),
    "log.youth": ("med unga", "involving young people"),
    "log.areas": ("strategiskt område: {names}", "strategic area: {names}"),
    "log.funders": ("finansierade av {names}", "funded by {names}"),
    "log.funded": ("med extern finansiering", "with external funding"),
    "log.incoming": ("inkommande besök (delegationer)", "incoming visits (delegations)"),
    "log.outgoing": (
        "utgående besök (studiebesök och konferenser)",
        "outgoing visits (study visits and conferences)",
    ),
    "log.count": ("{what}: {count}", "{what}: {count}"),
    "log.participants": ("{what}: {total} deltagare", "{what}: {total} participants"),
    "log.participants_unknown": (
        "{unknown} av posterna anger inget antal deltagare.",
        "{unknown} of the entries give no number of participants.",
    ),
    "log.and": (" och ", " and "),
    "log.funding": (
        "{what}: extern finansiering {amounts} ({count} kontakter)",
        "{what}: external funding {amounts} ({count} contacts)",
    ),
    "log.funding_none": (
        "{what}: ingen extern finansiering",
        "{what}: no external funding",
    ),
    "log.distinct.country": ("{what}: {count} länder", "{what}: {count} countries"),
    "log.distinct.department": ("{what}: {count} förvaltningar", "{what}: {count} departments"),
    "log.distinct.partner": ("{what}: {count} partner", "{what}: {count} partners"),
    "log.top": ("{what}, flest kontakter per {group}:", "{what}, most contacts by {group}:"),
    "log.group.country": ("land", "country"),
    "log.group.department": ("förvaltning", "department"),
    "log.group.partner": ("partner", "partner"),
    "log.silent": (
        "Förvaltningar utan kontakter ({what}): {names}",
        "Departments without contacts ({what}): {names}",
    ),
    "log.silent_none": (
        "Alla {total} förvaltningar har kontakter ({what}).",
        "All {total} departments have contacts ({what}).",
    ),
    "log.more": ("{more} till: {command}", "{more} more: {command}"),
    "log.more_wider": (
        "{more} till. Fråga snävare, eller se alla kontakter för perioden med {command}",
        "{more} more. Ask more narrowly, or see all the period's contacts with {command}",
    ),
    "log.more_ask": (
        "{more} till. Fråga snävare för att se dem.",
        "{more} more. Ask more narrowly to see them.",
    ),
    "log.hidden": (
        "Partner och beskrivning visas bara för din egen förvaltnings kontakter "
        "({hidden} av raderna visas utan dem).",
        "Partners and descriptions are shown only for your own department's contacts "
        "({hidden} of the rows are shown without them).",
    ),
    "log.partner_hidden": ("(en annan förvaltnings partner)", "(another department's partner)"),
    "log.partners_hidden": (
        "Partner visas med namn bara för din egen förvaltnings kontakter.",
        "Partners are named only for your own department's contacts.",
    ),
    "log.no_such_day": (
        "Datumet ”{value}” finns inte i kalendern, så jag räknar inget. Skriv ett datum som "
        "finns, t.ex. 2026-03-12, 12/3 2026 (dag först) eller 12 mars 2026.",
        'The date "{value}" is not in the calendar, so I count nothing. Give a date that '
        "exists, e.g. 2026-03-12, 12/3 2026 (day first) or 12 March 2026.",
    ),
    "log.partly": (
        "Jag förstod: {what}. Jag förstod inte: {unknown}. Jag svarar inte på en fråga som "
        "jag bara delvis har förstått, så att svaret inte blir fel: skriv gärna om den, med "
        "ett land, en förvaltning, en partner eller en typ av kontakt som finns i loggen.",
        "I understood: {what}. I did not understand: {unknown}. I don't answer a question "
        "I understood only in part, so as not to answer it wrongly: please ask again with a "
        "country, a department, a partner or a kind of contact that the log holds.",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
