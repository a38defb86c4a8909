"""Pure scoring: a job profile × a résumé profile → FitReport.

score = 100 × Σ weight(g) · credit(g) / Σ weight(g) over the job's requirement groups g, where
a group is one skill or its alternatives ('PyTorch or TensorFlow'), weight is `required` or
`preferred` (times `generic` for soft skills, languages, degrees, office tools and everyday
abilities, and times `title` where the job title names it: 'Java Developer' makes Java the
role's core), and credit is the best over the group's skills of:
  1.0 the résumé names the skill; `child` it names a more specific one (is-a descendant);
  `implies` a résumé skill implies it; `related` it names a substitute; else 0 —
multiplied, where the job asks for N years and the résumé states fewer (y), by
max(years_floor, y / N).

focus = 100 × cos(job, résumé) in skill space: how much of the résumé is about this job. Each
skill weighs its specificity (Taxonomy.specificity: rarer in job postings weighs more) ×
`generic` for everyday skills; the job's vector has one component per requirement group, times
`required` or `preferred` (and `title`); only skills the résumé names count (a broader or related skill earns
fit credit, but does not make two profiles alike).

role = 100 × the share of the résumé's role titles (skillmatch.roles: 'Data Scientist', 'Java
Developer') that the job's title names: what the candidate is, beside what they list.

relevance = √(score × focus), which orders a batch: high only when the résumé both covers the
job and is about it, so neither a résumé listing everything nor one naming a single skill leads.
Where the job's title names skills, `role` (0.5) of relevance is the role match instead:
(1 − role) × √(score × focus) + role × role match — a recruiter reads the title line first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from skillmatch.models import (
    ExtractedSkill,
    FitReport,
    Profile,
    Requirement,
    ScoringWeights,
)
from skillmatch.normalize import printable
from skillmatch.taxonomy import Taxonomy

SNIPPET_WIDTH = 160
# Requirements nearly every candidate claims: they count, but less than the role's own skills.
GENERIC_CATEGORIES = frozenset({"soft-skill", "language", "ability", "degree", "productivity-tool"})
_RANK = {"exact": 0, "child": 1, "implies": 2, "related": 3}


def requirement_groups(job: Profile) -> list[list[ExtractedSkill]]:
    """The job's skills joined into alternative groups, in order of first mention."""
    by_id = {s.id: s for s in job.skills}
    seen: set[str] = set()
    groups: list[list[ExtractedSkill]] = []
    for skill in job.skills:
        if skill.id in seen:
            continue
        group, stack = [], [skill.id]
        while stack:
            sid = stack.pop()
            if sid in seen or sid not in by_id:
                continue
            seen.add(sid)
            group.append(by_id[sid])
            stack.extend(by_id[sid].alternatives)
        group.sort(key=lambda s: s.mentions[0].start)
        groups.append(group)
    return groups


def implied_skills(resume_ids: frozenset[str], taxonomy: Taxonomy) -> dict[str, str]:
    """Every skill the résumé's skills imply, mapped to the first (by id) that implies it."""
    out: dict[str, str] = {}
    for r in sorted(resume_ids):
        if r in taxonomy:
            for implied in taxonomy.implied_by(r):
                out.setdefault(implied, r)
    return out


def _credit_options(
    job_skill: str,
    resume_ids: frozenset[str],
    taxonomy: Taxonomy,
    weights: ScoringWeights,
    implied: dict[str, str],
) -> tuple[float, str, str] | None:
    """The best (credit, via, résumé skill id) for one job skill, or None."""
    if job_skill in resume_ids:
        return 1.0, "exact", job_skill
    if job_skill not in taxonomy:
        return None
    children = sorted(taxonomy.descendants(job_skill) & resume_ids)
    if children and weights.child > 0:
        return weights.child, "child", children[0]
    if job_skill in implied and weights.implies > 0:
        return weights.implies, "implies", implied[job_skill]
    related = sorted(taxonomy.related_index.get(job_skill, frozenset()) & resume_ids)
    if related and weights.related > 0:
        return weights.related, "related", related[0]
    return None


