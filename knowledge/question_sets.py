"""Labelled question sets (the `score.py` format): load them and judge a passage.

A set is JSON with `answerable` items (`q`, `municipality`, `expect_any`, `kind`) and
`out_of_scope` items (`q`). A passage answers an item when it is from the expected
municipality and contains one of the expected phrases (whitespace folded), exactly as
`../shared/eval/score.py` judges the bot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.types import Passage

OUT_OF_SCOPE = "out_of_scope"
# The repository's labelled sets, found from this file (not from the working directory).
REPOSITORY_SETS = Path(__file__).resolve().parents[1] / "tests" / "data"


@dataclass(frozen=True, kw_only=True)
class Item:
    source: str  # file stem
    item_id: str
    question: str
    kind: str  # direct, typo, ..., or OUT_OF_SCOPE
    municipality: str | None = None
    expect_any: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.kind != OUT_OF_SCOPE


def _fold(text: str) -> str:
    return " ".join(text.split())


def answers(item: Item, passage: Passage) -> bool:
    """Whether `passage` is a right answer to `item` (never for out-of-scope items)."""
    if not item.answerable or passage.municipality != item.municipality:
        return False
    text = _fold(passage.text)
    return any(_fold(x) in text for x in item.expect_any)


def load_set(path: Path) -> list[Item]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = [
        Item(
            source=path.stem,
            item_id=str(it["id"]),
            question=it["q"],
            kind=it["kind"],
            municipality=it["municipality"],
            expect_any=tuple(it["expect_any"]),
        )
        for it in data["answerable"]
    ]
    items += [
        Item(source=path.stem, item_id=str(it["id"]), question=it["q"], kind=OUT_OF_SCOPE)
        for it in data["out_of_scope"]
    ]
    return items


def set_paths(folder: Path | None = None) -> list[Path]:
    """The policy question sets (score.py's format) in `folder`; other question sets
    kept there, such as the contact log's, are left out."""
    paths = sorted((folder or REPOSITORY_SETS).glob("*questions*.json"))
    return [p for p in paths if "answerable" in json.loads(p.read_text(encoding="utf-8"))]
