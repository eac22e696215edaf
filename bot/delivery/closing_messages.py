"""The week's closing messages, built when sent (the morning after the last day): the admins'
final figures, draft results report and commendation list, and each certificate.

What they state is read at that moment: a check-in fixed late in the evening counts; a
recipient who is no longer an admin, or no longer meets the certificate's bar, gets nothing
(the row fails with that reason, counted in /lichnhac).
"""

from __future__ import annotations

from bot.context import Deps
from bot.core.cert_code import shown
from bot.core.clock import local_today
from bot.core.editions import Edition
from bot.delivery.outgoing import Outgoing
from bot.services import certificates, commendations, reports, results_report
from bot.ui import files, keyboards, report_texts
from bot.ui.texts import Vi, for_language
from db.queries.outbox import Claimed


def _edition(deps: Deps, row: Claimed) -> Edition:
    edition = deps.editions.get(int(row.payload["year"]))
    if edition is None:  # the edition was removed under a planned message
        raise LookupError(f"edition {row.payload['year']} is no longer known")
    return edition


async def render(deps: Deps, row: Claimed, bot_username: str) -> Outgoing:
    """The message of one closing outbox row (payload "reminder": a CLOSING_KINDS kind)."""
    kind, edition = row.payload["reminder"], _edition(deps, row)
    t = for_language(row.payload.get("language"))
    if kind == "certificate":
        return await _certificate(deps, row, edition, bot_username)
    # The admins' messages carry the figures and names: only to who is an admin now.
    if row.chat_id not in deps.settings.admin_ids:
        raise LookupError("the recipient is no longer an admin")
    tz = deps.clock.tz
    if kind == "week_figures":
        stats = await reports.figures(deps.sessions, edition, tz)
        body = report_texts.summary(t, edition, stats, local_today(deps.clock))
        text = t.CLOSING_FIGURES_HEAD.format(year=edition.year) + "\n\n" + body
        return Outgoing("text", text, keyboards.report(t, edition.year, True))
    if kind == "week_report":
        data, name = await _report(deps, edition)
        caption = t.CLOSING_REPORT_CAPTION.format(year=edition.year)
        return Outgoing("document", caption, data=data, filename=name)
    if kind == "week_honours":
        data, name = await _commendations(deps, edition)
        caption = t.CLOSING_COMMENDATIONS_CAPTION.format(year=edition.year)
        return Outgoing("document", caption, data=data, filename=name)
    raise LookupError(f"no closing message of kind {kind!r}")


async def _certificate(deps: Deps, row: Claimed, edition: Edition, bot_username: str) -> Outgoing:
    if row.user_id is None:
        raise LookupError("a certificate needs its person")
    bar, now = deps.closing.bar(edition), deps.clock.now()
    cert = await certificates.for_user(deps.sessions, row.user_id, edition, bar, now)
    if cert is None:
        raise LookupError("no longer meets the certificate's bar")
    # Dated the day it was issued, as /chungnhan and /xacthuc date it.
    issued_on = cert.issued_at.astimezone(deps.clock.tz).date()
    issuer = files.issuer_of(deps.settings, bot_username, issued_on)
    data = await files.certificate_pdf(cert, edition, issuer)
    t = for_language(row.payload.get("language"))
    caption = t.CLOSING_CERTIFICATE_CAPTION.format(
        year=edition.year,
        days=cert.days,
        total=edition.days,
        time=t.fmt_minutes(cert.minutes),
        code=shown(cert.code),
    )
    return Outgoing("document", caption, data=data, filename=files.certificate_filename(cert))


async def _report(deps: Deps, edition: Edition) -> tuple[bytes, str]:
    """The draft results report, as /baocao builds it (not audited: nobody asked)."""
    head = results_report.letterhead(deps.settings)
    found = await results_report.report_data(
        deps.sessions, edition, deps.clock.tz, head, deps.clock.now()
    )
    return await files.report_file(found), files.report_name(edition.year)


async def _commendations(deps: Deps, edition: Edition) -> tuple[bytes, str]:
    """The commendation list, as /khenthuong builds it (always Vietnamese: an official list)."""
    tz = deps.clock.tz
    found = await commendations.gather(
        deps.sessions, edition, tz, deps.closing.bar(edition), deps.clock.now()
    )
    data = await files.commendations_file(Vi, found, tz)
    return data, files.commendations_name(edition.year)
