"""The event types: one `EventTypeSpec` each, the single place a type is defined.

A spec holds what every stage needs to know about its type: the trigger words that open a
candidate (and their subtypes), the argument rule (who may fill the event: leaders only, or
states and bodies too; how many; which roles), the detail fields an event of the type carries,
its CAMEO code and the key under which repeated mentions merge. `timeline.vocabulary.EVENT_TYPES`
(and so the schema's CHECK list) derives from `EVENT_TYPES` here.

To add an event type: add one `EventTypeSpec` to `REGISTRY` (at the end, so existing types keep
their order) with its trigger rules, then a migration that widens the schema's CHECK list.
This module imports nothing from the project, so `timeline.vocabulary` can import it cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger pattern. `first_words` (space-separated, lower-case) are the words a match can
    start with: the pattern is only tried where a sentence has one, so the scan costs a set
    lookup a word. `subtype` steers the argument rules ("visit" needs a traveller and a
    destination, "interact" takes the leaders of its clause, "absent" negates)."""

    subtype: str
    first_words: str
    pattern: str


@dataclass(frozen=True, slots=True)
class CameoFacts:
    """What the CAMEO code of an event depends on."""

    status: str
    roles: frozenset[str]
    has_location: bool
    target_kind: str | None  # the last participant's kind (sanctions: person or state)


@dataclass(frozen=True, slots=True)
class EventTypeSpec:
    """Everything type-specific about one event type."""

    name: str
    triggers: tuple[TriggerRule, ...]
    # Where two types' triggers can start with the same word, the lower precedence is tried
    # first ("adopted a declaration" is an agreement before "adopted resolution 2397").
    precedence: int
    # The argument rule: how many participants at least, whether states and bodies count
    # (else only leaders), and the roles participants take.
    min_participants: int
    states_count: bool
    roles: tuple[str, ...]
    # Fields beyond type, participants, date and status that an event of the type carries.
    details: tuple[str, ...]
    cameo: Callable[[CameoFacts], str | None]
    # Repeated mentions merge when type, negation and dates agree and this key agrees:
    # "participants" (the same set and status) or "gathering" (the same named gathering;
    # attendees add up).
    merge_key: str = "participants"
    # Whether mentions on adjacent days are one event ("dinner on Wednesday, the summit on
    # Thursday": one visit).
    merge_adjacent_days: bool = False


def _cameo_meeting(f: CameoFacts) -> str:
    if f.status == "planned":
        return "036"  # express intent to meet
    if "host" in f.roles:
        return "042"  # make a visit / host
    return "044" if f.has_location else "040"


def _cameo_attendance(f: CameoFacts) -> str:
    return "043" if "host" in f.roles else "042"


def _cameo_sanction(f: CameoFacts) -> str:
    return "172" if f.target_kind == "person" else "163"


