"""Every input appears in a ranking exactly once: a folder inside the input that cannot be
listed (no permission, gone mid-walk) is an error row naming it, not résumés that silently
vanish from the batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillmatch import SkillMatcher
from skillmatch.batch import TextDocument, expand_documents

JOB = "Requirements:\n- Python\n- Docker\n"


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cvs/ with one résumé and a subfolder that cannot be listed (as for a user without
    permission; faked, since the tests may run as root, whom permissions do not stop)."""
    root = tmp_path / "cvs"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text("Python and Docker", encoding="utf-8")
    (root / "locked" / "b.txt").write_text("Python", encoding="utf-8")
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == root / "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return root


def test_a_folder_that_cannot_be_listed_is_an_error_row(mini: SkillMatcher, locked: Path) -> None:
    assert expand_documents(locked) == [
        str(locked / "a.txt"),
        TextDocument(str(locked / "locked"), error="cannot list the folder: Permission denied"),
    ]
    for reports in (True, False):
        rows = mini.rank(JOB, locked, cache=False, workers=1, reports=reports)
        assert [(r.rank, r.document, r.error) for r in rows] == [
            (1, str(locked / "a.txt"), None),
            (None, str(locked / "locked"), "cannot list the folder: Permission denied"),
        ]
