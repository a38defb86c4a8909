"""O*NET and ESCO importers: candidates for what is new, suggestions for missing references,
curated skills untouched, and output that loads over the taxonomy it was planned against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from skillmatch import load_taxonomy
from skillmatch.cli import main
from skillmatch.errors import SkillmatchError
from skillmatch.importers import (
    SourceFileError,
    plan_esco,
    plan_onet,
    read_esco,
    read_onet,
    render_yaml,
    slug,
    split_acronym,
    strip_onet_suffix,
)
from skillmatch.taxonomy import Taxonomy

PYTHON_ESCO = "ccd0a1d9-afda-43d9-b901-96344886e14d"
PROGRAMMING_ESCO = "21d2f96d-35f7-4e3f-9745-c533d2dd6e97"
ZORBLANG_ESCO = "11111111-2222-3333-4444-555555555555"
SQL_ESCO = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"  # made up: not in any taxonomy
GREEN_ESCO = "99999999-8888-7777-6666-555555555555"

# A small taxonomy of our own, so that these tests do not move when the bundled one grows.
TINY = """\
category: tech
skills:
  - id: programming
    name: Computer programming
    esco: [21d2f96d-35f7-4e3f-9745-c533d2dd6e97]
  - id: python
    name: Python
    aliases: [Python 3]
    parents: [programming]
    esco: [ccd0a1d9-afda-43d9-b901-96344886e14d]
    onet: [Python]
    hot: true
  - id: sql
    name: SQL
    aliases: [Structured query language]
  - id: spring-boot
    name: Spring Boot
    aliases: [SpringBoot]
  - id: jdbc
    name: JDBC
  - id: java
    name: Java
    onet: [Oracle Java]
  - id: netsuite
    name: NetSuite
    onet: [Oracle NetSuite]
