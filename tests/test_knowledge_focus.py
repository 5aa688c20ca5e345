"""The question's focus: in a message that gives its context first, the words of the
sentence (or last clause) that asks weigh more than the context's."""

from __future__ import annotations

import pytest

from knowledge import query
from knowledge.analysis import tokens
from knowledge.focus import context_positions
from knowledge.index import PolicyIndex
from knowledge.question_sets import Item, answers


def _context_words(text: str) -> list[str]:
    positions = context_positions(text)
    return [w for i, w in enumerate(tokens(text)) if i in positions]


def test_the_sentences_before_the_question_are_context() -> None:
    text = "Vi har fått en inbjudan från vår vänort i Tyskland. Vem ska godkänna resan?"
    assert _context_words(text) == [
        "vi",
        "har",
        "fått",
        "en",
        "inbjudan",
        "från",
        "vår",
        "vänort",
        "i",
        "tyskland",
    ]


def test_a_sentence_that_opens_with_a_question_word_asks_without_a_question_mark() -> None:
    text = "Vi ska till vänorten i maj. Vem godkänner resan. Tack!"
    assert _context_words(text) == ["vi", "ska", "till", "vänorten", "i", "maj", "tack"]


def test_an_abbreviation_ends_no_sentence() -> None:
    text = "Vi ska på studiebesök, t.ex. till vänorten. Vem godkänner resan?"
    assert _context_words(text) == ["vi", "ska", "på", "studiebesök", "t", "ex", "till", "vänorten"]
    assert context_positions("Vem godkänner resor, t.ex. studiebesök?") == frozenset()


def test_the_context_may_follow_the_question() -> None:
    text = "Who approves the trip? We are visiting our twin town in May."
    assert _context_words(text) == ["we", "are", "visiting", "our", "twin", "town", "in", "may"]


def test_clauses_before_a_last_clause_that_asks_are_context() -> None:
    text = "vi har besök från en vänort nästa vecka, vem ska vi informera?"
    assert _context_words(text) == ["vi", "har", "besök", "från", "en", "vänort", "nästa", "vecka"]


@pytest.mark.parametrize(
    "text",
    [
        "Vem beslutar om medlemskap i internationella nätverk?",
        # The last clause does not open with a question word: one question.
        "Avsätts det centrala medel för internationellt arbete, och i så fall för vad?",
        # Two questions: neither is the other's context.
        "Vad gäller för EU:s program? Och hur söker man?",
        "Vad säger policyn om vänorter",
    ],
)
def test_a_message_with_nothing_told_apart_has_no_context(text: str) -> None:
    assert context_positions(text) == frozenset()


def test_the_context_weighs_less_in_the_question(policy_index: PolicyIndex) -> None:
    alone = policy_index.analyse("Vad gäller för besök från vänorter?").concepts
    told = policy_index.analyse("Vi har besök från vänorten. Vem ska få information?").concepts
    weight_alone = {c.label: c.weight for c in alone}["besök"]
    weight_told = {c.label: c.weight for c in told}["besök"]
    assert weight_told == pytest.approx(query.CONTEXT_WEIGHT * weight_alone)


def test_the_context_keeps_its_weight_when_the_question_names_nothing(
    policy_index: PolicyIndex,
) -> None:
    alone = policy_index.analyse("Vi vill starta ett vänortssamarbete med en stad i Polen.")
    told = policy_index.analyse(
        "Vi vill starta ett vänortssamarbete med en stad i Polen. Hur gör vi?"
    )
    assert [c.weight for c in told.concepts] == [c.weight for c in alone.concepts]


# Messages written from the policy texts, context first: (municipality, message, a phrase
# of the passage that answers).
_MESSAGES = [
    (
        "Falun",
        "Vi har besök från vår vänort nästa månad och planerar ett program med skolor och "
        "företag. Vem ska få information om besöket?",
        "information om detta lämnas i god tid",
    ),
    (
        "Falun",
        "Min förvaltning vill gå med i ett europeiskt nätverk om miljöfrågor. Vem ansvarar "
        "för kommunens medlemskap i internationella nätverk?",
        "medlemskap i internationella nätverk",
    ),
    (
        "Kungälv",
        "Vi på sektorn har drivit ett EU-projekt med en skola i Polen i två år. Hur ska vi "
        "rapportera resultatet?",
        "Varje sektor ansvarar för återrapporteringen",
    ),
    (
        "Kungälv",
        "Jag är rektor och vi har fått en inbjudan från en skola i Tyskland. Vem ansvarar "
        "för samordningen av det internationella samarbetet?",
        "genomföra samordningen",
    ),
    (
        "Falun",
        "Vi funderar på att teckna ett nytt samarbetsavtal med en stad i Litauen om turism. "
        "Vad ska vara avgörande?",
        "nyttan för kommunen vara avgörande",
    ),
    (
        "Kungälv",
        "We are a school planning an exchange with a town in Germany. Who is responsible "
        "for coordinating international cooperation?",
        "genomföra samordningen",
    ),
]


@pytest.mark.parametrize(("municipality", "message", "phrase"), _MESSAGES)
def test_a_context_first_message_finds_the_passage_its_question_asks_for(
    policy_index: PolicyIndex, municipality: str, message: str, phrase: str
) -> None:
    item = Item(
        source="focus",
        item_id="1",
        question=message,
        kind="colloquial",
        municipality=municipality,
        expect_any=(phrase,),
    )
    hits = policy_index.rank(message, municipality=municipality).hits
    assert hits and answers(item, hits[0].passage)
