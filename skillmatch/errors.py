"""Errors the library raises; the CLI turns each into one clear line and a non-zero exit."""

from __future__ import annotations


class SkillmatchError(Exception):
    """Base of every error skillmatch raises on purpose."""


class TaxonomyError(SkillmatchError):
    """The taxonomy data is invalid; the message names file, skill id and problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s) in the taxonomy:" if len(problems) > 1 else ""
        super().__init__("\n".join([head, *problems]) if head else problems[0])


class DocumentError(SkillmatchError):
    """A document could not be read; the message names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
