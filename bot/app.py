"""All wiring in one place: `build_application(settings)` returns a ready Application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.context import DEPS_KEY, BotApp, BotContext, Deps, deps_of
from bot.core.clock import Clock, make_clock
from bot.core.editions import load_editions
from bot.core.matcher import load_matcher
from bot.core.schedule import load_reminder_data, specs_for
from bot.delivery.outbox_sender import dispatch_job
from bot.delivery.ratelimit import TelegramRateLimiter
from bot.ops.db_errors import check_writable
from bot.ops.db_state import on_database_error, state_of
from bot.services import retention
from bot.ui import keyboards
from bot.ui.texts import En, Vi
from db.session import create_engine, create_sessionmaker
from handlers import (
    admin,
    broadcast,
    flow,
    guards,
    identity,
    me,
    privacy,
    reminders,
    reports,
    start,
    unreadable,
    week,
)
from settings import Settings

log = logging.getLogger(__name__)

# PTB needs a token to build a Bot; offline, no request ever leaves the process.
OFFLINE_TOKEN = "0:offline-console"
RATE_LIMIT_RETRIES = 3
UNREADABLE_GROUP = -3  # handler groups run in ascending order; group 0 holds the features
IDENTITY_GROUP = -2

# CommandHandler also fires on edited messages by default; an edit must never store anything.
NEW = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE & NEW
GROUPS = filters.ChatType.GROUPS & NEW
COMMANDS: dict[str, tuple[str, ...]] = {
    "start": ("start",),
    "help": ("help", "trogiup"),
    "week": ("week", "tuanle"),
    "theme": ("theme", "chude"),
    "dates": ("dates", "thoigian"),
    "ceremony": ("ceremony", "khaimac"),
    "me": ("me", "cuatoi"),
    "undo": ("undo", "huy"),
    "profile": ("profile", "hoso"),
    "checkin": ("checkin", "diemdanh"),
    "cancel": ("cancel",),
    "remind": ("remind", "nhacnho"),
    "schedule": ("schedule", "lichnhac"),
    "grant": ("grant", "capquyen"),
    "revoke": ("revoke", "thuhoi"),
    "roles": ("roles",),
    "audit": ("audit",),
    "broadcasts": ("broadcasts",),
    "broadcast": ("broadcast", "thongbao"),
    "stats": ("stats", "thongke"),
    "export": ("export",),
    "privacy": ("privacy", "baomat"),
    "deletemydata": ("deletemydata", "xoadulieu"),
}


def register_handlers(app: BotApp) -> None:
    """Every handler of the bot. Within group 0 the first matching handler wins."""
    # 0. Before anything else (its own group, so no other early handler is shadowed): text
    #    that cannot be encoded is answered and stopped here.
    app.add_handler(TypeHandler(Update, unreadable.stop_unreadable), group=UNREADABLE_GROUP)
    #    Then keep the sender's username current (/grant @name). A group
    #    of its own: in a group only the first matching handler runs, and this matches all.
    app.add_handler(TypeHandler(Update, identity.note_sender), group=IDENTITY_GROUP)
    # 1. The conversation first: while someone is typing their name or a note, their text
    #    belongs to it, not to the question answerer below.
    app.add_handler(flow.build_flow())
    app.add_handler(broadcast.build_compose())
    # 2. Commands, private chats only.
    plain = {
        "start": start.start, "help": start.help_command, "week": week.week,
        "theme": week.theme, "dates": week.dates, "ceremony": week.ceremony,
        "me": me.me, "undo": me.undo, "cancel": guards.cancel_outside_flow,
        "remind": reminders.remind, "schedule": reminders.schedule,
        "grant": admin.grant, "revoke": admin.revoke, "roles": admin.roles,
        "audit": admin.audit_log, "broadcasts": broadcast.recent,
        "stats": reports.stats, "export": reports.export, "privacy": privacy.privacy,
        "deletemydata": privacy.delete_my_data,
    }  # fmt: skip
    for key, callback in plain.items():
        app.add_handler(CommandHandler(COMMANDS[key], callback, filters=PRIVATE))
    # 3. In groups, organisers subscribe the group to reminders; any other of our commands
    #    gets a pointer to the private chat.
    app.add_handler(CommandHandler(COMMANDS["remind"], reminders.remind_group, filters=GROUPS))
    every_command = [name for names in COMMANDS.values() for name in names]
    app.add_handler(CommandHandler(every_command, guards.private_only, filters=GROUPS))
    # 4. Buttons outside the conversation.
    buttons = (
        (week.menu_button, keyboards.MENU_PREFIX),
        (me.undo_button, keyboards.UNDO_PREFIX),
        (reminders.remind_button, keyboards.REMIND_PREFIX),
        (broadcast.button, keyboards.BROADCAST_PREFIX),
        (reports.report_button, keyboards.REPORT_PREFIX),
        (privacy.delete_button, keyboards.DELETE_PREFIX),
        (admin.role_button, keyboards.ROLE_PREFIX),
    )
    for callback, prefix in buttons:
        app.add_handler(CallbackQueryHandler(callback, pattern=f"^{prefix}"))
    # 5. Free text in private chats is a question.
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, week.question))
    # 6. What the bot does not act on: edits, non-text messages, stale buttons.
    edits = filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE
    app.add_handler(MessageHandler(edits, guards.edited))
    non_text = PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL
    app.add_handler(MessageHandler(non_text, guards.non_text))
    app.add_handler(CallbackQueryHandler(start.expired_button))
    app.add_error_handler(on_database_error)  # outages first: one log line, not a traceback
    app.add_error_handler(guards.on_error)


def schedule_jobs(app: BotApp) -> None:
    if app.job_queue is not None:
        # Raw updates past INBOX_RETENTION_DAYS; hourly is plenty for a period counted in days.
        app.job_queue.run_repeating(
            retention.purge_job, interval=retention.INTERVAL, first=60, name="inbox_retention",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )  # fmt: skip
    interval = deps_of(app).settings.dispatch_interval_seconds
    if interval > 0 and app.job_queue is not None:
        # One pass at a time; a pass that runs long simply delays the next one.
        app.job_queue.run_repeating(
            dispatch_job, interval=interval, first=1, name="dispatcher",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )  # fmt: skip


async def _post_init(app: BotApp) -> None:
    """Migrate the database, prove it can be written, publish the command menu."""
    await check_writable(deps_of(app).engine)  # else one clear line, not a traceback
    for texts, language in ((Vi, None), (Vi, "vi"), (En, "en")):
        commands = [BotCommand(name, description) for name, description in texts.COMMANDS]
        await app.bot.set_my_commands(commands, language_code=language)
    log.info("bot @%s ready", app.bot.username)


async def _post_shutdown(app: BotApp) -> None:
    await state_of(app).close()
    await deps_of(app).engine.dispose()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock | None = None,
    durable: bool = False,
) -> BotApp:
    """The bot, wired: services, handlers, rate limiter, defaults, start-up and shutdown hooks.

    `request` replaces the HTTP layer (the offline console and tests pass a fake Telegram);
    `clock` replaces the wall clock. `durable` leaves polling to bot/transport/polling.py (no PTB
    Updater), which stores every update before confirming it to Telegram.
    """
    engine = create_engine(settings.database_url)
    editions = load_editions(settings.editions_file)
    reminder_data = load_reminder_data()
    for edition in editions.all:
        specs_for(edition, reminder_data)  # a bad schedule in the data stops start-up here
    deps = Deps(
        settings=settings,
        clock=clock or make_clock(settings.tz, settings.bot_clock_start),
        engine=engine,
        sessions=create_sessionmaker(engine),
        editions=editions,
        matcher=load_matcher(),
        reminders=reminder_data,
    )
    token = settings.telegram_bot_token
    builder = (
        ApplicationBuilder()
        .token(token.get_secret_value() if token else OFFLINE_TOKEN)
        .base_url(settings.telegram_api_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.tz,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(ContextTypes(context=BotContext))
        # Every request goes through one limiter that waits out RetryAfter and retries.
        .rate_limiter(
            TelegramRateLimiter(
                settings.send_rate,
                private_per_second=settings.telegram_chat_rate,
                max_retries=RATE_LIMIT_RETRIES,
            )
        )
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if durable:
        builder = builder.updater(None)
    app: BotApp = builder.build()
    app.bot_data[DEPS_KEY] = deps
    register_handlers(app)
    schedule_jobs(app)
    return app


@asynccontextmanager
async def running(app: BotApp) -> AsyncIterator[BotApp]:
    """Run the app without an updater (console, tests): the same hooks as run_polling."""
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        try:
            yield app
        finally:
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
