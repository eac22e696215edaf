"""The offline console chat: the real Application against the in-process fake Telegram."""

from __future__ import annotations

import asyncio
import html
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application, running
from bot.context import BotApp, deps_of
from bot.core.numbers import parse_int
from bot.offline.acting import Acting, settings_for, take_role
from bot.offline.fake_telegram import OfflineTelegram, SentMessage
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.offline.files import FileShelf
from bot.offline.ids import IdSeries, mark_beside
from bot.transport.instance_lock import sqlite_file
from settings import Settings

BANNER = (
    "🔌 CHẾ ĐỘ NGOẠI TUYẾN (offline): chưa có TELEGRAM_BOT_TOKEN nên bot chạy ngay trong "
    "cửa sổ này, không kết nối Telegram."
)
HINT = (
    "Gõ tin nhắn như trên Telegram (ví dụ: chủ đề năm nay là gì, /diemdanh, /help). "
    "Gõ số để bấm nút đang hiện; gửi một con số dưới dạng chữ thì thêm dấu ' phía trước "
    "(ví dụ '45). Gửi một tệp (danh sách cán bộ, thông báo): gõ :tep đường/dẫn/tệp. "
    "Gõ /quit hoặc Ctrl-D để thoát."
)
NO_FILE = "📎 Không đọc được tệp {path}: {reason}"
_MIME = {
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}
# The console's own lines, like the banner: the person at the terminal reads Vietnamese.
SAVED_FILE = "📎 Đã lưu tệp bot gửi: {path}"
UNSAVED_FILE = "📎 Bot gửi một tệp đã có trên Telegram ({ref}): ngoại tuyến không có nội dung."
ACTING = {
    Acting.ADMIN: "Bạn đóng vai quản trị viên (mã {id}, thuộc ADMIN_IDS trong lần chạy này).",
    Acting.ORGANISER: "Bạn đóng vai ban tổ chức (mã {id}).",
    Acting.OFFICIAL: "Bạn đóng vai cán bộ (mã {id}); --as admin hoặc --as organiser để đổi vai.",
}
ROLE_GRANTED = "Đã cấp vai trò ban tổ chức cho mã {id} (nhật ký thao tác ghi via=console)."
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
        ids: Callable[[], int] | None = None,
        files: FileShelf | None = None,
    ) -> None:
        self.app = app
        self.user = user
        if ids is not None:  # one series for both sides, as in a Telegram chat
            telegram.new_id = ids
        self.factory = UpdateFactory(telegram, ids)
        self.buttons: list[tuple[str, SentMessage]] = []
        self._write = write
        self._ansi = ansi
        self._files = files
        self._shelved: set[tuple[int, int]] = set()
        telegram.on_message = self._show

    def _show(self, message: SentMessage) -> None:
        self._write("")
        if message.text:
            self._write(to_terminal(message.text, self._ansi))
        self._show_file(message)
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        buttons = [b for row in rows for b in row if "callback_data" in b]
        # Numbers press the buttons of the newest message only; none shown, none pressed.
        self.buttons = [(b["callback_data"], message) for b in buttons]
        if buttons:
            labels = [f"[{i}] {b['text']}" for i, b in enumerate(buttons, 1)]
            self._write("   ".join(labels))

    def _show_file(self, message: SentMessage) -> None:
        """A file the bot sends is saved where a person can open it, and the path printed."""
        key = (message.chat_id, message.message_id)
        if message.media is None or key in self._shelved:
            return
        self._shelved.add(key)
        if message.upload is None or self._files is None:
            self._write(UNSAVED_FILE.format(ref=message.media[1]))
            return
        path = self._files.save(message.media[1], message.upload)
        self._write(SAVED_FILE.format(path=path))

    async def _process(self, payload: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the person wants to leave."""
        text = line.strip()
        if text in {"/quit", "/exit"}:
            return False
        if not text:
            return True
        if text.startswith((":tep ", ":file ")):
            await self._send_file(text.split(" ", 1)[1].strip())
            return True
        number = parse_int(text, 1, len(self.buttons)) if self.buttons else None
        if number is not None:
            data, message = self.buttons[number - 1]
            await self._process(self.factory.press(self.user, message, data))
            return True
        await self._process(self.factory.message(self.user, text.removeprefix("'")))
        return True

    async def _send_file(self, typed: str) -> None:
        """Send a file from this machine, as a person attaches one in Telegram."""
        path = Path(typed)
        try:
            content = await asyncio.to_thread(_read_file, typed)
        except OSError as exc:
            self._write(NO_FILE.format(path=path, reason=exc.strerror or exc))
            return
        mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
        await self._process(self.factory.document(self.user, content, path.name, mime))


@dataclass(frozen=True)
class ConsoleOptions:
    """How `python -m bot console` was asked to run (defaults: those of `make run`)."""

    acting: Acting = Acting.OFFICIAL
    files_dir: Path | None = None  # default: console-files/ beside the database


def files_dir_for(settings: Settings, options: ConsoleOptions) -> Path:
    if options.files_dir is not None:
        return options.files_dir.expanduser().absolute()
    database = sqlite_file(settings.database_url)
    return (database.parent if database else Path.cwd()) / "console-files"


async def run_console(
    settings: Settings,
    user: FakeUser,
    options: ConsoleOptions | None = None,
    read_line: Callable[[], str | None] | None = None,
    write: Callable[[str], Any] | None = None,
) -> None:
    """Chat with the bot in this terminal until /quit or end of input."""
    options = options or ConsoleOptions()
    read = read_line or _read_line
    ansi = write is None and sys.stdout.isatty()
    write = write or _print
    write(BANNER)
    telegram = OfflineTelegram()
    app = build_application(settings_for(settings, user, options.acting), request=telegram)
    # Messages are dated by the bot's clock, so a rehearsal (BOT_CLOCK_START) dates them too.
    bot_clock = deps_of(app).clock
    telegram.clock_seconds = lambda: int(bot_clock.now().timestamp())
    ids = IdSeries(mark_beside(sqlite_file(settings.database_url)))
    files = FileShelf(files_dir_for(settings, options))
    console = Console(app, telegram, user, write, ansi, ids, files)
    async with running(app):
        clock = deps_of(app).clock.now()
        write(f"Cơ sở dữ liệu: {settings.database_url} · Giờ của bot: {clock:%d/%m/%Y %H:%M %Z}")
        # Whoever is in ADMIN_IDS already is an admin, whatever the flag.
        admin = user.id in settings.admin_ids
        write(ACTING[Acting.ADMIN if admin else options.acting].format(id=user.id))
        if await take_role(app, user, options.acting):
            write(ROLE_GRANTED.format(id=user.id))
        write(HINT)
        await console.handle("/start")
        while True:
            line = await asyncio.to_thread(read)
            if line is None or not await console.handle(line):
                break
    write("Tạm biệt!")


def _read_file(typed: str) -> bytes:
    return Path(os.path.expanduser(typed)).read_bytes()


def _print(line: str) -> None:
    print(line, flush=True)


def _read_line() -> str | None:
    try:
        return input("\n> ")
    except EOFError:
        return None
