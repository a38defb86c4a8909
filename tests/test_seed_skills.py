"""Every item of the AI-architect skill map (shared/seed-skills.md) resolves to a skill.

The list is written here so that the test does not need ../shared. Each phrase is how the
item is named in the map (with a little context where the name alone is ambiguous).
"""

from __future__ import annotations

import pytest

from skillmatch import SkillMatcher

SEED = [
    # §1 technical skills
    ("AI-driven workflows", "artificial-intelligence"),
    ("machine learning", "machine-learning"),
    ("automation", "automation"),
    ("real-time data processing", "stream-processing"),
    ("data pipelines", "data-pipelines"),
    ("data structures", "data-structures-algorithms"),
    ("natural language processing", "natural-language-processing"),
    ("data management", "data-management"),
    ("data gathering", "data-collection"),
    ("data storage", "data-storage"),
    ("data security", "data-protection"),
    ("data science", "data-science"),
    ("random forest", "random-forest"),
    ("neural networks", "neural-networks"),
    ("deep learning", "deep-learning"),
    ("infrastructure and operations", "it-infrastructure"),
    ("hardware", "computer-hardware"),
    ("software development", "software-engineering"),
    ("networking", "computer-networking"),
    ("software engineering", "software-engineering"),
    ("DevOps", "devops"),
    ("MLOps", "mlops"),
    ("big data", "big-data"),
    ("data analysis", "data-analysis"),
    ("data visualization", "data-visualization"),
    ("cloud computing", "cloud-computing"),
    ("model deployment", "model-deployment"),
    ("real-time monitoring", "monitoring"),
    # §2 languages, frameworks, platforms, products
    ("Python", "python"),
    ("Java", "java"),
    ("SAS programming", "sas"),
    ("TensorFlow", "tensorflow"),
    ("PyTorch", "pytorch"),
    ("Keras", "keras"),
    ("scikit-learn", "scikit-learn"),
    ("AWS", "aws"),
    ("Microsoft Azure", "microsoft-azure"),
    ("Azure AI services", "azure-ai-services"),
    ("Azure Cognitive Services", "azure-ai-services"),
    ("Azure Machine Learning", "azure-machine-learning"),
    ("Azure OpenAI Service", "azure-openai-service"),
    ("Azure AI Foundry", "azure-ai-foundry"),
    ("Azure AI Search", "azure-ai-search"),
    ("Azure AI Document Intelligence", "azure-ai-document-intelligence"),
    ("Azure Bot Service", "azure-bot-service"),
    ("Tableau", "tableau"),
    ("Sisense", "sisense"),
    ("ChatGPT", "chatgpt"),
    ("GitHub Copilot", "github-copilot"),
    ("generative AI", "generative-ai"),
    ("large language models", "large-language-models"),
    ("prompt engineering", "prompt-engineering"),
    ("retrieval-augmented generation", "retrieval-augmented-generation"),
    ("diffusion models", "diffusion-models"),
    ("Kaggle", "kaggle"),
    # §3 soft skills
    ("communication", "communication"),
    ("project management", "project-management"),
    ("collaboration", "collaboration"),
    ("problem-solving", "problem-solving"),
    # §4 responsibilities
    ("interdepartmental teamwork", "cross-functional-collaboration"),
    ("risk management", "risk-management"),
    ("cybersecurity", "cybersecurity"),
    ("KPI tracking", "performance-evaluation"),
    ("solution implementation", "systems-integration"),
    ("modular AI architectures", "software-architecture"),
    ("open-source contribution", "open-source"),
    # §5 degrees
    ("Bachelor's degree in computer science", "bachelors-computer-science"),
    ("Master's degree in artificial intelligence", "masters-artificial-intelligence"),
    ("Master's degree in data science", "masters-data-science"),
    # §6 certifications and courses
    ("AI For Everyone", "ai-for-everyone"),
    ("Introduction to Artificial Intelligence (AI)", "intro-to-ai-ibm"),
    ("Stanford AI Graduate Certificate", "stanford-ai-graduate-certificate"),
    ("IBM AI Engineering Professional Certificate", "ibm-ai-engineering-professional-certificate"),
    ("IBM AI Developer Professional Certificate", "ibm-ai-developer-professional-certificate"),
    ("Microsoft Certified: Azure AI Engineer Associate", "azure-ai-engineer-associate"),
    ("AI-102", "azure-ai-engineer-associate"),
    ("Azure Data Scientist Associate", "azure-data-scientist-associate"),
    ("DP-100", "azure-data-scientist-associate"),
    ("AI-900", "azure-ai-fundamentals"),
    ("AWS Certified Machine Learning – Specialty", "aws-certified-machine-learning-specialty"),
    (
        "Google Professional Machine Learning Engineer",
        "google-professional-machine-learning-engineer",
    ),
    ("PMP", "pmp"),
]


@pytest.mark.parametrize(("phrase", "skill_id"), SEED, ids=[p for p, _ in SEED])
def test_seed_item_resolves_to_its_skill(matcher: SkillMatcher, phrase: str, skill_id: str) -> None:
    found = [s.id for s in matcher.extract(f"Experience: {phrase}.").skills]
    assert skill_id in found, f"{phrase!r} -> {found}"