REGISTRY: tuple[EventTypeSpec, ...] = (
    EventTypeSpec(
        name="meeting",
        precedence=4,
        triggers=(
            TriggerRule(
                "interact",
                "met meet meets meeting meetings talks summit summits summitry",
                "met|meet|meets|meeting|meetings|talks|summit|summits|summitry",
            ),
            TriggerRule("interact", "shook shake shaking", "(?:shook|shake|shaking) hands"),
            TriggerRule(
                "interact",
                "sat sit sits sitting",
                "(?:sat|sit|sits|sitting) down (?:with|together)",
            ),
            # "welcomed Imran Khan to the White House", "was received by King Salman": a leader
            # named right after (checked in frames), not "welcomed the decision"
            TriggerRule(
                "interact",
                "welcomed welcomes welcoming received receives receiving",
                "(?:welcom|receiv)(?:ed|es|ing)(?: by)?",
            ),
            TriggerRule("interact", "tea golf", "(?:tea|golf) with"),
            # "where the two men talked for two hours" (not "talked by phone")
            TriggerRule(
                "interact",
                "talked",
                r"talked\s+(?:for\s+(?:about\s+|nearly\s+|more\s+than\s+)?(?:an?|one|two|three|"
                r"four|five|several|\d+)\s+(?:hours?|minutes)|privately|at\s+length)"
                r"(?![^.;]{0,30}\bby\s+(?:phone|telephone|video))",
            ),
            # "exchanged a few words at the APEC summit" (greetings are a message)
            TriggerRule(
                "interact",
                "exchanged",
                r"exchanged\s+(?:a\s+few\s+|brief\s+|warm\s+)?(?:words|pleasantries)",
            ),
            # "is due to see President Hu", "flew to Moscow to see Putin": a leader named next
            TriggerRule("interact", "see", "see(?= (?-i:[A-Z]))"),
            TriggerRule("interact", "spent", r"spent\s+(?:[\w-]+\s+){0,4}?together"),
            TriggerRule(
                "interact", "host hosted hosts hosting", "host|hosted(?! by)|hosts|hosting"
            ),
            TriggerRule("interact", "encounter greeted", "encounter|greeted"),
            TriggerRule("interact", "one tete", "one-on-one|tete-a-tete"),
            TriggerRule("interact", "held", "held a banquet"),
            TriggerRule("interact", "dined lunched", "(?:dined|lunched) (?:together|with)"),
            # "is due to have dinner with Xi", "a working lunch between the two leaders"
            TriggerRule(
                "interact",
                "dinner lunch luncheon breakfast banquet",
                r"(?:dinner|lunch|luncheon|breakfast|banquet)(?=\s+(?:with|between)\b)",
            ),
            TriggerRule("interact", "joined", "joined them"),
            TriggerRule(
                "visit",
                "state official working surprise secret visit visits visited visiting",
                "(?:state |official |working |surprise |secret )?visit(?:s|ed|ing)?",
            ),
            TriggerRule(
                "visit",
                "trip travel travelled traveled travels travelling traveling flew flown fly "
                "flies flying went",
                "trip to|travel(?:l?ed|s|l?ing)? to|(?:flew|flown|fly|flies|flying) to"
                # "went straight from Minsk to Brussels for a summit"
                r"|went (?:straight )?(?:from (?-i:[A-Z])[\w-]+ )?to(?= (?-i:[A-Z])| the\b)",
            ),
            # "before heading to the APEC summit", "on his way to the G8 summit in Okinawa"
            # "He will leave for Durban later on Monday for the BRICS summit"
            TriggerRule(
                "visit",
                "leave leaves left leaving",
                "(?:leave|leaves|left|leaving) for(?= (?-i:[A-Z]))",
            ),
            TriggerRule(
                "visit",
                "heading head heads headed on en",
                "(?:heading|head|heads|headed) to|on (?:his|her|their) way to|en route to",
            ),
        ),
        min_participants=2,
        states_count=False,
        roles=("host", "guest", "participant"),
        details=("location", "subtype"),
        cameo=_cameo_meeting,
        merge_adjacent_days=True,
    ),
    EventTypeSpec(
        name="call",
        precedence=0,
        triggers=(
            TriggerRule(
                "call", "phone telephone", "(?:tele)?phone (?:call|calls|conversation|talks)"
            ),
            TriggerRule("call", "video", "video (?:call|calls|link|conference)"),
            TriggerRule(
                "call", "videoconference phoned telephoned", "videoconference|phoned|telephoned"
            ),
            TriggerRule(
                "call", "spoke talked", "(?:spoke|talked) (?:by|on the|over the) (?:tele)?phone"
            ),
            TriggerRule(
                "call",
                "spoke spoken speak speaks talked talk",
                r"(?:spoke|spoken|speak|speaks|talked|talk) with\b[^.;]{0,60}?\b(?:by|on the|over "
                r"the) (?:tele)?phone",
            ),
            TriggerRule("call", "called phoned rang", "called|phoned|rang"),
            TriggerRule("call", "by", "by (?:tele)?phone"),
            TriggerRule("call", "a", "a (?:phone |telephone )?call with"),
            TriggerRule("call", "call calls", "calls?"),
            # "The first conversation took place on Saturday", "the two talked again": a call told
            # already goes on (only where the article has told of a call).
            TriggerRule(
                "call_ref",
                "conversation conversations talked spoke",
                "conversations?|(?:talked|spoke) again",
            ),
            # "Macron spoke to Trump by phone on Wednesday. Scholz spoke to Trump later on
            # Wednesday": the next in a run of calls
            TriggerRule("call_ref", "spoke talked", "(?:spoke|talked) (?:to|with)"),
        ),
        min_participants=2,
        states_count=False,
        roles=("participant",),
        details=(),
        cameo=lambda f: "041",
    ),
    EventTypeSpec(
        name="message",
        precedence=1,
        triggers=(
            TriggerRule(
                "message",
                "letter letters message messages greetings congratulatory congratulated telegram "
                "telegrams condolences congratulations",
                "letters?|messages?|greetings|congratulatory|congratulated|telegrams?|"
                "condolences|congratulations",
            ),
            TriggerRule("message", "wrote", "wrote to"),
            TriggerRule(
                "message", "birthday new", "(?:birthday|new year) (?:card|greetings|message)"
            ),
        ),
        min_participants=2,
        states_count=False,
        roles=("sender", "recipient"),
        details=(),
        cameo=lambda f: "040",
    ),
    EventTypeSpec(
        name="invitation",
        precedence=2,
        triggers=(
            TriggerRule(
                "invitation",
                "invited invites invite inviting invitation invitations",
                "invit(?:ed|es|e|ing|ation|ations)",
            ),
            # "Xi asked Modi to come to China next year": an invitation in other words.
            TriggerRule(
                "invitation",
                "asked ask asks asking",
                r"ask(?:ed|s|ing)?(?=\s+(?:[\w.'-]+\s+){1,4}?to\s+(?:come|visit|travel|attend)\b)",
            ),
        ),
        min_participants=2,
        states_count=False,
        roles=("sender", "recipient"),
        details=(),
        cameo=lambda f: "036",
    ),
    EventTypeSpec(
        name="attendance",
        precedence=3,
        triggers=(
            TriggerRule(
                "attend",
                "attend attends attended attending attendance watched",
                # "watched the parade", not "the most closely watched encounter"
                r"attend(?:s|ed|ing|ance)?|watched(?=\s+(?:the|a|an|as)\b)",
            ),
            TriggerRule("attend", "to", "to watch"),
            TriggerRule("attend", "be was were", "(?:be|was|were) there"),
            TriggerRule("attend", "took take taking", "(?:took|take|taking) part in"),
            TriggerRule(
                "attend", "participated participating participate participates", r"participat\w+ in"
            ),
            # "told the General Assembly on Tuesday", "addressed the summit"
            TriggerRule(
                "attend",
                "addressed address addresses addressing told",
                r"(?:address(?:ed|es|ing)?|told) the (?:[\w.'-]+ ){0,3}(?:General Assembly|"
                r"summit|forum|conference|assembly|congress)",
            ),
            # "The two-day summit ... brought together Putin, Modi and Erdogan"
            TriggerRule(
                "attend",
                "brought brings bringing bring",
                "(?:brought|brings|bringing|bring) together",
            ),
            TriggerRule(
                "attend",
                "among",
                r"among (?:the |\w+ )?(?:\w+ )?(?:leaders|heads of state|guests|dignitaries) "
                r"(?:at|attending)",
            ),
            TriggerRule("attend", "review reviewed", "review(?:ed)? the parade"),
            # "Modi and Ghani inaugurated a new parliament building": a ceremony attended
            TriggerRule(
                "attend",
                "inaugurated inaugurate inaugurates inaugurating",
                r"inaugurat(?:ed|e|es|ing)\s+(?:a|an|the)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?"
                r"(?:building|dam|bridge|embassy|plant|port|railway|airport|monument|memorial|"
                r"museum|stadium|hospital|pipeline|terminal|factory|cent(?:re|er)|station)\b",
            ),
            # "Obama and the other G8 leaders ... when they gather in Deauville", "Kim, Putin
            # and Xi have gathered at the same event"
            TriggerRule(
                "attend",
                "gather gathered gathers gathering",
                r"gather(?:ed|s|ing)?\s+(?:in|at)(?=\s+(?:(?-i:[A-Z])|the\b))",
            ),
            # "Seven African leaders took part in Friday's session"
            TriggerRule(
                "attend",
                "took take takes taking",
                r"(?:took|take|takes|taking) part in (?:the |a |an |[\w'’]+['’]s )?(?:[\w-]+ )?"
                r"(?:summit|session|sessions|forum|conference|ceremony|parade|talks|meeting|"
                r"celebrations?|commemorations?|gathering)\b",
            ),
            TriggerRule(
                "attend", "join joined joins", r"join(?:ed|s)?\b[^.;]{0,40}?\bat (?:the|a|an)\b"
            ),
            # "Trump joined a summit of Gulf leaders", "is expected to join the summit"; a
            # determiner first, not "joined calls for a summit"
            TriggerRule(
                "attend",
                "join joined joins joining",
                r"join(?:ed|s|ing)?\s+(?:a|an|the|this|that|their|his|her|its|[A-Z][\w.-]*['’]s)\s+"
                r"(?:[\w'’-]+\s+){0,3}?(?:summit|forum|parade|ceremony|"
                r"conference|gathering|celebrations?|commemorations?)\b",
            ),
            # "Both men are expected at the G20 summit", "Modi is due back in China in June for the
            # SCO summit", "Xi is staying on for the APEC meetings": a planned attendance.
            TriggerRule("expect", "expected", r"expected (?:at|in)\b"),
            TriggerRule("expect", "due", r"due (?:back )?(?:in|at)\b"),
            TriggerRule("expect", "staying stay stays", r"stay(?:ing|s)? on for\b"),
            # "Xi skipped the G20 summit", "Putin stayed away from the G20 meeting": a negated one.
            TriggerRule(
                "absent",
                "skipped skip skips skipping stayed stay stays staying absent missed misses "
                "boycotted boycott boycotts snubbed",
                "skip(?:ped|s|ping)?|stay(?:ed|s|ing)? away from|absent from|miss(?:ed|es)|"
                "boycott(?:ed|s)?|snubbed",
            ),
        ),
        min_participants=1,
        states_count=False,
        roles=("attendee", "host"),
        details=("gathering", "location"),
        cameo=_cameo_attendance,
        merge_key="gathering",
    ),
    EventTypeSpec(
        name="agreement",
        precedence=5,
        triggers=(
            TriggerRule(
                "agreement",
                "sign signs signed signing conclude concluded concludes concluding ink inked "
                "inks seal sealed seals",
                "sign(?:s|ed|ing)?|conclud(?:e|ed|es|ing)|ink(?:ed|s)?|seal(?:ed|s)?",
            ),
            TriggerRule("agreement", "no", "no (?:joint )?(?:statement|agreement|deal|accord)"),
            TriggerRule(
                "agreement",
                "without",
                r"without (?:a|an|any) (?:[\w-]+ ){0,2}?(?:deal|agreement|accord|communique|joint "
                r"statement|declaration|treaty)",
            ),
            # "Putin and Lukashenko failed to agree on terms": no agreement concluded.
            TriggerRule(
                "agreement",
                "failed fail fails",
                "fail(?:ed|s)? to (?:agree|reach (?:an? |any )?(?:agreement|deal|accord))",
            ),
            TriggerRule(
                "agreement",
                "issued produced adopted reached struck",
                r"(?:issued|produced|adopted|reached|struck) (?:a |an |the |their |two )?"
                r"(?:[\w'-]+ ){0,3}(?:statement|agreement|deal|accord|declaration|communique|"
                r"treaty|pact|document)s?",
            ),
            TriggerRule(
                "agreement", "joint", "joint (?:statement|declaration|communique|document)s?"
            ),
            # "the 1998 declaration between Obuchi and Kim": a nominal agreement
            TriggerRule(
                "agreement",
                "declaration treaty accord pact agreement",
                "(?:declaration|treaty|accord|pact|agreement) between",
            ),
        ),
        min_participants=2,
        states_count=True,
        roles=("signatory",),
        details=("location",),
        cameo=lambda f: "057",
    ),
    EventTypeSpec(
        name="sanction",
        precedence=6,
        triggers=(
            TriggerRule(
                "sanction",
                "sanction sanctions sanctioned sanctioning embargo embargoes blacklist "
                "blacklisted blacklists punish punished punishes punishing asset designated "
                "designates designating",
                "sanction(?:s|ed|ing)?|embargo(?:es)?|blacklist(?:ed|s)?|punish(?:ed|es|ing)?|"
                "asset freezes?|designat(?:ed|es|ing)",
            ),
            TriggerRule("sanction", "adopted", r"adopted resolution \d+"),
            # "Resolution 2321, adopted by the council on Wednesday": a numbered (Security Council)
            # resolution in a story of sanctions.
            TriggerRule("resolution", "resolution", r"resolution \d{3,4}"),
        ),
        min_participants=2,
        states_count=True,
        roles=("imposer", "target"),
        details=(),
        cameo=_cameo_sanction,
    ),
)

EVENT_TYPES: tuple[str, ...] = tuple(spec.name for spec in REGISTRY)
_BY_NAME = {spec.name: spec for spec in REGISTRY}


def spec_for(name: str) -> EventTypeSpec:
    """The spec of an event type (KeyError for an unknown one)."""
    return _BY_NAME[name]


def trigger_rules() -> list[tuple[str, TriggerRule]]:
    """Every (type, rule) in match order: by precedence, then as listed in the spec."""
    ordered = sorted(REGISTRY, key=lambda spec: spec.precedence)
    return [(spec.name, rule) for spec in ordered for rule in spec.triggers]
