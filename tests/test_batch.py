"""Batch ranking: inputs of every format, error rows, order, workers, cache, Dask, and the
`skillmatch rank` command. Library tests use the small `mini` taxonomy; CLI tests hand the
command the same matcher, plus one smoke test on the bundled taxonomy."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_documents import (
    BINARY,
    CORRUPT_PDF,
    make_docx,
    make_encrypted_pdf,
    make_html,
    make_pdf,
    make_scanned_pdf,
)

from skillmatch import SkillMatcher, batch, cli
from skillmatch.batch import (
    TextDocument,
    expand_documents,
    iter_rows,
    rank,
    read_jsonl,
    select_rows,
)
from skillmatch.cache import ProfileCache
from skillmatch.errors import SkillmatchError
from skillmatch.models import RankedRow

JOB = (
    "Requirements:\n- 3+ years of Python\n- PyTorch or TensorFlow\n- Docker\n\n"
    "Nice to have:\n- Kubernetes\n- Tableau\n"
)
STRONG = "Skills: Python (5 years), PyTorch, Docker, Kubernetes, Tableau\n"
MIDDLE = "Skills: Python (4 years), TensorFlow\n"
WEAK = "Skills: Power BI\n"
ROW_KEYS = [
    "rank",
    "document",
    "score",
    "focus",
    "role",
    "relevance",
    "matched",
    "missing",
    "error",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of résumés in every format, some unreadable, plus files a folder skips."""
    root = tmp_path / "cvs"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a-strong.txt").write_text(STRONG, encoding="utf-8")
    (root / "b-middle.pdf").write_bytes(make_pdf(MIDDLE.splitlines()))
    (root / "nested" / "c-weak.docx").write_bytes(make_docx([WEAK.strip()]))
    (root / "nested" / "deeper" / "d-strong.html").write_text(
        make_html(STRONG.splitlines()), encoding="utf-8"
    )
    (root / "e-corrupt.pdf").write_bytes(CORRUPT_PDF)
    (root / "f-encrypted.pdf").write_bytes(make_encrypted_pdf(["Python"]))
    (root / "g-empty.md").write_bytes(b"")
    (root / "h-binary.txt").write_bytes(BINARY)
    (root / "i-scan.pdf").write_bytes(make_scanned_pdf())
    (root / "notes.json").write_text("{}", encoding="utf-8")  # unsupported suffix: skipped
    (root / ".hidden" / "x.txt").write_text(STRONG, encoding="utf-8")  # hidden: skipped
    (root / "~$lock.docx").write_bytes(b"lock")  # Word lock file: skipped
    return root


READABLE = ["a-strong.txt", "b-middle.pdf", "nested/c-weak.docx", "nested/deeper/d-strong.html"]
ERRORS = {
    "e-corrupt.pdf": "corrupt or unreadable PDF",
    "f-encrypted.pdf": "encrypted PDF (needs a password)",
    "g-empty.md": "empty document (no text)",
    "h-binary.txt": "binary file, not text (supported: .txt .md .pdf .docx .html)",
    "i-scan.pdf": "PDF has no text layer (a scanned image?); OCR it first",
}


def names(rows: list[RankedRow], root: Path) -> list[str]:
    return [Path(r.document).relative_to(root).as_posix() for r in rows]


# -- inputs ----------------------------------------------------------------------------------


def test_folders_expand_recursively_sorted_skipping_hidden_and_unsupported(corpus: Path) -> None:
    found = expand_documents([corpus])
    assert [Path(str(p)).relative_to(corpus).as_posix() for p in found] == sorted(
        [*READABLE, *ERRORS]
    )


def test_jsonl_records_and_bad_lines_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "r1", "text": "Python"}\n'
        "\n"
        '{"id": 7, "text": "Docker"}\n'
        "not json\n"
        '{"id": "r4"}\n'
        '{"text": "   "}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    assert read_jsonl(path) == [
        TextDocument("r1", "Python"),
        TextDocument("7", "Docker"),
        TextDocument(f"{path}:4", error="not valid JSON (Expecting value)"),
        TextDocument("r4", error='no "text" string in the record'),
        TextDocument(f"{path}:6", error="empty document (no text)"),
        TextDocument(f"{path}:7", error="not a JSON object"),
    ]


