"""Taxonomy inspection for the CLI and for curators: statistics, one skill, fuzzy search."""

from __future__ import annotations

from typing import Any

from skillmatch.taxonomy import RELATIONS, Taxonomy


def stats(tax: Taxonomy) -> dict[str, Any]:
    """Counts of skills, aliases, relations and cross-references, and skills per category."""
    skills = list(tax.skills.values())
    return {
        "skills": len(skills),
        "aliases": sum(len({*s.aliases, *s.cased} - {s.name}) for s in skills),
        "ambiguous_forms": sum(len(s.ambiguous) for s in skills),
        **{f"{rel}_links": sum(len(getattr(s, rel)) for s in skills) for rel in RELATIONS},
        "with_esco": sum(1 for s in skills if s.esco),
        "with_onet": sum(1 for s in skills if s.onet),
        "files": len(tax.files),
        "hash": tax.hash,
        "categories": tax.categories(),
    }


def describe(tax: Taxonomy, skill_id: str) -> dict[str, Any]:
    """One skill with its relations resolved both ways."""
    s = tax[skill_id]
    related = sorted(tax.related_index.get(skill_id, frozenset()))
    implied_by = sorted(o.id for o in tax.skills.values() if skill_id in o.implies)
    return {
        "id": s.id,
        "name": s.name,
        "category": s.category,
        "aliases": list(s.aliases),
        "cased": list(s.cased),
        "ambiguous": list(s.ambiguous),
        "confirm": list(s.confirm),
        "deny": list(s.deny),
        "parents": list(s.parents),
        "ancestors": list(tax.ancestors(skill_id)),
        "children": list(tax.children.get(skill_id, ())),
        "implies": list(s.implies),
        "implied_by": implied_by,
        "related": related,
        "esco": list(s.esco),
        "onet": list(s.onet),
        "hot": s.hot,
        "description": s.description,
        "source": s.source,
    }


def search(tax: Taxonomy, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Skills whose name or alias is closest to `text` (rapidfuzz WRatio), best first."""
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[str] = []
    for s in tax.skills.values():
        for form, _cased in s.surface_forms():
            choices.append(form)
            owners.append(s.id)
    found = process.extract(
        text,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit * 10,
        score_cutoff=50,
    )
    best: dict[str, tuple[float, str]] = {}
    wanted = len(utils.default_process(text))
    for form, score, idx in found:
        # a form under half the query's length ('TS', '.NET' in 'kubernets') matches a piece
        # of it, not the skill asked for
        if 2 * len(utils.default_process(form)) < wanted:
            continue
        sid = owners[idx]
        if sid not in best or score > best[sid][0]:
            best[sid] = (score, form)
    rows = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    return [
        {"id": sid, "name": tax[sid].name, "score": round(score, 1), "form": form}
        for sid, (score, form) in rows
    ]
