"""Teams pieces on their own: card rendering and escaping, submitted values, signed links,
settings checks and the app package."""

from __future__ import annotations

import datetime as dt
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from adapters.cli import _teams_enabled, build_bot
from adapters.cli import main as cli_main
from adapters.teams import cards
from adapters.teams.links import LINK_TTL, DownloadLinks, LinkSigner
from adapters.teams.loopback import is_loopback_url
from adapters.teams.package import PackageError, build_package
from adapters.teams.routes import (
    TeamsConfigError,
    TeamsSurface,
    bot_framework_config,
    teams_enabled,
)
from bot.kernel.config import Settings
from bot.kernel.messages import Answer, Citation, Form, FormField, Language, Suggestion, Text
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.models import Download
from bot.store.records import DatabaseRecords

NOW = dt.datetime(2026, 11, 22, 19, 0, tzinfo=dt.UTC)
APP_ID = "0f0e0d0c-1111-2222-3333-444455556666"

CONTACT_FORM = Form(
    form_id="contact",
    title="Ny internationell kontakt",
    submit_label="Spara",
    intro="Fält med * måste fyllas i.",
    fields=[
        FormField(name="date", label="Datum", type="date", required=True),
        FormField(name="partner", label="Partner", required=True),
        FormField(
            name="country",
            label="Land",
            type="select",
            required=True,
            options=[(f"C{i}", f"Land {i}") for i in range(30)],
        ),
        FormField(
            name="kind", label="Typ", type="select", options=[("twin", "Vänort"), ("eu", "EU")]
        ),
        FormField(
            name="areas",
            label="Område",
            type="multiselect",
            options=[("kompetens", "Kompetens"), ("projekt", "Projekt")],
        ),
        FormField(name="participants", label="Deltagare", type="number"),
        FormField(name="youth", label="Unga deltar", type="toggle", initial=False),
        FormField(name="description", label="Beskrivning", type="textarea", hint="Kort"),
    ],
)


def _texts(card: cards.Card) -> list[str]:
    out: list[str] = []
    for element in card["body"]:
        if element["type"] == "RichTextBlock":
            out.extend(run["text"] for run in element["inlines"])
        for item in element.get("items", []):
            out.extend(run["text"] for run in item["inlines"])
    return out


# --- escaping -----------------------------------------------------------------------


def test_markdown_escape_keeps_the_text_and_defuses_markup() -> None:
    escaped = cards.escape_markdown("<at>Alla</at> **fet** _kursiv_ [x](y)\n- lista\n    kod")
    assert "<" not in escaped
    assert "&lt;at&gt;Alla&lt;/at&gt;" in escaped
    assert "\\*\\*fet\\*\\*" in escaped and "\\_kursiv\\_" in escaped
    assert "\\[x\\](y)" in escaped
    lines = escaped.split("\n\n")
    assert lines[1] == "\\- lista"
    assert lines[2] == "\u00a0" * 4 + "kod"  # not a code block


def test_card_text_is_never_markdown() -> None:
    block = cards.plain("**<at>x</at>**")
    assert block == {
        "type": "RichTextBlock",
        "inlines": [{"type": "TextRun", "text": "**<at>x</at>**"}],
    }


# --- answers ------------------------------------------------------------------------


def test_answer_card_quotes_cites_relates_and_asks_for_feedback() -> None:
    passages = [
        Citation(municipality="Motala", document="Policy", section=f"S{i}", text=f"T{i}", score=1)
        for i in range(3)
    ]
    answer = Answer(
        question="Vem?",
        language="sv",
        answered=True,
        body="Så här står det i Motalas policy:",
        municipality="Motala",
        passages=passages,
        citation_label="Källa",
        related_label="Relaterat",
        helpful_label="Hjälpsamt",
        not_helpful_label="Inte hjälpsamt",
        feedback_id="motala-3",
    )
    card = cards.render_answer(answer).card
    assert card is not None
    assert _texts(card) == [
        "Så här står det i Motalas policy:",
        "T0",
        "Källa: Motala, Policy, S0",
        "Relaterat:",
        "Motala, Policy, S1: T1",
        "Motala, Policy, S2: T2",
    ]
    data = [action["data"] for action in card["actions"]]
    assert [d["helpful"] for d in data] == [True, False]
    assert {d["passage_id"] for d in data} == {"motala-3"}


