"""Mention.stack: a mention in a sentence about the employer's own stack or product.

Such a sentence ('We use Kafka for our pipelines') tells the job's stack but asks nothing of the
candidate: the mention is kept and flagged, and a skill named only there is preferred.
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher
from skillmatch.models import Profile


def _flags(profile: Profile) -> dict[str, list[bool]]:
    return {s.id: [m.stack for m in s.mentions] for s in profile.skills}


@pytest.mark.parametrize(
    ("text", "skill_ids"),
    [
        ("We use Kafka and Spark for our data pipelines.", {"apache-kafka", "apache-spark"}),
        ("We rely on Terraform to provision our cloud accounts.", {"terraform"}),
        ("Our mobile apps are written in Kotlin and Swift.", {"kotlin", "swift-language"}),
        ("Acme Robotics runs on Google Cloud and BigQuery.", {"google-cloud", "google-bigquery"}),
        ("The team works in Scrum with two-week sprints.", {"scrum"}),
        ("Our current tech stack includes Go, gRPC and Kubernetes.", {"go-language", "grpc"}),
    ],
)
def test_a_sentence_about_the_employers_own_stack_flags_its_mentions(
    matcher: SkillMatcher, text: str, skill_ids: set[str]
) -> None:
    for profile in (matcher.parse_job(text), matcher.extract(text)):
        flags = _flags(profile)
        assert skill_ids <= flags.keys(), (text, flags)
        assert all(all(flags[sid]) for sid in skill_ids), (text, flags)


@pytest.mark.parametrize(
    "text",
    [
        "You will use Kafka to stream events.",  # speaks to the candidate
        "Experience with our stack (Kafka, Spark) is required.",  # a skill cue, 'required'
        "We use Terraform, so hands-on Terraform experience is a must.",
        "In this role we use Jira daily.",  # the role
        "Regularly uses Kafka to move data.",  # a duty, opened by an adverb, not a name
        "The Data Analyst uses Tableau to share insights.",  # the role's title, not a name
        "Requirements:\n- We work with Kafka and Spark.",  # a skills-like section
        "Help us evolve our stack of Python and Django.",  # 'our stack' as an object
    ],
)
def test_a_sentence_that_asks_something_of_the_candidate_flags_nothing(
    matcher: SkillMatcher, text: str
) -> None:
    profile = matcher.parse_job(text)
    assert profile.skills, text
    assert not any(any(flags) for flags in _flags(profile).values()), (text, _flags(profile))


def test_only_knowledge_is_the_stack_not_a_soft_skill_or_a_human_language(
    matcher: SkillMatcher,
) -> None:
    flags = _flags(matcher.parse_job("We use Scrum and value collaboration."))
    assert flags["scrum"] == [True]
    assert flags["collaboration"] == [False]  # the workplace, not its stack
    flags = _flags(matcher.parse_job("We work in English and Python."))
    assert flags["python"] == [True]
    assert flags["english"] == [False]  # the language to work in is asked of the candidate


def test_a_resume_is_never_flagged(matcher: SkillMatcher) -> None:
    text = "We use Kafka and Spark for our data pipelines.\nOur platform runs on AWS."
    assert any(any(f) for f in _flags(matcher.parse_job(text)).values())
    resume = matcher.parse_resume(text)
    assert resume.skills
    assert not any(m.stack for s in resume.skills for m in s.mentions)


def test_a_skill_named_only_in_stack_sentences_is_preferred(matcher: SkillMatcher) -> None:
    job = matcher.parse_job(
        "Data Engineer\n"
        "We use Kafka and Snowflake for our data platform.\n\n"
        "Requirements\n"
        "- 3+ years of Python\n"
        "- Solid knowledge of Snowflake\n"
    )
    kafka, snowflake, python = (job.get(i) for i in ("apache-kafka", "snowflake", "python"))
    assert kafka is not None and kafka.requirement == "preferred"  # the team's: nice to have
    assert [m.stack for m in kafka.mentions] == [True]
    # asked for as well: the requirement wins, and the stack mention stays flagged
    assert snowflake is not None and snowflake.requirement == "required"
    assert [m.stack for m in snowflake.mentions] == [True, False]
    assert python is not None and python.requirement == "required"
    report = matcher.score(job, matcher.parse_resume("Python developer, 5 years of Python."))
    missing = {m.id: m.requirement for m in report.missing}
    assert missing["apache-kafka"] == "preferred"
    assert missing["snowflake"] == "required"


def test_the_flag_survives_a_json_round_trip(matcher: SkillMatcher) -> None:
    job = matcher.parse_job("We use Kafka for our event pipelines.\nYou know Python well.")
    dumped = job.model_dump(mode="json")
    mentions = {s["id"]: [m["stack"] for m in s["mentions"]] for s in dumped["skills"]}
    assert mentions["apache-kafka"] == [True]
    assert mentions["python"] == [False]
    assert Profile.model_validate_json(job.model_dump_json()) == job
    # the cache stores profiles without defaults: a False flag is left out and comes back
    assert Profile.model_validate_json(job.model_dump_json(exclude_defaults=True)) == job
