"""The years scan: any capitalisation, whole words, not an age or a degree length."""

from __future__ import annotations

from skillmatch.context import find_years


def test_years_in_any_case_and_not_ages() -> None:
    text = "5+ YEARS of Python; 3 Yrs SQL; a 4 year degree; 10 years old; 2 layers"
    found = [(p.years, text[p.start : p.end]) for p in find_years(text, 0, len(text))]
    assert found == [(5, "5+ YEARS"), (3, "3 Yrs")]
