"""Extracted résumé profiles kept in an embedded SQLite database.

Extraction is the expensive step of ranking and its result depends only on the text, the
taxonomy and the extractor, so a profile is stored under (sha256 of the text, taxonomy hash,
extractor id) and ranking the same résumés for another job does no extraction.

The cache is an optimisation and never a reason to fail: two runs may share it (WAL mode,
a busy timeout, INSERT OR REPLACE in short transactions); a file that is not ours (not SQLite,
another schema or version) is renamed aside and rebuilt; a location we cannot write to turns
the cache off and says why in `disabled`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from skillmatch import __version__
from skillmatch.compiled import default_cache_dir

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import Profile

FILENAME = "profiles.sqlite3"
FORMAT = 1  # bump when the stored profile's shape or the extraction's meaning changes
SCHEMA_VERSION = 1  # PRAGMA user_version of our database
APPLICATION_ID = 0x736B6D63  # 'skmc' in PRAGMA application_id: tells our file from others
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT})

CacheKey = tuple[str, str, str]  # (text sha256, taxonomy hash, extractor id)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    text_sha256   TEXT NOT NULL,
    taxonomy_hash TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    profile       BLOB NOT NULL,
    created       REAL NOT NULL,
    PRIMARY KEY (text_sha256, taxonomy_hash, extractor)
) WITHOUT ROWID
"""


def text_hash(text: str) -> str:
    """The sha256 of a document's extracted text (lone surrogates from JSON allowed)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def extractor_id(matcher: SkillMatcher) -> str:
    """What, besides the text and taxonomy, decides a profile: version, format and options."""
    nlp = matcher.nlp
    pipeline = "none"
    if nlp is not None:
        meta = getattr(nlp, "meta", {}) or {}
        pipeline = f"{getattr(nlp, 'lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
    from skillmatch.compiled import code_fingerprint

    return (
        f"skillmatch-{__version__}/code-{code_fingerprint()}/format-{FORMAT}"
        f"/fuzzy-{int(matcher.fuzzy)}/nlp-{pipeline}"
    )


class _NotOurs(Exception):
    """The file is a database, but not one this module wrote."""


class ProfileCache:
    """Profiles (as JSON) by CacheKey, in one SQLite file; safe to share between processes.

    `hits` and `misses` are counted by whoever consults the cache for a batch (the ranking
    runs lookups in worker processes and reports them back here); `stores` counts writes.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, timeout: float = 10.0):
        where = Path(path) if path is not None else default_cache_dir() / FILENAME
        self.path = where / FILENAME if where.is_dir() else where
        self.timeout = timeout
        self.hits = 0
        self.misses = 0
        self.stores = 0
        self.recovered: Path | None = None  # where a damaged or foreign file was moved
        self.disabled: str | None = None  # why the cache is off, if it is
        self._conn: sqlite3.Connection | None = None
        self._inode: tuple[int, int] | None = None  # of the file we opened, to rename only it
        self._connection()

    # -- public API --------------------------------------------------------------------------

    def get(self, key: CacheKey) -> str | None:
        """The stored profile JSON for a key, or None (also when the entry is unreadable)."""
        conn = self._connection()
        if conn is None:
            return None
        try:
            row = conn.execute(
                "SELECT profile FROM profiles"
                " WHERE text_sha256 = ? AND taxonomy_hash = ? AND extractor = ?",
                key,
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            return zlib.decompress(row[0]).decode("utf-8")
        except (zlib.error, UnicodeDecodeError, TypeError):
            return None

    def load(self, key: CacheKey) -> Profile | None:
        """The stored Profile for a key, or None."""
        from pydantic import ValidationError

        from skillmatch.models import Profile

        data = self.get(key)
        if data is None:
            return None
        try:
            return Profile.model_validate_json(data)
        except ValidationError:
            return None

    def put_many(self, entries: Iterable[tuple[CacheKey, str]]) -> int:
        """Store profile JSON under keys in one short transaction; how many were stored."""
        now = time.time()
        rows = [(*key, zlib.compress(data.encode("utf-8"), 6), now) for key, data in entries]
        conn = self._connection()
        if not rows or conn is None:
            return 0
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO profiles VALUES (?, ?, ?, ?, ?)", rows)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return 0
        self.stores += len(rows)
        return len(rows)

    def put(self, key: CacheKey, data: str) -> bool:
        """Store one profile JSON; False if the cache could not take it."""
        return self.put_many([(key, data)]) == 1

    def __bool__(self) -> bool:
        return True  # an empty cache is still a cache (`if cache:` must not mean `if len`)

    def __len__(self) -> int:
        conn = self._connection()
        if conn is None:
            return 0
        try:
            return int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0

    def close(self) -> None:
        """Close the connection; the next use opens it again (call before forking)."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> ProfileCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening and recovery ----------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is not None or self.disabled is not None:
            return self._conn
        for attempt in range(2):
            try:
                self._conn = self._open()
                return self._conn
            except (_NotOurs, sqlite3.DatabaseError) as exc:
                if isinstance(exc, sqlite3.DatabaseError) and not _is_corrupt(exc):
                    self.disabled = f"cannot use the cache at {self.path}: {exc}"
                    return None
                if attempt == 0 and self._set_aside():
                    continue
                reason = str(exc) or "not a skillmatch cache"
                self.disabled = f"cannot use the cache at {self.path}: {reason}"
            except OSError as exc:
                self.disabled = f"cannot use the cache at {self.path}: {exc.strerror or exc}"
            return None
        return None  # pragma: no cover - the loop always returns

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._inode = _inode(self.path)
        conn = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if not self._is_ours(conn):
                conn.execute("BEGIN IMMEDIATE")  # one creator at a time; others wait, then see it
                try:
                    if not self._is_ours(conn):
                        if _has_tables(conn) or _ids(conn) != (0, 0):
                            raise _NotOurs()
                        conn.execute(_SCHEMA)
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
            with contextlib.suppress(sqlite3.OperationalError):  # e.g. a network file system
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _is_ours(conn: sqlite3.Connection) -> bool:
        if _ids(conn) != (APPLICATION_ID, SCHEMA_VERSION):
            return False
        columns = [r[1] for r in conn.execute("PRAGMA table_info(profiles)")]
        if columns != ["text_sha256", "taxonomy_hash", "extractor", "profile", "created"]:
            raise _NotOurs()
        return True

    def _set_aside(self) -> bool:
        """Move a damaged or foreign file (and its WAL companions) aside; True if done."""
        self.close()
        if _inode(self.path) != self._inode:  # another run already replaced it: use theirs
            return True
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        for suffix in ("-wal", "-shm", "-journal"):  # a stale WAL must never meet the new file
            with contextlib.suppress(OSError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        self.recovered = aside
        return True

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        """A query failed: rebuild a file that went bad under us; skip anything else."""
        if _is_corrupt(exc):
            self._set_aside()
        # locked past the timeout, read-only, disk full: this lookup or write is skipped


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    message = str(exc)
    return "not a database" in message or "malformed" in message  # pragma: no cover


def _ids(conn: sqlite3.Connection) -> tuple[int, int]:
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return int(app), int(version)


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino
