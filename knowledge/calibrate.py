"""Fit the confidence models on labelled questions, and measure them honestly.

    python -m knowledge.calibrate             # refit calibration.json, print k-fold figures
    python -m knowledge.calibrate --check     # only the k-fold figures
    python -m knowledge.calibrate --lexicons  # the figures with and without each lexicon
    python -m knowledge.calibrate --ranking   # where the right passage ranks, per set and kind
    python -m knowledge.calibrate --ranking --misses  # and the tuned sets' misses, listed

Every question of the sets (tests/data/*questions*.json by default) is ranked once; the
models are then fitted on some folds and judged on the fold left out, so each figure
printed is for questions that fitted nothing. Folds are grouped by the passage that
answers a question, so paraphrases of one question never straddle folds. One split's
figures move by a few questions with its luck: they are also given pooled over REPEATS
fold assignments.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.calibration import CALIBRATION_FILE, Calibration, fit_logistic
from knowledge.index import SUGGESTIONS, PolicyIndex
from knowledge.lexicon import FREEDICT_CREDIT, PIVOT_CREDIT, SYNLEX_CREDIT, load_lexicon
from knowledge.question_sets import Item, answers, load_set, set_paths
from knowledge.signals import Signals
from knowledge.types import Passage

FOLDS = 5
SEED = 12
REPEATS = 10
# The answer threshold keeps at least this share of the training folds' out-of-scope
# questions unanswered, and otherwise answers as many right as it can.
MIN_ABSTAIN = 0.95
# The suggestion threshold offers the right passage to at least this share of the
# unanswered answerable questions (the issue asks 80%), and otherwise says no.
MIN_OFFERED = 0.85


@dataclass(frozen=True)
class Row:
    item: Item
    signals: Signals | None  # None: the engine found nothing to rank
    top1: bool  # the first passage answers the item
    top3: bool  # one of the first three does
    group: str


def collect(index: PolicyIndex, items: Sequence[Item]) -> list[Row]:
    """Rank every question once; the models are fitted on these rows."""
    rows = []
    for item in items:
        ranked = index.rank(item.question, limit=SUGGESTIONS)
        right = [answers(item, hit.passage) for hit in ranked.hits[:SUGGESTIONS]]
        rows.append(
            Row(
                item=item,
                signals=ranked.signals,
                top1=bool(right and right[0]),
                top3=any(right),
                group=_group(index, item),
            )
        )
    return rows


def _group(index: PolicyIndex, item: Item) -> str:
    """Questions answered by the same passage are one group (paraphrases of each other)."""
    for passage in index.passages:
        if answers(item, passage):
            return passage.passage_id
    return f"{item.source}/{item.item_id}"


def _best_threshold(scores: npt.NDArray[np.float64], gain: npt.NDArray[np.float64]) -> float:
    """The threshold t (act when score >= t) with the highest total gain; ties go to the
    higher threshold. `gain`: what acting on each row is worth (negative: a cost)."""
    order = np.argsort(-scores, kind="stable")
    totals = np.concatenate([[0.0], np.cumsum(gain[order])])
    k = int(np.argmax(totals))  # act on the first k
    if k == 0:
        return float(scores.max()) + 1e-6
    if k == len(scores):
        return float(scores.min())
    return float((scores[order[k - 1]] + scores[order[k]]) / 2)


def fit(rows: Sequence[Row]) -> Calibration:
    ranked = [r for r in rows if r.signals is not None]
    xs = np.array([r.signals.vector() for r in ranked if r.signals is not None])
    answer = fit_logistic(xs, np.array([float(r.top1) for r in ranked]))
    suggest = fit_logistic(xs, np.array([float(r.top3) for r in ranked]))
    p_answer = answer.probabilities(xs)
    answerable = np.array([r.item.answerable for r in ranked])
    n_ans = max(1, sum(r.item.answerable for r in rows))
    n_oos = max(1, sum(not r.item.answerable for r in rows))
    # Answer threshold: balanced accuracy, but no lower than keeps MIN_ABSTAIN of the
    # out-of-scope questions unanswered.
    top1 = np.array([r.top1 for r in ranked])
    gain = np.where(answerable, np.where(top1, 1.0 / n_ans, 0.0), -1.0 / n_oos)
    answer_at = _best_threshold(p_answer, gain)
    oos_scores = np.sort(p_answer[~answerable])[::-1]
    allowed = int((1 - MIN_ABSTAIN) * n_oos)
    if allowed < len(oos_scores):
        answer_at = max(answer_at, float(oos_scores[allowed]) + 1e-6)
    # Suggestion threshold, among the questions not answered: the highest that still
    # offers the right passage to MIN_OFFERED of the answerable ones (or all it can), so
    # that as many out-of-scope questions as possible get an honest no.
    unanswered = p_answer < answer_at
    p_suggest = suggest.probabilities(xs)[unanswered]
    reachable = (np.array([r.top3 for r in ranked]) & answerable)[unanswered]
    n_unanswered = int(answerable[unanswered].sum()) + sum(
        r.item.answerable for r in rows if r.signals is None
    )
    suggest_at = 0.0
    if reachable.any():
        scores = np.sort(p_suggest[reachable])[::-1]
        need = min(len(scores), int(np.ceil(MIN_OFFERED * n_unanswered)))
        suggest_at = float(scores[max(need, 1) - 1]) - 1e-9
    return Calibration(answer, suggest, answer_at, suggest_at)


@dataclass(frozen=True)
class Outcome:
    item: Item
    tier: str  # answer, suggest, none
    right: bool  # answered with the right first passage (answerable only)
    offered: bool  # the right passage is among the suggestions


def decide(calibration: Calibration, row: Row) -> Outcome:
    if row.signals is None:
        return Outcome(row.item, "none", False, False)
    tier, _ = calibration.decide(row.signals)
    return Outcome(row.item, tier, tier == "answer" and row.top1, tier == "suggest" and row.top3)


def folds(rows: Sequence[Row], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number per row; all rows of a group share it."""
    groups = sorted({r.group for r in rows})
    random.Random(seed).shuffle(groups)
    of = {g: i % k for i, g in enumerate(groups)}
    return [of[r.group] for r in rows]


