"""Extracted résumé profiles kept in an embedded SQLite database.

Extraction is the expensive step of ranking and its result depends only on the text, the
taxonomy and the extractor, so a profile is stored under (sha256 of the text, taxonomy hash,
extractor id) and ranking the same résumés for another job does no extraction. Next to the
full profile (zlib'd JSON, for reports) the `vectors` table holds the résumé's skill vector
(see skillmatch.vectorized), which is all a ranking needs. It is a table of its own so that
its rows stay small: 100,000 of them load in one query without touching the profiles.

Two smaller tables save reading inputs again: `files` remembers, per absolute path and
document reader, the size and mtime a file had when its text was hashed, so an unchanged file
(a PDF, say) is not parsed again; `collections` files documents under a name, so that a
collection can be re-ranked without its inputs at all. Joining 100,000 members to their
vectors costs a quarter of a second, so the first re-rank of a collection stores the result
in `collection_parts`: the documents, their skill counts and their vectors end to end, a few
large rows per collection that load in milliseconds. Filing documents under the name deletes
those rows (in the same transaction), and they are stored only when every member has a
vector, which never changes for its key: they cannot go stale.

The cache is an optimisation and never a reason to fail: two runs may share it (WAL mode,
a busy timeout, INSERT OR REPLACE in short transactions); a file that is not ours (not SQLite,
another schema or version) is renamed aside and rebuilt; a location we cannot write to turns
the cache off and says why in `disabled`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
import zlib
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from skillmatch import __version__
from skillmatch.compiled import default_cache_dir

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import Profile

FILENAME = "profiles.sqlite3"
FORMAT = 3  # bump when the stored profile's shape or the extraction's meaning changes
SCHEMA_VERSION = 3  # PRAGMA user_version of our database: an older file is set aside
APPLICATION_ID = 0x736B6D63  # 'skmc' in PRAGMA application_id: tells our file from others
# No memory map: mapped pages count as the process's memory, and writing profiles (keyed by
# hash) touches pages all over the file, so a 100,000-document first run grew by 400 MB of
# mapped file; the large reads are a collection's few parts now, as fast with read().
_MMAP = 0
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT})
ENTRY_BYTES = 8  # one skill of a vector: int32 position and int32 years (vectorized.pack)
PART = 65536  # collection members per collection_parts row (blobs of a few MB)

CacheKey = tuple[str, str, str]  # (text sha256, taxonomy hash, extractor id)
FileStat = tuple[str, int, int]  # (absolute path, size, mtime in ns)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS profiles (
    text_sha256   TEXT NOT NULL,
    taxonomy_hash TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    profile       BLOB NOT NULL,
    created       REAL NOT NULL,
    PRIMARY KEY (text_sha256, taxonomy_hash, extractor)
) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS vectors (
    text_sha256   TEXT NOT NULL,
    taxonomy_hash TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    vector        BLOB NOT NULL,
    PRIMARY KEY (text_sha256, taxonomy_hash, extractor)
) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS files (
    path          TEXT NOT NULL,
    reader        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    mtime_ns      INTEGER NOT NULL,
    text_sha256   TEXT NOT NULL,
    PRIMARY KEY (path, reader)
) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS collections (
    name          TEXT NOT NULL,
    document      TEXT NOT NULL,
    text_sha256   TEXT NOT NULL,
    PRIMARY KEY (name, document)
) WITHOUT ROWID""",
    # rows of megabytes: a rowid table (WITHOUT ROWID suits small rows only)
    """CREATE TABLE IF NOT EXISTS collection_parts (
    name          TEXT NOT NULL,
    taxonomy_hash TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    part          INTEGER NOT NULL,
    documents     BLOB NOT NULL,
    counts        BLOB NOT NULL,
    vectors       BLOB NOT NULL,
    UNIQUE (name, taxonomy_hash, extractor, part)
)""",
)
_COLUMNS = {
    "profiles": ["text_sha256", "taxonomy_hash", "extractor", "profile", "created"],
    "vectors": ["text_sha256", "taxonomy_hash", "extractor", "vector"],
    "files": ["path", "reader", "size", "mtime_ns", "text_sha256"],
    "collections": ["name", "document", "text_sha256"],
    "collection_parts": [
        "name", "taxonomy_hash", "extractor", "part", "documents", "counts", "vectors"
    ],
}  # fmt: skip
_PARTS = (
    "SELECT part, documents, counts, vectors FROM collection_parts"
    " WHERE name = ? AND taxonomy_hash = ? AND extractor = ? ORDER BY part"
)
_MEMBERS = (
    "SELECT c.document, v.vector FROM collections AS c"
    " LEFT JOIN vectors AS v ON v.text_sha256 = c.text_sha256"
    " AND v.taxonomy_hash = ? AND v.extractor = ?"
    " WHERE c.name = ? ORDER BY c.document"
)


