"""Amounts of money as people write them: `45 000,50`, `45000.50`, `1,5 mkr`, `45k`,
`1.5 MSEK`, `2 miljoner kr`, `45 tkr`.

A scale word (k, tkr, tusen, m, mkr, miljoner, million, ...) multiplies the amount; the
`kr` in `mkr`/`tkr` and the code in `MSEK`/`kEUR` are left for the currency. Letters
stuck to the number that are neither a scale nor a currency (`2e5`, `45x`) make the text
no amount at all, so `2e5 SEK` is refused rather than stored as 2 SEK.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# 45000, 45 000, 45.000, 45 000,50, 45000.50
_NUMBER = re.compile(r"^(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:[,.](\d{1,2}))?(?!\d)")
_WORD = re.compile(r"([^\W\d_]+)\.?(?=[\s\d]|$)")
_THOUSAND, _MILLION, _BILLION = Decimal(10**3), Decimal(10**6), Decimal(10**9)
_SCALES = {
    "k": _THOUSAND, "t": _THOUSAND, "tusen": _THOUSAND, "thousand": _THOUSAND,
    "m": _MILLION, "mn": _MILLION, "milj": _MILLION, "miljon": _MILLION,
    "miljoner": _MILLION, "million": _MILLION, "millions": _MILLION,
    "md": _BILLION, "mdr": _BILLION, "miljard": _BILLION, "miljarder": _BILLION,
    "billion": _BILLION, "billions": _BILLION,
}  # fmt: skip
_SCALED_CURRENCY = re.compile(r"^(k|t|m|md)(kr|sek|eur|nok|dkk|usd|gbp)$", re.IGNORECASE)


def parse_amount(text: str, currency_words: frozenset[str]) -> tuple[Decimal, str] | None:
    """`45 000,50 SEK Erasmus+` -> (Decimal("45000.50"), "SEK Erasmus+"), `1,5 mkr EU` ->
    (Decimal("1500000.0"), "kr EU"); None if `text` does not start with an amount.
    `currency_words` (folded) may follow the number with no space (`45kr`, `100€`)."""
    text = text.strip()
    found = _NUMBER.match(text)
    if not found:
        return None
    whole = re.sub(r"[^\d]", "", found.group(1))
    try:
        amount = Decimal(f"{whole}.{found.group(2) or '0'}")
    except InvalidOperation:
        return None
    rest = text[found.end() :]
    attached = bool(rest) and not rest[0].isspace()
    word = _WORD.match(rest.lstrip())
    if word is None:
        if attached and not _starts_with_currency(rest, currency_words):
            return None
        return amount, rest.strip()
    token = word.group(1).casefold()
    after = rest.lstrip()[word.end() :].strip()
    if token in _SCALES:
        return amount * _SCALES[token], after
    scaled = _SCALED_CURRENCY.match(token)
    if scaled:
        scale = _SCALES[scaled.group(1).casefold()]
        return amount * scale, f"{scaled.group(2)} {after}".strip()
    if attached and token not in currency_words:
        return None
    return amount, rest.strip()


def _starts_with_currency(rest: str, currency_words: frozenset[str]) -> bool:
    return any(rest.casefold().startswith(word) for word in currency_words)
