"""Reading around a mention: requirement cues, years of experience, 'X or Y' alternatives.

Pure functions over the text, its layout and the recognised spans; the matcher applies them.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from operator import itemgetter, methodcaller

import ahocorasick

from skillmatch.models import Requirement
from skillmatch.normalize import blank_punctuation

# Cue phrases by kind. They are scanned with one Aho–Corasick pass over the text with
# punctuation blanked ('nice-to-have' reads 'nice to have'), whole words only.
_CUE_PHRASES = {
    "pref": "nice to have|nice to haves|good to have|good to haves|pluses|plus|bonus|bonus points"
    "|advantage|advantageous|asset|preferred|preferably|prefer|desired|desirable|ideally"
    "|familiar with|familiarity with|exposure to|optional|helpful|beneficial|appreciated"
    "|would be great|would be nice|happy if|helps if|great if|nice if",
    "must": "must|must have|required|require|requires|requirement|mandatory|essential|necessary"
    "|need to have|needs to have|minimum|at least",
    "strong": "strong|proficient|proficiency|solid|deep|extensive|expert|expertise|advanced"
    "|hands on|in depth|thorough|demonstrated|proven|excellent",
}
_CUE_AUTOMATON = ahocorasick.Automaton()
for _kind, _phrases in _CUE_PHRASES.items():
    for _phrase in _phrases.split("|"):
        _CUE_AUTOMATON.add_word(f" {_phrase} ", (len(_phrase), _kind))
_CUE_AUTOMATON.make_automaton()
_NEGATED = re.compile(r"\bnot (?:a )?$")
# what makes a bare 'plus', 'advantage' or 'asset' a cue: 'a plus', 'a big plus', and as
# non-native ads write it, 'will be advantage', 'is additional asset', 'considered as plus'
_CUE_ARTICLES = "an?|big|huge|definite|strong|real|additional|added|great|valuable|extra"
_ARTICLE = re.compile(rf"\b(?:{_CUE_ARTICLES}|(?:will|would|is|be|considered)(?: as)?) $")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# Scanned from the word 'years' backwards: cheaper than trying a number at every position.
# One pattern for each case of the opening 'y', no \b and no IGNORECASE there: the engine
# skips to a literal first character in C nearly four times as fast as to a class ([Yy]), so
# two scans cost less than one. A year word never holds another, so the two sets of matches,
# merged in text order, are those of a single scan for either letter.
_YEAR_WORDS = tuple(
    re.compile(
        rf"{y}(?<!\w{y})(?i:(?:ears?|rs?)\b"
        r"(?!\s*(?:old|degree|program|college|university|warranty|contract|ago)))"
    )
    for y in "yY"
)
_MATCH_START = methodcaller("start")
_NUMBER_BEFORE = re.compile(
    r"\b(?P<n>" + _NUM + r")\s*(?:\+|plus)?\s*(?:(?:-|–|to|or)\s*" + _NUM + r"\s*\+?\s*)?[\s-]*$",
    re.IGNORECASE,
)
_CONNECTORS = frozenset({",", "or", "/", "and/or", "either", "and", "&", "(", ")", "e.g.", "eg"})
_AND = frozenset({"and", "&"})  # connectors that join requirements: 'X and Y' asks for both
_OR = frozenset({"or", "/", "and/or", "either"})  # ...and those that make alternatives
_WORD_OR = _OR - {"/"}
# words that may follow an 'or' before the last alternative: 'or a similar', 'or any other'
_CONNECTORS_OR_LIKE = _CONNECTORS | {
    "a", "an", "any", "other", "another", "similar", "equivalent", "comparable", "related",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase in a segment: its kind ('pref', 'must', 'strong') and its offsets."""

    kind: str
    start: int
    end: int
    text: str


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Requirement cue phrases in text[start:end], with offsets into text.

    'a plus', 'an advantage', 'an asset' count, the bare words do not ('Python plus SQL',
    'take advantage of'); 'not required' is a preference, not a requirement. Where phrases
    overlap, the leftmost longest wins ('must have' over 'must').
    """
    low = text.lower()
    spaced = f" {blank_punctuation(low[start:end])} "
    found = sorted(
        (last - length - 1 + start, -length, kind)  # minus both pads and the leading space
        for last, (length, kind) in _CUE_AUTOMATON.iter(spaced)
    )
    out: list[Cue] = []
    taken_until = -1
    for s, neg_len, kind in found:
        e = s - neg_len
        if s < taken_until:
            continue
        word = low[s:e]
        before = low[max(0, s - 16) : s]
        bare = word in ("plus", "advantage", "asset") and not _ARTICLE.search(before)
        if bare and not (word == "plus" and low.startswith(" if", e)):
            continue
        if kind == "must" and _NEGATED.search(before):
            kind = "pref"
        out.append(Cue(kind, s, e, text[s:e]))
        taken_until = e
    return out


def requirement_level(
    section: str | None, cues: Sequence[Cue], start: int, end: int, text: str = ""
) -> tuple[Requirement, Cue | None]:
    """Required or preferred, from the section and the nearest cue in the same segment.

    A 'nice to have' or duties section makes skills preferred unless a strong cue ('must') says
    otherwise; elsewhere skills are required unless a preference cue is the nearest cue. A cue
    after the skill does not reach back over its own clause (`text` given): not across a
    semicolon ('Salesforce; HubSpot is helpful'), nor across a comma when it leads words of
    its own ('5+ years of Java, ideally in fintech').
    """
    nearest: Cue | None = None
    left = list(cues)
    while left:  # the nearest cue in the skill's clause: the clause asked of the nearest first
        best = 10**9
        for cue in left:
            # a cue after the skill reads a little farther than one before it ('familiarity
            # with X')
            weight = start - cue.end if cue.end <= start else max(cue.start - end, 0) + 2
            if weight < best:
                nearest, best = cue, weight
        assert nearest is not None
        if not text or not (
            _other_clause(text, end, nearest)
            if nearest.start >= end
            else _closed_before(text, nearest, start)
        ):
            break
        left.remove(nearest)
        nearest = None
    if section in ("preferred", "responsibilities"):
        # duties describe the job; the requirements list says what is required
        must = [c for c in cues if c.kind == "must"]
        if must and (nearest is None or nearest.kind != "pref"):
            return "required", must[0]
        return "preferred", nearest if nearest and nearest.kind == "pref" else None
    if nearest is not None and nearest.kind == "pref":
        return "preferred", nearest
    return "required", nearest


# Preference cues that lead their own words ('ideally in fintech', 'preferably in retail'),
# where 'a plus', 'preferred' or 'is helpful' close a clause and look back over it.
_LEADING_CUES = frozenset(
    {"ideally", "preferably", "prefer", "familiar with", "familiarity with", "exposure to"}
    | {"happy if", "helps if", "great if", "nice if"}
)
_CLAUSE_END = re.compile(r"[^\w\s]*\s*(?:$|[.;,)])")


# the words a cue may carry before it: 'a big plus', 'is an added advantage'
_CUE_WORDS = re.compile(
    rf"\s*(?:(?:{_CUE_ARTICLES}|will|would|is|be|are|considered|as|not|experience|knowledge"
    r"|familiarity|exposure|prior|some|any|previous|with|it|this|that|also|highly|very)\s+)*",
    re.IGNORECASE,
)
_GLUED_SENTENCE = re.compile(r"[a-z0-9)][.!?][A-Z][a-z]")  # 'skills.Basic knowledge': a lost space


def _closed_before(text: str, cue: Cue, start: int) -> bool:
    """Is a cue before a skill (at `start`) in a clause closed before it: '(PL/SQL is an
    added advantage) JUnit', 'a plus; Unix', 'is a plus.Basic knowledge of Unix'?"""
    between = text[cue.end : start]
    if ";" in between:
        return True
    after = cue.end  # where the cue's clause goes on
    closed = between.find(")")
    if closed >= 0 and "(" not in between:
        # '(PL/SQL is an added advantage) JUnit' closes the cue in; 'Spark (a plus) or
        # Databricks' does not: a bracket of cue words only is the list's, not a clause
        opened = text.rfind("(", 0, cue.start)
        if opened < 0 or not _CUE_WORDS.fullmatch(text, opened + 1, cue.start):
            return True
        after = cue.end + closed + 1
    if _CLAUSE_END.match(text, after):
        return True  # 'Bachelor's degree required, Master's preferred': it closed its clause
    return _GLUED_SENTENCE.search(text, cue.end - 1, start) is not None


