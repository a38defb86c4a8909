"""Headings as job ads type them: contractions, curly quotes, questions, and what the
candidate must bring beside another section's word."""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher
from skillmatch.sections import heading_label, names_employer

HEADINGS = [
    ("What we're looking for", "requirements"),
    ("What We’re Looking For", "requirements"),  # curly apostrophe, title case
    ("What you’ll need", "requirements"),
    ("Must\xa0have:", "requirements"),  # a web page's no-break space
    ("Nice\xa0to\xa0have", "preferred"),
    ("What You'll Bring:", "requirements"),
    ("What are we looking for?", "requirements"),  # a heading may ask
    ("What You Need for this Position", "requirements"),  # not the 'position' of duties
    ("Additional Requirements for the role?", "requirements"),
    ("What you’ll do…", "responsibilities"),  # trailing off
    ("You will:", "responsibilities"),
    ("About This Role", "responsibilities"),
    ("About me", "summary"),
    ("Essential Functions:", "responsibilities"),  # duties, not the 'essentials' asked
    ("ESSENTIAL JOB FUNCTIONS", "responsibilities"),
    ("Typical accountabilities", "responsibilities"),
    ("WHAT YOULL DO", "responsibilities"),  # the apostrophe lost on the way
    ("EEO Statement", "about"),  # what closes a posting asks for nothing
    ("Equal Employment Opportunity", "about"),
    ("Equal Opportunity Employer", "about"),
    ("Disclaimer:", "about"),
    ("How to apply", "about"),
    ("Benefit Summary", "about"),
    ("What we can offer you:", "about"),
    ("What we do", "about"),
    ("Why us?", "about"),
    ("About our organization:", "about"),
    ("Who We Are!", None),  # an exclamation is prose, not a heading
    ("What we're proud of", None),  # a contraction passes, the other words still must
    ("Are you ready?", None),
]


@pytest.mark.parametrize(("line", "label"), HEADINGS, ids=[h[0] for h in HEADINGS])
def test_heading_label(line: str, label: str | None) -> None:
    assert heading_label(line + "\n") == label


def test_items_under_a_contracted_heading_are_required() -> None:
    job = (
        "Platform Engineer\n\n"
        "What you’ll do\n"
        "- Run our Kubernetes clusters\n\n"
        "What we’re looking for\n"
        "- 5+ years with Terraform\n"
        "- Strong Go\n"
    )
    levels = {s.id: s.requirement for s in SkillMatcher().parse_job(job).skills}
    assert levels["terraform"] == "required"
    assert levels["go-language"] == "required"
    assert levels["kubernetes"] == "preferred"  # a duty, not a requirement


EMPLOYER = [
    ("About Northwind Logistics", True),
    ("ABOUT ACME CORP:", True),
    ("About Macy’s", True),  # a curly apostrophe in the name
    ("Why Join Acme?", True),
    ("About The Role", False),  # a heading word, not a name
    ("About us", False),  # the 'about' section all the same, by its own pattern
    ("About the gig", False),  # not capitalised: no name
    ("About 200 people work here", False),
]


@pytest.mark.parametrize(("line", "names"), EMPLOYER, ids=[e[0] for e in EMPLOYER])
def test_names_employer(line: str, names: bool) -> None:
    assert names_employer(line + "\n") is names


BLURB = "About Northwind\nNorthwind runs its warehouses on SAP and sells logistics software.\n\n"
DUTIES = "- Build pipelines in Python\n- Run Kafka\n"


def test_an_employer_heading_opens_the_blurb_the_next_heading_closes() -> None:
    job = BLURB + "What you'll do\n" + DUTIES
    skills = {s.id for s in SkillMatcher().parse_job(job).skills}
    assert "sap" not in skills  # the blurb names no requirement
    assert {"python", "apache-kafka"} <= skills


def test_an_employer_heading_early_with_no_heading_after_it_is_not_read_as_about() -> None:
    # nothing tells where the blurb ends: the duties after it must not be lost with it
    skills = {s.id for s in SkillMatcher().parse_job(BLURB + DUTIES).skills}
    assert {"python", "apache-kafka"} <= skills


def test_an_eeo_statement_closing_the_requirements_asks_for_nothing() -> None:
    job = (
        "Requirements\n- 3+ years of Python\n\n"
        "EEO Statement\n"
        "We welcome applicants of every background, including people with disabilities, "
        "and provide reasonable accommodation during recruitment.\n"
    )
    levels = {s.id: s.requirement for s in SkillMatcher().parse_job(job).skills}
    assert levels == {"python": "required"}


def test_a_why_us_blurb_early_with_no_heading_after_it_is_not_read_as_about() -> None:
    # 'Why us?' opens the company's blurb; with no heading after it, the job that follows
    # must not be lost with it, as for a heading naming the employer
    job = "Why us?\nWe build logistics software.\n\n" + DUTIES + "\n" * 2 + "We move fast.\n" * 3
    skills = {s.id for s in SkillMatcher().parse_job(job).skills}
    assert {"python", "apache-kafka"} <= skills


