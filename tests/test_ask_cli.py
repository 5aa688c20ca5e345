"""`intbot ask`: the JSON contract, one question or one per line on standard input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from adapters.cli import main


def _ask(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["ask", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_one_question_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    [out] = _ask(capsys, "Vem tecknar samarbetsavtal i Motala?")
    assert out["question"] == "Vem tecknar samarbetsavtal i Motala?"
    assert out["answered"] is True
    assert out["municipality"] == "Motala"
    assert out["language"] == "sv"
    passages = out["passages"]
    assert isinstance(passages, list) and passages
    top = passages[0]
    assert set(top) >= {"municipality", "document", "section", "text", "score"}
    assert top["municipality"] == "Motala"
    assert top["document"] == "Policy för internationell samverkan"
    assert top["section"] == "Roller och ansvar"
    assert "tecknar samarbetsavtal" in top["text"]


def test_stdin_lines_give_one_object_each_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [
        "Vilket diarienummer har Kungälvs internationella policy?",
        "Hur många invånare har Götene kommun?",
        "What is Falun's municipal executive board responsible for in international work?",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(q + "\n" for q in questions)))
    outs = _ask(capsys)
    assert [o["question"] for o in outs] == questions
    assert [o["answered"] for o in outs] == [True, False, True]
    assert outs[2]["language"] == "en"
    assert outs[2]["municipality"] == "Falun"


def test_the_default_municipality_option(capsys: pytest.CaptureFixture[str]) -> None:
    [out] = _ask(capsys, "--municipality", "Falun", "Vem ansvarar för omvärldsbevakningen?")
    assert out["municipality"] == "Falun"
    assert out["answered"] is True


def test_ask_reads_its_settings_as_the_server_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """`intbot ask` skips pydantic-settings for speed; it must not read other values."""
    from bot.kernel.config import Settings
    from bot.kernel.question_settings import load_question_settings

    for env in (
        {},
        {"INTBOT_TEXTS_DIR": "/srv/texts", "INTBOT_MUNICIPALITY": "Falun"},
        {"intbot_log_level": "DEBUG", "INTBOT_LOG_FORMAT": "json"},
    ):
        for key in (
            "INTBOT_TEXTS_DIR",
            "INTBOT_MUNICIPALITY",
            "INTBOT_LOG_LEVEL",
            "INTBOT_LOG_FORMAT",
        ):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        full, light = Settings(), load_question_settings()
        assert (light.texts_dir, light.municipality, light.log_level, light.log_format) == (
            full.texts_dir,
            full.municipality,
            full.log_level,
            full.log_format,
        ), env


def test_a_bad_setting_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTBOT_LOG_FORMAT", "xml")
    assert main(["ask", "hej"]) == 2
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "intbot: INTBOT_LOG_FORMAT must be text or json, not 'xml'",
        "intbot: INTBOT_LOG_FORMAT: Input should be 'text' or 'json'",
    ]


def test_a_texts_folder_without_texts_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INTBOT_TEXTS_DIR", str(tmp_path / "texsts"))
    assert main(["ask", "Vem ansvarar för vänorter?"]) == 2
    assert capsys.readouterr().err == f"intbot: no policy texts (*.md) in {tmp_path / 'texsts'}\n"


def test_plain_text_no_names_the_texts_it_has(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Vad blir det för väder i morgon?"]) == 0
    out = capsys.readouterr().out
    assert "Det svarar policytexterna inte på" in out
    assert "Falun (Policy och riktlinjer" in out and "och Motala (" in out


def test_an_empty_question_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "  "]) == 2
    assert "ask needs a question" in capsys.readouterr().err
