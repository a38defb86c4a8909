"""Streaming a batch: inputs are read, looked up and extracted a chunk at a time (batch._CHUNK,
made tiny here so that a few documents span several chunks), only what the output needs is
kept, and the rows are those of one big chunk: every input once, in the same order, with hits,
misses, duplicates and bad records mixed."""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import JOB, MIDDLE, STRONG, WEAK

from skillmatch import SkillMatcher, batch, cli
from skillmatch.batch import Collection, TextDocument, iter_jsonl, iter_rows, rank
from skillmatch.cache import ProfileCache
from skillmatch.errors import DocumentError

OTHER_JOB = "Required: Tableau and Kubernetes"


class _Text(str):
    """A text that can be watched with a weak reference: is anything still holding it?"""


def _documents(n: int) -> list[TextDocument]:
    """n records: strong, middle and weak texts made distinct, a bad record every seventh,
    and a duplicate of the first text every fifth."""
    docs = []
    for i in range(n):
        if i % 7 == 6:
            docs.append(TextDocument(f"bad-{i:02d}", error="not valid JSON (Expecting value)"))
        elif i % 5 == 4:
            docs.append(TextDocument(f"dup-{i:02d}", STRONG + "(ref 0)"))
        else:
            text = (STRONG, MIDDLE, WEAK + "Docker\n")[i % 3]
            docs.append(TextDocument(f"r-{i:02d}", f"{text}(ref {i})"))
    return docs


def _prepared(path: Path, mini: SkillMatcher, docs: list[TextDocument]) -> None:
    """A cache holding the profiles of every third record (hits among misses), and a
    collection of two of them."""
    rank(mini, JOB, docs[::3], workers=1, cache=path, reports=False, file_as="pool")


def _summary(rows: list) -> list[tuple]:
    return [(r.rank, r.document, r.score, r.focus, r.matched, r.missing, r.error) for r in rows]


@pytest.mark.parametrize(
    ("workers", "selection"),
    [(1, {}), (2, {}), (1, {"top": 4}), (2, {"top": 3, "min_score": 40.0})],
)
def test_a_stream_in_small_chunks_ranks_as_one_chunk_does(
    mini: SkillMatcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    workers: int,
    selection: dict,
) -> None:
    docs = _documents(40)
    (tmp_path / "cv.txt").write_text(MIDDLE + "Tableau", encoding="utf-8")
    inputs = [*docs[:20], Collection("pool"), str(tmp_path / "cv.txt"), *docs[20:]]
    one, many = tmp_path / "one.sqlite3", tmp_path / "many.sqlite3"
    _prepared(one, mini, docs)
    _prepared(many, mini, docs)
    with ProfileCache(one) as cache:
        whole = rank(mini, OTHER_JOB, inputs, workers=1, cache=cache, reports=False)
        counts = (cache.hits, cache.misses)
    monkeypatch.setattr(batch, "_CHUNK", 3)
    with ProfileCache(many) as cache:
        chunked = rank(
            mini, OTHER_JOB, iter(inputs), workers=workers, cache=cache, reports=False, **selection
        )
        assert (cache.hits, cache.misses) == counts
    assert chunked == batch.select_rows(whole, **selection)  # the best rows, ties settled alike
    if selection:
        assert len([r for r in chunked if r.error is None]) == selection["top"]
        return
    members = rank(mini, OTHER_JOB, [Collection("pool")], cache=many, reports=False)
    names = [d.id for d in docs] + [r.document for r in members] + [str(tmp_path / "cv.txt")]
    assert sorted(r.document for r in chunked) == sorted(names)  # each input exactly once
    assert [r.document for r in chunked if r.error] == [f"bad-{i:02d}" for i in range(6, 40, 7)]
    # 40 records: 5 bad, 7 duplicates of r-00's text, 28 others; every third read before
    # (9 others, r-00 among them, and 3 duplicates: the 12 members of the collection).
    # Hits: those 9, the 7 duplicates, the 12 members; misses: the 19 other others, the file.
    assert len(members) == 12
    assert counts == (9 + 7 + 12, 19 + 1)


@pytest.mark.parametrize("options", [{"reports": False}, {"explain": True}])
def test_streamed_rows_come_in_input_order_chunk_after_chunk(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch, options: dict
) -> None:
    docs = _documents(17)
    whole = list(iter_rows(mini, JOB, docs, workers=1, cache=False, **options))
    monkeypatch.setattr(batch, "_CHUNK", 4)
    calls: list[tuple[int, int]] = []
    chunked = list(
        iter_rows(
            mini,
            JOB,
            iter(docs),
            workers=2,
            cache=False,
            progress=lambda d, t: calls.append((d, t)),
            **options,
        )
    )
    assert chunked == whole
    assert [r.document for r in chunked] == [d.id for d in docs]
    assert calls[0] == (0, 4) and calls[-1] == (17, 17)  # the total grows as chunks are read
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def _watched(n: int, alive: list[int]) -> Iterator[TextDocument]:
    """n records whose texts are watched: before yielding each, count how many texts handed
    out earlier something still holds."""
    refs: list[weakref.ref] = []
    for doc in _documents(n):
        alive.append(sum(ref() is not None for ref in refs))
        text = _Text(doc.text)
        refs.append(weakref.ref(text))
        yield TextDocument(doc.id, text, doc.error)


