"""/edition (/tuanlemoi), admins only: the notice in (pasted, forwarded or a .txt/.docx
file), the review card (a button per field to correct it, ✅ Lưu, Hủy), then the save.

The draft is JSON in user_data (kept across restarts by the persistence); the role is
checked at the command, at every typed step and at every button press.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.editions import EditionsError
from bot.core.notice_extract import extract
from bot.core.notice_fields import (
    NoticeFields,
    from_edition,
    from_json,
    problems,
    to_edition,
    to_json,
)
from bot.core.notice_input import (
    PURPOSES_LIMIT,
    TEXT_LIMIT,
    FieldInputError,
    kind_of,
    read_value,
)
from bot.core.roles import Role
from bot.services import editions as service
from bot.services.notice_files import MAX_BYTES, NoticeFileError, notice_text
from bot.ui import edition_card, render
from bot.ui.buttons import EditionAction
from bot.ui.texts import Texts
from handlers.access import requires
from handlers.commands import CANCEL_TEXT, PRIVATE, STEP_TEXT, command
from handlers.common import answer_button, conversation, or_end, send
from handlers.flow import FLOW_TIMEOUT
from handlers.receipts import reply_after_commit

NOTICE, REVIEW, CORRECT = range(40, 43)
DRAFT_KEY = "edition_draft"  # {"fields": to_json(...), "sentences": {...}, "editing": name}
END = ConversationHandler.END
NOTICE_IN = PRIVATE & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL)


def _draft(context: BotContext) -> dict[str, Any] | None:
    assert context.user_data is not None
    draft = context.user_data.get(DRAFT_KEY)
    return draft if isinstance(draft, dict) else None


SENTENCE_KEPT = 400


def _fields(draft: dict[str, Any]) -> NoticeFields:
    return from_json(draft["fields"], draft.get("sentences"))


def _keep(context: BotContext, fields: NoticeFields, editing: str | None = None) -> None:
    assert context.user_data is not None
    context.user_data[DRAFT_KEY] = {
        "fields": to_json(fields),
        # The card shows a sentence shortened anyway; the draft keeps no more than it shows.
        "sentences": {k: v[:SENTENCE_KEPT] for k, v in fields.sentences.items()},
        "editing": editing,
    }


async def _show(update: Update, context: BotContext, fields: NoticeFields) -> int:
    saved = context.deps.editions.get(fields.year) if fields.year else None
    old = from_edition(saved) if saved is not None else None
    t = context.t
    await send(update, edition_card.card(t, fields, old), edition_card.keyboard(t))
    return REVIEW


@requires(Role.ADMIN)
async def start(update: Update, context: BotContext) -> int:
    """/edition, /tuanlemoi."""
    await send(update, context.t.ED_ASK)
    return NOTICE


@requires(Role.ADMIN)
async def notice(update: Update, context: BotContext) -> int:
    """The notice: text (typed, pasted or forwarded) or a .txt/.docx file."""
    t, message = context.t, update.effective_message
    assert message is not None
    text = message.text or ""
    if message.document is not None:
        document = message.document
        try:
            if (document.file_size or 0) > MAX_BYTES:
                raise NoticeFileError("too_big")
            name = document.file_name or ""
            if not name.lower().endswith((".txt", ".docx")):
                raise NoticeFileError("type")
            file = await context.bot.get_file(document.file_id)
            content = bytes(await file.download_as_bytearray())
            # Parsing a .docx and reading a long text take CPU: off the event loop.
            text = await asyncio.to_thread(notice_text, content, name)
        except NoticeFileError as exc:
            await send(update, t.ED_FILE_PROBLEMS[exc.kind])
            return NOTICE
        except TelegramError:
            await send(update, t.ED_FILE_PROBLEMS["unreachable"])
            return NOTICE
    fields = await asyncio.to_thread(extract, text)
    if not any(fields.given(n) for n in ("year", "start", "theme", "plan_number")):
        await send(update, t.ED_NOT_NOTICE)
        return NOTICE
    _keep(context, fields)
    return await _show(update, context, fields)


@requires(Role.ADMIN)
async def pressed(update: Update, context: BotContext) -> int:
    """A button on the card: correct a field, save, or drop."""
    query, t = update.callback_query, context.t
    assert query is not None
    payload, draft = EditionAction.unpack(query.data), _draft(context)
    if payload is None or draft is None:
        await answer_button(update, t.ED_GONE)
        return END
    fields = _fields(draft)
    if payload.action == "drop":
        await answer_button(update)
        assert context.user_data is not None
        context.user_data.pop(DRAFT_KEY, None)
        await send(update, t.ED_DROPPED)
        return END
    if payload.action == "fix":
        await answer_button(update)
        _keep(context, fields, payload.field)
        kind = kind_of(payload.field)
        label = t.ED_FIELDS[payload.field]
        lines = [t.ED_ASK_VALUE.format(field=label, hint=t.ED_HINTS[kind])]
        if fields.given(payload.field):
            value = edition_card.value_text(t, fields.value(payload.field))
            lines.append(t.ED_NOW.format(value=value))
        await send(update, "\n".join(lines))
        return CORRECT
    return await _save(update, context, fields)


async def _save(update: Update, context: BotContext, fields: NoticeFields) -> int:
    t, user = context.t, update.effective_user
    assert user is not None
    missing = fields.missing()
    if missing:
        await answer_button(update)
        names = ", ".join(t.ED_FIELDS[n] for n in missing)
        await send(update, t.ED_MISSING.format(fields=names), edition_card.keyboard(t))
        return REVIEW
    try:
        edition = to_edition(fields)
    except EditionsError:
        await answer_button(update)
        code = (*problems(fields), "order")[0]  # the start-up check refused these dates
        await send(update, _problem(t, fields, code), edition_card.keyboard(t))
        return REVIEW
    saved = await service.publish(
        context.sessions,
        context.deps.editions,
        edition,
        actor=user.id,
        admin_ids=context.deps.settings.admin_ids,
        now=context.clock.now(),
    )
    if saved is None:
        await answer_button(update, t.NOT_ALLOWED_ADMIN)
        return END
    await answer_button(update)
    assert context.user_data is not None
    context.user_data.pop(DRAFT_KEY, None)
    if saved.unchanged:
        await send(update, t.ED_SAVED_UNCHANGED.format(year=edition.year))
        return END
    text = t.ED_SAVED.format(
        year=edition.year,
        start=edition.start.strftime("%d/%m/%Y"),
        end=edition.end.strftime("%d/%m/%Y"),
        theme=render.echo(edition.theme, 200),
    )
    await reply_after_commit(update, context, text, edit=False)
    return END


def _problem(t: Texts, fields: NoticeFields, code: str) -> str:
    start = fields.start.strftime("%d/%m/%Y") if fields.start else ""
    end = fields.end.strftime("%d/%m/%Y") if fields.end else ""
    return t.ED_BAD[code].format(start=start, end=end)


@requires(Role.ADMIN)
async def corrected(update: Update, context: BotContext) -> int:
    """The value typed for the field being corrected: checked, then the card again."""
    t, message, draft = context.t, update.effective_message, _draft(context)
    assert message is not None
    if draft is None or not draft.get("editing"):
        await send(update, t.ED_GONE)
        return END
    name, fields = str(draft["editing"]), _fields(draft)
    typed = message.text or ""
    try:
        value = read_value(name, typed)
    except FieldInputError as exc:
        text = t.ED_BAD[exc.problem].format(text=render.echo(typed, 60), limit=_limit(name))
        await send(update, text)
        return CORRECT
    changed = fields.with_value(name, value)
    new_problems = [p for p in problems(changed) if p not in problems(fields)]
    if new_problems:
        await send(update, _problem(t, changed, new_problems[0]))
        return CORRECT
    _keep(context, changed)
    return await _show(update, context, changed)


def _limit(name: str) -> int:
    return PURPOSES_LIMIT if name == "purposes" else TEXT_LIMIT


async def review_text(update: Update, context: BotContext) -> int:
    """Typed while the card waits for a button: the buttons again, under the reminder."""
    await send(update, context.t.ED_PRESS, edition_card.keyboard(context.t))
    return REVIEW


async def cancel(update: Update, context: BotContext) -> int:
    assert context.user_data is not None
    context.user_data.pop(DRAFT_KEY, None)
    await send(update, context.t.CANCELLED)
    return END


@requires(Role.ADMIN)
async def stale(update: Update, context: BotContext) -> None:
    """A card's button outside the flow (an old card, a finished flow)."""
    await answer_button(update, context.t.ED_GONE)


def build() -> ConversationHandler[BotContext]:
    return conversation(
        entry_points=[command("edition", start)],
        states={
            NOTICE: [
                MessageHandler(CANCEL_TEXT, cancel),
                MessageHandler(NOTICE_IN, or_end(notice)),
            ],
            REVIEW: [
                CallbackQueryHandler(or_end(pressed), pattern=EditionAction.pattern()),
                MessageHandler(CANCEL_TEXT, cancel),
                MessageHandler(PRIVATE & ~filters.COMMAND, review_text),
            ],
            CORRECT: [
                MessageHandler(CANCEL_TEXT, cancel),
                MessageHandler(STEP_TEXT, or_end(corrected)),
                CallbackQueryHandler(or_end(pressed), pattern=EditionAction.pattern()),
            ],
        },
        fallbacks=[command("cancel", cancel)],
        allow_reentry=True,
        # As every flow: the conversation store forgets drafts older than FLOW_TIMEOUT, so a
        # longer timeout here would end differently before and after a restart.
        conversation_timeout=FLOW_TIMEOUT,
        name="edition_entry",
        persistent=True,  # kept in the database across restarts (bot/transport/persistence.py)
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [build(), CallbackQueryHandler(stale, pattern=EditionAction.pattern())]
