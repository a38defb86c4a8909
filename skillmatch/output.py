"""Rendering of results: JSON for machines, rich tables for people. No logic, no decisions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from skillmatch.models import FitReport, Mention, Profile, RankedRow


def to_json(model: Any) -> str:
    """Pretty JSON of a result model (stable key order: the model's field order)."""
    return json.dumps(model.model_dump(mode="json"), indent=2, ensure_ascii=False)


def _console(file: IO[str] | None = None) -> Any:
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=False, width=None)


def print_profile(profile: Profile, file: IO[str] | None = None) -> None:
    """A table of the skills in a profile."""
    from rich.table import Table

    console = _console(file)
    if not profile.skills:
        console.print("No skills found.")
        return
    table = Table(title=f"{len(profile.skills)} skills", title_justify="left")
    table.add_column("skill")
    table.add_column("category")
    if profile.kind == "job":
        table.add_column("level")
    table.add_column("years", justify="right")
    table.add_column("mentions")
    for s in profile.skills:
        texts = ", ".join(dict.fromkeys(_mention_label(m) for m in s.mentions))
        years = s.min_years if profile.kind == "job" else s.years
        row = [s.name, s.category]
        if profile.kind == "job":
            alt = f" (or {', '.join(s.alternatives)})" if s.alternatives else ""
            row.append(f"{s.requirement or ''}{alt}")
        row += ["" if years is None else str(years), texts]
        table.add_row(*row)
    console.print(table)


def _mention_label(m: Mention) -> str:
    """A mention's text, with why it asks nothing where a flag says so: a reader sees why a
    skill named only there is preferred."""
    if m.stack:
        return f"{m.text} (their stack)"
    if m.incidental:
        return f"{m.text} (in passing)"
    return m.text


def print_report(report: FitReport, file: IO[str] | None = None) -> None:
    """The fit score, then matched and missing skills, required first."""
    from rich.table import Table

    console = _console(file)
    console.print(
        f"[bold]Fit score: {report.score:.1f} / 100[/bold]  "
        f"(focus {report.focus:.1f}: how much of the résumé is about this job)"
    )
    if report.role is not None:
        console.print(
            f"Role match: {report.role:.1f} / 100  (the résumé's role titles against the "
            f"job's title)  relevance {report.relevance:.1f}"
        )
    if not report.matched and not report.missing:
        console.print("The job description names no skill the taxonomy knows: nothing to score.")
    if report.matched:
        table = Table(title=f"Matched ({len(report.matched)})", title_justify="left", expand=True)
        table.add_column("level", no_wrap=True)
        table.add_column("skill", ratio=3)
        table.add_column("credit", no_wrap=True)
        table.add_column("via", ratio=2)
        table.add_column("evidence", ratio=4)
        for m in report.matched:
            via = m.via if m.via == "exact" else f"{m.via}: {m.matched_name}"
            years = ""
            if m.min_years:
                years = f" ({m.years if m.years is not None else '?'}/{m.min_years} yrs)"
            evidence = _around(m.evidence[0].snippet, m.evidence[0].text) if m.evidence else ""
            table.add_row(m.requirement, m.name + years, f"{m.credit:.2f}", via, evidence)
        console.print(table)
    if report.missing:
        table = Table(title=f"Missing ({len(report.missing)})", title_justify="left")
        for col in ("level", "skill", "closest you have"):
            table.add_column(col)
        for s in report.missing:
            name = s.name + (f" (or {', '.join(s.alternatives)})" if s.alternatives else "")
            closest = f"{s.closest.name} ({s.closest.relation})" if s.closest else ""
            table.add_row(s.requirement, name, closest)
        console.print(table)


