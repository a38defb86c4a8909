"""Taxonomy facts behind the ESCO figures: two skills written together are found as two.

An alias that joins two skills ('troubleshooting and debugging', 'MATLAB/Simulink') lets
one skill swallow the other: the text names both, so each is found on its own.
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We need help troubleshooting and debugging the payment service.",
            {"troubleshooting", "debugging"},
        ),
        (
            "Has strong analytical and problem-solving skills.",
            {"analytical-thinking", "problem-solving"},
        ),
        ("Control models are built in MATLAB/Simulink.", {"matlab", "simulink"}),
        ("Numerical work in MATLAB/Octave.", {"matlab", "gnu-octave"}),
        ("Unit tests run with Jasmine/Karma.", {"jasmine", "karma"}),
        ("Maintain our legacy JSP/Servlets portal.", {"jsp", "java-servlets"}),
        ("The admin front end runs on ASP.NET Blazor.", {"aspnet", "blazor"}),
        ("A colleague who is flexible and adaptable.", {"flexibility", "adaptability"}),
    ],
)
def test_skills_written_together_are_each_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = {skill.id for skill in matcher.extract(text).skills}
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"


def test_technical_problems_are_their_own_skill_under_problem_solving(
    matcher: SkillMatcher,
) -> None:
    technical = {s.id for s in matcher.extract("You will solve technical challenges daily.").skills}
    general = {s.id for s in matcher.extract("You enjoy solving problems with others.").skills}
    assert "technical-problem-solving" in technical
    assert "problem-solving" not in technical
    assert "problem-solving" in general
    skill = matcher.taxonomy["technical-problem-solving"]
    assert skill.parents == ("problem-solving",)
    # ESCO 'solve technical problems' (alternative label 'resolve technical issues')
    assert skill.esco[0] == "14832d87-2f2f-4895-b290-e4760ebae42a"


@pytest.mark.parametrize(
    ("skill_id", "primary"),
    [
        # the field's name is the preferred label of ESCO's 'project management'
        ("project-management", "7111b95d-0ce3-441a-9d92-4c75d05c4388"),
        # 'create prototype of user experience solutions' has the alternative label 'UX'; the
        # concept it replaced ('combine business technology with user experience') is not UX design
        ("ux-design", "07dd856d-6141-48a7-a228-918f88494812"),
        # 'network engineering' (an alias) rather than the narrower 'ICT networking hardware'
        ("computer-networking", "02058de6-4b98-449f-8a45-8588b0eb2446"),
        # 'monitor system performance' rather than the narrower 'cloud monitoring and reporting'
        ("monitoring", "9190d87f-9792-42e0-bb7f-64294a656bcd"),
        # 'application usability' (alternative label 'software usability', an alias), not the
        # bare 'usability engineering' label that ESCO gives no description
        ("usability", "c4b626c1-e71c-44ec-9f88-042766f37fcc"),
    ],
)
def test_primary_esco_concept_is_the_one_whose_label_names_the_skill(
    matcher: SkillMatcher, skill_id: str, primary: str
) -> None:
    assert matcher.taxonomy[skill_id].esco[0] == primary


def test_roadmap_planning_has_no_esco_concept_about_blockchain(matcher: SkillMatcher) -> None:
    # ESCO's only roadmap concept is 'define roadmap for blockchain in applications'
    assert "8300443c-c793-4102-bff5-aa917a0cb39f" not in matcher.taxonomy["roadmap-planning"].esco


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("A solid grasp of distributed system fundamentals.", "distributed-systems"),
        (
            "You will own the application architecture of our billing suite.",
            "software-architecture",
        ),
        ("You are good at making the right decisions under time pressure.", "decision-making"),
        ("You will shape the infrastructure architecture of our plants.", "it-infrastructure"),
        ("Background in IT architecture and infrastructure.", "it-infrastructure"),
        ("You present model results to a non-technical audience.", "technical-communication"),
    ],
)
def test_common_phrasings_name_the_skill(matcher: SkillMatcher, text: str, skill_id: str) -> None:
    assert skill_id in {s.id for s in matcher.extract(text).skills}


def test_assertive_is_a_trait_that_confirms_other_traits(matcher: SkillMatcher) -> None:
    found = {s.id for s in matcher.extract("Assertive and pro-active.").skills}
    assert {"self-confidence", "proactivity"} <= found
    # an ambiguous trait word about a system still needs a word about a person
    assert not matcher.extract("The cache pro-actively refreshes stale keys.").skills


def test_keeping_up_quality_is_the_quality_mindset(matcher: SkillMatcher) -> None:
    # ESCO 'manage quality' lists 'apply quality standards' and 'oversee quality'
    for text in (
        "You keep releases on schedule while maintaining quality.",
        "Apply quality standards to every deliverable.",
    ):
        assert "quality-mindset" in {s.id for s in matcher.extract(text).skills}, text


@pytest.mark.parametrize(
    ("text", "skill_id", "primary"),
    [
        # ESCO 'develop with cloud services' (alternative label 'develop cloud applications')
        (
            "You build cloud-native applications on AWS.",
            "cloud-application-development",
            "6b643893-0a1f-4f6c-83a1-e7eef75849b9",
        ),
        # ESCO 'object-oriented modelling': the paradigm of classes, objects, methods, interfaces
        (
            "Sound object-oriented design in Java.",
            "object-oriented-programming",
            "5be3d306-6cf1-4b49-aa1d-01651dd4ba4c",
        ),
        # ESCO 'conduct performance tests': systems tested under normal and extreme load
        (
            "Plan load testing before each release.",
            "performance-testing",
            "bbd57056-80e0-45bb-a2c1-658ed99a1251",
        ),
        # ESCO 'World Wide Web Consortium standards' (alternative label 'W3C standards')
        ("Follow W3C standards.", "web-standards", "8696aff0-18c0-4ba6-a4d0-9a21861b3e5e"),
        # ESCO 'recruit employees' ('recruit personnel' is about staffing a stage production)
        (
            "Experience in recruitment and onboarding.",
            "recruitment",
            "496932f1-0b6b-4f73-9432-d95c7ddcd43b",
        ),
        (
            "Facility management experience required.",
            "facility-management",
            "50f5e41d-7ce3-481b-aed7-ee9484545bc4",
        ),
        (
            "Across the full software development cycle.",
            "software-development-life-cycle",
            "09f2f811-a3fb-4de3-a70f-6420a6935575",
        ),
        # ESCO 'develop with cloud services': 'write code for serverless applications'
        (
            "You will write serverless functions for our event pipeline.",
            "serverless-computing",
            "6b643893-0a1f-4f6c-83a1-e7eef75849b9",
        ),
        # ESCO 'manage budgets' ('plan, monitor and report on the budget'): most of the
        # skill's names are budgeting ones; 'financial forecasting' stays a second concept
        (
            "Experience with budget planning is required.",
            "budgeting-and-forecasting",
            "21c5790c-0930-4d74-b3b0-84caf5af12ea",
        ),
    ],
)
def test_skill_found_and_mapped_to_the_esco_concept_that_is_the_same_skill(
    matcher: SkillMatcher, text: str, skill_id: str, primary: str
) -> None:
    assert skill_id in {s.id for s in matcher.extract(text).skills}
    assert matcher.taxonomy[skill_id].esco[0] == primary


def test_cloud_native_alone_stays_cloud_computing(matcher: SkillMatcher) -> None:
    found = {s.id for s in matcher.extract("Experience with cloud native technologies.").skills}
    assert "cloud-computing" in found
    assert "cloud-application-development" not in found


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("You have a good eye for details.", "attention-to-detail"),
        ("Experience in algorithm development for sensor data.", "data-structures-algorithms"),
        ("java algorithm database multithreading", "data-structures-algorithms"),
    ],
)
def test_singular_and_plural_variants_name_the_skill(
    matcher: SkillMatcher, text: str, skill_id: str
) -> None:
    assert skill_id in {s.id for s in matcher.extract(text).skills}


def test_a_bare_algorithm_needs_confirming_context(matcher: SkillMatcher) -> None:
    # 'algorithm' alone is often the product ('our pricing algorithm'), so it is ambiguous
    found = {s.id for s in matcher.extract("Our pricing algorithm adjusts rates nightly.").skills}
    assert "data-structures-algorithms" not in found


def test_data_architecture_is_a_data_skill_not_ux_information_architecture(
    matcher: SkillMatcher,
) -> None:
    found = {s.id for s in matcher.extract("Strong knowledge of data architecture and SQL.").skills}
    assert "data-architecture" in found
    assert "information-architecture" not in found
    # ESCO 'manage ICT data architecture' ('define enterprise data architecture')
    assert matcher.taxonomy["data-architecture"].esco[0] == "4d85b881-e490-4b4c-897a-2faa4ef53956"
    # a longer name that contains it still wins
    big = {s.id for s in matcher.extract("ETL processes within a big data architecture.").skills}
    assert "big-data" in big


def test_modifiers_of_an_architecture_need_commas_to_be_listed(matcher: SkillMatcher) -> None:
    """'application, data and infrastructure architecture' lists three architectures;
    without the commas 'application data' is data about applications."""
    listed = "Knows application, data and infrastructure architecture."
    found = {s.id for s in matcher.extract(listed).skills}
    assert {"software-architecture", "data-architecture", "it-infrastructure"} <= found
    compound = "Knows application data and infrastructure architecture."
    found = {s.id for s in matcher.extract(compound).skills}
    assert "data-architecture" in found
    assert "software-architecture" not in found
