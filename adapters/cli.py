"""`intbot`: the command line, and the composition root that wires the parts together.

Heavy modules are imported inside each sub-command so `intbot ask` starts fast.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.conversation import Services
    from knowledge.index import PolicyIndex

log = logging.getLogger("intbot")


def load_policy_index(settings: Settings) -> PolicyIndex:
    from knowledge.index import load_index

    return load_index(settings.texts_dir)


def build_services(settings: Settings) -> Services:
    """Everything a turn needs: the policy index and the database."""
    from bot.conversation import Services
    from bot.store.db import Database

    return Services(
        settings=settings,
        index=load_policy_index(settings),
        db=Database.connect(settings.database_url),
    )


def _settings() -> Settings:
    from bot.config import load_settings

    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
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
    settings = _settings()
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
            }
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            from adapters.console import render
            from bot.questions import to_answer

            print(render(to_answer(result)), end="\n\n", flush=True)

    if args.question:
        answer(" ".join(args.question))
    else:
        for line in sys.stdin:
            answer(line.strip())
    return 0


# --- chat ----------------------------------------------------------------------------


def cmd_chat(args: argparse.Namespace) -> int:
    from adapters.console import run_chat
    from bot.conversation import Bot

    settings = _settings()
    services = build_services(settings)

    async def main() -> None:
        try:
            await run_chat(Bot(services), user=args.as_user)
        finally:
            await services.db.close()

    asyncio.run(main())
    return 0


# --- db ------------------------------------------------------------------------------


def cmd_db(args: argparse.Namespace) -> int:
    from bot.store import migrate

    settings = _settings()
    match args.action:
        case "upgrade":
            migrate.upgrade(settings.database_url, revision=args.revision or "head")
        case "downgrade":
            migrate.downgrade(settings.database_url, revision=args.revision or "base")
    return 0


# --- parser --------------------------------------------------------------------------


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

    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", help="target revision (default: head / base)")
    db.set_defaults(func=cmd_db)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
