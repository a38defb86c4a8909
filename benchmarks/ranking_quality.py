"""Ranking quality: rank 166 real résumés for one job per category, beside a TF-IDF baseline.

Run:  .venv/bin/python benchmarks/ranking_quality.py

Data: ../shared/data/resumes-25cat/resumes.jsonl (166 de-duplicated résumés, each labelled with
one of 25 job categories; its PROVENANCE.md says where they come from). When the file is absent
the script says so and exits with status 2. Otherwise it prints one table and writes
benchmarks/results/ranking_quality.json.

Jobs: benchmarks/jobs/<category-slug>.txt, one short job description per category, written by
hand for this benchmark from general knowledge of each role (a requirements section and a
nice-to-have section). They were not copied from the résumés or from the job corpus, and not
adjusted to individual résumés.

Two systems rank all 166 résumés for each job:
  skillmatch  `SkillMatcher()` with the bundled taxonomy. Each résumé is parsed once with
              `parse_resume` and each job once with `parse_job`; every pair is scored with
              `matcher.score(job_profile, resume_profile)` and ranked as `SkillMatcher.rank`
              and `skillmatch rank` order a batch: by relevance (√(fit score × focus), focus
              being the skill-space cosine), then by fit score, then by résumé id. This is the
              primary figure.
  baseline    TF-IDF cosine similarity: scikit-learn `TfidfVectorizer(stop_words="english",
              sublinear_tf=True)` fitted on the 166 résumé texts, the job texts transformed
              with it; ranked by cosine (descending), then by résumé id.
scikit-learn is a benchmark-only dependency (extra `bench`), not a dependency of the library:
  .venv/bin/python -m pip install scikit-learn

What each figure means (one query per category; the résumés of the job's category are relevant,
every other résumé is not; gains are binary):
  n        how many résumés of the category there are (the relevant set, R).
  nDCG@10  DCG@10 / ideal DCG@10, with DCG@10 = Σ_{i≤10} rel_i / log2(i + 1) and the ideal
           ranking putting min(R, 10) relevant résumés first. 1.0 = the top 10 are as good as
           they can be.
  MAP      mean average precision. The average precision (AP) of one category is the mean, over
           its R relevant résumés, of the precision at the rank where each one appears, over the
           full ranking of 166. The per-category column is that category's AP; the macro row is
           the mean over the 25 categories.
  Macro    the unweighted mean over categories.
Target (per metric, on the macro figures): (1 − ours) ≤ 0.5 × (1 − baseline), i.e. skillmatch
leaves at most half the baseline's shortfall from a perfect ranking.

'why we lose' (only where skillmatch is below the baseline on nDCG@10 or MAP):
  FP       the highest-ranked résumé of another category: its rank, category, score, how many
           skills it shows in all, and the first job skills it matched;
  miss     the job's required skills most often missing from the relevant résumés (count / R);
  0-score  relevant résumés that match none of the job's skills.
Three pattern lines under the table measure the usual causes over all 25 jobs: how broad the
false positives are (skills per résumé), how much of their credit comes from generic skills
(soft skills, degrees, human languages, office tools, abilities, broad fields), and how few
skills the taxonomy finds in the relevant résumés of each category.

Variants (reported beside, never the primary figure; none has a tuned parameter):
  fit order      ranked by the fit score alone (how much of the job the résumé covers), the
                 order before relevance existed.
  focus order    ranked by focus alone (how much of the résumé is about the job).
  ties→tfidf     skillmatch's order with equal relevance broken by the baseline's cosine.
  rrf            reciprocal-rank fusion of both rankings, Σ 1 / (60 + rank), with the customary
                 constant 60 (Cormack, Clarke & Büttcher, SIGIR 2009).
  breadth        diagnostic, skillmatch only: the fit score × the share of the résumé's skills
                 that earned credit. It shows what ignoring résumé breadth costs the fit score.
The JSON also holds P@10, each category's job skills, the relevant résumés' scores, the top-10
ids and scores of every system and variant, and the timings.
"""

from __future__ import annotations

import json
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from math import log2
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, SHARED

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch import FitReport, Profile, SkillMatcher

DATA = SHARED / "resumes-25cat" / "resumes.jsonl"
JOBS_DIR = ROOT / "benchmarks" / "jobs"
RESULTS = ROOT / "benchmarks" / "results" / "ranking_quality.json"

