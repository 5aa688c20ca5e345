"""The text catalogs: each feature's and surface's texts are complete in both languages,
every key the code names exists, and no text is left that nothing shows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from adapters.console import CATALOG as CONSOLE
from adapters.slack.texts import CATALOG as SLACK
from adapters.teams.texts import CATALOG as TEAMS
from bot.features import all_features
from bot.kernel.i18n import CATALOG as KERNEL
from bot.kernel.i18n import Catalog, placeholders

ROOT = Path(__file__).resolve().parents[1]
CATALOGS: dict[str, Catalog] = {
    "kernel": KERNEL,
    "console": CONSOLE,
    "slack": SLACK,
    "teams": TEAMS,
    **{feature.name: feature.texts for feature in all_features()},
}
ALL = Catalog.merge(CATALOGS.values())
# Keys the code builds from a value, by prefix.
BUILT = (
    "report.stage.", "report.status.", "visit.kind.", "teach.kind.", "talk.", "network.action.",
    "log.distinct.", "log.group.", "log.incoming", "log.outgoing",
)  # fmt: skip
FILES = (".j2", ".html", ".json")  # file names look like keys too
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
NAMESPACES = {key.split(".")[0] for key in ALL.texts}


def _keyish(value: str) -> bool:
    if not KEY.match(value) or value.endswith(FILES):
        return False
    return value.split(".")[0] in NAMESPACES


def _code_strings() -> set[str]:
    """Every string literal in the code that is shaped like a text key."""
    found: set[str] = set()
    for top in ("bot", "adapters"):
        for path in (ROOT / top).rglob("*.py"):
            if path.name in ("texts.py", "i18n.py") or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = node.value if isinstance(node, ast.Constant) else None
                if isinstance(value, str) and _keyish(value):
                    found.add(value)
    return found


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_every_text_has_both_languages_with_the_same_placeholders(name: str) -> None:
    for key, (sv, en) in CATALOGS[name].texts.items():
        assert sv.strip() and en.strip(), key
        assert placeholders(sv) == placeholders(en), key


def test_every_key_the_code_names_exists() -> None:
    missing = sorted(key for key in _code_strings() if key not in ALL and not key.startswith(BUILT))
    assert missing == []


def test_no_text_is_left_that_nothing_shows() -> None:
    used = _code_strings()
    unused = sorted(key for key in ALL.texts if key not in used and not key.startswith(BUILT))
    assert unused == []
