"""The `skillmatch` command: a thin click skin over SkillMatcher.

Heavy modules are imported inside the commands so that `skillmatch --help` stays instant.
Every SkillmatchError becomes one line on stderr and exit status 1; usage errors exit 2.
"""

from __future__ import annotations

import gc
import itertools
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any, BinaryIO

import click

from skillmatch import __version__

STDIN = "-"


def _fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into a one-line message and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from skillmatch.errors import SkillmatchError

        try:
            return func(*args, **kwargs)
        except SkillmatchError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `skillmatch ... | head`
            sys.stderr.close()
            return None

    return wrapper


def _taxonomy_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--taxonomy",
        "extra_taxonomy",
        multiple=True,
        type=click.Path(dir_okay=True, path_type=str),
        help="Extra taxonomy YAML merged over the bundled one (repeatable).",
    )(func)


def _json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def _read_input(source: str, what: str) -> str:
    from skillmatch.documents import read_document, text_from_bytes

    if source == STDIN:
        stream = sys.stdin.buffer
        if stream.isatty():
            raise click.UsageError(f"no {what} given: pass a file or pipe it into standard input")
        return text_from_bytes(stream.read(), "<stdin>")
    return read_document(source)


def _matcher(extra_taxonomy: tuple[str, ...]) -> Any:
    from skillmatch.matcher import SkillMatcher

    return SkillMatcher(extra_taxonomy=extra_taxonomy)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skillmatch")
def main() -> None:
    """Find skills in job descriptions and résumés, score fit, list what is missing.

    \b
    Examples:
      cat job.txt | skillmatch score resume.txt
      skillmatch score --job job.txt resume.txt --json
      skillmatch extract job.txt
      skillmatch rank --job job.txt resumes/ --csv
    """


@main.command()
@click.argument("file", default=STDIN, type=str)
@click.option(
    "--as",
    "kind",
    type=click.Choice(["job", "resume", "text"]),
    default="job",
    show_default=True,
    help="Read the text as a job (requirement levels), a résumé (stated years) or plain text.",
)
@_json_option
@_taxonomy_option
@_fail_cleanly
def extract(file: str, kind: str, as_json: bool, extra_taxonomy: tuple[str, ...]) -> None:
    """List the skills in FILE (or standard input), with where each is mentioned.

    \b
    Example:
      skillmatch extract samples/jobs/ai-architect.txt --json
    """
    from skillmatch.output import print_profile, to_json

    text = _read_input(file, "text")
    matcher = _matcher(extra_taxonomy)
    profile = {"job": matcher.parse_job, "resume": matcher.parse_resume, "text": matcher.extract}[
        kind
    ](text)
    if as_json:
        click.echo(to_json(profile))
    else:
        print_profile(profile)


@main.command()
@click.argument("resume", type=str)
@click.option(
    "--job", "job", default=STDIN, show_default=True, help="Job description file, or - for stdin."
)
@_json_option
@_taxonomy_option
@_fail_cleanly
def score(resume: str, job: str, as_json: bool, extra_taxonomy: tuple[str, ...]) -> None:
    """Score how well RESUME fits a job read from --job or standard input.

    \b
    Examples:
      cat samples/jobs/ai-architect.txt | skillmatch score samples/resumes/maya-chen.txt
      skillmatch score --job samples/jobs/ai-architect.txt samples/resumes/maya-chen.txt --json
    """
    from skillmatch.output import print_report, to_json

    if resume == STDIN and job == STDIN:
        raise click.UsageError("the job and the résumé cannot both come from standard input")
    job_text = _read_input(job, "job description")
    resume_text = _read_input(resume, "résumé")
    report = _matcher(extra_taxonomy).score(job_text, resume_text)
    if as_json:
        click.echo(to_json(report))
    else:
        print_report(report)


@main.command()
@click.argument("resumes", nargs=-1, type=str, metavar="[RESUME_OR_FOLDER]...")
@click.option(
    "--job", "job", required=True, metavar="FILE", help="Job description file, or - for stdin."
)
@click.option(
    "--jsonl",
    metavar="FILE",
    help='Also rank records {"id": …, "text": …}, one JSON object a line (- for stdin).',
)
@_json_option
@click.option(
    "--ndjson", is_flag=True, help="One JSON row a line, streamed in input order (rank null)."
)
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Show only the N best fits.")
@click.option(
    "--min-score", type=click.FloatRange(0, 100), metavar="SCORE", help="Hide fits scoring less."
)
@click.option("--explain", is_flag=True, help="Add the evidence for each matched skill.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes extracting skills in parallel [default: all cores].",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=str),
    help="Profile cache file [default: in the user cache folder].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the profile cache.")