K = 10
TARGET_SHARE = 0.5  # (1 − ours) ≤ TARGET_SHARE × (1 − baseline)
RRF_K = 60  # the customary reciprocal-rank-fusion constant; not tuned here
NOTE_SKILLS = 2  # skills named per part of a 'why we lose' note
TOP_MISSING = 5  # missing skills kept per category in the JSON
THIN = 10  # a category is thinly covered when its relevant résumés show ≤ THIN skills (median)
# Taxonomy categories that say little about which job a résumé is for.
GENERIC = frozenset({"soft-skill", "degree", "language", "productivity-tool", "ability", "field"})


# -- data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resume:
    """One labelled résumé."""

    id: str
    category: str
    text: str


@dataclass(frozen=True)
class Job:
    """One hand-written job description: the category it stands for and its text."""

    category: str
    path: Path
    text: str


def slug(category: str) -> str:
    """'DotNet Developer' -> 'dotnet-developer'; 'Health and fitness' -> 'health-and-fitness'."""
    return re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-")


def read_resumes(path: Path) -> list[Resume]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Resume(r["id"], r["category"], r["text"]) for r in rows]


def read_jobs(categories: Sequence[str], folder: Path) -> tuple[list[Job], list[str]]:
    """The job of each category, and the paths of the ones that are missing."""
    jobs, missing = [], []
    for category in categories:
        path = folder / f"{slug(category)}.txt"
        if path.is_file():
            jobs.append(Job(category, path, path.read_text(encoding="utf-8")))
        else:
            missing.append(str(path))
    return jobs, missing


# -- metrics -----------------------------------------------------------------------------------


def ndcg_at(ranked: Sequence[str], relevant: frozenset[str], k: int = K) -> float:
    """Binary-gain nDCG@k."""
    dcg = sum(1 / log2(i + 2) for i, rid in enumerate(ranked[:k]) if rid in relevant)
    ideal = sum(1 / log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def average_precision(ranked: Sequence[str], relevant: frozenset[str]) -> float:
    """Mean of the precision at each relevant résumé's rank, over all relevant résumés."""
    hits = 0
    total = 0.0
    for i, rid in enumerate(ranked, start=1):
        if rid in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def precision_at(ranked: Sequence[str], relevant: frozenset[str], k: int = K) -> float:
    return sum(rid in relevant for rid in ranked[:k]) / k


def macro(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def passes(ours: float, base: float) -> bool:
    return (1 - ours) <= TARGET_SHARE * (1 - base) + 1e-12


@dataclass
class Ranking:
    """One system's ranking for one job, and its figures."""

    ids: list[str]
    scores: dict[str, float]
    relevant: frozenset[str]
    ndcg: float = field(init=False)
    ap: float = field(init=False)
    p_at_k: float = field(init=False)

    def __post_init__(self) -> None:
        self.ndcg = ndcg_at(self.ids, self.relevant)
        self.ap = average_precision(self.ids, self.relevant)
        self.p_at_k = precision_at(self.ids, self.relevant)

    def as_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            f"ndcg@{K}": round(self.ndcg, 4),
            "ap": round(self.ap, 4),
            f"p@{K}": round(self.p_at_k, 4),
            f"top{K}": [
                {
                    "id": rid,
                    "score": round(self.scores[rid], digits),
                    "relevant": rid in self.relevant,
                }
                for rid in self.ids[:K]
            ],
        }


def rank(
    scores: dict[str, float],
    relevant: frozenset[str],
    tie_break: Callable[[str], float] | None = None,
) -> Ranking:
    """Best first: by score, then (if given) by the tie-break signal, then by résumé id."""
    if tie_break is None:
        ids = sorted(scores, key=lambda rid: (-scores[rid], rid))
    else:
        ids = sorted(scores, key=lambda rid: (-scores[rid], -tie_break(rid), rid))
    return Ranking(ids, scores, relevant)


# -- the two systems ---------------------------------------------------------------------------


@dataclass
class Timings:
    """Seconds spent in each stage."""

    setup: float = 0.0
    parse_resumes: float = 0.0
    parse_jobs: float = 0.0
    score: float = 0.0
    tfidf: float = 0.0
    total: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in vars(self).items()}


@dataclass
class Skillmatch:
    """skillmatch's side of the run: the parsed profiles and every fit report."""

    jobs: dict[str, Profile]
    resumes: dict[str, Profile]
    reports: dict[str, dict[str, FitReport]]  # job category -> résumé id -> report


