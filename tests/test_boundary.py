"""The one boundary: whatever the user did (typed a line, submitted a form, clicked
feedback, opened the home tab, typed into a select), a handler that fails gives the user
the fixed message in their language, and the log one line with the stack."""

from __future__ import annotations

import logging

import pytest

from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.feature import Command, Feature, FormSpec
from bot.kernel.i18n import Catalog
from bot.kernel.messages import (
    Error,
    Event,
    Feedback,
    Form,
    FormSubmit,
    HomeOpened,
    Message,
    OptionsQuery,
    Reply,
)
from bot.kernel.turn import Services, Turn

SORRY = {
    "sv": "Något gick fel hos mig och ingenting ändrades.",
    "en": "Something went wrong on my side and nothing was changed.",
}


async def broken(*_: object) -> list[Reply]:
    raise RuntimeError("a secret detail from deep inside")


async def broken_form(_: Turn) -> Form:
    raise RuntimeError("a secret detail from deep inside")


@pytest.fixture
def failing_bot(services: Services) -> Bot:
    """The real features, except that every handler of the probe fails."""
    probe = Feature(
        name="probe",
        texts=Catalog({}),
        commands={"trasig": Command(handler=broken, language="sv"),
                  "broken": Command(handler=broken, language="en")},
        forms={"probe": FormSpec(build=broken_form, submit=broken)},
        feedback=broken,
        home=broken,
    )  # fmt: skip
    others = [f for f in all_features() if f.feedback is None and f.home is None]
    return Bot(services, [*others, probe])


EVENTS: list[tuple[str, Event]] = [
    ("sv", Message(user="u", text="/trasig")),
    ("en", Message(user="u", text="/broken")),
    ("en", FormSubmit(user="u", form_id="probe", values={}, language="en")),
    ("sv", Feedback(user="u", question="Vem?", passage_id="p1", helpful=True)),
    ("en", Feedback(user="u", question="Who?", passage_id="p1", helpful=False, language="en")),
    ("en", HomeOpened(user="u", language="en")),
    ("sv", OptionsQuery(user="u", form_id="probe", field="country", typed="ty")),
]


@pytest.mark.parametrize(("lang", "event"), EVENTS, ids=lambda v: type(v).__name__)
async def test_a_failing_handler_gives_the_fixed_message_and_one_logged_stack(
    failing_bot: Bot, lang: str, event: Event, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        [reply] = await failing_bot.handle(event)
    assert isinstance(reply, Error) and reply.language == lang
    assert reply.body.startswith(SORRY[lang])
    assert "secret" not in reply.body
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.getMessage().startswith("turn failed")
    assert record.exc_info is not None and "secret detail" in str(record.exc_info[1])


async def test_a_feature_set_with_a_command_word_twice_is_refused(services: Services) -> None:
    twice = Feature(name="twice", texts=Catalog({}), commands={"hjalp": Command(handler=broken)})
    with pytest.raises(ValueError, match="hjalp"):
        Bot(services, [*all_features(), twice])
