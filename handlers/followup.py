"""/followup, /theodoi [year]: who to remind in an edition — names for admins (as a file when
the list is long), counts per unit for organisers; officials are refused."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services.followup import follow_up
from bot.ui import files, followup_texts
from handlers.access import requires
from handlers.commands import command
from handlers.common import requested_year, send
from handlers.reports import pick_edition


@requires(Role.ORGANISER)
async def followup(update: Update, context: BotContext) -> None:
    """The lists of the edition asked for (default: as /stats, the running or coming one)."""
    t, chat, user = context.t, update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    ok, year = await requested_year(update, context, context.args)
    if not ok:
        return
    # The same edition /stats shows: before the week, the coming one once announced.
    edition, _ = pick_edition(context, year)
    if edition is None:
        years = [e.year for e in context.deps.editions.all]
        await send(update, followup_texts.no_edition(t, year or 0, years))
        return
    found = await follow_up(
        context.sessions,
        edition,
        context.clock.tz,
        user.id,
        context.deps.settings.admin_ids,
        context.clock.now(),
    )
    await send(update, followup_texts.follow_up(t, found))
    if followup_texts.as_file(found):
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
        data = await files.followup_file(t, found)
        name = files.followup_name(found.year)
        await chat.send_document(
            InputFile(data, filename=name), caption=followup_texts.caption(t, found)
        )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers, built fresh for each Application."""
    return [command("followup", followup)]
