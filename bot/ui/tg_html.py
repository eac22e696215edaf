"""Telegram's HTML parse mode: validate a message as Telegram would, and split long ones."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.ui.telegram_api import HTML_ENTITIES, HTML_TAGS

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);")


class HtmlError(ValueError):
    """The text would make Telegram answer "can't parse entities"."""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "open", "close" or "text"
    raw: str
    name: str = ""
    size: int = 0  # UTF-16 code units the token adds to the parsed text


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def tokenize(text: str) -> list[Token]:
    """Split HTML into tags and text pieces, raising HtmlError where Telegram would."""
    tokens: list[Token] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch == "<":
            match = _TAG.match(text, pos)
            if match is None:
                raise HtmlError(f"unescaped '<' at offset {pos}")
            closing, name, attrs = match[1], match[2].lower(), match[3]
            if name not in HTML_TAGS:
                raise HtmlError(f"unsupported tag <{name}> at offset {pos}")
            for attr in _ATTR.findall(attrs):
                if attr.lower() not in HTML_TAGS[name]:
                    raise HtmlError(f"unsupported attribute {attr!r} on <{name}>")
            if closing:
                if not stack or stack[-1] != name:
                    raise HtmlError(f"unmatched </{name}> at offset {pos}")
                stack.pop()
                tokens.append(Token("close", match[0], name))
            else:
                stack.append(name)
                tokens.append(Token("open", match[0], name))
            pos = match.end()
        elif ch == "&":
            match = _ENTITY.match(text, pos)
            if match is None or (
                not match[1].startswith("#") and match[1].lower() not in HTML_ENTITIES
            ):
                raise HtmlError(f"unescaped '&' at offset {pos}")
            tokens.append(Token("text", match[0], size=1))
            pos = match.end()
        else:
            end = pos
            while end < len(text) and text[end] not in "<&":
                end += 1
            for piece in text[pos:end]:
                tokens.append(Token("text", piece, size=_utf16(piece)))
            pos = end
    if stack:
        raise HtmlError(f"unclosed <{stack[-1]}>")
    return tokens


def parsed_length(text: str) -> int:
    """Length Telegram counts for the limit: the parsed text, in UTF-16 code units."""
    return sum(t.size for t in tokenize(text))


def visible_text(text: str) -> str:
    """The text without tags and with entities resolved (what the reader sees)."""
    return "".join(html.unescape(t.raw) for t in tokenize(text) if t.kind == "text")


def split_html(text: str, limit: int = 4096) -> list[str]:
    """Cut a valid HTML message into chunks Telegram accepts, preferably at line breaks.

    Tags open at a cut are closed at the end of one chunk and reopened in the next.
    """
    if len(text.encode("utf-16-le")) // 2 <= limit:
        # Tags and entities only shrink the text Telegram counts: a short message fits as
        # is, without tokenizing (which is most of the cost of sending a reply).
        return [text]
    tokens = tokenize(text)
    if sum(t.size for t in tokens) <= limit:
        return [text]
    chunks: list[str] = []
    start = 0
    open_tags: list[Token] = []  # tags open at `start`
    while start < len(tokens):
        size, end, last_newline = 0, start, -1
        while end < len(tokens) and size + tokens[end].size <= limit:
            if tokens[end].raw == "\n":
                last_newline = end
            size += tokens[end].size
            end += 1
        cut = end if end == len(tokens) or last_newline <= start else last_newline
        piece = tokens[start:cut]
        stack = list(open_tags)
        for token in piece:
            if token.kind == "open":
                stack.append(token)
            elif token.kind == "close":
                stack.pop()
        body = "".join(t.raw for t in open_tags) + "".join(t.raw for t in piece)
        body += "".join(f"</{t.name}>" for t in reversed(stack))
        if visible_text(body).strip():
            chunks.append(body)
        start, open_tags = cut, stack
        while start < len(tokens) and tokens[start].raw == "\n":
            start += 1
    return chunks
