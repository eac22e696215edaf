"""Admins: grant and revoke the organiser role (after a confirmation), roles, audit log."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.roles import ORGANISER, Role
from bot.ui import keyboards, render
from bot.ui.texts import Texts
from db.queries.admin import Person, audit, find_person, holders, people, recent_audit
from db.queries.users import set_role
from handlers.access import allowed
from handlers.commands import command
from handlers.common import answer_button, replace_buttons, send, texts_for
from handlers.receipts import reply_after_commit

ROLE_WORDS = {"organiser", "organizer", "bantochuc", "btc", "tochuc"}
ROLE_DATA = re.compile(r"role:(grant|revoke):([1-9][0-9]{0,15})")  # ASCII digits only


def parse_role_data(data: str) -> tuple[bool, int] | None:
    """`role:grant:<id>` -> (True, id), `role:revoke:<id>` -> (False, id); else None."""
    match = ROLE_DATA.fullmatch(data)
    return None if match is None else (match[1] == "grant", int(match[2]))


def _confirmation(t: Texts, target: Person, grant: bool) -> str:
    """Who exactly: full name, username and id (a username may have moved to someone else)."""
    return (t.GRANT_CONFIRM if grant else t.REVOKE_CONFIRM).format(
        name=escape(target.full_name) if target.full_name else t.NO_NAME,
        username=escape(f"@{target.username}") if target.username else t.NO_USERNAME,
        id=target.telegram_id,
    )


async def _refusal(
    session: AsyncSession, context: BotContext, t: Texts, target: Person, grant: bool
) -> str | None:
    """Why this change cannot be made to `target` now, or None if it can."""
    shown = render.person(target)
    if target.telegram_id in context.deps.settings.admin_ids:
        return t.ADMIN_FROM_SETTINGS.format(person=shown)
    holding = target.telegram_id in {p.telegram_id for p in await holders(session, ORGANISER)}
    if grant and holding:
        return t.ALREADY_HOLDER.format(person=shown)
    if not grant and not holding:
        return t.NOT_A_HOLDER.format(person=shown)
    return None


async def _change_role(update: Update, context: BotContext, grant: bool) -> None:
    """Find the person, then ask the admin to confirm exactly whom; nothing changes yet."""
    t = texts_for(update)
    if not await allowed(update, context, Role.ADMIN):
        return
    args = context.args or []
    role_ok = len(args) == 1 or (len(args) == 2 and args[1].lower() in ROLE_WORDS)
    if not args or not role_ok or (not grant and len(args) != 1):
        await send(update, t.GRANT_USAGE if grant else t.REVOKE_USAGE)
        return
    async with context.sessions() as session:
        target = await find_person(session, args[0])
        refusal = None if target is None else await _refusal(session, context, t, target, grant)
    if target is None:
        await send(update, t.PERSON_UNKNOWN.format(ref=render.echo(args[0])))
    elif refusal is not None:
        await send(update, refusal)
    else:
        markup = keyboards.role_confirm(t, grant, target.telegram_id)
        await send(update, _confirmation(t, target, grant), markup)


async def role_button(update: Update, context: BotContext) -> None:
    """role:grant:<id>, role:revoke:<id>, role:cancel; the admin role is checked at the press."""
    query, actor = update.callback_query, update.effective_user
    assert query is not None and query.data is not None and actor is not None
    if not await allowed(update, context, Role.ADMIN):
        return
    await answer_button(update)
    t = texts_for(update)
    parsed = parse_role_data(query.data)
    if parsed is None:  # the cancel button (or anything not ours)
        await replace_buttons(update, t.ROLE_CANCELLED)
        return
    grant, target_id = parsed
    action = "grant" if grant else "revoke"
    async with context.sessions() as session, session.begin():
        target = await find_person(session, str(target_id))
        refusal = None if target is None else await _refusal(session, context, t, target, grant)
        if target is not None and refusal is None:
            await set_role(session, target.telegram_id, ORGANISER if grant else None)
            params = {"user": target.telegram_id, "role": ORGANISER}
            await audit(session, actor.id, action, params, context.clock.now())
    if target is None:
        await replace_buttons(update, t.ROLE_TARGET_GONE)
    elif refusal is not None:
        await replace_buttons(update, refusal)
    else:
        shown = render.person(target)
        text = (t.GRANTED if grant else t.REVOKED).format(person=shown)
        await reply_after_commit(update, context, text)


async def grant(update: Update, context: BotContext) -> None:
    """/grant, /capquyen @username|id organiser."""
    await _change_role(update, context, grant=True)


async def revoke(update: Update, context: BotContext) -> None:
    """/revoke, /thuhoi @username|id."""
    await _change_role(update, context, grant=False)


async def roles(update: Update, context: BotContext) -> None:
    """/roles: who is an admin and who is an organiser."""
    if not await allowed(update, context, Role.ADMIN):
        return
    admin_ids = context.deps.settings.admin_ids
    async with context.sessions() as session:
        known = await people(session, set(admin_ids))
        organisers = await holders(session, ORGANISER)
    admins = [known.get(i, Person(i, None, None)) for i in sorted(admin_ids)]
    await send(update, render.roles(texts_for(update), admins, organisers))


async def audit_log(update: Update, context: BotContext) -> None:
    """/audit: the latest admin and organiser actions."""
    if not await allowed(update, context, Role.ADMIN):
        return
    async with context.sessions() as session:
        rows = await recent_audit(session)
    await send(update, render.audit_log(texts_for(update), rows, context.clock.tz))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("grant", grant),
        command("revoke", revoke),
        command("roles", roles),
        command("audit", audit_log),
        CallbackQueryHandler(role_button, pattern=f"^{keyboards.ROLE_PREFIX}"),
    ]
