"""The three tiers of a search result: a confident answer, suggestions, an honest no."""

from __future__ import annotations

import json

import pytest

from adapters.cli import main
from knowledge.calibrate import load_items
from knowledge.index import PolicyIndex


def test_every_result_is_in_exactly_one_tier(policy_index: PolicyIndex) -> None:
    tiers = set()
    for item in load_items():
        result = policy_index.search(item.question)
        tiers.add(result.tier)
        assert len(result.suggestions) <= 3
        if result.answered:
            assert result.tier == "answer" and result.hits and not result.suggestions
        elif result.suggestions:
            assert result.tier == "suggest"
            assert result.suggestions == result.hits[: len(result.suggestions)]
        else:
            assert result.tier == "none"
    assert tiers == {"answer", "suggest", "none"}


def test_a_municipality_without_a_text_gets_an_honest_no(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vad säger Borås kommuns policy om vänorter?")
    assert result.tier == "none"
    assert result.suggestions == [] and result.hits == []


def test_a_suggestion_has_a_short_distinct_label(policy_index: PolicyIndex) -> None:
    labels = [p.label() for p in policy_index.passages]
    assert all(len(label) <= 60 for label in labels)
    assert len(set(labels)) > 0.9 * len(labels)


def test_ask_json_carries_the_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "Vem tecknar samarbetsavtal i Motala?"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answered"] is True
    assert out["suggestions"] == []


def test_a_picked_suggestion_is_found_by_its_id(policy_index: PolicyIndex) -> None:
    result = policy_index.search("Vem ansvarar för vänortsarbetet i Motala?")
    for hit in result.suggestions or result.hits:
        assert policy_index.passage(hit.passage.passage_id) is hit.passage
    assert policy_index.passage("no-such-text#0") is None
