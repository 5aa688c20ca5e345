"""The evidence behind one search result, as numbers a calibrated model weighs.

Each field is something the engine knows after ranking; `vector()` gives them in the
order of FEATURES, which the fitted coefficients (calibration.json) follow.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass, fields

import numpy as np
import numpy.typing as npt

FloatVector = npt.NDArray[np.float64]


@dataclass(frozen=True, kw_only=True)
class Signals:
    coverage: float  # share of the question's concept weight the top passage carries
    coverage_second: float  # the same for the runner-up
    margin: float  # (top - second) / top, of the ranking score
    section_margin: float  # the same against the best passage of another section
    log_score: float  # log(1 + top ranking score)
    matched_rarity: float  # rarest concept the top passage carries, / rarest term's idf
    missing_rarity: float  # rarest known concept it lacks, / rarest term's idf
    expanded_share: float  # share of the covered weight found only through expansions
    oov: float  # concepts none of whose readings the texts use
    oov_short: float  # of those, short words (3 letters or fewer: mostly function words)
    concepts: float  # concepts in the question
    english: float  # 1 for an English question
    scoped: float  # 1 when the search is held to a municipality (named, or the default)
    kind_asked: float  # 1 when a count, a date or a body is asked for
    kind_missing: float  # asked kinds of answer the top passage lacks
    count_missing: float  # 1 when a count is asked for and the top passage has no number
    adjacency: float  # share of the question's word pairs standing together in it

    @property
    def topic_lookup(self) -> bool:
        """A question of one concept that the top passage carries in its own words
        ("vänort", "vad är en vänort?", "avtal"): a search for a subject the texts
        treat, to be offered their passages on it rather than told they say nothing.
        The labelled sets hold full questions, so the fitted models cannot learn it."""
        return (
            self.concepts == 1
            and self.coverage >= 0.99
            and self.expanded_share == 0
            and self.oov == 0
        )

    def vector(self) -> FloatVector:
        return np.array(astuple(self), dtype=np.float64)


FEATURES: tuple[str, ...] = tuple(f.name for f in fields(Signals))


def log1p(value: float) -> float:
    return math.log1p(max(value, 0.0))
