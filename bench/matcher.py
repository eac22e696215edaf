"""Question matcher throughput, in process: `python -m bench.matcher`.

Reports questions/second over the labelled set (warm cache), the cost of the first pass
(cold typo cache) and the worst case: a maximal Telegram message of random words.
"""

from __future__ import annotations

import platform
import random
import string
import time
from pathlib import Path

from bot.core.matcher import load_matcher

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "questions.tsv"


def main() -> None:
    questions = [
        line.split("\t")[0]
        for line in QUESTIONS.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    matcher = load_matcher()
    started = time.perf_counter()
    for q in questions:
        matcher.match(q)
    cold = len(questions) / (time.perf_counter() - started)

    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < 3:
        for q in questions:
            matcher.match(q)
        count += len(questions)
    warm = count / (time.perf_counter() - started)

    rng = random.Random(7)
    words = " ".join("".join(rng.choices(string.ascii_lowercase, k=5)) for _ in range(680))
    started = time.perf_counter()
    matcher.match(words[:4096])
    worst_ms = (time.perf_counter() - started) * 1000

    print(
        f"machine: {platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"questions: {len(questions)}")
    print(f"cold (first pass, empty typo cache): {cold:,.0f} questions/s")
    print(f"warm: {warm:,.0f} questions/s (target > 5,000)")
    print(f"worst case, 4,096 characters of unknown words: {worst_ms:.1f} ms")


if __name__ == "__main__":
    main()
