"""Admins: grant and revoke the organiser role (after a confirmation), roles, audit log."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.roles import Role, role_named
from bot.services import admin as service
from bot.services.admin import Outcome, Person
from bot.ui import keyboards, render, staff_texts
from bot.ui.buttons import RoleChange
from bot.ui.texts import Texts
from handlers.access import requires
from handlers.commands import command
from handlers.common import answer_button, replace_buttons, send
from handlers.menus import publish_for
from handlers.receipts import reply_after_commit


def _confirmation(t: Texts, target: Person, grant: bool) -> str:
    """Who exactly: full name, username and id (a username may have moved to someone else)."""
    return (t.GRANT_CONFIRM if grant else t.REVOKE_CONFIRM).format(
        name=escape(target.full_name) if target.full_name else t.NO_NAME,
        username=escape(f"@{target.username}") if target.username else t.NO_USERNAME,
        id=target.telegram_id,
    )


def _refusal(t: Texts, change: service.RoleChange) -> str:
    """Why the change was not made, in the admin's words."""
    if change.outcome is Outcome.FORBIDDEN:
        return t.NOT_ALLOWED_ADMIN
    assert change.target is not None
    shown = staff_texts.shown_person(t, change.target)
    texts = {
        Outcome.FROM_SETTINGS: t.ADMIN_FROM_SETTINGS,
        Outcome.ALREADY: t.ALREADY_HOLDER,
        Outcome.NOT_HOLDER: t.NOT_A_HOLDER,
    }
    return texts[change.outcome].format(person=shown)


async def _change_role(update: Update, context: BotContext, grant: bool) -> None:
    """Find the person, then ask the admin to confirm exactly whom; nothing changes yet."""
    t = context.t
    args = context.args or []
    # "@name", then optionally the role in the admin's words: "ban tổ chức", "btc"…
    named = role_named(" ".join(args[1:])) if len(args) > 1 else Role.ORGANISER
    if grant and named is Role.ADMIN:
        await send(update, t.GRANT_ADMIN_NOT_BY_COMMAND)
        return
    if not args or named is not Role.ORGANISER:
        await send(update, t.GRANT_USAGE if grant else t.REVOKE_USAGE)
        return
    admin_ids = context.deps.settings.admin_ids
    change = await service.check_change(context.sessions, admin_ids, args[0], grant)
    if (change.outcome is Outcome.UNKNOWN or change.target is None) and not grant:
        # Nobody to take a role from: who holds one, rather than "register first".
        found = await service.role_holders(context.sessions, admin_ids)
        text = t.REVOKE_NOBODY.format(ref=render.echo(args[0]))
        await send(update, text + "\n\n" + staff_texts.roles(t, found))
    elif change.outcome is Outcome.UNKNOWN or change.target is None:
        await send(update, t.PERSON_UNKNOWN.format(ref=render.echo(args[0])))
    elif change.outcome is not Outcome.READY:
        await send(update, _refusal(t, change))
    else:
        markup = keyboards.role_confirm(t, grant, change.target.telegram_id)
        await send(update, _confirmation(t, change.target, grant), markup)


@requires(Role.ADMIN)
async def role_button(update: Update, context: BotContext) -> None:
    """role:grant:<id>, role:revoke:<id>, role:cancel; the admin role is checked at the press."""
    query, actor = update.callback_query, update.effective_user
    assert query is not None and actor is not None
    await answer_button(update)
    t = context.t
    pressed = RoleChange.unpack(query.data)
    if pressed is None:  # the cancel button (or anything not ours)
        await replace_buttons(update, t.ROLE_CANCELLED)
        return
    change = await service.change_role(
        context.sessions,
        context.deps.settings.admin_ids,
        actor.id,
        pressed.telegram_id,
        pressed.grant,
        context.clock.now(),
    )
    if change.outcome is Outcome.UNKNOWN or change.target is None:
        await replace_buttons(update, t.ROLE_TARGET_GONE)
    elif change.outcome is not Outcome.DONE:
        await replace_buttons(update, _refusal(t, change))
    else:
        shown = render.person(change.target)
        text = (t.GRANTED if pressed.grant else t.REVOKED).format(person=shown)
        await reply_after_commit(update, context, text)
        # Their menu follows the role (a failure is logged; the change stands).
        role = Role.ORGANISER if pressed.grant else Role.OFFICIAL
        await publish_for(context.bot, change.target.telegram_id, role)


@requires(Role.ADMIN)
async def grant(update: Update, context: BotContext) -> None:
    """/grant, /capquyen @username|id organiser."""
    await _change_role(update, context, grant=True)


@requires(Role.ADMIN)
async def revoke(update: Update, context: BotContext) -> None:
    """/revoke, /thuhoi @username|id."""
    await _change_role(update, context, grant=False)


@requires(Role.ADMIN)
async def roles(update: Update, context: BotContext) -> None:
    """/roles: who is an admin and who is an organiser."""
    found = await service.role_holders(context.sessions, context.deps.settings.admin_ids)
    await send(update, staff_texts.roles(context.t, found))


@requires(Role.ADMIN)
async def audit_log(update: Update, context: BotContext) -> None:
    """/audit: the latest admin and organiser actions."""
    views = await service.audit_log(context.sessions)
    await send(update, staff_texts.audit_log(context.t, views, context.clock.tz))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("grant", grant),
        command("revoke", revoke),
        command("roles", roles),
        command("audit", audit_log),
        CallbackQueryHandler(role_button, pattern=RoleChange.pattern()),
    ]
