"""Local chat on standard input and output: the embedded default surface."""

from __future__ import annotations

import atexit
import contextlib
import re
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

from bot.kernel.i18n import Catalog
from bot.kernel.messages import (
    Answer,
    Error,
    Event,
    File,
    Form,
    FormErrors,
    Message,
    Pick,
    Reply,
    Text,
)

if TYPE_CHECKING:
    from bot.kernel.bot import Bot  # the chat loop's; rendering needs no database

WIDTH = 88
# The console's own words (Swedish, English).
CATALOG = Catalog(
    {
        "console.pick_hint": (
            "Svara med siffran för att se avsnittet.",
            "Answer with the number to see the passage.",
        ),
    }
)
t = CATALOG.t


def _wrap(text: str, indent: str = "") -> str:
    lines = []
    for line in text.splitlines() or [""]:
        lines.append(
            textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent)
            if line.strip()
            else indent.rstrip()
        )
    return "\n".join(lines)


def _render_answer(answer: Answer) -> str:
    parts = [answer.body]
    if answer.suggestions:
        parts += [f"  {n}. {s.label}" for n, s in enumerate(answer.suggestions, 1)]
        parts.append(t("console.pick_hint", answer.language))
    if answer.answered and answer.passages:
        top, *related = answer.passages
        parts.append(_wrap(top.text, "  > "))
        parts.append(f"{answer.citation_label}: {top.municipality}, {top.document}, {top.section}")
        if related:
            parts.append(f"{answer.related_label}:")
            parts.extend(_wrap(f"- {p.municipality}, {p.section}: {p.text}", "  ") for p in related)
    return "\n".join(parts)


def _render_form(form: Form) -> str:
    lines = [form.title]
    if form.intro:
        lines.append(_wrap(form.intro))
    for f in form.fields:
        mark = " *" if f.required else ""
        hint = f" ({f.hint})" if f.hint else ""
        lines.append(f"  {f.label}{mark}{hint}")
    return "\n".join(lines)


# What a reply may echo from its sender but a terminal must not obey: C0 controls but
# line feed and tab (ESC starts colour and cursor sequences), DEL, C1, and the bidi
# overrides and isolates that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(char: re.Match[str]) -> str:
    code = ord(char.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"  # ␀ ␛ ... or �


def render(reply: Reply) -> str:
    """A reply as console text: plain text, with what a terminal would obey made visible."""
    return _UNSAFE.sub(_shown, _render(reply))


def _render(reply: Reply) -> str:
    match reply:
        case Answer():
            return _render_answer(reply)
        case Text():
            return f"{reply.title}\n{_wrap(reply.body)}" if reply.title else _wrap(reply.body)
        case Form():
            return _render_form(reply)
        case FormErrors():
            return _wrap(reply.summary)
        case File():
            return f"[{reply.title}: {reply.filename}, {_size(reply)}]"
        case Error():
            return _wrap(reply.body)
    raise TypeError(f"unknown reply {reply!r}")


REPORTS_DIR = Path("var/reports")  # where the console writes the documents it announces
HISTORY_FILE = Path("var/console_history")


async def run_chat(
    bot: Bot,
    *,
    user: str,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    reports_dir: Path = REPORTS_DIR,
) -> None:
    """Read messages line by line and print the bot's replies until end of input. A
    document the bot sends is written to `reports_dir` and its path printed."""
    interactive = stdin.isatty() and stdin is sys.stdin
    offered: Answer | None = None  # the last answer, whose suggestions a number picks
    if interactive:
        _line_editing()
        print("intbot – skriv en fråga eller /hjalp (Ctrl-D avslutar).", file=stdout)
    while True:
        line = _read(stdin, interactive=interactive)
        if line is None:
            break
        text = line.strip()
        if not text:
            continue
        event: Event = _picked(offered, user=user, text=text) or Message(user=user, text=text)
        for reply in await bot.handle(event):
            if isinstance(reply, File):
                print(_saved(reply, reports_dir), file=stdout)
                continue
            print(render(reply), file=stdout)
            if isinstance(reply, Answer) and isinstance(event, Message):
                offered = reply  # a pick's passage keeps the list: another number works
        print(file=stdout, flush=True)


def _read(stdin: TextIO, *, interactive: bool) -> str | None:
    """The next line, None at the end of input. At a terminal through `input()`, so the
    arrow keys edit the line and walk the history (readline) instead of typing `^[[A`."""
    if not interactive:
        return stdin.readline() or None
    try:
        return input("> ")
    except EOFError:
        return None


def _line_editing() -> None:
    try:
        import readline
    except ImportError:  # not on every platform; plain input still works
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    atexit.register(_save_history, readline)


def _save_history(readline: ModuleType) -> None:
    with contextlib.suppress(OSError):
        HISTORY_FILE.parent.mkdir(parents=True, exist_ok=True)
        readline.set_history_length(1000)
        readline.write_history_file(HISTORY_FILE)


def _saved(file: File, folder: Path) -> str:
    """Write the document the bot sent and say where it is."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(file.filename).name  # never a path the sender chose
    path.write_bytes(file.content)
    return f"[{file.title}: {path} ({_size(file)})]"


def _size(file: File) -> str:
    """`172 905 byte` in Swedish (as `intbot report` says it), `172,905 bytes` in English."""
    if file.language == "en":
        return f"{len(file.content):,} bytes"
    return f"{len(file.content):,} byte".replace(",", "\u00a0")


def _picked(offered: Answer | None, *, user: str, text: str) -> Pick | None:
    """A number after a "menar du något av detta?" picks that suggestion."""
    if offered is None or not text.isdigit() or not 1 <= int(text) <= len(offered.suggestions):
        return None
    chosen = offered.suggestions[int(text) - 1]
    return Pick(
        user=user, question=offered.question, passage_id=chosen.passage_id,
        language=offered.language,
    )  # fmt: skip
