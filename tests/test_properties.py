"""Property tests: any text is handled, offsets always slice to the mention's text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch import SkillMatcher
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


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_tokens_are_in_order_and_inside_the_text(text: str) -> None:
    starts, ends, norms = tokenize(text)
    assert starts == sorted(starts)
    for s, e, n in zip(starts, ends, norms, strict=True):
        assert 0 <= s < e <= len(text)
        assert n
