"""Names and texts a str can hold but UTF-8 cannot: a file name that is not UTF-8 (decoded by
Python with surrogate escapes) and lone surrogates from JSON escapes ('\\ud800'). They must be
ranked, cached and written out like any other input, never end a batch with a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch import FitReport, Profile, RankedRow, SkillMatcher, cli
from skillmatch.batch import TextDocument

JOB = "Requirements:\n- Python\n- Docker\n"


@pytest.fixture
def latin1_folder(tmp_path: Path) -> Path:
    """A folder holding one résumé whose file name is Latin-1 bytes, not UTF-8."""
    folder = tmp_path / "cvs"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), b"r\xe9sum\xe9.txt"), "wb") as fh:
            fh.write(b"Skills: Python and Docker\n")
    except OSError:  # pragma: no cover - a file system that insists on UTF-8 names
        pytest.skip("this file system refuses a file name that is not UTF-8")
    return folder


def test_a_file_name_that_is_not_utf8_is_ranked_cached_and_serialised(
    mini: SkillMatcher, latin1_folder: Path, tmp_path: Path
) -> None:
    expected = str(latin1_folder / "r\\xe9sum\\xe9.txt")  # the bytes that are not UTF-8, escaped
    for reports in (True, False):
        for _ in range(2):  # a first run fills the cache, the second reads it
            rows = mini.rank(JOB, latin1_folder, cache=tmp_path / "c", workers=1, reports=reports)
            assert [(r.document, r.score, r.error) for r in rows] == [(expected, 100.0, None)]
            assert RankedRow.model_validate_json(rows[0].model_dump_json()).document == expected


def test_rank_cli_json_names_a_file_that_is_not_utf8(
    mini: SkillMatcher,
    latin1_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    job = tmp_path / "job.txt"
    job.write_text(JOB, encoding="utf-8")
    for extra in ([], ["--explain"], ["--collection", "spring"]):
        result = CliRunner().invoke(
            cli.main,
            [
                "rank",
                "--job",
                str(job),
                str(latin1_folder),
                "--json",
                "--cache",
                str(tmp_path),
                *extra,
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert [(r["document"], r["score"]) for r in data] == [
            (str(latin1_folder / "r\\xe9sum\\xe9.txt"), 100.0)
        ]


def test_a_record_id_with_a_lone_surrogate_is_written_escaped(mini: SkillMatcher) -> None:
    rows = mini.rank(JOB, [TextDocument("cv-\ud800", "Python, Docker")], cache=False, workers=1)
    assert [(r.document, r.score) for r in rows] == [("cv-\\ud800", 100.0)]
    assert json.loads(rows[0].model_dump_json())["document"] == "cv-\\ud800"


def test_a_text_with_lone_surrogates_is_read_not_refused(matcher: SkillMatcher) -> None:
    text = "Skills: Python \ud800, Docker \udce9 and Kubernetes\n"
    for profile in (matcher.parse_resume(text), matcher.parse_job(text), matcher.extract(text)):
        assert [s.id for s in profile.skills] == ["python", "docker", "kubernetes"]
        for skill in profile.skills:
            for m in skill.mentions:
                assert text[m.start : m.end] == m.text
        assert Profile.model_validate_json(profile.model_dump_json()) == profile
    assert [h[0] for h in matcher.spans(text)] == ["python", "docker", "kubernetes"]


def test_a_report_quoting_a_text_with_lone_surrogates_is_json(matcher: SkillMatcher) -> None:
    text = "Skills: Python \ud800, Docker\n"
    report = matcher.score(JOB, text)
    assert [m.id for m in report.matched] == ["python", "docker"]
    assert report.matched[0].evidence[0].snippet == "Skills: Python \\ud800, Docker"
    assert FitReport.model_validate_json(report.model_dump_json()) == report
    rows = matcher.rank(JOB, [TextDocument("x", text)], cache=False, workers=1, explain=True)
    assert rows[0].report is not None
    assert rows[0].report.matched[0].evidence[0].snippet == "Skills: Python \\ud800, Docker"
    rows[0].report.model_dump_json()
