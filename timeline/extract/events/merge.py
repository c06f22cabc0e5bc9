"""Drafts -> events: one sentence's drafts reconciled, then each merged into the article's."""

from __future__ import annotations

from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange
from timeline.extract.events.datepick import (
    _adjacent_days,
    _meeting_date_rank,
    _width,
    compatible_dates,
)
from timeline.extract.events.model import _VAGUE, _Draft
from timeline.extract.registry import spec_for


def _days_apart(a: DateRange | None, b: DateRange | None) -> int:
    """Days between two dates (0 when either is unknown or they overlap)."""
    if a is None or b is None:
        return 0
    return max(0, (b.start - a.end).days, (a.start - b.end).days)


def _sender(d: _Draft) -> object:
    """The one sender of an invitation or message, if the draft tells one."""
    senders = [a for a, r in d.actors if r == "sender"]
    return senders[0] if len(senders) == 1 else None


def _month_or_wider(r: DateRange | None) -> bool:
    return r is not None and _width(r) >= 27


class MergeMixin:
    """The merge stage of `ArticleExtractor`."""

    @staticmethod
    def _reconcile(drafts: list[_Draft], body: str) -> list[_Draft]:
        """One sentence's drafts: a type found with its leaders in its own clause beats the
        same type found only by looking across the sentence; a negation in the sentence
        negates its other mentions of the same event ("no statement ... would be signed")."""
        kept = []
        for d in drafts:
            if not d.extra.get("local") and any(
                o.type == d.type
                and o.extra.get("local")
                and o.keys == d.keys
                and compatible_dates(o.date, d.date)
                for o in drafts
            ):
                continue
            kept.append(d)
        # One sentence, one pair, one meeting: "arrived on Wednesday ... and held talks with
        # Putin on Thursday" is one visit, dated by the day of the talks; "wrapping up a
        # three-day summit" on a day is the range. Not when the sentence counts meetings
        # ("met twice, first on ... and again on ...").
        counting = bool(tr.REPETITION.search(body) or tr.ORDINAL_ELLIPSIS.match(body))
        merged: list[_Draft] = []
        for d in kept:
            twin = next(
                (
                    o
                    for o in merged
                    if o.type == d.type == "meeting"
                    and o.keys == d.keys
                    and o.status == d.status
                    and (
                        compatible_dates(o.date, d.date)
                        or (
                            not counting
                            and "visit" in (o.extra.get("subtype"), d.extra.get("subtype"))
                            # "arrived on Wednesday ... talks on Thursday", not "travelled to
                            # Tokyo on March 16, and Kishida made a return trip in May", nor
                            # "talks in October, before Putin visits Washington in November"
                            and _days_apart(o.date, d.date) <= 7
                            and not (_month_or_wider(o.date) and _month_or_wider(d.date))
                        )
                    )
                ),
                None,
            )
            if twin is None:
                merged.append(d)
                continue
            if _meeting_date_rank(d) > _meeting_date_rank(twin):
                twin.date, twin.date_text = d.date, d.date_text
                twin.own_date = d.own_date
                twin.extra["subtype"] = d.extra.get("subtype")
        kept = merged
        # "held talks with Xi and Premier Li ... on a visit": the visit is the pairwise
        # meetings told beside it, not a three-way meeting of its own
        pairwise = [d for d in kept if d.type == "meeting" and d.extra.get("subtype") != "visit"]
        kept = [
            d
            for d in kept
            if not (
                d.type == "meeting"
                and d.extra.get("subtype") == "visit"
                and (
                    (len(d.keys) > 2 and d.keys <= frozenset().union(*(o.keys for o in pairwise)))
                    # "flew to London, where he is due to be received by Starmer": the
                    # meeting the trip is for is the one told, with its own status
                    or (
                        d.status == "occurred"
                        and any(o.keys == d.keys and o.status == "planned" for o in pairwise)
                    )
                )
            )
        ]
        # "hosted the leaders of Russia, India and 20 other countries at a regional summit":
        # a meeting of three or more beside their attendance is the gathering itself
        kept = [
            d
            for d in kept
            if not (
                d.type == "meeting"
                and len(d.keys) > 2
                and any(o.type == "attendance" and d.keys <= o.keys for o in kept)
            )
        ]
        for d in kept:
            # "wound up two days of talks on Saturday without a communique": no agreement
            # over the whole meeting
            if d.type == "agreement" and d.status == "negated" and d.date is not None:
                for o in kept:
                    if (
                        o.type == "meeting"
                        and o.keys == d.keys
                        and o.date is not None
                        and o.date.start <= d.date.start
                        and d.date.end <= o.date.end
                    ):
                        d.date, d.date_text = o.date, o.date_text
        rank = {"occurred": 0, "planned": 1, "negated": 2}
        for d in kept:
            for o in kept:
                if (
                    o.type == d.type
                    and o.keys == d.keys
                    and compatible_dates(o.date, d.date)
                    and rank[o.status] > rank[d.status]
                    # "will not take part in the forum, although he attended it last year":
                    # a negation governs the mentions of its clause, or of its tense
                    and (
                        o.extra.get("clause") == d.extra.get("clause")
                        or o.extra.get("future") == d.extra.get("future")
                    )
                ):
                    d.status = o.status
        return kept

    # --- merging ------------------------------------------------------------------------

    def _add(self, draft: _Draft) -> None:
        same = [old for old in self.drafts if self._same(old, draft)]
        umbrella = next((o for o in same if o.extra.get("count", 1) > 1), None)
        if (
            umbrella is not None
            and umbrella.date is not None
            and draft.date is not None
            and _width(draft.date) < _width(umbrella.date)
            and not any(o is not umbrella and compatible_dates(o.date, draft.date) for o in same)
        ):
            # one occurrence of an event told as counted ("spoke twice over the weekend")
            umbrella.extra["told"] = umbrella.extra.get("told", 0) + 1
            self.drafts.append(draft)
            return
        for old in same:
            if old is umbrella and len(same) > 1:
                continue
            self._merge(old, draft)
            return
        self.drafts.append(draft)
        if draft.type == "sanction":
            self.last_sanction = draft
        if self.lead is None and draft.date is not None and draft.status == "occurred":
            self.lead = draft

    def _same(self, old: _Draft, new: _Draft) -> bool:
        if old.type != new.type:
            return False
        if (old.status == "negated") != (new.status == "negated"):
            return False
        if not compatible_dates(old.date, new.date) and not (
            spec_for(old.type).merge_adjacent_days and _adjacent_days(old.date, new.date)
        ):
            return False
        if spec_for(old.type).merge_key == "gathering":
            # One gathering per named kind ("the parade", "a summit of the SCO"): attendees
            # of the same one add up.
            a, b = old.extra.get("gathering"), new.extra.get("gathering")
            if old.status != new.status and old.own_date and new.own_date and old.date != new.date:
                return False  # "is expected to join the summit on Saturday": a plan of its own
            return a is None or b is None or a == b
        senders = (_sender(old), _sender(new))
        if old.type in ("invitation", "message") and None not in senders and len(set(senders)) > 1:
            # "Bush invited Putin to his ranch, and Putin asked him to come to Russia": two
            return False
        return old.keys == new.keys and old.status == new.status

    def _merge(self, old: _Draft, new: _Draft) -> None:
        if old.type == "attendance":
            for actor, role in new.actors:
                if all(actor != a for a, _ in old.actors):
                    old.actors.append((actor, role))
                elif role == "host":
                    old.actors = [(a, "host" if a == actor else r) for a, r in old.actors]
            if new.status == "planned":
                old.status = "planned"
        if self.lead is None and new.date is not None and old.date is None:
            self.lead = old if old.status == "occurred" else None
        if spec_for(old.type).merge_adjacent_days and _adjacent_days(old.date, new.date):
            assert old.date is not None and new.date is not None
            # "met over dinner on Wednesday" and "the summit on Thursday": one visit.
            old.date = DateRange(
                min(old.date.start, new.date.start), max(old.date.end, new.date.end), "range"
            )
            old.date_text = None
        elif new.date is not None and (
            old.date is None
            or (old.date.precision in _VAGUE and _width(new.date) < _width(old.date))
        ):
            old.date, old.date_text, old.own_date = new.date, new.date_text, new.own_date
        if old.location is None:
            old.location = new.location
        old.confidence = max(old.confidence, new.confidence)
