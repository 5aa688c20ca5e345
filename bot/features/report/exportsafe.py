"""Exports are data, never code: the one place every renderer makes text safe for its format.

Free text in the report (partner names, descriptions, funding sources) is typed by users.
A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
leading tab or CR can hide one), so `=HYPERLINK(...)` or `=cmd|' /C calc'!A0` in a partner
name would run when the coordinator opens the export. OWASP's CSV-injection rule: such a
cell is written as text, in CSV by a leading apostrophe, in XLSX by the cell's data type.
Markdown quotes text too, so HTML and link syntax in it is escaped.

Numbers are not text: a real negative number stays a number in every format; only
strings are neutralised.
"""

from __future__ import annotations

import re
from typing import Any

# OWASP: the characters that make a spreadsheet read a cell as a formula or hide one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The same as a set, for the per-cell test of large exports (`text[:1] in RISKY_FIRST`).
RISKY_FIRST = frozenset(FORMULA_PREFIXES)

# Characters XML 1.0 cannot hold (python-docx and openpyxl would refuse or corrupt them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Markdown's inline syntax: escaped with a backslash so quoted text stays literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|~])")
# Block syntax only matters at the start of a line: a heading, list or quote marker.
_MD_BLOCK_START = re.compile(r"^(\d*)([.)#+\-=])")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def csv_text(text: str) -> str:
    """A CSV field that a spreadsheet shows as the text it is (OWASP: prefix `'`)."""
    return "'" + text if looks_like_formula(text) else text


def xml_text(text: str) -> str:
    """Text without the control characters XML 1.0 forbids (DOCX and XLSX are XML)."""
    return _XML_INVALID.sub("", text)


def xlsx_string(cell: Any, text: str) -> Any:
    """Put `text` into an openpyxl cell as a string, never a formula.

    openpyxl reads a value starting with `=` as a formula; setting the data type after
    the value stores it as text. `quotePrefix` also keeps Excel from turning the text
    into a formula when someone edits the cell and presses Enter.
    """
    cell.value = xml_text(text)
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def md_text(text: str) -> str:
    """Text quoted in Markdown: HTML is inert, link and emphasis syntax literal, and a
    table cell cannot be split by `|` or a line break."""
    plain = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    plain = _MD_SPECIAL.sub(r"\\\1", " ".join(plain.split()))
    return _MD_BLOCK_START.sub(r"\1\\\2", plain)
