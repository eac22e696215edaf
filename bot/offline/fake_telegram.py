"""A stand-in for Telegram's servers, in process: the offline console and the tests use it.

It answers the Bot API methods the bot uses, keeps the messages it was sent, and rejects
what Telegram would reject (unknown method or field, missing field, text too long, bad
HTML, callback_data over 64 bytes, a chat that never talked to the bot). Faults can be
queued to test RetryAfter and Forbidden handling.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.offline.fake_files import FILE_URL_PART, FileStore
from bot.ui import telegram_api as api
from bot.ui.tg_html import HtmlError, parsed_length

BOT_ID = 777000001
BOT_USERNAME = "hoctapsuotdoi_bot"
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"[a-z]{2}")  # a two-letter ISO 639-1 code
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


class Rejected(Exception):
    """What Telegram would answer with ok=false."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Upload:
    filename: str
    content: bytes


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edits: int = 0
    media: tuple[str, str] | None = None  # ("photo" | "document", file_id or file name)
    upload: bytes | None = None  # the file's bytes when it was uploaded, not sent by file_id


@dataclass
class _Fault:
    method: str
    error: Rejected
    chat_id: int | None


@dataclass
class OfflineTelegram(BaseRequest):
    """The fake server. `chats` maps chat id -> type for chats that talked to the bot."""

    # Telegram's own clock, which dates every message. By default the wall clock, as on the
    # real servers; tests and the console tie it to the bot's clock.
    clock_seconds: Callable[[], int] = field(default=lambda: int(time.time()))
    on_message: Callable[[SentMessage], None] | None = None
    calls: list[Call] = field(default_factory=list)
    rejections: list[tuple[str, str]] = field(default_factory=list)
    messages: dict[tuple[int, int], SentMessage] = field(default_factory=dict)
    chats: dict[int, str] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    menus: dict[tuple[str | int, str], list[str]] = field(default_factory=dict)
    descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    uploads: FileStore = field(default_factory=FileStore)  # files users sent (getFile)
    # Ids of the messages the bot sends; the console passes one that never repeats an id.
    new_id: Callable[[], int] | None = None
    _faults: deque[_Fault] = field(default_factory=deque)
    _next_id: int = 1

    # --- BaseRequest ----------------------------------------------------------------
    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if FILE_URL_PART in url:  # a download of a file a user sent (after getFile)
            content = self.uploads.download(url)
            return (200, content) if content is not None else (404, b"Not Found")
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        for value in params.values():
            if isinstance(value, str):
                # The HTTP client encodes the body as UTF-8 and fails on a lone surrogate,
                # before anything reaches Telegram: the same exception, raised here.
                value.encode("utf-8")
        # Uploaded files travel as multipart parts, not as parameters.
        for field_name, part in (
            (request_data.multipart_data or {}) if request_data else {}
        ).items():
            content = part[1] if isinstance(part[1], bytes) else part[1].read()
            params[field_name] = _Upload(str(part[0]), content)
        self.calls.append(Call(name, params))
        try:
            result = self._dispatch(name, params)
        except Rejected as exc:
            self.rejections.append((name, exc.description))
            body: dict[str, Any] = {
                "ok": False,
                "error_code": exc.code,
                "description": exc.description,
            }
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return exc.code, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # --- test and console helpers ------------------------------------------------------
    def add_chat(self, chat_id: int, kind: str = "private") -> None:
        """Record that a chat talked to the bot (Telegram only lets bots answer those)."""
        self.chats[chat_id] = kind

    def fail_next(
        self,
        method: str,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `method` call (to `chat_id`, if given) fail with this error."""
        self._faults.append(_Fault(method, Rejected(code, description, retry_after), chat_id))

    def sent(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages the bot sent (in order), optionally to one chat."""
        return [m for m in self.messages.values() if chat_id is None or m.chat_id == chat_id]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    # --- the API ------------------------------------------------------------------------
    def _dispatch(self, name: str, params: dict[str, Any]) -> Any:
        spec = api.METHODS.get(name)
        if spec is None:
            raise Rejected(404, "Not Found: method not found")
        missing = spec.required - params.keys()
        if missing:
            raise Rejected(400, f"Bad Request: parameter {sorted(missing)[0]} is required")
        unknown = params.keys() - spec.fields
        if unknown:
            raise Rejected(400, f"Bad Request: unexpected parameter {sorted(unknown)[0]}")
        for fault in list(self._faults):
            if fault.method == name and fault.chat_id in (None, params.get("chat_id")):
                self._faults.remove(fault)
                raise fault.error
        handler = getattr(self, f"_api_{name}", None)
        return handler(params) if handler else True

    def _message_id(self) -> int:
        if self.new_id is not None:
            return self.new_id()
        self._next_id += 1
        return self._next_id - 1

    def _check_chat(self, chat_id: Any) -> int:
        chat = int(chat_id)
        if chat in self.blocked:
            raise Rejected(403, "Forbidden: bot was blocked by the user")
        if chat not in self.chats:
            raise Rejected(400, "Bad Request: chat not found")
        return chat

    def _check_text(self, text: Any, limit: api.Limit, html: bool) -> str:
        if text is None and limit.low == 0:
            return ""
        if not isinstance(text, str):
            raise Rejected(400, "Bad Request: message text is empty")
        try:
            length = parsed_length(text) if html else len(text.encode("utf-16-le")) // 2
        except HtmlError as exc:
            raise Rejected(400, f"Bad Request: can't parse entities: {exc}") from exc
        if limit.low and (length < limit.low or not text.strip()):
            raise Rejected(400, "Bad Request: message text is empty")
        if length > limit.high:
            raise Rejected(400, f"Bad Request: {'message' if limit.low else 'caption'} is too long")
        return text

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        if markup is None:
            return None
        rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
        if not isinstance(rows, list):
            raise Rejected(400, "Bad Request: unsupported reply markup")
        for row in rows:
            for button in row:
                if not button.get("text"):
                    raise Rejected(400, "Bad Request: button text is empty")
                data = button.get("callback_data")
                kinds = [k for k in ("callback_data", "url", "copy_text") if k in button]
                if len(kinds) != 1:
                    raise Rejected(400, "Bad Request: a button needs exactly one action")
                if data is not None:
                    size = len(str(data).encode("utf-8"))
                    if not api.CALLBACK_DATA.low <= size <= api.CALLBACK_DATA.high:
                        raise Rejected(400, "Bad Request: BUTTON_DATA_INVALID")
        return dict(markup)

    def message_json(self, m: SentMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": m.message_id,
            "date": self.clock_seconds(),
            "chat": {"id": m.chat_id, "type": self.chats.get(m.chat_id, "private")},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Học tập suốt đời"},
        }
        if m.media is None:
            data["text"] = m.text
        else:
            kind, file_id = m.media
            data["caption"] = m.text
            if kind == "photo":
                data["photo"] = [
                    {
                        "file_id": file_id,
                        "file_unique_id": file_id[-8:],
                        "width": 800,
                        "height": 600,
                    }
                ]
            else:
                data["document"] = {"file_id": file_id, "file_unique_id": file_id[-8:]}
        if m.edits:
            data["edit_date"] = self.clock_seconds()
        if m.reply_markup:
            data["reply_markup"] = m.reply_markup
        return data

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Học tập suốt đời",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_getUpdates(self, params: dict[str, Any]) -> list[Any]:
        return []

    # The command menus and descriptions the bot set, as Telegram keeps them: per scope
    # ("default" or a chat id) and language ("" for every language without its own).
    def _scope(self, params: dict[str, Any]) -> str | int:
        scope = params.get("scope") or {"type": "default"}
        kind = scope.get("type") if isinstance(scope, dict) else None
        if kind not in _SCOPES:
            raise Rejected(400, "Bad Request: wrong parameter scope")
        if kind in ("chat", "chat_administrators", "chat_member"):
            if "chat_id" not in scope:
                raise Rejected(400, "Bad Request: chat_id is empty")
            if int(scope["chat_id"]) not in self.chats:
                raise Rejected(400, "Bad Request: chat not found")
            if kind == "chat":
                return int(scope["chat_id"])
        # The bot sets only the default and per-chat scopes; others are accepted and kept.
        return str(kind)

    @staticmethod
    def _language(params: dict[str, Any]) -> str:
        code = params.get("language_code") or ""
        if code and not _LANGUAGE.fullmatch(code):
            raise Rejected(400, "Bad Request: LANG_CODE_INVALID")
        return str(code)

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params["commands"]
        if len(commands) > 100:
            raise Rejected(400, "Bad Request: too many commands")
        for command in commands:
            if not _COMMAND.fullmatch(command.get("command", "")):
                raise Rejected(400, "Bad Request: BOT_COMMAND_INVALID")
            description = command.get("description", "")
            if not api.COMMAND_DESCRIPTION.low <= len(description) <= api.COMMAND_DESCRIPTION.high:
                raise Rejected(400, "Bad Request: command description is invalid")
        key = (self._scope(params), self._language(params))
        if commands:  # an empty list is the same as deleting the menu
            self.menus[key] = [c["command"] for c in commands]
        else:
            self.menus.pop(key, None)
        return True

    def _api_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self.menus.pop((self._scope(params), self._language(params)), None)
        return True

    def _api_setMyDescription(self, params: dict[str, Any]) -> bool:
        text = params.get("description") or ""
        if len(text) > api.DESCRIPTION.high:
            raise Rejected(400, "Bad Request: description is too long")
        self.descriptions[("description", self._language(params))] = text
        return True

    def _api_setMyShortDescription(self, params: dict[str, Any]) -> bool:
        text = params.get("short_description") or ""
        if len(text) > api.SHORT_DESCRIPTION.high:
            raise Rejected(400, "Bad Request: short description is too long")
        self.descriptions[("short_description", self._language(params))] = text
        return True

    def menu_seen(self, chat_id: int, language: str = "") -> list[str]:
        """The command names a user in their private chat sees, resolved like Telegram: this
        chat in their language, this chat, then the default scope in their language, default."""
        for key in ((chat_id, language), (chat_id, ""), ("default", language), ("default", "")):
            if key in self.menus:
                return self.menus[key]
        return []

    def description_seen(self, kind: str, language: str = "") -> str:
        """What a person sees before pressing Start ("description" or "short_description")."""
        return self.descriptions.get((kind, language), self.descriptions.get((kind, ""), ""))

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._check_chat(params["chat_id"])
        html = params.get("parse_mode") == "HTML"
        text = self._check_text(params["text"], api.TEXT, html)
        markup = self._check_markup(params.get("reply_markup"))
        message = SentMessage(chat, self._message_id(), text, markup)
        self.messages[(chat, message.message_id)] = message
        if self.on_message:
            self.on_message(message)
        return self.message_json(message)

    def _send_media(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        chat = self._check_chat(params["chat_id"])
        html = params.get("parse_mode") == "HTML"
        caption = self._check_text(params.get("caption"), api.CAPTION, html)
        markup = self._check_markup(params.get("reply_markup"))
        media = params[kind]
        upload = media.content if isinstance(media, _Upload) else None
        if upload is not None and not upload:
            raise Rejected(400, "Bad Request: file must be non-empty")
        file_ref = media.filename if isinstance(media, _Upload) else str(media)
        message = SentMessage(
            chat, self._message_id(), caption, markup, media=(kind, file_ref), upload=upload
        )
        self.messages[(chat, message.message_id)] = message
        if self.on_message:
            self.on_message(message)
        return self.message_json(message)

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "photo")

    def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "document")

    def _edited(self, params: dict[str, Any]) -> SentMessage:
        chat = self._check_chat(params.get("chat_id"))
        message = self.messages.get((chat, int(params.get("message_id", 0))))
        if message is None:
            raise Rejected(400, "Bad Request: message to edit not found")
        return message

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._edited(params)
        html = params.get("parse_mode") == "HTML"
        text = self._check_text(params.get("text"), api.EDIT_TEXT, html)
        markup = self._check_markup(params.get("reply_markup"))
        if text == message.text and markup == message.reply_markup:
            raise Rejected(400, "Bad Request: message is not modified")
        message.text, message.reply_markup = text, markup
        message.edits += 1
        if self.on_message:
            self.on_message(message)
        return self.message_json(message)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._edited(params)
        markup = self._check_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise Rejected(400, "Bad Request: message is not modified")
        message.reply_markup = markup
        message.edits += 1
        return self.message_json(message)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        text = params.get("text", "")
        if len(text) > api.CALLBACK_ANSWER.high:
            raise Rejected(400, "Bad Request: callback answer text is too long")
        return True

    def _api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        result, error = self.uploads.get_file(str(params["file_id"]))
        if result is None:
            raise Rejected(400, error)
        return result

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._check_chat(params["chat_id"])
        return True
