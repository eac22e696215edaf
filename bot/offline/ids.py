"""Ids for the console's updates, messages and button presses: never the same twice, not
even across restarts.

A check-in remembers the message that made it ("msg:<chat>:<message id>") so that a
redelivered update is not counted twice. A console that numbered its messages from the same
start each time would make the first check-in after a restart look like a redelivery of an
older one, and store nothing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.numbers import parse_int

MARK_SUFFIX = ".console-ids"
# Ids are reserved in blocks and the block's end is written down: one small write per block,
# and a run that ends abruptly still never hands out an id a later run will.
BLOCK = 100_000
_MARK_MAX = 2**53 - 1  # Telegram's ids fit in 53 bits; anything larger in the file is not ours


class IdSeries:
    """Hands out increasing ids, starting past every id an earlier run may have used.

    The start is the wall clock in milliseconds (a person cannot type a thousand messages a
    second), and at least the end of the block the last run reserved in `mark` (a file next
    to the database), which also covers a clock that was set back.
    """

    def __init__(self, mark: Path | None, now: Callable[[], float] = time.time) -> None:
        self._mark = mark
        self._next = max(int(now() * 1000), _read_mark(mark))
        self._reserved = self._next  # ids below this one are written down as used

    def __call__(self) -> int:
        if self._next >= self._reserved:
            self._reserved = self._next + BLOCK
            _write_mark(self._mark, self._reserved)
        value = self._next
        self._next += 1
        return value


def mark_beside(database: Path | None) -> Path | None:
    """Where a database file's console keeps its reserved ids (None: no file to sit beside)."""
    return None if database is None else database.with_name(database.name + MARK_SUFFIX)


def _read_mark(mark: Path | None) -> int:
    if mark is None:
        return 0
    try:
        text = mark.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return 0
    return parse_int(text, 0, _MARK_MAX) or 0


def _write_mark(mark: Path | None, value: int) -> None:
    if mark is None:
        return
    # A read-only directory costs only the guard against a clock set back, not the console.
    with contextlib.suppress(OSError):
        mark.write_text(f"{value}\n", encoding="ascii")
