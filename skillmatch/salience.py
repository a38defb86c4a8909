"""Is a knowledge mention in a posting asked of the candidate? A small logistic model says.

The context rules name the sentences that plainly ask nothing (the employer's business, its
stack, its perks). What they leave is a matter of degree: a tool named in a short bullet, next
to other tools or after 'experience with' is nearly always a requirement, while a field named
once in a long sentence about the team and its projects usually is not ('our team builds
payments and analytics products'). The weights of those signals are learned from postings
whose requirements experts marked (scripts/train_salience.py; the data and its licence are in
taxonomy/README.md). The features are about the mention's form and its sentence, never about a
particular skill or sentence, so that the model carries to postings it has not seen; the
quality benchmark scores each posting with a model fitted without it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import repeat
from operator import mul

from skillmatch.context import (
    _ASKS_CANDIDATE,
    _CUE_AFTER,
    _DUTY_OPENING,
    SKILL_SECTIONS,
    _cue_before,
)
from skillmatch.recognizers import Hit
from skillmatch.taxonomy import SalienceWeights

# The model judges prose: a posting's lists of requirements and of duties say what the role
# needs by where they stand, whatever a sentence in them looks like.
UNJUDGED_SECTIONS = SKILL_SECTIONS | {"responsibilities"}
# the first person plural: a sentence about the employer or its team (matched in lower case)
_WE = re.compile(r"\b(?:we|our|us)\b|\bwe['’](?:re|ve)\b")
# the reader addressed: a sentence about the candidate (matched in lower case)
_YOU = re.compile(r"\b(?:you|your|yourself|candidates?|applicants?|ideal)\b")
# what may stand between two names of one list: 'Python, Java', 'AWS / GCP', 'Kafka and Spark'
_LIST_GAP = re.compile(r"[ \t]*(?:[,/;&+|][ \t]*|(?:and|or|and/or)[ \t]+|\([ \t]*|\)[ \t]*)*")
_SYMBOL = re.compile(r"[.#+/\d-]")
# how far before a mention a cue ('experience with', 'knowledge of') still speaks of it
CUE_REACH = 60
SHORT_WORDS = 8  # a sentence this short (in words) is a bullet, a heading or a list
LONG_WORDS = 60  # ...and the word count's feature saturates here
MANY = 6  # ...as does the count of the other knowledge mentions in the sentence
BEFORE_REACH = 16  # how far back the character before a mention is looked for


def mention_features(
    text: str,
    s0: int,
    s1: int,
    at: int,
    hits: Sequence[Hit],
    category: str,
    specific: Sequence[bool],
    n_specific: int,
    sentence: dict[str, float],
) -> dict[str, float]:
    """The features of hits[at], a knowledge mention in the sentence text[s0:s1].

    `hits` are the sentence's knowledge mentions in text order, `specific` whether each is a
    concrete kind of skill (a tool or language, not a broad field or a business domain) and
    `n_specific` how many are, and `sentence` the features of the sentence (see
    sentence_features).
    """
    h = hits[at]
    start, end = h.start, h.end
    surface = text[start:end]
    features = dict(sentence)
    features[f"cat={category}"] = 1.0
    features[f"match={h.match}"] = 1.0
    if surface.islower():
        features["lower"] = 1.0
    if surface.isupper():
        features["upper"] = 1.0
    features["words"] = min(surface.count(" ") + 1, 4) / 4
    if _SYMBOL.search(surface):
        features["symbol"] = 1.0
    if _cue_before(text, max(s0, start - CUE_REACH), start):
        features["cue_before"] = 1.0
    if _CUE_AFTER.match(text, end):
        features["cue_after"] = 1.0
    features["position"] = (start - s0) / max(s1 - s0, 1)
    before = text[max(s0, start - BEFORE_REACH) : start].rstrip()
    if before.endswith(":"):
        features["after_colon"] = 1.0
    elif before.endswith("("):
        features["after_paren"] = 1.0
    if len(hits) > 1:
        features["others"] = min(len(hits) - 1, MANY) / MANY
        if n_specific - specific[at] > 0:
            features["others_specific"] = 1.0
        prev = hits[at - 1] if at > 0 else None
        nxt = hits[at + 1] if at + 1 < len(hits) else None
        if (prev is not None and _LIST_GAP.fullmatch(text, prev.end, start)) or (
            nxt is not None and _LIST_GAP.fullmatch(text, end, nxt.start)
        ):
            features["listed"] = 1.0
    return features


def sentence_features(text: str, s0: int, s1: int) -> dict[str, float]:
    """What a sentence tells of every mention in it: its length, whom it speaks of."""
    low = text[s0:s1].lower()
    words = len(low.split())
    features = {"length": min(words, LONG_WORDS) / LONG_WORDS}
    if words <= SHORT_WORDS:
        features["short"] = 1.0
    # `in` rules out most sentences faster than the patterns
    if ("we" in low or "our" in low or "us" in low) and _WE.search(low):
        features["we"] = 1.0
    if ("you" in low or "candidate" in low or "applicant" in low or "ideal" in low) and _YOU.search(
        low
    ):
        features["you"] = 1.0
    if _ASKS_CANDIDATE.search(text, s0, s1):
        features["asks"] = 1.0
    if _DUTY_OPENING.match(text, s0, s1):
        features["duty"] = 1.0
    return features


def probability(model: SalienceWeights, features: dict[str, float]) -> float:
    """The model's probability that the mention is asked of the candidate."""
    # the weighted sum in C: map over the names' weights (0 for a name the model lacks)
    z = model.bias + sum(map(mul, map(model.weights.get, features, repeat(0.0)), features.values()))
    return 1.0 / (1.0 + math.exp(-z))
