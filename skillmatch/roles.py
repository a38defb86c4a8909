"""Role titles: the name of a person who practises a skill ('data scientist', 'civil engineer').

A role title is the strongest evidence a résumé gives of what its author does, and a job's
title says what the role is about; both name a skill through its agent noun. Rather than list
every title by hand, the titles are derived from the skills' own forms by English word
formation — 'data science' → 'data scientist', 'business analysis' → 'business analyst',
'software testing' → 'software tester' and 'software test engineer' — and the taxonomy adds
the irregular ones per skill (`roles:`, e.g. 'advocate' for law).

A résumé also says what its author is with a headline: a field of work on a line of its own
('Data Science', 'Human Resources', 'Electrical Engineering') outside a skills list, where such
a line is one item among many. That names the field as the author's title too.

A role title is ordinary English in running text ('we work with data scientists'), so it counts
only where it titles someone: on a short line of its own (a heading, a job's first line, a
résumé's 'Civil Engineer - ACME' line) or after 'as a', 'position:' and the like.
"""

from __future__ import annotations

import re

# The last word of a skill's form → the agent nouns that name its practitioner.
_AGENTS: dict[str, tuple[str, ...]] = {
    "engineering": ("engineer",),
    "science": ("scientist",),
    "sciences": ("scientist",),
    "analysis": ("analyst",),
    "analytics": ("analyst",),
    "design": ("designer",),
    "designing": ("designer",),
    "management": ("manager",),
    "administration": ("administrator",),
    "development": ("developer",),
    "testing": ("tester", "test engineer", "testing engineer"),
    "training": ("trainer",),
    "coaching": ("coach",),
    "accounting": ("accountant",),
    "teaching": ("teacher",),
    "nursing": ("nurse",),
    "programming": ("programmer",),
    "architecture": ("architect",),
    "consulting": ("consultant",),
    "recruitment": ("recruiter",),
    "recruiting": ("recruiter",),
    "photography": ("photographer",),
    "auditing": ("auditor",),
    "research": ("researcher",),
    "writing": ("writer",),
    "editing": ("editor",),
    "translation": ("translator",),
    "illustration": ("illustrator",),
    "animation": ("animator",),
    "modelling": ("modeller", "modeler"),
    "modeling": ("modeler", "modeller"),
    "planning": ("planner",),
    "marketing": ("marketer",),
    "counselling": ("counsellor", "counselor"),
    "counseling": ("counselor", "counsellor"),
}
# Endings whose agent noun belongs first to another ending's skill: an analyst practises
# analysis before analytics, a designer design before designing.
_SECONDARY = frozenset({"analytics", "sciences", "designing", "recruiting"})
# An agent noun alone names no particular skill: 'Engineer' or 'Manager' on a line of its own
# is not software engineering or management.
_BARE = frozenset(
    "engineer scientist analyst designer manager administrator developer tester trainer "
    "programmer architect consultant planner writer editor researcher coach".split()
)
# Words that may stand before a role in a title: 'Senior Data Scientist', 'Jr. Tester'.
_RANKS = (
    r"(?:(?:senior|junior|sr|jr|lead|chief|principal|trainee|assistant|associate|head|staff"
    r"|deputy|graduate|apprentice|intern)\.?[ \t]+)*"
)
# 'As a Civil Engineer', 'worked as data analyst', 'Position: Site Engineer', 'Role - Tester'.
_INTRODUCED = re.compile(
    rf"(?:\bas[ \t]+(?:an?[ \t]+|the[ \t]+)?|\b(?:position|designation|role|title|profile"
    rf"|job[ \t]+title|current[ \t]+role)[ \t]*[:\-–][ \t]*){_RANKS}$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# What may follow a line's leading title: the line's end, or the employer or place after a
# separator ('Advocate - High Court', 'Advocate, Pune', 'Advocate (civil)', 'Advocate at ...').
_TITLE_END = re.compile(r"[ \t]*(?:$|[-–—|,(:/]|at\b)", re.IGNORECASE | re.MULTILINE)
_LINE_DECORATION = " \t-–—:•|*▪●►➢❖·"
# A line this short (in words) is a title, a heading or a list item, not running text.
SHORT_LINE_WORDS = 8
SHORT_LINE_CHARS = 120  # longer than any line of eight words worth counting
_INTRODUCER_REACH = 60  # 'current role: senior principal' and the like fit in this many characters
# Words a derived title keeps before its agent noun: 'machine learning engineer', not longer.
MAX_HEAD_WORDS = 2


def role_titles(key: str) -> list[tuple[str, int]]:
    """The role titles derived from one form's key, each with its precedence (0 first):
    'data science' → [('data scientist', 0)]; 'business analytics' → [('business analyst', 1)],
    which yields to 'business analysis' where both skills exist."""
    head, _, last = key.rpartition(" ")
    agents = _AGENTS.get(last)
    if not agents or head.count(" ") + 1 > MAX_HEAD_WORDS:  # titles are short
        return []
    rank = int(last in _SECONDARY)
    if not head:  # 'accounting' → 'accountant', but never a bare 'engineer'
        return [(a, rank) for a in agents if a not in _BARE]
    return [(f"{head} {agent}", rank) for agent in agents]


def titles_someone(text: str, start: int, end: int, leading: bool = False) -> bool:
    """The role title at text[start:end] titles someone: a short line or an introduced role.

    `leading`: the title is ordinary English too ('serve as an advocate for customers'), so it
    counts only as the title its line starts with ('Advocate', 'Advocate - High Court').
    """
    line_start = text.rfind("\n", 0, start) + 1
    if leading:
        return _opens_line(text, line_start, start) and bool(_TITLE_END.match(text, end))
    # what introduces a role stands right before it: a paragraph is not searched whole
    if _INTRODUCED.search(text, max(line_start, start - _INTRODUCER_REACH), start):
        return True
    line_end = _line_end(text, end)
    if line_end - line_start > SHORT_LINE_CHARS:
        return False
    return len(_WORD.findall(text, line_start, line_end)) <= SHORT_LINE_WORDS


def headline(text: str, start: int, end: int) -> bool:
    """text[start:end] is all its line says, but for bullets and dashes: 'Data Science'."""
    line_start = text.rfind("\n", 0, start) + 1
    return _opens_line(text, line_start, start) and not text[end : _line_end(text, end)].strip(
        _LINE_DECORATION
    )


def _opens_line(text: str, line_start: int, start: int) -> bool:
    """Nothing but bullets, dashes and blanks stand between the line's start and `start`."""
    return not text[line_start:start].strip(_LINE_DECORATION)


def _line_end(text: str, end: int) -> int:
    """Where the line holding offset `end` ends (the text's end for the last line)."""
    line_end = text.find("\n", end)
    return len(text) if line_end < 0 else line_end
