"""Recognisers: exact matching of every taxonomy form in one Aho–Corasick pass, then typos.

Every name and alias is reduced to a key — folded, whitespace collapsed, spelled exactly as
written otherwise ('node.js', 'ci/cd', 'power bi', '.net'). Keys go into one automaton
blanked like the text and padded with spaces on their word edges, and the automaton is
scanned once over the text with punctuation blanked, so keys match whole tokens only; the
folded text then confirms a key's own punctuation. 'java' inside 'javascript', 'aws' inside
'laws' and 'r' inside 'R&D' never count. The longest span wins. Spacing variants of CamelCase and
multi-word names ('Share Point', 'PowerBI') are compiled in as fuzzy keys; typos of long
single-word names ('Pyhton') are found among the leftover words by a deletion index verified
with rapidfuzz. Everything is compiled once per taxonomy and pickled by `compiled.py`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick
from rapidfuzz.distance import OSA

from skillmatch.normalize import blank_punctuation, fold, other_boundaries, tokenize
from skillmatch.roles import role_titles, titles_someone
from skillmatch.taxonomy import Taxonomy

# Typos are looked for only in words at least this long: short words are too close to each
# other ('Jva' -> 'java' scores 86).
MIN_TYPO_LEN = 6
FUZZY_SPACING_CONFIDENCE = 0.85
FUZZY_TYPO_CONFIDENCE = 0.75
PLAIN_ROLE, LEADING_ROLE = 1, 2  # Form.role
# Skills everyone has: no one's title names them.
_NO_ROLE_CATEGORIES = frozenset({"soft-skill", "language", "degree", "certification"})
MEMO_LIMIT = 200_000  # words remembered by the typo pass before the memo starts afresh

_WS = re.compile(r"\s+")
# Whitespace other than a plain space (every character str.isspace and the \s of `re` accept;
# a test checks the list against all of Unicode): replaced one by one with str.replace,
# which is many times faster on a non-ASCII text than a regular expression's class test.
WHITESPACE = (
    "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_RUN = re.compile(r"  +")
_ASCII_WS_TO_SPACE = bytes(
    32 if chr(b) in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" else b for b in range(256)
)
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_TYPO_LEN},}}")  # boundaries are checked per hit
# The same runs in a folded text whose letters are all ASCII: three times faster to scan.
_ASCII_LONG_WORD = re.compile(rf"[a-z]{{{MIN_TYPO_LEN},}}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LETTER = re.compile(r"[^\W\d_]")
_WORDS_ONLY = re.compile(r"[\w& ]+")
# Punctuation blanked for the word-key scan (one character for one: offsets do not move).
_STOPWORDS = frozenset(
    "the and for are but not you all any can had her was one our out get has him his how its may "
    "new now old see two way who did let put say she too use with from into over than that this "
    "then they when what your more most some such only also just very well here there where".split()
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Words after a hyphen that leave the skill standing: 'Java-based', 'AWS-certified'.
_SUFFIXES = frozenset(
    "based driven centric powered related oriented savvy native first enabled heavy like focused "
    "certified specific compatible friendly ready backed hosted aware proficient fluent".split()
)


def _role_forms(taxonomy: Taxonomy, keyed: dict[str, list[Form]]) -> dict[str, Form]:
    """Role titles of the skills (see skillmatch.roles) that no form already spells.

    Taken from a skill's `roles` first, then derived from its plain forms; where two skills
    derive one title, the one with the better precedence names it ('business analyst' from
    business analysis, not business analytics), and a tie names neither. Soft skills,
    languages and credentials have no practitioners' titles.
    """
    derived: dict[str, dict[str, int]] = {}  # title -> skill id -> best precedence
    leading: set[str] = set()
    for skill in taxonomy.skills.values():
        titles = [(key_of(role), -1) for role in skill.roles]
        leading.update(key_of(r) for r in skill.roles if skill.is_ambiguous(r, False))
        if skill.category not in _NO_ROLE_CATEGORIES:
            titles.extend(
                (title, rank)
                for form, cased in skill.surface_forms()
                if not cased and not skill.is_ambiguous(form, cased)
                for title, rank in role_titles(key_of(form))
                if not _names_another(title, skill.id, keyed)
            )
        for title, rank in titles:
            owners = derived.setdefault(title, {})
            owners[skill.id] = min(rank, owners.get(skill.id, rank))
    out: dict[str, Form] = {}
    for key in sorted(derived):
        owners = derived[key]
        best = min(owners.values())
        first = [sid for sid, rank in owners.items() if rank == best]
        if len(first) == 1 and key not in keyed and any(_is_word(c) for c in key):
            ntok = len(tokenize(key)[2])
            role = LEADING_ROLE if key in leading else PLAIN_ROLE
            out[key] = Form(first[0], key, ntok, None, False, False, False, role)
    return out


def _names_another(title: str, skill_id: str, keyed: dict[str, list[Form]]) -> bool:
    """The words before the agent noun name another skill ('AI architect' from an 'AI
    architecture' alias): the title is that skill's, marked by the role noun after it."""
    head = title.rpartition(" ")[0]
    forms = keyed.get(head)
    return forms is not None and bool(forms) and all(f.skill_id != skill_id for f in forms)


def _starts_line(text: str, start: int) -> bool:
    """Only blanks stand between the line's start and `start`: a phrase that begins a line and
    runs onto the next joins a heading to its text ('Profile' / 'Data engineer'); a line
    wrapped mid-phrase ('…on machine' / 'learning') does not begin there."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def key_of(form: str) -> str:
    """The matching key of a form: NFKC, folded, whitespace collapsed."""
    return _WS.sub(" ", fold(unicodedata.normalize("NFKC", form))).strip()


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scan_text(low: str) -> tuple[str, frozenset[int]]:
    """A folded text as the automaton reads it: every token boundary a space, one for one.

    Also the offsets of the boundaries other than blanked punctuation and whitespace.
    """
    scan = blank_punctuation(low)
    other = other_boundaries(scan)
    if other:
        scan = " ".join(scan[a + 1 : b] for a, b in pairwise([-1, *other, len(scan)]))
    return scan, frozenset(other)


class Form(NamedTuple):
    """One compiled surface form of a skill (a tuple: cheap to build, compare and unpickle)."""

    skill_id: str
    form: str
    ntok: int
    cased: str | None  # the exact spelling (whitespace collapsed) a case-sensitive form needs
    is_name: bool
    ambiguous: bool
    variant: bool = False  # a generated spacing variant: reported as a fuzzy match
    # a role title ('data scientist'): counts only where it titles someone; LEADING_ROLE for
    # one that is ordinary English too ('advocate'): only as the title a line starts with
    role: int = 0


class Hit(NamedTuple):
    """A recognised span in the caller's text."""

    form: Form
    start: int
    end: int
    ntok: int
    match: str  # exact / alias / fuzzy
    confidence: float


# (variant, is_name) -> match kind and confidence of an exact-pass hit
_KIND = {
    (True, True): ("fuzzy", FUZZY_SPACING_CONFIDENCE),
    (True, False): ("fuzzy", FUZZY_SPACING_CONFIDENCE),
    (False, True): ("exact", 1.0),
    (False, False): ("alias", 1.0),
}
_new_tuple = tuple.__new__  # Hit built by tuple.__new__ in C: no Python-level __new__ or _make


class Folded:
    """A text folded for matching, whitespace runs collapsed, with offsets back to the original."""

    __slots__ = ("_runs", "_scan", "_shift", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        low = fold(text)
        if len(low) != len(text):  # rare: a letter whose lower case is longer (İ)
            low = "".join(
                c if len(c) == 1 else o for c, o in zip(map(fold, text), text, strict=True)
            )
        # every whitespace character becomes a space (one for one), then runs of spaces collapse
        if low.isascii():
            low = low.encode().translate(_ASCII_WS_TO_SPACE).decode()
        else:
            for ws in WHITESPACE:
                if ws in low:
                    low = low.replace(ws, " ")
        runs: list[int] = []
        shift: list[int] = []
        pieces: list[str] = []
        removed = 0
        last = 0
        for m in _SPACE_RUN.finditer(low):
            runs.append(m.start() - removed)
            removed += m.end() - m.start() - 1
            shift.append(removed)
            pieces.append(low[last : m.start() + 1])
            last = m.end()
        self._runs = runs
        self._shift = shift
        self.low = "".join(pieces) + low[last:] if pieces else low

    def scan(self) -> tuple[str, frozenset[int]]:
        """`low` as the automaton reads it (see _scan_text), computed once."""
        try:
            return self._scan
        except AttributeError:
            self._scan: tuple[str, frozenset[int]] = _scan_text(self.low)
            return self._scan

    def orig(self, i: int) -> int:
        """The offset in the original text of offset i in `low`."""
        k = bisect_left(self._runs, i)
        return i + (self._shift[k - 1] if k else 0)


@dataclass
class PhraseIndex:
    """The compiled exact and fuzzy indexes of a taxonomy; picklable for the disk cache."""

    taxonomy_hash: str
    # Patterns are keys blanked like the text ('c++' -> 'c  ', 'node.js' -> 'node js') and
    # padded on both sides for a key of words (' power bi '), on the word edges for a key with
    # punctuation (' c  '). A key of words keeps the stricter boundary it always had (blanked
    # punctuation or whitespace, not another symbol): 'strict'. The key to confirm is None for
    # a single word, which the scan text already spells. The automaton stores integers (it
    # pickles and restores natively, twice as fast as rebuilding it from its keys): the
    # number of the pattern's entries in `entries`, plain tuples (a spec names its Form by
    # number in `forms`), so a pickled index restores them in C.
    automaton: Any = None  # pattern -> number of its entries
    entries: list[tuple[tuple[Any, ...], ...]] = field(default_factory=list)
    # ^ per pattern: (key length, right pad, strict, key, specs) for each key it stands for
    forms: list[Form] = field(default_factory=list)

    typo_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # deletion -> words
    typo_forms: dict[str, Form] = field(default_factory=dict)  # word -> form
    protected: frozenset[str] = frozenset()  # real words never corrected

    def __getstate__(self) -> dict[str, Any]:
        # plain tuples, which unpickle in C, rather than named tuples
        state = dict(self.__dict__)
        state["forms"] = [tuple(f) for f in self.forms]
        index = {f: i for i, f in enumerate(self.forms)}
        state["typo_forms"] = {k: index[f] for k, f in self.typo_forms.items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        forms = state["forms"] = [_new_tuple(Form, f) for f in state["forms"]]
        state["typo_forms"] = {k: forms[i] for k, i in state["typo_forms"].items()}
        self.__dict__.update(state)

    @classmethod
    def build(cls, taxonomy: Taxonomy, english: frozenset[str] = frozenset()) -> PhraseIndex:
        """Compile every surface form of every skill, and its spacing variants."""
        index = cls(taxonomy.hash)
        keyed: dict[str, list[Form]] = {}
        for skill in taxonomy.skills.values():
            for form, cased in skill.surface_forms():
                key = key_of(form)
                if not any(_is_word(c) for c in key):
                    continue
                f = Form(
                    skill.id,
                    form,
                    len(tokenize(key)[2]),
                    _WS.sub(" ", unicodedata.normalize("NFKC", form)).strip() if cased else None,
                    form == skill.name,
                    skill.is_ambiguous(form, cased),
                )
                keyed.setdefault(key, []).append(f)
        variants: dict[str, list[Form]] = {}
        for key, forms in keyed.items():
            plain = [f for f in forms if f.cased is None and not f.ambiguous]
            if len(plain) == 1:
                f = plain[0]
                split = _camel_spellings(f.form)
                for variant in _spacing_variants(f.form, key):
                    if variant not in keyed and variant not in english and variant not in variants:
                        ntok = len(tokenize(variant)[2])
                        spellings = split.get(variant)
                        variants[variant] = [
                            Form(f.skill_id, f.form, ntok, cased, False, False, True)
                            for cased in (spellings or (None,))
                        ]
        keyed.update(variants)
        for key, f in _role_forms(taxonomy, keyed).items():
            keyed[key] = [f]
        patterns: dict[str, list[tuple[Any, ...]]] = {}
        numbered: dict[Form, int] = {}
        for key in sorted(keyed):
            specs = tuple(
                (
                    numbered.setdefault(f, len(numbered)),
                    f.cased,
                    f.ntok,
                    *_KIND[f.variant, f.is_name],
                    f.role,
                )
                for f in keyed[key]
            )
            strict = bool(_WORDS_ONLY.fullmatch(key))
            if strict:
                left = right = " "
            else:  # 'c++' -> ' c  ', '.net' -> ' net ': padded on its word edges only
                left, right = " " if _is_word(key[0]) else "", " " if _is_word(key[-1]) else ""
            confirm = None if strict and " " not in key else key
            entry = (len(key), len(right), strict, confirm, specs)
            patterns.setdefault(f"{left}{_scan_text(key)[0]}{right}", []).append(entry)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, (pattern, entries) in enumerate(patterns.items()):
            automaton.add_word(pattern, number)
            index.entries.append(tuple(entries))
        automaton.make_automaton()
        index.automaton = automaton
        index.forms = list(numbered)
        index._build_typos(keyed, english)
        return index

    def _build_typos(self, keyed: dict[str, list[Form]], english: frozenset[str]) -> None:
        for key, forms in keyed.items():
            plain = [
                f
                for f in forms
                if f.cased is None and not f.ambiguous and not f.variant and not f.role
            ]
            if len(plain) == 1 and len(key) >= MIN_TYPO_LEN and key.isalpha():
                self.typo_forms[key] = plain[0]
        keys: dict[str, set[str]] = {}
        for word in self.typo_forms:
            for variant in _deletions(word):
                keys.setdefault(variant, set()).add(word)
        self.typo_keys = {k: tuple(sorted(v)) for k, v in keys.items()}
        # Every word one edit from a typo target that is English, or an inflection of English
        # ('patients' near 'patents'), is protected: computed once here, so that the word list
        # itself is not needed (nor held in memory) when matching.
        protected: set[str] = set()
        for target in self.typo_forms:
            for word in _one_edit(target):
                long_enough = len(word) >= MIN_TYPO_LEN and word not in self.typo_forms
                if long_enough and _inflected_english(word, english):
                    protected.add(word)
        self.protected = frozenset(protected)

    # -- exact ---------------------------------------------------------------------------------

    def exact(self, ft: Folded) -> list[Hit]:
        """Every match of a key on token boundaries, overlapping ones included, but for a
        phrase running from a line of its own into the next and a role title where it titles
        no one (see skillmatch.roles).

        One scan over the text with punctuation blanked, where keys are blanked and padded
        alike: a key matches whole tokens only, and the folded text confirms its punctuation
        ('c++', not 'c, ').
        """
        low = ft.low
        n = len(low)
        text = ft.text
        runs, shift = ft._runs, ft._shift
        forms = self.forms
        hits: list[Hit] = []
        append = hits.append
        find = text.find
        scan, other = ft.scan()
        entries_of = self.entries
        for last, number in self.automaton.iter(f" {scan} "):
            for klen, right_pad, strict, key, specs in entries_of[number]:
                end = last - right_pad  # `last` indexes the padded text: one ahead of `low`
                start = end - klen  # -1 only for a key of 2+ characters: never matches
                if key is not None and not low.startswith(key, start):
                    continue
                if other and strict and (start - 1 in other or end in other):
                    continue
                near_glue = (end < n and low[end] in "-._@") or (
                    start > 0 and low[start - 1] in "-_@."
                )
                if near_glue and _glued(low, ft, start, end):
                    continue
                o_start, o_end = start, end
                if runs:  # Folded.orig, inlined: two calls per match add up
                    k = bisect_left(runs, start)
                    o_start += shift[k - 1] if k else 0
                    k = bisect_left(runs, end)
                    o_end += shift[k - 1] if k else 0
                if (
                    key is not None
                    and find("\n", o_start, o_end) >= 0
                    and _starts_line(text, o_start)
                ):
                    continue  # 'Profile' / 'Data engineer…' is no 'profile data'
                for form_no, cased, ntok, kind, conf, role in specs:
                    if role and not titles_someone(text, o_start, o_end, role == LEADING_ROLE):
                        continue  # 'we work with data scientists' names no one's role
                    if cased is not None:
                        surface = text[o_start:o_end]
                        if surface != cased and (
                            " " not in cased or _WS.sub(" ", surface) != cased
                        ):
                            continue
                    append(_new_tuple(Hit, (forms[form_no], o_start, o_end, ntok, kind, conf)))
        return hits

    # -- typos ---------------------------------------------------------------------------------

    def typos(self, ft: Folded, taken: list[tuple[int, int]], memo: TypoMemo) -> list[Hit]:
        """Long words no exact match covered that are one edit from a single-word form.

        Each distinct token of the scan text is judged once per memo (its runs of letters are
        the candidate words); a text then costs one split, one set difference (its new tokens)
        and one intersection (its tokens holding typos), in C.
        """
        low = ft.low
        found: list[Hit] = []
        tokens = set(ft.scan()[0].split())
        if len(memo.seen) >= MEMO_LIMIT:
            memo.seen.clear()
            memo.typos.clear()
        new = tokens - memo.seen
        if new:
            for token in new:
                judged = []
                for word in _long_words(token):
                    if word not in self.protected and word not in self.typo_forms:
                        form = self._typo(word)
                        if form is not None:
                            judged.append((word, form))
                if judged:
                    memo.typos[token] = tuple(judged)
            memo.seen |= new
        typos = dict(pair for token in memo.typos.keys() & tokens for pair in memo.typos[token])
        if not typos:
            return found
        # the exact matches do not overlap: sorted by start, their ends are sorted too, and a
        # span overlaps one of them only if it overlaps the last that starts before its end
        taken = sorted(taken)
        starts = [s for s, _ in taken]
        ends = [e for _, e in taken]
        # one scan for every typo word, not one per word: a long text holds many of them
        words = "|".join(sorted(typos, key=lambda w: (-len(w), w)))
        for m in re.finditer(rf"(?<![\w&])(?:{words})(?![\w&])", low):
            start, end = ft.orig(m.start()), ft.orig(m.end())
            k = bisect_left(starts, end)
            if (k and ends[k - 1] > start) or _glued(low, ft, m.start(), m.end()):
                continue
            found.append(Hit(typos[m.group()], start, end, 1, "fuzzy", FUZZY_TYPO_CONFIDENCE))
        return found

    def _typo(self, word: str) -> Form | None:
        """The single-word form within one edit (OSA: a transposition is one) of `word`, if unique."""
        keys = self.typo_keys
        shared = keys.keys() & _deletions(word)  # in C; for most words, empty
        if not shared:
            return None
        best: list[tuple[int, str]] = []
        for cand in set().union(*[keys[variant] for variant in shared]):
            d = OSA.distance(word, cand, score_cutoff=1)
            if d <= 1 and cand[0] == word[0]:
                best.append((d, cand))
        if not best:
            return None
        best.sort()
        if len(best) > 1 and best[0][0] == best[1][0]:
            return None  # two equally close skills: do not guess
        return self.typo_forms[best[0][1]]


class TypoMemo:
    """The tokens the typo pass has judged, and the typos (word, form) each one holds."""

    __slots__ = ("seen", "typos")

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.typos: dict[str, tuple[tuple[str, Form], ...]] = {}


_ENGLISH: frozenset[str] | None = None


def english_words() -> frozenset[str]:
    """Real English words (lower case), loaded once per process on first use."""
    global _ENGLISH
    if _ENGLISH is None:
        try:
            from english_words import get_english_words_set
        except ImportError:  # pragma: no cover - a declared dependency; degrade, don't fail
            _ENGLISH = frozenset()
        else:
            _ENGLISH = frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
    return _ENGLISH


def _one_edit(word: str) -> Iterator[str]:
    """Every lower-case string one deletion, transposition, substitution or insertion away."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:]
            for c in letters:
                yield head + c + tail[1:]
        for c in letters:
            yield head + c + tail


def _inflected_english(word: str, english: frozenset[str]) -> bool:
    """Is the word an English word or a regular inflection of one ('markets', 'achieved')?

    The word lists hold base forms; a word is checked against its possible stems too.
    """
    if word in english:
        return True
    stems = []
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""),
                         ("est", ""), ("ness", ""), ("ment", ""), ("ments", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[: len(word) - len(suffix)] + repl)
    if len(word) > 4 and word[-3] == word[-4] and word.endswith(("ing", "ed")):
        stems.append(word[: -4 if word.endswith("ing") else -3])  # 'planning' -> 'plan'
    return any(stem in english for stem in stems)


def _spacing_variants(form: str, key: str) -> Iterator[str]:
    """'SharePoint' -> 'share point', 'share-point'; 'Power BI' -> 'powerbi', 'power-bi'."""
    if " " not in form and _CAMEL.search(form) and form.isalnum():
        parts = [p.lower() for p in _CAMEL.split(form) if p]
        # 'AtScale' must not turn 'at scale' into a product: every part a real word of 3+
        if len(parts) > 1 and all(len(p) > 2 and p not in _STOPWORDS for p in parts):
            yield " ".join(parts)
            yield "-".join(parts)
    words = key.split(" ")
    if 1 < len(words) <= 3 and all(w.isalnum() for w in words) and len("".join(words)) >= 5:
        yield "".join(words)
        yield "-".join(words)
    if "." in key and " " not in key and key.replace(".", "").isalnum() and not key.startswith("."):
        yield key.replace(".", "")
        yield key.replace(".", " ")


def _camel_spellings(form: str) -> dict[str, tuple[str, ...]]:
    """The spellings a camel-case name's split variants must have: 'OpenOffice' -> 'open
    office': ('Open Office', 'OPEN OFFICE', 'Open office'), likewise 'open-office'. Split, the
    name is words of ordinary English ('a bright open office', 'at planet scale', 'live data'):
    only its own capitals make it the product ('Power-point' still names PowerPoint)."""
    if " " in form or not _CAMEL.search(form) or not form.isalnum():
        return {}
    parts = [p for p in _CAMEL.split(form) if p]
    head = parts[0][:1].upper() + parts[0][1:]
    spellings: dict[str, tuple[str, ...]] = {}
    for sep in (" ", "-"):
        joined = sep.join(parts)
        first_only = sep.join([head, *(p.lower() for p in parts[1:])])
        spellings[joined.lower()] = tuple(dict.fromkeys((joined, joined.upper(), first_only)))
    return spellings


def _deletions(word: str) -> list[str]:
    """The word and every string one deletion away: two words within one edit share one."""
    return [word, *[word[:pos] + word[pos + 1 :] for pos in range(len(word))]]


def _glued(low: str, ft: Folded, start: int, end: int) -> bool:
    """The span is glued into a larger word ('C-level', 'python.org', 'x-Java'): not a skill.

    A slash between words is a list ('Python/R'); 'Java-based' still names Java; a dot before
    a capital is a missing space after a full stop ('Python.Strong'), not a domain name.
    """
    n = len(low)
    if end + 1 < n and low[end] in "-._@" and _is_word(low[end + 1]) and _is_word(low[end - 1]):
        if low[end] == "-":
            m = re.match(r"\w+", low[end + 1 : end + 16])
            return not (m and m.group() in _SUFFIXES)
        return not (low[end] == "." and ft.text[ft.orig(end + 1)].isupper())
    if (
        start >= 2
        and low[start - 1] in "-_@."
        and _is_word(low[start - 2])
        and _is_word(low[start])
    ):
        return not (low[start - 1] == "." and ft.text[ft.orig(start)].isupper())
    return False


def _long_words(low: str) -> list[str]:
    """Runs of MIN_TYPO_LEN letters or more in a folded (lower-case) text."""
    if not low.isascii():
        others = set("".join(_NON_ASCII.findall(low)))
        if any(_LETTER.match(c) for c in others):
            return _LONG_WORD.findall(low)
    return _ASCII_LONG_WORD.findall(low)


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep non-overlapping hits, most tokens first, then longest, then earliest (filter_spans).

    Only hits that overlap another need choosing: the text is swept in order, runs of
    overlapping hits are resolved apart (a hit loses only to a hit it overlaps, so a run's
    choice is the choice over the whole text) and a hit that overlaps none is kept as it is.
    """
    if len(hits) < 2:
        return list(hits)
    chosen: list[Hit] = []
    ordered = sorted(hits, key=_START_END)  # stable: equal spans keep their input order
    run = [ordered[0]]
    reach = ordered[0].end
    for h in ordered[1:]:
        if h.start < reach:
            run.append(h)
            if h.end > reach:
                reach = h.end
            continue
        if len(run) == 1:
            chosen.append(run[0])
        else:
            chosen.extend(_resolve(run))
        run = [h]
        reach = h.end
    if len(run) == 1:
        chosen.append(run[0])
    else:
        chosen.extend(_resolve(run))
    return chosen


def _resolve(hits: list[Hit]) -> list[Hit]:
    """longest_first over hits that overlap: the greedy choice, in text order."""
    # decorated with the input position (a stable order), sorted as plain tuples in C
    order = sorted(
        [
            (-h.ntok, h.start - h.end, h.start, -h.confidence, h.form.skill_id, i)
            for i, h in enumerate(hits)
        ]
    )
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Hit] = []
    for _ntok, neg_len, start, _conf, _sid, i in order:
        end = start - neg_len
        k = bisect_left(starts, start)
        if k < len(starts) and starts[k] < end:
            continue  # the next chosen span starts inside this one
        if k > 0 and ends[k - 1] > start:
            continue  # the previous chosen span runs into this one
        starts.insert(k, start)
        ends.insert(k, end)
        chosen.append(hits[i])
    chosen.sort(key=_START_END)
    return chosen


_START_END = itemgetter(1, 2)  # a Hit's (start, end)
