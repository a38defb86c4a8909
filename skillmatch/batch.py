"""Rank many résumés against one job: read, extract (in parallel, cached), score, order.

Each document goes through three steps. *Read*: a file becomes text (read_document), and a
file that cannot be read becomes an error row, never the end of the batch. *Extract*: the
text's profile comes from the cache or from the matcher; this is the expensive step, so it
runs in worker processes (or on a Dask cluster), and only compact profile JSON travels back.
*Score*: the parent scores every profile against the job, parsed once, with
SkillMatcher.score, and orders the rows. Profiles always make the same JSON round trip, so
one worker, many workers, the cache and a cluster give identical rows.

Without reports (`reports=False`, the CLI's default), `rank` takes a faster road built for
100,000 documents: unchanged files are known by their size and mtime (no reading), cached
skill vectors load in one query, every document is scored at once with numpy
(skillmatch.vectorized, equal to scoring.score_summary, scores and id lists alike), and only
the rows returned (`top`, `min_score`) are built. A collection (`file_as`, Collection) ranks
documents filed in the cache earlier without reading any input.

Inputs stream: documents (a generator of --jsonl records, say) are taken _CHUNK at a time,
and a chunk is read, looked up, extracted (by one process pool kept for the whole batch) and,
on the vector road, scored before the next is read; then only the rows that can still be
shown are kept. Memory holds one chunk's texts, not the input's, and the rows, their order
and the errors are those of a single chunk.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from skillmatch.cache import (
    CacheKey,
    FileStat,
    ProfileCache,
    extractor_id,
    file_stat,
    reader_id,
    salience_id,
    stored_profile,
    text_hash,
)
from skillmatch.compiled import paused_gc
from skillmatch.errors import DocumentError, SkillmatchError
from skillmatch.models import FitReport, Profile, RankedRow
from skillmatch.normalize import printable
from skillmatch.scoring import (
    focus,
    job_requirements,
    relevance,
    role_match,
    score_summary,
    titled_ids,
)
from skillmatch.vectorized import (
    JobScorer,
    Vectors,
    entry_counts,
    pack,
    pack_profile,
    profile_entries,
    skill_index,
)

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.matcher import SkillMatcher

Engine = Literal["local", "dask"]
Progress = Callable[[int, int], None]  # (documents done, documents in all)

# Files a folder contributes; a file named on its own is read whatever its suffix.
FOLDER_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm"})
SNIPPET_WIDTH = 160
_FLUSH_EVERY = 64  # profiles written to the cache per transaction
_CHUNK = 2048  # inputs read, looked up and extracted at a time: all a batch holds of its texts
_VECTORS_ONLY = (
    "collections are ranked from cached skill vectors only: rank without reports and without "
    "explain (a report quotes the text, which the cache does not keep)"
)
_NOT_CACHED = (
    "no profile in the cache for this taxonomy and skillmatch version: rank the document "
    "itself again"
)


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A document already in memory (a --jsonl record), ranked under `id`.

    `error` says why a record could not be used (bad JSON, no text): it becomes an error row,
    so that every input appears in the output.
    """

    id: str
    text: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Collection:
    """Every document filed under `name` in the profile cache (see rank's `file_as`): ranked
    from its cached profiles, with no input read again."""

    name: str


Source = str | os.PathLike[str] | TextDocument | Collection


# -- inputs ----------------------------------------------------------------------------------


def expand_documents(
    sources: Source | Iterable[Source],
) -> list[str | TextDocument | Collection]:
    """Each source as given, with folders replaced by their files (see iter_documents)."""
    return list(iter_documents(sources))


def iter_documents(
    sources: Source | Iterable[Source],
) -> Iterator[str | TextDocument | Collection]:
    """Each source as given, with folders replaced by their files (recursive, sorted by path),
    one at a time: a stream of records is never held whole.

    One source may stand alone ('cvs/' rather than ['cvs/']): a string is a path, never a
    sequence of one-letter paths ('/' alone would walk the whole filesystem). Inside folders,
    hidden entries, editor lock files (~$x.docx) and unsupported suffixes are skipped; a path
    that does not exist is kept, to become an error row.
    """
    if isinstance(sources, bytes):
        raise TypeError("documents must be paths or TextDocuments, not bytes: decode them first")
    if isinstance(sources, str | os.PathLike | TextDocument | Collection):
        sources = (sources,)
    for source in sources:
        if isinstance(source, TextDocument | Collection):
            yield source
        elif os.path.isdir(source):
            for item in _folder_files(Path(source)):
                yield item if isinstance(item, TextDocument) else str(item)
        else:
            yield os.fspath(source)


def _folder_files(folder: Path) -> list[Path | TextDocument]:
    """The files a folder contributes, sorted by path; a folder in it that cannot be listed
    (no permission) is an error record in its place, so that its résumés do not silently
    drop out of the batch."""
    found: list[tuple[Path, Path | TextDocument]] = []

    def unlisted(exc: OSError) -> None:
        where = os.fspath(exc.filename if exc.filename is not None else folder)
        why = f"cannot list the folder: {exc.strerror or exc}"
        found.append((Path(where), TextDocument(where, error=why)))

    # os.walk does not follow symlinked folders: no loops
    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if name.startswith((".", "~$")) or path.suffix.lower() not in FOLDER_SUFFIXES:
                continue
            found.append((path, path))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def read_jsonl(
    path: str | os.PathLike[str], lines: Iterable[bytes] | None = None
) -> list[TextDocument]:
    """Records {"id": …, "text": …}, one JSON object a line, as a list (see iter_jsonl)."""
    return list(iter_jsonl(path, lines))


