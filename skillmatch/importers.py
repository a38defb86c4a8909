"""Candidate taxonomy entries from O*NET Technology Skills and the ESCO skills table.

The sources name thousands of products and skills the taxonomy lacks, but their names are not
ready to match text: O*NET appends acronyms and generic suffixes ("Amazon Web Services AWS
software"), ESCO lists product names as alternative labels of broad concepts. So nothing is
added automatically: these pure functions read a source file, set aside every entry the loaded
taxonomy already has (by its `onet` / `esco` reference, else by a name or alias with the same
matching key) and write the rest as candidate YAML for a curator.

The output always loads over the taxonomy it was planned against (`load_taxonomy(extra=[out])`):
ids never collide and no form is claimed twice, because a candidate form that another skill
already claims is dropped rather than shared. Curated skills are never rewritten: where an
existing skill lacks a cross-reference the source has, that is reported as a suggestion only.

    rows -> read_onet / read_esco -> plan_onet / plan_esco -> ImportPlan -> render_yaml
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from skillmatch.errors import SkillmatchError
from skillmatch.normalize import alias_tokens
from skillmatch.recognizers import english_words, key_of
from skillmatch.taxonomy import Taxonomy

Source = Literal["onet", "esco"]
ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"

_ESCO_COLUMNS = ("conceptUri", "preferredLabel", "altLabels")
_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_STOP_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to"})

# UNSPSC commodity title keywords -> taxonomy category, first match wins. Ordered so that the
# narrow phrases come before the broad words they contain ('network conferencing' is a
# productivity tool, not networking).
_COMMODITY_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("operating system software", "operating-system"),
    ("network operation system", "operating-system"),
    ("filesystem", "operating-system"),
    ("driver", "operating-system"),
    ("spreadsheet", "productivity-tool"),
    ("word processing", "productivity-tool"),
    ("presentation", "productivity-tool"),
    ("office suite", "productivity-tool"),
    ("electronic mail", "productivity-tool"),
    ("calendar", "productivity-tool"),
    ("conferencing", "productivity-tool"),
    ("instant messaging", "productivity-tool"),
    ("project management", "productivity-tool"),
    ("document management", "productivity-tool"),
    ("content workflow", "productivity-tool"),
    ("data access and sharing", "productivity-tool"),
    ("process mapping", "productivity-tool"),
    ("security", "security"),
    ("virus", "security"),
    ("authentication", "security"),
    ("testing", "testing"),
    ("configuration management", "devops"),
    ("file versioning", "devops"),
    ("application server", "devops"),
    ("enterprise system management", "devops"),
    ("cloud-based management", "cloud"),
    ("business intelligence", "bi-analytics"),
    ("data base reporting", "bi-analytics"),
    ("charting", "bi-analytics"),
    ("data mining", "bi-analytics"),
    ("enterprise application integration", "data-engineering"),
    ("metadata management", "data-engineering"),
    ("data conversion", "data-engineering"),
    ("data base", "database"),
    ("development environment", "programming-language"),
    ("object or component oriented development", "programming-language"),
    ("compiler", "programming-language"),
    ("web platform development", "framework"),
    ("graphical user interface development", "framework"),
    ("web page", "web"),
    ("internet browser", "web"),
    ("network", "networking"),
    ("router", "networking"),
    ("switching", "networking"),
    ("wireless", "networking"),
    ("gateway", "networking"),
    ("bridge", "networking"),
    ("lan software", "networking"),
    ("internet protocol", "networking"),
    ("internet directory", "networking"),
    ("access software", "networking"),
    ("communications server", "networking"),
    ("interconnectivity", "networking"),
    ("analytical or scientific", "ml-ai"),
    ("expert system", "ml-ai"),
    ("voice recognition", "ml-ai"),
    ("speech", "ml-ai"),
    ("graphics", "design"),
    ("photo", "design"),
    ("video creation", "design"),
    ("music or sound", "design"),
    ("desktop publishing", "design"),
    ("pattern design", "design"),
    ("computer imaging", "design"),
    ("computer aided design", "domain"),
    ("computer aided manufacturing", "domain"),
)
_DEFAULT_ONET_CATEGORY = "enterprise-software"

# ESCO group (immediate broader concept) keywords -> taxonomy category, first match wins.
_ESCO_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("computer programming", "programming-language"),
    ("programming language", "programming-language"),
    ("methodolog", "methodology"),
    ("query language", "database"),
    ("database", "database"),
    ("machine learning", "ml-ai"),
    ("artificial intelligence", "ml-ai"),
    ("cloud", "cloud"),
    ("security", "security"),
    ("cyber", "security"),
    ("operating system", "operating-system"),
    ("network", "networking"),
    ("testing", "testing"),
    ("development environment", "devops"),
    ("configuration management", "devops"),
    ("statistic", "bi-analytics"),
    ("business intelligence", "bi-analytics"),
    ("data analy", "bi-analytics"),
    ("web", "web"),
    ("mobile", "mobile"),
    ("computer aided design", "domain"),
    ("graphic", "design"),
    ("audio", "design"),
    ("video", "design"),
    ("multimedia", "design"),
    ("spreadsheet", "productivity-tool"),
    ("word processing", "productivity-tool"),
    ("office", "productivity-tool"),
    ("enterprise", "enterprise-software"),
    ("learning management", "enterprise-software"),
)


class SourceFileError(SkillmatchError):
    """A source file is missing, unreadable or lacks the columns an importer needs."""


# -- source records ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OnetExample:
    """One O*NET Technology Skills example, aggregated over the occupations that list it."""

    name: str
    commodity_code: str
    commodity_title: str
    hot: bool
    occupations: int


@dataclass(frozen=True, slots=True)
class EscoSkill:
    """One row of the ESCO skills table: the fields an importer uses."""

    uuid: str
    label: str
    alt_labels: tuple[str, ...]
    skill_type: str
    collections: tuple[str, ...]
    pillars: tuple[str, ...]
    broader: tuple[tuple[str, str], ...]  # (uuid, label) of broader skills and skill groups


# -- the plan ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """A proposed new skill, in the taxonomy schema."""

    id: str
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    cased: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    esco: list[str] = field(default_factory=list)
    onet: list[str] = field(default_factory=list)
    hot: bool = False

    def forms(self) -> list[str]:
        """The name, aliases and case-sensitive forms, each once."""
        return list(dict.fromkeys([self.name, *self.aliases, *self.cased]))

    def to_yaml_dict(self) -> dict[str, Any]:
        """The entry as the taxonomy YAML writes it: empty fields left out."""
        data: dict[str, Any] = {"id": self.id, "name": self.name, "category": self.category}
        for key in ("aliases", "cased", "ambiguous", "parents", "esco", "onet"):
            if getattr(self, key):
                data[key] = list(getattr(self, key))
        if self.hot:
            data["hot"] = True
        return data


@dataclass(slots=True)
class Extension:
    """Cross-references a curated skill lacks; a suggestion, never applied to its fields."""

    id: str
    esco: list[str] = field(default_factory=list)
    onet: list[str] = field(default_factory=list)
    hot: bool = False

    def to_yaml_dict(self) -> dict[str, Any]:
        """The suggestion as an `extend:` entry would write it."""
        data: dict[str, Any] = {"id": self.id}
        if self.esco:
            data["esco"] = list(self.esco)
        if self.onet:
            data["onet"] = list(self.onet)
        if self.hot:
            data["hot"] = True
        return data


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source entry left out because it cannot be placed without a curator."""

    label: str
    reason: str


