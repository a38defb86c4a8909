"""Batch ranking speed: first-run extraction per worker, cached re-rank at 10k and 100k, RSS.

Writes résumé-like documents (real job postings from ../shared/data stand in for résumés:
what matters here is volume and length; each gets a unique "(ref i)" line, so every document
has its own text hash and its own cache entry) and ranks them from the CLI, in a subprocess,
against one job with a fresh cache; then re-ranks them against another job, when every
profile comes from the cache. Wall times are medians of --repeat runs; peak RSS is the
largest of a run's processes (os.wait4). The scoring alone is timed in this process:
vectorised (skillmatch.vectorized; what is the same for every job, the résumés' norms and
the entries stating years, is worked out once when the vectors are loaded and reported
apart) against the per-row Python path (scoring.score_summary).
Writes benchmarks/results/rank_speed.json.

The 100,000-document cache takes minutes to build on two cores (it is built once, with
--workers 2, and that first run is reported too). --workdir DIR keeps the documents and
caches, and a later run with the same DIR reuses the 100k cache instead of building it again.
The compiled index is cached in the work folder too (SKILLMATCH_CACHE_DIR), built before any
timing.

Run:  .venv/bin/python benchmarks/rank_speed.py [--docs 2000] [--rerank 10000] [--big 100000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, enable_bytecode_cache, job_texts

RESULTS = ROOT / "benchmarks" / "results" / "rank_speed.json"
CLI = str(Path(sys.executable).parent / "skillmatch")
JOB_A = str(ROOT / "samples/jobs/ai-architect.txt")
JOB_B = str(ROOT / "samples/jobs/data-engineer.txt")


def run(args: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB, the largest process of the run) of one CLI run."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"skillmatch {' '.join(args)} failed: {err.strip()}")
    return wall, usage.ru_maxrss / 1024


def median_run(args: list[str], repeat: int) -> tuple[float, float, list[float]]:
    """Median wall time, largest peak RSS and every wall time of `repeat` runs."""
    runs = [run(args) for _ in range(repeat)]
    walls = [w for w, _ in runs]
    return statistics.median(walls), max(r for _, r in runs), walls


def write_folder(folder: Path, texts: list[str], n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        path = folder / f"cv-{i:06d}.txt"
        if not path.exists():
            path.write_text(texts[i % len(texts)] + f"\n\n(ref {i})\n", "utf-8")


def write_jsonl(path: Path, texts: list[str], n: int) -> None:
    if path.exists():
        return
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = {"id": f"r{i:06d}", "text": texts[i % len(texts)] + f"\n(ref {i})"}
            fh.write(json.dumps(record) + "\n")


def scoring_alone(cache: str, n: int, job_path: str) -> dict[str, float]:
    """Scoring of n cached profiles for a job: vectorised against per-row Python (on a
    sample)."""
    from skillmatch import SkillMatcher
    from skillmatch.cache import ProfileCache, extractor_id
    from skillmatch.scoring import job_requirements, score_summary
    from skillmatch.vectorized import JobScorer, Vectors, skill_index, unpack

    matcher = SkillMatcher()
    job = matcher.parse_job(Path(job_path).read_text("utf-8"))
    with ProfileCache(cache) as store:
        start = time.perf_counter()
        members = store.collection("big", matcher.taxonomy.hash, extractor_id(matcher))
        load = time.perf_counter() - start
    counts = members.counts.tolist()[:n]
    assert min(counts) >= 0, "the collection misses vectors"
    start = time.perf_counter()
    joined = Vectors.of(counts, members.vectors[: 8 * sum(counts)])
    join = time.perf_counter() - start
    ends = joined.indptr.tolist()
    vectors = [members.vectors[8 * a : 8 * b] for a, b in itertools.pairwise(ends)]
    start = time.perf_counter()
    scorer = JobScorer(job, matcher.taxonomy, matcher.weights)
    build = time.perf_counter() - start
    # the résumés' squared norms and the entries stating years belong to the résumés, not
    # the job: worked out once per load (JobScorer.prepare), reported apart from the scoring
    start = time.perf_counter()
    scorer.prepare(joined)
    norms = time.perf_counter() - start
    times = []
    for _ in range(7):
        start = time.perf_counter()
        scores = scorer.scores(joined)
        times.append(time.perf_counter() - start)
    sample = vectors[: min(len(vectors), 10000)]
    ids = list(skill_index(matcher.taxonomy))
    requirements = job_requirements(job, matcher.weights)
    decoded = [unpack(v, ids) for v in sample]
    start = time.perf_counter()
    python = [score_summary(requirements, y, matcher.taxonomy, matcher.weights)[0] for y in decoded]
    per_row = (time.perf_counter() - start) / len(sample)
    assert python == scores[: len(sample)].tolist(), "vectorised scores differ from score_summary"
    vectorised = statistics.median(times)
    return {
        "job": Path(job_path).name,
        "requirements": len(requirements),
        "documents": len(vectors),
        "entries": len(joined.skills),
        "load_query_s": round(load, 3),
        "join_s": round(join, 3),
        "job_table_s": round(build, 3),
        "per_load_s": round(norms, 4),
        "vectorised_s_first": round(times[0], 3),
        "vectorised_s_median": round(vectorised, 3),
        "python_per_row_ms": round(per_row * 1000, 4),
        "python_s_estimated": round(per_row * len(vectors), 2),
        "ratio": round(per_row * len(vectors) / vectorised, 1),
    }


def stages(cache: str, new_job: bool) -> dict[str, float]:
    """Where a `rank --collection big --top 20` spends its time, stage by stage, in a fresh
    interpreter (imports counted), as the CLI runs it: against the job read before, or against
    a job never seen (its text must be parsed, which loads the compiled index)."""
    code = f"""
