"""The command line, driven through click's CliRunner: output, stdin, errors, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from skillmatch.cli import main
from tests.conftest import ROOT

JOB = "Requirements:\n- 5+ years of Python\n- Kubernetes or Docker\n\nNice to have:\n- Tableau\n"
RESUME = "Skills: Python (6 years), Docker, Power BI\n"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_score_reads_the_job_from_stdin(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = run("score", str(resume), "--json", input=JOB)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"score", "matched", "missing", "weights"}
    assert {m["id"] for m in data["matched"]} >= {"python", "docker"}
    assert data["score"] > 50


def test_score_with_job_option_prints_a_table(tmp_path: Path) -> None:
    job, resume = tmp_path / "job.md", tmp_path / "cv"
    job.write_text(JOB, encoding="utf-8")
    resume.write_text(RESUME, encoding="utf-8")
    result = run("score", "--job", str(job), str(resume))
    assert result.exit_code == 0, result.output
    assert "Fit score:" in result.output
    assert "Python" in result.output


def test_score_json_contract(samples: Path) -> None:
    result = run(
        "score",
        "--job",
        str(samples / "jobs/ai-architect.txt"),
        str(samples / "resumes/maya-chen.txt"),
        "--json",
    )
    data = json.loads(result.output)
    assert 0 <= data["score"] <= 100
    for m in data["matched"]:
        assert set(m) >= {"id", "name", "requirement", "credit", "evidence"}
    levels = [m["requirement"] for m in data["missing"]]
    assert levels == sorted(levels, key=lambda r: r != "required")
    for m in data["missing"]:
        assert set(m) >= {"id", "name", "requirement", "closest"}


def test_extract_json_contract(samples: Path) -> None:
    result = run("extract", str(samples / "jobs/ai-architect.txt"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    skills = {s["id"]: s for s in data["skills"]}
    assert skills["python"]["requirement"] == "required"
    assert skills["python"]["min_years"] == 3
    for s in data["skills"]:
        assert set(s) >= {"id", "name", "category", "requirement", "min_years", "mentions"}
        for m in s["mentions"]:
            assert set(m) >= {"text", "start", "end", "match", "confidence", "section"}
            assert set(m) >= {"title", "stack", "incidental"}


def test_extract_says_why_a_mention_asks_nothing() -> None:
    job = (
        "Our platform group maintains a large data lake and several Kubernetes clusters that "
        "power reporting for the whole company, and it works closely with finance on quarterly "
        "planning and budgeting.\n\nWe use Kafka for our pipelines.\n\n"
        "Requirements:\n- Python\n"
    )
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["extract", "-"], input=job)
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert "finance (in passing)" in lines["Finance"]
    assert "Kafka (their stack)" in lines["Apache Kafka"]
    assert "(" not in lines["Python"].split("│")[-2]


def test_extract_from_stdin_as_resume() -> None:
    result = run("extract", "-", "--as", "resume", "--json", input="Python for 4 years")
    data = json.loads(result.output)
    assert data["skills"][0]["id"] == "python"
    assert data["skills"][0]["requirement"] is None
    assert data["skills"][0]["years"] == 4


def test_missing_file_exits_1_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file"


def test_binary_file_is_refused_clearly(tmp_path: Path) -> None:
    blob = tmp_path / "cv.bin"
    blob.write_bytes(b"\x00\x01\x02binary\xff")
    result = CliRunner().invoke(main, ["extract", str(blob)])
    assert result.exit_code == 1
    assert "binary file" in result.output
    assert "Traceback" not in result.output


def test_corrupt_pdf_is_refused_clearly(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    result = CliRunner().invoke(main, ["score", "--job", str(pdf), str(pdf)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {pdf}: ")


def test_undecodable_text_is_refused_clearly(tmp_path: Path) -> None:
    latin = tmp_path / "cv.txt"
    latin.write_bytes("Résumé: Python".encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(latin)])
    assert result.exit_code == 1
    assert "not UTF-8 text" in result.output


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["score"])
    assert result.exit_code == 2


def test_both_inputs_from_stdin_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["score", "-"], input="x")
    assert result.exit_code == 2


def test_empty_stdin_is_a_clear_error(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(resume)], input="")
    assert result.exit_code == 1
    assert "<stdin>: empty document" in result.output


def test_taxonomy_stats_and_show() -> None:
    stats = json.loads(run("taxonomy", "stats", "--json").output)
    assert stats["skills"] >= 800
    shown = json.loads(run("taxonomy", "show", "pytorch", "--json").output)
    assert shown["name"] == "PyTorch"
    assert "deep-learning" in shown["ancestors"]


def test_taxonomy_validate_reports_problems_with_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: x\nskills:\n  - {id: a, name: A, parents: [zz]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: skill 'a': parents names unknown skill 'zz'" in result.output


# the override file of taxonomy/README.md, as a user would save it
README_OVERRIDE = """\
category: internal
skills:
  - {id: our-dsl, name: OurDSL, parents: [programming]}
