"""Issue 11's delivery probes: the real bot process, driven like an organiser would, against
the HTTP fake Telegram on 127.0.0.1.

    .venv/bin/python -m bench.delivery_probe kill       # kill -9 during a broadcast, restart
    .venv/bin/python -m bench.delivery_probe timeouts   # Telegram silent for a minute

`kill`: N recipients, the bot killed with SIGKILL `--kill-after` seconds after the first
message of the broadcast reached Telegram, then started again: how many are reached within
`--window` seconds of the restart, how many ever (within `--horizon`), how many never, and
whether anyone got it twice. `timeouts`: every request of the broadcast hangs for
`--outage` seconds (Telegram unreachable: nothing delivered, PTB times out after 5 s): how
many end `unknown`, then the organiser's "resend to those in doubt" and what it reaches.
`--root` runs the bot from another checkout (to measure the code before a fix). Settings
are the defaults (25 messages/s, a dispatcher tick every 10 s).
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.fake_process import ROOT, bot_env
from bench.fake_telegram_http import HttpFakeTelegram
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser, UpdateFactory

ORG = FakeUser(880_000, "Tổ chức", "vi", "to_chuc")  # an admin (ADMIN_IDS), not a recipient
TEXT = "Thông báo thử nghiệm đợt một"
FIRST = 600_000


class Probe:
    def __init__(self, root: Path, tmp: Path, recipients: int) -> None:
        self.root, self.tmp = root, tmp
        self.users = [FakeUser(FIRST + i, f"U{i}") for i in range(recipients)]
        self.ids = {u.id for u in self.users}
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.fake = HttpFakeTelegram(limit=30)
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(10)
        self.telegram = self.fake.telegram
        self.factory = UpdateFactory(self.telegram)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        env = bot_env(
            self.fake.base_url,
            TELEGRAM_BOT_TOKEN="123456:probe",
            DATABASE_URL=f"sqlite+aiosqlite:///{self.tmp / 'bot.db'}",
            ADMIN_IDS=str(ORG.id),
            LOG_LEVEL="WARNING",
        )
        env["PYTHONPATH"] = str(self.root)
        with (self.tmp / "bot.log").open("ab") as log:  # the child keeps its own descriptor
            command = [sys.executable, "-m", "bot"]
            self.process = subprocess.Popen(
                command, cwd=self.tmp, env=env, stdout=subprocess.DEVNULL, stderr=log
            )
        return time.monotonic()

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(60)
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(10)

    def copies(self) -> Counter[int]:
        """How many copies of the broadcast each recipient got."""
        return Counter(
            m.chat_id
            for m in list(self.telegram.messages.values())
            if m.chat_id in self.ids and m.text == TEXT
        )

    def statuses(self) -> dict[str, int]:
        with sqlite3.connect(self.tmp / "bot.db") as con:
            rows = con.execute(
                "SELECT status, COUNT(*) FROM outbox WHERE kind = 'broadcast' GROUP BY status"
            ).fetchall()
        return {str(s): int(n) for s, n in rows}

    def settled(self) -> bool:
        s = self.statuses()
        return bool(s) and s.get("pending", 0) + s.get("sending", 0) == 0

    def button(self, prefix: str, user: FakeUser = ORG) -> tuple[SentMessage, str]:
        for message in reversed(list(self.telegram.sent(user.id))):
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                for b in row:
                    if str(b.get("callback_data", "")).startswith(prefix):
                        return message, str(b["callback_data"])
        raise LookupError(prefix)

    def press(self, prefix: str) -> None:
        wait_for(lambda: self._has(prefix), 60, f"button {prefix}")
        message, data = self.button(prefix)
        self.fake.push(self.factory.press(ORG, message, data))

    def _has(self, prefix: str, user: FakeUser = ORG) -> bool:
        try:
            self.button(prefix, user)
        except LookupError:
            return False
        return True

    def say(self, user: FakeUser, text: str) -> None:
        self.fake.push(self.factory.message(user, text))

    def prepare_broadcast(self) -> None:
        """Registrations, then the organiser composes the broadcast and presses Send now."""
        for i, user in enumerate(self.users):
            self.say(user, f"/hoso Cán bộ {i} | Phòng {i % 5}")
        for user in self.users:  # each agrees to the data notice, as registration asks
            wait_for(lambda u=user: self._has("consent:yes", u), 60, "the consent question")
            message, data = self.button("consent:yes", user)
            self.fake.push(self.factory.press(user, message, data))
        saved = lambda: sum("Đã lưu hồ sơ" in m.text for m in self.telegram.sent())  # noqa: E731
        wait_for(lambda: saved() >= len(self.users), 180, "registrations")
        self.say(ORG, "/thongbao")
        wait_for(
            lambda: any("Soạn thông báo" in m.text for m in self.telegram.sent(ORG.id)),
            30,
            "compose",
        )
        self.say(ORG, TEXT)
        self.press("bc:aud:")
        wait_for(lambda: self._has("bc:send:"), 60, "preview")
        self.press("bc:send:")


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"stuck waiting for {what}")
        time.sleep(0.1)


def kill_probe(
    root: Path,
    recipients: int,
    kill_after: float,
    window: float,
    horizon: float,
    *,
    early: bool = False,
) -> dict[str, Any]:
    """`early`: stop watching as soon as the broadcast has settled (tests)."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Probe(root, Path(tmp), recipients)
        try:
            probe.start()
            probe.prepare_broadcast()
            wait_for(lambda: bool(probe.copies()), 60, "the first message")
            time.sleep(kill_after)
            probe.kill()
            before = len(probe.copies())
            at_kill = probe.statuses()
            restarted = probe.start()
            reached, last_new = before, 0.0
            while time.monotonic() - restarted < window and not (early and probe.settled()):
                time.sleep(0.2)
                if len(probe.copies()) > reached:
                    reached, last_new = len(probe.copies()), time.monotonic() - restarted
            in_window = len(probe.copies())
            while time.monotonic() - restarted < horizon and not probe.settled():
                time.sleep(0.5)
            copies = probe.copies()
            final = probe.statuses()
        finally:
            probe.stop()
    return {
        "recipients": recipients,
        "reached_before_kill": before,
        "rows_at_kill": at_kill,
        f"reached_{window:g}s_after_restart": in_window,
        "last_reached_s_after_restart": round(last_new, 1),
        "reached_ever": len(copies),
        "never": recipients - len(copies),
        "twice": sum(n > 1 for n in copies.values()),
        "final_rows": final,
    }


