"""Issue 13 §3: in anonymous mode no activity makes the bot connect anywhere but this
machine, tried for real in a network namespace the test makes (`unshare -rn`) with a
test address on its own loopback (see tests/teams_ssrf_probe.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _namespace_reason() -> str | None:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "needs unshare and ip (util-linux, iproute2)"
    probe = subprocess.run(
        ["unshare", "-rn", "ip", "link", "set", "lo", "up"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"cannot make a network namespace here: {probe.stderr.strip()[:200]}"
    return None


def test_no_service_url_reaches_an_address_off_loopback() -> None:
    reason = _namespace_reason()
    if reason is not None:
        pytest.skip(reason)
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "tests.teams_ssrf_probe"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["reachable"], "the test address must be reachable for the test to mean anything"
    statuses: dict[str, int] = result["statuses"]
    control = ["http://127.0.0.1:18080/"]  # the probe's loopback URL: served
    assert [statuses[url] for url in control] == [201]
    refused = {url: status for url, status in statuses.items() if url not in control}
    assert set(refused.values()) == {401}, refused
    assert result["internal"] == [], "a reply reached 10.1.2.3"
    assert len(result["loopback"]) == 1  # only the control's reply
    assert "Traceback" not in done.stderr, done.stderr