def iter_jsonl(
    path: str | os.PathLike[str], lines: Iterable[bytes] | None = None
) -> Iterator[TextDocument]:
    """Records {"id": …, "text": …}, one JSON object a line, read as they are consumed. A bad
    line (bad JSON, not UTF-8, no text) becomes an error record named by its line number,
    blank lines counted. A file that cannot be opened fails here, at once; one that cannot be
    read part-way fails where it does (DocumentError either way).

    `lines` replaces reading the file (the lines of a binary stream: standard input's); `path`
    then only names the records.
    """
    name = os.fspath(path)
    if lines is not None:
        return _records(name, lines)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by _records
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read: {exc.strerror or exc}") from None
    return _records(name, fh, fh)


def _records(name: str, lines: Iterable[bytes], owned: Any = None) -> Iterator[TextDocument]:
    """Lines are decoded one at a time, so that a line that is not UTF-8 is one error record,
    as a line of bad JSON is, and not the end of the input."""
    offset = 0  # of the line in the input: where to look for the bad byte
    try:
        for number, raw in enumerate(lines, start=1):
            try:  # a byte-order mark opening the file is its encoding's, not the record's
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                why = f"not UTF-8 text (byte offset {offset + exc.start} in the input)"
                yield TextDocument(f"{name}:{number}", error=why)
            else:
                if line.strip():
                    yield _record(f"{name}:{number}", line)
            offset += len(raw)
    except OSError as exc:
        raise DocumentError(name, f"cannot read: {exc.strerror or exc}") from None
    finally:
        if owned is not None:
            owned.close()


def _record(where: str, line: str) -> TextDocument:
    """One line's record, or an error record named by where it is."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return TextDocument(where, error=f"not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return TextDocument(where, error="not a JSON object")
    ident = record.get("id")
    ident = where if ident is None or ident == "" else str(ident)
    text = record.get("text")
    if not isinstance(text, str):
        return TextDocument(ident, error='no "text" string in the record')
    if not text.strip():
        return TextDocument(ident, error="empty document (no text)")
    return TextDocument(ident, text)


# -- ranking ---------------------------------------------------------------------------------


def rank(
    matcher: SkillMatcher,
    job: str | Profile,
    documents: Source | Iterable[Source],
    *,
    workers: int | None = None,
    cache: ProfileCache | str | os.PathLike[str] | bool | None = None,
    progress: Progress | None = None,
    engine: Engine = "local",
    scheduler: Any = None,
    explain: bool = False,
    reports: bool = True,
    top: int | None = None,
    min_score: float | None = None,
    file_as: str | None = None,
) -> list[RankedRow]:
    """Every document scored against the job, most relevant first (rank_key), error rows
    last (see iter_rows).

    top, min_score: return only the best `top` rows scoring at least `min_score` (error rows
    are always returned). Without reports the other rows are scored but never get their
    matched and missing ids worked out, which is most of the time on a large batch.
    file_as: file the documents ranked (those with a profile) under this name in the cache;
    a later `rank(..., [Collection(name)], reports=False)` ranks them again with no input.
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    if min_score is not None and math.isnan(min_score):  # every comparison with it is False
        raise ValueError("min_score must be a number, not nan")
    items = iter_documents(documents)
    if cache is False:
        off = "collections live in the profile cache: do not turn it off"
        if file_as is not None:
            raise SkillmatchError(off)
        items = _without_collections(items, off)
    if not (reports or explain):
        return _rank_vectors(
            matcher,
            job,
            items,
            workers=workers,
            cache=cache,
            progress=progress,
            engine=engine,
            scheduler=scheduler,
            top=top,
            min_score=min_score,
            file_as=file_as,
        )
    if file_as is not None:
        raise SkillmatchError(_VECTORS_ONLY)
    rows = iter_rows(
        matcher,
        job,
        items,
        workers=workers,
        cache=cache,
        progress=progress,
        engine=engine,
        scheduler=scheduler,
        explain=explain,
        reports=reports,
    )
    return select_rows(order_rows(rows), top=top, min_score=min_score)


