"""Participation certificates: /chungnhan (/certificate) sends mine, /chungnhan all every
one of an edition (admins), /xacthuc (/verify) tells anyone whether a code is genuine.

Codes and names are never logged: a code is a key to someone's name and unit.
"""

from __future__ import annotations

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
from handlers.common import contact_of, requested_year, send, today
from handlers.reports import pick_edition

EVERY_WORDS = frozenset({"all", "tatca"})  # /chungnhan all, /chungnhan tatca (tấtcả)


async def _edition(update: Update, context: BotContext, args: list[str]) -> Edition | None:
    """The edition the arguments name (none: the running or latest one); None when refused
    (a year we cannot read, or one without an edition: both said)."""
    ok, year = await requested_year(update, context, args)
    if not ok:
        return None
    edition, _ = pick_edition(context, year)
    if edition is None:
        years = ", ".join(str(y) for y in sorted(e.year for e in context.deps.editions.all))
        asked = year or today(context).year
        await send(update, context.t.CERT_NO_EDITION.format(year=asked, years=years))
    return edition


async def certificate(update: Update, context: BotContext) -> None:
    """/chungnhan [year] (/certificate): my certificate, or how far I am from it;
    /chungnhan all [year]: every certificate (admins)."""
    args = list(context.args or [])
    if args and fold(args[0]).replace(" ", "") in EVERY_WORDS:
        await every(update, context, args[1:])
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
        text = certificate_texts.progress(t, edition, needed, found.days, found.minutes, day)
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
    await send(update, t.CERT_ALL_BUILDING.format(count=t.fmt_number(len(found))))
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    issuer = files.issuer_of(context.deps.settings, context.bot.username, day)
    parts = await files.certificates_zip(found, edition, issuer, tz=context.clock.tz)
    for number, part in enumerate(parts, 1):
        suffix = f"-phan-{number}" if len(parts) > 1 else ""
        caption = certificate_texts.all_caption(
            t, len(found), edition.year, needed, number, len(parts)
        )
        name = f"giay-chung-nhan-{edition.year}{suffix}.zip"
        await chat.send_document(InputFile(part, filename=name), caption=caption)


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
    verdict = await service.verify(context.sessions, typed)
    if verdict.status is service.Status.MALFORMED:
        await send(update, certificate_texts.malformed(t, typed))
    elif verdict.certificate is None:
        await send(update, certificate_texts.unknown(t, typed))
    else:
        cert = verdict.certificate
        edition = context.deps.editions.get(cert.edition_year)
        await send(update, certificate_texts.genuine(t, cert, edition, context.clock.tz))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [command("certificate", certificate), command("verify", verify)]
