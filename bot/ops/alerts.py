"""Unhandled errors reach people: admins in chat, at most once per kind per 10 minutes, and
Sentry when SENTRY_DSN is set — without the token, the webhook secret or personal data.

A kind is the exception type plus where it was raised (the innermost frame in our code).
The admin message names only those: an exception's text can carry a user's name or note,
or a URL with the token in it.
"""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import select

from bot.ui.texts import Vi
from db.models import User
from settings import Settings

if TYPE_CHECKING:
    from telegram import Bot

    from bot.context import BotContext, Deps

log = logging.getLogger(__name__)

ALERT_EVERY = timedelta(minutes=10)
ROOT = Path(__file__).resolve().parents[2]
OUR_DIRS = ("bot", "handlers", "db")
HIDDEN = "[hidden]"
# SQLAlchemy appends the statement's parameters (names, notes…) to its exceptions' text.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?(?=\n\(Background on this error|\Z)", re.S)


def error_kind(exc: BaseException) -> tuple[str, str]:
    """(exception type, location): the innermost frame in our code, else the innermost."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if _ours(f.filename)]
    if not frames:
        return type(exc).__name__, "?"
    frame = (ours or frames)[-1]
    path = Path(frame.filename)
    shown = path.resolve().relative_to(ROOT).as_posix() if _ours(frame.filename) else path.name
    return type(exc).__name__, f"{shown}:{frame.lineno} ({frame.name})"


def _ours(filename: str) -> bool:
    try:
        relative = Path(filename).resolve().relative_to(ROOT)
    except ValueError:
        return False
    return relative.parts[0] in OUR_DIRS if relative.parts else False


@dataclass
class _Seen:
    alerted_at: datetime
    quiet: int = 0  # occurrences since that alert, not reported yet


class ErrorAlerts:
    """Which kinds of error were reported to admins, and when."""

    def __init__(self, every: timedelta = ALERT_EVERY) -> None:
        self.every = every
        self._seen: dict[tuple[str, str], _Seen] = {}
        self.reachable: list[int] = []  # admins found in the database last time it answered

    def due(self, kind: tuple[str, str], now: datetime) -> int | None:
        """None if this kind was reported less than `every` ago (it is counted instead);
        otherwise how many times it happened unreported since the last report."""
        seen = self._seen.get(kind)
        if seen is not None and now - seen.alerted_at < self.every:
            seen.quiet += 1
            return None
        self._seen[kind] = _Seen(now)
        return seen.quiet if seen is not None else 0


def alert_text(kind: tuple[str, str], during: str, repeats: int, sentry: bool) -> str:
    """The admins' message: the kind and where, never the exception's own text."""
    t = Vi  # admins are known by id only: the bot's own language
    text = t.ALERT_ERROR.format(
        during=during,
        kind=html.escape(kind[0]),
        where=html.escape(kind[1]),
        sentry=t.ALERT_SENTRY if sentry else "",
        minutes=int(ALERT_EVERY.total_seconds() // 60),
    )
    return text + ("\n" + t.ALERT_REPEATED.format(count=repeats) if repeats else "")


async def report_error(context: BotContext) -> None:
    """Count an unhandled error (update or job) and tell the admins if it is due."""
    error = context.error
    if error is None:
        return
    job = context.job
    during = (
        Vi.ALERT_DURING_JOB.format(job=html.escape(str(job.name)))
        if job is not None
        else Vi.ALERT_DURING_UPDATE
    )
    await report(context.deps, context.bot, error, during)


async def report(deps: Deps, bot: Bot, error: BaseException, during: str) -> None:
    """Count an error and tell the admins if this kind is due (at most once per interval)."""
    deps.metrics.error(error)
    kind = error_kind(error)
    repeats = deps.alerts.due(kind, deps.clock.now())
    if repeats is None or not deps.settings.admin_ids:
        return
    text = alert_text(kind, during, repeats, sentry_active())
    for admin in await _reachable_admins(deps):
        try:
            await bot.send_message(admin, text)
        except Exception as exc:  # Telegram may be what failed; the log still has it
            log.warning("could not alert admin %s: %s", admin, type(exc).__name__)


async def _reachable_admins(deps: Deps) -> list[int]:
    """Admins the bot may write to: Telegram refuses chats with people who never wrote to the
    bot, so those with a user row. When the database is what failed, the last answer."""
    try:
        async with deps.sessions() as session:
            found = await session.scalars(
                select(User.telegram_id).where(
                    User.telegram_id.in_(deps.settings.admin_ids), User.is_active
                )
            )
            deps.alerts.reachable = sorted(found)
    except Exception as exc:
        log.warning("admins to alert: database unavailable (%s)", type(exc).__name__)
    return deps.alerts.reachable


# --- Sentry ---------------------------------------------------------------------------------
class Scrubber:
    """Replaces secrets wherever they appear in a Sentry event or breadcrumb."""

    def __init__(self, secrets: list[str]) -> None:
        variants: set[str] = set()
        for secret in filter(None, secrets):
            variants |= {secret, quote(secret, safe="")}
            _, _, tail = secret.partition(":")  # a token's secret half, seen alone
            if len(tail) >= 8:
                variants.add(tail)
        # Longest first, so a token is replaced whole rather than leaving its prefix.
        self._secrets = sorted(variants, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, HIDDEN)
        return _SQL_PARAMETERS.sub(f"[parameters: {HIDDEN}]", value)

    def scrub(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.scrub(k): self.scrub(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.scrub(v) for v in value)
        return value

    def before_send(self, event: Any, hint: Any) -> Any:
        return self.scrub(event)

    def before_breadcrumb(self, crumb: Any, hint: Any) -> Any:
        return self.scrub(crumb)


def secrets_of(settings: Settings) -> list[str]:
    found = [settings.telegram_bot_token, settings.webhook_secret, settings.sentry_dsn]
    return [s.get_secret_value() for s in found if s is not None]


def init_sentry(settings: Settings, transport: Callable[..., Any] | type | None = None) -> bool:
    """Send errors to Sentry when SENTRY_DSN is set; True if it was set up."""
    if settings.sentry_dsn is None:
        return False
    import sentry_sdk

    scrubber = Scrubber(secrets_of(settings))
    options: dict[str, Any] = {"transport": transport} if transport is not None else {}
    sentry_sdk.init(
        dsn=settings.sentry_dsn.get_secret_value(),
        environment=settings.sentry_environment,
        send_default_pii=False,  # no user ids, IPs, cookies or headers
        include_local_variables=False,  # frames' variables hold names, notes, tokens
        max_request_body_size="never",  # a webhook body is a user's message
        before_send=scrubber.before_send,
        before_breadcrumb=scrubber.before_breadcrumb,
        **options,
    )
    return True


def sentry_active() -> bool:
    import sentry_sdk

    return sentry_sdk.get_client().is_active()
