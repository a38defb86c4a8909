"""Names that are also ordinary words or other things: found in tech context, not elsewhere.

One test per ambiguous name from the project issue, on the bundled taxonomy. Each names the
sentences where the skill must be found and those where it must not: ordinary English, the
other meaning, and (where it matters) the other meaning next to a real skill, which is what
the taxonomy's `deny` words are for.
"""

from __future__ import annotations

import pytest
from found import check_found, skill_ids

from skillmatch import SkillMatcher


def test_go_is_the_language_in_code_context_not_the_verb(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "go-language",
        found=[
            "Backend services are written in Go and deployed on Kubernetes.",
            "We build microservices in Go.",
        ],
        not_found=[
            "Go ahead and share your Python portfolio with us.",
            "You will be on the go, visiting clients every week.",
            "Ready to Go the extra mile for customers.",
        ],
    )


def test_r_is_the_language_next_to_statistics_not_a_letter(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "r-language",
        found=[
            "Statistical modelling in R and Python.",
            "Experience with R, dplyr and ggplot2 for reporting.",
        ],
        not_found=[
            "Our R&D team is growing.",
            "Candidates from Section R of the building may apply.",
            "Contact Dr. R. Smith for details.",
        ],
    )


def test_r_as_an_initial_next_to_another_skill_is_not_the_language(
    matcher: SkillMatcher,
) -> None:
    assert "r-language" not in skill_ids(matcher, "Contact Dr. R. Smith about the Python role.")


def test_c_is_the_language_in_embedded_context_not_a_grade_or_unit(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "c-language",
        found=[
            "Firmware development in C for ARM microcontrollers.",
            "Strong C and C++ skills for embedded Linux.",
        ],
        not_found=[
            "Vitamin C and other supplements are provided in the canteen.",
            "Grade C or above in English is required.",
            "A Class C driving licence is required to visit clients with our Salesforce team.",
            "Store samples at 4 °C before SQL data entry.",
        ],
    )


def test_spark_is_apache_spark_in_data_context_not_a_spark_of_joy(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "apache-spark",
        found=[
            "Process terabytes with Spark on Databricks.",
            "Experience tuning Spark jobs and Hadoop clusters.",
        ],
        not_found=[
            "Your ideas will spark new ways of working.",
            "Be the Spark that lights up our team culture.",
            "Spark plugs and ignition systems for our delivery vans.",
        ],
    )


def test_swift_is_the_language_for_ios_not_payments_or_speed(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "swift-language",
        found=["iOS development in Swift and SwiftUI.", "Build native apps with Swift and Xcode."],
        not_found=[
            "A Swift response to customer queries is expected.",
            "Process SWIFT payments and bank transfers in SAP.",
        ],
    )


def test_rust_is_the_language_in_systems_context_not_corrosion(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "rust-language",
        found=[
            "Systems programming in Rust with Tokio.",
            "Rewrite the parser in Rust for memory safety.",
        ],
        not_found=[
            "Inspect for rust on the pipes and repaint.",
            "Remove Rust from steel beams before coating.",
            "Treat rust and corrosion on pipes; log repairs in SAP.",
        ],
    )


def test_excel_is_the_spreadsheet_not_the_verb(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "microsoft-excel",
        found=["Advanced Excel: pivot tables and VLOOKUP.", "Reporting in Excel and Power BI."],
        not_found=[
            "We help every student excel in class.",
            "Candidates who Excel at teamwork will thrive.",
            "Excel at stakeholder management and Jira reporting.",
        ],
    )


def test_access_is_the_database_among_office_tools_not_access_to(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "microsoft-access",
        found=[
            "Maintain Access databases and Excel reports.",
            "Proficient in Word, Excel, Access and PowerPoint.",
        ],
        not_found=[
            "Access to the building requires a badge.",
            "Access to AWS and Azure accounts is granted on day one.",
            "Manage access control lists on Cisco routers.",
        ],
    )


def test_chef_is_configuration_management_not_a_cook(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "chef",
        found=[
            "Configuration management with Chef and Ansible.",
            "Write Chef cookbooks for our infrastructure.",
        ],
        not_found=[
            "The chef in our kitchen prepares seasonal menus.",
            "Head Chef wanted for a busy restaurant.",
            "The Chef in our kitchen tracks stock in Excel and SAP.",
        ],
    )


def test_puppet_is_configuration_management_not_theatre(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "puppet",
        found=[
            "Server automation with Puppet and Terraform.",
            "Manage Linux fleets using Puppet manifests.",
        ],
        not_found=[
            "The Puppet show delighted the children at the theatre.",
            "He was a puppet of the board.",
            "Puppet shows and theatre workshops, booked through Salesforce.",
        ],
    )


def test_ruby_is_the_language_not_a_gem_or_a_name(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "ruby-language",
        found=[
            "Web development in Ruby on Rails and Ruby scripting.",
            "Backend in Ruby with RSpec tests.",
        ],
        not_found=[
            "Ruby will welcome you on your first day.",
            "A Ruby ring for our anniversary jewellery line.",
            "Ruby jewellery and gemstone sales tracked in Salesforce.",
        ],
    )


