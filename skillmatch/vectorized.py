"""Score many cached résumés against one job at once, with numpy, exactly as scoring does.

A résumé is reduced to a *skill vector*: the positions of its skills in the taxonomy's sorted
ids, each paired with the years it states (-1 for none), plus TITLED where a role title names
the skill ('Data Scientist'), packed as little-endian int32 pairs.
The positions are stable for a taxonomy hash, which is part of every cache key, so 100,000
cached vectors load with one `b"".join` and one `numpy.frombuffer` instead of 100,000 JSON
parses.

`JobScorer` turns the job's requirements (scoring.job_requirements) into short tables, once
per job: for each job skill (a *slot*), the résumé skills that can earn it credit in the order
scoring._credit_options tries them (exact, then the children by id, then the skills that
imply it by id, then the related ones by id), each with a code that orders them. Scoring a
batch is one gather over every entry, a scatter-minimum of the candidates' codes into a
slots × documents table of int16 (its bytes are most of what scoring moves), the years of
the chosen skills read from the few entries that state any, and a loop over the job's
requirements that repeats scoring._meet's arithmetic operation for operation, touching only
the documents that meet a one-skill requirement, so the scores equal scoring.score_summary's
to the last bit; `lists` orders the matched and missing ids of the rows to show as
score_summary does (a property test holds the two together).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from skillmatch.scoring import _RANK, job_requirements, job_vector, skill_weight, titled_ids

if TYPE_CHECKING:  # pragma: no cover
    from skillmatch.models import Profile, ScoringWeights
    from skillmatch.scoring import _Requirement
    from skillmatch.taxonomy import Taxonomy

NO_YEARS = -1
_DTYPE = np.dtype("<i4")
# a job with fewer candidate skills than this (nearly every job: a large one has 3,500) codes
# its choices in int16, otherwise in int32
NARROW_CODES = int(np.iinfo(np.int16).max)
# added to the years of a skill a role title names: no one states sixteen million years, so
# the pair stays 8 bytes and the flag costs a comparison where it is read
TITLED = 1 << 24
_YEARS_BITS = TITLED - 1  # a years field without its TITLED flag: -1 & it == it, and y & it == y
_INDEXES: dict[str, dict[str, int]] = {}  # by taxonomy hash
_REVERSE_IMPLIED: dict[str, dict[str, set[str]]] = {}  # by taxonomy hash


def skill_index(taxonomy: Taxonomy) -> dict[str, int]:
    """Position of each skill id among the taxonomy's sorted ids (memoised by taxonomy hash)."""
    found = _INDEXES.get(taxonomy.hash)
    if found is None or len(found) != len(taxonomy):
        found = _INDEXES[taxonomy.hash] = {sid: n for n, sid in enumerate(sorted(taxonomy.skills))}
    return found


def pack(
    years: dict[str, int | None], index: dict[str, int], titles: frozenset[str] = frozenset()
) -> bytes:
    """A résumé's skills (id → stated years; `titles`: those a role title names) as its skill
    vector; KeyError for an unknown id."""
    pairs = sorted(
        (index[sid], (NO_YEARS if y is None else y) + (TITLED if sid in titles else 0))
        for sid, y in years.items()
    )
    return np.asarray(pairs, dtype=_DTYPE).reshape(-1).tobytes()


def pack_profile(profile: Profile, index: dict[str, int]) -> bytes:
    """The skill vector of a résumé profile."""
    return pack({s.id: s.years for s in profile.skills}, index, titled_ids(profile.skills))


def profile_entries(data: str) -> tuple[dict[str, int | None], frozenset[str]]:
    """Skill id → stated years of a profile's JSON (as the cache stores it, without defaults),
    and the ids a role title names."""
    skills = json.loads(data).get("skills", ())
    years = {s["id"]: s.get("years") for s in skills}
    titles = frozenset(
        s["id"] for s in skills if any(m.get("title") for m in s.get("mentions", ()))
    )
    return years, titles


