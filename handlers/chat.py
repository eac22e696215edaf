"""Free text that is not a fact question (issue 13).

A request typed as a sentence starts that action through its existing handler; small talk
gets a brief reply with one next step; a question about a fact the notices do not give is
answered honestly, with the nearest fact they do give. Check-in is a step of the
conversation (handlers/flow.py), which free text outside it cannot enter: the reply carries
the menu's check-in button, the conversation's own entry point.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core.cancel_words import is_cancel
from bot.core.matcher import Kind, Match
from bot.ui import keyboards
from bot.ui.chat import SMALLTALK, UNANSWERABLE, asked_year, smalltalk, unanswerable
from handlers import consent, me, profile, reminders, start
from handlers.common import send, today

# Reminder intents -> the /remind argument they stand for (none: show the setting).
REMIND_ARGS = {"remind": [], "remind_on": ["on"], "remind_off": ["off"]}


async def _act(update: Update, context: BotContext, intent: str) -> bool:
    t = context.t
    if intent == "help":
        await start.help_command(update, context)
    elif intent == "checkin":
        await send(update, t.CHAT_CHECKIN, keyboards.checkin_button(t))
    elif intent == "register":
        # Without consent the notice comes first; its buttons enter the flow. With consent
        # on record the form would wait outside the conversation: say how to open it.
        if await consent.on_record(update, context):
            await send(update, t.CHAT_REGISTER)
        else:
            await profile.start(update, context)
    elif intent == "my_week":
        await me.me(update, context)
    elif intent == "undo":
        await me.undo(update, context)
    elif intent in REMIND_ARGS:
        context.args = list(REMIND_ARGS[intent])
        await reminders.remind(update, context)
    else:
        return False
    return True


async def respond(update: Update, context: BotContext, match: Match) -> bool:
    """Reply to an action, small talk or unanswerable question; False leaves it to the
    fact answers (and the greeting and fallback they give)."""
    intent, t = match.intent, context.t
    message = update.effective_message
    if message is not None and message.text is not None and is_cancel(message.text):
        # "hủy", "thôi" alone with no flow open (it ended, or timed out): it means cancel,
        # never "undo my last check-in" (that takes a sentence: "hủy lượt điểm danh").
        await send(update, t.NOTHING_TO_CANCEL)
        return True
    if intent is None:
        return False
    if match.kind is Kind.ACTION:
        return await _act(update, context, intent)
    if match.kind is Kind.SMALLTALK and intent in SMALLTALK:
        markup = keyboards.checkin_button(t) if SMALLTALK[intent] else None
        await send(update, smalltalk(intent, t), markup)
        return True
    if match.kind is Kind.UNANSWERABLE and intent in UNANSWERABLE:
        day = today(context)
        text = unanswerable(intent, context.deps.editions, asked_year(match, day), day, t)
        await send(update, text)
        return True
    return False
