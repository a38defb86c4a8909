"""Knowledge vocabulary job ads name: tools, lab methods, fields, industries and credentials.

Each phrasing below is a common way postings name the skill; the guards keep ordinary words
and blurbs out (a weapon is no Android library, a clearance confirms no ambiguous name).
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Persistence with jOOQ on PostgreSQL.", {"jooq"}),
        ("You know JAXB, JTA and JSTL from Java EE projects.", {"jaxb", "jta", "jstl"}),
        ("Unit tests in Kotlin with JUnit 5 and MockK.", {"mockk"}),
        (
            "Android libraries such as ButterKnife, Retrofit and Dagger.",
            {"butterknife", "dagger-hilt"},
        ),
        (
            "Networking with NSURLSession and threading with GCD or NSOperation.",
            {"urlsession", "swift-concurrency"},
        ),
        ("Our tests run in FsCheck and Expecto.", {"fscheck", "expecto"}),
        ("Logs go to Loggly; we profile PHP with Blackfire.", {"loggly", "blackfire"}),
        ("Search is served by Amazon CloudSearch.", {"amazon-cloudsearch"}),
        ("Experience with TIBCO BusinessWorks integrations.", {"tibco-businessworks"}),
        (
            "Experience with middleware and messaging technologies.",
            {"middleware", "message-brokers"},
        ),
        (
            "You know hexagonal architecture and reactive programming.",
            {"hexagonal-architecture", "reactive-programming"},
        ),
        (
            "End-to-end tests in webdriver.io and Ghost Inspector.",
            {"webdriverio", "ghost-inspector"},
        ),
        ("Experience with Keil and USB firmware.", {"usb", "microcontroller-prototyping"}),
        ("Experience with POS systems and telephony.", {"point-of-sale-systems", "telephony"}),
        ("Awareness of phishing and vishing attacks.", {"social-engineering"}),
        (
            "Familiarity with issue tracking and web technologies.",
            {"issue-tracking-systems", "web-development"},
        ),
        (
            "You have experience with patch clamp and site-directed mutagenesis.",
            {"electrophysiology", "mutagenesis"},
        ),
        (
            "Skills in antibody engineering, phage display and protein expression.",
            {"antibody-engineering", "phage-display", "protein-expression"},
        ),
        (
            "Experience with recombinant DNA technology and cell-based assays.",
            {"molecular-cloning", "bioassays"},
        ),
        (
            "You have a PhD in heterogeneous catalysis or condensed matter.",
            {"catalysis", "physics"},
        ),
        (
            "Knowledge of semiconductor fabrication and computational modelling.",
            {"semiconductor-fabrication", "computational-modelling"},
        ),
        (
            "A degree in food science, mechatronics or marine engineering.",
            {"food-science", "mechatronics", "marine-engineering"},
        ),
        (
            "A degree in information science or the social sciences.",
            {"information-science", "social-sciences"},
        ),
        (
            "You have experience with neuroimaging methods such as EEG and MEG.",
            {"neuroimaging", "electroencephalography"},
        ),
        ("Experience from the dairy industry is an advantage.", {"dairy"}),
        (
            "You have experience in neurosurgery and in gynaecology and obstetrics.",
            {"neurosurgery", "obstetrics-gynaecology"},
        ),
        ("You have experience in research management.", {"research-management"}),
        ("Requirements: active SC clearance or TS/SCI clearance.", {"security-clearance"}),
        ("You have a master's degree, e.g. cand.oecon or cand.polit.", {"masters-economics"}),
        (
            "You hold an academic degree or a graduate diploma.",
            {"bachelors-degree", "post-baccalaureate-certificate"},
        ),
    ],
)
def test_knowledge_phrasings_are_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = {skill.id for skill in matcher.extract(text).skills}
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The knight drew a dagger from his belt.", {"dagger-hilt"}),
        ("Shape product messaging and positioning for campaigns.", {"message-brokers"}),
        ("Find the gcd of two numbers.", {"swift-concurrency"}),
        (
            "Must hold a Secret Security Clearance. Company description: Go Beyond with us.",
            {"go-language"},
        ),
        ("Office in Anaheim, CA; active security clearance required.", {"chartered-accountant"}),
    ],
)
def test_ordinary_words_and_clearances_name_nothing_technical(
    matcher: SkillMatcher, text: str, absent: set[str]
) -> None:
    found = {skill.id for skill in matcher.extract(text).skills}
    assert found.isdisjoint(absent), f"{sorted(found & absent)} found in {text!r}"


def test_a_security_clearance_is_found_but_confirms_no_ambiguous_name(
    matcher: SkillMatcher,
) -> None:
    profile = matcher.extract("Requirements: Secret Security Clearance. Go Beyond with us.")
    assert profile.get("security-clearance") is not None
    assert profile.get("go-language") is None