"""

ONET_HEADER = (
    "Example\tCommodity Code\tCommodity Title\tClass Title\tFamily Title\tHot Technology"
    "\tOccupation Count\tIn Demand Occupation Count\tComputer/Math Occupation Count"
)
BI, DB, WEB = (
    ("43232314", "Business intelligence and data analysis software"),
    ("43232306", "Data base user interface and query software"),
    ("43232408", "Web platform development software"),
)
ONET_ROWS = [
    ("Python", ("43232405", "Object or component oriented development software"), "Y", 500),
    ("Zorblix Analytics software", BI, "Y", 12),
    ("Zorblix Analytics software", DB, "N", 4),  # filed twice: one candidate, under BI
    ("Synthetic quorble language SQL", DB, "N", 3),
    ("Spring Boot", WEB, "Y", 40),
    ("Oracle JDBC", DB, "N", 7),
]

ESCO_HEADER = (
    "conceptUri,preferredLabel,labelSource,altLabels,skillType,reuseLevel,description,"
    "collections,pillar,groupPaths,broaderUris,broaderLabels,searchText"
)
SKILL = "http://data.europa.eu/esco/skill/"
ESCO_ROWS = [
    f"{SKILL}{PYTHON_ESCO},Python,x,,knowledge,sector-specific,,digital,knowledge,g,,,",
    f"{SKILL}{ZORBLANG_ESCO},zorblang programming,x,Zorblang | Python 3 | zorb language,"
    f"knowledge,sector-specific,Not copied.,digital,knowledge,g,"
    f"{SKILL}{PROGRAMMING_ESCO} | http://data.europa.eu/esco/isced-f/0613,"
    "computer programming | software and applications development and analysis,",
    f"{SKILL}{SQL_ESCO},SQL,x,,knowledge,sector-specific,,digital,knowledge,g,,,",
    f"{SKILL}{GREEN_ESCO},compost heaps,x,,knowledge,sector-specific,,green,knowledge,g,,,",
    f"{SKILL}00000000-0000-0000-0000-000000000000,,,,,,,digital,,,,,unlabelled",
]

ZORBLIX = {
    "id": "zorblix-analytics",
    "name": "Zorblix Analytics",
    "category": "bi-analytics",
    "onet": ["Zorblix Analytics software"],
    "hot": True,
}
QUORBLE = {
    "id": "synthetic-quorble-language",
    "name": "Synthetic quorble language",
    "category": "database",
    "onet": ["Synthetic quorble language SQL"],
}
ZORBLANG = {
    "id": "zorblang-programming",
    "name": "Zorblang programming",
    "category": "programming-language",
    "aliases": ["Zorblang", "zorb language"],
    "parents": ["programming"],
    "esco": [ZORBLANG_ESCO],
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def tiny_tax(tiny: Path) -> Taxonomy:
    return load_taxonomy([tiny])


@pytest.fixture
def onet_unique(tmp_path: Path) -> Path:
    lines = [ONET_HEADER]
    for name, (code, title), hot, n in ONET_ROWS:
        lines.append(f"{name}\t{code}\t{title}\tclass\tSoftware\t{hot}\t{n}\t0\t0")
    path = tmp_path / "technology_examples_unique.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def onet_per_occupation(tmp_path: Path) -> Path:
    """The same examples, one row per occupation: Zorblix in three occupations, SQL in one."""
    header = "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand"
    rows = [
        ("15-1252.00", "Zorblix Analytics software", BI, "Y"),
        ("15-2051.00", "Zorblix Analytics software", BI, "Y"),
        ("11-3021.00", "Zorblix Analytics software", DB, "N"),
        ("15-1252.00", "Synthetic quorble language SQL", DB, "N"),
        ("15-1252.00", "Python", ("43232405", "Object or component oriented development"), "Y"),
    ]
    lines = [header] + [f"{soc}\t{name}\t{c}\t{t}\t{hot}\tN" for soc, name, (c, t), hot in rows]
    path = tmp_path / "technology_skills.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def esco_csv(tmp_path: Path) -> Path:
    path = tmp_path / "skills.csv"
    path.write_text("\n".join([ESCO_HEADER, *ESCO_ROWS]) + "\n", encoding="utf-8")
    return path


def _curated(tax: Taxonomy, ids: list[str]) -> dict[str, dict]:
    return {sid: tax[sid].model_dump() for sid in ids}


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amazon Web Services AWS software", "Amazon Web Services AWS"),
        ("SAP software", "SAP"),
        ("Salesforce software", "Salesforce"),
        ("Microsoft Office software", "Microsoft Office"),
        ("Email software", "Email software"),  # 'Email' alone is a category, not a product
        ("Blackboard software", "Blackboard software"),  # 'Blackboard' alone is a word
        ("Sage 50 Accounting Software", "Sage 50 Accounting Software"),  # a product's own name
    ],
)
def test_onet_software_suffix_is_stripped_only_from_product_names(name: str, expected: str) -> None:
    assert strip_onet_suffix(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Structured query language SQL", ("Structured query language", "SQL")),
        ("Amazon Web Services AWS", ("Amazon Web Services", "AWS")),
        ("Point of sale POS", ("Point of sale", "POS")),
        ("IBM SPSS Statistics", ("IBM SPSS Statistics", None)),
        ("Microsoft SQL Server", ("Microsoft SQL Server", None)),
        ("Desire2Learn LMS", ("Desire2Learn LMS", None)),
    ],
)
def test_appended_acronym_is_split_only_when_it_spells_the_initials(
    name: str, expected: tuple[str, str | None]
) -> None:
    assert split_acronym(name) == expected


def test_slug_makes_kebab_case_ids() -> None:
    assert [slug(n) for n in ("C++ Builder", "F#", "Node.js", "Zorblix Analytics")] == [
        "cpp-builder",
        "fsharp",
        "node-js",
        "zorblix-analytics",
    ]


# -- reading ----------------------------------------------------------------------------------


def test_both_onet_files_give_the_same_examples(
    onet_unique: Path, onet_per_occupation: Path
) -> None:
    unique = {e.name: e for e in read_onet(onet_unique)}
    per_occupation = {e.name: e for e in read_onet(onet_per_occupation)}
    assert unique["Zorblix Analytics software"].commodity_code == "43232314"
    assert per_occupation["Zorblix Analytics software"].commodity_code == "43232314"
    assert unique["Zorblix Analytics software"].hot is True
    assert per_occupation["Zorblix Analytics software"].occupations == 3
    assert unique["Zorblix Analytics software"].occupations == 12
    assert len(unique) == 5  # the example filed under two commodities is one example


def test_esco_reader_splits_alt_labels_and_skips_unlabelled_rows(esco_csv: Path) -> None:
    rows = {r.uuid: r for r in read_esco(esco_csv)}
    assert sorted(rows) == sorted([PYTHON_ESCO, ZORBLANG_ESCO, SQL_ESCO, GREEN_ESCO])
    assert rows[ZORBLANG_ESCO].alt_labels == ("Zorblang", "Python 3", "zorb language")
    assert rows[ZORBLANG_ESCO].broader == ((PROGRAMMING_ESCO, "computer programming"),)


def test_a_file_without_the_needed_columns_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Name\tCode\nPython\t1\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"missing column\(s\) Example, Commodity Code"):
        read_onet(bad)


# -- O*NET planning ---------------------------------------------------------------------------


def test_onet_plan_proposes_new_examples_and_leaves_known_ones_out(
    onet_unique: Path, tiny_tax: Taxonomy
) -> None:
    plan = plan_onet(read_onet(onet_unique), tiny_tax)
    assert [c.to_yaml_dict() for c in plan.candidates] == [ZORBLIX, QUORBLE]  # by category
    assert plan.known == 1  # Python: the taxonomy has its O*NET name
    assert plan.dropped_forms == [("synthetic-quorble-language", "SQL")]  # the sql skill's
    assert plan.skipped == []


def test_onet_plan_suggests_missing_references_by_name_and_vendor_prefix(
    onet_unique: Path, tiny_tax: Taxonomy
) -> None:
    plan = plan_onet(read_onet(onet_unique), tiny_tax)
    assert [e.to_yaml_dict() for e in plan.extensions] == [
        {"id": "jdbc", "onet": ["Oracle JDBC"]},  # 'Oracle' is learned from Java and NetSuite
        {"id": "spring-boot", "onet": ["Spring Boot"], "hot": True},
    ]


def test_onet_filters_keep_hot_and_widely_used_examples(
    onet_unique: Path, tiny_tax: Taxonomy
) -> None:
    hot = plan_onet(read_onet(onet_unique), tiny_tax, hot_only=True)
    assert [c.id for c in hot.candidates] == ["zorblix-analytics"]
    assert [e.id for e in hot.extensions] == ["spring-boot"]
    wide = plan_onet(read_onet(onet_unique), tiny_tax, min_occupations=10)
    assert (wide.read, wide.considered) == (5, 3)
    assert [c.id for c in wide.candidates] == ["zorblix-analytics"]


def test_onet_yaml_loads_over_the_taxonomy_and_leaves_curated_skills_alone(
    onet_unique: Path, tiny: Path, tiny_tax: Taxonomy, tmp_path: Path
) -> None:
    text = render_yaml(plan_onet(read_onet(onet_unique), tiny_tax))
    assert yaml.safe_load(text) == {"skills": [ZORBLIX, QUORBLE]}
    assert "# extend:\n# - id: jdbc\n#   onet: [Oracle JDBC]\n# - id: spring-boot\n" in text
    out = tmp_path / "onet.yaml"
    out.write_text(text, encoding="utf-8")
    merged = load_taxonomy([tiny], extra=[out])
    assert len(merged) == len(tiny_tax) + 2
    existing = sorted(tiny_tax.skills)
    assert _curated(merged, existing) == _curated(tiny_tax, existing)


def test_two_examples_with_one_name_become_one_candidate(tiny_tax: Taxonomy) -> None:
    from skillmatch.importers import OnetExample

    examples = [
        OnetExample("Zorblix Analytics software", *BI, True, 12),
        OnetExample("Zorblix Analytics", *DB, False, 2),
    ]
    plan = plan_onet(examples, tiny_tax)
    assert [c.to_yaml_dict() for c in plan.candidates] == [
        {**ZORBLIX, "onet": ["Zorblix Analytics software", "Zorblix Analytics"]}
    ]


def test_a_candidate_named_by_an_ordinary_word_needs_context(tiny_tax: Taxonomy) -> None:
    from skillmatch.importers import OnetExample

    plan = plan_onet([OnetExample("Slack", *WEB, False, 9)], tiny_tax)
    assert plan.candidates[0].to_yaml_dict() == {
        "id": "slack",
        "name": "Slack",
        "category": "framework",
        "cased": ["Slack"],
        "ambiguous": ["Slack"],
        "onet": ["Slack"],
    }


def test_an_id_taken_by_a_differently_named_skill_is_skipped(tiny_tax: Taxonomy) -> None:
    from skillmatch.importers import OnetExample

    plan = plan_onet([OnetExample("JDBC!", *DB, False, 1)], tiny_tax)
    assert plan.candidates == []
    assert [(s.label, s.reason) for s in plan.skipped] == [
        ("JDBC!", "id 'jdbc' is taken by 'JDBC', whose names differ")
    ]


# -- ESCO planning ----------------------------------------------------------------------------


def test_esco_plan_proposes_new_skills_with_parents_and_free_aliases(
    esco_csv: Path, tiny_tax: Taxonomy
) -> None:
    plan = plan_esco(read_esco(esco_csv), tiny_tax)
    assert [c.to_yaml_dict() for c in plan.candidates] == [ZORBLANG]
    assert plan.dropped_forms == [("zorblang-programming", "Python 3")]  # python's alias
    assert plan.known == 1  # Python, by its UUID
    assert [e.to_yaml_dict() for e in plan.extensions] == [{"id": "sql", "esco": [SQL_ESCO]}]
    assert (plan.read, plan.considered) == (4, 3)  # the green row is outside the collection


def test_esco_collection_no_row_is_in_is_an_error_naming_the_files_collections(
    esco_csv: Path, tiny_tax: Taxonomy
) -> None:
    with pytest.raises(SkillmatchError, match=r"'bogus' \(its collections: .*digital"):
        plan_esco(read_esco(esco_csv), tiny_tax, collection="bogus")
    result = CliRunner().invoke(
        main, ["taxonomy", "import-esco", str(esco_csv), "--collection", "bogus"]
    )
    assert result.exit_code == 1
    assert "no ESCO skill in the file is in collection 'bogus'" in result.output


def test_esco_collection_none_takes_every_row(esco_csv: Path, tiny_tax: Taxonomy) -> None:
    plan = plan_esco(read_esco(esco_csv), tiny_tax, collection=None)
    assert [c.id for c in plan.candidates] == ["compost-heaps", "zorblang-programming"]
    assert plan.candidates[0].category == "domain"  # knowledge with no known group


def test_esco_yaml_loads_over_the_taxonomy_and_leaves_curated_skills_alone(
    esco_csv: Path, tiny: Path, tiny_tax: Taxonomy, tmp_path: Path
) -> None:
    text = render_yaml(plan_esco(read_esco(esco_csv), tiny_tax))
    assert yaml.safe_load(text) == {"skills": [ZORBLANG]}
    assert f"# extend:\n# - id: sql\n#   esco: [{SQL_ESCO}]\n" in text
    assert "Not copied." not in text  # ESCO descriptions stay out
    out = tmp_path / "esco.yaml"
    out.write_text(text, encoding="utf-8")
    merged = load_taxonomy([tiny], extra=[out])
    assert merged["zorblang-programming"].parents == ("programming",)
    existing = sorted(tiny_tax.skills)
    assert _curated(merged, existing) == _curated(tiny_tax, existing)


# -- the CLI, over the bundled taxonomy -------------------------------------------------------


def test_cli_import_onet_writes_loadable_yaml_and_a_json_summary(
    onet_unique: Path, tmp_path: Path
) -> None:
    out = tmp_path / "onet.yaml"
    result = CliRunner().invoke(
        main, ["taxonomy", "import-onet", str(onet_unique), "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["known"] >= 1  # Python is in the bundled taxonomy
    skills = yaml.safe_load(out.read_text("utf-8"))["skills"]
    assert ZORBLIX in skills
    assert all(s["id"] != "python" and "Python" not in s["onet"] for s in skills)
    assert summary["candidates"] == len(skills)
    merged = load_taxonomy(extra=[out])
    assert merged["zorblix-analytics"].onet == ("Zorblix Analytics software",)
    assert merged["python"] == load_taxonomy()["python"]


def test_cli_import_esco_prints_yaml_on_stdout_and_the_summary_on_stderr(esco_csv: Path) -> None:
    result = CliRunner().invoke(main, ["taxonomy", "import-esco", str(esco_csv)])
    assert result.exit_code == 0, result.output
    skills = {s["id"]: s for s in yaml.safe_load(result.stdout)["skills"]}
    assert skills["zorblang-programming"]["esco"] == [ZORBLANG_ESCO]
    assert all(PYTHON_ESCO not in s.get("esco", []) for s in skills.values())
    assert result.stderr.startswith(
        "1 new candidate(s), 1 cross-reference suggestion(s), 1 already known, 0 skipped"
    )
    assert "# - id: sql\n" in result.stdout  # the bundled SQL lacks the made-up UUID


def test_cli_json_summary_needs_an_out_file(esco_csv: Path) -> None:
    result = CliRunner().invoke(main, ["taxonomy", "import-esco", str(esco_csv), "--json"])
    assert result.exit_code == 2
    assert "--json prints the summary on standard output: give --out FILE" in result.output


def test_cli_reports_a_wrong_file_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,label\n1,x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "import-esco", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {bad}: missing column(s) conceptUri, preferredLabel, altLabels"
    )
