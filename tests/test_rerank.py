"""Ranking from skill vectors (rank without reports, as the CLI does): unchanged files are not
read again, collections re-rank with no input, --top/--min-score select before the matched
and missing ids are worked out, and the rows equal the full-report path's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import ERRORS, JOB, MIDDLE, READABLE, STRONG, WEAK, corpus  # noqa: F401

from skillmatch import SkillMatcher, batch, cli
from skillmatch.batch import Collection, TextDocument, rank
from skillmatch.cache import ProfileCache
from skillmatch.errors import SkillmatchError

OTHER_JOB = "Required: Tableau and Kubernetes"


def _rows(rows: list) -> list[tuple]:
    return [(r.rank, r.document, r.score, r.matched, r.missing, r.error) for r in rows]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the ranking reads (in this process: workers=1)."""
    seen: list[str] = []
    real = batch._read

    def spy(path: str) -> str:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(batch, "_read", spy)
    return seen


def test_vector_rows_equal_full_report_rows_fresh_and_cached(
    mini: SkillMatcher,
    corpus: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    full = rank(mini, JOB, [corpus], workers=1, cache=False)
    cache = tmp_path / "c.sqlite3"
    fresh = rank(mini, JOB, [corpus], workers=1, cache=cache, reports=False)
    cached = rank(mini, JOB, [corpus], workers=1, cache=cache, reports=False)
    assert _rows(fresh) == _rows(full)
    assert _rows(cached) == _rows(full)
    assert [r.score for r in full if r.error is None] == [100.0, 100.0, 50.0, 5.0]


def test_one_and_two_workers_give_identical_vector_rows(
    mini: SkillMatcher,
    corpus: Path,  # noqa: F811
) -> None:
    docs = [corpus, TextDocument("rec", MIDDLE + "Docker"), TextDocument("dup", STRONG)]
    one = rank(mini, JOB, docs, workers=1, cache=False, reports=False)
    two = rank(mini, JOB, docs, workers=2, cache=False, reports=False)
    assert one == two
    assert len(one) == len(READABLE) + len(ERRORS) + 2


def test_unchanged_files_are_not_read_again_and_changed_ones_are(
    mini: SkillMatcher, tmp_path: Path, reads: list[str]
) -> None:
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "a.txt").write_text(STRONG, encoding="utf-8")
    (folder / "b.txt").write_text(WEAK, encoding="utf-8")
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        rank(mini, JOB, [folder], workers=1, cache=cache, reports=False)
        assert sorted(reads) == ["a.txt", "b.txt"]
        reads.clear()
        again = rank(mini, OTHER_JOB, [folder], workers=1, cache=cache, reports=False)
        assert reads == []
        assert [(r.document, r.score) for r in again] == [
            (str(folder / "a.txt"), 100.0),
            (str(folder / "b.txt"), 20.0),  # Power BI: related to Tableau
        ]
        (folder / "b.txt").write_text("Skills: Tableau, Kubernetes\n", encoding="utf-8")
        touched = folder / "a.txt"
        os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
        hits, misses = cache.hits, cache.misses
        changed = rank(mini, OTHER_JOB, [folder], workers=1, cache=cache, reports=False)
        assert sorted(reads) == ["a.txt", "b.txt"]  # a new size, a new mtime: both read
        assert (cache.hits - hits, cache.misses - misses) == (1, 1)  # only b's text is new
    # both cover the job; b is about nothing else, so it is the more relevant
    assert [(r.document, r.score, r.relevance) for r in changed] == [
        (str(folder / "b.txt"), 100.0, 100.0),
        (str(folder / "a.txt"), 100.0, 79.5),  # focus 2 / (√2 · √5) = 63.2
    ]


def test_a_collection_re_ranks_from_the_cache_without_reading(
    mini: SkillMatcher,
    corpus: Path,  # noqa: F811
    tmp_path: Path,
    reads: list[str],
) -> None:
    path = tmp_path / "c.sqlite3"
    docs = [corpus, TextDocument("rec", MIDDLE)]
    rank(mini, JOB, docs, workers=1, cache=path, reports=False, file_as="pool")
    reads.clear()
    direct = rank(mini, OTHER_JOB, docs, workers=1, cache=path, reports=False)
    reads.clear()
    pooled = rank(mini, OTHER_JOB, [Collection("pool")], workers=1, cache=path, reports=False)
    assert reads == []
    assert _rows(pooled) == [row for row in _rows(direct) if row[-1] is None]  # errors unfiled
    assert len(pooled) == len(READABLE) + 1


