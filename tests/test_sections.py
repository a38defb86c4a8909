"""Segment breaks: sentences, bullet lines and columns of spaces."""

from __future__ import annotations

import pytest

from skillmatch.sections import layout

CASES = [
    ("Python   Java\nSQL", (0, 9, 14), "three spaces or more break, and so does a newline"),
    ("Use Go.   Then Rust", (0, 10), "the whitespace after a full stop is one break, not two"),
    (
        "Dr. Who;  ok   •  x",
        (0, 15, 16),
        "a title is no sentence end; a bullet breaks before a space",
    ),
    ("a.   b   C", (0, 5, 9), "a full stop before lower case is no break; the spaces after it are"),
]


@pytest.mark.parametrize(("text", "starts", "reason"), CASES, ids=[c[2][:40] for c in CASES])
def test_segment_starts(text: str, starts: tuple[int, ...], reason: str) -> None:
    assert layout(text).segment_starts == starts, reason