import gc, json, os, sys, time
t0 = time.perf_counter()
from skillmatch import batch
from skillmatch.cache import ProfileCache
from skillmatch.compiled import paused_gc
from skillmatch.matcher import SkillMatcher
from skillmatch.output import print_ranking
t1 = time.perf_counter()
text = open({JOB_B!r}, encoding="utf-8").read()
if {new_job!r}:
    text += f"\\n(job {{time.time_ns()}})\\n"  # a text the cache has never seen
with paused_gc():  # as the CLI does: the taxonomy and index are frozen once read
    m = SkillMatcher()  # the compiled index loads on first use only
    t2 = time.perf_counter()
    if {new_job!r}:
        m._index
    t3 = time.perf_counter()
    store = ProfileCache({cache!r})
    job = batch.job_profile(m, text, store)
    gc.freeze()
t4 = time.perf_counter()
b = batch._Batch(m, store, job, top=20)
with paused_gc():  # as batch.rank does
    b.add([batch.Collection("big")])
t5 = time.perf_counter()
with paused_gc():
    b.settle()
    rows = b.rows()
t6 = time.perf_counter()
with open(os.devnull, "w", encoding="utf-8") as out:
    print_ranking(rows, out, names={{s.id: s.name for s in job.skills}})  # the table
t7 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "matcher (taxonomy)": t2 - t1,
    "compiled index (new job only)": t3 - t2, "job profile (parse or cache)": t4 - t3,
    "cache query (100k vectors)": t5 - t4, "score + order + 20 rows": t6 - t5,
    "output (table)": t7 - t6, "total": t7 - t0, "documents": b.seen}}))
