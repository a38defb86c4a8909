"""The SQLite profile cache: round trips, keys, sharing between processes, and recovery from
files that are damaged or not ours (set aside, rebuilt, never a crash)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import struct
from array import array
from pathlib import Path

import pytest

from skillmatch import SkillMatcher
from skillmatch import cache as cache_module
from skillmatch.cache import (
    APPLICATION_ID,
    FILENAME,
    SCHEMA_VERSION,
    ProfileCache,
    extractor_id,
    text_hash,
)
from skillmatch.models import Profile

KEY = ("a" * 64, "tax1", "skillmatch-test/format-1")
JSON = '{"kind":"resume","taxonomy_hash":"tax1","length":6}'


def _aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def test_put_then_get_round_trips_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        assert cache.get(KEY) is None
        assert cache.put(KEY, JSON)
        assert cache.get(KEY) == JSON
        assert cache.stores == 1
    with ProfileCache(path) as again:
        assert again.get(KEY) == JSON
        assert again.load(KEY) == Profile(kind="resume", taxonomy_hash="tax1", length=6)
        assert len(again) == 1


def test_every_part_of_the_key_separates_entries(tmp_path: Path) -> None:
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        cache.put(KEY, JSON)
        assert cache.get(("b" * 64, KEY[1], KEY[2])) is None
        assert cache.get((KEY[0], "tax2", KEY[2])) is None
        assert cache.get((KEY[0], KEY[1], "skillmatch-other/format-1")) is None
        cache.put(KEY, JSON.replace("6", "7"))  # INSERT OR REPLACE: one entry per key
        assert len(cache) == 1
        assert cache.load(KEY) == Profile(kind="resume", taxonomy_hash="tax1", length=7)


def test_database_is_in_wal_mode_and_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ProfileCache(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_folder_path_holds_the_default_file_name(tmp_path: Path) -> None:
    with ProfileCache(tmp_path) as cache:
        assert cache.path == tmp_path / FILENAME


def test_default_location_is_the_skillmatch_cache_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SKILLMATCH_CACHE_DIR", str(tmp_path / "sm"))
    with ProfileCache() as cache:
        assert cache.path == tmp_path / "sm" / FILENAME
        assert cache.path.exists()


def test_garbage_file_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with ProfileCache(path) as cache:
        assert cache.disabled is None
        assert cache.recovered is not None
        assert _aside(path) == [cache.recovered]
        assert cache.recovered.read_bytes() == b"this is not a database at all" * 100
        assert cache.put(KEY, JSON)
        assert cache.get(KEY) == JSON


def test_foreign_sqlite_database_is_set_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    with ProfileCache(path) as cache:
        assert cache.recovered is not None
        assert cache.put(KEY, JSON)
    moved = sqlite3.connect(_aside(path)[0])
    assert moved.execute("SELECT * FROM invoices").fetchall() == [(1, 9.5)]
    moved.close()


def test_cache_from_another_schema_version_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE profiles (k TEXT)")
    conn.commit()
    conn.close()
    with ProfileCache(path) as cache:
        assert cache.recovered is not None
        assert cache.put(KEY, JSON)
        assert cache.get(KEY) == JSON


def test_damaged_entry_reads_as_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        cache.put(KEY, JSON)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE profiles SET profile = x'00ff00'")
        conn.commit()
        conn.close()
        assert cache.get(KEY) is None
        assert cache.load(KEY) is None


def test_unwritable_location_turns_the_cache_off_without_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with ProfileCache(blocker / "sub" / "c.sqlite3") as cache:
        assert cache.disabled is not None
        assert cache.disabled.startswith(
            f"cannot use the cache at {blocker / 'sub' / 'c.sqlite3'}: "
        )
        assert cache.get(KEY) is None
        assert cache.put(KEY, JSON) is False
        assert len(cache) == 0


def _writer(path: str, offset: int) -> None:
    with ProfileCache(path) as cache:
        for n in range(40):
            cache.put_many([((f"{offset + n:064d}", "t", "e"), JSON, None)])


def test_two_processes_write_the_same_cache_safely(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), k * 1000)) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0]
    with ProfileCache(path) as cache:
        assert len(cache) == 80
        assert cache.recovered is None


def test_extractor_id_changes_with_the_options_that_change_extraction(mini: SkillMatcher) -> None:
    strict = SkillMatcher(mini.taxonomy, fuzzy=False, cache_dir=False)
    assert extractor_id(mini) != extractor_id(strict)
    assert extractor_id(mini).endswith("/fuzzy-1/nlp-none")


def test_text_hash_is_sha256_and_accepts_lone_surrogates() -> None:
    assert text_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert len(text_hash("half a pair \ud800")) == 64


@pytest.mark.parametrize("bad", [b"SQLite format 3\x00" + b"\x00" * 80])
def test_truncated_sqlite_header_is_recovered(tmp_path: Path, bad: bytes) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(bad)
    with ProfileCache(path) as cache:
        assert cache.disabled is None
        assert cache.put(KEY, JSON)
        assert cache.get(KEY) == JSON


# -- format 2: skill vectors, the file manifest, collections ----------------------------------


def test_vectors_load_many_entries_in_one_call(tmp_path: Path) -> None:
    other = ("b" * 64, KEY[1], KEY[2])
    vector = b"\x01\x00\x00\x00\xff\xff\xff\xff"
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many([(KEY, JSON, vector), (other, JSON, None)])
        assert cache.vectors([KEY[0], other[0], "c" * 64], KEY[1], KEY[2]) == {KEY[0]: vector}
        assert cache.get(other) == JSON  # stored without a vector: a profile all the same
        assert cache.vectors([KEY[0]], "another taxonomy", KEY[2]) == {}
        assert cache.vectors([], KEY[1], KEY[2]) == {}


def test_file_hashes_hold_only_while_size_and_mtime_are_unchanged(tmp_path: Path) -> None:
    from skillmatch.cache import file_stat

    doc = tmp_path / "cv.txt"
    doc.write_text("Python", encoding="utf-8")
    stat = file_stat(str(doc))
    assert stat is not None and stat[0] == str(doc.resolve()) and stat[1] == 6
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        assert cache.put_files([(stat, "h1")], "reader-1") == 1
        assert cache.file_hashes([stat], "reader-1") == {stat[0]: "h1"}
        assert cache.file_hashes([stat], "reader-2") == {}  # another document reader
        assert cache.file_hashes([(stat[0], stat[1], stat[2] + 1)], "reader-1") == {}
        assert cache.file_hashes([(stat[0], stat[1] + 1, stat[2])], "reader-1") == {}
    assert file_stat(str(tmp_path / "gone.txt")) is None


def test_collections_file_documents_by_name(tmp_path: Path) -> None:
    with ProfileCache(tmp_path / "c.sqlite3") as cache:
        assert cache.put_collection("spring", [("b.txt", "h2"), ("a.txt", "h1")]) == 2
        cache.put_collection("spring", [("b.txt", "h3")])  # a document's entry is replaced
        cache.put_collection("autumn", [("c.txt", "h4")])
        cache.put(("h1", "t", "e"), JSON, b"")
        assert cache.collection("spring", "t", "e") == (
            ["a.txt", "b.txt"],
            array("i", [0, -1]),
            b"",
        )
        assert cache.collection("spring", "t2", "e") == (
            ["a.txt", "b.txt"],
            array("i", [-1, -1]),
            b"",
        )
        assert cache.collection("winter", "t", "e") == ([], array("i"), b"")


def _vector(*positions: int) -> bytes:
    return b"".join(struct.pack("<ii", p, -1) for p in positions)


def _parts(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT name, taxonomy_hash, part, documents FROM collection_parts")
    found = sorted(rows.fetchall())
    conn.close()
    return found


def _filed(cache: ProfileCache, name: str, members: dict[str, bytes]) -> None:
    for document, vector in members.items():
        cache.put((f"h{document}", "t", "e"), JSON, vector)
        cache.put_collection(name, [(document, f"h{document}")])


def test_a_collection_is_stored_in_parts_on_first_read_and_read_from_them_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "PART", 2)
    path = tmp_path / "c.sqlite3"
    members = {"e": _vector(5), "a": _vector(1, 2), "c": b"", "b": _vector(3), "d": _vector(4)}
    expected = (["a", "b", "c", "d", "e"], array("i", [2, 1, 0, 1, 1]), _vector(1, 2, 3, 4, 5))
    with ProfileCache(path) as cache:
        _filed(cache, "pool", members)
        assert _parts(path) == []
        assert cache.collection("pool", "t", "e") == expected
        assert _parts(path) == [
            ("pool", "t", 0, b'["a", "b"]'),
            ("pool", "t", 1, b'["c", "d"]'),
            ("pool", "t", 2, b'["e"]'),
        ]
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM vectors")  # the parts alone answer now
        conn.commit()
        conn.close()
        assert cache.collection("pool", "t", "e") == expected


def test_filing_under_a_name_drops_its_parts_so_a_read_sees_the_new_members(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        _filed(cache, "pool", {"a": _vector(1)})
        _filed(cache, "other", {"z": _vector(9)})
        cache.collection("pool", "t", "e")
        cache.collection("other", "t", "e")
        _filed(cache, "pool", {"b": _vector(2)})
        assert [p[0] for p in _parts(path)] == ["other"]
        assert cache.collection("pool", "t", "e") == (
            ["a", "b"],
            array("i", [1, 1]),
            _vector(1, 2),
        )


def test_a_collection_missing_a_vector_is_not_stored_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        _filed(cache, "pool", {"a": _vector(1)})
        cache.put_collection("pool", [("gone", "h-gone")])
        assert cache.collection("pool", "t", "e") == (
            ["a", "gone"],
            array("i", [1, -1]),
            _vector(1),
        )
        assert _parts(path) == []  # a vector stored later for "gone" must be seen


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE collection_parts SET counts = x'0100'",  # not whole int32s
        "UPDATE collection_parts SET counts = x'02000000'",  # two skills, one vector's bytes
        "UPDATE collection_parts SET documents = CAST('[1]' AS BLOB)",  # not names
        "UPDATE collection_parts SET documents = CAST('nope' AS BLOB)",  # not JSON
        "UPDATE collection_parts SET counts = x'ffffffff'",  # a negative count
        "UPDATE collection_parts SET part = 1",  # part 0 missing
    ],
)
def test_damaged_parts_are_ignored_and_stored_again(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        _filed(cache, "pool", {"a": _vector(1)})
        expected = cache.collection("pool", "t", "e")
        conn = sqlite3.connect(path)
        conn.execute(damage)
        conn.commit()
        conn.close()
        assert (
            cache.collection("pool", "t", "e") == expected == (["a"], array("i", [1]), _vector(1))
        )
        assert _parts(path) == [("pool", "t", 0, b'["a"]')]


def test_a_format_1_cache_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "CREATE TABLE profiles (text_sha256 TEXT, taxonomy_hash TEXT, extractor TEXT,"
        " profile BLOB, created REAL, PRIMARY KEY (text_sha256, taxonomy_hash, extractor))"
    )
    conn.commit()
    conn.close()
    with ProfileCache(path) as cache:
        assert cache.recovered is not None and cache.disabled is None
        assert cache.put(KEY, JSON, b"")
        assert cache.vectors([KEY[0]], KEY[1], KEY[2]) == {KEY[0]: b""}


def test_a_schema_2_cache_without_collection_parts_is_set_aside_and_rebuilt(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    for statement in cache_module._SCHEMA[:-1]:  # every table but collection_parts
        conn.execute(statement)
    conn.commit()
    conn.close()
    with ProfileCache(path) as cache:
        assert cache.recovered is not None and cache.disabled is None
        _filed(cache, "pool", {"a": _vector(1)})
        assert cache.collection("pool", "t", "e") == (["a"], array("i", [1]), _vector(1))


def test_a_run_that_waited_to_store_parts_takes_those_another_run_stored(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with ProfileCache(path) as cache:
        _filed(cache, "pool", {"a": _vector(1), "b": _vector(2)})
        first = cache.collection("pool", "t", "e")  # stores the parts
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM vectors")  # a join now would find no vector at all
        conn.commit()
        conn.close()
        assert cache._store_parts(("pool", "t", "e")) == first
        assert _parts(path) == [("pool", "t", 0, b'["a", "b"]')]
