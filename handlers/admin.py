"""Admins: grant and revoke the organiser role, list roles, read the audit log."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot import render
from bot.context import BotContext
from bot.roles import ORGANISER, Role
from db.queries.admin import Person, audit, find_person, holders, people, recent_audit
from db.queries.users import set_role
from handlers.access import allowed
from handlers.common import send, texts_for

ROLE_WORDS = {"organiser", "organizer", "bantochuc", "btc", "tochuc"}


async def _change_role(update: Update, context: BotContext, grant: bool) -> None:
    t = texts_for(update)
    if not await allowed(update, context, Role.ADMIN):
        return
    args = context.args or []
    role_ok = len(args) == 1 or (len(args) == 2 and args[1].lower() in ROLE_WORDS)
    if not args or not role_ok or (not grant and len(args) != 1):
        await send(update, t.GRANT_USAGE if grant else t.REVOKE_USAGE)
        return
    actor = update.effective_user
    assert actor is not None
    async with context.sessions() as session, session.begin():
        target = await find_person(session, args[0])
        if target is None:
            await send(update, t.PERSON_UNKNOWN.format(ref=escape(args[0])))
            return
        shown = render.person(target)
        if target.telegram_id in context.deps.settings.admin_ids:
            await send(update, t.ADMIN_FROM_SETTINGS.format(person=shown))
            return
        if not grant and target.telegram_id not in {
            p.telegram_id for p in await holders(session, ORGANISER)
        }:
            await send(update, t.NOT_A_HOLDER.format(person=shown))
            return
        await set_role(session, target.telegram_id, ORGANISER if grant else None)
        params = {"user": target.telegram_id, "role": ORGANISER}
        await audit(session, actor.id, "grant" if grant else "revoke", params, context.clock.now())
    await send(update, (t.GRANTED if grant else t.REVOKED).format(person=shown))


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