def _other_clause(text: str, end: int, cue: Cue) -> bool:
    """Is a cue after a skill (at `end`) in another clause than the skill's?"""
    between = text[end : cue.start]
    if ";" in between:
        return True
    # the cue inside a bracket opened after the skill comments on what the bracket names
    # ('Oracle (PL/SQL is an added advantage)'), unless it is all the bracket says ('Python (a
    # plus)', 'Spark (experience is a plus)', 'VMware (NOT essential)')
    opened = between.rfind("(")
    if (
        opened >= 0
        and ")" not in between[opened:]
        and not _CUE_WORDS.fullmatch(between, opened + 1)
    ):
        return True
    leads = cue.text.lower() in _LEADING_CUES and not _CLAUSE_END.match(text, cue.end)
    return leads and ("," in between or " - " in between or "(" in between)


@dataclass(frozen=True, slots=True)
class YearsPhrase:
    """'5+ years', 'three years', '3-5 yrs': the least number and its offsets."""

    years: int
    start: int
    end: int


def find_years(text: str, start: int, end: int) -> list[YearsPhrase]:
    """Years-of-experience phrases in text[start:end], with offsets into text."""
    out = []
    words = [m for pattern in _YEAR_WORDS for m in pattern.finditer(text, start, end)]
    words.sort(key=_MATCH_START)
    for m in words:
        lo = max(start, m.start() - 32)
        num = _NUMBER_BEFORE.search(text, lo, m.start())
        if num is None:
            continue
        raw = num.group("n").lower()
        n = _NUMBER_WORDS.get(raw) or int(raw)
        if 0 < n <= 40:
            out.append(YearsPhrase(n, num.start(), m.end()))
    return out


_GAP = re.compile(
    r"[\s:(\[\-–,]{0,4}"
    r"(?:(?:developer|engineer|programmer|programming|development|experience|expert)\s+)?"
    r"(?:(?:for|over|with)\s+(?:about\s+|over\s+|around\s+|nearly\s+)?)?"
)
_REACH = 120  # characters a years phrase reaches forward ('5+ years building X with Y')
_INTRODUCES = re.compile(r"\s*(?:of|in|with|using|working|programming|experience)\b", re.IGNORECASE)


def assign_years(
    text: str, phrases: Sequence[YearsPhrase], spans: Sequence[tuple[int, int]]
) -> list[int | None]:
    """Years for each span of one segment.

    A phrase right after a span that introduces nothing else ('Python (3+ years)', 'SQL: 5
    years') belongs to that span alone; any other phrase applies to the spans that follow it
    ('5+ years building pipelines with Python and SQL' gives both 5).
    """
    out: list[int | None] = [None] * len(spans)
    attached: set[int] = set()
    for k, (_s, e) in enumerate(spans):
        for n, p in enumerate(phrases):
            if (
                p.start >= e
                and _GAP.fullmatch(text, e, p.start)
                and not _INTRODUCES.match(text, p.end)
            ):
                out[k] = p.years
                attached.add(n)
                break
    for k, (s, _e) in enumerate(spans):
        if out[k] is None:
            before = [p for n, p in enumerate(phrases) if n not in attached and p.end <= s]
            if before and s - before[-1].end <= _REACH:
                out[k] = before[-1].years
    return out


# '…, Statistics or a related field': the run before it names alternatives
_OR_RELATED = re.compile(
    r",?[ \t]*(?:or|/)[ \t]+(?:in[ \t]+)?(?:(?:an?|any|other|another)[ \t]+)?(?:closely[ \t]+)?"
    r"(?:(?:related|similar|equivalent|relevant|comparable|quantitative|technical|scientific)"
    r"[ \t]+){1,2}(?:fields?|disciplines?|areas?|subjects?|degrees?|majors?|programs?"
    r"|backgrounds?)\b",
    re.IGNORECASE,
)


def alternative_groups(
    text: str,
    spans: Sequence[tuple[int, int]],
    tokens_between: Sequence[Sequence[str]],
    degrees: Sequence[bool] = (),
) -> list[list[int]]:
    """Runs of spans joined as alternatives: 'PyTorch or TensorFlow', 'Python, Java or Go'.

    `tokens_between[k]` are the folded tokens between span k and span k+1. A run joined only by
    commas, 'or' and '/' is one requirement when an 'or' joins its last two ('Python, R, or
    SAS') or 'or a related field' follows it; 'and' breaks it. An 'or' or '/' inside the run
    joins only its neighbours: 'Git, Maven or Gradle, Jenkins' asks for Git, Jenkins and one
    build tool, 'S3, Hadoop/MapReduce, Hive' for Hadoop or MapReduce among the rest. Unless
    the run names a degree (`degrees[k]`: 'BS/MS in Math, Physics, Economics') or follows 'one
    of the following': then the subjects or tools are any one of them.
    """
    groups: list[list[int]] = []
    run = [0] if spans else []
    ors: list[int] = []  # positions in `run` of spans that an 'or' or '/' joins to the one before
    last_word_or = False  # whether an 'or' (a word, not '/') joins the run's last two
    for k in range(len(spans) - 1):
        between = tokens_between[k]
        joined = _CONNECTORS.issuperset(between) or (
            # 'MLflow, Kubeflow or a similar MLOps tool': the kind named after 'or' is one more
            not _OR.isdisjoint(between) and _CONNECTORS_OR_LIKE.issuperset(between)
        )
        if between and joined and _AND.isdisjoint(between):
            run.append(k + 1)
            last_word_or = not _WORD_OR.isdisjoint(between)
            if last_word_or or "/" in between:
                ors.append(len(run) - 1)
            continue
        groups.extend(_or_stretches(text, spans, run, ors, last_word_or, degrees))
        run, ors, last_word_or = [k + 1], [], False
    groups.extend(_or_stretches(text, spans, run, ors, last_word_or, degrees))
    return groups


_ONE_OF = re.compile(
    r"\b(?:one|any|either)[ \t]+of[ \t]+(?:the[ \t]+following|these)\b[^.;]*$", re.I
)


def ends_alternatives(text: str, end: int) -> bool:
    """Does 'or a related field' (or the like) follow a mention ending at `end`?"""
    return _OR_RELATED.match(text, end) is not None