def test_jsonl_line_that_is_not_utf8_becomes_an_error_row_named_by_its_line(
    tmp_path: Path,
) -> None:
    """As a line of bad JSON does: one bad record is not the end of the others."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "r1", "text": "Python"}\n'  # 31 bytes
        b"\n"
        b'{"id": "bad", "text": "caf\xe9"}\n'  # the \xe9 is byte 26 of this line
        b'{"id": "r4", "text": "SQL"}\n'
    )
    assert read_jsonl(path) == [
        TextDocument("r1", "Python"),
        TextDocument(f"{path}:3", error="not UTF-8 text (byte offset 58 in the input)"),
        TextDocument("r4", "SQL"),
    ]


# -- ranking ---------------------------------------------------------------------------------


def test_every_format_is_ranked_and_every_input_appears_once(
    mini: SkillMatcher, corpus: Path
) -> None:
    missing = corpus / "gone.txt"
    strong = corpus / "a-strong.txt"
    rows = rank(mini, JOB, [corpus, strong, missing], workers=1, cache=False)
    assert sorted(r.document for r in rows) == sorted(
        [*(str(p) for p in expand_documents([corpus])), str(strong), str(missing)]
    )
    scored = [r for r in rows if r.error is None]
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5, None, None, None, None, None, None]
    assert names(scored, corpus) == [
        "a-strong.txt",
        "a-strong.txt",
        "nested/deeper/d-strong.html",
        "b-middle.pdf",
        "nested/c-weak.docx",
    ]
    assert [r.score for r in scored] == [100.0, 100.0, 100.0, 50.0, 5.0]
    assert scored[3].matched == ("python", "tensorflow")
    assert scored[3].missing == ("docker", "kubernetes", "tableau")
    assert scored[4].matched == ("tableau",)  # related to Power BI, partial credit
    assert scored[4].missing == ("python", "pytorch", "docker", "kubernetes")


def test_error_rows_come_last_with_null_score_and_the_reason(
    mini: SkillMatcher, corpus: Path
) -> None:
    rows = rank(mini, JOB, [corpus, corpus / "gone.txt"], workers=1, cache=False)
    failed = rows[len(READABLE) :]
    assert all(r.error is None for r in rows[: len(READABLE)])
    assert names(failed, corpus) == sorted([*ERRORS, "gone.txt"])
    reasons = dict(zip(names(failed, corpus), (r.error or "" for r in failed), strict=True))
    expected = {**ERRORS, "gone.txt": "no such file"}
    assert reasons.pop("e-corrupt.pdf").startswith(expected.pop("e-corrupt.pdf") + " (")
    assert reasons == expected
    for row in failed:
        assert (row.rank, row.score, row.matched, row.missing, row.report) == (
            None,
            None,
            (),
            (),
            None,
        )


def test_ties_are_ordered_by_document(mini: SkillMatcher) -> None:
    docs = [TextDocument(n, STRONG) for n in ("c", "a", "b")] + [TextDocument("0", WEAK)]
    rows = rank(mini, JOB, docs, workers=1, cache=False)
    assert [(r.rank, r.document, r.score) for r in rows] == [
        (1, "a", 100.0),
        (2, "b", 100.0),
        (3, "c", 100.0),
        (4, "0", 5.0),
    ]


def test_one_source_alone_is_one_path_not_a_string_of_letters(corpus: Path) -> None:
    # iterating 'cvs/' would give 'c', 'v', 's', '/', and '/' is the whole filesystem
    assert expand_documents(str(corpus)) == expand_documents([corpus])
    assert expand_documents(corpus / "a-strong.txt") == [str(corpus / "a-strong.txt")]
    with pytest.raises(TypeError, match="not bytes"):
        expand_documents(b"cvs/")


def test_rank_takes_a_folder_given_alone(mini: SkillMatcher, corpus: Path) -> None:
    alone = mini.rank(JOB, str(corpus), workers=1, cache=False)
    listed = mini.rank(JOB, [corpus], workers=1, cache=False)
    assert [r.document for r in alone] == [r.document for r in listed]
    assert len(alone) == len(READABLE) + len(ERRORS)


def test_scores_equal_scoring_one_by_one(mini: SkillMatcher, corpus: Path) -> None:
    rows = rank(mini, JOB, [corpus / "b-middle.pdf"], workers=1, cache=False)
    single = mini.score(JOB, MIDDLE)
    assert rows[0].score == single.score
    assert rows[0].matched == tuple(m.id for m in single.matched)


def test_rows_stream_in_input_order_unranked(mini: SkillMatcher) -> None:
    docs = [TextDocument("w", WEAK), TextDocument("s", STRONG), TextDocument("x", error="bad")]
    streamed = list(iter_rows(mini, JOB, docs, workers=1, cache=False))
    assert [(r.document, r.rank, r.error) for r in streamed] == [
        ("w", None, None),
        ("s", None, None),
        ("x", None, "bad"),
    ]


def test_one_and_two_workers_give_identical_rows(mini: SkillMatcher, corpus: Path) -> None:
    docs = [corpus, TextDocument("rec", MIDDLE + "Docker")]
    one = rank(mini, JOB, docs, workers=1, cache=False, explain=True)
    two = rank(mini, JOB, docs, workers=2, cache=False, explain=True)
    assert one == two
    assert [r.report for r in one] == [r.report for r in two]


def test_progress_reports_every_document(mini: SkillMatcher, corpus: Path) -> None:
    calls: list[tuple[int, int]] = []
    rank(mini, JOB, [corpus], workers=2, cache=False, progress=lambda d, t: calls.append((d, t)))
    total = len(READABLE) + len(ERRORS)
    assert calls == [(n, total) for n in range(total + 1)]


def test_explain_quotes_the_resume_line(mini: SkillMatcher) -> None:
    text = "Maya Chen\nBuilt forecasting models in PyTorch on Kubernetes.\nAlso: Docker\n"
    (row,) = rank(mini, JOB, [TextDocument("m", text)], workers=1, cache=False, explain=True)
    assert row.report is not None
    evidence = {m.id: m.evidence[0].snippet for m in row.report.matched}
    assert evidence["pytorch"] == "Built forecasting models in PyTorch on Kubernetes."
    assert evidence["docker"] == "Also: Docker"


def test_an_extraction_failure_is_that_documents_error_row(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = mini.parse_resume

    def fragile(text: str):
        if "BOOM" in text:
            raise RuntimeError("boom")
        return real(text)

    monkeypatch.setattr(mini, "parse_resume", fragile)
    docs = [TextDocument("bad", "BOOM Python"), TextDocument("good", STRONG)]
    rows = rank(mini, JOB, docs, workers=1, cache=False)
    assert [(r.document, r.error) for r in rows] == [
        ("good", None),
        ("bad", "could not analyse the text (RuntimeError: boom)"),
    ]


def test_a_worker_that_dies_is_a_clear_error_not_a_hang(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    real = SkillMatcher.parse_resume

    def fatal(self: SkillMatcher, text: str):
        if "CRASH" in text:
            os._exit(1)  # what the kernel's out-of-memory killer looks like from here
        return real(self, text)

    monkeypatch.setattr(SkillMatcher, "parse_resume", fatal)  # workers build their own matcher
    # forked workers inherit the patch; a thread left by an earlier test (a Dask cluster's)
    # would make the pool spawn workers that never see it
    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("fork"))
    docs = [TextDocument("ok", STRONG), TextDocument("bad", "CRASH")]
    with pytest.raises(SkillmatchError, match="a worker process died"):
        rank(mini, JOB, docs, workers=2, cache=False)


def test_select_rows_keeps_error_rows_whatever_the_filters(mini: SkillMatcher) -> None:
    docs = [
        TextDocument("s", STRONG),
        TextDocument("m", MIDDLE),
        TextDocument("w", WEAK),
        TextDocument("x", error="bad"),
    ]
    rows = rank(mini, JOB, docs, workers=1, cache=False)
    assert [r.document for r in select_rows(rows, top=1)] == ["s", "x"]
    assert [r.document for r in select_rows(rows, min_score=50)] == ["s", "m", "x"]
    assert [r.document for r in select_rows(rows, top=5, min_score=70)] == ["s", "x"]


def test_invalid_arguments_are_refused(mini: SkillMatcher) -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        rank(mini, JOB, [], workers=0, cache=False)
    with pytest.raises(ValueError, match="engine must be"):
        rank(mini, JOB, [], engine="spark", cache=False)  # type: ignore[arg-type]


# -- cache -----------------------------------------------------------------------------------


def test_second_run_for_another_job_does_no_extraction(
    mini: SkillMatcher, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profiles.sqlite3"
    with ProfileCache(path) as cache:
        first = rank(mini, JOB, [corpus], workers=2, cache=cache)
        assert (cache.hits, cache.misses, cache.stores) == (0, len(READABLE), len(READABLE))
    extracted: list[str] = []
    real = mini.parse_resume
    monkeypatch.setattr(mini, "parse_resume", lambda t: extracted.append(t) or real(t))
    with ProfileCache(path) as cache:
        again = rank(mini, JOB, [corpus], workers=1, cache=cache)
        other = rank(mini, "Required: Tableau and Kubernetes", [corpus], workers=1, cache=cache)
        assert (cache.hits, cache.misses, cache.stores) == (2 * len(READABLE), 0, 0)
    assert extracted == []
    assert again == first
    assert [r.score for r in other if r.error is None] == [100.0, 100.0, 20.0, 0.0]


def test_cached_rows_equal_fresh_rows(mini: SkillMatcher, corpus: Path, tmp_path: Path) -> None:
    fresh = rank(mini, JOB, [corpus], workers=1, cache=False, explain=True)
    rank(mini, JOB, [corpus], workers=1, cache=tmp_path / "c.sqlite3")
    cached = rank(mini, JOB, [corpus], workers=1, cache=tmp_path / "c.sqlite3", explain=True)
    assert cached == fresh
    assert [r.report for r in cached] == [r.report for r in fresh]


def test_corrupt_cache_file_is_rebuilt_and_the_ranking_unchanged(
    mini: SkillMatcher, corpus: Path, tmp_path: Path
) -> None:
    path = tmp_path / "profiles.sqlite3"
    path.write_bytes(b"\x00garbage, not SQLite" * 64)
    with ProfileCache(path) as cache:
        rows = rank(mini, JOB, [corpus], workers=2, cache=cache)
        assert cache.recovered is not None and cache.recovered.exists()
        assert cache.stores == len(READABLE)
    assert rows == rank(mini, JOB, [corpus], workers=1, cache=False)


def test_stale_cache_entry_is_extracted_again(mini: SkillMatcher, tmp_path: Path) -> None:
    from skillmatch.cache import extractor_id, text_hash

    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        cache.put((text_hash(STRONG), mini.taxonomy.hash, extractor_id(mini)), '{"old": "shape"}')
        rows = rank(mini, JOB, [TextDocument("s", STRONG)], workers=1, cache=cache)
        assert (cache.hits, cache.misses) == (0, 1)
    assert rows[0].score == 100.0


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def use_mini(mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch) -> SkillMatcher:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    return mini


@pytest.fixture
def job_file(tmp_path: Path) -> Path:
    path = tmp_path / "job.txt"
    path.write_text(JOB, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Three readable résumés and nothing else."""
    root = tmp_path / "small"
    root.mkdir()
    (root / "strong.txt").write_text(STRONG, encoding="utf-8")
    (root / "middle.pdf").write_bytes(make_pdf(MIDDLE.splitlines()))
    (root / "weak.md").write_text(WEAK, encoding="utf-8")
    return root