# --- forms --------------------------------------------------------------------------


def test_form_card_has_the_right_inputs() -> None:
    card = cards.render_form(CONTACT_FORM).card
    assert card is not None
    inputs = {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}
    assert inputs["date"]["type"] == "Input.Date" and inputs["date"]["isRequired"] is True
    assert inputs["country"]["type"] == "Input.ChoiceSet"
    assert inputs["country"]["style"] == "filtered"  # 30 options: type to filter
    assert inputs["kind"]["style"] == "compact"
    assert inputs["areas"]["isMultiSelect"] is True
    assert inputs["participants"]["type"] == "Input.Number"
    assert inputs["youth"]["type"] == "Input.Toggle" and inputs["youth"]["value"] == "false"
    assert inputs["description"]["isMultiline"] is True
    (submit,) = card["actions"]
    assert submit["type"] == "Action.Submit"
    assert submit["data"] == {
        "intbot": "form",
        "form_id": "contact",
        "lang": "sv",
        "types": {"areas": "multiselect", "youth": "toggle"},
    }


def test_rejected_form_keeps_values_and_shows_errors_next_to_fields() -> None:
    values: dict[str, cards.FormValue] = {
        "date": "2026-03-12",
        "partner": None,
        "country": "C3",
        "areas": ["kompetens", "projekt"],
        "youth": True,
        "description": "Skolutbyte",
    }
    card = cards.render_form(
        CONTACT_FORM,
        values=values,
        errors={"partner": "Ange partner.", "elsewhere": "Något annat."},
        summary="Två fel; ingenting sparades.",
    ).card
    assert card is not None
    body = card["body"]
    ids = [e.get("id") for e in body]
    assert ids[1] == "errors"
    assert ids.index("partner-error") == ids.index("partner") + 1
    error = body[ids.index("partner-error")]["inlines"][0]
    assert error == {
        "type": "TextRun",
        "text": "Ange partner.",
        "color": "Attention",
        "size": "Small",
    }
    assert "Något annat." in _texts(card)
    inputs = {e["id"]: e for e in body if e["type"].startswith("Input.")}
    assert inputs["date"]["value"] == "2026-03-12"
    assert "value" not in inputs["partner"]
    assert inputs["areas"]["value"] == "kompetens,projekt"
    assert inputs["youth"]["value"] == "true"
    assert inputs["description"]["value"] == "Skolutbyte"


def test_submitted_values_restore_types_and_drop_our_keys() -> None:
    value = {
        "intbot": "form",
        "form_id": "contact",
        "lang": "sv",
        "types": {"areas": "multiselect", "youth": "toggle"},
        "date": "2026-03-12",
        "partner": "  Stadt Wetzlar ",
        "areas": "kompetens,projekt",
        "youth": "true",
        "participants": "",
    }
    assert cards.submitted_values(value) == {
        "date": "2026-03-12",
        "partner": "Stadt Wetzlar",
        "areas": ["kompetens", "projekt"],
        "youth": True,
        "participants": None,
    }


# --- links --------------------------------------------------------------------------


def test_signed_tokens_verify_expire_and_resist_tampering() -> None:
    signer = LinkSigner(secret=b"s" * 32)
    token = signer.sign(document_id="doc1", expires=NOW + dt.timedelta(minutes=5))
    assert signer.verify(token, now=NOW) == "doc1"
    assert signer.verify(token, now=NOW + dt.timedelta(minutes=5)) is None
    other = LinkSigner(secret=b"t" * 32)
    assert other.verify(token, now=NOW) is None
    payload, signature = token.split(".")
    assert signer.verify(payload + "x." + signature, now=NOW) is None
    assert signer.verify("", now=NOW) is None
    assert signer.verify("....", now=NOW) is None
    assert signer.verify("%%%.%%%", now=NOW) is None


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