def _or_stretches(
    text: str,
    spans: Sequence[tuple[int, int]],
    run: list[int],
    ors: list[int],
    last_or: bool,
    degrees: Sequence[bool],
) -> list[list[int]]:
    """The alternatives of one run (see alternative_groups)."""
    if len(run) < 2:
        return []
    if last_or or ends_alternatives(text, spans[run[-1]][1]):
        return [run]
    if not ors:
        return []
    first = spans[run[0]][0]
    if degrees and any(degrees[k] for k in run):
        return [run]
    if _ONE_OF.search(text, max(0, first - 80), first):
        return [run]
    out: list[list[int]] = []
    for i in ors:  # chains of neighbours, each joined to the one before by 'or' or '/'
        if out and out[-1][-1] == run[i - 1]:
            out[-1].append(run[i])
        else:
            out.append([run[i - 1], run[i]])
    return out


def _words_search(alternatives: str, after: str = r"\b") -> re.Pattern[str]:
    """`\\b(?:alternatives)\\b` under IGNORECASE, for `search`, rewritten to open with a
    character class: the engine then skips in C to a possible first letter instead of trying
    the whole alternation at every position (several times faster on long sentences).

    Every alternative starts with a plain letter, or with a group of such alternatives that
    stands for one alternative per branch ('(?:team|group) of' for 'team of|group of'). The
    class holds each first letter in every case the IGNORECASE engine accepts ('i' also 'İ'
    and 'ı', 'k' the Kelvin sign); after it a lookbehind stands for the opening \\b, and the
    rest of each alternative is tried only behind its own first letter. `after` follows the
    words. It answers whether there is a match (its span may differ).
    """
    by_first: dict[str, list[str]] = {}
    for alt in (a for top in _top_level(alternatives) for a in _branches(top)):
        assert alt[:1].isalpha() and alt[:1].isascii(), alt
        by_first.setdefault(alt[0].lower(), []).append(alt[1:])
    cased = {
        c
        for first in by_first
        for c in (first, first.upper(), "\u0130", "\u0131", "\u017f", "\u212a")
        if re.fullmatch(first, c, re.IGNORECASE)
    }
    opening = "[" + "".join(sorted(cased)) + "]"
    rests = "|".join(f"(?<={first})(?:{'|'.join(r)})" for first, r in by_first.items())
    return re.compile(rf"{opening}(?<!\w{opening})(?i:{rests}){after}")


def _top_level(alternatives: str) -> list[str]:
    """The alternatives of a pattern at its top level (a group may hold a '|')."""
    top: list[str] = [""]
    depth = 0
    for c in alternatives:
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            top.append("")
        else:
            top[-1] += c
    return top


def _branches(alternative: str) -> list[str]:
    """An alternative that opens with a group, one per branch: '(?:a|b) of' -> 'a of', 'b of'."""
    if not alternative.startswith("(?:"):
        return [alternative]
    depth = close = 0
    while True:
        depth += (alternative[close] == "(") - (alternative[close] == ")")
        if depth == 0:
            break
        close += 1
    group, rest = alternative[3:close], alternative[close + 1 :]
    assert rest[:1] not in ("?", "*", "+", "{"), alternative  # a repeated group stays whole
    return [b for branch in _top_level(group) for b in _branches(branch + rest)]


# -- whether a mention is a skill asked of the candidate ---------------------------------------

_ROLE_WORDS = (
    r"developers?|engineers?|architects?|administrators?|admins?|analysts?|consultants?"
    r"|specialists?|programmers?|testers?|designers?|scientists?|leads?|managers?|interns?"
    r"|trainers?|instructors?|officers?|executives?|coordinators?|team|teams"
)
_ROLES = f"(?:{_ROLE_WORDS})"
# The letters a role noun starts with.
_ROLE_FIRST = "".join(sorted({role[0] for role in _ROLE_WORDS.split("|")}))
# A role noun right after the skill ('Java Developer', 'DevOps / SRE engineer'): a job title.
# Asked at nearly every mention, where it usually fails: the blanks are taken possessively
# (a role noun never starts with one) and a lookahead for a role noun's first letter (or the
# '/') fails most places before the alternation is tried, twice as fast as the plain pattern.
_ROLE_NOUN = re.compile(
    rf"[ \t]*+(?=[/{_ROLE_FIRST}])(?:/[ \t]*[\w.+#]+[ \t]*)?{_ROLES}\b", re.IGNORECASE
)
_ROLE_NOUN_END = re.compile(
    r"\b(?:developers?|engineers?|architects?|administrators?|analysts?|consultants?"
    r"|specialists?|programmers?|testers?|designers?|scientists?)$",
    re.IGNORECASE,
)
DOMAIN_CATEGORIES = frozenset({"domain"})
# Broad disciplines and ways of working ('backend', 'software engineering', 'agile'): the
# employer's own part or unit when it says 'our backend' or 'the Software Engineering Group'.
BROAD_CATEGORIES = frozenset({"field", "methodology"})
# The categories describes_employer can say yes to; a mention of any other is never asked.
EMPLOYER_CATEGORIES = frozenset(
    {"domain", "degree", "language", "soft-skill", "ability"} | BROAD_CATEGORIES
)
_WORKPLACE = (
    r"(?:culture|cultures|environment|environments|atmosphere|workplace|team|teams|company"
    r"|companies|organi[sz]ation|people|colleagues|startup|start-up|place to work|office|spirit"
    r"|community|group|crew|family|employees|co-workers|coworkers|experts)"
)
# up to three more describing words may stand between ('a collaborative, trusting and
# thought-provoking environment'), but not a preposition ('collaboration with the team')
_WORKPLACE_AFTER = re.compile(
    rf"(?:,?[ \t-]+(?:and[ \t]+)?(?!(?:with|the|a|an|of|in|to|for|and|or|our|your|their|other"
    rf"|across|between|within|at|on|by|from|skills?)\b)[\w-]+){{0,3}}[ \t-]+{_WORKPLACE}\b",
    re.IGNORECASE,
)
_WORKPLACE_BEFORE = _words_search(
    rf"our|we are an?|we're an?|join an?|a culture of|culture of|environment of|spirit of"
    rf"|{_WORKPLACE} (?:of|that values|built on|based on|focused on)",
    r"\s+(?:\w+\s+)?$",
)
# 'in close collaboration with', 'in cooperation with': how the work is done, not an ability
_IN_X_WITH_BEFORE = re.compile(
    r"\bin[ \t]+(?:(?:close|closer|tight|direct|strong|constant|active|ongoing)[ \t]+)?$",
    re.IGNORECASE,
)
_IN_X_WITH_AFTER = re.compile(r"[ \t]+with\b", re.IGNORECASE)
SKILL_SECTIONS = frozenset(
    {"skills", "requirements", "preferred", "experience", "education", "certifications", "summary"}
)
_SKILL_CUE = _words_search(
    r"experience[ds]?|knowledge|background|expertise|understanding|degree|skill(?:s|ed)?"
    r"|familiar(?:ity)?|proficien(?:t|cy)|certifi(?:ed|cation)|qualifi(?:ed|cation)|studied|worked"
    r"|expert|fluen(?:t|cy)|exposure|trained|speciali[sz](?:ed|ation)|major|bachelor"
    r"|master|diploma|competen(?:t|ce|cy)|know-how|knowhow|education|educated|graduated?|phd"
)
# ...and a year word, unless it is a company's age ('over 200 years'), a date ('this year',
# 'Partner of the Year') or a person's age ('0 to 18-year-olds'): '3+ years in banking',
# 'several years of finance', 'year-end reporting' keep theirs
_YEAR = re.compile(r"\byears?\b", re.IGNORECASE)
_NOT_EXPERIENCE_YEAR_BEFORE = re.compile(
    r"(?:\d{3,}|\b(?:this|last|next|the|a|per|each|every|past|recent|few))[ \t]+$", re.IGNORECASE
)
_YEAR_OLD = re.compile(r"[ \t-]*olds?\b", re.IGNORECASE)