def test_julia_is_the_language_in_numerical_context_not_a_colleague(
    matcher: SkillMatcher,
) -> None:
    check_found(
        matcher,
        "julia-language",
        found=["Numerical simulation in Julia and Python.", "Scientific computing with Julia."],
        not_found=[
            "Julia will be your manager.",
            "Please send your application to Julia in HR.",
        ],
    )


@pytest.mark.xfail(
    strict=True,
    reason="extractor: any other skill in the sentence confirms an ambiguous form, and nothing "
    "tells a person's name from the language",
)
def test_julia_as_a_name_next_to_another_skill_is_not_the_language(matcher: SkillMatcher) -> None:
    assert "julia-language" not in skill_ids(
        matcher, "Julia will walk you through our Kubernetes clusters."
    )


def test_dart_is_the_flutter_language_not_the_game_or_the_train(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "dart-language",
        found=["Cross-platform apps in Dart and Flutter.", "Mobile development with Dart."],
        not_found=[
            "Our office has a Dart board in the lounge.",
            "Take the DART train to the office.",
            "Darts board and pub quiz after our Python meetups.",
        ],
    )


def test_flask_is_the_web_framework_not_lab_glassware(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "flask",
        found=["REST APIs in Flask and Python.", "Build web backends with Flask and PostgreSQL."],
        not_found=[
            "Rinse each Flask in the laboratory sink.",
            "Bring a Flask of coffee for the hike.",
        ],
    )


def test_pandas_is_the_python_library_not_the_animal(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "pandas",
        found=["Data wrangling with Pandas and NumPy.", "Analyse data in Python with pandas."],
        not_found=[
            "The Pandas at the zoo eat bamboo.",
            "Volunteer to care for giant Pandas at the wildlife reserve.",
            "Giant Pandas at the zoo: our Python volunteers count the bamboo.",
        ],
    )


def test_sas_is_the_statistics_suite_not_disks_or_the_airline(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "sas",
        found=[
            "Statistical analysis in SAS and R for clinical trials.",
            "SAS programming for biostatistics.",
        ],
        not_found=[
            "Configure SAS drives in a RAID array.",
            "Book flights on SAS to Copenhagen.",
            "SAS drives and RAID arrays on Linux servers.",
        ],
    )


def test_ai_is_artificial_intelligence_only_in_capitals(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "artificial-intelligence",
        found=["Build AI products with Python.", "Experience applying AI to customer support."],
        not_found=[
            "Artwork by Ai Weiwei hangs in the lobby.",
            "Export the logo as an .ai file from Illustrator.",
        ],
    )


def test_ml_is_machine_learning_not_millilitres(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "machine-learning",
        found=["Deploy ML models to production.", "Experience with ML and deep learning."],
        not_found=["Add 5 ml of buffer to each sample.", "Dissolve the salt in 250 mL of water."],
    )


def test_nlp_is_natural_language_processing_in_ml_context(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "natural-language-processing",
        found=[
            "NLP for document classification with Python.",
            "Experience with NLP and transformers.",
        ],
        not_found=["Use nlp.pipe() to batch the documents."],  # only the capitalised acronym
    )


def test_nlp_in_the_coaching_sense_is_not_natural_language_processing(
    matcher: SkillMatcher,
) -> None:
    assert "natural-language-processing" not in skill_ids(
        matcher, "Certified NLP practitioner offering life coaching and hypnosis."
    )


def test_aml_is_azure_machine_learning_not_anti_money_laundering(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "azure-machine-learning",
        found=[
            "Train models in AML and deploy with Azure DevOps.",
            "Register models in AML and serve them on Azure Kubernetes Service.",
        ],
        not_found=[
            "AML/KYC compliance checks for new accounts.",
            "Experience in AML and sanctions screening.",
            "AML transaction monitoring and sanctions screening in SQL.",
            "Oncology nurse caring for AML patients.",
        ],
    )
    other = skill_ids(matcher, "Experience in AML/KYC compliance checks for new accounts.")
    assert "anti-money-laundering" in other
    assert "azure-machine-learning" not in other


def test_tf_is_tensorflow_next_to_deep_learning_not_terraform(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "tensorflow",
        found=["Deep learning with TF and Keras.", "Train neural networks with TF on GPUs."],
        not_found=[
            "Provision infrastructure with TF modules and Terragrunt.",
            "Infrastructure as code in TF (Terraform).",
            "Write TF modules for AWS with Terraform and Terragrunt.",
        ],
    )
    assert "terraform" in skill_ids(matcher, "Infrastructure as code in TF (Terraform).")


