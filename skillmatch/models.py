"""Frozen pydantic results: every span is a character offset into the caller's text."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MatchKind = Literal["exact", "alias", "fuzzy"]
Requirement = Literal["required", "preferred"]
Credit = Literal["exact", "child", "implies", "related"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(_Frozen):
    """One place where a skill is named: the surface text and how it was recognised."""

    text: str
    start: int
    end: int
    match: MatchKind
    confidence: float
    section: str | None = None
    alias: str = Field(description="The taxonomy form that matched (or the fuzzy target).")
    cue: str | None = Field(default=None, description="The cue word that set the requirement.")
    title: bool = Field(
        default=False,
        description="Part of a job title ('Java Developer', 'QA engineer'): evidence of the "
        "skill, but not a skill mention in the sense of annotated corpora (SkillSpan, Green).",
    )
    stack: bool = Field(
        default=False,
        description="In a sentence about the employer's own stack or product ('We use Kafka', "
        "'Our platform runs on AWS') that asks nothing of the candidate: the job's stack, kept "
        "as such, but not a requirement in the sense of annotated corpora (SkillSpan). Job "
        "texts and plain texts only; never set in a résumé.",
    )
    incidental: bool = Field(
        default=False,
        description="Knowledge named in passing: the salience model (skillmatch.salience) "
        "finds its context unlikely to ask it of the candidate ('our team builds payments and "
        "analytics products'). Kept, but a job skill named only so is preferred, and annotated "
        "corpora would not count it as a requirement. Outside skills-like sections of job "
        "texts and plain texts only; never set in a résumé.",
    )


class ExtractedSkill(_Frozen):
    """A skill found in a document, with every mention of it."""

    id: str
    name: str
    category: str
    requirement: Requirement | None = None
    min_years: int | None = None
    years: int | None = Field(default=None, description="Years of experience a résumé states.")
    alternatives: tuple[str, ...] = Field(
        default=(), description="Ids of skills that satisfy the same requirement ('X or Y')."
    )
    mentions: tuple[Mention, ...]

    @property
    def confidence(self) -> float:
        """The best confidence among the mentions."""
        return max(m.confidence for m in self.mentions)


class Profile(_Frozen):
    """The skills of one document: a job's requirements or a résumé's evidence."""

    kind: Literal["job", "resume", "text"] = "text"
    skills: tuple[ExtractedSkill, ...] = ()
    taxonomy_hash: str = ""
    length: int = Field(default=0, description="Length of the text the profile was read from.")

    def get(self, skill_id: str) -> ExtractedSkill | None:
        """The extracted skill with this id, or None."""
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        return None

    @property
    def ids(self) -> frozenset[str]:
        """Ids of every skill in the profile."""
        return frozenset(s.id for s in self.skills)


class Evidence(_Frozen):
    """Where the résumé shows a skill: the mention and the line around it."""

    text: str
    start: int
    end: int
    snippet: str


class MatchedSkill(_Frozen):
    """A job requirement the résumé satisfies, and how much credit it earns."""

    id: str
    name: str
    requirement: Requirement
    credit: float
    via: Credit = Field(description="exact, child (a more specific skill), implies or related.")
    matched_by: str = Field(description="Id of the résumé skill that earned the credit.")
    matched_name: str
    min_years: int | None = None
    years: int | None = Field(default=None, description="Years the résumé states for the skill.")
    evidence: tuple[Evidence, ...] = ()


class ClosestSkill(_Frozen):
    """The candidate's nearest skill to a missing one."""

    id: str
    name: str
    relation: str


class MissingSkill(_Frozen):
    """A job requirement the résumé does not show."""

    id: str
    name: str
    requirement: Requirement
    alternatives: tuple[str, ...] = ()
    closest: ClosestSkill | None = None


class ScoringWeights(_Frozen):
    """The knobs of the fit score; override any of them by passing your own."""

    required: float = Field(default=2.0, ge=0, description="Weight of a required skill.")
    preferred: float = Field(default=1.0, ge=0, description="Weight of a preferred skill.")
    child: float = Field(default=1.0, ge=0, le=1, description="Credit for a more specific skill.")
    implies: float = Field(default=0.7, ge=0, le=1, description="Credit through an implication.")
    related: float = Field(default=0.4, ge=0, le=1, description="Credit for a related substitute.")
    years_floor: float = Field(
        default=0.5, ge=0, le=1, description="Least share of credit kept when years fall short."
    )
    generic: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Weight factor of requirements any candidate tends to claim (soft skills, "
        "human languages, degrees, office tools, everyday abilities).",
    )
    title: float = Field(
        default=2.0,
        ge=0,
        description="Weight factor of requirements the job title names ('Java Developer'): "
        "the role's core.",
    )
    role: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of relevance given to the role match (the résumé's role titles "
        "against the job's title) when the job's title names skills.",
    )


class FitReport(_Frozen):
    """How well a résumé fits a job: the score, what matched and what is missing."""

    score: float = Field(ge=0, le=100)
    focus: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="How much of the résumé is about this job: 100 × the cosine of the two "
        "skill profiles, rarer skills weighing more.",
    )
    role: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="100 × the share of the résumé's role titles ('Data Scientist') that the "
        "job's title names; None when the job's title names no skill.",
    )
    relevance: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="√(score × focus), blended with the role match where the job's title "
        "names skills: high only when the résumé covers the job and is about it. Batches are "
        "ordered by it.",
    )
    matched: tuple[MatchedSkill, ...] = ()
    missing: tuple[MissingSkill, ...] = ()
    weights: ScoringWeights
    extra: tuple[str, ...] = Field(
        default=(), description="Ids of résumé skills the job does not ask for."
    )


class RankedRow(_Frozen):
    """One document of a batch ranking: its place and fit, or why it could not be read.

    The dump (`model_dump()`) is the row contract of `skillmatch rank --json`; the full
    FitReport rides along for library callers but is left out of the dump.
    """

    rank: int | None = Field(
        default=None,
        description="1 = most relevant; None for error rows and rows not yet ranked.",
    )
    document: str = Field(
        description="The path, or the record id, as it was given (a byte of a file name that "
        "is not UTF-8, or a lone surrogate, written as an escape: 'r\\xe9sum\\xe9.txt')."
    )
    score: float | None = Field(default=None, ge=0, le=100)
    focus: float | None = Field(
        default=None, ge=0, le=100, description="How much of the document is about the job."
    )
    role: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="How much of what the document's role titles say the job's title names.",
    )
    relevance: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="√(score × focus), blended with the role match: the order of the ranking.",
    )
    matched: tuple[str, ...] = Field(
        default=(), description="Ids of the job's skills the document shows, required first."
    )
    missing: tuple[str, ...] = Field(
        default=(), description="Ids of the job's skills it does not show, required first."
    )
    error: str | None = Field(default=None, description="Why the document could not be read.")
    report: FitReport | None = Field(default=None, exclude=True, repr=False)
