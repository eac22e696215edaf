"""/invite (/moi): links and QR codes for organisers and admins; a unit's invite link
registers a new official into that unit with one typed answer."""

from __future__ import annotations

import io
import zipfile

import PIL.Image
import zxingcpp
from sqlalchemy import select, update

from bot.context import deps_of
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from bot.services.profile import name_key, unit_key
from db.models import AuditEntry, RosterPerson, Unit, User
from tests.conftest import ADMIN, AN, BINH, EMMA, Harness, Restartable, button_pairs, callback_data


def decoded(png: bytes) -> str:
    [found] = zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))
    return found.text


async def invite(bot: Harness) -> tuple[list[SentMessage], SentMessage, SentMessage]:
    before = len(bot.telegram.sent(ADMIN.id))
    await bot.say(ADMIN, "/moi")
    sent = bot.telegram.sent(ADMIN.id)[before:]
    texts = [m for m in sent if m.media is None]
    [photo] = [m for m in sent if m.media and m.media[0] == "photo"]
    [archive] = [m for m in sent if m.media and m.media[0] == "document"]
    return texts, photo, archive


async def profile_of(bot: Harness, telegram_id: int) -> tuple[str | None, str | None]:
    async with deps_of(bot.app).sessions() as s:
        row = (
            await s.execute(
                select(User.full_name, Unit.name)
                .join(Unit, isouter=True)
                .where(User.telegram_id == telegram_id)
            )
        ).first()
    return (None, None) if row is None else (row[0], row[1])


async def test_links_and_qr_codes_decode_back_and_a_unit_link_registers_in_one_answer(
    bot: Harness,
) -> None:
    await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
    await bot.register(EMMA, "Emma Lee", "Phòng Quản lý Khoa học")
    texts, photo, archive = await invite(bot)
    body = "\n".join(m.text for m in texts)
    username = bot.app.bot.username
    general = f"https://t.me/{username}?start=register"
    kt = f"https://t.me/{username}?start=u-phong-ke-toan"
    assert general in body and kt in body
    assert f"https://t.me/{username}?start=u-phong-quan-ly-khoa-hoc" in body
    assert "cơ quan" in body  # no ORG_NAME set: the neutral word
    assert photo.upload is not None and decoded(photo.upload) == general
    assert archive.media is not None and archive.media[1].startswith("invites-")
    assert archive.upload is not None
    with zipfile.ZipFile(io.BytesIO(archive.upload)) as z:
        pngs = {n: decoded(z.read(n)) for n in z.namelist() if n.endswith(".png")}
        table = z.read("links.csv").decode("utf-8-sig")
    assert pngs == {
        "0-dang-ky-chung.png": general,
        "phong-ke-toan.png": kt,
        "phong-quan-ly-khoa-hoc.png": f"https://t.me/{username}?start=u-phong-quan-ly-khoa-hoc",
    }
    assert "Phòng Kế toán" in table and kt in table
    async with deps_of(bot.app).sessions() as s:
        [entry] = list(
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "invite_codes"))
        )
    # No names; no code given now: the units typed at registration had theirs at once.
    assert entry.params == {"units": 2, "assigned": 0}
    # A new official opens the unit's link: the notice, then only the name is typed.
    reply = await bot.say(AN, "/start u-phong-ke-toan")
    assert reply is not None and "consent:yes" in callback_data(reply)
    await bot.agree(AN)
    reply = await bot.say(AN, "Nguyễn Văn An")
    assert reply is not None and "Đã lưu hồ sơ" in reply.text and "Phòng Kế toán" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Kế toán")
    # Opening another unit's link later asks before moving.
    reply = await bot.say(AN, "/start u-phong-quan-ly-khoa-hoc")
    assert reply is not None and "chuyển sang" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Kế toán")
    [(_, move)] = [p for p in button_pairs(reply) if p[1].startswith("unitmv:")]
    reply = await bot.press(AN, move)
    assert reply is not None and "Phòng Quản lý Khoa học" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Quản lý Khoa học")
    # The same codes next time (kept), nothing new assigned.
    texts_again, _, _ = await invite(bot)
    assert kt in "\n".join(m.text for m in texts_again)


