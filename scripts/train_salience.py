"""Fit the salience model (skillmatch.salience) on SkillSpan: taxonomy/salience.yaml.

Each knowledge mention SkillMatcher finds in a SkillSpan dev sentence, with the model off, is a
row: its features, and whether it overlaps a span the annotators marked as knowledge. Mentions
in job titles and stack sentences are left out, as the quality benchmark leaves them out.
Three logistic models are fitted: on every posting (the one skillmatch uses), and on each half
of the postings alone (the `folds`, with which benchmarks/quality.py scores every posting by a
model that never saw it). The threshold maximises F1 of the knowledge layer over the held-out
halves (each half judged by the model fitted on the other), on a grid of 0.05: the plain
balance of precision and recall, not a precision target. Where F1 is flat, so that several
thresholds come within F1_TIE of the best (differences no sample this size can tell apart),
the highest of them wins: precision breaks the tie, because a wrong requirement costs a user's
trust more than a missed one. Only the weights and the threshold enter the repository.

Refit after changing the extractor's rules or the taxonomy, and rerun benchmarks/quality.py:
    .venv/bin/python scripts/train_salience.py          (needs the `bench` extra: scikit-learn)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402

from skillmatch import SkillMatcher  # noqa: E402
from skillmatch.salience import probability  # noqa: E402
from skillmatch.taxonomy import Salience, SalienceWeights  # noqa: E402

OUT = ROOT / "taxonomy" / "salience.yaml"
HEADER = """\
# The salience model: how likely a knowledge mention in a posting is asked of the candidate,
# from its context (skillmatch/salience.py). Fitted by scripts/train_salience.py on SkillSpan
# (see taxonomy/README.md for the data and its licence); regenerate, don't edit by hand.
"""
SOURCE = (
    "SkillSpan dev postings (Zhang et al., NAACL 2022; MIT): knowledge spans, 178 postings, "
    "re-split at posting level"
)
REGULARISATION = 1.0  # scikit-learn's C: the default, not tuned
F1_TIE = 0.002  # held-out F1 within this of the best counts as a tie
DIGITS = 4


@dataclass
class Sentence:
    """One SkillSpan sentence: its gold knowledge spans and the knowledge predictions on it."""

    fold: str
    gold: list[tuple[int, int]]
    judged: list[tuple[tuple[int, int], dict[str, float], bool]]  # span, features, label
    fixed: list[tuple[int, int]]  # predictions the model never judges (skills sections)


def read_sentences(matcher: SkillMatcher) -> list[Sentence]:
    records = quality.read_jsonl(quality.SKILLSPAN)
    folds = quality.posting_folds(records)
    kinds = {sid: s.kind for sid, s in matcher.taxonomy.skills.items()}
    out = []
    for rec in records:
        text = rec["text"]
        starts, ends = quality._token_offsets(rec["tokens"])
        gold = [(s["start"], s["end"]) for s in rec["knowledge_spans"]]
        features = {(start, end): f for _, start, end, f in matcher.salience_rows(text)}
        judged, fixed, seen = [], [], set()
        for skill in matcher.extract(text).skills:
            if kinds[skill.id] == "ability":
                continue
            for m in skill.mentions:
                span = quality._token_range(starts, ends, m.start, m.end)
                if m.title or m.stack or span is None or span in seen:
                    continue
                seen.add(span)
                f = features.get((m.start, m.end))
                if f is None:
                    fixed.append(span)
                else:
                    label = any(quality._overlaps(span, g) for g in gold)
                    judged.append((span, f, label))
        out.append(Sentence(folds[rec["posting_id"]], gold, judged, fixed))
    return out


def fit(rows: list[tuple[dict[str, float], bool]]) -> SalienceWeights:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=REGULARISATION, max_iter=10_000).fit(x, y)
    weights = {
        name: round(float(w), DIGITS)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), DIGITS) != 0.0
    }
    return SalienceWeights(bias=round(float(model.intercept_[0]), DIGITS), weights=weights)


def scores(
    sentences: list[Sentence], threshold: float, probs: list[list[float]]
) -> tuple[float, float, float]:
    """Relaxed knowledge P / R / F1 over the sentences, keeping the judged mentions whose
    probability is at least `threshold` (quality.py's scoring, on the rows)."""
    n_pred = pred_ok = n_gold = gold_ok = 0
    for s, p in zip(sentences, probs, strict=True):
        kept = s.fixed + [
            span for (span, _, _), q in zip(s.judged, p, strict=True) if q >= threshold
        ]
        n_pred += len(kept)
        pred_ok += sum(1 for k in kept if any(quality._overlaps(k, g) for g in s.gold))
        n_gold += len(s.gold)
        gold_ok += sum(1 for g in s.gold if any(quality._overlaps(k, g) for k in kept))
    precision = pred_ok / n_pred if n_pred else 0.0
    recall = gold_ok / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    if not quality.SKILLSPAN.is_file():
        print(f"SkillSpan is missing: {quality.SKILLSPAN} (see ../shared/data)", file=sys.stderr)
        return 2
    matcher = SkillMatcher(salience=False)
    sentences = read_sentences(matcher)
    rows = {
        fold: [(f, label) for s in sentences if s.fold == fold for _, f, label in s.judged]
        for fold in quality.FOLDS
    }
    everything = [r for fold in quality.FOLDS for r in rows[fold]]
    full = fit(everything)
    folds = {fold: fit(rows[fold]) for fold in quality.FOLDS}
    # each sentence judged by the model fitted on the other half
    held_out = [
        [probability(folds[quality.other_fold(s.fold)], f) for _, f, _ in s.judged]
        for s in sentences
    ]
    print(f"rows: {len(everything)} ({sum(label for _, label in everything)} asked)")
    print("threshold   P      R      F1     (knowledge, each half judged by the other's model)")
    curve = []
    for step in range(5, 80, 5):
        threshold = step / 100
        p, r, f1 = scores(sentences, threshold, held_out)
        print(f"  {threshold:.2f}     {p:.4f}  {r:.4f}  {f1:.4f}")
        curve.append((threshold, f1))
    top = max(f1 for _, f1 in curve)
    best = max((t, f1) for t, f1 in curve if f1 >= top - F1_TIE)
    model = Salience(
        source=SOURCE,
        threshold=best[0],
        bias=full.bias,
        weights=full.weights,
        folds=folds,
    )
    data: dict[str, Any] = {"salience": model.model_dump()}
    OUT.write_text(HEADER + yaml.safe_dump(data, sort_keys=True, allow_unicode=True))
    print(
        f"threshold {best[0]:.2f} (F1 {best[1]:.4f}, best {top:.4f}; the highest within "
        f"{F1_TIE} of it); written to {OUT.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
