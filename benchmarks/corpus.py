"""A deterministic generator of realistic news articles for benchmarks and tests.

Each article reports one story of a news feed: a lead event (a meeting, call, message,
invitation, attendance, agreement or sanction) told with one of many kinds of date expression
relative to the publication date, then follow-ups (a planned visit, a call, a negated report),
background events dated coarsely ("in 2018", "two years ago", "late last year"), and distractor
sentences (officials who are not leaders, economic figures, dates that belong to no event),
until it reaches 200 to 800 words. Leaders are the ones in office on the story's date, named
by full name, surname, or title ("the Chinese president"); countries and organizations too.

Stories repeat as they do in a real feed: about three articles, published within days of each
other, report each story, so ingesting merges reports into one event with several evidence rows.

Deterministic and prefix-stable: article n depends only on (seed, n), so the first 1,000 of a
100,000-article corpus are the 1,000-article corpus, and a run is comparable with any other.

    python benchmarks/corpus.py 5000 > /tmp/corpus.jsonl          # JSON lines on stdout
    python benchmarks/corpus.py 100000 -o /tmp/big.jsonl --offset 0 --seed 2026
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

SEED = 2026
FIRST_DAY = date(2015, 1, 1)
FEED_DAYS = 3900  # stories are dated 2015-01-01 .. 2025-09 and wrap around after that
ARTICLES_PER_STORY = 3

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("first", "second", "third", "fourth")
NUMBER_WORDS = ("two", "three", "four", "five", "six")


@dataclass(frozen=True)
class Leader:
    name: str
    surname: str
    title: str  # "Chinese President": resolvable through the offices in the seed data
    country: str
    capital: str
    start: date
    end: date | None


D = date
LEADERS = (
    Leader("Xi Jinping", "Xi", "Chinese President", "China", "Beijing", D(2013, 3, 14), None),
    Leader(
        "Kim Jong Un",
        "Kim",
        "North Korean leader",
        "North Korea",
        "Pyongyang",
        D(2011, 12, 17),
        None,
    ),
    Leader("Vladimir Putin", "Putin", "Russian President", "Russia", "Moscow", D(2012, 5, 7), None),
    Leader(
        "Barack Obama",
        "Obama",
        "U.S. President",
        "the United States",
        "Washington",
        D(2009, 1, 20),
        D(2017, 1, 20),
    ),
    Leader(
        "Donald Trump",
        "Trump",
        "U.S. President",
        "the United States",
        "Washington",
        D(2017, 1, 20),
        D(2021, 1, 20),
    ),
    Leader(
        "Joe Biden",
        "Biden",
        "U.S. President",
        "the United States",
        "Washington",
        D(2021, 1, 20),
        D(2025, 1, 20),
    ),
    Leader(
        "Donald Trump",
        "Trump",
        "U.S. President",
        "the United States",
        "Washington",
        D(2025, 1, 20),
        None,
    ),
    Leader(
        "Park Geun-hye",
        "Park",
        "South Korean President",
        "South Korea",
        "Seoul",
        D(2013, 2, 25),
        D(2016, 12, 9),
    ),
    Leader(
        "Moon Jae-in",
        "Moon",
        "South Korean President",
        "South Korea",
        "Seoul",
        D(2017, 5, 10),
        D(2022, 5, 10),
    ),
    Leader(
        "Yoon Suk Yeol",
        "Yoon",
        "South Korean President",
        "South Korea",
        "Seoul",
        D(2022, 5, 10),
        D(2024, 12, 14),
    ),
    Leader(
        "Lee Jae-myung",
        "Lee",
        "South Korean President",
        "South Korea",
        "Seoul",
        D(2025, 6, 4),
        None,
    ),
    Leader(
        "Shinzo Abe",
        "Abe",
        "Japanese Prime Minister",
        "Japan",
        "Tokyo",
        D(2012, 12, 26),
        D(2020, 9, 16),
    ),
    Leader(
        "Yoshihide Suga",
        "Suga",
        "Japanese Prime Minister",
        "Japan",
        "Tokyo",
        D(2020, 9, 16),
        D(2021, 10, 4),
    ),
    Leader(
        "Fumio Kishida",
        "Kishida",
        "Japanese Prime Minister",
        "Japan",
        "Tokyo",
        D(2021, 10, 4),
        D(2024, 10, 1),
    ),
    Leader(
        "Narendra Modi", "Modi", "Indian Prime Minister", "India", "New Delhi", D(2014, 5, 26), None
    ),
    Leader(
        "Alexander Lukashenko",
        "Lukashenko",
        "Belarusian President",
        "Belarus",
        "Minsk",
        D(1994, 7, 20),
        None,
    ),
    Leader(
        "Recep Tayyip Erdogan",
        "Erdogan",
        "Turkish President",
        "Turkey",
        "Ankara",
        D(2014, 8, 28),
        None,
    ),
    Leader(
        "Emmanuel Macron", "Macron", "French President", "France", "Paris", D(2017, 5, 14), None
    ),
    Leader(
        "Angela Merkel",
        "Merkel",
        "German Chancellor",
        "Germany",
        "Berlin",
        D(2005, 11, 22),
        D(2021, 12, 8),
    ),
    Leader(
        "Olaf Scholz",
        "Scholz",
        "German Chancellor",
        "Germany",
        "Berlin",
        D(2021, 12, 8),
        D(2025, 5, 6),
    ),
    Leader(
        "Volodymyr Zelensky",
        "Zelensky",
        "Ukrainian President",
        "Ukraine",
        "Kyiv",
        D(2019, 5, 20),
        None,
    ),
)
# The feed follows a few leaders far more than the others, as real coverage does.
WEIGHT = {"Xi": 9, "Kim": 8, "Putin": 8, "Trump": 7, "Biden": 5, "Moon": 4, "Obama": 3}

SANCTIONS = (
    ("The U.N. Security Council", "North Korea", "over its ballistic missile launches"),
    ("The United States", "Russia", "over the war in Ukraine"),
    ("The European Union", "Belarus", "targeting its potash and tobacco exports"),
    ("The European Union", "Russia", "freezing the assets of several banks"),
    (
        "The U.S. Treasury's Office of Foreign Assets Control",
        "North Korea",
        "designating shipping firms accused of ship-to-ship transfers",
    ),
    ("The United States", "Iran", "targeting its oil sales"),
)
OCCASIONS = (
    "a military parade",
    "the G20 summit",
    "the summit of the Shanghai Cooperation Organisation",
    "the BRICS summit",
    "the APEC leaders' meeting",
    "a ceremony marking the end of the war",
    "the opening of the Asian Games",
)
TOPICS = (
    "trade",
    "energy",
    "security",
    "the nuclear issue",
    "tourism",
    "nuclear power",
    "grain",
    "border crossings",
    "climate",
    "infrastructure",
)
FIRST_NAMES = (
    "Wang",
    "Choe",
    "Sergei",
    "Antony",
    "Park",
    "Yoko",
    "Ri",
    "Anna",
    "Hakan",
    "Jean-Noel",
    "Mao",
    "Maria",
    "Dmitry",
    "Kang",
    "Annalena",
    "Subrahmanyam",
)
LAST_NAMES = (
    "Yi",
    "Son Hui",
    "Lavrov",
    "Blinken",
    "Jin",
    "Kamikawa",
    "Yong Ho",
    "Baerbock",
    "Fidan",
    "Barrot",
    "Ning",
    "Zakharova",
    "Peskov",
    "Kyung-wha",
    "Jaishankar",
    "Sung-ho",
)
OFFICIAL_ROLES = (
    "Foreign Minister",
    "Deputy Foreign Minister",
    "Ministry Spokesperson",
    "Vice Premier",
    "Ambassador",
    "Defence Minister",
    "Trade Envoy",
    "National Security Adviser",
)
PLACES = (
    "Vladivostok",
    "Hanoi",
    "Singapore",
    "Panmunjom",
    "Osaka",
    "Anchorage",
    "Davos",
    "Sochi",
    "Shanghai",
    "Wonsan",
    "Busan",
    "Kazan",
    "Geneva",
    "Helsinki",
    "Astana",
)


def _leaders_on(day: date) -> list[Leader]:
    return [p for p in LEADERS if p.start <= day and (p.end is None or day < p.end)]


def _pick_leaders(rng: random.Random, day: date, k: int) -> list[Leader]:
    pool = _leaders_on(day)
    chosen: list[Leader] = []
    while len(chosen) < k:
        weights = [WEIGHT.get(p.surname, 1) for p in pool]
        leader = rng.choices(pool, weights)[0]
        if leader.name not in {c.name for c in chosen}:
            chosen.append(leader)
    return chosen


# --- date expressions ----------------------------------------------------------------------


def _day_month(day: date, rng: random.Random, with_year: bool = False) -> str:
    shape = rng.randrange(3)
    year = f", {day.year}" if with_year and shape != 1 else (f" {day.year}" if with_year else "")
    if shape == 1:
        return f"{day.day} {MONTHS[day.month - 1]}{year}"
    return f"{MONTHS[day.month - 1]} {day.day}{year}"


def past_when(rng: random.Random, event: date, published: date) -> str:
    """Words a reporter would use for `event` (not after `published`), chosen at random among
    the forms that are true on that day: weekdays, yesterday, day and month, month parts,
    weeks, months, quarters, seasons, year parts, years, ranges and counts ago."""
    delta = (published - event).days
    forms: list[str] = [f"on {_day_month(event, rng, with_year=event.year != published.year)}"]
    if delta == 1:
        forms.append("yesterday")
    if 0 <= delta < 6:
        forms += [f"on {WEEKDAYS[event.weekday()]}"] * 3
    if event.year == published.year:
        forms.append(f"in {MONTHS[event.month - 1]}")
        part = "early" if event.day <= 10 else ("mid-" if event.day <= 20 else "late")
        if part == "mid-":
            forms.append(f"in mid-{MONTHS[event.month - 1]}")
        else:
            forms.append(f"in {part} {MONTHS[event.month - 1]}")
        if event.month == published.month and event < published:
            forms.append("earlier this month")
    else:
        forms.append(f"in {MONTHS[event.month - 1]} {event.year}")
    if (published.year * 12 + published.month) - (event.year * 12 + event.month) == 1:
        forms.append("last month")
    monday = published - timedelta(days=published.weekday())
    if monday - timedelta(days=7) <= event < monday:
        forms.append("last week")
    if event.year == published.year - 1:
        forms.append("last year")
        forms.append("late last year" if event.month >= 9 else "early last year")
    forms.append(f"in the {ORDINALS[(event.month - 1) // 3]} quarter of {event.year}")
    season = (
        "winter",
        "spring",
        "spring",
        "spring",
        "summer",
        "summer",
        "summer",
        "autumn",
        "autumn",
        "autumn",
        "winter",
        "winter",
    )[event.month - 1]
    if season != "winter":
        forms.append(f"in the {season} of {event.year}")
    forms.append(f"in the {'first' if event.month <= 6 else 'second'} half of {event.year}")
    forms.append(f"in {event.year}")
    years = published.year - event.year
    if 2 <= years <= 6 and (published.month, published.day) >= (event.month, event.day):
        forms.append(f"{NUMBER_WORDS[years - 2]} years ago")
    if event.day <= 26:
        end = event + timedelta(days=rng.randrange(1, 3))
        if end.month == event.month:
            forms.append(f"from {MONTHS[event.month - 1]} {event.day} to {end.day}")
            forms.append(f"between {MONTHS[event.month - 1]} {event.day} and {end.day}")
    return rng.choice(forms)


def future_when(rng: random.Random, published: date) -> tuple[str, date]:
    """A planned date and how it is said: next week, on Friday, later this month, in June..."""
    choice = rng.randrange(8)
    if choice == 0:
        day = published + timedelta(days=7 - published.weekday() + rng.randrange(5))
        return "next week", day
    if choice == 1:
        ahead = rng.randrange(1, 6)
        day = published + timedelta(days=ahead)
        return f"on {WEEKDAYS[day.weekday()]}", day
    if choice == 2:
        day = published + timedelta(days=rng.randrange(35, 60))
        return "next month", day
    if choice == 3 and published.day < 20:
        return "later this month", published + timedelta(days=5)
    if choice == 4:
        day = published + timedelta(days=rng.randrange(60, 150))
        word = MONTHS[day.month - 1]
        return (f"in {word}" if day.year == published.year else f"in {word} next year"), day
    if choice == 5:
        return "in the coming weeks", published + timedelta(days=14)
    if choice == 6:
        return "early next year", date(published.year + 1, 2, 1)
    day = published + timedelta(days=rng.randrange(8, 40))
    return f"on {_day_month(day, rng)}", day


# --- stories and sentences -----------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    kind: str
    day: date
    leaders: tuple[Leader, ...]
    place: str
    topic: str
    occasion: str
    sanction: tuple[str, str, str]


KINDS = (
    ("meeting", 40),
    ("call", 15),
    ("message", 10),
    ("invitation", 8),
    ("attendance", 10),
    ("agreement", 9),
    ("sanction", 8),
)


def story(seed: int, number: int) -> Story:
    """Story `number` of the feed: the same for the same seed, whoever asks."""
    rng = random.Random(f"story:{seed}:{number}")
    day = FIRST_DAY + timedelta(days=number * 487 % FEED_DAYS)  # spread over the years
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    count = rng.randrange(3, 5) if kind == "attendance" else 2
    leaders = tuple(_pick_leaders(rng, day, count))
    place = rng.choice([leaders[1].capital, leaders[0].capital, rng.choice(PLACES)])
    return Story(
        kind=kind,
        day=day,
        leaders=leaders,
        place=place,
        topic=rng.choice(TOPICS),
        occasion=rng.choice(OCCASIONS),
        sanction=rng.choice(SANCTIONS),
    )


def _named(rng: random.Random, leader: Leader, first: bool) -> str:
    """Full name with or without title on first mention; later the surname or the title."""
    if first:
        return rng.choice((leader.name, f"{leader.title} {leader.name}", leader.name))
    return rng.choice(
        (
            leader.surname,
            leader.surname,
            f"the {leader.title.lower()}"
            if not leader.title.startswith("U.S.")
            else leader.surname,
        )
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_sentence(rng: random.Random, s: Story, when: str, first: bool = True) -> str:
    a, b = s.leaders[0], s.leaders[1]
    na, nb = _named(rng, a, first), _named(rng, b, first)
    t = s.kind
    if t == "meeting":
        options = (
            f"{na} met {nb} in {s.place} {when} for talks on {s.topic}.",
            f"{na} held talks with {nb} in {s.place} {when}, state media said.",
            f"{na} and {nb} met {when} in {s.place}, their first summit in months.",
            f"{na} hosted {nb} {when} at a state guest house in {s.place}.",
        )
    elif t == "call":
        options = (
            f"{na} spoke with {nb} by phone {when}, discussing {s.topic}.",
            f"{na} and {nb} held a telephone conversation {when}, the Kremlin said.",
            f"{na} called {nb} {when} to discuss {s.topic}.",
        )
    elif t == "message":
        options = (
            f"{na} sent a congratulatory message to {nb} {when}.",
            f"{na} sent a letter to {nb} {when}, state media reported.",
            f"{na} wrote to {nb} {when} offering condolences after the floods.",
        )
    elif t == "invitation":
        options = (
            f"{na} invited {nb} to visit {a.country} {when}.",
            f"{na} extended an invitation to {nb} {when} to attend talks in {a.capital}.",
        )
    elif t == "attendance":
        names = [_named(rng, p, first) for p in s.leaders]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        options = (
            f"{listed} attended {s.occasion} in {s.place} {when}.",
            f"{_cap(listed)} were among the leaders at {s.occasion} in {s.place} {when}.",
        )
    elif t == "agreement":
        options = (
            f"{na} and {nb} signed an agreement on {s.topic} in {s.place} {when}.",
            f"{na} and {nb} signed a treaty on {s.topic} {when}.",
        )
    else:
        imposer, target, why = s.sanction
        options = (
            f"{imposer} imposed new sanctions on {target} {when}, {why}.",
            f"{imposer} announced sanctions against {target} {when} {why}.",
        )
    return _cap(rng.choice(options))


def planned_sentence(rng: random.Random, s: Story, published: date) -> str:
    when, _ = future_when(rng, published)
    a, b = s.leaders[0], s.leaders[-1]
    na, nb = _named(rng, a, False), _named(rng, b, False)
    options = (
        f"{na} will travel to {b.capital} {when} for talks with {nb}, officials said.",
        f"{na} is expected to meet {nb} again {when}.",
        f"{na} and {nb} are due to hold a phone call {when}.",
        f"{na} plans to visit {b.country} {when}, according to diplomats.",
    )
    return _cap(rng.choice(options))


def negated_sentence(rng: random.Random, s: Story) -> str:
    a, b = s.leaders[0], s.leaders[-1]
    na, nb = _named(rng, a, False), _named(rng, b, False)
    options = (
        f"{na} did not meet {nb} during the visit, a spokesman said.",
        f"Officials denied reports that {na} had spoken with {nb} by phone.",
        f"{na} has not met {nb} since the talks collapsed.",
    )
    return _cap(rng.choice(options))


def distractor(rng: random.Random, s: Story, published: date) -> str:
    official = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    role = rng.choice(OFFICIAL_ROLES)
    leader = rng.choice(s.leaders)
    pct = f"{rng.randrange(1, 40)}.{rng.randrange(10)}"
    other = rng.choice(PLACES)
    month = MONTHS[rng.randrange(12)]
    options = (
        f"Analysts said the talks could open the way to broader cooperation on {s.topic}.",
        f"{role} {official} told reporters that relations had never been better.",
        f"Trade between the two countries grew by {pct} percent in the "
        f"{ORDINALS[rng.randrange(4)]} quarter, customs data showed.",
        "The central bank left interest rates unchanged, citing uncertainty about exports.",
        f"A spokesman for the ministry, {official}, declined to comment on the details.",
        "Officials from both sides are expected to continue working-level talks.",
        f"Markets in {leader.capital} were little changed after the announcement.",
        "Human rights groups criticised the visit, saying it lent legitimacy to the government.",
        f"{leader.surname} has led {leader.country} since {leader.start.year}.",
        f"{role} {official} is due to travel to {other} to discuss energy supplies.",
        "Satellite images showed continued construction at the site, a research group said.",
        f"The opposition accused the government of failing to consult parliament on {s.topic}.",
        f"The exhibition in {other} runs until the end of {month}.",
        f"Inflation eased to {pct} percent in {MONTHS[(published.month - 2) % 12]}, "
        "the statistics office said.",
        f"{official}, a researcher at a think tank in {other}, said the relationship "
        "remained fragile.",
        f"The foreign ministers of {s.leaders[0].country} and {s.leaders[1].country} met "
        "separately to prepare the agenda.",
        "Both sides described the atmosphere as warm and candid.",
        f"Thousands of people lined the streets of {s.place}, waving flags.",
        f"{role} {official} met business leaders in {other} on the sidelines of a forum.",
        f"The two sides last held a round of working-level talks in {month} "
        f"{published.year - rng.randrange(1, 5)}.",
        f"Exports of {s.topic.split()[-1]} products rose {pct} percent from a year earlier.",
        f"{official} said in a statement that the negotiations would resume after {month}.",
        f"Police said {rng.randrange(2, 90)} people were detained during protests in "
        f"{other} over the weekend.",
        f"The {rng.randrange(2, 12)}-day festival in {other} drew a record number of visitors.",
        f"A delegation led by {role} {official} arrived in {s.place} a day earlier.",
        f"State television showed {leader.surname} inspecting a factory, without giving a date.",
        f"The currency weakened {pct} percent against the dollar this year.",
        f"Parliament is expected to vote on the budget before the end of {month}.",
        f"Observers noted that {leader.country} had increased its defence spending by {pct} "
        "percent.",
        "The statement did not mention the disputed islands.",
        f"Diplomats in {other} said preparations had been under way for weeks.",
    )
    return rng.choice(options)


def article(number: int, seed: int = SEED) -> dict[str, str]:
    """Article `number` of the corpus for `seed` (JSON-ready: id, title, source, published,
    url, text)."""
    rng = random.Random(f"article:{seed}:{number}")
    story_number = max(0, number // ARTICLES_PER_STORY - rng.randrange(0, 4))
    s = story(seed, story_number)
    published = s.day + timedelta(days=rng.choice((0, 1, 1, 1, 2, 3)))
    target = rng.randrange(200, 801)
    lead = event_sentence(rng, s, past_when(rng, s.day, published), first=True)
    sentences = [lead]
    later: list[str] = []
    if rng.random() < 0.5:
        later.append(planned_sentence(rng, s, published))
    if rng.random() < 0.1:
        later.append(negated_sentence(rng, s))
    for back in range(rng.randrange(0, 3)):
        old = story(seed, max(0, story_number - rng.randrange(200, 12_000) - back))
        if old.day < published - timedelta(days=60):
            later.append(event_sentence(rng, old, past_when(rng, old.day, published)))
    words = len(lead.split())
    while words < target:
        use_later = later and rng.random() < 0.25
        sentence = later.pop(0) if use_later else distractor(rng, s, published)
        sentences.append(sentence)
        words += len(sentence.split())
    sentences += later
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    dateline = f"{s.place.upper()}, {MONTHS[published.month - 1]} {published.day} (Wire) - "
    a, b = s.leaders[0], s.leaders[1]
    headline = {
        "meeting": f"{a.surname} and {b.surname} hold talks in {s.place}",
        "call": f"{a.surname} and {b.surname} speak by phone",
        "message": f"{a.surname} sends message to {b.surname}",
        "invitation": f"{a.surname} invites {b.surname} to {a.country}",
        "attendance": f"Leaders gather for {s.occasion}",
        "agreement": f"{a.surname}, {b.surname} sign {s.topic} deal",
        "sanction": f"New sanctions on {s.sanction[1]}",
    }[s.kind]
    return {
        "id": f"bench-{seed}-{number:07d}",
        "title": headline,
        "source": rng.choice(("wire", "newspaper", "broadcaster", "agency")),
        "url": f"https://news.example/{seed}/{number}",
        "published": published.isoformat(),
        "text": dateline + "\n\n".join(paragraphs),
    }


def articles(count: int, seed: int = SEED, offset: int = 0) -> Iterator[dict[str, str]]:
    """Articles offset .. offset+count-1 of the corpus, the same ones for the same seed."""
    for number in range(offset, offset + count):
        yield article(number, seed)


def write_jsonl(path: str, count: int, seed: int = SEED, offset: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for item in articles(count, seed, offset):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write generated articles as JSON lines.")
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--offset", type=int, default=0, help="number of the first article")
    args = parser.parse_args()
    if args.output:
        write_jsonl(args.output, args.count, args.seed, args.offset)
        return
    for item in articles(args.count, args.seed, args.offset):
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
