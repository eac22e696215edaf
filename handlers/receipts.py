"""Receipts of committed actions: once the database has it, the user must hear so.

A reply that fails after the commit must never reach the error handler: its "nothing was
changed" would be false and invite a retry that stores the action twice. So a receipt is
retried at once, and if Telegram still fails it is queued in the outbox as a notice that
the dispatcher sends as it is.
"""

from __future__ import annotations

import hashlib
import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import BotContext
from bot.delivery.outbox_sender import trigger_dispatch
from bot.services.notices import queue_receipt
from bot.ui.tg_html import split_html
from handlers.common import replace_buttons, send

log = logging.getLogger(__name__)

ATTEMPTS = 2  # right away; after that the outbox takes over, with its own backoff


async def reply_after_commit(
    update: Update,
    context: BotContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = True,
    later: bool = True,
) -> bool:
    """Tell the user about an action already committed, whatever Telegram does now.

    `edit`: rewrite the pressed button's message (as replace_buttons), else a new message.
    `later`: if it cannot be sent now, queue it in the outbox (False when something else
    will tell the user, e.g. a broadcast's progress message). True if it was sent now.

    A timed-out reply may have arrived, so retrying can show the receipt twice; that is
    better than none, since a missing receipt is what makes people do things twice.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if edit:
                await replace_buttons(update, text, markup)
            else:
                await send(update, text, markup)
            return True
        except (BadRequest, Forbidden) as exc:
            # A message Telegram refuses, or a user who blocked the bot: no retry helps.
            log.warning("receipt refused by Telegram: %s", type(exc).__name__)
            return False
        except TelegramError as exc:  # 5xx, timeouts, dropped connections, RetryAfter
            log.warning("receipt not sent (attempt %d): %s", attempt, type(exc).__name__)
    if later:
        await _queue(update, context, text, markup)
    return False


async def _queue(
    update: Update, context: BotContext, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    # Keyed by the update and the text: a redelivered update queues nothing new.
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    # Not by chat and message (source_of): in a private chat that is the person's id.
    key = f"upd:{update.update_id}#{digest}"
    chunks = split_html(text)
    try:
        await queue_receipt(
            context.sessions,
            chat.id,
            key,
            chunks,
            markup.to_dict() if markup is not None else None,
            user.language_code if user else None,
            context.clock.now(),
        )
    except Exception as exc:  # the database too: nothing more can be done, say so in the log
        log.error("receipt could not be queued either: %s", type(exc).__name__)
        return
    trigger_dispatch(context)
