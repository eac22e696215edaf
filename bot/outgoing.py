"""One message as it will reach a chat: text, photo or document, with optional buttons."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup, Message

from db.queries.broadcasts import Content


@dataclass(frozen=True, slots=True)
class Outgoing:
    kind: str  # text | photo | document
    text: str  # HTML: the message text or the caption
    markup: InlineKeyboardMarkup | None = None
    file_id: str | None = None

    @classmethod
    def of(cls, content: Content) -> Outgoing:
        return cls(content.kind, content.text_html, None, content.file_id)


async def deliver(bot: Bot, chat_id: int, out: Outgoing) -> Message:
    """Send it with the Bot API method its kind needs."""
    caption = out.text or None
    if out.kind == "photo" and out.file_id:
        return await bot.send_photo(chat_id, out.file_id, caption=caption, reply_markup=out.markup)
    if out.kind == "document" and out.file_id:
        return await bot.send_document(
            chat_id, out.file_id, caption=caption, reply_markup=out.markup
        )
    return await bot.send_message(chat_id, out.text, reply_markup=out.markup)