@dataclass(slots=True)
class ImportPlan:
    """What an import proposes: new candidates, cross-reference suggestions, what was left out."""

    source: Source
    read: int = 0  # entries read from the file
    considered: int = 0  # entries left after the filters
    known: int = 0  # already in the taxonomy with this cross-reference
    candidates: list[Candidate] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dropped_forms: list[tuple[str, str]] = field(default_factory=list)  # (candidate id, form)

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI, with the skipped entries and dropped forms listed."""
        return {
            "source": self.source,
            "read": self.read,
            "considered": self.considered,
            "known": self.known,
            "candidates": len(self.candidates),
            "extensions": len(self.extensions),
            "skipped": len(self.skipped),
            "dropped_forms": len(self.dropped_forms),
            "skipped_entries": [{"label": s.label, "reason": s.reason} for s in self.skipped],
            "dropped": [{"id": sid, "form": form} for sid, form in self.dropped_forms],
        }


# -- reading -----------------------------------------------------------------------------------


def _read_table(path: str | Path, delimiter: str, needed: Sequence[str]) -> list[dict[str, str]]:
    """Every row of a CSV / TSV file, after checking it has the columns an importer needs."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = reader.fieldnames or []
            missing = [c for c in needed if c not in header]
            if missing:
                raise SourceFileError(f"{path}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise SourceFileError(f"{path}: not a readable table: {exc}") from None


def read_onet(path: str | Path) -> list[OnetExample]:
    """O*NET examples from `technology_examples_unique.tsv` or `technology_skills.tsv`.

    Both files are accepted: the unique view has an `Occupation Count` per example and
    commodity; the per-occupation file is counted here (distinct O*NET-SOC codes). An example
    listed under two commodities is kept once, under the commodity most occupations use, so
    it yields one candidate; it is Hot if any of its rows is.
    """
    rows = _read_table(path, "\t", ("Example", "Commodity Code", "Commodity Title"))
    per_occupation = bool(rows) and "O*NET-SOC Code" in rows[0]
    if rows and not per_occupation and "Occupation Count" not in rows[0]:
        raise SourceFileError(f"{path}: needs an O*NET-SOC Code or an Occupation Count column")
    occupations: dict[str, set[str]] = {}
    counts: dict[str, Counter[tuple[str, str]]] = {}
    hot: dict[str, bool] = {}
    largest: dict[str, int] = {}
    for row in rows:
        name = (row.get("Example") or "").strip()
        if not name:
            continue
        commodity = (
            (row.get("Commodity Code") or "").strip(),
            (row.get("Commodity Title") or "").strip(),
        )
        hot[name] = hot.get(name, False) or (row.get("Hot Technology") or "").strip() == "Y"
        if per_occupation:
            occupations.setdefault(name, set()).add(row["O*NET-SOC Code"])
            counts.setdefault(name, Counter())[commodity] += 1
            continue
        try:
            n = int(row.get("Occupation Count") or 0)
        except ValueError:
            raise SourceFileError(f"{path}: {name!r}: Occupation Count is not a number") from None
        counts.setdefault(name, Counter())[commodity] += n
        largest[name] = max(largest.get(name, 0), n)
    out = []
    for name, by_commodity in counts.items():
        (code, title), _ = min(by_commodity.items(), key=lambda kv: (-kv[1], kv[0]))
        n = len(occupations[name]) if per_occupation else largest[name]
        out.append(OnetExample(name, code, title, hot[name], n))
    return sorted(out, key=lambda e: (-e.occupations, e.name))


def read_esco(path: str | Path) -> list[EscoSkill]:
    """ESCO skills from the merged `skills.csv` (rows without a preferred label are left out)."""
    out = []
    for row in _read_table(path, ",", _ESCO_COLUMNS):
        uri = (row.get("conceptUri") or "").strip()
        label = (row.get("preferredLabel") or "").strip()
        if not uri.startswith(ESCO_SKILL_URI) or not label:
            continue
        uris = _split(row.get("broaderUris"), " | ")
        labels = _split(row.get("broaderLabels"), " | ")
        broader = tuple(
            (u.removeprefix(ESCO_SKILL_URI), lab)
            for u, lab in zip(uris, labels, strict=False)
            if u.startswith(ESCO_SKILL_URI)  # skill groups and skills, not ISCED-F fields
        )
        out.append(
            EscoSkill(
                uuid=uri.removeprefix(ESCO_SKILL_URI),
                label=label,
                alt_labels=tuple(a for a in _split(row.get("altLabels"), " | ") if a != label),
                skill_type=(row.get("skillType") or "").strip(),
                collections=_split(row.get("collections"), ";"),
                pillars=_split(row.get("pillar"), " | "),
                broader=broader,
            )
        )
    return sorted(out, key=lambda s: (s.label.lower(), s.uuid))


def _split(value: str | None, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(sep) if p.strip())


# -- names -------------------------------------------------------------------------------------


def _is_english(word: str) -> bool:
    return word.isalpha() and word.lower() in english_words()


def _looks_like_product(words: Sequence[str]) -> bool:
    """'Microsoft Office', 'SAP', 'eClinicalWorks EHR', 'Salesforce' — not 'Email', 'Tax'."""
    if not words:
        return False
    if any(any(c.isupper() for c in w[1:]) for w in words):  # SAP, ArcGIS, eClinicalWorks
        return True
    if any(w[:1].isupper() for w in words[1:]):  # Microsoft Office, IBM Power Systems
        return True
    first = words[0]
    return first[:1].isupper() and not _is_english(first)  # Salesforce, Yardi


def strip_onet_suffix(name: str) -> str:
    """Drop O*NET's generic ' software' suffix when what is left still names a product.

    'Amazon Web Services AWS software' -> 'Amazon Web Services AWS', 'SAP software' -> 'SAP';
    'Email software' and 'Blackboard software' stay as they are: 'Email' is a category and
    'Blackboard' an ordinary word, so the suffix is what makes them a product name.
    """
    if not name.endswith(" software"):
        return name
    rest = name.removesuffix(" software").strip()
    return rest if _looks_like_product(rest.split()) else name


def split_acronym(name: str) -> tuple[str, str | None]:
    """'Structured query language SQL' -> ('Structured query language', 'SQL').

    O*NET appends the acronym to the spelled-out name; it is split off only when its letters
    are the initials of the words just before it (with or without 'of', 'and' ...), so
    'IBM SPSS Statistics' and 'Microsoft SQL Server' are left whole.
    """
    words = name.split()
    acronym = words[-1] if words else ""
    if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
        return name, None
    letters = list(acronym.lower())
    before = words[:-1]
    for seq in (before, [w for w in before if w.lower() not in _STOP_WORDS]):
        if (
            len(seq) >= max(2, len(letters))
            and [w[0].lower() for w in seq[-len(letters) :]] == letters
        ):
            return " ".join(before), acronym
    return name, None


def slug(name: str) -> str:
    """A kebab-case id for a name: 'C++ Builder' -> 'cpp-builder', 'F#' -> 'fsharp'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("++", "pp").replace("#", "sharp").replace("+", "plus").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _sentence_case(label: str) -> str:
    """ESCO writes 'machine learning'; the taxonomy writes 'Machine learning'."""
    first = label.split(" ", 1)[0]
    return label[0].upper() + label[1:] if first.islower() else label


def _tokens(form: str) -> tuple[str, ...]:
    return alias_tokens(form)[0]


# -- planning ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    label: str  # as the source writes it
    name: str
    identity: tuple[str, ...]  # forms that, if the taxonomy has one, mean the same skill
    by_name: tuple[str, ...]  # forms that mean the same skill only if they are its name
    aliases: tuple[str, ...]
    cased: tuple[str, ...]
    ref: str
    category: str
    parents: tuple[str, ...] = ()
    hot: bool = False


class _Planner:
    """Places entries against a taxonomy: known, an extension, a candidate, or skipped."""

    def __init__(self, tax: Taxonomy, source: Source, plan: ImportPlan) -> None:
        self.tax = tax
        self.source = source
        self.plan = plan
        self.by_key: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        self.by_tokens: dict[tuple[str, ...], set[str]] = {}
        self.by_ref: dict[str, str] = {}
        for skill in tax.skills.values():
            self.by_name.setdefault(key_of(skill.name), set()).add(skill.id)
            for form, _cased in skill.surface_forms():
                self.by_key.setdefault(key_of(form), set()).add(skill.id)
                self.by_tokens.setdefault(_tokens(form), set()).add(skill.id)
            for ref in skill.onet if source == "onet" else skill.esco:
                self.by_ref.setdefault(self._ref_key(ref), skill.id)
        self.extensions: dict[str, Extension] = {}
        self.candidates: dict[str, Candidate] = {}  # by id
        self.candidate_names: dict[tuple[str, ...], str] = {}  # name tokens -> candidate id

    def _ref_key(self, ref: str) -> str:
        return key_of(ref) if self.source == "onet" else ref.lower()

    def _refs(self, skill_id: str) -> tuple[str, ...]:
        skill = self.tax[skill_id]
        return skill.onet if self.source == "onet" else skill.esco

    def add(self, entry: _Entry) -> None:
        """Place one source entry: known, an extension, merged into a candidate, or new."""
        if self._ref_key(entry.ref) in self.by_ref:
            self.plan.known += 1
            return
        looks = [(f, self.by_key) for f in entry.identity] + [
            (f, self.by_name) for f in entry.by_name
        ]
        for form, index in looks:
            owners = index.get(key_of(form), set())
            if len(owners) > 1:
                who = ", ".join(sorted(owners))
                self.plan.skipped.append(Skipped(entry.label, f"{form!r} names {who}"))
                return
            if owners:
                self._extend(next(iter(owners)), entry)
                return
        sid = slug(entry.name) or f"{self.source}-{slug(entry.ref)}"
        same = self.candidate_names.get(_tokens(entry.name))
        if same is None and sid in self.candidates:
            same = sid
        if same is not None:  # two source entries for one candidate: keep both references
            self._merge(self.candidates[same], entry)
            return
        if sid in self.tax:
            reason = f"id {sid!r} is taken by {self.tax[sid].name!r}, whose names differ"
            self.plan.skipped.append(Skipped(entry.label, reason))
            return
        clash = self.by_tokens.get(_tokens(entry.name))
        if clash:
            reason = f"name {entry.name!r} is claimed by {', '.join(sorted(clash))}"
            self.plan.skipped.append(Skipped(entry.label, reason))
            return
        cand = Candidate(
            id=sid,
            name=entry.name,
            category=entry.category,
            aliases=list(entry.aliases),
            cased=list(entry.cased),
            parents=list(entry.parents),
            hot=entry.hot,
        )
        self._add_ref(cand, entry.ref)
        self.candidates[sid] = cand
        self.candidate_names[_tokens(entry.name)] = sid

    def _add_ref(self, target: Candidate | Extension, ref: str) -> None:
        refs = target.onet if self.source == "onet" else target.esco
        if ref not in refs:
            refs.append(ref)

    def _extend(self, skill_id: str, entry: _Entry) -> None:
        if self._ref_key(entry.ref) in {self._ref_key(r) for r in self._refs(skill_id)}:
            self.plan.known += 1
            return
        ext = self.extensions.setdefault(skill_id, Extension(skill_id))
        self._add_ref(ext, entry.ref)
        ext.hot = ext.hot or (entry.hot and not self.tax[skill_id].hot)

    def _merge(self, cand: Candidate, entry: _Entry) -> None:
        self._add_ref(cand, entry.ref)
        cand.hot = cand.hot or entry.hot
        for form in (entry.name, *entry.aliases):
            if form not in cand.aliases:
                cand.aliases.append(form)
        for form in entry.cased:
            if form not in cand.cased:
                cand.cased.append(form)

    def finish(self) -> None:
        """Drop every form another skill or another candidate claims; mark ordinary words."""
        claims: dict[tuple[str, ...], set[str]] = {}
        names: dict[tuple[str, ...], str] = {}
        for cand in self.candidates.values():
            names[_tokens(cand.name)] = cand.id
            for form in cand.forms():
                claims.setdefault(_tokens(form), set()).add(cand.id)
        for cand in self.candidates.values():
            kept_aliases: list[str] = []
            kept_cased: list[str] = []
            seen = {_tokens(cand.name)}
            for form, kept in [(f, kept_aliases) for f in cand.aliases] + [
                (f, kept_cased) for f in cand.cased
            ]:
                toks = _tokens(form)
                if form == cand.name and kept is kept_cased:
                    kept.append(form)  # the name itself, matched case-sensitively
                    continue
                if toks in seen:
                    continue  # the same form twice (a spelling the matcher does not tell apart)
                taken = (
                    not toks
                    or toks in self.by_tokens
                    or names.get(toks, cand.id) != cand.id
                    or (toks not in names and len(claims[toks]) > 1)
                )
                if taken:
                    self.plan.dropped_forms.append((cand.id, form))
                    continue
                seen.add(toks)
                kept.append(form)
            cand.aliases, cand.cased = kept_aliases, kept_cased
            _mark_ordinary_words(cand)
        self.plan.candidates = sorted(self.candidates.values(), key=lambda c: (c.category, c.id))
        self.plan.extensions = sorted(self.extensions.values(), key=lambda e: e.id)


def _mark_ordinary_words(cand: Candidate) -> None:
    """A one-word form that is an English word ('Slack', 'Box') must not match on its own.

    It is listed as `ambiguous` (it then needs confirming context), and a capitalised name is
    also `cased`, so the candidate cannot fire on ordinary prose before a curator has added
    `confirm` / `deny` words.
    """
    for form in cand.forms():
        camel = any(c.isupper() for c in form[1:]) and not form.isupper()  # InterMine
        if " " in form or camel or not _is_english(form) or form in cand.ambiguous:
            continue
        cand.ambiguous.append(form)
        if form == cand.name and form[:1].isupper() and form not in cand.cased:
            cand.cased.append(form)


def onet_category(commodity_title: str) -> str:
    """A category guess from the UNSPSC commodity an O*NET example is filed under."""
    title = commodity_title.lower()
    for needle, category in _COMMODITY_CATEGORIES:
        if needle in title:
            return category
    return _DEFAULT_ONET_CATEGORY


def esco_category(skill: EscoSkill) -> str:
    """A category guess from an ESCO skill's collections, pillar and broader groups."""
    if "language" in skill.collections or "language skills and knowledge" in skill.pillars:
        return "language"
    if "transversal" in skill.collections or skill.pillars[:1] == (
        "transversal skills and competences",
    ):
        return "soft-skill"
    for _uuid, label in skill.broader:
        low = label.lower()
        for needle, category in _ESCO_CATEGORIES:
            if needle in low:
                return category
    return "domain" if skill.skill_type == "knowledge" else "ability"


def onet_vendors(tax: Taxonomy) -> frozenset[str]:
    """Vendor prefixes O*NET puts before product names, learned from the curated taxonomy.

    A skill named 'MATLAB' with the O*NET name 'The MathWorks MATLAB' shows that 'The
    MathWorks' is a vendor prefix; one seen on two or more skills is trusted, so that
    'Oracle JDBC' can be recognised as the existing JDBC rather than proposed again.
    """
    seen: Counter[str] = Counter()
    for skill in tax.skills.values():
        name = " " + skill.name.lower()
        for ref in skill.onet:
            if ref.lower().endswith(name):
                seen[ref[: len(ref) - len(name)]] += 1
    return frozenset(v for v, n in seen.items() if n >= 2)


def plan_onet(
    examples: Iterable[OnetExample],
    tax: Taxonomy,
    *,
    min_occupations: int = 1,
    hot_only: bool = False,
) -> ImportPlan:
    """Place each O*NET example against the taxonomy; filters keep the widely used ones.

    The candidate's name is the example without the ' software' suffix and without the
    appended acronym, which becomes a case-sensitive form; the O*NET spelling stays in `onet`.
    The example matches an existing skill by its `onet` names, else by the full, stripped or
    spelled-out name being one of the skill's names or aliases, else by that name without a
    vendor prefix being the skill's name ('Oracle JDBC' is JDBC).
    """
    plan = ImportPlan("onet")
    planner = _Planner(tax, "onet", plan)
    vendors = sorted(onet_vendors(tax), key=len, reverse=True)
    for ex in examples:
        plan.read += 1
        if ex.occupations < min_occupations or (hot_only and not ex.hot):
            continue
        plan.considered += 1
        stripped = strip_onet_suffix(ex.name)
        base, acronym = split_acronym(stripped)
        # the acronym alone is not an identity: 'Automate the Schools ATS' is no applicant
        # tracking system
        identity = tuple(dict.fromkeys((ex.name, stripped, base)))
        vendor = next((v for v in vendors if base.startswith(v + " ")), None)
        planner.add(
            _Entry(
                label=ex.name,
                name=base,
                identity=identity,
                by_name=(base.removeprefix(vendor + " "),) if vendor else (),
                aliases=(),
                cased=(acronym,) if acronym else (),
                ref=ex.name,
                category=onet_category(ex.commodity_title),
                hot=ex.hot,
            )
        )
    planner.finish()
    return plan


def plan_esco(
    skills: Iterable[EscoSkill], tax: Taxonomy, *, collection: str | None = "digital"
) -> ImportPlan:
    """Place each ESCO skill of a collection (None: all) against the taxonomy.

    Matching an existing skill goes by its `esco` UUIDs, else by the preferred label (with or
    without a trailing qualifier such as '(learning management systems)'). Alternative labels
    become candidate aliases but never decide identity: ESCO files product names under broad
    concepts. Broader ESCO concepts the taxonomy holds (by UUID) become `parents`.
    ESCO descriptions are not copied.
    """
    plan = ImportPlan("esco")
    planner = _Planner(tax, "esco", plan)
    by_uuid: dict[str, set[str]] = {}
    for skill in tax.skills.values():
        for uuid in skill.esco:
            by_uuid.setdefault(uuid.lower(), set()).add(skill.id)
    seen: set[str] = set()  # the collections the file names, for an unknown one
    for row in skills:
        plan.read += 1
        if collection is not None and collection not in row.collections:
            seen.update(row.collections)
            continue
        plan.considered += 1
        bare = _PAREN.sub("", row.label)
        parents = tuple(
            dict.fromkeys(
                next(iter(owners))
                for uuid, _label in row.broader
                if len(owners := by_uuid.get(uuid.lower(), set())) == 1
            )
        )
        planner.add(
            _Entry(
                label=row.label,
                name=_sentence_case(row.label),
                identity=tuple(dict.fromkeys(f for f in (row.label, bare) if f)),
                by_name=(),
                aliases=tuple(dict.fromkeys(a for a in (bare, *row.alt_labels) if a != row.label)),
                cased=(),
                ref=row.uuid,
                category=esco_category(row),
                parents=parents,
            )
        )
    if collection is not None and plan.read and not plan.considered:
        named = ", ".join(sorted(seen)) or "none"
        raise SkillmatchError(
            f"no ESCO skill in the file is in collection {collection!r} (its collections: {named})"
        )
    planner.finish()
    return plan


# -- output ------------------------------------------------------------------------------------

_HEADERS: dict[Source, tuple[str, ...]] = {
    "onet": (
        "Candidate skills from O*NET 29.2 Technology Skills, for curation.",
        "This product includes information from the O*NET 29.2 Database by the U.S. Department",
        "of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0",
        "license. O*NET is a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or",
        "tested these modifications.",
    ),
    "esco": (
        "Candidate skills from the ESCO classification, for curation.",
        "This product uses the ESCO classification of the European Commission (ESCO v1.2,",
        "(c) European Union, esco.ec.europa.eu). Labels were selected and reformatted; the",
        "European Commission is not responsible for this use.",
    ),
}


def _dump(data: Any) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def render_yaml(plan: ImportPlan) -> str:
    """The candidate file: new skills under `skills:`, suggestions as a commented `extend:`.

    The suggestions are comments because `extend:` entries accept aliases, ambiguity words and
    relations only; a curator copies a missing `onet` / `esco` reference into the skill's own
    file. Every candidate sets its category, so the file needs none of its own.
    """
    lines = [f"# {line}" for line in _HEADERS[plan.source]]
    lines += [
        "#",
        "# Before moving an entry into taxonomy/<category>.yaml: check the name and category,",
        "# add aliases, ambiguity words (cased / ambiguous / confirm / deny) and relations.",
        f"# {len(plan.candidates)} candidate(s), {len(plan.extensions)} cross-reference "
        f"suggestion(s), {len(plan.skipped)} skipped.",
    ]
    body = _dump({"skills": [c.to_yaml_dict() for c in plan.candidates]})
    lines.append(body.rstrip("\n"))
    if plan.extensions:
        lines += [
            "",
            "# Cross-references missing from existing skills (curated fields are never changed).",
            "# `extend:` does not take onet / esco / hot: copy these into the skill's own file.",
        ]
        extend = _dump({"extend": [e.to_yaml_dict() for e in plan.extensions]})
        lines += [f"# {line}" for line in extend.rstrip("\n").split("\n")]
    if plan.skipped:
        lines += ["", "# Skipped (a curator decides):"]
        lines += [f"#   {s.label}: {s.reason}" for s in plan.skipped]
    return "\n".join(lines) + "\n"
