"""User-facing texts: one module per language; pick by the user's Telegram language."""

from __future__ import annotations

from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi

# Either catalogue: mypy checks that a key used anywhere exists in both (no shared base
# with values, so English never falls back to Vietnamese).
Texts = type[Vi] | type[En]


def for_language(language_code: str | None) -> Texts:
    """English for users whose Telegram speaks English; Vietnamese for everyone else."""
    if language_code and language_code.lower().startswith("en"):
        return En
    return Vi


__all__ = ["En", "Texts", "Vi", "for_language"]
