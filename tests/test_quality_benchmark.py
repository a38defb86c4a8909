"""Helpers of the quality benchmark (benchmarks/quality.py) that decide what is scored."""

from __future__ import annotations

import sys
from pathlib import Path

from skillmatch import SkillMatcher

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import quality as q


def test_postings_fall_into_halves_by_first_appearance() -> None:
    records = [{"posting_id": p} for p in ("a", "a", "b", "c", "b", "d")]
    assert q.posting_folds(records) == {"a": "odd", "b": "even", "c": "odd", "d": "even"}


def test_the_benchmark_reads_each_gold_text_with_the_model_of_the_other_half(
    matcher: SkillMatcher,
) -> None:
    data = {
        "skillspan": [
            {"posting_id": "p1", "text": "one"},
            {"posting_id": "p2", "text": "two"},
            {"posting_id": "p1", "text": "both"},
            {"posting_id": "p2", "text": "both"},
        ],
        "esco": [
            {"sentence": "from p2", "skillspan_posting_ids": ["p2"]},
            {"sentence": "elsewhere", "skillspan_posting_ids": []},
        ],
    }
    chosen = q.held_out_matchers(matcher, data)
    assert set(chosen) == {"one", "two", "from p2"}  # 'both' was in both halves' training
    folds = matcher.salience.folds
    assert chosen["one"].salience.weights == folds["even"].weights  # p1 is odd
    assert chosen["two"].salience.weights == folds["odd"].weights
    assert chosen["from p2"] is chosen["two"]
    assert chosen["one"].salience.threshold == matcher.salience.threshold


def test_a_concept_v1_2_renamed_is_named_as_the_v1_1_annotators_saw_it(tmp_path: Path) -> None:
    v11 = tmp_path / "labels.txt"
    v11.write_text(
        "Visual Studio .NET\nthink innovately\nIterative development\nmanage budgets\n"
        "Python (computer programming)\n",
        encoding="utf-8",
    )
    label_of = {
        "a": "Visual Basic",  # renamed: the old name is an alternative label
        "b": "think innovatively",  # a spelling fix
        "c": "iterative development",  # case only
        "d": "manage budgets",  # unchanged
        "e": "quantum computing",  # not in v1.1 at all: stays
        "f": "Python (computer programming)",
    }
    alt_labels = {"a": ["VB.NET", "Visual Studio .NET"], "b": ["think ahead"]}  # not v1.1 names
    names = q._v11_names(label_of, alt_labels, v11)
    assert names == {
        "a": "Visual Studio .NET",
        "b": "think innovately",
        "c": "Iterative development",
        "d": "manage budgets",
        "e": "quantum computing",
        "f": "Python (computer programming)",
    }