def iter_rows(
    matcher: SkillMatcher,
    job: str | Profile,
    documents: Source | Iterable[Source],
    *,
    workers: int | None = None,
    cache: ProfileCache | str | os.PathLike[str] | bool | None = None,
    progress: Progress | None = None,
    engine: Engine = "local",
    scheduler: Any = None,
    explain: bool = False,
    reports: bool = True,
) -> Iterator[RankedRow]:
    """Unranked rows (rank None) in input order, each as soon as it and those before it are done.

    documents: paths of files or folders (expanded, see expand_documents) or TextDocuments.
    workers: processes for the local engine (default: every core); 1 runs in this process.
    cache: a ProfileCache, a path to one, True / None for the default location, False for none.
    progress: called with (done, total) as documents finish.
    engine: "local" (a process pool) or "dask" (a Dask distributed cluster at `scheduler`, an
    address or a Client; None uses the current default client).
    explain: quote the résumé around each matched skill's evidence (keeps the texts longer).
    reports: keep the full FitReport on each row; without it (and without explain) each row
    holds only the score and the matched and missing ids, several times faster and lighter.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    items = _without_collections(iter_documents(documents), _VECTORS_ONLY)
    job_profile = job if isinstance(job, Profile) else matcher.parse_job(job)
    requirements = None if (reports or explain) else job_requirements(job_profile, matcher.weights)
    job_titles = titled_ids(job_profile.skills)  # the job's, once: every row's role match reads it
    owned = not isinstance(cache, ProfileCache) and cache is not False
    store = _open_cache(cache)
    try:
        done = total = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        pending: list[tuple[CacheKey, str | bytes, bytes | None]] = []
        with _Extractor(_Runner(matcher, store, explain), workers, engine, scheduler) as pool:
            try:
                for chunk in _chunks(items):
                    tasks = [_task(i, item) for i, item in enumerate(chunk)]
                    total += len(tasks)
                    if progress is not None:
                        progress(done, total)
                    for outcome in pool.outcomes(tasks, tick, last=len(chunk) < _CHUNK):
                        stored = outcome.key is not None and outcome.profile is not None
                        if stored and store is not None:
                            if outcome.hit:
                                store.hits += 1
                            else:
                                store.misses += 1
                                vector = _outcome_vector(outcome, skill_index(matcher.taxonomy))
                                pending.append(_to_store(outcome, vector))
                                if len(pending) >= _FLUSH_EVERY:
                                    store.put_many(pending)
                                    pending.clear()
                        task = tasks[outcome.index]
                        yield _row(matcher, job_profile, task, outcome, requirements, job_titles)
            finally:
                if pending and store is not None:
                    store.put_many(pending)
    finally:
        if owned and store is not None:
            store.close()


def _chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    """The items _CHUNK at a time: what a batch holds of its inputs at once. An input that
    fails part-way (a read error) fails after the items before it, in a last short chunk, have
    been handed over: a stream has then given every row before the error."""
    stream = iter(items)
    while True:
        chunk: list[Any] = []
        try:
            for item in islice(stream, _CHUNK):
                chunk.append(item)
        except Exception:
            if chunk:
                yield chunk
            raise
        if not chunk:
            return
        yield chunk


def _without_collections(items: Iterable[Any], why: str) -> Iterator[Any]:
    """The items, failing with `why` at the first Collection among them."""
    for item in items:
        if isinstance(item, Collection):
            raise SkillmatchError(why)
        yield item


def _rank_vectors(
    matcher: SkillMatcher,
    job: str | Profile,
    items: Iterable[str | TextDocument | Collection],
    *,
    workers: int | None,
    cache: ProfileCache | str | os.PathLike[str] | bool | None,
    progress: Progress | None,
    engine: Engine,
    scheduler: Any,
    top: int | None,
    min_score: float | None,
    file_as: str | None,
) -> list[RankedRow]:
    """rank() without reports: skill vectors from the cache (or extracted), scored at once.

    The inputs are read, looked up, extracted and scored a chunk at a time (see _Batch), so
    memory does not grow with the texts of a long stream.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    job_profile = job if isinstance(job, Profile) else matcher.parse_job(job)
    owned = not isinstance(cache, ProfileCache) and cache is not False
    store = _open_cache(cache)
    try:
        if store is not None and store.disabled:
            off = f"collections live in the profile cache, and {store.disabled}"
            if file_as:
                raise SkillmatchError(off)
            items = _without_collections(items, off)
        batch = _Batch(
            matcher, store, job_profile, top=top, min_score=min_score, filing=file_as is not None
        )
        with _Extractor(_Runner(matcher, store, False), workers, engine, scheduler) as pool:
            for chunk in _chunks(items):
                with paused_gc():  # 100,000s of names, hashes and vectors: none holds a cycle
                    batch.add(chunk)
                    batch.look_up()
                batch.extract(pool, progress, last=len(chunk) < _CHUNK)
                with paused_gc():
                    batch.settle()
        if file_as is not None and store is not None and batch.filed is not None:
            store.put_collection(file_as, batch.filed)
        return batch.rows()
    finally:
        if owned and store is not None:
            store.close()


