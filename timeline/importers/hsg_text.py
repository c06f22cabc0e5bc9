"""What an Office of the Historian remark or description says: the leaders it names, with
their titles, the summits attended, and whether a visit included a meeting.

Pure text reading; who a mention is, is decided against the offices table elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles of heads of state or government, longest first, with the office role they name.
LEADER_TITLES: dict[str, str] = {
    "Prime Minister": "head_of_government",
    "Premier": "head_of_government",
    "Chancellor": "head_of_government",
    "Taoiseach": "head_of_government",
    "President": "head_of_state",
    "King": "head_of_state",
    "Queen": "head_of_state",
    "Emperor": "head_of_state",
    "Empress": "head_of_state",
    "Emir": "head_of_state",
    "Amir": "head_of_state",
    "Sultan": "head_of_state",
    "Shah": "head_of_state",
    "Grand Duke": "head_of_state",
    "Grand Duchess": "head_of_state",
    "Pope": "head_of_state",
    "Chairman": "party_leader",
    "General Secretary": "party_leader",
    "leader": "effective_leader",
}
_TITLE = "|".join(re.escape(t) for t in sorted(LEADER_TITLES, key=len, reverse=True))
# A name word: a capitalised word (no full stop: "Brown." ends the name), an initial ("W."),
# or a particle of a surname.
_NAME_WORD = (
    r"(?:[A-Z]\.|[A-Z][\w'’-]*|(?:al|el|ad|bin|ibn)-[A-Z][\w'’-]*"
    r"|da|de|do|dos|del|la|van|von|der|bin|al|el|ibn)"
)
_MENTION = re.compile(
    rf"(?P<adjective>\b[A-Z][a-z]+(?: [A-Z][a-z]+)? )?\b(?P<title>{_TITLE})"
    rf" (?P<name>(?:[A-Z]\.|[A-Z][\w'’-]*)(?: {_NAME_WORD})*)"
)
# Titles that contain a leader title but are not leaders ("Vice President", "Crown Prince").
_NOT_LEADER = re.compile(r"(Vice|Deputy|Former|former|Crown|late|Foreign|First)\s*$")
# A mention in these phrases is about someone, not someone met.
_NOT_MET = re.compile(r"(funeral|memorial|tomb|grave|burial|wreath)[^.;]*$", re.IGNORECASE)
_ATTENDED = re.compile(
    r"\b(?:Attended|Participated in)\s+(?:the\s+|a\s+)?(?P<what>[^.;]*?"
    r"(?:Summit|Conference|Meeting|Assembly|Council|Forum)[^.;,]*)",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")


@dataclass(frozen=True)
class Mention:
    """'Prime Minister Harper': a leader title and the name that follows it."""

    title: str
    role: str
    name: str  # "Harper", "Kim Jong-un", "Elizabeth II"
    foreign: bool  # an adjective of nationality came first ("Russian President Putin")
    text: str  # as written, for messages

    @property
    def full_name(self) -> bool:
        """More than a surname: enough to name a person not yet known."""
        words = [w for w in self.name.split() if not _ROMAN.match(w)]
        return len(words) >= 2


def leader_mentions(text: str) -> list[Mention]:
    """Every leader named with a title, in order, once each."""
    found: dict[tuple[str, str], Mention] = {}
    for match in _MENTION.finditer(text):
        before = text[: match.start("title")]
        if _NOT_LEADER.search(before) or _NOT_MET.search(before):
            continue
        name = _trim(match.group("name"))
        if not name:
            continue
        title = match.group("title")
        adjective = (match.group("adjective") or "").strip()
        foreign = bool(adjective) and adjective.split()[-1] not in ("And", "With", "The")
        mention = Mention(
            title=title,
            role=LEADER_TITLES[title],
            name=name,
            foreign=foreign,
            text=match.group(0).strip(),
        )
        found.setdefault((title, name), mention)
    return list(found.values())


def visitor_mention(visitor: str) -> Mention | None:
    """The visitor field ('Prime Minister George Papandreou') as a mention, if a leader's."""
    match = _MENTION.match(visitor.strip())
    if match is None or match.group("adjective"):
        return None
    title = match.group("title")
    return Mention(
        title=title,
        role=LEADER_TITLES[title],
        name=_trim(match.group("name")),
        foreign=False,
        text=visitor.strip(),
    )


def summits_attended(text: str) -> list[str]:
    """'Attended the NATO Summit Meeting.' -> ['NATO Summit Meeting']."""
    found = (" ".join(m.group("what").split()) for m in _ATTENDED.finditer(text))
    return [what for what in found if " with " not in f" {what} "]  # "summit with X": a meeting


def visit_includes_meeting(description: str) -> bool:
    """State, official and working visits meet the president; any visit whose description
    names a meeting does; a private visit, or attending something, does not otherwise."""
    text = description.lower()
    if re.search(r"\bmet with\b|\bmeeting with\b|\bmeetings? at\b|\btalks with\b", text):
        return True
    if re.search(r"\boffsite meeting\b|\bbilateral meeting\b", text):
        return True
    if re.search(r"\bprivate visit\b", text):
        return False
    return bool(re.search(r"\b(state|official|working)\b(?: working)? visit\b", text))


def _trim(name: str) -> str:
    """Drop what trails a name in a list: 'Harper and', 'Brown.'."""
    words = name.replace("’", "'").split()
    while words and words[-1].lower() in ("and", "of", "the", "in", "at", "on", "to"):
        words.pop()
    return " ".join(words).rstrip(".,;:")
