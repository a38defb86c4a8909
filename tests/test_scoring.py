"""The fit score: credit through the taxonomy's relations, years, and the report's order."""

from __future__ import annotations

import pytest

from skillmatch import ScoringWeights, SkillMatcher


def score(m: SkillMatcher, job: str, resume: str):
    return m.score(job, resume)


def test_exact_match_of_every_requirement_scores_100(mini: SkillMatcher) -> None:
    report = mini.score("Requirements:\n- Python\n- Docker", "I use Python and Docker daily.")
    assert report.score == 100.0
    assert [m.id for m in report.matched] == ["python", "docker"]
    assert report.missing == ()


def test_no_requirement_met_scores_0_and_lists_every_skill_missing(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: Python, Kubernetes", "I write poems.")
    assert report.score == 0.0
    assert [m.id for m in report.missing] == ["python", "kubernetes"]


def test_required_skills_weigh_twice_preferred_ones(mini: SkillMatcher) -> None:
    job = "Requirements:\n- Python\n\nNice to have:\n- Docker\n"
    assert mini.score(job, "Python").score == pytest.approx(66.7)
    assert mini.score(job, "Docker").score == pytest.approx(33.3)


def test_a_more_specific_skill_earns_full_credit(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: deep learning", "Built models in PyTorch.")
    assert report.score == 100.0
    m = report.matched[0]
    assert (m.id, m.via, m.matched_by, m.credit) == ("deep-learning", "child", "pytorch", 1.0)


def test_implied_skill_earns_the_implies_weight(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: Microsoft Azure", "Trained models on Azure ML.")
    m = report.matched[0]
    assert (m.via, m.matched_by, m.credit) == ("implies", "azure-machine-learning", 0.7)
    assert report.score == 70.0


def test_related_substitute_earns_the_related_weight(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: Tableau", "Dashboards in Power BI.")
    assert (report.matched[0].via, report.matched[0].credit) == ("related", 0.4)


def test_alternatives_form_one_requirement_that_either_skill_satisfies(mini: SkillMatcher) -> None:
    job = "Requirements:\n- PyTorch or TensorFlow\n- Python"
    report = mini.score(job, "TensorFlow 2 and Python")
    assert report.score == 100.0
    assert {m.id for m in report.matched} == {"tensorflow", "python"}


def test_missing_alternatives_are_listed_once_with_the_others(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: Tableau or Power BI", "Python")
    assert len(report.missing) == 1
    assert (report.missing[0].id, report.missing[0].alternatives) == ("tableau", ("power-bi",))


def test_fewer_years_than_asked_gives_partial_credit(mini: SkillMatcher) -> None:
    job = "Requirements: 6+ years of Python"
    assert mini.score(job, "Python (3 years)").score == 50.0
    assert mini.score(job, "8 years of Python").score == 100.0
    assert mini.score(job, "Python").score == 100.0  # unknown years are not penalised


def test_years_penalty_never_drops_below_the_floor(mini: SkillMatcher) -> None:
    assert mini.score("Requirements: 10+ years of Python", "Python (1 year)").score == 50.0


def test_missing_skills_are_ordered_required_first(mini: SkillMatcher) -> None:
    job = "Nice to have: Docker\n\nRequirements:\n- Kubernetes\n- Python\n"
    report = mini.score(job, "Nothing relevant")
    assert [(m.id, m.requirement) for m in report.missing] == [
        ("kubernetes", "required"),
        ("python", "required"),
        ("docker", "preferred"),
    ]


def test_missing_skill_names_the_closest_skill_the_candidate_has(mini: SkillMatcher) -> None:
    report = mini.score("Requirements: Keras", "Deep nets in PyTorch")
    closest = report.missing[0].closest
    assert closest is not None
    assert (closest.id, closest.relation) == ("pytorch", "sibling")


def test_weights_can_be_overridden(mini: SkillMatcher) -> None:
    from skillmatch import SkillMatcher as SM

    custom = SM(mini.taxonomy, weights=ScoringWeights(related=0.0), cache_dir=False)
    report = custom.score("Requirements: Tableau", "Power BI")
    assert report.score == 0.0
    assert report.weights.related == 0.0


def test_evidence_points_into_the_resume_text(mini: SkillMatcher) -> None:
    resume = "Summary\nI deploy services with Docker every day."
    report = mini.score("Requirements: Docker", resume)
    ev = report.matched[0].evidence[0]
    assert resume[ev.start : ev.end] == "Docker"
    assert ev.snippet == "I deploy services with Docker every day."


def test_parsed_profiles_can_be_scored_without_reparsing(mini: SkillMatcher) -> None:
    job = mini.parse_job("Requirements: Python")
    resume = mini.parse_resume("Python")
    assert mini.score(job, resume).score == 100.0


def test_a_job_with_no_skills_scores_0(mini: SkillMatcher) -> None:
    report = mini.score("We are hiring nice people.", "Python")
    assert (report.score, report.matched, report.missing) == (0.0, (), ())


def test_a_skill_the_job_title_names_weighs_title_times_more(mini: SkillMatcher) -> None:
    job = "Python Developer\n\nRequirements:\n- Python\n- Docker\n"
    report = mini.score(job, "Docker")
    # python: 2 (required) × 2 (named in the title); docker: 2 → 2 / 6
    assert report.score == pytest.approx(33.3)
    assert mini.score(job, "Python").score == pytest.approx(66.7)
    plain = SkillMatcher(mini.taxonomy, weights=ScoringWeights(title=1.0), cache_dir=False)
    assert plain.score(job, "Docker").score == pytest.approx(50.0)
