"""Relevance: how much of a résumé is about the job — the order of a batch ranking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher, load_taxonomy
from skillmatch.errors import TaxonomyError

MINI = Path(__file__).parent / "fixtures" / "mini"
JOB = "Requirements:\n- Python\n- Docker\n"


def test_a_resume_with_exactly_the_jobs_skills_is_fully_relevant(mini: SkillMatcher) -> None:
    assert mini.score(JOB, "Python and Docker.").focus == 100.0


def test_a_resume_with_nothing_the_job_asks_for_has_no_relevance(mini: SkillMatcher) -> None:
    assert mini.score(JOB, "Tableau and Power BI.").focus == 0.0


def test_listing_many_other_skills_lowers_relevance_but_not_the_fit(mini: SkillMatcher) -> None:
    focused = mini.score(JOB, "Python and Docker.")
    broad = mini.score(JOB, "Python, Docker, Tableau, Power BI, AWS, Kubernetes, C#, Node.js.")
    assert focused.score == broad.score == 100.0
    # cosine of (1,1) against (1,1,1,1,1,1,1,1): 2 / (√2 · √8) = 0.5
    assert broad.focus == 50.0
    assert focused.focus > broad.focus


def test_a_narrower_skill_earns_fit_credit_but_no_relevance(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: deep learning", "Built models in PyTorch.")
    assert report.score == 100.0
    assert report.focus == 0.0


def test_required_skills_count_more_than_preferred_ones(mini: SkillMatcher) -> None:
    job = "Requirements:\n- Python\n\nNice to have:\n- Docker\n"
    assert mini.score(job, "Python").focus > mini.score(job, "Docker").focus


def test_everyday_skills_count_less_than_the_roles_own(mini: SkillMatcher) -> None:
    job = "Requirements:\n- Python\n- Communication skills\n"
    assert mini.score(job, "Python").focus > mini.score(job, "Good communication").focus


@pytest.fixture()
def counted(tmp_path: Path) -> Path:
    """The mini taxonomy plus counts: python is in 90 of 100 postings, docker in 1."""
    folder = tmp_path / "tax"
    shutil.copytree(MINI, folder)
    (folder / "frequency.yaml").write_text(
        "frequency:\n  source: a test corpus\n  documents: 100\n"
        "  counts: {python: 90, docker: 1}\n",
        encoding="utf-8",
    )
    return folder


def test_specificity_is_the_smoothed_inverse_document_frequency(counted: Path) -> None:
    taxonomy = load_taxonomy([counted])
    assert taxonomy.frequency is not None and taxonomy.frequency.documents == 100
    assert taxonomy.specificity("python") == pytest.approx(1.1043, abs=1e-4)  # ln(101/91)+1
    assert taxonomy.specificity("docker") == pytest.approx(4.9220, abs=1e-4)  # ln(101/2)+1
    assert taxonomy.specificity("tableau") == pytest.approx(5.6151, abs=1e-4)  # never counted


def test_without_counts_every_skill_is_equally_specific(mini: SkillMatcher) -> None:
    assert mini.taxonomy.frequency is None
    assert mini.taxonomy.specificity("python") == mini.taxonomy.specificity("docker") == 1.0


def test_sharing_a_rare_skill_is_more_relevant_than_sharing_a_common_one(counted: Path) -> None:
    m = SkillMatcher(load_taxonomy([counted]), cache_dir=False)
    rare = m.score(JOB, "Docker and Tableau.")
    common = m.score(JOB, "Python and Tableau.")
    assert rare.score == common.score == 50.0
    assert rare.focus > common.focus


def test_a_frequency_file_with_no_documents_is_a_clear_taxonomy_error(tmp_path: Path) -> None:
    bad = tmp_path / "frequency.yaml"
    bad.write_text("frequency:\n  source: x\n  documents: 0\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="documents"):
        load_taxonomy([MINI], extra=[bad])


def test_the_bundled_taxonomy_carries_posting_counts(matcher: SkillMatcher) -> None:
    taxonomy = matcher.taxonomy
    assert taxonomy.frequency is not None and taxonomy.frequency.documents == 2531
    assert taxonomy.specificity("communication") < taxonomy.specificity("kubernetes")


def test_relevance_is_the_geometric_mean_of_fit_and_focus(mini: SkillMatcher) -> None:
    report = mini.score(JOB, "Python, Tableau and Power BI.")
    assert (report.score, report.focus) == (50.0, 40.8)  # 1 / (√2 · √3)
    assert report.relevance == 45.2  # √(50 × 40.8)


def test_a_batch_puts_the_resume_that_covers_and_is_about_the_job_first(
    mini: SkillMatcher,
) -> None:
    from skillmatch.batch import TextDocument

    docs = [
        TextDocument("lists-everything", "Python, Docker, Tableau, Power BI, AWS, K8s, C#, Go."),
        TextDocument("one-skill", "Python."),
        TextDocument("both", "Python and Docker, some Tableau."),
    ]
    rows = mini.rank(JOB, docs, workers=1, cache=False)
    assert [r.document for r in rows] == ["both", "lists-everything", "one-skill"]
    assert [r.relevance for r in rows] == [90.3, 70.7, 59.5]


def _profiles(names: list[str]) -> str:
    return "Skills: " + ", ".join(names) + "."


NAMES = ["Python", "Docker", "Tableau", "Power BI", "AWS", "Kubernetes", "C#", "Node.js"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    job=st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True),
    resume=st.lists(st.sampled_from(NAMES), max_size=8, unique=True),
)
def test_focus_and_relevance_stay_in_range_and_peak_only_on_the_same_skills(
    mini: SkillMatcher, job: list[str], resume: list[str]
) -> None:
    report = mini.score("Requirements: " + ", ".join(job) + ".", _profiles(resume))
    assert 0.0 <= report.focus <= 100.0 and 0.0 <= report.relevance <= 100.0
    assert report.relevance <= max(report.score, report.focus)
    if set(resume) == set(job):
        assert report.focus == report.relevance == 100.0
    if not set(resume) & set(job):
        assert report.focus == report.relevance == 0.0
