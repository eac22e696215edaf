"""/units (/donvi) end to end: list, rename (typed), add, merge, archive, refusals."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import deps_of
from bot.services import roster
from db.models import AuditEntry, RosterPerson, Unit, User
from tests.conftest import ADMIN, AN, BINH, Harness, Restartable, button_pairs


def _button(bot: Harness, label: str) -> str:
    pairs = button_pairs(bot.last(ADMIN))
    return next(data for text, data in pairs if label in text)


async def _units(bot: Harness) -> dict[str, bool]:
    async with deps_of(bot.app).sessions() as s:
        rows = await s.execute(select(Unit.name, Unit.archived_at.is_not(None)))
        return {name: archived for name, archived in rows}


async def test_list_with_headcount_and_registered(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng A")
    rows = [
        ["Họ và tên", "Đơn vị"],
        ["An", "Phòng A"],
        ["Bình", "Phòng A"],
        ["Chi", "Phòng <> & B"],
    ]
    await roster.import_roster(deps_of(bot.app).sessions, rows, 0, bot.clock.now())
    reply = await bot.say(ADMIN, "/donvi")
    assert reply is not None
    assert "• Phòng A: 2 / 1" in reply.text and "• Phòng &lt;&gt; &amp; B: 1 / 0" in reply.text
    labels = [label for label, _ in button_pairs(reply)]
    assert labels == ["Phòng <> & B", "Phòng A", "➕ Thêm đơn vị"]


async def test_rename_validates_and_confirms_after_commit(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng A")
    await bot.register(BINH, unit="Phòng B")
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng A"))
    assert "Phòng A" in bot.last(ADMIN).text
    await bot.press(ADMIN, _button(bot, "Đổi tên"))
    assert "tên mới cho <b>Phòng A</b>" in bot.last(ADMIN).text
    long = await bot.say(ADMIN, "P" * 500)
    assert long is not None and "dài quá 120" in long.text
    taken = await bot.say(ADMIN, "phong b")
    assert taken is not None and "Đã có đơn vị «Phòng B»" in taken.text
    tagged = await bot.say(ADMIN, "Phòng <i>Kế toán</i>")
    assert tagged is not None and "không được chứa thẻ HTML" in tagged.text
    formula = await bot.say(ADMIN, "=HYPERLINK(1)")
    assert formula is not None and "không được bắt đầu bằng dấu =" in formula.text
    assert set(await _units(bot)) == {"Phòng A", "Phòng B"}  # refused: nothing changed
    done = await bot.say(ADMIN, "Phòng Kế toán <> & Tài vụ")
    assert done is not None
    assert "✅ Đã đổi tên đơn vị thành <b>Phòng Kế toán &lt;&gt; &amp; Tài vụ</b>" in done.text
    assert [label for label, _ in button_pairs(done)] == ["🏢 Xem đơn vị", "↩️ Danh sách đơn vị"]
    assert "Phòng Kế toán <> & Tài vụ" in await _units(bot)
    after = await bot.say(ADMIN, "Phòng C")  # the step is over: not a rename any more
    assert "Phòng C" not in await _units(bot) and (after is None or "✅" not in after.text)


async def test_add_survives_a_restart_and_cancel_changes_nothing(
    restartable: Restartable,
) -> None:
    async with restartable.started() as bot:
        await bot.say(ADMIN, "/donvi")
        await bot.press(ADMIN, _button(bot, "Thêm đơn vị"))
    async with restartable.started() as bot:
        done = await bot.say(ADMIN, "Phòng Pháp chế")
        assert (
            done is not None
            and "✅ Đã thêm đơn vị <b>Phòng Pháp chế</b> (mã phong-phap-che)" in done.text
        )
        await bot.say(ADMIN, "/donvi")
        await bot.press(ADMIN, _button(bot, "Thêm đơn vị"))
        cancelled = await bot.say(ADMIN, "hủy")
        assert cancelled is not None and "không có gì thay đổi" in cancelled.text
        assert await _units(bot) == {"Phòng Pháp chế": False}


async def test_merge_asks_first_then_moves_everyone(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng QLKH")
    await bot.register(BINH, unit="Phòng Quản lý Khoa học")
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng QLKH"))
    await bot.press(ADMIN, _button(bot, "Gộp vào"))
    assert "Gộp <b>Phòng QLKH</b> vào đơn vị nào?" in bot.last(ADMIN).text
    await bot.press(ADMIN, _button(bot, "Phòng Quản lý Khoa học"))
    assert "1 người đã đăng ký" in bot.last(ADMIN).text
    assert await _units(bot) == {"Phòng QLKH": False, "Phòng Quản lý Khoa học": False}
    done = await bot.press(ADMIN, _button(bot, "🔀 Gộp"))
    assert done is not None and "✅ Đã gộp <b>Phòng QLKH</b> vào" in done.text
    assert await _units(bot) == {"Phòng QLKH": True, "Phòng Quản lý Khoa học": False}
    async with deps_of(bot.app).sessions() as s:
        assert len(set(await s.scalars(select(User.unit_id)))) == 1
        actions = list(await s.scalars(select(AuditEntry.action)))
    assert actions == ["unit_merge"]


async def test_archive_with_members_asks_and_they_keep_their_unit(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng A")
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng A"))
    await bot.press(ADMIN, _button(bot, "Lưu trữ"))
    assert "vẫn giữ các lượt điểm danh" in bot.last(ADMIN).text
    assert await _units(bot) == {"Phòng A": False}
    done = await bot.press(ADMIN, _button(bot, "Vẫn lưu trữ"))
    assert done is not None and "✅ Đã lưu trữ đơn vị <b>Phòng A</b>" in done.text
    assert await _units(bot) == {"Phòng A": True}
    me = await bot.say(AN, "/cuatoi")
    assert me is not None and "Phòng A" in me.text  # their unit's name, still


async def test_officials_and_organisers_are_refused_at_command_and_button(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng A")
    await bot.register(BINH, unit="Phòng B")
    await bot.say(ADMIN, f"/capquyen {BINH.id}")
    await bot.press(ADMIN, f"role:grant:{BINH.id}")
    for user in (AN, BINH):
        reply = await bot.say(user, "/donvi")
        assert reply is not None and "chỉ quản trị viên" in reply.text
    await bot.say(ADMIN, "/donvi")
    menu = bot.last(ADMIN)
    await bot.press(ADMIN, _button(bot, "Phòng A"))
    archive = _button(bot, "Lưu trữ")
    await bot.feed(bot.factory.press(BINH, menu, archive.replace("arch", "archok")))
    answers = [c for c in bot.telegram.calls if c.method == "answerCallbackQuery"]
    assert "chỉ quản trị viên" in str(answers[-1].params.get("text"))
    assert await _units(bot) == {"Phòng A": False, "Phòng B": False}


async def test_the_list_pages_by_eight(bot: Harness) -> None:
    rows = [["Họ và tên", "Đơn vị"], *[[f"Người {n}", f"Đơn vị {n:02d}"] for n in range(11)]]
    await roster.import_roster(deps_of(bot.app).sessions, rows, 0, bot.clock.now())
    first = await bot.say(ADMIN, "/donvi")
    assert first is not None and "11 (trang 1/2)" in first.text and "Đơn vị 07" in first.text
    assert "Đơn vị 08" not in first.text
    second = await bot.press(ADMIN, _button(bot, "Sau"))
    assert second is not None and "trang 2/2" in second.text and "Đơn vị 10" in second.text
    assert [label for label, _ in button_pairs(second)][-2:] == ["‹ Trước", "➕ Thêm đơn vị"]


async def _roster(bot: Harness, rows: list[list[str]]) -> None:
    await roster.import_roster(deps_of(bot.app).sessions, rows, 0, bot.clock.now())


async def test_a_unit_on_the_staff_list_is_not_archived_and_says_what_to_do(
    bot: Harness,
) -> None:
    await _roster(bot, [["Họ và tên", "Đơn vị"], ["An", "Phòng A"], ["Bình", "Phòng B"]])
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng A"))
    refused = await bot.press(ADMIN, _button(bot, "Lưu trữ"))
    assert refused is not None and "1 người trong danh sách cán bộ nên không lưu trữ được" in (
        refused.text
    )
    assert "Gộp vào" in refused.text and "/danhsach" in refused.text
    assert [label for label, _ in button_pairs(refused)] == ["🔀 Gộp vào…", "↩️ Danh sách đơn vị"]
    assert await _units(bot) == {"Phòng A": False, "Phòng B": False}


async def test_archiving_an_empty_unit_can_be_undone_and_adding_its_name_restores_it(
    bot: Harness,
) -> None:
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Thêm đơn vị"))
    await bot.say(ADMIN, "Phòng Pháp chế")
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng Pháp chế"))
    done = await bot.press(ADMIN, _button(bot, "Lưu trữ"))  # nobody in it: no question
    assert done is not None and "✅ Đã lưu trữ đơn vị <b>Phòng Pháp chế</b>" in done.text
    assert "Khôi phục" in done.text and await _units(bot) == {"Phòng Pháp chế": True}
    undone = await bot.press(ADMIN, _button(bot, "Khôi phục"))
    assert undone is not None and "✅ Đã khôi phục đơn vị <b>Phòng Pháp chế</b>" in undone.text
    assert await _units(bot) == {"Phòng Pháp chế": False}
    # Archived again, then its name typed as a new unit: offered back, not a dead end.
    await bot.press(ADMIN, _button(bot, "Xem đơn vị"))
    await bot.press(ADMIN, _button(bot, "Lưu trữ"))
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Thêm đơn vị"))
    offer = await bot.say(ADMIN, "phong phap che")
    assert offer is not None and "«Phòng Pháp chế» đã được lưu trữ" in offer.text
    restored = await bot.press(ADMIN, _button(bot, "Khôi phục"))
    assert restored is not None and "Đã khôi phục" in restored.text
    assert await _units(bot) == {"Phòng Pháp chế": False}


async def test_adding_a_duplicate_says_so_without_merging_advice(bot: Harness) -> None:
    await bot.register(AN, unit="Phòng A")
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Thêm đơn vị"))
    taken = await bot.say(ADMIN, "phòng a")
    assert (
        taken is not None and taken.text == "Đã có đơn vị «Phòng A». Bạn gõ tên khác, hoặc gõ hủy."
    )
    added = await bot.say(ADMIN, "Phòng <> B")
    assert added is not None and "Phòng &lt;&gt; B" in added.text
    assert [label for label, _ in button_pairs(added)] == ["🏢 Xem đơn vị", "↩️ Danh sách đơn vị"]


async def test_a_merge_links_registered_officials_and_says_so(bot: Harness) -> None:
    await bot.register(AN, "Lê Văn Cường", unit="Phòng QLKH")
    await _roster(bot, [["Họ và tên", "Đơn vị"], ["Lê Văn Cường", "Phòng Quản lý Khoa học"]])
    await bot.say(ADMIN, "/donvi")
    await bot.press(ADMIN, _button(bot, "Phòng QLKH"))
    await bot.press(ADMIN, _button(bot, "Gộp vào"))
    await bot.press(ADMIN, _button(bot, "Phòng Quản lý Khoa học"))
    done = await bot.press(ADMIN, _button(bot, "🔀 Gộp"))
    assert done is not None and "🔗 1 cán bộ đã đăng ký nay được gắn với tên mình" in done.text
    async with deps_of(bot.app).sessions() as s:
        linked = await s.scalar(select(RosterPerson.user_id))
        merged = await s.scalar(select(Unit.merged_into_id).where(Unit.name == "Phòng QLKH"))
    assert linked is not None and merged is not None
