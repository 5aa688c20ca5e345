"""The Slack adapter's pieces on their own: Slack's limits in rendering, the job
queue, the manifest against the code, and `intbot serve`'s start-up checks."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from adapters import cli
from adapters.cli import build_bot
from adapters.slack.app import SlackConfigError, create_slack_app
from adapters.slack.forms import OPTION_TEXT_MAX, VIEW_TITLE_MAX, FormContext, modal_view
from adapters.slack.listeners import SLASH_COMMANDS
from adapters.slack.render import (
    BUTTON_VALUE_MAX,
    MESSAGE_BLOCKS_MAX,
    SECTION_TEXT_MAX,
    cut_at_word,
    escape,
    feedback_value,
    parse_feedback,
    render_answer,
    render_text,
    truncate,
)
from bot.features.contacts.validation import MAX_FREE_TEXT
from bot.kernel.config import Settings
from bot.kernel.messages import Answer, Citation, Form, Language, Suggestion, Text
from bot.kernel.turn import Services
from bot.store.db import Database
from bot.store.jobs import INLINE_PREFIX
from bot.store.models import SeenEvent
from bot.store.records import DatabaseRecords

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)

MANIFEST = Path(__file__).parents[2] / "adapters" / "slack" / "manifest.yml"
SLACK_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")
TEAMS_ENV = ("MicrosoftAppId", "MICROSOFT_APP_ID", "INTBOT_TEAMS_ALLOW_ANONYMOUS")


def test_escape_makes_mentions_links_and_broadcasts_inert() -> None:
    assert escape("<!channel> <@U1> <https://x|y> a & b") == (
        "&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; a &amp; b"
    )


def test_a_long_text_is_split_into_sections_within_slacks_limit() -> None:
    body = "\n".join(f"rad {i}: " + "x" * 90 for i in range(200))
    message = render_text(Text(title="Lista", body=body))
    assert len(message.blocks) > 1
    assert all(len(b["text"]["text"]) <= SECTION_TEXT_MAX for b in message.blocks)
    assert message.blocks[0]["text"]["text"].startswith("*Lista*\nrad 0")


def test_feedback_button_value_fits_slack_and_round_trips() -> None:
    question = "Vad säger policyn om " + "å" * 5000
    value = feedback_value(passage_id="falun-3", question=question, language="sv")
    assert len(value) <= BUTTON_VALUE_MAX
    feedback = parse_feedback(action_id="answer_feedback_yes", value=value)
    assert feedback.passage_id == "falun-3" and feedback.helpful
    assert question.startswith(feedback.question) and len(feedback.question) > 1000


def test_an_unanswered_question_has_no_quote_and_no_buttons() -> None:
    answer = Answer(
        question="Vad kostar en flygbiljett?",
        language="sv",
        answered=False,
        body="Det svarar policytexterna inte på.",
        municipality=None,
        passages=[
            Citation(municipality="Falun", document="D", section="S", text="nära", score=1.0)
        ],
    )
    blocks = render_answer(answer).blocks
    assert [b["type"] for b in blocks] == ["section"]


async def test_a_job_key_is_taken_once_by_any_process_for_an_hour(database: Database) -> None:
    """The key is marked seen with the job, and stays seen after the job is done."""
    now = [NOW]
    records = DatabaseRecords(database, lambda: now[0])
    other_process = DatabaseRecords(database, lambda: now[0])
    assert await records.enqueue_job(key="slack:event:Ev1", kind="k", payload={"n": 1})
    assert not await records.enqueue_job(key="slack:event:Ev1", kind="k", payload={"n": 2})
    assert not await other_process.enqueue_job(key="slack:event:Ev1", kind="k", payload={})
    [job] = await other_process.claim_jobs(lease=dt.timedelta(seconds=60), limit=5)
    assert (job.key, job.payload, job.attempts) == ("slack:event:Ev1", {"n": 1}, 1)
    await other_process.finish_job(job.id)
    assert not await records.enqueue_job(key="slack:event:Ev1", kind="k", payload={})
    now[0] = NOW + dt.timedelta(hours=1)
    assert await records.forget_job_keys() == 1  # the worker's housekeeping, now and then
    assert await records.enqueue_job(key="slack:event:Ev1", kind="k", payload={})
    async with database.session() as session:
        kept = (await session.scalars(select(SeenEvent.event_id))).all()
    assert kept == ["slack:event:Ev1"]


async def test_a_leased_job_is_taken_over_when_its_lease_runs_out(database: Database) -> None:
    now = [NOW]
    crashed = DatabaseRecords(database, lambda: now[0])
    survivor = DatabaseRecords(database, lambda: now[0])
    for n in range(3):
        await crashed.enqueue_job(key=f"k{n}", kind="k", payload={})
    lease = dt.timedelta(seconds=60)
    taken = await crashed.claim_jobs(lease=lease, limit=2)
    assert [j.key for j in taken] == ["k0", "k1"]
    assert [j.key for j in await survivor.claim_jobs(lease=lease, limit=5)] == ["k2"]
    assert await survivor.claim_jobs(lease=lease, limit=5) == []  # all leased
    now[0] = NOW + lease  # the crashed process never finished: its leases run out
    again = await survivor.claim_jobs(lease=lease, limit=5)
    assert [(j.key, j.attempts) for j in again] == [("k0", 2), ("k1", 2), ("k2", 2)]
    for job in again:
        await survivor.finish_job(job.id)
    assert await survivor.count_jobs() == 0


async def test_an_inline_job_is_claimed_by_no_worker_and_taken_over_by_its_key(
    database: Database,
) -> None:
    """A turn run by its own request (Teams): workers claim only their kinds; a
    redelivery takes the job over only once its holder's lease ran out, and only one
    of several does; past the hour a dead one's row is dropped."""
    now = [NOW]
    records = DatabaseRecords(database, lambda: now[0])
    lease = dt.timedelta(seconds=60)
    assert await records.enqueue_job(key="t1", kind=INLINE_PREFIX + "x", payload={}, lease=lease)
    assert await records.enqueue_job(key="s1", kind="slack-turn", payload={})
    claimed = await records.claim_jobs(lease=lease, limit=5, kinds=("slack-turn",))
    assert [j.key for j in claimed] == ["s1"]
    assert await records.take_over_job("t1", lease=lease) is None  # its holder is alive
    now[0] = NOW + lease
    assert await records.claim_jobs(lease=lease, limit=5, kinds=("other",)) == []
    taken = await asyncio.gather(*(records.take_over_job("t1", lease=lease) for _ in range(4)))
    assert len([t for t in taken if t is not None]) == 1
    assert await records.take_over_job("nobody", lease=lease) is None
    now[0] = NOW + dt.timedelta(hours=2)
    await records.forget_job_keys()
    assert await records.count_jobs() == 1  # the Slack job stays until it is run


