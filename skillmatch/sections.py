"""Headings, sections and sentence segments of a document.

A job's sections decide requirement levels (requirements vs nice-to-have vs the company blurb);
a résumé's sections tell a skills list from a hobby. Segments are sentences or bullet lines:
the unit within which cue words, years and 'X or Y' apply.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Ordered: the first label whose pattern matches a heading wins ('preferred qualifications'
# is preferred, not requirements).
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("about", r"\b(compensation|salary|pay range|(annual|targeted|signing) bonus)\b"),
        (
            "preferred",
            r"\b(nice[ -]to[ -]haves?|preferred|bonus|pluses|desir(ed|able)|good[ -]to[ -]haves?"
            r"|(would|will|it'?d) be (great|nice)|(nice|great|happy) if|extra credit|added advantage"
            r"|plus(es)?|optional|ideally|stand out|love to see|even better|extra points)\b",
        ),
        (
            "about",
            r"\b(about (us|the company|the team|our (company|team|organi[sz]ation)|company|[a-z]+ inc)|who we are"
            r"|benefits?|perks|what we offer|why (join|work)|our (culture|values|mission|story|team)"
            r"|compensation|equal (employment )?opportunity|eeo|life at|company (overview|description)"
            r"|salary|the company|the team|what'?s in it for you|diversity|our offer|we offer"
            r"|what we do|why us|company culture|what (?!you\b)[a-z]+ can offer|how to apply|disclaimer"
            r"|privacy notice|equal opportunity employer)\b",
        ),
        # what the candidate must bring, even beside a word of another section ('What You
        # Need for this Position')
        (
            "requirements",
            r"\b(what you('ll| will)? (bring|need|have)|(what|who) (we're|we are|are we) looking for"
            r"|must[ -]haves?|requirements for|need from you|expectations|great fit"
            r"|(will|do) you (need|bring|have)|(things|what) you'?ll need)\b",
        ),
        ("education", r"\b(education|academic|degrees?|schooling)\b"),
        ("certifications", r"\b(certifications?|certificates?|licen[cs]es|courses|trainings?)\b"),
        ("projects", r"\b(projects?|portfolio|publications?)\b"),
        (
            "responsibilities",
            r"\b(responsibilit(y|ies)|what you('ll| will)? (do|be doing)|duties|the role|your role"
            r"|role|day[ -]to[ -]day|job description|description|overview|position|the job"
            r"|tasks|accountabilities|the opportunity|opportunity|what we need you to do|mission"
            r"|^you('ll| will)$|what (will|would) you (do|be doing)|what youll do"
            r"|(essential|job|primary|key) functions|work on|in the life|impact you'?ll make"
            r"|make an impact|your impact)\b",
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
            r"\b(requirements?|qualifications?|must[ -]haves?|what you('ll| will)? (bring|need|have)"
            r"|you (have|bring|are)|who you are|about you|your profile|profile"
            r"|essentials?|ideal candidate|looking for|required|knowledge)\b",
        ),
    )
)
# A line of other words ('Why this role exists') is a heading only by one of these phrases,
# never by a single word a metadata line also holds ('Full-time position', 'Hybrid role').
_LOOSE_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        (
            "preferred",
            r"\b(nice[ -]to[ -]haves?|(would|will|it'?d) be (great|nice)|(nice|great|happy|bonus) if"
            r"|stand out|love to see|even better|extra points|bonus points)\b",
        ),
        (
            "about",
            r"\b(eeo|equal (employment )?opportunity|privacy notice|what (?!you\b).* can offer"
            r"|perks|benefits?|compensation|salary|pay range|(annual|targeted|signing) bonus)\b",
        ),
        (
            "requirements",
            r"\b(need from you|you'?ll need|great fit|good fit|must[ -]haves?|expectations"
            r"|(will|do) you (need|bring|have)|looking for|requirements?|qualifications?)\b",
        ),
        (
            "responsibilities",
            r"\b(what you'?(ll|d)? (do|work on|be doing)|work on|in the life|this role (exists|is)"
            r"|responsibilit(y|ies)|duties|day[ -]to[ -]day|make an impact|your impact)\b",
        ),
    )
)
# Any heading at all, in one search: most short lines are none ('Location: Remote').
_ANY_HEADING = re.compile("|".join(f"(?:{p.pattern})" for _, p in _HEADINGS))
_HEAD_WORD = re.compile(r"[\w'&]+")
_NEGATED = re.compile(r"(?i)\b(not|no)\b|n't\b")  # 'Relocation not offered', 'Not a fit?'
# Words that may stand before a heading noun without making it prose ('Key Responsibilities').
_MODIFIERS = frozenset(
    [
        "key",
        "our",
        "your",
        "the",
        "job",
        "technical",
        "additional",
        "basic",
        "minimum",
        "preferred",
        "required",
        "desired",
        "core",
        "professional",
        "work",
        "main",
        "primary",
        "essential",
        "general",
        "other",
        "relevant",
        "role",
        "specific",
        "soft",
        "hard",
        "what",
        "who",
        "about",
        "and",
        "&",
        "of",
        "to",
        "have",
        "nice",
        "must",
        "good",
        "you",
        "we",
        "this",
        "would",
        "typical",
        "can",
        "equal",
        "how",
    ]
)
# Curly quotes as typed by word processors (‘What We’re Looking For’), and a web page's no-break
# spaces, read as their plain forms.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\xa0": " ", "\u202f": " "})
_BULLET_CHARS = " \t\r\n\f\v-*•·▪●◦‣#>|"
# A heading that names the employer: 'About Northwind Logistics', 'ABOUT ACME CORP', 'Why
# Join Acme?'. Every word of the name capitalised, so 'About the role' is no name; a first
# word that is a heading word ('About The Role', 'About Us', 'Why You') is none either.
_EMPLOYER_HEADING = re.compile(
    r"(?i:about|why(?:[ \t]+(?:join|consider|work[ \t]+(?:at|for|with)))?)"
    r"[ \t]+([A-Z][\w&.'’-]*)(?:[ \t]+[A-Z&][\w&.'’-]*){0,4}[ \t]*[:?]?"
)
# One character class opens every break, so the scan skips to candidates in C; the
# lookbehinds then tell which break it is. A full stop after a title or an initial ('Dr.',
# 'R.') does not end a sentence. Runs of three spaces or more (columns) also break, found by
# a second scan with a literal prefix, unless the whitespace after a full stop took them.
_SEGMENT_BREAK = re.compile(
    r"[\n.!?;•▪●◦‣∙·|](?:(?<=\n)"
    r"|(?<=[.!?;])(?<!\b[DMS]r\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)(?<![\s.(][A-Z]\.)"
    r"\s+(?=[\"'(\[]?[A-Z0-9•*\-])|(?<=[•▪●◦‣∙·|])(?=\s))"
)
_SPACE_RUN = re.compile(r"   +")
# About-headings that open the company's own blurb, which a job text often runs on from with no
# heading of its own (unlike benefits or an EEO statement, which close a posting).
_BLURB = re.compile(
    r"\b(about (us|the company|our (company|organi[sz]ation))|who we are|what we do|why us"
    r"|why (join|work)|our (mission|story)|company (overview|description))\b"
)


class Layout:
    """Where each section and segment of a text starts; each part is found on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sections: tuple[tuple[int, ...], tuple[str | None, ...]] | None = None
        self._segments: tuple[int, ...] | None = None

    @property
    def section_starts(self) -> tuple[int, ...]:
        """Offsets where sections start (the first is 0, before any heading)."""
        return self._find_sections()[0]

    @property
    def segment_starts(self) -> tuple[int, ...]:
        """Offsets where sentences and bullet lines start."""
        if self._segments is None and "   " not in self.text:
            # breaks end in increasing order, each after a character: already sorted and unique
            self._segments = (0, *[m.end() for m in _SEGMENT_BREAK.finditer(self.text)])
        if self._segments is None:
            spans = [m.span() for m in _SEGMENT_BREAK.finditer(self.text)]
            seg = [0, *(e for _, e in spans)]
            if "   " in self.text:
                starts = [s for s, _ in spans]
                for m in _SPACE_RUN.finditer(self.text):
                    k = bisect_right(starts, m.start()) - 1
                    if k < 0 or spans[k][1] <= m.start():  # not inside a break already found
                        seg.append(m.end())
            self._segments = tuple(sorted(set(seg)))
        return self._segments

    def _find_sections(self) -> tuple[tuple[int, ...], tuple[str | None, ...]]:
        if self._sections is None:
            starts: list[int] = [0]
            labels: list[str | None] = [None]
            employer: list[int] = []  # which sections an employer-name heading opens
            pos = 0
            lines = self.text.splitlines(keepends=True)
            half = len(self.text) // 2
            after_blank = True
            for i, line in enumerate(lines):
                blank = not line.strip()
                if len(line) <= 90 and not blank:
                    # a short line standing alone, a blank line before it and text after it,
                    # is set out as a heading: its words need not all be heading words
                    alone = after_blank and i + 1 < len(lines) and not lines[i + 1].isspace()
                    label = heading_label(line, alone)
                    # a company section read wrongly loses the job with it: in the first half,
                    # only by heading words ('Perks & the practical stuff' closes a posting)
                    if label == "about" and alone and pos < half and heading_label(line) is None:
                        label = None
                    if label is None and names_employer(line):
                        label = "about"
                        employer.append(len(starts))
                    elif label == "about" and _BLURB.search(line.lower()):
                        employer.append(len(starts))
                    if label is not None:
                        starts.append(pos)
                        labels.append(label)
                elif not blank and (label := inline_heading(line)) is not None:
                    # its own paragraph only: 'Nice to have: Tableau, …' in a list of
                    # requirements leaves the items after it required
                    labels.extend((label, labels[-1]))
                    starts.extend((pos, pos + len(line)))
                pos += len(line)
                after_blank = blank
            # the last section, a company blurb ('About Acme', 'Why us?') opened in the first
            # half of the text before any heading of the job's own, may run on into the job
            # under headings no one wrote: not read as about
            last = len(starts) - 1
            if (
                employer
                and employer[-1] == last
                and starts[last] < half
                and all(label == "about" for label in labels[1:last])
            ):
                del starts[last], labels[last]
            self._sections = (tuple(starts), tuple(labels))
        return self._sections

    def section_at(self, offset: int) -> str | None:
        """The label of the section holding a character offset (None before any heading)."""
        starts, labels = self._find_sections()
        k = bisect_right(starts, offset) - 1
        return labels[k] if k >= 0 else None

    def segment_at(self, offset: int) -> int:
        """The index of the sentence or bullet line holding a character offset."""
        return bisect_right(self.segment_starts, offset) - 1

    def sections_of(self, offsets: list[int]) -> list[str | None]:
        """section_at of many offsets (one lookup of the section table for all)."""
        starts, labels = self._find_sections()
        return [labels[bisect_right(starts, o) - 1] for o in offsets]

    def segments_of(self, offsets: list[int]) -> list[int]:
        """segment_at of many offsets."""
        starts = self.segment_starts
        return [bisect_right(starts, o) - 1 for o in offsets]

    def segment_span(self, k: int) -> tuple[int, int]:
        """Start and end offsets of segment k."""
        starts = self.segment_starts
        end = starts[k + 1] if k + 1 < len(starts) else len(self.text)
        return starts[k], end


