"""What /chungnhan and /xacthuc say: the bar, a person's progress against it, a verdict."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from html import escape

from bot.core.cert_code import find, shown, visible
from bot.core.editions import Edition
from bot.services.certificates import Bar, Issued
from bot.ui.texts import Texts

TYPED_SHOWN = 40  # characters of a mistyped code echoed back


def bar(t: Texts, needed: Bar) -> str:
    """ "có điểm danh tự học ít nhất 5 ngày trong Tuần lễ (và …)"."""
    text = t.CERT_BAR_DAYS.format(days=needed.min_days)
    if needed.min_minutes:
        text += t.CERT_AND + t.CERT_BAR_MINUTES.format(time=t.fmt_minutes(needed.min_minutes))
    return text


def day_after(t: Texts, edition: Edition) -> str:
    return t.fmt_date(edition.end + timedelta(days=1))


def progress(
    t: Texts,
    edition: Edition,
    needed: Bar,
    days: int,
    minutes: int,
    today: date,
    studied_today: bool = False,
) -> str:
    """Someone without a certificate: before the week, nothing yet, short of the bar (what is
    missing, and whether there is still time: the days left, today among them unless already
    studied), or there but the week still running."""
    start, end = t.fmt_date(edition.start), t.fmt_date(edition.end)
    if today < edition.start:
        return t.CERT_NOT_STARTED.format(year=edition.year, start=start, bar=bar(t, needed))
    figures: dict[str, object] = {
        "year": edition.year,
        "days": days,
        "time": t.fmt_minutes(minutes),
    }
    figures["week_days"] = edition.days
    if days >= needed.min_days and minutes >= needed.min_minutes:  # the week is still running
        return t.CERT_EARNED_WAIT.format(**figures, after=day_after(t, edition))
    if days == 0:
        text = t.CERT_NONE_YET.format(year=edition.year, start=start, end=end, bar=bar(t, needed))
    else:
        missing = []
        if days < needed.min_days:
            missing.append(t.CERT_MISSING_DAYS.format(days=needed.min_days - days))
        if minutes < needed.min_minutes:
            missing.append(
                t.CERT_MISSING_TIME.format(time=t.fmt_minutes(needed.min_minutes - minutes))
            )
        text = t.CERT_PROGRESS.format(
            **figures, bar=bar(t, needed), missing=t.CERT_AND.join(missing)
        )
    if today > edition.end:
        return text + t.CERT_WEEK_OVER.format(end=end)
    left = (edition.end - today).days + (0 if studied_today else 1)  # days a new day can be
    if days + left < needed.min_days:
        return text + t.CERT_NO_MORE_TIME.format(end=end)
    if left == 0:  # the days are there; the time can still be added today, the last day
        return text + t.CERT_STILL_TODAY
    return text + t.CERT_STILL_TIME.format(left=left, end=end)


def caption(t: Texts, cert: Issued) -> str:
    return t.CERT_CAPTION.format(year=cert.edition_year, code=shown(cert.code))


def all_caption(t: Texts, count: int, year: int, needed: Bar, part: int | None) -> str:
    """A ZIP's caption, with its number when there are several (how many is said after the
    last one)."""
    text = t.CERT_ALL_CAPTION.format(count=t.fmt_number(count), year=year, bar=bar(t, needed))
    return text if part is None else text + t.CERT_ALL_PART.format(part=part)


def malformed(t: Texts, typed: str) -> str:
    # Without direction overrides, which would turn the bot's own sentence around.
    text = " ".join(visible(typed).split())
    if len(text) > TYPED_SHOWN:
        text = text[: TYPED_SHOWN - 1] + "…"
    return t.VERIFY_MALFORMED.format(typed=escape(text))


def unknown(t: Texts, typed: str) -> str:
    """A well-formed code no certificate has (`typed` normalises: it is a code)."""
    return t.VERIFY_UNKNOWN.format(code=shown(find(typed) or ""))


def genuine(t: Texts, cert: Issued, edition: Edition | None, tz: tzinfo) -> str:
    """Whose certificate a genuine code is: as issued (names HTML-escaped)."""
    period = ""
    days = str(cert.days)
    if edition is not None:
        period = t.VERIFY_PERIOD.format(
            start=t.fmt_date(edition.start), end=t.fmt_date(edition.end)
        )
        days = f"{cert.days}/{edition.days}"
    return t.VERIFY_GENUINE.format(
        code=shown(cert.code),
        name=escape(cert.full_name),
        unit=escape(cert.unit),
        year=cert.edition_year,
        period=period,
        days=days,
        time=t.fmt_minutes(cert.minutes),
        issued=t.fmt_date(cert.issued_at.astimezone(tz).date()),
    )
