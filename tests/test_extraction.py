"""Extraction on the bundled taxonomy: golden cases, offsets and match kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skillmatch import SkillMatcher

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "extraction.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["reason"][:60] for c in CASES])
def test_golden_extraction_case(matcher: SkillMatcher, case: dict) -> None:
    profile = matcher.extract(case["text"])
    found = {s.id: s for s in profile.skills}
    for sid in case.get("expect", []):
        assert sid in found, f"{sid} not found ({case['reason']}); found {sorted(found)}"
    for sid in case.get("absent", []):
        assert sid not in found, f"{sid} wrongly found ({case['reason']})"
    for sid, kind in case.get("match", {}).items():
        assert found[sid].mentions[0].match == kind


def test_mentions_slice_to_their_text(matcher: SkillMatcher) -> None:
    text = "Senior engineer: Python 3, AWS, Kubernetes, C# and .NET; “Power BI” dashboards."
    profile = matcher.extract(text)
    assert profile.skills
    for skill in profile.skills:
        for m in skill.mentions:
            assert text[m.start : m.end] == m.text


def test_exact_name_and_alias_are_told_apart(mini: SkillMatcher) -> None:
    profile = mini.extract("Python and Python3")
    kinds = [m.match for m in profile.get("python").mentions]
    assert kinds == ["exact", "alias"]


def test_empty_text_gives_an_empty_profile(matcher: SkillMatcher) -> None:
    assert matcher.extract("").skills == ()
    assert matcher.parse_job("   \n").skills == ()


def test_section_of_each_mention_is_reported(mini: SkillMatcher) -> None:
    profile = mini.parse_resume("Skills\nPython, Docker\n\nEducation\nML coursework")
    assert profile.get("python").mentions[0].section == "skills"
    assert profile.get("machine-learning").mentions[0].section == "education"


def test_ambiguous_name_needs_context(mini: SkillMatcher) -> None:
    assert mini.extract("Go home early.").skills == ()
    assert mini.extract("Go is our main language, plus Python.").get("go-language") is not None
    assert mini.extract("We write Go with goroutines.").get("go-language") is not None


def test_deny_words_veto_an_ambiguous_name(mini: SkillMatcher) -> None:
    assert mini.extract("Chef wanted for our restaurant kitchen, Python a plus").get("chef") is None
    assert mini.extract("Config management with Chef and Docker").get("chef") is not None


def test_compound_words_do_not_hide_skills_or_invent_them(mini: SkillMatcher) -> None:
    assert mini.extract("C-level executives and Python").get("c-language") is None
    assert mini.extract("Python-based tooling").get("python") is not None
    assert mini.extract("visit python.org today").get("python") is None
    assert mini.extract("We use Python.Docker too").get("python") is not None


def test_c_and_cpp_in_one_list_are_both_found(mini: SkillMatcher) -> None:
    ids = {s.id for s in mini.extract("Languages: C/C++, Python").skills}
    assert ids == {"c-language", "cpp", "python"}


def test_second_matcher_reuses_the_compiled_index(matcher: SkillMatcher) -> None:
    import time

    start = time.perf_counter()
    again = SkillMatcher()
    assert again._index is matcher._index
    assert time.perf_counter() - start < 5  # generous: the point is identity above


def test_output_is_deterministic(matcher: SkillMatcher) -> None:
    text = "Python, SQL or Scala; AWS or Azure; Docker and Kubernetes; strong communication."
    first = matcher.parse_job(text).model_dump_json()
    assert all(matcher.parse_job(text).model_dump_json() == first for _ in range(3))


def test_skills_inside_job_titles_are_flagged(matcher: SkillMatcher) -> None:
    profile = matcher.extract("Senior Java Developer wanted. Strong Java and a QA team.")
    java = [(m.text, m.title) for m in profile.get("java").mentions]
    assert java == [("Java", True), ("Java", False)]
    assert [m.title for m in profile.get("software-testing").mentions] == [True]


def test_skills_before_title_words_or_listed_in_a_title_line_are_flagged(
    matcher: SkillMatcher,
) -> None:
    text = (
        "Lead Java Software Engineer\n"
        "Backend Engineer (Python / PostgreSQL)\n"
        "Front End Developer - React, TypeScript\n"
        "You know Java, React and Python well and are a motivated Senior Developer."
    )
    profile = matcher.extract(text)

    def flags(sid: str) -> list[bool]:
        return [m.title for m in profile.get(sid).mentions]

    assert flags("java") == [True, False]
    assert flags("python") == [True, False]
    assert flags("postgresql") == [True]
    assert flags("react") == [True, False]
    assert flags("typescript") == [True]
    assert flags("self-motivation") == [False]


def test_skills_in_brackets_after_a_title_are_flagged_on_a_long_line(
    matcher: SkillMatcher,
) -> None:
    header = (
        "Embedded Engineer (C++ / RTOS) - Acme Devices - Leeds, United Kingdom - posted"
        " 3 days ago - full time - mid-level - visa sponsorship - paid relocation offered"
    )
    profile = matcher.extract(header)
    assert [m.title for m in profile.get("cpp").mentions] == [True]
    assert [m.title for m in profile.get("rtos").mentions] == [True]
    prose = (
        "Our platform team, which looks after the build tooling (C++ and RTOS) for every"
        " device we ship, is hiring an engineer in Leeds who enjoys mentoring."
    )
    assert [m.title for m in matcher.extract(prose).get("cpp").mentions] == [False]


def test_cv_meaning_resume_is_not_computer_vision(matcher: SkillMatcher) -> None:
    text = "Python and SQL required. Please send your CV to our team."
    assert matcher.extract(text).get("computer-vision") is None
    assert matcher.extract("CV models with Python and PyTorch").get("computer-vision")


@pytest.mark.parametrize(
    "resume",
    [
        "CV\n\nLena Vogel\nFront-end developer\nReact, TypeScript, CSS\n",
        "Jane Doe - CV\nPython, Kubernetes, Terraform\n",
    ],
    ids=["a line of its own", "after the name"],
)
def test_a_resume_headed_cv_is_not_computer_vision(matcher: SkillMatcher, resume: str) -> None:
    # only a skill of computer vision's family confirms 'CV' (confirm_family), not any tool
    assert matcher.parse_resume(resume).get("computer-vision") is None


def test_camelcase_split_into_common_words_is_not_a_variant(matcher: SkillMatcher) -> None:
    assert matcher.extract("Our systems grow at scale.").get("semantic-layer") is None


def test_a_comma_list_alias_stays_one_phrase(matcher: SkillMatcher) -> None:
    assert matcher.extract("We transform how people load data").skills == ()
    assert matcher.extract("extract, transform, load").get("data-pipelines") is not None


def test_soft_skills_describing_the_workplace_are_not_asked_of_the_candidate(
    matcher: SkillMatcher,
) -> None:
    blurb = "We are a collaborative team in a passionate culture built on collaboration."
    assert matcher.extract(blurb).skills == ()
    ask = "You bring excellent communication and collaboration skills."
    assert {s.id for s in matcher.extract(ask).skills} == {"communication", "collaboration"}


def test_domain_words_need_a_skill_reading(matcher: SkillMatcher) -> None:
    assert matcher.extract("Our healthcare clients love the sales team.").skills == ()
    found = {
        s.id for s in matcher.extract("Five years of experience in healthcare and sales.").skills
    }
    assert {"healthcare", "sales"} <= found


def test_a_product_or_method_of_a_profession_counts_among_the_duties(
    matcher: SkillMatcher,
) -> None:
    # SolidWorks, FEA, Epic: no employer's market, though filed with the domains
    job = (
        "Responsibilities\n"
        "- Model brackets in SolidWorks and check them with FEA\n"
        "- Chart patient visits in Epic\n"
        "- Visit our healthcare clients\n"
    )
    found = {s.id for s in matcher.parse_job(job).skills}
    assert {"solidworks", "fea", "epic-systems"} <= found
    assert "healthcare" not in found  # a market word still needs a skill reading


def test_an_industry_line_names_domains_the_job_asks_about(matcher: SkillMatcher) -> None:
    job = "Job type: Full-time\nIndustry: Insurance, Retail Banking\nWe ship every day."
    assert {s.id for s in matcher.parse_job(job).skills} == {"insurance", "retail-banking"}
    tags = "Healthcare / Logistics / Financial Services"  # a line of nothing but domain names
    assert {s.id for s in matcher.extract(tags).skills} == {
        "healthcare",
        "logistics",
        "financial-services",
    }
    flat = "Job type: Full-time Industry: Insurance Company size: 51-200 people Remote: yes"
    assert {s.id for s in matcher.extract(flat).skills} == {"insurance"}  # a flattened header
    # one name alone on its line is a heading or a list item, here among the perks
    assert matcher.extract("Health insurance\nWellness programs\n").skills == ()
    # a domain word in prose on such a line is still the company's market
    assert matcher.extract("Insurance, logistics and more: we serve them all.").skills == ()


def test_a_broad_field_in_prose_that_says_nothing_of_the_role_is_not_asked(
    matcher: SkillMatcher,
) -> None:
    blurb = (
        "Founded in Leeds, the group grew into a hub of engineers improving the design,"
        " analytics, coding and testing that go into modern banking apps."
    )
    assert matcher.extract(blurb).skills == ()
    duty = (
        "This role will be responsible for the testing and analytics of the ledger service"
        " together with a partner in Porto."
    )
    assert {s.id for s in matcher.extract(duty).skills} == {"software-testing", "data-analysis"}
    bullet = "Analytics and testing for the ledger service"  # a short fragment: a bullet
    assert {s.id for s in matcher.extract(bullet).skills} == {"software-testing", "data-analysis"}
    duties = (
        "What you will do\n- Lead the rollout of analytics across the ledger services of"
        " the bank with the platform group in Porto and Leeds.\n"
    )
    assert matcher.parse_job(duties).get("data-analysis") is not None  # duties speak of the role
    for duty in (
        "Develop large-scale pipelines that feed the analytics of every ledger service in Leeds.",
        "Researching and prototyping the analytics behind the ledger services of the bank.",
        "This engineer will shape the analytics behind the ledger services of the bank.",
    ):
        assert matcher.extract(duty).get("data-analysis") is not None, duty


def test_domain_words_among_the_perks_are_benefits_not_skills(matcher: SkillMatcher) -> None:
    perks = (
        "Job benefits: a skill development budget, flexible hours, free yoga and personal training."
    )
    assert matcher.extract(perks).skills == ()
    assert matcher.extract("Perks: a gym, private healthcare and German lessons.").skills == ()
    listed = "Requirements\n- Healthcare or insurance experience; a bonus if you know SAP.\n"
    assert {"healthcare", "insurance"} <= {s.id for s in matcher.parse_job(listed).skills}


def test_a_lower_case_tag_line_names_skills_usually_written_in_capitals(
    matcher: SkillMatcher,
) -> None:
    found = {s.id for s in matcher.extract("java rest cloud spring, go / r").skills}
    assert {"java", "rest-api", "spring", "go-language", "r-language"} <= found
    # in prose, or capitalised as an ordinary word, they stay words
    assert matcher.extract("Get some rest in spring and go for java").get("rest-api") is None
    assert matcher.extract("Basic Java and Python").get("basic-language") is None
    assert {s.id for s in matcher.extract("python, sql and java, be quick").skills} == {
        "python",
        "sql",
        "java",
    }


def test_a_tokenised_dot_net_still_names_dot_net(matcher: SkillMatcher) -> None:
    found = matcher.extract("C# ( . NET and . NET Core ) with . NET Framework 4")
    assert {s.id for s in found.skills} == {"csharp", "dotnet", "dotnet-framework"}
    assert [m.text for m in found.get("dotnet").mentions] == [". NET", ". NET Core"]
    assert matcher.extract("We grew fast. Net revenue doubled.").skills == ()


def test_a_broad_field_naming_the_employers_own_part_is_not_asked(matcher: SkillMatcher) -> None:
    assert (
        matcher.extract("You will help us rebuild our backend and scale our frontend.").skills == ()
    )
    ask = "Solid experience in backend development and frontend development is required."
    found = {s.id for s in matcher.extract(ask).skills}
    assert found == {"backend-development", "frontend-development"}


def test_a_broad_field_naming_a_unit_of_the_employer_is_not_asked(matcher: SkillMatcher) -> None:
    assert matcher.extract("You join the Software Engineering Group in Leeds.").skills == ()
    assert (
        matcher.extract("Work with the QA functions and the wider DevOps community.").skills == ()
    )
    assert matcher.extract("Teams work in autonomous agile product squads.").get("agile") is None
    found = {s.id for s in matcher.extract("You know software engineering, QA and DevOps.").skills}
    assert found == {"software-engineering", "software-testing", "devops"}


def test_a_resume_saying_our_backend_describes_the_candidates_work(matcher: SkillMatcher) -> None:
    found = {s.id for s in matcher.parse_resume("Rebuilt our backend for the payments app.").skills}
    assert "backend-development" in found


def test_a_callers_spacy_pipeline_vetoes_names_used_as_verbs() -> None:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    @Language.component("test_verb_tagger")
    def tag(doc: Doc) -> Doc:  # stands in for a trained tagger: 'Go' here is a verb
        for token in doc:
            token.pos_ = "VERB" if token.text == "Go" else "NOUN"
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("test_verb_tagger")
    text = "Go build services with Python and Docker."
    assert SkillMatcher().extract(text).get("go-language") is not None  # context confirms it
    assert SkillMatcher(nlp=nlp).extract(text).get("go-language") is None


def test_an_education_or_know_how_in_a_domain_asks_for_it(matcher: SkillMatcher) -> None:
    found = {s.id for s in matcher.extract("You have an education in economics or finance.").skills}
    assert found == {"economics", "finance"}
    found = {s.id for s in matcher.extract("Some know-how in logistics helps.").skills}
    assert found == {"logistics"}


def test_a_domain_named_as_the_subject_matter_of_the_work_is_asked(matcher: SkillMatcher) -> None:
    found = matcher.extract(
        "You will own all questions pertaining to procurement and logistics in the plant."
    )
    assert {s.id for s in found.skills} == {"procurement", "logistics"}
    risks = "Advise the board on risks related to accounting and insurance."
    assert {s.id for s in matcher.extract(risks).skills} == {"accounting", "insurance"}
    # without the cue the same sentence names no domain; 'related' alone is no cue
    plain = "You will own all questions about procurement and logistics in the plant."
    assert matcher.extract(plain).skills == ()
    news = "Logistics and insurance news from the region, with related posts."
    assert matcher.extract(news).skills == ()
    # and a business description stays one: what a provider's services relate to is its market
    blurb = "Acme is a leading provider of services related to payroll and logistics."
    assert matcher.extract(blurb).skills == ()


def test_a_business_the_candidate_should_know_is_asked_for(matcher: SkillMatcher) -> None:
    # a domain before a word for the business describes the employer ('insurance clients')...
    assert matcher.extract("Our insurance clients love us.").skills == ()
    assert matcher.extract("Acme serves the retail sector.").skills == ()
    assert matcher.extract("Experience with our insurance clients helps.").skills == ()
    # ...unless knowing that business is what is asked
    for text, sid in (
        ("Knowledge of the retail sector is a plus.", "retail"),
        ("You bring five years of logistics industry experience.", "logistics"),
        ("Some experience in an accounting firm.", "accounting"),
    ):
        assert {s.id for s in matcher.extract(text).skills} == {sid}, text


def test_a_resume_describes_the_candidate_so_domain_words_count(matcher: SkillMatcher) -> None:
    line = "Sold insurance and retail banking products for a collaborative team."
    assert matcher.parse_job(line).skills == ()
    resume = matcher.parse_resume(line)
    assert {"insurance", "banking", "collaboration"} <= {s.id for s in resume.skills}


def test_business_domains_do_not_confirm_an_ambiguous_tech_name(matcher: SkillMatcher) -> None:
    assert matcher.extract("SNS College, human resources and recruitment").get("amazon-sns") is None
    assert matcher.extract("Fan-out with SNS and AWS Lambda").get("amazon-sns") is not None


def test_a_phrase_does_not_run_from_a_heading_line_into_the_next(matcher: SkillMatcher) -> None:
    ids = {s.id for s in matcher.parse_resume("Profile\nData engineer building pipelines.").skills}
    assert "data-profiling" not in ids  # 'profile data' across the heading's line break
    wrapped = matcher.parse_resume("Five years of work on machine\nlearning and SQL.")
    assert "machine-learning" in {s.id for s in wrapped.skills}  # a wrapped line still reads


def test_a_companys_age_or_a_date_is_no_years_of_experience_cue(matcher: SkillMatcher) -> None:
    """A year word asks for a business domain only where it may count someone's experience:
    not a company's age, a date, or the age of the people the employer serves."""
    blurbs = [
        "Founded over 150 years ago, we are today a leader in retail banking.",
        "This year we opened a new clinic offering physiotherapy for 6- to 12-year-olds.",
    ]
    for text in blurbs:
        found = {s.id for s in matcher.extract(text).skills}
        assert found.isdisjoint({"retail-banking", "physiotherapy"}), (text, found)
    asks = [
        "You bring 3+ years in retail banking.",
        "You bring 3+ YEARS in retail banking.",  # the year word in capitals counts too
        "Several years of physiotherapy practice.",
    ]
    for text in asks:
        found = {s.id for s in matcher.extract(text).skills}
        assert found & {"retail-banking", "physiotherapy"}, (text, found)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Experience designing data architecture for a lakehouse.", "data-architecture"),
        ("You know application architecture and design patterns.", "software-architecture"),
        ("Experience building a distributed system in Go.", "distributed-systems"),
        ("We expect micro service architecture know-how.", "microservices"),
        ("You have built 12-factor apps on Kubernetes.", "twelve-factor-app"),
        ("3+ years of B2B sales experience in software.", "b2b"),
        ("Experience in B2C e-commerce is a plus.", "b2c"),
        ("A background in digital health or medical devices.", "digital-health"),
        ("Experience producing e-learning courses in Articulate.", "edtech"),
    ],
)
def test_terms_real_postings_use_are_skills(
    matcher: SkillMatcher, text: str, skill_id: str
) -> None:
    """Terms postings ask for that had no entry: architecture of data and applications, a
    distributed system in the singular, the twelve-factor method, B2B / B2C, digital health
    and e-learning (read as business domains: asked for where a cue asks for them)."""
    assert matcher.extract(text).get(skill_id) is not None


