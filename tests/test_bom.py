"""A byte-order mark is an encoding's signature, not text: a file or a string that starts with
one (Notepad writes it; `open(path, encoding="utf-8")` keeps it) reads as it would without."""

from __future__ import annotations

from pathlib import Path

from skillmatch import SkillMatcher
from skillmatch.batch import TextDocument, read_jsonl

JOB = "Senior Java Developer\n\nRequirements:\n- 5+ years of Java\n- SQL\n"
CV = "Java Developer\n\nSkills: Java, SQL\n"


def test_a_text_starting_with_a_bom_reads_as_one_starting_with_a_space(
    matcher: SkillMatcher,
) -> None:
    for read in (matcher.parse_resume, matcher.parse_job, matcher.extract):
        with_bom = read("\ufeff" + CV)
        assert with_bom == read(" " + CV)  # the same offsets: the mark is one character
        assert [(s.id, [m.title for m in s.mentions]) for s in with_bom.skills] == [
            ("java", [True, False]),
            ("sql", [False]),
        ]
        for skill in with_bom.skills:
            for m in skill.mentions:
                assert ("\ufeff" + CV)[m.start : m.end] == m.text
    assert matcher.spans("\ufeff" + CV) == matcher.spans(" " + CV)


def test_a_resume_starting_with_a_bom_keeps_its_role_match(matcher: SkillMatcher) -> None:
    plain = matcher.score(JOB, CV)
    marked = matcher.score("\ufeff" + JOB, "\ufeff" + CV)
    assert (plain.score, plain.role, plain.relevance) == (100.0, 100.0, 98.9)
    assert (marked.score, marked.role, marked.relevance) == (100.0, 100.0, 98.9)
    rows = matcher.rank(
        "\ufeff" + JOB, [TextDocument("cv", "\ufeff" + CV)], cache=False, reports=False
    )
    assert [(r.document, r.role, r.relevance) for r in rows] == [("cv", 100.0, 98.9)]


def test_a_jsonl_file_saved_with_a_bom_reads_its_first_record(tmp_path: Path) -> None:
    path = tmp_path / "cvs.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "Python and Docker"}\n{"id": "b", "text": "Python"}\n'
    )
    assert read_jsonl(path) == [
        TextDocument("a", "Python and Docker"),
        TextDocument("b", "Python"),
    ]
    lines = [b'\xef\xbb\xbf{"id": "a", "text": "Python"}\n']  # standard input, likewise
    assert read_jsonl("<stdin>", lines) == [TextDocument("a", "Python")]