def _links(database: Database, clock: Clock, **kwargs: Any) -> DownloadLinks:
    return DownloadLinks(
        signer=LinkSigner(secret=b"s" * 32),
        records=DatabaseRecords(database, clock),
        base_url="https://bot.example.se/",
        clock=clock,
        **kwargs,
    )


async def _kept(database: Database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Download)) or 0)


async def test_a_download_link_works_from_another_server_process(database: Database) -> None:
    clock = Clock()
    url = await _links(database, clock).publish(
        filename="rapport-2026.csv", media_type="text/csv", content=b"a;b\r\n"
    )
    assert url is not None and url.startswith("https://bot.example.se/teams/files/")
    token = url.rsplit("/", 1)[1]
    # A second process (or this one after a restart) shares only the database.
    document = await _links(database, clock).resolve(token)
    assert document is not None
    assert (document.filename, document.media_type, document.content) == (
        "rapport-2026.csv", "text/csv", b"a;b\r\n",
    )  # fmt: skip


async def test_an_expired_document_is_not_served_and_is_dropped(database: Database) -> None:
    clock = Clock()
    links = _links(database, clock)
    url = await links.publish(filename="r.csv", media_type="text/csv", content=b"a")
    assert url is not None
    clock.now = NOW + LINK_TTL
    assert not links.valid(url.rsplit("/", 1)[1])
    assert await links.resolve(url.rsplit("/", 1)[1]) is None
    await links.publish(filename="s.csv", media_type="text/csv", content=b"b")
    assert await _kept(database) == 1  # the expired one went when the next was kept


async def test_a_document_too_large_to_keep_gets_no_link(database: Database) -> None:
    links = _links(database, Clock(), max_bytes=10)
    assert await links.publish(filename="r.csv", media_type="text/csv", content=b"x" * 11) is None
    assert await _kept(database) == 0


# --- settings -----------------------------------------------------------------------


def _settings(**values: object) -> Settings:
    return Settings().model_copy(
        update={
            "microsoft_app_id": None,
            "microsoft_app_password": None,
            "teams_allow_anonymous": False,
            **values,
        }
    )


LINKS = {"link_secret": "s" * 32, "public_url": "https://bot.example.se"}


def test_teams_is_on_with_an_app_id_or_explicitly_anonymous() -> None:
    assert not teams_enabled(_settings())
    assert teams_enabled(_settings(microsoft_app_id=APP_ID, microsoft_app_password="pw", **LINKS))
    assert teams_enabled(_settings(teams_allow_anonymous=True, **LINKS))


def test_teams_on_but_incomplete_is_an_error_not_off() -> None:
    with pytest.raises(TeamsConfigError, match="MicrosoftAppPassword"):
        teams_enabled(_settings(microsoft_app_id=APP_ID, **LINKS))
    with pytest.raises(TeamsConfigError, match="INTBOT_LINK_SECRET"):
        teams_enabled(_settings(teams_allow_anonymous=True, link_secret=None))


def test_environment_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MicrosoftAppId", APP_ID)
    monkeypatch.setenv("MicrosoftAppPassword", "pw")
    monkeypatch.delenv("MicrosoftAppType", raising=False)
    monkeypatch.setenv("INTBOT_LINK_SECRET", "s" * 32)
    monkeypatch.setenv("INTBOT_PUBLIC_URL", "https://bot.example.se")
    settings = Settings()
    assert teams_enabled(settings)
    config = bot_framework_config(settings)
    assert (config.APP_ID, config.APP_PASSWORD, config.APP_TYPE) == (APP_ID, "pw", "MultiTenant")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"microsoft_app_id": APP_ID}, "MicrosoftAppPassword"),
        (
            {
                "microsoft_app_id": APP_ID,
                "microsoft_app_password": "pw",
                "microsoft_app_type": "SingleTenant",
            },
            "MicrosoftAppTenantId",
        ),
        ({"microsoft_app_type": "Whatever", "teams_allow_anonymous": True}, "MicrosoftAppType"),
    ],
)
def test_incomplete_credentials_are_refused_not_filled_in(
    values: dict[str, object], message: str
) -> None:
    with pytest.raises(TeamsConfigError, match=message):
        bot_framework_config(_settings(**values))