# ...and words that name the subject matter of the work: what follows is the field it is in
# ('all matters pertaining to structural design', 'risks related to procurement'). Not a cue
# of describes_business: a provider 'of services related to payroll' still describes itself.
_SUBJECT_CUE = _words_search(r"relat(?:ed|ing) to|pertain(?:s|ing)? to")


def _cue_before(text: str, lo: int, hi: int) -> bool:
    """A skill cue (see _SKILL_CUE), a subject-matter cue (_SUBJECT_CUE) or a year word that
    may count experience in text[lo:hi]."""
    if _SKILL_CUE.search(text, lo, hi) is not None:
        return True
    if _SUBJECT_CUE.search(text, lo, hi) is not None:
        return True
    if text.find("ear", lo, hi) < 0 and text.find("EAR", lo, hi) < 0:  # no year word at all
        return False
    return any(
        not _NOT_EXPERIENCE_YEAR_BEFORE.search(text, max(lo, y.start() - 12), y.start())
        and not _YEAR_OLD.match(text, y.end())
        for y in _YEAR.finditer(text, lo, hi)
    )


_LIST_GAP = re.compile(r"\s*(?:,|/|;|&|and|or|\|)?\s*")
_DESCRIPTOR_NOUN = re.compile(
    r"[ -](?:and \w+ )?(?:industry|industries|sector|sectors|company|companies|team|teams"
    r"|department|departments|organi[sz]ations?|clients?|customers?|firms?|space|businesses"
    r"|division|group|function|market|markets|professionals|providers?|partners?|institutions?"
    r"|organisation|leaders|staff|people|agency|agencies|vertical|verticals|domain|world"
    r"|landscape|ecosystem|giant|leader|startup|start-up|benefits?|plan|coverage|insurance)\b",
    re.IGNORECASE,
)


# A cue right before a domain and its business noun: 'experience in the insurance industry',
# 'knowledge of the HR function', 'background in an accounting firm'. Only the nouns of knowing
# and their prepositions count here, not every skill cue: 'our education in marketing'
# or '5-year recruitment plan' are no requests.
_ASKED_OF_BEFORE = re.compile(
    r"\b(?:experience[ds]?|knowledge|background|expertise|understanding|familiarity|exposure)"
    r"[ \t]+(?:in|of|with|from|within)[ \t]+(?:the[ \t]+|an?[ \t]+)?$",
    re.IGNORECASE,
)
# 'our backend', 'our own analytics': the employer's part, not a discipline asked for
_OURS_BEFORE = re.compile(r"\bour(?:[ \t]+own)?[ \t]+$", re.IGNORECASE)
# a unit of the employer named by the field, with at most one more word between ('the Software
# Engineering Group', 'our frontend guild', 'QA functions', 'autonomous agile product teams');
# 'team' right after the form is a job-title word already (in_job_title)
_UNITS = (
    r"groups?|guilds?|departments?|functions|divisions?|squads?|tribes?|chapters?"
    r"|communit(?:y|ies)|incubators?"
)
_UNIT_AFTER = re.compile(
    rf"(?:[ \t-]+(?!(?:with|in|of|and|or|to|for|the|a|an|our|your|at|on|by|from|skills?)\b)"
    rf"[\w-]+[ \t]+(?:teams?|{_UNITS})|[ \t]+(?:{_UNITS}))\b",
    re.IGNORECASE,
)


# A degree naming the post or the programme rather than a qualification asked for ('a PhD
# scholarship', 'the PhD student will', 'Master's thesis').
_DEGREE_POST = re.compile(
    r"[ \t]*(?:degree[ \t]+|research[ \t]+)?(?:students?|scholarships?|stipends?|positions?|posts?"
    r"|projects?|programmes?|programs?|study|studies|fellows?|fellowships?|regulations|guide"
    r"|thesis|theses|school|supervisors?|supervision|courses?|defen[cs]e|grants?)\b",
    re.IGNORECASE,
)
# A language name used as a nationality ('the Danish grading system', 'a German company') or
# for lessons the employer offers ('free German language courses').
_LANGUAGE_NOT_SKILL = re.compile(
    r"[ \t]+(?:language[ \t]+)?(?:culture|lessons?|classes|class|courses?|tuition|company|companies"
    r"|market|markets|government|authorities|grading|system|population|law|laws|citizens?"
    r"|citizenship|universit(?:y|ies)|subsidiary|headquarters|office|offices|educations?"
    r"|standards?|taxpayers?|residents?|nationals?|speciali[sz]t|manufacturer|clients?|customers?)\b",
    re.IGNORECASE,
)
# ...or as the language of the application itself ('send your CV in English').
_IN_LANGUAGE = re.compile(r"\bin[ \t]+$", re.IGNORECASE)
_APPLICATION = re.compile(
    r"\b(?:applications?|apply|applying|cv|curriculum vitae|cover letter|letter|submit(?:ted)?"
    r"|send|sent|materials|documents|publications|translation|diplomas?|pdf)\b",
    re.IGNORECASE,
)
_SPEAKS = re.compile(
    r"\b(?:fluen(?:t|cy|tly)|proficien(?:t|cy)|speak(?:s|ing)?|spoken|native|command of|skills?)\b",
    re.IGNORECASE,
)


_TITLE_ROLES = (
    r"(?i:developers?|engineers?|architects?|administrators?|analysts?|consultants?|specialists?"
    r"|programmers?|testers?|designers?|scientists?)"
)
# ...or after one or two more capitalised title words ('Java Software Engineer', 'SAP Cloud
# Solution Specialist')
# (the blanks before a capital are taken possessively: no backtracking into them can help)
_ROLE_NOUN_LATER = re.compile(rf"(?:[ \t]++[A-Z][\w.+#-]*){{1,2}}[ \t]+{_TITLE_ROLES}\b")
# ...or it is listed after the role in a short title line ('Backend Engineer (Python)',
# 'Front End Developer - React, TypeScript')
_TITLE_TAIL = _words_search(
    "developers?|engineers?|architects?|administrators?|analysts?|consultants?|specialists?"
    "|programmers?|testers?|designers?|scientists?",
    r"[ \t]*(?:\(|[-–|:][ \t])[^\n.;!?]*$",
)
# The title tail needs one of these before the mention; most short lines have none, and a
# scan for a class in C says so several times faster than the search for the tail itself.
_TITLE_SEPARATOR = re.compile(r"[(\-–|:]")


# ...or in brackets right after the capitalised role, however long the line ('Backend
# Engineer (Python) - Acme - Berlin - posted 3 days ago …'; 'an engineer (Python and Go
# experience)' in prose is no title)
_ROLE_BRACKET = re.compile(
    r"\b(?:Developers?|Engineers?|Architects?|Administrators?|Analysts?|Consultants?"
    r"|Specialists?|Programmers?|Testers?|Designers?|Scientists?)[ \t]*\([^()\n]*$"
)
_BRACKET_CLOSES = re.compile(r"[^()\n]{0,80}\)")


@functools.lru_cache(maxsize=65536)
def _names_role(form: str) -> bool:
    """The form itself ends in a role noun ('system administrator'): asked once per form."""
    return _ROLE_NOUN_END.search(form) is not None


