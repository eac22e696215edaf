"""/invite (/moi): the registration links of the agency, general and per unit, with their QR
codes; and what opening a unit's link does (t.me/<bot>?start=u-<code>)."""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, filters

from bot.context import BotContext
from bot.core.roles import Role
from bot.core.unit_code import code_of_payload
from bot.services import invites as service
from bot.services import profile as profiles
from bot.services.profile import Outcome
from bot.ui import buttons, keyboards, unit_keyboards
from bot.ui.files import qr
from bot.ui.texts import Texts
from handlers import consent, profile, states
from handlers.access import requires
from handlers.commands import command
from handlers.common import answer_button, contact_of, replace_buttons, send, today

# "/start u-phong-ke-toan" (a unit's invite link), any spelling the code check then judges.
UNIT_LINK = filters.Regex(r"^/start(@\w+)?\s+u-[A-Za-z0-9-]{1,64}\s*$")


def org_name(t: Texts, context: BotContext) -> str:
    """The agency running the week (ORG_NAME), or a neutral "cơ quan"."""
    return context.deps.settings.org_name or t.ORG_DEFAULT


@requires(Role.ORGANISER)
async def invite_command(update: Update, context: BotContext) -> None:
    """The general link and one per active unit (codes given to units without one), then
    the QR codes: the general one as a photo, all of them as PNG files in one ZIP."""
    t = context.t
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    admins = context.deps.settings.admin_ids
    found = await service.unit_invites(context.sessions, user.id, context.clock.now(), admins)
    bot_name = context.bot.username
    general = service.link(bot_name)
    # The agency's name when ORG_NAME gives it; "Đường dẫn mời đăng ký — cơ quan" read oddly.
    org = context.deps.settings.org_name
    header_org = f" — {escape(org)}" if org else ""
    lines = [t.INVITE_HEADER.format(org=header_org, link=general, count=len(found.units))]
    for unit in found.units:
        link = service.link(bot_name, unit.payload)
        lines.append(t.INVITE_UNIT_LINE.format(unit=escape(unit.unit), link=link))
    if not found.units:  # an admin can make units; an organiser waits for one to
        lines.append(t.INVITE_NO_UNITS_ADMIN if found.by_admin else t.INVITE_NO_UNITS)
    await send(update, "\n".join(lines))  # split if long
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    files = [qr.QrFile("0-dang-ky-chung.png", general, t.INVITE_QR_GENERAL.format(org=org))]
    files += [
        qr.QrFile(f"{u.code}.png", service.link(bot_name, u.payload), u.unit) for u in found.units
    ]
    # Drawing a few hundred codes takes a moment: off the event loop.
    photo = await asyncio.to_thread(qr.png, files[0].link, files[0].caption)
    await chat.send_photo(InputFile(photo, filename=files[0].name), caption=t.INVITE_PHOTO)
    archive = await asyncio.to_thread(qr.bundle, files, t.INVITE_TABLE_HEADER)
    name = f"invites-{today(context).isoformat()}.zip"
    caption = t.INVITE_ZIP.format(count=len(files)) if found.units else t.INVITE_ZIP_GENERAL
    await chat.send_document(InputFile(archive, filename=name), caption=caption)


async def open_unit_link(update: Update, context: BotContext) -> int:
    """/start u-<code>: registration with the unit chosen, so only the name is typed (after
    the data notice if not agreed yet). An unknown code: said, then the normal form. Someone
    registered elsewhere is asked whether to move; nothing changes silently."""
    message = update.effective_message
    assert message is not None and message.text is not None and context.user_data is not None
    t = context.t
    states.clear_flow(context.user_data)
    code = code_of_payload(message.text.split()[-1])
    found = await profiles.link_target(context.sessions, contact_of(update).telegram_id, code)
    unit, mine = found.unit, found.profile
    context.args = []  # the payload is not a one-line form
    if unit is None:
        await send(update, t.UNIT_LINK_UNKNOWN)
        return await profile.start(update, context)
    shown = escape(unit.name)
    if found.merged_from is not None:  # the link of a unit merged into this one
        await send(update, t.UNIT_LINK_MERGED.format(old=escape(found.merged_from), unit=shown))
    if mine is not None and mine.registered:
        if mine.unit_id == unit.id:
            await send(update, t.UNIT_LINK_ALREADY.format(unit=shown))
            return ConversationHandler.END
        current = escape(mine.unit_name or "")
        text = t.UNIT_LINK_MOVE.format(current=current, unit=shown)
        await send(update, text, unit_keyboards.unit_move(t, unit))
        return ConversationHandler.END
    context.user_data[states.PRESET_UNIT] = unit.id
    org = escape(org_name(t, context))
    if not await consent.on_record(update, context):
        await send(update, t.UNIT_LINK_WELCOME.format(unit=shown, org=org))
        return await consent.ask(update, context)
    await send(update, t.UNIT_LINK_ASK_NAME.format(unit=shown, org=org), keyboards.cancel_only(t))
    return states.NAME


async def move_button(update: Update, context: BotContext) -> None:
    """ "Chuyển sang <unit>" under an invite link opened by someone registered elsewhere."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    button = buttons.UnitMove.unpack(query.data)
    if button is None:
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return
    done = await profiles.move_to(
        context.sessions, contact_of(update), button.unit_id, context.clock.now()
    )
    if done.outcome is Outcome.CONSENT:  # registered before the data notice existed
        await replace_buttons(update, t.UNIT_MOVE_CONSENT)
        return
    if done.outcome is not Outcome.SAVED or done.profile is None:
        await replace_buttons(update, t.UNIT_GONE_MOVE)
        return
    text, markup = profile.saved_text(context, done)
    await replace_buttons(update, text, markup)


async def stay_button(update: Update, context: BotContext) -> None:
    """ "Giữ đơn vị hiện tại": nothing changes."""
    await answer_button(update)
    await replace_buttons(update, context.t.UNIT_STAYED)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("invite", invite_command),
        CallbackQueryHandler(move_button, pattern=buttons.UnitMove.pattern()),
        CallbackQueryHandler(stay_button, pattern=f"^{unit_keyboards.UNIT_STAY}$"),
    ]
