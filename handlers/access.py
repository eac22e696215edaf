"""Role checks at the moment of use: every protected command and every button press."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core.roles import Role, role_of
from handlers.common import answer_button, send, texts_for


async def allowed(
    update: Update, context: BotContext, minimum: Role, refusal: str | None = None
) -> bool:
    """True if the sender holds `minimum` now; otherwise a short refusal, nothing else."""
    user = update.effective_user
    if user is not None:
        async with context.sessions() as session:
            role = await role_of(session, user.id, context.deps.settings.admin_ids)
        if role >= minimum:
            return True
    t = texts_for(update)
    # Name the role the tool needs: admins only, or organisers (and admins).
    text = refusal or (t.NOT_ALLOWED_ADMIN if minimum >= Role.ADMIN else t.NOT_ALLOWED)
    if update.callback_query is not None:
        await answer_button(update, text)
    else:
        await send(update, text)
    return False
