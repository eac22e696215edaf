"""What the command line runs: polling, migrations and the stats report."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

import uvicorn
from telegram import Update

from bot.app import build_application, load_stored_editions, running
from bot.cli_editions import stored_editions
from bot.context import deps_of
from bot.core.clock import local_today, make_clock
from bot.ops import health
from bot.services import reports as report_service
from bot.services.reminders import Figures, delivery_figures
from bot.transport import instance_lock
from bot.ui import files
from bot.ui.texts import Vi
from db.migrate import migrated_sessions, upgrade
from settings import Settings


def run_polling(settings: Settings) -> None:
    """Durable polling (bot/transport/polling.py): the backlog is kept, nothing lost on a crash."""
    if settings.replicas > 1:
        # Telegram serves getUpdates to one consumer only.
        raise SystemExit("Invalid setting REPLICAS: several replicas need BOT_MODE=webhook")
    with instance_lock.hold(settings.database_url):  # one process per SQLite file
        asyncio.run(health.run_polling(build_application(settings, durable=True)))


def run_webhook(settings: Settings) -> None:
    """Webhook mode: register the URL with Telegram, serve the ASGI app (transport/webhook.py)."""
    with instance_lock.hold(settings.database_url):  # one process per SQLite file
        asyncio.run(_serve_webhook(settings))


async def _serve_webhook(settings: Settings) -> None:
    from bot.transport.webhook import PATH, make_asgi
    from bot.transport.webhook_server import server_config

    if not settings.webhook_url or settings.webhook_secret is None:
        raise SystemExit("Invalid setting WEBHOOK_URL/WEBHOOK_SECRET: both are needed for webhooks")
    secret = settings.webhook_secret.get_secret_value()
    app = build_application(settings, durable=True)
    # The signals are ours from the first moment: a SIGTERM during start-up (migrating,
    # loading the editions, setting the webhook) stops the bot cleanly instead of killing it.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with running(app):
        await app.bot.set_webhook(
            url=settings.webhook_url.rstrip("/") + PATH,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        config = server_config(
            make_asgi(app, secret), settings.webhook_listen, settings.webhook_port
        )
        server = _QuietServer(config)
        stopper = asyncio.create_task(_exit_on(stop, server))
        try:
            await server.serve()  # until SIGINT/SIGTERM; then the bot stops cleanly
        finally:
            stopper.cancel()


async def _exit_on(stop: asyncio.Event, server: _QuietServer) -> None:
    """Ask the server to exit once a signal came (before it started serving, or while)."""
    await stop.wait()
    server.request_exit()


class _QuietServer(uvicorn.Server):
    """uvicorn re-raises a captured SIGTERM after its shutdown, killing the process before the
    bot can stop; here the bot owns the signals and simply asks the server to exit."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    def request_exit(self) -> None:
        self.should_exit = True


async def db_upgrade(settings: Settings) -> None:
    async with migrated_sessions(settings.database_url):
        pass


async def stats(settings: Settings, year: int | None) -> dict[str, Any] | None:
    """The `stats` figures for `year` (default: as /stats, the running edition, else the
    coming one once announced, else the latest)."""
    editions = await stored_editions(settings)  # saved in chat or by `editions add` too
    if year is None:
        edition = editions.to_show(local_today(make_clock(settings.tz, settings.bot_clock_start)))
    else:
        found = editions.get(year)
        if found is None:
            return None
        edition = found
    async with migrated_sessions(settings.database_url) as sessions:
        result = await report_service.figures(sessions, edition, settings.tz)
    return result.as_json()


async def reminders(settings: Settings) -> list[dict[str, object]]:
    """Delivery figures per planned reminder, from the database the bot uses: the
    `reminders --json` rows (times in the bot's zone)."""
    app = build_application(settings)
    deps = deps_of(app)
    try:
        await upgrade(deps.engine)
        figures = await delivery_figures(deps.sessions)
    finally:
        await deps.engine.dispose()
    return [figures_json(f, deps.clock.tz) for f in figures]


def figures_json(f: Figures, tz: tzinfo) -> dict[str, object]:
    """One planned reminder's figures as a JSON object."""
    return {
        "key": f.key,
        "due": f.due.astimezone(tz).isoformat(),
        "sent": f.sent,
        "failed": f.failed,
        "skipped_late": f.skipped_late,
        "unknown": f.unknown,
        "pending": f.pending,
    }


async def export(settings: Settings, year: int | None, fmt: str) -> tuple[bytes, int] | None:
    """An edition's check-ins as a file (bytes, number of check-ins); None without edition."""
    app = build_application(settings)
    deps = deps_of(app)
    today = local_today(deps.clock)
    try:
        await upgrade(deps.engine)
        await load_stored_editions(deps)  # saved in chat or by `editions add` too
        edition = deps.editions.get(year) if year else deps.editions.to_show(today)
        if edition is None:
            return None
        tz = deps.clock.tz
        found = await report_service.export_data(deps.sessions, edition, tz)
        data = await files.export_file(
            Vi, fmt, edition, found.stats, found.rows, tz, deps.clock.now()
        )
        count = found.checkins
    finally:
        await deps.engine.dispose()
    return data, count


def reminders_text(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "Chưa có lời nhắc nào được lên lịch gửi."
    return "\n".join(
        f"{r['due']}  {r['key']}: gửi {r['sent']}, lỗi {r['failed']}, trễ {r['skipped_late']}, "
        f"không rõ {r['unknown']}, chờ {r['pending']}"
        for r in rows
    )


def stats_text(data: dict[str, Any]) -> str:
    """A plain-text rendering of the stats for a terminal; with a roster, headcounts and the
    rate over them."""
    roster = data.get("headcount") is not None
    basis = f"{data['headcount']} theo danh sách, " if roster else ""
    took_part = (
        f"{data['on_roster']}/{data['headcount']} trong danh sách tham gia"
        if roster
        else f"{data['participants']} tham gia"
    )
    lines = [
        f"Tuần lễ {data['year']}: {basis}{data['registered']} đã đăng ký, "
        f"{took_part} ({data['rate'] * 100:.1f}%), {data['checkins']} lượt, "
        f"{data['minutes']} phút",
        *(
            [
                "Tỷ lệ: người trong danh sách đã tham gia trên số cán bộ theo danh sách; "
                f"chưa đăng ký: {data['unregistered']}, ngoài danh sách: {data['off_roster']} "
                f"người tham gia, {data['registered_off_roster']} người đăng ký"
            ]
            if roster
            else []
        ),
        "",
        "Theo ngày:",
        *(
            f"  {d['date']}: {d['participants']} người, {d['checkins']} lượt, {d['minutes']} phút"
            for d in data["by_day"]
        ),
        "",
        "Theo đơn vị:",
        *(_unit_line(u) for u in data["by_unit"]),
    ]
    return "\n".join(lines)


def _unit_line(u: dict[str, Any]) -> str:
    if u.get("headcount") is None:
        return f"  {u['unit']}: {u['participants']}/{u['registered']} người, {u['minutes']} phút"
    line = f"  {u['unit']}: {u['on_roster']}/{u['headcount']} người, {u['minutes']} phút"
    line += f", chưa đăng ký {u['unregistered']}"
    if u["off_roster"]:
        line += f", ngoài danh sách {u['off_roster']}"
    return line
