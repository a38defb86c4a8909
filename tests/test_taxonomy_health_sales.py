"""Nursing, sales-tool, HR and engineering vocabulary of postings outside software.

Each phrasing below is how a posting names the credential or skill; the guards keep the
ordinary words among those names ('community outreach', 'triage bugs', 'P.E. teacher') and
other fields' abbreviations ('RN' for React Native, 'ICU' the Unicode library) out.
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher, load_taxonomy


def _levels(matcher: SkillMatcher, text: str) -> dict[str, str | None]:
    return {skill.id: skill.requirement for skill in matcher.parse_job(text).skills}


def test_rn_licence_and_bls_are_required_and_acls_preferred(matcher: SkillMatcher) -> None:
    levels = _levels(matcher, "Current RN license and BLS required; ACLS preferred.")
    assert levels == {
        "registered-nurse-license": "required",
        "bls-certification": "required",
        "acls-certification": "preferred",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Must hold an active registered nurse license.", {"registered-nurse-license"}),
        ("Must be a Registered Nurse (RN).", {"registered-nurse-license"}),
        ("LPN or LVN license required.", {"lpn-lvn-license"}),
        ("Licensed Practical Nurse with long-term care experience.", {"lpn-lvn-license"}),
        (
            "BSN preferred; ADN with a current RN license required.",
            {"bachelors-nursing", "associate-degree-nursing"},
        ),
        ("Bachelor of Science in Nursing from an accredited program.", {"bachelors-nursing"}),
        ("PCCN or CCRN certification preferred.", {"pccn", "ccrn"}),
        ("CEN certification within 12 months of hire.", {"cen"}),
        (
            "Basic Life Support and Advanced Cardiovascular Life Support required.",
            {"bls-certification", "acls-certification"},
        ),
        (
            "PALS and NRP certifications for NICU nurses.",
            {"pals-certification", "nrp-certification"},
        ),
    ],
)
def test_nursing_credentials_are_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = set(_levels(matcher, text))
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Experience in telemetry nursing, med-surg and acute care.",
            {"telemetry-nursing", "med-surg-nursing", "acute-care"},
        ),
        ("ICU experience required; critical care nursing background.", {"critical-care-nursing"}),
        (
            "Experience with medication administration, IV therapy and patient assessment.",
            {"medication-administration", "iv-therapy", "patient-assessment"},
        ),
        (
            "Strong skills in care planning and clinical documentation.",
            {"care-planning", "clinical-documentation"},
        ),
        ("Knowledge of triage in the emergency department.", {"clinical-triage"}),
    ],
)
def test_nursing_practice_skills_are_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = set(_levels(matcher, text))
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"


def test_each_life_support_form_has_one_meaning() -> None:
    tax = load_taxonomy()
    patient_care = tax.skills["patient-care"]
    assert "BLS" not in patient_care.cased
    assert "basic life support" not in {a.lower() for a in patient_care.aliases}
    for sid in ("bls-certification", "acls-certification", "pals-certification"):
        assert tax.skills[sid].category == "certification"
        assert tuple(tax.skills[sid].parents) == ("life-support-certifications",)
    assert tuple(tax.skills["nrp-certification"].parents) == ("life-support-certifications",)


def test_nursing_credentials_relate_to_nursing_care() -> None:
    tax = load_taxonomy()
    for sid in ("registered-nurse-license", "lpn-lvn-license", "pccn", "ccrn", "cen"):
        assert "nursing-certifications" in tax.skills[sid].parents
    assert "nursing-care" in tax.skills["nursing-certifications"].implies
    assert "critical-care-nursing" in tax.skills["ccrn"].implies
    assert "nursing-care" in tax.skills["bachelors-nursing"].implies


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Experience building React Native (RN) apps for iOS and Android.",
            "registered-nurse-license",
        ),
        ("We use the ICU library for Unicode collation.", "critical-care-nursing"),
        ("Our team triages bugs and customer issues daily.", "clinical-triage"),
        ("Experience triaging incidents and alerts from monitoring.", "clinical-triage"),
        ("Requirements: knowledge of CEN and ISO standards for products.", "cen"),
        ("Load balancing with an ADN appliance from F5.", "associate-degree-nursing"),
        ("Bureau of Labor Statistics (BLS) data experience required.", "bls-certification"),
    ],
)
def test_other_fields_abbreviations_name_no_nursing_skill(
    matcher: SkillMatcher, text: str, absent: str
) -> None:
    assert absent not in _levels(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "Must have experience with Outreach and Gong for sales engagement.",
        "Experience with Outreach or Salesloft for sequencing.",
        "Experience with Outreach.io and Gong.io.",
    ],
)
def test_outreach_and_gong_count_as_sales_engagement_tools(
    matcher: SkillMatcher, text: str
) -> None:
    found = matcher.parse_job(text).get("sales-prospecting-tools")
    assert found is not None
    assert {m.text.lower().removesuffix(".io") for m in found.mentions} >= {"outreach"}


@pytest.mark.parametrize(
    "text",
    [
        "We do community outreach in local schools.",
        "Outreach to local communities and schools is part of the role.",
        "Experience in candidate outreach and sourcing.",
        "Experience in outreach and partnerships.",
        "The Gong rang at the temple.",
        "Collaborate with Student Outreach teams on campus events.",
    ],
)
def test_outreach_and_gong_as_ordinary_words_name_no_product(
    matcher: SkillMatcher, text: str
) -> None:
    assert "sales-prospecting-tools" not in _levels(matcher, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trained in SPIN selling and MEDDPICC qualification.", {"consultative-selling"}),
        ("Experience with Challenger selling and MEDDICC.", {"consultative-selling"}),
        ("Experience with UKG Pro, UltiPro or Kronos.", {"ukg-pro", "kronos"}),
        ("Administer payroll in UKG Pro.", {"ukg-pro"}),
        ("Experience with FMLA and ADA leave administration.", {"us-employment-compliance"}),
        ("Experience with open enrollment.", {"benefits-enrolment"}),
        ("Experience owning the full recruiting cycle.", {"recruitment"}),
        ("Experience with full-cycle recruitment.", {"recruitment"}),
        ("Experience handling employee relations investigations.", {"employee-relations"}),
    ],
)
def test_sales_and_hr_phrasings_are_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = set(_levels(matcher, text))
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"


def test_ukg_pro_is_not_kronos() -> None:
    tax = load_taxonomy()
    assert "UKG Pro" in tax.skills["ukg-pro"].aliases
    assert "UKG Pro" not in tax.skills["kronos"].aliases
    assert "kronos" in tax.skills["ukg-pro"].related


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PE license required; EIT considered.", "professional-engineer-license"),
        ("Must hold a Professional Engineer (PE) license.", "professional-engineer-license"),
        ("Must hold a Professional Engineer (P.E.) license.", "professional-engineer-license"),
        ("Licensed P.E. in the State of Ohio.", "professional-engineer-license"),
        ("Experience reading P&IDs.", "p-and-id"),
        ("Experience with piping and instrumentation diagrams.", "p-and-id"),
        ("Knowledge of GD&T per ASME Y14.5-2018.", "gd-and-t"),
    ],
)
def test_engineering_credentials_and_drawings_are_found(
    matcher: SkillMatcher, text: str, expected: str
) -> None:
    assert expected in _levels(matcher, text)


def test_physical_education_is_no_engineering_licence(matcher: SkillMatcher) -> None:
    levels = _levels(matcher, "Physical education (P.E.) teacher for grades 6-8, licensed.")
    assert "professional-engineer-license" not in levels
