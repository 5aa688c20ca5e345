"""Swedish analysis: folding, stemming, compounds, fuzzy matching of typos."""

from __future__ import annotations

import pytest

from knowledge.analysis import Analyzer, CompoundSplitter, fold, known_words, tokens
from knowledge.index import PolicyIndex


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_folding_drops_the_diacritics_users_leave_out() -> None:
    assert fold("Förvaltning") == "forvaltning"
    assert fold("vänort") == "vanort"
    assert fold("ökar") == "okar"
    assert fold("Götene") == "gotene"


def test_tokens_drop_possessives_and_keep_numbers() -> None:
    assert tokens("Falköping's policy") == ["falköping", "policy"]
    assert tokens("EU:s fonder") == ["eu", "fonder"]
    assert "1537" in tokens("KS2019/1537")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("vänorter", "vänort"),
        ("förvaltningarna", "förvaltning"),
        ("samarbeta", "samarbete"),
        ("kommunstyrelsen", "kommunstyrelse"),
    ],
)
def test_inflections_share_a_stem(analyzer: Analyzer, a: str, b: str) -> None:
    assert analyzer.stem(fold(a)) == analyzer.stem(fold(b))


def test_typed_without_diacritics_meets_the_text(analyzer: Analyzer) -> None:
    assert analyzer.terms("forvaltningen okar") == analyzer.terms("förvaltningen ökar")


def test_stop_words_are_not_terms(analyzer: Analyzer) -> None:
    assert analyzer.terms("vad är det som gäller för oss") == []


def test_compounds_split_on_known_words_with_the_linking_s(analyzer: Analyzer) -> None:
    vocabulary = known_words(["vänort samarbete kommun invånare sektor övergripande"])
    splitter = CompoundSplitter(analyzer, vocabulary)
    assert splitter.split("vanortssamarbete") == ("vanort", "samarbete")
    assert splitter.split("kommuninvanarna") == ("kommun", "invanarna")
    assert splitter.split("sektorsovergripande") == ("sektor", "overgripande")


def test_no_split_into_fragments_that_are_not_words(analyzer: Analyzer) -> None:
    vocabulary = known_words(["intern nationell arena samordna"])
    splitter = CompoundSplitter(analyzer, vocabulary)
    assert splitter.split("internationell") == ()
    assert splitter.split("samordnaren") == ()


def test_a_compound_in_a_question_finds_its_parts_in_the_text(
    policy_index: PolicyIndex,
) -> None:
    # Ranking, not trust: the compound's parts put the right passage first.
    result = policy_index.search("Vad gäller för vänortssamarbete i Kungälv?")
    assert result.hits and "Vänort" in result.hits[0].passage.section


def test_a_part_in_a_question_finds_the_compound_in_the_text(policy_index: PolicyIndex) -> None:
    # `vänortskontakter` is in Motala's text; the question only says `vänort`.
    result = policy_index.search("Vad ska Motala värna om i kontakterna med sina vänorter?")
    assert result.answered
    assert "samhörigheten" in result.hits[0].passage.text


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("ska kungalvs internationela arbete utveckla personalen?", "dess personal"),
        ("vem ansvarar for omvarldsbevakningen i falun", "omvärldsbevakningen"),
        ("ar transnationell projektverksamhet en del av gotenes arbete", "Transnationell"),
    ],
)
def test_typos_and_missing_diacritics_still_find_the_passage(
    policy_index: PolicyIndex, typo: str, expected: str
) -> None:
    result = policy_index.search(typo)
    assert result.answered
    assert expected in result.hits[0].passage.text


def test_fuzzy_matching_leaves_short_words_alone(policy_index: PolicyIndex) -> None:
    # `skatt` is not a typo of `sätt`: no fuzzy alternatives for short words.
    concepts = policy_index.analyse("Vilken skatt betalar man i Götene?").concepts
    skatt = next(c for c in concepts if c.label == "skatt")
    assert not skatt.known
