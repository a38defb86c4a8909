"""Headings, sections and sentence segments of a document.

A job's sections decide requirement levels (requirements vs nice-to-have vs the company blurb);
a résumé's sections tell a skills list from a hobby. Segments are sentences or bullet lines:
the unit within which cue words, years and 'X or Y' apply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Ordered: the first label whose pattern matches a heading wins ('preferred qualifications'
# is preferred, not requirements).
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        (
            "preferred",
            r"\b(nice[ -]to[ -]haves?|preferred|bonus|pluses|desir(ed|able)|good[ -]to[ -]haves?"
            r"|would be (great|nice)|extra credit|added advantage|plus(es)?|optional|ideally)\b",
        ),
        (
            "about",
            r"\b(about (us|the company|the team|our company|our team|company|[a-z]+ inc)|who we are"
            r"|benefits|perks|what we offer|why (join|work)|our (culture|values|mission|story|team)"
            r"|compensation|equal (employment )?opportunity|eeo|life at|company (overview|description)"
            r"|salary|the company|the team|what'?s in it for you|diversity|our offer|we offer)\b",
        ),
        ("education", r"\b(education|academic|degrees?|schooling)\b"),
        ("certifications", r"\b(certifications?|certificates?|licen[cs]es|courses|trainings?)\b"),
        ("projects", r"\b(projects?|portfolio|publications?)\b"),
        (
            "responsibilities",
            r"\b(responsibilit(y|ies)|what you('ll| will)? (do|be doing)|duties|the role|your role"
            r"|role|day[ -]to[ -]day|job description|description|overview|position|the job"
            r"|tasks|accountabilities|the opportunity|opportunity|what we need you to do|mission)\b",
        ),
        (
            "summary",
            r"\b(summary|objective|about me|professional profile|career objective)\b",
        ),
        (
            "experience",
            r"\b(work experience|employment|professional experience|work history|career history"
            r"|experience details|internships?|experience)\b",
        ),
        (
            "skills",
            r"\b(skills?|skill ?set|technologies|tech stack|tools|stack|expertise|competenc(y|ies)"
            r"|proficienc(y|ies)|technical)\b",
        ),
        (
            "requirements",
            r"\b(requirements?|qualifications?|must[ -]haves?|what you (bring|need|have|will need|'ll need)"
            r"|you (have|bring|are)|who you are|about you|your profile|profile"
            r"|essentials?|ideal candidate|looking for|required|knowledge)\b",
        ),
    )
)
# Words that may stand before a heading noun without making it prose ('Key Responsibilities').
_MODIFIERS = frozenset(
    ["key", "our", "your", "the", "job", "technical", "additional", "basic", "minimum", "preferred", "required", "desired", "core", "professional", "work", "main", "primary", "essential", "general", "other", "relevant", "role", "specific", "soft", "hard", "what", "who", "about", "and", "&", "of", "to", "have", "nice", "must", "good", "you", "we"]
)
_BULLET = re.compile(r"^[\s\-*•·▪●◦‣#>|]+")
_SEGMENT_BREAK = re.compile(
    r"\n|(?<=[.!?;])\s+(?=[\"'(\[]?[A-Z0-9•\-*])|\s[•▪●◦‣∙·]\s|\s\|\s|\s{3,}"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each section and segment of a text starts."""

    section_starts: tuple[int, ...]
    section_labels: tuple[str | None, ...]
    segment_starts: tuple[int, ...]

    def section_at(self, offset: int) -> str | None:
        """The label of the section holding a character offset (None before any heading)."""
        k = bisect_right(self.section_starts, offset) - 1
        return self.section_labels[k] if k >= 0 else None

    def segment_at(self, offset: int) -> int:
        """The index of the sentence or bullet line holding a character offset."""
        return bisect_right(self.segment_starts, offset) - 1

    def segment_span(self, k: int, text_len: int) -> tuple[int, int]:
        """Start and end offsets of segment k."""
        end = self.segment_starts[k + 1] if k + 1 < len(self.segment_starts) else text_len
        return self.segment_starts[k], end


def heading_label(line: str) -> str | None:
    """The section a line opens, if the line is a heading."""
    stripped = _BULLET.sub("", line).strip()
    if not stripped or len(stripped) > 80:
        return None
    colon = stripped.find(":")
    if colon > 0:
        head = stripped[:colon]
        if len(head.split()) > 8:
            return None
    else:
        head = stripped.rstrip("*_#= ")
        if head[-1:] in ".,;!?" or not head[:1].isupper():
            return None
        words = re.findall(r"[\w'&]+", head.lower())
        if not words or len(words) > 6:
            return None
        if any(w not in _MODIFIERS and not _noun_like(w) for w in words):
            return None
    low = head.lower().replace("’", "'")
    for label, pattern in _HEADINGS:
        if pattern.search(low):
            return label
    return None


_HEAD_NOUNS = re.compile(
    r"^(requirements?|qualifications?|responsibilit(y|ies)|duties|skills?|experience|education"
    r"|benefits|perks|overview|summary|profile|role|position|description|certifications?"
    r"|projects?|expertise|knowledge|competenc(y|ies)|haves?|plus(es)?|bonus|us|company|team"
    r"|preferred|desired|desirable|do|bring|need|are|offer|culture|values|mission|opportunity"
    r"|technologies|tools|stack|objective|employment|history|internships?|publications?|awards"
    r"|languages|interests|hobbies|compensation|salary|needed|needs|candidate|ideal|looking|for"
    r"|will|you'll|you|be|doing|tasks|points|set|accountabilities|job|life|at|why|join|details|career)$"
)


def _noun_like(word: str) -> bool:
    return bool(_HEAD_NOUNS.match(word))


def layout(text: str) -> Layout:
    """Find headings and segment boundaries in one pass over the lines."""
    starts: list[int] = [0]
    labels: list[str | None] = [None]
    pos = 0
    for line in text.splitlines(keepends=True):
        if len(line) <= 90:
            label = heading_label(line)
            if label is not None:
                starts.append(pos)
                labels.append(label)
        pos += len(line)
    seg = [0]
    seg.extend(m.end() for m in _SEGMENT_BREAK.finditer(text))
    return Layout(tuple(starts), tuple(labels), tuple(sorted(set(seg))))