"""
    runs = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr)
        runs.append(json.loads(done.stdout))
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


def holds_current_profiles(cache: str, documents: int) -> bool:
    """The cache holds a vector of every document for this taxonomy and this extractor.

    A cache kept with --workdir from older code holds profiles no re-rank may use: the
    collection re-ranks would then time a collection of missing members, and the first
    `--jsonl` re-rank would extract all of them inside a median that hides it. Such a cache
    is filled again by the timed first run, as a new one is.
    """
    if not Path(cache).exists():
        return False
    from skillmatch import SkillMatcher
    from skillmatch.cache import extractor_id

    matcher = SkillMatcher()
    with sqlite3.connect(cache) as conn:
        (held,) = conn.execute(
            "SELECT count(*) FROM vectors WHERE taxonomy_hash = ? AND extractor = ?",
            (matcher.taxonomy.hash, extractor_id(matcher)),
        ).fetchone()
    conn.close()
    return held >= documents


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rerank", type=int, default=10000)
    parser.add_argument("--big", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", help="keep documents and caches here (reused next time)")
    args = parser.parse_args()
    texts, source = job_texts()
    out: dict[str, object] = {"corpus": source, "machine": f"{os.cpu_count()} cores"}
    rows: list[tuple[str, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.workdir) if args.workdir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # the compiled index is cached in the work folder, built before any timing: other
        # work on the machine cannot evict it from the shared cache folder mid-run
        # (in a subprocess: a child forked from a large parent would count its memory)
        os.environ["SKILLMATCH_CACHE_DIR"] = str(work / "skillmatch-cache")
        enable_bytecode_cache()  # the warm-up below writes it
        warm = "from skillmatch import SkillMatcher; SkillMatcher().parse_job('Python')"
        subprocess.run([sys.executable, "-c", warm], check=True)

        def record(key: str, label: str, n: int, wall: float, rss: float, **more: object) -> None:
            rows.append((label, wall, n / wall, rss))
            out[key] = {"seconds": round(wall, 3), "docs": n, "docs_per_s": round(n / wall)}
            out[key] |= {"peak_rss_mb": round(rss), **more}  # type: ignore[operator]

        q = ["--quiet"]
        # 1. first run over a folder, per worker; then its cached re-rank (stat manifest)
        folder = work / "cvs"
        write_folder(folder, texts, args.docs)
        for workers in (1, 2):
            cache = str(work / f"folder-{workers}.db")
            Path(cache).unlink(missing_ok=True)
            wall, rss = run(["rank", "--job", JOB_A, str(folder), "--json", *q,
                             "--workers", str(workers), "--cache", cache])  # fmt: skip
            record(f"first_run_workers_{workers}", f"first run, {workers} worker(s), folder",
                   args.docs, wall, rss, docs_per_s_per_worker=round(args.docs / wall / workers))  # fmt: skip
        cache = str(work / "folder-2.db")
        wall, rss, walls = median_run(
            ["rank", "--job", JOB_B, str(folder), "--json", *q, "--cache", cache], args.repeat
        )
        record("cached_rerank_folder", "cached re-rank, folder, --json", args.docs, wall, rss,
               runs=[round(w, 3) for w in walls])  # fmt: skip

        # 2. 10k records through --jsonl
        small = work / f"records-{args.rerank}.jsonl"
        write_jsonl(small, texts, args.rerank)
        cache = str(work / "records.db")
        Path(cache).unlink(missing_ok=True)
        wall, rss = run(["rank", "--job", JOB_A, "--jsonl", str(small), "--json", *q, "--cache", cache])  # fmt: skip
        record("first_run_jsonl", "first run, all cores, --jsonl", args.rerank, wall, rss)
        for key, label, extra in (
            ("cached_rerank_jsonl", "cached re-rank, --jsonl, --json (all rows)", ["--json"]),
            ("cached_rerank_jsonl_top", "cached re-rank, --jsonl, --top 20", ["--top", "20"]),
        ):
            wall, rss, walls = median_run(
                ["rank", "--job", JOB_B, "--jsonl", str(small), *extra, *q, "--cache", cache],
                args.repeat,
            )
            record(key, label, args.rerank, wall, rss, runs=[round(w, 3) for w in walls])

        # 3. 100k documents: built once, filed as the collection "big"
        big = work / f"records-{args.big}.jsonl"
        write_jsonl(big, texts, args.big)
        cache = str(work / "big.db")
        if not holds_current_profiles(cache, args.big):
            wall, rss = run(["rank", "--job", JOB_A, "--jsonl", str(big), "--workers", "2",
                             "--collection", "big", "--top", "1", *q, "--cache", cache])  # fmt: skip
            record("first_run_big", "first run, 2 workers, --jsonl", args.big, wall, rss,
                   docs_per_s_per_worker=round(args.big / wall / 2))  # fmt: skip
        else:  # the first run's figures from the run that built this cache, if recorded
            print(f"reusing the {args.big}-document cache in {work}", file=sys.stderr)
            earlier = json.loads(RESULTS.read_text("utf-8")) if RESULTS.exists() else {}
            if "first_run_big" in earlier:
                first = out["first_run_big"] = {**earlier["first_run_big"], "reused": True}
                label = "first run, 2 workers, --jsonl (earlier run)"
                rows.append(
                    (label, first["seconds"], args.big / first["seconds"], first["peak_rss_mb"])
                )
        base = ["rank", "--job", JOB_B, *q, "--cache", cache]
        # the first re-rank after filing joins the members to their vectors and stores them
        # as the collection's parts, which the re-ranks after it read (a reused cache has
        # its parts dropped first, as filing more documents under the name does)
        with sqlite3.connect(cache) as conn:
            conn.execute("DELETE FROM collection_parts WHERE name = 'big'")
        conn.close()
        wall, rss = run([*base, "--collection", "big", "--top", "20"])
        record("cached_rerank_big_collection_first", "first re-rank, --collection (stores parts)",
               args.big, wall, rss)  # fmt: skip
        for key, label, extra in (
            ("cached_rerank_big_collection_top", "cached re-rank, --collection, --top 20",
             ["--collection", "big", "--top", "20"]),
            ("cached_rerank_big_collection_json", "cached re-rank, --collection, --json",
             ["--collection", "big", "--json"]),
            ("cached_rerank_big_jsonl_top", "cached re-rank, --jsonl, --top 20",
             ["--jsonl", str(big), "--top", "20"]),
            ("cached_rerank_big_jsonl_small_top", "  the same, first 10,000 records only",
             ["--jsonl", str(small), "--top", "20"]),
        ):  # fmt: skip
            n = args.rerank if "small" in key else args.big
            wall, rss, walls = median_run([*base, *extra], args.repeat)
            record(key, label, n, wall, rss, runs=[round(w, 3) for w in walls])
        # the same, against a job the cache has never seen: its text must be parsed, which
        # loads the compiled index (each run gets a job text of its own); for the benchmark's
        # job (21 requirements) and for a large one (37, with broad skills: AI, ML)
        for key, label, job_path in (
            ("cached_rerank_big_collection_top_new_job",
             "cached re-rank, --collection, --top 20, new job", JOB_B),
            ("cached_rerank_big_collection_top_new_large_job",
             "  the same, a new large job (AI architect)", JOB_A),
        ):  # fmt: skip
            fresh = []
            for n in range(args.repeat):
                new_job = work / f"new-job-{time.time_ns()}-{n}.txt"
                new_job.write_text(Path(job_path).read_text("utf-8") + f"\n(job {new_job.name})\n")
                fresh.append(run(["rank", "--job", str(new_job), *q, "--cache", cache,
                                  "--collection", "big", "--top", "20"]))  # fmt: skip
            walls = [w for w, _ in fresh]
            record(key, label, args.big, statistics.median(walls), max(r for _, r in fresh),
                   runs=[round(w, 3) for w in walls])  # fmt: skip
        out["scoring_alone_big"] = scoring_alone(cache, args.big, JOB_B)
        out["scoring_alone_big_large_job"] = scoring_alone(cache, args.big, JOB_A)
        out["stages_collection_top20"] = stages(cache, new_job=False)
        out["stages_collection_top20_new_job"] = stages(cache, new_job=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"corpus: {source}")
    print(f"{'measure':<48} {'docs':>7} {'seconds':>8} {'docs/s':>8} {'peak RSS':>9}")
    for label, wall, rate, rss in rows:
        print(f"{label:<48} {round(wall * rate):>7} {wall:>8.2f} {rate:>8.0f} {rss:>7.0f}MB")
    for key in ("scoring_alone_big", "scoring_alone_big_large_job"):
        s = out[key]
        print(
            f"scoring alone, {s['documents']} profiles, {s['job']} ({s['requirements']}"  # type: ignore[index]
            f" requirements): vectorised {s['vectorised_s_median'] * 1000:.0f} ms"  # type: ignore[index]
            f" (first call {s['vectorised_s_first'] * 1000:.0f} ms; once per load, the résumés'"  # type: ignore[index]
            f" norms and dated entries {s['per_load_s'] * 1000:.0f} ms), per-row Python"  # type: ignore[index]
            f" {s['python_per_row_ms']:.3f} ms/row → {s['python_s_estimated']:.1f} s;"  # type: ignore[index]
            f" ×{s['ratio']}"  # type: ignore[index]
        )
    print("stages of `rank --collection big --top 20` (median of 3, seconds):")
    print(f"  {'':<40} {'known job':>10} {'new job':>10}")
    known, new = out["stages_collection_top20"], out["stages_collection_top20_new_job"]
    for stage, seconds in known.items():  # type: ignore[union-attr]
        print(f"  {stage:<40} {seconds:>10} {new[stage]:>10}")  # type: ignore[index]
    print(f"results written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