def run_skillmatch(
    matcher: SkillMatcher, jobs: Sequence[Job], resumes: Sequence[Resume], timings: Timings
) -> Skillmatch:
    """Parse each résumé and each job once, then score every (job, résumé) pair."""
    started = time.perf_counter()
    resume_profiles = {r.id: matcher.parse_resume(r.text) for r in resumes}
    timings.parse_resumes = time.perf_counter() - started
    started = time.perf_counter()
    job_profiles = {j.category: matcher.parse_job(j.text) for j in jobs}
    timings.parse_jobs = time.perf_counter() - started
    started = time.perf_counter()
    reports = {
        category: {rid: matcher.score(job, profile) for rid, profile in resume_profiles.items()}
        for category, job in job_profiles.items()
    }
    timings.score = time.perf_counter() - started
    return Skillmatch(job_profiles, resume_profiles, reports)


def tfidf_scores(
    jobs: Sequence[Job], resumes: Sequence[Resume], timings: Timings
) -> dict[str, dict[str, float]]:
    """Cosine of each job's TF-IDF vector with each résumé's (the vectorizer fitted on résumés)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    started = time.perf_counter()
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    resume_matrix = vectorizer.fit_transform([r.text for r in resumes])
    sims = cosine_similarity(vectorizer.transform([j.text for j in jobs]), resume_matrix)
    timings.tfidf = time.perf_counter() - started
    return {
        job.category: {r.id: float(sims[j, i]) for i, r in enumerate(resumes)}
        for j, job in enumerate(jobs)
    }


# -- variants ----------------------------------------------------------------------------------


def breadth_score(report: FitReport, profile: Profile) -> float:
    """The score × the share of the résumé's skills that earned credit (diagnostic)."""
    used = len({m.matched_by for m in report.matched})
    return report.score * used / len(profile.skills) if profile.skills else 0.0


def relevance_of(score: float, focus: float, role: float | None, weight: float) -> float:
    """Relevance with another share for the role match (scoring.relevance)."""
    from skillmatch.scoring import relevance

    return relevance(score, focus, role, weight)


