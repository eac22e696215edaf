# One-command entry points; everything is installed from uv.lock, the versions the tests ran on.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# uv installs the locked versions. The one on PATH if there is one, else this pinned version,
# which pip puts into a venv of its own (.uv/): `uv sync` removes from .venv whatever the lock
# does not list, uv itself included.
UV_VERSION := 0.13.9
UV ?= $(shell command -v uv 2>/dev/null || echo .uv/bin/uv)
# Use $(PYTHON), never a Python build downloaded from the internet.
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run console test lint typecheck bench bench-quick clean

.uv/bin/uv:
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet 'uv==$(UV_VERSION)'

# Re-synced when pyproject.toml or uv.lock change; `--locked` fails if the lock no longer
# matches pyproject.toml (run `uv lock` after changing dependencies, and commit uv.lock).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON) --extra dev --extra postgres
	touch $(STAMP)

install: $(STAMP)

## Run the bot: long polling with TELEGRAM_BOT_TOKEN, else the offline console chat.
run: $(STAMP)
	$(BIN)/python -m bot

## The import contracts in pyproject.toml [tool.importlinter]: see docs/architecture.md.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest

## Benchmarks (bench/, results in docs/benchmarks.md). The PostgreSQL report runs on the
## server in BENCH_PG_URL. `bench` takes about 11 minutes, 7 of them the 10,000-recipient
## broadcast, which Telegram's 30 messages/s cannot make shorter than 5.5; `bench-quick`
## runs every script on smaller sizes in about 3.
BENCH_PG_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
BENCH := $(BIN)/python -m bench

bench: $(STAMP)
	$(BENCH).matcher
	$(BENCH).burst
	$(BENCH).broadcast --recipients 10000 --limit 30 --rate 25
	$(BENCH).broadcast --recipients 10000 --limit 1000 --rate 1000
	$(BENCH).reports --backend sqlite
	BENCH_PG_URL=$(BENCH_PG_URL) $(BENCH).reports --backend postgresql
	$(BENCH).roster --people 1000 --units 40
	$(BENCH).roster --people 50000 --units 400 --rounds 1
	$(BENCH).report --officials 20000 --units 60
	$(BENCH).certificates --count 40

bench-quick: $(STAMP)
	$(BENCH).matcher
	$(BENCH).burst --messages 1000 --users 250 --crowd 5000
	$(BENCH).broadcast --recipients 1500 --limit 30 --rate 25
	$(BENCH).broadcast --recipients 3000 --limit 1000 --rate 1000
	$(BENCH).reports --backend sqlite --checkins 200000 --export-rows 20000
	BENCH_PG_URL=$(BENCH_PG_URL) $(BENCH).reports --backend postgresql --checkins 200000 --export-rows 20000
	$(BENCH).roster --people 1000 --units 40 --rounds 1
	$(BENCH).report --officials 5000 --units 60 --rounds 1
	$(BENCH).certificates --count 10 --rounds 1

clean:
	rm -rf $(VENV) .uv .mypy_cache .pytest_cache .ruff_cache .hypothesis
