"""Shared checks for tests that name the sentences where a skill must and must not be found."""

from __future__ import annotations

from skillmatch import SkillMatcher


def skill_ids(matcher: SkillMatcher, text: str) -> set[str]:
    """The ids of the skills extracted from a text."""
    return {s.id for s in matcher.extract(text).skills}


def check_found(
    matcher: SkillMatcher, skill_id: str, found: list[str], not_found: list[str]
) -> None:
    """The skill is found in every `found` sentence and in no `not_found` one; the failure
    message lists every sentence that went wrong, not only the first."""
    missed = [t for t in found if skill_id not in skill_ids(matcher, t)]
    wrong = [t for t in not_found if skill_id in skill_ids(matcher, t)]
    assert (missed, wrong) == ([], []), f"{skill_id}: missed {missed}, wrongly found in {wrong}"
