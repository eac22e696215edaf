"""`python -m bot units links [--json]`: every active unit's invite link (codes given to units
without one, audited), for a mail merge or a poster run without opening the chat."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING

from telegram.error import TelegramError

if TYPE_CHECKING:
    from settings import Settings

# The heavy imports (the database, the Telegram client) wait until the command runs, so that
# `python -m bot --help` and a settings error stay quick.


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    units = sub.add_parser("units", help="the managed units: invite links")
    units.add_argument("action", choices=["links"])
    units.add_argument("--json", action="store_true", help="print JSON")


async def bot_username(settings: Settings) -> str:
    """The bot's username from Telegram (getMe) when a token is set; offline, the fake
    Telegram's bot, which the offline console answers as."""
    from telegram import Bot

    from bot.offline.fake_telegram import BOT_USERNAME as OFFLINE_USERNAME

    if settings.telegram_bot_token is None:
        return OFFLINE_USERNAME
    token = settings.telegram_bot_token.get_secret_value()
    async with Bot(token, base_url=settings.telegram_api_base_url) as bot:
        me = await bot.get_me()
    return me.username or OFFLINE_USERNAME  # a bot always has one


async def links(settings: Settings) -> list[dict[str, str]]:
    """[{"unit", "code", "link"}] for every active unit, by name; the general link is not a
    unit's (it is https://t.me/<bot>?start=register)."""
    from bot.core.clock import make_clock
    from bot.services import invites
    from db.migrate import migrated_sessions

    username = await bot_username(settings)
    async with migrated_sessions(settings.database_url) as sessions:
        now = make_clock(settings.tz, settings.bot_clock_start).now()
        found = await invites.unit_invites(sessions, None, now)
    return [
        {"unit": u.unit, "code": u.code, "link": invites.link(username, u.payload)}
        for u in found.units
    ]


def table(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "No units yet (import the staff list, or wait for people to register)."
    width = max(len(r["unit"]) for r in rows)
    return "\n".join(f"{r['unit']:<{width}}  {r['link']}" for r in rows)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        rows = asyncio.run(links(settings))
    except TelegramError as exc:  # getMe refused: a wrong token, Telegram unreachable
        print(f"Cannot ask Telegram for the bot's username: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else table(rows))
    return 0
