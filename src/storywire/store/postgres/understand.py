"""What the understand stage found in an article: entities, quotes, figures."""

from __future__ import annotations

import json
from typing import Any

from storywire.store.postgres.database import Database


class UnderstandTables(Database):
    """The article's ``entities``, ``quotes`` and ``figures`` columns."""

    def set_understanding(self, article_id: str, entities: list[dict[str, Any]],
                          quotes: list[dict[str, Any]], figures: list[dict[str, Any]]) -> None:
        self._execute(
            "UPDATE article SET entities = %s, quotes = %s, figures = %s WHERE id = %s",
            (json.dumps(entities, ensure_ascii=False), json.dumps(quotes, ensure_ascii=False),
             json.dumps(figures, ensure_ascii=False), article_id))
