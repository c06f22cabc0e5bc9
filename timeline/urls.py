"""Which strings may become links: http(s) only, so no exported page or calendar carries a
`javascript:` or `file:` URL that a reader's click would run or open."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(value: str | None) -> bool:
    if not value:
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def looks_like_url(value: str) -> bool:
    """A scheme before a colon ("javascript:", "ftp://"), as opposed to a plain citation."""
    head, colon, _ = value.strip().partition(":")
    return bool(colon) and head.isascii() and head.isalpha() and len(head) > 1
