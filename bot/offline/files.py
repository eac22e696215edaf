"""Files the bot sends in the console (charts, exports), saved where a person can open them."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\-]+")


class FileShelf:
    """A folder for the console's files; made on the first file, never overwriting one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, name: str, content: bytes) -> Path:
        """Write `content` under `name` (made safe; "-2", "-3"... if taken); the path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        # The name comes from the bot, but only a plain file name may land in the folder.
        safe = _UNSAFE.sub("_", Path(name).name).strip("._") or "tep"
        stem, dot, suffix = safe.rpartition(".")
        if not dot:
            stem, suffix = safe, ""
        number = 1
        while True:
            tail = "" if number == 1 else f"-{number}"
            path = self.folder / (f"{stem}{tail}.{suffix}" if dot else f"{stem}{tail}")
            try:
                with path.open("xb") as file:  # "x": an existing file is never replaced
                    file.write(content)
            except FileExistsError:
                number += 1
                continue
            return path
