"""Bot settings, read from the environment or a `.env` file (pydantic-settings)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/bot.db"


class Settings(BaseSettings):
    """Every knob of the bot; field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_DATABASE_URL
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    bot_timezone: str = "Asia/Ho_Chi_Minh"
    editions_file: Path | None = None
    telegram_max_rate: float = Field(default=25.0, gt=0, le=1000)
    # Messages per second to one private chat (Telegram: about 1, short bursts tolerated).
    telegram_chat_rate: float = Field(default=1.0, gt=0, le=1000)
    bot_clock_start: datetime | None = None
    # How often the dispatcher looks for due reminders (seconds; 0 turns it off).
    dispatch_interval_seconds: float = Field(default=10.0, ge=0)
    # A reminder later than this (bot down, backlog) is not sent but counted as skipped_late.
    reminder_late_grace_minutes: int = Field(default=120, ge=0)
    log_level: str = "INFO"
    # Handled raw updates (names, notes, usernames as typed) are deleted after this many days;
    # at least one, so a webhook update Telegram redelivers is still recognised as handled.
    inbox_retention_days: int = Field(default=7, ge=1, le=366)
    # Who controls the personal data and whom people contact about it, as the privacy texts
    # name them (e.g. "Phòng Tổ chức cán bộ, email ...@...gov.vn"). Unset: "ban tổ chức Tuần
    # lễ của cơ quan bạn" (in English: "the organisers of the Week at your agency").
    privacy_contact: str | None = Field(default=None, min_length=1, max_length=300)
    # Updates handled at once (each chat's updates still one after another, in order). Each
    # waits for Telegram's answer to its reply (~0.1-0.2 s from Vietnam), so 8 keep up with the
    # 25 replies/s the limiter allows even with one slot held by an export. More costs CPU:
    # httpcore checks every idle pooled connection on each request (docs/benchmarks.md).
    update_concurrency: int = Field(default=8, ge=1, le=256)
    # Several replicas on one PostgreSQL database: this one is number REPLICA_INDEX of
    # REPLICAS; it handles the chats with chat_id mod REPLICAS == REPLICA_INDEX and sends at
    # its share, TELEGRAM_MAX_RATE / REPLICAS, so together they stay within the bot's limit.
    replicas: int = Field(default=1, ge=1, le=64)
    replica_index: int = Field(default=0, ge=0)
    # Webhook mode (`python -m bot webhook` or BOT_MODE=webhook).
    bot_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None  # public HTTPS base URL; Telegram calls <url>/telegram
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Operations (bot/metrics.py, bot/health.py, bot/alerts.py). In polling mode /metrics and
    # /healthz are served on METRICS_LISTEN:METRICS_PORT when the port is set; in webhook mode
    # by the webhook server itself.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_listen: str = "127.0.0.1"
    # /healthz fails when the last successful getUpdates (or webhook call) is older than this.
    # Unset: 120 s when polling (a long poll returns at least every 25 s), no check for a
    # webhook (Telegram calls only when there is an update; a quiet night is not a fault).
    # 0 turns the check off in both modes.
    health_stale_after_seconds: float | None = Field(default=None, ge=0)
    # The agency running the week here, named in greetings, invitations and documents
    # (e.g. "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh"). Unset: texts say "cơ quan".
    org_name: str | None = Field(default=None, min_length=1, max_length=200)
    # The documents the week ends with (the results report, certificates): the superior body
    # the report goes to (e.g. "Ủy ban nhân dân Thành phố Hồ Chí Minh"), the place name of the
    # date line ("Thành phố Hồ Chí Minh"), and who signs. Unset: the lines are left blank
    # for the office to fill in, never invented.
    org_parent: str | None = Field(default=None, min_length=1, max_length=200)
    org_place: str | None = Field(default=None, min_length=1, max_length=100)
    signer_title: str | None = Field(default=None, min_length=1, max_length=100)
    signer_name: str | None = Field(default=None, min_length=1, max_length=100)
    # A participation certificate needs at least this many days of the week with a check-in
    # (capped at the week's length) and at least this many minutes in all (0: no minimum).
    cert_min_days: int = Field(default=5, ge=1, le=31)
    cert_min_minutes: int = Field(default=0, ge=0, le=100_000)
    sentry_dsn: SecretStr | None = None
    sentry_environment: str | None = None

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        # `TELEGRAM_BOT_TOKEN=` in a .env file means "no token": run offline.
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator(
        "metrics_port",
        "sentry_dsn",
        "health_stale_after_seconds",
        "org_name",
        "org_parent",
        "org_place",
        "signer_title",
        "signer_name",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # `METRICS_PORT=` or `SENTRY_DSN=` in a .env file means "not set".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            try:
                return frozenset(int(p) for p in parts if p)
            except ValueError as exc:
                raise ValueError("expected comma-separated Telegram user ids") from exc
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("bot_clock_start")
    @classmethod
    def _aware_clock_start(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("needs a UTC offset, e.g. 2023-10-01T15:59:30+07:00")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's rule for secret_token: 1-256 characters of A-Z a-z 0-9 _ -
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("1-256 characters of A-Z, a-z, 0-9, _ and - only")
        return value

    @field_validator("editions_file")
    @classmethod
    def _editions_file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"file not found: {value}")
        return value

    @model_validator(mode="after")
    def _replica_in_range(self) -> Settings:
        if self.replica_index >= self.replicas:
            raise ValueError("REPLICA_INDEX must be below REPLICAS")
        if self.replicas > 1 and self.database_url.startswith("sqlite"):
            raise ValueError("REPLICAS > 1 needs a PostgreSQL DATABASE_URL")
        return self

    @property
    def send_rate(self) -> float:
        """Messages per second this process may send: its share of the bot's limit."""
        return self.telegram_max_rate / self.replicas

    @property
    def telegram_file_base_url(self) -> str:
        """Where files users send are downloaded from (a local Bot API server serves them
        beside its methods: ".../bot" becomes ".../file/bot")."""
        base = self.telegram_api_base_url.rstrip("/")
        root = base.removesuffix("/bot")
        return f"{root}/file/bot" if root != base else f"{base}/file"

    @property
    def tz(self) -> ZoneInfo:
        """The bot's local time zone."""
        return ZoneInfo(self.bot_timezone)

    @property
    def offline(self) -> bool:
        """True when no token is set: the bot runs the offline console."""
        return self.telegram_bot_token is None


def describe_error(exc: ValidationError) -> str:
    """One line naming the first offending environment variable."""
    first = exc.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "SETTINGS"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"Invalid setting {name}: {message}"
