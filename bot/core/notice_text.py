"""The extractor's rules for the facts written in words: who organises, for whom, the
ministry's letter, when the notice was published, and the purposes.

Each rule returns (value, position in the text) or None when the text does not say.
"""

from __future__ import annotations

import re

from bot.core import notice_dates as nd

# An agency's name starts with one of these words (case-sensitive: "ban hành" is a verb).
_ORG_WORDS = r"(?:Sở|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Bộ|Trường|Phòng|Ban|Đoàn|Hội|Trung tâm)"
_ISSUER = re.compile(
    r"(?<!\w)(" + _ORG_WORDS + r"\s[^,.;:\n“”\"]{2,90}?)\s+(?:đã\s+|vừa\s+)?"
    r"(?:ban hành|trân trọng thông báo|thông báo)\b"
)
# "Theo kế hoạch của Sở …" (a news item names the organiser this way).
_PLAN_OF = re.compile(
    r"(?i:kế hoạch)[^.\n]{0,60}?\scủa\s+(" + _ORG_WORDS + r"\s[^,.;:\n“”\"]{2,90}?)"
    r"(?=\s*[,.;:\n]|\s+(?:về|ban hành|đã|năm)\s)"
)
_DOC_KINDS = ("THÔNG BÁO", "KẾ HOẠCH", "CÔNG VĂN", "QUYẾT ĐỊNH", "TỜ TRÌNH", "V/V")
_HEAD_WORDS = ("SỞ", "UBND", "ỦY BAN", "UỶ BAN", "BỘ", "TRƯỜNG", "PHÒNG", "BAN ", "ĐOÀN", "HỘI")
_NOT_HEAD = ("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP")
_MINISTRY = re.compile(r"Bộ Giáo dục và Đào tạo\s+(?:đã\s+|vừa\s+)?ban hành[^\n]*?(?:\.(?=\s|$)|$)")
_MINISTRY_LETTER = re.compile(r"Công văn\s+số\s+\d+/BGDĐT[^,;\n]*?(?=[,;]|\.\s|\.$|\n|$)")
_PUBLISHED = (
    re.compile(
        r"(?:ngày\s+(?:thông báo|đăng bài|đăng tin|đăng)\s*:?|đăng ngày|cập nhật ngày)\s*", re.I
    ),
    # The place and date line of an official document: "Hà Nội, ngày 15 tháng 9 năm 2027".
    re.compile(r"(?m)^[ \t]*[^\W\d][^\d\n,:]{1,30},\s*(?=ngày\s+\d)"),
)
_AUDIENCE_LABEL = re.compile(
    r"đối tượng(?: tham gia| tham dự)?\s*:\s*([^\n]{3,200}?)\.?$", re.I | re.M
)
_SCOPE = re.compile(
    r"(?:phát động|tổ chức|triển khai)\s+(?:trên|trong)\s+(phạm vi [^,.;\n]+?)\s*(?=từ|với|,|;|\.)"
)
_WIDE = re.compile(r"sâu rộng trong\s+(.+?)(?=, giúp|, nhằm|;|\.(?:\s|$))")
_PURPOSE_HEAD = re.compile(r"mục đích(?:, yêu cầu)?\s*:?\s*$", re.I | re.M)
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-đ]\))\s+(.+)$")
_LEAD = re.compile(r"^việc tổ chức\b.*?\bnhằm\s+", re.I)
_LINKS = re.compile(r"^(?:cùng với đó|đồng thời|bên cạnh đó|ngoài ra),?\s+", re.I)
# "vừa" (just now) ages badly in a fact retold for years, so "vừa ban hành" is stored as
# "đã ban hành". Nothing else of a notice's wording is changed, slips included.
_JUST_NOW = ("vừa ban hành", "đã ban hành")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _squash(text: str) -> str:
    return " ".join(text.split())


