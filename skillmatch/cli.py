"""The `skillmatch` command: a thin click skin over SkillMatcher.

Heavy modules are imported inside the commands so that `skillmatch --help` stays instant.
Every SkillmatchError becomes one line on stderr and exit status 1; usage errors exit 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

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
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


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
    profile = {"job": matcher.parse_job, "resume": matcher.parse_resume, "text": matcher.extract}[kind](
        text
    )
    if as_json:
        click.echo(to_json(profile))
    else:
        print_profile(profile)


@main.command()
@click.argument("resume", type=str)
@click.option("--job", "job", default=STDIN, show_default=True, help="Job description file, or - for stdin.")
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
        raise click.ClickException(f"no skill with id {skill_id!r} (try: skillmatch taxonomy search)")
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
def taxonomy_validate(paths: tuple[str, ...], as_json: bool) -> None:
    """Check taxonomy files (default: the bundled taxonomy); exit 1 listing every problem."""
    import json

    from skillmatch.errors import TaxonomyError
    from skillmatch.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(list(paths) or None)
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


if __name__ == "__main__":  # pragma: no cover
    main()
