"""The people check: its annotations name real ECB+ articles, and its scoring counts a
split person, a non-person and a missed person as the guideline says."""

from __future__ import annotations

import json

from storywire.evaluation.people import PeopleScore, annotations, form_key, score_article

from conftest import shared_data


def test_annotations_are_of_real_ecbplus_articles():
    path = shared_data("ecbplus") / "articles.jsonl"
    texts = {}
    for line in path.read_text("utf-8").splitlines():
        article = json.loads(line)
        texts[article["id"]] = article["text"]
    for article in annotations()["articles"]:
        for forms in article["people"]:
            for form in forms:
                assert form in texts[article["id"]], (article["id"], form)


def test_scoring_counts_merges_non_people_and_misses():
    people = [["Tara Reid", "Reid"], ["Jack Ketsoyan", "Ketsoyan"]]
    entities = [
        {"text": "Tara Reid", "label": "PERSON", "canonical": "Tara Reid"},
        {"text": "Reid", "label": "PERSON", "canonical": "Tara Reid"},
        {"text": "Ketsoyan", "label": "PERSON", "canonical": "Ketsoyan"},
        {"text": "Jack Ketsoyan", "label": "PERSON", "canonical": "Jack Ketsoyan"},
        {"text": "People", "label": "PERSON", "canonical": "People"},
        {"text": "Promises", "label": "ORG", "canonical": "Promises"},
    ]
    score = PeopleScore()
    score_article(entities, people, score)
    assert (score.listed, score.right) == (4, 3)  # "People" is a magazine
    assert score.wrong == ["People"]
    assert (score.found, score.annotated) == (2, 2)
    assert (score.merged, score.several_forms) == (1, 2)  # Ketsoyan listed twice
    assert form_key("Mr. Kulazhanka's") == "kulazhanka"