def invoke(*args: str, input: str | None = None):
    runner = CliRunner(env={"COLUMNS": "250"})  # wide enough that no path is folded
    return runner.invoke(cli.main, ["rank", *args], input=input, catch_exceptions=False)


def test_cli_json_rows_best_first_errors_last_exit_1(
    use_mini: SkillMatcher, job_file: Path, corpus: Path
) -> None:
    result = invoke("--job", str(job_file), str(corpus), "--json", "--no-cache")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert all(list(row) == ROW_KEYS for row in data)
    assert [row["rank"] for row in data] == [1, 2, 3, 4, None, None, None, None, None]
    assert [row["score"] for row in data] == [100.0, 100.0, 50.0, 5.0, None, None, None, None, None]
    assert data[2]["matched"] == ["python", "tensorflow"]
    assert data[-1]["error"] == ERRORS["i-scan.pdf"]
    assert "ranked 4 of 9 documents" in result.stderr
    assert "could not read 5:" in result.stderr


def test_cli_all_documents_read_exits_0_with_a_table(
    use_mini: SkillMatcher, job_file: Path, small: Path
) -> None:
    result = invoke("--job", str(job_file), str(small), "--no-cache")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ranking (3)")
    assert "rank" in lines[2] and "top matched" in lines[2] and "top missing" in lines[2]
    assert [n for n in ("strong.txt", "middle.pdf", "weak.md") if n in result.stdout] == [
        "strong.txt",
        "middle.pdf",
        "weak.md",
    ]
    assert result.stdout.index("strong.txt") < result.stdout.index("middle.pdf")
    assert result.stdout.index("middle.pdf") < result.stdout.index("weak.md")
    assert "Not read" not in result.stdout


