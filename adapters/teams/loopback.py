"""Anonymous Teams mode serves a local Emulator only: an activity's `serviceUrl` is
where botbuilder will POST the bot's replies, so it must be this machine.

The guard reads the URL the way the HTTP clients will (botbuilder's connector goes
through msrest and requests, i.e. urllib3's parser; aiohttp's yarl is checked too) and
is stricter than any of them: one spelling is accepted for each loopback host, so no
disagreement between parsers (`http://10.1.2.3\\@127.0.0.1/`, where `urlsplit` sees
127.0.0.1 and a WHATWG-style client connects to 10.1.2.3) can slip through:

- no '@' (userinfo), backslash, percent-escape, whitespace or control character in
  the URL (a serviceUrl needs none of them);
- the host is `localhost`, a canonical dotted quad in 127.0.0.0/8, or `[::1]`; decimal
  (2130706433), hex (0x7f.1), short (127.1), octal-looking (0127.0.0.1), IPv6-mapped
  (::ffff:127.0.0.1) and trailing-dot spellings are refused;
- the address connected to is what is compared: `localhost` is resolved and every
  address it gives must be loopback.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from typing import Final

import yarl
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

_ALLOWED: Final = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]!$&'()*+,;=]*")
_URL: Final = re.compile(
    r"(?P<scheme>https?)://(?P<host>localhost|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[::1\])"
    r"(?::(?P<port>[0-9]{1,5}))?(?P<rest>[/?#].*)?",
    re.IGNORECASE | re.DOTALL,
)


def loopback_host(url: str | None) -> str | None:
    """The host `url` will connect to if it is spelled as a loopback URL we accept
    (`localhost`, `127.x.y.z` or `::1`), else None. Syntax only: see `is_loopback_target`
    for what `localhost` resolves to."""
    if not url or not _ALLOWED.fullmatch(url):
        return None  # '@' (userinfo), backslash, '%', whitespace, control, non-ASCII
    match = _URL.fullmatch(url)
    if match is None:
        return None
    host = match["host"].lower()
    if host == "[::1]":
        host = "::1"
    elif host != "localhost":
        octets = host.split(".")
        if any(str(int(o)) != o or int(o) > 255 for o in octets) or octets[0] != "127":
            return None
    port = match["port"]
    if port is not None and not 0 < int(port) < 65536:
        return None
    # What the HTTP clients will connect to must be the same host: botbuilder's connector
    # sends through msrest and requests (urllib3's parser); aiohttp (yarl) is checked too.
    try:
        readings = {yarl.URL(url).host, parse_url(url).host}
    except (ValueError, LocationParseError):
        return None
    if readings != {host} and readings != {host, f"[{host}]"}:
        return None
    return host


def is_loopback_url(url: str | None) -> bool:
    """True when `url` is spelled as a loopback URL we accept (see `loopback_host`)."""
    return loopback_host(url) is not None


async def is_loopback_target(url: str | None) -> bool:
    """True when every address the client may connect to for `url` is loopback."""
    host = loopback_host(url)
    if host is None:
        return False
    if host != "localhost":
        return ipaddress.ip_address(host).is_loopback
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    addresses = {info[4][0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