async def _roster(bot: Harness, *people: tuple[str, str]) -> None:
    """Units with codes and staff-list rows, as the roster import leaves them."""
    now = bot.clock.now()
    async with deps_of(bot.app).sessions() as s, s.begin():
        units: dict[str, int] = {}
        for _, unit in people:
            if unit not in units:
                row = Unit(name=unit, name_key=unit_key(unit), created_at=now)
                s.add(row)
                await s.flush()
                units[unit] = row.id
        for name, unit in people:
            s.add(
                RosterPerson(
                    full_name=name,
                    name_key=name_key(name),
                    unit_id=units[unit],
                    created_at=now,
                    updated_at=now,
                )
            )


async def test_with_a_roster_the_link_confirms_the_match_or_proposes_the_listed_unit(
    bot: Harness,
) -> None:
    await _roster(bot, ("Nguyễn Văn An", "Phòng Kế toán"), ("Trần Thị Bình", "Phòng Tổng hợp"))
    await invite(bot)
    await bot.say(AN, "/start u-phong-ke-toan")
    await bot.agree(AN)
    reply = await bot.say(AN, "nguyen van an")
    assert reply is not None and "Bạn có trong danh sách cán bộ của Phòng Kế toán" in reply.text
    # Bình opens the wrong unit's link: the listed unit is proposed, nothing stored yet.
    await bot.say(BINH, "/start u-phong-ke-toan")
    await bot.agree(BINH)
    reply = await bot.say(BINH, "Trần Thị Bình")
    assert reply is not None and "thuộc <b>Phòng Tổng hợp</b>" in reply.text
    assert await profile_of(bot, BINH.id) == (None, None)
    [listed] = [d for label, d in button_pairs(reply) if "theo danh sách" in label]
    reply = await bot.press(BINH, listed)
    assert reply is not None and "danh sách cán bộ của Phòng Tổng hợp" in reply.text
    assert await profile_of(bot, BINH.id) == ("Trần Thị Bình", "Phòng Tổng hợp")


async def test_with_a_roster_the_unit_must_be_picked_from_the_list(bot: Harness) -> None:
    await _roster(
        bot,
        ("Nguyễn Văn An", "Phòng Kế toán"),
        ("Trần Thị Bình", "Phòng Kế hoạch - Tài chính"),
        *((f"Người {i}", f"Phòng số {i:02}") for i in range(10)),
    )
    await bot.say(AN, "/hoso")
    await bot.agree(AN)
    reply = await bot.say(AN, "Lê Minh")
    assert reply is not None
    units = [d for d in callback_data(reply) if d.startswith("unit:")]
    assert len(units) == 8 and "unitpg:1" in callback_data(reply)  # paged, 8 a page
    reply = await bot.press(AN, "unitpg:1")
    assert (
        reply is not None and len([d for d in callback_data(reply) if d.startswith("unit:")]) == 4
    )
    reply = await bot.say(AN, "Phòng Mới Toanh")  # not on the list: no free-text unit
    assert reply is not None and "Không có đơn vị nào khớp" in reply.text
    assert await profile_of(bot, AN.id) == (None, None)
    reply = await bot.say(AN, "KHTC")  # initials
    assert reply is not None and "Phòng Kế hoạch - Tài chính" in reply.text
    [(label, data)] = [p for p in button_pairs(reply) if p[1].startswith("unit:")]
    assert label == "Phòng Kế hoạch - Tài chính"
    assert "unitnew" not in callback_data(reply)  # with a roster, no new unit
    reply = await bot.press(AN, data)
    assert reply is not None and "Đã lưu hồ sơ" in reply.text


async def test_without_a_roster_a_close_name_is_proposed_and_a_new_one_allowed(
    bot: Harness,
) -> None:
    await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
    await bot.say(AN, "/hoso Lê Minh")
    await bot.agree(AN)
    reply = await bot.say(AN, "ke toan")
    assert reply is not None and "<b>Phòng Kế toán</b>" in reply.text
    assert "unitnew" in callback_data(reply)
    reply = await bot.press(AN, "unitnew")
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert await profile_of(bot, AN.id) == ("Lê Minh", "ke toan")