def in_job_title(text: str, end: int, form: str, ability: bool, start: int | None = None) -> bool:
    """Part of a job title: a role noun follows ('Java Developer'); for knowledge, also after
    more title words ('Java Software Engineer'), at the end of the form itself ('system
    administrator') or before it in a short title line ('Backend Engineer (Python)'). Abilities
    are never more than the word before the role: their phrases may end in 'team', and 'a
    motivated Senior Developer' asks for motivation."""
    if _ROLE_NOUN.match(text, end):
        return True
    if ability:  # 'a motivated Senior Developer' asks for motivation
        return False
    if _ROLE_NOUN_LATER.match(text, end) or _names_role(form):
        return True
    if start is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    short = (len(text) if line_end < 0 else line_end) - line_start <= 120
    if (
        short
        and _TITLE_SEPARATOR.search(text, line_start, start) is not None  # most lines: none
        and _TITLE_TAIL.search(text, line_start, start) is not None
    ):
        return True
    before = start - 80 if start - 80 > line_start else line_start
    if text.find("(", before, start) < 0:  # the common case, answered in C
        return False
    return (
        _ROLE_BRACKET.search(text, before, start) is not None
        and _BRACKET_CLOSES.match(text, end) is not None
    )


def describes_employer(text: str, start: int, end: int, category: str) -> bool:
    """A word that describes the employer, not a skill asked of the candidate.

    'our healthcare clients', 'the sales team', 'insurance industry' (a domain word before
    a word for the business); 'a collaborative environment', 'a passionate team', 'our
    culture of collaboration' (a soft skill describing the workplace). Likewise a degree
    that names the post ('a PhD scholarship') and a language that names a nationality or
    the language to apply in ('a Danish company', 'send your CV in English'), and a broad
    field or way of working that names the employer's part or unit ('our backend', 'the
    Software Engineering Group', 'agile product teams').
    """
    if category in DOMAIN_CATEGORIES:
        lo = max(0, start - 80)
        if text.find(":", lo, start) >= 0 and _AFTER_INDUSTRY_LABEL.search(text, lo, start):
            return False  # 'Industry: Financial Services Company size: …' names the industry
        if _OURS_BEFORE.search(text, max(0, start - 10), start):
            return True
        noun = _DESCRIPTOR_NOUN.match(text, end)
        # ...unless that business is what the candidate should know: 'supply chain industry
        # experience', 'knowledge of the retail sector', 'experience in a consulting firm'
        return noun is not None and not (
            _CUE_AFTER.match(text, noun.end())
            or _ASKED_OF_BEFORE.search(text, max(0, start - 40), start)
        )
    if category in BROAD_CATEGORIES:
        return bool(
            _OURS_BEFORE.search(text, max(0, start - 10), start)
            or _UNIT_AFTER.match(text, end)
            or names_colleagues(text, end)
        )
    if category == "degree":
        return bool(_DEGREE_POST.match(text, end))
    if category == "language":
        return _language_not_asked(text, start, end)
    if category in ("soft-skill", "ability"):
        return bool(
            _WORKPLACE_AFTER.match(text, end)
            or (
                _IN_X_WITH_AFTER.match(text, end)
                and _IN_X_WITH_BEFORE.search(text, max(0, start - 20), start)
            )
            or _WORKPLACE_BEFORE.search(text, max(0, start - 40), start)
        )
    return False


