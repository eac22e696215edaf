"""The Dockerfile and .dockerignore, checked without Docker (these machines cannot build)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from bot.__main__ import _parser

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _pattern(glob: str) -> re.Pattern[str]:
    """Docker's matching: anchored at the context root, `*` within one path segment, `**`
    across segments; a matched directory excludes everything under it."""
    parts = []
    for segment in glob.strip("/").split("/"):
        if segment == "**":
            parts.append("(?:[^/]+/)*")
        else:
            text = re.escape(segment).replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
            parts.append(text + "/")
    return re.compile("".join(parts).removesuffix("/"))


def ignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    excluded = False
    for raw in patterns:
        negate = raw.startswith("!")
        regex = _pattern(raw.removeprefix("!"))
        pieces = path.split("/")
        prefixes = ["/".join(pieces[: i + 1]) for i in range(len(pieces))]
        if any(regex.fullmatch(p) for p in prefixes):
            excluded = not negate
    return excluded


def test_dockerignore_keeps_environments_data_secrets_and_caches_out() -> None:
    for path in (
        ".venv/bin/python",
        ".uv/bin/uv",
        "data/bot.db",
        "bot.db",
        "data/bot.db-wal",
        ".env",
        ".env.production",
        ".git/HEAD",
        "bot/__pycache__/app.cpython-311.pyc",
        "handlers/__pycache__/x.pyc",
        ".mypy_cache/3.11/x.json",
        ".pytest_cache/v/x",
        ".ruff_cache/x",
        ".hypothesis/examples/x",
    ):
        assert ignored(path), path


def test_dockerfile_copies_files_that_exist_and_are_not_ignored() -> None:
    copies = [shlex.split(args) for word, args in instructions() if word == "COPY"]
    assert copies
    sources = [source for args in copies for source in args[:-1]]
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not ignored(source), source
    # What the bot needs at run time is in the image, bot/data included.
    for needed in (
        "bot/__main__.py",
        "bot/core/data/editions.toml",
        "db/migrations/env.py",
        "handlers/start.py",
        "settings.py",
        "uv.lock",
    ):
        assert any(needed == s or needed.startswith(s.rstrip("/") + "/") for s in sources)
        assert not ignored(needed), needed


def test_dockerfile_installs_locked_runs_as_a_user_and_checks_health() -> None:
    steps = instructions()
    runs = " ".join(args for word, args in steps if word == "RUN")
    assert "uv sync --locked --no-dev --extra postgres" in runs
    uv_pin = re.search(r"uv==([\d.]+)", runs)
    makefile_pin = re.search(r"^UV_VERSION := ([\d.]+)$", (ROOT / "Makefile").read_text(), re.M)
    assert uv_pin and makefile_pin and uv_pin.group(1) == makefile_pin.group(1)
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert ("VOLUME", '["/data"]') in steps
    env = " ".join(args for word, args in steps if word == "ENV")
    assert "DATABASE_URL=sqlite+aiosqlite:////data/bot.db" in env
    [health] = [args for word, args in steps if word == "HEALTHCHECK"]
    [cmd] = [args for word, args in steps if word == "CMD"]
    assert cmd == '["python", "-m", "bot"]' and (ROOT / "bot" / "__main__.py").is_file()
    # The health check runs a command the bot really has.
    assert health.endswith('CMD ["python", "-m", "bot", "healthcheck"]')
    assert _parser().parse_args(["healthcheck"]).command == "healthcheck"
