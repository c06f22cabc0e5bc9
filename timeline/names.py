"""Folding names for lookups: case-, accent-, hyphen-, dot- and look-alike-insensitive."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """'Kim Jong-un', 'KIM JONG UN', 'Ｋｉｍ Ｊｏｎｇ Ｕｎ' -> 'kimjongun' (as the scorer folds).

    NFKD maps full-width letters to plain ones and splits accents off; ASCII text, most
    of what is folded, takes the fast path.
    """
    if name.isascii():
        return _NOT_ALPHANUMERIC.sub("", name.lower())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.lower() if ch.isalnum())