class _Batch:
    """One vector ranking, a chunk of documents at a time: each chunk is named, looked up,
    extracted and scored, and then only its rows that can still be shown are kept (the best
    `top` so far, all of them without top), with its error rows and, when filing, its
    documents' hashes. Memory holds one chunk and the rows kept, however long the input."""

    def __init__(
        self,
        matcher: SkillMatcher,
        store: ProfileCache | None,
        job: Profile,
        *,
        top: int | None = None,
        min_score: float | None = None,
        filing: bool = False,
    ) -> None:
        self.matcher = matcher
        self.store = store
        self.index = skill_index(matcher.taxonomy)
        self.extractor = extractor_id(matcher)
        self.scorer = JobScorer(job, matcher.taxonomy, matcher.weights)
        self.top = top
        self.min_score = min_score
        self.seen = 0  # documents in the chunks settled
        self.kept: list[tuple[tuple, int, tuple]] = []  # (rank_key, position, row's fields)
        self.failed: list[tuple[str, str]] = []  # (document, why)
        self.filed: list[tuple[str, str]] | None = [] if filing else None  # (document, hash)
        self._chunk()

    def _chunk(self) -> None:
        """Empty per-chunk state."""
        self.names: list[str] = []
        self.hashes: list[str | None] = []
        self.errors: list[str | None] = []
        self.vectors: list[bytes] = []  # b"" for collection members: their vectors are in
        self.blocks: list[tuple[int, array, bytes]] = []  # (first document, counts, vectors)
        self.sources: list[str | TextDocument | None] = []  # None: settled or a member
        self.stats: dict[int, FileStat] = {}  # of files, taken before they are read

    def add(self, items: Iterable[str | TextDocument | Collection]) -> None:
        """Name every document and hash what can be hashed without reading a file."""
        for item in items:
            if isinstance(item, Collection):
                self._add_collection(item.name)
            elif isinstance(item, TextDocument):
                sha = None if item.error is not None else text_hash(item.text)
                self._append(printable(item.id), sha, item.error, item)
            else:
                if self.store is not None:
                    stat = file_stat(item)
                    if stat is not None:
                        self.stats[len(self.names)] = stat
                self._append(printable(item), None, None, item)

    def _add_collection(self, name: str) -> None:
        """The members of a collection, their vectors kept as the one block they came in."""
        if self.store is None:
            return
        members = self.store.collection(name, self.matcher.taxonomy.hash, self.extractor)
        n, missing = len(members.documents), members.counts.count(-1)
        self.blocks.append((len(self.names), members.counts, members.vectors))
        self.names += members.documents
        self.hashes += [None] * n  # not needed: members are filed already
        if missing:
            self.errors += [None if c >= 0 else _NOT_CACHED for c in members.counts]
        else:
            self.errors += [None] * n
        self.vectors += [b""] * n
        self.sources += [None] * n
        self.store.hits += n - missing

    def _append(self, name: str, sha: str | None, error: str | None, source: Any) -> None:
        self.names.append(name)
        self.hashes.append(sha)
        self.errors.append(error)
        self.vectors.append(b"")
        self.sources.append(source)

    def look_up(self) -> None:
        """Text hashes of unchanged files, then every known hash's vector, in two queries."""
        if self.store is None:
            return
        known = self.store.file_hashes(self.stats.values(), reader_id())
        for k, stat in self.stats.items():
            self.hashes[k] = known.get(stat[0])
        found = self.store.vectors(
            (h for h in self.hashes if h is not None), self.matcher.taxonomy.hash, self.extractor
        )
        for k, sha in enumerate(self.hashes):
            if self.sources[k] is None or sha is None or sha not in found:
                continue
            self.vectors[k] = found[sha]
            self.store.hits += 1
            self.sources[k] = None  # settled: nothing to read or extract

    def extract(self, pool: _Extractor, progress: Progress | None, *, last: bool = True) -> None:
        """Read and extract what the cache did not settle, with the pool."""
        todo = [
            k
            for k, source in enumerate(self.sources)
            if source is not None and self.errors[k] is None
        ]
        total = self.seen + len(self.names)
        done = total - len(todo)
        if progress is not None:
            progress(done, total)
        if not todo:
            return
        tasks = [_task(j, self.sources[k]) for j, k in enumerate(todo)]  # type: ignore[arg-type]

        def tick() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        profiles: list[tuple[CacheKey, str | bytes, bytes | None]] = []
        files: list[tuple[FileStat, str]] = []
        try:
            for outcome in pool.outcomes(tasks, tick, last=last):
                k = todo[outcome.index]
                vector = _outcome_vector(outcome, self.index)
                if outcome.error is not None or outcome.key is None or vector is None:
                    self.errors[k] = outcome.error or "no profile"
                    continue
                self.vectors[k], self.hashes[k] = vector, outcome.key[0]
                if self.store is None:
                    continue
                if k in self.stats:
                    files.append((self.stats[k], outcome.key[0]))
                if outcome.hit:
                    self.store.hits += 1
                else:
                    self.store.misses += 1
                # a hit here is a profile stored without its vector (by iter_rows or an
                # older run): store both, so the next ranking finds the vector
                profiles.append(_to_store(outcome, vector))
                if len(profiles) >= _FLUSH_EVERY:
                    self.store.put_many(profiles)
                    profiles.clear()
        finally:
            if self.store is not None:
                self.store.put_many(profiles)
                self.store.put_files(files, reader_id())

    def joined(self) -> Vectors:
        """The chunk's skill vectors (none for an error row) in one Vectors: each
        collection's block as it came from the cache, the other documents' one by one."""
        import numpy as np

        counts, pieces, at = [], [], 0
        for first, block, packed in [*self.blocks, (len(self.names), array("i"), b"")]:
            loose = self.vectors[at:first]
            counts += [entry_counts(loose), np.maximum(np.frombuffer(block, dtype=np.intc), 0)]
            pieces += [*loose, packed]
            at = first + len(block)
        return Vectors.of(np.concatenate(counts), b"".join(pieces))

    def settle(self) -> None:
        """Score the chunk, keep its rows that can still be shown (and its error rows and
        filed hashes), and let go of the rest: texts, vectors, names."""
        import numpy as np

        fits = self.scorer.fits(self.joined())
        if self.errors.count(None) == len(self.errors):
            ok, names = np.arange(len(self.names)), self.names
        else:
            ok = np.flatnonzero(np.array([error is None for error in self.errors], dtype=bool))
            names = [self.names[k] for k in ok.tolist()]
        relevance, scores = fits.relevance[ok], fits.scores[ok]
        chosen = ok[_best_first(relevance, scores, names, self.top, self.min_score)].tolist()
        values = [a[chosen].tolist() for a in (fits.scores, fits.focus, fits.role, fits.relevance)]
        for at, score, near, role, relevant, (matched, missing) in zip(
            chosen, *values, self.scorer.lists(fits, chosen), strict=True
        ):
            name = self.names[at]
            role = None if math.isnan(role) else role  # the job's title names no role
            row = (name, score, near, role, relevant, matched, missing)
            self.kept.append((rank_key(relevant, score, name), self.seen + at, row))
        if self.top is not None:  # the best `top` of those kept and these: a full sort's
            self.kept.sort(key=_kept_order)
            del self.kept[self.top :]
        self.failed += [
            (name, error)
            for name, error in zip(self.names, self.errors, strict=True)
            if error is not None
        ]
        if self.filed is not None:
            self.filed += [
                (name, sha)
                for name, sha, error in zip(self.names, self.hashes, self.errors, strict=True)
                if error is None and sha
            ]
        self.seen += len(self.names)
        self._chunk()

    def rows(self) -> list[RankedRow]:
        """Scored rows best first (the selected ones only), ranked; then error rows by
        document."""
        self.kept.sort(key=_kept_order)
        rows = [
            RankedRow(
                rank=n,
                document=name,
                score=score,
                focus=near,
                role=role,
                relevance=relevant,
                matched=matched,
                missing=missing,
            )
            for n, (_, _, (name, score, near, role, relevant, matched, missing)) in enumerate(
                self.kept, start=1
            )
        ]
        return rows + [RankedRow(document=name, error=error) for name, error in sorted(self.failed)]


