"""/units (/donvi), admins: the managed unit list, paged; per unit rename, merge, archive;
and a new unit. The role is checked at the command and at every button press.

Renaming and adding wait for a typed name: a small persistent conversation keeps which unit
(0: a new one) in the draft, so a restart in between still knows what the name is for.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services import units as service
from bot.services.units import Outcome, UnitNameError
from bot.ui import roster_texts
from bot.ui.buttons import UnitButton
from bot.ui.texts import Texts
from bot.ui.texts.en import Count
from handlers.access import requires
from handlers.commands import CANCEL_TEXT, STEP_TEXT, command
from handlers.common import answer_button, conversation, or_end, replace_buttons, send
from handlers.receipts import reply_after_commit

NAME = 0
UNIT_EDIT = "unit_edit"  # the unit being renamed, 0 for a new unit, while its name is typed
NAME_TIMEOUT = timedelta(minutes=15)
_ASKS_NAME = f"^{UnitButton.prefix}:(ren|add):"


def _refusal(t: Texts) -> str:
    return t.UNITS_NOT_ALLOWED


@requires(Role.ADMIN, refusal=_refusal)
async def show(update: Update, context: BotContext) -> None:
    """/units: the first page of the unit list."""
    text, markup = roster_texts.unit_list(context.t, await service.listing(context.sessions), 0)
    await send(update, text, markup)


async def _card(update: Update, context: BotContext, unit_id: int) -> None:
    unit = await service.one(context.sessions, unit_id)
    if unit is None:
        await replace_buttons(update, context.t.UNIT_ADMIN_GONE)
        return
    await replace_buttons(update, *roster_texts.unit_card(context.t, unit))


async def _action(update: Update, context: BotContext, b: UnitButton) -> None:
    t, sessions, actor = context.t, context.sessions, update.effective_user
    assert actor is not None
    now = context.clock.now()
    if b.action == "list":
        text, markup = roster_texts.unit_list(t, await service.listing(sessions), b.arg)
        await replace_buttons(update, text, markup)
    elif b.action == "show":
        await _card(update, context, b.unit_id)
    elif b.action in {"merge", "into"}:
        units = await service.listing(sessions)
        by_id = {u.id: u for u in units}
        source, target = by_id.get(b.unit_id), by_id.get(b.arg)
        if source is None or (b.action == "into" and (target is None or target is source)):
            await replace_buttons(update, t.UNIT_ADMIN_GONE)
        elif b.action == "merge":
            await replace_buttons(update, *roster_texts.merge_targets(t, source, units, b.arg))
        else:
            assert target is not None
            await replace_buttons(update, *roster_texts.merge_confirm(t, source, target))
    elif b.action == "mergeok":
        change = await service.merge(sessions, actor.id, b.unit_id, b.arg, now)
        if change.outcome is not Outcome.DONE or change.unit is None or change.target is None:
            await replace_buttons(update, t.UNIT_ADMIN_GONE)
            return
        text = t.UNIT_MERGED.format(
            source=escape(change.unit.name),
            target=escape(change.target.name),
            members=change.unit.members,
            headcount=change.unit.headcount,
        )
        if change.linked:
            text += "\n" + t.UNIT_MERGED_LINKED.format(count=Count(change.linked))
        markup = roster_texts.back_to_list(t, change.target.id)
        await reply_after_commit(update, context, text, markup)
    elif b.action in {"arch", "archok"}:
        change = await service.archive(sessions, actor.id, b.unit_id, now, b.action == "archok")
        if change.unit is None:
            await replace_buttons(update, t.UNIT_ADMIN_GONE)
        elif change.outcome is Outcome.LISTED:
            await replace_buttons(update, *roster_texts.archive_refused(t, change.unit))
        elif change.outcome is Outcome.ASK:
            await replace_buttons(update, *roster_texts.archive_confirm(t, change.unit))
        else:
            await reply_after_commit(update, context, *roster_texts.archived(t, change.unit))
    elif b.action == "restore":
        change = await service.restore(sessions, actor.id, b.unit_id, now)
        if change.unit is None:
            await replace_buttons(update, t.UNIT_ADMIN_GONE)
            return
        text = t.UNIT_RESTORED.format(
            name=escape(change.unit.name), code=escape(change.unit.code or "")
        )
        markup = roster_texts.back_to_list(t, change.unit.id)
        await reply_after_commit(update, context, text, markup)


@requires(Role.ADMIN, refusal=_refusal)
async def pressed(update: Update, context: BotContext) -> int:
    """Every /units button but the two that ask for a name; also ends a pending rename."""
    await answer_button(update)
    query = update.callback_query
    assert query is not None and context.user_data is not None
    context.user_data.pop(UNIT_EDIT, None)
    button = UnitButton.unpack(query.data)
    if button is None:
        await replace_buttons(update, context.t.UNIT_ADMIN_GONE)
    else:
        await _action(update, context, button)
    return ConversationHandler.END


@requires(Role.ADMIN, refusal=_refusal)
async def ask_name(update: Update, context: BotContext) -> int:
    """✏️ Đổi tên or ➕ Thêm đơn vị: ask for the name."""
    await answer_button(update)
    query = update.callback_query
    assert query is not None and context.user_data is not None
    t = context.t
    button = UnitButton.unpack(query.data)
    if button is None:
        await replace_buttons(update, t.UNIT_ADMIN_GONE)
        return ConversationHandler.END
    if button.action == "add":
        context.user_data[UNIT_EDIT] = 0
        await replace_buttons(update, t.UNIT_ASK_NEW)
        return NAME
    unit = await service.one(context.sessions, button.unit_id)
    if unit is None:
        await replace_buttons(update, t.UNIT_ADMIN_GONE)
        return ConversationHandler.END
    context.user_data[UNIT_EDIT] = unit.id
    await replace_buttons(update, t.UNIT_ASK_RENAME.format(name=escape(unit.name)))
    return NAME


@requires(Role.ADMIN, refusal=_refusal)
async def typed_name(update: Update, context: BotContext) -> int | None:
    """The typed name: checked, then the unit renamed or added (confirmed after commit)."""
    message, actor = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and actor is not None
    assert context.user_data is not None
    t, unit_id = context.t, context.user_data.get(UNIT_EDIT)
    if not isinstance(unit_id, int):
        return ConversationHandler.END
    try:
        name = service.clean_name(message.text)
    except UnitNameError as exc:
        await send(update, t.UNIT_NAME_PROBLEMS[exc.problem.value].format(name=""))
        return NAME
    now = context.clock.now()
    if unit_id:
        change = await service.rename(context.sessions, actor.id, unit_id, name, now)
    else:
        change = await service.add(context.sessions, actor.id, name, now)
    if change.outcome is Outcome.ARCHIVED and change.archived_id is not None:
        offer = roster_texts.restore_offer(
            t, change.archived_id, change.other or "", change.merged_into
        )
        await send(update, *offer)
        return NAME
    if change.outcome is Outcome.TAKEN:
        other = escape(change.other or "")
        key = "taken_archived" if change.archived_id else "taken_rename" if unit_id else "taken"
        await send(update, t.UNIT_NAME_PROBLEMS[key].format(name=other))
        return NAME
    context.user_data.pop(UNIT_EDIT, None)
    if change.outcome is not Outcome.DONE or change.unit is None:
        await send(update, t.UNIT_ADMIN_GONE)
        return ConversationHandler.END
    shown = escape(change.unit.name)
    if unit_id:
        text = t.UNIT_RENAMED.format(name=shown)
    else:
        text = t.UNIT_ADDED.format(name=shown, code=escape(change.unit.code or ""))
    markup = roster_texts.back_to_list(t, change.unit.id)
    await reply_after_commit(update, context, text, markup, edit=False)
    return ConversationHandler.END


async def cancel(update: Update, context: BotContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(UNIT_EDIT, None)
    await send(update, context.t.UNIT_CANCELLED)
    return ConversationHandler.END


def build() -> ConversationHandler[BotContext]:
    return conversation(
        entry_points=[CallbackQueryHandler(ask_name, pattern=_ASKS_NAME)],
        states={
            NAME: [
                MessageHandler(CANCEL_TEXT, cancel),
                # or_end: an admin who lost the role mid-rename is let out of the step
                # (else every text they send is refused until the timeout).
                MessageHandler(STEP_TEXT, or_end(typed_name)),
                CallbackQueryHandler(or_end(pressed), pattern=UnitButton.pattern()),
            ]
        },
        fallbacks=[command("cancel", cancel)],
        allow_reentry=True,
        conversation_timeout=NAME_TIMEOUT,
        name="units_edit",
        persistent=True,
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        build(),
        command("units", show),
        CallbackQueryHandler(pressed, pattern=UnitButton.pattern()),
    ]
