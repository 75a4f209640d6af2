"""The store's protocols: the SQLite and PostgreSQL stores implement every one of them, the
stages reach the store only through them, and together they keep the whole surface the
store had."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from storywire.copies.link import CopyIndex
from storywire.store import open_store, protocols
from storywire.store.sqlite import SQLiteStore
from storywire.stories.assign import StoryIndex

postgres = pytest.importorskip("storywire.store.postgres",
                               reason="psycopg is absent: pip install 'storywire[postgres]'")
IMPLEMENTATIONS = (SQLiteStore, postgres.PostgresStore)

SRC = Path(__file__).resolve().parent.parent / "src" / "storywire"
STAGES = ("ingest", "extract", "clean", "copies", "stories", "understand", "watch", "sources")

CONCERNS = (
    protocols.Transactional,
    protocols.CaptureStore,
    protocols.ArticleStore,
    protocols.LearnedStore,
    protocols.CopyStore,
    protocols.StoryStore,
    protocols.UnderstandStore,
    protocols.SourceStore,
    protocols.WatchStore,
    protocols.ReadStore,
    protocols.DeferredStore,
)
EVERY_PROTOCOL = (*CONCERNS, protocols.ArticleReads, protocols.Store, CopyIndex, StoryIndex)

# Every method the store offered as one interface before it was split: none may vanish.
SURFACE = {
    "close", "transaction", "__enter__", "__exit__",
    "capture_state", "put_capture", "get_capture", "iter_captures", "capture_hashes",
    "count_captures",
    "put_article", "get_article", "get_articles", "list_articles", "iter_articles",
    "count_articles",
    "article_ids", "search", "summary",
    "observe_lines", "line_counts", "outlet_article_count", "frequent_lines",
    "reset_line_stats", "observe_outlet_host", "outlet_for_host", "reset_outlet_hosts",
    "copy_scheme", "set_copy_scheme", "put_copy_keys", "copy_signatures", "delete_copy_keys",
    "exact_matches", "band_matches", "set_copy", "copies_of", "reset_copies",
    "copy_index_size",
    "add_source", "list_sources", "get_source", "remove_source", "due_sources",
    "unseen_urls", "record_poll", "pending_items", "item_fetched", "item_failed",
    "add_watch", "list_watches", "get_watch", "evaluating", "remove_watch", "articles_after",
    "watch_stories", "watch_stories_with_articles", "save_watch_progress",
    "stories_awaiting_update", "due_deliveries",
    "delivery_done", "recent_alerts", "alerts_after", "last_alert", "watch_counts",
    "story_setting", "set_story_setting", "term_documents", "add_term_documents",
    "put_story", "get_story", "get_stories", "delete_story", "put_story_keys",
    "story_memberships", "rename_story",
    "story_candidates", "put_story_report", "set_story_report", "move_story_members",
    "story_report_vectors", "get_story_reports", "set_story", "story_members",
    "story_member_count", "list_stories", "reset_stories",
    "set_understanding",
    "quoted_articles", "article_page", "story_keys", "copy_counts", "facets",
    "articles_with_people", "deliveries",
    "owe", "owed", "settle", "owed_counts",
}


def methods(protocol: type) -> set[str]:
    """The methods a protocol declares, its own and those of the protocols it is made of."""
    found = set()
    for cls in protocol.__mro__:
        if not getattr(cls, "_is_protocol", False) or cls.__module__ == "typing":
            continue
        for name, value in vars(cls).items():
            public = not name.startswith("_") or name in ("__enter__", "__exit__")
            if public and inspect.isfunction(value):
                found.add(name)
    return found


def parameters(function: object) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_the_protocols_together_keep_the_whole_surface_once() -> None:
    declared = [name for protocol in CONCERNS for name in methods(protocol)]
    assert set(declared) == SURFACE
    assert len(declared) == len(SURFACE)  # each method has one home
    assert methods(protocols.Store) == SURFACE


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("protocol", EVERY_PROTOCOL, ids=lambda p: p.__name__)
def test_each_store_has_every_method_with_the_same_parameters(protocol: type,
                                                              implementation: type) -> None:
    for name in methods(protocol):
        label = f"{implementation.__name__} lacks {protocol.__name__}.{name}"
        assert hasattr(implementation, name), label
        assert parameters(getattr(implementation, name)) == parameters(getattr(protocol, name)), (
            name)


def test_an_open_store_is_an_instance_of_every_protocol(db_location: str) -> None:
    with open_store(db_location) as store:
        for protocol in (*CONCERNS, protocols.ArticleReads, protocols.Store):
            assert isinstance(store, protocol), protocol.__name__
        assert not isinstance(object(), protocols.CaptureStore)


def test_the_stage_indexes_are_made_of_store_protocols() -> None:
    assert protocols.CopyStore in CopyIndex.__mro__
    assert protocols.StoryStore in StoryIndex.__mro__
    assert {"get_article", "copies_of", "band_matches", "set_copy"} <= methods(CopyIndex)
    assert {"get_article", "story_candidates", "move_story_members"} <= methods(StoryIndex)


def imported_modules(path: Path) -> set[str]:
    """Every module a source file names in an import statement (absolute imports)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_stages_reach_the_store_only_through_its_protocols_and_records() -> None:
    allowed = {"storywire.store.protocols", "storywire.store.records"}
    seen = 0
    for stage in STAGES:
        for path in sorted((SRC / stage).rglob("*.py")):
            for module in imported_modules(path):
                if module == "storywire.store" or module.startswith("storywire.store."):
                    seen += 1
                    assert any(module == a or module.startswith(a + ".") for a in allowed), (
                        f"{path.relative_to(SRC)} imports {module}")
                assert "sqlite" not in module.split("."), f"{path.relative_to(SRC)}: {module}"
    assert seen  # the copies and stories stages name their store protocols


def test_records_import_only_the_standard_library_and_the_model() -> None:
    path = SRC / "store" / "records.py"
    for module in imported_modules(path):
        top = module.split(".")[0]
        assert top in sys.stdlib_module_names or module.startswith("storywire.model"), module


def test_importing_the_protocols_leaves_both_stores_unimported() -> None:
    code = ("import sys, storywire.store.protocols, storywire.store.records;"
            " print(sorted(m for m in sys.modules if m.startswith(('storywire.store.sqlite',"
            " 'storywire.store.postgres', 'psycopg'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=SRC.parent)
    assert done.stdout.strip() == "[]"
