"""The years scan: any capitalisation, whole words, not an age or a degree length."""

from __future__ import annotations

from skillmatch.context import find_years


def test_years_in_any_case_and_not_ages() -> None:
    text = "5+ YEARS of Python; 3 Yrs SQL; a 4 year degree; 10 years old; 2 layers"
    found = [(p.years, text[p.start : p.end]) for p in find_years(text, 0, len(text))]
    assert found == [(5, "5+ YEARS"), (3, "3 Yrs")]


def test_years_in_both_cases_come_in_text_order() -> None:
    # lower- and upper-case year words are scanned apart and merged
    text = "2 years Go, 3 Years Java, 4 yrs SQL, 5 YRS C; yes, 6 yEaRs"
    found = [p.years for p in find_years(text, 0, len(text))]
    assert found == [2, 3, 4, 5, 6]
    assert [p.years for p in find_years(text, 12, 40)] == [3, 4]