def _evidence(skill: ExtractedSkill, text: str | None, limit: int = 3) -> tuple[dict, ...]:
    out = []
    for m in skill.mentions[:limit]:
        snippet = m.text
        if text is not None:
            left = max(text.rfind("\n", 0, m.start) + 1, m.start - SNIPPET_WIDTH // 2)
            right = text.find("\n", m.end)
            right = min(len(text) if right < 0 else right, m.end + SNIPPET_WIDTH // 2)
            snippet = printable(" ".join(text[left:right].split()))  # a quote: JSON-safe
        out.append({"text": m.text, "start": m.start, "end": m.end, "snippet": snippet})
    return tuple(out)


def _closest(job_skill: str, resume_ids: frozenset[str], taxonomy: Taxonomy) -> dict | None:
    """The résumé skill nearest a missing one: a sibling, then a broader skill, then a cousin."""
    if job_skill not in taxonomy:
        return None
    siblings = sorted(taxonomy.siblings(job_skill) & resume_ids)
    if siblings:
        return {"id": siblings[0], "name": taxonomy[siblings[0]].name, "relation": "sibling"}
    ancestors = taxonomy.ancestors(job_skill)
    for anc in ancestors:
        if anc in resume_ids:
            return {"id": anc, "name": taxonomy[anc].name, "relation": "broader"}
    for anc in ancestors[:2]:
        cousins = sorted(taxonomy.descendants(anc) & resume_ids)
        if cousins:
            return {"id": cousins[0], "name": taxonomy[cousins[0]].name, "relation": "same family"}
    return None


class _Requirement(NamedTuple):
    """One requirement group of a job, prepared once for scoring many résumés."""

    order: int
    level: Requirement
    weight: float
    min_years: int | None
    skills: tuple[ExtractedSkill, ...]
    titled: bool = False  # the job title names one of its skills ('Java Developer')


class _Credit(NamedTuple):
    """How one requirement was met: the job skill, the résumé skill, the credit and the way."""

    requirement: _Requirement
    skill: ExtractedSkill
    by: str
    via: str
    credit: float
    years: int | None


def job_requirements(job: Profile, weights: ScoringWeights) -> list[_Requirement]:
    """The job's requirement groups with their level, weight and minimum years."""
    out = []
    for order, group in enumerate(requirement_groups(job)):
        level: Requirement = (
            "required" if any(s.requirement != "preferred" for s in group) else "preferred"
        )
        weight = weights.required if level == "required" else weights.preferred
        if all(s.category in GENERIC_CATEGORIES for s in group):
            weight *= weights.generic
        titled = any(m.title for s in group for m in s.mentions)
        if titled:
            weight *= weights.title
        min_years = max((s.min_years for s in group if s.min_years), default=None)
        out.append(_Requirement(order, level, weight, min_years, tuple(group), titled))
    return out


def _meet(
    requirements: Sequence[_Requirement],
    resume_years: dict[str, int | None],
    taxonomy: Taxonomy,
    weights: ScoringWeights,
) -> tuple[float, list[_Credit], list[_Requirement]]:
    """The score, the requirements met (with their credit) and those missing: the one place
    where the scoring rules live, shared by the full report and the batch summary."""
    resume_ids = frozenset(resume_years)
    implied = implied_skills(resume_ids, taxonomy)
    total = earned = 0.0
    met: list[_Credit] = []
    unmet: list[_Requirement] = []
    for req in requirements:
        total += req.weight
        best: tuple[float, str, str, ExtractedSkill] | None = None
        for skill in req.skills:
            option = _credit_options(skill.id, resume_ids, taxonomy, weights, implied)
            if option and (
                best is None or (option[0], -_RANK[option[1]]) > (best[0], -_RANK[best[1]])
            ):
                best = (*option, skill)
        if best is None:
            unmet.append(req)
            continue
        credit, via, by, skill = best
        stated = resume_years[by]
        if req.min_years and stated is not None and stated < req.min_years:
            credit *= max(weights.years_floor, stated / req.min_years)
        earned += req.weight * credit
        met.append(_Credit(req, skill, by, via, credit, stated))
    score = min(round(100.0 * earned / total, 1), 100.0) if total else 0.0
    met.sort(key=lambda c: (c.requirement.level != "required", -c.credit, c.requirement.order))
    unmet.sort(key=lambda r: (r.level != "required", r.order))
    return score, met, unmet


def skill_weight(skill_id: str, taxonomy: Taxonomy, weights: ScoringWeights) -> float:
    """How much one skill says about a profile: specific skills say more than everyday ones."""
    skill = taxonomy.get(skill_id)
    generic = skill is not None and skill.category in GENERIC_CATEGORIES
    return taxonomy.specificity(skill_id) * (weights.generic if generic else 1.0)


def relevance(
    score: float, focus: float, role: float | None = None, role_weight: float = 0.0
) -> float:
    """√(score × focus), and where the job's title names skills, `role_weight` of it given to
    the role match instead; one decimal: the order of a batch (see the module docstring)."""
    skills = math.sqrt(score * focus)
    if role is None:
        return round(skills, 1)
    return round((1.0 - role_weight) * skills + role_weight * role, 1)


def titled_ids(skills: Iterable[ExtractedSkill]) -> frozenset[str]:
    """The skills a profile names in a role title ('Java Developer', 'Data Scientist')."""
    return frozenset(s.id for s in skills if any(m.title for m in s.mentions))


def role_match(job_titles: frozenset[str], resume_titles: Iterable[str]) -> float | None:
    """100 × the share of the résumé's role titles that the job's title names, one decimal;
    None when the job's title names no skill. A 'Java Developer' applying for a Java
    Developer post scores 100, one titled both Java and QA engineer 50, an HR executive 0."""
    if not job_titles:
        return None
    titles = frozenset(resume_titles)
    if not titles:
        return 0.0
    return round(100.0 * len(titles & job_titles) / len(titles), 1)


def focus(
    requirements: Sequence[_Requirement],
    resume_ids: Iterable[str],
    taxonomy: Taxonomy,
    weights: ScoringWeights,
) -> float:
    """100 × the cosine between the job's requirements and the résumé's skills (see the module
    docstring): a résumé that lists everything has less focus than one about the role.

    A group the résumé meets through an alternative ('PyTorch or TensorFlow') pairs the
    group's component with the heavier skill it names. Sums run in taxonomy order with plain
    float additions, as vectorized.JobScorer runs them, so both give the same bits.
    """
    ids = frozenset(resume_ids)
    norm_resume = 0.0
    for sid in sorted(ids):
        w = skill_weight(sid, taxonomy, weights)
        norm_resume += w * w
    job = job_vector(requirements, taxonomy, weights)
    norm_job = dot = 0.0
    for req, w_job in zip(requirements, job, strict=True):
        norm_job += w_job * w_job
        named = [skill_weight(s.id, taxonomy, weights) for s in req.skills if s.id in ids]
        if named:
            dot += w_job * max(named)
    if not dot:
        return 0.0
    return min(round(100.0 * dot / math.sqrt(norm_job * norm_resume), 1), 100.0)


def job_vector(
    requirements: Sequence[_Requirement], taxonomy: Taxonomy, weights: ScoringWeights
) -> list[float]:
    """The job's component per requirement group: `required` or `preferred` (× `title` where
    the job title names it) × the weight of the group's first skill."""
    return [
        (weights.required if req.level == "required" else weights.preferred)
        * (weights.title if req.titled else 1.0)
        * skill_weight(req.skills[0].id, taxonomy, weights)
        for req in requirements
    ]


def score_summary(
    requirements: Sequence[_Requirement],
    resume_years: dict[str, int | None],
    taxonomy: Taxonomy,
    weights: ScoringWeights,
) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """Score, matched ids and missing ids without building a report: the batch fast path.

    `requirements` come from job_requirements (once per job); `resume_years` maps each résumé
    skill id to the years it states (or None).
    """
    score, met, unmet = _meet(requirements, resume_years, taxonomy, weights)
    return score, tuple(c.skill.id for c in met), tuple(r.skills[0].id for r in unmet)


def score_profiles(
    job: Profile,
    resume: Profile,
    taxonomy: Taxonomy,
    weights: ScoringWeights,
    *,
    resume_text: str | None = None,
) -> FitReport:
    """Score a résumé profile against a job profile (see the module docstring)."""
    resume_by_id = {s.id: s for s in resume.skills}
    resume_years = {s.id: s.years for s in resume.skills}
    requirements = job_requirements(job, weights)
    score, met, unmet = _meet(requirements, resume_years, taxonomy, weights)
    resume_ids = frozenset(resume_years)
    # plain data, validated once at the end: much cheaper than a model per row
    matched = [
        {
            "id": c.skill.id,
            "name": c.skill.name,
            "requirement": c.requirement.level,
            "credit": round(c.credit, 4),
            "via": c.via,
            "matched_by": c.by,
            "matched_name": taxonomy[c.by].name if c.by in taxonomy else c.by,
            "min_years": c.requirement.min_years,
            "years": c.years,
            "evidence": _evidence(resume_by_id[c.by], resume_text),
        }
        for c in met
    ]
    missing = [
        {
            "id": r.skills[0].id,
            "name": r.skills[0].name,
            "requirement": r.level,
            "alternatives": tuple(s.id for s in r.skills[1:]),
            "closest": _closest(r.skills[0].id, resume_ids, taxonomy),
        }
        for r in unmet
    ]
    used = {c.by for c in met}
    near = focus(requirements, resume_ids, taxonomy, weights)
    role = role_match(titled_ids(job.skills), titled_ids(resume.skills))
    return FitReport.model_validate(
        {
            "score": score,
            "focus": near,
            "role": role,
            "relevance": relevance(score, near, role, weights.role),
            "matched": tuple(matched),
            "missing": tuple(missing),
            "weights": weights,
            "extra": tuple(sorted(resume_ids - used - {s.id for s in job.skills})),
        }
    )
