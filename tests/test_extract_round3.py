"""The third 2026-12-05 round's constructions, each read off the training split: one case
per rule, failing on the code before it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.test_extract import _ev, extract
from timeline.extract import Gazetteer

OBAMA, BIDEN, KISHIDA, MODI = "Barack Obama", "Joe Biden", "Fumio Kishida", "Narendra Modi"
ALBANESE, ZUMA = "Anthony Albanese", "Jacob Zuma"
BUSH = "George W. Bush"
NODA, LEE_MB, MBS = "Yoshihiko Noda", "Lee Myung-bak", "Mohammed bin Salman"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_seed_dir()


ROUND_3 = [
    pytest.param(
        "2022-05-24",
        "Albanese sat down with Biden, Kishida and Modi in Tokyo on Tuesday. The four leaders "
        "issued a joint statement promising aid.",
        [
            _ev("meeting", [ALBANESE, BIDEN, KISHIDA, MODI], "2022-05-24", "occurred"),
            _ev("agreement", [ALBANESE, BIDEN, KISHIDA, MODI], "2022-05-24", "occurred"),
        ],
        id="the-four-leaders-named-together-before",
    ),
    pytest.param(
        "2013-06-29",
        "Obama and Zuma met at the Union Buildings, the seat of government where Mandela was "
        "sworn in as South Africa's first black president in 1994, and discussed trade.",
        [_ev("meeting", [OBAMA, ZUMA], None, "occurred")],
        id="a-where-clause-of-another-leader-does-not-date-the-event",
    ),
    pytest.param(
        "2013-06-29",
        "Obama met Zuma in Pretoria, where he stayed on Saturday.",
        [_ev("meeting", [OBAMA, ZUMA], "2013-06-29", "occurred")],
        id="a-where-clause-of-a-participant-still-does",
    ),
    pytest.param(
        "2009-04-01",
        "The G20 leaders, Mr. Obama and Mr. Medvedev among them, meet tomorrow at the ExCeL "
        "centre in London's Docklands, with Mr. Brown as host.",
        [
            _ev(
                "attendance",
                [OBAMA, "Dmitry Medvedev", "Gordon Brown"],
                "2009-04-02",
                "planned",
            )
        ],
        id="a-groups-leaders-meet-at-their-gathering",
    ),
    pytest.param(
        "2022-02-23",
        "WASHINGTON, Feb 23 (wire) - Western governments rolled out sanctions against Russia "
        "on Tuesday after Putin recognised two regions. Britain sanctioned five Russian banks.",
        [_ev("sanction", ["Russia", "United Kingdom"], "2022-02-22", "occurred")],
        id="the-leads-dated-act-dates-its-parts-told-later",
    ),
    pytest.param(
        "2009-04-01",
        "Obama and Medvedev issued a joint statement on a successor to the treaty before it "
        "expires in December.",
        [_ev("agreement", [OBAMA, "Dmitry Medvedev"], None, "occurred")],
        id="a-things-own-clause-keeps-its-date",
    ),
    pytest.param(
        "2007-05-17",
        "Nicolas Sarkozy took over from Jacques Chirac in the morning. Angela Merkel greeted "
        "him in Berlin on Wednesday.",
        [_ev("meeting", ["Angela Merkel", "Nicolas Sarkozy"], "2007-05-16", "occurred")],
        id="him-is-the-subject-of-the-sentence-before",
    ),
    pytest.param(
        "2007-05-17",
        "Nicolas Sarkozy plans to meet Jose Manuel Barroso next Wednesday. The new president "
        "was deluged with congratulations. George W. Bush telephoned him on Sunday.",
        [
            _ev("meeting", ["Jose Manuel Barroso", "Nicolas Sarkozy"], "2007-05-23", "planned"),
            _ev("call", ["George W. Bush", "Nicolas Sarkozy"], "2007-05-13", "occurred"),
        ],
        id="the-new-president-took-office-lately",
    ),
    pytest.param(
        "2024-12-06",
        "The signing took place in Minsk at a session of the Union State, the loose alliance "
        "of the two countries created in 1999, where Putin and Lukashenko also held talks.",
        [_ev("meeting", ["Alexander Lukashenko", "Vladimir Putin"], None, "occurred")],
        id="a-things-participle-keeps-its-date",
    ),
    pytest.param(
        "2019-01-29",
        "The United States on Monday imposed sweeping sanctions on Venezuela's state oil "
        "company PDVSA, the biggest step yet.",
        [_ev("sanction", ["PDVSA", "United States"], "2019-01-28", "occurred")],
        id="a-sanction-on-a-countrys-named-company",
    ),
    pytest.param(
        "2018-11-16",
        "The Trump administration on Thursday imposed sanctions on 17 Saudi officials, "
        "including Saud al-Qahtani, a senior aide to Crown Prince Mohammed bin Salman, and "
        "Mohammed al-Otaibi, the consul general.",
        [
            _ev(
                "sanction",
                ["Mohammed al-Otaibi", "Saud al-Qahtani", "United States"],
                "2018-11-15",
                "occurred",
            )
        ],
        id="a-sanction-on-officials-named-in-an-including-list",
    ),
    pytest.param(
        "2012-08-23",
        "Yoshihiko Noda sent a letter to Lee Myung-bak on Friday. Lee said last week that "
        "Emperor Akihito should apologize. Both leaders are due to attend the APEC summit in "
        "Vladivostok early next month, but Noda is not expected to hold formal talks with Lee "
        "there.",
        [
            _ev("message", [NODA, LEE_MB], "2012-08-17", "occurred"),
            _ev("attendance", [NODA, LEE_MB], ("2012-09-01", "2012-09-10"), "planned"),
            _ev("meeting", [NODA, LEE_MB], ("2012-09-01", "2012-09-10"), "negated"),
        ],
        id="both-leaders-are-the-lead-pair-when-the-sentence-names-its-other",
    ),
    pytest.param(
        "2012-08-23",
        "Noda protested against Lee's visit to the islets on Friday.",
        [],
        id="a-visit-to-a-thing-has-no-host",
    ),
    pytest.param(
        "2012-08-23",
        "South Korea on Thursday returned a letter from Yoshihiko Noda to Lee Myung-bak. Noda "
        "sent the letter to Lee last Friday.",
        [_ev("message", [NODA, LEE_MB], "2012-08-17", "occurred")],
        id="a-letter-sent-back-is-dated-by-its-sending",
    ),
    pytest.param(
        "2022-06-16",
        "Volodymyr Zelensky met Olaf Scholz in Kyiv on Thursday. Former president Dmitry "
        "Medvedev wrote on social media that European fans liked to visit Kyiv with zero use.",
        [_ev("meeting", ["Olaf Scholz", "Volodymyr Zelensky"], "2022-06-16", "occurred")],
        id="a-visit-told-in-a-that-clause-is-not-the-speakers",
    ),
    pytest.param(
        "2022-06-16",
        "Macron and Draghi had also not travelled to Kyiv until now.",
        [],
        id="not-until-now-is-no-negated-event",
    ),
    pytest.param(
        "2014-09-01",
        "On Tuesday, Modi is scheduled to call on Emperor Akihito at the Imperial Palace.",
        [_ev("meeting", [MODI, "Akihito"], "2014-09-02", "planned")],
        id="to-call-on-a-leader-is-a-visit",
    ),
    pytest.param(
        "2014-09-01",
        "Barack Obama called on Vladimir Putin to withdraw his troops on Monday.",
        [],
        id="to-call-on-a-leader-to-act-is-an-appeal",
    ),
    pytest.param(
        "2014-09-01",
        "Chinese President Xi Jinping is due in India for talks with Modi in mid-September, "
        "and Modi has his first meeting with President Barack Obama later this month.",
        [
            _ev("meeting", ["Xi Jinping", MODI], ("2014-09-11", "2014-09-20"), "planned"),
            _ev("meeting", [MODI, OBAMA], ("2014-09-01", "2014-09-30"), "planned"),
        ],
        id="his-meeting-is-the-clauses-subjects",
    ),
    pytest.param(
        "2024-11-07",
        "World leaders rush to congratulate Trump. Ukrainian President Volodymyr Zelensky said "
        "he had an excellent call with Trump on Wednesday. Chinese President Xi Jinping sent a "
        "congratulatory message on Thursday, urging the two countries to get along and manage "
        "their differences.",
        [
            _ev("call", ["Donald Trump", "Volodymyr Zelensky"], "2024-11-06", "occurred"),
            _ev("message", ["Donald Trump", "Xi Jinping"], "2024-11-07", "occurred"),
        ],
        id="their-after-the-two-countries-is-the-countries",
    ),
    pytest.param(
        "2024-11-07",
        "Macron spoke to Donald Trump by phone on Wednesday. Olaf Scholz spoke to Trump later "
        "on Wednesday. Scholz spoke to reporters on Thursday.",
        [
            _ev("call", ["Donald Trump", "Emmanuel Macron"], "2024-11-06", "occurred"),
            _ev("call", ["Donald Trump", "Olaf Scholz"], "2024-11-06", "occurred"),
        ],
        id="spoke-to-a-leader-right-after-a-call-is-the-next-call",
    ),
    pytest.param(
        "2025-05-14",
        "Saudi Crown Prince Mohammed bin Salman hosted Recep Tayyip Erdogan on Monday. Trump "
        "joined a summit of Gulf leaders hosted by the crown prince on Wednesday.",
        [
            _ev("meeting", [MBS, "Recep Tayyip Erdogan"], "2025-05-12", "occurred"),
            _ev("attendance", ["Donald Trump", MBS], "2025-05-14", "occurred"),
        ],
        id="the-crown-prince-is-the-one-named-with-that-title",
    ),
    pytest.param(
        "2018-11-30",
        "All eyes are now on a dinner meeting between Trump and Xi on Saturday.",
        [_ev("meeting", ["Donald Trump", "Xi Jinping"], "2018-12-01", "planned")],
        id="all-eyes-are-on-what-is-to-come",
    ),
    pytest.param(
        "2018-11-30",
        "Justin Trudeau met Donald Trump on Friday. The G20 leaders, welcomed by Argentine "
        "President Mauricio Macri, opened their two-day summit later on Friday.",
        [_ev("meeting", ["Donald Trump", "Justin Trudeau"], "2018-11-30", "occurred")],
        id="the-g20-leaders-their-summit-is-a-gathering",
    ),
    pytest.param(
        "2018-11-30",
        "Mauricio Macri will host the G20 summit. Donald Trump cancelled a planned meeting with "
        "Vladimir Putin on Thursday as he flew to Argentina.",
        [
            _ev("attendance", ["Mauricio Macri"], None, "planned"),
            _ev("meeting", ["Donald Trump", "Vladimir Putin"], "2018-11-29", "negated"),
        ],
        id="as-he-flew-to-a-country-is-a-circumstance",
    ),
    pytest.param(
        "2015-02-12",
        "The EU has said it stands ready to tighten sanctions against Russia if the ceasefire "
        "fails.",
        [],
        id="sanctions-ready-if-a-truce-fails-are-a-condition",
    ),
    pytest.param(
        "2023-08-19",
        "Yoon Suk Yeol and Joe Biden last met in Hiroshima in May, and before that in Phnom "
        "Penh in November last year.",
        [
            _ev("meeting", [BIDEN, "Yoon Suk Yeol"], ("2023-05-01", "2023-05-31"), "occurred"),
            _ev("meeting", [BIDEN, "Yoon Suk Yeol"], ("2022-11-01", "2022-11-30"), "occurred"),
        ],
        id="and-before-that-in-a-place-is-the-meeting-again",
    ),
    pytest.param(
        "2023-08-19",
        "Yoon Suk Yeol held separate talks with Joe Biden and with Fumio Kishida on Friday.",
        [
            _ev("meeting", [BIDEN, "Yoon Suk Yeol"], "2023-08-18", "occurred"),
            _ev("meeting", [KISHIDA, "Yoon Suk Yeol"], "2023-08-18", "occurred"),
        ],
        id="talks-with-one-and-with-another",
    ),
    pytest.param(
        "2015-06-07",
        "The foreign secretaries of the two countries signed the Land Boundary Agreement in "
        "Dhaka on Saturday, as Narendra Modi and Sheikh Hasina looked on.",
        [_ev("agreement", ["Bangladesh", "India"], "2015-06-06", "occurred")],
        id="an-agreement-officials-signed-as-leaders-looked-on-is-the-states",
    ),
    pytest.param(
        "2015-06-07",
        "After the talks on Sunday, Xi Jinping and Jakaya Kikwete witnessed the signing of more "
        "than a dozen cooperation agreements.",
        [_ev("agreement", ["China", "Tanzania"], "2015-06-07", "occurred")],
        id="an-agreement-whose-signing-leaders-witnessed-is-the-states",
    ),
    pytest.param(
        "2018-09-20",
        "On Wednesday Moon Jae-in and Kim Jong Un signed the Pyongyang Joint Declaration, under "
        "which the North agreed to dismantle a test site in the presence of international "
        "experts.",
        [_ev("agreement", ["Kim Jong Un", "Moon Jae-in"], "2018-09-19", "occurred")],
        id="in-the-presence-of-experts-leaves-the-leaders-signatories",
    ),
    pytest.param(
        "2016-05-23",
        "HANOI, May 23 (AP) - President Barack Obama said on Monday that the United States was "
        "fully lifting its ban on selling weapons to Vietnam, removing what he called a "
        '"lingering vestige of the Cold War" on the first day of a visit to the former enemy '
        "that China is watching closely.",
        [],
        id="a-visits-destination-is-not-a-country-in-a-relative-clause",
    ),
    pytest.param(
        "2016-05-23",
        "Barack Obama held talks with Prime Minister Nguyen Xuan Phuc, who took office last month.",
        [_ev("meeting", [OBAMA, "Nguyen Xuan Phuc"], None, "occurred")],
        id="a-who-clause-on-the-partner-keeps-its-date",
    ),
    pytest.param(
        "2015-06-07",
        "Nursultan Nazarbayev met Xi Jinping in Astana on Monday.",
        [_ev("meeting", ["Nursultan Nazarbayev", "Xi Jinping"], "2015-06-01", "occurred")],
        id="a-reign-only-leader-by-the-full-name-news-writes",
    ),
    pytest.param(
        "2016-05-23",
        "Barack Obama met Tran Dai Quang in Vietnam on Monday beneath a bronze bust of Ho Chi "
        "Minh. On Tuesday Obama flies to Ho Chi Minh City, where he will hold a town hall "
        "meeting.",
        [_ev("meeting", [OBAMA, "Tran Dai Quang"], "2016-05-23", "occurred")],
        id="ho-chi-minh-city-is-a-place",
    ),
    pytest.param(
        "2016-05-23",
        "Barack Obama met Tran Dai Quang on Monday. Human rights groups said several dissidents "
        "who had been invited to meet Obama on Tuesday were stopped by police from leaving "
        "their homes.",
        [_ev("meeting", [OBAMA, "Tran Dai Quang"], "2016-05-23", "occurred")],
        id="others-who-had-been-invited-are-no-leaders-invitation",
    ),
    pytest.param(
        "2001-02-16",
        "George W. Bush met Vicente Fox on Friday. Bush flew on to his own ranch for the "
        "weekend. Next week he hosts British Prime Minister Tony Blair at Camp David, their "
        "first meeting since Bush took office.",
        [
            _ev("meeting", [BUSH, "Vicente Fox"], "2001-02-16", "occurred"),
            _ev("meeting", [BUSH, "Tony Blair"], ("2001-02-19", "2001-02-25"), "planned"),
        ],
        id="he-is-the-subject-named-again-in-another-clause",
    ),
    pytest.param(
        "2001-02-16",
        "George W. Bush is due to see Jean Chretien again in April, when Canada hosts the "
        "Summit of the Americas in Quebec City.",
        [
            _ev("meeting", [BUSH, "Jean Chretien"], ("2001-04-01", "2001-04-30"), "planned"),
            _ev("attendance", [BUSH, "Jean Chretien"], ("2001-04-01", "2001-04-30"), "planned"),
        ],
        id="a-when-clause-of-a-plan-is-planned",
    ),
    pytest.param(
        "2019-01-22",
        "The leaders of the 27 countries that will remain in the EU after Britain's departure, "
        "Merkel and Macron among them, are scheduled to meet in the Romanian city of Sibiu on "
        "May 9, at a summit hosted by Iohannis, to discuss the bloc's future.",
        [
            _ev(
                "attendance",
                ["Angela Merkel", "Emmanuel Macron", "Klaus Iohannis"],
                "2019-05-09",
                "planned",
            )
        ],
        id="the-leaders-of-27-countries-meet-at-a-summit-one-hosts",
    ),
    pytest.param(
        "2015-11-07",
        "Chinese President Xi Jinping and Taiwan's President Ma Ying-jeou shook hands in "
        "Singapore on Saturday, the first meeting between leaders of the two sides since the "
        "end of China's civil war in 1949.",
        [_ev("meeting", ["Ma Ying-jeou", "Xi Jinping"], "2015-11-07", "occurred")],
        id="first-meeting-since-the-end-of-a-war-is-no-meeting-then",
    ),
    pytest.param(
        "2021-03-22",
        "EU foreign ministers meeting in Brussels approved travel bans on Min Aung Hlaing, who "
        "ousted Aung San Suu Kyi.",
        [],
        id="ministers-meeting-is-no-leaders-meeting",
    ),
    pytest.param(
        "2021-03-22",
        "The European Union imposed sanctions on Monday on 11 people involved in last month's "
        "coup in Myanmar, among them the commander-in-chief of the armed forces, Senior General "
        "Min Aung Hlaing.",
        [_ev("sanction", ["European Union", "Min Aung Hlaing"], "2021-03-22", "occurred")],
        id="a-sanction-on-people-among-them-a-named-general",
    ),
    pytest.param(
        "2021-03-22",
        "Joe Biden's administration had already sanctioned Min Aung Hlaing on Feb. 11, and "
        "Britain followed a week later with asset freezes on three generals, including the "
        "defence minister, Mya Tun Oo.",
        [_ev("sanction", ["Min Aung Hlaing", "United States"], "2021-02-11", "occurred")],
        id="an-including-list-of-another-clause-is-not-this-sanctions",
    ),
    pytest.param(
        "2026-01-16",
        "Mark Carney met Xi Jinping on Friday. On Thursday he met Premier Li Qiang, after which "
        "officials signed memorandums of understanding on energy.",
        [
            _ev("meeting", ["Mark Carney", "Xi Jinping"], "2026-01-16", "occurred"),
            _ev("meeting", ["Li Qiang", "Mark Carney"], "2026-01-15", "occurred"),
            _ev("agreement", ["Canada", "China"], "2026-01-15", "occurred"),
        ],
        id="officials-signed-with-signed-as-the-trigger",
    ),
    pytest.param(
        "2023-05-22",
        "Joe Biden had been due to stop in Port Moresby on Monday to meet James Marape and "
        "Pacific leaders, but cancelled the trip to return to Washington.",
        [_ev("meeting", [BIDEN, "James Marape"], "2023-05-22", "negated")],
        id="a-plan-the-sentence-then-calls-off-is-negated",
    ),
    pytest.param(
        "2023-05-22",
        "Joe Biden met James Marape on Monday, but cancelled the trip to Sydney.",
        [_ev("meeting", [BIDEN, "James Marape"], "2023-05-22", "occurred")],
        id="a-done-meeting-stays-done-whatever-else-is-cancelled",
    ),
    pytest.param(
        "2013-03-25",
        "Xi Jinping met Jakaya Kikwete on Sunday. Xi flew to Tanzania from Moscow, where he "
        "held talks with Russian President Vladimir Putin on Friday.",
        [
            _ev("meeting", ["Jakaya Kikwete", "Xi Jinping"], "2013-03-24", "occurred"),
            _ev("meeting", ["Vladimir Putin", "Xi Jinping"], "2013-03-22", "occurred"),
        ],
        id="a-where-clauses-date-is-its-own-events",
    ),
    pytest.param(
        "2013-03-25",
        "Xi Jinping met Jakaya Kikwete on Sunday. He will leave for Durban later on Monday for "
        "the fifth BRICS summit on Tuesday and Wednesday, which South African President Jacob "
        "Zuma will host and which Brazilian President Dilma Rousseff will also attend.",
        [
            _ev("meeting", ["Jakaya Kikwete", "Xi Jinping"], "2013-03-24", "occurred"),
            _ev(
                "attendance",
                ["Dilma Rousseff", "Jacob Zuma", "Xi Jinping"],
                ("2013-03-26", "2013-03-27"),
                "planned",
            ),
        ],
        id="leaving-for-a-summit-one-hosts-and-others-attend",
    ),
    pytest.param(
        "2016-05-23",
        "By Thomas Reid\n\nHANOI, May 23 (AP) - President Barack Obama said on Monday that the "
        "United States was lifting its ban on selling weapons to Vietnam, on the first day of a "
        "visit to the former enemy.\n\nObama made the announcement at a joint news conference "
        "with Vietnamese President Tran Dai Quang after talks at the Presidential Palace.",
        [_ev("meeting", [OBAMA, "Tran Dai Quang"], "2016-05-23", "occurred")],
        id="the-lead-after-a-byline-reports-the-storys-day",
    ),
    pytest.param(
        "2013-09-07",
        "After the talks, Xi Jinping and Nursultan Nazarbayev signed a joint declaration and "
        "set a goal of raising bilateral trade to $40 billion by 2015.",
        [_ev("agreement", ["Nursultan Nazarbayev", "Xi Jinping"], None, "occurred")],
        id="a-target-by-a-later-year-does-not-date-the-signing",
    ),
    pytest.param(
        "2021-01-05",
        "Kuwait has mediated since the start. Kuwaiti Foreign Minister Sheikh Ahmad Nasser "
        "al-Sabah spoke by telephone on Monday with Sheikh Tamim bin Hamad Al Thani.",
        [],
        id="a-foreign-minister-of-the-ruling-family-is-no-leader",
    ),
    pytest.param(
        "2005-05-09",
        "George W. Bush arrived in Moscow on Sunday. On Sunday evening Vladimir Putin received "
        "the American president at his residence outside Moscow.",
        [_ev("meeting", [BUSH, "Vladimir Putin"], "2005-05-08", "occurred")],
        id="received-the-american-president",
    ),
    pytest.param(
        "2008-05-23",
        "The constitutive treaty was signed by host Luiz Inacio Lula da Silva of Brazil, "
        "Argentina's Cristina Fernandez de Kirchner and Bolivia's Evo Morales.",
        [
            _ev(
                "agreement",
                ["Cristina Fernandez de Kirchner", "Evo Morales", "Luiz Inacio Lula da Silva"],
                None,
                "occurred",
            )
        ],
        id="signed-by-host-lula-the-noun",
    ),
    pytest.param(
        "2001-07-17",
        "Atal Bihari Vajpayee accepted Pervez Musharraf's invitation to visit Pakistan, though "
        "no date was set.",
        [
            _ev("invitation", ["Atal Bihari Vajpayee", "Pervez Musharraf"], None, "occurred"),
            _ev("meeting", ["Atal Bihari Vajpayee", "Pervez Musharraf"], None, "planned"),
        ],
        id="an-accepted-invitation-to-visit-is-a-planned-visit",
    ),
]


@pytest.mark.parametrize(("day", "text", "expected"), ROUND_3)
def test_round_3(gaz: Gazetteer, day: str, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert extract(gaz, text, date.fromisoformat(day)) == expected


def test_a_leader_named_after_adviser_to_is_whose_adviser(gaz: Gazetteer) -> None:
    """ "Jared Kushner, senior adviser to U.S. President Donald Trump, ... attended the
    signing": Trump is named as whose adviser attended, not as a party."""
    from timeline.extract.entities import resolve_mentions

    text = "Jared Kushner, senior adviser to U.S. President Donald Trump, attended the signing."
    [sm] = resolve_mentions(text, date(2021, 1, 5), gaz)
    trump = [m for m in sm.mentions if m.actor.name == "Donald Trump"]
    assert [m.dependant for m in trump] == ["adviser"]