async def test_an_unknown_code_says_so_and_offers_normal_registration(bot: Harness) -> None:
    await bot.say(AN, "/start u-khong-co-dau")
    texts = bot.texts(AN)
    assert any("không còn dùng được" in t for t in texts)
    assert "consent:yes" in callback_data(bot.last(AN))  # the normal form, notice first
    assert await profile_of(bot, AN.id) == (None, None)


async def test_officials_are_refused_naming_the_role(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng A")
    reply = await bot.say(AN, "/moi")
    assert reply is not None and "ban tổ chức" in reply.text
    assert all(m.media is None for m in bot.telegram.sent(AN.id))


async def test_org_name_heads_the_greeting_and_the_invitation(restartable: Restartable) -> None:
    org = "Sở Khoa học & Công nghệ"
    restartable.configure(org_name=org)
    async with restartable.started() as bot:
        reply = await bot.say(AN, "/start")
        assert reply is not None and "Sở Khoa học &amp; Công nghệ" in reply.text
        texts, _, _ = await invite(bot)
        assert "Đường dẫn mời đăng ký — Sở Khoa học &amp; Công nghệ" in texts[0].text
        assert "cơ quan</b>" in texts[0].text  # "Chung cho cả cơ quan" stays a common noun


async def test_a_restart_between_the_link_and_the_name_keeps_the_unit(
    restartable: Restartable,
) -> None:
    async with restartable.started() as bot:
        await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
        await invite(bot)
        await bot.say(AN, "/start u-phong-ke-toan")
        await bot.agree(AN)
    async with restartable.started() as bot:
        reply = await bot.say(AN, "Lê Minh")
        assert reply is not None and "Đơn vị: Phòng Kế toán" in reply.text
        assert await profile_of(bot, AN.id) == ("Lê Minh", "Phòng Kế toán")


async def test_the_one_line_form_with_a_roster_offers_the_listed_unit(bot: Harness) -> None:
    await _roster(bot, ("Nguyễn Văn An", "Phòng Kế toán"))
    await bot.say(AN, "/hoso Nguyễn Văn An | ke toan")
    reply = await bot.agree(AN)
    reply = bot.last(AN)
    assert "<b>Phòng Kế toán</b>" in reply.text and "unitnew" not in callback_data(reply)
    [unit] = [d for d in callback_data(reply) if d.startswith("unit:")]
    reply = await bot.press(AN, unit)
    assert reply is not None and "danh sách cán bộ của Phòng Kế toán" in reply.text


async def test_many_units_split_the_list_and_every_qr_decodes(bot: Harness) -> None:
    now = bot.clock.now()
    names = [f"Trung tâm Nghiên cứu và Phát triển Công nghệ số {i:03}" for i in range(70)]
    async with deps_of(bot.app).sessions() as s, s.begin():
        units = [Unit(name=name, name_key=unit_key(name), created_at=now) for name in names]
        s.add_all(units)
        await s.flush()
        for unit in units:  # units on a roster are offered
            s.add(
                RosterPerson(
                    full_name="Nguyễn Văn An",
                    name_key=name_key("Nguyễn Văn An"),
                    unit_id=unit.id,
                    created_at=now,
                    updated_at=now,
                )
            )
    texts, _, archive = await invite(bot)
    assert len(texts) >= 2 and all(len(m.text) <= 4096 for m in texts)
    body = "\n".join(m.text for m in texts)
    assert archive.upload is not None
    with zipfile.ZipFile(io.BytesIO(archive.upload)) as z:
        links = {decoded(z.read(n)) for n in z.namelist() if n.endswith(".png")}
    assert len(links) == 71 and all(link in body for link in links)


async def test_staying_changes_nothing_and_a_move_needs_consent_on_record(bot: Harness) -> None:
    await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
    await bot.register(AN, "Nguyễn Văn An", "Phòng Tổng hợp")
    await invite(bot)
    await bot.say(AN, "/start u-phong-ke-toan")
    reply = await bot.press(AN, "unitstay")
    assert reply is not None and "không có gì thay đổi" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Tổng hợp")
    async with deps_of(bot.app).sessions() as s, s.begin():  # registered before the notice
        await s.execute(update(User).where(User.telegram_id == AN.id).values(consent_version=None))
    reply = await bot.say(AN, "/start u-phong-ke-toan")
    assert reply is not None
    [move] = [d for d in callback_data(reply) if d.startswith("unitmv:")]
    reply = await bot.press(AN, move)
    assert reply is not None and "cần đồng ý" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Tổng hợp")


async def _merge(bot: Harness, source: str, target: str) -> None:
    """What merging unit `source` into `target` leaves (bot.services.units.merge)."""
    async with deps_of(bot.app).sessions() as s, s.begin():
        into = await s.scalar(select(Unit.id).where(Unit.name == target))
        await s.execute(
            update(Unit)
            .where(Unit.name == source)
            .values(archived_at=bot.clock.now(), merged_into_id=into)
        )


async def test_a_merged_units_link_leads_to_the_unit_it_went_into(bot: Harness) -> None:
    await _roster(
        bot, ("Nguyễn Văn An", "Phòng Quản lý Khoa học"), ("Trần Bình", "Phòng QLKH"), ("C", "Viện")
    )
    await invite(bot)  # the codes are out on posters
    await _merge(bot, "Phòng QLKH", "Phòng Quản lý Khoa học")
    await _merge(bot, "Phòng Quản lý Khoa học", "Viện")  # and merged again: two hops
    await bot.say(AN, "/start u-phong-qlkh")
    said = "\n".join(bot.texts(AN))
    assert "<b>Phòng QLKH</b> đã được gộp vào <b>Viện</b>" in said
    assert "không còn dùng được" not in said
    await bot.agree(AN)
    reply = await bot.say(AN, "Lê Minh")
    assert reply is not None and "Đơn vị: Viện" in reply.text
    assert await profile_of(bot, AN.id) == ("Lê Minh", "Viện")
    # Archived without a merge: the link no longer works, as before.
    async with deps_of(bot.app).sessions() as s, s.begin():
        await s.execute(update(Unit).where(Unit.name == "Viện").values(archived_at=bot.clock.now()))
    await bot.say(BINH, "/start u-phong-qlkh")
    assert any("không còn dùng được" in t for t in bot.texts(BINH))
    assert not any("gộp vào" in t for t in bot.texts(BINH))


async def test_invite_with_no_units_speaks_to_the_admin_and_counts_no_unit_codes(
    bot: Harness,
) -> None:
    texts, _, archive = await invite(bot)
    body = "\n".join(m.text for m in texts)
    assert "Bạn nhập danh sách cán bộ bằng /danhsach" in body and "Khi quản trị viên" not in body
    assert "Chưa có đơn vị nào" in archive.text and "mỗi đơn vị" not in archive.text
    assert archive.upload is not None
    with zipfile.ZipFile(io.BytesIO(archive.upload)) as z:
        table = z.read("links.csv").decode("utf-8-sig")
    assert table.splitlines()[0] == "Đơn vị,Đường dẫn,Tệp mã QR"


async def test_units_are_listed_in_natural_order_and_a_typed_unit_has_its_link_at_once(
    bot: Harness,
) -> None:
    for i, number in enumerate((10, 2, 1)):
        await bot.register(FakeUser(3000 + i, f"CB{i}"), f"Cán bộ {i}", f"Phòng số {number}")
    # Nobody has run /moi: the unit typed at registration already has its link.
    reply = await bot.say(AN, "/start u-phong-so-2")
    assert reply is not None and not any("không còn dùng được" in t for t in bot.texts(AN))
    await bot.agree(AN)
    reply = await bot.say(AN, "Lê Minh")
    assert reply is not None and "Đơn vị: Phòng số 2" in reply.text
    texts, _, _ = await invite(bot)
    body = "\n".join(m.text for m in texts)
    positions = [body.index(f"• Phòng số {n}:") for n in (1, 2, 10)]
    assert positions == sorted(positions)
