"""`intbot`: the command line, and the composition root that wires the parts together.

Heavy modules are imported inside each sub-command so `intbot ask` starts fast.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from aiohttp import web

    from bot.kernel.bot import Bot
    from bot.kernel.config import Settings
    from bot.kernel.question_settings import QuestionSettings
    from bot.kernel.turn import Services
    from knowledge.index import PolicyIndex

T = TypeVar("T")
log = logging.getLogger("intbot")


def _run(coroutine: Coroutine[object, object, T]) -> T:
    """`asyncio.run`, imported on use: `intbot ask` needs no event loop."""
    import asyncio

    return asyncio.run(coroutine)


def load_policy_index(settings: Settings | QuestionSettings) -> PolicyIndex:
    from knowledge.index import load_index

    return load_index(settings.texts_dir)


def build_bot(services: Services) -> Bot:
    """The bot with every feature."""
    from bot.features import all_features
    from bot.kernel.bot import Bot

    return Bot(services, all_features())


def build_services(settings: Settings) -> Services:
    """Everything a turn needs: the policy index and the database."""
    from bot.kernel.turn import Services
    from bot.store.db import Database

    return Services(
        settings=settings,
        index=load_policy_index(settings),
        db=Database.connect(settings.database_url),
    )


def _settings() -> Settings:
    from bot.kernel.config import load_settings
    from bot.kernel.logging_setup import configure_logging

    settings = load_settings()
    configure_logging(level=settings.log_level, fmt=settings.log_format, stream=sys.stderr)
    return settings


# --- ask -----------------------------------------------------------------------------


def _passage_json(hit: object) -> dict[str, object]:
    from knowledge.types import Hit

    assert isinstance(hit, Hit)
    return {
        "municipality": hit.passage.municipality,
        "document": hit.passage.document.title,
        "section": hit.passage.section,
        "text": hit.passage.text,
        "score": round(hit.score, 4),
    }


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer policy questions: one from the arguments, or one per line from stdin."""
    from bot.kernel.logging_setup import configure_logging
    from bot.kernel.question_settings import load_question_settings

    settings = load_question_settings()
    configure_logging(level=settings.log_level, fmt=settings.log_format, stream=sys.stderr)
    index = load_policy_index(settings)
    default = args.municipality or settings.municipality

    def answer(question: str) -> None:
        result = index.search(question, municipality=default)
        if args.json:
            out = {
                "question": question,
                "answered": result.answered,
                "municipality": result.municipality,
                "language": result.language,
                "confidence": round(result.confidence, 4),
                "passages": [_passage_json(hit) for hit in result.hits],
                "suggestions": [_passage_json(hit) for hit in result.suggestions],
            }
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            from adapters.console import render
            from bot.features.questions.reply import to_answer

            print(render(to_answer(result, documents=index.documents)), end="\n\n", flush=True)

    if args.question:
        question = " ".join(args.question).strip()
        if not question:
            print("intbot: ask needs a question, e.g. intbot ask 'Vem beslutar om vänorter?'",
                  file=sys.stderr)  # fmt: skip
            return 2
        answer(question)
    else:
        for line in sys.stdin:
            if line.strip() or args.json:  # --json answers every line: one object per line
                answer(line.strip())
    return 0


# --- chat ----------------------------------------------------------------------------


FIRST_RUN_DEPARTMENT = "Demoförvaltningen"


async def _first_run(services: Services, user: str, *, made_coordinator: bool) -> list[str]:
    """Let the console's user in on a fresh install, and say so.

    With no coordinator configured, the one at the keyboard is the coordinator (the
    console is local: whoever can run it can edit the settings). In a network with no
    department yet, they also represent a demo department, so the README's first
    `/kontakt ny` is stored instead of refused."""
    from bot.features.network.handlers import ForgivingMatch
    from bot.store import network

    notes: list[str] = []
    if services.settings.coordinators == frozenset({user}) and made_coordinator:
        notes.append(
            f"Ingen samordnare är angiven (INTBOT_COORDINATORS), så du ({user}) är "
            "samordnare i konsolen."
        )
    if await network.departments(services.db):
        return notes
    await network.register_representative(
        services.db, user_id=user, department_name=FIRST_RUN_DEPARTMENT, match=ForgivingMatch(),
        display_name=None, actor="intbot", now=services.clock(),
    )  # fmt: skip
    notes.append(
        f"Första körningen: nätverket är tomt, så du ({user}) representerar nu "
        f"{FIRST_RUN_DEPARTMENT} och kan logga kontakter direkt. Riktiga förvaltningar "
        "läggs till med /natverk representant ANVÄNDARE ny förvaltning NAMN."
    )
    return notes