# Sections a paragraph may be by a heading inline ('Requirements: 5+ years of Python, …'): what
# it asks for, never a vague one ('Job Description: We are a leading…').
_INLINE_SECTIONS = frozenset(
    {"requirements", "preferred", "skills", "education", "certifications", "about"}
)
_INLINE_DUTIES = re.compile(r"(?i)\b(responsibilit(y|ies)|duties)\b")


def inline_heading(line: str) -> str | None:
    """The section a long line is by a heading of its own before a colon ('Preferred
    Qualifications: Python, R, …'), if any: for that line only."""
    colon = line.find(":", 0, 48)
    if colon < 0:
        return None
    # the words before the colon must all be heading words, as a heading's on its own line
    # ('Minimum Required Skills:'), not a sentence's ('FLEETCOR Technologies (NYSE: FLT) is…')
    label = heading_label(line[:colon] + "\n")
    if label in _INLINE_SECTIONS:
        return label
    if label == "responsibilities" and _INLINE_DUTIES.search(line, 0, colon):
        return label
    return None


def heading_label(line: str, alone: bool = False) -> str | None:
    """The section a line opens, if the line is a heading.

    A line of heading words only ('Key Responsibilities', 'What you'll need') is one wherever
    it stands. A short line with other words ('Why this role exists', 'You'd be a great fit
    if') is one only where it is set out as a heading, `alone` (a blank line before it, text
    after it), or asks ('What skills will you need to succeed?'), and only by a job ad's
    heading phrase, with no 'not' (see _LOOSE_HEADINGS)."""
    stripped = line.lstrip(_BULLET_CHARS).strip()
    if not stripped.isascii():  # 'What We’re Looking For', 'Must\xa0have' (a web page's space)
        stripped = stripped.translate(_APOSTROPHES)
    if not stripped or len(stripped) > 80:
        return None
    colon = stripped.find(":")
    # a heading may ask ('What are we looking for?') or trail off ('What you'll do…')
    head = stripped[:colon] if colon > 0 else stripped.rstrip("*_#= ?…")
    strict = True
    if colon > 0:
        if len(head.split()) > 8:
            return None
    else:
        if head[-1:] in ".,;!" or not head[:1].isupper():
            return None
        words = _HEAD_WORD.findall(head.lower())
        asks = stripped[-1] == "?" and words[:1] in (["what"], ["who"], ["how"])
        if not words or len(words) > (12 if asks else 7):
            return None
        strict = len(words) <= 6 and all(
            w in _MODIFIERS or _noun_like(w) or _contracted(w) for w in words
        )
        if not strict and (not (alone or asks) or line.lstrip(" \t")[:1] in _BULLET_CHARS):
            return None
    low = head.lower()
    if not strict:
        # by a phrase of a job ad's section only: a metadata line ('Full-time position based
        # in Austin') or a résumé's job title ('Data Scientist – Optimisation Role') holds a
        # heading word, not a heading's phrase; and no 'not' but in a nice-to-have ('Not
        # required, but nice to have')
        for label, pattern in _LOOSE_HEADINGS:
            if pattern.search(low):
                return label if label == "preferred" or not _NEGATED.search(head) else None
        return None
    if not _ANY_HEADING.search(low):
        return None
    for label, pattern in _HEADINGS:
        if pattern.search(low):
            return label
    return None


