"""/report, /baocao [year]: the official results report of an edition (DOCX), admins only."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services import results_report as service
from bot.ui import files, report_texts
from handlers.access import requires
from handlers.commands import command
from handlers.reports import edition_asked


@requires(Role.ADMIN)
async def report(update: Update, context: BotContext) -> None:
    """The edition as /stats picks it; the document is Vietnamese, the caption the admin's."""
    t, chat, user = context.t, update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    edition, meant = await edition_asked(update, context, context.args)
    if edition is None:
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    head = service.letterhead(context.deps.settings)
    now, tz = context.clock.now(), context.clock.tz
    data = await service.report(context.sessions, edition, tz, head, user.id, now)
    docx = await files.report_file(data)
    caption = t.RESULTS_REPORT_CAPTION.format(year=edition.year, day=t.fmt_date(data.made_on))
    if meant is not None:
        caption = report_texts.other_edition(t, meant, edition.year) + "\n" + caption
    name = files.report_name(edition.year)
    await chat.send_document(InputFile(docx, filename=name), caption=caption)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers, built fresh for each Application."""
    return [command("report", report)]
