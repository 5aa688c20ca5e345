"""The README's first five minutes, run as written (issue 15, point 8).

Every console example in README.md is typed into `intbot chat` (a real subprocess, as
`make run` starts it): the first block on an empty database, the second after
`intbot demo` as the coordinator. No reply may be a refusal or a usage error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
# What a refused or misunderstood command looks like, in either language.
REFUSALS = (
    "inte registrerad", "not registered", "Bara den", "bara den", "Only the",
    "Det är bara", "Så här:", "Like this:", "Jag förstår inte", "I don't understand",
    "känner inte till kommandot", "Något gick fel", "Something went wrong",
    "Inget är sparat", "sparades inte", "Traceback", "finns inte i nätverket",
)  # fmt: skip


def console_blocks() -> list[list[str]]:
    """The README's console examples: fenced blocks whose every line starts with `> `."""
    blocks: list[list[str]] = []
    inside = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = not inside
            if inside:
                blocks.append([])
        elif inside and line.strip():
            blocks[-1].append(line)
    found = []
    for lines in blocks:
        if lines and all(line.startswith("> ") for line in lines):
            found.append([line[2:] for line in lines])
    return found


def intbot(*args: str, env: dict[str, str], stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args], input=stdin, capture_output=True,
        text=True, env=env, cwd=ROOT, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return done.stdout


def chat_replies(output: str) -> list[str]:
    """The chat's output as one reply per input line (the console ends each with a blank
    line), the start-up notes first."""
    return [part for part in output.split("\n\n") if part.strip()]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("INTBOT_", "SLACK_"))}
    return {**keep, "INTBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'intbot.db'}",
            "INTBOT_LOG_LEVEL": "WARNING"}  # fmt: skip


def test_the_readme_has_the_console_examples() -> None:
    first, demo = console_blocks()
    assert any(line.startswith("/kontakt ny ") for line in first)
    assert any(line.startswith("/rapport ") for line in demo)
    text = README.read_text(encoding="utf-8")
    for promise in ("Python 3.11", "T1 = January–April", "intbot demo --force",
                    "docs/architecture.md", "kompetens"):  # fmt: skip
        assert promise in text, promise
    assert "../shared" not in text


def test_the_first_run_lets_the_console_user_in_and_every_example_works(
    env: dict[str, str],
) -> None:
    first, _ = console_blocks()
    intbot("db", "upgrade", env=env)
    output = intbot("chat", env=env, stdin="\n".join(first) + "\n")
    assert "du (console) är samordnare" in output
    assert "representerar nu Demoförvaltningen" in output
    for refusal in REFUSALS:
        assert refusal not in output, (refusal, output)
    assert "Sparad: kontakt #1" in output
    again = intbot("chat", env=env, stdin="/kontakt lista\n")
    assert "Första körningen" not in again and "Stadt Wetzlar" in again


def test_the_demo_examples_work_as_the_coordinator(env: dict[str, str]) -> None:
    _, demo = console_blocks()
    env = {**env, "INTBOT_MUNICIPALITY": "Falun", "INTBOT_COORDINATORS": "coord"}
    intbot("demo", env=env)
    output = intbot("chat", "--as", "coord", env=env, stdin="\n".join(demo) + "\n")
    for refusal in REFUSALS:
        assert refusal not in output, (refusal, output)
    assert "Första körningen" not in output  # the demo's network is not empty
    assert "[" in output and ".xlsx" in output  # the file reply
