"""The per-call context of `find_dates` and the view of one match through one rule."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from timeline.dateranges import DateRange, _nearest_year, _pick_year
from timeline.extract.dates.grammar import _MONTHS, _NEEDS_CAPITAL, _NUMBERS
from timeline.extract.dates.tense import _CLAUSE_BREAK, _HEADLINE, _SENTENCE_BREAK, _sentence_cues

# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """One `find_dates` call: its inputs, the ranges found so far (what "two days later"
    counts from) and the sentence structure, worked out only if a tense is needed."""

    text: str
    low: str
    published: date
    tense: str | None
    anchor: DateRange | None
    history: list[DateRange] = field(default_factory=list)
    dateline_span: tuple[int, int] | None = None
    _sentence_starts: list[int] | None = None
    _cues: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The bounds of the sentence around `pos` (sentence ends found once, when needed)."""
        if self._sentence_starts is None:
            self._sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        starts = self._sentence_starts
        i = bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)

    def cues(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Tense cues in text[start:end], remembered per span (clauses and sentences)."""
        key = (start, end)
        if key not in self._cues:
            self._cues[key] = _sentence_cues(self.low, start, end)
        return self._cues[key]

    def tense_at(self, start: int, end: int) -> str:
        """The tense governing text[start:end]: an explicit override, else the nearest cue
        in the same clause, else the nearest in the sentence, else a headline, else past."""
        if _SCHEDULED_FOR.search(self.low, max(0, start - 40), start):
            return "future"  # "the summit, planned for early April": a plan's date lies ahead
        if _UNDER_WAY.search(self.low, max(0, start - 40), start) and not any(
            kind == "past" and lo >= end and self.low[lo:hi] in ("was", "were")
            for lo, hi, kind in self.cues(*self.sentence(start))
        ):
            # "the two-day summit, ending on Saturday" ends ahead; not when the sentence goes
            # on to say what it was ("the summit, ending on Friday, was a success")
            return "future"
        if self.tense is not None:
            return self.tense
        s_start, s_end = self.sentence(start)
        c_start = s_start
        for m in _CLAUSE_BREAK.finditer(self.text, s_start, start):
            c_start = m.end()
        after = _CLAUSE_BREAK.search(self.text, end, s_end)
        c_end = after.start() if after else s_end
        for lo, hi in ((c_start, c_end), (s_start, s_end)):
            cues = [c for c in self.cues(lo, hi) if c[1] <= start or c[0] >= end]
            if cues:
                nearest = min(cues, key=lambda c: start - c[1] if c[1] <= start else c[0] - end)
                return "past" if nearest[2] == "past" else "future"
        return "future" if _HEADLINE.match(self.low, s_start, s_end) else "past"


_SCHEDULED_FOR = re.compile(
    r"\b(?:(?:planned|scheduled|slated|set|pencil+ed\s+in|postponed|delayed|pushed\s+back)"
    r"\s+(?:for|until|to)|due\s+(?:for|on|in))\s+(?:the\s+)?(?:on\s+|in\s+)?$"
)  # not "due to": "delayed due to Monday's storm"
_UNDER_WAY = re.compile(
    r"\b(?:ending|ends|running|runs|lasting|lasts|continuing|continues)\s+(?:on\s+|until\s+)?$"
)


# A handler turns one match into (range, kind), or None to report nothing for the span.
_Result = tuple[DateRange | None, str] | None


class _Hit(NamedTuple):
    """A match seen through one rule: `hit("mon")` reads that rule's group "mon"."""

    m: re.Match[str]
    rule: str
    prep: str | None
    ctx: _Context

    def __call__(self, key: str) -> str | None:
        return self.m.group(f"{self.rule}_{key}")

    def pos(self, key: str) -> int:
        return self.m.start(f"{self.rule}_{key}")

    def pick(self, make: Callable[[int], DateRange]) -> DateRange | None:
        """A yearly period in the year the tense (or a dateline) calls for."""
        ctx = self.ctx
        if ctx.dateline_span and ctx.dateline_span[0] <= self.m.start() < ctx.dateline_span[1]:
            return _nearest_year(make, ctx.published)
        return _pick_year(make, ctx.published, ctx.tense_at(self.m.start(), self.m.end()))

    def capitalised(self, key: str) -> bool:
        return self.ctx.text[self.pos(key)].isupper()

    def starts_sentence(self, key: str) -> bool:
        """Whether the group opens a sentence (where a capital proves nothing)."""
        text, i = self.ctx.text, self.pos(key)
        while i > 0 and text[i - 1] in " \t\"'“‘(":
            i -= 1
        return i == 0 or text[i - 1] in ".!?:\n"

    def followed_by_word(self) -> bool:
        """True in "the day before the summit", False in "the day before, ..."."""
        return bool(_WORD_AHEAD.match(self.ctx.low, self.m.end()))


_WORD_AHEAD = re.compile(r"\s+['\"“‘]?[\w]")


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word)
    return int(word) if word.isdigit() else _NUMBERS[word]


def _month_number(hit: _Hit, key: str = "mon") -> int | None:
    """The month a group names, or None for a lower-case "may"/"march" (the verbs)."""
    word = hit(key)
    assert word is not None
    word = word.rstrip(".")
    if word in _NEEDS_CAPITAL and not hit.capitalised(key):
        return None
    return _MONTHS[word]


def _year_of(hit: _Hit, key: str = "y") -> int | None:
    value = hit(key)
    return int(value) if value else None


def _relative_year(published: date, rel: str | None) -> int:
    return published.year + {"last": -1, "next": 1}.get(rel or "this", 0)


# ---------------------------------------------------------------------------------------
# Handlers, one family of expressions per block.
