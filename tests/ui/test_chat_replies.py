"""Replies to unanswerable questions: from the edition's data when it holds the fact, else
"the notice does not say" with the nearest fact it does give (bot/ui/chat.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.core.editions import Edition, Editions, load_editions
from bot.core.matcher import Kind, load_matcher
from bot.ui.chat import SMALLTALK, UNANSWERABLE, unanswerable
from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi

TODAY = date(2023, 10, 3)


def with_2023(**fields: str) -> Editions:
    editions = load_editions()
    latest = replace(editions.get(2023), **fields)  # type: ignore[arg-type]
    return Editions([latest, *[e for e in editions.all if e.year != 2023]])


@pytest.mark.parametrize("intent", sorted(UNANSWERABLE))
def test_a_field_the_data_holds_is_answered_from_it(intent: str) -> None:
    field, _ = UNANSWERABLE[intent]
    text = unanswerable(intent, with_2023(**{field: "Giá trị <thật>"}), None, TODAY, Vi)
    assert "Giá trị &lt;thật&gt;" in text and Vi.CHAT_TOPIC_TITLES[intent] in text
    assert Vi.CHAT_NEAREST not in text and Vi.CHAT_TOPICS[intent] not in text
    assert text.endswith(Vi.SOURCE.format(source=load_editions().get(2023).source))  # type: ignore[union-attr]


@pytest.mark.parametrize("intent", sorted(UNANSWERABLE))
def test_a_field_the_data_lacks_is_said_with_the_nearest_fact(intent: str) -> None:
    for t in (Vi, En):
        text = unanswerable(intent, load_editions(), None, TODAY, t)
        assert text.startswith(t.CHAT_NOT_STATED.format(year=2023, topic=t.CHAT_TOPICS[intent]))
        assert t.CHAT_NEAREST in text


def test_every_intent_of_the_kind_has_a_reply_in_both_languages() -> None:
    kinds = {i.name: i.kind for i in load_matcher().intents}
    assert {n for n, k in kinds.items() if k is Kind.UNANSWERABLE} == set(UNANSWERABLE)
    assert {n for n, k in kinds.items() if k is Kind.SMALLTALK} == set(SMALLTALK) | {"greeting"}
    for t in (Vi, En):
        assert set(t.CHAT_TOPICS) == set(t.CHAT_TOPIC_TITLES) == set(UNANSWERABLE)
        assert set(t.CHAT_SMALLTALK) == set(SMALLTALK)
    for field, _ in UNANSWERABLE.values():
        assert field in Edition.__dataclass_fields__
