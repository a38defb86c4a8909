"""Loading, validating, merging and overriding taxonomy YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmatch import TaxonomyError, load_taxonomy
from tests.conftest import MINI


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def problems_of(*paths: Path, extra: tuple[Path, ...] = ()) -> list[str]:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(list(paths), extra=extra)
    return info.value.problems


def test_mini_taxonomy_loads_with_relations_indexed() -> None:
    tax = load_taxonomy([MINI])
    assert len(tax) == 23
    assert tax.ancestors("pytorch") == (
        "deep-learning-frameworks",
        "deep-learning",
        "machine-learning",
    )
    assert tax.related_index["tensorflow"] == frozenset({"pytorch"})
    assert tax.implied_by("azure-machine-learning") == frozenset(
        {"microsoft-azure", "machine-learning"}
    )


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "category: x\nskills:\n  - {id: python, name: Python}\n")
    b = write(tmp_path, "b.yaml", "category: x\nskills:\n  - {id: python, name: Python 3}\n")
    assert problems_of(a, b) == [f"{b}: skill 'python': duplicate id (also in {a})"]


def test_alias_claimed_by_two_skills_is_rejected(tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "category: x\nskills:\n  - {id: golang, name: Go lang, aliases: [Golang]}\n"
        "  - {id: go-language, name: Go language, aliases: [golang]}\n",
    )
    assert problems_of(a) == [
        f"{a}: skill 'go-language': alias 'golang' is also claimed by 'golang' ({a})"
    ]


def test_unknown_relation_target_is_named(tmp_path: Path) -> None:
    a = write(
        tmp_path, "a.yaml", "category: x\nskills:\n  - {id: keras, name: Keras, parents: [dl]}\n"
    )
    assert problems_of(a) == [f"{a}: skill 'keras': parents names unknown skill 'dl'"]


def test_cycle_in_parents_is_reported_with_its_path(tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "category: x\nskills:\n  - {id: a, name: A, parents: [b]}\n  - {id: b, name: B, parents: [a]}\n",
    )
    assert problems_of(a) == [f"{a}: skill 'b': cycle in parents: a -> b -> a"]


def test_bad_id_and_unknown_key_are_reported_per_skill(tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "category: x\nskills:\n  - {id: Bad_Id, name: Bad}\n  - {id: ok, name: Ok, colour: red}\n",
    )
    assert sorted(problems_of(a)) == [
        f"{a}: skill 'Bad_Id': id: not kebab-case (use a-z, 0-9 and '-')",
        f"{a}: skill 'ok': colour: Extra inputs are not permitted",
    ]


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "skills: [unclosed\n")
    assert problems_of(a)[0].startswith(f"{a}: not valid YAML")


def test_extra_file_extends_adds_and_retires(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        "ours.yaml",
        "category: internal\n"
        "skills:\n  - {id: skunkworks, name: Skunkworks DSL, parents: [python]}\n"
        "extend:\n  - {id: python, aliases: [Py-lang]}\n"
        "retire: [keras]\n",
    )
    tax = load_taxonomy([MINI], extra=[extra])
    assert "Py-lang" in tax["python"].aliases
    assert tax["skunkworks"].category == "internal"
    assert "keras" not in tax
    assert tax.hash != load_taxonomy([MINI]).hash


def test_extra_file_may_override_a_bundled_skill(tmp_path: Path) -> None:
    extra = write(
        tmp_path, "ours.yaml", "category: lang\nskills:\n  - {id: python, name: CPython}\n"
    )
    tax = load_taxonomy([MINI], extra=[extra])
    assert tax["python"].name == "CPython"
    assert tax["python"].aliases == ()


def test_extending_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    extra = write(tmp_path, "ours.yaml", "extend:\n  - {id: nope, aliases: [x]}\n")
    assert problems_of(MINI, extra=(extra,)) == [f"{extra}: extend 'nope': no such skill to extend"]


def test_missing_taxonomy_path_is_a_clear_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "absent.yaml") == [
        f"{tmp_path / 'absent.yaml'}: no such taxonomy file or folder"
    ]


def test_a_file_that_is_not_a_mapping_is_named_plainly(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "just a line\n")
    assert problems_of(a) == [
        f"{a}: not a taxonomy file (expected a mapping with 'skills', 'extend' or 'retire', "
        "found str)"
    ]
