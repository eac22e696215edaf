"""The real bot process in polling mode with METRICS_PORT: /metrics, /healthz and the
container's `python -m bot healthcheck`, against the HTTP fake Telegram."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from bench.fake_process import bot_env, free_port
from bot.offline.fake_updates import FakeUser, UpdateFactory
from tests.transport.test_durability import telegram  # noqa: F401  (the HTTP fake Telegram fixture)

ROOT = Path(__file__).resolve().parents[2]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def samples(exposition: str) -> dict[str, float]:
    return {
        s.name: s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
        if not s.labels
    }


def healthcheck(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "healthcheck"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_polling_process_serves_metrics_and_healthz(tmp_path: Path, telegram) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    server, _ = telegram
    port = free_port()
    env = bot_env(
        server.base_url,
        TELEGRAM_BOT_TOKEN="123456:ops-metrics",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        METRICS_PORT=str(port),
        DISPATCH_INTERVAL_SECONDS="0",
        TELEGRAM_CHAT_RATE="1000",
        LOG_LEVEL="WARNING",
    )
    assert healthcheck(tmp_path, env).returncode == 1  # nothing listens yet
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        status = 0
        for _ in range(150):  # start-up: imports, migrations, the first getUpdates
            try:
                status, _ = get(f"{base}/healthz")
            except OSError:
                status = 0
            if status == 200 or process.poll() is not None:
                break
            time.sleep(0.2)
        assert status == 200
        user = FakeUser(4343, "Polling")
        server.push(UpdateFactory(server.telegram).message(user, "chủ đề năm nay là gì"))
        figures: dict[str, float] = {}
        for _ in range(100):
            figures = samples(get(f"{base}/metrics")[1])
            if (
                figures.get("bot_update_handling_seconds_count")
                and not figures["bot_inbox_backlog"]
            ):
                break
            time.sleep(0.1)
        checked = healthcheck(tmp_path, env)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()[-2000:]
    assert "Xây dựng năng lực tự học" in server.telegram.sent(user.id)[-1].text
    assert figures["bot_update_handling_seconds_count"] == 1
    assert figures["bot_inbox_backlog"] == 0 and figures["bot_database_up"] == 1
    assert checked.returncode == 0 and json.loads(checked.stdout) == {"ok": True}


def test_healthcheck_says_where_health_is_served(tmp_path: Path) -> None:
    env = bot_env("http://127.0.0.1:9/bot", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/b.db")
    env.pop("METRICS_PORT", None)
    result = healthcheck(tmp_path, env)
    assert result.returncode == 2 and "METRICS_PORT" in result.stderr
