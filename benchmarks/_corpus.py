"""Where benchmark texts come from: ../shared/data when present, else samples/ (said loudly)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
JOBS = SHARED / "jobdesc-corpus" / "jobs.jsonl"


def job_texts() -> tuple[list[str], str]:
    """The 2,531 real job postings, or the bundled samples with a note when they are absent."""
    if JOBS.is_file():
        texts = [json.loads(line)["text"] for line in JOBS.open(encoding="utf-8")]
        return texts, f"{JOBS} ({len(texts)} postings)"
    print(
        f"NOTE: {JOBS} is absent; falling back to samples/ (figures are not comparable)",
        file=sys.stderr,
    )
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    return texts * max(1, 2500 // len(texts)), f"samples/ x{max(1, 2500 // len(texts))}"


def enable_bytecode_cache() -> None:
    """Give the CLI runs this process starts Python's bytecode cache, as users have it.

    An installed package ships compiled bytecode, and a default Python writes it for an
    editable install on first import; this machine sets PYTHONDONTWRITEBYTECODE=1, which would
    make every timed run compile skillmatch's sources again (60-70 ms a run, measured). The
    first (untimed) run writes the cache.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
