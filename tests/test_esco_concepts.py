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
        ("A colleague who is flexible and adaptable.", {"flexibility", "adaptability"}),
    ],
)
def test_skills_written_together_are_each_found(
    matcher: SkillMatcher, text: str, expected: set[str]
) -> None:
    found = {skill.id for skill in matcher.extract(text).skills}
    assert expected <= found, f"{sorted(expected - found)} missing; found {sorted(found)}"