@click.option(
    "--collection",
    metavar="NAME",
    help="File the ranked documents under NAME in the cache; with no documents given, "
    "re-rank everything filed under NAME from the cache, reading no input.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Extract on this machine or on a Dask cluster (needs skillmatch[dask]).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@_taxonomy_option
@_fail_cleanly
def rank(
    resumes: tuple[str, ...],
    job: str,
    jsonl: str | None,
    as_json: bool,
    ndjson: bool,
    as_csv: bool,
    top: int | None,
    min_score: float | None,
    explain: bool,
    workers: int | None,
    cache_path: str | None,
    no_cache: bool,
    collection: str | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    extra_taxonomy: tuple[str, ...],
) -> None:
    """Rank résumés against one job, most relevant first.

    RESUME_OR_FOLDER: files (.txt .md .pdf .docx .html), folders (searched recursively,
    files in path order) or - for a list of paths, one a line, on standard input. Every
    input is one row; one that cannot be read (corrupt, encrypted, a scan with no text,
    empty, binary) becomes an error row saying why, after the ranked rows, and the rest of
    the batch goes on. Rows are ordered by relevance, √(score × focus): the fit score says
    how much of the job a résumé covers, focus how much of the résumé is about the job;
    where the job's title names a role, half of relevance is the role match (how much of
    what the résumé's role titles say the job's title names). Equal relevance is ordered
    by score, then by document path.

    --ndjson streams each row in input order as soon as it is scored, so "rank" is null
    there; with --top it waits for the whole batch and prints the best N, ranked. Error
    rows are never hidden by --top or --min-score.

    Extracted profiles are cached by text, taxonomy and version: ranking the same résumés
    for another job does no extraction, and a file whose size and mtime are unchanged is not
    read again. --collection NAME files the documents under NAME; later, `rank --job
    other.txt --collection NAME` ranks them all again from the cache alone (the fastest way
    to re-rank a large pool).

    Exit status: 0 when every document was read, 1 when any could not be (or on an error
    such as an unreadable job), 2 on a usage error.

    \b
    Examples:
      skillmatch rank --job samples/jobs/ai-architect.txt samples/resumes
      find cvs -name '*.pdf' | skillmatch rank --job job.txt - --csv > ranking.csv
      skillmatch rank --job job.txt --jsonl applicants.jsonl --ndjson --top 20
      skillmatch rank --job job.txt cvs/ --collection spring --top 50
      skillmatch rank --job other-job.txt --collection spring --top 50
    """
    import time

    from skillmatch import batch
    from skillmatch.cache import ProfileCache
    from skillmatch.compiled import paused_gc
    from skillmatch.output import print_ranking, row_to_ndjson, rows_to_csv, rows_to_json

    if as_json + ndjson + as_csv > 1:
        raise click.UsageError("choose one of --json, --ndjson and --csv")
    if min_score is not None and min_score != min_score:  # NaN passes FloatRange's checks
        raise click.BadParameter("must be a score from 0 to 100, not nan", param_hint="--min-score")
    if (job == STDIN) + (STDIN in resumes) + (jsonl == STDIN) > 1:
        raise click.UsageError("only one of --job, RESUME_OR_FOLDER and --jsonl can be -")
    if not resumes and jsonl is None and collection is None:
        raise click.UsageError(
            "give résumé files or folders, - for paths on stdin, --jsonl or --collection"
        )
    if collection is not None and (no_cache or explain or (ndjson and top is None)):
        raise click.UsageError(
            "--collection ranks from the cache: not with --no-cache, --explain or streamed --ndjson"
        )
    if (engine == "dask") != bool(scheduler):
        raise click.UsageError("--engine dask and --scheduler ADDRESS go together")
    if no_cache and cache_path:
        raise click.UsageError("--cache and --no-cache contradict each other")

    sources: list[Any] = []
    for item in resumes:
        sources.extend(_stdin_lines("paths") if item == STDIN else [item])
    records: Iterator[Any] = iter(())
    if jsonl is not None:  # streamed: the records' texts are never all in memory at once
        lines = _stdin_bytes("records") if jsonl == STDIN else None
        records = batch.iter_jsonl("<stdin>" if lines is not None else jsonl, lines)
        first = next(records, None)  # a file that cannot be opened fails here, before any work
        if first is not None:
            sources.append(first)
    file_as = collection if sources else None
    if collection is not None and not sources:
        sources.append(batch.Collection(collection))
    listed = batch.expand_documents(sources)
    if not listed:
        raise click.ClickException("no résumés found (folders give .txt .md .pdf .docx .html)")
    documents = itertools.chain(listed, records)

    def warn(message: str) -> None:
        if not quiet:
            click.echo(f"warning: {message}", err=True)

    # The taxonomy and the compiled index (a few hundred thousand objects, no cycles) live
    # until exit: made without collections and then frozen, the collector never traverses
    # them (it would, several times, for 0.05-0.1 s).
    with paused_gc():
        matcher = _matcher(extra_taxonomy)
        job_text = _read_input(job, "job description")
        cache = None if no_cache else ProfileCache(cache_path)
        if cache is not None and cache.recovered:
            warn(f"the profile cache was damaged; moved it to {cache.recovered} and started afresh")
        if cache is not None and cache.disabled:
            warn(cache.disabled)
        job_profile = batch.job_profile(matcher, job_text, cache)
        gc.freeze()
    if not job_profile.skills:
        warn("the job names no skill the taxonomy knows: every score will be 0")
    streaming = ndjson and top is None
    show = not quiet and sys.stderr.isatty() and not (streaming and sys.stdout.isatty())
    progress = _ProgressBar(visible=show)
    options: dict[str, Any] = {"workers": workers, "engine": engine, "scheduler": scheduler}
    options.update(cache=cache if cache is not None else False, explain=explain, progress=progress)
    options["reports"] = explain  # the summary rows are all the outputs need otherwise
    started = time.perf_counter()
    rows = []
    streamed = 0
    try:
        if streaming:
            for row in batch.iter_rows(matcher, job_profile, documents, **options):
                streamed += 1
                if row.error is not None:  # all the summary needs: a long stream keeps no more
                    rows.append(row)
                if batch.select_rows([row], min_score=min_score):
                    click.echo(row_to_ndjson(row, explain))
        else:
            options.update(top=top, min_score=min_score, file_as=file_as)
            rows = batch.rank(matcher, job_profile, documents, **options)
    finally:
        progress.close()
        if cache is not None:
            cache.close()
    if collection is not None and file_as is None and not rows:
        where = f" in {cache.path}" if cache is not None else ""
        raise click.ClickException(
            f"no documents are filed under the collection {collection!r}{where}"
        )
    shown = batch.select_rows(rows, top=top, min_score=min_score)
    if ndjson and not streaming:
        for row in shown:
            click.echo(row_to_ndjson(row, explain))
    elif as_json:
        click.echo(rows_to_json(shown, explain))
    elif as_csv:
        click.echo(rows_to_csv(shown, explain), nl=False)
    elif not ndjson:
        print_ranking(shown, explain=explain, names={s.id: s.name for s in job_profile.skills})

    failed = [r for r in rows if r.error is not None]
    if not quiet:
        took = time.perf_counter() - started
        cached = f"; {cache.hits} from the cache" if cache is not None else ""
        total = max(progress.total, len(rows), streamed)  # --top returns only the rows shown
        click.echo(
            f"ranked {total - len(failed)} of {total} documents in {took:.1f} s{cached}",
            err=True,
        )
        if failed and (as_json or ndjson or as_csv):  # the table lists them already
            click.echo(f"could not read {len(failed)}:", err=True)
            shown_failed = sorted(failed, key=lambda r: r.document)[: 5 if len(failed) == 5 else 4]
            for failure in shown_failed:
                click.echo(f"  {failure.document}: {failure.error}", err=True)
            if len(shown_failed) < len(failed):
                more = len(failed) - len(shown_failed)
                click.echo(f"  … and {more} more (see the error rows)", err=True)
    if failed:
        sys.exit(1)


def _stdin_lines(what: str) -> list[str]:
    """Non-blank lines of standard input (paths for `rank -`)."""
    return list(_stdin_stream(what))


def _stdin_stream(what: str) -> Iterator[str]:
    """Non-blank lines of standard input, read as they are consumed (paths for `rank -`);
    a terminal is refused at once."""
    stream = sys.stdin
    if stream.isatty():
        raise click.UsageError(f"- reads {what} from standard input, but nothing is piped in")
    return (line.rstrip("\r\n") for line in stream if line.strip())


def _stdin_bytes(what: str) -> BinaryIO:
    """Standard input as bytes (records for `--jsonl -`): iter_jsonl numbers and decodes its
    lines as it does a file's, blank and undecodable lines counted; a terminal is refused."""
    if sys.stdin.isatty():
        raise click.UsageError(f"- reads {what} from standard input, but nothing is piped in")
    return sys.stdin.buffer


class _ProgressBar:
    """A rich progress bar on stderr that appears only once a run has lasted a moment; it
    counts the documents (for the summary) even when it stays hidden."""

    DELAY = 0.5  # seconds before the bar appears: quick runs stay silent

    def __init__(self, visible: bool = True) -> None:
        import time

        self._clock = time.perf_counter
        self._started = self._clock()
        self._bar: Any = None
        self._task: Any = None
        self.visible = visible
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        if not self.visible:
            return
        if self._bar is None:
            if done == 0 or done >= total or self._clock() - self._started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(
                *Progress.get_default_columns(),
                console=Console(stderr=True),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task("ranking", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.group()
def taxonomy() -> None:
    """Inspect and validate the skill taxonomy."""


@taxonomy.command("stats")
@_json_option
@_taxonomy_option
@_fail_cleanly
def taxonomy_stats(as_json: bool, extra_taxonomy: tuple[str, ...]) -> None:
    """Counts of skills by category, aliases, relations and cross-references."""
    import json

    from skillmatch.compiled import cached_taxonomy
    from skillmatch.taxonomy_tools import stats

    data = stats(cached_taxonomy(extra=extra_taxonomy))
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k:<24} {v:>6}")
        else:
            click.echo(f"{key:<26} {value:>6}")


@taxonomy.command("show")
@click.argument("skill_id")
@_json_option
@_taxonomy_option
@_fail_cleanly
def taxonomy_show(skill_id: str, as_json: bool, extra_taxonomy: tuple[str, ...]) -> None:
    """Show one skill with its aliases, relations and cross-references."""
    import json

    from skillmatch.compiled import cached_taxonomy
    from skillmatch.taxonomy_tools import describe

    tax = cached_taxonomy(extra=extra_taxonomy)
    if skill_id not in tax:
        raise click.ClickException(
            f"no skill with id {skill_id!r} (try: skillmatch taxonomy search)"
        )
    data = describe(tax, skill_id)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        if value in (None, [], "", False):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key:<12} {shown}")


@taxonomy.command("search")
@click.argument("text")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 200))
@_json_option
@_taxonomy_option
@_fail_cleanly
def taxonomy_search(text: str, limit: int, as_json: bool, extra_taxonomy: tuple[str, ...]) -> None:
    """Fuzzy lookup of skills by name or alias."""
    import json

    from skillmatch.compiled import cached_taxonomy
    from skillmatch.taxonomy_tools import search

    rows = search(cached_taxonomy(extra=extra_taxonomy), text, limit=limit)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['score']:5.1f}  {row['id']:<40} {row['name']}  (via {row['form']!r})")