def _kept_order(kept: tuple[tuple, int, tuple]) -> tuple[tuple, int]:
    """rank_key, then input position: the order of one stable sort over the whole batch."""
    return kept[0], kept[1]


def _best_first(
    relevance: Any, scores: Any, names: list[str], top: int | None, min_score: float | None
) -> list[int]:
    """Positions of the rows to show (fit score at least `min_score`), by relevance, then
    score (both descending), then name; ties at the `top` boundary are settled as a full sort
    would settle them."""
    import numpy as np

    keep = np.arange(len(scores)) if min_score is None else np.flatnonzero(scores >= min_score)
    if top is not None and top < len(keep):
        cut = -np.partition(-relevance[keep], top - 1)[top - 1]  # the top-th best relevance
        keep = keep[relevance[keep] >= cut]
    at, near, values = keep.tolist(), relevance[keep].tolist(), scores[keep].tolist()
    order = sorted(range(len(at)), key=lambda j: rank_key(near[j], values[j], names[at[j]]))
    chosen = [at[j] for j in order]
    return chosen if top is None else chosen[:top]


def _outcome_vector(outcome: _Outcome, index: dict[str, int]) -> bytes | None:
    """An outcome's skill vector: the one its worker packed, else (a cache hit, or an
    outcome that packed none) read from its profile JSON; None without a profile."""
    if outcome.vector is not None or outcome.profile is None:
        return outcome.vector
    return _vector(outcome.profile, index)


def _to_store(
    outcome: _Outcome, vector: bytes | None
) -> tuple[CacheKey, str | bytes, bytes | None]:
    """What ProfileCache.put_many stores for an extracted outcome: the compressed JSON its
    worker made, else the JSON for the cache to compress (a Dask worker has no cache)."""
    assert outcome.key is not None and outcome.profile is not None
    stored = outcome.stored
    return outcome.key, outcome.profile if stored is None else stored, vector


def _vector(profile: str, index: dict[str, int]) -> bytes | None:
    """The skill vector of profile JSON, or None if it does not fit this taxonomy."""
    try:
        years, titles = profile_entries(profile)
        return pack(years, index, titles)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


def job_profile(matcher: SkillMatcher, text: str, cache: ProfileCache | None) -> Profile:
    """The job's profile, from the cache when this text was read before (so re-ranking a pool
    for a job seen already loads no index), else parsed and stored."""
    key = (
        text_hash(text),
        matcher.taxonomy.hash,
        f"{extractor_id(matcher)}/job/{salience_id(matcher)}",
    )
    stored = cache.get(key) if cache is not None else None
    if stored is not None:
        with contextlib.suppress(ValueError):
            return Profile.model_validate_json(stored)
    profile = matcher.parse_job(text)
    if cache is not None:
        cache.put(key, profile.model_dump_json(exclude_defaults=True))
    return profile