def timeout_probe(root: Path, recipients: int, outage: float, horizon: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Probe(root, Path(tmp), recipients)
        began: list[float] = []

        def fault(method: str, params: dict[str, Any]) -> str | None:
            if method != "sendMessage" or int(params.get("chat_id", 0)) not in probe.ids:
                return None
            if params.get("text") != TEXT:
                return None
            began.append(began[0] if began else time.monotonic())
            return "hang" if time.monotonic() - began[0] < outage else None

        probe.fake.fault = fault
        try:
            probe.start()
            probe.prepare_broadcast()
            wait_for(lambda: bool(began), 60, "the broadcast")
            wait_for(
                lambda: time.monotonic() - began[0] > outage and probe.settled(),
                horizon,
                "the end of the broadcast",
            )
            after = probe.statuses()
            reached = len(probe.copies())
            deadline = time.monotonic() + 30  # the final report comes with the next refresh
            while not probe._has("bc:redo:") and time.monotonic() < deadline:
                time.sleep(0.2)
            resend: dict[str, Any] = {"available": probe._has("bc:redo:")}
            if resend["available"]:
                probe.press("bc:redo:")
                probe.press("bc:redook:")
                wait_for(
                    lambda: (
                        probe.statuses().get("unknown", 0) < after.get("unknown", 0)
                        and probe.settled()
                    ),
                    horizon,
                    "the resend",
                )
                copies = probe.copies()
                resend.update(
                    reached_ever=len(copies),
                    twice=sum(n > 1 for n in copies.values()),
                    final_rows=probe.statuses(),
                )
        finally:
            probe.stop()
    return {
        "recipients": recipients,
        "outage_s": outage,
        "rows_after_outage": after,
        "reached_after_outage": reached,
        "resend": resend,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("probe", choices=["kill", "timeouts"])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--recipients", type=int)
    parser.add_argument("--kill-after", type=float, default=3.5)
    parser.add_argument("--window", type=float, default=90.0)
    parser.add_argument("--outage", type=float, default=60.0)
    parser.add_argument("--horizon", type=float, default=200.0)
    args = parser.parse_args()
    if args.probe == "kill":
        result = kill_probe(
            args.root.resolve(), args.recipients or 240, args.kill_after, args.window, args.horizon
        )
    else:
        result = timeout_probe(
            args.root.resolve(), args.recipients or 301, args.outage, args.horizon
        )
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