def test_benefits_early_with_no_heading_after_them_stay_benefits() -> None:
    # benefits close a posting: the guard for a company blurb does not reach them
    job = "Data Engineer\n\nBenefits\n- Health insurance\n- Gym membership\n- Free SQL training\n"
    skills = {s.id for s in SkillMatcher().parse_job(job).skills}
    assert "sql" not in skills


# A short line with words other than heading words is a heading only where it is set out as
# one: a blank line before it and text after it (`alone`).
SET_OUT = [
    ("Why this role exists", "responsibilities"),
    ("What you'd work on", "responsibilities"),
    ("A week in the life", "responsibilities"),
    ("What we need from you", "requirements"),
    ("You'd be a great fit if", "requirements"),
    ("Must-haves (non-negotiable)", "requirements"),
    ("It would be great if you also", "preferred"),
    ("Bonus if you have", "preferred"),
    ("Nice if you have", "preferred"),
    ("Compensation/targeted bonus", "about"),  # pay, not a nice-to-have
    ("What we'd love to see", "preferred"),
    ("Even better if you have", "preferred"),
    ("Not required, but nice to have", "preferred"),  # the one 'not' a heading may say
    ("Things you'll need", "requirements"),
    ("Where you'll make an impact", "responsibilities"),
    ("Relocation not offered with this role", None),  # says 'not': a statement
    ("Full-time position based in Austin, TX", None),  # metadata: a heading word, no phrase
    ("Hybrid role", None),
    ("Mission Systems Division", None),
    ("Data Scientist – Marketing Optimisation Role", None),  # a résumé's job title
    ("- Conduct analysis of mission data", None),  # a bullet is an item
    ("Java Developer - Acme Technologies", None),  # a résumé's job title: 'technologies'
    ("Project Manager", None),  # ...and 'project' open no section of their own
]


@pytest.mark.parametrize(("line", "label"), SET_OUT, ids=[h[0] for h in SET_OUT])
def test_a_line_set_out_as_a_heading(line: str, label: str | None) -> None:
    assert heading_label(line + "\n", alone=True) == label
    if label is not None:
        assert heading_label(line + "\n") is None  # the same words inside a list are no heading


ASKS = [
    ("What skills will you need to be successful in this role?", "requirements"),
    ("What do you need to succeed?", "requirements"),
    ("What are the day to day responsibilities?", "responsibilities"),
    ("What makes us different?", None),
    ("What would make you stand out?", "preferred"),
    ("What you can offer", None),  # the candidate's offer: not the company's
    ("What YOU can offer:", None),
]


@pytest.mark.parametrize(("line", "label"), ASKS, ids=[h[0] for h in ASKS])
def test_a_question_is_a_heading_wherever_it_stands(line: str, label: str | None) -> None:
    assert heading_label(line + "\n") == label


def test_requirements_under_a_set_out_heading_after_the_blurb_are_found() -> None:
    job = (
        "Backend Engineer\n\n"
        "About us\nWe run a small logistics startup on Ruby.\n\n"
        "What we need from you\nYou write Go and know PostgreSQL well.\n\n"
        "It would be great if you also\nhave used Terraform.\n"
    )
    levels = {s.id: s.requirement for s in SkillMatcher().parse_job(job).skills}
    assert levels.get("go-language") == "required"
    assert levels.get("postgresql") == "required"
    assert levels.get("terraform") == "preferred"
    assert "ruby" not in levels  # the employer's blurb


PERKS = "Perks & the practical stuff\nWe pay for one professional certification a year.\n"


def test_perks_set_out_at_the_end_ask_for_nothing() -> None:
    needs = "- 3+ years of SQL\n- Dashboards in Tableau\n- Python for analysis\n- Excel\n"
    job = "Data Analyst\n\nRequirements\n" + needs + "\n" + PERKS
    skills = {s.id for s in SkillMatcher().parse_job(job).skills}
    assert "professional-certifications" not in skills
    assert {"sql", "tableau", "python", "microsoft-excel"} <= skills


def test_a_company_heading_set_out_early_does_not_swallow_the_job() -> None:
    # in the first half only heading words open a company section: read wrongly, the job
    # after it would be lost with it
    job = "Data Analyst\n\n" + PERKS + "\nYou will write SQL and build Tableau dashboards.\n" * 3
    skills = {s.id for s in SkillMatcher().parse_job(job).skills}
    assert {"sql", "tableau"} <= skills


def test_a_long_line_with_its_heading_inline_is_that_section_alone() -> None:
    job = (
        "Frontend Engineer\n\n"
        "About the role\nYou will build our design system.\n\n"
        "Requirements: 4+ years of React and TypeScript, a good eye for CSS, tests in Jest and "
        "Cypress, and the habit of reviewing each other's code in Git.\n"
        "- Storybook\n"
        "- Nice to have: Next.js or Remix for server rendering of the marketing pages we own\n"
        "- Figma\n"
    )
    levels = {s.id: s.requirement for s in SkillMatcher().parse_job(job).skills}
    assert levels["react"] == levels["typescript"] == levels["jest"] == "required"
    assert levels["nextjs"] == "preferred"
    assert levels["figma"] == "preferred"  # still the duties of 'About the role', not flipped
