"""What is learned across articles: recurring lines per outlet, outlet names per host."""

from __future__ import annotations

from collections.abc import Iterable

from storywire.store.sqlite.database import Database


class LearnedTables(Database):
    """The ``outlet_line``, ``outlet_stat`` and ``outlet_host`` tables."""

    def observe_lines(self, outlet: str, lines: dict[str, str]) -> None:
        self._db.execute(
            "INSERT INTO outlet_stat (outlet, articles) VALUES (?, 1)"
            " ON CONFLICT(outlet) DO UPDATE SET articles = articles + 1",
            (outlet,),
        )
        self._db.executemany(
            "INSERT INTO outlet_line (outlet, line_key, articles, sample) VALUES (?, ?, 1, ?)"
            " ON CONFLICT(outlet, line_key) DO UPDATE SET articles = articles + 1",
            [(outlet, key, sample) for key, sample in lines.items()],
        )

    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._in_chunks(
            "SELECT line_key, articles FROM outlet_line WHERE outlet = ? AND line_key IN ({in})",
            keys, (outlet,)))

    def outlet_article_count(self, outlet: str) -> int:
        row = self._db.execute(
            "SELECT articles FROM outlet_stat WHERE outlet = ?", (outlet,)).fetchone()
        return row[0] if row else 0

    def frequent_lines(self, outlet: str, min_articles: int) -> list[tuple[str, int, str]]:
        return [tuple(r) for r in self._db.execute(
            "SELECT line_key, articles, sample FROM outlet_line WHERE outlet = ? AND articles >= ?"
            " ORDER BY articles DESC, line_key", (outlet, min_articles))]

    def reset_line_stats(self) -> None:
        self._db.execute("DELETE FROM outlet_line")
        self._db.execute("DELETE FROM outlet_stat")

    def observe_outlet_host(self, host: str, outlet: str) -> None:
        self._db.execute(
            "INSERT INTO outlet_host (host, outlet, articles) VALUES (?, ?, 1)"
            " ON CONFLICT(host, outlet) DO UPDATE SET articles = articles + 1",
            (host, outlet),
        )

    def outlet_for_host(self, host: str) -> str | None:
        row = self._db.execute(
            "SELECT outlet FROM outlet_host WHERE host = ? ORDER BY articles DESC, outlet"
            " LIMIT 1", (host,)).fetchone()
        return row[0] if row else None

    def reset_outlet_hosts(self) -> None:
        self._db.execute("DELETE FROM outlet_host")