@taxonomy.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=str))
@_json_option
@_taxonomy_option
def taxonomy_validate(
    paths: tuple[str, ...], as_json: bool, extra_taxonomy: tuple[str, ...]
) -> None:
    """Check PATHS as `--taxonomy` loads them, merged over the bundled taxonomy (and any
    --taxonomy files); with no PATHS, the bundled taxonomy. Exit 1 listing every problem.

    A bundled file counts in its place, not twice.

    \b
    Example:
      skillmatch taxonomy validate ours.yaml --json
    """
    import json

    from skillmatch.errors import TaxonomyError
    from skillmatch.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(extra=[*extra_taxonomy, *paths])
    except TaxonomyError as exc:
        if as_json:
            click.echo(json.dumps({"valid": False, "problems": exc.problems}, indent=2))
        else:
            for problem in exc.problems:
                click.echo(problem, err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps({"valid": True, "skills": len(tax), "hash": tax.hash}, indent=2))
    else:
        click.echo(f"valid: {len(tax)} skills in {len(tax.files)} files (hash {tax.hash})")


def _import_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print the summary as JSON on standard output (needs --out).",
    )(func)
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, writable=True, path_type=str),
        help="Write the candidate YAML to FILE [default: standard output].",
    )(func)


def _write_import(plan: Any, out: str | None, as_json: bool) -> None:
    """The candidate YAML to --out or stdout; the summary to stderr, or as JSON on stdout."""
    import json

    from skillmatch.importers import render_yaml

    if as_json and out is None:
        raise click.UsageError("--json prints the summary on standard output: give --out FILE")
    text = render_yaml(plan)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise click.ClickException(f"{out}: cannot write: {exc.strerror or exc}") from None
    summary = plan.summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{summary['candidates']} new candidate(s), {summary['extensions']} cross-reference "
        f"suggestion(s), {summary['known']} already known, {summary['skipped']} skipped "
        f"(collisions), {summary['dropped_forms']} colliding alias(es) dropped "
        f"- from {summary['considered']} of {summary['read']} entries",
        err=True,
    )