def test_cli_table_lists_unreadable_documents_and_why(
    use_mini: SkillMatcher, job_file: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke("--job", str(job_file), str(empty), "--no-cache")
    assert result.exit_code == 1
    assert "Not read (1)" in result.stdout
    assert "empty document (no text)" in result.stdout


def test_cli_csv_shape(use_mini: SkillMatcher, job_file: Path, small: Path, tmp_path: Path) -> None:
    gone = str(tmp_path / "gone.pdf")
    result = invoke("--job", str(job_file), str(small), gone, "--csv", "--no-cache")
    assert result.exit_code == 1
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ROW_KEYS
    assert rows[1:] == [
        [
            "1",
            str(small / "strong.txt"),
            "100.0",
            "95.6",
            "",
            "97.8",
            "python;pytorch;docker;kubernetes;tableau",
            "",
            "",
        ],
        [
            "2",
            str(small / "middle.pdf"),
            "50.0",
            "75.6",
            "",
            "61.5",
            "python;tensorflow",
            "docker;kubernetes;tableau",
            "",
        ],
        [
            "3",
            str(small / "weak.md"),
            "5.0",
            "0.0",
            "",
            "0.0",
            "tableau",
            "python;pytorch;docker;kubernetes",
            "",
        ],
        ["", gone, "", "", "", "", "", "", "no such file"],
    ]


def test_cli_ndjson_streams_in_input_order_with_null_rank(
    use_mini: SkillMatcher, job_file: Path, small: Path
) -> None:
    weak, strong = str(small / "weak.md"), str(small / "strong.txt")
    result = invoke("--job", str(job_file), weak, strong, "--ndjson", "--no-cache")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["document"], r["rank"], r["score"]) for r in rows] == [
        (weak, None, 5.0),
        (strong, None, 100.0),
    ]
    assert all(list(r) == ROW_KEYS for r in rows)


