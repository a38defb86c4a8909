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


def test_retiring_an_unknown_id_names_the_file(tmp_path: Path) -> None:
    extra = write(tmp_path, "ours.yaml", "retire: [nope]\n")
    assert problems_of(MINI, extra=(extra,)) == [f"{extra}: retire 'nope': no such skill"]


def test_an_extra_file_that_is_a_base_file_is_loaded_once(tmp_path: Path) -> None:
    base = write(tmp_path, "langs.yaml", "category: x\nskills:\n  - {id: python, name: Python}\n")
    alone = load_taxonomy([base])
    for again in (base, tmp_path / ".." / tmp_path.name / "langs.yaml"):
        merged = load_taxonomy([tmp_path], extra=[again, again])
        assert (merged.hash, merged.files) == (alone.hash, alone.files)


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


# The ESCO concept whose own labels name the product or the trait comes first: it is the one a
# skill stands for ('MS Excel' is an alternative label of 'use spreadsheets software').
PRIMARY_ESCO = {
    "microsoft-excel": "1973c966-f236-40c9-b2d4-5d71a89019be",  # use spreadsheets software
    "microsoft-word": "81633a44-f1db-4a01-a940-804c6905e330",  # use word processing software
    "microsoft-powerpoint": "234aeb8d-56c3-4531-9193-1c5e6a8d16cb",  # use presentation software
    "computer-literacy": "d15ce60f-ddab-41ce-ba56-398451b77b60",  # have computer literacy
    "organisational-skills": "1258cc12-37bb-4a12-b219-9c3d6b294533",  # work in an organised manner
    "ambition": "19a64e91-bfe3-4c48-9225-3bb1229b12f0",  # show determination
    "teaching": "a117f32c-662b-4dd9-b739-1230dd04cb60",  # pedagogy
    "goal-setting": "113b4428-0a31-4199-8496-070af7854b91",  # meet commitments ('achieve goals')
    "html": "0af062de-eb43-41e9-9b96-249e2cd22d26",  # use markup languages ('use HTML')
    "sap-erp": "bb99af26-71ff-4dca-bde7-1eb1f6194426",  # SAP R3 ('SAP ERP')
    "version-control": "9d2e926f-53d9-41f5-98f3-19dfaa687f3f",  # tools for software config. mgmt
    "information-technology": "ddc3119d-1d6e-4324-9125-a3380d299ac5",  # computer technology
    "software-design-patterns": "2b7a79e5-84d8-4880-be66-3d9bb05bea17",  # use software design patterns
}


@pytest.mark.parametrize("skill_id", sorted(PRIMARY_ESCO))
def test_primary_esco_concept_is_the_one_whose_labels_name_the_skill(skill_id: str) -> None:
    assert load_taxonomy().skills[skill_id].esco[0] == PRIMARY_ESCO[skill_id]