def _services(settings: Settings) -> Services:
    # The Teams surface only reads settings before a turn runs.
    return Services(settings=settings, index=None, db=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"public_url": "http://127.0.0.1:3978"}, "INTBOT_LINK_SECRET"),
        ({"link_secret": "s" * 32}, "INTBOT_PUBLIC_URL"),
    ],
)
def test_teams_refuses_to_start_without_link_settings(
    values: dict[str, object], message: str
) -> None:
    settings = _settings(
        **{"teams_allow_anonymous": True, "link_secret": None, "public_url": None, **values}
    )
    services = _services(settings)
    with pytest.raises(TeamsConfigError, match=message):
        TeamsSurface(bot=build_bot(services), services=services)


def test_serve_leaves_teams_off_without_its_settings() -> None:
    assert _teams_enabled(_settings()) is False


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:3978/", True),
        ("http://127.8.9.10/", True),
        ("http://[::1]:9000/", True),
        ("https://LOCALHOST/", True),
        ("http://10.0.0.1/", False),
        ("http://127.0.0.1.nip.io/", False),
        ("http://localhost@evil.example/", False),
        ("http://10.1.2.3\\@127.0.0.1/", False),  # backslash: clients disagree on the host
        ("http://127.0.0.1\\@10.1.2.3/", False),
        ("http://user:pw@127.0.0.1/", False),  # userinfo
        ("http://0.0.0.0:3978/", False),  # "this host", not loopback, and reaches others
        ("http://2130706433/", False),  # decimal 127.0.0.1
        ("http://0x7f.0.0.1/", False),  # hex
        ("http://0x7f000001/", False),
        ("http://0177.0.0.1/", False),  # octal-looking
        ("http://127.1/", False),  # short form
        ("http://[::ffff:127.0.0.1]/", False),  # IPv6-mapped
        ("http://[::ffff:10.0.0.1]/", False),
        ("http://127.0.0.1%2f@10.0.0.1/", False),  # percent-escapes
        ("http://localhost./", False),  # trailing dot
        ("http://127.0.0.1 /", False),
        ("http://127.0.0.1:99999/", False),
        ("ftp://127.0.0.1/", False),
        ("", False),
        (None, False),
    ],
)
def test_loopback_urls(url: str | None, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


# --- package ------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_package_has_a_filled_manifest_and_both_icons(tmp_path: Path) -> None:
    path = build_package(
        app_id=APP_ID, public_url="https://bot.example.se", output=tmp_path / "teams.zip"
    )
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert _png_size(archive.read("color.png")) == (192, 192)
        assert _png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["manifestVersion"] == "1.16"
    assert manifest["id"] == APP_ID
    (bot,) = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    commands = bot["commandLists"][0]["commands"]
    assert {c["title"] for c in commands} >= {"fraga", "kontakt", "rapport", "hjalp"}
    assert all(len(c["title"]) <= 32 and len(c["description"]) <= 128 for c in commands)
    assert len(manifest["description"]["short"]) <= 80
    assert manifest["validDomains"] == ["bot.example.se"]
    assert "{{" not in json.dumps(manifest)


@pytest.mark.parametrize(
    ("app_id", "public_url", "message"),
    [
        (None, "https://bot.example.se", "MicrosoftAppId is not set"),
        ("not-a-guid", "https://bot.example.se", "not a GUID"),
        (APP_ID, None, "INTBOT_PUBLIC_URL is not set"),
        (APP_ID, "http://bot.example.se", "https"),
    ],
)
def test_package_refuses_incomplete_settings(
    tmp_path: Path, app_id: str | None, public_url: str | None, message: str
) -> None:
    with pytest.raises(PackageError, match=message):
        build_package(app_id=app_id, public_url=public_url, output=tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_teams_package_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "intbot-teams.zip"
    monkeypatch.delenv("MicrosoftAppId", raising=False)
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    assert cli_main(["teams-package", "--output", str(output)]) == 2
    assert "MicrosoftAppId is not set" in capsys.readouterr().err
    assert not output.exists()

    monkeypatch.setenv("MicrosoftAppId", APP_ID)
    monkeypatch.setenv("INTBOT_PUBLIC_URL", "https://bot.example.se")
    assert cli_main(["teams-package", "--output", str(output)]) == 0
    assert zipfile.is_zipfile(output)


def test_suggestions_are_card_buttons_whose_submit_is_a_pick() -> None:
    answer = Answer(
        question="Vem ansvarar för vänorter?",
        language="en",
        answered=False,
        body="I'm not sure – do you mean one of these?",
        municipality="Motala",
        suggestions=[Suggestion(passage_id="motala#3", label="Roller och ansvar: Kommunstyrelsen")],
    )
    card = cards.render_answer(answer).card
    assert card is not None
    [action] = card["actions"]
    assert action["title"] == "Roller och ansvar: Kommunstyrelsen"
    assert action["data"] == {
        cards.ACTION_KEY: cards.PICK_ACTION,
        "passage_id": "motala#3",
        "question": "Vem ansvarar för vänorter?",
        "lang": "en",
    }


# --- Teams' limits are tests, not hopes (issue 15, point 7) -----------------------------


def test_card_text_inputs_take_no_more_than_the_contact_log() -> None:
    from bot.features.contacts.validation import MAX_FREE_TEXT

    card = cards.render_form(CONTACT_FORM).card
    assert card is not None
    texts = [e for e in card["body"] if e["type"] == "Input.Text"]
    assert texts and all(e["maxLength"] == MAX_FREE_TEXT for e in texts)


@pytest.mark.parametrize(("lang", "note"), [("sv", "resten finns i dokumentet"),
                                            ("en", "the rest is in the document")])  # fmt: skip
def test_a_long_reply_stays_within_teams_size_and_says_the_rest_is_elsewhere(
    lang: Language, note: str
) -> None:
    body = "\n".join(f"Rad {n}: " + "åäö & <x> " * 40 for n in range(400))
    rendered = cards.render(Text(body=body, title="Rapport", language=lang), language=lang,
                            ttl_minutes=60)  # fmt: skip
    assert rendered.text is not None
    assert len(rendered.text.encode()) <= cards.CARD_BYTES_MAX
    assert rendered.text.startswith("**Rapport**") and note in rendered.text
    big = cards.card([cards.plain("x" * 500) for _ in range(200)], summary="s", language=lang)
    assert big.card is not None and cards.card_bytes(big.card) <= cards.CARD_BYTES_MAX
    assert note in json.dumps(big.card, ensure_ascii=False)
    small = cards.card([cards.plain("kort")], summary="s")
    assert small.card is not None and small.card["body"] == [cards.plain("kort")]


# --- issue 13: binding, and tokens that cannot be verified ------------------------------


def test_anonymous_teams_binds_loopback_unless_told_otherwise() -> None:
    from adapters.cli import default_host

    anonymous = _settings(teams_allow_anonymous=True, **LINKS)
    assert default_host(anonymous, teams_on=True) == "127.0.0.1"
    assert default_host(anonymous, teams_on=False) == "0.0.0.0"
    authenticated = anonymous.model_copy(
        update={"microsoft_app_id": "app", "microsoft_app_password": "pw"}
    )
    assert default_host(authenticated, teams_on=True) == "0.0.0.0"


async def test_a_token_whose_keys_cannot_be_fetched_is_refused_not_a_crash() -> None:
    import aiohttp
    from botbuilder.schema import Activity

    from adapters.teams.routes import GuardedAuthentication

    class Unreachable:
        async def authenticate_request(self, activity: Activity, auth_header: str) -> None:
            raise aiohttp.ClientConnectionError("login.botframework.com unreachable")

    guard = GuardedAuthentication(Unreachable(), loopback_only=False)  # type: ignore[arg-type]
    with pytest.raises(PermissionError):
        await guard.authenticate_request(Activity(type="message"), "Bearer x.y.z")
