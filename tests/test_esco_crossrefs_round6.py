"""Round esco6: ESCO references that name the same skill (issue #4).

A skill's first `esco` UUID is its primary concept, the one the ESCO benchmark reads it as.
These are facts: the ESCO concept's label or description names the skill itself.
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher

APPLY_NUMERACY_SKILLS = "5dd01a1e-7ba0-4b7f-a76c-ed811c12bfde"
CARRY_OUT_CALCULATIONS = "19ba11f3-9c99-41fd-a7c9-f77e6a026186"
USE_ONLINE_TOOLS_TO_COLLABORATE = "580660a6-5d3a-421d-a54f-d85b706c2b2f"
USE_COMMUNICATION_AND_COLLABORATION_SOFTWARE = "b080a008-a35d-4bd0-92e9-edf3773bb2b7"


@pytest.mark.parametrize(
    ("skill_id", "primary"),
    [
        ("marine-engineering", "0d73a5c0-7f95-4ede-92f3-eac434a970a9"),  # marine engineering
        ("food-science", "78521a78-d0b6-41ca-ae11-d1af9da8a3cb"),  # food science
        ("dairy", "6f46e227-f6d3-422f-b391-2b42169aac2c"),  # dairy products
        ("fundraising", "526a0eaa-2bee-4e80-989f-cb36f9fbee47"),  # perform fundraising activities
        # manage research and development projects
        ("research-management", "d5dbc342-8e39-4998-8237-ebbe05a381ce"),
        (
            "product-lifecycle-management",
            "21e0cad8-4eef-42be-b18b-0f8e37f0dbd0",
        ),  # product life-cycle
        ("numeracy", APPLY_NUMERACY_SKILLS),
        ("collaboration-software", USE_ONLINE_TOOLS_TO_COLLABORATE),
        ("confluence", USE_ONLINE_TOOLS_TO_COLLABORATE),
        ("microsoft-outlook", USE_COMMUNICATION_AND_COLLABORATION_SOFTWARE),
    ],
)
def test_skill_has_the_esco_concept_that_names_it_as_primary(
    matcher: SkillMatcher, skill_id: str, primary: str
) -> None:
    assert matcher.taxonomy.skills[skill_id].esco[0] == primary


def test_replaced_primaries_stay_as_related_concepts(matcher: SkillMatcher) -> None:
    skills = matcher.taxonomy.skills
    assert CARRY_OUT_CALCULATIONS in skills["numeracy"].esco[1:]
    assert USE_COMMUNICATION_AND_COLLABORATION_SOFTWARE in skills["collaboration-software"].esco[1:]


@pytest.mark.parametrize(
    ("text", "skill_id", "primary"),
    [
        ("Highly numerate, with an eye for figures.", "numeracy", APPLY_NUMERACY_SKILLS),
        (
            "We document everything in Confluence.",
            "confluence",
            USE_ONLINE_TOOLS_TO_COLLABORATE,
        ),
        (
            "Experience with fundraising for a charity.",
            "fundraising",
            "526a0eaa-2bee-4e80-989f-cb36f9fbee47",
        ),
    ],
)
def test_sentence_maps_to_the_esco_concept(
    matcher: SkillMatcher, text: str, skill_id: str, primary: str
) -> None:
    found = {skill.id: skill for skill in matcher.extract(text).skills}
    assert skill_id in found, f"found {sorted(found)}"
    assert matcher.taxonomy.skills[skill_id].esco[0] == primary
