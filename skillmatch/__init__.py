"""skillmatch: find skills in job descriptions and résumés, score fit, rank résumés.

Public names are imported lazily, so `skillmatch --help` does not pay for pydantic or
rapidfuzz.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "SkillMatcher": "skillmatch.matcher",
    "load_taxonomy": "skillmatch.taxonomy",
    "Skill": "skillmatch.taxonomy",
    "Taxonomy": "skillmatch.taxonomy",
    "SkillmatchError": "skillmatch.errors",
    "TaxonomyError": "skillmatch.errors",
    "DocumentError": "skillmatch.errors",
    **{
        name: "skillmatch.models"
        for name in (
            "ClosestSkill",
            "Evidence",
            "ExtractedSkill",
            "FitReport",
            "MatchedSkill",
            "Mention",
            "MissingSkill",
            "Profile",
            "RankedRow",
            "ScoringWeights",
        )
    },
}
__all__ = [
    "ClosestSkill",
    "DocumentError",
    "Evidence",
    "ExtractedSkill",
    "FitReport",
    "MatchedSkill",
    "Mention",
    "MissingSkill",
    "Profile",
    "RankedRow",
    "ScoringWeights",
    "Skill",
    "SkillMatcher",
    "SkillmatchError",
    "Taxonomy",
    "TaxonomyError",
    "__version__",
    "load_taxonomy",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'skillmatch' has no attribute {name!r}")
    return getattr(import_module(module), name)


if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.errors import DocumentError, SkillmatchError, TaxonomyError
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import (
        ClosestSkill,
        Evidence,
        ExtractedSkill,
        FitReport,
        MatchedSkill,
        Mention,
        MissingSkill,
        Profile,
        RankedRow,
        ScoringWeights,
    )
    from skillmatch.taxonomy import Skill, Taxonomy, load_taxonomy