async def test_a_job_enqueued_leased_is_not_claimed_until_released(database: Database) -> None:
    records = DatabaseRecords(database, lambda: NOW)
    lease = dt.timedelta(seconds=60)
    job_id = await records.enqueue_job(key="mine", kind="k", payload={}, lease=lease)
    assert job_id is not None
    assert await records.claim_jobs(lease=lease, limit=5) == []  # the enqueuer runs it
    await records.release_jobs([job_id])  # shutting down before it started
    [job] = await records.claim_jobs(lease=lease, limit=5)
    assert (job.id, job.attempts) == (job_id, 2)


async def test_claims_at_once_never_share_a_job(database: Database) -> None:
    records = [DatabaseRecords(database, lambda: NOW) for _ in range(6)]
    for n in range(30):
        await records[0].enqueue_job(key=f"k{n}", kind="k", payload={})

    async def drain(r: DatabaseRecords) -> list[str]:
        keys: list[str] = []
        while claimed := await r.claim_jobs(lease=dt.timedelta(minutes=5), limit=2):
            keys += [j.key for j in claimed]
        return keys

    results = await asyncio.gather(*(drain(r) for r in records))
    every = [key for keys in results for key in keys]
    assert sorted(every) == sorted(f"k{n}" for n in range(30))


def test_the_manifest_declares_every_command_event_scope_and_url() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    commands = manifest["features"]["slash_commands"]
    assert tuple(c["command"] for c in commands) == SLASH_COMMANDS
    assert all(c["description"] for c in commands)
    urls = [c["url"] for c in commands]
    settings = manifest["settings"]
    urls += [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert set(urls) == {"https://YOUR-HOST/slack/events"}
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
    }
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "im:history",
        "app_mentions:read",
        "files:write",
        "im:write",
    } <= scopes
    app_home = manifest["features"]["app_home"]
    assert app_home["home_tab_enabled"] and app_home["messages_tab_enabled"]
    assert settings["interactivity"]["is_enabled"]
    assert len(manifest["display_information"]["description"]) <= 140


