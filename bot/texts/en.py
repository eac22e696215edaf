"""Every English user-facing string, for users whose Telegram language is English."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from bot.texts.vi import Vi


class En(Vi):
    """English texts. Official names and quotes from the notices stay in Vietnamese."""

    LANG = "en"

    GREETING = (
        "Hello {name}! 👋\n"
        "I am the assistant of Vietnam's <b>Lifelong Learning Week</b> (Tuần lễ hưởng ứng học "
        "tập suốt đời). Ask me about the week's theme, dates, opening ceremony and purpose, and "
        "log your self-study every day.\n\n"
        "Pick an item below or type a question, e.g. <i>What is this year's theme?</i>"
    )
    FRIEND = "there"
    BTN_THEME = "🎯 Theme"
    BTN_DATES = "📅 Dates"
    BTN_OPENING = "🎉 Opening"
    BTN_PURPOSE = "💡 Purpose"
    BTN_CHECKIN = "✅ Log self-study"
    BTN_CANCEL = "✖️ Cancel"
    HELP = (
        "<b>What can I do?</b>\n\n"
        "<b>Ask about the week</b> in plain words:\n"
        "• theme, dates, opening ceremony, purpose, organiser\n"
        "• the plan, the ministry's launch, the emulation movement\n"
        "• how many days are left, which day of the week it is\n"
        "• add a year to ask about another edition, e.g. <i>theme in 2021</i>\n\n"
        "<b>Commands</b>\n"
        "/week — overview of the week\n"
        "/theme · /dates · /ceremony — theme, dates, opening ceremony\n"
        "/profile — register your full name and unit\n"
        "/checkin — log self-study (quick: <code>/checkin 45 reading a book</code>)\n"
        "/me — my self-study record\n"
        "/undo — remove my last check-in\n"
        "/remind — turn reminders on or off\n"
        "/privacy — what the bot stores · /deletemydata — erase your data\n"
        "/cancel — stop what you are doing"
    )
    FALLBACK = (
        "Sorry, I did not understand that. 🙏\n"
        "I can answer about the theme, dates, opening ceremony, purpose, organiser, the plan, "
        "the ministry's launch, the emulation movement, and how many days are left.\n"
        "For example: <i>When is the opening ceremony?</i> — or pick an item below."
    )
    NON_TEXT = "I can only read text messages. Please type a question or use /help."
    EDITED = "I do not process edited messages. To correct a check-in, use /undo and log it again."
    PRIVATE_ONLY = "Please message the bot privately to use this command."
    ERROR = (
        "Sorry, something went wrong. Your data was not changed; please try again in a few minutes."
    )
    CANCELLED = "Cancelled. Nothing was changed."
    NOTHING_TO_CANCEL = "There is nothing to cancel."
    EXPIRED_BUTTON = "This button has expired. Please start again."

    NO_INFO_YEAR = (
        "ℹ️ There is no information yet about the {year} week. "
        "Here is the most recent edition I know ({latest}):"
    )
    THEME = "🎯 <b>Theme of the {year} week</b>\n«{theme}»"
    DATES = "📅 <b>Dates of the {year} week</b>\nFrom {start} to {end} ({days} days)."
    OPENING = "🎉 <b>Opening ceremony of the {year} week</b>\n{weekday}, {date}."
    OPENING_TIME = "Time: {time}."
    OPENING_TIME_UNKNOWN = "The official notice does not give the time of the ceremony."
    PURPOSE = "💡 <b>Purpose of the {year} week</b> (official text, in Vietnamese)\n{items}"
    ORGANISER = "🏛 <b>Organiser ({year})</b>\n{organiser}"
    AUDIENCE = "Audience and scope: {audience}."
    PLAN = "📄 <b>Plan ({year})</b>\nPlan No. {number} of {date}: {title}."
    PLAN_UNKNOWN = "📄 The {year} notice does not give a plan number."
    MINISTRY = (
        "🏫 <b>The Ministry's instruction ({year})</b> (official text, in Vietnamese)\n{text}"
    )
    MINISTRY_UNKNOWN = (
        "🏫 The {year} notice does not mention a document of the Ministry of Education and "
        "Training about the week."
    )
    MOVEMENT = "🏆 <b>Emulation movement linked to the {year} week</b>\n«{movement}»"
    DECISION = "📜 <b>Document linked to the {year} week</b>\n{decision}"
    MOVEMENT_UNKNOWN = "🏆 The {year} notice does not mention an emulation movement."
    OVERVIEW = (
        "📘 <b>{name}</b>\n"
        "• Theme: «{theme}»\n"
        "• Dates: {start} – {end}\n"
        "• Opening: {opening}\n"
        "• Organiser: {organiser}"
    )
    OVERVIEW_PLAN = "• Plan No. {number} of {date}"
    SOURCE = "<i>Source: {source}</i>"

    STATUS_BEFORE = "⏳ {name} opens on {date}, in <b>{days}</b> days."
    STATUS_TOMORROW = "⏳ {name} opens tomorrow ({date})!"
    STATUS_DURING = "📌 Today is day <b>{day}/{total}</b> of {name}. {left} days to go."
    STATUS_LAST_DAY = "📌 Today is the last day ({day}/{total}) of {name}."
    STATUS_AFTER = "✅ {name} ended on {end}. The next week has not been announced yet."
    TODAY = "📆 Today is {weekday}, {date}."
    WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

    ASK_NAME = "📝 <b>Registration</b>\nPlease type your <b>full name</b> (e.g. Nguyễn Văn An)."
    ASK_NAME_FOR_CHECKIN = (
        "To log self-study, please register once. Type your <b>full name</b> (e.g. Nguyễn Văn An)."
    )
    PROFILE_CURRENT = "Current profile: <b>{name}</b> — {unit}.\nType your full name to update it."
    ASK_UNIT = "Thank you, {name}. Which <b>unit</b> (department) are you in? Pick one or type it."
    ASK_UNIT_TYPE = "Thank you, {name}. Which <b>unit</b> (department) are you in? Please type it."
    PROFILE_SAVED = "✅ Profile saved.\n• Full name: {name}\n• Unit: {unit}"
    UNIT_GONE = "That unit is no longer listed. Please type the unit's name."
    FIELD_NAME = "Full name"
    FIELD_UNIT = "Unit name"
    FIELD_NOTE = "Note"
    PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "{field} is empty. Please try again.",
        "too_short": "{field} is too short (at least {limit} characters). Please try again.",
        "too_long": "{field} is too long (at most {limit} characters, you sent {length}).",
        "no_letters": "{field} must contain letters. Please try again.",
        "control_chars": "{field} contains invalid characters. Please try again.",
        "no_separator": (
            "Separate your name and unit with |, for example:\n"
            "<code>/profile Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
        ),
    }

    ASK_DURATION = (
        "⏱ How long did you study today? Pick below or type it (e.g. 45 min, 1h30, 1.5 hours)."
    )
    BTN_MINUTES = "{minutes} min"
    BTN_CUSTOM = "✏️ Other"
    ASK_CUSTOM_DURATION = "Type the duration, e.g. 20, 45 min, 1h30, 1 hour 30, half an hour."
    ASK_ACTIVITY = "What did you study in those {minutes}?"
    ACTIVITIES: ClassVar[dict[str, str]] = {
        "reading": "📚 Reading books/documents",
        "course": "💻 Online course",
        "webinar": "🎤 Seminar/webinar",
        "research": "🔬 Self-directed research",
        "other": "✨ Other",
    }
    ASK_NOTE = "Add a short note (up to {limit} characters) or press <b>Skip</b>."
    BTN_SKIP = "Skip ➡️"
    CHECKIN_SAVED = "✅ <b>Self-study logged!</b>"
    CHECKIN_ALREADY = "ℹ️ This check-in had already been recorded."
    CHECKIN_DETAILS = "• Duration: {minutes}\n• Activity: {activity}\n• Date: {date}"
    CHECKIN_NOTE = "• Note: {note}"
    CHECKIN_TOTALS = "Today: <b>{day}</b> · {window}: <b>{total}</b>"
    WINDOW_WEEK = "{year} week"
    WINDOW_ROLLING = "Last 7 days"
    DAY_LIMIT = (
        "Not saved: one day cannot hold more than 24 hours of study (you have {day} today). "
        "Please check the duration."
    )
    DURATION_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "You did not enter a duration.",
        "unreadable": (
            "I could not read the duration «{text}». Examples: 45, 45 min, 1h30, 1 hour 30, "
            "1.5 hours, half an hour."
        ),
        "negative": "A duration cannot be negative.",
        "zero": "The duration must be more than 0 minutes.",
        "needs_unit": "Is «{text}» hours or minutes? Please say, e.g. 1.5 hours or 90 min.",
        "too_long": "One check-in is at most 12 hours. Split longer study into several entries.",
    }
    CHECKIN_HINT = (
        "To log self-study, send /checkin and follow the steps, or in one line:\n"
        "<code>/checkin 45 reading about digital transformation</code>"
    )
    REGISTER_HINT = (
        "To register, send /profile and type your name and unit, or in one line:\n"
        "<code>/profile Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
    )

    NOT_REGISTERED = "You have not registered yet. Use /profile, then /checkin."
    ME_HEADER = "👤 <b>{name}</b> — {unit}\n📊 <b>{window}</b> ({start} – {end})"
    ME_LINE = "• {date}: {minutes} — {activity}"
    ME_EMPTY = "No check-ins in this period yet. Send /checkin to start!"
    ME_TOTALS = (
        "Total: <b>{total}</b> · Days with a check-in: <b>{days}/{window_days}</b> · "
        "Streak: <b>{streak}</b>"
    )
    UNDO_NOTHING = "You have no check-in to remove."
    UNDO_CONFIRM = "Remove your last check-in?\n{details}"
    BTN_UNDO_YES = "🗑 Remove it"
    BTN_UNDO_NO = "Keep it"
    UNDONE = "🗑 Check-in removed:\n{details}"
    UNDO_KEPT = "Your check-in was kept."
    UNDO_GONE = "This check-in was already removed."

    REMIND_EVE = (
        "📣 <b>{name} opens tomorrow!</b>\n"
        "🎯 Theme: «{theme}»\n📅 Dates: {start} – {end}\n🎉 Opening ceremony: {opening}\n\n"
        "Study a little every day and log it with /checkin!"
    )
    REMIND_OPENING = (
        "🎉 <b>{name} opens today</b>\nTheme: «{theme}».\nHave a fruitful week of learning!"
    )
    REMIND_MORNING = (
        "☀️ <b>Day {day}/{total} of the week</b>\n💡 Today's self-study idea: {suggestion}"
    )
    REMIND_MORNING_GROUP = "To log self-study, message the bot privately with /checkin."
    REMIND_NUDGE = (
        "🌙 You have not logged any self-study today. If you studied, record it with one tap!"
    )
    REMIND_SUMMARY = (
        "🏁 <b>Your week of learning</b>\n"
        "• Total time: <b>{total}</b>\n• Days with a check-in: <b>{days}/{window_days}</b>\n"
        "• Streak: <b>{streak}</b>\n\n"
        "Thank you for taking part in {name}! 💐"
    )
    BTN_CHECKIN_NOW = "✅ Log now"
    BTN_REMIND_ON = "🔔 Turn reminders on"
    BTN_REMIND_OFF = "🔕 Turn reminders off"
    REMIND_IS_ON = "🔔 You receive reminders during the week. Turn off: /remind off"
    REMIND_IS_OFF = "🔕 Your reminders are off. Turn on: /remind on"
    REMIND_TURNED_ON = "🔔 Reminders are on. You will hear from the bot on the week's schedule."
    REMIND_TURNED_OFF = "🔕 Reminders are off. Turn them back on any time: /remind on"
    REMIND_USAGE = "Usage: /remind on or /remind off"
    REMIND_GROUP_ON = "🔔 This group will receive the week's morning messages."
    REMIND_GROUP_OFF = "🔕 This group will no longer receive the week's messages."
    NOT_ALLOWED = "Sorry, this is for the organisers only."
    SCHEDULE_HEADER = "🗓 <b>Reminder schedule of the {year} week</b> ({tz} time)"
    SCHEDULE_LINE = "• {when} — {label}: {count} recipients"
    SCHEDULE_DONE = (
        "  sent {sent} · failed {failed} · late {late} · unknown {unknown} · waiting {pending}"
    )
    SCHEDULE_FUTURE = "  (estimated from today's registrations)"
    REMINDER_LABELS: ClassVar[dict[str, str]] = {
        "eve": "Day-before notice",
        "opening": "Opening day",
        "morning": "Morning message",
        "nudge": "Nudge to those not yet checked in",
        "summary": "Personal summary",
    }

    GRANT_USAGE = "Usage: <code>/grant @username organiser</code> (or a numeric Telegram id)"
    REVOKE_USAGE = "Usage: <code>/revoke @username</code> (or a numeric Telegram id)"
    PERSON_UNKNOWN = "{ref} was not found. They need to message the bot at least once."
    GRANTED = "✅ {person} is now an organiser."
    REVOKED = "✅ {person} is no longer an organiser."
    NOT_A_HOLDER = "{person} is not an organiser."
    ADMIN_FROM_SETTINGS = "{person} is an admin through ADMIN_IDS; commands cannot change that."
    ROLES = (
        "👥 <b>Roles</b>\n\n<b>Admins</b> (ADMIN_IDS):\n{admins}\n\n"
        "<b>Organisers</b>:\n{organisers}"
    )
    NOBODY = "• (none)"
    AUDIT_HEADER = "🧾 <b>Audit log</b> (latest {count})"
    AUDIT_EMPTY = "No action has been recorded yet."
    ACTIONS: ClassVar[dict[str, str]] = {
        "grant": "granted organiser",
        "revoke": "revoked organiser",
        "group_subscription": "group (un)subscribed",
        "broadcast_send": "sent a broadcast",
        "broadcast_schedule": "scheduled a broadcast",
        "broadcast_stop": "stopped a broadcast",
        "broadcast_cancel": "cancelled a scheduled broadcast",
        "export": "exported personal data",
    }

    BC_ASK_CONTENT = (
        "📢 <b>New broadcast</b>\nSend the message: formatted text, a photo or a document with a "
        "caption, or forward a message. /cancel to stop."
    )
    BC_UNSUPPORTED = "Only text, photos and documents can be broadcast. Please send it again."
    BC_TOO_LONG = "The message has {length} characters, over Telegram's limit of {limit}."
    BC_ASK_AUDIENCE = "Who should receive it?"
    BC_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "👥 Every registered official",
        "unit": "🏢 One unit",
        "today": "⏰ Not checked in today",
        "week": "📭 No check-in this week",
        "groups": "💬 Subscribed group chats",
    }
    BC_ASK_UNIT = "Pick the unit:"
    BC_NO_UNITS = "There are no units yet. Pick another audience."
    BC_PREVIEW = (
        "👆 This is what recipients will see.\nAudience: {audience}\nRecipients: <b>{count}</b>"
    )
    BC_NOBODY = "Nobody is in «{audience}». Pick another audience."
    BTN_SEND_NOW = "📤 Send now"
    BTN_SCHEDULE = "🕒 Schedule…"
    BTN_STOP = "⏹ Stop"
    BTN_CANCEL_SCHEDULE = "✖️ Cancel the schedule"
    BC_ASK_TIME = (
        "Type when to send it, in Vietnam time: e.g. <code>20:00</code> (today) or "
        "<code>08:00 05/10/2023</code>."
    )
    BC_TIME_PROBLEMS: ClassVar[dict[str, str]] = {
        "unreadable": "I could not read «{text}». Examples: 20:00 or 08:00 05/10/2023.",
        "past": "That moment has passed. Please pick a time in the future.",
        "too_far": "Broadcasts can be scheduled up to 30 days ahead.",
    }
    BC_SCHEDULED = "🕒 Broadcast #{id} is scheduled for {when} ({count} recipients today)."
    BC_STARTED = "📤 Sending broadcast #{id} to {count} recipients…"
    BC_PROGRESS = (
        "📤 <b>Broadcast #{id}</b>\nSent {sent}/{total} · failed {failed} · blocked {blocked}"
    )
    BC_DONE = (
        "✅ <b>Broadcast #{id} finished</b>\nSent {sent}/{total} · failed {failed} · "
        "blocked {blocked} · unknown {unknown} · not sent (stopped) {cancelled}"
    )
    BC_STOPPED = "⏹ Broadcast #{id} stopped. Messages not yet sent will not go out."
    BC_CANCELLED = "Broadcast #{id} cancelled. Nothing was sent."
    BC_GONE = "This broadcast has already finished, been stopped or been cancelled."
    BC_LIST_HEADER = "📋 <b>Recent broadcasts</b>"
    BC_LIST_LINE = (
        "• #{id} {when} — {status} — {audience}: sent {sent}/{total}, failed {failed}, "
        "blocked {blocked}"
    )
    BC_LIST_EMPTY = "No broadcasts yet."
    BC_STATUS: ClassVar[dict[str, str]] = {
        "draft": "draft",
        "scheduled": "scheduled",
        "sending": "sending",
        "done": "done",
        "stopped": "stopped",
        "cancelled": "cancelled",
    }

    STATS_HEADER = "📊 <b>Figures of the {year} week</b> ({start} – {end})"
    STATS_BODY = (
        "• Registered officials: <b>{registered}</b>\n"
        "• Took part (checked in): <b>{participants}</b> — rate <b>{rate}</b>\n"
        "• Check-ins: <b>{checkins}</b>\n"
        "• Total self-study: <b>{minutes}</b> (average {average} per participant)"
    )
    STATS_TODAY = "<b>Today</b> ({date}): {participants} people · {checkins} check-ins · {minutes}"
    STATS_NO_EDITION = "There is no data about the {year} week."
    BTN_BY_DAY = "📅 By day"
    BTN_BY_UNIT = "🏢 By unit"
    BTN_TOP = "🏅 Top learners"
    BTN_EXPORT = "📥 Excel export"
    BTN_CSV = "📄 CSV export"
    BTN_CHART = "📈 Chart"
    BY_DAY_HEADER = "📅 <b>The {year} week by day</b>"
    BY_DAY_LINE = "• {weekday} {date}: {participants} people · {checkins} check-ins · {minutes}"
    BY_UNIT_HEADER = "🏢 <b>The {year} week by unit</b> (by participation rate)"
    BY_UNIT_LINE = "• {unit}: {participants}/{registered} people ({rate}) · {minutes}"
    BY_UNIT_EMPTY = "There are no units yet."
    TOP_HEADER = "🏅 <b>Top 10 learners — the {year} week</b>"
    TOP_LINE = "{rank}. {name} — {unit}: {minutes} ({days} days)"
    TOP_EMPTY = "No check-ins during the week yet."
    PERSONAL_DATA_ADMINS_ONLY = "Personal lists and data exports are for admins only."
    EXPORT_CAPTION = "📥 Report of the {year} week: {checkins} check-ins."
    CHART_CAPTION = "📈 The {year} week: participants and minutes per day; participation by unit."
    EXPORT_USAGE = "Usage: /export [xlsx|csv] [year], e.g. <code>/export csv 2023</code>"
    PRIVACY = (
        "🔒 <b>What the bot stores about you</b>\n"
        "• Your Telegram id, username and language — to answer you and send reminders.\n"
        "• Your full name and unit — which you give with /profile, for per-unit figures.\n"
        "• Your check-ins (date, duration, activity, note) — for your self-study results.\n\n"
        "<b>Who sees it:</b> only admins see and export personal lists; organisers see totals "
        "only. Every export is logged.\n"
        "<b>How long:</b> until you ask for deletion; it is used only for the Lifelong Learning "
        "Week.\n"
        "<b>Deletion:</b> send /deletemydata — your profile and all your check-ins are erased "
        "and disappear from later reports."
    )
    DELETE_CONFIRM = "Erase your profile and all your check-ins? This cannot be undone."
    BTN_DELETE_YES = "🗑 Erase my data"
    BTN_DELETE_NO = "Keep it"
    DELETED = "Your profile and all your check-ins have been erased. Thank you for taking part!"
    DELETE_KEPT = "Your data was kept."
    DELETE_NOTHING = "The bot stores no profile of yours."

    COMMANDS = (
        ("start", "Start"),
        ("help", "How to use the bot"),
        ("week", "Overview of the week"),
        ("theme", "Theme of the week"),
        ("dates", "Dates of the week"),
        ("ceremony", "Opening ceremony"),
        ("profile", "Register name and unit"),
        ("checkin", "Log self-study"),
        ("me", "My self-study record"),
        ("undo", "Remove my last check-in"),
        ("remind", "Turn reminders on or off"),
        ("privacy", "What the bot stores about you"),
        ("cancel", "Stop what you are doing"),
    )

    @staticmethod
    def fmt_date(day: date) -> str:
        return day.strftime("%d %b %Y").lstrip("0")

    @staticmethod
    def fmt_moment(moment: datetime) -> str:
        return moment.strftime("%d %b %H:%M").lstrip("0")

    @staticmethod
    def fmt_percent(ratio: float) -> str:
        return f"{ratio * 100:.1f}%"

    @staticmethod
    def fmt_number(value: int) -> str:
        return f"{value:,}"

    @classmethod
    def fmt_minutes(cls, total: int) -> str:
        hours, mins = divmod(total, 60)
        if not hours:
            return f"{mins} min"
        return f"{cls.fmt_number(hours)} h" + (f" {mins} min" if mins else "")
