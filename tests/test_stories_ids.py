"""Story ids are stable: `reprocess --stage stories` gives a story whose members did not
change the id it had, so links, alerts and notes that name it still find it."""

from __future__ import annotations

from storywire.demo import corpus_path
from storywire.pipeline import Pipeline
from storywire.store import open_store


def test_reprocessing_stories_keeps_the_ids_of_unchanged_stories(db_location):
    with open_store(db_location) as store:
        pipeline = Pipeline(store)
        pipeline.ingest([str(corpus_path())])
        before = store.story_memberships()
        assert len(before) == 14
        pipeline.reprocess_stage("stories")
        after = store.story_memberships()
        assert after == before
        # Every member's own record names the same story, and the index finds it.
        for story_id, members in after.items():
            assert {a.id for a in store.story_members(story_id)} == set(members)
            assert store.get_story(story_id) is not None


def test_an_id_that_is_not_its_founder_s_survives_a_rebuild_too(db_location):
    with open_store(db_location) as store:
        pipeline = Pipeline(store)
        pipeline.ingest([str(corpus_path())])
        before = store.story_memberships()
        largest = max(before, key=lambda k: len(before[k]))
        with store.transaction():
            store.rename_story(largest, "0000feedfacecafe")  # as an earlier split named it
        pipeline.reprocess_stage("stories")
        after = store.story_memberships()
        assert after["0000feedfacecafe"] == before[largest] and largest not in after
        assert {k: v for k, v in after.items() if k != "0000feedfacecafe"} == {
            k: v for k, v in before.items() if k != largest}