def _language_not_asked(text: str, start: int, end: int) -> bool:
    """A language name as a nationality or the language to apply in, not one to speak."""
    if _LANGUAGE_NOT_SKILL.match(text, end):
        return True
    if not _IN_LANGUAGE.search(text, max(0, start - 4), start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    sentence = text[
        max(line_start, start - 160) : min(end + 100, len(text) if line_end < 0 else line_end)
    ]
    return bool(_APPLICATION.search(sentence)) and not _SPEAKS.search(sentence)


_CUE_AFTER = re.compile(
    r"[ \t-]+(?:industry[ \t]+|sector[ \t]+|domain[ \t]+)?(?:experience|knowledge|background"
    r"|expertise|skills|know-how|understanding)\b"
    # the last of the fields of study a posting lists: 'physics, chemistry or a related field'
    r"|(?:[ \t]*,?[ \t]+[^\W\d_][\w-]*)?[ \t]*,?[ \t]+(?:or|and)[ \t]+(?:a[ \t]+|any[ \t]+)?"
    r"(?:related|similar|relevant|equivalent|comparable)[ \t]+(?:fields?|disciplines?|subjects?)\b",
    re.IGNORECASE,
)


# A broad field ('cloud', 'analytics', 'testing') in a sentence about the company or its
# product ('<Company> is a leading provider of cloud services', 'our analytics solutions')
# describes the employer, unless the sentence also speaks to or about the candidate.
FIELD_CATEGORIES = frozenset({"field"})
# '^\W*(?:<ORGANIZATION>|we|...)' only at the start of a sentence: matched, not searched
_ABOUT_EMPLOYER_OPENING = re.compile(
    r"\W*(?:<ORGANIZATION>|(?:we|our|the company)\b)", re.IGNORECASE
)
_ABOUT_EMPLOYER = _words_search(
    r"we are|we're|we offer|we provide|we build|we develop|we use|is a leading|a leading"
    r"|leading provider|provider of|our (?:company|products?|platform|solutions?|customers"
    r"|clients|mission|business|services)"
)
_ASKS_CANDIDATE = _words_search(
    r"you|your|you'll|you're|candidates?|applicants?|looking for|required|requirements?"
    r"|must|should|ideally|preferred|qualifications?|experience[ds]?|knowledge|skills?"
)


# A sentence of this many words is prose, not a bullet fragment ('Testing with Jasmine').
PROSE_WORDS = 12
_PROSE = re.compile(rf"(?:\W*+\w++){{{PROSE_WORDS}}}")  # matches where there are that many words
# words by which prose speaks of the role and its work ('This role will be responsible for
# testing', 'It involves machine learning', 'Care about software architecture')
_SPEAKS_OF_ROLE = _words_search(
    r"role|position|responsib(?:le|ility|ilities)|dut(?:y|ies)|involves?|involving|tasks?"
    r"|scope|activities|focus|understands?|understanding|capable|able|ability|care|awareness"
    r"|passion(?:ate)?|track record|work|collaborate|strong|solid|fundamentals|proficien(?:t|cy)"
    r"|familiar(?:ity)?|expertise|background|degree"
)
# a duty: the sentence opens with a verb ('Develop large-scale models that…', 'Researching and
# implementing…') or says what someone in the role will do ('This engineer will architect…')
_DUTY_OPENING = re.compile(
    r"[\W_]*(?:(?-i:[A-Z][a-z]{2,}ing)\b|(?:assist|analy[sz]e|apply|architect|build|collaborate|conduct"
    r"|configure|contribute|coordinate|create|define|deliver|deploy|design|develop|diagnose"
    r"|document|drive|ensure|establish|evaluate|help|identify|implement|improve|install|lead"
    r"|maintain|manage|mentor|monitor|operate|optimi[sz]e|own|participate|partner|perform|plan"
    r"|prepare|prioriti[sz]e|provide|research|review|serve|stay|support|test|train|translate"
    r"|triage|troubleshoot|use|work|write)(?:e?s)?\b)"
    r"|.{0,60}?\b(?:will|shall)\s+(?:be\s+)?[a-z]+",
    re.IGNORECASE,
)


def field_reads_as_skill(
    text: str,
    segment_start: int,
    segment_end: int,
    section_at: Callable[[int], str | None] | None = None,
) -> bool:
    """A broad field, unless its sentence says nothing of the candidate and either describes
    the employer ('our analytics solutions') or is prose of PROSE_WORDS words or more that
    does not speak of the role either ('a team dedicated to improving the design, analytics,
    coding and testing that goes into…'). A duties section speaks of the role throughout, and
    a line opening in lower case goes on with a sentence wrapped from the line before.
    `section_at` (Layout.section_at) is asked only for such prose: finding the sections of a
    text is work the common case does not need."""
    segment = text[segment_start:segment_end]
    if _ASKS_CANDIDATE.search(segment):  # most sentences naming a field say it of the candidate
        return True
    if _ABOUT_EMPLOYER_OPENING.match(segment) or _ABOUT_EMPLOYER.search(segment):
        return False
    if not _PROSE.match(segment):  # a bullet fragment
        return True
    if segment.lstrip()[:1].islower() or _DUTY_OPENING.match(segment):
        return True
    if _SPEAKS_OF_ROLE.search(segment):
        return True
    return section_at is not None and section_at(segment_start) == "responsibilities"


# A sentence that says what the employer's business is: what it provides, whom it partners
# with or serves, where it leads ('Acme is a leading provider of payroll SaaS', 'We are an AWS
# Premier Consulting Partner', 'Our software monitors millions of devices in data centers').
# The names in it are its products, markets and partners, not skills asked of the candidate.
_BUSINESS = _words_search(
    r"a leading(?![ -]edge)|leading providers?|providers? of|we provide|we offer|we are (?:a|an|the) leader"
    r"|(?:market|industry|global|world|recogni[sz]ed) leaders?|is (?:a|the) leader in"
    r"|(?:gold|silver|premier|certified|consulting|platform|solutions?|official|technology"
    r"|global) partner|helps? (?:companies|organi[sz]ations|businesses)"
)
# A sentence that announces the opening speaks of the role ('Acme, a leading provider of
# payroll software, is seeking a Data Engineer to build pipelines in Python').
_ANNOUNCES_ROLE = _words_search(r"seeks?|seeking|hiring|to hire|to join|join (?:our|the|us)")
# ...and, in a sentence that opens with the employer ('<Company> provides', 'We offer'),
# what it provides or offers
_PROVIDES = _words_search(r"provides?|offers?|sells?")


def describes_business(text: str, segment_start: int, segment_end: int) -> bool:
    """The sentence text[segment_start:segment_end] describes the employer's business (see
    _BUSINESS) and says nothing of the candidate, the role or its duties, and has no skill
    cue: 'Acme provides a unified SaaS platform for marketing teams' names no requirement,
    while 'You will build our SaaS platform' and 'Experience with AWS, our cloud partner'
    do. Stack sentences ('We use PostgreSQL') are not business descriptions and stay."""
    low = text[segment_start:segment_end].lower()
    # every _BUSINESS phrase holds one of these words, and every _PROVIDES word one of those
    # below: `in` rules out most sentences several times faster than the patterns
    provides = _ABOUT_EMPLOYER_OPENING.match(text, segment_start, segment_end) is not None and (
        "provid" in low or "offer" in low or "sell" in low
    )
    if not (
        provides
        or "leading" in low
        or "leader" in low
        or "provider" in low
        or "we provide" in low
        or "we offer" in low
        or "partner" in low
        or "help" in low
    ):
        return False
    if _BUSINESS.search(text, segment_start, segment_end) is None and not (
        provides  # ...or what the employer ('We', '<Company>') provides
        and _PROVIDES.search(text, segment_start, segment_end) is not None
    ):
        return False
    return (
        _ASKS_CANDIDATE.search(text, segment_start, segment_end) is None
        and _SKILL_CUE.search(text, segment_start, segment_end) is None
        and _SPEAKS_OF_ROLE.search(text, segment_start, segment_end) is None
        and _DUTY_OPENING.match(text, segment_start, segment_end) is None
        and _ANNOUNCES_ROLE.search(text, segment_start, segment_end) is None
    )


def _asks_nothing(text: str, segment_start: int, segment_end: int) -> bool:
    """The sentence asks nothing of the candidate: no 'you', 'must' or 'required', no skill
    cue or years, no duty verb opening it, no word announcing the opening or naming the role,
    its tasks or the chance to do something."""
    return (
        _ASKS_CANDIDATE.search(text, segment_start, segment_end) is None
        and not _cue_before(text, segment_start, segment_end)
        and _DUTY_OPENING.match(text, segment_start, segment_end) is None
        and _ANNOUNCES_ROLE.search(text, segment_start, segment_end) is None
        and _SPEAKS_OF_JOB.search(text, segment_start, segment_end) is None
    )


# A sentence that describes the employer itself rather than asking anything of the candidate:
# what it is or was ('Acme is a leading marketplace for…', 'We are an award-winning studio',
# 'The company was founded in 2009'), what it makes, sells or serves ('Acme builds SaaS tools
# for hospitals', 'Acme specializes in…'), who uses its products ('Over 900 hospitals use
# our platform') and what its products do ('Our sensors protect factories against…'), or
# how big its team is ('our team of 3,000 engineers designs…'). The names in it are its
# products, markets and customers, not skills the job needs. The employer opens the sentence
# ('About us: Acme…', 'At Acme', 'The Acme group'); matched, not searched.
_COMPANY_OPENING = re.compile(
    r"[^\w<]*+(?i:about[ \t]+us[^\w<]*+)?(?i:(?:at|the)[ \t]+)?"
    r"(?:<ORGANIZATION>(?:[ \t,]*+<ORGANIZATION>)*+(?:['’]s)?|(?i:we(?:['’]re)?|the company"
    r"|our (?:company|firm|business|group))\b)"
)
# ...and goes on to say what it is, was or does (third person: the employer, not the role)
_COMPANY_IS = re.compile(
    r"[ \t,]*+(?i:(?:is|are|was|has been|have been|['’]re)[ \t]+(?:now[ \t]+)?(?:a|an|the|one"
    r"|more than|among|leaders?|leading|proud|part|home|headquartered|based|known|recogni[sz]ed"
    r"|listed|ranked|trusted|owned|backed|funded|founded)\b"
    r"|(?:was|were)[ \t]+(?:founded|established|created|started|launched)\b"
    # what it does for others: after a name, or after 'we' ('We operate in six markets',
    # 'We help insurers price risk')...
    r"|speciali[sz]e[sd]?|(?:deliver|operate|empower|enable|help|serve|power|transform"
    r"|revolutioni[sz]e)s?\b"
    # ...and what it makes, after a name only: 'We combine Kotlin and React', 'We build on
    # AWS' tell the team's own tools (describes_stack)
    r"|(?:builds|develops|creates|makes|designs|combines|produces|manufactures|sells|offers"
    r"|provides)\b)"
)
# 'Over 900 hospitals use our platform', 'Public and private clients in 40 countries rely on
# Acme': the customers open the sentence, with at most a count or a few plain adjectives
# before them (not 'Assist customers in…', a duty)
_CUSTOMERS_USE = re.compile(
    r"[^\w<]*+(?i:(?:[\d,.+%]++|over|more|than|about|almost|nearly|some|many|most|of|the|our|all"
    r"|thousands|millions|hundreds|dozens|leading|top|paying|public|private|and|global|major"
    r"|large|satisfied|happy|fortune|today)[ \t,]++){0,6}+"
    r"(?i:customers|clients|users|companies|organi[sz]ations|businesses|brands|retailers"
    r"|enterprises)\b(?:[ \t]++[\w,+-]++){0,4}?[ \t]++(?i:use|rely on|trust|choose|love"
    r"|depend on)\b(?![ \t]+cases?\b)"
)
# 'Our unique technology and innovative products secure networks against…', 'Our platform
# has been adopted by…': the product is the subject and does something for someone (not 'Our
# platform is built on AWS', a stack sentence, nor 'Our software developers are…')
_PRODUCT_DOES = re.compile(
    r"[^\w<]*+(?i:our[ \t]+(?:[\w-]+[ \t]+){0,4}?(?:products?|platforms?|solutions?|software"
    r"|technology|technologies|apps?|services|tools|systems|offerings?)[ \t]+(?:(?:has|have)"
    r"[ \t]+been|(?:is|are)[ \t]+used|(?:help|enable|allow|empower|power|secure|protect|monitor"
    r"|serve|transform|connect|automate|apply|appl(?:y|ie)|give|let|reach|drive|deliver|provide"
    r"|focus|combine|include|support|manage)(?:e?s)?)\b)"
)
# 'our team of 4,000 engineers', 'our global team of 50,000+ technologists'
_TEAM_OF = _words_search(r"our|the", r"[ \t]+(?:[\w-]+[ \t]+)?team[ \t]+of[ \t]+[\d,.+]+")


def describes_company(text: str, segment_start: int, segment_end: int) -> bool:
    """The sentence text[segment_start:segment_end] says what the employer is, makes, sells or
    serves, who uses its products or how big its team is (see _COMPANY_OPENING and what follows
    it) and asks nothing of the candidate: no 'you', 'must', skill cue or years, no duty verb
    opening it, no word for the role or the opening. 'Acme is a marketplace for used cars' and
    'Over 900 hospitals use our platform' name no requirement; 'Acme is hiring a Go developer'
    and 'Our platform team needs Kafka experience' do. When the sentence also tells the
    employer's own tools ('We are a small team building pipelines on GCP'), the caller keeps
    the knowledge in it for describes_stack to flag."""
    low = text[segment_start:segment_end].lower()
    # every pattern holds one of these words: `in` rules out most sentences cheaply
    if not ("<organization>" in low or "we" in low or "our" in low or "company" in low):
        return False
    opening = _COMPANY_OPENING.match(text, segment_start, segment_end)
    if not (
        (opening is not None and _COMPANY_IS.match(text, opening.end(), segment_end) is not None)
        or _PRODUCT_DOES.match(text, segment_start, segment_end) is not None
        or ("team" in low and _TEAM_OF.search(text, segment_start, segment_end) is not None)
        or _CUSTOMERS_USE.match(text, segment_start, segment_end) is not None
    ):
        return False
    return _asks_nothing(text, segment_start, segment_end)


# A sentence that says what the employer's own team builds, runs or works with ('We use Kafka
# and Spark for our pipelines', 'Our platform runs on AWS', 'The team works in Scrum', 'Acme
# relies on PostgreSQL'): its names are the job's stack, worth knowing, but it asks nothing of
# the candidate. The sentence speaks in the first person plural ('we use', 'our stack')...
_STACK_WE = _words_search(
    r"we (?:[a-z]+ly )?(?:use|are using|rely on|run on|run|work with|work in|are working with"
    r"|build|are building|have built|develop|are developing|code in|write in|follow|practi[cs]e"
    r"|leverage|utili[sz]e|deploy|host|employ|adopt|embrace)"
    r"|we're (?:using|building|developing|working with|running)"
    # the team describing itself ('We are a small team building data pipelines on GCP')
    r"|we are an? (?:[\w-]+,? (?:and )?){0,3}(?:team|group|squad|blend|mix)"
    # 'our stack' as the subject ('Our current tech stack includes…', 'Our stack: …'), not
    # as an object ('Help us evolve our stack')
    r"|our (?:[\w-]+ )?(?:tech(?:nology)? )?stack(?:[ \t]*:|[ \t]+(?:is|are|includes?|consists"
    r"|comprises|spans|covers))"
    r"|our (?:[\w-]+ ){1,3}(?:is|are) (?:built|written|developed|hosted|based|running|deployed"
    r"|implemented|powered|scripted|coded|stored) (?:on|in|with|using|by)"
)
# ...or opens with the employer or its team and says what they are built on or use. Matched
# at the sentence's start only; possessive quantifiers keep a failing match from backtracking
# through the words of every sentence.
_STACK_OPENING = re.compile(
    r"[^\w<]*+(?:(?i:(?:at )?<ORGANIZATION>|(?:our|the (?:[\w-]+ ){0,2}teams?|currently|today"
    r"|the company)\b)"
    # a name, then what it runs on ('Acme runs on AWS', 'Acme Labs uses Kafka'); not 'The
    # Data Scientist uses…' (the role) nor an adverb opening a duty ('Regularly uses…')
    r"|(?!The\b)[A-Z][\w&.-]*+(?:[ \t]++[A-Z][\w&.-]*+){0,2}+(?<!ly)[ \t]++(?=(?:runs on|uses"
    r"|relies on|utili[sz]es|leverages|is (?:built|powered|hosted|running) (?:on|by|with))\b))"
)
_STACK_VERB = _words_search(
    r"(?:is|are) (?:built|written|developed|hosted|based|running|deployed|implemented|powered"
    r"|scripted|coded|stored) (?:on|in|with|using|by)|runs? on|running on|powered by"
    r"|built (?:on|with)|written in|based on|uses|use|using|utili[sz]es|relies on|rely on"
    r"|leverages|works? (?:with|in|according to)"
)
# ...and says nothing of the job: a sentence about the role, its tasks or the chance to work
# with something ('This role uses Kafka', 'the opportunity to work with Spark') describes the job
_SPEAKS_OF_JOB = _words_search(
    r"role|position|responsib(?:le|ility|ilities)|dut(?:y|ies)|tasks?|jobs?|opportunit(?:y|ies)"
    r"|chance"
)


def describes_stack(text: str, segment_start: int, segment_end: int) -> bool:
    """The sentence text[segment_start:segment_end] speaks of the employer's or its team's own
    tools, platform or product (see _STACK_WE, _STACK_OPENING) and asks nothing of the
    candidate: no 'you', 'must', 'required', no skill cue or years, no duty verb opening it,
    no word for the role or the opening. 'We use Kafka and Spark for our pipelines' and 'Our
    platform runs on AWS' describe the stack; 'You will use Kafka', 'Experience with our stack
    (Kafka, Spark)' and 'Build pipelines using Kafka' ask for it."""
    # the opening is matched at one place only; every _STACK_WE phrase holds 'we' or 'our', and
    # `in` rules out most other sentences several times faster than the pattern
    opening = _STACK_OPENING.match(text, segment_start, segment_end) is not None
    if not opening:
        low = text[segment_start:segment_end].lower()
        if "we" not in low and "our" not in low:
            return False
    if _STACK_WE.search(text, segment_start, segment_end) is None and not (
        opening and _STACK_VERB.search(text, segment_start, segment_end) is not None
    ):
        return False
    return _asks_nothing(text, segment_start, segment_end)


def domain_reads_as_skill(
    text: str, section: str | None, segment_start: int, start: int, end: int | None = None
) -> bool:
    """A domain word ('sales') in a skills-like section, after a skill cue in its sentence
    ('experience in sales', 'knowledge of accounting') or before one ('e-commerce experience',
    'banking domain knowledge')."""
    return (
        section in SKILL_SECTIONS
        or _cue_before(text, segment_start, start)
        or (end is not None and bool(_CUE_AFTER.match(text, end)))
    )


# 'Industry: Financial Services', 'Sectors - Retail, Logistics': a line that names the
# employer's industries for the reader to match (job boards print it with the posting).
_INDUSTRY_LABEL = re.compile(
    r"[ \t*•·-]*(?:industry|industries|sectors?|verticals?)[ \t]*[:–-]", re.IGNORECASE
)
# ...also inside a line, where a posting's header was flattened into one ('Job type: Full-time
# Industry: Financial Services Company size: 10k+')
_INDUSTRY_FIELD = re.compile(r"\b(?:industry|industries|sectors?|verticals?)[ \t]*:", re.IGNORECASE)
_TAG_GAP = re.compile(r"(?:[\s,/;|&+()·•*-]|\band\b|\bor\b)*", re.IGNORECASE)
# a mention among the words right after such a label, before any sentence punctuation
_AFTER_INDUSTRY_LABEL = re.compile(
    r"\b(?:industry|industries|sectors?|verticals?)[ \t]*:[ \t]*[\w&/,+ \t-]*$", re.IGNORECASE
)


def industry_line(text: str, start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """The mention at `start` is on an industry line: one that opens with an industry label
    ('Industry: Financial Services') or holds nothing but two or more skill names and list
    separators ('Financial Services Financial Technology Regulatory Reporting'), or it is among
    the names right after an industry label inside a line ('… Industry: Banking Fintech Company
    size: …'). `spans` are the recognised spans, in text order (those on other lines are
    ignored)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    if _INDUSTRY_LABEL.match(text, line_start, line_end):
        return True
    lo = max(line_start, start - 200)
    label_end = -1
    if text.find(":", lo, start) >= 0:
        for m in _INDUSTRY_FIELD.finditer(text, lo, start):
            label_end = m.end()
    if label_end >= 0:
        run = _names_run(text, spans, label_end, start)
        return run is not None and _TAG_GAP.fullmatch(text, run[0], start) is not None
    if line_end - line_start > TAG_LINE_CHARS:
        return False  # a list of names is short; a long line is prose
    run = _names_run(text, spans, line_start, line_end)
    # one name alone is a heading or a list item ('Health insurance' among the perks)
    return run is not None and run[1] > 1 and _TAG_GAP.fullmatch(text, run[0], line_end) is not None


def _names_run(
    text: str, spans: Sequence[tuple[int, int]], begin: int, stop: int
) -> tuple[int, int] | None:
    """The end of the last span from `begin` to `stop` and how many there are, when each
    follows the one before (or `begin`) across nothing but list separators; else None."""
    pos = begin
    names = 0
    first = bisect_left(spans, begin, key=itemgetter(1))  # spans end in order, too
    # by index: islice would step over the first `first` spans one by one, in every call
    for k in range(first, len(spans)):
        s, e = spans[k]
        if s >= stop:
            break
        if e <= begin:
            continue
        if s < pos or not _TAG_GAP.fullmatch(text, pos, s):
            return None
        pos = e
        names += 1
    return pos, names


_TAG_WORD = re.compile(r"[^\W_]+")
TAG_LINE_CHARS = 160  # a tag line is short; longer lines are prose and are not read word by word


def tag_line_words(
    text: str, spans: Sequence[tuple[int, int]], words: Container[str]
) -> list[tuple[int, int]]:
    """Words of `words` that complete a lower-case tag line: a line whose other words are all
    recognised spans, two or more, joined by list separators ('java rest cloud spring'). There
    a skill usually spelled in capitals (REST, Spring, Go, R) is named in lower case too.
    `spans` are the recognised spans in text order; the offsets of the words are returned."""
    found: list[tuple[int, int]] = []
    k = 0
    n = len(spans)
    while k < n:
        line_end = text.find("\n", spans[k][0])
        if line_end < 0:
            line_end = len(text)
        j = k + 1
        while j < n and spans[j][0] < line_end:
            j += 1
        if j - k < 2:
            k = j
            continue
        line_start = text.rfind("\n", 0, spans[k][0]) + 1
        if line_end - line_start <= TAG_LINE_CHARS and text[line_start:line_end].islower():
            extra: list[tuple[int, int]] = []
            pos = line_start
            for s, e in [*spans[k:j], (line_end, line_end)]:
                if s < pos:
                    extra = []
                    break
                gap = text[pos:s]
                if not _TAG_GAP.fullmatch(gap):
                    for m in _TAG_WORD.finditer(gap):
                        if m.group() not in words:
                            break
                        extra.append((pos + m.start(), pos + m.end()))
                    else:
                        if _TAG_GAP.fullmatch(_TAG_WORD.sub(" ", gap)):
                            pos = e
                            continue
                    extra = []
                    break
                pos = e
            found.extend(extra)
        k = j
    return found


# The employer's perks ('Private healthcare, free yoga classes and a generous pension'): a
# domain word among them is a benefit on offer, not a skill asked for. Salary and bonus are
# left out: they are also the working vocabulary of HR and payroll ('salary administration').
_PERKS = _words_search(
    r"benefits?|perks?|pension|annual leave|holidays?|vacation|we offer|gym|discounts?"
    r"|wellbeing|well-being|paid leave|parental leave|vouchers?"
)


def mentions_perks(text: str, segment_start: int, segment_end: int) -> bool:
    """The sentence names a perk word (see _PERKS) anywhere."""
    return _PERKS.search(text, segment_start, segment_end) is not None


PERK_REACH = 100  # characters around a mention within which a perk word makes it a perk


def offers_perks(text: str, segment_start: int, segment_end: int, start: int, end: int) -> bool:
    """The mention at text[start:end] is among the employer's perks: a perk word (see
    _PERKS) is near it in its sentence and no skill cue right before it ('experience in',
    'knowledge of') asks for it."""
    lo = max(segment_start, start - PERK_REACH)
    hi = min(segment_end, end + PERK_REACH)
    if not (_PERKS.search(text, lo, start) or _PERKS.search(text, end, hi)):
        return False
    return not _cue_before(text, max(lo, start - 25), start)


def listed_together(text: str, end: int, start: int) -> bool:
    """Two mentions separated only by a list separator ('Excel, accounting')."""
    return 0 <= start - end <= 6 and bool(_LIST_GAP.fullmatch(text, end, start))


# -- a broad field that names colleagues, not a skill ------------------------------------------

# A broad field coordinated with a plural role or team noun after it names a group of people,
# the employer's units or the colleagues the role works with ('the QA and Product Management
# teams', 'a team of backend and full stack developers', 'designers, copywriters and
# marketers'), like 'the Software Engineering Group' (_UNIT_AFTER): up to two more words
# before the noun, none of them a preposition or article that would start a new phrase ('UI/UX
# and working with designers' asks for UI/UX), and nothing after it that the noun modifies
# ('developer tools', 'teams management'). A singular role is left alone: 'Frontend and
# Backend Developer' is the job's title.
_PEOPLE = (
    r"developers|engineers|architects|administrators|admins|analysts|consultants|specialists"
    r"|programmers|testers|designers|scientists|managers|owners|marketers|teams"
)
_COORDINATED_PEOPLE = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:and/or|and|or|&|/)[ \t]*"
    r"(?:(?!(?:with|without|in|of|for|to|the|a|an|our|your|their|at|on|by|from|as|among"
    rf"|amongst|between|into|working|work|leading)\b)[\w-]+[ \t]+){{0,2}}(?:{_PEOPLE})\b"
    r"(?![ \t-]+(?!(?:to|of|in|at|and|or|with|for|who|that|from|on|across|within|will|is|are"
    r"|was|were|as|by)\b)(?-i:[a-z]))",
    re.IGNORECASE,
)


def names_colleagues(text: str, end: int) -> bool:
    """The broad field ending at `end` is joined to a plural role or team noun after it ('the
    QA and Product Management teams'): it names people or units, not a skill asked for."""
    return _COORDINATED_PEOPLE.match(text, end) is not None