@taxonomy.command("import-onet")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "--min-occupations",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Only examples listed by at least N occupations.",
)
@click.option("--hot-only", is_flag=True, help="Only O*NET Hot Technologies.")
@_import_options
@_taxonomy_option
@_fail_cleanly
def taxonomy_import_onet(
    path: str,
    min_occupations: int,
    hot_only: bool,
    out: str | None,
    as_json: bool,
    extra_taxonomy: tuple[str, ...],
) -> None:
    """Propose taxonomy entries for O*NET Technology Skills examples the taxonomy lacks.

    PATH is technology_examples_unique.tsv or technology_skills.tsv (tab-separated). The
    output is candidate YAML for curation: new skills with their `onet` name, Hot flag and a
    category guessed from the UNSPSC commodity, plus (commented) `onet` references that
    existing skills lack. Existing skills are never changed; forms another skill claims are
    dropped, so the file loads with --taxonomy as it is.

    \b
    Example:
      skillmatch taxonomy import-onet technology_examples_unique.tsv --hot-only --out onet.yaml
    """
    from skillmatch.compiled import cached_taxonomy
    from skillmatch.importers import plan_onet, read_onet

    tax = cached_taxonomy(extra=extra_taxonomy)
    plan = plan_onet(read_onet(path), tax, min_occupations=min_occupations, hot_only=hot_only)
    _write_import(plan, out, as_json)


