"""The fake Telegram's file handling: getFile, the download, Telegram's 20 MB limit."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

from bot.offline.fake_files import MAX_DOWNLOAD_BYTES
from bot.offline.fake_telegram import OfflineTelegram
from bot.offline.fake_updates import FakeUser, UpdateFactory
from settings import Settings

TOKEN = "123456:TEST"


def _bot(telegram: OfflineTelegram) -> Bot:
    settings = Settings(telegram_api_base_url="https://api.telegram.org/bot")
    return Bot(
        TOKEN,
        request=telegram,
        get_updates_request=telegram,
        base_file_url=settings.telegram_file_base_url,
    )


async def test_a_sent_document_downloads_back_byte_for_byte() -> None:
    telegram = OfflineTelegram()
    update = UpdateFactory(telegram).document(
        FakeUser(5), "Họ và tên;Đơn vị\n".encode(), "ds.csv", "text/csv", caption="danh sách"
    )
    document = update["message"]["document"]
    assert document["file_name"] == "ds.csv" and update["message"]["caption"] == "danh sách"
    async with _bot(telegram) as bot:
        file = await bot.get_file(document["file_id"])
        assert bytes(await file.download_as_bytearray()) == "Họ và tên;Đơn vị\n".encode()


async def test_files_over_twenty_megabytes_and_unknown_ids_are_refused() -> None:
    telegram = OfflineTelegram()
    big = telegram.uploads.put(b"x" * (MAX_DOWNLOAD_BYTES + 1), "big.xlsx", "application/zip")
    async with _bot(telegram) as bot:
        with pytest.raises(BadRequest, match="too big"):
            await bot.get_file(big.file_id)
        with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
            await bot.get_file("nope")


def test_the_file_url_follows_a_local_bot_api_server() -> None:
    assert Settings().telegram_file_base_url == "https://api.telegram.org/file/bot"
    local = Settings(telegram_api_base_url="http://127.0.0.1:8081/bot")
    assert local.telegram_file_base_url == "http://127.0.0.1:8081/file/bot"
