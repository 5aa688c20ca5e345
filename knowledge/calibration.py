"""Calibrated confidence: logistic regression over a search's Signals.

Two models share the features: `answer`, the chance that the top passage answers the
question, and `suggest`, the chance that one of the first three does. A result is a
confident answer when the first reaches `answer_at`; otherwise, an offer of suggestions
when the second reaches `suggest_at`; otherwise an honest no. The coefficients and
thresholds live in calibration.json, fitted by `python -m knowledge.calibrate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.signals import FEATURES, FloatVector, Signals
from knowledge.types import Tier

CALIBRATION_FILE = Path(__file__).parent / "calibration.json"
L2 = 1.0  # ridge penalty on the standardised coefficients: ~300 questions, 16 features
NEWTON_STEPS = 25


@dataclass(frozen=True)
class Logistic:
    mean: FloatVector
    scale: FloatVector
    coef: FloatVector
    intercept: float

    def probability(self, x: FloatVector) -> float:
        z = float(((x - self.mean) / self.scale) @ self.coef) + self.intercept
        return float(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))))

    def probabilities(self, xs: npt.NDArray[np.float64]) -> FloatVector:
        z = ((xs - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        return {
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
        }

    @staticmethod
    def from_json(raw: dict[str, Any]) -> Logistic:
        return Logistic(
            np.array(raw["mean"], dtype=np.float64),
            np.array(raw["scale"], dtype=np.float64),
            np.array(raw["coef"], dtype=np.float64),
            float(raw["intercept"]),
        )


def fit_logistic(
    xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64], *, l2: float = L2
) -> Logistic:
    """Ridge logistic regression by Newton's method (a few hundred rows: exact and fast)."""
    mean = xs.mean(axis=0)
    scale = xs.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(xs - mean) / scale, np.ones((len(xs), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the intercept is not shrunk
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30.0, 30.0)))
        gradient = z.T @ (p - ys) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return Logistic(mean, scale, w[:-1], float(w[-1]))


@dataclass(frozen=True)
class Calibration:
    answer: Logistic
    suggest: Logistic
    answer_at: float
    suggest_at: float

    def decide(self, signals: Signals) -> tuple[Tier, float]:
        """The tier of a result and the chance that its first passage answers."""
        x = signals.vector()
        confidence = self.answer.probability(x)
        # A count asked for and no number in the passage: it cannot be the answer.
        if confidence >= self.answer_at and not signals.count_missing:
            return "answer", confidence
        if self.suggest.probability(x) >= self.suggest_at or signals.topic_lookup:
            return "suggest", confidence
        return "none", confidence

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "answer": self.answer.to_json(),
            "suggest": self.suggest.to_json(),
            "answer_at": round(self.answer_at, 6),
            "suggest_at": round(self.suggest_at, 6),
        }

    @staticmethod
    def from_json(raw: dict[str, Any]) -> Calibration:
        if tuple(raw["features"]) != FEATURES:
            raise ValueError("calibration.json was fitted on other features: refit it")
        return Calibration(
            Logistic.from_json(raw["answer"]),
            Logistic.from_json(raw["suggest"]),
            float(raw["answer_at"]),
            float(raw["suggest_at"]),
        )


def load_calibration(path: Path | None = None) -> Calibration:
    return Calibration.from_json(json.loads((path or CALIBRATION_FILE).read_text("utf-8")))
