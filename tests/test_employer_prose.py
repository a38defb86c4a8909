"""Sentences that describe the employer: what it is, makes or sells, who uses its products, how
big its team is. They name its products, markets and customers, not skills the job needs, so
their mentions are dropped; a sentence that also tells the employer's own tools keeps the
knowledge in it, flagged as the stack (see test_stack.py).
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher
from skillmatch.context import describes_company


def _found(matcher: SkillMatcher, text: str) -> dict[str, list[bool]]:
    return {s.id: [m.stack for m in s.mentions] for s in matcher.extract(text).skills}


@pytest.mark.parametrize(
    "text",
    [
        "<ORGANIZATION> is an e-commerce platform and subscription business.",
        "The company was founded in 2009 and builds payroll software and e-commerce platforms.",
        "Thousands of companies use our Kubernetes-based scheduling platform.",
        "Our apps protect millions of phones against malware and phishing.",
        "Our global team of 12,000 engineers designs e-commerce platforms and payment systems.",
    ],
)
def test_a_sentence_describing_the_employer_names_no_skill(
    matcher: SkillMatcher, text: str
) -> None:
    assert describes_company(text, 0, len(text))
    assert _found(matcher, text) == {}


def test_a_team_describing_its_own_tools_keeps_them_as_the_stack(matcher: SkillMatcher) -> None:
    text = "We are a collaborative team building data pipelines with Python and Airflow."
    assert _found(matcher, text) == {"python": [True], "apache-airflow": [True]}


@pytest.mark.parametrize(
    ("text", "skill_ids"),
    [
        # speaks to the candidate
        ("We are a fintech startup and you will build our APIs in Golang.", {"go-language"}),
        # a skill cue and 'must'
        ("We are a fintech startup; experience with Golang is a must.", {"go-language"}),
        # a duty: the customers are the object, not the subject, and 'use cases' is a noun
        ("Assist customers in identifying use cases for machine learning.", {"machine-learning"}),
        # a duty opened by a verb the duty list lacks
        ("Integrate external data sources with our data lake and Snowflake.", {"snowflake"}),
        # the role is announced
        (
            "<ORGANIZATION> is hiring a data engineer to build our Spark pipelines.",
            {"apache-spark"},
        ),
        # a skills-like section
        (
            "Requirements:\nWe are an e-commerce company that builds everything in Python.",
            {"python"},
        ),
    ],
)
def test_a_sentence_that_asks_something_of_the_candidate_keeps_its_skills(
    matcher: SkillMatcher, text: str, skill_ids: set[str]
) -> None:
    found = _found(matcher, text)
    assert skill_ids <= found.keys(), (text, found)
    assert not any(any(found[sid]) for sid in skill_ids), (text, found)
