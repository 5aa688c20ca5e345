"""Network administration's texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "network.coordinator_only": (
        "Det är bara den internationella samordnaren ({coordinators}) som {action}. "
        "Kontakta samordnaren.",
        "Only the international coordinator ({coordinators}) {action}. "
        "Please contact the coordinator.",
    ),
    "network.action.seats": (
        "registrerar och tar bort representanter",
        "registers and removes representatives",
    ),
    "network.action.teaching": (
        "ser obesvarade frågor och lär boten svar och synonymer",
        "sees unanswered questions and teaches the bot answers and synonyms",
    ),
    "network.error.user": (
        "”{user}” är ingen användare. Nämn personen (@namn) eller skriv hens användar-id.",
        '"{user}" is not a user. Mention the person (@name) or write their user id.',
    ),
    "network.error.user_platform": (
        "”{user}” är inget användar-id här. Nämn personen med @namn så att det blir en "
        "länk, eller skriv id:t (t.ex. U0123ABCD).",
        '"{user}" is not a user id here. Mention the person with @name so that it becomes '
        "a link, or write the id (e.g. U0123ABCD).",
    ),
    "network.department.did_you_mean": (
        "Förvaltningen ”{value}” finns inte i nätverket. Menade du {nearest}? Skriv "
        "/natverk representant {user} {first}, eller /natverk representant {user} ny "
        "förvaltning {value} för att lägga till en ny förvaltning.",
        'There is no department "{value}" in the network. Did you mean {nearest}? Write '
        "/network rep {user} {first}, or /network rep {user} new {value} to add a new "
        "department.",
    ),
    "network.error.department_long": (
        "Förvaltningens namn är för långt ({length} tecken; högst {limit}).",
        "The department's name is too long ({length} characters; at most {limit}).",
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
    "network.department.unknown": (
        "Förvaltningen ”{value}” finns inte i nätverket. Skriv /natverk representant {user} "
        "ny förvaltning {value} för att lägga till den.",
        'There is no department "{value}" in the network. Write /network rep {user} new '
        "{value} to add it.",
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
        "Så här: /natverk representant ANVÄNDARE FÖRVALTNING | ta bort ANVÄNDARE | lista | "
        "obesvarade [PERIOD] | koppla ID AVSNITT | synonym ORD = BETYDELSE [för KOMMUN] | "
        "synonymer | synonym bort ID",
        "Like this: /network rep USER DEPARTMENT | remove USER | list | unanswered [PERIOD] | "
        "link ID PASSAGE | synonym WORD = MEANING [for MUNICIPALITY] | synonyms | "
        "synonym remove ID",
    ),
    "network.usage.rep": (
        "Så här: /natverk representant @anna Kulturförvaltningen, och för en förvaltning "
        "som ännu inte finns: /natverk representant @anna ny förvaltning Kulturförvaltningen",
        "Like this: /network rep @anna Culture department, and for a department not yet in "
        "the network: /network rep @anna new Culture department",
    ),
    "network.usage.link": (
        "Så här: /natverk koppla 12 motala#3 (frågans nummer ur /natverk obesvarade och "
        "avsnittet som svarar på den)",
        "Like this: /network link 12 motala#3 (the question's number from /network "
        "unanswered and the passage that answers it)",
    ),
    "network.usage.synonym": (
        "Så här: /natverk synonym församling = kommunfullmäktige (för alla) eller "
        "/natverk synonym KF = kommunfullmäktige för Motala. Se de inlärda med "
        "/natverk synonymer och ta bort en med /natverk synonym bort ID.",
        "Like this: /network synonym assembly = kommunfullmäktige (for all) or "
        "/network synonym KF = kommunfullmäktige for Motala. See those taught with "
        "/network synonyms and remove one with /network synonym remove ID.",
    ),
    "network.usage.synonym_remove": (
        "Så här: /natverk synonym bort 3 (numret ur /natverk synonymer) eller "
        "/natverk synonym bort KF = kommunfullmäktige [för Motala]",
        "Like this: /network synonym remove 3 (the number from /network synonyms) or "
        "/network synonym remove KF = kommunfullmäktige [for Motala]",
    ),
    "network.error.synonym_same": (
        "”{term}” står på båda sidor om likhetstecknet: ett ord som betyder sig självt lär "
        "boten ingenting. Skriv ordet, = och ett annat ord det betyder.",
        '"{term}" is on both sides of the equals sign: a word that means itself teaches the '
        "bot nothing. Write the word, = and another word it means.",
    ),
    "network.error.synonym_equals": (
        "En synonym har ett likhetstecken: ordet, = och vad det betyder. Lär boten en "
        "betydelse i taget.",
        "A synonym has one equals sign: the word, = and what it means. Teach the bot one "
        "meaning at a time.",
    ),
    "network.error.synonym_long": (
        "”{value}…” är för långt (högst {limit} tecken).",
        '"{value}…" is too long (at most {limit} characters).',
    ),
    "network.error.remove_order": (
        "För att ta bort en representant: /natverk ta bort {user}",
        "To remove a representative: /network remove {user}",
    ),
    "network.usage.remove": (
        "Så här: /natverk ta bort @anna",
        "Like this: /network remove @anna",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
