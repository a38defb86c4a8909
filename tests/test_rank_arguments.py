"""A filter that can match nothing by construction is a mistake to report, not an empty
ranking that looks like 'no candidate scored enough'."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from skillmatch import SkillMatcher, cli
from skillmatch.batch import TextDocument, rank

JOB = "Requirements:\n- Python\n- Docker\n"


def test_a_nan_min_score_is_refused_not_a_silently_empty_ranking(mini: SkillMatcher) -> None:
    docs = [TextDocument("a", "Python and Docker")]
    for reports in (True, False):
        with pytest.raises(ValueError, match="min_score must be a number, not nan"):
            rank(mini, JOB, docs, cache=False, reports=reports, min_score=math.nan)
    assert [r.score for r in rank(mini, JOB, docs, cache=False, min_score=100.0)] == [100.0]


def test_rank_cli_refuses_a_nan_min_score_with_a_usage_error(
    mini: SkillMatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_matcher", lambda extra_taxonomy: mini)
    job, cv = tmp_path / "job.txt", tmp_path / "cv.txt"
    job.write_text(JOB, encoding="utf-8")
    cv.write_text("Python and Docker", encoding="utf-8")
    for value in ("nan", "NaN"):
        result = CliRunner().invoke(
            cli.main,
            ["rank", "--job", str(job), str(cv), "--no-cache", "--json", "--min-score", value],
        )
        assert result.exit_code == 2, result.output
        assert "--min-score" in result.output
