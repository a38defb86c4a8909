"""Role titles: derived from skills' forms, counted only where they title someone, and matched
between a job's title and a résumé's titles to order a batch."""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher
from skillmatch.models import ScoringWeights
from skillmatch.roles import role_titles, titles_someone
from skillmatch.scoring import relevance, role_match, titled_ids


def _titled(matcher: SkillMatcher, text: str, kind: str = "resume") -> set[str]:
    profile = matcher.parse_resume(text) if kind == "resume" else matcher.parse_job(text)
    return set(titled_ids(profile.skills))


@pytest.mark.parametrize(
    ("key", "titles"),
    [
        ("data science", [("data scientist", 0)]),
        ("business analysis", [("business analyst", 0)]),
        ("business analytics", [("business analyst", 1)]),  # yields to analysis
        (
            "software testing",
            [
                ("software tester", 0),
                ("software test engineer", 0),
                ("software testing engineer", 0),
            ],
        ),
        ("accounting", [("accountant", 0)]),
        ("engineering", []),  # a bare 'engineer' names no skill
        ("python", []),
        ("very long form of management", []),  # titles are short
    ],
)
def test_role_titles_follow_english_word_formation(key: str, titles: list) -> None:
    assert role_titles(key) == titles


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("Data Scientist\nAcme Analytics, 2019 - now", "data scientist", True),  # its own line
        ("Civil Engineer - Metro Builders", "civil engineer", True),
        (
            "I worked for six years as a senior data scientist at a bank in the city centre",
            "data scientist",
            True,
        ),
        (
            "Position: Data Scientist, responsible for the pricing models of three product lines",
            "data scientist",
            True,
        ),
        (
            "You will sit with product owners, designers and two data scientists in one team",
            "data scientist",
            False,
        ),
    ],
)
def test_a_role_title_counts_only_where_it_titles_someone(
    text: str, role: str, expected: bool
) -> None:
    start = text.lower().index(role)
    assert titles_someone(text, start, start + len(role)) is expected


def test_derived_and_given_role_titles_name_skills_in_titles_only(matcher: SkillMatcher) -> None:
    assert _titled(matcher, "Data Scientist\n\nPython, SQL") >= {"data-science"}
    assert "data-science" not in {
        s.id
        for s in matcher.parse_resume(
            "Our platform team builds tools for the analysts and data scientists of the group "
            "and for the finance department; I maintained the Python services."
        ).skills
    }
    assert _titled(matcher, "Advocate\nHigh Court, 2015 - now\nCivil and criminal cases") >= {
        "legal"
    }
    assert _titled(matcher, "Worked as a Civil Engineer on two road projects.") >= {
        "civil-engineering"
    }


def test_a_business_domain_in_a_job_title_is_the_role_not_the_market(
    matcher: SkillMatcher,
) -> None:
    job = "Electrical Engineer\n\nRequirements\n- AutoCAD Electrical\n- Panel wiring\n"
    assert "electrical-engineering" in _titled(matcher, job, "job")


def test_a_title_word_that_names_another_skill_keeps_that_skill(matcher: SkillMatcher) -> None:
    # 'AI architect': AI is the role's subject, marked by the role noun after it
    assert _titled(matcher, "AI Architect\n\nRequirements\n- Python\n", "job") == {
        "artificial-intelligence"
    }


def test_role_match_is_the_share_of_the_resumes_titles_the_job_names() -> None:
    assert role_match(frozenset({"java"}), {"java"}) == 100.0
    assert role_match(frozenset({"java"}), {"java", "software-testing"}) == 50.0
    assert role_match(frozenset({"java"}), {"human-resources"}) == 0.0
    assert role_match(frozenset({"java"}), set()) == 0.0
    assert role_match(frozenset(), {"java"}) is None  # the job's title names no skill


def test_relevance_gives_the_role_its_share_only_when_the_job_names_one() -> None:
    assert relevance(64.0, 36.0) == 48.0
    assert relevance(64.0, 36.0, None, 0.5) == 48.0
    assert relevance(64.0, 36.0, 100.0, 0.5) == 74.0
    assert relevance(64.0, 36.0, 0.0, 0.5) == 24.0


def test_the_same_role_ranks_first_and_the_report_says_so(matcher: SkillMatcher) -> None:
    job = "Java Developer\n\nRequirements\n- Java and Spring Boot\n- SQL\n"
    developer = "Java Developer\nShop Systems, 2018 - now\nJava, Spring Boot, SQL"
    tester = "QA Engineer\nShop Systems, 2018 - now\nJava, Spring Boot, SQL, Selenium"
    first, second = (matcher.score(job, text) for text in (developer, tester))
    assert (first.role, second.role) == (100.0, 0.0)
    assert first.relevance > second.relevance
    untitled = matcher.score("Requirements\n- Java\n", developer)
    assert untitled.role is None
    assert ScoringWeights().role == 0.5


def test_a_field_on_a_line_of_its_own_is_a_resumes_headline_but_not_in_a_skills_list(
    matcher: SkillMatcher,
) -> None:
    headed = "Priya Nair\nHuman Resources\n\nExperience\nRecruitment and payroll at a retailer."
    assert "human-resources" in _titled(matcher, headed)
    listed = "Skills\nData Science\nStatistics\nPython\n\nExperience\nAnalyst at a bank."
    assert "data-science" not in _titled(matcher, listed)
    running = "Experience\nI moved into human resources after two years in sales."
    assert "human-resources" not in _titled(matcher, running)
    # a job's heading is not a headline: only its title line names the role
    assert "human-resources" not in _titled(
        matcher, "Payroll Clerk\n\nHuman Resources\n\nRequirements\n- Payroll", "job"
    )


def test_a_role_that_is_ordinary_english_counts_only_as_a_lines_leading_title(
    matcher: SkillMatcher,
) -> None:
    assert "legal" in _titled(matcher, "Advocate - District Court\nCivil suits and appeals.")
    assert "legal" in _titled(matcher, "ADVOCATE\nHigh Court, 2012 - now")
    asked = "Serve as an advocate for our customers inside the product team."
    assert "legal" not in {s.id for s in matcher.parse_job(asked).skills}
    assert "legal" not in {
        s.id for s in matcher.parse_job("Advocate design best practices.").skills
    }
    start = len("Senior ")
    line = "Senior advocate for customers"
    assert titles_someone(line, start, start + 8, leading=True) is False
