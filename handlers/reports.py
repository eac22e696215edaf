"""Admin reports: /stats, /export, charts (privacy and erasure: handlers/privacy.py)."""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.editions import Edition
from bot.core.numbers import looks_numeric, parse_year
from bot.core.roles import Role
from bot.services import reports as service
from bot.ui import files, keyboards, report_texts
from bot.ui.buttons import PERSONAL_VIEWS, ReportView
from handlers.access import allowed, requires
from handlers.commands import command
from handlers.common import answer_button, requested_year, send, today


def pick_edition(context: BotContext, year: int | None) -> tuple[Edition | None, int | None]:
    """The edition asked for (None: not known), and the year that was meant when another is
    shown. With no year: the running edition, else the coming one once announced (before the
    week, its registrations and staff list), else the latest known; "another year" only when
    this year's week has not been announced."""
    editions = context.deps.editions
    if year is not None:
        return editions.get(year), None
    day = today(context)
    shown = editions.to_show(day)
    current = editions.get(day.year)
    announced = current is not None and current.known_on(day)
    return shown, None if shown.year == day.year or announced else day.year


async def edition_asked(
    update: Update, context: BotContext, args: list[str] | None
) -> tuple[Edition | None, int | None]:
    """The documents' edition (/baocao, /khenthuong, /chungnhan): the year typed, else the one
    /thongke shows, and the year meant when another is shown. None when refused: a year that
    cannot be read, or one the bot has no edition for (both said)."""
    ok, year = await requested_year(update, context, args)
    if not ok:
        return None, None
    edition, meant = pick_edition(context, year)
    if edition is None:
        known = ", ".join(str(y) for y in sorted(e.year for e in context.deps.editions.all))
        asked = year if year is not None else today(context).year
        await send(update, context.t.EDITION_UNKNOWN.format(year=asked, years=known))
    return edition, meant


async def _no_edition(update: Update, context: BotContext, year: int | None) -> None:
    """A year without an edition: say which years there are, each a button."""
    years = [e.year for e in context.deps.editions.all]
    text, markup = report_texts.no_edition(context.t, year or 0, years)
    await send(update, text, markup)


@requires(Role.ORGANISER)
async def stats(update: Update, context: BotContext) -> None:
    """/stats, /thongke [year]: organisers and admins; personal views for admins only."""
    ok, year = await requested_year(update, context, context.args)
    if not ok:
        return
    edition, meant = pick_edition(context, year)
    if edition is None:
        await _no_edition(update, context, year)
        return
    await _send_summary(update, context, edition, meant)


async def _send_summary(
    update: Update, context: BotContext, edition: Edition, meant: int | None = None
) -> None:
    """The summary of /stats with its view buttons (also the views' "back" button)."""
    t, user = context.t, update.effective_user
    assert user is not None
    found = await service.summary(
        context.sessions, edition, context.clock.tz, user.id, context.deps.settings.admin_ids
    )
    day = today(context)
    earlier = [e.year for e in context.deps.editions.all if e.year < edition.year]
    previous = max(earlier) if earlier and day < edition.start else None
    text = report_texts.summary(t, edition, found.figures, day, previous, found.roster_later)
    if meant is not None:
        text = report_texts.other_edition(t, meant, edition.year) + "\n\n" + text
    await send(update, text, keyboards.report(t, edition.year, found.personal))


def _names_personal_view(data: str) -> bool:
    """A payload we cannot read is refused like the view it names."""
    parts = data.split(":")
    return len(parts) > 1 and parts[1] in PERSONAL_VIEWS


async def report_button(update: Update, context: BotContext) -> None:
    """rp:<view>:<year>; the role is checked again on every press."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = context.t
    pressed = ReportView.unpack(query.data)
    personal = pressed.personal if pressed is not None else _names_personal_view(query.data)
    minimum = Role.ADMIN if personal else Role.ORGANISER
    refusal = t.PERSONAL_DATA_ADMINS_ONLY if personal else None
    if not await allowed(update, context, minimum, refusal):
        return
    await answer_button(update)
    edition = context.deps.editions.get(pressed.year) if pressed is not None else None
    if pressed is None or edition is None:
        return
    view, back = pressed.view, keyboards.report_back(t, edition.year)
    if view == "sum":
        await _send_summary(update, context, edition)
    elif view in {"xlsx", "csv"}:
        await _send_export(update, context, edition, view)
    elif view == "chart":
        await _send_chart(update, context, edition)
    elif view == "top":
        learners = await service.top(context.sessions, edition)
        await send(update, report_texts.top(t, edition.year, learners), back)
    else:  # "day" or "unit"
        figures = await service.figures(context.sessions, edition, context.clock.tz)
        render = report_texts.by_day if view == "day" else report_texts.by_unit
        await send(update, render(t, figures), back)


async def _send_export(
    update: Update, context: BotContext, edition: Edition, fmt: str, meant: int | None = None
) -> None:
    t = context.t
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    now, tz = context.clock.now(), context.clock.tz
    found = await service.export(context.sessions, edition, tz, fmt, user.id, now)
    data = await files.export_file(t, fmt, edition, found.stats, found.rows, tz, now)
    caption = t.EXPORT_CAPTION.format(year=edition.year, checkins=t.fmt_number(found.checkins))
    if meant is not None:
        caption = report_texts.other_edition(t, meant, edition.year) + "\n" + caption
    name = files.export_name(edition.year, fmt)
    await chat.send_document(InputFile(data, filename=name), caption=caption)


async def _send_chart(update: Update, context: BotContext, edition: Edition) -> None:
    t = context.t
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    figures = await service.figures(context.sessions, edition, context.clock.tz)
    png = await files.chart_png(t, figures, today(context))
    caption = t.CHART_CAPTION.format(year=edition.year)
    await chat.send_photo(InputFile(png, filename=f"tuan-le-{edition.year}.png"), caption=caption)


@requires(Role.ADMIN, refusal=lambda t: t.PERSONAL_DATA_ADMINS_ONLY)
async def export(update: Update, context: BotContext) -> None:
    """/export [xlsx|csv] [year]: admins only, logged in the audit trail."""
    t = context.t
    args = [a.lower() for a in context.args or []]
    fmt = next((a for a in args if a in service.FORMATS), "xlsx")
    rest = [a for a in args if a not in service.FORMATS]
    if rest and looks_numeric(rest[0]):  # meant as a year
        ok, year = await requested_year(update, context, rest)
        if not ok:
            return
    else:
        year = None
    unknown = [a for a in rest if parse_year(a) is None]
    edition, meant = pick_edition(context, year)
    if unknown:
        await send(update, t.EXPORT_USAGE)
    elif edition is None:
        await _no_edition(update, context, year)
    else:
        await _send_export(update, context, edition, fmt, meant)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("stats", stats),
        command("export", export),
        CallbackQueryHandler(report_button, pattern=ReportView.pattern()),
    ]