def cross_validate(rows: Sequence[Row], k: int = FOLDS, seed: int = SEED) -> list[Outcome]:
    """Each row decided by models fitted on the other folds."""
    fold_of = folds(rows, k, seed)
    out: list[Outcome | None] = [None] * len(rows)
    for f in range(k):
        calibration = fit([r for r, g in zip(rows, fold_of, strict=True) if g != f])
        for i, (row, g) in enumerate(zip(rows, fold_of, strict=True)):
            if g == f:
                out[i] = decide(calibration, row)
    return [o for o in out if o is not None]


@dataclass(frozen=True)
class Figures:
    right: dict[str, tuple[int, int]]  # kind -> (right, total)
    abstained: tuple[int, int]  # out-of-scope questions not answered
    offered: tuple[int, int]  # answerable, not answered: right passage among suggestions
    wrong: int  # answerable questions answered with a wrong passage
    honest_no: int  # out-of-scope questions given neither an answer nor suggestions

    def line(self) -> str:
        kinds = "  ".join(f"{k} {r}/{n}" for k, (r, n) in sorted(self.right.items()))
        right = sum(r for r, _ in self.right.values())
        total = sum(n for _, n in self.right.values())
        return (
            f"right {right}/{total} = {_pct(right, total)} ({kinds}) · "
            f"abstained {self.abstained[0]}/{self.abstained[1]} = {_pct(*self.abstained)} · "
            f"offered {self.offered[0]}/{self.offered[1]} = {_pct(*self.offered)} · "
            f"wrong answers {self.wrong} · honest no {self.honest_no}/{self.abstained[1]}"
        )


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "-"


def figures(outcomes: Sequence[Outcome]) -> Figures:
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    abstained = [0, 0]
    offered = [0, 0]
    wrong = honest_no = 0
    for o in outcomes:
        if not o.item.answerable:
            abstained[0] += o.tier != "answer"
            abstained[1] += 1
            honest_no += o.tier == "none"
            continue
        right[o.item.kind][0] += o.right
        right[o.item.kind][1] += 1
        wrong += o.tier == "answer" and not o.right
        if o.tier != "answer":
            offered[0] += o.offered
            offered[1] += 1
    return Figures(
        {k: (v[0], v[1]) for k, v in right.items()},
        (abstained[0], abstained[1]),
        (offered[0], offered[1]),
        wrong,
        honest_no,
    )