# A review of the round by fresh eyes reproduced these over-reaches of its own rules; each
# sentence is a case the round's first versions got wrong (expected as a careful annotator
# following the eval README would read it).
REVIEWED_3 = [
    ("2024-06-01", "Joe Biden called on Benjamin Netanyahu and Hamas to accept the ceasefire "
     "deal.", []),
    ("2022-03-01", "Emmanuel Macron called on Vladimir Putin on Monday to halt the offensive.", []),
    ("2023-09-20", "Joe Biden called on world leaders to stand with Volodymyr Zelensky.", []),
    ("2023-03-17", "The leaders of the two countries, Xi Jinping and Vladimir Putin, will meet in "
     "Moscow on Tuesday.", [_ev("meeting", ["Vladimir Putin", "Xi Jinping"], "2023-03-21",
                                "planned")]),
    ("2025-08-19", "European leaders, Emmanuel Macron among them, met Donald Trump at the White "
     "House on Monday.",
     [_ev("meeting", ["Donald Trump", "Emmanuel Macron"], "2025-08-18", "occurred")]),
    ("2023-05-22", "G7 leaders met Volodymyr Zelensky in Hiroshima on Sunday, with Joe Biden and "
     "Fumio Kishida among them.",
     [_ev("meeting", [BIDEN, KISHIDA, "Volodymyr Zelensky"], "2023-05-21", "occurred")]),
    ("2024-04-12", "Joe Biden spoke by phone with Xi Jinping on Tuesday. On Wednesday, Biden "
     "spoke with Fumio Kishida at the White House.",
     [_ev("call", [BIDEN, "Xi Jinping"], "2024-04-09", "occurred")]),
    ("2023-04-15", "Xi Jinping spoke with Vladimir Putin by phone on Monday, and then in Beijing "
     "on Wednesday he toured a factory.",
     [_ev("call", ["Vladimir Putin", "Xi Jinping"], "2023-04-10", "occurred")]),
    ("2023-09-16", "Kim Jong Un met Vladimir Putin on Wednesday, and later in Komsomolsk on "
     "Friday toured an aircraft plant.",
     [_ev("meeting", ["Kim Jong Un", "Vladimir Putin"], "2023-09-13", "occurred")]),
    ("2023-05-17", "Joe Biden will travel to Hiroshima for the G7 summit on Friday, but "
     "cancelled his trip to Australia.",
     [_ev("attendance", [BIDEN], "2023-05-19", "planned")]),
    ("2024-07-09", "Narendra Modi is on a two-day visit to Moscow for talks with Vladimir Putin "
     "on Monday and Tuesday.",
     [_ev("meeting", [MODI, "Vladimir Putin"], ("2024-07-08", "2024-07-09"), "occurred")]),
    ("2025-03-04", "Vladimir Putin did not call Volodymyr Zelensky before today's deadline.",
     [_ev("call", ["Vladimir Putin", "Volodymyr Zelensky"], None, "negated")]),
    ("2022-02-25", "Britain imposed sanctions on Russia on Thursday, targeting several banks "
     "including Sberbank, and Boris Johnson said more would follow.",
     [_ev("sanction", ["Russia", "United Kingdom"], "2022-02-24", "occurred")]),
    ("2023-02-25", "The United States imposed sanctions on Russia on Friday, a move backed by "
     "allies including Prime Minister Rishi Sunak.",
     [_ev("sanction", ["Russia", "United States"], "2023-02-24", "occurred")]),
    ("2022-03-12", "The United States imposed sanctions on Russia's oil exports to the European "
     "Union on Friday.", [_ev("sanction", ["Russia", "United States"], "2022-03-11",
                              "occurred")]),
    ("2022-11-16", "Joe Biden held talks with Xi Jinping in Bali on Monday. Vladimir Putin will "
     "meet him in Beijing in February.",
     [_ev("meeting", [BIDEN, "Xi Jinping"], "2022-11-14", "occurred"),
      _ev("meeting", ["Vladimir Putin", "Xi Jinping"], ("2023-02-01", "2023-02-28"),
          "planned")]),
    ("2023-03-22", "Xi Jinping and Vladimir Putin signed a joint statement in Moscow on Tuesday "
     "as their foreign ministers looked on.",
     [_ev("agreement", ["Vladimir Putin", "Xi Jinping"], "2023-03-21", "occurred")]),
    ("2022-11-16", "Xi Jinping met Joe Biden in Bali on Monday. The two countries agreed to "
     "resume climate talks, and their leaders will meet again in San Francisco next year.",
     [_ev("meeting", [BIDEN, "Xi Jinping"], "2022-11-14", "occurred"),
      _ev("meeting", [BIDEN, "Xi Jinping"], ("2023-01-01", "2023-12-31"), "planned")]),
    ("2023-03-08", "Joe Biden will welcome Yoon Suk Yeol to the United States next month. Yoon "
     "will pay a state visit to the country on April 26 at the invitation of Biden.",
     [_ev("meeting", [BIDEN, "Yoon Suk Yeol"], "2023-04-26", "planned"),
      _ev("invitation", [BIDEN, "Yoon Suk Yeol"], None, "occurred")]),
    ("2024-05-08", "Vladimir Putin, who said that relations with China had never been better, "
     "will visit Beijing next week.",
     [_ev("meeting", ["Vladimir Putin", "Xi Jinping"], ("2024-05-13", "2024-05-19"),
          "planned")]),
    ("2023-01-15", "Joe Biden, Fumio Kishida and their foreign ministers met in Washington on "
     "Friday.", [_ev("meeting", [BIDEN, KISHIDA], "2023-01-13", "occurred")]),
    ("2023-03-22", "Xi Jinping and Vladimir Putin held a summit hosted by Putin in Moscow on "
     "Tuesday.", [_ev("meeting", ["Vladimir Putin", "Xi Jinping"], "2023-03-21",
                      "occurred")]),
    ("2021-09-15", "Officials from both countries met in Geneva on Monday to discuss arms "
     "control. Joe Biden and Vladimir Putin last met in Geneva, where they agreed to start "
     "the dialogue.", [_ev("meeting", [BIDEN, "Vladimir Putin"], None, "occurred")]),
    ("2023-08-18", "Narendra Modi will travel to Johannesburg on Tuesday for the BRICS summit "
     "and then to Athens on Friday.",
     [_ev("attendance", [MODI], "2023-08-22", "planned")]),
    ("2023-09-05", "Prince William visited Riyadh on Monday and met Crown Prince Mohammed bin "
     "Salman. On Tuesday, the prince held talks with Recep Tayyip Erdogan.", []),
    ("2023-09-08", "Vladimir Putin will meet Kim Jong Un, who arrives in Vladivostok on "
     "Tuesday.", [_ev("meeting", ["Kim Jong Un", "Vladimir Putin"], "2023-09-12", "planned")]),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "expected"), REVIEWED_3)
def test_the_third_rounds_rules_stop_where_they_over_reached(
    gaz: Gazetteer, day: str, text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert extract(gaz, text, date.fromisoformat(day)) == expected
