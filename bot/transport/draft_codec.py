"""user_data's flow keys as JSON and back, for the conversation persistence (persistence.py).

Plain JSON values stay as they are; aware datetimes, dates and the dataclasses named when the
codec is built are tagged ("$datetime", "$date", "$type") so that they come back as they
were. Anything else, and a dict whose keys could be mistaken for a tag, is not kept (a
warning says which key).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

log = logging.getLogger(__name__)

DATETIME = "$datetime"  # JSON tags: {"$datetime": iso} and {"$type": name, ...fields}
TYPE = "$type"
DATE = "$date"  # {"$date": "2023-10-03"}: the day studied of a pending check-in ("hôm qua")


class DraftCodec:
    """user_data's flow keys <-> JSON: only `keys` are kept; datetimes and the dataclasses
    in `types` are tagged so that they come back as they were."""

    def __init__(self, keys: Iterable[str], types: Iterable[type[Any]] = ()) -> None:
        self.keys = frozenset(keys)
        self.types = {t.__name__: t for t in types}

    def encode(self, data: dict[Any, Any]) -> dict[str, Any] | None:
        """The draft as JSON, or None when there is none (nothing to keep)."""
        draft = {}
        for key, value in data.items():
            if key not in self.keys:
                continue
            try:
                draft[key] = self._value(value)
            except TypeError:
                log.warning("user_data[%r] is not kept across restarts: %s", key, type(value))
        return draft or None

    def _value(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, datetime):
            if value.utcoffset() is None:
                raise TypeError("naive datetime")
            return {DATETIME: value.isoformat()}
        if isinstance(value, date):
            return {DATE: value.isoformat()}
        if isinstance(value, dict) and all(isinstance(k, str) and k[:1] != "$" for k in value):
            return {k: self._value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._value(v) for v in value]
        name = type(value).__name__
        if is_dataclass(value) and self.types.get(name) is type(value):
            return {TYPE: name} | {
                f.name: self._value(getattr(value, f.name)) for f in fields(value)
            }
        raise TypeError(name)

    def decode(self, draft: dict[str, Any]) -> dict[Any, Any]:
        return {k: self._restore(v) for k, v in draft.items() if k in self.keys}

    def _restore(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._restore(v) for v in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {DATETIME}:
            return datetime.fromisoformat(value[DATETIME])
        if set(value) == {DATE}:
            return date.fromisoformat(value[DATE])
        restored = {k: self._restore(v) for k, v in value.items() if k != TYPE}
        kind = self.types.get(value.get(TYPE, "")) if TYPE in value else None
        return kind(**restored) if kind is not None else restored
