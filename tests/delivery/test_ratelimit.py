"""The rate limiter, on a fake clock: no real sleeping."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.delivery.ratelimit import TelegramRateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def limiter(clock: FakeTime, **kwargs: Any) -> TelegramRateLimiter:
    return TelegramRateLimiter(monotonic=clock.monotonic, sleep=clock.sleep, **kwargs)


async def send_all(rl: TelegramRateLimiter, clock: FakeTime, chats: list[int]) -> list[float]:
    times: list[float] = []

    async def call() -> bool:
        times.append(clock.now)
        return True

    for chat in chats:
        await rl.process_request(call, (), {}, "sendMessage", {"chat_id": chat}, None)
    return times


def max_in_window(times: list[float], window: float) -> int:
    return max(sum(1 for t in times if start <= t < start + window - 1e-9) for start in times)


@pytest.mark.parametrize("rate", [25.0, 30.0, 5.0])
async def test_overall_rate_is_held(rate: float) -> None:
    clock = FakeTime()
    times = await send_all(limiter(clock, overall_per_second=rate), clock, list(range(1, 301)))
    assert max_in_window(times, 1.0) <= rate
    assert times[-1] == pytest.approx(299 / rate)  # and it does not go slower than asked


async def test_one_private_chat_gets_a_short_burst_then_one_per_second() -> None:
    clock = FakeTime()
    times = await send_all(limiter(clock), clock, [42] * 6)
    assert times[3] - times[0] >= 1.0 - 1e-9
    assert [round(t) for t in times[3:]] == [1, 2, 3]


async def test_a_group_gets_at_most_twenty_per_minute() -> None:
    clock = FakeTime()
    times = await send_all(limiter(clock), clock, [-100_123] * 45)
    assert max_in_window(times, 60.0) <= 20 + 2  # the burst of 3 rides on the first slot
    assert times[-1] >= 40 * 3.0


async def test_retry_after_pauses_everyone_then_retries() -> None:
    clock = FakeTime()
    rl = limiter(clock)
    attempts: list[float] = []

    async def flaky() -> bool:
        attempts.append(clock.now)
        if len(attempts) == 1:
            raise RetryAfter(timedelta(seconds=2))
        return True

    assert await rl.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None) is True
    assert attempts[1] >= 2.1
    later = await send_all(rl, clock, [2])
    assert later[0] >= 2.1 and rl.retries == 1


async def test_gives_up_after_max_retries() -> None:
    clock = FakeTime()

    async def always() -> bool:
        raise RetryAfter(timedelta(seconds=1))

    with pytest.raises(RetryAfter):
        await limiter(clock, max_retries=2).process_request(
            always, (), {}, "sendMessage", {"chat_id": 1}, None
        )
    assert clock.now >= 2.2


async def test_requests_without_a_chat_are_not_counted() -> None:
    clock = FakeTime()
    rl = limiter(clock, overall_per_second=1.0)

    async def call() -> bool:
        return True

    for _ in range(10):
        await rl.process_request(call, (), {}, "answerCallbackQuery", {}, None)
    assert clock.now == 0.0
