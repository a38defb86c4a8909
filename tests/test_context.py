"""Reading a job: requirement levels, years, alternatives, sections."""

from __future__ import annotations

from skillmatch import SkillMatcher
from skillmatch.sections import heading_label


def levels(m: SkillMatcher, text: str) -> dict[str, str | None]:
    return {s.id: s.requirement for s in m.parse_job(text).skills}


def test_sections_set_requirement_levels(mini: SkillMatcher) -> None:
    job = "Requirements:\n- Python\n- Docker\n\nNice to have:\n- Kubernetes\n"
    assert levels(mini, job) == {
        "python": "required",
        "docker": "required",
        "kubernetes": "preferred",
    }


def test_sentence_cues_make_a_skill_preferred(mini: SkillMatcher) -> None:
    job = "Python is required. Docker is a plus. Familiarity with Kubernetes. Tableau preferred."
    assert levels(mini, job) == {
        "python": "required",
        "docker": "preferred",
        "kubernetes": "preferred",
        "tableau": "preferred",
    }


def test_a_cue_after_a_skill_stays_in_its_own_clause(matcher: SkillMatcher) -> None:
    job = (
        "Requirements\n"
        "- 5+ years of Java, ideally in fintech\n"  # 'ideally' leads its own words
        "- Salesforce every day; HubSpot is helpful\n"  # a semicolon ends the clause
        "- Docker, familiarity with Helm\n"
        "- Kubernetes, preferred\n"  # a cue that closes the clause looks back over it
        "- Python, ideally.\n"
    )
    assert levels(matcher, job) == {
        "java": "required",
        "fintech": "preferred",
        "salesforce": "required",
        "hubspot": "preferred",
        "docker": "required",
        "helm": "preferred",
        "kubernetes": "preferred",
        "python": "preferred",
    }


def test_cues_as_ads_write_them_and_where_they_stop(matcher: SkillMatcher) -> None:
    job = (
        "Requirements\n"
        "- Knowledge of Kubernetes will be advantage\n"  # no article, as non-native ads write
        "- German is additional asset\n"
        "- React is considered as plus\n"
        "- Take advantage of Python\n"  # the bare word is no cue
        "- Oracle queries (PL/SQL is an added advantage) JUnit and Maven\n"
        "- Terraform is a plus.Basic knowledge of Unix\n"  # a sentence that lost its space
        "- Kafka (a plus)\n"
        "- Citrix/VMware (NOT essential)\n"
        "- It helps if you know Rust\n"
    )
    assert levels(matcher, job) == {
        "kubernetes": "preferred",
        "german": "preferred",
        "react": "preferred",
        "python": "required",
        "oracle-database": "required",  # the bracket's cue is PL/SQL's
        "pl-sql": "preferred",
        "junit": "required",
        "maven": "required",
        "terraform": "preferred",
        "unix": "required",
        "apache-kafka": "preferred",
        "citrix": "preferred",
        "vmware": "preferred",
        "rust-language": "preferred",
    }


def test_a_cue_that_closes_its_clause_does_not_reach_forward(matcher: SkillMatcher) -> None:
    job = (
        "Requirements\n"
        "- Bachelor's degree required, Master's preferred\n"
        "- Spanish a plus, English required\n"
        "- Spark (a plus) or Databricks\n"  # a bracket of cue words is the list's
    )
    assert levels(matcher, job) == {
        "bachelors-degree": "required",
        "masters-degree": "preferred",
        "spanish": "preferred",
        "english": "required",
        "apache-spark": "preferred",
        "databricks": "preferred",
    }


def test_must_in_a_nice_to_have_section_stays_required(mini: SkillMatcher) -> None:
    assert levels(mini, "Bonus:\n- You must know Python\n- Docker") == {
        "python": "required",
        "docker": "preferred",
    }


def test_company_blurb_skills_are_not_requirements(mini: SkillMatcher) -> None:
    job = "Requirements:\n- Python\n\nAbout us\nOur teams use Docker and Kubernetes.\n"
    assert levels(mini, job) == {"python": "required"}


def test_years_attach_to_the_skills_they_qualify(mini: SkillMatcher) -> None:
    job = mini.parse_job(
        "5+ years of Python and Docker; Kubernetes (2 years); three years with Tableau"
    )
    years = {s.id: s.min_years for s in job.skills}
    assert years == {"python": 5, "docker": 5, "kubernetes": 2, "tableau": 3}


def test_years_do_not_come_from_degree_lengths(mini: SkillMatcher) -> None:
    job = mini.parse_job("A 4-year degree and Python")
    assert job.get("python").min_years is None


def test_resume_years_are_read(mini: SkillMatcher) -> None:
    resume = mini.parse_resume("Python developer for 6 years. Docker: 2 years.")
    assert (resume.get("python").years, resume.get("docker").years) == (6, 2)
    assert resume.get("python").requirement is None


def test_or_lists_become_alternatives(mini: SkillMatcher) -> None:
    job = mini.parse_job(
        "Requirements: PyTorch or TensorFlow; Python, Go, or R; Docker and Kubernetes"
    )
    alt = {s.id: s.alternatives for s in job.skills}
    assert alt["pytorch"] == ("tensorflow",)
    assert alt["go-language"] == ("python", "r-language")
    assert alt["docker"] == ()


def alternatives(m: SkillMatcher, text: str) -> dict[str, tuple[str, ...]]:
    return {s.id: s.alternatives for s in m.parse_job(text).skills}


