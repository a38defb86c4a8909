"""SkillMatcher: the one entry point — extract skills, read jobs and résumés, score fit.

Collaborators are constructor arguments with built defaults (taxonomy, weights, an optional
spaCy pipeline); the compiled index is shared through a cache keyed by the taxonomy's hash,
so a second SkillMatcher in one process is cheap. Nothing here prints or exits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cached_property
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from skillmatch.compiled import cached_taxonomy, compiled_index, paused_gc
from skillmatch.context import (
    BROAD_CATEGORIES,
    DOMAIN_CATEGORIES,
    EMPLOYER_CATEGORIES,
    FIELD_CATEGORIES,
    SKILL_SECTIONS,
    alternative_groups,
    assign_years,
    describes_business,
    describes_company,
    describes_employer,
    describes_stack,
    domain_reads_as_skill,
    ends_alternatives,
    field_reads_as_skill,
    find_cues,
    find_years,
    in_job_title,
    industry_line,
    listed_together,
    mentions_perks,
    offers_perks,
    requirement_level,
    tag_line_words,
)
from skillmatch.models import (
    FitReport,
    Profile,
    RankedRow,
    Requirement,
    ScoringWeights,
)
from skillmatch.normalize import fold, tokenize
from skillmatch.recognizers import Folded, Form, Hit, TypoMemo, longest_first
from skillmatch.roles import headline
from skillmatch.salience import (
    UNJUDGED_SECTIONS,
    mention_features,
    probability,
    sentence_features,
)
from skillmatch.scoring import score_profiles
from skillmatch.sections import Layout, layout
from skillmatch.taxonomy import Salience, Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Kind = Literal["job", "resume", "text"]
# Characters around an ambiguous form within which another skill confirms it.
CONFIRM_WINDOW = 80
# POS tags (from a caller's trained pipeline) under which a name is an ordinary word.
_WORD_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "ADJ", "PRON", "DET"})
_START = itemgetter(1)  # a Hit's start
_START_END = itemgetter(1, 2)  # a Hit's (start, end)
# A modifier joined to the next one before a head ('data and infrastructure architecture',
# 'unit/integration testing'), and each modifier before it ('application, data and …').
# Read on the reversed text before a phrase: a modifier joined to it ('data and
# infrastructure architecture', 'unit/integration testing': 'dna', 'ro', '&', '/' reversed),
# and one listed with a comma before that ('application, data and …').
_JOINED_REV = re.compile(
    r"(?:[ \t]+(?:dna|ro|&)(?:[ \t]*,[ \t]*|[ \t]+)|[ \t]*/[ \t]*)([\w-]+)", re.IGNORECASE
)
_LISTED_REV = re.compile(r"[ \t]*,[ \t]*([\w-]+)")
_JOIN_WORDS = (" and", " or", "/", "&", ",and", ",or", "\tand", "\tor")
COORDINATED = 0.9  # confidence of a skill read from a coordinated modifier
_WORD = re.compile(r"\w+(?:&\w+)*")
_PASSIVE_CATEGORIES = frozenset({"soft-skill", "ability", "language"})
# Skills that do not make the text technical: they never confirm an ambiguous name nearby
# ('SNS' next to 'human resources' is not Amazon SNS).
_NOT_ANCHORS = _PASSIVE_CATEGORIES | {"domain", "degree"}
# English function words that some skill spells in capitals ('BE', 'ME'): never a tag in lower case
_FUNCTION_WORDS = frozenset(
    "a an as at be by do he if in is it me my no of on or so to up us we".split()
)


# categories that name no concrete thing (a broad field, a way of working, a business domain):
# for the salience model, a tool beside a mention is telling, another field is not
_NOT_SPECIFIC = DOMAIN_CATEGORIES | BROAD_CATEGORIES


class SkillMatcher:
    """Find skills in text, read job requirements and résumé evidence, and score the fit."""

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        *,
        nlp: Language | None = None,
        weights: ScoringWeights | None = None,
        extra_taxonomy: Sequence[str | Path] = (),
        cache_dir: Path | bool | None = None,
        fuzzy: bool = True,
        salience: Salience | bool = True,
    ) -> None:
        """`salience`: flag as `incidental` the knowledge mentions of a posting that their
        context says are not asked of the candidate, by the taxonomy's salience model (True),
        by another one (a Salience) or not at all (False). Résumés are never judged so."""
        self.taxonomy = taxonomy or cached_taxonomy(extra=extra_taxonomy, cache_dir=cache_dir)
        self.salience: Salience | None = (
            salience
            if isinstance(salience, Salience)
            else self.taxonomy.salience
            if salience
            else None
        )
        self.weights = weights or ScoringWeights()
        self.nlp = nlp
        self.fuzzy = fuzzy
        self._cache_dir = cache_dir
        self._typo_memo = TypoMemo()
        self._phrase_memo: dict[str, Form | None] = {}
        self._confirm = {
            sid: _phrases(s.confirm) for sid, s in self.taxonomy.skills.items() if s.confirm
        }
        self._deny = {sid: _phrases(s.deny) for sid, s in self.taxonomy.skills.items() if s.deny}
        # a soft skill's ordinary word ('passionate', 'structured') is confirmed by words about
        # the person, never by a tool named nearby ('structured data in Python')
        self._traits = frozenset(
            sid for sid, s in self.taxonomy.skills.items() if s.category == "soft-skill"
        )
        # per-skill category tests, answered by one set lookup per mention
        skills = self.taxonomy.skills
        self._anchor_ids = frozenset(i for i, s in skills.items() if s.category not in _NOT_ANCHORS)
        self._families = _confirming_families(self.taxonomy)
        # a domain skill O*NET lists as a technology, with no narrower skill, is a product or
        # a method ('SolidWorks', 'Epic', 'FEA'): never the employer's market, read as any tool
        children = self.taxonomy.children
        self._domain_ids = frozenset(
            i
            for i, s in skills.items()
            if s.category in DOMAIN_CATEGORIES and not (s.onet and not children.get(i))
        )
        self._field_ids = frozenset(i for i, s in skills.items() if s.category in FIELD_CATEGORIES)
        self._domain_or_field_ids = self._domain_ids | self._field_ids
        # only these categories can describe the employer: the rest skip the call altogether
        self._employer_category = {
            i: s.category for i, s in skills.items() if s.category in EMPLOYER_CATEGORIES
        }
        # what the salience model judges: knowledge and credentials, not abilities
        self._knowledge_category = {i: s.category for i, s in skills.items() if s.kind != "ability"}

    @cached_property
    def _skill_rows(self) -> dict[str, tuple[str, str, bool]]:
        """What a found skill's output copies (name, category, whether it is passive), in one
        lookup per skill; built on first use, so that constructing a matcher costs no more."""
        return {
            i: (s.name, s.category, s.category in _PASSIVE_CATEGORIES)
            for i, s in self.taxonomy.skills.items()
        }

    @cached_property
    def _stack_ids(self) -> frozenset[str]:
        """Skills a stack sentence can name as the employer's own: knowledge, not a human
        language ('We work in English' is asked of the candidate), a credential or an ability
        ('We have a culture of collaboration' describes the workplace, not its stack)."""
        return frozenset(
            i
            for i, s in self.taxonomy.skills.items()
            if s.kind == "knowledge" and s.category != "language"
        )

    @cached_property
    def _index(self) -> Any:
        """The compiled phrase index, loaded on first use: a re-rank from cached profiles
        (job included) never needs it."""
        return compiled_index(self.taxonomy, self._cache_dir)

    # -- public API --------------------------------------------------------------------------

    def extract(self, text: str) -> Profile:
        """Every skill named in a text, with mentions, sections and stated years."""
        return self._read(text, "text")

    def parse_job(self, text: str) -> Profile:
        """A job's requirements: level (required / preferred), minimum years, alternatives."""
        return self._read(text, "job")

    def parse_resume(self, text: str) -> Profile:
        """A résumé's skills with the evidence for each and the years it states."""
        return self._read(text, "resume")

    def score(self, job: str | Profile, resume: str | Profile) -> FitReport:
        """How well a résumé fits a job: a 0–100 score, matched and missing skills."""
        job_profile = job if isinstance(job, Profile) else self.parse_job(job)
        resume_text = resume if isinstance(resume, str) else None
        resume_profile = resume if isinstance(resume, Profile) else self.parse_resume(resume)
        return score_profiles(
            job_profile, resume_profile, self.taxonomy, self.weights, resume_text=resume_text
        )

    def rank(self, job: str | Profile, documents: Any, **options: Any) -> list[RankedRow]:
        """Score many résumés (paths, folders, TextDocuments, a batch.Collection; one of them
        alone or an iterable of them) against one job, most relevant first (relevance, then
        fit score, then document).

        Options (see skillmatch.batch.rank): workers, cache, progress, engine, scheduler,
        explain, reports, top, min_score, file_as (file the documents under a collection name
        in the cache). Unreadable documents become error rows, last; none is dropped.
        """
        from skillmatch.batch import rank

        return rank(self, job, documents, **options)

    def spans(self, text: str) -> list[tuple[str, int, int, str]]:
        """Recognised skills as (skill id, start, end, match kind), in text order.

        The fast path for scanning large volumes: no sections, levels or models are built.
        """
        text = _without_bom(text)
        with paused_gc():  # see _read
            hits = self._recognise(Folded(text), layout(text))
            return [(h.form.skill_id, h.start, h.end, h.match) for h in hits]

    # -- reading -----------------------------------------------------------------------------

    def _read(self, text: str, kind: Kind) -> Profile:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        text = _without_bom(text)
        # A long text's hits and mentions hold no reference cycles, but enough of them start
        # full collections that walk the whole loaded index again and again: a 1 MB posting
        # took 0.25 ms a KB, not 0.21 as 100 KB does. Paused, the time stays linear.
        with paused_gc():
            return self._read_text(text, kind)

    def _read_text(self, text: str, kind: Kind) -> Profile:
        lay = layout(text)
        hits = self._recognise(Folded(text), lay, candidate=kind == "resume")
        sections = lay.sections_of([h.start for h in hits])
        if kind == "job" and "about" in sections:  # the blurb and the perks are not requirements
            kept = [k for k, section in enumerate(sections) if section != "about"]
            hits, sections = [hits[k] for k in kept], [sections[k] for k in kept]
        # one validation of plain data is much cheaper than building each model in Python
        return Profile.model_validate(
            {
                "kind": kind,
                "skills": tuple(self._assemble(text, hits, sections, lay, kind)),
                "taxonomy_hash": self.taxonomy.hash,
                "length": len(text),
            }
        )

    def _recognise(self, ft: Folded, lay: Layout, *, candidate: bool = False) -> list[Hit]:
        """Exact hits, disambiguated, longest first, then typos.

        `candidate`: the text describes the candidate (a résumé), so a business-domain word
        there is experience, not a description of an employer; the domain rules are skipped.
        """
        hits = self._disambiguate(ft.text, lay, self._index.exact(ft))
        chosen = longest_first(hits)
        if chosen:
            chosen = self._coordinated(ft.text, chosen)
        if len(chosen) > 1:
            chosen = self._tag_lines(ft.text, chosen)
        if not candidate:
            text = ft.text
            employer = self._employer_category
            chosen = self._domain_in_context(
                text,
                lay,
                [
                    h
                    for h in chosen
                    if h.ntok > 2
                    or h.form.skill_id not in employer
                    or not describes_employer(text, h.start, h.end, employer[h.form.skill_id])
                ],
            )
        if self.fuzzy:
            taken = [(h.start, h.end) for h in chosen]
            typos = self._index.typos(ft, taken, self._typo_memo)
            if typos:
                chosen = sorted([*chosen, *typos], key=_START_END)
        if not candidate and chosen:
            chosen = self._outside_business(ft.text, lay, chosen)
        return chosen

    def _incidental(
        self, text: str, lay: Layout, hits: list[Hit], sections: list[str | None]
    ) -> list[bool] | None:
        """Which knowledge mentions the salience model finds unlikely to be asked of the
        candidate (see skillmatch.salience), outside the lists of requirements and duties;
        None for none."""
        model = self.salience
        if model is None:
            return None
        threshold = model.threshold
        flags: list[bool] | None = None
        for k, features in self._salience_rows(text, lay, hits, sections):
            if probability(model, features) < threshold:
                if flags is None:
                    flags = [False] * len(hits)
                flags[k] = True
        return flags

    def _salience_rows(
        self, text: str, lay: Layout, hits: list[Hit], sections: list[str | None]
    ) -> list[tuple[int, dict[str, float]]]:
        """(index, features) of each knowledge mention among `hits` that the salience model
        judges (outside the lists of requirements and duties), in text order."""
        categories = self._knowledge_category
        unjudged = UNJUDGED_SECTIONS
        known = [
            k
            for k, h in enumerate(hits)
            if h.form.skill_id in categories and sections[k] not in unjudged
        ]
        if not known:  # most mentions of a posting stand in its lists
            return []
        by_segment: dict[int, list[Hit]] = {}
        for k, seg in zip(known, lay.segments_of([hits[k].start for k in known]), strict=True):
            by_segment.setdefault(seg, []).append(hits[k])
        broad = _NOT_SPECIFIC
        rows = []
        at_hit = iter(known)
        for seg, members in by_segment.items():  # in text order, as `known` is
            s0, s1 = lay.segment_span(seg)
            sentence = sentence_features(text, s0, s1)
            specific = [categories[h.form.skill_id] not in broad for h in members]
            n_specific = sum(specific)
            for at, h in enumerate(members):
                category = categories[h.form.skill_id]
                features = mention_features(
                    text, s0, s1, at, members, category, specific, n_specific, sentence
                )
                rows.append((next(at_hit), features))
        return rows

    def salience_rows(self, text: str) -> list[tuple[str, int, int, dict[str, float]]]:
        """(skill id, start, end, features) of each knowledge mention the salience model
        judges in a plain text: the rows it is fitted on (see scripts/train_salience.py)."""
        text = _without_bom(text)
        with paused_gc():
            lay = layout(text)
            hits = self._recognise(Folded(text), lay)
            sections = lay.sections_of([h.start for h in hits])
            return [
                (hits[k].form.skill_id, hits[k].start, hits[k].end, features)
                for k, features in self._salience_rows(text, lay, hits, sections)
            ]

    def _outside_business(self, text: str, lay: Layout, hits: list[Hit]) -> list[Hit]:
        """Drop the mentions in sentences that describe the employer's business or the employer
        itself (see describes_business, describes_company) outside a skills-like section: 'Acme
        is an AWS Premier Partner' says what Acme sells, not what the role asks. A sentence about
        the employer that also tells its own tools ('We are a small team building pipelines on
        GCP') keeps the knowledge in it, for the stack flag (see describes_stack). One test per
        sentence with a mention."""
        starts = lay.segment_starts
        last_seg = len(starts) - 1
        stack_ids = self._stack_ids
        kept: list[Hit] = []
        s1 = -1
        business = False
        own_stack = False  # the sentence describes the employer's own stack too
        for h in hits:
            if h.start >= s1:  # a new sentence (hits are in text order)
                seg = bisect_right(starts, h.start) - 1
                s0 = starts[seg]
                s1 = starts[seg + 1] if seg < last_seg else len(text)
                own_stack = False
                # a skills-like section keeps its mentions: its sentences need no reading
                if lay.section_at(s0) in SKILL_SECTIONS:
                    business = False
                elif describes_business(text, s0, s1):
                    business = True
                elif describes_company(text, s0, s1):
                    business = True
                    own_stack = describes_stack(text, s0, s1)
                else:
                    business = False
            if not business or (own_stack and h.form.skill_id in stack_ids):
                kept.append(h)
        return kept if len(kept) < len(hits) else hits

    def _coordinated(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Add the skills a coordinated modifier names with the phrase's head: 'unit and
        integration testing' names unit testing, 'data and infrastructure architecture' data
        architecture. Each modifier before the last ('application, data and …') counts while
        it and the head are a form of some skill; a word another mention covers is left alone.
        """
        added: list[Hit] = []
        taken: list[int] = []  # the hits' starts and ends, when a modifier first needs them
        ends: list[int] = []
        for h in [h for h in hits if h[3] > 1 and h[1] > 3]:  # phrases (ntok > 1) only
            start = h.start
            # cheap test first: most phrases follow no 'and', 'or', '&' or '/'
            if (
                not text[start - 6 if start > 6 else 0 : start]
                .rstrip(" \t")
                .lower()
                .endswith(_JOIN_WORDS)
                or h.form.role
            ):
                continue
            surface = text[start : h.end].split(None, 1)
            if len(surface) < 2:
                continue
            head = surface[1]
            # read backwards (reversed text, anchored matches): the joined modifier, then
            # each one listed before it with a comma
            end = start
            pattern = _JOINED_REV
            while True:
                lo = end - 60 if end > 60 else 0
                m = pattern.match(text[lo:end][::-1])
                if m is None:
                    break
                w1, w0 = end - m.start(1), end - m.end(1)
                if not (
                    text[w0].isalpha()
                    and text[w1 - 1].isalnum()
                    and (w0 == 0 or text[w0 - 1] in "(," or text[w0 - 1].isspace())
                ):
                    break
                if not taken:  # the chosen hits do not overlap: sorted by start, so by end
                    taken = [x.start for x in hits]
                    ends = [x.end for x in hits]
                k = bisect_right(taken, w0)
                if (k and ends[k - 1] > w0) or (k < len(taken) and taken[k] < w1):
                    break
                form = self._phrase_form(f"{text[w0:w1]} {head}")
                if form is None:
                    break
                if form.skill_id == h.form.skill_id:
                    break  # 'conceptual and logical data models': nothing new
                added.append(Hit(form, w0, w1, 1, "alias", COORDINATED))
                end = w0
                # an earlier modifier is listed with a comma ('application, data and …');
                # without one it modifies the next word ('excellent written', 'application data')
                pattern = _LISTED_REV
        if not added:
            return hits
        return sorted([*hits, *added], key=_START_END)

    def _phrase_form(self, phrase: str) -> Form | None:
        """The form of a skill that a whole phrase spells, if exactly one does (memoised)."""
        memo = self._phrase_memo
        if phrase in memo:
            return memo[phrase]
        found = {
            h.form
            for h in self._index.exact(Folded(phrase))
            if h.start == 0
            and h.end == len(phrase)
            and not h.form.role
            and not h.form.ambiguous
            and not h.form.variant
        }
        # one skill may match in several spellings (its name, an alias in lower case): the
        # name first, then the spelling, so the choice never depends on a set's hash order
        one_skill = len({f.skill_id for f in found}) == 1
        form = min(found, key=lambda f: (not f.is_name, f.form)) if one_skill else None
        if len(memo) >= 10_000:
            memo.clear()
        memo[phrase] = form
        return form

    @cached_property
    def _lower_case_forms(self) -> dict[str, Form]:
        """One-word forms matched only in their capitals ('REST', 'Spring', 'Go', 'R'), by their
        lower case, where that names one skill and is no form of its own."""
        index = self._index
        by_word: dict[str, list[Form]] = {}
        for form in index.forms:
            if form.cased and form.ntok == 1 and form.cased.isalpha() and not form.role:
                by_word.setdefault(form.cased.lower(), []).append(form)
        plain = {f.form.lower() for f in index.forms if f.cased is None}
        return {
            word: forms[0]
            for word, forms in by_word.items()
            if len({f.skill_id for f in forms}) == 1
            and word not in plain
            and word not in _FUNCTION_WORDS
        }

    def _tag_lines(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Add the lower-case words that complete a tag line ('java rest cloud spring')."""
        forms = self._lower_case_forms
        found = tag_line_words(text, [(h.start, h.end) for h in hits], forms)
        if not found:
            return hits
        added = [Hit(forms[text[s:e]], s, e, 1, "alias", 1.0) for s, e in found]
        return sorted([*hits, *added], key=_START_END)

    def _disambiguate(self, text: str, lay: Layout, hits: list[Hit]) -> list[Hit]:
        """Keep an ambiguous form ('Go', 'Spark', 'R') only where its context confirms it.

        Deny words veto ambiguous forms and case-sensitive ones alike ('NLP' near 'coaching').
        Only those hits are visited (a few in a hundred); the rest are kept as they are.
        """
        deny, confirm, traits = self._deny, self._confirm, self._traits
        checked = [
            k
            for k, h in enumerate(hits)
            if h.form.ambiguous or (h.form.cased is not None and h.form.skill_id in deny)
        ]
        if not checked:
            return hits
        anchors: list[Hit] | None = None  # gathered when a hit first needs them
        anchor_starts: list[int] = []
        pos = self._pos_tags(text) if self.nlp is not None else None
        starts = lay.segment_starts
        last_seg = len(starts) - 1
        dropped: set[int] = set()
        seen: dict[int, tuple[frozenset[str], str]] = {}  # a segment's words, its folded text
        for k in checked:
            h = hits[k]
            form, start = h.form, h.start
            sid = form.skill_id
            seg = bisect_right(starts, start) - 1  # Layout.segment_at and segment_span, inlined
            s0 = starts[seg]
            s1 = starts[seg + 1] if seg < last_seg else len(text)
            words: frozenset[str] = frozenset()
            low = ""
            if sid in deny or sid in confirm:
                found = seen.get(seg)
                if found is None:
                    low = fold(text[s0:s1])
                    found = seen[seg] = (_words(low), low)
                words, low = found
            if sid in deny and _any_phrase(deny[sid], words, low):
                dropped.add(k)
                continue
            if not form.ambiguous:  # a cased form with deny words: veto, no confirm
                continue
            if pos is not None and pos.get(start) in _WORD_POS:
                dropped.add(k)
                continue
            if sid in confirm and _any_phrase(confirm[sid], words, low):
                continue
            if sid not in traits:
                if anchors is None:
                    anchor_ids = self._anchor_ids
                    anchors = [
                        x for x in hits if not x.form.ambiguous and x.form.skill_id in anchor_ids
                    ]
                    anchors.sort(key=_START)
                    anchor_starts = [a.start for a in anchors]
                lo = bisect_left(anchor_starts, min(s0, start - CONFIRM_WINDOW))
                hi = bisect_right(anchor_starts, max(s1 - 1, start + CONFIRM_WINDOW))
                family = self._families.get(sid)  # None: any skill nearby confirms
                if any(
                    a.form.skill_id != sid
                    and (s0 <= a.start < s1 or abs(a.start - start) <= CONFIRM_WINDOW)
                    and (family is None or a.form.skill_id in family)
                    for a in anchors[lo:hi]
                ):
                    continue
            dropped.add(k)
        if not dropped:
            return hits
        return [h for k, h in enumerate(hits) if k not in dropped]

    def _domain_in_context(self, text: str, lay: Layout, hits: list[Hit]) -> list[Hit]:
        """Keep business-domain words ('sales', 'healthcare') only where they read as a skill.

        A domain word counts in a skills, requirements, experience or education section, after
        a skill cue in its sentence ('experience in sales', 'knowledge of accounting'), or in a
        list next to another kind of skill ('Excel, accounting'); elsewhere it usually
        describes the company or its market. A broad field ('cloud', 'analytics') is dropped
        only in a sentence about the company that says nothing of the candidate.
        """
        special = self._domain_or_field_ids
        # a role title ('Electrical Engineer') names what the person does, never a market
        visited = [k for k, h in enumerate(hits) if h.form.skill_id in special and not h.form.role]
        if not visited:
            return hits
        fields, domains = self._field_ids, self._domain_ids
        starts = lay.segment_starts
        last_seg = len(starts) - 1
        dropped: set[int] = set()
        field_ok: dict[int, bool] = {}  # by segment: several fields often share one sentence
        spans: list[tuple[int, int]] | None = None  # every hit's span, when a domain needs them
        perks_in: dict[int, bool] = {}  # by segment: whether it names a perk
        for k in visited:
            h = hits[k]
            start = h.start
            seg = bisect_right(starts, start) - 1  # Layout.segment_at and segment_span, inlined
            s0 = starts[seg]
            section = lay.section_at(start)
            if h.form.skill_id in fields:  # a broad field: dropped only about the employer
                if section in SKILL_SECTIONS:  # kept there, whatever its sentence says
                    continue
                ok = field_ok.get(seg)
                if ok is None:
                    s1 = starts[seg + 1] if seg < last_seg else len(text)
                    ok = field_ok[seg] = field_reads_as_skill(text, s0, s1, lay.section_at)
                if not ok and not domain_reads_as_skill(text, section, s0, start, h.end):
                    dropped.add(k)
                continue
            if not domain_reads_as_skill(text, section, s0, start, h.end):
                if spans is None:
                    spans = [(o.start, o.end) for o in hits]
                if not industry_line(text, start, spans) and not any(
                    0 <= j < len(hits)
                    and hits[j].form.skill_id not in domains
                    and listed_together(
                        text, *((hits[j].end, start) if j < k else (h.end, hits[j].start))
                    )
                    for j in (k - 1, k + 1)
                ):
                    dropped.add(k)
                    continue
            if section in SKILL_SECTIONS:
                continue
            # kept so far: unless it is among the perks ('private healthcare, yoga classes')
            s1 = starts[seg + 1] if seg < last_seg else len(text)
            perks = perks_in.get(seg)
            if perks is None:  # most sentences name no perk at all: asked once per sentence
                perks = perks_in[seg] = mentions_perks(text, s0, s1)
            if perks and offers_perks(text, s0, s1, start, h.end):
                dropped.add(k)
        if not dropped:
            return hits
        return [h for k, h in enumerate(hits) if k not in dropped]

    def _pos_tags(self, text: str) -> dict[int, str]:
        """Coarse POS of each token start, from the caller's trained pipeline (if it tags)."""
        assert self.nlp is not None
        doc = self.nlp(text)
        return {t.idx: t.pos_ for t in doc if t.pos_}

    def _assemble(
        self,
        text: str,
        hits: list[Hit],
        sections: list[str | None],
        lay: Layout,
        kind: Kind,
    ) -> list[dict[str, Any]]:
        by_segment: dict[int, list[int]] = {}
        for k, seg in enumerate(lay.segments_of([h.start for h in hits])):
            by_segment.setdefault(seg, []).append(k)
        levels: list[tuple[Requirement, str | None] | None] = [None] * len(hits)
        years: list[int | None] = [None] * len(hits)
        alternatives: dict[str, set[str]] = {}
        uncued: dict[str | None, tuple[Requirement, None]] = {}
        phrases_by_segment: dict[int, list] = {}
        cues_by_segment: dict[int, list] = {}
        rows = self._skill_rows  # skill id -> (name, category, passive)
        if hits:  # one scan of the whole text each, bucketed by segment
            found_years = find_years(text, 0, len(text))
            year_segs = lay.segments_of([p.start for p in found_years])
            for seg, phrase in zip(year_segs, found_years, strict=True):
                phrases_by_segment.setdefault(seg, []).append(phrase)
            if kind == "job":
                all_cues = find_cues(text, 0, len(text))
                cue_segs = lay.segments_of([c.start for c in all_cues])
                for seg, found in zip(cue_segs, all_cues, strict=True):
                    cues_by_segment.setdefault(seg, []).append(found)
        # which mentions sit in a sentence about the employer's own stack (see describes_stack)
        # outside a skills-like section: 'We run on AWS' tells the job's stack, not what the
        # candidate must know. Jobs and plain texts; one test per sentence with a mention that
        # can be the stack (knowledge, not a human language); None while there is none.
        stack_ids = self._stack_ids if kind != "resume" else None
        stack: list[bool] | None = None
        incidental = self._incidental(text, lay, hits, sections) if kind != "resume" else None
        for seg, members in by_segment.items():
            if stack_ids is not None:
                own = [k for k in members if hits[k].form.skill_id in stack_ids]
                if (
                    own
                    and sections[own[0]] not in SKILL_SECTIONS
                    and describes_stack(text, *lay.segment_span(seg))
                ):
                    if stack is None:
                        stack = [False] * len(hits)
                    for k in own:
                        stack[k] = True
            phrases = phrases_by_segment.get(seg)
            cues = cues_by_segment.get(seg, []) if kind == "job" else []
            # a lone mention with no years phrase or cue near it (the usual case) needs no spans
            spans = (
                [(hits[k].start, hits[k].end) for k in members]
                if phrases or cues or len(members) > 1
                else []
            )
            if phrases:
                for k, y in zip(members, assign_years(text, phrases, spans), strict=True):
                    years[k] = y
            if kind != "job":
                continue
            if cues:
                cues = [c for c in cues if not any(a < c.end and c.start < b for a, b in spans)]
            for k in members:
                if not cues:  # without cues the level is the section's: asked once per section
                    if sections[k] not in uncued:
                        level, _ = requirement_level(sections[k], (), 0, 0)
                        uncued[sections[k]] = (level, None)
                    levels[k] = uncued[sections[k]]
                    continue
                h = hits[k]
                level, cue = requirement_level(sections[k], cues, h.start, h.end, text)
                levels[k] = (level, cue.text if cue else None)
            if len(members) > 1 and (
                any(_may_join(text, hits[a].end, hits[b].start) for a, b in pairwise(members))
                or any(ends_alternatives(text, hits[k].end) for k in members)
            ):
                between = [_between(text, hits[a].end, hits[b].start) for a, b in pairwise(members)]
                degrees = [rows[hits[k].form.skill_id][1] == "degree" for k in members]
                for group in alternative_groups(text, spans, between, degrees):
                    ids = {hits[members[g]].form.skill_id for g in group}
                    if len(ids) > 1:
                        for sid in ids:
                            alternatives.setdefault(sid, set()).update(ids - {sid})
        any_years = bool(phrases_by_segment)  # else every mention's years are None
        grouped: dict[str, list[int]] = {}
        for k, h in enumerate(hits):
            grouped.setdefault(h.form.skill_id, []).append(k)
        out = []
        job = kind == "job"
        # a résumé's field of work on a line of its own, outside a skills list, is its headline
        fields = self._domain_or_field_ids if kind == "resume" else frozenset()
        for sid, ks in grouped.items():
            name, category, passive = rows[sid]
            field = sid in fields
            mentions = []
            for k in ks:
                form, start, end, _ntok, match, confidence = hits[k]
                leveled = levels[k]
                mentions.append(
                    {
                        "text": text[start:end],
                        "start": start,
                        "end": end,
                        "match": match,
                        "confidence": confidence,
                        "section": sections[k],
                        "alias": form.form,
                        "cue": leveled[1] if leveled else None,
                        "title": form.role > 0
                        or in_job_title(text, end, form.form, passive, start)
                        or (field and sections[k] != "skills" and headline(text, start, end)),
                        "stack": stack is not None and stack[k],
                        "incidental": incidental is not None and incidental[k],
                    }
                )
            stated = [years[k] for k in ks if years[k] is not None] if any_years else None
            requirement: Requirement | None = None
            if job:
                # a mention in a sentence about the employer's own stack ('We use Kafka') or
                # one named in passing asks nothing: a skill named only so is nice to have
                requirement = "preferred"
                for k in ks:
                    if (
                        levels[k][0] == "required"  # type: ignore[index]
                        and not (stack and stack[k])
                        and not (incidental and incidental[k])
                    ):
                        requirement = "required"
                        break
            alts = alternatives.get(sid)
            out.append(
                {
                    "id": sid,
                    "name": name,
                    "category": category,
                    "requirement": requirement,
                    "min_years": max(stated) if stated and job else None,  # type: ignore[type-var]
                    "years": max(stated) if stated and not job else None,  # type: ignore[type-var]
                    "alternatives": tuple(sorted(alts)) if alts else (),
                    "mentions": tuple(mentions),  # tuples validate twice as fast as lists
                }
            )
        return out


_GAPS: dict[str, list[str]] = {}  # the tokens of short gaps between mentions (', ', ' or ')


def _without_bom(text: str) -> str:
    """The text with a byte-order mark at its start (kept by a caller's decoding: it is the
    encoding's, not the text's) read as a blank: no offset moves, and the first line is the
    title line it is in the file, not a line that starts with a symbol."""
    return " " + text[1:] if text.startswith("\ufeff") else text


def _confirming_families(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """For each skill marked `confirm_family`, the skills that may confirm its ambiguous forms:
    what descends from it and from its parents, and its related skills (both ways, as
    the taxonomy reads `related`)."""
    families = {}
    for sid, skill in taxonomy.skills.items():
        if skill.confirm_family:
            family = {sid, *taxonomy.related_index[sid], *taxonomy.descendants(sid)}
            for parent in skill.parents:
                family |= {parent, *taxonomy.descendants(parent)}
            families[sid] = frozenset(family)
    return families


def _phrases(words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Confirm / deny words split into single tokens and longer phrases, folded."""
    from skillmatch.normalize import fold

    folded = [fold(w) for w in words]
    return tuple(w for w in folded if w.isalnum()), tuple(w for w in folded if not w.isalnum())


def _any_phrase(
    phrases: tuple[tuple[str, ...], tuple[str, ...]], words: frozenset[str], low: str
) -> bool:
    """Does a folded segment (`low`, its words `words`) hold one of the phrases?"""
    single, longer = phrases
    if not words.isdisjoint(single):  # in C: confirm lists run to dozens of words
        return True
    return any(p in low for p in longer)


# ASCII bytes that are no part of a _WORD token blanked, the rest kept: an ASCII text then
# splits on blanks into its word runs (an '&' among them is left to _WORD).
_NOT_WORD_BYTES = bytes(
    b if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_&") else 32 for b in range(256)
)


def _words(low: str) -> frozenset[str]:
    """The _WORD tokens of a text; an ASCII one is split in C (twice as fast as findall)."""
    if not low.isascii():
        return frozenset(_WORD.findall(low))
    runs = low.encode().translate(_NOT_WORD_BYTES).decode().split()
    if "&" not in low:
        return frozenset(runs)
    return frozenset(w for run in runs for w in (_WORD.findall(run) if "&" in run else (run,)))


def _may_join(text: str, start: int, end: int) -> bool:
    """Could the gap between two mentions make them alternatives ('or', '/', 'either')?

    A cheap test on the raw gap that only says no where alternative_groups would find no
    'or' among the tokens of `_between`; most sentences are then not tokenized at all.
    """
    if not 0 < end - start <= 24:
        return False
    gap = text[start:end]
    if "/" in gap:
        return True
    low = gap.lower()
    return "or" in low or "either" in low


def _between(text: str, start: int, end: int) -> list[str]:
    """The folded tokens between two mentions; a long gap is no list separator at all."""
    if end - start > 24:
        return ["…"]

    if end <= start:
        return []
    gap = text[start:end]
    tokens = _GAPS.get(gap)
    if tokens is None:
        if len(_GAPS) >= 10_000:
            _GAPS.clear()
        tokens = _GAPS[gap] = tokenize(gap)[2]
    return tokens
