"""Folding names for lookups: case-, accent-, hyphen- and look-alike-insensitive."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """'Kim Jong-un', 'KIM JONG UN', 'Ｋｉｍ Ｊｏｎｇ Ｕｎ' -> 'kimjongun' (as the scorer folds)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    return "".join(ch for ch in text.lower() if ch.isalnum() and not unicodedata.combining(ch))
