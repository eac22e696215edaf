"""Every English user-facing string, for users whose Telegram language is English."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar


class Count(int):
    """A number that a template can pair with its noun in the right number:
    "{days:day/days}" gives "1 day" or "3 days"; "{days}" gives just the number."""

    def __format__(self, spec: str) -> str:
        if "/" in spec:
            one, many = spec.split("/", 1)
            return f"{int(self):,} {plural(self, one, many)}"
        return super().__format__(spec)


def plural(count: int, one: str, many: str) -> str:
    """The English noun for `count`: `one` for exactly 1, `many` otherwise (0 people)."""
    return one if count == 1 else many


# Nouns fmt_count pairs with a number. Kept above the class: texts are appended at its end.
_NOUNS = {
    "person": ("person", "people"),
    "recipient": ("recipient", "recipients"),
    "checkin": ("check-in", "check-ins"),
    "day": ("day", "days"),
    "group": ("group", "groups"),
}


class En:
    """English texts. Official names and quotes from the notices stay in Vietnamese.

    Not a subclass of Vi: every key is spelled here, so a key missing in English is an error
    (mypy through `Texts`, tests/ui/test_texts.py), never a silent Vietnamese fallback.
    """

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
        "• add a year to ask about another edition, e.g. <i>theme in 2021</i>"
    )  # followed by the commands of the reader's role (bot/ui/menus.py)
    FALLBACK = (
        "Sorry, I did not understand that. 🙏\n"
        "I can answer about the theme, dates, opening ceremony, purpose, organiser, the plan, "
        "the ministry's launch, the emulation movement, and how many days are left.\n"
        "For example: <i>When is the opening ceremony?</i> — or pick an item below."
    )
    NON_TEXT = "I can only read text messages. Please type a question or use /help."
    EDITED = "I do not process edited messages. To correct a check-in, use /undo and log it again."
    PRIVATE_ONLY = "Please message the bot privately to use this command: press the button below."
    ERROR = (
        "Sorry, something went wrong. Your data was not changed; please try again in a few minutes."
    )
    DB_UNAVAILABLE = (
        "Sorry, the bot cannot save anything at the moment, so your request was not recorded. "
        "Please try again in a few minutes."
    )
    DB_DOWN = (
        "⚠️ <b>The database cannot be written</b>: {reason}.\n"
        "The bot keeps running and retries by itself; new messages stay with Telegram until "
        "they can be stored, so none is lost. Details: <code>{detail}</code>"
    )
    DB_UP = "✅ <b>The database can be written again</b> (down since {since}). All is normal."
    DB_REASONS: ClassVar[dict[str, str]] = {
        "full": "the disk is full",
        "readonly": "the database is read-only (file permissions, the disk or the server)",
        "unreachable": "the database server cannot be reached",
        "locked": "another process holds the write lock",
        "busy": "every database connection is busy",
        "unavailable": "the database reports an error",
        "error": "the database reports an error",
    }
    CANCELLED = "Cancelled. Nothing was changed."
    NOTHING_TO_CANCEL = (
        "There is nothing in progress to cancel.\n"
        "Want to remove a check-in you logged? Use /undo or the <b>↩️ Undo</b> button under it."
    )
    EXPIRED_BUTTON = "This button has expired. Please start again."
    UNREADABLE_TEXT = (
        "Your message contains broken characters that cannot be read, so nothing was saved. "
        "Please type it again."
    )

    NO_INFO_YEAR = (
        "ℹ️ There is no information yet about the {year} week. "
        "Here is the most recent edition I know ({latest}):"
    )
    # Official names, quotes and descriptions stay as the notice words them (we hold no
    # translation); a card that shows one says so once, in its title (QUOTED).
    THEME = (
        "🎯 <b>Theme of the {year} Lifelong Learning Week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n«{theme}»"
    )
    DATES = "📅 <b>Dates of the {year} Lifelong Learning Week</b>\n{start}–{end} ({days:day/days})."
    OPENING = "🎉 <b>Opening ceremony of the {year} Lifelong Learning Week</b>\n{weekday}, {date}."
    OPENING_TIME = "Time: {time}."
    OPENING_TIME_UNKNOWN = "The official notice does not give the time of the ceremony."
    PURPOSE = (
        "💡 <b>Purpose of the {year} Lifelong Learning Week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n{items}"
    )
    ORGANISER = (
        "🏛 <b>Organiser of the {year} Lifelong Learning Week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n{organiser}"
    )
    AUDIENCE = "Audience and scope: {audience}."
    PLAN = (
        "📄 <b>Plan for the {year} Lifelong Learning Week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n"
        "Plan No. {number} of {date}: «{title}»."
    )
    PLAN_UNKNOWN = "📄 The {year} notice does not give a plan number."
    PURPOSE_UNKNOWN = "💡 The {year} notice does not state the week's purpose."
    MINISTRY = (
        "🏫 <b>The Ministry's instruction for the {year} week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n{text}"
    )
    MINISTRY_UNKNOWN = (
        "🏫 The {year} notice does not mention a document of the Ministry of Education and "
        "Training about the week."
    )
    MOVEMENT = (
        "🏆 <b>Emulation movement linked to the {year} week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n«{movement}»"
    )
    DECISION = (
        "📜 <b>Document linked to the {year} week</b>"
        " <i>(quoted from the notice, in Vietnamese)</i>\n{decision}"
    )
    MOVEMENT_UNKNOWN = "🏆 The {year} notice does not mention an emulation movement."
    OVERVIEW = (
        "📘 <b>Overview of {name}</b> <i>(quoted from the notice, in Vietnamese)</i>\n"
        "• Theme: «{theme}»\n"
        "• Dates: {start}–{end}\n"
        "• Opening: {opening}\n"
        "• Organiser: {organiser}"
    )
    OVERVIEW_PLAN = "• Plan No. {number} of {date}"
    SOURCE = "<i>Source: {source}</i>"

    # {name}: "the 2023 Lifelong Learning Week" (fmt_edition), so it never opens a sentence.
    STATUS_BEFORE = "⏳ <b>{days:day/days}</b> to go: {name} opens on {date}."
    STATUS_TOMORROW = "⏳ Tomorrow, {date}, is the opening day of {name}!"
    STATUS_DURING = "📌 Today is day <b>{day}/{total}</b> of {name}. {left:day/days} to go."
    STATUS_LAST_DAY = "📌 Today is the last day ({day}/{total}) of {name}."
    STATUS_AFTER = (
        "✅ This edition is over: {name} ended on {end}. The next one has not been announced yet."
    )
    TODAY = "📆 Today is {weekday}, {date}."
    WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

    ASK_NAME = "📝 <b>Registration</b>\nPlease type your <b>full name</b> (e.g. Nguyễn Văn An)."
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
        "broken_chars": "{field} contains broken characters that cannot be read. Please retype it.",
        "markup": "{field} cannot contain HTML tags (like &lt;b&gt;). Please retype it.",
        "formula": "{field} cannot start with =, +, - or @. Please retype it.",
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
    CHECKIN_TOTALS_ON = "{date}: <b>{day}</b> · {window}: <b>{total}</b>"
    WINDOW_WEEK = "{year} week"
    WINDOW_ROLLING = "Last 7 days"
    DAY_LIMIT = (
        "Not saved: one day cannot hold more than 24 hours of study (you have {day} today). "
        "Please check the duration."
    )
    DAY_LIMIT_ON = (
        "Not saved: one day cannot hold more than 24 hours of study (you have {day} on {date}). "
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
        "<code>/checkin 45 reading about digital transformation</code>\n"
        "Forgot a day? Add the day you studied (up to 3 days back), e.g. "
        "<code>/checkin 30 min reading yesterday</code>"
    )
    REGISTER_HINT = (
        "To register, send /profile and type your name and unit, or in one line:\n"
        "<code>/profile Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
    )

    NOT_REGISTERED = (
        "You have not registered yet. Tap the button below (or send /profile) to register "
        "once, then /checkin."
    )
    ME_EMPTY = "No check-ins in this period yet. Send /checkin to start!"
    ME_TOTALS = (
        "Total: <b>{total}</b> · Days with a check-in: <b>{days}/{window_days}</b> · "
        "Streak: <b>{streak:day/days}</b>"
    )
    UNDO_NOTHING = "You have no check-in to remove."
    UNDO_CONFIRM = "Remove your last check-in?\n{details}"
    BTN_UNDO_YES = "🗑 Remove it"
    BTN_UNDO_NO = "Keep it"
    UNDONE = "🗑 Check-in removed:\n{details}\n\n📊 See your week again: /me"
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
    REMIND_MORNING_GROUP = (
        "To log self-study, press the button below to message the bot privately, or send it "
        "/checkin there."
    )
    REMIND_NUDGE = (
        "🌙 You have not logged any self-study today. "
        "If you studied, press the button below to record it."
    )
    REMIND_SUMMARY = (
        "🏁 <b>Your week of learning</b>\n"
        "• Total time: <b>{total}</b>\n• Days with a check-in: <b>{days}/{window_days}</b>\n"
        "• Longest streak: <b>{streak}</b>\n\n"
        "Thank you for taking part in {name}! 💐"
    )
    BTN_CHECKIN_NOW = "✅ Log now"
    BTN_REMIND_ON = "🔔 Turn reminders on"
    BTN_REMIND_OFF = "🔕 Turn reminders off"
    REMIND_IS_ON = (
        "🔔 Your reminders are on: during the week, the bot messages you on its schedule.\n"
        "To turn them off, tap the button below or send <code>/remind off</code>."
    )
    REMIND_IS_OFF = (
        "🔕 Your reminders are off.\nTo turn them on, tap the button below or send "
        "<code>/remind on</code>."
    )
    REMIND_TURNED_ON = "🔔 Reminders are on. During the week, the bot messages you on its schedule."
    REMIND_TURNED_OFF = (
        "🔕 Reminders are off. Turn them back on any time by sending <code>/remind on</code>."
    )
    REMIND_USAGE = (
        "Usage: send <code>/remind on</code> for this group to receive the week's messages, or "
        "<code>/remind off</code> to stop them."
    )
    REMIND_GROUP_ON = "🔔 This group will receive the week's morning messages."
    REMIND_GROUP_OFF = "🔕 This group will no longer receive the week's messages."
    NOT_ALLOWED = "Sorry, this is for organisers and admins only."
    NOT_ALLOWED_ADMIN = "Sorry, this is for admins only."
    SCHEDULE_HEADER = "🗓 <b>Reminder schedule of the {year} week</b> ({tz} time)"
    SCHEDULE_LINE = "• {when} — {label}: {count}"
    SCHEDULE_FUTURE = "  (estimated from today's registrations)"
    REMINDER_LABELS: ClassVar[dict[str, str]] = {
        "eve": "Day-before notice",
        "opening": "Opening day",
        "morning": "Morning message",
        "nudge": "Nudge to those not yet checked in",
        "summary": "Personal summary",
        "week_figures": "Final figures, to the admins",
        "week_report": "Draft results report (.docx), to the admins",
        "week_honours": "Commendation list (.xlsx), to the admins",
        "certificate": "Certificates, to those who earned one",
    }

    GRANT_USAGE = (
        "Usage: <code>/grant @username</code> (or a numeric Telegram id) to make someone an "
        "organiser; you may add <code>organiser</code> at the end."
    )
    REVOKE_USAGE = "Usage: <code>/revoke @username</code> (or a numeric Telegram id)"
    PERSON_UNKNOWN = (
        "{ref} is not among the registered users. They need to register with the bot "
        "(/profile) first; then try again."
    )
    GRANTED = "✅ {person} is now an organiser."
    REVOKED = "✅ {person} is no longer an organiser."
    NOT_A_HOLDER = "{person} is not an organiser. See who holds a role: /roles"
    ADMIN_FROM_SETTINGS = (
        "{person} is an admin through the bot's configuration; commands cannot change that."
    )
    GRANT_CONFIRM = (
        "Make this person an <b>organiser</b>?\n"
        "• Full name: <b>{name}</b>\n• Username: {username}\n• Telegram id: <code>{id}</code>\n"
        "Check that this is the right person before confirming."
    )
    REVOKE_CONFIRM = (
        "Take the <b>organiser</b> role from this person?\n"
        "• Full name: <b>{name}</b>\n• Username: {username}\n• Telegram id: <code>{id}</code>\n"
        "Check that this is the right person before confirming."
    )
    BTN_CONFIRM_GRANT = "✅ Confirm: make organiser"
    BTN_CONFIRM_REVOKE = "✅ Confirm: revoke"
    NO_NAME = "(not registered)"
    NO_USERNAME = "(none)"
    ALREADY_HOLDER = "{person} is already an organiser; there is nothing to grant."
    ROLE_TARGET_GONE = "This person is no longer in the bot's data. Nothing was changed."
    ROLE_CANCELLED = "Cancelled. This person's role is unchanged."
    ERASED_PERSON = "(a user who erased their data)"
    CLI_PERSON = "The server's operator (command line)"
    ROLES = (
        "👥 <b>Roles</b>\n\n<b>Admins</b> (set in the bot's configuration):\n{admins}\n\n"
        "<b>Organisers</b>:\n{organisers}"
    )
    NOBODY = "• (none)"
    AUDIT_HEADER = "🧾 <b>Audit log</b> (latest {count})"
    AUDIT_EMPTY = "No action has been recorded yet."
    AUDIT_LINE = "• {at} — {what}"
    # One sentence per kind of action (bot/ui/staff_texts.py fills them in).
    ACTIONS: ClassVar[dict[str, str]] = {
        "grant": "{actor} made {user} an organiser.",
        "revoke": "{actor} removed {user} from the organisers.",
        "group_on": "{actor} subscribed the group «{title}» to the week's messages.",
        "group_off": "{actor} unsubscribed the group «{title}» from the week's messages.",
        "broadcast_send": (
            "{actor} sent broadcast no. {broadcast} to {audience} ({recipients} recipients)."
        ),
        "broadcast_schedule": "{actor} scheduled broadcast no. {broadcast} for {at}.",
        "broadcast_stop": "{actor} stopped broadcast no. {broadcast}.",
        "broadcast_cancel": "{actor} cancelled the scheduled broadcast no. {broadcast}.",
        "broadcast_resend": (
            "{actor} resent broadcast no. {broadcast} to {recipients} recipients in doubt."
        ),
        "export": (
            "{actor} exported the personal data of {year} ({format} file, {checkins} check-ins)."
        ),
        "roster_import": (
            "{actor} imported the staff list: {people} people ({added} new, {moved} moved, "
            "{left} no longer listed, {units_created} new units)."
        ),
        "unit_add": "{actor} added the unit «{unit_name}».",
        "edition_new": "{actor} saved the {year} week from its notice.",
        "edition_change": "{actor} changed the {year} week ({fields} fields changed).",
        "unit_rename": "{actor} renamed the unit «{unit_name}» to «{new_name}».",
        "unit_merge": "{actor} merged the unit «{unit_name}» ({members} people) into «{new_name}».",
        "unit_archive": "{actor} archived the unit «{unit_name}» ({members} people).",
        "unit_restore": "{actor} restored the archived unit «{unit_name}».",
        "invite_codes": "{actor} took the invite links of {units} units ({assigned} new codes).",
        "followup_list": (
            "{actor} viewed who to remind for {year}: {not_registered} not registered, "
            "{not_checked_in} not checked in."
        ),
        "report": "{actor} took the results report of the {year} Week ({checkins} check-ins).",
        "commendations": (
            "{actor} took the commendation list of {year} ({people} people met the bar, "
            "{units} units)."
        ),
        "certificates": "{actor} took every certificate of {year} ({certificates} in all).",
        "erasure": "A user erased their own data, as is their right.",
        "other": "{actor} took an admin action.",
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
        "👆 This is what recipients will see.\nAudience: {audience} — {recipients}{left_out}"
    )
    BC_NOBODY = "Nobody in «{audience}» can receive it{left_out}. Pick another audience."
    BTN_SEND_NOW = "📤 Send now"
    BTN_SCHEDULE = "🕒 Schedule…"
    BTN_STOP = "⏹ Stop"
    BTN_CANCEL_SCHEDULE = "✖️ Cancel the schedule"
    BC_ASK_TIME = (
        "Type when to send it, in Vietnam time: e.g. <code>20:00</code> (today; tomorrow if "
        "that time has passed), <code>8h sáng mai</code> (8 am tomorrow), <code>20h tối nay"
        "</code> (8 pm tonight) or <code>{example}</code>."
    )
    BC_TIME_PROBLEMS: ClassVar[dict[str, str]] = {
        "unreadable": "I could not read «{text}». Examples: 20:00, 8h sáng mai or {example}.",
        "past": "«{text}» has passed. Please pick a time after now, e.g. {example}.",
        "too_far": (
            "Broadcasts can be scheduled up to 30 days ahead (you typed «{text}»), e.g. {example}."
        ),
    }
    BC_SCHEDULED = (
        "🕒 Broadcast #{id} is scheduled for {when}.\nAudience: {audience} — {recipients} as of now"
    )
    BC_STARTED = "📤 Sending broadcast #{id} to {count}…"
    BC_PROGRESS = (
        "📤 <b>Broadcast #{id}</b>\nSent {sent}/{total} · failed {failed} · blocked {blocked}"
    )
    BC_DONE = (
        "✅ <b>Broadcast #{id} finished</b>\nSent {sent}/{total} · failed {failed} · "
        "blocked {blocked} · unknown {unknown} · not sent (stopped) {cancelled}"
    )
    BC_STOPPED = "⏹ Broadcast #{id} stopped. Messages not yet sent will not go out."
    BC_STOPPED_IN_FLIGHT = (
        "{count} messages already on their way when it stopped may still arrive; "
        "/broadcasts shows the final figures."
    )
    BC_CANCELLED = "Broadcast #{id} cancelled. Nothing was sent. Write a new one: /broadcast"
    BC_GONE = "This broadcast has already finished, been stopped or been cancelled."
    BC_NOT_YOURS = "Only the author of this broadcast or an admin can do that."
    BC_STATE: ClassVar[dict[str, str]] = {
        "draft": "Broadcast #{id} is still a draft.",
        "scheduled": (
            "Broadcast #{id} is scheduled, so it cannot be sent now. To change it, cancel the "
            "schedule and compose it again."
        ),
        "sending": "Broadcast #{id} is being sent.",
        "done": "Broadcast #{id} has already been sent.",
        "stopped": "Broadcast #{id} was stopped; messages not yet sent will not go out.",
        "cancelled": "Broadcast #{id} was cancelled; nothing was sent.",
    }
    BTN_RESEND = "🔁 Resend to {count} in doubt"
    BTN_RESEND_LIST = "🔁 #{id}: resend to {count} in doubt"
    BTN_RESEND_YES = "🔁 Resend"
    BTN_RESEND_NO = "✖️ No"
    BC_RESEND_ASK = (
        "Broadcast #{id}: <b>{count}</b> recipients may not have received it (sending was "
        "interrupted or Telegram did not answer in time). Send it to them again? Some may get "
        "it twice. Each recipient can be resent to once."
    )
    BC_RESENDING = "🔁 Resending broadcast #{id} to {count}…"
    BC_RESEND_NONE = "Broadcast #{id} has no recipients left to resend to."
    BC_RESEND_KEPT = "Not resent."
    BC_LIST_HEADER = "📋 <b>Recent broadcasts</b>"
    BC_LIST_LINE = (
        "• #{id} {when} — {status} — {audience}: sent {sent}/{total}, failed {failed}, "
        "blocked {blocked}, unknown {unknown}"
    )
    BC_LIST_EMPTY = "No broadcasts yet. Send /broadcast to compose one."
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
        "• Total self-study: <b>{minutes}</b>{average}"
    )
    STATS_AVERAGE = " (average {average} per participant)"
    STATS_TODAY = "<b>Today</b> ({date}): {participants} · {checkins} · {minutes}"
    STATS_NO_EDITION = (
        "There is no data about the {year} week. The bot has figures for: {years} — "
        "pick a year below."
    )
    BTN_BY_DAY = "📅 By day"
    BTN_BY_UNIT = "🏢 By unit"
    BTN_TOP = "🏅 Top learners"
    BTN_EXPORT = "📥 Excel export"
    BTN_CSV = "📄 CSV export"
    BTN_CHART = "📈 Chart"
    BY_DAY_HEADER = "📅 <b>The {year} week by day</b>"
    BY_DAY_LINE = "• {weekday} {date}: {participants} · {checkins} · {minutes}"
    BY_UNIT_HEADER = "🏢 <b>The {year} week by unit</b> (by participation rate)"
    BY_UNIT_LINE = "• {unit}: {participants} of {registered} ({rate}) · {minutes}"
    BY_UNIT_EMPTY = "There are no units yet."
    TOP_HEADER = "🏅 <b>Top {count} learners — the {year} week</b>"
    TOP_HEADER_ONE = "🏅 <b>Top learner — the {year} week</b>"
    TOP_LINE = "{rank}. {name} — {unit}: {minutes} ({days})"
    TOP_EMPTY = "No check-ins during the week yet."
    PERSONAL_DATA_ADMINS_ONLY = "Personal lists and data exports are for admins only."
    EXPORT_CAPTION = "📥 Report of the {year} week: {checkins} check-ins."
    CHART_CAPTION = (
        "📈 The {year} week: participants and self-study time per day; participation by unit."
    )
    EXPORT_USAGE = "Usage: /export [xlsx|csv] [year], e.g. <code>/export csv 2023</code>"
    XLSX_SUMMARY = "Summary"
    XLSX_BY_DAY = "By day"
    XLSX_BY_UNIT = "By unit"
    XLSX_DETAIL = "Detail"
    XLSX_FIGURE = "Figure"
    XLSX_VALUE = "Value"
    XLSX_YEAR = "Year"
    XLSX_REGISTERED = "Registered"
    XLSX_PARTICIPANTS = "Participants"
    XLSX_RATE = "Participation rate"
    XLSX_CHECKINS = "Check-ins"
    XLSX_MINUTES = "Minutes"
    XLSX_AVERAGE = "Average minutes per participant"
    XLSX_DATE = "Date"
    XLSX_TIME = "Time"
    XLSX_NAME = "Full name"
    XLSX_UNIT = "Unit"
    XLSX_ACTIVITY = "Activity"
    XLSX_NOTE = "Note"
    CHART_PARTICIPANTS = "Participants"
    CHART_MINUTES = "Self-study minutes"
    CHART_BY_DAY = "The {year} week: participants and self-study time per day"
    CHART_BY_UNIT = "Participation rate by unit"
    CHART_RATE = "Participation rate (%)"
    PRIVACY = (
        "🔒 <b>What the bot stores about you</b>\n"
        "• <b>Profile:</b> full name and unit (which you give with /profile), Telegram id and "
        "username, language, when you agreed — to record your self-study, total it per unit and "
        "send reminders. Kept until you erase your data.\n"
        "• <b>Staff list:</b> if your agency has imported its staff list (names, units, staff "
        "codes held by the agency), your profile is linked to your row on it and your name is "
        "kept as the list spells it, to count each unit's participation. When you erase your "
        "data, the row stays on the agency's list but is no longer linked to you.\n"
        "• <b>Check-ins:</b> date, duration, activity, note — kept until you erase your data. "
        "Check-ins you remove with /undo are kept until then too (marked removed, not "
        "counted).\n"
        "• <b>Certificate</b> (if you earned one): the name, unit, days and study time printed "
        "on it, and its verification code — anyone holding the code (printed on it) can check "
        "it with /verify. Kept until you erase your data; the code then no longer checks out.\n"
        "• <b>Raw messages</b> the bot receives from Telegram (what you type, display name, "
        "username): kept {days} days so that nothing is lost when the bot restarts, then "
        "deleted automatically.\n"
        "• <b>Messages sent to you</b> (reminders, broadcasts): chat id, message id, language — "
        "kept until you erase your data, to count deliveries and never send twice; after that "
        "they are anonymous figures only.\n"
        "• <b>Audit log</b> of admin and organiser actions (roles, broadcasts, exports): kept "
        "long-term for accountability; when you erase your data, entries about you are "
        "anonymised.\n\n"
        "<b>Who sees it:</b> only admins see and export personal lists; organisers see totals "
        "only. Every export is logged. Your certificate: whoever holds the code printed on it "
        "can see what it states.\n"
        "<b>Data controller and contact:</b> {controller}.\n"
        "<b>Your consent:</b> {consent}\n"
        "<b>Withdraw consent, erase your data:</b> {how} — your profile, check-ins and raw "
        "messages are erased at once and disappear from later reports; in the audit log and "
        "delivery figures your id is anonymised; broadcasts you wrote (if any) keep only their "
        "delivery figures.\n"
        "Legal basis: Vietnam's Personal Data Protection Law 91/2025/QH15 and Decree "
        "356/2025/NĐ-CP."
    )
    PRIVACY_HOW_BUTTON = "press the button below or send /deletemydata"
    PRIVACY_HOW_COMMAND = "send /deletemydata"
    PRIVACY_CONTACT_DEFAULT = "the organisers of the Week at your agency"
    CONSENT_ON_RECORD = "given on {when}."
    CONSENT_NONE = "not given."
    BTN_WITHDRAW = "🗑 Withdraw consent and erase my data"
    DELETE_CONFIRM = (
        "Erase your profile and all your check-ins (and your certificate, if any: its code will "
        "no longer check out)? This cannot be undone."
    )
    BTN_DELETE_YES = "🗑 Erase my data"
    BTN_DELETE_NO = "Keep it"
    DELETED = (
        "Your profile, all your check-ins and your raw messages have been erased; your id is "
        "gone from the audit log. Thank you for taking part!"
    )
    DELETE_KEPT = "Your data was kept."
    DELETE_NOTHING = (
        "The bot stores no profile of yours. The raw messages you sent the bot have been "
        "deleted too."
    )

    CONSENT_NOTICE = (
        "🔒 <b>Consent to the processing of personal data</b>\n"
        "When you register, the bot stores the <b>full name and unit</b> you give, <b>your "
        "check-ins</b> (date, duration, activity, note), your <b>Telegram id and username</b>, "
        "your language and when you agreed.\n"
        "• <b>Why:</b> to record and total your self-study during the Lifelong Learning Week and "
        "to send you reminders.\n"
        "• <b>Staff list:</b> if your agency has imported its staff list, the bot links your "
        "registration to your row on it (name, unit, staff code held by the agency) and keeps "
        "your name as the list spells it, to count each unit's participation.\n"
        "• <b>Who sees it:</b> admins see personal lists and export reports; organisers see "
        "totals only.\n"
        "• <b>How long:</b> your profile, check-ins (removed ones too) and the record of messages "
        "sent to you — until you withdraw your consent; raw messages are deleted after {days} "
        "days; the audit log is kept long-term and anonymised when you erase your data.\n"
        "• <b>Data controller and contact:</b> {controller}.\n"
        "• You can withdraw your consent at any time with /privacy or /deletemydata; your data "
        "is then erased.\n"
        "Do you agree?"
    )
    CONSENT_LEAD_CHECKIN = "To check in, you need to register once.\n\n"
    CONSENT_LEAD_EXISTING = (
        "Under the personal data rules in force since 1 January 2026, the bot needs your consent "
        "before it keeps storing your profile and check-ins.\n\n"
    )
    BTN_CONSENT_YES = "✅ I agree"
    BTN_CONSENT_NO = "I do not agree"
    BTN_BACK = "↩️ Back"
    CONSENT_PRESS = "Please press <b>I agree</b> or <b>I do not agree</b> to go on."
    CONSENT_STILL_OPEN = (
        "🔒 The question about consent to the processing of personal data (above) is still "
        "open: press <b>I agree</b> to go on registering, or <b>I do not agree</b>."
    )
    CONSENT_RECORDED = "✅ Thank you. Your consent is recorded."
    CONSENT_EXPIRED = (
        "This button has expired; nothing was recorded. The consent question is below again."
    )
    CONSENT_ALREADY = "This button has expired: your consent is already on record. See /privacy."
    CONSENT_WITHDRAW_HOW = (
        "This button has expired: you agreed earlier. To withdraw your consent and erase your "
        "data, use /privacy or /deletemydata."
    )
    CONSENT_DECLINED = (
        "The bot stored no profile of yours and deleted the raw messages you had sent. You can "
        "still ask about the week; to check in, you need to register and agree — press the "
        "button below whenever you want to read the notice again."
    )
    CONSENT_DECLINED_EXISTING = (
        "Without your consent the bot may not keep your profile and check-ins: they need to be "
        "erased. Press <b>Erase my data</b> to erase them now (this cannot be undone), or "
        "<b>Back</b> to see the consent question again."
    )
    YEAR_INVALID = "That is not a valid year — type 4 digits, e.g. {example}."

    # By command key (handlers/commands.py SECTIONS): the menu and /help both use these.
    COMMANDS: ClassVar[dict[str, str]] = {
        "start": "Start",
        "help": "How to use the bot",
        "week": "Overview of the week",
        "theme": "Theme of the week",
        "dates": "Dates of the week",
        "ceremony": "Opening ceremony",
        "profile": "Register name and unit",
        "checkin": "Log self-study",
        "me": "My self-study record",
        "undo": "Remove my last check-in",
        "remind": "Turn reminders on or off",
        "privacy": "What the bot stores about you",
        "deletemydata": "Erase your data",
        "cancel": "Stop what you are doing, delete nothing",
        "stats": "Check-in statistics",
        "broadcast": "Write and send an announcement",
        "broadcasts": "Announcements sent",
        "schedule": "Reminder schedule and recipients",
        "export": "Export check-in data (xlsx or csv)",
        "grant": "Make someone an organiser",
        "revoke": "Remove an organiser",
        "roles": "Who holds which role",
        "invite": "Registration links and QR codes",
        "audit": "Log of admin actions",
        "followup": "Not registered or not checked in, by unit",
        "roster": "Import the staff list",
        "units": "Manage units",
        "edition": "Enter a new week from its notice",
        "calendar": "Add the week to your calendar (.ics)",
        "certificate": "Your certificate of participation",
        "verify": "Check a certificate's code",
        "report": "The week's results report (.docx)",
        "commendations": "The commendation list (.xlsx)",
    }

    # --- alerts to admins (bot/ops/alerts.py) -------------------------------------------------
    ALERT_ERROR = (
        "⚠️ <b>The bot hit an error</b> while {during}: <code>{kind}</code> at "
        "<code>{where}</code>.\nDetails are in the server log{sentry}. The same kind of error "
        "is not reported again for {minutes} minutes."
    )
    ALERT_REPEATED = "Since the last report it happened {count} more times."
    ALERT_DURING_UPDATE = "handling a user's request"
    ALERT_DURING_JOB = "running the background job «{job}»"
    ALERT_SENTRY = " and in Sentry"

    @staticmethod
    def fmt_date(day: date) -> str:
        return day.strftime("%d %b %Y").lstrip("0")

    @staticmethod
    def fmt_moment(moment: datetime) -> str:
        return moment.strftime("%d %b %H:%M").lstrip("0")

    @staticmethod
    def fmt_percent(ratio: float) -> str:
        return f"{ratio * 100:.1f}%"

    @classmethod
    def fmt_weekday(cls, day: date, *, inline: bool = False) -> str:
        """The weekday's name; English writes it the same way in running text."""
        return cls.WEEKDAYS[day.weekday()]

    @staticmethod
    def fmt_number(value: int) -> str:
        return f"{value:,}"

    @classmethod
    def fmt_minutes(cls, total: int) -> str:
        hours, mins = divmod(total, 60)
        if not hours:
            return f"{mins} min"
        return f"{cls.fmt_number(hours)} h" + (f" {mins} min" if mins else "")

    # --- Issue 13: free text that is not a fact question (handlers/chat.py, bot/ui/chat.py) ---
    CHAT_CHECKIN = (
        "✅ Let's log your self-study! Tap the button below to pick how long you studied "
        "today.\nOr log it in one line: <code>/checkin 45 reading a book</code>"
    )
    CHAT_REGISTER = (
        "📝 To register or change your name or unit, tap the button below and follow the "
        "steps, or do it in one line:\n<code>/profile Nguyễn Văn An | Phòng Quản lý Khoa học</code>"
    )
    BTN_PROFILE = "📝 Register / edit profile"
    CHAT_SMALLTALK: ClassVar[dict[str, str]] = {
        "thanks": "You're welcome! 😊 If you studied today, tap the button below to log it.",
        "ack": "👍 Message me whenever you need something, e.g. <i>When is the opening?</i>",
        "pleasantry": (
            "Thank you! 😊 Have a good day of learning. If you studied today, tap the button "
            "below to log it."
        ),
        "bye": "Goodbye! 👋 See you soon — remember to log your self-study every day (/checkin).",
        "identity": (
            "I am the automated assistant (a bot) of Vietnam's <b>Lifelong Learning Week</b>: "
            "I answer questions about the week and help you log your self-study. Send /help to "
            "see everything I can do."
        ),
        "capabilities": (
            "I can:\n"
            "• answer about the week's theme, dates, opening ceremony, purpose and organiser\n"
            "• log your self-study, show your record (/me) and remind you every day (/remind)\n"
            "Start by logging today's study 👇"
        ),
    }
    CHAT_NOT_STATED = (
        "ℹ️ The official notice for {year} does not give {topic}, so I have no reliable answer."
    )
    CHAT_NEAREST = "What the notice does give:"
    CHAT_STATED = (
        "ℹ️ <b>{title} ({year})</b> <i>(quoted from the notice, in Vietnamese)</i>\n{value}"
    )
    CHAT_TOPICS: ClassVar[dict[str, str]] = {
        "venue": "the venue",
        "host": "who chairs or speaks at the opening ceremony",
        "mandatory": "whether taking part is mandatory",
        "prize": "any prizes or rewards",
        "deadline": "any deadline",
        "fee": "any fee or cost",
        "contact": "a phone number or contact address",
    }
    CHAT_TOPIC_TITLES: ClassVar[dict[str, str]] = {
        "venue": "Venue",
        "host": "Opening ceremony host",
        "mandatory": "Taking part",
        "prize": "Prizes",
        "deadline": "Deadline",
        "fee": "Fee",
        "contact": "Contact",
    }

    # --- reports ---
    BC_AUDIENCE_UNIT = "🏢 {unit}"
    BC_AUDIENCE_UNIT_GONE = "🏢 One unit (nobody belongs to it any more)"
    BC_AUDIENCE_LINE = "Audience: {audience}"
    BC_RECIPIENTS: ClassVar[dict[str, str]] = {
        "people": "<b>{count}</b> recipients",
        "people_one": "<b>{count}</b> recipient",
        "groups": "<b>{count}</b> groups",
        "groups_one": "<b>{count}</b> group",
    }
    BC_LEFT_OUT_BLOCKED = "not sent to {count} who blocked the bot"
    BC_REMINDERS_OFF = "{count} who turned reminders off still receive it"
    XLSX_USER_ID = "User no. (the bot's internal number, not the Telegram ID)"
    XLSX_EDITION = "Week"
    XLSX_START = "First day"
    XLSX_END = "Last day"
    XLSX_THEME = "Theme"
    XLSX_MADE_AT = "Made at"
    # --- roles ---
    HELP_SECTIONS: ClassVar[dict[str, str]] = {
        "official": "<b>Commands</b>",
        "organiser": "<b>For organisers</b>",
        "admin": "<b>For admins</b>",
    }
    HELP_LINE = "/{name} — {description}"
    # Added after a command's line in /help: how to use it in one line.
    HELP_HINTS: ClassVar[dict[str, str]] = {
        "checkin": "quick: <code>/{name} 45 reading a book</code>",
        "grant": "<code>/{name} @username</code>",
        "revoke": "<code>/{name} @username</code>",
    }
    ROLE_NAMES: ClassVar[dict[str, str]] = {"organiser": "organiser", "admin": "admin"}
    STAFF_GREETING = "🛠 You are an <b>{role}</b>: type /help to see your tools."
    GRANT_ADMIN_NOT_BY_COMMAND = (
        "Admins are set in the bot's configuration, not by a command. "
        "<code>/grant</code> only makes someone an organiser."
    )
    UNKNOWN_COMMAND = "I do not have a /{name} command. Type /help to see the commands I know."
    UNKNOWN_COMMAND_CLOSEST = (
        "I do not have a /{name} command. Did you mean /{closest}? All commands: /help"
    )
    BTN_OPEN_PRIVATE = "💬 Message the bot privately"
    DESCRIPTION = (
        "The assistant of Vietnam's Lifelong Learning Week: ask about the week's theme, dates "
        "and opening ceremony; log your self-study every day and see your record. Press Start "
        "to begin."
    )
    SHORT_DESCRIPTION = "Ask about Lifelong Learning Week and log your self-study every day."
    ZONE_NAMES: ClassVar[dict[str, str]] = {
        "Asia/Ho_Chi_Minh": "Vietnam",
        "Asia/Saigon": "Vietnam",
    }
    ZONE_OFFSET = "UTC{offset}"
    AUDIT_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "every registered official",
        "unit": "one unit",
        "today": "those not checked in today",
        "week": "those with no check-in this week",
        "groups": "the subscribed group chats",
    }
    AUDIT_UNKNOWN = "(unknown)"

    @staticmethod
    def fmt_when(moment: datetime) -> str:
        """A moment with its year, for records that outlive the week (dd/mm/yyyy HH:MM)."""
        return moment.strftime("%d/%m/%Y %H:%M")

    # --- week ---
    # /me: the running edition's week so far, else the last edition's result (issue 13).
    ME_NAME = "👤 <b>{name}</b> — {unit}"
    ME_WEEK_HEADER = "📊 <b>{year} week</b> ({start} – {end}) · today is day {day}/{days}"
    ME_RESULT_HEADER = "📊 <b>Your result in the {year} week</b> ({start} – {end})"
    ME_DAY_DONE = "✅ {weekday} {date}: {minutes}"
    ME_DAY_MISSED = "— {weekday} {date}"
    ME_TODAY = " · <i>today</i>"
    ME_RESULT_TOTALS = (
        "Total: <b>{total}</b> · Days with a check-in: <b>{days}/{window_days}</b> · "
        "Longest streak: <b>{streak:day/days}</b>"
    )
    ME_NEXT_EDITION = "ℹ️ No week is running now. The {year} week starts on {start}."
    ME_EDITION_ENDED = "ℹ️ The {year} week ended on {end}."
    ME_NO_DATA = "ℹ️ No week is running now, and I have no information yet about a {year} week."
    ME_NO_RESULT = "You have no result from an earlier week yet."
    ME_DELETE_HINT = "Logged something by mistake? Press 🗑 below to delete that check-in."
    BTN_DELETE_ENTRY = "🗑 {date} · {minutes} · {activity}"
    ME_DELETE_CONFIRM = "Delete this check-in?\n{details}"
    BTN_ENTRY_DELETE = "🗑 Delete it"
    ME_DELETED = "🗑 Check-in deleted:\n{details}\n\nSend /me to see your week again."
    ME_DELETE_GONE = "This check-in had already been deleted. Nothing changed."
    ME_DELETE_CLOSED = (
        "This check-in is not in the week that is running now, so it can no longer be deleted. "
        "Nothing changed."
    )
    # --- flow ---
    BTN_RECEIPT_UNDO = "↩️ Undo"
    RECEIPT_UNDO_CONFIRM = "Remove this check-in?\n{details}"
    RECEIPT_UNDO_CLOSED = (
        "This check-in belongs to a week that is over, so this button cannot remove it. "
        "Nothing was changed."
    )
    CHECKIN_OUTSIDE = (
        "ℹ️ {date} is outside the week ({name}, {start} – {end}), so this check-in "
        "<b>does not count toward the week</b>."
    )
    CHECKIN_NO_WEEK = (
        "ℹ️ No week is running now ({name} ended on {end}), so this check-in <b>does not "
        "count toward a week</b>."
    )
    DAY_REFUSED: ClassVar[dict[str, str]] = {
        "future": "Not saved: {date} has not come yet. You can log today or up to {back} days "
        "back.",
        "too_old": "Not saved: {date} is more than {back} days ago. You can log today or up to "
        "{back} days back.",
        "before_week": "Not saved: {date} is before the week began, so it would not count "
        "toward it. Please log today or another day of the week.",
    }
    DAY_UNKNOWN = (
        "Not saved: I cannot read the day «{text}». Write e.g. <i>yesterday</i>, "
        "<i>monday</i> or <i>02/10</i>."
    )
    AGAIN_ASK = (
        "You just logged {minutes} at {time}. Log another one?\n"
        "(Press <b>No</b> if you sent it twice by mistake.)"
    )
    BTN_AGAIN_YES = "➕ Log another"
    BTN_AGAIN_NO = "No"
    AGAIN_NOT_SAVED = "Skipped: nothing more was logged. The earlier check-in is kept."
    AGAIN_PRESS = "Log this one as well? Please press <b>Log another</b> or <b>No</b>."
    # --- intents ---
    CHAT_REMIND_TIMES = "🔔 <b>Reminder times of the {year} week</b> ({tz} time):"
    CHAT_REMIND_LINE = "• {label}: {when}"
    CHAT_REMIND_DAYS: ClassVar[dict[str, str]] = {
        "eve": "{time} on {date}, the day before the opening",
        "opening": "{time} on the opening day, {date}",
        "each": "{time} every day from {start} to {end}",
        "last": "{time} on the last day, {date}",
    }
    CHAT_REMIND_HOW = "Turn reminders off: /remind off · back on: /remind on"
    CHAT_TOOLS: ClassVar[dict[str, str]] = {
        "stats": "the week's statistics",
        "broadcast": "sending announcements to everyone",
        "export": "exporting check-ins to Excel/CSV",
    }
    CHAT_FOR_ORGANISERS = "Sorry, {tool} is only for organisers and admins."
    CHAT_FOR_ADMINS = "Sorry, {tool} is only for admins."
    CHAT_OFFICIAL_CAN = (
        "You can see your own record with /me, log your self-study with /checkin, or send "
        "/help to see everything I can do."
    )
    CHAT_ORGANISER_CAN = "You can see the overall figures with /stats."
    CHAT_BROADCAST = "📣 To write an announcement to everyone, send /broadcast, then the message."

    # --- reports2 ---
    REPORT_OTHER_EDITION = (
        "ℹ️ The {meant} week has not been announced yet; below are the figures of {year}."
    )
    BTN_STATS_YEAR = "📊 {year}"
    SCHEDULE_OTHER_EDITION = "ℹ️ There is no {meant} week yet; below is the schedule of {year}."
    SCHEDULE_MISSED = "• {when} — {label}: passed, not sent"
    SCHEDULE_STATUS: ClassVar[dict[str, str]] = {
        "sent": "sent {count}",
        "failed": "failed {count}",
        "skipped_late": "skipped (too late) {count}",
        "unknown": "delivery unknown {count}",
        "pending": "waiting {count}",
    }

    BC_LIST_DRAFT = "• #{id} {when} — draft, no audience chosen"
    BC_LIST_DRAFT_READY = "• #{id} {when} — draft, not sent — {audience}"
    BC_LIST_SCHEDULED = "• #{id} scheduled for {when} — {audience}: {count} (as of now)"
    BC_LIST_CANCELLED = "• #{id} {when} — cancelled, nothing sent"
    BTN_LIST_DELETE_DRAFT = "🗑 Delete draft #{id}"
    BTN_LIST_CANCEL_SCHEDULE = "✖️ Cancel schedule #{id}"
    BTN_LIST_STOP = "⏹ Stop #{id}"
    BC_SCHEDULED_TOMORROW = "That time had passed today, so it is scheduled for tomorrow."
    REMIND_NEXT_WEEK = (
        "📅 The {year} week runs from {start} to {end}; reminders start just before the opening."
    )
    REMIND_NO_WEEK = (
        "📭 The {year} week is over and no new week has been announced, so no reminders are "
        "due; once a new week is announced, the bot will message you on its schedule."
    )
    CHART_HOURS = "Self-study hours"

    @staticmethod
    def fmt_count(count: int, noun: str) -> str:
        """A number with its noun, singular or plural: "1 person", "2 people"."""
        return f"{count:,} " + plural(count, *_NOUNS[noun])

    # --- english ---
    STATUS_AFTER_PAST = "✅ This edition is over: {name} ended on {end}."
    BTN_CONSENT_AGAIN = "📝 Read the notice again and register"
    _MONTHS = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )  # fmt: skip

    @classmethod
    def fmt_long_date(cls, day: date) -> str:
        """A date in a sentence: "2 October 2023"."""
        return f"{day.day} {cls._MONTHS[day.month - 1]} {day.year}"

    @classmethod
    def fmt_range(cls, start: date, end: date) -> tuple[str, str]:
        """Two ends of a span, written once where they share it: ("2", "8 October 2023")."""
        if (start.year, start.month) == (end.year, end.month):
            return str(start.day), cls.fmt_long_date(end)
        if start.year == end.year:
            return f"{start.day} {cls._MONTHS[start.month - 1]}", cls.fmt_long_date(end)
        return cls.fmt_long_date(start), cls.fmt_long_date(end)

    @classmethod
    def fmt_edition(cls, year: int, name: str) -> str:
        """The edition in a sentence. The notice's Vietnamese name is not translated: the
        bot's own English name, from the year."""
        return f"the {year} Lifelong Learning Week"

    @classmethod
    def fmt_source(cls, source: str, organiser: str, day: date | None) -> str:
        """Where a fact comes from, described in English: the organiser's name stays as the
        notice writes it (escaped by the caller); `source` itself is a Vietnamese sentence."""
        if day is None:
            return "the official notice (in Vietnamese)"
        return f"notice of {organiser}, {cls.fmt_date(day)}"

    # --- misc ---
    PICK_ONE = "Please pick one of the options below."
    # Typed words that pick an audience, besides the buttons' own labels (bot/core/choice.py).
    BC_AUDIENCE_WORDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "all": ("all", "everyone", "everybody", "every official"),
        "unit": ("unit", "one unit", "a unit"),
        "today": ("today", "not checked in today"),
        "week": ("this week", "week", "no check in this week"),
        "groups": ("groups", "group", "group chats"),
    }
    BTN_STATS_SUMMARY = "⬅️ Summary"
    BTN_CHECKIN_AGAIN = "✅ Check in again"
    ROLES_ADMIN: ClassVar[dict[str, str]] = {  # an admin of the configuration, by what is known
        "name": "{name} (id {id})",
        "name_at": "{name} (@{username}, id {id})",
        "unregistered": "not registered (id {id})",
    }
    PERSON_BY_ID = "The person with id {id}"
    REVOKE_NOBODY = (
        "Nobody called {ref} holds the organiser role, so there is nothing to revoke. "
        "Who holds a role now:"
    )
    # --- flow2 ---
    OVER_ELAPSED = (
        "Not saved: it is only {time} today, so you cannot have studied more than {limit} "
        "today. Please check the duration, or log it for yesterday (e.g. <i>2 hours "
        "yesterday</i>)."
    )
    OVER_ELAPSED_HAVE = "(You have already logged {day} today.)"
    DURATION_WHICH = "Did you study for <b>{hours}</b> or <b>{minutes}</b>? Please press a button."
    ASK_ACTIVITY_AGAIN = "What did you study? Press a button below or type a few words about it."
    NAME_NOT_A_QUESTION = (
        "The form is waiting for your <b>full name</b> (e.g. Nguyen Van An), so «{text}» was "
        "not saved. Please type your name, or press <b>Cancel</b> and ask again."
    )
    UNIT_NOT_A_QUESTION = (
        "The form is waiting for the <b>name of your unit</b> (e.g. Finance Office), so «{text}» "
        "was not saved. Please type your unit, or press <b>Cancel</b> and ask again."
    )
    UNDO_PRESS = "Please press <b>🗑 Remove it</b> or <b>Keep it</b> in the message above."
    ERASE_PRESS_YES = (
        "Erasing cannot be undone, so please press <b>🗑 Erase my data</b> in the message above "
        "to confirm. To keep your data, press <b>Keep it</b>."
    )

    # --- i14-figures ---
    STATS_HEADCOUNT = (
        "• Officials on the staff list: <b>{headcount}</b> "
        "(not registered yet: <b>{unregistered}</b>)"
    )
    STATS_RATE_ON_ROSTER = "<i>The participation rate is over the officials on the staff list.</i>"
    BY_UNIT_HEADER_ROSTER = (
        "🏢 <b>The {year} week by unit</b> (took part of those on the staff list, "
        "by participation rate)"
    )
    BY_UNIT_LINE_ROSTER = (
        "• {unit}: {participants} of {headcount} ({rate}) · {minutes} · "
        "not registered: {unregistered}"
    )
    RATE_UNKNOWN = "—"
    XLSX_HEADCOUNT = "On the staff list"
    XLSX_UNREGISTERED = "Not registered"
    XLSX_RATE_BASIS = "Participation rate over"
    XLSX_BASIS: ClassVar[dict[str, str]] = {
        "headcount": "Officials on the staff list",
        "registered": "Registered officials",
    }
    CHART_RATE_ROSTER = "Participation rate against the staff list (%)"
    FOLLOWUP_HEADER = "📋 <b>To follow up — the {year} week</b>"
    FOLLOWUP_TOTALS_ROSTER = (
        "Not registered: <b>{unregistered}</b> · Registered, no check-in: <b>{absent}</b>"
    )
    FOLLOWUP_TOTALS = "Registered, no check-in: <b>{absent}</b>"
    FOLLOWUP_NO_ROSTER = (
        "<i>There is no staff list yet, so the bot cannot tell who has not registered. "
        "An admin can import one with /roster.</i>"
    )
    FOLLOWUP_NONE = "Nobody left to remind: everyone has registered and checked in. 🎉"
    FOLLOWUP_NONE_NO_ROSTER = "Every registered official has checked in. 🎉"
    FOLLOWUP_UNIT = "🏢 <b>{unit}</b>"
    FOLLOWUP_UNIT_COUNTS_ROSTER = (
        "• {unit}: not registered <b>{unregistered}</b> · no check-in <b>{absent}</b>"
    )
    FOLLOWUP_UNIT_COUNTS = "• {unit}: no check-in <b>{absent}</b>"
    FOLLOWUP_UNREGISTERED = "Not registered ({count}):"
    FOLLOWUP_ABSENT = "No check-in ({count}):"
    FOLLOWUP_NAME = "  – {name}"
    FOLLOWUP_CODE = " (code {code})"
    FOLLOWUP_USERNAME = " · @{username}"
    FOLLOWUP_NAMES_ADMINS = "<i>The list of names is for admins only.</i>"
    FOLLOWUP_FILE = "The list has {count} people, so the bot sends it as an Excel file, by unit."
    FOLLOWUP_CAPTION = "📋 To follow up — the {year} week: {count} people."
    FOLLOWUP_NO_EDITION = "There is no {year} week. The bot has these years: {years}."
    XLSX_FOLLOWUP = "To follow up"
    XLSX_STATUS = "Status"
    XLSX_STAFF_CODE = "Staff code"
    XLSX_TELEGRAM = "Telegram"
    FOLLOWUP_STATUS: ClassVar[dict[str, str]] = {
        "unregistered": "Not registered",
        "absent": "No check-in",
    }
    # --- i14-roster ---
    ROSTER_NOT_ALLOWED = "Sorry, only admins can import and view the staff list."
    UNITS_NOT_ALLOWED = "Sorry, only admins can manage the units."
    ROSTER_FILE_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "The file is empty: nothing to import. The staff list is unchanged.",
        "too_big": "The file is over 20 MB, so the bot cannot read it; the list is unchanged.",
        "unreadable": (
            "The bot cannot read this file as a spreadsheet (a renamed PDF or picture, or a "
            "damaged file?). Please send an Excel .xlsx or CSV file; the list is unchanged."
        ),
        "old_excel": (
            "This is an old Excel file (.xls). Please save it as .xlsx or CSV and send it "
            "again; the list is unchanged."
        ),
        "too_many_rows": (
            "The file has over 50,000 rows, more than one import allows; nothing imported. "
            "Delete the empty or extra rows at the end of the sheet and send it again; do not "
            "split the file into several imports, as each import replaces the whole list."
        ),
    }
    ROSTER_PROBLEMS: ClassVar[dict[str, str]] = {
        "no_header": (
            "No header row with a <b>Full name</b> and a <b>Unit</b> (or «Department») column "
            "was found. Please add the column headers and send it again; "
            "<code>/roster template</code> sends a sample file."
        ),
        "too_many_rows": (
            "The file lists over 50,000 people, more than one import allows; nothing imported. "
            "Delete the rows that are not staff (totals, notes) and send it again; do not split "
            "the file into several imports, as each import replaces the whole list."
        ),
        "no_people": (
            "The file has a header but no row that can be imported; the list is unchanged."
        ),
    }
    ROSTER_ROW_PROBLEMS: ClassVar[dict[str, str]] = {
        "no_name": "row {row}: no name",
        "no_unit": "row {row}: no unit",
        "name_long": "row {row}: name over 100 characters",
        "unit_long": "row {row}: unit over 120 characters",
        "code_long": "row {row}: staff ID over 32 characters",
        "control": "row {row}: hidden control characters",
        "dup_code": "row {row}: same staff ID as row {first}",
        "dup_name": "row {row}: same name and unit as row {first}",
        "name_markup": "row {row}: the Full name cell holds an HTML tag",
        "unit_markup": "row {row}: the Unit cell holds an HTML tag",
        "name_formula": "row {row}: the Full name cell is a formula (or starts with =, +, -, @)",
        "unit_formula": "row {row}: the Unit cell is a formula (or starts with =, +, -, @)",
    }
    ROSTER_PREVIEW = (
        "📋 <b>Staff list preview</b>\n{people} people, {units} units ({new_units} new units)."
    )
    ROSTER_CHANGES = (
        "Compared with the current list: <b>{added}</b> new, <b>{moved}</b> moved to another "
        "unit, <b>{left}</b> no longer listed, {unchanged} unchanged."
    )
    ROSTER_NEW_UNITS = "New units: {names}."
    ROSTER_NEW_UNITS_MORE = "New units: {names} and {count} more."
    ROSTER_RETURNED = "Listed again after having left: {returned:person/people}."
    ROSTER_PROBLEMS_HEAD = "⚠️ {count} rows will not be imported:"
    ROSTER_MORE = "… and {count} more rows."
    ROSTER_NOT_STORED = (
        "Columns in the file that the bot does not keep: {columns}. It keeps only names, units "
        "and staff IDs (minimal data, Decree 356/2025)."
    )
    ROSTER_COLUMNS: ClassVar[dict[str, str]] = {"email": "Email", "phone": "Phone"}
    ROSTER_CONFIRM_HINT = "Press <b>📥 Import</b> to update the list, or <b>Cancel</b>."
    ROSTER_IMPORT_BUTTON = "📥 Import"
    ROSTER_CANCEL_BUTTON = "Cancel"
    ROSTER_IMPORTED = (
        "✅ Staff list imported: {people} people. {added} new, {moved} moved, "
        "{left} no longer listed; {new_units} new units."
    )
    ROSTER_STALE = (
        "The staff list changed after your preview, so nothing was imported. Here is a new preview:"
    )
    ROSTER_ALREADY = "This list is already imported; nothing more to change."
    ROSTER_CANCELLED = "Cancelled. The staff list is unchanged."
    ROSTER_EXPIRED = (
        "This preview was already used or has expired, so nothing more is imported. "
        "To import again, send the staff list file again."
    )
    ROSTER_DOWNLOAD_FAILED = (
        "The bot could not fetch the file from Telegram. Please send it again in a few minutes."
    )
    ROSTER_SUMMARY = "📋 <b>Staff list</b>: {people} people in {units} units ({left} have left)."
    ROSTER_NONE = "📋 No staff list yet."
    ROSTER_HOW = (
        "To import or update it, send an Excel (.xlsx) or CSV file here <b>as a file</b>, "
        "with the columns <b>Full name</b>, <b>Unit</b> and, if you have it, <b>Staff ID</b>. "
        "The bot shows a preview before importing. <code>/roster template</code> sends a sample."
    )
    ROSTER_TEMPLATE_CAPTION = "A sample staff list: fill it in and send it back here."
    ROSTER_TEMPLATE_NAME = "staff-list-sample.xlsx"
    UNITS_HEAD = (
        "🏢 <b>Units</b>: {count} (page {page}/{pages}). "
        "Each: people on the staff list / registered."
    )
    UNITS_LINE = "• {name}: {headcount} / {members}"
    UNITS_EMPTY = "No units yet. Press <b>➕ Add a unit</b>, or import the staff list (/roster)."
    UNIT_CARD = (
        "🏢 <b>{name}</b>\nUnit code: {code}\nOn the staff list: {headcount}; "
        "registered: {members}."
    )
    UNIT_NO_CODE = "none yet"
    UNIT_RENAME_BUTTON = "✏️ Rename"
    UNIT_MERGE_BUTTON = "🔀 Merge into…"
    UNIT_ARCHIVE_BUTTON = "🗄 Archive"
    UNIT_ADD_BUTTON = "➕ Add a unit"
    UNITS_BACK_BUTTON = "↩️ Unit list"
    UNITS_PREV = "‹ Previous"
    UNITS_NEXT = "Next ›"
    UNIT_ASK_RENAME = (
        "Type the new name for <b>{name}</b> (up to 120 characters), or type <i>cancel</i>."
    )
    UNIT_ASK_NEW = "Type the new unit's name (up to 120 characters), or type <i>cancel</i>."
    UNIT_NAME_PROBLEMS: ClassVar[dict[str, str]] = {
        "empty": "A unit name cannot be empty. Type the name again, or type cancel.",
        "long": "A unit name is at most 120 characters. Type a shorter one, or type cancel.",
        "control": "The name holds hidden control characters. Type it again, or type cancel.",
        "taken": "There is already a unit «{name}». Type another name, or type cancel.",
        "taken_rename": (
            "There is already a unit «{name}». Type another name, or type cancel; if the two "
            "are one unit, use the 🔀 Merge into button on the unit's card."
        ),
        "taken_archived": (
            "That name belongs to the archived unit «{name}». Type another name, or type cancel, "
            "then press ➕ Add a unit and type that name to restore it."
        ),
        "markup": "A unit name cannot hold HTML tags (like &lt;b&gt;). Type it again, or cancel.",
        "formula": "A unit name cannot start with =, +, - or @. Type it again, or type cancel.",
    }
    UNIT_RENAMED = "✅ The unit is now called <b>{name}</b>."
    UNIT_ADDED = "✅ Unit <b>{name}</b> added (code {code})."
    UNIT_MERGE_PICK = "Merge <b>{name}</b> into which unit?"
    UNIT_MERGE_NONE = "There is no other unit to merge into."
    UNIT_MERGE_CONFIRM = (
        "Merge <b>{source}</b> into <b>{target}</b>? {members} registered people and "
        "{headcount} people on the staff list move to <b>{target}</b>; <b>{source}</b> is "
        "archived. Check-ins stay as they are."
    )
    UNIT_MERGE_YES = "🔀 Merge"
    UNIT_MERGED = (
        "✅ <b>{source}</b> merged into <b>{target}</b>: {members} registered people and "
        "{headcount} on the staff list moved."
    )
    UNIT_ARCHIVE_CONFIRM = (
        "<b>{name}</b> has {members} registered people. Archived, it is no longer offered at "
        "registration; its people keep their check-ins and still see their unit's name. "
        "You can also merge it into another unit."
    )
    UNIT_ARCHIVE_YES = "🗄 Archive anyway"
    UNIT_ARCHIVED = "✅ Unit <b>{name}</b> archived."
    UNIT_ADMIN_GONE = "This unit is gone (merged or archived)."
    UNIT_CANCELLED = "Cancelled; nothing changed."
    # --- i14-invites ---
    ORG_DEFAULT = "your agency"
    ASK_UNIT_PICK = (
        "Thank you, {name}. Which <b>unit</b> (department) are you in? Press its name below, or "
        "type part of the name (with or without accents, e.g. <i>ke toan</i>, <i>KHTC</i>) to "
        "search. If your unit is not there, type its full name."
    )
    ASK_UNIT_LISTED = (
        "Thank you, {name}. Which <b>unit</b> (department) are you in? Press its name below, or "
        "type part of the name (with or without accents, e.g. <i>ke toan</i>, <i>KHTC</i>) to "
        "search."
    )
    UNITS_PAGE = "Choose your unit (page {page}/{pages}), or type part of its name to search:"
    BTN_UNITS_PREV = "◀ Previous"
    BTN_UNITS_NEXT = "Next ▶ ({page}/{pages})"
    BTN_UNITS_ALL = "📋 The whole list"
    BTN_UNIT_NEW = "➕ New unit: {unit}"
    UNIT_ONE_MATCH = "For «{unit}» I found <b>{found}</b>. If that is your unit, press its name:"
    UNIT_SOME_MATCH = "{count} units match «{unit}». Please press yours:"
    UNIT_NOT_LISTED = (
        "No unit on your agency's list matches «{unit}». Please choose your unit below, or "
        "type other words from its name."
    )
    UNIT_GONE_PICK = "That unit is no longer on the list. Please choose your unit below:"
    UNIT_ELSEWHERE = (
        "The staff list has <b>{name}</b> in <b>{listed}</b>, not in {chosen}. "
        "Which unit are you in?"
    )
    BTN_UNIT_LISTED = "✅ {unit} (as listed)"
    BTN_UNIT_KEEP = "Keep {unit}"
    ON_ROSTER = "👥 You are on the staff list of {unit}."
    UNIT_LINK_UNKNOWN = (
        "This registration link no longer works (the unit was changed or closed). "
        "You can still register as usual:"
    )
    UNIT_LINK_ASK_NAME = (
        "Welcome to the Lifelong Learning Week of {org}! 👋\n"
        "You are registering in <b>{unit}</b>. Please type your <b>full name</b> "
        "(e.g. Nguyễn Văn An)."
    )
    UNIT_LINK_ALREADY = (
        "You are already registered in <b>{unit}</b>. Send /checkin to log your study."
    )
    UNIT_LINK_MOVE = (
        "You are registered in <b>{current}</b>. This link is for <b>{unit}</b>: "
        "do you want to move to that unit?"
    )
    BTN_UNIT_MOVE = "➡️ Move to {unit}"
    BTN_UNIT_STAY = "Keep my unit"
    UNIT_STAYED = "Your unit stays as it was; nothing changed."
    UNIT_GONE_MOVE = "Not moved: that unit is no longer on the list, or you are not registered."
    INVITE_HEADER = (
        "📨 <b>Registration links{org}</b>\n"
        "Send them to staff by e-mail or chat, or print the QR codes for each unit. A tap opens "
        "the bot to register; a unit's link has the unit chosen, so people only type their "
        "name.\n\n"
        "• <b>For the whole agency</b>: {link}\n\n"
        "<b>Per unit</b> ({count}):"
    )
    INVITE_UNIT_LINE = "• {unit}: {link}"
    INVITE_NO_UNITS = (
        "There are no units yet. Once an admin imports the staff list or people register, "
        "send /invite again for each unit's link."
    )
    INVITE_QR_GENERAL = "Register for the Lifelong Learning Week — {org}"
    INVITE_PHOTO = "The general registration QR code: print it or attach it to the invitation."
    INVITE_ZIP = (
        "📦 {count} QR codes (PNG, one file per unit, named by the unit's code) and links.csv "
        "to paste into an invitation."
    )
    GREETING_ORG = "🏛 Lifelong Learning Week at <b>{org}</b>"
    UNIT_LINK_WELCOME = (
        "Welcome to the Lifelong Learning Week of {org}! 👋\n"
        "This link registers you in <b>{unit}</b>: once you agree below, just type your name."
    )
    UNIT_MOVE_CONSENT = (
        "Not moved: please agree to the personal data notice first. Send /profile to read it "
        "and agree, then open the unit's link again."
    )
    INVITE_TABLE_HEADER = ("Unit", "Link", "QR code file")
    # --- i14-editions ---
    ED_ASK = (
        "Please paste the text of the notice about the new week, forward the notice, or "
        "send it as a <b>.txt</b> or <b>.docx</b> file. Type /cancel to stop."
    )
    ED_FILE_PROBLEMS: ClassVar[dict[str, str]] = {
        "too_big": "The file is over 20 MB, so the bot cannot read it; please send a smaller one.",
        "not_docx": "This file is not a real Word (.docx) document; please save it again as "
        ".docx, or paste the text.",
        "type": "The bot reads only .txt and .docx files; please send one of those, or paste "
        "the text.",
        "empty": "The file holds no text; please send the notice itself.",
        "too_long": "The file is over 100,000 characters, which is not a notice; please send the "
        "notice about the week on its own, or paste the text.",
        "unreachable": "The bot could not fetch the file from Telegram just now; please send it "
        "again in a few minutes, or paste the text.",
    }
    ED_NOT_NOTICE = (
        "The bot found nothing about the week in this text; please send the notice itself."
    )
    ED_CARD_HEAD = "<b>The {year} week</b>, as read from the notice:"
    ED_NO_YEAR = "year unknown"
    ED_FIELDS: ClassVar[dict[str, str]] = {
        "year": "Year",
        "name": "Name",
        "start": "First day",
        "end": "Last day",
        "opening": "Opening day",
        "opening_time": "Opening time",
        "theme": "Theme",
        "organiser": "Organiser",
        "audience": "Audience",
        "plan_number": "Plan number",
        "plan_date": "Plan date",
        "published": "Notice published",
        "plan_title": "Plan title",
        "ministry_launch": "Ministry's letter",
        "movement": "Movement",
        "related_decision": "Related decision",
        "purposes": "Purposes",
        "source": "Source",
    }
    ED_ABSENT = "<i>not in the notice</i>"
    ED_FROM = "   ↳ <i>«{sentence}»</i>"
    ED_TYPED = "   ↳ <i>typed by you</i>"
    ED_CHANGES = "<b>The bot already has {year}.</b> Saving changes these fields:"
    ED_CHANGE = "• {field}: {old} → {new}"
    ED_SAVED_UNCHANGED = (
        "The {year} week already holds exactly these facts, so the bot keeps it as it is."
    )
    ED_NO_CHANGES = "<b>The bot already has {year}</b>; this notice changes nothing."
    ED_CARD_FOOT = "Press a field to correct it, <b>✅ Save</b> to save, <b>Cancel</b> to drop."
    ED_MISSING = "Not saved yet: {fields} missing. Press each field's button to type it."
    ED_ASK_VALUE = "Please type the <b>{field}</b>{hint}. Type <b>-</b> to leave it empty."
    ED_HINTS: ClassVar[dict[str, str]] = {
        "date": " as dd/mm/yyyy, e.g. 04/10/2027",
        "time": " as hours:minutes, e.g. 08:00",
        "year": ", e.g. 2027",
        "purposes": ", one per line",
        "text": "",
    }
    ED_NOW = "Now: {value}"
    ED_BAD: ClassVar[dict[str, str]] = {
        "date": "«{text}» is not a valid date; please type it as dd/mm/yyyy, e.g. 04/10/2027. "
        "Nothing changed.",
        "time": "«{text}» is not a valid time; please type it as 08:00. Nothing changed.",
        "year": "«{text}» is not a valid year; please type 4 digits, e.g. 2027. Nothing changed.",
        "long": "That is longer than {limit} characters; please shorten it. Nothing changed.",
        "order": "The last day must come after the first day; nothing changed.",
        "length": "The week lasts 1 to 10 days; nothing changed.",
        "opening": "The opening day must fall within the week ({start} – {end}); nothing changed.",
        "year_dates": "The year must be the first day's year ({start}); nothing changed.",
        "markup": "That holds an HTML tag (like &lt;…&gt;), which cannot be saved; please "
        "type plain text. Nothing changed.",
    }
    ED_SAVE = "✅ Save"
    ED_DROP = "Cancel"
    ED_FIX = "✏️ {field}"
    ED_SAVED = (
        "✅ Saved the {year} week ({start} – {end}), theme «{theme}». The bot uses it from "
        "now on, reminders included."
    )
    ED_DROPPED = "Cancelled; nothing was saved."
    ED_PRESS = (
        "Please press a button on the card: a field to correct, <b>✅ Save</b> or <b>Cancel</b>."
    )
    ED_GONE = "This draft is gone. Type /edition to start again."
    # --- i14-fixroster ---
    ROSTER_MOVES_HEAD = "Moving to another unit:"
    ROSTER_MOVE_LINE = "• {name}: {source} → {target}"
    ROSTER_LEAVERS_HEAD = "No longer listed:"
    ROSTER_NAMED_MORE = "… and {count} more."
    ROSTER_MARKED_LEFT = "Not counted: {count:row/rows} marked «left» in the Status column."
    ROSTER_LINKED = (
        "🔗 Now linked to their name on the list: {count:official/officials} who registered "
        "before it."
    )
    ROSTER_FOLLOWED = (
        "🔀 Moved to the unit the list names for them: {count:registered official/registered "
        "officials} (the staff list is authoritative)."
    )
    ROSTER_NEXT = (
        "Next: /invite for each unit's invite link and QR code; /units to view, rename or "
        "merge units; /stats for the figures against the list."
    )
    ROSTER_LAST_IMPORT = "Last import: {date}, {time}."
    ROSTER_SAMPLE_SHEET = "Staff list"
    ROSTER_SAMPLE_HEADER = ("Full name", "Unit", "Staff ID")
    ROSTER_SAMPLE_ROWS = (
        ("Nguyễn Văn An", "Planning and Finance Division", "CB001"),
        ("Trần Thị Bình", "Director's Office", "CB002"),
        ("Lê Minh Châu", "Science Management Division", ""),
    )
    UNIT_LISTED = (
        "<b>{name}</b> has {headcount} people on the staff list, so it cannot be archived "
        "(they would drop out of the figures). If the unit was merged, merge it into the new "
        "one (🔀 Merge into); if it no longer exists, import a staff list without it (/roster)."
    )
    UNIT_ARCHIVED_UNDO = (
        "To use it again, press <b>♻️ Restore</b>; later, press ➕ Add a unit and type this "
        "exact name."
    )
    UNIT_RESTORE_BUTTON = "♻️ Restore"
    UNIT_RESTORE_OFFER = (
        "The unit «{name}» is archived. Press <b>♻️ Restore</b> to use it again (same code "
        "and invite link), or type another name."
    )
    UNIT_RESTORE_OFFER_MERGED = (
        "The unit «{name}» was merged into «{target}». Press <b>♻️ Restore</b> to make it a "
        "unit of its own again (empty at first), or type another name."
    )
    UNIT_RESTORED = "✅ Unit <b>{name}</b> restored (code {code})."
    UNIT_MERGED_LINKED = "🔗 Now linked to their name on the list: {count:official/officials}."
    UNIT_OPEN_BUTTON = "🏢 Open the unit"
    # --- i14-fixfigures ---
    STATS_BODY_ROSTER = (
        "• Registered officials: <b>{registered}</b>{registered_off}\n"
        "• Took part (checked in): <b>{participants}</b> of the {headcount} on the staff list "
        "— rate <b>{rate}</b>{off_roster}\n"
        "• Check-ins: <b>{checkins}</b>\n"
        "• Total self-study: <b>{minutes}</b>{average}"
    )
    STATS_REGISTERED_OFF_ROSTER = " (of whom {count} not on the staff list)"
    STATS_OFF_ROSTER = "\n• Took part but not on the staff list: <b>{count}</b> (not in the rate)"
    STATS_NOT_STARTED = (
        "⏳ The week starts on {date}, so there are no check-ins yet; "
        "below is who has registered so far."
    )
    STATS_PREVIOUS = "Figures of {year}: /stats {year}"
    STATS_NOBODY_REGISTERED = (
        "No official has registered with the bot yet. You can send registration links with /invite."
    )
    BY_UNIT_OFF_ROSTER = " · not on the list: {count}"
    XLSX_ON_ROSTER = "Took part, on the staff list"
    XLSX_OFF_ROSTER = "Took part, not on the staff list"
    XLSX_REGISTERED_OFF_ROSTER = "Registered, not on the staff list"
    FOLLOWUP_NOT_STARTED = (
        "⏳ The week starts on {date}; from then on the bot also lists who has not checked in."
    )
    FOLLOWUP_TOTALS_BEFORE = "Not registered: <b>{unregistered}</b>"
    FOLLOWUP_UNIT_COUNTS_BEFORE = "• {unit}: not registered <b>{unregistered}</b>"
    FOLLOWUP_NONE_BEFORE = "Everyone on the staff list has registered. 🎉"
    FOLLOWUP_NOBODY_REGISTERED = (
        "No official has registered with the bot for the {year} week yet, so there is nobody "
        "to remind to check in. You can send registration links with /invite."
    )
    FOLLOWUP_NOTHING_YET = "Nobody to remind for now."
    FOLLOWUP_ROSTER_LATER = (
        "<i>The current staff list was imported after the {year} week, so it does not apply "
        "to that year: the bot only knows who registered and did not check in.</i>"
    )
    STATS_ROSTER_LATER = (
        "<i>The current staff list was imported after the {year} week, so it does not apply "
        "to that year: the participation rate is over the registered officials.</i>"
    )
    # --- i14-fixinvites ---
    NAME_FROM_ROSTER = (
        "✏️ Your name is recorded as the staff list spells it: <b>{name}</b> (you typed «{typed}»)."
    )
    UNIT_LINK_MERGED = (
        "<b>{old}</b> has been merged into <b>{unit}</b>: the old unit's link now leads to "
        "<b>{unit}</b>."
    )
    UNIT_STILL_NOT_LISTED = "Still no unit matches «{unit}»."
    UNIT_MISSING_CONTACT = (
        "If your unit is not on the list, please tell {contact} so that it is added, and "
        "register again later. Press <b>Cancel</b> (or type <i>cancel</i>) to stop."
    )
    UNIT_MISSING_NO_CONTACT = (
        "If your unit is not on the list, please tell the Week's organisers or the bot's admin "
        "at your agency so that it is added, and register again later. Press <b>Cancel</b> (or "
        "type <i>cancel</i>) to stop."
    )
    UNIT_PICK_LISTED = (
        "The staff list has you in <b>{unit}</b>: if that is right, press the first button."
    )
    NEXT_CHECKIN = "👉 Next: send /checkin or press the button below to log your study."
    NEXT_WEEK_STARTS = (
        "📅 The Week starts on {start}. From that day, send /checkin to log your study each day."
    )
    INVITE_NO_UNITS_ADMIN = (
        "There are no units yet, so there are no unit links. Import the staff list with /roster "
        "or add units with /units (people registering through the general link also create "
        "units), then send /invite again."
    )
    INVITE_ZIP_GENERAL = (
        "📦 The general registration QR code (PNG) and links.csv. There are no units yet, so "
        "there are no unit QR codes."
    )
    CONSENT_LEAD_CHANGED = (
        "🔒 The personal data notice has been updated: the bot now links your registration to "
        "your agency's staff list (if the agency has imported one). Please read it again and "
        "say whether you agree before you go on.\n\n"
    )

    # --- i15-closing ---
    CLOSING_FIGURES_HEAD = (
        "🏁 <b>The {year} Week is over.</b> Here are the final figures; the draft results "
        "report and the commendation list follow right after this message."
    )
    CLOSING_REPORT_CAPTION = (
        "📄 Draft results report of the {year} Week: the figures are filled in from the bot's "
        "data; the assessment and proposals are the organisers' to write. Get it again any time "
        "with /report {year}."
    )
    CLOSING_COMMENDATIONS_CAPTION = (
        "🏅 The commendation list of the {year} Week: the people who met the bar, and the units "
        "ranked by participation rate. Get it again with /commendations {year}."
    )
    CLOSING_CERTIFICATE_CAPTION = (
        "🎓 Congratulations on completing the {year} Lifelong Learning Week: you studied on "
        "{days} of {total} days, {time} in all. Here is your certificate of participation.\n"
        "Verification code: <code>{code}</code> — anyone can check it with /verify."
    )
    # --- i15-report ---
    RESULTS_REPORT_CAPTION = (
        "📄 Results report of the {year} Week (a Word file in the Decree 30/2020/NĐ-CP layout, "
        "in Vietnamese), figures as of {day}. The office fills in the number, the date and "
        "sections III and IV (assessment, proposals) before it is signed."
    )
    # --- i15-docs ---
    CM_CAPTION = (
        "🏅 Commendation list — the {year} week: {people} people meet the bar ({bar}), "
        "{units} units took part. The workbook has 3 sheets: people, units, criteria "
        "(in Vietnamese, ready for the official list)."
    )
    EDITION_UNKNOWN = "The bot has no information on the {year} Week. Years it knows: {years}."
    CM_BAR = "studied on at least {days} of the week's {week_days} days"
    CM_BAR_MINUTES = ", at least {minutes} in all"
    CM_SHEET_PEOPLE = "People"
    CM_SHEET_UNITS = "Units"
    CM_SHEET_CRITERIA = "Criteria"
    CM_TITLE_PEOPLE = "PEOPLE MEETING THE BAR, PROPOSED FOR COMMENDATION"
    CM_TITLE_UNITS = "UNITS RANKED BY PARTICIPATION RATE"
    CM_TITLE_CRITERIA = "CRITERIA AND HOW THE FIGURES ARE COUNTED"
    CM_EDITION_LINE = "{edition} ({start} to {end})"
    CM_BAR_LINE = "Bar: {bar} (a day studied is a day with at least one check-in)."
    CM_PEOPLE_NOTE = (
        "Only those meeting the bar: {people} of {participants} participants. Ranked by days "
        "studied, then total minutes; equal on both, equal rank."
    )
    CM_NOBODY = "Nobody meets the bar yet."
    CM_UNITS_NOTE: ClassVar[dict[str, str]] = {
        "headcount": (
            "Participation rate = officials on the staff list who checked in / the unit's "
            "headcount on the list (as /stats). Ranked by rate, then participants; equal on "
            "both, equal rank. Only units where someone took part."
        ),
        "registered": (
            "Participation rate = people who checked in / the unit's registered officials (no "
            "staff list yet; as /stats). Ranked by rate, then participants; equal on both, "
            "equal rank. Only units where someone took part."
        ),
    }
    CM_NO_UNITS = "No unit has taken part yet."
    CM_ORDINAL = "No."
    CM_RANK = "Rank"
    CM_DAYS = "Days studied"
    CM_HOURS = "Hours"
    CM_COMMENDED = "People meeting the bar"
    CM_ITEM = "Item"
    CM_WEEK_DAYS = "Days in the week"
    CM_MIN_DAYS = "Minimum days studied"
    CM_MIN_MINUTES = "Minimum minutes of study (0: none)"
    CM_DAY_RULE = "Day studied"
    CM_DAY_RULE_VALUE = "A day of the week with at least one check-in"
    CM_PEOPLE_ORDER = "Ranking of people"
    CM_PEOPLE_ORDER_VALUE = "Days studied, then total minutes (highest first); ties share a rank"
    CM_UNIT_ORDER = "Ranking of units"
    CM_UNIT_ORDER_VALUE = "Participation rate, then participants (highest first)"
    CM_PARTICIPANTS = "Participants"
    CM_MET = "People meeting the bar"
    CM_UNITS_COUNT = "Units that took part"
    CM_SOURCE = "Source of the figures"
    CM_SOURCE_VALUE = "Study check-ins in the bot (the same figures as /stats)"
    CAL_CAPTION = (
        "📅 The {year} week in your calendar: {start} to {end}, opening {opening}.\n"
        "On a phone: tap the file, then «Add to calendar» (or open it with your Calendar app). "
        "On a computer: download it, then import it into Google Calendar (Settings → Import "
        "and export) or open it with Outlook. Importing a newer file updates the events rather "
        "than duplicating them."
    )
    CAL_OPENING_AT = "at {time} on {date}"
    CAL_OPENING_DAY = "on {date} (the notice gives no hour, so it is an all-day event)"
    CAL_UNKNOWN_YEAR = (
        "There is no information about the {year} week yet. The bot knows: {years}. "
        "For example: {example}."
    )
    CAL_OPENING = "Opening ceremony: {name}"
    CAL_THEME = "Theme: {theme}"
    CAL_ORGANISER = "Organiser: {organiser}"
    CAL_PLAN = "Plan no. {number}"
    CAL_PLAN_DATE = "Plan no. {number} of {date}"
    CAL_HOST = "Opening ceremony hosted by: {host}"
    CAL_NO_TIME = "The official notice gives no hour for the opening."
    CAL_SOURCE = "Source: {source}"
    # --- i15-cert ---
    CERT_BAR_DAYS = "checked in on at least {days} days of the week"
    CERT_BAR_MINUTES = "studied at least {time} in all"
    CERT_AND = " and "
    CERT_MISSING_DAYS = "{days} more day(s) with a check-in"
    CERT_MISSING_TIME = "{time} more study"
    CERT_NOT_STARTED = (
        "📅 The {year} week starts on {start}. A participation certificate goes to everyone who "
        "{bar}."
    )
    CERT_NONE_YET = (
        "You have no check-ins in the {year} week ({start} – {end}). A certificate goes to "
        "everyone who {bar}."
    )
    CERT_PROGRESS = (
        "📜 You do not qualify for the {year} week's certificate yet.\n"
        "• Your self-study: <b>{days}/{week_days} days</b>, <b>{time}</b> in all.\n"
        "• Needed: {bar}.\n"
        "• Missing: <b>{missing}</b>."
    )
    CERT_STILL_TIME = (
        "\n\nThe week has {left} more day(s) (until {end}): use /checkin each day you study!"
    )
    CERT_NO_MORE_TIME = (
        "\n\nThe days left in the week (until {end}) are no longer enough to reach the number "
        "of days needed. You can still keep studying and checking in."
    )
    CERT_STILL_TODAY = (
        "\n\nToday is the last day of the week: you can still check in more study time today."
    )
    CERT_WEEK_OVER = "\n\nThe week ended on {end}."
    CERT_EARNED_WAIT = (
        "🎉 You qualify for the {year} week's certificate: <b>{days}/{week_days} days</b>, "
        "<b>{time}</b> in all.\nIt is sent to you automatically on the morning of {after}, "
        "after the week's last day (from then on /certificate sends it too)."
    )
    CERT_CAPTION = (
        "📜 Your participation certificate for the {year} week (in Vietnamese, as an official "
        "document).\nVerification code: <code>{code}</code> — anyone can check it with "
        "<code>/verify {code}</code>."
    )
    CERT_ALL_WAIT = (
        "The {year} week is not over: certificates are issued from the morning of {after}, "
        "after its last day."
    )
    CERT_ALL_NONE = "Nobody qualifies for a certificate of the {year} week (needed: {bar})."
    CERT_ALL_BUILDING = (
        "⏳ Making {count} certificates (PDF), which takes about {time}. The ZIP files are sent "
        "one by one as soon as each is ready."
    )
    CERT_ALL_DONE = "✅ All {parts} ZIP files sent: {count} certificates in all."
    CERT_ALL_CAPTION = "📦 {count} certificates of the {year} week (needed: {bar})."
    CERT_ALL_PART = " File {part}."
    VERIFY_USAGE = (
        "To check a certificate, send /verify with the verification code printed at its "
        "bottom, for example: <code>/verify 7K4MQ-9XP3R</code>."
    )
    VERIFY_MALFORMED = (
        "⚠️ «{typed}» is not a valid verification code; a character may be mistyped. A code "
        "has 10 letters and digits, printed at the bottom of the certificate, for example: "
        "<code>/verify 7K4MQ-9XP3R</code>. Please check it and try again."
    )
    VERIFY_UNKNOWN = (
        "❌ The code <code>{code}</code> belongs to no certificate this bot issued (or the "
        "certificate was erased at its holder's own request)."
    )
    VERIFY_GENUINE = (
        "✅ The code <code>{code}</code> belongs to a genuine certificate issued by this bot:\n"
        "• Name: <b>{name}</b>\n"
        "• Unit: {unit}\n"
        "• Lifelong Learning Week {year}{period}\n"
        "• Self-study on {days} days, {time} in all\n"
        "• Issued on {issued}"
    )
    VERIFY_PERIOD = " ({start} – {end})"
    VERIFY_CHANGED = (
        "\n\n⚠️ However, this person's study record was changed after it was issued (check-ins "
        "were deleted): it no longer bears out the figures printed on the certificate."
    )
