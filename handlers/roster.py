"""/roster (/danhsach), admins: the staff list's summary, its sample file, and importing a
file the admin sends: a preview first, then 📥 Nhập or Hủy. A .xlsx or .csv is taken at any
time; after /roster any document is, read by its content (a CSV saved as .txt works).

The pending file is kept as its Telegram file_id in the conversation's draft (persisted,
bot/transport/persistence.py) and downloaded again at 📥 Nhập, so a restart between the
preview and the press loses nothing. The button carries the roster's state at the preview:
if someone imported or merged units in between, nothing is imported and a new preview shown.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from telegram import Document, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.roles import Role
from bot.core.roster import RosterError
from bot.services import roster as service
from bot.ui import roster_texts
from bot.ui.buttons import RosterButton
from bot.ui.files.roster_read import MAX_BYTES, FileProblem, RosterFileError, read_table
from bot.ui.files.roster_write import template_xlsx
from handlers.access import requires
from handlers.commands import PRIVATE, command
from handlers.common import answer_button, conversation, or_end, replace_buttons, send
from handlers.receipts import reply_after_commit

CONFIRM, AWAIT = 0, 1
PENDING_FILE = "roster_file"  # the previewed file's file_id, until 📥 Nhập or Hủy
FILE_TIMEOUT = timedelta(minutes=15)
_EXTENSIONS = ("xlsx", "xls", "csv")
ROSTER_FILE = PRIVATE & (
    filters.Document.FileExtension("xlsx")
    | filters.Document.FileExtension("xls")
    | filters.Document.FileExtension("csv")
    | filters.Document.MimeType("text/csv")
)
# After /roster any document is the list: read by its content (XLSX, else CSV text), so a
# CSV saved as .txt works; anything else gets bot.ui.files.roster_read's one sentence.
ANY_FILE = PRIVATE & filters.Document.ALL
TEMPLATE_WORDS = {"mau", "mẫu", "template", "sample"}


def _refusal(t: Any) -> str:
    return str(t.ROSTER_NOT_ALLOWED)


@requires(Role.ADMIN, refusal=_refusal)
async def show(update: Update, context: BotContext) -> int:
    """/roster: the current list's summary, then any file sent is read as the list;
    "/roster mau" (or "template"): the sample, in the reader's language."""
    t = context.t
    if {a.lower() for a in context.args or []} & TEMPLATE_WORDS:
        chat = update.effective_chat
        assert chat is not None
        sample = template_xlsx(t.ROSTER_SAMPLE_HEADER, t.ROSTER_SAMPLE_ROWS, t.ROSTER_SAMPLE_SHEET)
        data = InputFile(sample, filename=t.ROSTER_TEMPLATE_NAME)
        await chat.send_document(data, caption=t.ROSTER_TEMPLATE_CAPTION)
        return ConversationHandler.END
    found = await service.summary(context.sessions)
    await send(update, roster_texts.summary(t, found, context.clock.tz))
    return AWAIT


async def _rows(update: Update, context: BotContext, file_id: str) -> list[list[str]] | None:
    """The file's rows, or None after saying in one sentence why it cannot be read."""
    t = context.t
    try:
        telegram_file = await context.bot.get_file(file_id)
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError:
        await send(update, t.ROSTER_DOWNLOAD_FAILED)
        return None
    try:
        # Parsing 50,000 rows takes a moment: off the event loop, other chats go on.
        return await asyncio.to_thread(read_table, data)
    except RosterFileError as exc:
        await send(update, t.ROSTER_FILE_PROBLEMS[exc.problem.value])
        return None


async def _preview(update: Update, context: BotContext, rows: list[list[str]]) -> bool:
    t = context.t
    try:
        shown = await service.preview(context.sessions, rows)
    except RosterError as exc:
        await send(update, t.ROSTER_PROBLEMS[exc.problem.value])
        return False
    text = roster_texts.preview(t, shown) + "\n\n" + t.ROSTER_CONFIRM_HINT
    await send(update, text, roster_texts.confirm_keyboard(t, shown.token))
    return True


@requires(Role.ADMIN, refusal=_refusal)
async def received(update: Update, context: BotContext) -> int:
    """A spreadsheet sent as a file (after /roster: any file, read by its content): check
    its size, read it, show the preview."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    document: Document | None = message.document
    assert document is not None
    context.user_data.pop(PENDING_FILE, None)
    # A refused file leaves the step open: the corrected file is read the same way.
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await send(update, context.t.ROSTER_FILE_PROBLEMS[FileProblem.TOO_BIG.value])
        return AWAIT
    rows = await _rows(update, context, document.file_id)
    if rows is None or not await _preview(update, context, rows):
        return AWAIT
    context.user_data[PENDING_FILE] = document.file_id
    return CONFIRM


@requires(Role.ADMIN, refusal=_refusal)
async def pressed(update: Update, context: BotContext) -> int:
    """📥 Nhập (import if the roster is as previewed) or Hủy."""
    query, actor = update.callback_query, update.effective_user
    assert query is not None and actor is not None and context.user_data is not None
    t = context.t
    button = RosterButton.unpack(query.data)
    file_id = context.user_data.get(PENDING_FILE)
    if button is None or not isinstance(file_id, str):
        await answer_button(update)
        await replace_buttons(update, t.ROSTER_EXPIRED)
        return ConversationHandler.END
    await answer_button(update)
    if button.action == "no":
        context.user_data.pop(PENDING_FILE, None)
        await replace_buttons(update, t.ROSTER_CANCELLED)
        return ConversationHandler.END
    rows = await _rows(update, context, file_id)
    if rows is None:
        return CONFIRM
    try:
        result = await service.import_roster(
            context.sessions, rows, actor.id, context.clock.now(), button.token
        )
    except RosterError as exc:  # the file cannot change; only a new code reads it otherwise
        await replace_buttons(update, t.ROSTER_PROBLEMS[exc.problem.value])
        return ConversationHandler.END
    if result.already:
        context.user_data.pop(PENDING_FILE, None)
        await replace_buttons(update, t.ROSTER_ALREADY)
        return ConversationHandler.END
    if result.stale:
        text = t.ROSTER_STALE + "\n\n" + roster_texts.preview(t, result.preview)
        text += "\n\n" + t.ROSTER_CONFIRM_HINT
        await replace_buttons(update, text, roster_texts.confirm_keyboard(t, result.preview.token))
        return CONFIRM
    context.user_data.pop(PENDING_FILE, None)
    await reply_after_commit(update, context, roster_texts.imported(t, result))
    return ConversationHandler.END


@requires(Role.ADMIN, refusal=_refusal)
async def stale_button(update: Update, context: BotContext) -> None:
    """A preview's button after its conversation ended (timeout, another file, done)."""
    await answer_button(update)
    await replace_buttons(update, context.t.ROSTER_EXPIRED)


def build() -> ConversationHandler[BotContext]:
    return conversation(
        entry_points=[MessageHandler(ROSTER_FILE, received), command("roster", show)],
        states={
            # or_end: an admin who lost the role mid-import is let out of the steps.
            AWAIT: [MessageHandler(ANY_FILE, or_end(received))],
            CONFIRM: [
                CallbackQueryHandler(or_end(pressed), pattern=RosterButton.pattern()),
                MessageHandler(ANY_FILE, or_end(received)),
            ],
        },
        fallbacks=[],
        allow_reentry=True,
        conversation_timeout=FILE_TIMEOUT,
        name="roster_import",
        persistent=True,
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        build(),
        CallbackQueryHandler(stale_button, pattern=RosterButton.pattern()),
    ]
