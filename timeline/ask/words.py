"""The words a question may use besides names and dates, and what each one asks for."""

from __future__ import annotations

# Event types, as nouns or verbs ("meet", "called"); () is every contact type.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("meet", "met", "meets", "meeting", "meetings", "summit"), ("meeting",)),
    **dict.fromkeys(("summits", "talks", "visit", "visits", "visited"), ("meeting",)),
    **dict.fromkeys(("call", "calls", "called", "phone", "phoned", "spoke", "spoken"), ("call",)),
    **dict.fromkeys(("message", "messages", "letter", "letters", "wrote"), ("message",)),
    **dict.fromkeys(("invitation", "invitations", "invite", "invited"), ("invitation",)),
    **dict.fromkeys(("agreement", "agreements", "treaty", "treaties", "signed"), ("agreement",)),
    **dict.fromkeys(("attendance", "attended", "attend"), ("attendance",)),
    **dict.fromkeys(("contact", "contacts", "contacted", "relations"), ()),
}
SANCTION_WORDS = frozenset({"sanction", "sanctions", "sanctioned"})
FIRST_WORDS = frozenset({"first", "earliest"})
LAST_WORDS = frozenset({"last", "latest", "recent", "newest"})
COUNT_WORDS = frozenset({"many", "times", "count", "number"})
YES_NO_STARTS = frozenset({"did", "has", "have", "had", "was", "were", "does", "do", "is", "are"})
TIMELINE_WORDS = frozenset({"timeline", "history", "activity", "activities", "do", "doing"})
TRIP_WORDS = frozenset({"trip", "trips", "travel", "travels", "travelled", "traveled", "abroad"})
HAPPENED_WORDS = frozenset({"happened", "happen", "happening", "events", "event", "news"})
LEADER_WORDS = frozenset(
    {"led", "leads", "lead", "ruled", "rules", "ran", "governed", "leader", "ruler", "charge"}
)
# Office words and the role of the post they name.
OFFICE_WORDS: dict[str, str] = {
    "president": "head_of_state",
    "presidents": "head_of_state",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
    "minister": "head_of_government",
    "pm": "head_of_government",
}
TARGET_WORDS = frozenset({"on", "against", "targeting", "target", "of"})
IMPOSER_WORDS = frozenset({"by", "from"})
IN_FORCE_WORDS = frozenset({"force", "active", "effect"})
FILLER = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "with",
        "vs",
        "versus",
        "between",
        "in",
        "on",
        "at",
        "to",
        "s",
        "when",
        "what",
        "which",
        "who",
        "whom",
        "ever",
        "each",
        "other",
        "any",
        "all",
        "there",
        "list",
        "show",
        "me",
        "tell",
        "give",
        "please",
        "been",
        "times",
        "how",
        "many",
        "their",
        "his",
        "her",
        "its",
        "together",
        "both",
        "held",
        "hold",
        "holds",
        "office",
        "was",
        "is",
        "were",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "imposed",
        "impose",
        "head",
        "state",
        "government",
        "prime",
        "as",
        "from",
        "by",
        "for",
        "against",
        "targeting",
        "target",
        "about",
        "since",
        "after",
        "before",
        "until",
        "up",
        "time",
        "anyone",
        "someone",
    }
)


def vocabulary() -> frozenset[str]:
    """Every word the reader understands (never part of a name when written in lower case)."""
    return frozenset(
        {
            *TYPE_WORDS,
            *SANCTION_WORDS,
            *FIRST_WORDS,
            *LAST_WORDS,
            *COUNT_WORDS,
            *YES_NO_STARTS,
            *TIMELINE_WORDS,
            *TRIP_WORDS,
            *HAPPENED_WORDS,
            *LEADER_WORDS,
            *OFFICE_WORDS,
            *TARGET_WORDS,
            *IMPOSER_WORDS,
            *IN_FORCE_WORDS,
            *FILLER,
            "most",
            "us",
            "vs",
        }
    )
