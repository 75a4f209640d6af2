"""The story stage: every original joins a story or starts one; copies take their
original's. Stateful (the story index lives in the store), so it runs in the writer, after
the copy stage."""

from __future__ import annotations

from storywire.model import Article
from storywire.stage import Stage, Work
from storywire.stories.assign import StoryAssigner, StoryIndex, StoryOptions


class StoryStage(Stage):
    name = "stories"

    def __init__(self, store: StoryIndex, options: StoryOptions | None = None) -> None:
        self.store = store
        self.options = options or StoryOptions()
        self._assigner: StoryAssigner | None = None
        self._before: dict[str, list[str]] = {}

    @property
    def assigner(self) -> StoryAssigner:
        """The assigner over this store; its vectors must match the store's scheme."""
        if self._assigner is None:
            assigner = StoryAssigner(self.store, self.options)
            assigner.check_scheme()
            self._assigner = assigner
        return self._assigner

    def process(self, batch: list[Work]) -> int:
        placed = 0
        for work in batch:
            article = work.article
            if article is None or not (work.live or work.stored):
                continue
            if work.stored and article.story_id is not None:
                continue  # a copy placed with its original already has one
            self.assigner.place(article)
            placed += 1
        return placed

    def rebuild(self, old: Article | None, new: Article) -> None:
        if old is not None:
            self.assigner.settle(new)

    def reset(self) -> None:
        self._before = self.store.story_memberships()
        self.store.reset_stories()
        self._assigner = None

    def keep_ids(self) -> int:
        """After a rebuild from scratch (``reset`` then every article again): a story whose
        members are the same as before the reset takes back its old id, so links to it and
        alerts about it still name it. Returns how many stories were renamed."""
        before = {tuple(members): story_id for story_id, members in self._before.items()}
        after = self.store.story_memberships()
        renamed = 0
        for story_id, members in list(after.items()):
            old = before.get(tuple(members))
            if old is None or old == story_id or old in after:
                continue  # new or changed, already the same, or its old id is taken
            self.store.rename_story(story_id, old)
            after[old] = after.pop(story_id)
            renamed += 1
        self._before = {}
        return renamed
