"""A broad field ('analytics', 'QA', 'frontend') joined to a plural role or team noun names
people or units the role works with, not a skill asked of the candidate."""

from __future__ import annotations

import pytest
from found import skill_ids

from skillmatch import SkillMatcher
from skillmatch.context import names_colleagues


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Partner with the QA and Product Management teams.", "QA"),
        ("You join a crew of frontend and full stack developers.", "frontend"),
        ("Meet weekly with the finance, analytics and sales teams.", "analytics"),
        ("Report to the firmware and hardware engineers on site.", "firmware"),
    ],
)
def test_a_field_joined_to_a_plural_role_names_colleagues(text: str, word: str) -> None:
    end = text.index(word) + len(word)
    assert names_colleagues(text, end) is True


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a preposition starts a new phrase: the field is asked for
        ("Knowledge of UI/UX and working with designers.", "UI/UX"),
        # the role noun modifies a word after it: no people are named
        ("Skilled in testing and developer tools.", "testing"),
        # a singular role is the job's own title
        ("We are hiring a Frontend and Backend Developer.", "Frontend"),
        # no conjunction: the field is the role's own ('Analytics teams' is _UNIT_AFTER's)
        ("Strong analytics background helps engineers.", "analytics"),
    ],
)
def test_a_field_not_joined_to_people_is_left_alone(text: str, word: str) -> None:
    end = text.index(word) + len(word)
    assert names_colleagues(text, end) is False


def test_colleague_teams_drop_the_field_but_keep_the_tools(matcher: SkillMatcher) -> None:
    text = "You will work closely with the analytics and product teams, writing Python daily."
    ids = skill_ids(matcher, text)
    assert "data-analysis" not in ids
    assert "python" in ids


def test_a_field_asked_for_beside_people_stays(matcher: SkillMatcher) -> None:
    text = "Experience in analytics and working with data engineers is required."
    assert "data-analysis" in skill_ids(matcher, text)


def test_resumes_keep_a_field_beside_colleagues(matcher: SkillMatcher) -> None:
    text = "Worked with the analytics and product teams on pricing models in Python."
    assert "data-analysis" in {s.id for s in matcher.parse_resume(text).skills}
