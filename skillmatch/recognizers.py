"""Recognisers: exact token-sequence matching of every taxonomy form, then fuzzy on leftovers.

The exact pass is the flashtext idea on tokens: one index from a token to the forms that start
with it, one pass over the text, the longest span wins. The fuzzy pass looks only at tokens no
exact match covered: spacing variants ('Tensor Flow') by a letters-only key, typos ('Pyhton')
by a deletion index verified with rapidfuzz. Both are compiled once per taxonomy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA

from skillmatch.normalize import alias_tokens, compact, tokenize
from skillmatch.taxonomy import Taxonomy

# Fuzzy typo matching only looks at tokens at least this long: short words are too close to
# each other ('Jva' -> 'java' scores 86).
MIN_TYPO_LEN = 6
COMPACT_MIN_LEN = 5
FUZZY_SPACING_CONFIDENCE = 0.85
FUZZY_TYPO_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class Form:
    """One compiled surface form of a skill."""

    skill_id: str
    form: str
    tokens: tuple[str, ...]
    cased_tokens: tuple[str, ...] | None  # the exact token texts, for case-sensitive forms
    joined: tuple[bool, ...]  # token touches the previous one in the form ('Node.js', '.NET')
    is_name: bool
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A recognised span in token and character coordinates."""

    form: Form
    tok_start: int
    tok_end: int
    start: int
    end: int
    match: str  # exact / alias / fuzzy
    confidence: float