@pytest.mark.parametrize(
    "ranking",
    [
        lambda m, docs: rank(m, JOB, docs, workers=1, cache=False, reports=False),
        lambda m, docs: list(iter_rows(m, JOB, docs, workers=1, cache=False, reports=False)),
        lambda m, docs: rank(m, JOB, docs, workers=1, cache=False, explain=True),
    ],
    ids=["vectors", "rows", "explain"],
)
def test_a_stream_holds_the_texts_of_one_chunk_at_most(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch, ranking: object
) -> None:
    monkeypatch.setattr(batch, "_CHUNK", 5)
    alive: list[int] = []
    rows = ranking(mini, _watched(60, alive))  # type: ignore[operator]
    assert len(rows) == 60
    # never more than the chunk being read and the one before it, however long the stream
    assert len(alive) == 60 and max(alive) <= 2 * 5


def test_jsonl_records_are_read_as_they_are_consumed(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "a", "text": "Python"}) + "\n"
    bad = b'{"id": "b", "text": "caf\xe9"}\n'
    path.write_bytes(good.encode() * 5000 + bad)
    records = iter_jsonl(path)
    assert next(records) == TextDocument("a", "Python")
    with path.open("ab") as fh:  # written after the first record was read: still to come
        fh.write(b'{"id": "late", "text": "SQL"}\n')
    rest = list(records)
    offset = len(good) * 5000 + bad.index(b"\xe9")
    assert len(rest) == 5001
    assert rest[-2:] == [
        TextDocument(
            f"{path}:5001",
            error=f"not UTF-8 text (byte offset {offset} in the input)",
        ),
        TextDocument("late", "SQL"),
    ]
    with pytest.raises(DocumentError, match="no such file"):
        iter_jsonl(tmp_path / "gone.jsonl")  # at once, before anything is consumed


def test_rows_before_an_input_that_fails_part_way_are_all_yielded_first(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read error stops the run where it is found, not at the start of its chunk."""
    monkeypatch.setattr(batch, "_CHUNK", 5)
    docs = _documents(7)

    def failing() -> Iterator[TextDocument]:
        yield from docs
        raise DocumentError("in.jsonl", "cannot read: Input/output error")

    rows = iter_rows(mini, JOB, failing(), workers=1, cache=False, reports=False)
    seen = []
    with pytest.raises(DocumentError, match="Input/output error"):
        for row in rows:
            seen.append(row.document)
    assert seen == [d.id for d in docs]


def test_cli_ndjson_streams_every_record_around_a_line_that_is_not_utf8(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    monkeypatch.setattr(batch, "_CHUNK", 4)
    (tmp_path / "job.txt").write_text(JOB, encoding="utf-8")
    good = [json.dumps({"id": f"r{i}", "text": STRONG}).encode() + b"\n" for i in range(9)]
    bad = b'{"id": "bad", "text": "caf\xe9"}\n'
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(good[:6]) + bad + b"".join(good[6:]))
    args = ["rank", "--job", str(tmp_path / "job.txt"), "--jsonl", str(path), "--ndjson"]
    done = CliRunner().invoke(cli.main, [*args, "--no-cache"])
    assert done.exit_code == 1, done.output
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    offset = len(b"".join(good[:6])) + bad.index(b"\xe9")
    assert [(r["document"], r["error"]) for r in rows] == [
        *[(f"r{i}", None) for i in range(6)],
        (f"{path}:7", f"not UTF-8 text (byte offset {offset} in the input)"),
        *[(f"r{i}", None) for i in range(6, 9)],
    ]


def test_cli_jsonl_output_is_the_same_for_any_chunk_size(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    (tmp_path / "job.txt").write_text(JOB, encoding="utf-8")
    lines = [json.dumps({"id": d.id, "text": d.text}) for d in _documents(23) if not d.error]
    lines[5:5] = ["not json", '{"id": "blank", "text": " "}']
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = ["rank", "--job", str(tmp_path / "job.txt"), "--jsonl", str(tmp_path / "in.jsonl")]
    outputs = {}
    for chunk in (1000, 2):
        monkeypatch.setattr(batch, "_CHUNK", chunk)
        for extra in (["--json"], ["--ndjson"], ["--csv", "--top", "3"]):
            cache = str(tmp_path / f"c-{chunk}.sqlite3")
            done = CliRunner().invoke(cli.main, [*base, *extra, "--cache", cache])
            assert done.exit_code == 1, done.output  # two records cannot be read
            outputs[chunk, extra[0]] = done.stdout
    for extra in ("--json", "--ndjson", "--csv"):
        assert outputs[2, extra] == outputs[1000, extra]
    rows = json.loads(outputs[2, "--json"])
    assert len(rows) == len(lines)
    assert [r["document"] for r in rows if r["error"]] == [f"{tmp_path / 'in.jsonl'}:6", "blank"]


def test_the_dask_engine_streams_chunks_as_the_local_engine_does(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last in this file: a cluster leaves threads behind, and later pools must spawn."""
    distributed = pytest.importorskip("distributed")
    docs = _documents(12)
    local = rank(mini, JOB, docs, workers=1, cache=False, reports=False, top=5)
    monkeypatch.setattr(batch, "_CHUNK", 4)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        remote = rank(
            mini,
            JOB,
            iter(docs),
            engine="dask",
            scheduler=cluster.scheduler_address,
            cache=tmp_path / "c.sqlite3",
            reports=False,
            top=5,
        )
    assert remote == local
