"""The single Aho–Corasick scan keeps the token boundaries of keys with and without punctuation."""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher

CASES = [
    # (text, expected (id, start, end), reason)
    (
        "Skills:\n\uf0a7Node.js and \uf0a7Python, C#",
        [("nodejs", 9, 16), ("csharp", 30, 32)],
        "a private-use bullet bounds a name with punctuation; a name of words keeps the "
        "stricter boundary of blanked punctuation or whitespace",
    ),
    (
        "We use Python &C++ and R&D and Master\u2019s degree",
        [("python", 7, 13), ("cpp", 15, 18), ("masters-degree", 31, 46)],
        "an '&' that joins no two words is a boundary; R&D is never R; a curly apostrophe folds",
    ),
    (
        "Requirements: identity & access management, I&O, arts & crafts",
        [
            ("identity-and-access-management", 14, 42),
            ("it-infrastructure", 44, 47),
            ("arts-and-crafts", 49, 62),
        ],
        "an '&' inside a name, spaced or joining two words, still matches",
    ),
    (
        "Skills: Java\u20acPython c++11 .NET, asp.net",
        [("cpp", 20, 25), ("dotnet", 26, 30), ("aspnet", 32, 39)],
        "a name ending in punctuation needs no boundary after it; '.NET' inside 'asp.net' "
        "loses to the longer name",
    ),
]


@pytest.fixture(scope="module")
def exact() -> SkillMatcher:
    return SkillMatcher(fuzzy=False)


@pytest.mark.parametrize(("text", "expected", "reason"), CASES, ids=[c[2][:40] for c in CASES])
def test_scan_keeps_token_boundaries(
    exact: SkillMatcher, text: str, expected: list[tuple[str, int, int]], reason: str
) -> None:
    assert [(sid, s, e) for sid, s, e, _ in exact.spans(text)] == expected, reason


def test_whitespace_list_is_every_space_but_the_plain_one() -> None:
    import re
    import sys

    from skillmatch.recognizers import WHITESPACE

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert sorted(WHITESPACE) == [c for c in every if c.isspace() and c != " "]
    pattern = re.compile(r"[^\S ]")
    assert sorted(WHITESPACE) == [c for c in every if pattern.fullmatch(c)]


def test_folded_text_maps_every_whitespace_run_to_one_space() -> None:
    from skillmatch.recognizers import Folded

    ft = Folded("C\u2003\u2003Java\u3000–\tGo\r\n\u2028Rust")
    assert ft.low == "c java - go rust"
    assert [ft.text[ft.orig(i)] for i in (0, 2, 7, 9, 12)] == ["C", "J", "–", "G", "R"]


def test_fold_maps_dashes_quotes_and_spaces_one_for_one() -> None:
    from skillmatch.normalize import fold

    text = "Node\u2010JS\u2011X\u2012Y\u2013Z\u2014W\u2212 \u2018a\u2019 \u201cB\u201d\u00a0C\uff0b\uff03É"
    assert fold(text) == "node-js-x-y-z-w- 'a' \"b\" c+#é"


def test_windows_1252_quotes_read_as_latin_1_fold_like_the_real_marks(
    matcher: SkillMatcher,
) -> None:
    """Text decoded with the wrong code page carries C1 controls for quotes and dashes
    ('Master\x92s degree'); they fold one for one, so the names around them match."""
    from skillmatch.normalize import fold

    assert fold("\x91a\x92 \x93B\x94 x\x96y\x97z") == "'a' \"b\" x-y-z"
    text = "You hold a Master\x92s degree and a Class B driver\x92s licence."
    found = {s.id: s for s in matcher.extract(text).skills}
    assert "masters-degree" in found
    assert found["masters-degree"].mentions[0].start == text.index("Master")


def test_a_camel_case_name_split_in_two_needs_its_capitals(matcher: SkillMatcher) -> None:
    """'OpenOffice' written as two words names the product only in its capitals: in lower
    case the words are ordinary English ('a bright open office', 'at planet scale')."""
    for text in ["We sit in a bright open office near the station.", "Serve data at planet scale."]:
        found = {s.id for s in matcher.extract(text).skills}
        assert found.isdisjoint({"libreoffice", "vitess"}), (text, found)
    found = {s.id for s in matcher.extract("Reports in Open Office and Power-point.").skills}
    assert {"libreoffice", "microsoft-powerpoint"} <= found
    assert matcher.extract("We build on SharePoint and Share Point sites.").get("sharepoint")