@dataclass(slots=True)
class Tokens:
    """A tokenised text: parallel lists of offsets and folded forms."""

    text: str
    starts: list[int]
    ends: list[int]
    norms: list[str]

    @classmethod
    def of(cls, text: str) -> Tokens:
        starts, ends, norms = tokenize(text)
        return cls(text, starts, ends, norms)

    def __len__(self) -> int:
        return len(self.norms)

    def joined(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return i > 0 and self.starts[i] == self.ends[i - 1]


@dataclass
class PhraseIndex:
    """The compiled exact and fuzzy indexes of a taxonomy; picklable for the disk cache."""

    taxonomy_hash: str
    # a token trie: each node maps a folded token to the next node; "" holds the forms that end there
    trie: dict[str, Any] = field(default_factory=dict)
    compact_forms: dict[str, tuple[Form, bool]] = field(default_factory=dict)
    typo_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # deletion -> words
    typo_forms: dict[str, Form] = field(default_factory=dict)  # word -> form
    protected: frozenset[str] = frozenset()  # real words never corrected

    @classmethod
    def build(cls, taxonomy: Taxonomy, english: frozenset[str] = frozenset()) -> PhraseIndex:
        """Compile every surface form of every skill."""
        index = cls(taxonomy.hash)
        grouped: dict[tuple[str, ...], list[Form]] = {}
        for skill in taxonomy.skills.values():
            for form, cased in skill.surface_forms():
                toks, joined = alias_tokens(form)
                if not toks:
                    continue
                cased_toks = None
                if cased:
                    starts, ends, _ = tokenize(form)
                    cased_toks = tuple(form[s:e] for s, e in zip(starts, ends, strict=True))
                f = Form(
                    skill.id,
                    form,
                    toks,
                    cased_toks,
                    joined,
                    form == skill.name,
                    skill.is_ambiguous(form, cased),
                )
                grouped.setdefault(toks, []).append(f)
        for toks, forms in sorted(grouped.items()):
            node = index.trie
            for tok in toks:
                node = node.setdefault(tok, {})
            node[""] = tuple(forms)
        index._build_fuzzy(grouped, english)
        return index

    def _build_fuzzy(
        self, grouped: dict[tuple[str, ...], list[Form]], english: frozenset[str]
    ) -> None:
        for toks, forms in grouped.items():
            plain = [f for f in forms if f.cased_tokens is None and not f.ambiguous]
            if len(plain) != 1:
                continue
            form = plain[0]
            key = compact(form.form)
            if len(key) >= COMPACT_MIN_LEN and key not in english:
                splittable = bool(_CAMEL.search(form.form))
                self.compact_forms.setdefault(key, (form, splittable))
            if len(toks) == 1 and len(toks[0]) >= MIN_TYPO_LEN and toks[0].isalpha():
                self.typo_forms[toks[0]] = form
        keys: dict[str, set[str]] = {}
        for word in self.typo_forms:
            for variant in _deletions(word):
                keys.setdefault(variant, set()).add(word)
        self.typo_keys = {k: tuple(sorted(v)) for k, v in keys.items()}
        keys_ = self.typo_keys
        self.protected = frozenset(
            w
            for w in english
            if len(w) >= MIN_TYPO_LEN
            and w not in self.typo_forms
            and any(v in keys_ for v in _deletions(w))
            and self._typo(w) is not None
        )

    # -- exact ---------------------------------------------------------------------------------

    def exact(self, toks: Tokens) -> list[Hit]:
        """Every exact match of a form, overlapping ones included: one trie walk per token."""
        hits: list[Hit] = []
        norms = toks.norms
        n = len(norms)
        trie = self.trie
        fits = self._fits
        for i in range(n):
            node = trie.get(norms[i])
            j = i + 1
            while node is not None:
                forms = node.get("")
                if forms is not None:
                    for form in forms:
                        if fits(form, toks, i, j - i):
                            kind = "exact" if form.is_name else "alias"
                            hits.append(
                                Hit(form, i, j, toks.starts[i], toks.ends[j - 1], kind, 1.0)
                            )
                if j >= n:
                    break
                node = node.get(norms[j])
                j += 1
        return hits

    @staticmethod
    def _fits(form: Form, toks: Tokens, i: int, length: int) -> bool:
        text, starts, ends = toks.text, toks.starts, toks.ends
        if form.cased_tokens is not None:
            for k, want in enumerate(form.cased_tokens):
                if text[starts[i + k] : ends[i + k]] != want:
                    return False
        for k in range(1, length):
            if form.joined[k] and starts[i + k] != ends[i + k - 1]:
                return False
        return not _inside_compound(toks, i, i + length)

    # -- fuzzy ---------------------------------------------------------------------------------

    def fuzzy(self, toks: Tokens, covered: list[bool], memo: dict[str, Form | None]) -> list[Hit]:
        """Spacing variants and typos among tokens no exact match covered."""
        hits: list[Hit] = []
        norms = toks.norms
        n = len(norms)
        i = 0
        while i < n:
            if covered[i] or not norms[i][0].isalnum():
                i += 1
                continue
            hit = self._spacing(toks, covered, i)
            if hit is None:
                hit = self._typo_hit(toks, i, memo)
            if hit is not None:
                hits.append(hit)
                i = hit.tok_end
            else:
                i += 1
        return hits

    def _spacing(self, toks: Tokens, covered: list[bool], i: int) -> Hit | None:
        """'Tensor Flow', 'Power-BI', 'Node JS', 'PowerBI': the letters agree with a form.

        Splitting a one-word form is allowed only where the form is CamelCase (TensorFlow,
        MLOps): 'sales force' is not Salesforce.
        """
        norms = toks.norms
        best: Hit | None = None
        key = ""
        words = 0
        for j in range(i, min(len(norms), i + 5)):
            tok = norms[j]
            if covered[j]:
                break
            if not tok[0].isalnum():
                if j > i and tok in ("-", "."):
                    continue
                break
            words += 1
            if words > 3:
                break
            key += tok
            entry = self.compact_forms.get(key)
            if entry is None:
                continue
            form, splittable = entry
            if words > 1 and len(form.tokens) == 1 and not splittable:
                continue
            if tuple(norms[i : j + 1]) == form.tokens or _inside_compound(toks, i, j + 1):
                continue
            best = Hit(
                form, i, j + 1, toks.starts[i], toks.ends[j], "fuzzy", FUZZY_SPACING_CONFIDENCE
            )
        return best

    def _typo_hit(self, toks: Tokens, i: int, memo: dict[str, Form | None]) -> Hit | None:
        word = toks.norms[i]
        if len(word) < MIN_TYPO_LEN or not word.isalpha():
            return None
        if word in memo:
            form = memo[word]
        else:
            form = None if word in self.protected or word in self.typo_forms else self._typo(word)
            memo[word] = form
        if form is None or _inside_compound(toks, i, i + 1):
            return None
        return Hit(form, i, i + 1, toks.starts[i], toks.ends[i], "fuzzy", FUZZY_TYPO_CONFIDENCE)

    def _typo(self, word: str) -> Form | None:
        """The single-word form within one edit (OSA: a transposition is one) of `word`, if unique."""
        limit = 1
        candidates: set[str] = set()
        for variant in _deletions(word):
            candidates.update(self.typo_keys.get(variant, ()))
        best: list[tuple[int, str]] = []
        for cand in candidates:
            d = OSA.distance(word, cand, score_cutoff=limit)
            if d <= limit and cand[0] == word[0]:
                best.append((d, cand))
        if not best:
            return None
        best.sort()
        if len(best) > 1 and best[0][0] == best[1][0]:
            return None  # two equally close skills: do not guess
        return self.typo_forms[best[0][1]]


def _deletions(word: str) -> Iterator[str]:
    """The word and every string one deletion away: two words within one edit share one."""
    yield word
    for pos in range(len(word)):
        yield word[:pos] + word[pos + 1 :]


_CAMEL = re.compile(r"[a-z][A-Z]")
# Words after a hyphen that leave the skill standing: 'Java-based', 'AWS-certified'.
_SUFFIXES = frozenset(
    ["based", "driven", "centric", "powered", "related", "oriented", "savvy", "native", "first", "enabled", "heavy", "like", "focused", "certified", "specific", "compatible", "friendly", "ready", "backed", "hosted", "aware", "proficient", "fluent"]
)


def _inside_compound(toks: Tokens, i: int, j: int) -> bool:
    """The span is glued into a larger word ('C-level', 'python.org', 'x-Java'): not a skill.

    A slash between words is a list ('Python/R'); 'Java-based' still names Java; a dot before
    a capital is a missing space after a full stop ('Python.Strong'), not a domain name.
    """
    norms, text = toks.norms, toks.text
    if j < len(norms) and toks.joined(j) and norms[j] in ("-", ".", "_", "@"):
        after = j + 1
        if after < len(norms) and toks.joined(after) and norms[after][0].isalnum():
            if norms[j] == "-" and norms[after] in _SUFFIXES:
                return False
            return not (norms[j] == "." and text[toks.starts[after]].isupper())
    if i >= 2 and toks.joined(i) and toks.joined(i - 1) and norms[i - 1] in ("-", "_", "@", "."):
        return norms[i - 2][0].isalnum() and not (
            norms[i - 1] == "." and text[toks.starts[i]].isupper()
        )
    return False


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep non-overlapping hits, longest span first, then earliest (spaCy's filter_spans)."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.tok_end - h.tok_start), h.tok_start, -h.confidence)):
        span = range(hit.tok_start, hit.tok_end)
        if taken.isdisjoint(span):
            chosen.append(hit)
            taken.update(span)
    chosen.sort(key=lambda h: (h.start, h.end))
    return chosen
