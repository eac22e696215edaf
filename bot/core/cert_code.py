"""Certificate verification codes: short, typed by hand, a typo caught before any lookup.

A code is 9 random symbols of Crockford's base 32 (no I, L, O, U: nothing to confuse) and a
check symbol, shown as two groups of five ("7K4MQ-9XP3R"). The check is a weighted sum modulo
31, a prime, with distinct weights: any single wrong symbol, and two neighbours swapped among
the first nine, are caught (one case aside: 0 typed for Z or back). Reading forgives case,
spaces, dashes and the look-alikes O→0, I/L→1. The code proves nothing by itself: it is
genuine only if the database holds it.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_SYMBOLS = 9
LENGTH = RANDOM_SYMBOLS + 1
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = " -_.\u2010\u2011\u2012\u2013\u2014"  # spaces and every dash a phone may type


def check_symbol(body: str) -> str:
    """The check symbol of `body` (symbols of ALPHABET)."""
    total = sum((position + 1) * _VALUE[c] for position, c in enumerate(body))
    return ALPHABET[total % 31]


def new_code() -> str:
    """A fresh code, without separators (as stored)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return body + check_symbol(body)


def shown(code: str) -> str:
    """The code as printed and typed: "7K4MQ-9XP3R"."""
    return f"{code[:5]}-{code[5:]}"


def visible(text: str) -> str:
    """`text` without invisible format characters (zero-width spaces, direction marks and
    overrides), which text copied from a PDF or a chat may carry."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def normalise(typed: str) -> str | None:
    """The stored form of what someone typed, or None if it cannot be a code (wrong length,
    a symbol outside the alphabet, or a check symbol that does not match: a typo)."""
    text = unicodedata.normalize("NFKC", visible(typed)).upper()
    text = "".join(c for c in text if c not in _SEPARATORS).translate(_LOOK_ALIKES)
    if len(text) != LENGTH or any(c not in _VALUE for c in text):
        return None
    return text if check_symbol(text[:-1]) == text[-1] else None


# What may stand around a code pasted with its context: "mã: 7K4MQ-9XP3R", the QR code's link
# "https://t.me/<bot>?start=xacthuc-7K4MQ9XP3R".
_AROUND = re.compile(r"[\s:=/?&]+|xacthuc-", re.IGNORECASE)


def find(text: str) -> str | None:
    """The code in what someone sent: the whole of it, else its last piece that is one."""
    whole = normalise(text)
    if whole is not None:
        return whole
    for piece in reversed(_AROUND.split(visible(text))):
        code = normalise(piece)
        if code is not None:
            return code
    return None
