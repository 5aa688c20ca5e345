"""Split a policy's Markdown body into quotable passages that keep their section path.

A passage is what a person would want quoted: a paragraph; a short list together with the
sentence that leads into it; or, for a list of long items, each item with its lead-in.
The lines under the title before the first section (the document's own data: adopted
by, date, reference number) become one passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION_SEPARATOR = " › "
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")

# A list is quoted whole when it is this short; otherwise item by item.
GROUP_MAX_ITEMS = 8
GROUP_MAX_MEAN_CHARS = 100


@dataclass(frozen=True)
class Chunk:
    """One passage before indexing: its section path, the quoted text and its parts."""

    section: tuple[str, ...]
    text: str  # the quote as shown
    lead_in: str = ""  # the sentence leading into a list, part of `text`
    headings: tuple[str, ...] = ()  # section path below the title, for matching
    title: str = ""


@dataclass
class _Item:
    text: str
    children: list[_Item] = field(default_factory=list)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip() or _RULE.match(line):
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line.rstrip())
    if current:
        blocks.append(current)
    return blocks


def _is_list(block: list[str]) -> bool:
    return all(_ITEM.match(line) for line in block)


def _items(block: list[str]) -> list[_Item]:
    """A (possibly nested) list; nesting by indentation."""
    roots: list[_Item] = []
    stack: list[tuple[int, _Item]] = []
    for line in block:
        match = _ITEM.match(line)
        assert match is not None
        indent, text = len(match.group(1)), match.group(2).strip()
        item = _Item(text)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(item)
        stack.append((indent, item))
    return roots


def _leads_in(paragraph: str) -> bool:
    """A paragraph that introduces a list rather than stating something itself."""
    return not paragraph.rstrip().endswith((".", "!", "?", ")", "”", '"'))


def _list_chunks(
    items: list[_Item], lead_in: str, section: tuple[str, ...], headings: tuple[str, ...]
) -> list[Chunk]:
    chunks: list[Chunk] = []
    flat = [item for item in items if not item.children]
    nested = [item for item in items if item.children]
    if flat:
        mean = sum(len(item.text) for item in flat) / len(flat)
        prefix = f"{lead_in}\n" if lead_in else ""
        if len(flat) <= GROUP_MAX_ITEMS and mean <= GROUP_MAX_MEAN_CHARS:
            body = "\n".join(f"- {item.text}" for item in flat)
            chunks.append(Chunk(section, prefix + body, lead_in, headings))
        else:
            chunks.extend(
                Chunk(section, f"{prefix}- {item.text}", lead_in, headings) for item in flat
            )
    for parent in nested:
        # A parent item ("intern", "extern") heads its sub-list like a sub-section.
        sub = (*section, parent.text)
        chunks.extend(_list_chunks(parent.children, "", sub, (*headings, parent.text)))
    return chunks


def split_passages(body: str, *, title: str) -> list[Chunk]:
    """Passages of a Markdown body, in reading order."""
    path: list[tuple[int, str]] = []
    sections: list[tuple[tuple[str, ...], tuple[str, ...], list[str]]] = []
    lines: list[str] = []

    def flush() -> None:
        headings = tuple(text for level, text in path if level > 1)
        section = headings or (title,)
        sections.append((section, headings, lines.copy()))
        lines.clear()

    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading.group(2)))
        else:
            lines.append(line)
    flush()

    chunks: list[Chunk] = []
    for section, headings, section_lines in sections:
        blocks = _blocks(section_lines)
        if not blocks:
            continue
        if not headings:
            # The document's own data under the title: one passage, lines as written.
            text = "\n\n".join("\n".join(block) for block in blocks)
            chunks.append(Chunk(section, text, "", headings))
            continue
        pending: str | None = None  # a paragraph that may lead into a list
        for block in blocks:
            if _is_list(block):
                lead_in = pending if pending is not None and _leads_in(pending) else ""
                if pending is not None and not lead_in:
                    chunks.append(Chunk(section, pending, "", headings))
                pending = None
                chunks.extend(_list_chunks(_items(block), lead_in, section, headings))
                continue
            if pending is not None:
                chunks.append(Chunk(section, pending, "", headings))
            pending = "\n".join(block)
        if pending is not None:
            chunks.append(Chunk(section, pending, "", headings))
    return [Chunk(c.section, c.text, c.lead_in, c.headings, title) for c in chunks]
