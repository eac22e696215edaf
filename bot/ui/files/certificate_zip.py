"""Every certificate of an edition as ZIP parts, each small enough for Telegram (a bot may
upload files up to 50 MB)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import tzinfo

from bot.core.editions import Edition
from bot.ui.files.certificate_pdf import Issuer, build_certificate, certificate_filename
from db.queries.certificates import Issued

# Stored, not deflated: the PDFs' streams are compressed already, and a stored entry's size
# is known exactly: its local header (30 bytes + name), its central entry (46 + name).
_ENTRY = 30 + 46
_END = 22


def zip_parts(
    certs: Sequence[Issued], edition: Edition, issuer: Issuer, limit: int, tz: tzinfo | None
) -> Iterator[bytes]:
    """The certificates' PDFs in ZIPs of at most `limit` bytes each (a single PDF larger
    than that goes alone in its part), each part yielded as soon as it is full; no ZIP for
    no certificates."""
    out, archive, size = io.BytesIO(), None, _END
    for cert in certs:
        dated = issuer
        if tz is not None:
            dated = dataclasses.replace(issuer, issued_on=cert.issued_at.astimezone(tz).date())
        pdf = build_certificate(cert, edition, dated)
        name = certificate_filename(cert)  # unique: it holds the certificate's code
        entry = _ENTRY + 2 * len(name.encode()) + len(pdf)
        if archive is not None and size + entry > limit:
            archive.close()
            yield out.getvalue()
            out, archive, size = io.BytesIO(), None, _END
        if archive is None:
            archive = zipfile.ZipFile(out, "w", zipfile.ZIP_STORED)
        archive.writestr(name, pdf)
        size += entry
    if archive is not None:
        archive.close()
        yield out.getvalue()
