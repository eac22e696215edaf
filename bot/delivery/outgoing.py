"""One message as it will reach a chat: text, photo or document (a file Telegram already
holds, or bytes built for this message), with optional buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message

from bot.delivery.ratelimit import before_send as _before_send
from db.queries.broadcasts import Content


@dataclass(frozen=True, slots=True)
class Outgoing:
    kind: str  # text | photo | document
    text: str  # HTML: the message text or the caption
    markup: InlineKeyboardMarkup | None = None
    file_id: str | None = None
    data: bytes | None = None  # a document built for this message (a certificate, a report)
    filename: str = ""

    @classmethod
    def of(cls, content: Content) -> Outgoing:
        return cls(content.kind, content.text_html, None, content.file_id)

    @classmethod
    def notice(cls, payload: dict[str, Any]) -> Outgoing:
        """A pre-rendered notice from the outbox (db.queries.outbox.queue_notice)."""
        markup = payload.get("markup")
        return cls(
            "text",
            str(payload["text"]),
            InlineKeyboardMarkup.de_json(markup, None) if isinstance(markup, dict) else None,
        )


async def deliver(
    bot: Bot,
    chat_id: int,
    out: Outgoing,
    before_send: Callable[[], Awaitable[None]] | None = None,
) -> Message:
    """Send it with the Bot API method its kind needs.

    `before_send` is awaited once the request is about to leave: by the rate limiter, after
    its wait, or here at once for a bot without one. If it raises, nothing is sent.
    """
    if before_send is not None and getattr(bot, "rate_limiter", None) is None:
        await before_send()
        before_send = None
    token = _before_send.set(before_send)
    try:
        return await _send(bot, chat_id, out)
    finally:
        _before_send.reset(token)


async def _send(bot: Bot, chat_id: int, out: Outgoing) -> Message:
    caption = out.text or None
    if out.kind == "photo" and out.file_id:
        return await bot.send_photo(chat_id, out.file_id, caption=caption, reply_markup=out.markup)
    if out.kind == "document" and out.data is not None:
        document = InputFile(out.data, filename=out.filename)
        return await bot.send_document(chat_id, document, caption=caption, reply_markup=out.markup)
    if out.kind == "document" and out.file_id:
        return await bot.send_document(
            chat_id, out.file_id, caption=caption, reply_markup=out.markup
        )
    return await bot.send_message(chat_id, out.text, reply_markup=out.markup)
