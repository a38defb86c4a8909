"""SkillMatcher: the one entry point — extract skills, read jobs and résumés, score fit.

Collaborators are constructor arguments with built defaults (taxonomy, weights, an optional
spaCy pipeline); the compiled index is shared through a cache keyed by the taxonomy's hash,
so a second SkillMatcher in one process is cheap. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from skillmatch.compiled import cached_taxonomy, compiled_index
from skillmatch.context import (
    alternative_groups,
    assign_years,
    find_cues,
    find_years,
    requirement_level,
)
from skillmatch.models import (
    ExtractedSkill,
    FitReport,
    Mention,
    Profile,
    Requirement,
    ScoringWeights,
)
from skillmatch.recognizers import Hit, Tokens, longest_first
from skillmatch.scoring import score_profiles
from skillmatch.sections import Layout, layout
from skillmatch.taxonomy import Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Kind = Literal["job", "resume", "text"]
# Tokens around an ambiguous form within which another skill confirms it.
CONFIRM_WINDOW = 12
# POS tags (from a caller's trained pipeline) under which a name is an ordinary word.
_WORD_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "ADJ", "PRON", "DET"})
_PASSIVE_CATEGORIES = frozenset({"soft-skill", "ability", "language"})


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
    ) -> None:
        self.taxonomy = taxonomy or cached_taxonomy(extra=extra_taxonomy, cache_dir=cache_dir)
        self.weights = weights or ScoringWeights()
        self.nlp = nlp
        self.fuzzy = fuzzy
        self._index = compiled_index(self.taxonomy, cache_dir)
        self._typo_memo: dict[str, Any] = {}
        self._confirm = {
            sid: _phrases(s.confirm) for sid, s in self.taxonomy.skills.items() if s.confirm
        }
        self._deny = {sid: _phrases(s.deny) for sid, s in self.taxonomy.skills.items() if s.deny}

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

    def scan(self, texts: Iterable[str], kind: Kind = "resume") -> Iterable[Profile]:
        """Profiles of many texts, in order (the batch building block)."""
        for text in texts:
            yield self._read(text, kind)

    # -- reading -----------------------------------------------------------------------------

    def _read(self, text: str, kind: Kind) -> Profile:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        toks = Tokens.of(text)
        lay = layout(text)
        hits = self._recognise(toks, lay)
        if kind == "job":
            hits = [h for h in hits if lay.section_at(h.start) != "about"]
        skills = self._assemble(text, hits, lay, kind)
        return Profile(kind=kind, skills=skills, taxonomy_hash=self.taxonomy.hash, length=len(text))

    def _recognise(self, toks: Tokens, lay: Layout) -> list[Hit]:
        hits = self._index.exact(toks)
        if any(h.form.ambiguous for h in hits):
            hits = self._disambiguate(toks, lay, hits)
        chosen = longest_first(hits)
        if self.fuzzy:
            covered = [False] * len(toks)
            for h in chosen:
                for k in range(h.tok_start, h.tok_end):
                    covered[k] = True
            fuzzy = self._index.fuzzy(toks, covered, self._typo_memo)
            if fuzzy:
                chosen = sorted([*chosen, *fuzzy], key=lambda h: (h.start, h.end))
        return chosen

    def _disambiguate(self, toks: Tokens, lay: Layout, hits: list[Hit]) -> list[Hit]:
        """Keep an ambiguous form ('Go', 'Spark', 'R') only where its context confirms it."""
        anchors = [
            h
            for h in hits
            if not h.form.ambiguous
            and self.taxonomy.skills[h.form.skill_id].category not in _PASSIVE_CATEGORIES
        ]
        pos = self._pos_tags(toks) if self.nlp is not None else None
        kept = []
        for h in hits:
            if not h.form.ambiguous:
                kept.append(h)
                continue
            seg = lay.segment_at(h.start)
            s0, s1 = lay.segment_span(seg, len(toks.text))
            words = _words_in(toks, s0, s1)
            sid = h.form.skill_id
            if sid in self._deny and _any_phrase(self._deny[sid], words, toks.text[s0:s1]):
                continue
            if pos is not None and pos.get(h.start) in _WORD_POS:
                continue
            confirmed = (
                sid in self._confirm and _any_phrase(self._confirm[sid], words, toks.text[s0:s1])
            ) or any(
                a.form.skill_id != sid
                and (s0 <= a.start < s1 or abs(a.tok_start - h.tok_start) <= CONFIRM_WINDOW)
                for a in anchors
            )
            if confirmed:
                kept.append(h)
        return kept

    def _pos_tags(self, toks: Tokens) -> dict[int, str]:
        """Coarse POS of each token start, from the caller's trained pipeline (if it tags)."""
        assert self.nlp is not None
        doc = self.nlp(toks.text)
        return {t.idx: t.pos_ for t in doc if t.pos_}

    def _assemble(
        self, text: str, hits: list[Hit], lay: Layout, kind: Kind
    ) -> tuple[ExtractedSkill, ...]:
        by_segment: dict[int, list[int]] = {}
        for k, h in enumerate(hits):
            by_segment.setdefault(lay.segment_at(h.start), []).append(k)
        levels: list[tuple[Requirement, str | None] | None] = [None] * len(hits)
        years: list[int | None] = [None] * len(hits)
        alternatives: dict[str, set[str]] = {}
        for seg, members in by_segment.items():
            s0, s1 = lay.segment_span(seg, len(text))
            spans = [(hits[k].start, hits[k].end) for k in members]
            phrases = find_years(text, s0, s1)
            if phrases:
                for k, y in zip(members, assign_years(text, phrases, spans), strict=True):
                    years[k] = y
            if kind != "job":
                continue
            cues = [
                c
                for c in find_cues(text, s0, s1)
                if not any(a < c.end and c.start < b for a, b in spans)
            ]
            for k in members:
                h = hits[k]
                level, cue = requirement_level(lay.section_at(h.start), cues, h.start, h.end)
                levels[k] = (level, cue.text if cue else None)
            between = [_between(text, hits[a].end, hits[b].start) for a, b in pairwise(members)]
            for group in alternative_groups(text, spans, between):
                ids = {hits[members[g]].form.skill_id for g in group}
                if len(ids) > 1:
                    for sid in ids:
                        alternatives.setdefault(sid, set()).update(ids - {sid})
        grouped: dict[str, list[int]] = {}
        for k, h in enumerate(hits):
            grouped.setdefault(h.form.skill_id, []).append(k)
        out = []
        for sid, ks in grouped.items():
            skill = self.taxonomy.skills[sid]
            mentions = tuple(
                Mention(
                    text=text[hits[k].start : hits[k].end],
                    start=hits[k].start,
                    end=hits[k].end,
                    match=hits[k].match,  # type: ignore[arg-type]
                    confidence=hits[k].confidence,
                    section=lay.section_at(hits[k].start),
                    alias=hits[k].form.form,
                    cue=levels[k][1] if levels[k] else None,
                )
                for k in ks
            )
            stated = [years[k] for k in ks if years[k] is not None]
            requirement: Requirement | None = None
            if kind == "job":
                requirement = (
                    "required" if any(levels[k][0] == "required" for k in ks) else "preferred"
                )  # type: ignore[index]
            out.append(
                ExtractedSkill(
                    id=sid,
                    name=skill.name,
                    category=skill.category,
                    requirement=requirement,
                    min_years=max(stated) if stated and kind == "job" else None,
                    years=max(stated) if stated and kind != "job" else None,
                    alternatives=tuple(sorted(alternatives.get(sid, ()))),
                    mentions=mentions,
                )
            )
        return tuple(out)


def _phrases(words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Confirm / deny words split into single tokens and longer phrases, folded."""
    from skillmatch.normalize import fold

    folded = [fold(w) for w in words]
    return tuple(w for w in folded if w.isalnum()), tuple(w for w in folded if not w.isalnum())


def _any_phrase(
    phrases: tuple[tuple[str, ...], tuple[str, ...]], words: frozenset[str], segment: str
) -> bool:
    single, longer = phrases
    if any(w in words for w in single):
        return True
    if longer:
        from skillmatch.normalize import fold

        low = fold(segment)
        return any(p in low for p in longer)
    return False


def _words_in(toks: Tokens, start: int, end: int) -> frozenset[str]:
    """Folded word tokens between two offsets (for confirm / deny words)."""
    from bisect import bisect_left

    lo = bisect_left(toks.starts, start)
    hi = bisect_left(toks.starts, end)
    return frozenset(toks.norms[lo:hi])


def _between(text: str, start: int, end: int) -> list[str]:
    from skillmatch.normalize import tokenize

    return tokenize(text[start:end])[2] if end > start else []
