"""The offline console chat: the real Application against the in-process fake Telegram."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Callable
from typing import Any

from telegram import Update

from bot.app import build_application, running
from bot.context import BotApp, deps_of
from bot.core.numbers import parse_int
from bot.offline.fake_telegram import OfflineTelegram, SentMessage
from bot.offline.fake_updates import FakeUser, UpdateFactory
from settings import Settings

BANNER = (
    "🔌 CHẾ ĐỘ NGOẠI TUYẾN (offline): chưa có TELEGRAM_BOT_TOKEN nên bot chạy ngay trong "
    "cửa sổ này, không kết nối Telegram."
)
HINT = (
    "Gõ tin nhắn như trên Telegram (ví dụ: chủ đề năm nay là gì, /diemdanh, /help). "
    "Gõ số để bấm nút đang hiện; gửi một con số dưới dạng chữ thì thêm dấu ' phía trước "
    "(ví dụ '45). Gõ /quit hoặc Ctrl-D để thoát."
)
_BOLD = re.compile(r"</?(b|strong)>")
_ITALIC = re.compile(r"</?(i|em)>")
_TAG = re.compile(r"<[^>]+>")


def to_terminal(text: str, ansi: bool) -> str:
    """HTML message -> terminal text (bold/italic as ANSI when the terminal supports it)."""
    if ansi:
        text = _BOLD.sub(lambda m: "\033[0m" if m[0].startswith("</") else "\033[1m", text)
        text = _ITALIC.sub(lambda m: "\033[0m" if m[0].startswith("</") else "\033[3m", text)
    return html.unescape(_TAG.sub("", text))


class Console:
    """One person chatting with the bot; prints what the bot sends, numbers its buttons."""

    def __init__(
        self,
        app: BotApp,
        telegram: OfflineTelegram,
        user: FakeUser,
        write: Callable[[str], Any] = print,
        ansi: bool = False,
    ) -> None:
        self.app = app
        self.user = user
        self.factory = UpdateFactory(telegram)
        self.buttons: list[tuple[str, SentMessage]] = []
        self._write = write
        self._ansi = ansi
        telegram.on_message = self._show

    def _show(self, message: SentMessage) -> None:
        self._write("")
        self._write(to_terminal(message.text, self._ansi))
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        buttons = [b for row in rows for b in row if "callback_data" in b]
        # Numbers press the buttons of the newest message only; none shown, none pressed.
        self.buttons = [(b["callback_data"], message) for b in buttons]
        if buttons:
            labels = [f"[{i}] {b['text']}" for i, b in enumerate(buttons, 1)]
            self._write("   ".join(labels))

    async def _process(self, payload: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the person wants to leave."""
        text = line.strip()
        if text in {"/quit", "/exit"}:
            return False
        if not text:
            return True
        number = parse_int(text, 1, len(self.buttons)) if self.buttons else None
        if number is not None:
            data, message = self.buttons[number - 1]
            await self._process(self.factory.press(self.user, message, data))
            return True
        await self._process(self.factory.message(self.user, text.removeprefix("'")))
        return True


async def run_console(settings: Settings, user: FakeUser) -> None:
    """Chat with the bot in this terminal until /quit or end of input."""
    print(BANNER, flush=True)
    telegram = OfflineTelegram()
    app = build_application(settings, request=telegram)
    # Messages are dated by the bot's clock, so a rehearsal (BOT_CLOCK_START) dates them too.
    bot_clock = deps_of(app).clock
    telegram.clock_seconds = lambda: int(bot_clock.now().timestamp())
    console = Console(app, telegram, user, ansi=sys.stdout.isatty())
    async with running(app):
        clock = app.bot_data["deps"].clock.now()
        print(f"Cơ sở dữ liệu: {settings.database_url} · Giờ của bot: {clock:%d/%m/%Y %H:%M %Z}")
        print(HINT)
        await console.handle("/start")
        while True:
            line = await asyncio.to_thread(_read_line)
            if line is None or not await console.handle(line):
                break
    print("Tạm biệt!")


def _read_line() -> str | None:
    try:
        return input("\n> ")
    except EOFError:
        return None