def organiser(text: str) -> tuple[str, int] | None:
    """The agency: its letterhead (capitals) written as the text itself spells the name
    elsewhere, else the one that issued the plan or the notice."""
    head = _letterhead(text)
    issuer = _ISSUER.search(text)
    if head is not None:
        name, position = head
        spelled = re.finditer(re.escape(name).replace(r"\ ", r"\s+"), text, re.I)
        mixed = [m for m in spelled if not m[0].isupper()]
        if mixed:
            return _squash(mixed[-1][0]), mixed[-1].start()
        if issuer and name.lower().startswith(issuer[1].lower()):
            rest = name[len(issuer[1]) :].strip()
            return _squash(f"{issuer[1]} {rest.title()}".strip()), position
        return capitalise(name.lower()), position
    named = _PLAN_OF.search(text) or issuer
    if named:
        return _squash(named[1]), named.start()
    return None


def _letterhead(text: str) -> tuple[str, int] | None:
    """The capital lines at the top naming the agency (the last named one, with the lines
    that continue it: "SỞ KHOA HỌC VÀ CÔNG NGHỆ / THÀNH PHỐ HỒ CHÍ MINH")."""
    lines: list[tuple[str, int]] = []
    position = 0
    for line in text.split("\n")[:8]:
        stripped = line.strip()
        letters = [c for c in stripped if c.isalpha()]
        if stripped.startswith(_DOC_KINDS) and lines:
            break
        if letters and all(c.isupper() for c in letters) and not stripped.startswith(_NOT_HEAD):
            lines.append((stripped, position))
        elif lines:  # the letterhead ends at the first blank or ordinary line
            break
        position += len(line) + 1
    start = max(
        (i for i, (line, _) in enumerate(lines) if line.startswith(_HEAD_WORDS)), default=None
    )
    if start is None:
        return None
    name = " ".join(line for line, _ in lines[start:]).strip(" -–")
    return name, lines[start][1]


def ministry_launch(text: str) -> tuple[str, int] | None:
    """The ministry's letter about the week, as the notice cites it."""
    m = _MINISTRY.search(text) or _MINISTRY_LETTER.search(text)
    if m is None:
        return None
    return _squash(m[0]).replace(*_JUST_NOW), m.start()


def published(text: str) -> tuple[object, int] | None:
    """The date the notice was published ("Ngày thông báo: …", "Ngày đăng bài: …")."""
    for rule in _PUBLISHED:
        for m in rule.finditer(text):
            found = nd.dates(text[m.end() : m.end() + 30])
            if found and found[0][1].start == 0:
                return found[0][0], m.start()
    return None


def purposes(text: str) -> tuple[tuple[str, ...], int] | None:
    """The listed purposes after "mục đích:", else the sentences of the last paragraph
    "Việc tổ chức … nhằm …"."""
    for head in reversed(list(_PURPOSE_HEAD.finditer(text))):
        items = []
        for line in text[head.end() :].split("\n"):
            if not line.strip():
                continue
            bullet = _BULLET.match(line)
            if bullet is None:
                break
            items.append(_purpose(bullet[1]))
        if items:
            return tuple(items), head.start()
    paragraphs = [(m.start(), m[0]) for m in re.finditer(r"[^\n]+", text)]
    for position, paragraph in reversed(paragraphs):
        lead = _LEAD.match(paragraph.strip())
        if lead is None:
            continue
        body = paragraph.strip()[lead.end() :]
        parts = re.split(r"(?<=\.)\s+(?=[A-ZÀ-ỸĐ])", body)
        return tuple(_purpose(p) for p in parts if p.strip()), position
    return None


def _purpose(sentence: str) -> str:
    text = _LINKS.sub("", _LEAD.sub("", _squash(sentence)))
    text = capitalise(text.rstrip(" ;"))
    return text if text.endswith((".", "!", "?")) else text + "."


def audience(text: str, listed: tuple[str, ...]) -> tuple[str, int] | None:
    """Who the week is for: an "Đối tượng:" line, the scope it is launched in ("trên phạm vi
    toàn tỉnh"), else whom the purposes speak of ("học tập sâu rộng trong …")."""
    for rule in (_AUDIENCE_LABEL, _SCOPE):
        m = rule.search(text)
        if m:
            return _squash(m[1]), m.start()
    for purpose in listed:
        m = _WIDE.search(purpose)
        if m:
            return _squash(m[1]), max(0, text.find(purpose[5:40]))
    every = list(_WIDE.finditer(text))
    return (_squash(every[-1][1]), every[-1].start()) if every else None
