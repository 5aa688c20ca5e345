"""Local chat on standard input and output: the embedded default surface."""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from bot.kernel.messages import Answer, Error, File, Form, FormErrors, Message, Reply, Text

if TYPE_CHECKING:
    from bot.kernel.bot import Bot  # the chat loop's; rendering needs no database

WIDTH = 88


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


def render(reply: Reply) -> str:
    """A reply as console text (plain text needs no escaping here)."""
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
            return f"[{reply.title}: {reply.filename}, {len(reply.content)} bytes]"
        case Error():
            return _wrap(reply.body)
    raise TypeError(f"unknown reply {reply!r}")


async def run_chat(
    bot: Bot, *, user: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> None:
    """Read messages line by line and print the bot's replies until end of input."""
    interactive = stdin.isatty()
    if interactive:
        print("intbot – skriv en fråga eller /hjalp (Ctrl-D avslutar).", file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        for reply in await bot.handle(Message(user=user, text=text)):
            print(render(reply), file=stdout)
        print(file=stdout, flush=True)
