"""Batch ranking speed: first-run extraction per worker, cached re-rank, peak RSS.

Writes N résumé-like documents (real job postings from ../shared/data stand in for résumés:
what matters here is volume and length) to a temporary folder, ranks them from the CLI
against one job with a fresh cache, then re-ranks them against another job (every profile
comes from the cache). Writes benchmarks/results/rank_speed.json.

Run:  .venv/bin/python benchmarks/rank_speed.py [--docs 2000] [--rerank 10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import ROOT, job_texts

RESULTS = ROOT / "benchmarks" / "results" / "rank_speed.json"
CLI = str(Path(sys.executable).parent / "skillmatch")


def run(args: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one CLI run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([CLI, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"skillmatch failed: {done.stderr.strip()}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rerank", type=int, default=10000)
    args = parser.parse_args()
    texts, source = job_texts()
    job_a = str(ROOT / "samples/jobs/ai-architect.txt")
    job_b = str(ROOT / "samples/jobs/data-engineer.txt")
    out: dict[str, object] = {"corpus": source}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cvs"
        folder.mkdir()
        for i in range(args.docs):
            (folder / f"cv-{i:06d}.txt").write_text(
                texts[i % len(texts)] + f"\n\n(ref {i})\n", "utf-8"
            )
        rows = []
        for workers in (1, 2):
            cache = str(Path(tmp) / f"cache-{workers}.db")
            wall, rss = run(["rank", "--job", job_a, str(folder), "--json", "--quiet",
                             "--workers", str(workers), "--cache", cache])  # fmt: skip
            rows.append(
                (f"first run, {workers} worker(s), {args.docs} docs", wall, args.docs / wall, rss)
            )
            out[f"first_run_workers_{workers}"] = {
                "seconds": round(wall, 2),
                "docs_per_s": round(args.docs / wall, 1),
                "peak_rss_mb": round(rss),
            }
        wall, rss = run(
            [
                "rank",
                "--job",
                job_b,
                str(folder),
                "--json",
                "--quiet",
                "--cache",
                str(Path(tmp) / "cache-2.db"),
            ]
        )
        rows.append((f"cached re-rank, new job, {args.docs} docs", wall, args.docs / wall, rss))
        out["cached_rerank_folder"] = {
            "seconds": round(wall, 2),
            "docs": args.docs,
            "peak_rss_mb": round(rss),
        }
        # many cached profiles through --jsonl (no files to open)
        jsonl = Path(tmp) / "many.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i in range(args.rerank):
                fh.write(
                    json.dumps({"id": f"r{i}", "text": texts[i % len(texts)] + f"\n(ref {i})"})
                    + "\n"
                )
        cache = str(Path(tmp) / "many.db")
        wall, rss = run(
            ["rank", "--job", job_a, "--jsonl", str(jsonl), "--json", "--quiet", "--cache", cache]
        )
        rows.append((f"first run, all cores, {args.rerank} records", wall, args.rerank / wall, rss))
        wall, rss = run(
            ["rank", "--job", job_b, "--jsonl", str(jsonl), "--json", "--quiet", "--cache", cache]
        )
        rows.append(
            (f"cached re-rank, new job, {args.rerank} records", wall, args.rerank / wall, rss)
        )
        out["cached_rerank_jsonl"] = {
            "seconds": round(wall, 2),
            "records": args.rerank,
            "peak_rss_mb": round(rss),
        }
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"corpus: {source}")
    print(f"{'measure':<48} {'seconds':>8} {'docs/s':>8} {'peak RSS':>9}")
    for name, wall, rate, rss in rows:
        print(f"{name:<48} {wall:>8.2f} {rate:>8.0f} {rss:>7.0f}MB")
    print(f"results written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
