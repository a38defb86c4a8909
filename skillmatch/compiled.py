"""The compiled taxonomy index, cached in the process and on disk by content hash.

Compiling ~10k forms and the fuzzy indexes takes a second or two; loading the pickle takes
a fraction of that, so a CLI call after the first is quick and a second SkillMatcher in one
process costs nothing.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from skillmatch import __version__
from skillmatch.recognizers import PhraseIndex, english_words
from skillmatch.taxonomy import Taxonomy, content_hash, load_taxonomy, taxonomy_files

_FORMAT = 12  # bump when PhraseIndex changes shape (the code fingerprint below also guards it)
_EXTRACTION_MODULES = (
    "normalize.py",
    "recognizers.py",
    "roles.py",
    "sections.py",
    "context.py",
    "matcher.py",
    "salience.py",
    "taxonomy.py",
    "models.py",
)
_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """A hash of the extraction code: cached indexes and profiles never outlive a change to it."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        digest = hashlib.sha256(__version__.encode())
        here = Path(__file__).resolve().parent
        for name in _EXTRACTION_MODULES:
            with contextlib.suppress(OSError):
                digest.update((here / name).read_bytes())
        _FINGERPRINT = digest.hexdigest()[:12]
    return _FINGERPRINT


_IN_PROCESS: dict[str, PhraseIndex] = {}
_TAXONOMIES: dict[str, Taxonomy] = {}


def default_cache_dir() -> Path:
    """Where skillmatch keeps its caches: $SKILLMATCH_CACHE_DIR or the user cache folder."""
    env = os.environ.get("SKILLMATCH_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("skillmatch", appauthor=False))


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building a few hundred thousand objects that hold
    no cycles (an unpickled index, 100,000 cached rows) otherwise triggers full collections
    that scan them all again and again — half the time of loading the compiled index."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _memoised(
    kind: str,
    key: str,
    memo: dict[str, Any],
    cache_dir: Path | bool | None,
    valid: Callable[[Any], bool],
    build: Callable[[], Any],
) -> Any:
    """An object from memory, else from the disk cache (if valid), else built and stored."""
    found = memo.get(key)
    if found is not None:
        return found
    path = None
    if cache_dir is not False:
        folder = default_cache_dir() if cache_dir in (None, True) else Path(cache_dir)  # type: ignore[arg-type]
        path = folder / f"{kind}-{key}.pickle"
        with contextlib.suppress(
            OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError
        ):
            with path.open("rb") as fh, paused_gc():
                found = pickle.load(fh)
            if valid(found):
                memo[key] = found
                return found
    found = build()
    if path is not None:
        _write_atomic(path, found)
    memo[key] = found
    return found


def compiled_index(taxonomy: Taxonomy, cache_dir: Path | bool | None = None) -> PhraseIndex:
    """The PhraseIndex of a taxonomy: from memory, from the disk cache, or freshly built.

    `cache_dir=False` skips the disk cache.
    """
    return _memoised(
        "index",
        f"{taxonomy.hash}-{code_fingerprint()}-{_FORMAT}",
        _IN_PROCESS,
        cache_dir,
        lambda index: (
            isinstance(index, PhraseIndex)
            and index.taxonomy_hash == taxonomy.hash
            and index.automaton is not None
        ),
        lambda: PhraseIndex.build(taxonomy, english_words()),
    )


def cached_taxonomy(
    paths: Sequence[str | Path] | None = None,
    extra: Sequence[str | Path] = (),
    cache_dir: Path | bool | None = None,
) -> Taxonomy:
    """load_taxonomy, memoised by content hash in the process and pickled on disk."""
    base, more = taxonomy_files(paths, extra)
    digest = content_hash(base + more)
    return _memoised(
        "taxonomy",
        f"{digest}-{code_fingerprint()}-{_FORMAT}",
        _TAXONOMIES,
        cache_dir,
        lambda taxonomy: isinstance(taxonomy, Taxonomy) and taxonomy.hash == digest,
        lambda: load_taxonomy(paths, extra=extra),
    )


KEEP_PER_KIND = 6  # compiled taxonomies kept on disk (several extras, several versions)


def _write_atomic(path: Path, obj: object) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: two processes never see half a file
        kind = path.name.split("-", 1)[0]
        old = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP_PER_KIND]:  # the cache must not grow without bound
            stale.unlink(missing_ok=True)
