"""The stage protocol: what every step of the pipeline offers, and the item it works on.

A stage is one unit (scrapy's item pipeline is the model): a name, its options, and up to
two halves of work on a batch of items.

- ``prepare(work)`` is the pure half: a function of the item alone (decode, extract, clean
  by rules, identify the language, parse). The pipeline may run it in a worker process, so
  it reads nothing from the store and keeps nothing between items.
- ``process(batch)`` is the stateful half: it reads and writes the stage's own part of the
  store (learned junk, the copy index, the story index) and runs in the one writer, in
  input order, so the result does not depend on how many workers prepared the batch.

A stage whose pure half reads only what earlier pure halves made (``prepares_early``)
travels to the workers with them; ``before_prepare`` lets the writer settle, just before
the pure half goes out, what the store already knows. Around a run: ``finish()`` settles
what the run left owed (it returns the captures whose articles must be rebuilt),
``rebuild(old, new)`` hears that an article was rebuilt in place, and ``reset()``
forgets everything the stage stored (before ``reprocess --stage NAME``).
Each stage reaches the store only through its own protocol in ``storywire.store.protocols``
and never imports the store's implementation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from storywire.clean import CleanResult
    from storywire.extract import Draft
    from storywire.model import Article, Capture

# What `reprocess --stage NAME` can redo on its own (extract re-runs extract and clean).
REPROCESS_STAGES = ("extract", "copies", "understand", "stories")


@dataclass
class Work:
    """One item on its way through the stages: a capture, then what each stage made of it.

    ``stored`` marks an article read back from the store (reprocessing one stage), which
    has no capture, draft or cleaning; ``known`` marks a capture already stored with its
    article, which every stage passes over.
    """

    capture: Capture | None = None
    draft: Draft | None = None
    cleaned: CleanResult | None = None  # the cleaning by rules alone, before learned junk
    article: Article | None = None
    error: str | None = None  # why this capture holds no article (recorded on the capture)
    known: bool = False
    stored: bool = False
    failures: list[str] = field(default_factory=list)  # a stage's slip on this item
    notes: dict[str, str] = field(default_factory=dict)  # why a stage could not run at all
    done: set[str] = field(default_factory=set)  # stages whose pure half found something
    scratch: dict[str, Any] = field(default_factory=dict)  # a stage's own notes on the item

    @property
    def live(self) -> bool:
        """Still on its way: not already stored, not failed to extract."""
        return not self.known and self.error is None


class Stage:
    """A step of the pipeline; the defaults do nothing, so a stage writes only its halves."""

    name: ClassVar[str] = ""
    # True when ``prepare`` reads only what earlier stages prepared, never what their
    # stateful halves decided: it then travels to the workers with them.
    prepares_early: ClassVar[bool] = False
    # True when ``prepare`` only guesses ahead what a later stage may use (an early parse):
    # where the later stage runs elsewhere (a backfill's own parse), it is left out.
    speculative: ClassVar[bool] = False

    def before_prepare(self, batch: list[Work]) -> None:
        """In the writer, just before the pure half goes out: settle what the store already
        knows (an exact copy takes its original's results instead of being parsed)."""

    def prepare(self, work: Work) -> None:
        """The pure half of the work on one item (may run in a worker process)."""

    def prepare_all(self, batch: list[Work]) -> None:
        """The pure half over a batch (a stage that parses in batches overrides this)."""
        for work in batch:
            self.prepare(work)

    def has_work(self, batch: list[Work]) -> bool:
        """Whether the pure half has anything to do for this batch (if not, the batch
        does not travel to the workers and back for it)."""
        return True

    def process(self, batch: list[Work]) -> int:
        """The stateful half, in the writer and in input order; returns a count to report."""
        return 0

    def finish(self) -> list[str]:
        """End of a run: the capture hashes whose articles must be rebuilt in place."""
        return []

    def rebuild(self, old: Article | None, new: Article) -> None:
        """An article was rebuilt in place (``old`` as it was stored, if it was)."""

    def reset(self) -> None:
        """Forget everything this stage stored, before it runs again over the store."""

    @classmethod
    def prepares(cls) -> bool:
        return cls.prepare is not Stage.prepare

    @classmethod
    def processes(cls) -> bool:
        return cls.process is not Stage.process

