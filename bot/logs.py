"""Logging that never prints secrets or people's data, at any level, DEBUG included.

At DEBUG, PTB logs every Bot API call with its parameters and its answer: setWebhook's
`secret_token`, and getUpdates answers holding people's names, units and notes. aiosqlite and
SQLAlchemy log statements with their parameters and result rows. So a filter on every root
handler:

- replaces the token, the webhook secret and the database password wherever they appear
  (message, traceback, stack);
- keeps only the endpoint of PTB's request lines, never their parameters or answers, and
  never an update's contents;
- drops the DEBUG/INFO output of the database drivers (SQL parameters and rows).

`SecretStr` settings never print their value either.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import IO

REDACTED = "<redacted>"
# Loggers whose records below WARNING are made of SQL parameters and result rows.
_DATA_LOGGERS = ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.orm", "asyncpg")
# PTB's lines that carry request bodies, answers or updates: (start of the message template,
# how many leading arguments to keep).
_PTB_TEMPLATES = (
    ("Calling Bot API endpoint", 1),  # endpoint, parameters
    ("Call to Bot API endpoint", 1),  # endpoint, answer
    ("Getting updates", 0),
    ("Processing update", 0),
    ("Dropping pending update", 0),
    ("Webhook received data", 0),
    ("Request had the wrong secret token", 0),
)


class RedactingFilter(logging.Filter):
    """Scrubs a record in place before any handler formats it (filters run first)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        if record.levelno < logging.WARNING and name.startswith(_DATA_LOGGERS):
            return False
        if name.startswith("telegram") and isinstance(record.msg, str):
            for start, keep in _PTB_TEMPLATES:
                if record.msg.startswith(start) and isinstance(record.args, tuple):
                    record.args = record.args[:keep] + (REDACTED,) * (len(record.args) - keep)
                    break
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep its template only
            message = str(record.msg)
        record.msg, record.args = self.scrub(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then replaces every secret: a second guard behind the filter."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._filter = RedactingFilter(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return self._filter.scrub(super().format(record))


def redact(handler: logging.Handler, secrets: Iterable[str]) -> None:
    """Install the redacting filter on `handler` (any handler added to the root logger)."""
    handler.addFilter(RedactingFilter(list(secrets)))


def database_password(url: str) -> str:
    """The password in a database URL ("" if none), to keep it out of the logs."""
    from sqlalchemy.engine import make_url  # imported here: logging is set up before heavy imports

    try:
        password = make_url(url).password or ""
    except Exception:  # a malformed URL fails later, with its own message
        return ""
    return password if len(password) >= 4 else ""  # shorter would blank out common words


def configure_logging(level: str, secrets: list[str], stream: IO[str] | None = None) -> None:
    secrets = [s for s in secrets if s]
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for each in root.handlers:
        redact(each, secrets)
    # httpx logs every request URL at INFO, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for name in _DATA_LOGGERS:  # not even created: at DEBUG they slowed start-up to seconds
        logging.getLogger(name).setLevel(logging.WARNING)
