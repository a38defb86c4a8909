"""The taxonomy: pydantic schema of the YAML files, the loader, and id/alias/relation indexes.

A taxonomy is a folder of YAML files, one per category. Extra files given by the user are
merged on top: they may add skills, add aliases to existing ids (`extend`) or retire ids.
Every problem is reported with the file, the skill id and what is wrong.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from skillmatch.errors import TaxonomyError
from skillmatch.normalize import alias_tokens

ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
RELATIONS = ("parents", "implies", "related")

# Categories whose skills are abilities rather than knowledge of a tool or field.
ABILITY_CATEGORIES = frozenset({"soft-skill", "ability"})
CREDENTIAL_CATEGORIES = frozenset({"certification", "degree"})


class Skill(BaseModel):
    """One skill: its id, names, relations and cross-references."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    cased: tuple[str, ...] = Field(
        default=(), description="Surface forms matched only with exactly this capitalisation."
    )
    ambiguous: tuple[str, ...] = Field(
        default=(),
        description="Surface forms that are ordinary words: they need confirming context. "
        "A role listed here ('advocate') counts only as the title a line starts with.",
    )
    confirm: tuple[str, ...] = Field(
        default=(), description="Words that confirm an ambiguous form."
    )
    deny: tuple[str, ...] = Field(default=(), description="Words that deny an ambiguous form.")
    confirm_family: bool = Field(
        default=False,
        description="Only a skill of its own family (what descends from its parents, and its "
        "related skills) confirms an ambiguous form, not any skill nearby: 'CV' is also a "
        "résumé, so 'CV' above 'React, CSS' is no computer vision, 'CV and PyTorch' is.",
    )
    roles: tuple[str, ...] = Field(
        default=(),
        description="Titles of people who practise the skill that word formation does not "
        "derive ('advocate' for law); see skillmatch.roles.",
    )
    parents: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    esco: tuple[str, ...] = ()
    onet: tuple[str, ...] = ()
    hot: bool = False
    description: str | None = None
    source: str = Field(default="", exclude=True)

    @field_validator("id")
    @classmethod
    def _kebab_id(cls, value: str) -> str:
        if not ID_RE.match(value):
            raise ValueError("not kebab-case (use a-z, 0-9 and '-')")
        return value

    @property
    def kind(self) -> str:
        """'ability', 'credential' or 'knowledge' (the SkillSpan / ESCO distinction)."""
        if self.category in ABILITY_CATEGORIES:
            return "ability"
        if self.category in CREDENTIAL_CATEGORIES:
            return "credential"
        return "knowledge"

    def is_ambiguous(self, form: str, cased: bool) -> bool:
        """Whether a surface form needs confirming context (case-insensitive for plain forms)."""
        if form in self.ambiguous:
            return True
        return not cased and form.lower() in {a.lower() for a in self.ambiguous}

    def surface_forms(self) -> Iterator[tuple[str, bool]]:
        """Every form that names the skill, with whether it must match case-sensitively."""
        cased = set(self.cased)
        seen: set[str] = set()
        for form in (self.name, *self.aliases, *self.cased):
            if form not in seen:
                seen.add(form)
                yield form, form in cased


class _SkillEntry(BaseModel):
    """A skill as written in YAML: the category may come from the file."""

    model_config = ConfigDict(extra="forbid")
    _kebab_id = field_validator("id")(Skill._kebab_id.__func__)  # type: ignore[attr-defined]

    id: str
    name: str
    category: str | None = None
    aliases: list[str] = []
    cased: list[str] = []
    ambiguous: list[str] = []
    confirm: list[str] = []
    deny: list[str] = []
    confirm_family: bool = False
    roles: list[str] = []
    parents: list[str] = []
    implies: list[str] = []
    related: list[str] = []
    esco: list[str] = []
    onet: list[str] = []
    hot: bool = False
    description: str | None = None


class _Extension(BaseModel):
    """Additions to an existing skill, from a user's extra file."""

    model_config = ConfigDict(extra="forbid")

    id: str
    aliases: list[str] = []
    cased: list[str] = []
    ambiguous: list[str] = []
    confirm: list[str] = []
    deny: list[str] = []
    roles: list[str] = []
    parents: list[str] = []
    implies: list[str] = []
    related: list[str] = []
    esco: list[str] = []
    onet: list[str] = []


class Frequency(BaseModel):
    """How many of a corpus's documents name each skill: how common, hence how telling, it is.

    Ranking weighs a shared skill by its inverse document frequency, so that two people who both
    list 'communication' look less alike than two who both list 'pleadings drafting'.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(description="The corpus the counts come from.")
    documents: int = Field(gt=0, description="How many documents were counted.")
    counts: dict[str, int] = Field(default={}, description="Skill id -> documents naming it.")


class SalienceWeights(BaseModel):
    """A logistic model's bias and feature weights (see skillmatch.salience)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: dict[str, float] = Field(description="Feature name -> weight; absent features: 0.")


