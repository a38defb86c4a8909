"""The salience model: knowledge named in passing in a posting is flagged `incidental`, kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmatch import SkillMatcher, load_taxonomy
from skillmatch.errors import TaxonomyError
from skillmatch.salience import probability, sentence_features
from skillmatch.taxonomy import Salience, SalienceWeights

MINI = Path(__file__).parent / "fixtures" / "mini"
# a long sentence about a team's work that asks nothing of the reader: 'finance' is named in
# passing
IN_PASSING = (
    "The platform group maintains a large data lake and several Kubernetes clusters that power "
    "reporting for the whole company, and it works closely with finance on quarterly planning "
    "and budgeting."
)


def _flags(profile) -> dict[str, list[bool]]:
    return {s.id: [m.incidental for m in s.mentions] for s in profile.skills}


ASKED = "You have three years of experience with Python, Kafka and Terraform."


def test_knowledge_named_in_passing_is_flagged_but_kept(matcher: SkillMatcher) -> None:
    assert _flags(matcher.extract(IN_PASSING))["finance"] == [True]


def test_knowledge_asked_of_the_candidate_is_not_flagged(matcher: SkillMatcher) -> None:
    flags = _flags(matcher.extract(ASKED))
    assert flags == {"python": [False], "apache-kafka": [False], "terraform": [False]}


def test_a_job_skill_named_only_in_passing_is_preferred(matcher: SkillMatcher) -> None:
    levels = {s.id: s.requirement for s in matcher.parse_job(IN_PASSING + " " + ASKED).skills}
    assert levels["finance"] == "preferred"
    assert levels["python"] == "required"


def test_abilities_are_never_judged(matcher: SkillMatcher) -> None:
    flags = _flags(matcher.extract(IN_PASSING))
    assert flags["collaboration"] == [False]  # 'works closely with'


def test_a_list_of_requirements_is_never_judged(matcher: SkillMatcher) -> None:
    flags = _flags(matcher.parse_job("Requirements:\n- " + IN_PASSING))
    assert flags["finance"] == [False]


def test_a_list_of_duties_is_never_judged(matcher: SkillMatcher) -> None:
    flags = _flags(matcher.parse_job("Responsibilities:\n- " + IN_PASSING))
    assert flags["finance"] == [False]


def test_a_resume_is_never_judged(matcher: SkillMatcher) -> None:
    flags = _flags(matcher.parse_resume(IN_PASSING))
    assert not any(f for fs in flags.values() for f in fs)


def test_exact_spans_keep_what_is_flagged(matcher: SkillMatcher) -> None:
    assert "finance" in {sid for sid, *_ in matcher.spans(IN_PASSING)}


def test_salience_off_flags_nothing(matcher: SkillMatcher) -> None:
    plain = SkillMatcher(matcher.taxonomy, salience=False)
    assert plain.salience is None
    flags = _flags(plain.extract(IN_PASSING))
    assert not any(f for fs in flags.values() for f in fs)


def test_a_matcher_takes_another_salience_model(matcher: SkillMatcher) -> None:
    assert matcher.salience is not None
    doubting = matcher.salience.model_copy(update={"bias": -50.0})
    trusting = matcher.salience.model_copy(update={"bias": 50.0})
    flags = _flags(SkillMatcher(matcher.taxonomy, salience=doubting).extract(IN_PASSING))
    assert flags["kubernetes"] == [True] and flags["finance"] == [True]
    assert flags["collaboration"] == [False]
    flags = _flags(SkillMatcher(matcher.taxonomy, salience=doubting).extract(ASKED))
    assert flags["python"] == [True]
    flags = _flags(SkillMatcher(matcher.taxonomy, salience=trusting).extract(IN_PASSING))
    assert not any(f for fs in flags.values() for f in fs)


def test_the_bundled_model_has_a_model_for_each_half_of_its_data(matcher: SkillMatcher) -> None:
    model = matcher.salience
    assert model is not None
    assert set(model.folds) == {"odd", "even"}
    assert 0 < model.threshold < 1


def test_a_listed_tool_after_a_cue_has_those_features(matcher: SkillMatcher) -> None:
    text = "You have experience with Python, Kafka and Terraform."
    rows = {sid: f for sid, _, _, f in matcher.salience_rows(text)}
    kafka = rows["apache-kafka"]
    assert kafka["listed"] == 1.0
    assert kafka["cue_before"] == 1.0
    assert kafka["others_specific"] == 1.0
    assert kafka["you"] == 1.0
    assert kafka["cat=data-engineering"] == 1.0
    assert "we" not in kafka


def test_sentence_features_tell_length_and_whom_it_speaks_of() -> None:
    text = "We build tools. You will use them daily with the team here in town."
    assert sentence_features(text, 0, 15) == {"length": 3 / 60, "short": 1.0, "we": 1.0}
    f = sentence_features(text, 16, len(text))
    assert f["you"] == 1.0 and "we" not in f and "short" not in f


def test_probability_is_the_logistic_of_the_weighted_sum() -> None:
    model = SalienceWeights(bias=-1.0, weights={"listed": 2.0, "we": -1.0})
    assert probability(model, {"listed": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-1.0))
    assert probability(model, {"unknown": 5.0}) == pytest.approx(1 / (1 + 2.718281828**1.0))


def _write(path: Path, threshold: float) -> Path:
    path.write_text(
        "salience:\n"
        "  source: a test\n"
        f"  threshold: {threshold}\n"
        "  bias: 0.5\n"
        "  weights: {listed: 1.0}\n"
    )
    return path


def test_an_extra_taxonomy_file_replaces_the_salience_model(tmp_path: Path) -> None:
    taxonomy = load_taxonomy([MINI], extra=[_write(tmp_path / "s.yaml", 0.4)])
    assert taxonomy.salience == Salience(
        source="a test", threshold=0.4, bias=0.5, weights={"listed": 1.0}
    )


def test_a_taxonomy_without_a_model_judges_nothing() -> None:
    assert load_taxonomy([MINI]).salience is None


def test_a_threshold_outside_zero_to_one_is_a_clear_taxonomy_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy([MINI], extra=[_write(tmp_path / "s.yaml", 1.5)])
    assert "threshold" in str(err.value)


def test_every_weight_of_the_bundled_model_names_a_feature_the_code_makes(
    matcher: SkillMatcher,
) -> None:
    """A renamed or retired feature would silently weigh nothing: refit the model instead."""
    model = matcher.salience
    assert model is not None
    plain = {
        "length", "short", "we", "you", "asks", "duty", "lower", "upper", "words", "symbol",
        "cue_before", "cue_after", "position", "after_colon", "after_paren", "others",
        "others_specific", "listed",
    }  # fmt: skip
    categories = {s.category for s in matcher.taxonomy.skills.values() if s.kind != "ability"}
    made = plain | {f"cat={c}" for c in categories} | {"match=exact", "match=alias", "match=fuzzy"}
    for weights in (model, *model.folds.values()):
        assert set(weights.weights) <= made, set(weights.weights) - made
