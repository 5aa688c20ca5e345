"""`intbot teams-package`: the Teams app package (manifest.json, color.png, outline.png).

The manifest is a template in `manifest/`; the bot id and public address are filled in
at packaging time from the environment, and the two icons are drawn here by a small PNG
writer (no binary files in the repository, no imaging library needed).
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

Pixel = tuple[int, int, int, int]

COLOR_SIZE: Final = 192
OUTLINE_SIZE: Final = 32
ACCENT: Final[Pixel] = (0x1F, 0x5F, 0x8B, 0xFF)
WHITE: Final[Pixel] = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR: Final[Pixel] = (0, 0, 0, 0)
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class PackageError(ValueError):
    """The package cannot be built from the current settings; the text says why."""


# --- icons -------------------------------------------------------------------------


def png(*, size: int, pixel: Callable[[float, float], Pixel]) -> bytes:
    """A square RGBA PNG; `pixel(x, y)` gets coordinates in [-1, 1]."""
    rows = bytearray()
    for row in range(size):
        rows.append(0)  # filter: none
        y = (row + 0.5) / size * 2 - 1
        for col in range(size):
            rows.extend(pixel((col + 0.5) / size * 2 - 1, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _globe(x: float, y: float, *, scale: float, stroke: float) -> bool:
    """A globe line drawing: outer ring, equator, two parallels and a meridian."""
    x, y = x / scale, y / scale
    r = (x * x + y * y) ** 0.5
    if r > 1 + stroke:
        return False
    on_ring = abs(r - 1) <= stroke
    on_parallel = any(abs(y - level) <= stroke * 0.8 for level in (-0.5, 0.0, 0.5))
    on_meridian = abs(abs(x) - 0.45 * (1 - y * y) ** 0.5) <= stroke * 0.8 or abs(x) <= stroke * 0.8
    return on_ring or (r < 1 and (on_parallel or on_meridian))


def color_icon() -> bytes:
    """192x192, full colour: a white globe on the accent colour."""
    return png(
        size=COLOR_SIZE,
        pixel=lambda x, y: WHITE if _globe(x, y, scale=0.68, stroke=0.06) else ACCENT,
    )


def outline_icon() -> bytes:
    """32x32, white on transparent, as Teams requires."""
    return png(
        size=OUTLINE_SIZE,
        pixel=lambda x, y: WHITE if _globe(x, y, scale=0.8, stroke=0.09) else CLEAR,
    )


# --- manifest ----------------------------------------------------------------------


def manifest_template() -> str:
    return (resources.files("adapters.teams") / "manifest" / "manifest.json").read_text("utf-8")


def render_manifest(*, app_id: str | None, public_url: str | None) -> str:
    if not app_id:
        raise PackageError(
            "MicrosoftAppId is not set: the Teams package needs the Azure Bot's app id. "
            "Set MicrosoftAppId (and INTBOT_PUBLIC_URL) and run intbot teams-package again."
        )
    if not _GUID.match(app_id):
        raise PackageError(f"MicrosoftAppId {app_id!r} is not a GUID (see the Azure Bot).")
    if not public_url:
        raise PackageError(
            "INTBOT_PUBLIC_URL is not set: the package names the server's https address."
        )
    parts = urlsplit(public_url)
    if parts.scheme != "https" or not parts.hostname:
        raise PackageError(f"INTBOT_PUBLIC_URL must be an https URL, not {public_url!r}.")
    values = {
        "{{BOT_ID}}": app_id,
        "{{PUBLIC_URL}}": public_url.rstrip("/"),
        "{{PUBLIC_HOST}}": parts.hostname,
    }
    text = manifest_template()
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    json.loads(text)  # the template stays valid JSON after filling in
    return text


def build_package(*, app_id: str | None, public_url: str | None, output: Path) -> Path:
    """Write the zip Teams accepts under 'Upload a custom app'; returns its path."""
    manifest = render_manifest(app_id=app_id, public_url=public_url)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return output
