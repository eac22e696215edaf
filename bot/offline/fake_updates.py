"""Raw Telegram updates (as dicts) for the offline console and the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.offline.fake_telegram import OfflineTelegram, SentMessage


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user for the console and tests."""

    id: int
    first_name: str = "An"
    language_code: str | None = "vi"
    username: str | None = None

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        return data


class UpdateFactory:
    """Builds raw Update payloads (dicts) the way Telegram would deliver them."""

    def __init__(self, telegram: OfflineTelegram, ids: Callable[[], int] | None = None) -> None:
        """`ids`, when given, numbers updates, messages and presses (the console's never
        repeat across restarts); else each has its own counter, as the tests expect."""
        self.telegram = telegram
        self._ids = ids
        self._update_id = 1000
        self._message_id = 5000
        self._callback_id = 9000

    def _next_update(self) -> int:
        self._update_id = self._ids() if self._ids else self._update_id + 1
        return self._update_id

    def _next_message(self) -> int:
        self._message_id = self._ids() if self._ids else self._message_id + 1
        return self._message_id

    def _chat(self, user: FakeUser, chat_id: int | None, kind: str) -> dict[str, Any]:
        cid = user.id if chat_id is None else chat_id
        self.telegram.add_chat(cid, kind)
        if kind == "private":
            return {"id": cid, "type": kind, "first_name": user.first_name}
        return {"id": cid, "type": kind, "title": "Phòng Tổng hợp"}

    def message_json(
        self,
        user: FakeUser,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        kind: str = "private",
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._next_message(),
            "date": self.telegram.clock_seconds(),
            "chat": self._chat(user, chat_id, kind),
            "from": user.json(),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message.update(extra or {})
        return message

    def message(self, user: FakeUser, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """A new message from `user` (text, or other content through `extra`)."""
        return {
            "update_id": self._next_update(),
            "message": self.message_json(user, text, **kwargs),
        }

    def edited(self, user: FakeUser, text: str) -> dict[str, Any]:
        message = self.message_json(user, text)
        message["edit_date"] = message["date"]
        return {"update_id": self._next_update(), "edited_message": message}

    def sticker(self, user: FakeUser) -> dict[str, Any]:
        sticker = {
            "file_id": "CAACAgIAAx",
            "file_unique_id": "AgAD",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.message(user, extra={"sticker": sticker})

    def document(
        self,
        user: FakeUser,
        content: bytes,
        file_name: str,
        mime_type: str = "application/octet-stream",
        *,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """`user` sends a file (kept by the fake Telegram for getFile and the download)."""
        stored = self.telegram.uploads.put(content, file_name, mime_type)
        extra: dict[str, Any] = {"document": self.telegram.uploads.document_json(stored)}
        if caption is not None:
            extra["caption"] = caption
        return self.message(user, extra=extra)

    def press(self, user: FakeUser, message: SentMessage, data: str) -> dict[str, Any]:
        """The user presses a button carrying `data` under one of the bot's messages."""
        self._callback_id = self._ids() if self._ids else self._callback_id + 1
        return {
            "update_id": self._next_update(),
            "callback_query": {
                "id": str(self._callback_id),
                "from": user.json(),
                "chat_instance": f"ci{message.chat_id}",
                "message": self.telegram.message_json(message),
                "data": data,
            },
        }
