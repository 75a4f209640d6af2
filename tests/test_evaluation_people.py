"""The people check: its annotations name real ECB+ articles, and its scoring counts a
split person, a non-person and a missed person as the guideline says."""

from __future__ import annotations

import json

from storywire.evaluation.people import (
    TEST_FIFTH_ROUNDS,
    TEST_TOPICS,
    PeopleScore,
    annotations,
    articles,
    form_key,
    picked_by_kind,
    picked_from_fifth,
    score_article,
    topic_places,
    total,
)

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


def test_annotated_articles_follow_the_rule_they_were_chosen_by():
    # GUIDELINE.md: test is the first four articles (in file order) of topics 1-8 and six
    # more of each from the fifth on; dev the first four of topics 9-45, those the pattern
    # rounds pick from the rest of topics 9-45 and six more of each from the fifth on;
    # nothing else may creep into either split.
    data = shared_data("ecbplus").parent
    places = topic_places(data)
    chosen = {key for key, place in places.items() if place <= 4}
    test = {a["id"] for a in articles("test")}
    dev = {a["id"] for a in articles("dev")}
    picked = picked_by_kind(data)
    fifth = picked_from_fifth(data)
    test_fifth = picked_from_fifth(data, TEST_FIFTH_ROUNDS, TEST_TOPICS)
    assert test == ({key for key in chosen if int(key.split("_")[0]) <= 8}
                    | set(test_fifth))
    assert dev == ({key for key in chosen if int(key.split("_")[0]) >= 9} | set(picked)
                   | set(fifth))
    assert (len(test), len(dev), len(picked), len(fifth), len(test_fifth)) == (
        80, 368, 18, 210, 48)
    assert not set(fifth) & set(picked)
    assert all(places[key] in range(5, 11) for key in test_fifth)
    assert sum(places[key] == 1 for key in test) == 8


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


def test_article_scores_add_up_to_the_split_figure():
    reid = PeopleScore()
    score_article([{"text": "Tara Reid", "label": "PERSON", "canonical": "Tara Reid"},
                   {"text": "People", "label": "PERSON", "canonical": "People"}],
                  [["Tara Reid", "Reid"]], reid)
    lohan = PeopleScore()
    score_article([{"text": "Lohan", "label": "PERSON", "canonical": "Lindsay Lohan"},
                   {"text": "Lindsay Lohan", "label": "PERSON", "canonical": "Lindsay Lohan"}],
                  [["Lindsay Lohan", "Lohan"], ["Shawn Holley"]], lohan)
    both = total([reid, lohan])
    assert (both.right, both.listed) == (2, 3)
    assert (both.found, both.annotated) == (2, 3)
    assert (both.merged, both.several_forms) == (2, 2)
    assert both.wrong == ["People"] and both.missed == ["Shawn Holley"]
    assert both.line().startswith("precision 0.667 (2/3; 95% interval 0.208–0.939), "
                                  "recall 0.667 (2/3)")


def test_error_lines_name_each_article_with_its_errors():
    from storywire.evaluation.people import error_lines

    harbour = PeopleScore()
    score_article([{"text": "Ana Ruiz", "label": "PERSON", "canonical": "Ana Ruiz"},
                   {"text": "Lumenfield", "label": "PERSON", "canonical": "Lumenfield"}],
                  [["Ana Ruiz", "Ruiz"], ["Pavel Kulazhanka"]], harbour)
    clean = PeopleScore()
    score_article([{"text": "Ana Ruiz", "label": "PERSON", "canonical": "Ana Ruiz"}],
                  [["Ana Ruiz"]], clean)
    assert error_lines({"9_2ecb": harbour, "9_1ecb": clean}) == [
        "9_2ecb: listed wrongly: Lumenfield | missed: Pavel Kulazhanka"]


def test_wilson_interval_of_a_sample_share():
    from storywire.evaluation.intervals import wilson_interval

    low, high = wilson_interval(383, 421)  # the people test split's precision
    assert round(low, 3) == 0.879 and round(high, 3) == 0.934
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(454, 489)  # a share near 0.93 of ~500 items
    assert low < 0.93 < high and high - low > 0.04