def rank_key(relevance: float | None, score: float | None, document: str) -> tuple:
    """The order of a ranking, the one place it is decided: relevance, then fit score (both
    descending), then document."""
    return (-(relevance or 0.0), -(score or 0.0), document)


def order_rows(rows: Iterable[RankedRow]) -> list[RankedRow]:
    """Most relevant first (see rank_key), error rows last (by document); ranks 1, 2, …"""
    rows = list(rows)
    scored = sorted(
        (r for r in rows if r.error is None),
        key=lambda r: rank_key(r.relevance, r.score, r.document),
    )
    failed = sorted((r for r in rows if r.error is not None), key=lambda r: r.document)
    ranked = [r.model_copy(update={"rank": n}) for n, r in enumerate(scored, start=1)]
    return ranked + [r.model_copy(update={"rank": None}) for r in failed]


def select_rows(
    rows: Iterable[RankedRow], *, top: int | None = None, min_score: float | None = None
) -> list[RankedRow]:
    """The best `top` rows scoring at least `min_score`; error rows are always kept."""
    rows = list(rows)
    scored = [
        r for r in rows if r.error is None and (min_score is None or (r.score or 0) >= min_score)
    ]
    if top is not None:
        scored = scored[:top]
    return scored + [r for r in rows if r.error is not None]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def pool_chunksize(tasks: int, workers: int) -> int:
    """How many tasks a pool worker takes at a time: about eight turns each, so the workers
    finish together (no long last chunk left to one of them), and at most 16."""
    return max(1, min(16, tasks // (workers * 8)))


# -- one document ----------------------------------------------------------------------------


class _Task(NamedTuple):
    index: int  # type: ignore[assignment]  # the task's position; tuple.index is never called
    path: str | None  # a file to read, or
    text: str | None  # the text itself (a record), or
    error: str | None  # why the record is unusable
    name: str


class _Outcome(NamedTuple):
    index: int  # type: ignore[assignment]  # its task's position; tuple.index is never called
    key: CacheKey | None = None
    profile: str | None = None  # Profile JSON
    hit: bool = False
    error: str | None = None
    text: str | None = None  # only when explaining
    # the profile's skill vector and its JSON as the cache stores it, made where it was
    # extracted: the parent, on a core the workers share, then parses and compresses nothing
    # (0.2 ms a document)
    vector: bytes | None = None
    stored: bytes | None = None


def _task(index: int, item: str | TextDocument) -> _Task:
    if isinstance(item, TextDocument):
        return _Task(index, None, item.text, item.error, printable(item.id))
    return _Task(index, item, None, None, printable(item))


@dataclass
class _Runner:
    """Reads, looks up and extracts one document; lives in the parent or in a worker."""

    matcher: SkillMatcher
    cache: ProfileCache | None
    explain: bool
    taxonomy_hash: str = field(init=False)
    extractor: str = field(init=False)

    def __post_init__(self) -> None:
        self.taxonomy_hash = self.matcher.taxonomy.hash
        self.extractor = extractor_id(self.matcher)

    def __call__(self, task: _Task) -> _Outcome:
        first = self.prepare(task)
        if isinstance(first, _Outcome):
            return first
        key, text = first
        profile, error, vector = self.extract(text)
        keep = text if self.explain else None
        stored = None if profile is None or self.cache is None else stored_profile(profile)
        return _Outcome(task.index, key, profile, False, error, keep, vector, stored)

    def prepare(self, task: _Task) -> _Outcome | tuple[CacheKey, str]:
        """The document's outcome if reading or the cache settles it, else (key, text)."""
        from pydantic import ValidationError

        if task.error is not None:
            return _Outcome(task.index, error=task.error)
        text = task.text
        if text is None:
            try:
                text = _read(task.path or "")
            except DocumentError as exc:
                return _Outcome(task.index, error=exc.reason)
        key = (text_hash(text), self.taxonomy_hash, self.extractor)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            try:
                Profile.model_validate_json(cached)
            except ValidationError:
                cached = None  # written by an older build: extract again and overwrite
            else:
                return _Outcome(task.index, key, cached, True, None, text if self.explain else None)
        return key, text

    def extract(self, text: str) -> tuple[str | None, str | None, bytes | None]:
        """(profile JSON, None, skill vector), or (None, why, None) if the text defeats the
        extractor."""
        try:
            profile = self.matcher.parse_resume(text)
            data = profile.model_dump_json(exclude_defaults=True)
        except Exception as exc:  # one odd document must not end a batch of thousands
            return None, f"could not analyse the text ({type(exc).__name__}: {exc})", None
        try:
            vector = pack_profile(profile, skill_index(self.matcher.taxonomy))
        except KeyError:  # a skill this taxonomy lacks: the parent's _vector says so
            vector = None
        return data, None, vector


def _read(path: str) -> str:
    from skillmatch.documents import read_document

    try:
        return read_document(path)
    except DocumentError:
        raise
    except Exception as exc:  # a reader bug on one file is that file's error row
        raise DocumentError(path, f"cannot read ({type(exc).__name__}: {exc})") from None


def _row(
    matcher: SkillMatcher,
    job: Profile,
    task: _Task,
    outcome: _Outcome,
    requirements: list[Any] | None,
    job_titles: frozenset[str],
) -> RankedRow:
    if outcome.error is not None or outcome.profile is None:
        return RankedRow(document=task.name, error=outcome.error or "no profile")
    if requirements is not None:  # the summary only: ids and score, no report to build
        years, titles = profile_entries(outcome.profile)  # stored without defaults
        score, matched, missing = score_summary(
            requirements, years, matcher.taxonomy, matcher.weights
        )
        near = focus(requirements, years, matcher.taxonomy, matcher.weights)
        role = role_match(job_titles, titles)
        return RankedRow(
            document=task.name,
            score=score,
            focus=near,
            role=role,
            relevance=relevance(score, near, role, matcher.weights.role),
            matched=matched,
            missing=missing,
        )
    report = matcher.score(job, Profile.model_validate_json(outcome.profile))
    if outcome.text is not None:
        report = _quoted(report, outcome.text)
    return RankedRow(
        document=task.name,
        score=report.score,
        focus=report.focus,
        role=report.role,
        relevance=report.relevance,
        matched=tuple(m.id for m in report.matched),
        missing=tuple(m.id for m in report.missing),
        report=report,
    )


def _quoted(report: FitReport, text: str) -> FitReport:
    """The report with each evidence snippet taken from the text around the mention.

    SkillMatcher.score given a Profile has no text to quote, and re-reading the text would
    undo the cache, so the snippets are filled in here from the mention offsets.
    """
    matched = tuple(
        m.model_copy(
            update={
                "evidence": tuple(
                    e.model_copy(update={"snippet": _snippet(text, e.start, e.end)})
                    for e in m.evidence
                )
            }
        )
        for m in report.matched
    )
    return report.model_copy(update={"matched": matched})


def _snippet(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start) + 1, start - SNIPPET_WIDTH // 2)
    right = text.find("\n", end)
    right = min(len(text) if right < 0 else right, end + SNIPPET_WIDTH // 2)
    return printable(" ".join(text[left:right].split()))  # a quote: JSON-safe


def _open_cache(cache: ProfileCache | str | os.PathLike[str] | bool | None) -> ProfileCache | None:
    if cache is False:
        return None
    if isinstance(cache, ProfileCache):
        return cache
    return ProfileCache(None if cache is None or cache is True else cache)


# -- local engine: a process pool ------------------------------------------------------------


@dataclass(frozen=True)
class _Recipe:
    """What a worker needs to build its own matcher and cache (cheap to pickle for spawn)."""

    cls: type
    taxonomy: Any
    nlp: Any
    weights: Any
    fuzzy: bool
    cache_path: str | None
    explain: bool
    key: str  # taxonomy hash and extractor id: equal keys build equal matchers

    @classmethod
    def of(cls, runner: _Runner, cache_path: str | None) -> _Recipe:
        m = runner.matcher
        key = f"{runner.taxonomy_hash}/{runner.extractor}"
        return cls(type(m), m.taxonomy, m.nlp, m.weights, m.fuzzy, cache_path, runner.explain, key)

    def runner(self) -> _Runner:
        matcher = self.cls(self.taxonomy, nlp=self.nlp, weights=self.weights, fuzzy=self.fuzzy)
        cache = ProfileCache(self.cache_path) if self.cache_path else None
        return _Runner(matcher, cache, self.explain)


_WORKER: _Runner | None = None


def _init_worker(recipe: _Recipe) -> None:
    """Pool initializer: build this worker's matcher once (free after fork: the index is shared)."""
    global _WORKER
    _WORKER = recipe.runner()


def _work(task: _Task) -> _Outcome:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER(task)


class _Extractor:
    """Runs chunk after chunk of tasks through one runner, each chunk's outcomes in task order:
    in this process, in one process pool kept for the whole batch (its workers build their
    matcher once), or on a Dask cluster reached once. Use it as a context manager."""

    def __init__(
        self, runner: _Runner, workers: int | None, engine: Engine, scheduler: Any
    ) -> None:
        self.runner = runner
        self.workers = workers or default_workers()
        self.engine = engine
        self.scheduler = scheduler
        self._executor: Any = None
        self._size = 0  # the pool's workers
        self._cluster: tuple[Any, Any, bool] | None = None  # (distributed, client, ours)

    def __enter__(self) -> _Extractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self._executor is not None:
            # Done: wait, so no executor thread outlives the batch (the next one may then
            # fork). Interrupted: drop the queued work and return at once.
            self._executor.shutdown(wait=kind is None, cancel_futures=kind is not None)
        if self._cluster is not None and self._cluster[2]:
            self._cluster[1].close()

    def outcomes(
        self, tasks: list[_Task], tick: Callable[[], None], *, last: bool
    ) -> Iterator[_Outcome]:
        """The outcome of every task, in order; `last`: no chunk follows this one."""
        if self.engine == "dask":
            distributed, client, _ = self._client()
            return _dask_outcomes(self.runner, tasks, distributed, client, tick)
        return self._local(tasks, tick, last)

    def _local(
        self, tasks: list[_Task], tick: Callable[[], None], last: bool
    ) -> Iterator[_Outcome]:
        if self._executor is None:
            if min(self.workers, len(tasks)) <= 1:  # one worker, or one task: no pool for it
                for task in tasks:
                    outcome = self.runner(task)
                    tick()
                    yield outcome
                return
            self._size = min(self.workers, len(tasks)) if last else self.workers
            self._executor = self._pool(self._size)
        chunk = pool_chunksize(len(tasks), self._size)
        from concurrent.futures.process import BrokenProcessPool

        try:
            for outcome in self._executor.map(_work, tasks, chunksize=chunk):
                tick()
                yield outcome
        except BrokenProcessPool:
            raise SkillmatchError(
                "a worker process died (out of memory?); run with one worker to find the document"
            ) from None

    def _pool(self, n: int) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        cache = self.runner.cache
        cache_path = None
        if cache is not None and cache.disabled is None:
            cache_path = str(cache.path)
            cache.close()  # an SQLite connection must not cross a fork; it reopens on use
        recipe = _Recipe.of(self.runner, cache_path)
        # An executor, not a multiprocessing.Pool: a worker that dies (killed for memory)
        # breaks it with an error instead of leaving the batch waiting forever for a result.
        return ProcessPoolExecutor(
            n, mp_context=_context(), initializer=_init_worker, initargs=(recipe,)
        )

    def _client(self) -> tuple[Any, Any, bool]:
        if self._cluster is None:
            try:
                import distributed
            except ImportError:
                raise SkillmatchError(
                    "the dask engine needs the dask extra: pip install 'skillmatch[dask]'"
                ) from None
            self._cluster = (distributed, *_client(distributed, self.scheduler))
        return self._cluster


def _context() -> Any:
    """fork where it is safe (no other threads), so workers share the compiled index; else spawn.
    (multiprocessing is imported here: a re-rank from the cache never starts a worker.)"""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# -- dask engine: a distributed cluster ------------------------------------------------------

_CLUSTER_RUNNERS: dict[str, _Runner] = {}
_CLUSTER_LOCK = threading.Lock()


def _cluster_extract(text: str, recipe: _Recipe) -> tuple[str | None, str | None, bytes | None]:
    """Runs on a Dask worker: extract with that worker's matcher, built once per taxonomy."""
    with _CLUSTER_LOCK:
        runner = _CLUSTER_RUNNERS.get(recipe.key)
        if runner is None:
            runner = _CLUSTER_RUNNERS[recipe.key] = recipe.runner()
    return runner.extract(text)


def _dask_outcomes(
    runner: _Runner,
    tasks: list[_Task],
    distributed: Any,
    client: Any,
    tick: Callable[[], None],
) -> Iterator[_Outcome]:
    """Read and look up here; extract the misses on the cluster; yield in input order."""
    ready: dict[int, _Outcome] = {}
    misses: list[tuple[_Task, CacheKey, str]] = []
    for task in tasks:
        first = runner.prepare(task)
        if isinstance(first, _Outcome):
            ready[task.index] = first
            tick()
        else:
            misses.append((task, *first))
    next_index = 0

    def flush() -> Iterator[_Outcome]:
        nonlocal next_index
        while next_index in ready:
            yield ready.pop(next_index)
            next_index += 1

    yield from flush()
    if misses:
        waiting: dict[CacheKey, list[tuple[_Task, str]]] = {}  # one cluster task per text
        for task, key, text in misses:
            waiting.setdefault(key, []).append((task, text))
        recipe = _Recipe.of(runner, None)
        shared = client.scatter(recipe, broadcast=True, hash=False)
        keys = list(waiting)
        texts = [waiting[k][0][1] for k in keys]
        futures = client.map(_cluster_extract, texts, recipe=shared, pure=False)
        by_future = {f.key: k for f, k in zip(futures, keys, strict=True)}
        try:
            for future, (profile, error, vector) in distributed.as_completed(
                futures, loop=client.loop, with_results=True
            ):
                key = by_future[future.key]
                for task, text in waiting[key]:
                    keep = text if runner.explain else None
                    outcome = _Outcome(task.index, key, profile, False, error, keep, vector)
                    ready[task.index] = outcome
                    tick()
                yield from flush()
        except Exception as exc:
            raise SkillmatchError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from exc
        finally:
            client.cancel(futures)


def _client(distributed: Any, scheduler: Any) -> tuple[Any, bool]:
    """(client, whether we opened it): an address, a Client, or the current default client."""
    if isinstance(scheduler, distributed.Client):
        return scheduler, False
    if scheduler is None:
        try:
            return distributed.get_client(), False
        except ValueError:
            raise SkillmatchError(
                "the dask engine needs a scheduler address (--scheduler tcp://host:8786)"
            ) from None
    try:
        return distributed.Client(scheduler, timeout=10, set_as_default=False), True
    except (OSError, TimeoutError, ValueError) as exc:
        raise SkillmatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