def test_a_collection_ranks_alike_from_its_stored_parts_and_next_to_other_documents(
    mini: SkillMatcher,
    corpus: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    docs = [corpus, TextDocument("rec", MIDDLE)]
    rank(mini, JOB, docs, workers=1, cache=path, reports=False, file_as="pool")
    extra = [TextDocument("extra", WEAK + " Docker"), TextDocument("bad", error="no text")]
    direct = rank(mini, OTHER_JOB, [*docs, *extra], workers=1, cache=path, reports=False)
    joined = rank(mini, OTHER_JOB, [Collection("pool")], workers=1, cache=path, reports=False)
    with ProfileCache(path) as cache:  # the first re-rank stored the collection in parts
        parts = cache._select("SELECT count(*) FROM collection_parts", ())
    assert parts == [(1,)]
    stored = rank(mini, OTHER_JOB, [Collection("pool")], workers=1, cache=path, reports=False)
    assert stored == joined
    mixed = [extra[0], Collection("pool"), extra[1]]
    both = rank(mini, OTHER_JOB, mixed, workers=1, cache=path, reports=False)
    expected = [row for row in _rows(direct) if row[-1] is None or row[1] == "bad"]
    assert _rows(both) == expected
    assert [r.document for r in both][-1] == "bad"


def test_a_collection_member_the_cache_lost_is_an_error_row(
    mini: SkillMatcher, tmp_path: Path
) -> None:
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        cache.put_collection("pool", [("gone.txt", "f" * 64)])
        rank(mini, JOB, [TextDocument("kept", STRONG)], cache=cache, reports=False, file_as="pool")
        rows = rank(mini, JOB, [Collection("pool")], cache=cache, reports=False)
    assert _rows(rows) == [
        (1, "kept", 100.0, ("python", "pytorch", "docker", "kubernetes", "tableau"), (), None),
        (None, "gone.txt", None, (), (), batch._NOT_CACHED),
    ]


def test_collections_need_the_cache_and_the_vector_path(mini: SkillMatcher) -> None:
    with pytest.raises(SkillmatchError, match="collections live in the profile cache"):
        rank(mini, JOB, [Collection("pool")], cache=False, reports=False)
    with pytest.raises(SkillmatchError, match="ranked from cached skill vectors only"):
        rank(mini, JOB, [Collection("pool")], reports=True)


def test_top_and_min_score_select_the_rows_a_full_ranking_would_show(
    mini: SkillMatcher,
) -> None:
    docs = [TextDocument(n, STRONG) for n in ("d", "b", "c")]
    docs += [TextDocument("m", MIDDLE), TextDocument("w", WEAK), TextDocument("x", error="bad")]
    full = rank(mini, JOB, docs, workers=1, cache=False, reports=False)
    assert [(r.document, r.score) for r in full] == [
        ("b", 100.0),
        ("c", 100.0),
        ("d", 100.0),
        ("m", 50.0),
        ("w", 5.0),
        ("x", None),
    ]
    top2 = rank(mini, JOB, docs, workers=1, cache=False, reports=False, top=2)
    assert top2 == [full[0], full[1], full[-1]]  # ties at the cut settled by name
    above = rank(mini, JOB, docs, workers=1, cache=False, reports=False, min_score=50)
    assert above == [*full[:4], full[-1]]
    reported = rank(mini, JOB, docs, workers=1, cache=False, top=2)  # the report path too
    assert _rows(reported) == _rows(top2)


def test_cli_collection_round_trip_and_an_unknown_collection(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    (tmp_path / "job.txt").write_text(JOB, encoding="utf-8")
    folder = tmp_path / "cvs"
    folder.mkdir()
    for name, text in (("s.txt", STRONG), ("m.txt", MIDDLE), ("w.txt", WEAK)):
        (folder / name).write_text(text, encoding="utf-8")
    cache = str(tmp_path / "c.sqlite3")
    runner = CliRunner()
    base = ["rank", "--job", str(tmp_path / "job.txt"), "--cache", cache, "--csv"]
    first = runner.invoke(cli.main, [*base, str(folder), "--collection", "pool"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli.main, [*base, "--collection", "pool", "--top", "2"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[1:] == first.stdout.splitlines()[1:3]
    assert "ranked 3 of 3 documents" in again.stderr
    assert "3 from the cache" in again.stderr
    unknown = runner.invoke(cli.main, [*base, "--collection", "nope"])
    assert unknown.exit_code == 1
    assert "no documents are filed under the collection 'nope'" in unknown.stderr
    refused = runner.invoke(cli.main, [*base, "--collection", "pool", "--no-cache"])
    assert refused.exit_code == 2


def test_profiles_cached_by_streaming_carry_vectors_for_the_vector_path(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [TextDocument("s", STRONG), TextDocument("w", WEAK)]
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        list(batch.iter_rows(mini, JOB, docs, workers=1, cache=cache, reports=False))
        monkeypatch.setattr(mini, "parse_resume", lambda text: pytest.fail("extracted again"))
        rows = rank(mini, OTHER_JOB, docs, workers=1, cache=cache, reports=False)
        assert (cache.hits, cache.misses) == (2, 2)  # the streamed run missed, this one hit
    assert [(r.document, r.score) for r in rows] == [("s", 100.0), ("w", 20.0)]


def test_a_corrupt_cache_is_rebuilt_on_the_vector_path(mini: SkillMatcher, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"\x00not SQLite at all" * 64)
    docs = [TextDocument("s", STRONG), TextDocument("m", MIDDLE)]
    with ProfileCache(path) as cache:
        rows = rank(mini, JOB, docs, workers=1, cache=cache, reports=False, file_as="pool")
        assert cache.recovered is not None and cache.stores == 2
    assert _rows(rows) == _rows(rank(mini, JOB, docs, workers=1, cache=False))
    pooled = rank(mini, JOB, [Collection("pool")], cache=path, reports=False)
    assert _rows(pooled) == _rows(rows)


def test_a_job_read_before_comes_from_the_cache_without_loading_the_index(
    mini: SkillMatcher, tmp_path: Path
) -> None:
    from skillmatch.batch import job_profile

    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        first = job_profile(mini, JOB, cache)
        fresh = SkillMatcher(mini.taxonomy, cache_dir=False)
        again = job_profile(fresh, JOB, cache)
        assert again == first
        assert "_index" not in fresh.__dict__  # nothing was parsed: the index never loaded
        other = job_profile(fresh, OTHER_JOB, cache)
        assert [s.id for s in other.skills] == ["tableau", "kubernetes"]
        assert "_index" in fresh.__dict__


def test_a_job_read_with_another_salience_model_is_read_again(
    matcher: SkillMatcher, tmp_path: Path
) -> None:
    from skillmatch.batch import job_profile

    text = (
        "Our platform group maintains a large data lake and several Kubernetes clusters that "
        "power reporting for the whole company, and it works closely with finance on quarterly "
        "planning and budgeting."
    )
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        judged = job_profile(matcher, text, cache)
        plain = job_profile(SkillMatcher(matcher.taxonomy, salience=False), text, cache)
        again = job_profile(SkillMatcher(matcher.taxonomy), text, cache)
    finance = {s.id: s for s in judged.skills}["finance"]
    assert finance.mentions[0].incidental
    assert not {s.id: s for s in plain.skills}["finance"].mentions[0].incidental
    assert again == judged


def test_the_matcher_loads_its_index_on_first_use(mini: SkillMatcher) -> None:
    fresh = SkillMatcher(mini.taxonomy, cache_dir=False)
    assert "_index" not in fresh.__dict__
    assert [s.id for s in fresh.parse_job(OTHER_JOB).skills] == ["tableau", "kubernetes"]
    assert "_index" in fresh.__dict__
