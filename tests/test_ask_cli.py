"""`intbot ask`: the JSON contract, one question or one per line on standard input."""

from __future__ import annotations

import io
import json

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