def test_an_or_inside_a_list_joins_only_its_neighbours(matcher: SkillMatcher) -> None:
    alt = alternatives(matcher, "Requirements\n- Git, Maven or Gradle, Jenkins\n")
    assert alt == {"git": (), "maven": ("gradle",), "gradle": ("maven",), "jenkins": ()}
    alt = alternatives(matcher, "Requirements\n- Experience with S3, Hadoop/MapReduce, Hive\n")
    assert alt["apache-hadoop"] == ("mapreduce",)
    assert alt["amazon-s3"] == () and alt["apache-hive"] == ()


def test_a_list_ending_in_or_is_any_of_it(matcher: SkillMatcher) -> None:
    alt = alternatives(matcher, "Requirements\n- Python, Java, or Scala\n")
    assert alt["python"] == ("java", "scala")
    tools = "Requirements\n- MLflow, Kubeflow or a similar MLOps tool\n"
    assert alternatives(matcher, tools)["mlflow"] == ("kubeflow", "mlops")


def test_subjects_of_a_degree_are_any_of_them(matcher: SkillMatcher) -> None:
    related = "Requirements\n- Bachelor's in Computer Science, Statistics or a related field\n"
    assert alternatives(matcher, related)["statistics"] == ("bachelors-computer-science",)
    listed = "Requirements\n- BS/MS in Mathematics, Physics, Economics\n"
    assert alternatives(matcher, listed)["physics"] == (
        "bachelors-degree",
        "economics",
        "masters-mathematics",  # 'MS in Mathematics'
    )
    one_of = "Requirements\n- One of the following: Java, Scala, C/C++\n"
    assert alternatives(matcher, one_of)["java"] == ("c-language", "cpp", "scala")


def test_slash_pairs_are_alternatives(mini: SkillMatcher) -> None:
    job = mini.parse_job("Requirements: Tableau/Power BI dashboards")
    assert job.get("tableau").alternatives == ("power-bi",)


def test_heading_detection() -> None:
    assert heading_label("Requirements:") == "requirements"
    assert heading_label("Nice to have") == "preferred"
    assert heading_label("Preferred Qualifications:") == "preferred"
    assert heading_label("About Us") == "about"
    assert heading_label("Benefits") == "about"
    assert heading_label("What you will do") == "responsibilities"
    assert heading_label("Experience with Python and SQL") is None
    assert heading_label("Technical Skills: Python, SQL") == "skills"


def test_word_list_patterns_open_with_a_class_yet_answer_like_the_plain_pattern() -> None:
    import re

    from skillmatch.context import _words_search

    words = "you|your|skills?|knowledge|our (?:company|products?)"
    plain = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    fast = _words_search(words)
    assert fast.pattern.startswith("[")  # the engine can skip ahead to a first letter
    texts = [
        "Your SKILLS matter",
        "yourself",  # no word boundary after 'your'
        "beyond",  # 'you' inside a word
        "ſkills in Python",  # long s: IGNORECASE takes it for 's'
        "\u212anowledge of SQL",  # Kelvin sign for 'K'
        "OUR PRODUCTS ship",
        "our companyX",
        "tour company",
        "",
    ]
    assert [bool(fast.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert [bool(fast.search(t)) for t in texts] == [
        True, False, False, True, True, True, False, False, False,
    ]  # fmt: skip
    assert bool(fast.search("so your", 3, 7)) and not fast.search("so your", 4, 7)


def test_a_leading_group_stands_for_one_alternative_per_branch() -> None:
    import re

    from skillmatch.context import _WORKPLACE, _WORKPLACE_BEFORE, _words_search

    words = "our|(?:team|gr(?:ou|e)p) of"
    plain = re.compile(rf"\b(?:{words})\s+(?:\w+\s+)?$", re.IGNORECASE)
    fast = _words_search(words, r"\s+(?:\w+\s+)?$")
    texts = ["TEAM OF ", "a grep of skilled ", "steam of ", "group of", "Our own ", "groep of x "]
    assert [bool(fast.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert [bool(fast.search(t)) for t in texts] == [True, True, False, False, True, False]
    workplace = re.compile(
        rf"\b(?:our|we are an?|we're an?|join an?|a culture of|culture of|environment of"
        rf"|spirit of|{_WORKPLACE} (?:of|that values|built on|based on|focused on))"
        r"\s+(?:\w+\s+)?$",
        re.IGNORECASE,
    )
    text = "Join a team that values open minds; our culture of kind candour and a Start-up of "
    for end in range(len(text) + 1):
        start = max(0, end - 40)
        assert bool(_WORKPLACE_BEFORE.search(text, start, end)) == bool(
            workplace.search(text, start, end)
        ), end


def test_only_gaps_with_or_or_a_slash_may_join_alternatives() -> None:
    from skillmatch.matcher import _may_join

    text = "Python or Java, Go / Rust and C# either way" + " " * 30 + "X"
    assert _may_join(text, 6, 10)  # ' or '
    assert not _may_join(text, 14, 16)  # ', '
    assert _may_join(text, 18, 21)  # ' / '
    assert not _may_join(text, 25, 30)  # ' and '
    assert not _may_join(text, 10, 10)  # no gap
    assert not _may_join(text, 43, len(text) - 1)  # longer than any list separator
    assert _may_join("A OR B", 1, 5)


def test_every_role_noun_after_a_mention_makes_a_title() -> None:
    # the role-noun pattern skips ahead on the nouns' first letters: none may be left out
    from skillmatch.context import _ROLE_WORDS, in_job_title

    nouns = [n.rstrip("?s") for n in _ROLE_WORDS.split("|")]
    for noun in nouns:
        for after in (f" {noun}", f" {noun.upper()}", f"/SRE {noun.title()}", f"\t{noun}s"):
            text = f"Java{after} wanted"
            assert in_job_title(text, 4, "Java", True), text
    assert not in_job_title("Java, SQL and Go", 4, "Java", True)
