"""The pieces every text command shares: folding what was typed, the command word, the
keyword after it, and the usage error that names what was wrong."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TypeVar

from bot.kernel.i18n import Catalog
from bot.kernel.messages import Language, UserError

_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """`Kultur-förvaltningen ` -> `kultur forvaltningen`: lower case, no diacritics,
    punctuation as single spaces (so `andra` matches `ändra`, as typed without å/ä/ö)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain).strip()


class UsageError(Exception):
    """The command could not be parsed: `usage` is the texts key of the syntax to show,
    `problem` a texts key saying what was wrong, with its `values`."""

    def __init__(self, usage: str, problem: str, **values: str) -> None:
        super().__init__(problem)
        self.usage = usage
        self.problem = problem
        self.values = values

    def for_user(self, catalog: Catalog, lang: Language) -> UserError:
        """What was wrong, then the syntax: the text the user sees."""
        problem = catalog.t(self.problem, lang, **self.values)
        return UserError(f"{problem}\n{catalog.t(self.usage, lang)}")


C = TypeVar("C")


def parse_or_explain(parse: Callable[[str], C], args: str, catalog: Catalog, lang: Language) -> C:
    """The command `parse` makes of `args`, or the user's error saying what was wrong
    and the syntax to use."""
    try:
        return parse(args)
    except UsageError as error:
        raise error.for_user(catalog, lang) from None


def split_command(
    text: str, *, bare_words: Mapping[str, object] | None = None
) -> tuple[str | None, str]:
    """`/kontakt lista` -> ("kontakt", "lista"). With `bare_words` (a surface without slash
    commands, like Teams) a leading word among them counts without its slash."""
    stripped = text.strip()
    if not stripped:
        return None, ""
    word, _, rest = stripped.partition(" ")
    if word.startswith("/"):
        return word[1:].lower(), rest.strip()
    if bare_words is not None and word.lower() in bare_words:
        return word.lower(), rest.strip()
    return None, stripped


def split_keyword(text: str, keywords: Mapping[str, str]) -> tuple[str | None, str]:
    """The longest keyword (`ta bort` before `ta`) at the start of `text`, and the rest."""
    folded = fold(text)
    for word in sorted(keywords, key=len, reverse=True):
        if folded == word or folded.startswith(word + " "):
            rest = text.strip()
            for _ in word.split():  # drop as many words as the keyword has
                rest = rest.partition(" ")[2].lstrip() if " " in rest else ""
            return keywords[word], rest
    return None, text