def test_create_slack_app_names_the_missing_credentials(
    settings: Settings, services: Services
) -> None:
    bare = settings.model_copy(update={"slack_bot_token": None, "slack_signing_secret": None})
    with pytest.raises(SlackConfigError) as http:
        create_slack_app(bot=build_bot(services), services=services, settings=bare)
    assert http.value.missing == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    with pytest.raises(SlackConfigError) as socket:
        bot = build_bot(services)
        create_slack_app(bot=bot, services=services, settings=bare, socket_mode=True)
    assert socket.value.missing == ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in (*SLACK_ENV, *TEAMS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INTBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    return monkeypatch


def test_serve_without_any_surface_says_what_to_set(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve"]) == 2
    error = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" in error and "SLACK_SIGNING_SECRET" in error
    assert "SLACK_APP_TOKEN" in error and "MicrosoftAppId" in error


def test_serve_with_half_the_slack_credentials_names_the_missing_ones(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert cli.main(["serve"]) == 2
    assert "Slack needs SLACK_SIGNING_SECRET" in capsys.readouterr().err
    assert cli.main(["serve", "--socket-mode"]) == 2
    assert "Slack needs SLACK_APP_TOKEN" in capsys.readouterr().err
    clean_env.delenv("SLACK_BOT_TOKEN")
    clean_env.setenv("SLACK_SIGNING_SECRET", "s")
    assert cli.main(["serve"]) == 2
    assert "Slack needs SLACK_BOT_TOKEN" in capsys.readouterr().err


def test_procfile_runs_the_server_on_port_and_migrates_on_release() -> None:
    procfile = (Path(__file__).parents[2] / "Procfile").read_text(encoding="utf-8")
    assert "web: intbot serve --port $PORT" in procfile.splitlines()
    assert "release: intbot db upgrade" in procfile.splitlines()


def test_suggestions_are_buttons_that_carry_the_passage_and_the_question() -> None:
    answer = Answer(
        question="Vem ansvarar för vänorter?",
        language="sv",
        answered=False,
        body="Jag är inte säker – menar du något av detta?",
        municipality="Motala",
        suggestions=[
            Suggestion(passage_id="motala#3", label="Roller och ansvar: Kommunstyrelsen"),
            Suggestion(passage_id="motala#5", label="Vänorter: Motala har vänorter i"),
        ],
    )
    rendered = render_answer(answer)
    [picks] = [b for b in rendered.blocks if b.get("block_id") == "answer_pick"]
    first, second = picks["elements"]
    assert (first["action_id"], second["action_id"]) == ("answer_pick_1", "answer_pick_2")
    assert first["text"]["text"] == "Roller och ansvar: Kommunstyrelsen"
    clicked = parse_feedback(action_id=second["action_id"], value=second["value"])
    assert (clicked.passage_id, clicked.question) == ("motala#5", "Vem ansvarar för vänorter?")
    assert "2. Vänorter" in rendered.text  # the notification's text names them too


# --- Slack's limits are tests, not hopes (issue 15, point 7) ----------------------------


def _contact_form(municipality: str, lang: Language) -> Form:
    from bot.features.contacts.fields import Context
    from bot.features.contacts.handlers import contact_form
    from bot.features.contacts.vocabulary import strategic_areas
    from knowledge.index import load_index

    areas = strategic_areas(Settings(municipality=municipality), load_index())
    ctx = Context(lang=lang, today=NOW.date(), areas=areas, departments=[], seat=None,
                  coordinator=True)  # fmt: skip
    return contact_form(ctx)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_contact_modal_keeps_to_slacks_limits_without_cutting_words(lang: Language) -> None:
    form = _contact_form("Götene", lang)
    context = FormContext(form_id=form.form_id, command="/kontakt", channel=None, language=lang)
    view = modal_view(form, context=context, close_label="Avbryt")
    for key in ("title", "submit", "close"):
        assert len(view[key]["text"]) <= VIEW_TITLE_MAX and "…" not in view[key]["text"], key
    labels = {label for f in form.fields for _, label in f.options}
    assert any(len(label) > OPTION_TEXT_MAX for label in labels)  # Götene's long areas
    for block in view["blocks"]:
        for opt in block.get("element", {}).get("options", []):
            text = opt["text"]["text"]
            assert len(text) <= OPTION_TEXT_MAX
            if text.endswith("…"):
                full = next(label for label in labels if label.startswith(text[:-1]))
                assert full[len(text) - 1] in " ,;", (text, full)  # cut between words
    for f in form.fields:
        element = next(b["element"] for b in view["blocks"] if b.get("block_id") == f.name)
        if element["type"] == "plain_text_input":
            assert element["max_length"] == MAX_FREE_TEXT  # the contact log's own limit


def test_sections_split_at_lines_or_words_and_never_inside_an_escape() -> None:
    body = ("R&D " * 2000).strip()  # one long line, each `&` escaped as `&amp;`
    message = render_text(Text(body=body))
    texts = [b["text"]["text"] for b in message.blocks]
    assert len(texts) > 1 and all(len(t) <= SECTION_TEXT_MAX for t in texts)
    for text in texts:
        assert text.startswith("R&amp;D") and text.endswith("R&amp;D"), text[-12:]
    assert " ".join(texts) == escape(body)  # nothing lost, nothing doubled
    words = render_text(Text(body="ordet " * 1000 + "\n" + "slut"))
    assert all(b["text"]["text"].split()[-1] in {"ordet", "slut"} for b in words.blocks)
    entity = "x" * (SECTION_TEXT_MAX - 2) + "&" + "y" * 10  # no space: a hard cut
    pieces = [b["text"]["text"] for b in render_text(Text(body=entity)).blocks]
    assert "".join(pieces) == escape(entity) and not pieces[0].endswith(("&", "&a", "&am"))


@pytest.mark.parametrize(("lang", "note"), [("sv", "resten finns i dokumentet"),
                                            ("en", "the rest is in the document")])  # fmt: skip
def test_a_message_over_fifty_blocks_says_the_rest_is_in_the_document(
    lang: Language, note: str
) -> None:
    body = "\n".join(f"Rad {n}: " + "x" * 2990 for n in range(80))
    message = render_text(Text(body=body, language=lang))
    assert len(message.blocks) == MESSAGE_BLOCKS_MAX
    last = message.blocks[-1]["text"]["text"]
    assert note in last and "31" in last  # 80 sections, 49 shown


def test_cut_text_ends_at_a_word_and_never_inside_an_escape() -> None:
    assert cut_at_word("ett två tre fyra fem sex", 15) == "ett två tre…"
    assert cut_at_word(escape("abc & def"), 8) == "abc…"  # not "abc &am…"
    assert truncate(escape("abc&def"), 7) == "abc…"
    assert truncate(escape("abcd&def"), 9) == "abcd…"  # a title: cut anywhere but `&am`
