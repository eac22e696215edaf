"""Every Vietnamese user-facing string, as templates. Values are HTML-escaped by callers."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

# Nouns fmt_count pairs with a number. Kept above the class: texts are appended at its end.
_NOUNS = {
    "person": "người",
    "recipient": "nơi nhận",
    "checkin": "lượt",
    "day": "ngày",
    "group": "nhóm",
}


class Vi:
    """Vietnamese texts (the default language)."""

    LANG = "vi"

    # --- general -----------------------------------------------------------------------
    GREETING = (
        "Xin chào {name}! 👋\n"
        "Mình là trợ lý <b>Tuần lễ hưởng ứng học tập suốt đời</b>. Bạn có thể hỏi mình về "
        "chủ đề, thời gian, lễ khai mạc, mục đích của Tuần lễ, và điểm danh tự học mỗi ngày.\n\n"
        "Chọn một mục bên dưới hoặc gõ câu hỏi, ví dụ: <i>Chủ đề năm nay là gì?</i>"
    )
    FRIEND = "bạn"
    BTN_THEME = "🎯 Chủ đề"
    BTN_DATES = "📅 Thời gian"
    BTN_OPENING = "🎉 Lễ khai mạc"
    BTN_PURPOSE = "💡 Mục đích"
    BTN_CHECKIN = "✅ Điểm danh tự học"
    BTN_CANCEL = "✖️ Hủy"
    HELP = (
        "<b>Mình có thể giúp gì?</b>\n\n"
        "<b>Hỏi về Tuần lễ</b> — gõ câu hỏi tự nhiên (có dấu hay không dấu đều được):\n"
        "• chủ đề, thời gian, lễ khai mạc, mục đích, đơn vị tổ chức\n"
        "• kế hoạch, văn bản của Bộ, phong trào thi đua\n"
        "• còn mấy ngày nữa, hôm nay là ngày thứ mấy của Tuần lễ\n"
        "• thêm năm để hỏi năm khác, ví dụ: <i>chủ đề năm 2021</i>"
    )  # followed by the commands of the reader's role (bot/ui/menus.py)
    FALLBACK = (
        "Xin lỗi, mình chưa hiểu câu hỏi này. 🙏\n"
        "Mình có thể trả lời về: chủ đề, thời gian, lễ khai mạc, mục đích, đơn vị tổ chức, "
        "kế hoạch, văn bản của Bộ, phong trào thi đua, và còn mấy ngày đến Tuần lễ.\n"
        "Ví dụ: <i>Lễ khai mạc ngày nào?</i> — hoặc chọn một mục bên dưới."
    )
    NON_TEXT = "Mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi hoặc dùng /trogiup nhé."
    EDITED = (
        "Mình không xử lý tin nhắn đã chỉnh sửa. Nếu cần sửa điểm danh, "
        "hãy dùng /hoantac rồi điểm danh lại."
    )
    PRIVATE_ONLY = "Vui lòng nhắn riêng cho bot để dùng lệnh này nhé: bấm nút bên dưới."
    ERROR = (
        "Rất tiếc, đã có lỗi khi xử lý yêu cầu. Dữ liệu của bạn không bị thay đổi; "
        "vui lòng thử lại sau ít phút."
    )
    # The database cannot be written (disk full, read-only, server unreachable): the user's
    # request was rolled back, so it must be sent again; admins get DB_DOWN / DB_UP.
    DB_UNAVAILABLE = (
        "Rất tiếc, bot tạm thời không lưu được dữ liệu nên yêu cầu của bạn chưa được ghi lại. "
        "Bạn vui lòng thử lại sau ít phút."
    )
    DB_DOWN = (
        "⚠️ <b>Cơ sở dữ liệu không ghi được</b>: {reason}.\n"
        "Bot vẫn chạy và tự thử lại; tin nhắn mới được Telegram giữ lại cho đến khi lưu được, "
        "không mất tin nào. Chi tiết: <code>{detail}</code>"
    )
    DB_UP = (
        "✅ <b>Cơ sở dữ liệu đã ghi được trở lại</b> (gián đoạn từ {since}). "
        "Bot hoạt động bình thường."
    )
    DB_REASONS: ClassVar[dict[str, str]] = {
        "full": "ổ đĩa đã đầy",
        "readonly": "cơ sở dữ liệu chỉ cho phép đọc (quyền của tệp, ổ đĩa hoặc máy chủ)",
        "unreachable": "không kết nối được tới máy chủ cơ sở dữ liệu",
        "locked": "một tiến trình khác đang giữ khóa ghi",
        "busy": "mọi kết nối tới cơ sở dữ liệu đều đang bận",
        "unavailable": "cơ sở dữ liệu báo lỗi",
        "error": "cơ sở dữ liệu báo lỗi",
    }
    CANCELLED = "Đã hủy. Không có gì thay đổi."
    NOTHING_TO_CANCEL = (
        "Hiện không có thao tác nào đang làm nên không có gì để hủy.\n"
        "Muốn xóa một lượt điểm danh đã ghi? Dùng /hoantac hoặc nút <b>↩️ Hoàn tác</b> "
        "dưới lượt đó."
    )
    EXPIRED_BUTTON = "Nút này đã hết hạn. Vui lòng bắt đầu lại."
    UNREADABLE_TEXT = (
        "Tin nhắn có ký tự bị lỗi mã hóa nên mình không đọc được và chưa lưu gì. Vui lòng gõ lại."
    )

    # --- facts about an edition ----------------------------------------------------------
    NO_INFO_YEAR = (
        "ℹ️ Chưa có thông tin về Tuần lễ năm {year}. "
        "Dưới đây là thông tin lần gần nhất mà mình biết (năm {latest}):"
    )
    THEME = "🎯 <b>Chủ đề Tuần lễ năm {year}</b>\n«{theme}»"
    DATES = "📅 <b>Thời gian Tuần lễ năm {year}</b>\nTừ {start} đến hết {end} ({days} ngày)."
    OPENING = "🎉 <b>Lễ khai mạc Tuần lễ năm {year}</b>\n{weekday}, ngày {date}."
    OPENING_TIME = "Giờ khai mạc: {time}."
    OPENING_TIME_UNKNOWN = "Thông báo chính thức không nêu giờ khai mạc."
    PURPOSE = "💡 <b>Mục đích Tuần lễ năm {year}</b>\n{items}"
    ORGANISER = "🏛 <b>Đơn vị tổ chức (năm {year})</b>\n{organiser}"
    AUDIENCE = "Đối tượng, phạm vi: {audience}."
    PLAN = "📄 <b>Kế hoạch năm {year}</b>\nKế hoạch số {number} ngày {date}: {title}."
    PLAN_UNKNOWN = "📄 Thông báo năm {year} không nêu số kế hoạch."
    PURPOSE_UNKNOWN = "💡 Thông báo năm {year} không nêu mục đích của Tuần lễ."
    MINISTRY = "🏫 <b>Chỉ đạo của Bộ (năm {year})</b>\n{text}"
    MINISTRY_UNKNOWN = (
        "🏫 Thông báo năm {year} không nêu văn bản của Bộ Giáo dục và Đào tạo về Tuần lễ."
    )
    MOVEMENT = "🏆 <b>Phong trào thi đua gắn với Tuần lễ năm {year}</b>\n«{movement}»"
    DECISION = "📜 <b>Văn bản gắn với Tuần lễ năm {year}</b>\n{decision}"
    MOVEMENT_UNKNOWN = "🏆 Thông báo năm {year} không nêu phong trào thi đua nào."
    OVERVIEW = (
        "📘 <b>{name}</b>\n"
        "• Chủ đề: «{theme}»\n"
        "• Thời gian: {start} – {end}\n"
        "• Khai mạc: {opening}\n"
        "• Đơn vị tổ chức: {organiser}"
    )
    OVERVIEW_PLAN = "• Kế hoạch số {number} ngày {date}"
    SOURCE = "<i>Nguồn: {source}</i>"

    # --- where are we now ----------------------------------------------------------------
    STATUS_BEFORE = "⏳ {name} sẽ khai mạc vào {date}, còn <b>{days}</b> ngày nữa."
    STATUS_TOMORROW = "⏳ Ngày mai ({date}) {name} khai mạc!"
    STATUS_DURING = "📌 Hôm nay là ngày thứ <b>{day}/{total}</b> của {name}. Còn {left} ngày nữa."
    STATUS_LAST_DAY = "📌 Hôm nay là ngày cuối cùng ({day}/{total}) của {name}."
    STATUS_AFTER = "✅ {name} đã kết thúc vào ngày {end}. Tuần lễ tiếp theo chưa được công bố."
    TODAY = "📆 Hôm nay là {weekday}, ngày {date}."
    # At the start of a line; in running text "thứ" is lower-case (fmt_weekday(inline=True)).
    WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

    # --- profile -------------------------------------------------------------------------
    ASK_NAME = (
        "📝 <b>Đăng ký hồ sơ</b>\nBạn vui lòng nhập <b>họ và tên</b> đầy đủ (ví dụ: Nguyễn Văn An)."
    )
    PROFILE_CURRENT = "Hồ sơ hiện tại: <b>{name}</b> — {unit}.\nNhập họ và tên để cập nhật."
    ASK_UNIT = (
        "Cảm ơn {name}. Bạn thuộc <b>đơn vị</b> (phòng/ban) nào? Chọn bên dưới hoặc gõ tên đơn vị."
    )
    ASK_UNIT_TYPE = "Cảm ơn {name}. Bạn thuộc <b>đơn vị</b> (phòng/ban) nào? Hãy gõ tên đơn vị."
    PROFILE_SAVED = "✅ Đã lưu hồ sơ.\n• Họ và tên: {name}\n• Đơn vị: {unit}"
    UNIT_GONE = "Đơn vị này không còn trong danh sách. Vui lòng gõ tên đơn vị."
    FIELD_NAME = "Họ và tên"
    FIELD_UNIT = "Tên đơn vị"
    FIELD_NOTE = "Ghi chú"
    PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "{field} đang trống. Vui lòng nhập lại.",
        "too_short": "{field} quá ngắn (ít nhất {limit} ký tự). Vui lòng nhập lại.",
        "too_long": "{field} quá dài (tối đa {limit} ký tự, bạn gửi {length}). Vui lòng rút gọn.",
        "no_letters": "{field} phải có chữ cái. Vui lòng nhập lại.",
        "control_chars": "{field} chứa ký tự không hợp lệ. Vui lòng nhập lại.",
        "broken_chars": "{field} có ký tự bị lỗi mã hóa, không đọc được. Vui lòng gõ lại.",
        "markup": "{field} không được chứa thẻ HTML (như &lt;b&gt;). Vui lòng gõ lại.",
        "formula": "{field} không được bắt đầu bằng dấu =, +, - hoặc @. Vui lòng gõ lại.",
        "no_separator": (
            "Hãy ngăn cách họ tên và đơn vị bằng dấu |, ví dụ:\n"
            "<code>/hoso Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
        ),
    }

    # --- check-in ------------------------------------------------------------------------
    ASK_DURATION = (
        "⏱ Hôm nay bạn đã tự học bao lâu? Chọn bên dưới hoặc gõ thời lượng "
        "(ví dụ: 45p, 1h30, 1,5 giờ)."
    )
    BTN_MINUTES = "{minutes} phút"
    BTN_CUSTOM = "✏️ Khác"
    ASK_CUSTOM_DURATION = "Gõ thời lượng, ví dụ: 20, 45 phút, 1h30, 1 tiếng 30, nửa tiếng."
    ASK_ACTIVITY = "Trong {minutes} đó, bạn đã học gì?"
    ACTIVITIES: ClassVar[dict[str, str]] = {
        "reading": "📚 Đọc sách/tài liệu",
        "course": "💻 Khóa học trực tuyến",
        "webinar": "🎤 Hội thảo/webinar",
        "research": "🔬 Tự nghiên cứu",
        "other": "✨ Khác",
    }
    ASK_NOTE = "Thêm một ghi chú ngắn (tối đa {limit} ký tự) hoặc bấm <b>Bỏ qua</b>."
    BTN_SKIP = "Bỏ qua ➡️"
    CHECKIN_SAVED = "✅ <b>Đã ghi nhận điểm danh tự học!</b>"
    CHECKIN_ALREADY = "ℹ️ Lượt điểm danh này đã được ghi nhận trước đó."
    CHECKIN_DETAILS = "• Thời lượng: {minutes}\n• Hoạt động: {activity}\n• Ngày: {date}"
    CHECKIN_NOTE = "• Ghi chú: {note}"
    CHECKIN_TOTALS = "Hôm nay: <b>{day}</b> · {window}: <b>{total}</b>"
    # A check-in sent before midnight and handled after it counts on the day it was sent.
    CHECKIN_TOTALS_ON = "Ngày {date}: <b>{day}</b> · {window}: <b>{total}</b>"
    WINDOW_WEEK = "Tuần lễ {year}"
    WINDOW_ROLLING = "7 ngày qua"
    DAY_LIMIT = (
        "Chưa lưu: tổng thời gian tự học trong một ngày không quá 24 giờ "
        "(hôm nay bạn đã ghi {day}). Hãy kiểm tra lại thời lượng."
    )
    DAY_LIMIT_ON = (
        "Chưa lưu: tổng thời gian tự học trong một ngày không quá 24 giờ "
        "(ngày {date} bạn đã ghi {day}). Hãy kiểm tra lại thời lượng."
    )
    DURATION_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "Bạn chưa nhập thời lượng.",
        "unreadable": (
            "Mình chưa đọc được thời lượng «{text}». "
            "Ví dụ hợp lệ: 45, 45p, 1h30, 1 tiếng 30, 1,5 giờ, nửa tiếng."
        ),
        "negative": "Thời lượng không thể là số âm.",
        "zero": "Thời lượng phải lớn hơn 0 phút.",
        "needs_unit": "«{text}» là giờ hay phút? Hãy ghi rõ, ví dụ 1,5 giờ hoặc 90 phút.",
        "too_long": (
            "Mỗi lượt điểm danh tối đa 12 giờ. Nếu học nhiều hơn, hãy chia thành nhiều lượt."
        ),
    }
    CHECKIN_HINT = (
        "Để điểm danh tự học, gõ /diemdanh và làm theo hướng dẫn, hoặc ghi nhanh:\n"
        "<code>/diemdanh 45 đọc sách về chuyển đổi số</code>\n"
        "Quên điểm danh? Thêm ngày đã học (tối đa 3 ngày trước), ví dụ: "
        "<code>/diemdanh 30p đọc sách hôm qua</code>"
    )
    REGISTER_HINT = (
        "Để đăng ký, gõ /hoso rồi nhập họ tên và đơn vị, hoặc ghi nhanh:\n"
        "<code>/hoso Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
    )

    # --- my record -----------------------------------------------------------------------
    NOT_REGISTERED = (
        "Bạn chưa đăng ký hồ sơ. Bấm nút bên dưới (hoặc gõ /hoso) để đăng ký một lần, rồi "
        "/diemdanh để điểm danh."
    )
    ME_EMPTY = "Chưa có lượt điểm danh nào trong khoảng này. Gõ /diemdanh để bắt đầu!"
    ME_TOTALS = (
        "Tổng: <b>{total}</b> · Số ngày có điểm danh: <b>{days}/{window_days}</b> · "
        "Chuỗi ngày liên tiếp: <b>{streak}</b>"
    )
    UNDO_NOTHING = "Bạn chưa có lượt điểm danh nào để xóa."
    UNDO_CONFIRM = "Xóa lượt điểm danh gần nhất?\n{details}"
    BTN_UNDO_YES = "🗑 Xóa lượt này"
    BTN_UNDO_NO = "Giữ lại"
    UNDONE = "🗑 Đã xóa lượt điểm danh:\n{details}\n\n📊 Xem lại tuần học của bạn: /cuatoi"
    UNDO_KEPT = "Đã giữ nguyên lượt điểm danh."
    UNDO_GONE = "Lượt điểm danh này đã được xóa trước đó."

    # --- reminders ---------------------------------------------------------------------
    REMIND_EVE = (
        "📣 <b>Ngày mai khai mạc {name}!</b>\n"
        "🎯 Chủ đề: «{theme}»\n📅 Thời gian: {start} – {end}\n🎉 Lễ khai mạc: {opening}\n\n"
        "Hãy cùng tự học mỗi ngày và điểm danh bằng /diemdanh nhé!"
    )
    REMIND_OPENING = (
        "🎉 <b>Hôm nay khai mạc {name}</b>\nChủ đề: «{theme}».\nChúc bạn một tuần học tập hiệu quả!"
    )
    REMIND_MORNING = (
        "☀️ <b>Ngày {day}/{total} của Tuần lễ</b>\n💡 Gợi ý tự học hôm nay: {suggestion}"
    )
    REMIND_MORNING_GROUP = (
        "Điểm danh tự học: bấm nút bên dưới để nhắn riêng cho bot, hoặc nhắn riêng lệnh /diemdanh."
    )
    REMIND_NUDGE = (
        "🌙 Hôm nay bạn chưa điểm danh tự học. "
        "Nếu đã dành thời gian học, hãy bấm nút bên dưới để ghi lại."
    )
    REMIND_SUMMARY = (
        "🏁 <b>Tổng kết tuần học tập của bạn</b>\n"
        "• Tổng thời gian: <b>{total}</b>\n• Số ngày có điểm danh: <b>{days}/{window_days}</b>\n"
        "• Chuỗi ngày liên tiếp dài nhất: <b>{streak}</b>\n\n"
        "Cảm ơn bạn đã đồng hành cùng {name}! 💐"
    )
    BTN_CHECKIN_NOW = "✅ Điểm danh ngay"
    BTN_REMIND_ON = "🔔 Bật nhắc nhở"
    BTN_REMIND_OFF = "🔕 Tắt nhắc nhở"
    REMIND_IS_ON = (
        "🔔 Bạn đang bật nhắc nhở: trong Tuần lễ, bot sẽ nhắn bạn theo lịch.\n"
        "Muốn tắt, bấm nút bên dưới hoặc gõ <code>/nhacnho tat</code>."
    )
    REMIND_IS_OFF = (
        "🔕 Bạn đã tắt nhắc nhở.\nMuốn bật lại, bấm nút bên dưới hoặc gõ <code>/nhacnho bat</code>."
    )
    REMIND_TURNED_ON = "🔔 Đã bật nhắc nhở. Trong Tuần lễ, bot sẽ nhắn bạn theo lịch."
    REMIND_TURNED_OFF = (
        "🔕 Đã tắt nhắc nhở. Bạn có thể bật lại bất cứ lúc nào bằng cách gõ "
        "<code>/nhacnho bat</code>."
    )
    REMIND_USAGE = (
        "Cách dùng: gõ <code>/nhacnho bat</code> để nhóm nhận tin nhắn của Tuần lễ, hoặc "
        "<code>/nhacnho tat</code> để thôi nhận."
    )
    REMIND_GROUP_ON = "🔔 Nhóm này sẽ nhận tin nhắn buổi sáng của Tuần lễ."
    REMIND_GROUP_OFF = "🔕 Nhóm này sẽ không nhận tin nhắn của Tuần lễ nữa."
    NOT_ALLOWED = "Xin lỗi, chức năng này chỉ dành cho ban tổ chức và quản trị viên."
    NOT_ALLOWED_ADMIN = "Xin lỗi, chức năng này chỉ dành cho quản trị viên."
    SCHEDULE_HEADER = "🗓 <b>Lịch nhắc nhở Tuần lễ năm {year}</b> (giờ {tz})"
    SCHEDULE_LINE = "• {when} — {label}: {count}"
    SCHEDULE_FUTURE = "  (ước tính theo số người đăng ký hiện nay)"
    REMINDER_LABELS: ClassVar[dict[str, str]] = {
        "eve": "Báo trước khai mạc",
        "opening": "Ngày khai mạc",
        "morning": "Lời chào buổi sáng",
        "nudge": "Nhắc người chưa điểm danh",
        "summary": "Tổng kết cá nhân",
        "week_figures": "Số liệu cuối tuần gửi quản trị viên",
        "week_report": "Dự thảo báo cáo kết quả (.docx) gửi quản trị viên",
        "week_honours": "Danh sách khen thưởng (.xlsx) gửi quản trị viên",
        "certificate": "Giấy chứng nhận gửi người đạt tiêu chí",
    }

    # --- roles and audit ----------------------------------------------------------------
    GRANT_USAGE = (
        "Cách dùng: <code>/capquyen @tên_người_dùng</code> (hoặc mã số Telegram thay cho @tên) "
        "để cấp quyền ban tổ chức; có thể ghi thêm <code>ban tổ chức</code> ở cuối."
    )
    REVOKE_USAGE = "Cách dùng: <code>/thuhoi @tên_người_dùng</code> (hoặc mã số Telegram)"
    PERSON_UNKNOWN = (
        "Không tìm thấy {ref} trong số người đã đăng ký. Người này cần đăng ký hồ sơ với bot "
        "(/hoso) trước, rồi bạn thử lại."
    )
    GRANTED = "✅ Đã cấp quyền ban tổ chức cho {person}."
    REVOKED = "✅ Đã thu hồi quyền ban tổ chức của {person}."
    NOT_A_HOLDER = "{person} hiện không giữ quyền ban tổ chức. Xem ai đang giữ quyền: /phanquyen"
    ADMIN_FROM_SETTINGS = (
        "{person} là quản trị viên do cấu hình của bot quy định; quyền này không thay đổi được "
        "bằng lệnh."
    )
    GRANT_CONFIRM = (
        "Cấp quyền <b>ban tổ chức</b> cho người này?\n"
        "• Họ và tên: <b>{name}</b>\n• Tên người dùng: {username}\n"
        "• Mã số Telegram: <code>{id}</code>\n"
        "Hãy kiểm tra đúng người trước khi xác nhận."
    )
    REVOKE_CONFIRM = (
        "Thu hồi quyền <b>ban tổ chức</b> của người này?\n"
        "• Họ và tên: <b>{name}</b>\n• Tên người dùng: {username}\n"
        "• Mã số Telegram: <code>{id}</code>\n"
        "Hãy kiểm tra đúng người trước khi xác nhận."
    )
    BTN_CONFIRM_GRANT = "✅ Xác nhận cấp quyền"
    BTN_CONFIRM_REVOKE = "✅ Xác nhận thu hồi"
    NO_NAME = "(chưa đăng ký)"
    NO_USERNAME = "(không có)"
    ALREADY_HOLDER = "{person} đã là ban tổ chức rồi; không cần cấp lại."
    ROLE_TARGET_GONE = "Người này không còn trong dữ liệu của bot. Không có gì thay đổi."
    ROLE_CANCELLED = "Đã hủy. Quyền của người này không thay đổi."
    ERASED_PERSON = "(người dùng đã xóa dữ liệu)"
    CLI_PERSON = "Người quản trị máy chủ (dòng lệnh)"
    ROLES = (
        "👥 <b>Phân quyền</b>\n\n<b>Quản trị viên</b> (theo cấu hình của bot):\n{admins}\n\n"
        "<b>Ban tổ chức</b>:\n{organisers}"
    )
    NOBODY = "• (chưa có)"
    AUDIT_HEADER = "🧾 <b>Nhật ký thao tác</b> ({count} mục gần nhất)"
    AUDIT_LINE = "• {at} — {what}"
    AUDIT_EMPTY = "Chưa có thao tác nào được ghi lại."
    # One sentence per kind of action (bot/ui/staff_texts.py fills them in).
    ACTIONS: ClassVar[dict[str, str]] = {
        "grant": "{actor} cấp quyền ban tổ chức cho {user}.",
        "revoke": "{actor} thu hồi quyền ban tổ chức của {user}.",
        "group_on": "{actor} đăng ký cho nhóm «{title}» nhận tin nhắn của Tuần lễ.",
        "group_off": "{actor} hủy nhận tin nhắn của Tuần lễ cho nhóm «{title}».",
        "broadcast_send": (
            "{actor} gửi thông báo số {broadcast} tới {audience} ({recipients} nơi nhận)."
        ),
        "broadcast_schedule": "{actor} hẹn gửi thông báo số {broadcast} vào {at}.",
        "broadcast_stop": "{actor} dừng gửi thông báo số {broadcast}.",
        "broadcast_cancel": "{actor} hủy lịch gửi thông báo số {broadcast}.",
        "broadcast_resend": (
            "{actor} gửi lại thông báo số {broadcast} cho {recipients} nơi nhận chưa rõ kết quả."
        ),
        "export": (
            "{actor} xuất dữ liệu cá nhân năm {year} (tệp {format}, {checkins} lượt điểm danh)."
        ),
        "roster_import": (
            "{actor} nhập danh sách cán bộ: {people} người ({added} mới, {moved} chuyển đơn vị, "
            "{left} không còn trong danh sách, {units_created} đơn vị mới)."
        ),
        "unit_add": "{actor} thêm đơn vị «{unit_name}».",
        "edition_new": "{actor} lưu Tuần lễ năm {year} từ thông báo.",
        "edition_change": "{actor} sửa thông tin Tuần lễ năm {year} ({fields} mục thay đổi).",
        "unit_rename": "{actor} đổi tên đơn vị «{unit_name}» thành «{new_name}».",
        "unit_merge": "{actor} gộp đơn vị «{unit_name}» ({members} người) vào «{new_name}».",
        "unit_archive": "{actor} lưu trữ đơn vị «{unit_name}» ({members} người).",
        "unit_restore": "{actor} khôi phục đơn vị «{unit_name}» đã lưu trữ.",
        "invite_codes": "{actor} lấy đường dẫn mời của {units} đơn vị ({assigned} mã mới).",
        "followup_list": (
            "{actor} xem danh sách cần nhắc năm {year}: {not_registered} chưa đăng ký, "
            "{not_checked_in} chưa điểm danh."
        ),
        "report": ("{actor} lấy báo cáo kết quả Tuần lễ năm {year} ({checkins} lượt điểm danh)."),
        "commendations": (
            "{actor} lấy danh sách đề nghị khen thưởng năm {year} ({people} cá nhân đạt tiêu "
            "chí, {units} đơn vị)."
        ),
        "certificates": "{actor} lấy toàn bộ giấy chứng nhận năm {year} ({certificates} giấy).",
        "erasure": "Một người dùng đã xóa dữ liệu của mình theo quyền của chủ thể dữ liệu.",
        "other": "{actor} thực hiện một thao tác quản trị.",
    }

    # --- broadcasts --------------------------------------------------------------------
    BC_ASK_CONTENT = (
        "📢 <b>Soạn thông báo</b>\nGửi nội dung cần thông báo: tin nhắn chữ (có thể định dạng), "
        "ảnh hoặc tệp kèm chú thích, hoặc chuyển tiếp một tin nhắn. Gõ /huy để hủy."
    )
    BC_UNSUPPORTED = "Chỉ gửi được tin nhắn chữ, ảnh hoặc tệp. Vui lòng gửi lại nội dung."
    BC_TOO_LONG = (
        "Nội dung dài {length} ký tự, vượt giới hạn {limit} ký tự của Telegram. "
        "Vui lòng rút gọn rồi gửi lại."
    )
    BC_ASK_AUDIENCE = "Gửi thông báo này cho ai?"
    BC_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "👥 Tất cả cán bộ đã đăng ký",
        "unit": "🏢 Một đơn vị",
        "today": "⏰ Chưa điểm danh hôm nay",
        "week": "📭 Chưa điểm danh trong tuần",
        "groups": "💬 Các nhóm đã đăng ký nhận tin",
    }
    BC_ASK_UNIT = "Chọn đơn vị nhận thông báo:"
    BC_NO_UNITS = "Chưa có đơn vị nào. Hãy chọn đối tượng khác."
    BC_PREVIEW = (
        "👆 Trên đây là nội dung người nhận sẽ thấy.\n"
        "Đối tượng: {audience} — {recipients}{left_out}"
    )
    BC_NOBODY = (
        "Không có ai nhận được trong đối tượng «{audience}»{left_out}. Hãy chọn đối tượng khác."
    )
    BTN_SEND_NOW = "📤 Gửi ngay"
    BTN_SCHEDULE = "🕒 Hẹn giờ…"
    BTN_STOP = "⏹ Dừng gửi"
    BTN_CANCEL_SCHEDULE = "✖️ Hủy hẹn giờ"
    BC_ASK_TIME = (
        "Nhập thời điểm gửi theo giờ Việt Nam, ví dụ <code>20:00</code> (hôm nay; nếu giờ đó "
        "đã qua thì là ngày mai), <code>8h sáng mai</code>, <code>20h tối nay</code> hoặc "
        "<code>{example}</code>."
    )
    BC_TIME_PROBLEMS: ClassVar[dict[str, str]] = {
        "unreadable": (
            "Không đọc được thời điểm «{text}». Ví dụ: 20:00, 8h sáng mai hoặc {example}."
        ),
        "past": (
            "Thời điểm «{text}» đã qua. Vui lòng chọn một thời điểm sau bây giờ, ví dụ {example}."
        ),
        "too_far": "Chỉ hẹn giờ trong vòng 30 ngày tới (bạn nhập «{text}»), ví dụ {example}.",
    }
    BC_SCHEDULED = (
        "🕒 Đã hẹn gửi thông báo #{id} lúc {when}.\nĐối tượng: {audience} — hiện có {recipients}"
    )
    BC_STARTED = "📤 Bắt đầu gửi thông báo #{id} tới {count}…"
    BC_PROGRESS = (
        "📤 <b>Thông báo #{id}</b>\nĐã gửi {sent}/{total} · lỗi {failed} · đã chặn bot {blocked}"
    )
    BC_DONE = (
        "✅ <b>Kết thúc thông báo #{id}</b>\nĐã gửi {sent}/{total} · lỗi {failed} · "
        "đã chặn bot {blocked} · không rõ {unknown} · không gửi (đã dừng) {cancelled}"
    )
    BC_STOPPED = "⏹ Đã dừng thông báo #{id}. Những tin chưa gửi sẽ không được gửi."
    BC_STOPPED_IN_FLIGHT = (
        "{count} tin đang được gửi dở lúc dừng vẫn có thể tới nơi; "
        "xem số liệu cuối cùng bằng /cacthongbao."
    )
    BC_CANCELLED = (
        "Đã hủy thông báo #{id}. Không có tin nào được gửi. Soạn thông báo mới: /thongbao"
    )
    BC_GONE = "Thông báo này đã được gửi xong, đã dừng hoặc đã hủy."
    BC_NOT_YOURS = "Chỉ người soạn thông báo này hoặc quản trị viên mới thao tác được."
    BC_STATE: ClassVar[dict[str, str]] = {
        "draft": "Thông báo #{id} vẫn là bản nháp.",
        "scheduled": (
            "Thông báo #{id} đã được hẹn giờ nên không gửi ngay được. "
            "Muốn đổi, hãy hủy hẹn giờ rồi soạn lại."
        ),
        "sending": "Thông báo #{id} đang được gửi.",
        "done": "Thông báo #{id} đã gửi xong.",
        "stopped": "Thông báo #{id} đã bị dừng; những tin chưa gửi sẽ không được gửi.",
        "cancelled": "Thông báo #{id} đã bị hủy; không có tin nào được gửi.",
    }
    BTN_RESEND = "🔁 Gửi lại cho {count} nơi nhận chưa rõ"
    BTN_RESEND_LIST = "🔁 #{id}: gửi lại cho {count} nơi nhận chưa rõ"
    BTN_RESEND_YES = "🔁 Gửi lại"
    BTN_RESEND_NO = "✖️ Thôi"
    BC_RESEND_ASK = (
        "Thông báo #{id}: <b>{count}</b> nơi nhận có thể chưa nhận được (việc gửi bị gián "
        "đoạn hoặc Telegram không trả lời kịp). Gửi lại cho những nơi này? Một số người có thể "
        "nhận hai lần. Mỗi nơi chỉ được gửi lại một lần."
    )
    BC_RESENDING = "🔁 Đang gửi lại thông báo #{id} cho {count}…"
    BC_RESEND_NONE = "Thông báo #{id} không còn nơi nhận nào cần gửi lại."
    BC_RESEND_KEPT = "Đã bỏ qua, không gửi lại."
    BC_LIST_HEADER = "📋 <b>Các thông báo gần đây</b>"
    BC_LIST_LINE = (
        "• #{id} {when} — {status} — {audience}: đã gửi {sent}/{total}, lỗi {failed}, "
        "chặn bot {blocked}, không rõ {unknown}"
    )
    BC_LIST_EMPTY = "Chưa có thông báo nào. Gõ /thongbao để soạn thông báo."
    BC_STATUS: ClassVar[dict[str, str]] = {
        "draft": "nháp",
        "scheduled": "hẹn giờ",
        "sending": "đang gửi",
        "done": "đã xong",
        "stopped": "đã dừng",
        "cancelled": "đã hủy",
    }

    # --- reports -----------------------------------------------------------------------
    STATS_HEADER = "📊 <b>Thống kê Tuần lễ năm {year}</b> ({start} – {end})"
    STATS_BODY = (
        "• Cán bộ đã đăng ký: <b>{registered}</b>\n"
        "• Tham gia (có điểm danh): <b>{participants}</b> — tỷ lệ <b>{rate}</b>\n"
        "• Lượt điểm danh: <b>{checkins}</b>\n"
        "• Tổng thời gian tự học: <b>{minutes}</b>{average}"
    )
    STATS_AVERAGE = " (bình quân {average} mỗi người tham gia)"
    STATS_TODAY = "<b>Hôm nay</b> ({date}): {participants} · {checkins} · {minutes}"
    STATS_NO_EDITION = (
        "Không có dữ liệu về Tuần lễ năm {year}. Bot có số liệu các năm: {years} — "
        "chọn một năm bên dưới."
    )
    BTN_BY_DAY = "📅 Theo ngày"
    BTN_BY_UNIT = "🏢 Theo đơn vị"
    BTN_TOP = "🏅 Học nhiều nhất"
    BTN_EXPORT = "📥 Xuất Excel"
    BTN_CSV = "📄 Xuất CSV"
    BTN_CHART = "📈 Biểu đồ"
    BY_DAY_HEADER = "📅 <b>Tuần lễ năm {year} theo ngày</b>"
    BY_DAY_LINE = "• {weekday} {date}: {participants} · {checkins} · {minutes}"
    BY_UNIT_HEADER = "🏢 <b>Tuần lễ năm {year} theo đơn vị</b> (xếp theo tỷ lệ tham gia)"
    BY_UNIT_LINE = "• {unit}: {participants}/{registered} ({rate}) · {minutes}"
    BY_UNIT_EMPTY = "Chưa có đơn vị nào."
    TOP_HEADER = "🏅 <b>{count} người tự học nhiều nhất — Tuần lễ năm {year}</b>"
    TOP_HEADER_ONE = "🏅 <b>Người tự học nhiều nhất — Tuần lễ năm {year}</b>"
    TOP_LINE = "{rank}. {name} — {unit}: {minutes} ({days})"
    TOP_EMPTY = "Chưa có lượt điểm danh nào trong Tuần lễ."
    PERSONAL_DATA_ADMINS_ONLY = "Danh sách cá nhân và tệp xuất dữ liệu chỉ dành cho quản trị viên."
    EXPORT_CAPTION = "📥 Báo cáo Tuần lễ năm {year}: {checkins} lượt điểm danh."
    CHART_CAPTION = (
        "📈 Tuần lễ năm {year}: người tham gia và thời gian tự học theo ngày; "
        "tỷ lệ tham gia theo đơn vị."
    )
    EXPORT_USAGE = (
        "Cách dùng: /xuatdulieu [xlsx|csv] [năm], ví dụ <code>/xuatdulieu csv 2023</code>"
    )
    XLSX_SUMMARY = "Tổng quan"
    XLSX_BY_DAY = "Theo ngày"
    XLSX_BY_UNIT = "Theo đơn vị"
    XLSX_DETAIL = "Chi tiết"
    XLSX_FIGURE = "Chỉ số"
    XLSX_VALUE = "Giá trị"
    XLSX_YEAR = "Năm"
    XLSX_REGISTERED = "Đã đăng ký"
    XLSX_PARTICIPANTS = "Tham gia"
    XLSX_RATE = "Tỷ lệ tham gia"
    XLSX_CHECKINS = "Lượt điểm danh"
    XLSX_MINUTES = "Số phút"
    XLSX_AVERAGE = "Số phút bình quân mỗi người tham gia"
    XLSX_DATE = "Ngày"
    XLSX_TIME = "Giờ"
    XLSX_NAME = "Họ và tên"
    XLSX_UNIT = "Đơn vị"
    XLSX_ACTIVITY = "Hoạt động"
    XLSX_NOTE = "Ghi chú"
    CHART_PARTICIPANTS = "Người tham gia"
    CHART_MINUTES = "Số phút tự học"
    CHART_BY_DAY = "Tuần lễ năm {year}: người tham gia và thời gian tự học theo ngày"
    CHART_BY_UNIT = "Tỷ lệ tham gia theo đơn vị"
    CHART_RATE = "Tỷ lệ tham gia (%)"

    # --- privacy -------------------------------------------------------------------------
    PRIVACY = (
        "🔒 <b>Dữ liệu bot lưu về bạn</b>\n"
        "• <b>Hồ sơ:</b> họ và tên, đơn vị (bạn khai báo với /hoso), mã định danh (ID) và tên "
        "người dùng (username) Telegram, ngôn ngữ, thời điểm bạn đồng ý — để ghi nhận kết quả tự "
        "học, tổng hợp theo đơn vị và gửi nhắc nhở. Lưu đến khi bạn xóa dữ liệu.\n"
        "• <b>Danh sách cán bộ:</b> nếu cơ quan đã nhập danh sách cán bộ (họ tên, đơn vị, mã cán "
        "bộ do cơ quan quản lý), hồ sơ của bạn được gắn với dòng của bạn trong danh sách và họ "
        "tên được ghi theo danh sách, để tính tỷ lệ tham gia của từng đơn vị. Khi bạn xóa dữ "
        "liệu, dòng đó vẫn thuộc danh sách của cơ quan nhưng không còn gắn với bạn.\n"
        "• <b>Lượt điểm danh:</b> ngày, thời lượng, hoạt động, ghi chú — lưu đến khi bạn xóa dữ "
        "liệu. Lượt bạn xóa bằng /hoantac cũng được lưu đến lúc đó (đánh dấu đã xóa, không "
        "được tính).\n"
        "• <b>Giấy chứng nhận</b> (nếu bạn đạt tiêu chí): họ tên, đơn vị, số ngày và thời gian "
        "tự học in trên giấy, cùng mã xác thực — ai có mã (in trên giấy) đều kiểm tra được "
        "bằng /xacthuc. Lưu đến khi bạn xóa dữ liệu; sau đó mã không còn giá trị.\n"
        "• <b>Tin nhắn gốc</b> bot nhận từ Telegram (nội dung bạn gõ, tên hiển thị, tên người "
        "dùng): giữ {days} ngày để không mất tin khi bot khởi động lại, sau đó tự xóa.\n"
        "• <b>Tin đã gửi cho bạn</b> (nhắc nhở, thông báo): mã cuộc trò chuyện, mã tin nhắn, "
        "ngôn ngữ — lưu đến khi bạn xóa dữ liệu, để đếm số tin đã gửi và không gửi trùng; sau "
        "đó chỉ còn là số liệu ẩn danh.\n"
        "• <b>Nhật ký thao tác</b> của quản trị viên và ban tổ chức (cấp quyền, gửi thông báo, "
        "xuất dữ liệu): giữ lâu dài để kiểm tra; khi bạn xóa dữ liệu, các mục về bạn được ẩn "
        "danh.\n\n"
        "<b>Ai xem được:</b> chỉ quản trị viên xem và xuất danh sách cá nhân; ban tổ chức chỉ xem "
        "số liệu tổng hợp. Mọi lần xuất dữ liệu đều được ghi nhật ký. Giấy chứng nhận của bạn: "
        "người nào có mã in trên giấy xem được nội dung ghi trên giấy đó.\n"
        "<b>Bên kiểm soát dữ liệu, nơi liên hệ:</b> {controller}.\n"
        "<b>Sự đồng ý của bạn:</b> {consent}\n"
        "<b>Rút lại đồng ý, xóa dữ liệu:</b> {how} — hồ sơ, lượt điểm danh và tin nhắn gốc của "
        "bạn bị xóa ngay, không còn trong các báo cáo sau đó; trong nhật ký và số liệu gửi tin, "
        "mã định danh của bạn được ẩn danh; thông báo bạn đã soạn (nếu có) chỉ còn số liệu gửi.\n"
        "Căn cứ: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Nghị định 356/2025/NĐ-CP."
    )
    PRIVACY_HOW_BUTTON = "bấm nút bên dưới hoặc gõ /xoadulieu"
    PRIVACY_HOW_COMMAND = "gõ /xoadulieu"
    PRIVACY_CONTACT_DEFAULT = "ban tổ chức Tuần lễ của cơ quan bạn"
    CONSENT_ON_RECORD = "đã đồng ý ngày {when}."
    CONSENT_NONE = "chưa có."
    BTN_WITHDRAW = "🗑 Rút lại đồng ý và xóa dữ liệu"
    DELETE_CONFIRM = (
        "Bạn muốn xóa hồ sơ và toàn bộ lượt điểm danh của mình (cả giấy chứng nhận, nếu có: mã "
        "xác thực sẽ không còn giá trị)? Thao tác này không hoàn tác được."
    )
    BTN_DELETE_YES = "🗑 Xóa dữ liệu của tôi"
    BTN_DELETE_NO = "Giữ lại"
    DELETED = (
        "Đã xóa hồ sơ, toàn bộ lượt điểm danh và các tin nhắn gốc của bạn; mã định danh của bạn "
        "không còn trong nhật ký. Cảm ơn bạn đã tham gia!"
    )
    DELETE_KEPT = "Đã giữ nguyên dữ liệu của bạn."
    DELETE_NOTHING = (
        "Bot không lưu hồ sơ nào của bạn. Các tin nhắn gốc bạn đã gửi cho bot cũng đã được xóa."
    )

    # --- consent (Law 91/2025/QH15, Decree 356/2025/NĐ-CP) -------------------------------
    CONSENT_NOTICE = (
        "🔒 <b>Đồng ý xử lý dữ liệu cá nhân</b>\n"
        "Khi đăng ký, bot lưu <b>họ và tên, đơn vị</b> bạn khai báo, <b>các lượt điểm danh</b> "
        "(ngày, thời lượng, hoạt động, ghi chú), <b>mã định danh (ID) và tên người dùng "
        "(username) Telegram</b>, ngôn ngữ của bạn và thời điểm bạn đồng ý.\n"
        "• <b>Để làm gì:</b> ghi nhận, tổng hợp kết quả tự học trong Tuần lễ hưởng ứng học tập "
        "suốt đời và gửi nhắc nhở cho bạn.\n"
        "• <b>Danh sách cán bộ:</b> nếu cơ quan đã nhập danh sách cán bộ, bot gắn đăng ký của bạn "
        "với dòng của bạn trong danh sách đó (họ tên, đơn vị, mã cán bộ do cơ quan quản lý) và "
        "ghi họ tên theo cách viết trong danh sách, để tính tỷ lệ tham gia của từng đơn vị.\n"
        "• <b>Ai xem được:</b> quản trị viên xem danh sách cá nhân và xuất báo cáo; ban tổ chức "
        "chỉ xem số liệu tổng hợp.\n"
        "• <b>Lưu bao lâu:</b> hồ sơ, lượt điểm danh (cả lượt đã hủy) và bản ghi các tin đã gửi "
        "cho bạn — đến khi bạn rút lại sự đồng ý; tin nhắn gốc tự xóa sau {days} ngày; nhật ký "
        "thao tác giữ lâu dài và được ẩn danh khi bạn xóa dữ liệu.\n"
        "• <b>Bên kiểm soát dữ liệu, nơi liên hệ:</b> {controller}.\n"
        "• Bạn có thể rút lại sự đồng ý bất cứ lúc nào bằng /baomat hoặc /xoadulieu; dữ liệu "
        "của bạn sẽ bị xóa.\n"
        "Bạn có đồng ý không?"
    )
    CONSENT_LEAD_CHECKIN = "Để điểm danh, bạn cần đăng ký hồ sơ một lần.\n\n"
    CONSENT_LEAD_EXISTING = (
        "Theo quy định bảo vệ dữ liệu cá nhân có hiệu lực từ 01/01/2026, bot cần sự đồng ý "
        "của bạn trước khi tiếp tục lưu hồ sơ và lượt điểm danh.\n\n"
    )
    BTN_CONSENT_YES = "✅ Tôi đồng ý"
    BTN_CONSENT_NO = "Không đồng ý"
    BTN_BACK = "↩️ Quay lại"
    CONSENT_PRESS = "Vui lòng bấm <b>Tôi đồng ý</b> hoặc <b>Không đồng ý</b> để tiếp tục."
    CONSENT_STILL_OPEN = (
        "🔒 Câu hỏi về việc đồng ý xử lý dữ liệu cá nhân (ở trên) vẫn đang chờ: bấm "
        "<b>Tôi đồng ý</b> để tiếp tục đăng ký, hoặc <b>Không đồng ý</b>."
    )
    CONSENT_RECORDED = "✅ Cảm ơn bạn. Đã ghi nhận sự đồng ý."
    CONSENT_EXPIRED = (
        "Nút này đã hết hạn; chưa có gì được ghi nhận. Câu hỏi đồng ý được gửi lại bên dưới."
    )
    CONSENT_ALREADY = "Nút này đã hết hạn: sự đồng ý của bạn đã được ghi nhận. Xem /baomat."
    CONSENT_WITHDRAW_HOW = (
        "Nút này đã hết hạn: bạn đã đồng ý trước đó. Muốn rút lại sự đồng ý và xóa dữ liệu, "
        "hãy dùng /baomat hoặc /xoadulieu."
    )
    CONSENT_DECLINED = (
        "Bot không lưu hồ sơ của bạn và đã xóa các tin nhắn gốc bạn đã gửi. Bạn vẫn có thể hỏi về "
        "Tuần lễ; muốn điểm danh thì cần đăng ký và đồng ý — khi nào muốn, bạn bấm nút bên "
        "dưới để đọc lại thông báo."
    )
    CONSENT_DECLINED_EXISTING = (
        "Không có sự đồng ý của bạn, bot không được tiếp tục giữ hồ sơ và lượt điểm danh của "
        "bạn: chúng cần được xóa. Bấm <b>Xóa dữ liệu của tôi</b> để xóa ngay (không hoàn tác "
        "được), hoặc <b>Quay lại</b> để xem lại câu hỏi đồng ý."
    )
    YEAR_INVALID = "Năm không hợp lệ — hãy gõ 4 chữ số, ví dụ {example}."

    # --- command menu (setMyCommands) ---------------------------------------------------
    # By command key (handlers/commands.py SECTIONS): the menu and /help both use these.
    COMMANDS: ClassVar[dict[str, str]] = {
        "start": "Bắt đầu",
        "help": "Hướng dẫn sử dụng",
        "week": "Tổng quan Tuần lễ",
        "theme": "Chủ đề Tuần lễ",
        "dates": "Thời gian Tuần lễ",
        "ceremony": "Lễ khai mạc",
        "profile": "Đăng ký họ tên, đơn vị",
        "checkin": "Điểm danh tự học",
        "me": "Kết quả tự học của tôi",
        "undo": "Xóa lượt điểm danh gần nhất",
        "remind": "Bật/tắt nhắc nhở trong Tuần lễ",
        "privacy": "Dữ liệu cá nhân bot lưu về bạn",
        "deletemydata": "Xóa dữ liệu của bạn",
        "cancel": "Dừng thao tác đang làm, không xóa gì",
        "stats": "Thống kê điểm danh",
        "broadcast": "Soạn và gửi thông báo",
        "broadcasts": "Các thông báo đã gửi",
        "schedule": "Lịch nhắc nhở và số nơi nhận",
        "export": "Xuất dữ liệu điểm danh (xlsx hoặc csv)",
        "grant": "Cấp quyền ban tổ chức",
        "revoke": "Thu hồi quyền ban tổ chức",
        "roles": "Ai đang giữ quyền nào",
        "invite": "Đường dẫn và mã QR mời đăng ký",
        "audit": "Nhật ký thao tác quản trị",
        "followup": "Số người chưa đăng ký, chưa điểm danh theo đơn vị",
        "roster": "Nhập danh sách cán bộ",
        "units": "Quản lý đơn vị",
        "edition": "Nhập Tuần lễ năm mới từ thông báo",
        "calendar": "Đưa Tuần lễ vào lịch của bạn (.ics)",
        "certificate": "Giấy chứng nhận tham gia Tuần lễ",
        "verify": "Kiểm tra mã giấy chứng nhận",
        "report": "Báo cáo kết quả Tuần lễ (.docx)",
        "commendations": "Danh sách đề nghị khen thưởng (.xlsx)",
    }

    # --- alerts to admins (bot/ops/alerts.py) -------------------------------------------------
    ALERT_ERROR = (
        "⚠️ <b>Bot gặp lỗi</b> khi {during}: <code>{kind}</code> tại <code>{where}</code>.\n"
        "Chi tiết có trong nhật ký máy chủ{sentry}. Lỗi cùng loại sẽ không được báo lại "
        "trong {minutes} phút."
    )
    ALERT_REPEATED = "Từ lần báo trước, lỗi này đã xảy ra thêm {count} lần."
    ALERT_DURING_UPDATE = "xử lý yêu cầu của người dùng"
    ALERT_DURING_JOB = "chạy tác vụ nền «{job}»"
    ALERT_SENTRY = " và trên Sentry"

    # --- formatting ----------------------------------------------------------------------
    @staticmethod
    def fmt_date(day: date) -> str:
        return day.strftime("%d/%m/%Y")

    @staticmethod
    def fmt_moment(moment: datetime) -> str:
        return moment.strftime("%d/%m %H:%M")

    @staticmethod
    def fmt_percent(ratio: float) -> str:
        return f"{ratio * 100:.1f}".replace(".", ",") + "%"

    @classmethod
    def fmt_weekday(cls, day: date, *, inline: bool = False) -> str:
        """The weekday's name; `inline` in running text ("thứ Tư", "Chủ nhật")."""
        name = cls.WEEKDAYS[day.weekday()]
        return "t" + name[1:] if inline and name.startswith("Thứ ") else name

    @staticmethod
    def fmt_number(value: int) -> str:
        return f"{value:,}".replace(",", ".")

    @classmethod
    def fmt_minutes(cls, total: int) -> str:
        hours, mins = divmod(total, 60)
        if not hours:
            return f"{mins} phút"
        return f"{cls.fmt_number(hours)} giờ" + (f" {mins} phút" if mins else "")

    # --- Issue 13: free text that is not a fact question (handlers/chat.py, bot/ui/chat.py) ---
    CHAT_CHECKIN = (
        "✅ Mình bắt đầu điểm danh cho bạn nhé! Bấm nút bên dưới để chọn thời gian tự học "
        "hôm nay.\nHoặc ghi nhanh một dòng: <code>/diemdanh 45 đọc sách</code>"
    )
    CHAT_REGISTER = (
        "📝 Để đăng ký hoặc sửa họ tên, đơn vị, bấm nút bên dưới rồi làm theo từng bước, hoặc "
        "ghi nhanh một dòng:\n<code>/hoso Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
    )
    BTN_PROFILE = "📝 Đăng ký / sửa hồ sơ"
    CHAT_SMALLTALK: ClassVar[dict[str, str]] = {
        "thanks": (
            "Không có gì đâu! 😊 Hôm nay bạn đã tự học rồi thì bấm nút bên dưới để điểm danh nhé."
        ),
        "ack": "👍 Bạn cần gì cứ nhắn mình nhé, ví dụ: <i>Lễ khai mạc ngày nào?</i>",
        "pleasantry": (
            "Cảm ơn bạn! 😊 Chúc bạn một ngày học tập hiệu quả. Hôm nay bạn đã tự học rồi thì "
            "bấm nút bên dưới để điểm danh nhé."
        ),
        "bye": "Tạm biệt bạn! 👋 Hẹn gặp lại — nhớ điểm danh tự học mỗi ngày nhé (/diemdanh).",
        "identity": (
            "Mình là trợ lý tự động (bot) của <b>Tuần lễ hưởng ứng học tập suốt đời</b>: mình "
            "trả lời câu hỏi về Tuần lễ và giúp bạn điểm danh tự học. Gõ /trogiup để xem mình "
            "làm được những gì."
        ),
        "capabilities": (
            "Mình có thể:\n"
            "• trả lời về chủ đề, thời gian, lễ khai mạc, mục đích và đơn vị tổ chức Tuần lễ\n"
            "• ghi nhận điểm danh tự học, cho bạn xem lại (/cuatoi) và nhắc bạn mỗi ngày "
            "(/nhacnho)\n"
            "Bắt đầu bằng việc điểm danh hôm nay nhé 👇"
        ),
    }
    CHAT_NOT_STATED = (
        "ℹ️ Thông báo chính thức năm {year} không nêu {topic}, nên mình không có thông tin "
        "chắc chắn để trả lời."
    )
    CHAT_NEAREST = "Điều thông báo có nêu:"
    CHAT_STATED = "ℹ️ <b>{title} (năm {year})</b>\n{value}"
    CHAT_TOPICS: ClassVar[dict[str, str]] = {
        "venue": "địa điểm tổ chức",
        "host": "người chủ trì hay phát biểu tại lễ khai mạc",
        "mandatory": "việc tham gia là bắt buộc hay tự nguyện",
        "prize": "giải thưởng hay phần thưởng nào",
        "deadline": "hạn chót nào",
        "fee": "lệ phí hay chi phí tham gia",
        "contact": "số điện thoại hay địa chỉ liên hệ",
    }
    CHAT_TOPIC_TITLES: ClassVar[dict[str, str]] = {
        "venue": "Địa điểm",
        "host": "Chủ trì lễ khai mạc",
        "mandatory": "Việc tham gia",
        "prize": "Giải thưởng",
        "deadline": "Hạn chót",
        "fee": "Lệ phí",
        "contact": "Liên hệ",
    }

    # --- reports ---
    BC_AUDIENCE_UNIT = "🏢 {unit}"
    BC_AUDIENCE_UNIT_GONE = "🏢 Một đơn vị (nay không còn ai thuộc đơn vị này)"
    BC_AUDIENCE_LINE = "Đối tượng: {audience}"
    BC_RECIPIENTS: ClassVar[dict[str, str]] = {
        "people": "<b>{count}</b> người nhận",
        "people_one": "<b>{count}</b> người nhận",
        "groups": "<b>{count}</b> nhóm nhận",
        "groups_one": "<b>{count}</b> nhóm nhận",
    }
    BC_LEFT_OUT_BLOCKED = "không gửi cho {count} người đã chặn bot"
    BC_REMINDERS_OFF = "{count} người đã tắt nhắc nhở vẫn nhận thông báo này"
    XLSX_USER_ID = "Mã người dùng (số nội bộ của bot, không phải ID Telegram)"
    XLSX_EDITION = "Tuần lễ"
    XLSX_START = "Ngày bắt đầu"
    XLSX_END = "Ngày kết thúc"
    XLSX_THEME = "Chủ đề"
    XLSX_MADE_AT = "Tạo lúc"
    # --- roles ---
    HELP_SECTIONS: ClassVar[dict[str, str]] = {
        "official": "<b>Lệnh</b>",
        "organiser": "<b>Dành cho ban tổ chức</b>",
        "admin": "<b>Dành cho quản trị viên</b>",
    }
    HELP_LINE = "/{name} — {description}"
    # Added after a command's line in /help: how to use it in one line.
    HELP_HINTS: ClassVar[dict[str, str]] = {
        "checkin": "nhanh: <code>/{name} 45 đọc sách</code>",
        "grant": "<code>/{name} @tên_người_dùng</code>",
        "revoke": "<code>/{name} @tên_người_dùng</code>",
    }
    ROLE_NAMES: ClassVar[dict[str, str]] = {"organiser": "ban tổ chức", "admin": "quản trị viên"}
    STAFF_GREETING = "🛠 Bạn có quyền <b>{role}</b>: gõ /trogiup để xem các công cụ dành cho bạn."
    GRANT_ADMIN_NOT_BY_COMMAND = (
        "Quyền quản trị viên do cấu hình của bot quy định, không cấp bằng lệnh. Lệnh "
        "<code>/capquyen</code> chỉ cấp quyền ban tổ chức."
    )
    UNKNOWN_COMMAND = "Mình chưa có lệnh /{name}. Gõ /trogiup để xem các lệnh mình hiểu."
    UNKNOWN_COMMAND_CLOSEST = (
        "Mình chưa có lệnh /{name}. Có phải bạn muốn gõ /{closest}? Xem mọi lệnh: /trogiup"
    )
    BTN_OPEN_PRIVATE = "💬 Nhắn riêng cho bot"
    DESCRIPTION = (
        "Trợ lý Tuần lễ hưởng ứng học tập suốt đời: hỏi về chủ đề, thời gian, lễ khai mạc của "
        "Tuần lễ; điểm danh tự học mỗi ngày và xem lại kết quả của bạn. Bấm «Bắt đầu» để "
        "trò chuyện với bot."
    )
    SHORT_DESCRIPTION = "Hỏi về Tuần lễ học tập suốt đời và điểm danh tự học mỗi ngày."
    ZONE_NAMES: ClassVar[dict[str, str]] = {
        "Asia/Ho_Chi_Minh": "Việt Nam",
        "Asia/Saigon": "Việt Nam",
    }
    ZONE_OFFSET = "UTC{offset}"
    AUDIT_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "tất cả cán bộ đã đăng ký",
        "unit": "một đơn vị",
        "today": "những người chưa điểm danh hôm nay",
        "week": "những người chưa điểm danh trong tuần",
        "groups": "các nhóm đã đăng ký nhận tin",
    }
    AUDIT_UNKNOWN = "(không rõ)"

    @staticmethod
    def fmt_when(moment: datetime) -> str:
        """A moment with its year, for records that outlive the week (dd/mm/yyyy HH:MM)."""
        return moment.strftime("%d/%m/%Y %H:%M")

    # --- week ---
    # /cuatoi: the running edition's week so far, else the last edition's result (issue 13).
    ME_NAME = "👤 <b>{name}</b> — {unit}"
    ME_WEEK_HEADER = "📊 <b>Tuần lễ {year}</b> ({start} – {end}) · hôm nay là ngày {day}/{days}"
    ME_RESULT_HEADER = "📊 <b>Kết quả Tuần lễ {year} của bạn</b> ({start} – {end})"
    ME_DAY_DONE = "✅ {weekday} {date}: {minutes}"
    ME_DAY_MISSED = "— {weekday} {date}"
    ME_TODAY = " · <i>hôm nay</i>"
    ME_RESULT_TOTALS = (
        "Tổng: <b>{total}</b> · Số ngày có điểm danh: <b>{days}/{window_days}</b> · "
        "Chuỗi ngày liên tiếp dài nhất: <b>{streak}</b>"
    )
    ME_NEXT_EDITION = (
        "ℹ️ Hiện không có Tuần lễ nào đang diễn ra. Tuần lễ {year} bắt đầu ngày {start}."
    )
    ME_EDITION_ENDED = "ℹ️ Tuần lễ {year} đã kết thúc ngày {end}."
    ME_NO_DATA = (
        "ℹ️ Hiện không có Tuần lễ nào đang diễn ra và mình chưa có thông tin về Tuần lễ năm {year}."
    )
    ME_NO_RESULT = "Bạn chưa có kết quả của Tuần lễ nào trước đây."
    ME_DELETE_HINT = "Ghi nhầm? Bấm 🗑 bên dưới để xóa lượt điểm danh tương ứng."
    BTN_DELETE_ENTRY = "🗑 {date} · {minutes} · {activity}"
    ME_DELETE_CONFIRM = "Xóa lượt điểm danh này?\n{details}"
    BTN_ENTRY_DELETE = "🗑 Xóa lượt này"
    ME_DELETED = "🗑 Đã xóa lượt điểm danh:\n{details}\n\nGõ /cuatoi để xem lại tuần học của bạn."
    ME_DELETE_GONE = "Lượt điểm danh này đã được xóa trước đó. Không có gì thay đổi."
    ME_DELETE_CLOSED = (
        "Lượt điểm danh này không thuộc Tuần lễ đang diễn ra nên không thể xóa nữa. "
        "Không có gì thay đổi."
    )
    # --- flow ---
    BTN_RECEIPT_UNDO = "↩️ Hoàn tác"
    RECEIPT_UNDO_CONFIRM = "Xóa lượt điểm danh này?\n{details}"
    RECEIPT_UNDO_CLOSED = (
        "Lượt điểm danh này thuộc một tuần đã qua nên không xóa được bằng nút này. "
        "Không có gì thay đổi."
    )
    CHECKIN_OUTSIDE = (
        "ℹ️ Ngày {date} nằm ngoài {name} ({start} – {end}), nên lượt này "
        "<b>không được tính vào Tuần lễ</b>."
    )
    CHECKIN_NO_WEEK = (
        "ℹ️ Hiện không có Tuần lễ nào đang diễn ra ({name} đã kết thúc ngày {end}), nên lượt "
        "này <b>không được tính vào Tuần lễ</b>."
    )
    DAY_REFUSED: ClassVar[dict[str, str]] = {
        "future": "Chưa lưu: ngày {date} chưa tới. Bạn chỉ điểm danh được cho hôm nay hoặc "
        "tối đa {back} ngày trước.",
        "too_old": "Chưa lưu: ngày {date} đã quá {back} ngày. Bạn chỉ điểm danh được cho hôm nay "
        "hoặc tối đa {back} ngày trước.",
        "before_week": "Chưa lưu: ngày {date} là trước khi Tuần lễ bắt đầu nên không tính vào "
        "Tuần lễ. Bạn hãy điểm danh cho hôm nay hoặc một ngày trong Tuần lễ.",
    }
    DAY_UNKNOWN = (
        "Chưa lưu: mình không hiểu ngày «{text}». Hãy ghi ví dụ <i>hôm qua</i>, <i>thứ hai</i> "
        "hoặc <i>02/10</i>."
    )
    AGAIN_ASK = (
        "Bạn vừa ghi {minutes} lúc {time}. Ghi thêm lượt nữa?\n"
        "(Bấm <b>Không</b> nếu bạn lỡ gửi hai lần.)"
    )
    BTN_AGAIN_YES = "➕ Ghi thêm"
    BTN_AGAIN_NO = "Không"
    AGAIN_NOT_SAVED = "Đã bỏ qua, không ghi thêm lượt nào. Lượt trước vẫn được giữ."
    AGAIN_PRESS = "Bạn muốn ghi thêm lượt này không? Hãy bấm <b>Ghi thêm</b> hoặc <b>Không</b>."
    # --- intents ---
    CHAT_REMIND_TIMES = "🔔 <b>Giờ nhắc nhở của Tuần lễ năm {year}</b> (giờ {tz}):"
    CHAT_REMIND_LINE = "• {label}: {when}"
    CHAT_REMIND_DAYS: ClassVar[dict[str, str]] = {
        "eve": "{time} ngày {date}, trước ngày khai mạc",
        "opening": "{time} ngày khai mạc {date}",
        "each": "{time} mỗi ngày, từ {start} đến {end}",
        "last": "{time} ngày cuối {date}",
    }
    CHAT_REMIND_HOW = "Tắt nhắc nhở: /nhacnho tat · Bật lại: /nhacnho bat"
    CHAT_TOOLS: ClassVar[dict[str, str]] = {
        "stats": "xem thống kê của Tuần lễ",
        "broadcast": "gửi thông báo cho mọi người",
        "export": "xuất dữ liệu điểm danh ra tệp Excel/CSV",
    }
    CHAT_FOR_ORGANISERS = "Xin lỗi, chức năng {tool} chỉ dành cho ban tổ chức và quản trị viên."
    CHAT_FOR_ADMINS = "Xin lỗi, chức năng {tool} chỉ dành cho quản trị viên."
    CHAT_OFFICIAL_CAN = (
        "Bạn có thể xem kết quả tự học của mình bằng /cuatoi, điểm danh bằng /diemdanh, "
        "hoặc gõ /trogiup để xem mọi việc mình giúp được."
    )
    CHAT_ORGANISER_CAN = "Bạn có thể xem số liệu tổng hợp bằng /thongke."
    CHAT_BROADCAST = "📣 Để soạn thông báo gửi mọi người, gõ /thongbao rồi gửi nội dung thông báo."

    # --- reports2 ---
    REPORT_OTHER_EDITION = (
        "ℹ️ Chưa có thông báo về Tuần lễ năm {meant}; dưới đây là số liệu năm {year}."
    )
    BTN_STATS_YEAR = "📊 Năm {year}"
    SCHEDULE_OTHER_EDITION = "ℹ️ Chưa có Tuần lễ năm {meant}; dưới đây là lịch năm {year}."
    SCHEDULE_MISSED = "• {when} — {label}: đã qua, không gửi"
    SCHEDULE_STATUS: ClassVar[dict[str, str]] = {
        "sent": "đã gửi {count}",
        "failed": "gửi lỗi {count}",
        "skipped_late": "bỏ qua (quá giờ) {count}",
        "unknown": "không rõ đã tới chưa {count}",
        "pending": "đang chờ gửi {count}",
    }

    BC_LIST_DRAFT = "• #{id} {when} — bản nháp chưa chọn đối tượng"
    BC_LIST_DRAFT_READY = "• #{id} {when} — bản nháp chưa gửi — {audience}"
    BC_LIST_SCHEDULED = "• #{id} hẹn gửi lúc {when} — {audience}: {count} (tính đến lúc này)"
    BC_LIST_CANCELLED = "• #{id} {when} — đã hủy, không gửi tin nào"
    BTN_LIST_DELETE_DRAFT = "🗑 Xóa bản nháp #{id}"
    BTN_LIST_CANCEL_SCHEDULE = "✖️ Hủy hẹn giờ #{id}"
    BTN_LIST_STOP = "⏹ Dừng gửi #{id}"
    BC_SCHEDULED_TOMORROW = "Giờ này hôm nay đã qua nên thông báo được hẹn vào ngày mai."
    REMIND_NEXT_WEEK = (
        "📅 Tuần lễ năm {year} diễn ra từ {start} đến {end}; nhắc nhở sẽ bắt đầu "
        "từ trước ngày khai mạc."
    )
    REMIND_NO_WEEK = (
        "📭 Tuần lễ năm {year} đã kết thúc và chưa có Tuần lễ mới nào được công bố, nên hiện "
        "chưa có nhắc nhở nào; khi có Tuần lễ mới, bot sẽ nhắn bạn theo lịch."
    )
    CHART_HOURS = "Số giờ tự học"

    @staticmethod
    def fmt_count(count: int, noun: str) -> str:
        """A number with its noun ("3 người"): Vietnamese nouns do not change with number."""
        return f"{count:,}".replace(",", ".") + " " + _NOUNS[noun]

    # --- english ---
    STATUS_AFTER_PAST = "✅ {name} đã kết thúc vào ngày {end}."
    BTN_CONSENT_AGAIN = "📝 Đọc lại thông báo và đăng ký"

    @classmethod
    def fmt_long_date(cls, day: date) -> str:
        """A date in a sentence: the same dd/mm/yyyy (the templates say "ngày")."""
        return cls.fmt_date(day)

    @classmethod
    def fmt_range(cls, start: date, end: date) -> tuple[str, str]:
        """Two ends of a span, each in full (the templates join them)."""
        return cls.fmt_date(start), cls.fmt_date(end)

    @classmethod
    def fmt_edition(cls, year: int, name: str) -> str:
        """The edition in a sentence: its official name, as the notice gives it."""
        return name

    @classmethod
    def fmt_source(cls, source: str, organiser: str, day: date | None) -> str:
        """Where a fact comes from: the notice's own words."""
        return source

    # --- misc ---
    PICK_ONE = "Bạn hãy chọn một mục bên dưới."
    # Typed words that pick an audience, besides the buttons' own labels (bot/core/choice.py).
    BC_AUDIENCE_WORDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "all": ("tất cả", "mọi người", "toàn bộ", "tất cả cán bộ"),
        "unit": ("đơn vị", "một đơn vị", "phòng ban"),
        "today": ("hôm nay", "chưa điểm danh hôm nay"),
        "week": ("trong tuần", "tuần này", "chưa điểm danh trong tuần"),
        "groups": ("nhóm", "các nhóm", "nhóm chat"),
    }
    BTN_STATS_SUMMARY = "⬅️ Tổng quan"
    BTN_CHECKIN_AGAIN = "✅ Điểm danh lại"
    ROLES_ADMIN: ClassVar[dict[str, str]] = {  # an admin of the configuration, by what is known
        "name": "{name} (mã {id})",
        "name_at": "{name} (@{username}, mã {id})",
        "unregistered": "chưa đăng ký (mã {id})",
    }
    PERSON_BY_ID = "Người có mã {id}"
    REVOKE_NOBODY = (
        "Không có ai là {ref} đang giữ quyền ban tổ chức, nên không có gì để thu hồi. "
        "Những người đang giữ quyền:"
    )
    # --- flow2 ---
    OVER_ELAPSED = (
        "Chưa lưu: hôm nay mới {time}, bạn không thể đã tự học quá {limit}. "
        "Hãy kiểm tra lại thời lượng, hoặc ghi cho ngày hôm qua (ví dụ: <i>2 giờ hôm qua</i>)."
    )
    OVER_ELAPSED_HAVE = "(Hôm nay bạn đã ghi {day}.)"
    DURATION_WHICH = "Bạn đã học <b>{hours}</b> hay <b>{minutes}</b>? Bạn hãy bấm một nút bên dưới."
    ASK_ACTIVITY_AGAIN = "Bạn đã học gì? Hãy bấm một nút bên dưới hoặc gõ vài chữ về nội dung."
    NAME_NOT_A_QUESTION = (
        "Biểu mẫu đang chờ <b>họ và tên đầy đủ</b> của bạn (ví dụ: Nguyễn Văn An), nên mình chưa "
        "lưu «{text}». Bạn hãy gõ họ tên, hoặc bấm <b>Hủy</b> rồi hỏi lại."
    )
    UNIT_NOT_A_QUESTION = (
        "Biểu mẫu đang chờ <b>tên đơn vị</b> của bạn (ví dụ: Phòng Kế toán), nên mình chưa lưu "
        "«{text}». Bạn hãy gõ tên đơn vị, hoặc bấm <b>Hủy</b> rồi hỏi lại."
    )
    UNDO_PRESS = "Bạn hãy bấm <b>🗑 Xóa lượt này</b> hoặc <b>Giữ lại</b> ở tin nhắn trên."
    ERASE_PRESS_YES = (
        "Việc xóa dữ liệu không hoàn tác được, nên bạn hãy bấm nút <b>🗑 Xóa dữ liệu của tôi</b> "
        "ở tin nhắn trên để xác nhận. Muốn giữ lại, bấm <b>Giữ lại</b>."
    )

    # --- i14-figures ---
    STATS_HEADCOUNT = (
        "• Cán bộ theo danh sách: <b>{headcount}</b> (chưa đăng ký: <b>{unregistered}</b>)"
    )
    STATS_RATE_ON_ROSTER = "<i>Tỷ lệ tham gia tính trên số cán bộ theo danh sách.</i>"
    BY_UNIT_HEADER_ROSTER = (
        "🏢 <b>Tuần lễ năm {year} theo đơn vị</b> (tham gia/cán bộ theo danh sách, "
        "xếp theo tỷ lệ tham gia)"
    )
    BY_UNIT_LINE_ROSTER = (
        "• {unit}: {participants}/{headcount} ({rate}) · {minutes} · chưa đăng ký: {unregistered}"
    )
    RATE_UNKNOWN = "—"
    XLSX_HEADCOUNT = "Cán bộ theo danh sách"
    XLSX_UNREGISTERED = "Chưa đăng ký"
    XLSX_RATE_BASIS = "Tỷ lệ tham gia tính trên"
    XLSX_BASIS: ClassVar[dict[str, str]] = {
        "headcount": "Số cán bộ theo danh sách",
        "registered": "Số cán bộ đã đăng ký",
    }
    CHART_RATE_ROSTER = "Tỷ lệ tham gia so với danh sách cán bộ (%)"
    FOLLOWUP_HEADER = "📋 <b>Cần theo dõi — Tuần lễ năm {year}</b>"
    FOLLOWUP_TOTALS_ROSTER = (
        "Chưa đăng ký: <b>{unregistered}</b> · Đã đăng ký nhưng chưa điểm danh: <b>{absent}</b>"
    )
    FOLLOWUP_TOTALS = "Đã đăng ký nhưng chưa điểm danh: <b>{absent}</b>"
    FOLLOWUP_NO_ROSTER = (
        "<i>Chưa có danh sách cán bộ nên bot chưa biết ai chưa đăng ký. "
        "Quản trị viên có thể nhập danh sách bằng /danhsach.</i>"
    )
    FOLLOWUP_NONE = "Không còn ai cần nhắc: mọi người đều đã đăng ký và điểm danh. 🎉"
    FOLLOWUP_NONE_NO_ROSTER = "Mọi cán bộ đã đăng ký đều đã điểm danh. 🎉"
    FOLLOWUP_UNIT = "🏢 <b>{unit}</b>"
    FOLLOWUP_UNIT_COUNTS_ROSTER = (
        "• {unit}: chưa đăng ký <b>{unregistered}</b> · chưa điểm danh <b>{absent}</b>"
    )
    FOLLOWUP_UNIT_COUNTS = "• {unit}: chưa điểm danh <b>{absent}</b>"
    FOLLOWUP_UNREGISTERED = "Chưa đăng ký ({count}):"
    FOLLOWUP_ABSENT = "Chưa điểm danh ({count}):"
    FOLLOWUP_NAME = "  – {name}"
    FOLLOWUP_CODE = " (mã {code})"
    FOLLOWUP_USERNAME = " · @{username}"
    FOLLOWUP_NAMES_ADMINS = "<i>Danh sách họ tên chỉ dành cho quản trị viên.</i>"
    FOLLOWUP_FILE = "Danh sách có {count} người nên bot gửi kèm tệp Excel theo đơn vị bên dưới."
    FOLLOWUP_CAPTION = "📋 Cần theo dõi — Tuần lễ năm {year}: {count} người."
    FOLLOWUP_NO_EDITION = "Không có Tuần lễ năm {year}. Bot có các năm: {years}."
    XLSX_FOLLOWUP = "Cần theo dõi"
    XLSX_STATUS = "Tình trạng"
    XLSX_STAFF_CODE = "Mã cán bộ"
    XLSX_TELEGRAM = "Telegram"
    FOLLOWUP_STATUS: ClassVar[dict[str, str]] = {
        "unregistered": "Chưa đăng ký",
        "absent": "Chưa điểm danh",
    }
    # --- i14-roster ---
    ROSTER_NOT_ALLOWED = "Xin lỗi, chỉ quản trị viên mới nhập và xem được danh sách cán bộ."
    UNITS_NOT_ALLOWED = "Xin lỗi, chỉ quản trị viên mới quản lý được danh sách đơn vị."
    ROSTER_FILE_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "Tệp trống, chưa có gì để nhập. Danh sách cán bộ không thay đổi.",
        "too_big": "Tệp lớn hơn 20 MB nên bot không đọc được; danh sách không thay đổi.",
        "unreadable": (
            "Bot không đọc được tệp này như một bảng tính (có thể là PDF hay ảnh đổi tên, "
            "hoặc tệp bị hỏng). Bạn hãy gửi tệp Excel .xlsx hoặc CSV; danh sách không thay đổi."
        ),
        "old_excel": (
            "Đây là tệp Excel đời cũ (.xls). Bạn hãy mở tệp và lưu lại dạng .xlsx hoặc CSV rồi "
            "gửi lại; danh sách không thay đổi."
        ),
        "too_many_rows": (
            "Tệp có hơn 50.000 dòng, vượt giới hạn một lần nhập, nên chưa nhập gì. Bạn hãy xóa "
            "các dòng trống hoặc thừa ở cuối bảng rồi gửi lại; đừng chia tệp làm nhiều lần "
            "nhập, vì mỗi lần nhập thay cả danh sách."
        ),
    }
    ROSTER_PROBLEMS: ClassVar[dict[str, str]] = {
        "no_header": (
            "Không tìm thấy dòng tiêu đề có cột <b>Họ và tên</b> và cột <b>Đơn vị</b> "
            "(hoặc «Phòng ban»). Bạn hãy thêm tiêu đề cột rồi gửi lại; gõ /danhsach mau để "
            "nhận tệp mẫu."
        ),
        "too_many_rows": (
            "Tệp có hơn 50.000 người, vượt giới hạn một lần nhập, nên chưa nhập gì. Bạn hãy "
            "xóa các dòng không phải cán bộ (dòng tổng, dòng ghi chú) rồi gửi lại; đừng chia "
            "tệp làm nhiều lần nhập, vì mỗi lần nhập thay cả danh sách."
        ),
        "no_people": "Tệp có tiêu đề nhưng không có dòng nào nhập được; danh sách không thay đổi.",
    }
    ROSTER_ROW_PROBLEMS: ClassVar[dict[str, str]] = {
        "no_name": "dòng {row}: thiếu họ tên",
        "no_unit": "dòng {row}: thiếu đơn vị",
        "name_long": "dòng {row}: họ tên dài quá 100 ký tự",
        "unit_long": "dòng {row}: tên đơn vị dài quá 120 ký tự",
        "code_long": "dòng {row}: mã cán bộ dài quá 32 ký tự",
        "control": "dòng {row}: có ký tự điều khiển ẩn",
        "dup_code": "dòng {row}: trùng mã cán bộ với dòng {first}",
        "dup_name": "dòng {row}: trùng họ tên và đơn vị với dòng {first}",
        "name_markup": "dòng {row}: ô Họ và tên có thẻ HTML",
        "unit_markup": "dòng {row}: ô Đơn vị có thẻ HTML",
        "name_formula": "dòng {row}: ô Họ và tên là công thức (hoặc bắt đầu bằng =, +, -, @)",
        "unit_formula": "dòng {row}: ô Đơn vị là công thức (hoặc bắt đầu bằng =, +, -, @)",
    }
    ROSTER_PREVIEW = (
        "📋 <b>Xem trước danh sách cán bộ</b>\n{people} người, {units} đơn vị "
        "({new_units} đơn vị mới)."
    )
    ROSTER_CHANGES = (
        "So với danh sách hiện tại: <b>{added}</b> mới, <b>{moved}</b> chuyển đơn vị, "
        "<b>{left}</b> không còn trong danh sách, {unchanged} giữ nguyên."
    )
    ROSTER_NEW_UNITS = "Đơn vị mới: {names}."
    ROSTER_NEW_UNITS_MORE = "Đơn vị mới: {names} và {count} đơn vị khác."
    ROSTER_RETURNED = "Trong số người mới, {returned} người từng rời danh sách nay trở lại."
    ROSTER_PROBLEMS_HEAD = "⚠️ {count} dòng sẽ không được nhập:"
    ROSTER_MORE = "… và {count} dòng khác."
    ROSTER_NOT_STORED = (
        "Cột {columns} có trong tệp nhưng bot không lưu: chỉ giữ họ tên, đơn vị và mã cán bộ "
        "(dữ liệu tối thiểu theo Nghị định 356/2025)."
    )
    ROSTER_COLUMNS: ClassVar[dict[str, str]] = {"email": "Email", "phone": "Số điện thoại"}
    ROSTER_CONFIRM_HINT = "Bấm <b>📥 Nhập</b> để cập nhật danh sách, hoặc <b>Hủy</b>."
    ROSTER_IMPORT_BUTTON = "📥 Nhập"
    ROSTER_CANCEL_BUTTON = "Hủy"
    ROSTER_IMPORTED = (
        "✅ Đã nhập danh sách cán bộ: {people} người. {added} mới, {moved} chuyển đơn vị, "
        "{left} không còn trong danh sách; {new_units} đơn vị mới."
    )
    ROSTER_STALE = (
        "Danh sách cán bộ vừa thay đổi sau lúc bạn xem trước, nên bot chưa nhập. "
        "Đây là bản xem trước mới:"
    )
    ROSTER_ALREADY = "Danh sách này đã được nhập rồi; không có gì thay đổi thêm."
    ROSTER_CANCELLED = "Đã hủy. Danh sách cán bộ không thay đổi."
    ROSTER_EXPIRED = (
        "Bản xem trước này đã được dùng hoặc đã hết hạn, nên bot không nhập gì thêm. "
        "Muốn nhập lại, bạn gửi lại tệp danh sách."
    )
    ROSTER_DOWNLOAD_FAILED = "Bot chưa tải được tệp từ Telegram. Bạn hãy gửi lại sau ít phút."
    ROSTER_SUMMARY = (
        "📋 <b>Danh sách cán bộ</b>: {people} người trong {units} đơn vị ({left} người đã rời)."
    )
    ROSTER_NONE = "📋 Chưa có danh sách cán bộ."
    ROSTER_HOW = (
        "Để nhập hoặc cập nhật, bạn gửi tệp Excel (.xlsx) hoặc CSV vào đây dưới dạng "
        "<b>tệp đính kèm</b>, có cột <b>Họ và tên</b>, <b>Đơn vị</b> và (nếu có) "
        "<b>Mã cán bộ</b>. Bot cho xem trước rồi mới nhập. Gõ <code>/danhsach mau</code> "
        "để nhận tệp mẫu."
    )
    ROSTER_TEMPLATE_CAPTION = "Tệp mẫu danh sách cán bộ: điền rồi gửi lại vào đây."
    ROSTER_TEMPLATE_NAME = "mau-danh-sach-can-bo.xlsx"
    UNITS_HEAD = (
        "🏢 <b>Đơn vị</b>: {count} (trang {page}/{pages}). "
        "Mỗi đơn vị: số người trong danh sách / đã đăng ký."
    )
    UNITS_LINE = "• {name}: {headcount} / {members}"
    UNITS_EMPTY = (
        "Chưa có đơn vị nào. Bấm <b>➕ Thêm đơn vị</b>, hoặc nhập danh sách cán bộ (/danhsach)."
    )
    UNIT_CARD = (
        "🏢 <b>{name}</b>\nMã đơn vị: {code}\nTrong danh sách: {headcount} người; "
        "đã đăng ký: {members} người."
    )
    UNIT_NO_CODE = "chưa có"
    UNIT_RENAME_BUTTON = "✏️ Đổi tên"
    UNIT_MERGE_BUTTON = "🔀 Gộp vào…"
    UNIT_ARCHIVE_BUTTON = "🗄 Lưu trữ"
    UNIT_ADD_BUTTON = "➕ Thêm đơn vị"
    UNITS_BACK_BUTTON = "↩️ Danh sách đơn vị"
    UNITS_PREV = "‹ Trước"
    UNITS_NEXT = "Sau ›"
    UNIT_ASK_RENAME = "Bạn gõ tên mới cho <b>{name}</b> (tối đa 120 ký tự), hoặc gõ <i>hủy</i>."
    UNIT_ASK_NEW = "Bạn gõ tên đơn vị mới (tối đa 120 ký tự), hoặc gõ <i>hủy</i>."
    UNIT_NAME_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "Tên đơn vị không được để trống. Bạn gõ lại tên, hoặc gõ hủy.",
        "long": "Tên đơn vị dài quá 120 ký tự. Bạn gõ tên ngắn hơn, hoặc gõ hủy.",
        "control": "Tên đơn vị có ký tự điều khiển ẩn. Bạn gõ lại tên, hoặc gõ hủy.",
        "taken": "Đã có đơn vị «{name}». Bạn gõ tên khác, hoặc gõ hủy.",
        "taken_rename": (
            "Đã có đơn vị «{name}». Bạn gõ tên khác, hoặc gõ hủy; nếu hai đơn vị là một, "
            "hãy dùng nút 🔀 Gộp vào trên thẻ đơn vị."
        ),
        "taken_archived": (
            "Tên này thuộc đơn vị đã lưu trữ «{name}». Bạn gõ tên khác, hoặc gõ hủy rồi "
            "bấm ➕ Thêm đơn vị và gõ tên đó để khôi phục đơn vị cũ."
        ),
        "markup": "Tên đơn vị không được chứa thẻ HTML (như &lt;b&gt;). Bạn gõ lại, hoặc gõ hủy.",
        "formula": (
            "Tên đơn vị không được bắt đầu bằng dấu =, +, - hoặc @. Bạn gõ lại, hoặc gõ hủy."
        ),
    }
    UNIT_RENAMED = "✅ Đã đổi tên đơn vị thành <b>{name}</b>."
    UNIT_ADDED = "✅ Đã thêm đơn vị <b>{name}</b> (mã {code})."
    UNIT_MERGE_PICK = "Gộp <b>{name}</b> vào đơn vị nào?"
    UNIT_MERGE_NONE = "Chưa có đơn vị nào khác để gộp vào."
    UNIT_MERGE_CONFIRM = (
        "Gộp <b>{source}</b> vào <b>{target}</b>? {members} người đã đăng ký và {headcount} "
        "người trong danh sách sẽ chuyển sang <b>{target}</b>; <b>{source}</b> được lưu trữ. "
        "Các lượt điểm danh vẫn giữ nguyên."
    )
    UNIT_MERGE_YES = "🔀 Gộp"
    UNIT_MERGED = (
        "✅ Đã gộp <b>{source}</b> vào <b>{target}</b>: {members} người đã đăng ký và "
        "{headcount} người trong danh sách đã chuyển sang."
    )
    UNIT_ARCHIVE_CONFIRM = (
        "<b>{name}</b> có {members} người đã đăng ký. Lưu trữ thì đơn vị không còn để chọn khi "
        "đăng ký; những người này vẫn giữ các lượt điểm danh và vẫn thấy tên đơn vị của mình. "
        "Bạn cũng có thể gộp đơn vị này vào một đơn vị khác."
    )
    UNIT_ARCHIVE_YES = "🗄 Vẫn lưu trữ"
    UNIT_ARCHIVED = "✅ Đã lưu trữ đơn vị <b>{name}</b>."
    UNIT_ADMIN_GONE = "Đơn vị này không còn (đã được gộp hoặc lưu trữ)."
    UNIT_CANCELLED = "Đã hủy, không có gì thay đổi."
    # --- i14-invites ---
    ORG_DEFAULT = "cơ quan"
    ASK_UNIT_PICK = (
        "Cảm ơn {name}. Bạn thuộc <b>đơn vị</b> (phòng/ban) nào? Bấm tên đơn vị bên dưới, hoặc gõ "
        "vài chữ trong tên (có dấu hay không đều được, ví dụ: <i>ke toan</i>, <i>KHTC</i>) để tìm. "
        "Chưa có đơn vị của bạn thì gõ đầy đủ tên đơn vị."
    )
    ASK_UNIT_LISTED = (
        "Cảm ơn {name}. Bạn thuộc <b>đơn vị</b> (phòng/ban) nào? Bấm tên đơn vị bên dưới, hoặc gõ "
        "vài chữ trong tên (có dấu hay không đều được, ví dụ: <i>ke toan</i>, <i>KHTC</i>) để tìm."
    )
    UNITS_PAGE = "Chọn đơn vị của bạn (trang {page}/{pages}), hoặc gõ vài chữ trong tên để tìm:"
    BTN_UNITS_PREV = "◀ Trang trước"
    BTN_UNITS_NEXT = "Trang sau ▶ ({page}/{pages})"
    BTN_UNITS_ALL = "📋 Xem cả danh sách"
    BTN_UNIT_NEW = "➕ Đơn vị mới: {unit}"
    UNIT_ONE_MATCH = (
        "Với «{unit}», mình tìm thấy <b>{found}</b>. Đúng đơn vị của bạn thì bấm vào tên:"
    )
    UNIT_SOME_MATCH = "Có {count} đơn vị khớp với «{unit}». Bạn hãy bấm đơn vị của mình:"
    UNIT_NOT_LISTED = (
        "Không có đơn vị nào khớp với «{unit}» trong danh sách đơn vị của cơ quan. Bạn hãy chọn "
        "đơn vị của mình bên dưới, hoặc gõ lại vài chữ khác trong tên."
    )
    UNIT_GONE_PICK = "Đơn vị này không còn trong danh sách. Bạn hãy chọn đơn vị bên dưới:"
    UNIT_ELSEWHERE = (
        "Danh sách cán bộ ghi <b>{name}</b> thuộc <b>{listed}</b>, không phải {chosen}. "
        "Bạn thuộc đơn vị nào?"
    )
    BTN_UNIT_LISTED = "✅ {unit} (theo danh sách)"
    BTN_UNIT_KEEP = "Vẫn chọn {unit}"
    ON_ROSTER = "👥 Bạn có trong danh sách cán bộ của {unit}."
    UNIT_LINK_UNKNOWN = (
        "Đường dẫn đăng ký này không còn dùng được (đơn vị đã đổi hoặc ngừng). "
        "Bạn vẫn đăng ký được như bình thường:"
    )
    UNIT_LINK_ASK_NAME = (
        "Chào mừng bạn đến với Tuần lễ hưởng ứng học tập suốt đời của {org}! 👋\n"
        "Bạn đăng ký vào <b>{unit}</b>. Hãy gõ <b>họ và tên đầy đủ</b> của bạn "
        "(ví dụ: Nguyễn Văn An)."
    )
    UNIT_LINK_ALREADY = "Bạn đã đăng ký ở <b>{unit}</b> rồi. Gõ /diemdanh để điểm danh tự học."
    UNIT_LINK_MOVE = (
        "Bạn đang đăng ký ở <b>{current}</b>. Đường dẫn này dành cho <b>{unit}</b>: "
        "bạn có muốn chuyển sang đơn vị đó không?"
    )
    BTN_UNIT_MOVE = "➡️ Chuyển sang {unit}"
    BTN_UNIT_STAY = "Giữ đơn vị hiện tại"
    UNIT_STAYED = "Đã giữ nguyên đơn vị của bạn, không có gì thay đổi."
    UNIT_GONE_MOVE = (
        "Không chuyển được: đơn vị này không còn trong danh sách, hoặc bạn chưa đăng ký."
    )
    INVITE_HEADER = (
        "📨 <b>Đường dẫn mời đăng ký{org}</b>\n"
        "Gửi cho cán bộ qua e-mail, Zalo hoặc in mã QR dán ở đơn vị. Bấm vào là mở bot và đăng "
        "ký; đường dẫn của đơn vị chọn sẵn đơn vị, người nhận chỉ cần gõ họ tên.\n\n"
        "• <b>Chung cho cả cơ quan</b>: {link}\n\n"
        "<b>Theo đơn vị</b> ({count}):"
    )
    INVITE_UNIT_LINE = "• {unit}: {link}"
    INVITE_NO_UNITS = (
        "Chưa có đơn vị nào. Khi quản trị viên nhập danh sách cán bộ hoặc có người đăng ký, "
        "gõ lại /moi để có đường dẫn của từng đơn vị."
    )
    INVITE_QR_GENERAL = "Đăng ký Tuần lễ học tập suốt đời — {org}"
    INVITE_PHOTO = "Mã QR đăng ký chung: in ra hoặc gửi kèm thư mời."
    INVITE_ZIP = (
        "📦 {count} mã QR (PNG, mỗi đơn vị một tệp, tên tệp là mã đơn vị) và bảng links.csv "
        "để dán vào thư mời."
    )
    GREETING_ORG = "🏛 Tuần lễ hưởng ứng học tập suốt đời tại <b>{org}</b>"
    UNIT_LINK_WELCOME = (
        "Chào mừng bạn đến với Tuần lễ hưởng ứng học tập suốt đời của {org}! 👋\n"
        "Đường dẫn này đăng ký bạn vào <b>{unit}</b>: sau khi bạn đồng ý dưới đây, "
        "chỉ cần gõ họ tên."
    )
    UNIT_MOVE_CONSENT = (
        "Chưa chuyển: bạn cần đồng ý với thông báo về dữ liệu cá nhân trước. Gõ /hoso để xem "
        "và đồng ý, rồi mở lại đường dẫn của đơn vị."
    )
    INVITE_TABLE_HEADER = ("Đơn vị", "Đường dẫn", "Tệp mã QR")
    # --- i14-editions ---
    ED_ASK = (
        "Bạn hãy dán nội dung thông báo về Tuần lễ năm mới, chuyển tiếp tin nhắn thông báo, "
        "hoặc gửi tệp <b>.txt</b> hay <b>.docx</b>. Gõ /huy để dừng."
    )
    ED_FILE_PROBLEMS: ClassVar[dict[str, str]] = {
        "too_big": "Tệp lớn hơn 20 MB nên bot không đọc được; bạn hãy gửi tệp nhỏ hơn.",
        "not_docx": "Tệp này không phải văn bản Word (.docx) thật; bạn hãy mở và lưu lại "
        "dưới dạng .docx, hoặc dán nội dung.",
        "type": "Bot chỉ đọc được tệp .txt hoặc .docx; bạn hãy gửi một trong hai, hoặc dán "
        "nội dung.",
        "empty": "Tệp không có chữ nào; bạn hãy gửi đúng tệp thông báo.",
        "too_long": "Tệp dài hơn 100.000 ký tự, không giống một thông báo; bạn hãy gửi riêng "
        "thông báo về Tuần lễ, hoặc dán nội dung.",
        "unreachable": "Bot không tải được tệp từ Telegram lúc này; bạn hãy gửi lại sau ít phút, "
        "hoặc dán nội dung.",
    }
    ED_NOT_NOTICE = (
        "Bot không tìm thấy thông tin nào về Tuần lễ trong nội dung này; bạn hãy gửi đúng "
        "văn bản thông báo."
    )
    ED_CARD_HEAD = "<b>Tuần lễ năm {year}</b> — thông tin đọc từ thông báo:"
    ED_NO_YEAR = "chưa rõ"
    ED_FIELDS: ClassVar[dict[str, str]] = {
        "year": "Năm",
        "name": "Tên",
        "start": "Ngày bắt đầu",
        "end": "Ngày kết thúc",
        "opening": "Ngày khai mạc",
        "opening_time": "Giờ khai mạc",
        "theme": "Chủ đề",
        "organiser": "Đơn vị tổ chức",
        "audience": "Đối tượng",
        "plan_number": "Số kế hoạch",
        "plan_date": "Ngày kế hoạch",
        "published": "Ngày đăng thông báo",
        "plan_title": "Tên kế hoạch",
        "ministry_launch": "Văn bản của Bộ",
        "movement": "Phong trào thi đua",
        "related_decision": "Quyết định liên quan",
        "purposes": "Mục đích",
        "source": "Nguồn",
    }
    ED_ABSENT = "<i>chưa có trong thông báo</i>"
    ED_FROM = "   ↳ <i>«{sentence}»</i>"
    ED_TYPED = "   ↳ <i>do bạn nhập</i>"
    ED_CHANGES = "<b>Năm {year} đã có trong bot.</b> Khi lưu, các mục sau sẽ thay đổi:"
    ED_CHANGE = "• {field}: {old} → {new}"
    ED_SAVED_UNCHANGED = (
        "Tuần lễ năm {year} đã có đúng những thông tin này nên bot giữ nguyên, không ghi lại."
    )
    ED_NO_CHANGES = "<b>Năm {year} đã có trong bot</b>; thông báo này không thay đổi mục nào."
    ED_CARD_FOOT = "Bấm một mục để sửa, <b>✅ Lưu</b> để lưu, <b>Hủy</b> để bỏ."
    ED_MISSING = "Chưa lưu được: còn thiếu {fields}. Bạn hãy bấm nút của từng mục để nhập."
    ED_ASK_VALUE = "Bạn hãy nhập <b>{field}</b>{hint}. Gõ <b>-</b> để để trống mục này."
    ED_HINTS: ClassVar[dict[str, str]] = {
        "date": " theo dạng dd/mm/yyyy, ví dụ 04/10/2027",
        "time": " theo dạng giờ:phút, ví dụ 08:00",
        "year": ", ví dụ 2027",
        "purposes": ", mỗi mục một dòng",
        "text": "",
    }
    ED_NOW = "Hiện tại: {value}"
    ED_BAD: ClassVar[dict[str, str]] = {
        "date": "«{text}» không phải một ngày hợp lệ; bạn hãy nhập theo dạng dd/mm/yyyy, "
        "ví dụ 04/10/2027. Chưa thay đổi gì.",
        "time": "«{text}» không phải giờ hợp lệ; bạn hãy nhập theo dạng 08:00. Chưa thay đổi gì.",
        "year": "«{text}» không phải năm hợp lệ; bạn hãy nhập 4 chữ số, ví dụ 2027. "
        "Chưa thay đổi gì.",
        "long": "Nội dung dài quá {limit} ký tự; bạn hãy rút gọn. Chưa thay đổi gì.",
        "order": "Ngày kết thúc phải sau ngày bắt đầu; chưa thay đổi gì.",
        "length": "Tuần lễ chỉ dài từ 1 đến 10 ngày; chưa thay đổi gì.",
        "opening": "Ngày khai mạc phải nằm trong Tuần lễ ({start} – {end}); chưa thay đổi gì.",
        "year_dates": "Năm phải trùng với năm của ngày bắt đầu ({start}); chưa thay đổi gì.",
        "markup": "Nội dung có thẻ HTML (dạng &lt;…&gt;) nên không lưu được; bạn hãy gõ "
        "chữ thường. Chưa thay đổi gì.",
    }
    ED_SAVE = "✅ Lưu"
    ED_DROP = "Hủy"
    ED_FIX = "✏️ {field}"
    ED_SAVED = (
        "✅ Đã lưu Tuần lễ năm {year} ({start} – {end}), chủ đề «{theme}». "
        "Bot dùng thông tin này ngay từ bây giờ, kể cả lịch nhắc."
    )
    ED_DROPPED = "Đã hủy, bot không lưu gì."
    ED_PRESS = "Bạn hãy bấm một nút trên thẻ: sửa một mục, <b>✅ Lưu</b> hoặc <b>Hủy</b>."
    ED_GONE = "Bản nháp này không còn nữa. Gõ /tuanlemoi để bắt đầu lại."
    # --- i14-fixroster ---
    ROSTER_MOVES_HEAD = "Chuyển đơn vị:"
    ROSTER_MOVE_LINE = "• {name}: {source} → {target}"
    ROSTER_LEAVERS_HEAD = "Không còn trong danh sách:"
    ROSTER_NAMED_MORE = "… và {count} người khác."
    ROSTER_MARKED_LEFT = "{count} dòng ghi «Đã rời» ở cột Trạng thái nên không được tính."
    ROSTER_LINKED = "🔗 {count} cán bộ đăng ký từ trước nay được gắn với tên mình trong danh sách."
    ROSTER_FOLLOWED = (
        "🔀 {count} cán bộ đã đăng ký được chuyển sang đơn vị ghi trong danh sách "
        "(danh sách cán bộ là chuẩn)."
    )
    ROSTER_NEXT = (
        "Bước tiếp theo: /moi để lấy đường dẫn mời và mã QR của từng đơn vị; /donvi để xem, "
        "đổi tên hoặc gộp đơn vị; /thongke để xem số liệu theo danh sách."
    )
    ROSTER_LAST_IMPORT = "Lần nhập gần nhất: {time} ngày {date}."
    ROSTER_SAMPLE_SHEET = "Danh sách"
    ROSTER_SAMPLE_HEADER = ("Họ và tên", "Đơn vị", "Mã cán bộ")
    ROSTER_SAMPLE_ROWS = (
        ("Nguyễn Văn An", "Phòng Kế hoạch - Tài chính", "CB001"),
        ("Trần Thị Bình", "Văn phòng Sở", "CB002"),
        ("Lê Minh Châu", "Phòng Quản lý Khoa học", ""),
    )
    UNIT_LISTED = (
        "<b>{name}</b> có {headcount} người trong danh sách cán bộ nên không lưu trữ được "
        "(họ sẽ mất khỏi số liệu). Nếu đơn vị đã sáp nhập, bạn hãy gộp nó vào đơn vị mới "
        "(🔀 Gộp vào); nếu đơn vị không còn, bạn hãy nhập lại danh sách cán bộ không có "
        "đơn vị này (/danhsach)."
    )
    UNIT_ARCHIVED_UNDO = (
        "Muốn dùng lại, bạn bấm <b>♻️ Khôi phục</b>; sau này thì bấm ➕ Thêm đơn vị và gõ "
        "đúng tên này."
    )
    UNIT_RESTORE_BUTTON = "♻️ Khôi phục"
    UNIT_RESTORE_OFFER = (
        "Đơn vị «{name}» đã được lưu trữ. Bấm <b>♻️ Khôi phục</b> để dùng lại đơn vị này "
        "(giữ nguyên mã và đường dẫn mời), hoặc gõ tên khác."
    )
    UNIT_RESTORE_OFFER_MERGED = (
        "Đơn vị «{name}» đã được gộp vào «{target}». Bấm <b>♻️ Khôi phục</b> để tách lại "
        "thành đơn vị riêng (lúc đầu chưa có ai), hoặc gõ tên khác."
    )
    UNIT_RESTORED = "✅ Đã khôi phục đơn vị <b>{name}</b> (mã {code})."
    UNIT_MERGED_LINKED = "🔗 {count} cán bộ đã đăng ký nay được gắn với tên mình trong danh sách."
    UNIT_OPEN_BUTTON = "🏢 Xem đơn vị"
    # --- i14-fixfigures ---
    STATS_BODY_ROSTER = (
        "• Cán bộ đã đăng ký: <b>{registered}</b>{registered_off}\n"
        "• Tham gia (có điểm danh): <b>{participants}</b>/{headcount} người trong danh sách "
        "— tỷ lệ <b>{rate}</b>{off_roster}\n"
        "• Lượt điểm danh: <b>{checkins}</b>\n"
        "• Tổng thời gian tự học: <b>{minutes}</b>{average}"
    )
    STATS_REGISTERED_OFF_ROSTER = " (trong đó {count} người đăng ký không có trong danh sách)"
    STATS_OFF_ROSTER = "\n• Người tham gia ngoài danh sách: <b>{count}</b> (không tính vào tỷ lệ)"
    STATS_NOT_STARTED = (
        "⏳ Tuần lễ bắt đầu ngày {date}, nên chưa có lượt điểm danh nào; "
        "dưới đây là số người đăng ký đến nay."
    )
    STATS_PREVIOUS = "Số liệu năm {year}: /thongke {year}"
    STATS_NOBODY_REGISTERED = (
        "Chưa có cán bộ nào đăng ký dùng bot. Bạn có thể gửi đường dẫn mời đăng ký bằng /moi."
    )
    BY_UNIT_OFF_ROSTER = " · ngoài danh sách: {count}"
    XLSX_ON_ROSTER = "Tham gia trong danh sách"
    XLSX_OFF_ROSTER = "Tham gia ngoài danh sách"
    XLSX_REGISTERED_OFF_ROSTER = "Đăng ký nhưng không có trong danh sách"
    FOLLOWUP_NOT_STARTED = (
        "⏳ Tuần lễ bắt đầu ngày {date}; từ ngày đó bot mới liệt kê người chưa điểm danh."
    )
    FOLLOWUP_TOTALS_BEFORE = "Chưa đăng ký: <b>{unregistered}</b>"
    FOLLOWUP_UNIT_COUNTS_BEFORE = "• {unit}: chưa đăng ký <b>{unregistered}</b>"
    FOLLOWUP_NONE_BEFORE = "Mọi người trong danh sách cán bộ đều đã đăng ký. 🎉"
    FOLLOWUP_NOBODY_REGISTERED = (
        "Chưa có cán bộ nào đăng ký dùng bot cho Tuần lễ năm {year}, nên chưa có ai để nhắc "
        "điểm danh. Bạn có thể gửi đường dẫn mời đăng ký bằng /moi."
    )
    FOLLOWUP_NOTHING_YET = "Hiện chưa có ai cần nhắc."
    FOLLOWUP_ROSTER_LATER = (
        "<i>Danh sách cán bộ hiện có được nhập sau Tuần lễ năm {year} nên không dùng cho năm "
        "này: bot chỉ biết ai đã đăng ký mà chưa điểm danh.</i>"
    )
    STATS_ROSTER_LATER = (
        "<i>Danh sách cán bộ hiện có được nhập sau Tuần lễ năm {year} nên không dùng cho năm "
        "này: tỷ lệ tham gia tính trên số cán bộ đã đăng ký.</i>"
    )
    # --- i14-fixinvites ---
    NAME_FROM_ROSTER = (
        "✏️ Họ và tên được ghi theo danh sách cán bộ: <b>{name}</b> (bạn gõ «{typed}»)."
    )
    UNIT_LINK_MERGED = (
        "Đơn vị <b>{old}</b> đã được gộp vào <b>{unit}</b>: đường dẫn của đơn vị cũ nay dẫn đến "
        "<b>{unit}</b>."
    )
    UNIT_STILL_NOT_LISTED = "Vẫn chưa có đơn vị nào khớp với «{unit}»."
    UNIT_MISSING_CONTACT = (
        "Nếu đơn vị của bạn không có trong danh sách, bạn hãy báo {contact} để bổ sung, rồi đăng "
        "ký lại sau. Bấm <b>Hủy</b> (hoặc gõ <i>hủy</i>) để dừng."
    )
    UNIT_MISSING_NO_CONTACT = (
        "Nếu đơn vị của bạn không có trong danh sách, bạn hãy báo ban tổ chức Tuần lễ hoặc quản "
        "trị viên của bot ở cơ quan để bổ sung, rồi đăng ký lại sau. Bấm <b>Hủy</b> (hoặc gõ "
        "<i>hủy</i>) để dừng."
    )
    UNIT_PICK_LISTED = (
        "Danh sách cán bộ ghi bạn thuộc <b>{unit}</b>: nếu đúng, bạn bấm nút đầu tiên."
    )
    NEXT_CHECKIN = "👉 Bước tiếp theo: gõ /diemdanh hoặc bấm nút bên dưới để điểm danh tự học."
    NEXT_WEEK_STARTS = (
        "📅 Tuần lễ bắt đầu ngày {start}. Từ hôm đó, bạn gõ /diemdanh để điểm danh tự học mỗi ngày."
    )
    INVITE_NO_UNITS_ADMIN = (
        "Chưa có đơn vị nào, nên chưa có đường dẫn riêng của đơn vị. Bạn nhập danh sách cán bộ "
        "bằng /danhsach hoặc thêm đơn vị bằng /donvi (cán bộ đăng ký qua đường dẫn chung cũng "
        "tạo đơn vị), rồi gõ lại /moi."
    )
    INVITE_ZIP_GENERAL = (
        "📦 Mã QR đăng ký chung (PNG) và bảng links.csv. Chưa có đơn vị nào nên chưa có mã QR "
        "riêng của đơn vị."
    )
    CONSENT_LEAD_CHANGED = (
        "🔒 Thông báo về dữ liệu cá nhân đã được cập nhật: nay bot gắn đăng ký của bạn với danh "
        "sách cán bộ của cơ quan (nếu cơ quan đã nhập). Bạn đọc lại và cho biết có đồng ý không "
        "trước khi tiếp tục.\n\n"
    )

    # --- i15-closing ---
    CLOSING_FIGURES_HEAD = (
        "🏁 <b>Tuần lễ năm {year} đã kết thúc.</b> Dưới đây là số liệu cuối cùng; dự thảo báo "
        "cáo kết quả và danh sách đề nghị khen thưởng đến ngay sau tin này."
    )
    CLOSING_REPORT_CAPTION = (
        "📄 Dự thảo báo cáo kết quả Tuần lễ năm {year}: số liệu đã điền sẵn từ dữ liệu của bot; "
        "phần đánh giá và đề xuất do ban tổ chức viết. Lấy lại bất cứ lúc nào bằng /baocao {year}."
    )
    CLOSING_COMMENDATIONS_CAPTION = (
        "🏅 Danh sách đề nghị khen thưởng Tuần lễ năm {year}: cá nhân đạt tiêu chí và các đơn vị "
        "xếp theo tỷ lệ tham gia. Lấy lại bằng /khenthuong {year}."
    )
    CLOSING_CERTIFICATE_CAPTION = (
        "🎓 Chúc mừng bạn đã hoàn thành Tuần lễ hưởng ứng học tập suốt đời năm {year}: tự học "
        "{days}/{total} ngày, tổng cộng {time}. Đây là giấy chứng nhận tham gia của bạn.\n"
        "Mã xác thực: <code>{code}</code> — ai cũng có thể kiểm tra bằng lệnh /xacthuc."
    )
    # --- i15-report ---
    RESULTS_REPORT_CAPTION = (
        "📄 Báo cáo kết quả tổ chức Tuần lễ năm {year} (tệp Word, thể thức theo Nghị định "
        "30/2020/NĐ-CP), số liệu đến ngày {day}. Văn phòng điền số, ngày tháng và phần III, IV "
        "(Đánh giá, Đề xuất) trước khi trình ký."
    )
    # --- i15-docs ---
    CM_CAPTION = (
        "🏅 Danh sách đề nghị khen thưởng — Tuần lễ năm {year}: {people} cá nhân đạt tiêu chí "
        "({bar}), {units} đơn vị có người tham gia. Tệp gồm 3 trang tính: Cá nhân, Đơn vị, "
        "Tiêu chí."
    )
    EDITION_UNKNOWN = "Bot chưa có thông tin về Tuần lễ năm {year}. Các năm bot có: {years}."
    CM_BAR = "học ít nhất {days}/{week_days} ngày của Tuần lễ"
    CM_BAR_MINUTES = ", tổng thời gian tự học ít nhất {minutes}"
    CM_SHEET_PEOPLE = "Cá nhân"
    CM_SHEET_UNITS = "Đơn vị"
    CM_SHEET_CRITERIA = "Tiêu chí"
    CM_TITLE_PEOPLE = "DANH SÁCH CÁ NHÂN ĐẠT TIÊU CHÍ ĐỀ NGHỊ KHEN THƯỞNG"
    CM_TITLE_UNITS = "XẾP HẠNG ĐƠN VỊ THEO TỶ LỆ THAM GIA"
    CM_TITLE_CRITERIA = "TIÊU CHÍ VÀ CÁCH TÍNH"
    CM_EDITION_LINE = "{edition} (từ {start} đến {end})"
    CM_BAR_LINE = "Tiêu chí: {bar} (một ngày học là một ngày có ít nhất một lượt điểm danh)."
    CM_PEOPLE_NOTE = (
        "Chỉ ghi người đạt tiêu chí: {people}/{participants} người tham gia. Xếp theo số ngày "
        "học, rồi tổng số phút; bằng nhau cả hai thì cùng hạng."
    )
    CM_NOBODY = "Chưa có ai đạt tiêu chí."
    CM_UNITS_NOTE: ClassVar[dict[str, str]] = {
        "headcount": (
            "Tỷ lệ tham gia = số cán bộ trong danh sách có điểm danh / số cán bộ theo danh sách "
            "của đơn vị (như /thongke). Xếp theo tỷ lệ, rồi số người tham gia; bằng nhau thì "
            "cùng hạng. Chỉ ghi đơn vị có người tham gia."
        ),
        "registered": (
            "Tỷ lệ tham gia = số người có điểm danh / số cán bộ đã đăng ký của đơn vị (chưa có "
            "danh sách cán bộ; như /thongke). Xếp theo tỷ lệ, rồi số người tham gia; bằng nhau "
            "thì cùng hạng. Chỉ ghi đơn vị có người tham gia."
        ),
    }
    CM_NO_UNITS = "Chưa có đơn vị nào có người tham gia."
    CM_ORDINAL = "STT"
    CM_RANK = "Hạng"
    CM_DAYS = "Số ngày học"
    CM_HOURS = "Số giờ"
    CM_COMMENDED = "Cá nhân đạt tiêu chí"
    CM_ITEM = "Nội dung"
    CM_WEEK_DAYS = "Số ngày của Tuần lễ"
    CM_MIN_DAYS = "Số ngày học tối thiểu"
    CM_MIN_MINUTES = "Số phút tự học tối thiểu (0: không yêu cầu)"
    CM_DAY_RULE = "Ngày học"
    CM_DAY_RULE_VALUE = "Một ngày của Tuần lễ có ít nhất một lượt điểm danh tự học"
    CM_PEOPLE_ORDER = "Xếp hạng cá nhân"
    CM_PEOPLE_ORDER_VALUE = "Số ngày học, rồi tổng số phút (giảm dần); bằng nhau thì cùng hạng"
    CM_UNIT_ORDER = "Xếp hạng đơn vị"
    CM_UNIT_ORDER_VALUE = "Tỷ lệ tham gia, rồi số người tham gia (giảm dần)"
    CM_PARTICIPANTS = "Số người tham gia"
    CM_MET = "Số cá nhân đạt tiêu chí"
    CM_UNITS_COUNT = "Số đơn vị có người tham gia"
    CM_SOURCE = "Nguồn số liệu"
    CM_SOURCE_VALUE = "Điểm danh tự học trên bot (cùng số liệu với /thongke)"
    CAL_CAPTION = (
        "📅 Lịch Tuần lễ năm {year}: từ {start} đến {end}, khai mạc {opening}.\n"
        "Trên điện thoại: chạm vào tệp rồi chọn «Thêm vào lịch» (hoặc mở bằng ứng dụng Lịch). "
        "Trên máy tính: tải tệp về, rồi nhập vào Google Calendar (Cài đặt → Nhập và xuất) "
        "hoặc mở bằng Outlook. Nhập lại tệp mới sẽ cập nhật, không tạo sự kiện trùng."
    )
    CAL_OPENING_AT = "lúc {time} ngày {date}"
    CAL_OPENING_DAY = "ngày {date} (thông báo không nêu giờ, nên ghi cả ngày)"
    CAL_UNKNOWN_YEAR = (
        "Chưa có thông tin về Tuần lễ năm {year}. Bot biết các năm: {years}. Ví dụ: {example}."
    )
    CAL_OPENING = "Lễ khai mạc {name}"
    CAL_THEME = "Chủ đề: {theme}"
    CAL_ORGANISER = "Đơn vị tổ chức: {organiser}"
    CAL_PLAN = "Kế hoạch số {number}"
    CAL_PLAN_DATE = "Kế hoạch số {number} ngày {date}"
    CAL_HOST = "Chủ trì lễ khai mạc: {host}"
    CAL_NO_TIME = "Thông báo chính thức không nêu giờ khai mạc."
    CAL_SOURCE = "Nguồn: {source}"
    # --- i15-cert ---
    CERT_BAR_DAYS = "có điểm danh tự học ít nhất {days} ngày trong Tuần lễ"
    CERT_BAR_MINUTES = "tổng thời gian tự học ít nhất {time}"
    CERT_AND = " và "
    CERT_MISSING_DAYS = "{days} ngày có điểm danh"
    CERT_MISSING_TIME = "{time} tự học"
    CERT_NOT_STARTED = (
        "📅 Tuần lễ {year} bắt đầu ngày {start}. Giấy chứng nhận tham gia được cấp cho người {bar}."
    )
    CERT_NONE_YET = (
        "Bạn chưa có lượt điểm danh nào trong Tuần lễ {year} ({start} – {end}). Giấy chứng nhận "
        "được cấp cho người {bar}."
    )
    CERT_PROGRESS = (
        "📜 Bạn chưa đủ điều kiện nhận giấy chứng nhận Tuần lễ {year}.\n"
        "• Bạn đã tự học: <b>{days}/{week_days} ngày</b>, tổng cộng <b>{time}</b>.\n"
        "• Điều kiện: {bar}.\n"
        "• Còn thiếu: <b>{missing}</b>."
    )
    CERT_STILL_TIME = (
        "\n\nTuần lễ còn {left} ngày nữa (đến hết ngày {end}): bạn vẫn kịp, gõ /diemdanh mỗi "
        "ngày bạn tự học nhé!"
    )
    CERT_NO_MORE_TIME = (
        "\n\nSố ngày còn lại của Tuần lễ (đến hết ngày {end}) không còn đủ để đạt điều kiện "
        "về số ngày. Bạn vẫn có thể tiếp tục tự học và điểm danh."
    )
    CERT_STILL_TODAY = (
        "\n\nHôm nay là ngày cuối của Tuần lễ: bạn vẫn kịp điểm danh thêm thời gian tự học "
        "trong hôm nay."
    )
    CERT_WEEK_OVER = "\n\nTuần lễ đã kết thúc ngày {end}."
    CERT_EARNED_WAIT = (
        "🎉 Bạn đã đạt điều kiện nhận giấy chứng nhận Tuần lễ {year}: tự học <b>{days}/{week_days}"
        " ngày</b>, tổng cộng <b>{time}</b>.\nGiấy chứng nhận được gửi tự động vào sáng ngày "
        "{after}, sau ngày cuối của Tuần lễ (từ hôm đó bạn cũng có thể gõ /chungnhan để nhận)."
    )
    CERT_CAPTION = (
        "📜 Giấy chứng nhận tham gia Tuần lễ {year} của bạn.\n"
        "Mã xác thực: <code>{code}</code> — ai cũng có thể kiểm tra bằng lệnh "
        "<code>/xacthuc {code}</code>."
    )
    CERT_ALL_WAIT = (
        "Tuần lễ {year} chưa kết thúc: giấy chứng nhận được cấp từ sáng ngày {after}, sau ngày "
        "cuối của Tuần lễ."
    )
    CERT_ALL_NONE = (
        "Chưa có ai đạt điều kiện nhận giấy chứng nhận Tuần lễ {year} (điều kiện: {bar})."
    )
    CERT_ALL_BUILDING = (
        "⏳ Đang tạo {count} giấy chứng nhận (PDF), mất khoảng {time}. Các tệp ZIP sẽ được gửi "
        "lần lượt ngay khi xong."
    )
    CERT_ALL_DONE = "✅ Đã gửi đủ {parts} tệp ZIP, tổng cộng {count} giấy chứng nhận."
    CERT_ALL_CAPTION = "📦 {count} giấy chứng nhận Tuần lễ {year} (điều kiện: {bar})."
    CERT_ALL_PART = " Tệp {part}."
    VERIFY_USAGE = (
        "Để kiểm tra một giấy chứng nhận, bạn gõ /xacthuc kèm mã xác thực in ở cuối giấy, "
        "ví dụ: <code>/xacthuc 7K4MQ-9XP3R</code>."
    )
    VERIFY_MALFORMED = (
        "⚠️ «{typed}» không phải là mã xác thực hợp lệ, có thể do gõ nhầm một ký tự. Mã gồm 10 "
        "chữ và số, in ở cuối giấy chứng nhận, ví dụ: <code>/xacthuc 7K4MQ-9XP3R</code>. Bạn "
        "xem lại mã trên giấy và gõ lại nhé."
    )
    VERIFY_UNKNOWN = (
        "❌ Mã <code>{code}</code> không thuộc giấy chứng nhận nào do bot này cấp (hoặc giấy đã "
        "bị xóa theo yêu cầu của chính người được cấp)."
    )
    VERIFY_GENUINE = (
        "✅ Mã <code>{code}</code> là của giấy chứng nhận thật do bot này cấp:\n"
        "• Họ và tên: <b>{name}</b>\n"
        "• Đơn vị: {unit}\n"
        "• Tuần lễ hưởng ứng học tập suốt đời năm {year}{period}\n"
        "• Tự học {days} ngày, tổng cộng {time}\n"
        "• Cấp ngày {issued}"
    )
    VERIFY_PERIOD = " ({start} – {end})"
    VERIFY_CHANGED = (
        "\n\n⚠️ Tuy nhiên, sau khi cấp, kết quả tự học của người này đã được sửa (có lượt điểm "
        "danh bị xóa): dữ liệu hiện tại không còn khớp với số liệu ghi trên giấy."
    )