def by_source(outcomes: Sequence[Outcome]) -> dict[str, Figures]:
    sources: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        sources[o.item.source].append(o)
    return {s: figures(os) for s, os in sorted(sources.items())} | {"all": figures(outcomes)}


def _merit(outcomes: Sequence[Outcome]) -> float:
    """What choosing among configurations maximises: answered right among answerable
    questions plus abstained among out-of-scope ones, each as a share."""
    fig = figures(outcomes)
    right = sum(r for r, _ in fig.right.values()) / max(1, sum(n for _, n in fig.right.values()))
    return right + fig.abstained[0] / max(1, fig.abstained[1])


def nested_cross_validate(
    rows_by_config: dict[str, list[Row]], k: int = FOLDS, seed: int = SEED
) -> tuple[list[Outcome], list[str]]:
    """Choose the configuration inside each training split (by its own inner folds), then
    judge the choice on the fold left out: the figure for the whole procedure, choice
    included. Returns the outcomes and the configuration chosen for each fold."""
    first = next(iter(rows_by_config.values()))
    fold_of = folds(first, k, seed)
    out: list[Outcome | None] = [None] * len(first)
    chosen = []
    for f in range(k):
        train = [i for i, g in enumerate(fold_of) if g != f]
        best = max(
            rows_by_config,
            key=lambda name: _merit(
                cross_validate([rows_by_config[name][i] for i in train], k - 1, seed + 1)
            ),
        )
        chosen.append(best)
        rows = rows_by_config[best]
        calibration = fit([rows[i] for i in train])
        for i, g in enumerate(fold_of):
            if g == f:
                out[i] = decide(calibration, rows[i])
    return [o for o in out if o is not None], chosen


@dataclass(frozen=True)
class Pooled:
    """Shares pooled over several fold assignments, for one set (or all)."""

    right: float  # answered right, of the answerable questions
    abstained: float  # not answered, of the out-of-scope ones
    offered: float  # right passage among the suggestions, of the answerable unanswered
    kinds: dict[str, float]  # answered right, per kind of question

    def line(self) -> str:
        kinds = "  ".join(f"{k} {v:.0%}" for k, v in sorted(self.kinds.items()))
        return f"{self.right:.0%}  {self.abstained:.0%}  {self.offered:.0%}  ({kinds})"


