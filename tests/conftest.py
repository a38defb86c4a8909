"""Shared fixtures: the bundled matcher (compiled once) and a small fixed taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmatch import SkillMatcher, load_taxonomy

HERE = Path(__file__).parent
ROOT = HERE.parent
MINI = HERE / "fixtures" / "mini"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep test caches out of the user's cache folder."""
    import os

    os.environ["SKILLMATCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def matcher() -> SkillMatcher:
    return SkillMatcher()


@pytest.fixture(scope="session")
def mini() -> SkillMatcher:
    return SkillMatcher(load_taxonomy([MINI]), cache_dir=False)


@pytest.fixture(scope="session")
def samples() -> Path:
    return ROOT / "samples"