def rrf(*rankings: Ranking) -> dict[str, float]:
    """Reciprocal-rank fusion: Σ 1 / (RRF_K + rank) over the rankings."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for place, rid in enumerate(ranking.ids, start=1):
            fused[rid] = fused.get(rid, 0.0) + 1 / (RRF_K + place)
    return fused


VARIANTS = {
    "fit order": "ranked by the fit score alone (coverage of the job), focus ignored",
    "focus order": "ranked by focus alone (the skill-space cosine), coverage ignored",
    "ties→tfidf": "equal skillmatch relevance broken by the TF-IDF cosine",
    "rrf": f"reciprocal-rank fusion of skillmatch and TF-IDF, constant {RRF_K}",
    "breadth": "diagnostic: fit score × share of the résumé's skills that earned credit",
    "no role match": "relevance without the role match: √(score × focus) alone",
    "role weight 0.3": "the role match weighs 0.3 of relevance instead of 0.5",
    "role weight 0.7": "the role match weighs 0.7 of relevance instead of 0.5",
}
# the role match's share of relevance in the sensitivity variants (the default is 0.5)
ROLE_WEIGHTS = {"no role match": 0.0, "role weight 0.3": 0.3, "role weight 0.7": 0.7}


# -- per category ------------------------------------------------------------------------------


@dataclass
class CategoryResult:
    """Both systems' rankings for one category's job, the variants and the diagnosis."""

    category: str
    job: Job
    relevant: frozenset[str]
    ours: Ranking
    base: Ranking
    variants: dict[str, Ranking]
    job_skills: dict[str, list[str]]
    diagnosis: dict[str, Any]
    note: str = ""

    @property
    def loses(self) -> bool:
        return self.ours.ndcg < self.base.ndcg or self.ours.ap < self.base.ap


def generic_credit(report: FitReport, matcher: SkillMatcher) -> tuple[float, float]:
    """The weighted credit a report earned from GENERIC skills, and in all."""
    generic = total = 0.0
    for m in report.matched:
        weight = (
            matcher.weights.required if m.requirement == "required" else matcher.weights.preferred
        )
        skill = matcher.taxonomy.skills.get(m.id)
        total += weight * m.credit
        if skill is not None and skill.category in GENERIC:
            generic += weight * m.credit
    return generic, total


def diagnose(
    ranking: Ranking,
    sm: Skillmatch,
    category: str,
    labels: dict[str, str],
    matcher: SkillMatcher,
) -> dict[str, Any]:
    """Why the ranking is what it is: the false positives, what the relevant résumés miss."""
    reports = sm.reports[category]
    relevant = ranking.relevant
    n = len(relevant)
    required_missing: Counter[str] = Counter()
    any_missing: Counter[str] = Counter()
    for rid in relevant:
        required_missing.update(m.id for m in reports[rid].missing if m.requirement == "required")
        any_missing.update(m.id for m in reports[rid].missing)
    fp = next(rid for rid in ranking.ids if rid not in relevant)
    top_fps = [rid for rid in ranking.ids[:K] if rid not in relevant]
    generic = total = 0.0
    for rid in top_fps:
        g, t = generic_credit(reports[rid], matcher)
        generic, total = generic + g, total + t
    rel_scores = sorted((ranking.scores[rid] for rid in relevant), reverse=True)
    other = [s for rid, s in ranking.scores.items() if rid not in relevant]
    return {
        "top_false_positive": {
            "id": fp,
            "category": labels[fp],
            "rank": ranking.ids.index(fp) + 1,
            "score": ranking.scores[fp],
            "resume_skills": len(sm.resumes[fp].skills),
            "matched": [m.id for m in reports[fp].matched],
        },
        f"top{K}_false_positives": [
            {"id": rid, "category": labels[rid], "resume_skills": len(sm.resumes[rid].skills)}
            for rid in top_fps
        ],
        f"top{K}_false_positive_credit": {"generic": round(generic, 2), "total": round(total, 2)},
        "required_missing_from_relevant": [
            {"skill": sid, "relevant_missing": c, "of": n}
            for sid, c in sorted(required_missing.items(), key=lambda kv: (-kv[1], kv[0]))[
                :TOP_MISSING
            ]
        ],
        "job_requirements_no_relevant_resume_meets": sorted(
            sid for sid, c in any_missing.items() if c == n
        ),
        "relevant_resume_skills": sorted(len(sm.resumes[rid].skills) for rid in relevant),
        "relevant_scores": rel_scores,
        "relevant_with_zero_score": sum(s == 0 for s in rel_scores),
        "mean_score_relevant": round(sum(rel_scores) / n, 2) if n else 0.0,
        "mean_score_other": round(sum(other) / len(other), 2) if other else 0.0,
        "distinct_scores": len(set(ranking.scores.values())),
    }


def note_for(result: CategoryResult) -> str:
    """A short 'why we lose' note: the top false positive, the most-missed required skills."""
    d = result.diagnosis
    fp = d["top_false_positive"]
    matched = ", ".join(fp["matched"][:NOTE_SKILLS]) or "nothing"
    parts = [
        f"FP #{fp['rank']} {fp['category']} {fp['score']:.0f} "
        f"({fp['resume_skills']} skills: {matched})"
    ]
    missed = d["required_missing_from_relevant"][:NOTE_SKILLS]
    if missed:
        parts.append(
            "miss " + ", ".join(f"{m['skill']} {m['relevant_missing']}/{m['of']}" for m in missed)
        )
    if d["relevant_with_zero_score"]:
        parts.append(f"0-score {d['relevant_with_zero_score']}/{len(result.relevant)}")
    return "; ".join(parts)


def evaluate(
    matcher: SkillMatcher, resumes: Sequence[Resume], jobs: Sequence[Job], timings: Timings
) -> tuple[list[CategoryResult], Skillmatch]:
    """Rank every résumé for every job with both systems and the variants."""
    sm = run_skillmatch(matcher, jobs, resumes, timings)
    cosines = tfidf_scores(jobs, resumes, timings)
    labels = {r.id: r.category for r in resumes}
    results = []
    for job in jobs:
        relevant = frozenset(r.id for r in resumes if r.category == job.category)
        reports = sm.reports[job.category]
        scores = {rid: rep.score for rid, rep in reports.items()}
        relevance = {rid: rep.relevance for rid, rep in reports.items()}
        focus = {rid: rep.focus for rid, rep in reports.items()}
        cos = cosines[job.category]
        breadth = {rid: breadth_score(rep, sm.resumes[rid]) for rid, rep in reports.items()}
        # the order SkillMatcher.rank gives: relevance, then fit score, then id
        ours, base = rank(relevance, relevant, scores.__getitem__), rank(cos, relevant)
        profile = sm.jobs[job.category]
        result = CategoryResult(
            category=job.category,
            job=job,
            relevant=relevant,
            ours=ours,
            base=base,
            variants={
                "fit order": rank(scores, relevant),
                "focus order": rank(focus, relevant, scores.__getitem__),
                "ties→tfidf": rank(relevance, relevant, cos.__getitem__),
                "rrf": rank(rrf(ours, base), relevant),
                "breadth": rank(breadth, relevant),
                **{
                    name: rank(
                        {
                            rid: relevance_of(rep.score, rep.focus, rep.role, weight)
                            for rid, rep in reports.items()
                        },
                        relevant,
                        scores.__getitem__,
                    )
                    for name, weight in ROLE_WEIGHTS.items()
                },
            },
            job_skills={
                level: [s.id for s in profile.skills if s.requirement == level]
                for level in ("required", "preferred")
            },
            diagnosis=diagnose(ours, sm, job.category, labels, matcher),
        )
        if result.loses:
            result.note = note_for(result)
        results.append(result)
    return results, sm


# -- the report --------------------------------------------------------------------------------


def format_table(results: Sequence[CategoryResult]) -> str:
    """Per category: n relevant, both systems' nDCG@10 and MAP, and the 'why we lose' note."""
    top = f"{'':<26}{'':>4} │ {'skillmatch':^15} │ {'TF-IDF baseline':^15} │"
    head = (
        f"{'category':<26}{'n':>4} │ {'nDCG@10':>7} {'MAP':>7} │ {'nDCG@10':>7} {'MAP':>7} │ "
        "why we lose (where below the baseline)"
    )
    rule = "─" * (len(head) + 50)
    lines = [top, head, rule]
    for r in results:
        o, b = r.ours, r.base
        lines.append(
            f"{r.category:<26}{len(r.relevant):>4} │ {o.ndcg:>7.3f} {o.ap:>7.3f} │ "
            f"{b.ndcg:>7.3f} {b.ap:>7.3f} │ {r.note}"
        )
    lines.append(rule)
    n = sum(len(r.relevant) for r in results)
    lines.append(
        f"{'macro average':<26}{n:>4} │ {macro([r.ours.ndcg for r in results]):>7.3f} "
        f"{macro([r.ours.ap for r in results]):>7.3f} │ "
        f"{macro([r.base.ndcg for r in results]):>7.3f} "
        f"{macro([r.base.ap for r in results]):>7.3f} │ "
        f"skillmatch below the baseline in {sum(r.loses for r in results)}/{len(results)}"
    )
    return "\n".join(lines)


