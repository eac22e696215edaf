"""The slice of the Telegram Bot API this bot uses: methods, their fields, and limits.

Kept in the project so it works without network or the full spec; a test checks it against
the official machine-readable spec when that is available.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MethodSpec:
    required: frozenset[str]
    optional: frozenset[str]

    @property
    def fields(self) -> frozenset[str]:
        return self.required | self.optional


def _m(required: str = "", optional: str = "") -> MethodSpec:
    return MethodSpec(frozenset(required.split()), frozenset(optional.split()))


_REPLY = "reply_markup reply_parameters disable_notification protect_content message_thread_id"

METHODS: dict[str, MethodSpec] = {
    "getMe": _m(),
    "getUpdates": _m(optional="offset limit timeout allowed_updates"),
    "deleteWebhook": _m(optional="drop_pending_updates"),
    "setWebhook": _m(
        "url",
        "certificate ip_address max_connections allowed_updates drop_pending_updates secret_token",
    ),
    "setMyCommands": _m("commands", "scope language_code"),
    "deleteMyCommands": _m(optional="scope language_code"),
    "setMyDescription": _m(optional="description language_code"),
    "setMyShortDescription": _m(optional="short_description language_code"),
    "sendMessage": _m("chat_id text", f"parse_mode entities link_preview_options {_REPLY}"),
    "sendPhoto": _m("chat_id photo", f"caption parse_mode caption_entities {_REPLY}"),
    "sendDocument": _m("chat_id document", f"caption parse_mode caption_entities {_REPLY}"),
    "editMessageText": _m(
        optional="chat_id message_id inline_message_id text parse_mode entities "
        "link_preview_options reply_markup"
    ),
    "editMessageReplyMarkup": _m(optional="chat_id message_id inline_message_id reply_markup"),
    "answerCallbackQuery": _m("callback_query_id", "text show_alert url cache_time"),
    "sendChatAction": _m("chat_id action", "message_thread_id"),
    "deleteMessage": _m("chat_id message_id"),
    "getFile": _m("file_id"),
}


@dataclass(frozen=True, slots=True)
class Limit:
    """An inclusive size range, and where the spec states it (method or type, field)."""

    low: int
    high: int
    unit: str  # "characters" or "bytes"
    where: tuple[str, str]


TEXT = Limit(1, 4096, "characters", ("sendMessage", "text"))
EDIT_TEXT = Limit(1, 4096, "characters", ("editMessageText", "text"))
CALLBACK_DATA = Limit(1, 64, "bytes", ("InlineKeyboardButton", "callback_data"))
CALLBACK_ANSWER = Limit(0, 200, "characters", ("answerCallbackQuery", "text"))
COMMAND = Limit(1, 32, "characters", ("BotCommand", "command"))
COMMAND_DESCRIPTION = Limit(1, 256, "characters", ("BotCommand", "description"))
DESCRIPTION = Limit(0, 512, "characters", ("setMyDescription", "description"))
SHORT_DESCRIPTION = Limit(0, 120, "characters", ("setMyShortDescription", "short_description"))
CAPTION = Limit(0, 1024, "characters", ("sendPhoto", "caption"))

# HTML parse mode: the only tags Telegram accepts, with the attributes each may carry.
HTML_TAGS: dict[str, frozenset[str]] = {
    **{
        tag: frozenset()
        for tag in ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre"]
    },
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "code": frozenset({"class"}),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
HTML_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