def repeated(rows: Sequence[Row], repeats: int) -> dict[str, Pooled]:
    """Shares per set (and per kind of question), pooled over `repeats` fold
    assignments: one assignment's figures move by a few questions with its luck."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    kinds: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in range(repeats):
        for source, fig in by_source(cross_validate(rows, seed=SEED + r)).items():
            c = counts[source]
            c[0] += sum(a for a, _ in fig.right.values())
            c[1] += sum(n for _, n in fig.right.values())
            c[2] += fig.abstained[0]
            c[3] += fig.abstained[1]
            c[4] += fig.offered[0]
            c[5] += fig.offered[1]
            for kind, (right, total) in fig.right.items():
                kinds[source][kind][0] += right
                kinds[source][kind][1] += total
    return {
        k: Pooled(
            c[0] / max(1, c[1]),
            c[2] / max(1, c[3]),
            c[4] / max(1, c[5]),
            {kind: a / max(1, n) for kind, (a, n) in kinds[k].items()},
        )
        for k, c in counts.items()
    }


# Sets no ranking choice was made on (see knowledge/README.md): `--ranking` reports them
# apart from the sets the ranking was tuned on, which flatter it.
UNTOUCHED_SETS = frozenset({"dev_questions_2"})
TUNED = "tuned sets"
RANK_DEPTH = 10  # how deep `--ranking` looks for the right passage
SAME_COVERAGE = 0.05  # a right passage covering this much less than the first "ties" it


@dataclass
class RankFigures:
    """Where the right passage ranks, before any decision to trust it."""

    questions: int = 0
    first: int = 0
    among_three: int = 0
    among_ten: int = 0
    # Of the questions whose right passage is not first: it covers clearly less of the
    # question's words than the first (a reading is missing: lexical resources), or
    # about as much (the order among equals: ranking).
    fewer_words: int = 0
    same_words: int = 0

    def add(self, place: int | None, right_coverage: float, first_coverage: float) -> None:
        self.questions += 1
        self.first += place == 1
        self.among_three += place is not None and place <= SUGGESTIONS
        self.among_ten += place is not None
        if place != 1:
            if right_coverage < first_coverage - SAME_COVERAGE:
                self.fewer_words += 1
            else:
                self.same_words += 1

    def line(self) -> str:
        n = self.questions
        return (
            f"{n:3}: first {self.first:3} = {_pct(self.first, n):>4} · among {SUGGESTIONS} "
            f"{self.among_three:3} = {_pct(self.among_three, n):>4} · among {RANK_DEPTH} "
            f"{self.among_ten:3} · not first: {self.fewer_words} cover fewer words, "
            f"{self.same_words} as many"
        )


@dataclass(frozen=True)
class Placement:
    """Where an answerable question's right passage ranks, and how much of the question
    it covers beside the first passage."""

    item: Item
    place: int | None  # 1-based, None: not among the first RANK_DEPTH
    first: Passage | None
    right: Passage | None  # the right passage covering the most of the question
    first_coverage: float
    right_coverage: float


def placements(index: PolicyIndex, items: Sequence[Item]) -> list[Placement]:
    """Each answerable item ranked once (no calibration involved)."""
    out = []
    for item in items:
        if not item.answerable:
            continue
        ranked = index.rank(item.question, limit=RANK_DEPTH)
        right = [answers(item, hit.passage) for hit in ranked.hits]
        rights = [p for p in index.passages if answers(item, p)]
        coverages = [index.coverage(item.question, p.passage_id) for p in rights]
        at = int(np.argmax(coverages)) if rights else -1
        out.append(
            Placement(
                item=item,
                place=right.index(True) + 1 if any(right) else None,
                first=ranked.hits[0].passage if ranked.hits else None,
                right=rights[at] if rights else None,
                first_coverage=ranked.signals.coverage if ranked.signals is not None else 0.0,
                right_coverage=coverages[at] if rights else 0.0,
            )
        )
    return out


def ranking_figures(placed: Sequence[Placement]) -> dict[str, RankFigures]:
    """Ranking figures per set, for the tuned sets pooled (TUNED), and per kind of
    question ("set · kind") for the tuned sets and each untouched one; no calibration."""
    out: dict[str, RankFigures] = defaultdict(RankFigures)
    for p in placed:
        source = p.item.source
        pooled = source if source in UNTOUCHED_SETS else TUNED
        for key in {source, pooled, f"{pooled} · {p.item.kind}"}:
            out[key].add(p.place, p.right_coverage, p.first_coverage)
    return dict(sorted(out.items()))


def tuned_misses(placed: Sequence[Placement]) -> list[str]:
    """The tuned sets' questions whose right passage is not first, one line each, to
    study; the untouched sets' questions are counted above, never shown."""
    lines = []
    for p in placed:
        if p.place == 1 or p.item.source in UNTOUCHED_SETS:
            continue
        where = f"place {p.place}" if p.place else f"not in the first {RANK_DEPTH}"
        first = p.first.label() if p.first else "-"
        right = p.right.label() if p.right else "-"
        lines.append(
            f"{p.item.source}/{p.item.item_id} [{p.item.kind}] {where}: {p.item.question}\n"
            f"    first {p.first_coverage:.2f} {first}\n"
            f"    right {p.right_coverage:.2f} {right}"
        )
    return lines


def load_items(folder: Path | None = None) -> list[Item]:
    return [item for path in set_paths(folder) for item in load_set(path)]


