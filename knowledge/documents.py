"""Policy texts on disk: Markdown files with YAML front matter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.types import Document

BUNDLED_TEXTS = Path(__file__).parent / "texts"
# libyaml's loader when PyYAML was built with it: several times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Safe YAML (no object construction), as fast as the installation allows."""
    return yaml.load(text, Loader=_LOADER)  # both loaders are the safe ones


class PolicyTextError(ValueError):
    """A policy text whose front matter is missing or malformed."""


@dataclass(frozen=True)
class PolicyText:
    document: Document
    body: str  # the Markdown after the front matter


def _optional(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, date):  # YAML reads 2019-12-05 as a date
        return value.isoformat()
    return str(value)


def _areas(raw: object, path: Path) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PolicyTextError(f"{path.name}: strategic_areas must be a list")
    areas = []
    for item in raw:
        if not isinstance(item, dict) or "key" not in item or "label" not in item:
            raise PolicyTextError(f"{path.name}: each strategic area needs key and label")
        areas.append((str(item["key"]), str(item["label"])))
    return tuple(areas)


def parse_text(text: str, *, doc_id: str, path: Path | None = None) -> PolicyText:
    """Split front matter from body and build the `Document`."""
    where = path or Path(doc_id)
    if not text.startswith("---"):
        raise PolicyTextError(f"{where.name}: no front matter")
    _, head, body = text.split("---", 2)
    meta = load_yaml(head) or {}
    if not isinstance(meta, dict) or not meta.get("municipality") or not meta.get("title"):
        raise PolicyTextError(f"{where.name}: front matter needs municipality and title")
    aliases = meta.get("aliases") or []
    document = Document(
        doc_id=doc_id,
        municipality=str(meta["municipality"]),
        title=str(meta["title"]),
        adopted_by=_optional(meta, "adopted_by"),
        adopted=_optional(meta, "adopted"),
        reference=_optional(meta, "reference"),
        strategic_areas=_areas(meta.get("strategic_areas"), where),
        aliases=tuple(str(a) for a in aliases),
        report_to=_optional(meta, "report_to"),
        reported_by=_optional(meta, "reported_by"),
        report_options=meta["report"] if isinstance(meta.get("report"), dict) else {},
    )
    return PolicyText(document=document, body=body)


def load_texts(texts_dir: Path | None = None) -> list[PolicyText]:
    """Every `*.md` policy in `texts_dir` (default: the bundled texts), read afresh."""
    folder = texts_dir or BUNDLED_TEXTS
    paths = sorted(folder.glob("*.md"))
    if not paths:  # a mistyped INTBOT_TEXTS_DIR would otherwise answer nothing, silently
        raise PolicyTextError(f"no policy texts (*.md) in {folder}")
    return [
        parse_text(path.read_text(encoding="utf-8"), doc_id=path.stem, path=path) for path in paths
    ]
