"""The HTTP fake Telegram (bench/fake_telegram_http.py) as its own process, and the driver's
side door into it; plus CPU and memory readings of a process (Linux /proc)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
WAIT_LIMIT = 600.0  # seconds a phase may take before the run is declared stuck


class Fake:
    """The fake Telegram process and the driver's side door into it."""

    def __init__(self, port: int) -> None:
        self.base_url = f"http://127.0.0.1:{port}/bot"
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{port}/control", timeout=60)

    def push(self, updates: list[dict[str, Any]]) -> None:
        self.http.post("/push", json=updates).raise_for_status()

    def stats(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.http.get("/stats").json()
        return answer

    def reset(self) -> None:
        self.http.post("/reset").raise_for_status()

    def add_chats(self, chats: list[int]) -> None:
        """Chats that talked to the bot (the fake, like Telegram, refuses the others)."""
        self.http.post("/chats", json=chats).raise_for_status()

    def wait_for(self, sent: int, process: subprocess.Popen[bytes] | None) -> dict[str, Any]:
        """Until the fake has accepted `sent` messages; stops early if the bot's process died."""
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            # Polling the full stats (every latency) would load the fake during the burst.
            if self.http.get("/count").json()["sent"] >= sent:
                return self.stats()
            if process is not None and process.poll() is not None:
                raise SystemExit(f"the bot under test exited with {process.returncode}")
            time.sleep(0.05)
        raise SystemExit(f"stuck: {self.stats()['sent']} of {sent} replies after {WAIT_LIMIT} s")


@contextmanager
def fake_telegram(limit: float) -> Iterator[Fake]:
    """The fake on 127.0.0.1, answering 429 above `limit` messages per second."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.fake_telegram_http", "--limit", str(limit)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        yield Fake(int(process.stdout.readline()))
    finally:
        process.terminate()
        process.wait(10)


def bot_env(base_url: str, **settings: str) -> dict[str, str]:
    """The environment of a bot process talking to the fake: this environment minus its own
    TELEGRAM_* and BOT_* settings, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(TELEGRAM_API_BASE_URL=base_url, PYTHONPATH=str(ROOT), **settings)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """Current and peak resident memory of a process, in MB (Linux /proc)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
