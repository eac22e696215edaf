"""Our compact table of Bot API methods and limits, against the official spec when present."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.ui import telegram_api as api

SPEC = Path(__file__).resolve().parents[3] / "shared" / "telegram-bot-api" / "api.json"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    if not SPEC.is_file():
        pytest.skip(f"Bot API spec not found at {SPEC}; the table cannot be cross-checked here")
    return json.loads(SPEC.read_text("utf-8"))


def _fields(spec: dict[str, Any], where: str) -> dict[str, Any]:
    section = spec["methods"] if where[0].islower() else spec["types"]
    return {f["name"]: f for f in section[where].get("fields", [])}


@pytest.mark.parametrize("method", sorted(api.METHODS))
def test_methods_exist_with_the_same_required_fields(spec: dict[str, Any], method: str) -> None:
    assert method in spec["methods"], f"{method} is not a Bot API method"
    fields = _fields(spec, method)
    ours = api.METHODS[method]
    assert ours.fields <= fields.keys(), ours.fields - fields.keys()
    assert ours.required == {n for n, f in fields.items() if f["required"]}


# Every limit the module names, found rather than listed: a new one is checked too.
LIMITS = [value for value in vars(api).values() if isinstance(value, api.Limit)]


@pytest.mark.parametrize("limit", LIMITS, ids=lambda lim: ".".join(lim.where))
def test_limits_match_the_descriptions(spec: dict[str, Any], limit: api.Limit) -> None:
    owner, field = limit.where
    description = _fields(spec, owner)[field]["description"]
    found = re.search(r"(\d+)-(\d+) (characters|bytes)", description)
    assert found is not None, description
    assert (int(found[1]), int(found[2]), found[3]) == (limit.low, limit.high, limit.unit)


def test_html_tags_are_documented(spec: dict[str, Any]) -> None:
    # The formatting options are prose in the spec; at least the parse_mode field must exist.
    assert "parse_mode" in _fields(spec, "sendMessage")