extend:
  - {id: python, aliases: [Py-lang]}
retire: [kaggle]
"""


def test_taxonomy_validate_checks_a_file_merged_over_the_bundled_taxonomy(tmp_path: Path) -> None:
    from skillmatch.compiled import cached_taxonomy

    ours = tmp_path / "ours.yaml"
    ours.write_text(README_OVERRIDE, encoding="utf-8")
    result = run("taxonomy", "validate", str(ours), "--json")
    assert result.exit_code == 0, result.output
    loaded = cached_taxonomy(extra=[ours])  # what `--taxonomy ours.yaml` loads
    assert json.loads(result.output) == {"valid": True, "skills": len(loaded), "hash": loaded.hash}


def test_taxonomy_validate_checks_a_bundled_file_in_place_of_its_copy() -> None:
    from skillmatch.compiled import cached_taxonomy

    bundled = ROOT / "taxonomy" / "programming-languages.yaml"
    for path in (bundled, os.path.relpath(bundled)):  # however the user spells it
        result = run("taxonomy", "validate", str(path), "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["hash"] == cached_taxonomy().hash


def test_taxonomy_validate_merges_the_taxonomy_option_under_its_files(tmp_path: Path) -> None:
    ours, links = tmp_path / "ours.yaml", tmp_path / "links.yaml"
    ours.write_text(README_OVERRIDE, encoding="utf-8")
    links.write_text("extend:\n  - {id: our-dsl, aliases: [OurDSL 2]}\n", encoding="utf-8")
    alone = CliRunner().invoke(main, ["taxonomy", "validate", str(links)])
    assert alone.exit_code == 1
    assert alone.output == f"{links}: extend 'our-dsl': no such skill to extend\n"
    result = run("taxonomy", "validate", str(links), "--taxonomy", str(ours))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ")


def test_taxonomy_validate_json_names_the_file_of_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("retire: [no-such-skill]\nextend:\n  - {id: nope, aliases: [x]}\n", "utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "validate", str(bad), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "valid": False,
        "problems": [
            f"{bad}: extend 'nope': no such skill to extend",
            f"{bad}: retire 'no-such-skill': no such skill",
        ],
    }


def test_taxonomy_search_is_fuzzy() -> None:
    rows = json.loads(run("taxonomy", "search", "kubernets", "--json").output)
    assert rows[0]["id"] == "kubernetes"
    # no short alias that only matches a piece of the query ('TS', 'BE', 'Net+', '.NET')
    assert not {"typescript", "bachelors-degree", "comptia-network-plus", "dotnet"} & {
        r["id"] for r in rows
    }


def test_extra_taxonomy_option_adds_skills(tmp_path: Path) -> None:
    extra = tmp_path / "ours.yaml"
    extra.write_text(
        "category: internal\nskills:\n  - {id: zorblang, name: Zorblang}\n", encoding="utf-8"
    )
    result = run("extract", "--taxonomy", str(extra), "--json", input="We code in Zorblang.")
    assert [s["id"] for s in json.loads(result.output)["skills"]] == ["zorblang"]


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "score", "taxonomy"):
        assert command in result.output


def test_a_job_with_no_known_skill_says_so(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = run("score", str(resume), input="We are kind people who like lunch.")
    assert result.exit_code == 0
    assert "Fit score: 0.0 / 100" in result.output
    assert "names no skill the taxonomy knows" in result.output
