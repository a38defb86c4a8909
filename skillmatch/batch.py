"""Rank many résumés against one job: read, extract (in parallel, cached), score, order.

Each document goes through three steps. *Read*: a file becomes text (read_document), and a
file that cannot be read becomes an error row, never the end of the batch. *Extract*: the
text's profile comes from the cache or from the matcher; this is the expensive step, so it
runs in worker processes (or on a Dask cluster), and only compact profile JSON travels back.
*Score*: the parent scores every profile against the job, parsed once, with
SkillMatcher.score, and orders the rows. Profiles always make the same JSON round trip, so
one worker, many workers, the cache and a cluster give identical rows.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from skillmatch.cache import CacheKey, ProfileCache, extractor_id, text_hash
from skillmatch.errors import DocumentError, SkillmatchError
from skillmatch.models import FitReport, Profile, RankedRow
from skillmatch.scoring import focus, job_requirements, relevance, score_summary

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.matcher import SkillMatcher

Engine = Literal["local", "dask"]
Progress = Callable[[int, int], None]  # (documents done, documents in all)

# Files a folder contributes; a file named on its own is read whatever its suffix.
FOLDER_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm"})
SNIPPET_WIDTH = 160
_FLUSH_EVERY = 64  # profiles written to the cache per transaction


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A document already in memory (a --jsonl record), ranked under `id`.

    `error` says why a record could not be used (bad JSON, no text): it becomes an error row,
    so that every input appears in the output.
    """

    id: str
    text: str = ""
    error: str | None = None


Source = str | os.PathLike[str] | TextDocument


# -- inputs ----------------------------------------------------------------------------------


def expand_documents(sources: Iterable[Source]) -> list[str | TextDocument]:
    """Each source as given, with folders replaced by their files (recursive, sorted by path).

    Inside folders, hidden entries, editor lock files (~$x.docx) and unsupported suffixes are
    skipped; a path that does not exist is kept, to become an error row.
    """
    out: list[str | TextDocument] = []
    for source in sources:
        if isinstance(source, TextDocument):
            out.append(source)
        elif os.path.isdir(source):
            out.extend(str(p) for p in _folder_files(Path(source)))
        else:
            out.append(os.fspath(source))
    return out


def _folder_files(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):  # does not follow symlinked folders: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if name.startswith((".", "~$")) or path.suffix.lower() not in FOLDER_SUFFIXES:
                continue
            found.append(path)
    return sorted(found)


