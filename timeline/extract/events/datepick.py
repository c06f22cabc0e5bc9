"""Which of a sentence's time expressions dates a trigger: by clause, distance and kind."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.extract import dates as dates_mod
from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange, TemporalExpression
from timeline.extract.events.model import _FIRST_SINCE, _Draft
from timeline.extract.text import Sentence

# -- dates ------------------------------------------------------------------------------


def _sentence_dates(
    sentence: Sentence,
    published: date,
    tense: str,
    anchor: DateRange | None,
    dateline_end: int,
) -> list[TemporalExpression]:
    """Temporal expressions of the sentence that can date an event (not the dateline, not
    the date of a report: "state media reported on Tuesday")."""
    try:
        found = dates_mod.find_dates(sentence.plain, published, tense=tense, anchor=anchor)
    except Exception:  # a date we cannot read is no date, never a crash
        return []
    kept: list[TemporalExpression] = []
    for expr in found:
        if expr.range is None:
            continue
        if expr.kind == "open":
            since = re.match(r"since\s+(.+)$", expr.text, re.I)
            # "their first meeting since 2019"; "since 2006, when it first blacklisted him":
            # the when-clause happened at the start of the span.
            when_clause = re.match(r",\s+when\b", sentence.plain[expr.end_char : expr.end_char + 8])
            if not (since and (_FIRST_SINCE.search(sentence.plain) or when_clause)):
                continue
            # "their first meeting since 2019": the previous one was in 2019.
            point = _since_point(since.group(1), expr.range, published)
            if point is None:
                continue
            expr = TemporalExpression(expr.text, expr.start_char, expr.end_char, point, "absolute")
        if sentence.start + expr.start_char < dateline_end:
            continue
        before = sentence.plain[max(0, expr.start_char - 40) : expr.start_char]
        offset = tr.DAY_OFFSET.search(before)
        if offset is not None and expr.range.precision == "day":
            # "the day after the Aug. 9 vote": Aug. 10
            word = offset.group(1).lower()
            count = 1 if word in ("the", "a", "one") else _count(word)
            days = count * (7 if offset.group(2).lower().startswith("week") else 1)
            shift = timedelta(days=days if offset.group(3).lower() == "after" else -days)
            moved = DateRange(expr.range.start + shift, expr.range.end + shift, "day")
            expr = TemporalExpression(expr.text, expr.start_char, expr.end_char, moved, expr.kind)
        if (
            kept
            and kept[-1].range is not None
            and kept[-1].range.precision == "day"
            and expr.range.precision == "day"
            and sentence.plain[kept[-1].end_char : expr.start_char] == " and "
            and 0 < (expr.range.start - kept[-1].range.end).days <= 3
            and not tr.REPETITION.search(sentence.plain)
        ):
            # "today and tomorrow": one span of days
            first = kept.pop()
            assert first.range is not None
            expr = TemporalExpression(
                f"{first.text} and {expr.text}",
                first.start_char,
                expr.end_char,
                DateRange(first.range.start, expr.range.end, "range"),
                expr.kind,
            )
        report = tr.REPORTING.search(before)
        if report and not tr.MEASURES.search(report.group()):
            # "state media reported on Tuesday" (not "announced sanctions on ..."): kept
            # apart, as the base of "a day after ..." only.
            expr = TemporalExpression(
                expr.text, expr.start_char, expr.end_char, expr.range, "report"
            )
        kept.append(expr)
    return kept


def _count(word: str) -> int:
    return int(word) if word.isdigit() else tr.NUMBERS.get(word.lower(), 1)


def _unquoted(body: str, trig: tr.Trigger) -> str:
    """The sentence with quotations blanked out (same length), unless the trigger is in one:
    "'I will be a pacemaker,' Lee told Trump before talks" is not a planned talk."""
    if "'" not in body and '"' not in body:
        return body

    def blank(m: re.Match[str]) -> str:
        if m.start() <= trig.start < m.end():
            return m.group()
        return " " * len(m.group())

    return tr.QUOTED.sub(blank, body)


def _since_point(words: str, open_range: DateRange, published: date) -> DateRange | None:
    """The date "since X" starts from, as its own range: "since 2019" -> 2019."""
    for text in (words, f"in {words}", f"on {words}"):
        try:
            point = dates_mod.resolve(text, published, tense="past")
        except Exception:
            point = None
        if point is not None:
            return point
    start = open_range.start
    if open_range.precision == "year":
        return DateRange(date(start.year, 1, 1), date(start.year, 12, 31), "year")
    if open_range.precision == "day":
        return DateRange(start, start, "day")
    return None


# A past verb before the trigger ("held talks", "met ..., their first summit"), unless the
# trigger is inside an infinitive of intent ("asked Modi to come next year for a summit").
_PAST_VERB = re.compile(
    r"\b(?:\w+ed|held|met|had|made|paid|took|sent|spoke|wrote|sat|shook|began|came|went|was|"
    r"were|did|gave|struck|won|led|saw)\b",
    re.I,
)
_INTENT = re.compile(r"\bto\s+(?:come|visit|travel|go|meet|hold|attend|return)\b", re.I)
_TALKING = {
    "talking", "meeting", "holding", "speaking", "chatting", "conferring", "spending",
    "flying", "travelling", "traveling", "arriving",
}  # fmt: skip
_EVENT_NOUN_AFTER = re.compile(
    r"'s\s+(?:[\w-]+\s+){0,2}?(?:summit|summits|talks|meeting|meetings|visit|trip|call|"
    r"conversation|parade|ceremony|event|events|forum|gathering|conference|games|olympics|"
    r"celebrations?|funeral|inauguration|encounter|sessions?|opening|banquet|dinner|"
    r"declarations?|agreements?|treaty|treaties|accords?|pacts?|deals?|statements?|"
    r"communiques?|resolutions?|sanctions|invitations?|letters?|messages?)\b",
    re.I,
)
_BARE_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_HOST_OF_GATHERING = re.compile(
    r"\b(?:summit|forum|conference|gathering|meeting)\s+(?:hosted|chaired|convened)\s+by\s+"
    r"(?:[A-Z][\w.]*\s+){0,3}$"
)
# A clause of a thing's own after the trigger: "... a successor to the treaty before it
# expires in December", "until the agreement runs out in 2026": its dates are the thing's.
_THINGS_CLAUSE = re.compile(
    r"\b(?:before|until|till|unless|once)\s+(?:it|this|that|the\s+[a-z]+(?:\s+[a-z]+)?)\s+"
    r"(?:[a-z]+(?<!ss)s|[a-z]+ed|is|are|was|were|will|has|had)\b[^,;:]*$"
)
# A date told of a thing by its participle: "the alliance created in 1999", "the bloc
# founded in 2001" (not "... was created in 1999", where the thing is the sentence's subject).
_THINGS_PARTICIPLE = re.compile(
    r"\b(?!(?:was|were|been|being|be|is|are|has|have|had|and|or)\b)[a-z]+\s+"
    r"(?:created|founded|established|formed|built|launched|introduced|set\s+up|drawn\s+up)"
    r"\s+(?:(?:in|on|at\s+the\s+(?:end|start)\s+of)\s+)?$"
)
_SEGMENT_BREAK = re.compile(r",\s*|;\s*|:\s+|\s-+\s|\(|\)")


def _segments(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SEGMENT_BREAK.finditer(body):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(body)))
    return spans


def _pick_date(
    exprs: list[TemporalExpression],
    trig: tr.Trigger,
    clause: tuple[int, int],
    body: str,
) -> TemporalExpression | None:
    """The date of the trigger's event: looked for in its comma segment, then its clause,
    then the sentence; after the trigger before before it ("met Xi on Monday"); never in a
    participial aside of another segment (", pledging to ... this year") or on another noun
    ("last year's standoff"); a segment that follows the report ("said on Friday ...,
    shortly after ... a letter") takes the report's date."""
    segments = _segments(body)
    own = next((sp for sp in segments if sp[0] <= trig.start <= sp[1]), (0, len(body)))
    if tr.SHORTLY_AFTER.match(body[own[0] : own[1]].lstrip()) and not any(
        own[0] <= e.start_char <= own[1] for e in exprs if e.kind != "report"
    ):
        # "X said on Friday ..., shortly after an aide walked in carrying a letter"
        reports = [e for e in exprs if e.kind == "report" and e.start_char < own[0]]
        if reports:
            return reports[-1]
    exprs = [e for e in exprs if e.kind != "report"]
    if not exprs:
        return None

    second_verb = tr.SECOND_VERB.search(body, trig.end, clause[1])

    def usable(e: TemporalExpression) -> bool:
        if second_verb is not None and e.start_char >= second_verb.end():
            return False  # "will not attend the parade and was scheduled to fly on Monday"
        if body[e.end_char : e.end_char + 2] == "'s" and not _EVENT_NOUN_AFTER.match(
            body, e.end_char
        ):
            return False  # "last week's summit" is dated; "last year's standoff" is not
        if (
            _BARE_YEAR.fullmatch(e.text)
            and body[max(0, e.start_char - 4) : e.start_char].lower() == "the "
            and not _EVENT_NOUN_AFTER.match("'s" + body[e.end_char :])
        ):
            return False  # "the 2018 summit" is dated; "the 2020 election" names another
        if e.start_char > trig.end and _THINGS_CLAUSE.search(body, trig.end, e.start_char):
            return False
        told_of = _THINGS_PARTICIPLE.search(body, max(0, e.start_char - 50), e.start_char)
        if told_of is not None and not told_of.start() <= trig.start < e.start_char:
            return False  # "the loose alliance of the two countries created in 1999"
        if own[0] <= e.start_char <= own[1]:
            return True
        seg = next((sp for sp in segments if sp[0] <= e.start_char <= sp[1]), None)
        if seg is None:
            return True
        first = body[seg[0] : seg[1]].split(" ", 1)[0].lower()
        # ", pledging to ... this year" dates the pledge; ", talking for three hours on
        # Monday" goes on with the meeting itself
        return not (first.endswith("ing") and len(first) > 5) or first in _TALKING

    def remote(e: TemporalExpression) -> bool:
        """After the trigger but inside a relative clause on a later noun."""
        between = body[trig.end : e.start_char]
        rel = re.search(r"\b(?:that|which|who|whom)\b", between)
        return rel is not None and len(between[: rel.start()].split()) >= 2

    def of_person(e: TemporalExpression) -> bool:
        """In a who-clause on a later leader: "talks with Phuc, who took office last month"."""
        between = body[trig.end : e.start_char]
        # (a past of its own: "who took office last month", not "who arrives on Tuesday")
        rel = re.search(
            r",\s+who\s+(?:had\s+|has\s+)?(?:[a-z]+ed|took|became|won|was|were|came|led|"
            r"held|ran|fled|left|met|became)\b(?!.*,\s)",
            between,
        )
        return rel is not None

    pool = [e for e in exprs if usable(e) and not (e.start_char > trig.end and of_person(e))]
    # "his summit with Trump, which is due to be held in Hanoi on Wednesday": the relative
    # clause right after the trigger's noun dates it before anything earlier in the segment.
    relative = re.match(r",\s+(?:which|that)\s+(?:is|are|was|were|will|would)\b", body[own[1] :])
    if relative:
        nxt = next((sp for sp in segments if sp[0] > own[1]), None)
        if nxt is not None:
            own_after = [e for e in pool if trig.start <= e.start_char <= own[1]]
            following = [e for e in pool if nxt[0] <= e.start_char <= nxt[1]]
            if not own_after and following:
                return min(following, key=lambda e: e.start_char)
    tiers = [own, clause, (0, len(body))]
    for firm_only in (True, False):
        for lo, hi in tiers:
            tier = [
                e
                for e in pool
                if lo <= e.start_char <= hi and (e.kind != "anchored" or not firm_only)
            ]
            if not tier:
                continue
            after = [e for e in tier if e.start_char >= trig.start]
            near = [e for e in after if not remote(e)]
            if near:
                return min(near, key=lambda e: e.start_char)
            earlier = [e for e in tier if e.start_char < trig.start]
            if earlier:
                return max(earlier, key=lambda e: e.end_char)
            return min(after, key=lambda e: e.start_char)
    return None


def _meeting_date_rank(d: _Draft) -> tuple[int, int, int]:
    """Which of one sentence's dates of one meeting wins: a date of its own over none, the
    talks' day over the visit's, and of one expression the visit's range over its day."""
    if d.date is None:
        return (0, 0, 0)
    return (1 + d.own_date, d.extra.get("subtype") == "interact", _width(d.date))


_OFFSET_BEFORE = re.compile(
    r"\b(a|one|two|three|four|five|six|\d+)\s+(day|days|week|weeks)\s+(after|before)\s+"
    r"(?:[\w'-]+\s+){0,5}$",
    re.I,
)


def _shifted(body: str, trig: tr.Trigger, when: DateRange) -> DateRange:
    """ "left on Friday, a day after his summit with Putin": the summit was on Thursday."""
    m = _OFFSET_BEFORE.search(body[max(0, trig.start - 60) : trig.start])
    if m is None or when.precision != "day":
        return when
    word = m.group(1).lower()
    count = 1 if word in ("a", "one") else int(word) if word.isdigit() else tr.NUMBERS.get(word, 1)
    days = count * (7 if m.group(2).lower().startswith("week") else 1)
    delta = timedelta(days=-days if m.group(3).lower() == "after" else days)
    return DateRange(when.start + delta, when.end + delta, "day")


def compatible_dates(a: DateRange | None, b: DateRange | None) -> bool:
    """Two dates that may be one event's: either unknown, or overlapping."""
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _adjacent_days(a: DateRange | None, b: DateRange | None) -> bool:
    """Two day-exact dates that do not overlap but touch (Wednesday and Thursday)."""
    if a is None or b is None or a.precision not in ("day", "range"):
        return False
    if b.precision not in ("day", "range"):
        return False
    return (b.start - a.end).days == 1 or (a.start - b.end).days == 1


def _width(r: DateRange) -> int:
    return (r.end - r.start).days
