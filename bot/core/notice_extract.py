"""Read an edition out of a notice's plain text, by fixed rules, never by guessing.

Each rule looks for the way Vietnamese agencies write one fact ("Chủ đề: “…”", "Kế hoạch số
3801/KH-SKHCN ngày …", "Lễ khai mạc … vào ngày …"); a fact no rule finds stays empty, and the
admin types it on the review card. The same text always gives the same fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from bot.core import notice_dates as nd
from bot.core.notice_fields import NoticeFields, default_source
from bot.core.notice_text import (
    audience,
    capitalise,
    ministry_launch,
    organiser,
    published,
    purposes,
)

_WEEK_NAME = re.compile(r"tuần lễ hưởng ứng học tập suốt đời(?:\s+năm\s+(\d{4}))?", re.I)
_QUOTED = r"[“«\"]([^”»\"\n]{3,300})[”»\"]"
_THEME = re.compile(r"chủ đề[^“«\"\n.]{0,40}?" + _QUOTED, re.I)
_THEME_PLAIN = re.compile(
    r"chủ đề(?: của tuần lễ| năm nay| năm \d{4})?\s*(?:là\s*:?|:)\s*([^“«\"\n.;]{3,200})", re.I
)
_MOVEMENT = re.compile(r"phong trào thi đua\s*" + _QUOTED, re.I)
# The decision up to its quoted title, else to the end of its clause.
_DECISION = re.compile(
    r"Quyết định số\s*\d+/[\w-]+[^\n.;“\"]*?(?:[“\"][^”\"\n]*[”\"]|(?=[,;]\s*["
    + nd.UPPER
    + r"]|\.\s|\.$|;|\n|$))"
)
_PLAN = re.compile(r"(?<!\w)Kế hoạch(?:\s+số)?\s+(\d+/[\w-]*\w)")
_ABOUT = re.compile(r"^\s*(?:về việc|về|V/v:?)\s+([^,.;:\n]{3,200})", re.I)
_OPENING = re.compile(r"khai mạc", re.I)
Keep = Callable[[str, object, int], None]  # (field, value, where in the text)


def extract(raw: str) -> NoticeFields:
    """The edition the notice describes, each field with the sentence it came from."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\xa0", " ")
    sentences: dict[str, str] = {}
    values: dict[str, object] = {}

    def keep(name: str, value: object, position: int) -> None:
        values[name] = value
        sentences[name] = nd.sentence_at(text, position)

    week = nd.the_week(text)
    if week:
        start, end, where = week
        keep("start", start, where.start)
        keep("end", end, where.start)
    name = _WEEK_NAME.search(text)
    year = int(name[1]) if name and name[1] else None
    year = year or (week[0].year if week else None)
    if name and year:
        keep("name", f"Tuần lễ hưởng ứng học tập suốt đời năm {year}", name.start())
    if year:
        # The year came from the name, else (year set) from the week.
        keep("year", year, name.start() if name and name[1] else week[2].start if week else 0)
    _opening(text, year, keep)
    _theme(text, keep)
    _plan(text, keep)
    for rule_name, rule in (
        ("organiser", organiser),
        ("ministry_launch", ministry_launch),
        ("published", published),
    ):
        found = rule(text)
        if found is not None:
            keep(rule_name, found[0], found[1])
    movement = _MOVEMENT.search(text)
    if movement:
        keep("movement", movement[1].strip(), movement.start())
    decision = _DECISION.search(text)
    if decision:
        keep("related_decision", decision[0].strip(), decision.start())
    found_purposes = purposes(text)
    if found_purposes is not None:
        keep("purposes", found_purposes[0], found_purposes[1])
    found_audience = audience(text, found_purposes[0] if found_purposes else ())
    if found_audience is not None:
        keep("audience", found_audience[0], found_audience[1])
    fields = NoticeFields(**values, sentences=sentences)  # type: ignore[arg-type]
    return _with_source(fields, text)


def _opening(text: str, year: int | None, keep: Keep) -> None:
    for m in _OPENING.finditer(text):
        span = nd.span_at(text, m.start())
        if span is None:
            continue
        sentence = text[span[0] : span[1]].strip()
        after = text[m.start() : span[1]].strip()
        found = nd.partial_date(after, year) or nd.partial_date(sentence, year)
        if found is None:
            continue
        keep("opening", found[0], m.start())
        hour = nd.hour(after[found[1].end :]) or nd.hour(after[: found[1].start])
        if hour is not None:
            keep("opening_time", hour, m.start())
        return


def _theme(text: str, keep: Keep) -> None:
    m = _THEME.search(text) or _THEME_PLAIN.search(text)
    if m:
        keep("theme", capitalise(m[1].strip(" .")), m.start())


def _plan(text: str, keep: Keep) -> None:
    m = _PLAN.search(text)
    if m is None:
        return
    keep("plan_number", m[1], m.start())
    rest = text[m.end() :]
    dated = re.match(r"\s*(?:,\s*)?(?:ngày\s+)?" + nd.DATE.pattern, rest)
    sentence = nd.sentence_at(text, m.start())
    plan_date: date | None = None
    if dated:
        plan_date = nd.dates(dated[0])[0][0] if nd.dates(dated[0]) else None
        rest = rest[dated.end() :]
    else:
        # "ngày 15 tháng 9 năm 2021 Sở … đã ban hành Kế hoạch số …": the date just before.
        before = sentence[: max(0, sentence.find(m[0]))]
        earlier = [
            d
            for d, where in nd.dates(before)
            if "từ" not in before[max(0, where.start - 9) : where.start].lower()
        ]
        plan_date = earlier[-1] if earlier else None
    if plan_date is not None:
        keep("plan_date", plan_date, m.start())
    about = _ABOUT.match(rest)
    if about:
        keep("plan_title", capitalise(about[1].strip()), m.start())


def _with_source(f: NoticeFields, text: str) -> NoticeFields:
    """Where the edition came from, in the words the notice uses for itself: an agency's own
    notice ("Ngày thông báo: …") or a post reporting a plan ("Ngày đăng bài: …")."""
    if not (f.organiser or f.published):
        return f
    posted = bool(re.search(r"ngày đăng|đăng ngày", text, re.I))
    sentences = dict(f.sentences)
    sentences["source"] = f.sentences.get("published") or f.sentences.get("organiser", "")
    return replace(f, source=default_source(f, posted=posted), sentences=sentences)