def read_jsonl(
    path: str | os.PathLike[str], lines: Iterable[str] | None = None
) -> list[TextDocument]:
    """Records {"id": …, "text": …}, one JSON object a line; a bad line becomes an error record.

    `lines` replaces reading the file (standard input); `path` then only names the records.
    """
    import json

    name = os.fspath(path)
    if lines is None:
        try:
            with open(path, encoding="utf-8") as fh:
                return read_jsonl(path, fh.readlines())
        except FileNotFoundError:
            raise DocumentError(name, "no such file") from None
        except UnicodeDecodeError as exc:
            raise DocumentError(name, f"not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise DocumentError(name, f"cannot read: {exc.strerror or exc}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(TextDocument(where, error=f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            records.append(TextDocument(where, error="not a JSON object"))
            continue
        ident = record.get("id")
        ident = where if ident is None or ident == "" else str(ident)
        text = record.get("text")
        if not isinstance(text, str):
            records.append(TextDocument(ident, error='no "text" string in the record'))
        elif not text.strip():
            records.append(TextDocument(ident, error="empty document (no text)"))
        else:
            records.append(TextDocument(ident, text))
    return records


# -- ranking ---------------------------------------------------------------------------------


def rank(
    matcher: SkillMatcher,
    job: str | Profile,
    documents: Iterable[Source],
    *,
    workers: int | None = None,
    cache: ProfileCache | str | os.PathLike[str] | bool | None = None,
    progress: Progress | None = None,
    engine: Engine = "local",
    scheduler: Any = None,
    explain: bool = False,
    reports: bool = True,
) -> list[RankedRow]:
    """Every document scored against the job, best first, error rows last (see iter_rows)."""
    return order_rows(
        iter_rows(
            matcher,
            job,
            documents,
            workers=workers,
            cache=cache,
            progress=progress,
            engine=engine,
            scheduler=scheduler,
            explain=explain,
            reports=reports,
        )
    )


def iter_rows(
    matcher: SkillMatcher,
    job: str | Profile,
    documents: Iterable[Source],
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
    items = expand_documents(documents)
    job_profile = job if isinstance(job, Profile) else matcher.parse_job(job)
    requirements = None if (reports or explain) else job_requirements(job_profile, matcher.weights)
    owned = not isinstance(cache, ProfileCache) and cache is not False
    store = _open_cache(cache)
    try:
        runner = _Runner(matcher, store, explain)
        tasks = [_task(i, item) for i, item in enumerate(items)]
        done = [0]

        def tick() -> None:
            done[0] += 1
            if progress is not None:
                progress(done[0], len(tasks))

        if progress is not None:
            progress(0, len(tasks))
        if engine == "dask":
            outcomes = _dask_outcomes(runner, tasks, scheduler, tick)
        else:
            outcomes = _local_outcomes(runner, tasks, workers, tick)
        pending: list[tuple[CacheKey, str]] = []
        try:
            for outcome in outcomes:
                if outcome.key is not None and outcome.profile is not None and store is not None:
                    if outcome.hit:
                        store.hits += 1
                    else:
                        store.misses += 1
                        pending.append((outcome.key, outcome.profile))
                        if len(pending) >= _FLUSH_EVERY:
                            store.put_many(pending)
                            pending.clear()
                yield _row(matcher, job_profile, tasks[outcome.index], outcome, requirements)
        finally:
            if pending and store is not None:
                store.put_many(pending)
    finally:
        if owned and store is not None:
            store.close()


def order_rows(rows: Iterable[RankedRow]) -> list[RankedRow]:
    """Most relevant first (relevance, then fit score, then document), error rows last (by
    document); ranks 1, 2, …"""
    rows = list(rows)
    scored = sorted(
        (r for r in rows if r.error is None),
        key=lambda r: (-(r.relevance or 0.0), -(r.score or 0.0), r.document),
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


# -- one document ----------------------------------------------------------------------------


class _Task(NamedTuple):
    index: int
    path: str | None  # a file to read, or
    text: str | None  # the text itself (a record), or
    error: str | None  # why the record is unusable
    name: str


class _Outcome(NamedTuple):
    index: int
    key: CacheKey | None = None
    profile: str | None = None  # Profile JSON
    hit: bool = False
    error: str | None = None
    text: str | None = None  # only when explaining


def _task(index: int, item: str | TextDocument) -> _Task:
    if isinstance(item, TextDocument):
        return _Task(index, None, item.text, item.error, item.id)
    return _Task(index, item, None, None, item)


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
        profile, error = self.extract(text)
        return _Outcome(task.index, key, profile, False, error, text if self.explain else None)

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

    def extract(self, text: str) -> tuple[str | None, str | None]:
        """(profile JSON, None), or (None, why) if the text defeats the extractor."""
        try:
            return self.matcher.parse_resume(text).model_dump_json(exclude_defaults=True), None
        except Exception as exc:  # one odd document must not end a batch of thousands
            return None, f"could not analyse the text ({type(exc).__name__}: {exc})"


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
    requirements: list[Any] | None = None,
) -> RankedRow:
    if outcome.error is not None or outcome.profile is None:
        return RankedRow(document=task.name, error=outcome.error or "no profile")
    if requirements is not None:  # the summary only: ids and score, no report to build
        skills = json.loads(outcome.profile).get("skills", ())  # stored without defaults
        years = {s["id"]: s.get("years") for s in skills}
        score, matched, missing = score_summary(
            requirements, years, matcher.taxonomy, matcher.weights
        )
        near = focus(requirements, years, matcher.taxonomy, matcher.weights)
        return RankedRow(
            document=task.name,
            score=score,
            focus=near,
            relevance=relevance(score, near),
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
    return " ".join(text[left:right].split())


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


def _local_outcomes(
    runner: _Runner, tasks: list[_Task], workers: int | None, tick: Callable[[], None]
) -> Iterator[_Outcome]:
    n = min(workers or default_workers(), len(tasks))
    if n <= 1:
        for task in tasks:
            outcome = runner(task)
            tick()
            yield outcome
        return
    cache_path = None
    if runner.cache is not None and runner.cache.disabled is None:
        cache_path = str(runner.cache.path)
        runner.cache.close()  # an SQLite connection must not cross a fork; it reopens on use
    recipe = _Recipe.of(runner, cache_path)
    chunk = max(1, min(16, len(tasks) // (n * 8)))
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # An executor, not a multiprocessing.Pool: a worker that dies (killed for memory) breaks
    # it with an error instead of leaving the batch waiting forever for a lost result.
    executor = ProcessPoolExecutor(
        n, mp_context=_context(), initializer=_init_worker, initargs=(recipe,)
    )
    finished = False
    try:
        for outcome in executor.map(_work, tasks, chunksize=chunk):
            tick()
            yield outcome
        finished = True
    except BrokenProcessPool:
        raise SkillmatchError(
            "a worker process died (out of memory?); run with one worker to find the document"
        ) from None
    finally:
        # Done: wait, so no executor thread outlives the batch (the next one may then fork).
        # Interrupted: drop the queued work and return at once.
        executor.shutdown(wait=finished, cancel_futures=not finished)


def _context() -> Any:
    """fork where it is safe (no other threads), so workers share the compiled index; else spawn."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# -- dask engine: a distributed cluster ------------------------------------------------------

_CLUSTER_RUNNERS: dict[str, _Runner] = {}
_CLUSTER_LOCK = threading.Lock()


def _cluster_extract(text: str, recipe: _Recipe) -> tuple[str | None, str | None]:
    """Runs on a Dask worker: extract with that worker's matcher, built once per taxonomy."""
    with _CLUSTER_LOCK:
        runner = _CLUSTER_RUNNERS.get(recipe.key)
        if runner is None:
            runner = _CLUSTER_RUNNERS[recipe.key] = recipe.runner()
    return runner.extract(text)


def _dask_outcomes(
    runner: _Runner, tasks: list[_Task], scheduler: Any, tick: Callable[[], None]
) -> Iterator[_Outcome]:
    """Read and look up here; extract the misses on the cluster; yield in input order."""
    try:
        import distributed
    except ImportError:
        raise SkillmatchError(
            "the dask engine needs the dask extra: pip install 'skillmatch[dask]'"
        ) from None
    client, owned = _client(distributed, scheduler)
    try:
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
                for future, (profile, error) in distributed.as_completed(
                    futures, loop=client.loop, with_results=True
                ):
                    key = by_future[future.key]
                    for task, text in waiting[key]:
                        keep = text if runner.explain else None
                        ready[task.index] = _Outcome(task.index, key, profile, False, error, keep)
                        tick()
                    yield from flush()
            except Exception as exc:
                raise SkillmatchError(
                    f"the Dask cluster failed: {type(exc).__name__}: {exc}"
                ) from exc
            finally:
                client.cancel(futures)
    finally:
        if owned:
            client.close()


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