class Salience(SalienceWeights):
    """How likely a knowledge mention in a posting is asked of the candidate, from its context.

    Learned from annotated postings (scripts/train_salience.py): a mention whose probability
    falls under `threshold` outside a skills-like section is dropped from jobs and plain texts.
    `folds` hold the same model fitted on each half of the postings alone, so that the quality
    benchmark can score every posting with a model that never saw it.
    """

    source: str = Field(description="The annotated data the weights were fitted on.")
    threshold: float = Field(gt=0, lt=1)
    folds: dict[str, SalienceWeights] = {}


class _TaxonomyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: str | None = None
    description: str | None = None
    skills: list[_SkillEntry] = []
    extend: list[_Extension] = []
    retire: list[str] = []
    frequency: Frequency | None = None
    salience: Salience | None = None


def default_taxonomy_dir() -> Path:
    """The bundled taxonomy: inside the installed package, else the source tree's `taxonomy/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "taxonomy_data", here.parent / "taxonomy"):
        if candidate.is_dir():
            return candidate
    raise TaxonomyError([f"{here}: the bundled taxonomy folder is missing"])


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"})
    if path.is_file():
        return [path]
    raise TaxonomyError([f"{path}: no such taxonomy file or folder"])


def _read(path: Path, problems: list[str]) -> _TaxonomyFile | None:
    # imported here: a re-rank restores the pickled taxonomy and never reads YAML (20-30 ms)
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C: ~10x faster, where built
    try:
        raw = path.read_bytes()
        data = yaml.load(raw, Loader=loader) or {}
    except OSError as exc:
        problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        return None
    except yaml.YAMLError as exc:
        problems.append(f"{path}: not valid YAML: {exc}")
        return None
    if not isinstance(data, dict):
        problems.append(
            f"{path}: not a taxonomy file (expected a mapping with 'skills', 'extend' or 'retire', "
            f"found {type(data).__name__})"
        )
        return None
    try:
        return _TaxonomyFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = list(err["loc"])
            where = ""
            if len(loc) >= 2 and loc[0] in ("skills", "extend") and isinstance(loc[1], int):
                items = data.get(loc[0]) if isinstance(data, dict) else None
                if (
                    isinstance(items, list)
                    and loc[1] < len(items)
                    and isinstance(items[loc[1]], dict)
                ):
                    where = f"skill {items[loc[1]].get('id', '#' + str(loc[1]))!r}: "
                loc = loc[2:]
            field = ".".join(str(p) for p in loc)
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{path}: {where}{field + ': ' if field else ''}{msg}")
        return None


class Taxonomy:
    """A validated, merged taxonomy with indexes by id, alias and relation."""

    def __init__(
        self,
        skills: Iterable[Skill],
        content_hash: str,
        files: Sequence[str],
        frequency: Frequency | None = None,
        salience: Salience | None = None,
    ) -> None:
        self.skills: dict[str, Skill] = {s.id: s for s in sorted(skills, key=lambda s: s.id)}
        self.hash = content_hash
        self.files = tuple(files)
        self.frequency = frequency
        self.salience = salience
        self._descendants: dict[str, frozenset[str]] = {}
        self._implied: dict[str, frozenset[str]] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._siblings: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        return self.skills.get(skill_id)

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Direct is-a children of each skill id."""
        out: dict[str, list[str]] = {}
        for skill in self.skills.values():
            for parent in skill.parents:
                out.setdefault(parent, []).append(skill.id)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def siblings(self, skill_id: str) -> frozenset[str]:
        """Skills that share a parent with this one (memoised)."""
        found = self._siblings.get(skill_id)
        if found is None:
            parents = self.skills[skill_id].parents
            found = frozenset(c for p in parents for c in self.children.get(p, ())) - {skill_id}
            self._siblings[skill_id] = found
        return found

    def ancestors(self, skill_id: str) -> tuple[str, ...]:
        """All is-a ancestors, nearest first, each once (memoised)."""
        found = self._ancestors.get(skill_id)
        if found is None:
            found = self._ancestors[skill_id] = self._walk_ancestors(skill_id)
        return found

    def _walk_ancestors(self, skill_id: str) -> tuple[str, ...]:
        seen: list[str] = []
        frontier = list(self.skills[skill_id].parents)
        while frontier:
            nxt: list[str] = []
            for pid in frontier:
                if pid not in seen and pid != skill_id:
                    seen.append(pid)
                    nxt.extend(self.skills[pid].parents)
            frontier = nxt
        return tuple(seen)

    def descendants(self, skill_id: str) -> frozenset[str]:
        """All is-a descendants of a skill (memoised: scoring asks for them per résumé)."""
        found = self._descendants.get(skill_id)
        if found is None:
            found = self._descendants[skill_id] = self._walk_descendants(skill_id)
        return found

    def _walk_descendants(self, skill_id: str) -> frozenset[str]:
        out: set[str] = set()
        stack = list(self.children.get(skill_id, ()))
        while stack:
            cid = stack.pop()
            if cid not in out:
                out.add(cid)
                stack.extend(self.children.get(cid, ()))
        return frozenset(out)

    @cached_property
    def related_index(self) -> dict[str, frozenset[str]]:
        """`related` made symmetric: substitutes credit each other."""
        out: dict[str, set[str]] = {sid: set(s.related) for sid, s in self.skills.items()}
        for skill in self.skills.values():
            for other in skill.related:
                out[other].add(skill.id)
        return {k: frozenset(v) for k, v in out.items()}

    def implied_by(self, skill_id: str) -> frozenset[str]:
        """Skills that this skill implies, transitively (Azure ML → Azure → cloud computing)."""
        found = self._implied.get(skill_id)
        if found is None:
            found = self._implied[skill_id] = self._walk_implied(skill_id)
        return found

    def _walk_implied(self, skill_id: str) -> frozenset[str]:
        out: set[str] = set()
        stack = list(self.skills[skill_id].implies)
        while stack:
            sid = stack.pop()
            if sid not in out:
                out.add(sid)
                stack.extend(self.skills[sid].implies)
        return frozenset(out)

    def specificity(self, skill_id: str) -> float:
        """Smoothed inverse document frequency, ln((N + 1) / (n + 1)) + 1: 1.0 for a skill in
        every counted document, largest for one never seen; 1.0 for all without counts."""
        if self.frequency is None:
            return 1.0
        return self._specificity.get(skill_id, self._specificity_unseen)

    @cached_property
    def _specificity(self) -> dict[str, float]:
        freq = self.frequency
        assert freq is not None
        n = freq.documents
        return {sid: math.log((n + 1) / (min(c, n) + 1)) + 1 for sid, c in freq.counts.items()}

    @cached_property
    def _specificity_unseen(self) -> float:
        assert self.frequency is not None  # specificity() answers 1.0 without counts
        return math.log(self.frequency.documents + 1) + 1

    def categories(self) -> dict[str, int]:
        """Number of skills in each category."""
        counts: dict[str, int] = {}
        for skill in self.skills.values():
            counts[skill.category] = counts.get(skill.category, 0) + 1
        return dict(sorted(counts.items()))