def test_a_b2b_company_blurb_asks_for_no_b2b_skill(matcher: SkillMatcher) -> None:
    assert matcher.extract("Acme is a fast-growing B2B platform for retailers.").get("b2b") is None


def _collections_during(func: object, *args: object) -> int:
    """How many garbage collections start while func runs."""
    import gc

    started: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(count)
    try:
        func(*args)  # type: ignore[operator]
    finally:
        gc.callbacks.remove(count)
    return len(started)


def test_reading_a_long_text_pauses_garbage_collection(matcher: SkillMatcher) -> None:
    # thousands of hits and mentions: with collection on, their allocations start dozens of
    # collections; paused, only the one young collection they owe runs as it resumes
    text = "Senior engineer with Python, Kubernetes and SQL; experience with Terraform.\n" * 2000
    assert _collections_during(matcher.parse_job, text) <= 1
    assert _collections_during(matcher.spans, text) <= 1


def test_reading_leaves_garbage_collection_as_it_found_it(matcher: SkillMatcher) -> None:
    import gc

    assert gc.isenabled()
    matcher.parse_job("Python and SQL.")
    assert gc.isenabled()
    gc.disable()
    try:
        matcher.parse_resume("Python and SQL.")
        matcher.spans("Python and SQL.")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plans cover time and project management.", {"time-management", "project-management"}),
        ("You do system and regression testing.", {"system-testing", "regression-testing"}),
        ("Solid grasp of risk, incident and problem management.", {"risk-management"}),
        ("A degree in electrical or mechanical engineering.", {"electrical-engineering"}),
        ("Effective written/verbal communication.", {"written-communication"}),
    ],
)
def test_a_coordinated_modifier_names_a_skill_with_the_head(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    """'time and project management' names time management too."""
    assert expected <= {s.id for s in matcher.extract(text).skills}


def test_an_earlier_modifier_needs_a_comma(matcher: SkillMatcher) -> None:
    """Without a comma an earlier word modifies the next one ('excellent written'), not the
    head: 'excellent communication' is not asked for a second time."""
    skill = matcher.extract("Excellent written/verbal communication.").get("communication")
    assert skill is None


@pytest.mark.parametrize(
    "text",
    [
        "You come from pharmacology, toxicology or a related discipline.",
        "You come from pharmacology toxicology or a similar field and love the lab.",
    ],
)
def test_fields_listed_before_or_a_related_field_are_asked_for(
    matcher: SkillMatcher, text: str
) -> None:
    """'X, Y or a related field' lists fields of study, as 'a degree in' would."""
    assert {"pharmacology", "toxicology"} <= {s.id for s in matcher.parse_job(text).skills}


def test_a_coordinated_modifier_reports_the_skills_name_whatever_the_hash_order(
    matcher: SkillMatcher,
) -> None:
    # 'business analysis' is both the skill's name (any case) and a lower-case alias: the
    # mention must report the same spelling in every process, the name first
    for phrase, name in [
        ("business analysis", "Business analysis"),
        ("operations management", "Operations management"),
        ("management consulting", "Management consulting"),
    ]:
        form = matcher._phrase_form(phrase)
        assert form is not None and form.form == name, (phrase, form)


def test_a_sentence_describing_the_employers_business_asks_for_no_skill(
    matcher: SkillMatcher,
) -> None:
    for blurb in (
        "Northwind is a leading provider of payroll SaaS and Kubernetes hosting in the Nordics.",
        "Northwind is a Microsoft Gold Partner and an AWS Premier Consulting Partner.",
        "We provide Salesforce consulting and data warehousing to retailers across Europe.",
        "Today, as the market leader in accounting software, Northwind serves 9,000 firms.",
    ):
        assert matcher.extract(blurb).skills == (), blurb
    # the same names asked of the candidate, in the role, or as the stack are kept
    for kept, sid in (
        (
            "Northwind, a leading provider of payroll SaaS, is seeking an engineer who knows AWS.",
            "aws",
        ),
        ("Experience with AWS, our Premier Consulting Partner, is a plus.", "aws"),
        (
            "This role builds Kubernetes tooling for a leading provider of payroll services.",
            "kubernetes",
        ),
        ("Build Kubernetes tooling for the hosting we provide to 9,000 firms.", "kubernetes"),
        ("We use PostgreSQL and Kafka for the ledger of our payroll platform.", "postgresql"),
    ):
        assert matcher.extract(kept).get(sid) is not None, kept
    # résumés describe the candidate's own employers' work: kept there
    resume = matcher.parse_resume("We provide Salesforce consulting to retailers across Europe.")
    assert resume.get("salesforce") is not None


def test_a_de_identified_employer_opening_a_business_sentence_is_the_employer(
    matcher: SkillMatcher,
) -> None:
    # the placeholder ends in '>', where a word boundary after it never held: the opening
    # was never read as the employer's, and what it provides was kept as asked for
    blurb = "<ORGANIZATION> provides Salesforce consulting to retailers across Europe."
    assert matcher.extract(blurb).skills == ()
    asked = "<ORGANIZATION> provides training; you bring Salesforce experience."
    assert matcher.extract(asked).get("salesforce") is not None
