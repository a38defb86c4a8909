"""The vectorised scorer gives exactly the per-row scores, lists, focus and relevance: on
random jobs, résumés and weights over the test taxonomy (property test), and on the samples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher, load_taxonomy
from skillmatch.models import ExtractedSkill, Mention, Profile, ScoringWeights
from skillmatch.scoring import (
    focus,
    job_requirements,
    relevance,
    role_match,
    score_summary,
    titled_ids,
)
from skillmatch.vectorized import (
    JobScorer,
    Vectors,
    pack,
    pack_profile,
    profile_entries,
    round_1,
    skill_index,
    unpack,
    unpack_titles,
)

MINI = Path(__file__).parent / "fixtures" / "mini"
YEARS = st.one_of(st.none(), st.integers(0, 15))
Resume = tuple[dict[str, int | None], frozenset[str]]  # stated years by id, titled ids
SHARE = st.sampled_from([0.0, 0.25, 0.4, 0.5, 0.7, 1.0])


def _job(ids: list[str], draw: st.DrawFn) -> Profile:
    """A job over some of `ids`: levels, minimum years, categories and alternative groups."""
    chosen = draw(st.lists(st.sampled_from(ids), min_size=0, max_size=8, unique=True))
    pairs = (
        draw(st.lists(st.tuples(st.sampled_from(chosen), st.sampled_from(chosen)), max_size=3))
        if chosen
        else []
    )
    alternatives: dict[str, set[str]] = {}
    for a, b in pairs:
        if a != b:
            alternatives.setdefault(a, set()).add(b)
            alternatives.setdefault(b, set()).add(a)
    skills = []
    for n, sid in enumerate(chosen):
        mention = Mention(
            text=sid,
            start=n * 10,
            end=n * 10 + 5,
            match="exact",
            confidence=1.0,
            alias=sid,
            title=draw(st.booleans()),  # a job title naming it weighs `title` times more
        )
        skills.append(
            ExtractedSkill(
                id=sid,
                name=sid,
                category=draw(st.sampled_from(["tech", "soft-skill"])),
                requirement=draw(st.sampled_from(["required", "preferred"])),
                min_years=draw(st.one_of(st.none(), st.integers(1, 10))),
                alternatives=tuple(sorted(alternatives.get(sid, ()))),
                mentions=(mention,),
            )
        )
    return Profile(kind="job", skills=tuple(skills))


@st.composite
def cases(draw: st.DrawFn, ids: list[str]) -> tuple[Profile, list[Resume], ScoringWeights]:
    job = _job(ids, draw)
    years = draw(
        st.lists(st.dictionaries(st.sampled_from(ids), YEARS, max_size=10), min_size=1, max_size=12)
    )
    # some of each résumé's skills named in its role titles ('Java Developer')
    resumes = [(y, frozenset(k for k in y if draw(st.booleans()))) for y in years]
    weights = ScoringWeights(
        required=draw(st.sampled_from([0.0, 1.0, 2.0, 3.0])),
        preferred=draw(st.sampled_from([0.0, 1.0, 1.5])),
        child=draw(SHARE),
        implies=draw(SHARE),
        related=draw(SHARE),
        years_floor=draw(SHARE),
        generic=draw(SHARE),
        title=draw(st.sampled_from([1.0, 2.0, 3.0])),
        role=draw(SHARE),
    )
    return job, resumes, weights


def _python_summaries(
    job: Profile, resumes: list[Resume], matcher: SkillMatcher, weights: ScoringWeights
) -> list[tuple]:
    """(score, matched, missing, focus, role, relevance) of each résumé, row by row."""
    requirements = job_requirements(job, weights)
    job_titles = titled_ids(job.skills)
    out = []
    for years, titles in resumes:
        summary = score_summary(requirements, years, matcher.taxonomy, weights)
        near = focus(requirements, years, matcher.taxonomy, weights)
        role = role_match(job_titles, titles)
        out.append((*summary, near, role, relevance(summary[0], near, role, weights.role)))
    return out


def _vector_summaries(
    job: Profile, resumes: list[Resume], matcher: SkillMatcher, weights: ScoringWeights
) -> list[tuple]:
    """The same, all résumés at once."""
    index = skill_index(matcher.taxonomy)
    scorer = JobScorer(job, matcher.taxonomy, weights)
    fits = scorer.fits(Vectors.join([pack(y, index, t) for y, t in resumes]))
    lists = scorer.lists(fits, list(range(len(resumes))))
    roles = [None if np.isnan(v) else v for v in fits.role.tolist()]
    columns = (fits.scores.tolist(), lists, fits.focus.tolist(), roles, fits.relevance.tolist())
    return [(s, *ids, f, o, r) for s, ids, f, o, r in zip(*columns, strict=True)]


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> SkillMatcher:
    """The mini taxonomy with posting counts, so that skills weigh differently in focus."""
    folder = tmp_path_factory.mktemp("counts")
    ids = sorted(load_taxonomy([MINI]).skills)
    counts = ", ".join(f"{sid}: {(7 * n) % 40}" for n, sid in enumerate(ids))
    (folder / "frequency.yaml").write_text(
        f"frequency:\n  source: a test\n  documents: 40\n  counts: {{{counts}}}\n", "utf-8"
    )
    return SkillMatcher(load_taxonomy([MINI], extra=[folder]), cache_dir=False)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_vectorised_scores_lists_focus_and_relevance_equal_scoring_on_random_profiles(
    counted: SkillMatcher, data: st.DataObject
) -> None:
    job, resumes, weights = data.draw(cases(sorted(counted.taxonomy.skills)))
    assert _vector_summaries(job, resumes, counted, weights) == _python_summaries(
        job, resumes, counted, weights
    )


def test_vectorised_scores_lists_focus_and_relevance_equal_scoring_on_the_samples(
    matcher: SkillMatcher, samples: Path
) -> None:
    profiles = [
        matcher.parse_resume(p.read_text("utf-8"))
        for p in sorted((samples / "resumes").glob("*.txt"))
    ]
    resumes = [({s.id: s.years for s in p.skills}, titled_ids(p.skills)) for p in profiles]
    for path in sorted((samples / "jobs").glob("*.txt")):
        job = matcher.parse_job(path.read_text("utf-8"))
        for weights in (matcher.weights, ScoringWeights(child=0.3, implies=0.9, related=0.0)):
            python = _python_summaries(job, resumes, matcher, weights)
            assert _vector_summaries(job, resumes, matcher, weights) == python
    job = matcher.parse_job((samples / "jobs" / "ai-architect.txt").read_text("utf-8"))
    summaries = _vector_summaries(job, resumes, matcher, matcher.weights)
    assert [s[0] for s in summaries] == [43.4, 35.0, 73.9, 3.6]  # arjun, daniel, maya, sofia
    assert [s[-2] for s in summaries] == [0.0, 0.0, 0.0, 0.0]  # role: none is an AI architect
    assert [s[-1] for s in summaries] == [10.5, 7.9, 29.8, 0.0]  # relevance


def test_a_job_with_no_skills_and_an_empty_batch_score_zero(mini: SkillMatcher) -> None:
    empty_job = JobScorer(Profile(kind="job"), mini.taxonomy, mini.weights)
    assert empty_job.scores(
        Vectors.join([b"", pack({"python": 3}, skill_index(mini.taxonomy))])
    ).tolist() == [0.0, 0.0]
    job = mini.parse_job("Requirements: Python")
    assert JobScorer(job, mini.taxonomy, mini.weights).scores(Vectors.join([])).tolist() == []


def test_skill_vectors_round_trip_ids_and_years(mini: SkillMatcher) -> None:
    index = skill_index(mini.taxonomy)
    ids = list(index)
    years = {"python": 5, "pytorch": None, "kubernetes": 0}
    vector = pack(years, index, frozenset({"pytorch"}))
    assert len(vector) == 3 * 8  # int32 (position, years + TITLED if titled) pairs
    assert unpack(vector, ids) == years
    assert unpack_titles(vector, ids) == {"pytorch"}
    assert ids == sorted(mini.taxonomy.skills)
    profile = mini.parse_resume("Python (5 years), PyTorch and Kubernetes")
    assert unpack(pack_profile(profile, index), ids) == {
        "python": 5,
        "pytorch": None,
        "kubernetes": None,
    }
    stored = profile.model_dump_json(exclude_defaults=True)  # as the cache keeps it
    assert profile_entries(stored)[0] == {"python": 5, "pytorch": None, "kubernetes": None}
    developer = mini.parse_resume("Python Developer\n\nKubernetes")
    stored = developer.model_dump_json(exclude_defaults=True)
    assert profile_entries(stored) == ({"python": None, "kubernetes": None}, {"python"})
    assert unpack_titles(pack_profile(developer, index), ids) == {"python"}


def test_vectors_join_in_order_into_one_csr_layout(mini: SkillMatcher) -> None:
    index = skill_index(mini.taxonomy)
    joined = Vectors.join([pack({"python": 2}, index), b"", pack({"aws": None, "keras": 1}, index)])
    assert joined.indptr.tolist() == [0, 1, 1, 3]
    assert joined.skills.tolist() == [index["python"], index["aws"], index["keras"]]
    assert joined.years.tolist() == [2, -1, 1]
    assert joined.rows.tolist() == [0, 2, 2]


@given(st.lists(st.floats(0, 1000, allow_nan=False), max_size=50))
def test_round_1_is_pythons_round_to_one_decimal(values: list[float]) -> None:
    tricky = [0.05, 0.15, 0.25, 72.85, 41.25, 99.95, 12.345, 1e-7, 2.675]
    got = round_1(np.array([*values, *tricky], dtype=float)).tolist()
    assert got == [round(v, 1) for v in [*values, *tricky]]


def test_resume_norms_are_worked_out_once_per_weighting_and_change_no_score(
    mini: SkillMatcher,
) -> None:
    index = skill_index(mini.taxonomy)
    resumes = [{"python": 3, "pytorch": None}, {"aws": None}, {}]
    job = mini.parse_job("Requirements: Python, PyTorch, AWS")
    scorer = JobScorer(job, mini.taxonomy, mini.weights)
    fresh = scorer.fits(Vectors.join([pack(r, index) for r in resumes]))
    loaded = Vectors.join([pack(r, index) for r in resumes])
    norms = scorer.prepare(loaded)
    assert scorer.prepare(loaded) is norms  # memoised on the vectors
    other = JobScorer(job, mini.taxonomy, ScoringWeights(generic=0.25))
    assert other.prepare(loaded) is not norms  # another weighting, its own norms
    again = scorer.fits(loaded)
    assert again.scores.tolist() == fresh.scores.tolist()
    assert again.focus.tolist() == fresh.focus.tolist()
    assert norms.tolist()[2] == 0.0  # a résumé with no skills


def test_a_job_with_too_many_candidates_for_int16_codes_scores_the_same_in_int32(
    matcher: SkillMatcher, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skillmatch.vectorized as vectorized

    profiles = [
        matcher.parse_resume(p.read_text("utf-8"))
        for p in sorted((samples / "resumes").glob("*.txt"))
    ]
    resumes = [({s.id: s.years for s in p.skills}, titled_ids(p.skills)) for p in profiles]
    job = matcher.parse_job((samples / "jobs" / "ai-architect.txt").read_text("utf-8"))
    narrow = _vector_summaries(job, resumes, matcher, matcher.weights)
    assert JobScorer(job, matcher.taxonomy, matcher.weights).code == np.int16
    monkeypatch.setattr(vectorized, "NARROW_CODES", 0)
    assert JobScorer(job, matcher.taxonomy, matcher.weights).code == np.int32
    assert _vector_summaries(job, resumes, matcher, matcher.weights) == narrow
