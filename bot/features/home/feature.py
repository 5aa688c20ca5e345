"""The home tab (Slack App Home): who the user is in the network, their latest entries,
and buttons for the contact form and the help."""

from __future__ import annotations

from bot.features.contacts.handlers import latest
from bot.features.home.texts import CATALOG
from bot.kernel.feature import Feature
from bot.kernel.messages import Home, HomeOpened, Reply
from bot.kernel.turn import Turn
from bot.store import network

FORM_COMMAND = "/kontakt"
HELP_COMMAND = "/hjalp"


async def home(turn: Turn, _: HomeOpened) -> list[Reply]:
    seat = await network.seat_of(turn.services.db, turn.user)
    if turn.is_coordinator:
        role = turn.t("home.role_coordinator")
    elif seat is not None:
        role = turn.t("home.role_representative", department=seat.department.name)
    else:
        role = turn.t("home.role_member")
    return [
        Home(
            title=turn.t("home.title"),
            role=role,
            intro=turn.t("home.intro"),
            latest_label=turn.t("home.latest"),
            latest=await latest(turn),
            actions=[
                (turn.t("home.new_contact"), FORM_COMMAND),
                (turn.t("home.help"), HELP_COMMAND),
            ],
        )
    ]


FEATURE = Feature(name="home", texts=CATALOG, home=home)