def unpack(vector: bytes, ids: Sequence[str]) -> dict[str, int | None]:
    """A skill vector back to id → years; `ids` are the taxonomy's sorted ids."""
    pairs = np.frombuffer(vector, dtype=_DTYPE).reshape(-1, 2).tolist()
    years = {ids[k]: _years(code) for k, code in pairs}
    return {sid: (None if y == NO_YEARS else y) for sid, y in years.items()}


def unpack_titles(vector: bytes, ids: Sequence[str]) -> frozenset[str]:
    """The ids a skill vector marks as named by a role title."""
    pairs = np.frombuffer(vector, dtype=_DTYPE).reshape(-1, 2).tolist()
    return frozenset(ids[k] for k, y in pairs if y >= TITLED + NO_YEARS)


def _years(code: int) -> int:
    """The stated years (or NO_YEARS) of a packed years field."""
    return code - TITLED if code >= TITLED + NO_YEARS else code


def stated_years(codes: np.ndarray) -> np.ndarray:
    """The stated years (or NO_YEARS) of packed years fields, the TITLED flag taken off."""
    return np.where(codes >= TITLED + NO_YEARS, codes - TITLED, codes)


@dataclass(frozen=True, slots=True)
class Vectors:
    """Many skill vectors in one CSR layout: document d owns entries indptr[d]:indptr[d+1].

    Positions and owners are intp, the index type numpy gathers by fastest (several times
    faster than by int32): they are converted once here, not once per job scored; so are
    the titled entries found, which every job's role match reads.
    """

    indptr: np.ndarray  # int64, len = documents + 1
    skills: np.ndarray  # intp taxonomy positions
    years: np.ndarray  # int32 stated years (NO_YEARS when none), + TITLED where titled
    rows: np.ndarray  # intp: the document of every entry
    titled: np.ndarray  # intp: the entries a role title names (a few per document)
    # each document's squared norm in skill space, by the weighting it was taken with
    # (squared_norms): a property of the résumés, the same for every job
    _memo: dict[object, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, counts: np.ndarray, packed: bytes) -> Vectors:
        """Documents holding counts[d] entries each, their packed vectors end to end;
        ValueError when the two disagree."""
        counts = np.asarray(counts, dtype=np.int64)
        pairs = np.frombuffer(packed, dtype=_DTYPE).reshape(-1, 2)
        if len(pairs) != counts.sum() or (counts < 0).any():
            raise ValueError(f"{len(pairs)} packed entries for {counts.sum()} counted")
        indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        rows = np.repeat(np.arange(len(counts), dtype=np.intp), counts)
        years = pairs[:, 1]
        titled = np.flatnonzero(years >= TITLED + NO_YEARS)
        return cls(indptr, pairs[:, 0].astype(np.intp), years, rows, titled)

    @classmethod
    def join(cls, vectors: Sequence[bytes]) -> Vectors:
        """Concatenate packed vectors (one per document, b"" for none) without parsing each."""
        return cls.of(entry_counts(vectors), b"".join(vectors))

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def squared_norms(self, key: tuple[str, float], weights_2: np.ndarray) -> np.ndarray:
        """Σ weight² over each document's skills, summed entry by entry (taxonomy order, as
        scoring.focus sums them), once per weighting (`key`: taxonomy hash and `generic`):
        scoring a pool for several jobs, or loading it, pays for it once."""
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = np.bincount(
                self.rows, weights=np.take(weights_2, self.skills), minlength=len(self)
            )
        return found

    def dated(self) -> np.ndarray:
        """The entries that state years (a few percent): a requirement asking for years reads
        only them (memoised, as every such job needs them)."""
        found = self._memo.get("dated")
        if found is None:  # the low 24 bits are all ones for NO_YEARS, titled or not
            found = self._memo["dated"] = np.flatnonzero((self.years & _YEARS_BITS) != _YEARS_BITS)
        return found


def entry_counts(vectors: Sequence[bytes]) -> np.ndarray:
    """The number of skills in each packed vector."""
    lengths = np.fromiter((len(v) for v in vectors), dtype=np.int64, count=len(vectors))
    return lengths // (2 * _DTYPE.itemsize)