def test_cli_ndjson_with_top_waits_and_ranks(
    use_mini: SkillMatcher, job_file: Path, small: Path
) -> None:
    result = invoke("--job", str(job_file), str(small), "--ndjson", "--top", "2", "--no-cache")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["rank"], Path(r["document"]).name) for r in rows] == [
        (1, "strong.txt"),
        (2, "middle.pdf"),
    ]


def test_cli_top_and_min_score_filter_ranked_rows(
    use_mini: SkillMatcher, job_file: Path, small: Path
) -> None:
    result = invoke("--job", str(job_file), str(small), "--json", "--min-score", "50", "--no-cache")
    assert [Path(r["document"]).name for r in json.loads(result.stdout)] == [
        "strong.txt",
        "middle.pdf",
    ]
    result = invoke("--job", str(job_file), str(small), "--json", "--top", "1", "--no-cache")
    assert [Path(r["document"]).name for r in json.loads(result.stdout)] == ["strong.txt"]


def test_cli_reads_paths_from_stdin(use_mini: SkillMatcher, job_file: Path, small: Path) -> None:
    paths = f"{small / 'weak.md'}\n\n{small / 'strong.txt'}\r\n"
    result = invoke("--job", str(job_file), "-", "--json", "--no-cache", input=paths)
    assert result.exit_code == 0
    assert [(r["rank"], Path(r["document"]).name) for r in json.loads(result.stdout)] == [
        (1, "strong.txt"),
        (2, "weak.md"),
    ]


