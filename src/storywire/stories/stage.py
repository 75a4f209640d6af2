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
        self.store.reset_stories()
        self._assigner = None
