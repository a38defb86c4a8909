"""Rendering of results: JSON for machines, rich tables for people. No logic, no decisions."""

from __future__ import annotations

import json
from typing import IO, Any

from skillmatch.models import FitReport, Profile


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
        texts = ", ".join(dict.fromkeys(m.text for m in s.mentions))
        years = s.min_years if profile.kind == "job" else s.years
        row = [s.name, s.category]
        if profile.kind == "job":
            alt = f" (or {', '.join(s.alternatives)})" if s.alternatives else ""
            row.append(f"{s.requirement or ''}{alt}")
        row += ["" if years is None else str(years), texts]
        table.add_row(*row)
    console.print(table)


def print_report(report: FitReport, file: IO[str] | None = None) -> None:
    """The fit score, then matched and missing skills, required first."""
    from rich.table import Table

    console = _console(file)
    console.print(f"[bold]Fit score: {report.score:.1f} / 100[/bold]")
    if report.matched:
        table = Table(title=f"Matched ({len(report.matched)})", title_justify="left")
        for col in ("level", "skill", "credit", "via", "evidence"):
            table.add_column(col)
        for m in report.matched:
            via = m.via if m.via == "exact" else f"{m.via}: {m.matched_name}"
            years = ""
            if m.min_years:
                years = f" ({m.years if m.years is not None else '?'}/{m.min_years} yrs)"
            evidence = m.evidence[0].snippet if m.evidence else ""
            if len(evidence) > 70:
                evidence = evidence[:69] + "…"
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