_HEAD_NOUNS = re.compile(
    r"^(requirements?|qualifications?|responsibilit(y|ies)|duties|skills?|experience|education"
    r"|benefits?|perks|overview|summary|profile|role|position|description|certifications?"
    r"|projects?|expertise|knowledge|competenc(y|ies)|haves?|plus(es)?|bonus|us|company|team"
    r"|preferred|desired|desirable|do|bring|need|are|offer|culture|values|mission|opportunity"
    r"|technologies|tools|stack|objective|employment|history|internships?|publications?|awards"
    r"|languages|interests|hobbies|compensation|salary|needed|needs|candidate|ideal|looking|for"
    r"|will|you'll|you|be|doing|tasks|points|set|accountabilities|job|life|at|why|join|details|career"
    r"|me|statement|employer|opportunity|eeo|functions|youll|apply|disclaimer|notice|privacy)$"
)


def names_employer(line: str) -> bool:
    """Does a line name the employer as a heading ('About Acme Corp', 'Why Join Acme?')?"""
    stripped = line.lstrip(_BULLET_CHARS)
    if stripped[:3].lower() not in ("abo", "why"):  # most lines open with neither
        return False
    found = _EMPLOYER_HEADING.fullmatch(stripped.strip())
    if found is None:
        return False
    first = found[1].lower()
    return first not in _MODIFIERS and not _noun_like(first) and not _contracted(first)


def _noun_like(word: str) -> bool:
    return bool(_HEAD_NOUNS.match(word))


def _contracted(word: str) -> bool:
    """A contraction may stand in a heading as its first part may ('we're', 'what's')."""
    first, apostrophe, _ = word.partition("'")
    return bool(apostrophe) and (first in _MODIFIERS or _noun_like(first))


def layout(text: str) -> Layout:
    """The sections and segments of a text (computed lazily)."""
    return Layout(text)
