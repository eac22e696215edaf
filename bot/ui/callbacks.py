"""Typed button payloads: a frozen dataclass per kind of button, packed into callback_data.

`Undo(checkin_id=7).pack()` gives "undo:7"; `Undo.unpack("undo:7")` gives it back, and
anything else (a forged, truncated or stale payload) gives None, never an exception.
Telegram refuses callback_data over 64 bytes: `pack` checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Self, get_type_hints

MAX_BYTES = 64
SEPARATOR = ":"
_ASCII_INT = re.compile(r"-?[0-9]{1,18}")


class CallbackDataError(ValueError):
    """A payload that would not fit Telegram's 64 bytes, or a field holding the separator."""


@dataclass(frozen=True, slots=True)
class CallbackData:
    """Base class: subclasses set `prefix` and declare int or str fields, in order."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        parts = [self.prefix]
        for field in fields(self):
            value = str(getattr(self, field.name))
            if SEPARATOR in value:
                raise CallbackDataError(f"{field.name} may not contain {SEPARATOR!r}")
            parts.append(value)
        data = SEPARATOR.join(parts)
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise CallbackDataError(f"callback_data over {MAX_BYTES} bytes: {data[:20]}…")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The payload as this type, or None if it is not one of ours."""
        if data is None:
            return None
        head, *parts = data.split(SEPARATOR)
        names = [f.name for f in fields(cls)]
        if head != cls.prefix or len(parts) != len(names):
            return None
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for name, raw in zip(names, parts, strict=True):
            if hints[name] is int:
                if not _ASCII_INT.fullmatch(raw):  # not "²" nor 5,000 digits
                    return None
                values[name] = int(raw)
            elif raw and raw.isascii():
                values[name] = raw
            else:
                return None
        try:
            found = cls(**values)
        except ValueError:  # a subclass's own check (__post_init__) refused it
            return None
        # One spelling per button: "undo:07" or "rp:day:02023" are not what the bot sent.
        return found if found.pack() == data else None

    @classmethod
    def pattern(cls) -> str:
        """A regex for CallbackQueryHandler that matches this kind of button only."""
        return f"^{re.escape(cls.prefix)}{SEPARATOR}"


# Admin tools and reports (handlers/admin.py, handlers/reports.py).
