"""Small helpers shared by the handler modules: language, replies, identity of the sender."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date, datetime
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ConversationHandler
from telegram.warnings import PTBUserWarning

from bot.context import BotContext
from bot.core.clock import local_today
from bot.core.inputs import InputError
from bot.core.numbers import parse_year_args
from bot.services.profile import Contact
from bot.ui import render
from bot.ui.texts import Texts
from bot.ui.tg_html import split_html


def today(context: BotContext) -> date:
    return local_today(context.clock)


def contact_of(update: Update) -> Contact:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None  # handlers are filtered to user updates
    return Contact(user.id, chat.id, user.username, user.language_code)


def sent_at(update: Update, context: BotContext) -> datetime:
    """When the person sent this update, in the bot's time zone.

    A new message carries Telegram's own `date`: one sent at 23:59 and handled after midnight
    (the bot was down, a backlog) belongs to the day it was sent. A server clock behind
    Telegram's would put that date in the future; it is never later than now. A button press
    has no date of its own (its message's date is when the bot sent the buttons): now.
    """
    now = context.clock.now()
    message = update.message
    if message is None or message.date is None:
        return now
    return min(message.date, now).astimezone(context.clock.tz)


def source_of(update: Update) -> str:
    """A key naming the Telegram update that asked for a write (idempotency)."""
    if update.callback_query is not None:
        return f"cbq:{update.callback_query.id}"
    message = update.effective_message
    assert message is not None
    return f"msg:{message.chat_id}:{message.message_id}"


async def requested_year(
    update: Update, context: BotContext, args: list[str] | None
) -> tuple[bool, int | None]:
    """The year a command's argument names: "/theme 2021" or "/chude năm 2021" -> (True, 2021);
    no argument -> (True, None), the current edition. Anything else ("²⁰²¹", "0", "-2023",
    "2023abc", "năm abc") is refused with YEAR_INVALID -> (False, None): never silently the
    current year."""
    if not args:
        return True, None
    year = parse_year_args(args)
    if year is None:
        await refuse_year(update, context.t)
    return year is not None, year


async def refuse_year(update: Update, t: Texts) -> None:
    """Say the year is not valid, with the command the person typed as the example."""
    message = update.effective_message
    words = (message.text or "").split(maxsplit=1) if message is not None else []
    command = words[0].split("@")[0] if words and words[0].startswith("/") else "/chude"
    example = render.echo(f"{command} 2023")
    await send(update, t.YEAR_INVALID.format(example=example))


async def send(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Send HTML text to the update's chat, split if longer than Telegram allows."""
    chat = update.effective_chat
    assert chat is not None
    chunks = split_html(text)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        await chat.send_message(chunk, reply_markup=markup if last else None)


async def answer_button(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner; every callback query must be answered."""
    if update.callback_query is not None:
        await update.callback_query.answer(text)


async def replace_buttons(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """After a button press: rewrite the message that carried the buttons.

    Falls back to a new message when the old one cannot be edited (too old, deleted).
    """
    query = update.callback_query
    if query is None or len(split_html(text)) > 1:
        await send(update, text, markup)
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            await send(update, text, markup)


async def cleaned_text(
    update: Update,
    context: BotContext,
    clean: Callable[[str], str],
    field: str,
    text: str | None = None,
) -> str | None:
    """`text` (default: the message's text) passed through `clean`, or None after saying
    what is wrong with it."""
    message = update.effective_message
    assert message is not None and message.text is not None
    value = message.text if text is None else text
    try:
        return clean(value)
    except InputError as exc:
        await send(update, render.input_problem(context.t, field, exc, value))
        return None


def conversation(**kwargs: Any) -> ConversationHandler[BotContext]:
    """A ConversationHandler whose button presses are tracked per chat and user.

    PTB warns that with per_message=False callback queries are not tracked per message. That is
    what we want: a flow's buttons belong to the flow, whichever message carries them.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return ConversationHandler(per_message=False, **kwargs)


StepHandler = Callable[[Update, BotContext], Coroutine[Any, Any, int]]


def or_end(callback: Callable[[Update, BotContext], Awaitable[int | None]]) -> StepHandler:
    """A conversation step whose role check refused (None) closes the conversation, as
    /cancel would: a person who lost the role mid-flow is not left inside it."""

    @functools.wraps(callback)
    async def step(update: Update, context: BotContext) -> int:
        state = await callback(update, context)
        return ConversationHandler.END if state is None else state

    return step