def taxonomy_files(
    paths: Sequence[str | Path] | None = None, extra: Sequence[str | Path] = ()
) -> tuple[list[Path], list[Path]]:
    """The YAML files of a taxonomy: the base ones (bundled by default) and the extra ones.

    An extra file already loaded (a bundled file passed to `--taxonomy` or `taxonomy validate`,
    however its path is spelled, or one file passed twice) counts once, where it first stands:
    loaded again it would clash with its own skills as duplicate ids.
    """
    base_files = [f for p in (paths or [default_taxonomy_dir()]) for f in _yaml_files(Path(p))]
    seen = {f.resolve() for f in base_files}
    extra_files: list[Path] = []
    for file in (f for p in extra for f in _yaml_files(Path(p))):
        if file.resolve() not in seen:
            seen.add(file.resolve())
            extra_files.append(file)
    return base_files, extra_files


def content_hash(files: Sequence[Path]) -> str:
    """The hash of the files' names and bytes in load order: it keys every cache."""
    digest = hashlib.sha256()
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b""
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:16]


def load_taxonomy(
    paths: Sequence[str | Path] | None = None, *, extra: Sequence[str | Path] = ()
) -> Taxonomy:
    """Load, merge and validate taxonomy YAML; raise TaxonomyError listing every problem.

    `paths` replaces the bundled taxonomy; `extra` files are merged on top of it.
    """
    problems: list[str] = []
    base_files, extra_files = taxonomy_files(paths, extra)
    skills: dict[str, Skill] = {}
    extra_names = {str(f) for f in extra_files}
    retired: dict[str, Path] = {}  # id -> the file that retires it, for the message
    extensions: list[tuple[Path, _Extension]] = []
    frequency: Frequency | None = None
    salience: Salience | None = None
    n_base = len(base_files)
    for file_no, path in enumerate([*base_files, *extra_files]):
        parsed = _read(path, problems)
        if parsed is None:
            continue
        for entry in parsed.skills:
            category = entry.category or parsed.category
            where = f"{path}: skill {entry.id!r}"
            if not category:
                problems.append(f"{where}: no category (set it on the skill or the file)")
                continue
            # an extra file may redefine a bundled skill; within one layer an id is unique
            if entry.id in skills and (file_no < n_base or skills[entry.id].source in extra_names):
                problems.append(f"{where}: duplicate id (also in {skills[entry.id].source})")
                continue
            try:
                data = entry.model_dump()
                data["category"] = category
                skills[entry.id] = Skill(**data, source=str(path))
            except ValidationError as exc:
                problems.extend(
                    f"{where}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()
                )
        extensions.extend((path, ext) for ext in parsed.extend)
        for sid in parsed.retire:
            retired.setdefault(sid, path)
        if parsed.frequency is not None:  # the last file that has counts wins
            frequency = parsed.frequency
        if parsed.salience is not None:  # ...and so does the last salience model
            salience = parsed.salience
    for path, ext in extensions:
        base = skills.get(ext.id)
        if base is None:
            problems.append(f"{path}: extend {ext.id!r}: no such skill to extend")
            continue
        update = {
            name: tuple(dict.fromkeys([*getattr(base, name), *getattr(ext, name)]))
            for name in ext.model_fields_set - {"id"}
        }
        skills[ext.id] = base.model_copy(update=update)
    for sid, path in sorted(retired.items()):
        if skills.pop(sid, None) is None:
            problems.append(f"{path}: retire {sid!r}: no such skill")
    for skill in skills.values():  # retiring drops relations that pointed at the retired skill
        if retired.keys() & {*skill.parents, *skill.implies, *skill.related}:
            skills[skill.id] = skill.model_copy(
                update={
                    r: tuple(t for t in getattr(skill, r) if t not in retired) for r in RELATIONS
                }
            )
    problems.extend(_check(skills))
    if problems:
        raise TaxonomyError(problems)
    files = base_files + extra_files
    return Taxonomy(
        skills.values(), content_hash(files), [str(f) for f in files], frequency, salience
    )