def target_lines(results: Sequence[CategoryResult]) -> tuple[list[str], dict[str, Any]]:
    """The gap of each metric against its target, as text and as JSON."""
    lines, out = [], {}
    metrics: tuple[tuple[str, Callable[[Ranking], float]], ...] = (
        (f"nDCG@{K}", lambda r: r.ndcg),
        ("MAP", lambda r: r.ap),
    )
    for name, get in metrics:
        ours = macro([get(r.ours) for r in results])
        base = macro([get(r.base) for r in results])
        ok = passes(ours, base)
        ratio = (1 - ours) / (1 - base) if base < 1 else float("inf")
        lines.append(
            f"{name:<8} ours {ours:.3f}, baseline {base:.3f}: gap 1−ours = {1 - ours:.3f} vs "
            f"{TARGET_SHARE}×(1−baseline) = {TARGET_SHARE * (1 - base):.3f} "
            f"(ratio {ratio:.2f}, target ≤ {TARGET_SHARE}) → {'PASS' if ok else 'FAIL'}"
        )
        out[name] = {
            "skillmatch": round(ours, 4),
            "baseline": round(base, 4),
            "gap_ours": round(1 - ours, 4),
            "gap_baseline": round(1 - base, 4),
            "gap_ratio": round(ratio, 4),
            "target_ratio": TARGET_SHARE,
            "pass": ok,
        }
    return lines, out


