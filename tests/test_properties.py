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
