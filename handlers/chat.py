"""Free text that is not a fact question (issue 13).

A request typed as a sentence starts that action through its existing handler; small talk
gets a brief reply with one next step; a question about a fact the notices do not give is
answered honestly, with the nearest fact they do give. Check-in is a step of the
conversation (handlers/flow.py), which free text outside it cannot enter: the reply carries
the menu's check-in button, the conversation's own entry point. A check-in sentence that
says how long ("điểm danh 45p đọc sách") is logged as `/diemdanh 45p đọc sách` would be.
Organisers' tools run for those who hold the role; others are told who they are for.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core.cancel_words import is_cancel
from bot.core.matcher import Kind, Match
from bot.core.roles import Role
from bot.core.schedule import specs_for
from bot.services.access import current_role
from bot.ui import keyboards
from bot.ui.chat import (
    SMALLTALK,
    UNANSWERABLE,
    asked_year,
    reminder_times,
    smalltalk,
    unanswerable,
)
from bot.ui.staff_texts import zone_words
from handlers import checkin, consent, me, privacy, profile, reminders, reports, start
from handlers.common import contact_of, send, today

# Reminder intents -> the /remind argument they stand for (none: show the setting).
REMIND_ARGS = {"remind": [], "remind_on": ["on"], "remind_off": ["off"]}
# Organisers' and admins' tools -> the role they need (the commands check it again).
TOOLS = {"stats": Role.ORGANISER, "broadcast": Role.ORGANISER, "export": Role.ADMIN}


async def _tool(update: Update, context: BotContext, intent: str) -> None:
    """/thongke, /export for those who hold the role; a pointer to /thongbao, whose compose
    conversation free text cannot enter; for others, who the tool is for and what they can do."""
    t = context.t
    settings = context.deps.settings
    role = await current_role(context.sessions, contact_of(update).telegram_id, settings.admin_ids)
    needed = TOOLS[intent]
    if role < needed:
        refusal = t.CHAT_FOR_ADMINS if needed is Role.ADMIN else t.CHAT_FOR_ORGANISERS
        offer = t.CHAT_ORGANISER_CAN if role is Role.ORGANISER else t.CHAT_OFFICIAL_CAN
        await send(update, f"{refusal.format(tool=t.CHAT_TOOLS[intent])}\n{offer}")
    elif intent == "broadcast":
        await send(update, t.CHAT_BROADCAST)
    else:
        context.args = []
        await (reports.stats if intent == "stats" else reports.export)(update, context)


async def _checkin(update: Update, context: BotContext, match: Match) -> None:
    """With a duration: what `/diemdanh <duration> <note>` does; without: the one-tap button."""
    if match.duration is not None:
        context.args = match.duration.split()
        await checkin.start(update, context)
    else:
        t = context.t
        await send(update, t.CHAT_CHECKIN, keyboards.checkin_button(t))


async def _act(update: Update, context: BotContext, match: Match) -> bool:
    t, intent = context.t, match.intent
    if intent == "help":
        await start.help_command(update, context)
    elif intent == "checkin":
        await _checkin(update, context, match)
    elif intent == "register":
        # Without consent the notice comes first; its buttons enter the flow. With consent
        # on record, free text cannot enter the conversation (handlers/flow.py): the form's
        # button does, one tap away.
        if await consent.on_record(update, context):
            await send(update, t.CHAT_REGISTER, keyboards.profile_button(t))
        else:
            await profile.start(update, context)
    elif intent == "my_week":
        await me.me(update, context)
    elif intent == "undo":
        await me.undo(update, context)
    elif intent in REMIND_ARGS:
        context.args = list(REMIND_ARGS[intent])
        await reminders.remind(update, context)
    elif intent == "remind_times":
        deps = context.deps
        edition = deps.editions.to_show(today(context))
        specs = specs_for(edition, deps.reminders)
        zone = zone_words(t, deps.settings.bot_timezone, context.clock.now())
        await send(update, reminder_times(t, edition, specs, zone))
    elif intent == "erase":
        await privacy.delete_my_data(update, context)
    elif intent == "privacy":
        await privacy.privacy(update, context)
    elif intent in TOOLS:
        await _tool(update, context, intent)
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
        return await _act(update, context, match)
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
