"""Common phrasings of abilities and soft skills (issue #4): found where they describe the
candidate, not where the same words describe the workplace, data or an invitation to apply.

Sentences are written here; each test names the skill, the sentences that must name it and
those that must not.
"""

from __future__ import annotations

from found import check_found, skill_ids

from skillmatch import SkillMatcher


def test_working_relationships_are_relationship_building(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "relationship-building",
        found=[
            "You can establish effective working relationships with suppliers and planners.",
            "Build and maintain relationships with key accounts in the region.",
            "You develop trusted relationships with clinical partners.",
            "Forge strong relationships with product owners across sites.",
            "Experience in growing long-term relationships with distributors.",
        ],
        # a relation found in data is not a relationship with people
        not_found=["Use regression to find relations between sensor readings and faults."],
    )


def test_collaborating_well_and_collaborative_teams_are_collaboration(
    matcher: SkillMatcher,
) -> None:
    check_found(
        matcher,
        "collaboration",
        found=[
            "You collaborate well with others and share what you learn.",
            "Experience working in collaborative teams of designers and engineers.",
            "Comfortable working in large teams spread over three sites.",
        ],
        not_found=["The office is near the station."],
    )


def test_passion_is_found_when_the_ad_is_looking_for_it(matcher: SkillMatcher) -> None:
    ids = skill_ids(matcher, "We are looking for passionate backend engineers.")
    assert "enthusiasm" in ids
    ids = skill_ids(matcher, "We are looking for smart, enthusiastic testers.")
    assert "enthusiasm" in ids


def test_passion_describing_the_workplace_or_an_invitation_is_not_a_skill(
    matcher: SkillMatcher,
) -> None:
    # the workplace rule still drops 'a passionate team'; 'eager to join' invites, it asks nothing
    assert "enthusiasm" not in skill_ids(matcher, "You will join our passionate team in Lyon.")
    assert "enthusiasm" not in skill_ids(matcher, "Are you eager to join a growing startup?")


def test_traits_said_of_the_person_are_confirmed(matcher: SkillMatcher) -> None:
    assert "positive-attitude" in skill_ids(matcher, "As a person you are outgoing and calm.")
    assert "pragmatism" in skill_ids(matcher, "You are a pragmatic decision maker.")
    # the other senses stay denied
    assert "positive-attitude" not in skill_ids(matcher, "The firewall filters outgoing traffic.")
    assert "pragmatism" not in skill_ids(matcher, "You have read The Pragmatic Programmer.")
