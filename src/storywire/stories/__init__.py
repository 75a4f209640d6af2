"""Stories: independent reports of one event grouped online, as they arrive.

``StoryAssigner.place`` runs inside the ingest pipeline for each new article, right after
copy linking; ``vectors`` makes the TF-IDF word and name vectors; ``names`` reads names
(entities when the understanding stage filled them, else capitalised phrases); ``view``
summarises stories for the faces. docs/stories.md explains the design and the figures.
"""

from __future__ import annotations

from storywire.stories.assign import (
    Placement,
    StoryAssigner,
    StoryIndex,
    StoryOptions,
    StorySchemeError,
)
from storywire.stories.names import article_names, capitalised_names, entity_names, fold
from storywire.stories.vectors import Vectorizer, VectorOptions, numbers
from storywire.stories.view import Report, StoryView, story_view, top_entities

__all__ = [
    "Placement",
    "Report",
    "StoryAssigner",
    "StoryIndex",
    "StoryOptions",
    "StorySchemeError",
    "StoryView",
    "VectorOptions",
    "Vectorizer",
    "article_names",
    "capitalised_names",
    "entity_names",
    "fold",
    "numbers",
    "story_view",
    "top_entities",
]
