"""The import contracts of docs/architecture.md hold, and a broken one fails the build.

The contracts live in pyproject.toml [tool.importlinter]; `make lint` runs the same check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("bot", "handlers", "db")


def lint_imports(root: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the tree at `root`, which must come first on the import path."""
    # PYTHONPATH wins over the editable install, which would otherwise find this checkout.
    environment = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "200"}
    selected = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *selected],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    report = result.stdout[result.stdout.find("Contracts") :] + result.stderr
    assert result.returncode == 0, f"import contracts broken (see docs/architecture.md):\n{report}"


def test_a_forbidden_import_fails_the_check(tmp_path: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("settings.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "bot" / "core" / "leak.py").write_text(
        '"""Breaks the rule on purpose: the pure core talks to Telegram."""\n\nimport telegram\n'
    )

    result = lint_imports(tmp_path, "core")

    assert result.returncode != 0, result.stdout + result.stderr
    assert "bot.core is pure: no Telegram, no database, no other room BROKEN" in result.stdout
    # The copy was checked, not this checkout: the planted module is named.
    assert "bot.core.leak -> telegram" in result.stdout
