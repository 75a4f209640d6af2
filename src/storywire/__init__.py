"""storywire: a self-hosted news monitoring engine that turns an alert stream into stories.

The Python API mirrors the CLI: open a store, run the pipeline over inputs, read articles.

    from storywire import open_store, Pipeline
    with open_store("news.db") as store:
        report = Pipeline(store).ingest(["articles/"])

The names below are imported on first use, so that ``import storywire.model`` (or
``storywire --version``) does not load the extractor, spaCy or scikit-learn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from storywire._version import __version__

if TYPE_CHECKING:
    from storywire.model import Article, Capture
    from storywire.pipeline import IngestReport, Pipeline, PipelineOptions
    from storywire.store import Store, open_store

_LAZY = {
    "Article": "storywire.model",
    "Capture": "storywire.model",
    "IngestReport": "storywire.pipeline",
    "Pipeline": "storywire.pipeline",
    "PipelineOptions": "storywire.pipeline",
    "Store": "storywire.store",
    "open_store": "storywire.store",
}

__all__ = [
    "Article",
    "Capture",
    "IngestReport",
    "Pipeline",
    "PipelineOptions",
    "Store",
    "__version__",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storywire' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this hook
    return value
