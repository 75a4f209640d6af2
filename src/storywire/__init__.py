"""storywire: a self-hosted news monitoring engine that turns an alert stream into stories.

The Python API mirrors the CLI: open a store, run the pipeline over inputs, read articles.

    from storywire import open_store, Pipeline
    with open_store("news.db") as store:
        report = Pipeline(store).ingest(["articles/"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from storywire.model import Article, Capture
from storywire.pipeline import IngestReport, Pipeline, PipelineOptions
from storywire.store import Store, open_store

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
