"""The one writer of a dispatcher pass: hand-overs, outcomes, releases and heartbeats.

Each message needs two writes: "handed to HTTP" committed before its request leaves (so a
crash never resends it) and its outcome after. One transaction per message would cap the
send rate at the database's commit rate; here every write waiting when a transaction starts
shares it (group commit): at a few messages per second most commits carry one or two
rows, and when commits are slow more rows share each one.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.context import Deps
from db.queries import audience
from db.queries import outbox as box

log = logging.getLogger(__name__)

WRITE_RETRIES = 3  # failed writes in a row before pending outcomes are given up
RETRY_DELAY = 1.0  # seconds between failed writes


class NotHandedOver(Exception):
    """The row was not marked as handed over (claim lost, pass halted, database down):
    its request must not be made."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one claimed row; written with whatever else is waiting."""

    row: box.Claimed
    status: str
    message_id: int | None = None
    error: str | None = None
    retry_at: datetime | None = None
    unreachable: bool = False  # Forbidden: the user blocked the bot, or the bot left the group


class Ledger:
    def __init__(self, deps: Deps, owner: str) -> None:
        self.deps = deps
        self.owner = owner
        self._handovers: dict[int, asyncio.Future[bool]] = {}
        self._outcomes: list[Outcome] = []
        self._releases: list[int] = []
        self._renew = False
        self._task: asyncio.Task[None] | None = None
        self.lost = 0  # outcomes given up after repeated write failures (rows end `unknown`)

    async def hand_over(self, row_id: int) -> None:
        """Returns once the row is committed as handed over; raises NotHandedOver if not."""
        waiter = asyncio.get_running_loop().create_future()
        self._handovers[row_id] = waiter
        self._kick()
        if not await waiter:
            raise NotHandedOver(row_id)

    def record(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        self._kick()

    def release(self, row_ids: list[int]) -> None:
        """Claimed rows that will not be sent in this pass: back to the queue."""
        self._releases += row_ids
        self._kick()

    def heartbeat(self) -> None:
        """Renew this process's claims (it is alive, however slow its sends are)."""
        self._renew = True
        self._kick()

    async def close(self) -> None:
        """Until everything recorded so far is written (or given up)."""
        while self._task is not None and not self._task.done():
            await asyncio.wait([self._task])

    def _kick(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())

    def _waiting(self) -> bool:
        return bool(self._handovers or self._outcomes or self._releases or self._renew)

    async def _run(self) -> None:
        failures = 0
        while self._waiting():
            handovers, self._handovers = self._handovers, {}
            outcomes, self._outcomes = self._outcomes, []
            releases, self._releases = self._releases, []
            renew, self._renew = self._renew, False
            try:
                ok = await self._write(list(handovers), outcomes, releases, renew)
            except Exception as exc:
                failures += 1
                # The type only: a driver's message can quote the statement's parameters.
                log.error("dispatcher could not write to the database (%s)", type(exc).__name__)
                for waiter in handovers.values():
                    waiter.set_result(False)  # not marked: not sent
                self._releases += [*releases, *handovers]
                self._outcomes[:0] = outcomes
                if failures >= WRITE_RETRIES:
                    # Rows handed over stay `sending` and end `unknown` when their lease runs
                    # out; rows not handed over go back to the queue then.
                    self.lost += len(self._outcomes)
                    self._outcomes, self._releases, self._renew = [], [], False
                    for waiter in self._handovers.values():
                        waiter.set_result(False)
                    self._handovers = {}
                    return
                await asyncio.sleep(RETRY_DELAY)
                continue
            failures = 0
            for row_id, waiter in handovers.items():
                waiter.set_result(row_id in ok)

    async def _write(
        self, handovers: list[int], outcomes: list[Outcome], releases: list[int], renew: bool
    ) -> set[int]:
        async with self.deps.sessions() as session, session.begin():
            now = self.deps.clock.now()
            ok = await box.hand_over(session, handovers, self.owner, now)
            await box.release(session, releases, self.owner)
            for o in outcomes:
                await box.finish(
                    session,
                    o.row.id,
                    self.owner,
                    o.status,
                    now,
                    message_id=o.message_id,
                    error=o.error,
                    retry_at=o.retry_at,
                    forget_payload=o.row.kind == box.NOTICE,
                )
                if o.unreachable:
                    await audience.mark_unreachable(session, o.row.chat_id, o.row.user_id)
                    if o.row.user_id is not None:
                        await box.cancel_for_user(session, o.row.user_id, now, "blocked the bot")
            if renew:
                await box.renew(session, self.owner, now)
        return ok
