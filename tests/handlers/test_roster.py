"""/roster (/danhsach) end to end: a file sent, its preview, 📥 Nhập, stale and repeated
presses, restarts, refusals."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.services import roster
from bot.ui.files.roster_read import read_table
from db.models import AuditEntry, RosterPerson
from tests.conftest import ADMIN, AN, Harness, Restartable, button_pairs, callback_data
from tests.roster_files import workbook

DATA = Path(__file__).parents[1] / "data" / "roster"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _send(bot: Harness, user: FakeUser, name: str, data: bytes | None = None) -> str:
    content = (DATA / name).read_bytes() if data is None else data
    mime = XLSX if name.endswith(".xlsx") else "text/csv"
    await bot.feed(bot.factory.document(user, content, name, mime))
    return bot.last(user).text


async def _people(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as s:
        return int(await s.scalar(select(func.count(RosterPerson.id))) or 0)


def _import_button(bot: Harness, user: FakeUser) -> str:
    return next(d for d in callback_data(bot.last(user)) if d.startswith("ro:imp:"))


async def test_preview_then_import_then_a_second_press_imports_nothing(bot: Harness) -> None:
    text = await _send(bot, ADMIN, "danh-sach-2027.xlsx")
    assert "7 người, 5 đơn vị (5 đơn vị mới)" in text and "<b>7</b> mới" in text
    assert "dòng 11: thiếu đơn vị" in text and "Nghị định 356/2025" in text
    assert [label for label, _ in button_pairs(bot.last(ADMIN))] == ["📥 Nhập", "Hủy"]
    assert await _people(bot) == 0  # a preview changes nothing
    pressed = _import_button(bot, ADMIN)
    done = await bot.press(ADMIN, pressed)
    assert done is not None and "✅ Đã nhập danh sách cán bộ: 7 người. 7 mới" in done.text
    assert await _people(bot) == 7
    await bot.feed(bot.factory.press(ADMIN, bot.last(ADMIN), pressed))
    assert "đã được dùng" in bot.last(ADMIN).text and await _people(bot) == 7
    async with deps_of(bot.app).sessions() as s:
        assert await s.scalar(select(func.count(AuditEntry.id))) == 1
    summary = await bot.say(ADMIN, "/danhsach")
    assert summary is not None and "7 người trong 5 đơn vị" in summary.text


async def test_a_preview_overtaken_by_another_import_is_shown_again(bot: Harness) -> None:
    await _send(bot, ADMIN, "danh-sach-2027.xlsx")
    first = bot.last(ADMIN)
    stale = _import_button(bot, ADMIN)
    # Another import lands before the press (say, from the command line).
    rows = read_table((DATA / "danh-sach-2028-cp1258.csv").read_bytes())
    await roster.import_roster(deps_of(bot.app).sessions, rows, 0, bot.clock.now())
    await bot.feed(bot.factory.press(ADMIN, first, stale))
    reply = bot.last(ADMIN)
    assert "vừa thay đổi sau lúc bạn xem trước" in reply.text and await _people(bot) == 6
    fresh = _import_button(bot, ADMIN)
    assert fresh != stale
    done = await bot.press(ADMIN, fresh)
    assert done is not None and "Đã nhập" in done.text and await _people(bot) == 8


async def test_the_pending_file_survives_a_restart(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        text = await _send(bot, ADMIN, "danh-sach-2028-cp1258.csv")
        assert "6 người, 4 đơn vị" in text
        pressed = _import_button(bot, ADMIN)
    async with restartable.started() as bot:
        done = await bot.press(ADMIN, pressed)
        assert done is not None and "6 người. 6 mới" in done.text


async def test_bad_files_get_one_sentence_and_change_nothing(bot: Harness) -> None:
    assert "không đọc được tệp này" in await _send(bot, ADMIN, "renamed-pdf.xlsx")
    assert "Không tìm thấy dòng tiêu đề" in await _send(
        bot, ADMIN, "x.csv", "Tên;Tuổi\nAn;30\n".encode()
    )
    assert "Tệp trống" in await _send(bot, ADMIN, "empty.csv", b"")
    assert ".xls" in await _send(bot, ADMIN, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert await _people(bot) == 0


async def test_cancel_and_the_template(bot: Harness) -> None:
    await _send(bot, ADMIN, "danh-sach-2027.xlsx")
    cancel = next(d for d in callback_data(bot.last(ADMIN)) if d.startswith("ro:no:"))
    reply = await bot.press(ADMIN, cancel)
    assert reply is not None and "Đã hủy" in reply.text and await _people(bot) == 0
    await bot.say(ADMIN, "/danhsach mau")
    sample = bot.last(ADMIN)
    assert sample.media is not None and sample.upload is not None
    assert sample.media[1].endswith(".xlsx")
    assert read_table(sample.upload)[0] == ["Họ và tên", "Đơn vị", "Mã cán bộ"]
    empty = await bot.say(ADMIN, "/roster")
    assert empty is not None and "Chưa có danh sách cán bộ" in empty.text


async def test_officials_and_organisers_are_refused_naming_the_role(bot: Harness) -> None:
    await bot.register(AN)
    reply = await bot.say(AN, "/danhsach")
    assert reply is not None and "chỉ quản trị viên" in reply.text
    text = await _send(bot, AN, "staff.xlsx", workbook([["Họ và tên", "Đơn vị"], ["A", "B"]]))
    assert "chỉ quản trị viên" in text and await _people(bot) == 0
    # A preview's button pressed by someone else (forwarded, or the admin demoted).
    await _send(bot, ADMIN, "danh-sach-2027.xlsx")
    data = _import_button(bot, ADMIN)
    await bot.feed(bot.factory.press(AN, bot.last(ADMIN), data))
    assert await _people(bot) == 0
    answers = [c for c in bot.telegram.calls if c.method == "answerCallbackQuery"]
    assert "chỉ quản trị viên" in str(answers[-1].params.get("text"))


async def test_a_file_over_twenty_megabytes_is_refused_before_downloading(bot: Harness) -> None:
    big = "Họ và tên,Đơn vị\n".encode() + b"x" * (20 * 1024 * 1024)
    text = await _send(bot, ADMIN, "big.csv", big)
    assert "lớn hơn 20 MB" in text and "getFile" not in bot.telegram.methods()


async def test_new_units_are_named_in_the_preview_escaped_and_counted(bot: Harness) -> None:
    rows = [["Họ và tên", "Đơn vị"], ["An", "<> Phòng & Co"]]
    rows += [[f"Người {n}", f"Đơn vị {n}"] for n in range(14)]
    text = await _send(bot, ADMIN, "ds.xlsx", workbook(rows))
    # By natural order: "Đơn vị 2" before "Đơn vị 10".
    assert "Đơn vị mới: <i>&lt;&gt; Phòng &amp; Co</i>, <i>Đơn vị 0</i>, <i>Đơn vị 1</i>, " in text
    assert "<i>Đơn vị 2</i>, <i>Đơn vị 3</i>" in text
    assert "<i>Đơn vị 9</i>, <i>Đơn vị 10</i> và 3 đơn vị khác." in text
    assert "và 3 đơn vị khác." in text


ADMIN_EN = FakeUser(ADMIN.id, "Admin", "en")


async def test_the_result_links_registered_officials_and_names_the_next_steps(
    bot: Harness,
) -> None:
    await bot.register(AN, "Lê Văn Cường", unit="Phòng A")
    rows = [["Họ và tên", "Đơn vị"], ["Lê Văn Cường", "Phòng A"], ["Trần Bình", "Phòng B"]]
    await _send(bot, ADMIN, "ds.xlsx", workbook(rows))
    done = await bot.press(ADMIN, _import_button(bot, ADMIN))
    assert done is not None and "🔗 1 cán bộ đăng ký từ trước" in done.text
    assert "/moi" in done.text and "/donvi" in done.text and "/thongke" in done.text
    # The list moves him: he follows, and the preview said who moves where.
    moved = [["Họ và tên", "Đơn vị"], ["Lê Văn Cường", "Phòng B"], ["Trần Bình", "Phòng B"]]
    preview = await _send(bot, ADMIN, "ds2.xlsx", workbook(moved))
    assert "Chuyển đơn vị:\n• Lê Văn Cường: Phòng A → Phòng B" in preview
    done = await bot.press(ADMIN, _import_button(bot, ADMIN))
    assert done is not None and "🔀 1 cán bộ đã đăng ký được chuyển sang đơn vị" in done.text
    me = await bot.say(AN, "/cuatoi")
    assert me is not None and "Phòng B" in me.text


async def test_the_preview_names_leavers_and_counts_the_rest(bot: Harness) -> None:
    rows = [["Họ và tên", "Đơn vị"], *[[f"Người {n}", "Phòng A"] for n in range(23)]]
    await roster.import_roster(deps_of(bot.app).sessions, rows, 0, bot.clock.now())
    text = await _send(bot, ADMIN, "ds.xlsx", workbook([rows[0], ["Lê An", "Phòng B"]]))
    assert "Không còn trong danh sách:\n• Người 0 (Phòng A)\n• Người 1 (Phòng A)" in text
    assert "• Người 19 (Phòng A)\n… và 3 người khác." in text and "Người 20" not in text


async def test_an_exported_list_with_leavers_does_not_bring_them_back(bot: Harness) -> None:
    rows = [
        ["Họ và tên", "Đơn vị", "Mã cán bộ", "Trạng thái"],
        ["Lê An", "Phòng A", "CB1", "Trong danh sách"],
        ["Lê Bình", "Phòng A", "CB2", "Đã rời"],
    ]
    text = await _send(bot, ADMIN, "export.xlsx", workbook(rows))
    assert "1 người, 1 đơn vị" in text and "1 dòng ghi «Đã rời»" in text


async def test_after_the_command_any_document_is_read_by_its_content(bot: Harness) -> None:
    csv = "Họ và tên,Đơn vị\nLê An,Phòng A\n".encode()

    async def plain(name: str, data: bytes) -> str:
        await bot.feed(bot.factory.document(ADMIN, data, name, "text/plain"))
        return bot.last(ADMIN).text

    ignored = await plain("ds.txt", csv)  # not after /danhsach: not taken as the list
    assert "1 người, 1 đơn vị" not in ignored
    await bot.say(ADMIN, "/danhsach")
    assert "1 người, 1 đơn vị" in await plain("ds.txt", csv)
    await bot.say(ADMIN, "/danhsach")
    refused = await plain("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    assert "không đọc được tệp này" in refused and await _people(bot) == 0
    # The step stays open after a refusal: the right file is read next.
    assert "1 người, 1 đơn vị" in await plain("ds.txt", csv)


async def test_in_english_the_sample_and_the_texts_are_english(bot: Harness) -> None:
    summary = await bot.say(ADMIN_EN, "/roster")
    assert summary is not None and "<code>/roster template</code>" in summary.text
    await bot.say(ADMIN_EN, "/roster template")
    sample = bot.last(ADMIN_EN)
    assert sample.upload is not None
    assert read_table(sample.upload)[0] == ["Full name", "Unit", "Staff ID"]
    rows = [["Full name", "Unit", "Email"], ["Lê An", "Unit A", "a@x.vn"]]
    text = await _send(bot, ADMIN_EN, "list.xlsx", workbook(rows))
    assert "Columns in the file that the bot does not keep: Email." in text
    done = await bot.press(ADMIN_EN, _import_button(bot, ADMIN_EN))
    assert done is not None and "/invite" in done.text
    again = await bot.say(ADMIN_EN, "/roster")
    assert again is not None and "Last import: 3 Oct 2023, 09:00." in again.text
    # Listed again after having left: one person, in the singular.
    await roster.import_roster(
        deps_of(bot.app).sessions, [rows[0], ["Lê Bình", "Unit A", ""]], 0, bot.clock.now()
    )
    back = await _send(bot, ADMIN_EN, "list.xlsx", workbook(rows))
    assert "Listed again after having left: 1 person." in back


async def test_too_many_rows_says_what_to_do(bot: Harness) -> None:
    rows = "Họ và tên,Đơn vị\n" + "An,A\n" * 50_001
    text = await _send(bot, ADMIN, "big.csv", rows.encode())
    assert "hơn 50.000" in text and "đừng chia tệp" in text and await _people(bot) == 0