LEXICON_CONFIGS = {
    "glossary only": (0.0, 0.0, 0.0),
    "+ Synlex": (SYNLEX_CREDIT, 0.0, 0.0),
    "+ FreeDict": (0.0, FREEDICT_CREDIT, 0.0),
    "+ both": (SYNLEX_CREDIT, FREEDICT_CREDIT, 0.0),
    "+ both + German": (SYNLEX_CREDIT, FREEDICT_CREDIT, PIVOT_CREDIT),
}


def compare_lexicons(texts: Path | None, items: list[Item]) -> None:
    from knowledge.analysis import Analyzer
    from knowledge.documents import load_texts
    from knowledge.glossary import load_glossary
    from knowledge.index import load_index

    # The glossary's English entries were written with these questions at hand, which
    # hides what the general resources do for English: measure them without it too.
    print("without the glossary's English entries (what general knowledge does alone):")
    for name, (synonyms, english, pivot) in LEXICON_CONFIGS.items():
        analyzer = Analyzer()
        glossary = load_glossary(analyzer)
        glossary.english = {}
        lexicon = load_lexicon(
            analyzer, synonym_credit=synonyms, english_credit=english, pivot_credit=pivot
        )
        index = PolicyIndex(load_texts(texts), glossary, analyzer, lexicon=lexicon)
        fig = figures(cross_validate(collect(index, items)))
        print(f"  {name:22} {fig.line()}")
    rows_by_config = {}
    for name, (synonyms, english, pivot) in LEXICON_CONFIGS.items():
        lexicon = load_lexicon(
            Analyzer(), synonym_credit=synonyms, english_credit=english, pivot_credit=pivot
        )
        rows_by_config[name] = collect(load_index(texts, lexicon=lexicon), items)
        print(f"{name}: {FOLDS}-fold")
        for source, fig in by_source(cross_validate(rows_by_config[name])).items():
            print(f"  {source:22} {fig.line()}")
    outcomes, chosen = nested_cross_validate(rows_by_config)
    print(f"chosen inside each training split: {', '.join(chosen)}; judged on held-out folds")
    for source, fig in by_source(outcomes).items():
        print(f"  {source:22} {fig.line()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.calibrate", description=__doc__)
    parser.add_argument("--sets", type=Path, help="folder of *questions*.json (tests/data)")
    parser.add_argument("--texts", type=Path, help="folder of policy texts (bundled)")
    parser.add_argument("--check", action="store_true", help="print figures, write nothing")
    parser.add_argument("--output", type=Path, default=CALIBRATION_FILE)
    parser.add_argument(
        "--lexicons",
        action="store_true",
        help="figures with and without each lexical resource, and the choice among them "
        "made inside each training split",
    )
    parser.add_argument(
        "--ranking",
        action="store_true",
        help="where the right passage ranks, per set and kind (no calibration), the tuned "
        "sets apart from the untouched ones",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="with --ranking: list the tuned sets' questions whose right passage is not "
        "first (the untouched sets' are never listed)",
    )
    args = parser.parse_args(argv)
    from knowledge.index import load_index

    if args.lexicons:
        compare_lexicons(args.texts, load_items(args.sets))
        return 0
    index = load_index(args.texts)
    if args.ranking:
        print("answerable questions: where the right passage ranks; when not first, whether")
        print("it covers clearly fewer of the question's words than the first passage does")
        placed = placements(index, load_items(args.sets))
        for key, figures in ranking_figures(placed).items():
            print(f"  {key:30} {figures.line()}")
        if args.misses:
            print("the tuned sets' questions whose right passage is not first (coverage, label):")
            for line in tuned_misses(placed):
                print(f"  {line}")
        return 0
    rows = collect(index, load_items(args.sets))
    print(f"{len(rows)} questions, {FOLDS}-fold cross-validation grouped by answering passage:")
    for source, fig in by_source(cross_validate(rows)).items():
        print(f"  {source:22} {fig.line()}")
    print(f"mean over {REPEATS} fold assignments (right, abstained, offered; right by kind):")
    for source, pooled in repeated(rows, REPEATS).items():
        print(f"  {source:22} {pooled.line()}")
    if not args.check:
        calibration = fit(rows)
        args.output.write_text(json.dumps(calibration.to_json(), indent=1) + "\n", "utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