def _around(snippet: str, mention: str, width: int = 48) -> str:
    """A short window of the snippet centred on the mention, with ellipses where cut."""
    at = snippet.find(mention)
    if len(snippet) <= width or at < 0:
        return snippet if len(snippet) <= width else snippet[: width - 1] + "…"
    start = max(0, min(at - (width - len(mention)) // 2, len(snippet) - width))
    out = snippet[start : start + width]
    return ("…" if start > 0 else "") + out + ("…" if start + width < len(snippet) else "")


# -- rank --------------------------------------------------------------------------------------

RANK_FIELDS = (
    "rank",
    "document",
    "score",
    "focus",
    "role",
    "relevance",
    "matched",
    "missing",
    "error",
)
_TOP = 3  # skills named per cell of the ranking table
_FAILED_SHOWN = 50  # unreadable documents listed in the table; the rest are counted


def row_record(row: RankedRow, explain: bool = False) -> dict[str, Any]:
    """The JSON object of a ranked row; `explain` adds the evidence for each matched skill."""
    # the row's dump, field by field: a pydantic dump per row costs seconds on 100k rows
    data: dict[str, Any] = {name: getattr(row, name) for name in RANK_FIELDS}
    if explain:
        data["evidence"] = [
            {
                "skill": m.id,
                "via": m.via,
                "matched_by": m.matched_by,
                "credit": m.credit,
                "snippets": [e.snippet for e in m.evidence],
            }
            for m in (row.report.matched if row.report else ())
        ]
    return data


def rows_to_json(rows: Iterable[RankedRow], explain: bool = False) -> str:
    """A JSON array of ranked rows."""
    from pydantic_core import to_json as fast_json  # Rust: the stdlib indents in pure Python

    return fast_json([row_record(r, explain) for r in rows], indent=2).decode()


def row_to_ndjson(row: RankedRow, explain: bool = False) -> str:
    """One ranked row as one line of JSON."""
    return json.dumps(row_record(row, explain), ensure_ascii=False, separators=(",", ":"))


def rows_to_csv(rows: Iterable[RankedRow], explain: bool = False) -> str:
    """CSV with a header; skill ids joined by ';', empty cells for null.

    A document name is chosen by whoever named the file or the record, and CSV is opened in
    spreadsheets: a cell that one would run as a formula (starting with = + - @, a tab or a
    carriage return) is written with a leading apostrophe, which shows it as text.
    """
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # the csv module quotes a field with '\n' but not one with a lone '\r' (the lineterminator
    # is '\n'), which readers take for the end of the row: such a row is quoted whole
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([*RANK_FIELDS, "evidence"] if explain else RANK_FIELDS)
    for r in rows:
        cells = [
            "" if r.rank is None else r.rank,
            _as_text(r.document),
            "" if r.score is None else f"{r.score:.1f}",
            "" if r.focus is None else f"{r.focus:.1f}",
            "" if r.role is None else f"{r.role:.1f}",
            "" if r.relevance is None else f"{r.relevance:.1f}",
            ";".join(r.matched),
            ";".join(r.missing),
            _as_text(r.error or ""),
        ]
        if explain:
            matched = r.report.matched if r.report else ()
            cells.append(
                " | ".join(f"{m.id}: {m.evidence[0].snippet}" for m in matched if m.evidence)
            )
        lone_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoted if lone_cr else writer).writerow(cells)
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _names(items: Iterable[Any]) -> str:
    names = [i.name for i in items]
    more = f" +{len(names) - _TOP}" if len(names) > _TOP else ""
    return ", ".join(names[:_TOP]) + more


def _id_names(ids: tuple[str, ...], names: Mapping[str, str] | None) -> str:
    shown = [names.get(i, i) if names else i for i in ids[:_TOP]]
    more = f" +{len(ids) - _TOP}" if len(ids) > _TOP else ""
    return ", ".join(shown) + more


def print_ranking(
    rows: Iterable[RankedRow],
    file: IO[str] | None = None,
    explain: bool = False,
    names: Mapping[str, str] | None = None,
) -> None:
    """The ranking as a table, then the documents that could not be read and why."""
    from rich.markup import escape
    from rich.table import Table

    rows = list(rows)
    console = _console(file)
    scored = [r for r in rows if r.error is None]
    failed = [r for r in rows if r.error is not None]
    if not scored and not failed:
        console.print("No documents ranked.")
        return
    if scored:
        table = Table(title=f"Ranking ({len(scored)})", title_justify="left")
        table.add_column("rank", justify="right", no_wrap=True)
        table.add_column("document", overflow="fold", ratio=3)  # a path is never cut short
        table.add_column("relevance", justify="right", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("focus", justify="right", no_wrap=True)
        titled = any(r.role is not None for r in scored)  # the job's title names a role
        if titled:
            table.add_column("role", justify="right", no_wrap=True)
        table.add_column("top matched", ratio=3)
        table.add_column("top missing", ratio=3)
        if explain:
            table.add_column("evidence", ratio=3)
        for r in scored:
            report = r.report
            cells = [
                "" if r.rank is None else str(r.rank),
                escape(r.document),
                f"{r.relevance:.1f}" if r.relevance is not None else "",
                f"{r.score:.1f}" if r.score is not None else "",
                f"{r.focus:.1f}" if r.focus is not None else "",
                *([f"{r.role:.1f}" if r.role is not None else ""] if titled else []),
                escape(_names(report.matched) if report else _id_names(r.matched, names)),
                escape(_names(report.missing) if report else _id_names(r.missing, names)),
            ]
            if explain:
                first = next((m for m in report.matched if m.evidence), None) if report else None
                quote = first.evidence[0].snippet if first else ""
                cells.append(escape(quote if len(quote) <= 60 else quote[:59] + "…"))
            table.add_row(*cells)
        console.print(table)
    if failed:
        table = Table(title=f"Not read ({len(failed)})", title_justify="left")
        table.add_column("document", overflow="fold", ratio=1)
        table.add_column("why", ratio=1)
        for r in failed[:_FAILED_SHOWN]:
            table.add_row(escape(r.document), escape(r.error or ""))
        console.print(table)
        if len(failed) > _FAILED_SHOWN:  # a table of 100,000 rows helps nobody: say how many
            console.print(
                f"… and {len(failed) - _FAILED_SHOWN} more not read; "
                "--json, --ndjson or --csv list every row"
            )