def variant_lines(results: Sequence[CategoryResult]) -> tuple[list[str], dict[str, Any]]:
    """Each variant's macro figures, and whether it helps over skillmatch's own order."""
    lines, out = [], {}
    ours_ndcg = macro([r.ours.ndcg for r in results])
    ours_ap = macro([r.ours.ap for r in results])
    base_ndcg = macro([r.base.ndcg for r in results])
    base_ap = macro([r.base.ap for r in results])
    for name, what in VARIANTS.items():
        ndcg = macro([r.variants[name].ndcg for r in results])
        ap = macro([r.variants[name].ap for r in results])
        helps = ndcg >= ours_ndcg and ap >= ours_ap and (ndcg, ap) != (ours_ndcg, ours_ap)
        beats_base = ndcg > base_ndcg and ap > base_ap
        lines.append(
            f"  {name:<16} nDCG@{K} {ndcg:.3f} ({ndcg - ours_ndcg:+.3f}), MAP {ap:.3f} "
            f"({ap - ours_ap:+.3f}): {'helps' if helps else 'does not help'}, "
            f"{'above' if beats_base else 'below'} the baseline, targets "
            f"{'PASS' if passes(ndcg, base_ndcg) else 'FAIL'}/"
            f"{'PASS' if passes(ap, base_ap) else 'FAIL'}"
        )
        out[name] = {
            "what": what,
            f"ndcg@{K}": round(ndcg, 4),
            "map": round(ap, 4),
            "helps_over_skillmatch": helps,
            "above_baseline": beats_base,
            "targets_pass": passes(ndcg, base_ndcg) and passes(ap, base_ap),
        }
    return lines, out


def pattern_lines(
    results: Sequence[CategoryResult], sm: Skillmatch
) -> tuple[list[str], dict[str, Any]]:
    """The usual causes, measured over all jobs: breadth, generic credit, thin coverage."""
    all_counts = [len(p.skills) for p in sm.resumes.values()]
    fp_counts = [
        fp["resume_skills"] for r in results for fp in r.diagnosis[f"top{K}_false_positives"]
    ]
    repeat = Counter(fp["id"] for r in results for fp in r.diagnosis[f"top{K}_false_positives"])
    top_id, top_n = repeat.most_common(1)[0] if repeat else ("-", 0)
    generic = sum(r.diagnosis[f"top{K}_false_positive_credit"]["generic"] for r in results)
    total = sum(r.diagnosis[f"top{K}_false_positive_credit"]["total"] for r in results)
    thin = sorted(
        (statistics.median(r.diagnosis["relevant_resume_skills"]), r.category)
        for r in results
        if statistics.median(r.diagnosis["relevant_resume_skills"]) <= THIN
    )
    zero = sum(r.diagnosis["relevant_with_zero_score"] for r in results)
    n_relevant = sum(len(r.relevant) for r in results)
    share = generic / total if total else 0.0
    lines = [
        f"  breadth: skillmatch's top-{K} false positives show a median of "
        f"{statistics.median(fp_counts) if fp_counts else 0:.0f} skills, all résumés "
        f"{statistics.median(all_counts):.0f}; {top_id} ({len(sm.resumes[top_id].skills)} "
        f"skills) is in the top {K} of {top_n}/{len(results)} jobs without being relevant",
        f"  generic credit: {share:.0%} of the credit of those false positives comes from "
        "soft skills, degrees, languages, office tools, abilities and broad fields",
        f"  thin coverage: relevant résumés show a median ≤ {THIN} skills in "
        + ", ".join(f"{c} ({m:g})" for m, c in thin)
        + f"; {zero}/{n_relevant} relevant résumés match nothing of their job",
    ]
    out = {
        "median_skills_top_false_positives": statistics.median(fp_counts) if fp_counts else 0,
        "median_skills_all_resumes": statistics.median(all_counts),
        "most_frequent_false_positive": {
            "id": top_id,
            "jobs": top_n,
            "skills": len(sm.resumes[top_id].skills) if top_id in sm.resumes else 0,
        },
        "generic_credit_share_of_false_positives": round(share, 4),
        "thin_categories": {c: m for m, c in thin},
        "relevant_with_zero_score": zero,
    }
    return lines, out