def _check(skills: dict[str, Skill]) -> list[str]:
    """Relations point at known ids, parents have no cycle, no alias is claimed twice."""
    problems: list[str] = []
    for skill in skills.values():
        where = f"{skill.source}: skill {skill.id!r}"
        for rel in RELATIONS:
            for target in getattr(skill, rel):
                if target == skill.id:
                    problems.append(f"{where}: {rel} names the skill itself")
                elif target not in skills:
                    problems.append(f"{where}: {rel} names unknown skill {target!r}")
        forms = {f for f, _ in skill.surface_forms()}
        lowered = {f.lower() for f, cased in skill.surface_forms() if not cased}
        roles = {r.lower() for r in skill.roles}
        for form in skill.ambiguous:
            if form not in forms and form.lower() not in lowered | roles:
                problems.append(
                    f"{where}: ambiguous form {form!r} is not one of its names or roles"
                )
        for form, _ in skill.surface_forms():
            if not alias_tokens(form)[0]:
                problems.append(f"{where}: alias {form!r} has no letters or digits to match")
    problems.extend(_cycles(skills))
    claimed: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
    for skill in skills.values():
        for form, cased in skill.surface_forms():
            claimed.setdefault(alias_tokens(form)[0], []).append((skill.id, form, cased))
    for owners in claimed.values():
        for i, (sid, form, cased) in enumerate(owners):
            for other_id, other_form, other_cased in owners[:i]:
                if other_id == sid:
                    continue
                if cased and other_cased and form != other_form:
                    continue  # 'SAS' and 'Sas' may name different things
                problems.append(
                    f"{skills[sid].source}: skill {sid!r}: alias {form!r} is also claimed by "
                    f"{other_id!r} ({skills[other_id].source})"
                )
    return problems


def _cycles(skills: dict[str, Skill]) -> list[str]:
    problems: list[str] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(sid: str, path: list[str]) -> None:
        state[sid] = 1
        for parent in skills[sid].parents:
            if parent not in skills:
                continue
            if state.get(parent) == 1:
                loop = [*path[path.index(parent) :], parent] if parent in path else [sid, parent]
                problems.append(
                    f"{skills[sid].source}: skill {sid!r}: cycle in parents: {' -> '.join(loop)}"
                )
            elif parent not in state:
                visit(parent, [*path, parent])
        state[sid] = 2

    for sid in sorted(skills):
        if sid not in state:
            visit(sid, [sid])
    return problems
