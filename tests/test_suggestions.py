"""Every command the bot suggests is one its parser accepts (issue 15, point 2).

The test reads every text of every feature, picks out each `/command ...` it shows,
expands its alternatives (`a | b`, `[x | y]`) and placeholders (ID, ANVÄNDARE, `{period}`
as every period form the report names its files by) and parses the result with the
command's own grammar. A usage text that suggests a syntax its parser rejects fails here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator

import pytest

from bot.features import all_features
from bot.features.contacts.grammar import parse_contact
from bot.features.network.grammar import parse_network
from bot.features.report.command import parse_args, parse_text_args
from bot.features.report.periods import range_period, tertial_period, year_period
from bot.kernel.i18n import CATALOG
from bot.kernel.messages import UserError

TODAY = dt.date(2026, 11, 22)
_COMMAND = re.compile(r"(?<![\w/<])/([a-zåäö]+)\b(?=([^\n]*))")
# Where a suggestion ends and prose resumes.
_PROSE = re.compile(
    r",?\s+/|\s+–\s|\s\(|\s+(?:eller|or|för|for|och|and|to)\s(?!\d)|,\s+(?:t\.ex\.|e\.g\.|och|and)\s"
    r"|\.?\)|\.(?:\s|$)|,\s*$|\s+\.\.\.$"
)
PLACEHOLDERS = {
    "ID": "12",
    "ANVÄNDARE": "U123",
    "USER": "U123",
    "{user}": "U123",
    "{id}": "12",
    "{value}": "Kultur och fritid",
    "{first}": "Kulturförvaltningen",
    "{format}": "docx",
    "{other_format}": "xlsx",
    "FÖRVALTNING": "Kulturförvaltningen",
    "DEPARTMENT": "Kulturförvaltningen",
    "NAMN": "Kulturförvaltningen",
    "NAME": "Kulturförvaltningen",
    "fält: värde": "deltagare: 3",
    "field: value": "participants: 3",
}
# A `/kontakt ny …` with its fields left out means the usage example.
ELLIPSIS_FIELDS = "datum: idag; partner: X; land: DE; typ: vänort"
PERIOD_SLUGS = (
    year_period(2026).slug,
    tertial_period(2026, 2).slug,
    range_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)).slug,
)


def _texts() -> Iterator[tuple[str, str]]:
    for catalog in [*(feature.texts for feature in all_features()), CATALOG]:
        for key, pair in catalog.texts.items():
            for text in pair:
                yield key, text


def _cut(tail: str) -> str:
    found = _PROSE.search(tail)
    return (tail[: found.start()] if found else tail).strip().rstrip(".,")


def _options(text: str) -> Iterator[str]:
    """`lista [2026 | 2026-T1] [förvaltning NAMN]` -> every combination."""
    parts = re.split(r"(\[[^\]]*\])", text)
    choices = [
        ["", *(o.strip() for o in part[1:-1].split("|"))] if part.startswith("[") else [part]
        for part in parts
    ]
    for combination in itertools.product(*choices):
        yield " ".join("".join(combination).split())


def _fill(text: str) -> Iterator[str]:
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    text = re.sub(r"^(ny|new)\s*(…|\.\.\.)$", rf"\1 {ELLIPSIS_FIELDS}", text)
    text = re.sub(r"<[^>]+>", "vad säger policyn om vänorter", text)
    if "{period}" in text:
        yield from (text.replace("{period}", slug) for slug in PERIOD_SLUGS)
    else:
        yield text


def suggestions() -> list[tuple[str, str, str]]:
    """(text key, command word, arguments) of every suggestion in every text."""
    found: list[tuple[str, str, str]] = []
    for key, text in _texts():
        for match in _COMMAND.finditer(text):
            word, tail = match.group(1), _cut(match.group(2))
            head, *others = [part.strip() for part in re.split(r"\s\|\s(?![^\[]*\])", tail)]
            for alternative in [head, *others]:
                for option in _options(alternative):
                    found.extend((key, word, args) for args in _fill(option))
    return found


def _report(args: str) -> object:
    class Turn:
        def t(self, key: str, **values: object) -> str:
            raise UserError(key)

    word, _, rest = args.partition(" ")
    if word == "text":  # the coordinator's own text for a period
        return parse_text_args(rest, today=TODAY, turn=Turn())  # type: ignore[arg-type]
    return parse_args(args, today=TODAY, turn=Turn())  # type: ignore[arg-type]


def _anything(args: str) -> object:
    return args  # questions and help take any text


PARSERS: dict[str, Callable[[str], object]] = {
    "kontakt": parse_contact,
    "contact": parse_contact,
    "natverk": parse_network,
    "network": parse_network,
    "rapport": _report,
    "report": _report,
    "fraga": _anything,
    "ask": _anything,
    "hjalp": _anything,
    "help": _anything,
}


def test_the_texts_suggest_many_commands() -> None:
    found = suggestions()
    words = {word for _, word, _ in found}
    assert {"kontakt", "contact", "natverk", "rapport", "report"} <= words
    assert len(found) > 60  # the collector sees the usage texts, not only a few lines
    assert ("report.chat.hint", "rapport", "2026-01-01--2026-06-30 docx") in found


@pytest.mark.parametrize(("key", "word", "args"), suggestions())
def test_every_suggested_command_parses(key: str, word: str, args: str) -> None:
    assert word in PARSERS, f"{key} suggests /{word}, a command this test does not know"
    PARSERS[word](args)  # raises UsageError / UserError when the suggestion is refused


def test_swedish_period_labels_read_as_swedish() -> None:
    from bot.features.report.periods import date_range_label

    assert date_range_label(dt.date(2025, 12, 1), dt.date(2025, 12, 31), "sv") == (
        "1–31 december 2025"
    )
    assert tertial_period(2026, 2).inline_label("sv") == "tertial 2 2026"
    assert tertial_period(2026, 2).label("sv") == "Tertial 2 2026"  # a heading
