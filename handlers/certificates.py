"""Participation certificates: /chungnhan (/certificate) sends mine, /chungnhan all every
one of an edition (admins), /xacthuc (/verify) tells anyone whether a code is genuine.

Codes and names are never logged: a code is a key to someone's name and unit.
"""

from __future__ import annotations

import math
from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.editions import Edition
from bot.core.roles import Role
from bot.core.textnorm import fold
from bot.services import certificates as service
from bot.ui import certificate_texts, files, keyboards
from handlers.access import allowed
from handlers.commands import command
from handlers.common import contact_of, send, today
from handlers.reports import edition_asked

EVERY_WORDS = frozenset({"all", "tatca"})  # /chungnhan all, /chungnhan tatca (tấtcả)
UPLOAD_SECONDS = 180  # a ZIP part of up to 20 MB, on an agency's slow uplink


async def _edition(update: Update, context: BotContext, args: list[str]) -> Edition | None:
    """The edition the arguments name (none: the running or latest one); None when refused
    (a year we cannot read, or one without an edition: both said)."""
    return (await edition_asked(update, context, args))[0]


async def certificate(update: Update, context: BotContext) -> None:
    """/chungnhan [year] (/certificate): my certificate, or how far I am from it;
    /chungnhan all [year]: every certificate (admins)."""
    args = list(context.args or [])
    if args and fold(args[0]) in EVERY_WORDS:
        await every(update, context, args[1:])
        return
    if len(args) > 1 and fold(" ".join(args[:2])).replace(" ", "") == "tatca":  # "tất cả"
        await every(update, context, args[2:])
        return
    edition = await _edition(update, context, args)
    if edition is not None:
        await send_mine(update, context, edition)


async def send_mine(update: Update, context: BotContext, edition: Edition) -> None:
    """The person's certificate as a PDF once the week is over and they meet the bar;
    otherwise their days and time against the bar."""
    t, day = context.t, today(context)
    needed = context.deps.closing.bar(edition)
    over = day > edition.end  # issued only once the week is over: its figures are final
    found = await service.mine(
        context.sessions,
        contact_of(update).telegram_id,
        edition,
        needed,
        context.clock.now(),
        issue=over,
    )
    if not found.registered:
        await send(update, t.NOT_REGISTERED, keyboards.profile_button(t))
        return
    if found.issued is None:
        text = certificate_texts.progress(
            t, edition, needed, found.days, found.minutes, day, found.studied_today
        )
        await send(update, text)
        return
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    cert = found.issued
    issued_on = cert.issued_at.astimezone(context.clock.tz).date()
    issuer = files.issuer_of(context.deps.settings, context.bot.username, issued_on)
    pdf = await files.certificate_pdf(cert, edition, issuer)
    await chat.send_document(
        InputFile(pdf, filename=files.certificate_filename(cert)),
        caption=certificate_texts.caption(t, cert),
    )


async def every(update: Update, context: BotContext, args: list[str]) -> None:
    """/chungnhan all [year]: admins (checked now), every certificate of the edition as ZIP
    parts; audited by the service (the files carry names)."""
    t = context.t
    if not await allowed(update, context, Role.ADMIN, t.PERSONAL_DATA_ADMINS_ONLY):
        return
    edition = await _edition(update, context, args)
    if edition is None:
        return
    day = today(context)
    if day <= edition.end:
        after = certificate_texts.day_after(t, edition)
        await send(update, t.CERT_ALL_WAIT.format(year=edition.year, after=after))
        return
    needed, user = context.deps.closing.bar(edition), update.effective_user
    assert user is not None
    found = await service.every(context.sessions, edition, needed, context.clock.now(), user.id)
    if not found:
        bar = certificate_texts.bar(t, needed)
        await send(update, t.CERT_ALL_NONE.format(year=edition.year, bar=bar))
        return
    chat = update.effective_chat
    assert chat is not None
    seconds = len(found) * files.SECONDS_PER_CERTIFICATE
    wait = t.fmt_minutes(max(1, math.ceil(seconds / 60)))
    await send(update, t.CERT_ALL_BUILDING.format(count=t.fmt_number(len(found)), time=wait))
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    issuer = files.issuer_of(context.deps.settings, context.bot.username, day)
    # A part is sent once the next is built (so its name says whether it is the only one):
    # at most two are held at a time, and the first arrives long before the last is made.
    parts = aiter(files.certificates_zip(found, edition, issuer, tz=context.clock.tz))
    part, number = await anext(parts, None), 0
    while part is not None:
        upcoming, number = await anext(parts, None), number + 1
        alone = number == 1 and upcoming is None
        caption = certificate_texts.all_caption(
            t, len(found), edition.year, needed, None if alone else number
        )
        name = f"giay-chung-nhan-{edition.year}{'' if alone else f'-phan-{number}'}.zip"
        await chat.send_document(
            InputFile(part, filename=name), caption=caption, write_timeout=UPLOAD_SECONDS
        )
        part = upcoming
    if number > 1:
        await send(update, t.CERT_ALL_DONE.format(parts=number, count=t.fmt_number(len(found))))


async def verify(update: Update, context: BotContext) -> None:
    """/xacthuc CODE (/verify): anyone, registered or not; reads nothing else."""
    await verify_code(update, context, " ".join(context.args or []))


async def verify_code(update: Update, context: BotContext, typed: str) -> None:
    """Whether `typed` is the code of a certificate this bot issued, and whose (also the
    deep link t.me/<bot>?start=xacthuc-<CODE> of the certificate's QR code)."""
    t = context.t
    if not typed.strip():
        await send(update, t.VERIFY_USAGE)
        return
    deps = context.deps
    verdict = await service.verify(context.sessions, typed, deps.editions, deps.clock.tz)
    if verdict.status is service.Status.MALFORMED:
        await send(update, certificate_texts.malformed(t, typed))
    elif verdict.certificate is None:
        await send(update, certificate_texts.unknown(t, typed))
    else:
        cert = verdict.certificate
        edition = context.deps.editions.get(cert.edition_year)
        text = certificate_texts.genuine(t, cert, edition, context.clock.tz)
        if verdict.status is service.Status.CHANGED:
            text += t.VERIFY_CHANGED
        await send(update, text)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [command("certificate", certificate), command("verify", verify)]
