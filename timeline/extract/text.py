"""Low-level text handling: look-alike folding that keeps offsets, tokens and sentences.

Everything here keeps character offsets into the original article text, so evidence spans
slice the text the user gave us.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from timeline.names import fold

# One character in, one character out, so offsets survive: quotes, dashes and spaces that
# look alike become their ASCII forms; full-width ASCII becomes ASCII.
_LOOKALIKES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\u00ad": "-",
}
_TABLE = {ord(k): v for k, v in _LOOKALIKES.items()}
_TABLE.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})


def plain(text: str) -> str:
    """The text with look-alike characters replaced one for one (same length)."""
    out = text.translate(_TABLE)
    if out.isascii():
        return out
    # Other compatibility characters that fold to a single character (e.g. "ｋ", "ﬀ" does
    # not) are mapped too; anything else stays as it is.
    chars = list(out)
    for i, ch in enumerate(chars):
        if ord(ch) > 127:
            norm = unicodedata.normalize("NFKC", ch)
            if len(norm) == 1 and norm != ch:
                chars[i] = norm
    return "".join(chars)


_TOKEN = re.compile(r"[^\W_]+")


class Token:
    """A word with its offsets; a plain slotted class because articles have thousands."""

    __slots__ = ("end", "key", "start", "text")

    def __init__(self, start: int, end: int, text: str, key: str) -> None:
        self.start = start
        self.end = end
        self.text = text  # as written (after look-alike folding)
        self.key = key  # folded

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


class Tokens(Sequence[Token]):
    """An article's words as parallel lists (fast to build: no object per word); indexing
    makes a `Token` on demand for the few places that want one."""

    __slots__ = ("ends", "keys", "starts", "words")

    def __init__(self, text: str) -> None:
        self.words: list[str] = _TOKEN.findall(text)
        self.starts: list[int] = [m.start() for m in _TOKEN.finditer(text)]
        self.ends: list[int] = [a + len(w) for a, w in zip(self.starts, self.words, strict=True)]
        self.keys: list[str] = (
            [w.lower() for w in self.words]
            if text.isascii()
            else [w.lower() if w.isascii() else fold(w) for w in self.words]
        )

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...
    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.words)))]
        return Token(self.starts[i], self.ends[i], self.words[i], self.keys[i])


def tokenize(text: str) -> Tokens:
    """Word tokens (letters and digits) with offsets; punctuation is not a token."""
    return Tokens(text)


# -- sentences --------------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "gov",
    "sen",
    "rep",
    "rev",
    "prof",
    "no",
    "vs",
    "inc",
    "co",
    "corp",
    "ltd",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "u",
    "s",
    "n",
    "k",
    "e",
    "p",
    "r",
    "d",
    "a",
    "b",
    "c",
    "f",
    "g",
    "h",
    "j",
    "l",
    "m",
    "o",
    "t",
    "v",
    "w",
    "x",
    "y",
    "z",
    "i",
}
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote; or at a line break.
_LAST_WORD = re.compile(r"([A-Za-z]+)$")
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]+(?![.!?])["')\]]*(?=\s+["'(\[]?[A-Z0-9])|\n+""")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # the original text slice text[start:end]
    plain: str  # look-alike folded, same length


MAX_SENTENCE_CHARS = 1000
"""Far longer than any news sentence; text without full stops is cut into pieces this long,
so extraction time stays linear in the article's length (it is quadratic per sentence)."""


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long span at the last ';', ',' or space before the limit."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(mark, start + 1, limit) for mark in (";", ",", " "))
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def split_sentences(text: str, plain_text: str | None = None) -> list[Sentence]:
    """Sentences with offsets; abbreviations ("U.S.", "Feb.", "Sept.") and initials do not
    end a sentence."""
    plain_text = plain(text) if plain_text is None else plain_text
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(plain_text):
        if m.group().startswith("."):
            word = _LAST_WORD.search(plain_text, max(start, m.start() - 12), m.start())
            # "U.S. President", "Feb. 4", "Donald J. Trump": not an end, unless the
            # abbreviation is a lower-case word that merely looks like one.
            if (
                word
                and word.group(1).lower() in _ABBREVIATIONS
                and m.group() == "."
                and (not word.group(1).islower() or word.group(1) in ("no", "vs"))
            ):
                continue
        end = m.start() if m.group().startswith("\n") else m.end()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(plain_text)))
    out: list[Sentence] = []
    for a, b in (piece for span in spans for piece in _capped(plain_text, *span)):
        while a < b and plain_text[a].isspace():
            a += 1
        while b > a and plain_text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Sentence(a, b, text[a:b], plain_text[a:b]))
    return out
