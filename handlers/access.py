"""Role checks at the moment of use: every protected command and every button press."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update

from bot.context import BotContext
from bot.core.roles import Role
from bot.services.access import current_role
from bot.ui.texts import Texts
from handlers.common import answer_button, send

R = TypeVar("R")
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, R]]


async def allowed(
    update: Update, context: BotContext, minimum: Role, refusal: str | None = None
) -> bool:
    """True if the sender holds `minimum` now; otherwise a short refusal, nothing else."""
    user = update.effective_user
    if user is not None:
        role = await current_role(context.sessions, user.id, context.deps.settings.admin_ids)
        if role >= minimum:
            return True
    t = context.t
    # Name the role the tool needs: admins only, or organisers (and admins).
    text = refusal or (t.NOT_ALLOWED_ADMIN if minimum >= Role.ADMIN else t.NOT_ALLOWED)
    if update.callback_query is not None:
        await answer_button(update, text)
    else:
        await send(update, text)
    return False


def requires(
    minimum: Role, refusal: Callable[[Texts], str] | None = None
) -> Callable[[Handler[R]], Handler[R | None]]:
    """Run the handler only if the sender holds `minimum` at this moment (commands and
    buttons alike); otherwise answer with a refusal and return None (a conversation that
    was not entered stays closed)."""

    def wrap(callback: Handler[R]) -> Handler[R | None]:
        @functools.wraps(callback)
        async def checked(update: Update, context: BotContext) -> R | None:
            text = refusal(context.t) if refusal is not None else None
            if not await allowed(update, context, minimum, text):
                return None
            return await callback(update, context)

        return checked

    return wrap
