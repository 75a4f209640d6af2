"""The copy stage: every new article is fingerprinted and linked to its original, if any.

All of it is stateful (the band index lives in the store), so it runs in the writer.
"""

from __future__ import annotations

from storywire.copies.link import CopyIndex, CopyLinker, CopyOptions, CopySchemeError
from storywire.model import Article
from storywire.stage import Stage, Work


class CopyStage(Stage):
    name = "copies"

    def __init__(self, store: CopyIndex, options: CopyOptions | None = None) -> None:
        self.store = store
        self.options = options or CopyOptions()
        self._linker: CopyLinker | None = None

    @property
    def linker(self) -> CopyLinker:
        """The linker over this store; its band keys must match the store's scheme."""
        if self._linker is None:
            scheme = self.options.fingerprint.scheme()
            stored = self.store.copy_scheme()
            if stored is None:
                self.store.set_copy_scheme(scheme)
            elif stored != scheme:
                raise CopySchemeError(
                    f"the copy index of this store was built as {stored!r}, this storywire "
                    f"builds {scheme!r}: run `storywire reprocess --stage copies` once")
            self._linker = CopyLinker(self.store, self.options)
        return self._linker

    def note(self) -> str | None:
        """Why rewrites will not be aligned by meaning in this run (no encoder), if so."""
        return self.linker.encoder_missing()

    def process(self, batch: list[Work]) -> int:
        """Link each article; counts the links made (the new article copies a stored one,
        or a stored one turns out to copy it)."""
        return sum(self.linker.link(work.article) is not None
                   for work in batch if _ready(work))

    def rebuild(self, old: Article | None, new: Article) -> None:
        if old is not None:
            self.linker.refresh(old, new)

    def reset(self) -> None:
        self.store.reset_copies()
        self.store.set_copy_scheme(self.options.fingerprint.scheme())
        self._linker = None


def _ready(work: Work) -> bool:
    return work.article is not None and (work.live or work.stored)