class Members(NamedTuple):
    """A collection's documents (by document) and their skill vectors end to end: counts[d]
    skills for document d (an int32 array), -1 where the cache holds no vector for it."""

    documents: list[str]
    counts: array
    vectors: bytes


def text_hash(text: str) -> str:
    """The sha256 of a document's extracted text (lone surrogates from JSON allowed)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stored_profile(data: str) -> bytes:
    """A profile's JSON as the cache keeps it, compressed: made where the profile is
    extracted, so that a batch's parent, whose core the workers share, only inserts it."""
    return zlib.compress(data.encode("utf-8"), 6)


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


def salience_id(matcher: SkillMatcher) -> str:
    """Which salience model, if any, judged a job: a job profile read with one is not the same
    as one read with another or with none (résumés are never judged, so theirs need not say)."""
    model = matcher.salience
    if model is None:
        return "salience-off"
    return "salience-" + hashlib.sha256(model.model_dump_json().encode()).hexdigest()[:12]


def reader_id() -> str:
    """What, besides a file's bytes, decides its text: the version and the document readers."""
    source = Path(__file__).with_name("documents.py")
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    except OSError:  # pragma: no cover - an installed package always has its sources
        digest = "unknown"
    return f"skillmatch-{__version__}/documents-{digest}"


def file_stat(path: str) -> FileStat | None:
    """(absolute path, size, mtime_ns) of a file, or None if it cannot be stat'ed or its path
    cannot be stored (a name that is not UTF-8: such a file is read again each time)."""
    try:
        st = os.stat(path)
        absolute = os.path.abspath(path)
        absolute.encode("utf-8")
    except (OSError, ValueError):  # UnicodeEncodeError is a ValueError
        return None
    return absolute, st.st_size, st.st_mtime_ns


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
        rows = self._select(
            "SELECT profile FROM profiles"
            " WHERE text_sha256 = ? AND taxonomy_hash = ? AND extractor = ?",
            key,
        )
        if not rows:
            return None
        try:
            return zlib.decompress(rows[0][0]).decode("utf-8")
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

    def put_many(self, entries: Iterable[tuple[CacheKey, str | bytes, bytes | None]]) -> int:
        """Store (key, profile JSON or stored_profile of it, skill vector) entries in one short
        transaction; how many were stored. An entry without a vector is found by get, but not
        by vectors."""
        now = time.time()
        entries = list(entries)
        profiles = [
            (*key, data if isinstance(data, bytes) else stored_profile(data), now)
            for key, data, _ in entries
        ]
        vectors = [(*key, vector) for key, _, vector in entries if vector is not None]
        done = self._write(
            ("INSERT OR REPLACE INTO profiles VALUES (?, ?, ?, ?, ?)", profiles),
            ("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", vectors),
        )
        if not done:
            return 0
        self.stores += len(profiles)
        return len(profiles)

    def put(self, key: CacheKey, data: str, vector: bytes | None = None) -> bool:
        """Store one profile JSON (and its skill vector); False if the cache could not take it."""
        return self.put_many([(key, data, vector)]) == 1

    def vectors(
        self, hashes: Iterable[str], taxonomy_hash: str, extractor: str
    ) -> dict[str, bytes]:
        """The stored skill vector of each text hash found, in one query."""
        wanted = json.dumps(sorted(set(hashes)))
        if wanted == "[]":
            return {}
        rows = self._select(
            "SELECT v.text_sha256, v.vector FROM json_each(?) AS j JOIN vectors AS v"
            " ON v.text_sha256 = j.value AND v.taxonomy_hash = ? AND v.extractor = ?",
            (wanted, taxonomy_hash, extractor),
        )
        return {sha: vector for sha, vector in rows or () if _is_vector(vector)}

    def file_hashes(self, stats: Iterable[FileStat], reader: str) -> dict[str, str]:
        """Text hash of each file (by absolute path) whose size and mtime are as recorded."""
        by_path = {path: (size, mtime) for path, size, mtime in stats}
        if not by_path:
            return {}
        rows = self._select(
            "SELECT f.path, f.size, f.mtime_ns, f.text_sha256"
            " FROM json_each(?) AS j JOIN files AS f ON f.path = j.value AND f.reader = ?",
            (json.dumps(sorted(by_path)), reader),
        )
        return {
            path: sha for path, size, mtime, sha in rows or () if by_path[path] == (size, mtime)
        }

    def put_files(self, entries: Iterable[tuple[FileStat, str]], reader: str) -> int:
        """Remember each file's text hash with the size and mtime it had before it was read."""
        rows = [(path, reader, size, mtime, sha) for (path, size, mtime), sha in entries]
        return (
            len(rows)
            if self._write(("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", rows))
            else 0
        )

    def put_collection(self, name: str, members: Iterable[tuple[str, str]]) -> int:
        """File (document, text hash) pairs under a collection name, replacing a document's
        earlier entry; how many were filed. The collection's stored parts go (see collection)."""
        rows = [(name, document, sha) for document, sha in members]
        done = self._write(
            ("INSERT OR REPLACE INTO collections VALUES (?, ?, ?)", rows),
            ("DELETE FROM collection_parts WHERE name = ?", [(name,)] if rows else []),
        )
        return len(rows) if done else 0

    def collection(self, name: str, taxonomy_hash: str, extractor: str) -> Members:
        """The documents filed under a name and their skill vectors for this taxonomy and
        extractor: from the collection's stored parts, else joined member by member (and
        stored as parts when every member has a vector)."""
        key = (name, taxonomy_hash, extractor)
        parts = self._select(_PARTS, key)
        found = _from_parts(parts) if parts else None
        if found is not None:
            return found
        if parts is None:  # no usable database
            return Members([], array("i"), b"")
        stored = self._store_parts(key)
        if stored is not None:
            return stored
        rows = self._select(_MEMBERS, (taxonomy_hash, extractor, name))
        return _members(rows or [])

    def _store_parts(self, key: tuple[str, str, str]) -> Members | None:
        """Join the members to their vectors and store them as parts, in one write
        transaction, so that no filing can come between the two; None if that failed (a
        read-only or busy file: the caller reads without storing)."""
        name, taxonomy_hash, extractor = key
        conn = self._connection()
        if conn is None:
            return None
        try:
            with _transaction(conn):
                found = _from_parts(conn.execute(_PARTS, key).fetchall())
                if found is not None:  # another run stored them while this one waited
                    return found
                members = _members(conn.execute(_MEMBERS, (taxonomy_hash, extractor, name)))
                if members.documents and min(members.counts) >= 0:
                    conn.execute(
                        "DELETE FROM collection_parts"
                        " WHERE name = ? AND taxonomy_hash = ? AND extractor = ?",
                        key,
                    )
                    conn.executemany(
                        "INSERT INTO collection_parts VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(*key, n, *part) for n, part in enumerate(_parts(members))],
                    )
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        return members

    def _select(self, sql: str, params: tuple) -> list[tuple] | None:
        """All rows of one query; None when there is no usable database (a failure turns the
        cache off, as everywhere here)."""
        conn = self._connection()
        if conn is None:
            return None
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None

    def _write(self, *statements: tuple[str, list[tuple]]) -> bool:
        """executemany each (sql, rows) in one short transaction; False if nothing or failed."""
        conn = self._connection()
        if not any(rows for _, rows in statements) or conn is None:
            return False
        try:
            with _transaction(conn):
                for sql, rows in statements:
                    conn.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return False
        return True

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
                with _transaction(conn):  # one creator at a time; others wait, then see it
                    if not self._is_ours(conn):
                        if _has_tables(conn) or _ids(conn) != (0, 0):
                            raise _NotOurs()
                        for statement in _SCHEMA:
                            conn.execute(statement)
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            with contextlib.suppress(sqlite3.OperationalError):  # e.g. a network file system
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA mmap_size = {_MMAP}")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _is_ours(conn: sqlite3.Connection) -> bool:
        if _ids(conn) != (APPLICATION_ID, SCHEMA_VERSION):
            return False
        for table, expected in _COLUMNS.items():
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            if columns != expected:
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


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE: no read-then-upgrade deadlock),
    committed when the block ends and rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _is_vector(value: object) -> bool:
    """A skill vector as stored: int32 (position, years) pairs (vectorized.pack)."""
    return isinstance(value, bytes) and len(value) % ENTRY_BYTES == 0


