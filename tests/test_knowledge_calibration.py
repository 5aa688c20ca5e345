"""The calibrated engine on the labelled question sets, judged only on held-out folds.

The models are refitted here on four folds and judged on the fifth (grouped by the
answering passage), exactly as `python -m knowledge.calibrate` reports, so these floors
guard what the engine does on questions that fitted nothing. The floors sit a little
under the figures measured when they were set (knowledge/README.md), so that a change
which makes the engine worse on unseen questions fails here.
"""

from __future__ import annotations

import pytest

from knowledge.calibrate import by_source, collect, cross_validate, fit, load_items
from knowledge.calibration import load_calibration
from knowledge.index import PolicyIndex
from knowledge.signals import FEATURES


@pytest.fixture(scope="module")
def outcomes(policy_index: PolicyIndex):
    return by_source(cross_validate(collect(policy_index, load_items())))


def _share(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1]


def test_held_out_accuracy_stays_above_its_floor(outcomes) -> None:
    every = outcomes["all"]
    right = sum(r for r, _ in every.right.values())
    total = sum(n for _, n in every.right.values())
    assert right / total >= 0.68
    assert _share(every.abstained) >= 0.86
    dev2 = outcomes["dev_questions_2"]
    assert sum(r for r, _ in dev2.right.values()) / 101 >= 0.5


def test_the_first_dev_set_stays_answered(outcomes) -> None:
    dev = outcomes["dev_questions"]
    assert sum(r for r, _ in dev.right.values()) >= 34
    assert dev.abstained[0] >= 7


def test_the_right_passage_is_offered_when_the_engine_is_unsure(outcomes) -> None:
    assert _share(outcomes["all"].offered) >= 0.7


def test_the_shipped_calibration_matches_the_features() -> None:
    calibration = load_calibration()
    assert len(calibration.answer.coef) == len(FEATURES)
    assert 0.0 < calibration.answer_at < 1.0


def test_a_fit_learns_from_coverage(policy_index: PolicyIndex) -> None:
    rows = collect(policy_index, load_items())
    calibration = fit(rows)
    assert calibration.answer.coef[FEATURES.index("coverage")] > 0
    assert calibration.answer.coef[FEATURES.index("oov")] < 0
