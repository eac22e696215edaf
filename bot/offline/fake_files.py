"""Files people send to the bot, as the fake Telegram keeps them: getFile and the download.

Telegram gives a bot a file in two steps: `getFile` answers a `file_path` (only for files of
at most 20 MB), then the bot downloads `<base_file_url><token>/<file_path>`. Both steps are
kept here so the handlers that read an uploaded roster or notice run unchanged offline.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# Telegram's limit for getFile on the public Bot API server.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
FILE_URL_PART = "/file/bot"


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    unique_id: str
    name: str
    mime_type: str
    content: bytes

    @property
    def path(self) -> str:
        return f"documents/{self.unique_id}"


@dataclass
class FileStore:
    """The files users uploaded, by file_id."""

    files: dict[str, StoredFile] = field(default_factory=dict)

    def put(self, content: bytes, name: str, mime_type: str) -> StoredFile:
        """Keep an upload; the same bytes under the same name get the same ids, as on
        Telegram (a re-sent file keeps its file_unique_id)."""
        digest = hashlib.sha256(name.encode() + b"\0" + content).hexdigest()
        stored = StoredFile(f"BQAC{digest[:24]}", f"AgAD{digest[:12]}", name, mime_type, content)
        self.files[stored.file_id] = stored
        return stored

    def get_file(self, file_id: str) -> tuple[dict[str, Any] | None, str]:
        """getFile's result, or None and the error Telegram gives."""
        stored = self.files.get(file_id)
        if stored is None:
            return None, "Bad Request: invalid file_id"
        if len(stored.content) > MAX_DOWNLOAD_BYTES:
            return None, "Bad Request: file is too big"
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }, ""

    def download(self, url: str) -> bytes | None:
        """The bytes behind a download URL, None if no such file."""
        path = url.split(FILE_URL_PART, 1)[-1].split("/", 1)[-1]
        return next((f.content for f in self.files.values() if f.path == path), None)

    def document_json(self, stored: StoredFile) -> dict[str, Any]:
        """The `document` object of a message carrying this file."""
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": stored.name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
        }