def _console_settings(settings: Settings, user: str) -> Settings:
    """No coordinator configured: the console's user is it, for this session."""
    if settings.coordinators:
        return settings
    return settings.model_copy(update={"coordinators": frozenset({user})})


def cmd_chat(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from adapters.console import run_chat

    configured = _settings()
    settings = _console_settings(configured, args.as_user)
    services = build_services(settings)
    made = not configured.coordinators

    async def main() -> int:
        try:
            notes = await _first_run(services, args.as_user, made_coordinator=made)
        except SQLAlchemyError as error:
            log.debug("first run failed", exc_info=error)
            print("Databasen går inte att läsa: kör först intbot db upgrade (make run gör det).",
                  file=sys.stderr)  # fmt: skip
            await services.db.close()
            return 1
        try:
            for note in notes:
                print(note, flush=True)
            await run_chat(build_bot(services), user=args.as_user)
        finally:
            await services.db.close()
        return 0

    return _run(main())


# --- db ------------------------------------------------------------------------------


def cmd_db(args: argparse.Namespace) -> int:
    from bot.store import migrate

    settings = _settings()
    try:
        match args.action:
            case "upgrade":
                migrate.upgrade(settings.database_url, revision=args.revision or "head")
            case "downgrade":
                migrate.downgrade(settings.database_url, revision=args.revision or "base")
            case "backup":
                return _db_backup(settings, output=args.output)
    except Exception as error:  # an operator's problem (permissions, URL): one clear line
        print(f"intbot db {args.action}: {one_line(error)}", file=sys.stderr)
        return 1
    return 0


def one_line(error: BaseException) -> str:
    """The driver's own message for a database error (`attempt to write a readonly
    database`), else the error's, on one line."""
    cause = getattr(error, "orig", None) or error
    text = " ".join(str(cause).split()) or type(cause).__name__
    return f"{type(cause).__name__}: {text}"


def _db_backup(settings: Settings, *, output: str | None) -> int:
    """A consistent copy of the SQLite database (online backup); PostgreSQL: pg_dump."""
    import datetime as dt

    from bot.store.backup import BackupError, backup

    try:
        done = _run(
            backup(
                settings.database_url,
                output=Path(output) if output else None,
                now=dt.datetime.now(dt.UTC),
            )
        )
    except BackupError as error:
        print(f"intbot db backup: {error}", file=sys.stderr)
        return 2
    print(f"{done.path} ({done.size} bytes)")
    return 0


# --- data (GDPR) ---------------------------------------------------------------------


def cmd_data(args: argparse.Namespace) -> int:
    """`data export USER` (JSON on stdout), `data erase USER`, `data purge [--years N]`."""
    import datetime as dt
    import getpass

    from bot.features.privacy import data_rights
    from bot.store.db import Database

    settings = _settings()
    actor = f"cli:{getpass.getuser()}"
    if args.action in ("export", "erase") and not args.user:
        print(f"intbot data {args.action}: give the user id, e.g. U123.", file=sys.stderr)
        return 2
    years: int | None = args.years or settings.retention_years
    if args.action == "purge" and not years:
        print("intbot data purge: set INTBOT_RETENTION_YEARS or give --years N.", file=sys.stderr)
        return 2

    async def run() -> int:
        db = Database.connect(settings.database_url)
        now = dt.datetime.now(dt.UTC)
        try:
            match args.action:
                case "export":
                    data = await data_rights.export_user(
                        db, user_id=args.user, actor=actor, now=now
                    )
                    print(json.dumps(data, ensure_ascii=False, indent=2))
                case "erase":
                    mentioned = await data_rights.mentions_of(db, args.user)
                    if mentioned and not (args.scrub_mentions or args.keep_mentions):
                        # Irreversible, and the name is needed to find them: decide first.
                        ids = ", ".join(f"#{n}" for n in mentioned)
                        print(
                            f"intbot data erase: others' entries name {args.user}: {ids}. "
                            "Review them (intbot data export), then erase with "
                            "--scrub-mentions or --keep-mentions. Nothing was changed.",
                            file=sys.stderr,
                        )
                        return 3
                    erased = await data_rights.erase_user(
                        db,
                        user_id=args.user,
                        actor=actor,
                        now=now,
                        scrub_mentions=args.scrub_mentions,
                    )
                    # Never the pseudonym: printed beside the id, it would be the very
                    # link back that the erasure removed from the database.
                    counts = ", ".join(f"{k} {v}" for k, v in erased.counts.items() if v)
                    print(f"erased {args.user}: {counts or 'nothing stored'}")
                case "purge":
                    assert years is not None
                    purge = await data_rights.purge_expired(db, years=years, now=now, actor=actor)
                    print(
                        f"cleared free text of {len(purge.contact_ids)} contacts dated before "
                        f"{purge.cutoff.isoformat()} ({purge.audit_entries} audit entries)"
                    )
        finally:
            await db.close()
        return 0

    return _run(run())


# --- serve ---------------------------------------------------------------------------

NOTHING_TO_SERVE = (
    "intbot serve: no surface is configured. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
    "(Slack over HTTP), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN with --socket-mode (Slack "
    "without a public URL), or MicrosoftAppId and MicrosoftAppPassword (Teams)."
)


def _teams_enabled(settings: Settings) -> bool:
    """Whether Teams' credentials (or its local anonymous mode) are set; botbuilder is
    imported only then. Raises `ValueError` when they are set but incomplete."""
    if not (settings.microsoft_app_id or settings.teams_allow_anonymous):
        return False
    from adapters.teams.routes import teams_enabled

    return teams_enabled(settings)


def default_host(settings: Settings, *, teams_on: bool) -> str:
    """Every interface, except when Teams runs without authentication (a local Emulator):
    then only this machine may reach the server unless `--host` says otherwise."""
    anonymous_teams = teams_on and not settings.microsoft_app_id
    return "127.0.0.1" if anonymous_teams else "0.0.0.0"


def cmd_serve(args: argparse.Namespace) -> int:
    """One aiohttp server for every configured surface: Slack (HTTP at /slack/events, or
    socket mode), Teams, and /healthz. Credentials come only from the environment."""
    import os

    from aiohttp import web

    from adapters.slack.app import missing_credentials, slack_requested

    settings = _settings()
    socket_mode: bool = args.socket_mode
    slack_on = slack_requested(settings, socket_mode=socket_mode)
    missing = missing_credentials(settings, socket_mode=socket_mode) if slack_on else []
    if missing:
        hint = "" if socket_mode else " (or use --socket-mode with SLACK_APP_TOKEN)"
        print(f"intbot serve: Slack needs {', '.join(missing)}{hint}.", file=sys.stderr)
        return 2
    try:
        teams_on = _teams_enabled(settings)
    except ValueError as error:
        print(f"intbot serve: {error}", file=sys.stderr)
        return 2
    if not slack_on and not teams_on:
        print(NOTHING_TO_SERVE, file=sys.stderr)
        return 2
    port: int = args.port or int(os.environ.get("PORT") or 3000)
    host: str = args.host or default_host(settings, teams_on=teams_on)

    async def build() -> web.Application:
        # Built inside the server's event loop (the socket-mode client binds to it).
        from adapters.slack.app import SlackSurface, create_slack_app
        from adapters.surface import Surface
        from adapters.web import add_notices, chain, create_app, freeze_startup_heap

        services = build_services(settings)
        bot = build_bot(services)
        surfaces: list[Surface] = []
        if teams_on:
            from adapters.teams.routes import TeamsSurface

            surfaces.append(TeamsSurface(bot=bot, services=services))
        if slack_on:
            slack = create_slack_app(
                bot=bot, services=services, settings=settings, socket_mode=socket_mode
            )
            token = settings.slack_app_token if socket_mode else None
            surfaces.append(SlackSurface(slack, app_token=token))
        app = create_app(services=services, surfaces=surfaces)
        notifier = chain([surface.notifier for surface in surfaces])  # Teams first
        if notifier is not None:
            add_notices(app, services=services, notifier=notifier)

        async def close_database(_: web.Application) -> None:
            await services.db.close()

        app.on_cleanup.append(close_database)
        freeze_startup_heap()
        labels = [surface.label for surface in surfaces]
        log.info("serving %s on %s port %d", ", ".join([*labels, "/healthz"]), host, port)
        return app

    # On SIGTERM: stop accepting, finish the turns in flight, then clean up. 25 s stays
    # inside the 30 s most platforms (Heroku, Kubernetes' default) allow before SIGKILL.
    web.run_app(build(), host=host, port=port, print=None, shutdown_timeout=25)
    return 0


# --- teams-package -------------------------------------------------------------------


def cmd_teams_package(args: argparse.Namespace) -> int:
    """Zip the Teams app manifest and icons, with the bot id from MicrosoftAppId."""

    from adapters.teams.package import PackageError, build_package

    settings = _settings()
    try:
        path = build_package(
            app_id=settings.microsoft_app_id,
            public_url=settings.public_url,
            output=Path(args.output),
        )
    except PackageError as error:
        print(f"intbot teams-package: {error}", file=sys.stderr)
        return 2
    print(f"{path}: upload it in Teams under Apps > Manage your apps > Upload an app.")
    return 0


# --- report and demo -----------------------------------------------------------------


async def _narrative(given: str | None, *, services: Services, slug: str) -> str | None:
    """The narrative given on the command line, else the one kept for the period."""
    from bot.store import narratives

    return given if given is not None else await narratives.load(services.db, slug)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the network's report for a period to a file, with progress on stderr."""

    from bot.features.report.formatting import format_int
    from bot.features.report.periods import PeriodError, ReversedPeriod, parse_period
    from bot.features.report.progress import StageProgress, stages_for
    from bot.features.report.service import build_report, filename_for, render_report
    from bot.features.report.texts import t
    from bot.kernel.calendar import local_now

    settings = _settings()
    lang = args.lang
    now = local_now(settings, dt_now())
    try:
        period = parse_period(args.period, today=now.date())
    except ReversedPeriod as error:
        print(t("report.reversed", lang, value=args.period, **error.values(lang)), file=sys.stderr)
        return 2
    except PeriodError:
        print(t("report.cli.bad_period", lang, value=args.period), file=sys.stderr)
        return 2
    output = args.output or filename_for(period, args.format)
    if output != "-" and (problem := _unwritable(Path(output))):
        # Said before the report is compiled, not after (a year's DOCX takes seconds).
        print(t("report.cli.bad_output", lang, path=output, problem=problem), file=sys.stderr)
        return 2
    given: str | None = None
    if args.narrative:
        try:
            with open(args.narrative, encoding="utf-8") as text:
                given = text.read().strip()
        except (OSError, UnicodeDecodeError) as error:
            problem = (
                t("report.cli.not_utf8", lang)
                if isinstance(error, UnicodeDecodeError)
                else error.strerror or str(error)
            )
            print(
                t("report.cli.bad_narrative", lang, path=args.narrative, problem=problem),
                file=sys.stderr,
            )
            return 2
    progress = StageProgress(stages_for(args.format), stream=sys.stderr, lang=lang)
    services = build_services(settings)

    async def run() -> bytes:
        try:
            progress("compile")
            report, labels = await build_report(
                db=services.db,
                settings=settings,
                index=services.index,
                period=period,
                language=lang,
                now=now,
            )
            narrative = await _narrative(given, services=services, slug=period.slug)
            rendered = await render_report(
                report, db=services.db, labels=labels, fmt=args.format, progress=progress,
                narrative=narrative,
            )  # fmt: skip
            return rendered.content
        finally:
            await services.db.close()

    content = _run(run())
    progress("write")
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            problem = error.strerror or type(error).__name__
            print(t("report.cli.bad_output", lang, path=output, problem=problem), file=sys.stderr)
            return 1
    progress.done(t("report.cli.written", lang, path=output, size=format_int(len(content), lang)))
    return 0


def _unwritable(path: Path) -> str | None:
    """Why `path` cannot be written as a file (the OS's own words), or None."""
    import errno
    import os

    if path.is_dir():
        return os.strerror(errno.EISDIR)
    folder = path.parent
    if not folder.is_dir():
        return os.strerror(errno.ENOENT) + f" ({folder})"
    if not os.access(folder, os.W_OK):
        return os.strerror(errno.EACCES) + f" ({folder})"
    return None


def cmd_demo(args: argparse.Namespace) -> int:
    """Migrate the database and fill it with a generated network (refuses a used one)."""
    from bot.features.report.demo import DemoRefused, fill_demo
    from bot.features.report.service import strategic_areas
    from bot.features.report.texts import t
    from bot.kernel.calendar import local_now
    from bot.store import migrate
    from bot.store.db import Database

    settings = _settings()
    municipality = args.municipality or settings.municipality or "Falun"
    if not settings.municipality:
        print(t("report.demo.no_municipality", "sv", municipality=municipality), file=sys.stderr)
    areas = [
        key
        for key, _ in strategic_areas(
            settings.model_copy(update={"municipality": municipality}),
            load_policy_index(settings),
        )
    ]
    migrate.upgrade(settings.database_url)
    today = local_now(settings, dt_now()).date()

    async def run() -> int:
        db = Database.connect(settings.database_url)
        try:
            done = await fill_demo(db, areas=areas, today=today, seed=args.seed, force=args.force)
        except DemoRefused as refused:
            print(t("report.demo.refused", "sv", what=refused), file=sys.stderr)
            return 1
        finally:
            await db.close()
        years = ", ".join(f"{year}: {n}" for year, n in sorted(done.contacts.items()))
        print(
            t(
                "report.demo.done",
                "sv",
                departments=done.departments,
                representatives=done.representatives,
                contacts=sum(done.contacts.values()),
                years=years,
            )
        )
        print(t("report.demo.next", "sv", year=today.year))
        return 0

    return _run(run())


def dt_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# --- parser --------------------------------------------------------------------------


def _retention_years(text: str) -> int:
    """`--years`: a whole number of years, at least one."""
    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years") from None
    if years < 1:
        raise argparse.ArgumentTypeError(f"{years}: retention must be at least one year")
    return years


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intbot",
        description="The international network's bot: policy answers, contact log, report.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer policy questions (one argument, or stdin lines)")
    ask.add_argument("question", nargs="*", help="the question; omit to read lines from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--municipality", help="default municipality for questions naming none")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="chat with the bot in the terminal")
    chat.add_argument("--as", dest="as_user", default="console", help="your user id")
    chat.set_defaults(func=cmd_chat)

    db = sub.add_parser("db", help="database migrations and backups")
    db.add_argument("action", choices=["upgrade", "downgrade", "backup"])
    db.add_argument("revision", nargs="?", help="target revision (default: head / base)")
    db.add_argument("--output", help="backup: the file to write (default: var/backups/...)")
    db.set_defaults(func=cmd_db)

    data = sub.add_parser("data", help="data rights: export or erase a person, purge old text")
    data.add_argument("action", choices=["export", "erase", "purge"])
    data.add_argument("user", nargs="?", help="the user id (export, erase)")
    data.add_argument(
        "--years", type=_retention_years, help="purge: retention in years (default: setting)"
    )
    data.add_argument(
        "--scrub-mentions",
        action="store_true",
        help="erase: also replace the person's name in others' entries that name them",
    )
    data.add_argument(
        "--keep-mentions",
        action="store_true",
        help="erase: leave others' entries that name the person as they are",
    )
    data.set_defaults(func=cmd_data)

    serve = sub.add_parser("serve", help="serve Slack and Teams (and /healthz) over HTTP")
    serve.add_argument("--port", type=int, help="port to listen on (default: $PORT or 3000)")
    serve.add_argument(
        "--host",
        help="address to bind (default: 0.0.0.0; 127.0.0.1 when Teams runs anonymously)",
    )
    serve.add_argument(
        "--socket-mode",
        action="store_true",
        help="connect to Slack over a WebSocket with SLACK_APP_TOKEN (no public URL needed)",
    )
    serve.set_defaults(func=cmd_serve)

    teams = sub.add_parser("teams-package", help="build the Teams app package (zip)")
    teams.add_argument("--output", default="intbot-teams.zip", help="the zip to write")
    teams.set_defaults(func=cmd_teams_package)

    report = sub.add_parser("report", help="write the network's report for a period")
    report.add_argument(
        "period", nargs="?", default="", help="2026, 2026-T1 or 2026-01-01..2026-06-30"
    )
    report.add_argument("--format", choices=["docx", "xlsx", "html", "csv", "md"], default="docx")
    report.add_argument(
        "--output", help="the file to write (default: rapport-PERIOD.FORMAT; - for stdout)"
    )
    report.add_argument("--lang", choices=["sv", "en"], default="sv", help="report language")
    report.add_argument(
        "--narrative",
        help="a text file with the coordinator's analysis, conclusions and proposals "
        "(default: the text kept with /rapport text PERIOD)",
    )
    report.set_defaults(func=cmd_report)

    demo = sub.add_parser("demo", help="fill the database with a generated network")
    demo.add_argument("--force", action="store_true", help="add the demo to a used database")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
    demo.add_argument("--municipality", help="whose policy areas to use (default: configured)")
    demo.set_defaults(func=cmd_demo)

    return parser


def _is_setup_error(error: ValueError) -> bool:
    """A setting or a policy text the operator must fix: one line, no traceback.
    (Imported here, not at the top, so that a command loads only what it uses.)"""
    from bot.kernel.question_settings import SettingsError
    from knowledge.documents import PolicyTextError

    return isinstance(error, SettingsError | PolicyTextError)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except ValueError as error:
        if not _is_setup_error(error):
            raise
        print(f"intbot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
