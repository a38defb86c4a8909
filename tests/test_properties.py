"""Property tests: any text is handled, offsets always slice to the mention's text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import FitReport, Profile, SkillMatcher
from skillmatch.normalize import tokenize

WORDS = st.sampled_from(
    ["Python", "C++", "C#", ".NET", "go", "Go", "R&D", "AWS", "laws", "Node.js", "CI/CD", "Pyhton",
     "Tensor", "Flow", "5+", "years", "or", "and", ",", "/", "\n", "Requirements:", "Nice to have:",
     "İstanbul", "ﬁle", "—", "“quoted”", "\u00a0", "Kubernets", "Power", "BI", "scikit-learn", "é"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
def test_any_text_gives_mentions_that_slice_to_their_text(matcher: SkillMatcher, text: str) -> None:
    for kind in ("job", "resume"):
        profile = matcher.parse_job(text) if kind == "job" else matcher.parse_resume(text)
        for skill in profile.skills:
            for m in skill.mentions:
                assert text[m.start : m.end] == m.text
                assert 0 <= m.start < m.end <= len(text)
        assert (
            profile.model_dump_json()
            == (
                matcher.parse_job(text) if kind == "job" else matcher.parse_resume(text)
            ).model_dump_json()
        )


# Characters real texts carry that the word list above lacks: line ends and blanks of other
# systems, marks of no width, astral characters, combining accents, full-width letters, a
# byte-order mark, and lone surrogates (a JSON escape such as \ud800 makes one).
ODD = st.sampled_from(
    ["\r\n", "\r", "\t", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", "\u3000", "🚀",
     "👩\u200d💻", "𝐏𝐲𝐭𝐡𝐨𝐧", "e\u0301", "Ｐｙｔｈｏｎ", "ＡＷＳ", "\ud800", "\udce9", "ﬂ", "ß",
     "\uf0a7", "Docker", "SQL", "Machine learning", "3 years of", "Senior Java Developer\n"]
)  # fmt: skip
GLUE = st.sampled_from(["", " ", "\n", ", "])
ODD_TEXTS = st.lists(st.tuples(st.one_of(WORDS, ODD), GLUE), max_size=50).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ODD_TEXTS, job=st.sampled_from(["", "\ufeff", "Requirements:\n- Python\n- "]))
def test_odd_characters_keep_offsets_and_every_result_round_trips_through_json(
    matcher: SkillMatcher, text: str, job: str
) -> None:
    job_text = job + text
    for profile in (matcher.parse_job(job_text), matcher.parse_resume(text), matcher.extract(text)):
        source = job_text if profile.kind == "job" else text
        assert profile.length == len(source)
        for skill in profile.skills:
            for m in skill.mentions:
                assert 0 <= m.start < m.end <= len(source)
                assert source[m.start : m.end] == m.text
        assert Profile.model_validate_json(profile.model_dump_json()) == profile
    for sid, start, end, _ in matcher.spans(text):
        assert 0 <= start < end <= len(text) and sid
    report = matcher.score(job_text, text)
    for matched in report.matched:
        for e in matched.evidence:
            assert text[e.start : e.end] == e.text
    assert FitReport.model_validate_json(report.model_dump_json()) == report


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_tokens_are_in_order_and_inside_the_text(text: str) -> None:
    starts, ends, norms = tokenize(text)
    assert starts == sorted(starts)
    for s, e, n in zip(starts, ends, norms, strict=True):
        assert 0 <= s < e <= len(text)
        assert n


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.text(alphabet="ab_&1 ,.-xY\t\né–“•\u2010", max_size=40))
)
def test_fast_paths_agree_with_the_regular_expressions(text: str) -> None:
    import re

    from skillmatch.matcher import _WORD, _words
    from skillmatch.normalize import _BLANK_BYTES, _BLANKED, _FOLD_MAP, blank_punctuation, fold

    assert _words(text) == frozenset(_WORD.findall(text))
    folded = re.sub("[" + "".join(_FOLD_MAP) + "]", lambda m: _FOLD_MAP[m.group()], text).lower()
    assert fold(text) == folded
    marks = "".join(c for c in _BLANKED if not c.isascii())
    blanked = re.sub(f"[{marks}]", " ", text.encode().translate(_BLANK_BYTES).decode())
    assert blank_punctuation(text) == blanked
