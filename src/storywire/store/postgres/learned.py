"""What is learned across articles: recurring lines per outlet, outlet names per host."""

from __future__ import annotations

from collections.abc import Iterable

from storywire.store.postgres.database import Database


class LearnedTables(Database):
    """The ``outlet_line``, ``outlet_stat`` and ``outlet_host`` tables."""

    def observe_lines(self, outlet: str, lines: dict[str, str]) -> None:
        self._execute(
            "INSERT INTO outlet_stat (outlet, articles) VALUES (%s, 1)"
            " ON CONFLICT (outlet) DO UPDATE SET articles = outlet_stat.articles + 1", (outlet,))
        self._executemany(
            "INSERT INTO outlet_line (outlet, line_key, articles, sample) VALUES (%s, %s, 1, %s)"
            " ON CONFLICT (outlet, line_key) DO UPDATE SET articles = outlet_line.articles + 1",
            [(outlet, key, sample) for key, sample in lines.items()])

    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        return dict(self._all(
            "SELECT line_key, articles FROM outlet_line WHERE outlet = %s"
            " AND line_key = ANY(%s)", (outlet, list(keys))))

    def outlet_article_count(self, outlet: str) -> int:
        row = self._one("SELECT articles FROM outlet_stat WHERE outlet = %s", (outlet,))
        return row[0] if row else 0

    def frequent_lines(self, outlet: str, min_articles: int) -> list[tuple[str, int, str]]:
        return [tuple(r) for r in self._all(
            "SELECT line_key, articles, sample FROM outlet_line WHERE outlet = %s"
            " AND articles >= %s ORDER BY articles DESC, line_key COLLATE \"C\"",
            (outlet, min_articles))]

    def reset_line_stats(self) -> None:
        self._execute("DELETE FROM outlet_line")
        self._execute("DELETE FROM outlet_stat")

    def observe_outlet_host(self, host: str, outlet: str) -> None:
        self._execute(
            "INSERT INTO outlet_host (host, outlet, articles) VALUES (%s, %s, 1)"
            " ON CONFLICT (host, outlet) DO UPDATE SET articles = outlet_host.articles + 1",
            (host, outlet))

    def outlet_for_host(self, host: str) -> str | None:
        row = self._one("SELECT outlet FROM outlet_host WHERE host = %s"
                        " ORDER BY articles DESC, outlet COLLATE \"C\" LIMIT 1", (host,))
        return row[0] if row else None

    def reset_outlet_hosts(self) -> None:
        self._execute("DELETE FROM outlet_host")
