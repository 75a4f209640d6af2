"""A memo of the understand stage's results for the test run, kept in memory and on disk.

Many tests ingest the same texts (the demo corpus, ECB+ topics) into fresh stores, in this
process and in CLI child processes, and spaCy's parse (with loading its model) is most of
each ingest's time. ``understand`` is a pure function of the text, its language, its year
and the options (``Understander``), so each result is made once by the real code and then
handed out as a copy: from this process's memory, or from a pickle in a directory that
every test process of the run shares (written whole, then renamed into place). An
understander given its own spaCy pipeline is never served from the memo."""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.util
import os
import pickle
import sys
from copy import deepcopy
from pathlib import Path

# The run's shared directory, set by the first test process and inherited by the rest.
DIRECTORY_VARIABLE = "STORYWIRE_TEST_PARSE_DIR"


def install(directory: Path) -> None:
    """Serve ``Understander.understand`` and ``understand_many`` from the memo."""
    from storywire.understand import Understander

    made: dict[tuple, object] = {}
    parse_one, parse_many = Understander.understand, Understander.understand_many

    def key(self, text, language, year) -> tuple | None:
        return None if getattr(self, "_nlp_given", True) else (self.options, text, language, year)

    def file_of(found: tuple) -> Path:
        digest = hashlib.sha256(repr(found).encode("utf-8", "surrogatepass")).hexdigest()
        return directory / f"{digest}.pickle"

    def recall(found: tuple) -> bool:
        if found in made:
            return True
        path = file_of(found)
        if not path.exists():
            return False
        made[found] = pickle.loads(path.read_bytes())
        return True

    def remember(found: tuple, understanding: object) -> None:
        made.setdefault(found, understanding)
        path = file_of(found)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(pickle.dumps(understanding))
        os.replace(part, path)  # another process's copy of the same result, if any, goes

    def understand(self, text, language="en", year=None):
        found = key(self, text, language, year)
        if found is None:
            return parse_one(self, text, language, year)
        if not recall(found):
            remember(found, parse_one(self, text, language, year))
        return deepcopy(made[found])

    def understand_many(self, items, batch_size=32, years=None):
        years = list(years) if years is not None else [None] * len(items)
        keys = [key(self, text, language, year)
                for (text, language), year in zip(items, years, strict=True)]
        if any(k is None for k in keys):
            return parse_many(self, items, batch_size, years)
        new = [i for i, k in enumerate(keys) if not recall(k)]
        if new:
            parsed = parse_many(self, [items[i] for i in new], batch_size,
                                [years[i] for i in new])
            for i, understanding in zip(new, parsed, strict=True):
                remember(keys[i], understanding)
        return [deepcopy(made[k]) for k in keys]

    init = Understander.__init__

    def remembering_init(self, options=None, nlp=None):
        init(self, options, nlp)
        self._nlp_given = nlp is not None

    Understander.__init__ = remembering_init
    Understander.understand = understand
    Understander.understand_many = understand_many


class _OnceUnderstandIsImported(importlib.abc.MetaPathFinder):
    """Installs the memo right after ``storywire.understand`` is first imported, so that a
    child process that never parses (``--help``, ``articles``) imports nothing more."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def find_spec(self, name, path, target=None):
        if name != "storywire.understand":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run_module = spec.loader.exec_module

        def run_then_install(module) -> None:
            run_module(module)
            install(self.directory)

        spec.loader.exec_module = run_then_install
        return spec


def install_on_import(directory: Path) -> None:
    """``install(directory)`` once ``storywire.understand`` is imported (child processes)."""
    sys.meta_path.insert(0, _OnceUnderstandIsImported(directory))
