"""Structured logs: a request id per turn, JSON lines and key=value text."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.kernel.bot import Bot
from bot.kernel.feature import Command, Feature
from bot.kernel.i18n import Catalog
from bot.kernel.logging_setup import (
    JsonFormatter,
    KeyValueFormatter,
    RequestIdFilter,
    configure_logging,
    current_request_id,
    request_id,
)
from bot.kernel.messages import Message, Reply, Text
from bot.kernel.turn import Services, Turn


def capture(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(formatter)
    logger = logging.getLogger(f"test.{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, stream


def test_request_ids_nest_and_are_kept_by_inner_blocks() -> None:
    assert current_request_id() is None
    with request_id("evt-1") as outer:
        assert outer == "evt-1" == current_request_id()
        with request_id() as inner:  # Bot.handle inside an adapter's block keeps its id
            assert inner == "evt-1"
        with request_id(inherit=False) as fresh:
            assert fresh != "evt-1" and len(fresh) == 12
        assert current_request_id() == "evt-1"
    assert current_request_id() is None


def test_json_lines_carry_the_request_id_extras_and_the_stack() -> None:
    logger, stream = capture(JsonFormatter())
    with request_id("abc123"):
        logger.info("sent %d", 3, extra={"notice": "digest:2026-T1"})
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["request_id"] == "abc123" and first["msg"] == "sent 3"
    assert first["notice"] == "digest:2026-T1" and first["level"] == "INFO"
    assert first["ts"].endswith("+00:00")
    assert second["level"] == "ERROR" and "ValueError: boom" in second["exc"]


def test_text_lines_show_the_request_id_and_key_values() -> None:
    logger, stream = capture(KeyValueFormatter())
    logger.info("outside")
    with request_id("r1"):
        logger.info("inside", extra={"user_count": 2})
    lines = stream.getvalue().splitlines()
    assert "[-]: outside" in lines[0]
    assert lines[1].endswith("[r1]: inside user_count=2")


def test_configure_logging_replaces_itself_and_respects_others() -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        root.handlers = []
        stream = io.StringIO()
        assert configure_logging(fmt="json", stream=stream) is not None
        assert configure_logging(fmt="json", stream=stream) is not None
        assert len(root.handlers) == 1
        logging.getLogger("x").warning("hello")
        assert json.loads(stream.getvalue())["msg"] == "hello"
        root.addHandler(logging.NullHandler())
        root.handlers.reverse()
        assert configure_logging(stream=stream) is None  # someone else configured logging
    finally:
        root.handlers, _ = saved
        root.setLevel(saved[1])


async def test_each_turn_gets_a_request_id(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    async def ping(turn: Turn) -> list[Reply]:
        return [Text(body=str(current_request_id()))]

    async def fail(turn: Turn) -> list[Reply]:
        raise RuntimeError("secret detail")

    probe = Feature(
        name="probe",
        texts=Catalog({}),
        commands={"ping": Command(handler=ping), "fail": Command(handler=fail)},
    )
    bot = Bot(services, [probe])
    [one] = await bot.handle(Message(user="u", text="/ping"))
    [two] = await bot.handle(Message(user="u", text="/ping"))
    assert isinstance(one, Text) and isinstance(two, Text)
    assert one.body != "None" and one.body != two.body
    with request_id("slack-evt-9"):
        [kept] = await bot.handle(Message(user="u", text="/ping"))
    assert isinstance(kept, Text) and kept.body == "slack-evt-9"

    caplog.handler.addFilter(RequestIdFilter())
    with request_id("turn-7"):
        await bot.handle(Message(user="u", text="/fail"))
    [record] = [r for r in caplog.records if r.getMessage().startswith("turn failed")]
    assert record.request_id == "turn-7"  # type: ignore[attr-defined]
    assert current_request_id() is None