def test_copilot_is_github_copilot_for_code_not_m365_or_a_pilot(matcher: SkillMatcher) -> None:
    check_found(
        matcher,
        "github-copilot",
        found=[
            "AI pair programming with Copilot in VS Code.",
            "Developers use Copilot to write code faster.",
        ],
        not_found=[
            "Copilot for Microsoft 365 rollout across Teams and Outlook.",
            "Serve as Copilot on regional flights.",
        ],
    )
    assert "microsoft-365-copilot" in skill_ids(
        matcher, "Copilot for Microsoft 365 rollout across Teams and Outlook."
    )


@pytest.mark.parametrize(
    ("skill_id", "found", "not_found"),
    [
        (
            "san",
            "Provision LUNs on the SAN and back them up nightly.",
            "Our office in San Diego hires Python developers.",
        ),
        (
            "neural-networks",
            "Train an ANN in PyTorch.",
            "Based in Ann Arbor, we write Java services.",
        ),
        (
            "cis-benchmarks",
            "Harden servers to STIG baselines.",
            "Questions about the Linux role go to Stig Larsen.",
        ),
        (
            "threat-modelling",
            "Run STRIDE sessions for each new service.",
            "You take tight deadlines in your stride and know SQL.",
        ),
        (
            "lamp-stack",
            "Maintain sites on a LAMP server.",
            "We sell lamp fittings online with a Shopify store.",
        ),
    ],
)
def test_an_acronym_that_is_also_a_word_or_name_matches_only_in_capitals(
    matcher: SkillMatcher, skill_id: str, found: str, not_found: str
) -> None:
    """'SAN', 'ANN', 'STIG', 'STRIDE' and 'LAMP' are matched in capitals only: written any
    other way they are a place, a person, or an ordinary word."""
    check_found(matcher, skill_id, found=[found], not_found=[not_found])


def test_gerrit_and_fundraising_are_skills_of_their_own(matcher: SkillMatcher) -> None:
    """Gerrit is a code review server, not Gitea; fundraising and grant writing are work of
    their own, not the public sector."""
    assert skill_ids(matcher, "Reviews go through Gerrit before merging.") >= {"gerrit"}
    assert "gitea" not in skill_ids(matcher, "Reviews go through Gerrit before merging.")
    text = "Experience in fundraising and grant writing for research projects."
    assert "fundraising" in skill_ids(matcher, text)
    assert "public-sector" not in skill_ids(matcher, text)


def test_a_driving_licence_is_a_credential_and_driving_results_is_not_one(
    matcher: SkillMatcher,
) -> None:
    """A licence is held, like a certificate: kind 'credential'. 'Able to drive' in a job ad
    is nearly always driving change or results, never a car."""
    assert matcher.taxonomy.skills["driving-licence"].kind == "credential"
    assert "driving-licence" in skill_ids(matcher, "A valid driving licence is required.")
    assert "driving-licence" not in skill_ids(matcher, "You are able to drive change across teams.")
    assert "driving-licence" not in skill_ids(matcher, "The ability to drive results matters here.")


def test_consulting_is_the_consulting_business_and_advising_is_the_ability(
    matcher: SkillMatcher,
) -> None:
    """'A background in consulting' and 'Industry: IT Consulting' name the consulting business
    (knowledge); advising clients is the ability. A consultancy in a company blurb is neither."""
    found = matcher.extract("You have a background in consulting or banking.")
    assert found.get("consulting") is not None
    assert found.get("consulting-skills") is None
    assert matcher.extract("Industry: IT Consulting, Enterprise Software").get("consulting")
    assert matcher.extract("You advise clients on their cloud strategy.").get("consulting-skills")
    assert matcher.extract("We are a consultancy based in Oslo.").get("consulting") is None
    assert matcher.taxonomy.skills["consulting"].kind == "knowledge"


def resume_ids(matcher: SkillMatcher, text: str) -> set[str]:
    return {s.id for s in matcher.parse_resume(text).skills}


def test_everyday_phrases_are_not_the_trade_or_the_class(matcher: SkillMatcher) -> None:
    """'Building services for banks' is software work, a coding bootcamp no fitness class,
    'hands-on use of' a tool no coding; the trade and the class are still found by name."""
    backend = "Backend engineer, 6 years building services for banks and insurers."
    assert "building-services-maintenance" not in resume_ids(matcher, backend)
    trade = "Building services engineering and HVAC maintenance."
    assert "building-services-maintenance" in resume_ids(matcher, trade)
    assert "group-fitness-classes" not in resume_ids(matcher, "Completed a full-stack bootcamp.")
    assert "group-fitness-classes" in resume_ids(
        matcher, "I teach bootcamp classes and spinning classes."
    )
    assert "hands-on-coding" not in resume_ids(matcher, "Hands-on use of Salesforce every day.")


def test_epic_charting_is_the_health_record_system(matcher: SkillMatcher) -> None:
    assert "epic-systems" in skill_ids(matcher, "Experience with Epic charting.")
    assert "epic-systems" not in skill_ids(matcher, "Write Epics and user stories in Jira.")
