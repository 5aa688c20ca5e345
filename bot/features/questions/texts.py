"""Policy answers' texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "answer.found_in": (
        "Så här står det i {municipality}s policy:",
        "This is what {municipality}'s policy says (quoted in Swedish):",
    ),
    "answer.not_found": (
        "Det svarar policytexterna inte på. Jag gissar inte, men jag har policytexter från "
        "{covered}. Fråga gärna den internationella samordnaren.",
        "The policy texts do not answer that, and I won't guess. I have the policy texts of "
        "{covered}. Please ask the international coordinator.",
    ),
    "answer.unsure": (
        "Jag är inte säker – menar du något av detta?",
        "I'm not sure – do you mean one of these?",
    ),
    "answer.pick_gone": (
        "Det avsnittet finns inte längre i texterna. Ställ frågan igen.",
        "That passage is no longer in the texts. Please ask again.",
    ),
    "answer.covered": ("{municipality} ({document})", "{municipality} ({document})"),
    "teach.question": ("”{question}”", '"{question}"'),
    "teach.title": (
        "Obesvarade frågor, {scope} ({count})",
        "Unanswered questions, {scope} ({count})",
    ),
    "teach.last_days": ("de senaste {days} dagarna", "the last {days} days"),
    "teach.none": (
        "Inga obesvarade eller osäkra frågor {scope}.",
        "No unanswered or uncertain questions in {scope}.",
    ),
    "teach.bad_period": (
        "”{value}” är ingen period jag förstår. Skriv t.ex. 2026, 2026-T2 eller "
        "2026-01-01..2026-06-30.",
        '"{value}" is not a period I understand. Write e.g. 2026, 2026-T2 or '
        "2026-01-01..2026-06-30.",
    ),
    "teach.kind.suggest": ("osäker", "unsure"),
    "teach.kind.none": ("obesvarad", "unanswered"),
    "teach.kind.not_helpful": ("inte hjälpsamt", "not helpful"),
    "teach.offered": ("erbjöd", "offered"),
    "teach.picked": ("valde", "picked"),
    "teach.how": (
        "Koppla en fråga till avsnittet som svarar: /natverk koppla ID AVSNITT (t.ex. "
        "/natverk koppla 12 motala#3). Lär ett ord: /natverk synonym ORD = BETYDELSE "
        "(inlärda ord: /natverk synonymer).",
        "Link a question to the passage that answers it: /network link ID PASSAGE (e.g. "
        "/network link 12 motala#3). Teach a word: /network synonym WORD = MEANING "
        "(words taught: /network synonyms).",
    ),
    "teach.no_question": (
        "Det finns ingen sparad fråga nummer {id}. Se /natverk obesvarade.",
        "There is no kept question number {id}. See /network unanswered.",
    ),
    "teach.no_passage": (
        "Avsnittet ”{ref}” finns inte. Ange det som /natverk obesvarade visar det, t.ex. motala#3.",
        'There is no passage "{ref}". Give it as /network unanswered shows it, e.g. motala#3.',
    ),
    "teach.linked": (
        "Kopplat: ”{question}” besvaras nu av {passage}.",
        'Linked: "{question}" is now answered by {passage}.',
    ),
    "teach.no_municipality": (
        "Jag har ingen policytext från ”{value}”. Välj bland: {known}.",
        'I have no policy text from "{value}". Choose among: {known}.',
    ),
    "teach.all_municipalities": ("alla kommuner", "every municipality"),
    "teach.anywhere": ("någon kommun", "any municipality"),
    "teach.synonym_line": (
        "#{id} ”{term}” = ”{means}” ({scope})",
        '#{id} "{term}" = "{means}" ({scope})',
    ),
    "teach.synonyms.title": ("Inlärda synonymer ({count})", "Taught synonyms ({count})"),
    "teach.synonyms.none": (
        "Inga synonymer är inlärda. Lär ett ord med /natverk synonym ORD = BETYDELSE.",
        "No synonyms are taught. Teach a word with /network synonym WORD = MEANING.",
    ),
    "teach.synonyms.how": (
        "Ta bort en med /natverk synonym bort ID (eller /natverk synonym bort ORD = BETYDELSE).",
        "Remove one with /network synonym remove ID (or /network synonym remove WORD = MEANING).",
    ),
    "teach.synonym_removed": (
        "Borttaget ({count}), används inte längre i svaren:",
        "Removed ({count}), no longer used in answers:",
    ),
    "teach.synonym_no_id": (
        "Det finns ingen inlärd synonym #{id}. Se /natverk synonymer.",
        "There is no taught synonym #{id}. See /network synonyms.",
    ),
    "teach.synonym_none": (
        "Det finns ingen inlärd synonym ”{term}” = ”{means}” för {scope}. Se /natverk synonymer.",
        'There is no taught synonym "{term}" = "{means}" for {scope}. See /network synonyms.',
    ),
    "teach.synonym": (
        "Lärt: ”{term}” betyder ”{means}” ({scope}).",
        'Learnt: "{term}" means "{means}" ({scope}).',
    ),
    "talk.greeting": (
        "Hej! Fråga mig vad den internationella policyn säger, t.ex. ”Vem beslutar om "
        "vänortsavtal i Motala?”. Skriv /hjalp för kommandona.",
        'Hello! Ask me what the international policy says, e.g. "Who decides on '
        'twin-town agreements in Motala?". Type /help for the commands.',
    ),
    "talk.thanks": ("Varsågod!", "You're welcome!"),
    "talk.no_words": (
        "”{text}” har inga ord att söka på. Skriv en fråga, t.ex. ”Vem beslutar om "
        "vänortsavtal i Motala?”, eller /hjalp för kommandona.",
        '"{text}" has no words to search for. Ask a question, e.g. "Who decides on '
        'twinning agreements in Motala?", or type /help for the commands.',
    ),
    "talk.capabilities": (
        "Jag svarar på frågor om den internationella policyn och citerar texten med källa, "
        "loggar förvaltningarnas internationella kontakter (/kontakt) och sammanställer "
        "nätverkets rapport (/rapport). Jag har policytexter från {covered}. "
        "Skriv /hjalp för kommandona.",
        "I answer questions about the international policy, quoting the text with its "
        "source, log the departments' international contacts (/contact) and compile the "
        "network's report (/report). I have the policy texts of {covered}. "
        "Type /help for the commands.",
    ),
    "talk.coverage": (
        "Jag har policytexter från {covered}.",
        "I have the policy texts of {covered}.",
    ),
    "talk.no_text": (
        "{municipality} har ingen policytext här. Jag har policytexter från {covered}.",
        "{municipality} has no policy text here. I have the policy texts of {covered}.",
    ),
    "answer.citation": ("Källa", "Source"),
    "answer.related": ("Relaterat", "Related"),
    "answer.feedback_thanks": ("Tack för återkopplingen!", "Thanks for the feedback!"),
    "answer.helpful": ("Hjälpsamt", "Helpful"),
    "answer.not_helpful": ("Inte hjälpsamt", "Not helpful"),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
