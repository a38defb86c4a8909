"""`skillmatch rank --csv` is opened in spreadsheets: a document name (a file name, a --jsonl
record's id, both chosen by applicants) must never run there as a formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch import SkillMatcher, cli
from skillmatch.models import RankedRow
from skillmatch.output import rows_to_csv

JOB = "Requirements:\n- Python\n- Docker\n"


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised() -> None:
    rows = [
        RankedRow(rank=1, document='=HYPERLINK("http://evil","cv")', score=50.0),
        RankedRow(rank=2, document="+1+2.txt", score=40.0),
        RankedRow(rank=3, document="-2+3.txt", score=30.0),
        RankedRow(rank=4, document="@SUM(A1).txt", score=20.0),
        RankedRow(rank=5, document="\t=1.txt", score=10.0),
        RankedRow(rank=6, document="cvs/=1+2.txt", score=5.0),  # a path: no formula
        RankedRow(rank=7, document="cv\r2.txt", score=1.0),  # a lone CR ends no row
        RankedRow(document="\r=2.txt", error="empty document (no text)"),
    ]
    cells = [row[1] for row in csv.reader(io.StringIO(rows_to_csv(rows), newline=""))][1:]
    assert cells == [
        '\'=HYPERLINK("http://evil","cv")',
        "'+1+2.txt",
        "'-2+3.txt",
        "'@SUM(A1).txt",
        "'\t=1.txt",
        "cvs/=1+2.txt",
        "cv\r2.txt",
        "'\r=2.txt",
    ]


def test_rank_cli_csv_neutralises_a_formula_in_a_file_name_but_json_keeps_it(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    monkeypatch.chdir(tmp_path)
    Path("job.txt").write_text(JOB, encoding="utf-8")
    Path("cvs").mkdir()
    Path("cvs", "=1+2.txt").write_text("Python and Docker", encoding="utf-8")
    records = tmp_path / "cvs.jsonl"
    records.write_text(json.dumps({"id": "=cmd|' /C calc'!A0", "text": "Python"}) + "\n")
    # run from inside the folder: a file named on its own is its bare name
    monkeypatch.chdir(tmp_path / "cvs")
    csv_out = CliRunner().invoke(
        cli.main,
        ["rank", "--job", "../job.txt", "--no-cache", ".", "--jsonl", str(records), "--csv"],
        catch_exceptions=False,
    )
    assert csv_out.exit_code == 0, csv_out.output
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    assert [(row[1], row[2]) for row in rows[1:]] == [
        ("'=1+2.txt", "100.0"),
        ("'=cmd|' /C calc'!A0", "50.0"),
    ]
    json_out = CliRunner().invoke(
        cli.main,
        ["rank", "--job", "../job.txt", "--no-cache", ".", "--json"],
        catch_exceptions=False,
    )
    assert [row["document"] for row in json.loads(json_out.stdout)] == ["=1+2.txt"]
