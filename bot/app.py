"""All wiring in one place: `build_application(settings)` returns a ready Application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    Defaults,
)
from telegram.request import BaseRequest

from bot.context import DEPS_KEY, BotApp, BotContext, Deps, deps_of
from bot.core.clock import Clock, make_clock
from bot.core.editions import EditionBook, load_editions
from bot.core.matcher import load_matcher
from bot.core.schedule import load_reminder_data, specs_for
from bot.delivery.outbox_sender import dispatch_job
from bot.delivery.ratelimit import TelegramRateLimiter
from bot.ops.db_errors import DatabaseUnavailable, check_writable
from bot.ops.db_state import on_database_error, state_of
from bot.services import editions as edition_store
from bot.services import retention
from bot.transport.draft_codec import DraftCodec
from bot.transport.persistence import DbPersistence, WriteThroughApplication
from db.session import create_engine, create_sessionmaker
from handlers import (
    admin,
    broadcast,
    certificates,
    commendations,
    flow,
    followup,
    guards,
    identity,
    invite,
    me,
    menus,
    privacy,
    receipt_undo,
    reminders,
    reports,
    results_report,
    roster,
    start,
    states,
    units,
    unreadable,
    week,
)
from handlers import calendar as week_calendar
from handlers import editions as edition_flow
from settings import Settings

log = logging.getLogger(__name__)

# PTB needs a token to build a Bot; offline, no request ever leaves the process.
OFFLINE_TOKEN = "0:offline-console"
RATE_LIMIT_RETRIES = 3
UNREADABLE_GROUP = -3  # handler groups run in ascending order; group 0 holds the features
IDENTITY_GROUP = -2
EDITIONS_REFRESH_SECONDS = 60


def register_handlers(app: BotApp) -> None:
    """Every handler of the bot; each feature module lists its own in `handlers()`.

    Groups run in ascending order, and within a group the first matching handler wins, so
    the order of FEATURES is the bot's behaviour: the conversations first (while someone
    types a name or a note, that text is theirs), then commands and buttons, then the
    free-text question answerer, then what the bot does not act on.
    """
    # Before anything else, text that cannot be encoded is answered and stopped.
    app.add_handlers(unreadable.handlers(), group=UNREADABLE_GROUP)
    # Then the sender's username is kept current (/grant @name).
    app.add_handlers(identity.handlers(), group=IDENTITY_GROUP)
    features = (
        flow,
        broadcast,
        edition_flow,
        start,
        me,
        receipt_undo,
        reminders,
        admin,
        roster,  # a spreadsheet sent as a file; its preview's buttons
        units,  # its rename step reads typed text: ahead of the free-text answerer
        invite,
        results_report,
        commendations,
        week_calendar,  # the end-of-week documents (issue 15)
        certificates,
        reports,
        followup,
        privacy,
        week,  # ends with the free-text question answerer
        guards,  # catch-alls: stray /cancel, commands in groups, edits, stickers, old buttons
    )
    for feature in features:
        app.add_handlers(feature.handlers())
    app.add_error_handler(on_database_error)  # outages first: one log line, not a traceback
    app.add_error_handler(guards.on_error)


async def _purge_inbox(context: BotContext) -> None:
    """The retention job: the service's purge, with the app's database, clock and period."""
    deps = context.deps
    await retention.purge(deps.sessions, deps.clock.now(), deps.settings.inbox_retention_days)
    await retention.purge_conversations(deps.sessions, deps.clock.now(), flow.FLOW_TIMEOUT)


async def _refresh_editions(context: BotContext) -> None:
    await edition_store.refresh(context.deps.sessions, context.deps.editions)


def schedule_jobs(app: BotApp) -> None:
    if app.job_queue is not None:
        # Raw updates past INBOX_RETENTION_DAYS; hourly is plenty for a period counted in days.
        app.job_queue.run_repeating(
            _purge_inbox,
            interval=retention.INTERVAL,
            first=60,
            name="inbox_retention",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    if app.job_queue is not None:
        # Editions saved on another replica reach this one within a minute.
        app.job_queue.run_repeating(
            _refresh_editions,
            interval=EDITIONS_REFRESH_SECONDS,
            first=EDITIONS_REFRESH_SECONDS,
            name="editions_refresh",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    interval = deps_of(app).settings.dispatch_interval_seconds
    if interval > 0 and app.job_queue is not None:
        # One pass at a time; a pass that runs long simply delays the next one.
        app.job_queue.run_repeating(
            dispatch_job,
            interval=interval,
            first=1,
            name="dispatcher",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )


async def _ready(engine: AsyncEngine) -> bool:
    """Before the persistence reads (PTB reads it before post_init): migrated and writable?
    If not, nothing is restored, and post_init stops the start with one clear line."""
    try:
        await check_writable(engine)
    except DatabaseUnavailable:
        return False
    return True


async def load_stored_editions(deps: Deps) -> None:
    """The editions: the packaged file fills the years the database lacks, then the bot
    answers from the database (where admins save new editions). Before any update."""
    packaged = load_editions(deps.settings.editions_file)
    await edition_store.seed(deps.sessions, packaged, deps.clock.now())
    await edition_store.refresh(deps.sessions, deps.editions, force=True)


async def _post_init(app: BotApp) -> None:
    """Migrate the database, prove it can be written, publish the command menus (everyone's,
    then each organiser's and admin's) and the bot's description."""
    deps = deps_of(app)
    await check_writable(deps.engine)  # else one clear line, not a traceback
    await load_stored_editions(deps)
    await menus.publish_all(app.bot, deps_of(app))
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
        editions=EditionBook(editions),
        matcher=load_matcher(),
        reminders=reminder_data,
    )
    # Conversation states and the flows' drafts, kept in the database across restarts.
    persistence = DbPersistence(
        deps.sessions,
        deps.clock,
        max_age=flow.FLOW_TIMEOUT,
        codec=DraftCodec(
            (
                *states.FLOW_KEYS,
                broadcast.SCHEDULE_KEY,
                roster.PENDING_FILE,
                units.UNIT_EDIT,
                edition_flow.DRAFT_KEY,
            ),
            [states.PendingCheckin],
        ),
        prepare=lambda: _ready(engine),
    )
    token = settings.telegram_bot_token
    builder = (
        ApplicationBuilder()
        .application_class(WriteThroughApplication)
        .persistence(persistence)
        .token(token.get_secret_value() if token else OFFLINE_TOKEN)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
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
