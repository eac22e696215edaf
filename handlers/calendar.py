"""/calendar, /lich [year]: the week as a calendar file (.ics) for anyone, in private chats,
registered or not."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.editions import Edition
from bot.ui import files, render
from bot.ui.texts import Texts, Vi
from handlers.commands import command
from handlers.common import requested_year, send, today


def _caption(t: Texts, e: Edition) -> str:
    if e.opening_time is not None:
        opening = t.CAL_OPENING_AT.format(
            time=e.opening_time.strftime("%H:%M"), date=t.fmt_date(e.opening)
        )
    else:
        opening = t.CAL_OPENING_DAY.format(date=t.fmt_date(e.opening))
    return t.CAL_CAPTION.format(
        year=e.year, start=t.fmt_date(e.start), end=t.fmt_date(e.end), opening=opening
    )


async def calendar(update: Update, context: BotContext) -> None:
    """The edition /tuanle shows (the running one, else the next announced, else the latest
    known); with a year, that year's if known today, else a clear "not known"."""
    t, message = context.t, update.effective_message
    assert message is not None
    ok, year = await requested_year(update, context, context.args)
    if not ok:
        return
    day, editions = today(context), context.deps.editions
    if year is None:
        edition = editions.to_show(day)
    else:
        found = editions.lookup(year, day)
        if not found.exact:
            known = sorted(e.year for e in editions.known(day)) or [editions.latest.year]
            typed = (message.text or "/lich").split()[0].split("@")[0]
            example = render.echo(f"{typed} {known[-1]}")
            years = ", ".join(str(y) for y in known)
            await send(update, t.CAL_UNKNOWN_YEAR.format(year=year, years=years, example=example))
            return
        edition = found.edition
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    # The events in Vietnamese whatever the reader's language: the week's own words.
    data = await files.calendar_file(Vi, edition, context.deps.settings.tz, context.clock.now())
    name = files.calendar_name(edition.year)
    await chat.send_document(InputFile(data, filename=name), caption=_caption(t, edition))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers, built fresh for each Application."""
    return [command("calendar", calendar)]