@taxonomy.command("import-esco")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "--collection",
    default="digital",
    show_default=True,
    metavar="NAME",
    help="Only skills of this ESCO collection (digital, green, transversal, ...) or 'all'.",
)
@_import_options
@_taxonomy_option
@_fail_cleanly
def taxonomy_import_esco(
    path: str, collection: str, out: str | None, as_json: bool, extra_taxonomy: tuple[str, ...]
) -> None:
    """Propose taxonomy entries for ESCO skills the taxonomy lacks.

    PATH is the ESCO skills CSV (conceptUri, preferredLabel, altLabels joined with " | ",
    collections, broaderUris ...). The output is candidate YAML for curation: new skills with
    their `esco` UUID, alternative labels as aliases (those another skill claims dropped),
    parents where the taxonomy holds the broader ESCO concept, plus (commented) `esco`
    references that existing skills lack. Existing skills are never changed.

    \b
    Example:
      skillmatch taxonomy import-esco skills.csv --collection digital --out esco.yaml --json
    """
    from skillmatch.compiled import cached_taxonomy
    from skillmatch.importers import plan_esco, read_esco

    tax = cached_taxonomy(extra=extra_taxonomy)
    wanted = None if collection == "all" else collection
    plan = plan_esco(read_esco(path), tax, collection=wanted)
    _write_import(plan, out, as_json)


if __name__ == "__main__":  # pragma: no cover
    main()