def _members(rows: Iterable[tuple[str, object]]) -> Members:
    """Members from (document, vector or NULL) rows."""
    documents: list[str] = []
    counts = array("i")
    vectors: list[bytes] = []
    for document, vector in rows:
        documents.append(document)
        if _is_vector(vector):
            counts.append(len(vector) // ENTRY_BYTES)  # type: ignore[arg-type]
            vectors.append(vector)  # type: ignore[arg-type]
        else:
            counts.append(-1)
    return Members(documents, counts, b"".join(vectors))


def _parts(members: Members) -> Iterable[tuple[bytes, bytes, bytes]]:
    """(documents as JSON, counts, vectors) of every PART members, as collection_parts keeps
    them (counts little-endian, like the vectors)."""
    at = 0
    for start in range(0, len(members.documents), PART):
        counts = members.counts[start : start + PART]
        size = ENTRY_BYTES * sum(counts)
        documents = json.dumps(members.documents[start : start + PART]).encode("utf-8")
        yield documents, _swapped(counts).tobytes(), members.vectors[at : at + size]
        at += size


def _from_parts(parts: list[tuple]) -> Members | None:
    """Members from stored parts (by part number); None unless there are some, numbered
    0, 1, … with none missing, and every one is whole and consistent."""
    if not parts or [part[0] for part in parts] != list(range(len(parts))):
        return None
    documents: list[str] = []
    counts = array("i")
    vectors: list[bytes] = []
    try:
        for _, names, packed_counts, packed in parts:
            part_documents = json.loads(names)
            part_counts = array("i")
            part_counts.frombytes(packed_counts)
            part_counts = _swapped(part_counts)
            if (
                not isinstance(part_documents, list)
                or len(part_documents) != len(part_counts)
                or not all(isinstance(d, str) for d in part_documents)
                or min(part_counts, default=0) < 0
                or not isinstance(packed, bytes)
                or len(packed) != ENTRY_BYTES * sum(part_counts)
            ):
                return None
            documents += part_documents
            counts += part_counts
            vectors.append(packed)
    except (ValueError, TypeError):  # bad JSON, a counts blob of the wrong length
        return None
    return Members(documents, counts, b"".join(vectors))


def _swapped(counts: array) -> array:
    """Counts between this machine's byte order and the stored little-endian one (the same
    swap either way; none on a little-endian machine)."""
    if sys.byteorder == "little":
        return counts
    swapped = array("i", counts)
    swapped.byteswap()
    return swapped


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