def test_cli_reads_jsonl_records(use_mini: SkillMatcher, job_file: Path, tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    lines = [{"id": "weak", "text": WEAK}, {"id": "strong", "text": STRONG}, {"id": "none"}]
    records.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    result = invoke("--job", str(job_file), "--jsonl", str(records), "--json", "--no-cache")
    assert result.exit_code == 1
    assert [(r["document"], r["rank"], r["error"]) for r in json.loads(result.stdout)] == [
        ("strong", 1, None),
        ("weak", 2, None),
        ("none", None, 'no "text" string in the record'),
    ]


def test_cli_jsonl_from_stdin(use_mini: SkillMatcher, job_file: Path) -> None:
    records = json.dumps({"id": 1, "text": STRONG}) + "\n"
    result = invoke("--job", str(job_file), "--jsonl", "-", "--json", "--no-cache", input=records)
    assert [(r["document"], r["score"]) for r in json.loads(result.stdout)] == [("1", 100.0)]


def test_cli_jsonl_from_stdin_numbers_lines_as_the_file_does(
    use_mini: SkillMatcher, job_file: Path, tmp_path: Path
) -> None:
    """Blank lines count: a record is named by its physical line, read from a path or a pipe."""
    records = '{"id": "a", "text": "Python"}\n\n{"text": "SQL"}\nnot json\n'
    (tmp_path / "in.jsonl").write_text(records, encoding="utf-8")
    for source, name, given in (
        (str(tmp_path / "in.jsonl"), str(tmp_path / "in.jsonl"), None),
        ("-", "<stdin>", records),
    ):
        result = invoke(
            "--job", str(job_file), "--jsonl", source, "--ndjson", "--no-cache", input=given
        )
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [(r["document"], r["error"]) for r in rows] == [
            ("a", None),
            (f"{name}:3", None),
            (f"{name}:4", "not valid JSON (Expecting value)"),
        ]


def test_cli_explain_adds_evidence(use_mini: SkillMatcher, job_file: Path, small: Path) -> None:
    result = invoke(
        "--job", str(job_file), str(small / "strong.txt"), "--json", "--explain", "--no-cache"
    )
    (row,) = json.loads(result.stdout)
    assert list(row) == [*ROW_KEYS, "evidence"]
    assert row["evidence"][0] == {
        "skill": "python",
        "via": "exact",
        "matched_by": "python",
        "credit": 1.0,
        "snippets": [STRONG.strip()],
    }


def test_cli_cache_option_reuses_profiles(
    use_mini: SkillMatcher, job_file: Path, small: Path, tmp_path: Path
) -> None:
    cache = str(tmp_path / "c.sqlite3")
    first = invoke("--job", str(job_file), str(small), "--json", "--cache", cache, "--workers", "2")
    second = invoke(
        "--job", str(job_file), str(small), "--json", "--cache", cache, "--workers", "1"
    )
    assert "; 0 from the cache" in first.stderr
    assert "; 3 from the cache" in second.stderr
    assert first.stdout == second.stdout


def test_cli_corrupt_cache_warns_and_ranks(
    use_mini: SkillMatcher, job_file: Path, small: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "c.sqlite3"
    cache.write_bytes(b"not sqlite" * 50)
    result = invoke("--job", str(job_file), str(small), "--json", "--cache", str(cache))
    assert result.exit_code == 0
    assert "warning: the profile cache was damaged; moved it to " in result.stderr
    assert len(json.loads(result.stdout)) == 3


def test_cli_quiet_prints_nothing_on_stderr(
    use_mini: SkillMatcher, job_file: Path, small: Path
) -> None:
    result = invoke("--job", str(job_file), str(small), "--json", "--no-cache", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--json", "--csv"], None, "choose one of --json, --ndjson and --csv"),
        ([], None, "give résumé files or folders"),
        (["x.txt", "--engine", "dask"], None, "--engine dask and --scheduler ADDRESS go together"),
        (["x.txt", "--no-cache", "--cache", "c"], None, "--cache and --no-cache contradict"),
    ],
)
def test_cli_usage_errors_exit_2(
    use_mini: SkillMatcher, job_file: Path, args: list[str], stdin: str | None, message: str
) -> None:
    result = CliRunner().invoke(cli.main, ["rank", "--job", str(job_file), *args], input=stdin)
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_job_and_paths_cannot_both_come_from_stdin(use_mini: SkillMatcher) -> None:
    result = CliRunner().invoke(cli.main, ["rank", "--job", "-", "-"], input="x")
    assert result.exit_code == 2
    assert "only one of --job, RESUME_OR_FOLDER and --jsonl can be -" in result.stderr


def test_cli_empty_folder_and_unreadable_job_exit_1(
    use_mini: SkillMatcher, job_file: Path, tmp_path: Path, small: Path
) -> None:
    (tmp_path / "none").mkdir()
    result = CliRunner().invoke(cli.main, ["rank", "--job", str(job_file), str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no résumés found")
    result = CliRunner().invoke(cli.main, ["rank", "--job", str(tmp_path / "nojob"), str(small)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nojob'}: no such file\n"


def test_cli_ranks_the_samples_with_the_bundled_taxonomy(samples: Path) -> None:
    result = invoke(
        "--job",
        str(samples / "jobs/ai-architect.txt"),
        str(samples / "resumes"),
        "--json",
        "--no-cache",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(Path(r["document"]).name for r in data) == sorted(
        p.name for p in (samples / "resumes").iterdir()
    )
    assert [r["rank"] for r in data] == list(range(1, len(data) + 1))
    scores = [r["score"] for r in data]
    assert scores == sorted(scores, reverse=True)
    assert Path(data[0]["document"]).name == "maya-chen.txt"


# -- dask (last: a cluster leaves threads behind, and then pools must spawn) ------------------------------------------------------------------------------------


def test_missing_dask_extra_is_a_clear_error(
    mini: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(SkillmatchError) as caught:
        rank(
            mini,
            JOB,
            [TextDocument("s", STRONG)],
            engine="dask",
            scheduler="tcp://x:1",
            cache=False,
        )
    assert (
        str(caught.value) == "the dask engine needs the dask extra: pip install 'skillmatch[dask]'"
    )


def test_dask_engine_gives_the_local_rows(mini: SkillMatcher, corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = [corpus, TextDocument("dup1", STRONG), TextDocument("dup2", STRONG)]
    local = rank(mini, JOB, docs, workers=1, cache=False, explain=True)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        ProfileCache(tmp_path / "c.sqlite3") as cache,
    ):
        remote = rank(
            mini,
            JOB,
            docs,
            engine="dask",
            scheduler=cluster.scheduler_address,
            cache=cache,
            explain=True,
        )
        assert cache.misses == len(READABLE) + 2
        again = rank(
            mini, JOB, docs, engine="dask", scheduler=cluster.scheduler_address, cache=cache
        )
        assert cache.hits == len(READABLE) + 2
    assert remote == local
    assert [r.report for r in remote] == [r.report for r in local]
    assert again == rank(mini, JOB, docs, workers=1, cache=False)


def test_summary_rows_equal_full_reports(matcher: SkillMatcher, samples: Path) -> None:
    """reports=False takes the fast path (no FitReport built); it must rank exactly the same."""
    docs = [
        TextDocument(p.name, p.read_text("utf-8")) for p in sorted((samples / "resumes").glob("*"))
    ]
    docs.append(TextDocument("no-skills", "I enjoy long walks and good lunches."))
    job = (samples / "jobs" / "ai-architect.txt").read_text("utf-8")
    full = rank(matcher, job, docs, workers=1, cache=False, reports=True)
    fast = rank(matcher, job, docs, workers=1, cache=False, reports=False)
    assert [(r.document, r.score, r.matched, r.missing) for r in fast] == [
        (r.document, r.score, r.matched, r.missing) for r in full
    ]
    assert all(r.report is None for r in fast)
    assert fast[-1].document == "no-skills"
    assert fast[-1].score == 0.0


def test_the_table_lists_fifty_unreadable_documents_and_counts_the_rest() -> None:
    import io

    from skillmatch.models import RankedRow
    from skillmatch.output import print_ranking

    rows = [RankedRow(document=f"cv-{n:03d}.pdf", error="empty document") for n in range(60)]
    out = io.StringIO()
    print_ranking(rows, file=out)
    text = out.getvalue()
    assert "Not read (60)" in text
    assert "cv-049.pdf" in text and "cv-050.pdf" not in text
    assert "… and 10 more not read; --json, --ndjson or --csv list every row" in text


def test_cli_rows_carry_the_role_match_when_the_job_title_names_a_role(
    use_mini: SkillMatcher, tmp_path: Path
) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Python Developer\n\n" + JOB, encoding="utf-8")
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "dev.txt").write_text("Python Developer\n\n" + STRONG, encoding="utf-8")
    (cvs / "analyst.txt").write_text("Tableau Analyst\n\n" + STRONG, encoding="utf-8")
    result = invoke("--job", str(job), str(cvs), "--json", "--no-cache")
    rows = json.loads(result.stdout)
    assert [(Path(r["document"]).name, r["role"]) for r in rows] == [
        ("dev.txt", 100.0),
        ("analyst.txt", 0.0),
    ]
    assert rows[0]["relevance"] > rows[1]["relevance"]
    assert rows[0]["score"] == rows[1]["score"]  # same skills: the role decides
    plain = tmp_path / "plain.txt"
    plain.write_text(JOB, encoding="utf-8")  # no title line: no role to match
    untitled = json.loads(invoke("--job", str(plain), str(cvs), "--json", "--no-cache").stdout)
    assert [r["role"] for r in untitled] == [None, None]


def test_the_vector_packed_where_a_resume_is_extracted_equals_the_one_read_from_its_json(
    matcher: SkillMatcher, samples: Path
) -> None:
    from skillmatch.vectorized import skill_index

    runner = batch._Runner(matcher, None, explain=False)
    index = skill_index(matcher.taxonomy)
    for path in sorted((samples / "resumes").glob("*.txt")):
        data, error, vector = runner.extract(path.read_text("utf-8"))
        assert error is None and data is not None and vector
        assert vector == batch._vector(data, index)
    assert runner.extract("no skills here at all")[2] == b""  # an empty vector, not None


def test_a_worker_compresses_what_the_cache_stores_and_the_cache_reads_it_back(
    matcher: SkillMatcher, samples: Path, tmp_path: Path
) -> None:
    from skillmatch.vectorized import skill_index

    with ProfileCache(tmp_path / "c.db") as cache:
        runner = batch._Runner(matcher, cache, explain=False)
        path = samples / "resumes" / "maya-chen.txt"
        outcome = runner(batch._task(0, str(path)))
        assert outcome.stored is not None and outcome.profile is not None
        vector = batch._outcome_vector(outcome, skill_index(matcher.taxonomy))
        key, stored, vector = batch._to_store(outcome, vector)
        assert stored == outcome.stored and vector == outcome.vector
        assert cache.put_many([(key, stored, vector)]) == 1
        assert cache.get(key) == outcome.profile
    without_cache = batch._Runner(matcher, None, explain=False)(batch._task(0, str(path)))
    assert without_cache.stored is None  # nothing to store: nothing compressed
