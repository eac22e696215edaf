"""The typed context every handler receives: long-lived services hang off `context.deps`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.core.clock import Clock
from bot.core.editions import EditionBook
from bot.core.matcher import Matcher
from bot.core.schedule import Closing, ReminderData
from bot.delivery.state import DeliveryState
from bot.ops.alerts import ErrorAlerts
from bot.ops.metrics import Metrics
from bot.ui.texts import Texts, for_language
from settings import Settings

DEPS_KEY = "deps"


@dataclass(frozen=True, slots=True)
class Deps:
    """Objects built once in build_application and shared by all updates and jobs."""

    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    editions: EditionBook  # live: replaced when an edition is saved (bot/services/editions.py)
    matcher: Matcher
    reminders: ReminderData
    metrics: Metrics = field(default_factory=Metrics)  # one registry per app (bot/ops/metrics.py)
    alerts: ErrorAlerts = field(default_factory=ErrorAlerts)  # errors told to admins
    delivery: DeliveryState = field(default_factory=DeliveryState)

    @property
    def closing(self) -> Closing:
        """Who the week's closing messages reach, by the settings read now."""
        s = self.settings
        return Closing(s.cert_min_days, s.cert_min_minutes, s.admin_ids)


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """CallbackContext with typed access to the app's services and the reader's texts."""

    _language: str | None = None  # jobs have no reader: Vietnamese

    @classmethod
    def from_update(cls, update: object, application: Any) -> BotContext:
        """The context PTB builds per update, with the sender's Telegram language kept."""
        context = super().from_update(update, application)
        user = update.effective_user if isinstance(update, Update) else None
        context._language = user.language_code if user else None
        return context

    @property
    def t(self) -> Texts:
        """The texts in the reader's language (Vietnamese unless Telegram says English)."""
        return for_language(self._language)

    @property
    def deps(self) -> Deps:
        return cast(Deps, self.bot_data[DEPS_KEY])

    @property
    def clock(self) -> Clock:
        return self.deps.clock

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.deps.sessions


BotApp = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[str, Any], Any]


def deps_of(app: BotApp) -> Deps:
    return cast(Deps, app.bot_data[DEPS_KEY])