@dataclass(frozen=True, slots=True)
class Fits:
    """How a batch fits one job: scores[d], focus[d], role[d] (NaN when the job's title names
    no skill) and relevance[d], and what `lists` needs to name the matched and missing skills
    of any document: choice[slot, d] (see JobScorer._choices) and, for the slots of
    requirements asking for years, the years stated for the chosen skill (NO_YEARS for none)."""

    scores: np.ndarray
    focus: np.ndarray
    role: np.ndarray
    relevance: np.ndarray
    choice: np.ndarray
    years: dict[int, np.ndarray]


class JobScorer:
    """One job's requirements as arrays, to score any number of skill vectors at once."""

    def __init__(self, job: Profile, taxonomy: Taxonomy, weights: ScoringWeights) -> None:
        self.requirements: list[_Requirement] = job_requirements(job, weights)
        self.weights = weights
        index = skill_index(taxonomy)
        # focus (scoring.focus): every skill's weight by position and the job's components
        self.skill_weight = _skill_weights(taxonomy, weights)
        self.skill_weight_2 = self.skill_weight * self.skill_weight
        self.weights_key = weighting(taxonomy, weights)
        self.job_vector = job_vector(self.requirements, taxonomy, weights)
        self.norm_job = 0.0
        for w_job in self.job_vector:
            self.norm_job += w_job * w_job
        # the skills the job's title names, by taxonomy position (scoring.role_match)
        self.job_titles = np.zeros(len(index), dtype=bool)
        for sid in titled_ids(job.skills):
            if sid in index:
                self.job_titles[index[sid]] = True
        # one slot per (requirement, job skill): its candidates in the order they are tried
        slots: list[list[tuple[int, float, int]]] = []  # (taxonomy position, credit, rank)
        for req in self.requirements:
            for skill in req.skills:
                slots.append(_candidates(skill.id, taxonomy, weights, index))
        self.slot_ids = [skill.id for req in self.requirements for skill in req.skills]
        self.first_ids = [req.skills[0].id for req in self.requirements]
        self.optional = np.array([req.level != "required" for req in self.requirements], dtype=bool)
        self.n_slots = len(slots)
        # the slots of requirements asking for years: their chosen skills' years are read
        self.timed_slots = [
            slot
            for slot, req in enumerate(r for r in self.requirements for _ in r.skills)
            if req.min_years
        ]
        # every slot's candidates end to end: a candidate's code (its flat id) orders them
        # as they are tried; the last code, `none`, is a sentinel for "no candidate" (credit
        # 0, key -1). Codes are as narrow as the job allows: the choice table is slots ×
        # documents, and its bytes are most of what scoring moves.
        credits = [c for s in slots for _, c, _ in s]
        ranks = [k for s in slots for _, _, k in s]
        self.code = np.dtype(np.int16 if len(credits) < NARROW_CODES else np.int32)
        self.none = len(credits)
        self.cand_credit = np.array([*credits, 0.0], dtype=float)
        self.weighted_credit = [req.weight * self.cand_credit for req in self.requirements]
        # key orders options as scoring._meet compares them: (credit, -rank), higher is better
        order = sorted(set(zip(credits, (-k for k in ranks), strict=True)))
        keys = [order.index((c, -k)) for c, k in zip(credits, ranks, strict=True)]
        self.cand_key = np.array([*keys, -1], dtype=np.int64)
        # a slot's exact candidate comes first, so a document names the job skill itself
        # exactly when its choice is below `named_below` (focus counts only those); and the
        # weight of that skill. A job skill the taxonomy lacks names nothing (0).
        self.named_below: list[int] = []
        self.slot_weight: list[float] = []
        by_position: dict[int, list[tuple[int, int]]] = {}  # position → [(slot, code)]
        flat = 0
        for slot, (cands, sid) in enumerate(zip(slots, self.slot_ids, strict=True)):
            exact = sid in index
            self.named_below.append(flat + 1 if exact else 0)
            self.slot_weight.append(float(self.skill_weight[index[sid]]) if exact else 0.0)
            for pos, _, _ in cands:
                by_position.setdefault(pos, []).append((slot, flat))
                flat += 1
        # by taxonomy position, layer j of (pair_slot, pair_code, pair_timed) holds the j-th
        # slot a skill serves (a skill may serve several: Python for two requirements, or as
        # a child and as related), its code there and the slot's row among timed_slots; -1
        # where it serves none. Tables by position spare a compact id's extra gather.
        size = max(len(index), max(by_position, default=-1) + 1)
        fanout = max((len(v) for v in by_position.values()), default=1)
        self.pair_slot = np.full((fanout, size), -1, dtype=np.int32)  # the first gather is big
        self.pair_code = np.zeros((fanout, size), dtype=self.code)
        self.pair_timed = np.full((fanout, size), -1, dtype=np.intp)
        self.serves_more = np.zeros(size, dtype=bool)  # layer 1 and up
        self.serves = np.zeros(size, dtype=bool)  # any slot: bool, the fastest first scan
        timed_row = {slot: row for row, slot in enumerate(self.timed_slots)}
        for pos, served in by_position.items():
            self.serves[pos] = True
            self.serves_more[pos] = len(served) > 1
            for layer, (slot, code) in enumerate(served):
                self.pair_slot[layer, pos] = slot
                self.pair_code[layer, pos] = code
                self.pair_timed[layer, pos] = timed_row.get(slot, -1)

    def scores(self, vectors: Vectors) -> np.ndarray:
        """The fit score of every document (float64), equal to scoring.score_summary's."""
        return self.fits(vectors).scores

    def fits(self, vectors: Vectors) -> Fits:
        """Every document's score, focus and relevance: scoring._meet and scoring.focus,
        operation for operation, over all documents at once."""
        n = len(vectors)
        choice, years = self._choices(n, vectors)
        total = 0.0
        earned = np.zeros(n, dtype=float)
        dot = np.zeros(n)
        slot = 0
        for r, req in enumerate(self.requirements):
            total += req.weight
            first, slot = slot, slot + len(req.skills)
            if slot == first + 1 and not req.min_years:
                # one skill: only the documents that meet it add anything (most do not),
                # the same products, looked up (weight × credit for every candidate)
                docs = np.flatnonzero(choice[first] != self.none)
                codes = np.take(choice[first], docs)
                earned[docs] += np.take(self.weighted_credit[r], codes)
                if self.named_below[first]:
                    exact = np.take(docs, np.flatnonzero(codes < self.named_below[first]))
                    dot[exact] += self.job_vector[r] * self.slot_weight[first]
                continue
            best, _, stated = self._best_of(req, first, choice, years)
            if req.min_years:
                earned += req.weight * self._credit(req, best, stated)
            else:  # the same products, looked up: weight × credit for every candidate
                earned += np.take(self.weighted_credit[r], best)
            self._add_named(dot, r, first, slot, choice)
        scores = np.zeros(n) if not total else np.minimum(round_1(100.0 * earned / total), 100.0)
        focus = self._focus(dot, self.prepare(vectors))
        fit = np.sqrt(scores * focus)
        if not self.job_titles.any():
            return Fits(scores, focus, np.full(n, np.nan), round_1(fit), choice, years)
        role = self._role(vectors)
        w = self.weights.role
        return Fits(scores, focus, role, round_1((1.0 - w) * fit + w * role), choice, years)

    def _add_named(self, dot: np.ndarray, r: int, first: int, end: int, choice: np.ndarray) -> None:
        """Add to the dot product of scoring.focus what requirement r (slots first:end) adds
        for each document: the job's component × the heaviest of its skills the document
        names itself (adding nothing where it names none is adding 0.0, as scoring.focus
        does not)."""
        w_job = self.job_vector[r]
        named = [k for k in range(first, end) if self.named_below[k]]
        if len(named) == 1:
            k = named[0]
            np.add(dot, w_job * self.slot_weight[k], out=dot, where=choice[k] < self.named_below[k])
        elif named:
            heaviest = np.zeros(len(dot))
            for k in named:
                w = np.where(choice[k] < self.named_below[k], self.slot_weight[k], 0.0)
                np.maximum(heaviest, w, out=heaviest)
            dot += w_job * heaviest

    def _role(self, vectors: Vectors) -> np.ndarray:
        """scoring.role_match of every document: 100 × the share of its titled skills that the
        job's title names (0 for none)."""
        n = len(vectors)
        titled = vectors.titled
        owners = np.take(vectors.rows, titled)
        counts = np.bincount(owners, minlength=n).astype(float)
        named = np.take(self.job_titles, np.take(vectors.skills, titled))
        shared = np.bincount(owners[named], minlength=n).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = round_1(100.0 * shared / counts)
        return np.where(counts > 0, share, 0.0)

    def _best_of(
        self, req: _Requirement, slot: int, choice: np.ndarray, years: dict[int, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray | int, np.ndarray | None]:
        """For the documents (columns) of `choice`: the option that meets a requirement whose
        slots start at `slot` (`none` where none does), the slot it comes from and, where the
        requirement asks for years, the years stated for it; as scoring._meet chooses: the
        best (credit, -rank) of the requirement's skills, the first on ties."""
        best = choice[slot]
        winner: np.ndarray | int = slot  # one skill: its slot wins wherever it is met
        stated = years.get(slot)
        if len(req.skills) > 1:
            winner = np.full(len(best), winner, dtype=np.int64)
            best_key = np.take(self.cand_key, best)
            for other in range(slot + 1, slot + len(req.skills)):
                code = choice[other]
                key = np.take(self.cand_key, code)
                better = key > best_key
                best = np.where(better, code, best)
                winner = np.where(better, other, winner)
                if stated is not None:
                    stated = np.where(better, years[other], stated)
                best_key = np.maximum(key, best_key)
        return best, winner, stated

    def _credit(
        self,
        req: _Requirement,
        best: np.ndarray,
        stated: np.ndarray | None,
    ) -> np.ndarray:
        """The credit the best options earn (0.0 where unmet), after the years factor."""
        credit = np.take(self.cand_credit, best)
        if req.min_years and stated is not None:
            short = (best != self.none) & (stated != NO_YEARS) & (stated < req.min_years)
            factor = np.maximum(self.weights.years_floor, stated / req.min_years)
            np.copyto(credit, credit * factor, where=short)
        return credit

    def prepare(self, vectors: Vectors) -> np.ndarray:
        """What scoring these vectors needs that no job changes, worked out once when they are
        loaded: the résumés' squared norms (Vectors.squared_norms, returned) and, for a job
        asking for years, the entries stating any (Vectors.dated)."""
        if self.timed_slots:
            vectors.dated()
        return vectors.squared_norms(self.weights_key, self.skill_weight_2)

    def _focus(self, dot: np.ndarray, norm_resume: np.ndarray) -> np.ndarray:
        """scoring.focus of every document from its dot product with the job (summed
        requirement by requirement) and its squared norm (summed entry by entry, in taxonomy
        order, as scoring.focus sums them)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = 100.0 * dot / np.sqrt(self.norm_job * norm_resume)
        return np.where(dot == 0.0, 0.0, np.minimum(round_1(np.nan_to_num(cosine)), 100.0))

    def lists(self, fits: Fits, documents: Sequence[int]) -> list[tuple[tuple[str, ...], ...]]:
        """(matched ids, missing ids) of the chosen documents, ordered as score_summary orders
        them: matched required first, then by credit, then by requirement; missing required
        first, then by requirement."""
        if not len(documents):
            return []
        columns = np.asarray(documents, dtype=np.intp)
        picked = fits.choice[:, columns]
        years = {slot: stated[columns] for slot, stated in fits.years.items()}
        count = len(self.requirements)
        shape = (picked.shape[1], count)
        credit = np.zeros(shape)
        winners = np.full(shape, -1, dtype=np.int64)
        slot = 0
        for r, req in enumerate(self.requirements):
            best, winner, stated = self._best_of(req, slot, picked, years)
            slot += len(req.skills)
            credit[:, r] = self._credit(req, best, stated)
            winners[:, r] = np.where(best != self.none, winner, -1)
        unmet = winners < 0
        rank = np.broadcast_to(np.arange(count), shape)
        optional = np.broadcast_to(self.optional, shape)
        # matched first (required, more credit, earlier), then the rest: a prefix per row
        order = np.lexsort((rank, -credit, optional, unmet), axis=-1)
        names = np.array([*self.slot_ids, None], dtype=object)
        matched = names[np.take_along_axis(np.where(unmet, len(self.slot_ids), winners), order, -1)]
        # missing first (required, earlier), then the rest
        first = np.array(self.first_ids, dtype=object)
        missing = first[np.lexsort((rank, optional, ~unmet), axis=-1)]
        met_counts = (count - unmet.sum(axis=1)).tolist()
        return [
            (tuple(m[:k]), tuple(x[: count - k]))
            for m, x, k in zip(matched.tolist(), missing.tolist(), met_counts, strict=True)
        ]

    def _choices(self, n: int, vectors: Vectors) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        """choice[slot, d]: the code of the first candidate (in try order) that document d
        has, or `none`; and for each slot of a requirement asking for years, the years each
        document states for the skill chosen there (NO_YEARS where none is, or none stated)."""
        choice = np.full(self.n_slots * n, self.none, dtype=self.code)
        entry = np.flatnonzero(np.take(self.serves, vectors.skills))
        # then gathers: several times faster than boolean masks
        position, doc = np.take(vectors.skills, entry), np.take(vectors.rows, entry)
        cells = self._cells(n)
        for layer, at, (owner,) in self._layers(position, doc):
            cell = np.take(cells[layer], at)
            cell += owner
            np.minimum.at(choice, cell, np.take(self.pair_code[layer], at))
        return choice.reshape(self.n_slots, n), self._stated(choice, n, vectors, cells)

    def _cells(self, n: int) -> np.ndarray:
        """By layer and position, where a slot's row starts in the flat choice table."""
        return np.where(self.pair_slot >= 0, self.pair_slot.astype(np.intp) * n, -1)

    def _layers(
        self, position: np.ndarray, *carried: np.ndarray
    ) -> Iterator[tuple[int, np.ndarray, tuple[np.ndarray, ...]]]:
        """(layer, positions, carried arrays) of the entries that serve a slot in each layer,
        given the entries' positions (all serving one at least) and whatever is carried
        along with them (their documents...)."""
        for layer in range(len(self.pair_slot)):
            if layer:  # layer 1: the few skills serving several slots; then fewer still
                serves = (
                    np.take(self.serves_more, position)
                    if layer == 1
                    else np.take(self.pair_slot[layer], position) >= 0
                )
                more = np.flatnonzero(serves)
                position, *taken = (np.take(a, more) for a in (position, *carried))
                carried = tuple(taken)
            yield layer, position, tuple(carried)

    def _stated(
        self, choice: np.ndarray, n: int, vectors: Vectors, cells: np.ndarray
    ) -> dict[int, np.ndarray]:
        """For each slot of a requirement asking for years, the years each document states
        for the skill chosen there (NO_YEARS where none is chosen or none stated): read from
        the few entries that state years (Vectors.dated), the one chosen in a cell being the
        one whose code is the cell's; `cells` as _cells gives them."""
        if not self.timed_slots:
            return {}
        stated = np.full(len(self.timed_slots) * n, NO_YEARS, dtype=np.int64)
        dated = vectors.dated()
        dated = np.take(dated, np.flatnonzero(np.take(self.serves, vectors.skills[dated])))
        position, doc = np.take(vectors.skills, dated), np.take(vectors.rows, dated)
        for layer, at, (owner, entry) in self._layers(position, doc, dated):
            row = np.take(self.pair_timed[layer], at)
            timed = np.flatnonzero(row >= 0)
            at, owner, entry, row = (np.take(a, timed) for a in (at, owner, entry, row))
            cell = np.take(cells[layer], at) + owner
            code = np.take(self.pair_code[layer], at)
            chosen = np.flatnonzero(np.take(choice, cell) == code)  # one entry per cell
            target = np.take(row, chosen) * n + np.take(owner, chosen)
            # indexing, not np.take: `years` is a strided view, which take would copy whole
            stated[target] = stated_years(vectors.years[np.take(entry, chosen)])
        rows = stated.reshape(len(self.timed_slots), n)
        return dict(zip(self.timed_slots, rows, strict=True))


_WEIGHTS: dict[tuple[str, float], np.ndarray] = {}  # by taxonomy hash and `generic`


def weighting(taxonomy: Taxonomy, weights: ScoringWeights) -> tuple[str, float]:
    """What every skill's weight depends on (scoring.skill_weight): the taxonomy (its posting
    counts) and `generic`. Skill weights and résumé norms are memoised by it."""
    return (taxonomy.hash, weights.generic)


def _skill_weights(taxonomy: Taxonomy, weights: ScoringWeights) -> np.ndarray:
    """scoring.skill_weight of every skill, by taxonomy position (memoised)."""
    key = weighting(taxonomy, weights)
    found = _WEIGHTS.get(key)
    if found is None or len(found) != len(taxonomy):
        found = _WEIGHTS[key] = np.array(
            [skill_weight(sid, taxonomy, weights) for sid in sorted(taxonomy.skills)]
        )
    return found


def round_1(values: np.ndarray) -> np.ndarray:
    """Python's round(x, 1) for every value, exactly.

    numpy's round scales by 10 and rounds half to even, which differs from Python's correctly
    rounded decimal result only for values a hair from a half-way point; those few take
    Python's round.
    """
    scaled = values * 10.0
    nearest = np.rint(scaled)
    out = nearest / 10.0
    nearest -= scaled  # a half-way point is 0.5 from its nearest integer
    near = np.flatnonzero(np.abs(nearest, out=nearest) > 0.5 - 1e-6)
    for k in near.tolist():
        out[k] = round(float(values[k]), 1)
    return out


def _candidates(
    job_skill: str, taxonomy: Taxonomy, weights: ScoringWeights, index: dict[str, int]
) -> list[tuple[int, float, int]]:
    """The résumé skills that can earn a job skill credit, in scoring._credit_options' order.

    The first one a résumé has decides the job skill's option: exact, else the first child by
    id, else the first skill (by id) that implies it, else the first related skill by id.
    """
    out: list[tuple[int, float, int]] = []
    if job_skill in index:
        out.append((index[job_skill], 1.0, _RANK["exact"]))
    if job_skill not in taxonomy:
        return out
    if weights.child > 0:
        for sid in sorted(taxonomy.descendants(job_skill)):
            out.append((index[sid], weights.child, _RANK["child"]))
    if weights.implies > 0:
        for sid in sorted(_implying(taxonomy, job_skill)):
            out.append((index[sid], weights.implies, _RANK["implies"]))
    if weights.related > 0:
        for sid in sorted(taxonomy.related_index.get(job_skill, frozenset())):
            out.append((index[sid], weights.related, _RANK["related"]))
    return out


def _implying(taxonomy: Taxonomy, skill_id: str) -> set[str]:
    """Skills whose (transitive) implications include skill_id: those it is reached from
    along `implies` edges, found by walking them backwards from it (no skill's whole
    closure is worked out; the reversed edges are memoised by taxonomy hash)."""
    reverse = _REVERSE_IMPLIED.get(taxonomy.hash)
    if reverse is None:
        reverse = {}
        for sid, skill in taxonomy.skills.items():
            for implied in skill.implies:
                reverse.setdefault(implied, set()).add(sid)
        _REVERSE_IMPLIED[taxonomy.hash] = reverse
    out: set[str] = set()
    stack = list(reverse.get(skill_id, ()))
    while stack:
        sid = stack.pop()
        if sid not in out:
            out.add(sid)
            stack.extend(reverse.get(sid, ()))
    return out
