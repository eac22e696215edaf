"""/commendations, /khenthuong [year]: the commendation list of an edition as an XLSX, admins
only (it names people; checked at every use, logged in the audit trail)."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services import commendations as service
from bot.ui import files, report_texts
from bot.ui.texts import Vi
from handlers.access import requires
from handlers.commands import command
from handlers.reports import edition_asked


@requires(Role.ADMIN, refusal=lambda t: t.PERSONAL_DATA_ADMINS_ONLY)
async def commendations(update: Update, context: BotContext) -> None:
    """The edition asked for (or, like /thongke, the running, coming or latest one)."""
    t = context.t
    edition, meant = await edition_asked(update, context, context.args)
    if edition is None:
        return
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    now, tz = context.clock.now(), context.clock.tz
    bar = context.deps.closing.bar(edition)
    found = await service.for_admin(context.sessions, edition, tz, bar, now, user.id)
    # The list itself in Vietnamese whatever the admin reads: it becomes an official list.
    data = await files.commendations_file(Vi, found, tz)
    caption = t.CM_CAPTION.format(
        year=edition.year,
        people=t.fmt_number(len(found.people)),
        bar=files.bar_text(t, found),
        units=t.fmt_number(len(found.units)),
    )
    if meant is not None:
        caption = report_texts.other_edition(t, meant, edition.year) + "\n" + caption
    name = files.commendations_name(edition.year)
    await chat.send_document(InputFile(data, filename=name), caption=caption)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers, built fresh for each Application."""
    return [command("commendations", commendations)]
