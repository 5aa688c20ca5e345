"""Policy questions in a console conversation: quoted, cited, or honestly not answered."""

from __future__ import annotations

from tests.chat import Chat


def _flat(text: str) -> str:
    return " ".join(text.replace("  > ", " ").split())


async def test_a_question_gets_the_quote_and_its_source(chat: Chat) -> None:
    reply = _flat(await chat.say("anna", "Vem tecknar samarbetsavtal i Motala?"))
    assert "tecknar samarbetsavtal och ingår kommunalt partnerskap" in reply
    assert "Källa: Motala, Policy för internationell samverkan, Roller och ansvar" in reply


async def test_the_ask_command_works_like_a_plain_question(chat: Chat) -> None:
    reply = _flat(await chat.say("anna", "/fraga Vilket diarienummer har Kungälvs policy?"))
    assert "KS2019/1537" in reply
    assert "Källa: Kungälv" in reply


async def test_an_english_question_is_answered_in_english_with_a_swedish_quote(
    chat: Chat,
) -> None:
    reply = _flat(await chat.say("bob", "Who decides on twin town agreements in Motala?"))
    assert "Motala's policy says" in reply
    assert "beslutar i frågor om vänortsavtal" in reply
    assert "Source: Motala" in reply


async def test_the_bot_does_not_guess(chat: Chat) -> None:
    reply = _flat(await chat.say("anna", "Hur många invånare har Götene kommun?"))
    # Never a quoted answer: an honest no, or passages offered as a question back.
    unsure = "menar du något av detta?" in reply
    assert unsure or ("Det svarar policytexterna inte på" in reply and "samordnaren" in reply)
    assert "Källa" not in reply
