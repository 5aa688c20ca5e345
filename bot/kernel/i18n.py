"""User-facing text, Swedish and English.

Each feature keeps its own catalog beside its code (`texts.py`: key -> (Swedish,
English)); the kernel keeps the texts of the turn boundary and the command grammar.
`create_bot` merges the catalogs of the features it is given and refuses a key that two
of them define, so a turn can reach any key through `Turn.t`. Swedish is the default;
English is used when the user writes English.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

from bot.kernel.messages import Language


class Catalog:
    """Texts by key, each a (Swedish, English) pair of `str.format` templates."""

    def __init__(self, texts: Mapping[str, tuple[str, str]]) -> None:
        self.texts = dict(texts)

    def t(self, key: str, lang: Language, /, **values: object) -> str:
        """The text for `key` in `lang`, formatted with `values`."""
        sv, en = self.texts[key]
        template = en if lang == "en" else sv
        return template.format(**values) if values else template

    def __contains__(self, key: object) -> bool:
        return key in self.texts

    @classmethod
    def merge(cls, catalogs: Iterable[Catalog]) -> Catalog:
        """One catalog of many; a key defined twice is a programming error."""
        merged: dict[str, tuple[str, str]] = {}
        for catalog in catalogs:
            clash = merged.keys() & catalog.texts.keys()
            if clash:
                raise ValueError(f"text keys defined twice: {sorted(clash)}")
            merged.update(catalog.texts)
        return cls(merged)


def placeholders(template: str) -> set[str]:
    """The `{names}` a template formats."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


TEXTS: dict[str, tuple[str, str]] = {
    "error.internal": (
        "Något gick fel hos mig och ingenting ändrades. Försök igen om en stund; "
        "kvarstår felet, kontakta den internationella samordnaren.",
        "Something went wrong on my side and nothing was changed. Please try again "
        "shortly; if it persists, contact the international coordinator.",
    ),
    "error.unknown_form": (
        "Det här formuläret känner jag inte igen: det kan vara gammalt. Öppna det igen "
        "med kommandot som gav det.",
        "I don't recognise this form: it may be an old one. Open it again with the command "
        "that gave it.",
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
    "command.unknown_field": (
        "Fältet ”{field}” känner jag inte till. Fälten är datum, partner, stad, land, typ, "
        "område, deltagare, unga, finansiering, beskrivning, uppföljning, förvaltning, "
        "slutdatum, effekter, medförvaltningar.",
        'I don\'t know the field "{field}". The fields are date, partner, city, country, '
        "type, area, participants, youth, funding, description, follow-up, department, "
        "end date, effects, co-departments.",
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
    "command.need_question_and_passage": (
        "Ange frågans nummer och avsnittet.",
        "Give the question's number and the passage.",
    ),
    "command.need_synonym": (
        "Ange ordet, ett likhetstecken och vad det betyder.",
        "Give the word, an equals sign and what it means.",
    ),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
