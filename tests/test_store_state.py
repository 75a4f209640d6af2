"""The fault tests' store comparison: what it forgives for writers that ran at once, and
what it still reports."""

from __future__ import annotations

from storywire.evaluation.state import StoreState, differences


def _state(links: dict[str, tuple[str, str] | None]) -> StoreState:
    """Articles a, b, c: ``links`` maps an article to (its original, why) or None."""
    articles = {}
    for article_id, link in links.items():
        original, why = link or (None, None)
        articles[article_id] = {
            "title": f"title {article_id}", "copy_of": original,
            "copy_kind": "near" if original else None,
            "copy_evidence": {"similarity": 0.75, "original_because": why} if link else None,
        }
    return StoreState("ok", {}, articles, {}, {})


def test_a_tree_whose_root_was_the_one_stored_first_compares_by_members():
    one = _state({"a": None, "b": ("a", "stored first"), "c": None})
    other = _state({"a": ("b", "stored first"), "b": None, "c": None})
    assert differences(one, other, arrival_free=True) == []
    assert any("copy_of differs" in line for line in differences(one, other))


def test_a_root_chosen_by_publication_time_must_still_match():
    one = _state({"a": None, "b": ("a", "published earlier"), "c": None})
    other = _state({"a": ("b", "published earlier"), "b": None, "c": None})
    assert any("copy_of differs" in line
               for line in differences(one, other, arrival_free=True))


def test_a_different_tree_is_still_a_difference():
    one = _state({"a": None, "b": ("a", "stored first"), "c": None})
    other = _state({"a": None, "b": None, "c": ("a", "stored first")})
    found = differences(one, other, arrival_free=True)
    assert any("copy tree differs" in line for line in found)


def test_a_store_killed_before_its_schema_was_made_reads_as_empty(tmp_path):
    import sqlite3

    from storywire.evaluation.state import read_state

    sqlite3.connect(str(tmp_path / "new.db")).close()  # the file, no tables yet
    state = read_state(tmp_path / "new.db")
    assert state.integrity == "ok" and state.items == 0
    assert differences(state, state) == []