def to_json(
    results: Sequence[CategoryResult],
    sections: dict[str, Any],
    timings: Timings,
    matcher: SkillMatcher,
    n_resumes: int,
) -> dict[str, Any]:
    import sklearn

    def figures(get: Callable[[CategoryResult], Ranking]) -> dict[str, float]:
        return {
            f"ndcg@{K}": round(macro([get(r).ndcg for r in results]), 4),
            "map": round(macro([get(r).ap for r in results]), 4),
            f"p@{K}": round(macro([get(r).p_at_k for r in results]), 4),
        }

    return {
        "data": str(DATA),
        "jobs": str(JOBS_DIR.relative_to(ROOT)),
        "resumes": n_resumes,
        "categories": len(results),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "taxonomy": {"hash": matcher.taxonomy.hash, "skills": len(matcher.taxonomy)},
        "baseline": {
            "method": "TfidfVectorizer(stop_words='english', sublinear_tf=True) fitted on the "
            "résumés; cosine similarity",
            "scikit_learn": sklearn.__version__,
        },
        "ranking": "score descending, then résumé id",
        "macro": {
            "skillmatch": figures(lambda r: r.ours),
            "baseline": figures(lambda r: r.base),
        },
        **sections,
        "timing_s": timings.as_dict(),
        "per_category": [
            {
                "category": r.category,
                "job_file": str(r.job.path.relative_to(ROOT)),
                "n_relevant": len(r.relevant),
                "skillmatch": r.ours.as_dict(digits=1),
                "baseline": r.base.as_dict(),
                "variants": {
                    name: {
                        f"ndcg@{K}": round(v.ndcg, 4),
                        "ap": round(v.ap, 4),
                        f"top{K}": v.ids[:K],
                    }
                    for name, v in r.variants.items()
                },
                "below_baseline": r.loses,
                "why_we_lose": r.note or None,
                "job_skills": r.job_skills,
                "diagnosis": r.diagnosis,
            }
            for r in results
        ],
    }


def run(matcher: SkillMatcher, resumes: list[Resume], jobs: list[Job], timings: Timings) -> int:
    """Evaluate, print the table, the targets, the variants and the patterns; write the JSON."""
    started = time.perf_counter()
    results, sm = evaluate(matcher, resumes, jobs, timings)
    goals, targets = target_lines(results)
    tries, variants = variant_lines(results)
    causes, patterns = pattern_lines(results, sm)
    timings.total += time.perf_counter() - started
    sections = {"targets": targets, "variants": variants, "patterns": patterns}
    result = to_json(results, sections, timings, matcher, len(resumes))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(
        f"data: {DATA} ({len(resumes)} résumés, {len(jobs)} categories); jobs: "
        f"{JOBS_DIR.relative_to(ROOT)}/; taxonomy: {len(matcher.taxonomy)} skills"
    )
    print(format_table(results))
    print("\n".join(goals))
    print("variants (never the primary figure):")
    print("\n".join(tries))
    print("patterns:")
    print("\n".join(causes))
    print(
        f"time {timings.total:.1f} s (setup {timings.setup:.1f} s, parse {len(resumes)} résumés "
        f"{timings.parse_resumes:.1f} s, {len(jobs)} jobs {timings.parse_jobs:.2f} s, "
        f"score {len(jobs) * len(resumes):,} pairs {timings.score:.1f} s, "
        f"TF-IDF {timings.tfidf:.2f} s)"
    )
    print(f"results written to {RESULTS.relative_to(ROOT)}")
    return 0


def main() -> int:
    started = time.perf_counter()
    if not DATA.is_file():
        print(
            f"ranking benchmark: the labelled résumés {DATA} are absent; nothing was evaluated.\n"
            "Expected ../shared/data/resumes-25cat/resumes.jsonl (see its PROVENANCE.md).",
            file=sys.stderr,
        )
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(
            "ranking benchmark: scikit-learn (benchmark-only, extra `bench`) is needed for the "
            "TF-IDF baseline:\n  .venv/bin/python -m pip install scikit-learn",
            file=sys.stderr,
        )
        return 2
    resumes = read_resumes(DATA)
    categories = sorted({r.category for r in resumes})
    jobs, missing = read_jobs(categories, JOBS_DIR)
    if missing:
        print(
            "ranking benchmark: job descriptions missing, nothing was evaluated:\n  "
            + "\n  ".join(missing),
            file=sys.stderr,
        )
        return 2
    from skillmatch import SkillMatcher, TaxonomyError

    try:
        matcher = SkillMatcher()
    except TaxonomyError as exc:
        print(
            f"ranking benchmark: the bundled taxonomy does not load ({len(exc.problems)} "
            f"problem(s)):\n  " + "\n  ".join(exc.problems[:5]),
            file=sys.stderr,
        )
        return 1
    timings = Timings(setup=time.perf_counter() - started)
    timings.total = timings.setup
    return run(matcher, resumes, jobs, timings)


if __name__ == "__main__":
    raise SystemExit(main())
