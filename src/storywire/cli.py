"""The command-line face: thin commands over the pipeline and the store."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storywire._version import DEFAULT_USER_AGENT, __version__
from storywire.ingest import DEFAULT_MAX_BYTES, InputError
from storywire.model import Article, utcnow
from storywire.stage import REPROCESS_STAGES
from storywire.store import ArticleFilter, Store, StoreError, open_store

# Only for annotations: every command imports what it runs, so that `storywire --help` and
# `--version` do not load the extractor, spaCy or scikit-learn.
if TYPE_CHECKING:
    from storywire.monitor import CycleReport, Monitor, MonitorOptions
    from storywire.pipeline import IngestReport, Pipeline, PipelineOptions
    from storywire.sources import PollOptions
    from storywire.stories import StoryView
    from storywire.understand.views import FigureComparison, SpeakerQuotes

console = Console()
errors = Console(stderr=True)


class Context:
    def __init__(self, db: str | None) -> None:
        self.db = db

    def store(self) -> Store:
        try:
            return open_store(self.db)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc


def _load_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Read storywire.toml (``--config``, else the working directory's) before any other
    option, so that it supplies their defaults (flags and environment still win)."""
    from storywire.config import default_map, find_config, read_config
    path = find_config(value)
    settings = read_config(path) if path else {}
    ctx.meta["storywire.config"] = (path, settings)
    if path:
        ctx.default_map = default_map(ctx.command, settings, path)  # type: ignore[arg-type]
    return str(path) if path else None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", metavar="PATH", envvar="STORYWIRE_CONFIG", show_envvar=True,
              is_eager=True, expose_value=False, callback=_load_config,
              help="Settings file (default: ./storywire.toml when it exists); environment "
                   "variables and flags override it.")
@click.option("--db", metavar="PATH|URL", envvar="STORYWIRE_DB", show_envvar=True,
              help="Database file, or postgresql://USER@HOST[:PORT]/DBNAME for a shared "
                   "PostgreSQL store (default: ./storywire.db).")
@click.version_option(__version__, prog_name="storywire")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """storywire turns a stream of news articles into stories."""
    ctx.obj = Context(db)


@main.command("config")
@click.pass_context
def config_command(ctx: click.Context) -> None:
    """Print the settings in effect and where each came from (flag, environment,
    storywire.toml or default)."""
    from storywire.config import settings_in_effect, shown
    root = ctx.find_root()
    path, settings = root.meta.get("storywire.config", (None, {}))
    flags = {}
    if root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        flags["db"] = root.params.get("db")
    click.echo(f"configuration file: {path or '(none: no ./storywire.toml)'}")
    found = settings_in_effect(ctx.find_root().command, settings, path,  # type: ignore[arg-type]
                               flags)
    width = max(len(s.name) for s in found)
    for setting in found:
        click.echo(f"{setting.name:<{width}}  {shown(setting)}  ({setting.origin})")


def _workers_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--workers", type=click.IntRange(min=0), default=0, envvar="STORYWIRE_WORKERS",
        show_envvar=True,
        help="Processes for extraction, cleaning, language and parsing (default 0: one per "
             "core; 1 runs them in this process). The result is the same for any number.",
    )(command)


def _gather_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The story stage's gather pass, on by default for files and feeds alike (the same
    articles give the same stories whichever way they came)."""
    return click.option(
        "--gather/--no-gather", default=True, show_default=True, envvar="STORYWIRE_GATHER",
        show_envvar=True,
        help="Let a story that grows draw in young one-report stories its reports would now "
             "join (the story stage's gather pass; docs/stories.md).",
    )(command)


def _pipeline_options(workers: int, **changes: Any) -> PipelineOptions:
    from storywire.pipeline import PipelineOptions
    from storywire.workers import default_workers
    return PipelineOptions(workers=workers or default_workers(), **changes)


# -- ingest --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest page or record accepted.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option("--semantic-rewrites/--no-semantic-rewrites", default=None,
              help="Find paraphrased rewrites by sentence embeddings too (default: when "
                   "the embeddings extra is installed; see docs/copies.md).")
@click.option("--understand/--no-understand", default=True,
              help="Find entities, quotes and figures (the spaCy stage; "
                   "`reprocess --stage understand` fills them later).")
@_gather_option
@_workers_option
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], max_bytes: int, progress: bool,
           semantic_rewrites: bool | None, understand: bool, gather: bool,
           workers: int) -> None:
    """Read articles from files and folders: HTML, text, JSON Lines, JSON, WARC (.gz too)."""
    from storywire.copies import embed
    options = _pipeline_options(workers, max_bytes=max_bytes)
    options = replace(options, stories=replace(options.stories, gather=gather))
    if not understand:
        options = replace(options, understand=replace(options.understand, enabled=False))
    if semantic_rewrites and not embed.available():
        raise click.ClickException(embed.INSTALL_HINT)
    if semantic_rewrites is False:
        options = replace(options, copies=replace(
            options.copies, detect=replace(options.copies.detect, semantic=False)))
    with obj.store() as store:
        report = _run_ingest(store, paths, options, progress)
    _print_report(report)
    if not report.ok:
        sys.exit(1)


def _run_ingest(store: Store, paths: tuple[str, ...], options: PipelineOptions,
                show_progress: bool) -> IngestReport:
    from storywire.pipeline import Pipeline
    with Pipeline(store, options) as pipeline, _stage_errors(), \
            _progress_bar("Ingesting", show_progress) as advance:
        return pipeline.ingest(paths, progress=advance, on_error=_print_error)


@contextmanager
def _stage_errors() -> Iterator[None]:
    """A stage that refuses to run on this store, or a store that cannot be written (locked
    too long, a full disk, read-only, damaged), says why in one line, not a traceback."""
    from storywire.copies import CopySchemeError
    from storywire.stories import StorySchemeError
    from storywire.understand import ModelMissing
    try:
        yield
    except (CopySchemeError, StorySchemeError, ModelMissing, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _progress_bar(label: str, enabled: bool) -> Iterator[object]:
    if not enabled:
        yield None
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=False) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _print_error(error: InputError) -> None:
    errors.print(f"[red]error:[/red] {error}", markup=True, highlight=False, soft_wrap=True)


_NOTICES_SHOWN = 20


def _print_report(report: IngestReport) -> None:
    parts = [_count(report.files, "file"), f"{_count(report.read, 'item')} read",
             _count(report.added, "new article"), f"{report.unchanged} already stored"]
    if report.relearned:
        parts.append(f"{report.relearned} re-cleaned with learned junk")
    if report.copies:
        parts.append(f"{_count(report.copies, 'copy', 'copies')} of stored articles")
    parts.append(f"{len(report.errors)} failed")
    for notice in report.notices[:_NOTICES_SHOWN]:
        errors.print(f"[yellow]note:[/yellow] {escape(str(notice))}", highlight=False,
                     soft_wrap=True)
    if len(report.notices) > _NOTICES_SHOWN:
        errors.print(f"[yellow]note:[/yellow] … and {len(report.notices) - _NOTICES_SHOWN} "
                     "more like these", highlight=False)
    if report.notices:
        parts.append(f"{len(report.notices)} stored with a note")
    console.print(", ".join(parts), highlight=False)
    if report.not_by_meaning:
        errors.print(f"[yellow]warning:[/yellow] paraphrased rewrites were looked for by "
                     f"content terms only: {escape(report.not_by_meaning)}", highlight=False)
    if report.not_understood:
        errors.print(f"[yellow]warning:[/yellow] entities, quotes and figures were not found: "
                     f"{escape(report.not_understood)}", highlight=False)


# -- backfill ------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--scheduler", metavar="ADDRESS",
              help="A Dask scheduler (tcp://host:8786); default: start a local cluster.")
@click.option("--workers", type=click.IntRange(min=0), default=0,
              help="Worker processes of the local cluster (default 0: one per core).")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE.")
@click.option("--language", metavar="CODE", help="Only articles in this language.")
@click.option("--host", metavar="NAME", help="Only articles from this host or its subdomains.")
@click.option("--work-dir", type=click.Path(file_okay=False), default="storywire-backfill",
              show_default=True, help="Where the Parquet shards and the manifest go; run "
              "again with the same one to resume.")
@click.option("--shard-records", type=click.IntRange(min=1), default=2000, show_default=True,
              help="WARC responses per shard (one Dask task).")
@click.option("--join/--no-join", default=True, show_default=True,
              help="Find copy candidates by an LSH band join on the cluster.")
@click.option("--order", type=click.Choice(["publication", "input"]), default="publication",
              show_default=True, help="The writer's order: by publication time (stories "
              "grow as the news did), or records as given (as `ingest` reads them).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.pass_obj
def backfill(obj: Context, paths: tuple[str, ...], scheduler: str | None, workers: int,
             since: str | None, until: str | None, language: str | None, host: str | None,
             work_dir: str, shard_records: int, join: bool, order: str,
             progress: bool) -> None:
    """Backfill WARC archives on Dask: the same store as `ingest`, many machines' work."""
    from pathlib import Path

    from storywire.backfill import (
        BackfillOptions,
        Filters,
        WorkDirError,
        parse_day,
        run_backfill,
    )
    from storywire.workers import default_workers
    try:
        filters = Filters(parse_day(since), parse_day(until), language, host)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since/--until") from exc
    options = BackfillOptions(Path(work_dir), scheduler, workers or default_workers(),
                              filters, shard_records, join, order=order)
    with obj.store() as store, _stage_errors(), \
            _progress_bar("Preparing shards", progress) as advance:
        try:
            report = run_backfill(store, list(paths), _pipeline_options(1), options,
                                  _print_error,
                                  (lambda step, done, total: advance(done, total))
                                  if advance else None)
        except WorkDirError as exc:
            raise click.ClickException(str(exc)) from exc
    seconds = ", ".join(f"{step} {value:.1f} s" for step, value in report.seconds.items())
    console.print(f"{report.shards} shards ({report.resumed} resumed), {report.rows} items "
                  f"prepared; {seconds}", highlight=False)
    if report.join is not None:
        console.print(f"band join: {report.join.candidates} candidate pairs, "
                      f"{report.join.verified} copies; {report.links_joined} of "
                      f"{report.links} stored copy links found by it", highlight=False)
    _print_report(report.ingest)
    if not report.ingest.ok:
        sys.exit(1)


# -- reading ---------------------------------------------------------------------------
@main.command()
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language (ISO 639-1 code).")
@click.option("--originals", is_flag=True,
              help="Only independent reports: leave out articles that copy a stored one.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def articles(obj: Context, limit: int, offset: int, outlet: str | None, language: str | None,
             originals: bool, as_json: bool) -> None:
    """List stored articles, newest first."""
    with obj.store() as store:
        found = store.list_articles(ArticleFilter(outlet=outlet, language=language,
                                                  originals=originals, limit=limit + 1,
                                                  offset=offset))  # one more: is there more?
    if as_json:
        for article in found[:limit]:
            click.echo(json.dumps(article.to_export(), ensure_ascii=False))
        return
    if not found:
        console.print("no articles" + (" there (try a smaller --offset)" if offset else ""),
                      highlight=False)
        return
    _listing([(article.id, f"[bold]{escape(article.title or '(untitled)')}[/bold]\n"
               f"[dim]{_date(article)} · {escape(article.outlet or '(unknown outlet)')}"
               f"{' · ' + article.language if article.language else ''}"
               f"{' · copy of ' + article.copy_of[:8] if article.copy_of else ''}[/dim]")
              for article in found[:limit]])
    if len(found) > limit:
        console.print(f"[dim]… stopped at --limit {limit}: more with --offset "
                      f"{offset + limit} (or a larger --limit)[/dim]", highlight=False)


@main.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Search in the watch query language, best matches first.

    QUERY: words, "exact phrases", AND, OR, NOT (or -word), parentheses, prefix*, and the
    fields outlet:, lang:, person:, speaker:, entity:, title: (a field or a NOT beside
    other words, outside parentheses, applies to the whole query).
    """
    from storywire.search import search as run_search
    from storywire.watch import QueryError

    with obj.store() as store:
        try:
            hits = run_search(store, query, limit=limit)
        except QueryError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        for hit in hits:
            click.echo(json.dumps({**hit.article.to_export(), "snippet": hit.marked("[", "]"),
                                   "score": round(hit.score, 4)}, ensure_ascii=False))
        return
    if not hits:
        console.print(f"no article matches {query!r}", highlight=False)
        return
    for hit in hits:
        a = hit.article
        console.print(f"[bold]{a.id}[/bold]  {_date(a)}  {a.outlet or ''} — "
                      f"{a.title or '(untitled)'}", highlight=False)
        console.print("    " + hit.marked("[bold yellow]", "[/bold yellow]", escape),
                      highlight=False)


@main.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The export record as JSON.")
@click.pass_obj
def show(obj: Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, cleaned text and the junk removed."""
    with obj.store() as store:
        article = store.get_article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id (or unique prefix) {article_id!r}")
    if as_json:
        click.echo(json.dumps(article.to_export(), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{article.title or '(untitled)'}[/bold]", highlight=False)
    for label, value in (
        ("id", article.id), ("outlet", article.outlet), ("authors", ", ".join(article.authors)),
        ("published", article.published.isoformat() if article.published else None),
        ("language", article.language), ("url", article.url), ("source id", article.source_id),
        ("origin", article.origin), ("copy of", article.copy_of),
        ("copy kind", article.copy_kind), ("story", article.story_id),
    ):
        if value:
            console.print(f"[dim]{label:>10}[/dim]  {value}", highlight=False)
    for name, value in (article.copy_evidence or {}).items():
        if name not in ("alignment", "examples"):
            console.print(f"[dim]{name:>24}[/dim]  {value}", highlight=False)
    for example in (article.copy_evidence or {}).get("examples", []):
        console.print(f"[dim]{'aligned':>24}[/dim]  {example['copy']}\n"
                      f"[dim]{'with':>24}[/dim]  {example['original']}", highlight=False)
    console.print()
    for paragraph in article.paragraphs:
        console.print(paragraph, highlight=False)
        console.print()
    if article.removed:
        console.print(f"[dim]removed as junk ({_count(len(article.removed), 'line')}):[/dim]")
        for line, reason in zip(article.removed, article.removed_reasons, strict=False):
            console.print(f"  [dim]{reason:>14}[/dim]  {line}", highlight=False)


@main.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True,
              help="The original and its copies as export records, one per line.")
@click.pass_obj
def copies(obj: Context, article_id: str, as_json: bool) -> None:
    """Show the copy tree of an article: its original, then every copy with its outlet,
    kind, similarity and time lag."""
    from storywire.copies import build_tree, render
    with obj.store() as store:
        article = store.get_article(article_id)
        if article is None:
            raise click.ClickException(f"no article with id (or unique prefix) {article_id!r}")
        original = store.get_article(article.copy_of) if article.copy_of else article
        tree = build_tree(original or article, store.copies_of((original or article).id))
    if as_json:
        for member in (tree.original, *tree.copies):
            click.echo(json.dumps(member.to_export(), ensure_ascii=False))
        return
    for line in render(tree):
        _print_indented(line)
    if not tree.copies:
        console.print("no stored article copies it", highlight=False)


# -- maintenance -------------------------------------------------------------------------
@main.command()
@click.option("--stage", type=click.Choice(REPROCESS_STAGES), default="extract",
              show_default=True,
              help="Which stage to re-run: extract (and clean) from the kept raw captures, "
                   "copies (fingerprints and copy links of every stored article), "
                   "understand (entities, quotes and figures of every stored article), or "
                   "stories (every article's story, in ingestion order).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@_gather_option
@_workers_option
@click.pass_obj
def reprocess(obj: Context, stage: str, progress: bool, gather: bool, workers: int) -> None:
    """Re-run a stage over every stored capture (after an upgrade), in place."""
    from storywire.pipeline import Pipeline
    options = _pipeline_options(workers)
    options = replace(options, stories=replace(options.stories, gather=gather))
    if stage == "extract":
        with obj.store() as store, Pipeline(store, options) as pipeline, _stage_errors(), \
                _progress_bar("Reprocessing", progress) as advance:
            report = pipeline.reprocess(progress=advance, on_error=_print_error)
        console.print(f"{_count(report.added, 'article')} rebuilt from "
                      f"{_count(report.read, 'capture')}, "
                      f"{len(report.errors)} failed", highlight=False)
        if not report.ok:
            sys.exit(1)
        return
    with obj.store() as store, Pipeline(store, options) as pipeline, _stage_errors(), \
            _progress_bar(f"Reprocessing {stage}", progress) as advance:
        done = pipeline.reprocess_stage(stage, progress=advance)
        console.print(_reprocessed(store, stage, done), highlight=False)


@main.command()
@_workers_option
@click.pass_obj
def repair(obj: Context, workers: int) -> None:
    """Finish the work an interrupted ingest or run left owed (a batch's later stages, the
    learned-junk rebuild); an ingest does it first on its own. Safe at any time."""
    from storywire.pipeline import Pipeline
    with obj.store() as store, Pipeline(store, _pipeline_options(workers)) as pipeline, \
            _stage_errors():
        owed = pipeline.owed()
        report = pipeline.repair()
    console.print(f"{owed.get('settle', 0)} articles finished, {report.relearned} articles "
                  "rebuilt with the learned junk", highlight=False)


def _reprocessed(store: Store, stage: str, done: int) -> str:
    """What a stage's reprocessing left, in one line."""
    if stage == "copies":
        found = sum(1 for a in store.iter_articles() if a.copy_of)
        return f"{_count(done, 'article')} fingerprinted, {_count(found, 'copy', 'copies')} found"
    if stage == "stories":
        stories = len(store.list_stories(limit=None))
        return f"{_count(done, 'article')} placed in {_count(stories, 'story', 'stories')}"
    return f"{_count(done, 'article')} understood"


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True,
              help="jsonl: one JSON object per line; csv: one row per article, lists "
                   "flattened; parquet: typed columns (needs pyarrow, the parquet extra).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output (needed for parquet).")
@click.pass_obj
def export(obj: Context, fmt: str, output: str | None) -> None:
    """Export every article (fields documented in docs/export.md)."""
    from storywire import exports
    if fmt == "parquet" and not output:
        raise click.ClickException("--format parquet needs --output FILE")
    with obj.store() as store:
        articles = store.iter_articles()
        if fmt == "parquet":
            try:
                count = exports.write_parquet(articles, output or "")
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from exc
        else:
            write = exports.write_csv if fmt == "csv" else exports.write_jsonl
            target = (open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
                      if output else sys.stdout)
            try:
                count = write(articles, target)
            finally:
                if output:
                    target.close()
    if output:
        errors.print(f"{_count(count, 'article')} written to {output}", highlight=False)


def _print_indented(line: str) -> None:
    """Print ``line`` wrapped to the terminal, its continuations under its text (a tree's
    branch becomes its trunk there), not back at the left margin."""
    import textwrap

    body = line.lstrip(" │├└─")
    lead = line[:len(line) - len(body)]
    trunk = lead.replace("├─", "│ ").replace("└─", "  ")
    width = max(20, console.width - len(lead))
    for index, piece in enumerate(textwrap.wrap(body, width) or [""]):
        console.print(escape((lead if index == 0 else trunk) + piece), highlight=False,
                      soft_wrap=True)


def _count(n: int, word: str, plural: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,204 stories``."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


@main.command("copy-store")
@click.option("--from", "source", required=True, metavar="PATH",
              type=click.Path(exists=True, dir_okay=False),
              help="The SQLite store to copy.")
@click.option("--to", "target", required=True, metavar="URL",
              help="An empty PostgreSQL database: postgresql://USER@HOST[:PORT]/DBNAME.")
def copy_store(source: str, target: str) -> None:
    """Copy a SQLite store into an empty PostgreSQL database, captures and all (the
    SQLite file is left as it was)."""
    from storywire.store import is_postgres_url

    if not is_postgres_url(target):
        raise click.ClickException(f"{target}: --to takes a postgresql:// URL")
    try:
        from storywire.store.postgres.transfer import copy_store as copy_rows

        with open_store(source) as old, open_store(target) as new:
            copied = copy_rows(old, new)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    except ImportError as exc:
        raise click.ClickException(
            f"PostgreSQL needs {exc.name}: pip install 'storywire[postgres]'") from exc
    console.print(f"Copied {copied.get('article', 0)} articles and "
                  f"{copied.get('capture', 0)} captures ({sum(copied.values())} rows in "
                  f"{len(copied)} tables) to {target.split('@')[-1]}", highlight=False)


# -- demo --------------------------------------------------------------------------------
@main.command()
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option("--live", is_flag=True,
              help="Serve the corpus as a newsroom on 127.0.0.1 and watch it with the "
                   "monitor: alerts arrive as articles are released.")
@click.option("--duration", type=float, default=30.0, show_default=True,
              help="With --live: real seconds over which the newsroom releases its days "
                   "of news.")
@_workers_option
@click.pass_obj
def demo(obj: Context, progress: bool, live: bool, duration: float, workers: int) -> None:
    """Ingest the bundled demo corpus and show what storywire read."""
    from storywire.demo import corpus_path
    from storywire.pipeline import Pipeline
    if live:
        _demo_live(obj, duration)
        return
    path = corpus_path()
    console.print(f"[bold]storywire demo[/bold]: reading the bundled corpus at {path}",
                  highlight=False)
    with obj.store() as store:
        report = _run_ingest(store, (str(path),), _pipeline_options(workers), progress)
        _print_report(report)
        _print_summary(store, Pipeline(store))
    db = obj.db or "storywire.db"
    console.print(f"\nNext: [bold]storywire --db {db} search \"strike\"[/bold], "
                  f"[bold]storywire --db {db} articles[/bold], "
                  f"[bold]storywire --db {db} show ID[/bold], "
                  f"[bold]storywire --db {db} stories[/bold]", highlight=False)
    console.print(f"Web page: [bold]storywire --db {db} serve[/bold], then open "
                  "http://127.0.0.1:8080/", highlight=False)
    if not report.ok:
        sys.exit(1)


def _print_summary(store: Store, pipeline: Pipeline) -> None:
    from storywire.copies import copy_trees, render
    summary = store.summary()
    outlets = Table("outlet", "articles", title="Outlets", box=None, title_justify="left")
    for name, count in summary["by_outlet"]:
        outlets.add_row(name, str(count))
    console.print(outlets)
    languages = ", ".join(f"{lang} {n}" for lang, n in summary["by_language"])
    console.print(f"[bold]Languages[/bold]: {languages}", highlight=False)
    reasons = dict(summary["removed_by_reason"])
    console.print(f"[bold]Junk removed[/bold]: {sum(reasons.values())} lines "
                  "(an example of each kind):", highlight=False)
    articles = list(store.iter_articles())  # read once: junk examples and copy trees
    examples: dict[str, str] = {}
    for article in articles:
        for line, reason in zip(article.removed, article.removed_reasons, strict=False):
            examples.setdefault(reason, line)
    junk = Table(box=None, show_header=False, pad_edge=False)
    for reason, count in reasons.items():
        junk.add_row(f"  {reason}", str(count), escape(examples.get(reason, "")[:80]))
    console.print(junk)
    console.print("[bold]Learned junk[/bold] (short lines recurring across an outlet):")
    for outlet, _ in summary["by_outlet"]:
        for line, count, total in pipeline.learned_lines(outlet):
            console.print(f"  {escape(outlet)}: {escape(line[:70])!r} in {count} of {total}",
                          highlight=False)
    from storywire.understand.people import list_people, most_quoted

    quoted = [p for p in most_quoted(list_people(store))[:5] if p.quotes]
    if quoted:
        console.print("[bold]Most quoted[/bold] (storywire people): " + ", ".join(
            f"{escape(p.name)} ({p.quotes})" for p in quoted), highlight=False)
    trees = copy_trees(articles)
    console.print(f"[bold]Copies[/bold]: {_count(sum(len(t.copies) for t in trees), 'article')}"
                  f" fold under {_count(len(trees), 'original')}:", highlight=False)
    for tree in trees:
        for line in render(tree):
            _print_indented("  " + line)
    _print_stories(store)


def _date(article: Article) -> str:
    return article.published.date().isoformat() if article.published else "—"


# -- watching the news: sources, poll, run, watches -----------------------------------------
def _network_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Who we say we are and which addresses we may reach."""
    for option in reversed((
        click.option("--allow-loopback", is_flag=True, envvar="STORYWIRE_ALLOW_LOOPBACK",
                     show_envvar=True,
                     help="Allow fetching from and posting to 127.0.0.0/8 and ::1 "
                          "(refused by default)."),
        click.option("--allow-private", is_flag=True, envvar="STORYWIRE_ALLOW_PRIVATE",
                     show_envvar=True,
                     help="Allow private, link-local and reserved addresses (refused by "
                          "default)."),
        click.option("--host-interval", type=float, default=1.0, show_default=True,
                     envvar="STORYWIRE_HOST_INTERVAL", show_envvar=True,
                     help="Seconds between two requests to one host (robots.txt "
                          "Crawl-delay may ask for more)."),
        click.option("--user-agent", envvar="STORYWIRE_USER_AGENT", show_envvar=True,
                     default=DEFAULT_USER_AGENT, show_default=True,
                     help="User-Agent sent with every request (and matched in robots.txt)."),
    )):
        command = option(command)
    return command


def _delivery_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where alerts go and when: webhook signing, the SMTP server, how often updates may
    come, how long a new story settles (and the story stage's gather pass beside it)."""
    for option in reversed((
        click.option("--webhook-secret", envvar="STORYWIRE_WEBHOOK_SECRET", show_envvar=True,
                     help="Sign webhook bodies: header X-Storywire-Signature: "
                          "sha256=HMAC-SHA256(secret, body)."),
        click.option("--smtp-host", envvar="STORYWIRE_SMTP_HOST", show_envvar=True,
                     help="SMTP server for e-mail alerts."),
        click.option("--smtp-port", type=int, default=25, show_default=True,
                     envvar="STORYWIRE_SMTP_PORT", show_envvar=True),
        click.option("--smtp-user", envvar="STORYWIRE_SMTP_USER", show_envvar=True),
        click.option("--smtp-password", envvar="STORYWIRE_SMTP_PASSWORD", show_envvar=True,
                     help="Better given in the environment than on the command line."),
        click.option("--smtp-from", default="storywire@localhost", show_default=True,
                     envvar="STORYWIRE_SMTP_FROM", show_envvar=True, help="Sender address."),
        click.option("--smtp-security", type=click.Choice(["none", "starttls", "ssl"]),
                     default="none", show_default=True, envvar="STORYWIRE_SMTP_SECURITY",
                     show_envvar=True),
        click.option("--update-period", type=float, default=3600.0, show_default=True,
                     envvar="STORYWIRE_UPDATE_PERIOD", show_envvar=True,
                     help="Seconds: at most one update alert per story and watch in this "
                          "time, when the story gains outlets."),
        click.option("--retell-window", type=float, default=86400.0, show_default=True,
                     envvar="STORYWIRE_RETELL_WINDOW", show_envvar=True,
                     help="Seconds: a story that retells one the watch alerted on this "
                          "recently, publication dates aside, comes as an update of it "
                          "(0: never)."),
        click.option("--settle-window", type=float, default=0.0, show_default=True,
                     envvar="STORYWIRE_SETTLE_WINDOW", show_envvar=True,
                     help="Seconds a story with a single report waits before its \"new\" "
                          "alert goes out, so that a report, a merge or a retelling that "
                          "ties it to another story makes no second alert (0: at once)."),
        click.option("--gather/--no-gather", default=True, show_default=True,
                     envvar="STORYWIRE_GATHER", show_envvar=True,
                     help="Let a story that grows draw in young one-report stories its "
                          "reports would now join (the story stage's gather pass, on by "
                          "default here as for `ingest`)."),
    )):
        command = option(command)
    return command


def _monitor_options(settings: dict[str, Any], poll: PollOptions | None = None,
                     fetch: dict[str, Any] | None = None) -> MonitorOptions:
    from storywire.monitor import DeliveryOptions, MonitorOptions
    from storywire.sources import AddressPolicy, FetchOptions, PollOptions
    from storywire.watch import AlertOptions, SmtpOptions, WebhookOptions
    addresses = AddressPolicy(allow_loopback=settings.get("allow_loopback", False),
                              allow_private=settings.get("allow_private", False))
    smtp = SmtpOptions(host=settings.get("smtp_host"), port=settings.get("smtp_port", 25),
                       sender=settings.get("smtp_from", "storywire@localhost"),
                       username=settings.get("smtp_user"),
                       password=settings.get("smtp_password"),
                       security=settings.get("smtp_security", "none"))
    delivery = DeliveryOptions(
        webhook=WebhookOptions(secret=settings.get("webhook_secret"), addresses=addresses),
        smtp=smtp)
    return MonitorOptions(
        fetch=FetchOptions(**{"user_agent": settings.get("user_agent", DEFAULT_USER_AGENT),
                              "per_host_interval": settings.get("host_interval", 1.0),
                              "addresses": addresses, **(fetch or {})}),
        poll=poll or PollOptions(), delivery=delivery, gather=settings.get("gather", True),
        alerts=AlertOptions(update_period=settings.get("update_period", 3600.0),
                            retell_window=settings.get("retell_window", 86400.0),
                            settle=settings.get("settle_window", 0.0)))


@main.group()
def sources() -> None:
    """Feeds and sitemaps to poll: add, import from OPML, export as OPML, list, remove."""


@sources.command("add")
@click.argument("url")
@_network_options
@click.pass_obj
def sources_add(obj: Context, url: str, **settings: Any) -> None:
    """Add a feed or sitemap URL, or a site's page (its feeds are discovered)."""
    from storywire.sources import Fetcher, FetchError, FoundSource, find_sources
    options = _monitor_options(settings)

    async def find() -> list[FoundSource]:
        async with Fetcher(options.fetch) as fetcher:
            return await find_sources(fetcher, url)

    try:
        found = asyncio.run(find())
    except FetchError as exc:
        raise click.ClickException(str(exc)) from exc
    if not found:
        raise click.ClickException(f"{url}: no feed or sitemap found (none announced with "
                                   "<link rel=\"alternate\">, none at the usual paths)")
    with obj.store() as store:
        for source in found:
            record, added = store.add_source(source.url, source.kind, source.title,
                                             source.site_url, options.poll.first_interval)
            verb = "added" if added else "already there"
            console.print(f"{verb}: [{record.id}] {record.kind} {record.url}"
                          + (f" ({record.title})" if record.title else ""), highlight=False)


@sources.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def sources_import(obj: Context, path: str) -> None:
    """Add every feed of an OPML file (a feed reader's export)."""
    from storywire.sources import OpmlError, PollOptions, read_opml
    try:
        feeds = read_opml(path)
    except OpmlError as exc:
        raise click.ClickException(str(exc)) from exc
    added = 0
    with obj.store() as store, store.transaction():
        for feed in feeds:
            added += store.add_source(feed.url, "feed", feed.title, feed.site_url,
                                      PollOptions().first_interval)[1]
    console.print(f"{_count(added, 'feed')} added, {len(feeds) - added} already there",
                  highlight=False)


@sources.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.pass_obj
def sources_export(obj: Context, output: str | None) -> None:
    """Write every source as OPML, for a feed reader (or `sources import`) to read."""
    from storywire.sources import OpmlFeed, write_opml
    with obj.store() as store:
        found = store.list_sources()
    body = write_opml(OpmlFeed(s.url, s.title, s.site_url) for s in found)
    if output:
        with open(output, "wb") as f:
            f.write(body)
        errors.print(f"{_count(len(found), 'source')} written to {output}", highlight=False)
    else:
        click.echo(body.decode("utf-8"), nl=False)


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def sources_list(obj: Context, as_json: bool) -> None:
    """Sources with their last poll, items seen, errors and next poll."""
    with obj.store() as store:
        found = store.list_sources()
    if as_json:
        for s in found:
            click.echo(json.dumps({k: v.isoformat() if isinstance(v, datetime) else v
                                   for k, v in vars(s).items()}, ensure_ascii=False))
        return
    table = Table(box=None, pad_edge=False)
    for name in ("id", "kind", "url", "last poll", "status", "items", "errors", "next due",
                 "last error"):
        table.add_column(name, overflow="fold")
    now = utcnow()
    for s in found:
        left = int((s.next_due - now).total_seconds())
        table.add_row(str(s.id), s.kind, s.url,
                      s.last_poll.strftime("%Y-%m-%d %H:%M") if s.last_poll else "never",
                      str(s.last_status or ""), str(s.items_seen), str(s.errors),
                      f"{s.next_due:%H:%M:%S} (in {left} s)" if left > 0 else "now",
                      escape((s.last_error or "")[:60]))
    console.print(table)


@sources.command("remove")
@click.argument("source")
@click.pass_obj
def sources_remove(obj: Context, source: str) -> None:
    """Stop polling a source (by id or URL); its articles stay."""
    with obj.store() as store:
        record = store.get_source(source)
        if record is None:
            raise click.ClickException(f"no source with id or URL {source!r}")
        store.remove_source(record.id)
    console.print(f"removed [{record.id}] {record.url}", highlight=False)


@main.command()
@_network_options
@_delivery_options
@click.option("--now", "every_source", is_flag=True,
              help="Poll every source now, whatever its schedule.")
@click.pass_obj
def poll(obj: Context, every_source: bool, **settings: Any) -> None:
    """Poll every due source once, fetch new pages, run the pipeline and the watches.

    Exits 1 when an alert could not be delivered (it is retried by a later poll), so that
    cron reports it.
    """
    from storywire.monitor import Monitor
    with obj.store() as store, _stage_errors():
        monitor = Monitor(store, options=_monitor_options(settings))
        monitor.on_error = _print_message
        report = asyncio.run(monitor.cycle(every_source=every_source))
    console.print(_cycle_line(report), highlight=False)
    if report.failed_deliveries:
        sys.exit(1)


@main.command()
@_network_options
@_delivery_options
@click.option("--max-cycles", type=int, help="Stop after this many cycles (default: never).")
@click.pass_obj
def run(obj: Context, max_cycles: int | None, **settings: Any) -> None:
    """Keep polling (a live status line); Ctrl-C or SIGTERM stops it cleanly, and a restart
    goes on where it stopped."""
    from storywire.monitor import Monitor
    with obj.store() as store, _stage_errors():
        monitor = Monitor(store, options=_monitor_options(settings))
        monitor.on_error = _print_message
        total = asyncio.run(_run_monitor(monitor, max_cycles))
    console.print(f"stopped. In all: {_cycle_line(total)}", highlight=False)


async def _run_monitor(monitor: Monitor, max_cycles: int | None,
                       until: Callable[[], bool] | None = None) -> CycleReport:
    """Run until a signal (or ``until()`` after a cycle), showing a status line."""
    from storywire.monitor import CycleReport

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    total = CycleReport()
    try:
        if not console.is_terminal:  # systemd, cron, a pipe: one log line per event
            monitor.on_event = _log_line
            monitor.on_error = lambda message: _log_line(f"error: {message}", errors)

            def logged(report: CycleReport) -> None:
                total.merge(report)
                if until and until():
                    stop.set()

            await monitor.run(stop, on_cycle=logged, max_cycles=max_cycles)
            return total
        with console.status("starting…") as status:
            waiting = ""

            def show(report: CycleReport) -> None:
                nonlocal waiting
                total.merge(report)
                counts = monitor.store.watch_counts()
                waiting = f"{counts.get('items_pending', 0)} pages waiting"
                if report.alerts or report.added:
                    console.print(f"{utcnow():%H:%M:%S} {_cycle_line(report)}",
                                  highlight=False)
                if until and until():
                    stop.set()

            def tick(left: float) -> None:
                upcoming = monitor.next_source()
                due = (f"next: {upcoming[1].url} in {upcoming[0]:.0f} s" if upcoming
                       else f"next cycle in {left:.0f} s")
                status.update(escape(f"{_cycle_line(total)} · {waiting} · {due} "
                                     "(Ctrl-C stops)"))

            await monitor.run(stop, on_cycle=show, max_cycles=max_cycles, on_tick=tick)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return total


def _cycle_line(report: CycleReport) -> str:
    parts = [f"{_count(report.polled, 'poll')} ({report.not_modified} unchanged)",
             _count(report.new_items, "new item"), _count(report.fetched, "page"),
             _count(report.added, "article"), _count(report.alerts, "alert"),
             f"{report.delivered} delivered"]
    if report.failed_deliveries:
        parts.append(f"{_count(report.failed_deliveries, 'delivery', 'deliveries')} failed")
    if report.errors:
        parts.append(_count(len(report.errors), "error"))
    return ", ".join(parts)


def _log_line(message: str, to: Console | None = None) -> None:
    """One timestamped line, for a log (``run`` without a terminal)."""
    (to or console).print(f"{utcnow():%Y-%m-%dT%H:%M:%SZ} {escape(message)}",
                          highlight=False, soft_wrap=True)


def _print_message(message: str) -> None:
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)


@main.group()
def watch() -> None:
    """Saved searches that send alerts: add, list, test, remove."""


@watch.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--atom", "atoms", multiple=True, metavar="PATH",
              help="Write alerts to this Atom feed file (for a feed reader).")
@click.option("--webhook", "webhooks", multiple=True, metavar="URL",
              help="POST alerts as JSON to this URL.")
@click.option("--email", "emails", multiple=True, metavar="ADDRESS",
              help="E-mail alerts to this address (needs --smtp-host when running).")
@click.option("--notify", "notify", multiple=True, metavar="URL",
              help="Send alerts through Apprise to this URL (ntfy://, slack://, matrix://, "
                   "tgram://, discord://, mailto:// ...).")
@click.option("--digest", type=click.Choice(["hourly", "daily"]),
              help="One message per hour or day (UTC) listing the new and grown stories, "
                   "instead of one per alert.")
@click.pass_obj
def watch_add(obj: Context, name: str, query: str, atoms: tuple[str, ...],
              webhooks: tuple[str, ...], emails: tuple[str, ...], notify: tuple[str, ...],
              digest: str | None) -> None:
    """Save QUERY as watch NAME; it alerts on articles stored from now on.

    QUERY: words, "exact phrases", AND, OR, NOT (or -word), parentheses, prefix*, and the
    fields outlet:, lang:, person:, speaker:, entity:, title:.
    """
    from storywire.watch import QueryError, parse_query
    from storywire.watch.admin import add_watch, watch_targets
    try:
        parsed = parse_query(query)
        targets = watch_targets(atoms, webhooks, emails, notify)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.ClickException(f"--{exc}") from exc
    with obj.store() as store:
        try:
            add_watch(store, name, query, targets, digest)
        except (StoreError, QueryError) as exc:
            raise click.ClickException(str(exc)) from exc
    console.print(f"watch {name!r} added: {parsed}", highlight=False)
    for url in webhooks:
        problem = _webhook_refusal(url)
        if problem:
            errors.print(f"[yellow]warning:[/yellow] {escape(problem)}: alerts to it fail "
                         "unless poll and run are started with that flag", highlight=False,
                         soft_wrap=True)
    if digest:
        console.print(f"alerts are sent as one {digest} digest", highlight=False)
    if not targets:
        console.print("(no --atom, --webhook, --email or --notify: alerts are only recorded)",
                      highlight=False)


def _webhook_refusal(url: str) -> str | None:
    """Why the default address guard would refuse this webhook, said when it is added
    rather than at the first failed delivery."""
    from storywire.sources.guard import AddressPolicy, AddressRefused, check_url

    async def check() -> None:
        await asyncio.wait_for(check_url(url, AddressPolicy()), timeout=5.0)

    try:
        asyncio.run(check())
    except AddressRefused as exc:
        return f"webhook {url}: {exc}"
    except TimeoutError:
        return None
    return None


@watch.command("list")
@click.pass_obj
def watch_list(obj: Context) -> None:
    """Watches with their query, targets and alerts sent."""
    with obj.store() as store:
        for w in store.list_watches():
            count = len(store.recent_alerts(w.id, 1_000_000))
            digest = f", sent as a {w.digest} digest" if w.digest else ""
            console.print(f"[bold]{escape(w.name)}[/bold]  "
                          f"{count} alert{'' if count == 1 else 's'}{digest}\n"
                          f"    query: {escape(w.query)}", highlight=False, soft_wrap=True)
            for target in w.targets or ["(no target: alerts are only recorded)"]:
                console.print(f"    → {escape(target)}", highlight=False, soft_wrap=True)


@watch.command("test")
@click.argument("name")
@click.option("--limit", type=int, default=20, show_default=True)
@click.pass_obj
def watch_test(obj: Context, name: str, limit: int) -> None:
    """What NAME would have alerted on over every stored article (nothing is sent)."""
    from storywire.watch import QueryError
    from storywire.watch.admin import test_watch
    with obj.store() as store:
        record = store.get_watch(name)
        if record is None:
            raise click.ClickException(f"no watch named {name!r}")
        try:
            stories = test_watch(store, record)
        except QueryError as exc:  # saved before the language or its budget changed
            raise click.ClickException(f"watch {name}: {exc}") from exc
    console.print(f"{_count(len(stories), 'story', 'stories')} "
                  f"match{'es' if len(stories) == 1 else ''} {record.query!r}", highlight=False)
    for story in stories[:limit]:
        first = f"{story.first_outlet}, {story.first_seen:%Y-%m-%d %H:%M}" \
            if story.first_seen else story.first_outlet
        console.print(f"[bold]{escape(story.headline or '(untitled)')}[/bold]\n"
                      f"    outlets: {escape(', '.join(story.outlets))}\n"
                      f"    first report: {escape(first or '?')}  {story.link or ''}",
                      highlight=False)


@watch.command("remove")
@click.argument("name")
@click.pass_obj
def watch_remove(obj: Context, name: str) -> None:
    """Delete a watch and its alerts."""
    with obj.store() as store:
        if not store.remove_watch(name):
            raise click.ClickException(f"no watch named {name!r}")
    console.print(f"watch {name!r} removed", highlight=False)


def _demo_live(obj: Context, duration: float) -> None:
    """The newsroom on 127.0.0.1 and the monitor watching it until every article is out."""
    from storywire.demo.newsroom import Newsroom
    from storywire.monitor import Monitor
    from storywire.sources import PollOptions
    from storywire.store import is_postgres_url
    db = obj.db or "storywire.db"
    if is_postgres_url(db):
        # Beside no file: in the working directory, named after the database (and the URL,
        # which may hold a password, is not printed).
        from urllib.parse import urlsplit
        name = urlsplit(db).path.strip("/") or "storywire"
        atom = os.path.abspath(f"{name}-alerts.atom")
        db = f"database {name!r}"
    else:
        atom = os.path.abspath(os.path.splitext(db)[0] + "-alerts.atom")
    # The demo's week passes in ``duration`` seconds: its periods shrink alike.
    settings = {"allow_loopback": True, "update_period": max(2.0, duration / 10),
                "retell_window": duration / 7}
    options = _monitor_options(settings, PollOptions(first_interval=1, min_interval=1,
                                                     max_interval=3),
                               {"per_host_interval": 0.0, "per_host_concurrency": 8})
    with obj.store() as store:
        if store.count_articles():
            raise click.ClickException(
                f"{db} already holds articles, so the live demo would find nothing new: "
                "give it a new database, e.g. `storywire --db live.db demo --live`")
    with obj.store() as store, Newsroom(duration=duration) as room:
        console.print(f"[bold]storywire demo --live[/bold]: a newsroom of "
                      f"{_count(len(room.outlets), 'outlet')} at {room.base_url}, releasing "
                      f"{len(room.pages)} articles over {duration:g} s", highlight=False)
        for url in room.feed_urls():
            store.add_source(url, "feed", None, None, 1)
        if store.get_watch("demo-quakes") is None:
            store.add_watch("demo-quakes", 'quake OR earthquake OR séisme OR "la terre a '
                            'tremblé"', [f"atom:{atom}"])
        console.print("watch demo-quakes: quake OR earthquake OR séisme → " + atom,
                      highlight=False)
        monitor = Monitor(store, options=options)
        monitor.on_error = _print_message
        shown: set[int] = set()
        deadline = time.monotonic() + duration + 60

        def finished() -> bool:
            watch_id = store.get_watch("demo-quakes").id
            for alert in reversed(store.recent_alerts(watch_id, 100)):
                if alert.id not in shown:
                    shown.add(alert.id)
                    p = alert.payload
                    label = "ALERT " if alert.kind == "new" else "UPDATE"
                    console.print(f"[bold green]{label}[/bold green] {escape(p['headline'])}"
                                  f" — {escape(', '.join(p['new_outlets']))}", highlight=False)
            counts = store.watch_counts()
            done = counts.get("items_fetched", 0) + counts.get("items_failed", 0)
            settled = not store.stories_awaiting_update(utcnow())  # updates sent too
            return (room.finished() and done >= len(room.pages) and settled) or \
                time.monotonic() > deadline

        with _stage_errors():
            total = asyncio.run(_run_monitor(monitor, None, until=finished))
    console.print(f"done: {_cycle_line(total)}\nThe alerts are in {atom} (open it in a "
                  f"feed reader); try [bold]storywire --db {db} watch test demo-quakes"
                  "[/bold]", highlight=False)
# -- stories ---------------------------------------------------------------------------------
@main.command()
@click.option("--since", metavar="DATE", help="Only stories seen on or after this date "
              "(YYYY-MM-DD).")
@click.option("--outlet", help="Only stories with a report or copy from this outlet.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per story, with its members.")
@click.pass_obj
def stories(obj: Context, since: str | None, outlet: str | None, limit: int,
            as_json: bool) -> None:
    """List stories, latest first: headline, first and last seen, outlets, independent
    reports and copies, and the people, organisations and places most reports name."""
    from storywire.stories import story_view
    with obj.store() as store:
        views = [story_view(s, store.story_members(s.id))
                 for s in store.list_stories(since=_since(since), outlet=outlet, limit=limit)]
    if as_json:
        for view in views:
            click.echo(json.dumps(view.to_json(), ensure_ascii=False))
        return
    if not views:
        console.print("no stories", highlight=False)
        return
    rows = []
    for view in views:
        lines = [f"[bold]{escape(view.headline or '(untitled)')}[/bold]",
                 f"[dim]{_span(view.first_seen, view.last_seen)} · "
                 f"{_count(len(view.outlets), 'outlet')} · "
                 f"{_count(len(view.reports), 'report')} · "
                 f"{_count(view.copies, 'copy', 'copies')}[/dim]"]
        lines += [f"[dim]{kind}:[/dim] " + escape(", ".join(n for n, _ in names))
                  for kind, names in view.top.items()]
        rows.append((view.story.id, "\n".join(lines)))
    _listing(rows)


def _listing(rows: list[tuple[str, str]]) -> None:
    """An id, then what it names folded beside it: reads at 80 columns, where a table of
    many columns squeezed the headline into a dozen characters."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 1, 0))
    table.add_column("id", no_wrap=True)
    table.add_column("text", overflow="fold", ratio=1)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _span(first: datetime | None, last: datetime | None) -> str:
    """``2026-11-09 00:00 – 17:00``, ``2026-11-08 09:00 – 2026-11-09 17:00``."""
    if first is None or last is None or first == last:
        return _when(first or last)
    if first.date() == last.date():
        return f"{_when(first)} – {last:%H:%M}"
    return f"{_when(first)} – {_when(last)}"


@main.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story and its members as JSON.")
@click.pass_obj
def story(obj: Context, story_id: str, as_json: bool) -> None:
    """Show one story's coverage side by side: each independent report's outlet, time,
    byline and headline, what it adds that the others don't, and its copies."""
    from storywire.stories import story_view
    from storywire.understand.views import as_dict
    with obj.store() as store:
        found = store.get_story(_story_id(store, story_id))  # an article's id leads to its story
        assert found is not None
        members = store.story_members(found.id)
    view = story_view(found, members)
    if as_json:
        data = view.to_json()
        data["who_said_what"] = [as_dict(group) for group in view.said]
        data["figures"] = [{**as_dict(comparison), "agree": comparison.agree}
                           for comparison in view.figures]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for line in [*story_lines(view), *said_lines(view.said), *figure_lines(view.figures)]:
        console.print(line, highlight=False)


def _story_id(store: Store, given: str) -> str:
    """The story a full id, a unique prefix, or one of its articles' ids names."""
    found = store.get_story(given)
    if found is None:
        article = store.get_article(given)
        found = store.get_story(article.story_id) if article and article.story_id else None
    if found is None:
        raise click.ClickException(f"no story with id (or unique prefix) {given!r}")
    return found.id


def story_lines(view: StoryView) -> list[str]:
    """The ``story`` command's text (rich markup)."""
    lines = [f"[bold]{escape(view.headline or '(untitled)')}[/bold]",
             f"[dim]story {view.story.id} · {_when(view.first_seen)} → "
             f"{_when(view.last_seen)} · {_count(len(view.outlets), 'outlet')} · "
             f"{_count(len(view.reports), 'report')} · "
             f"{_count(view.copies, 'copy', 'copies')}[/dim]"]
    for kind, names in view.top.items():
        lines.append(f"[dim]{kind}:[/dim] " + escape(", ".join(n for n, _ in names)))
    for report in view.reports:
        a = report.article
        byline = f" · {escape(', '.join(a.authors))}" if a.authors else ""
        lines += ["", f"[bold]{escape(a.outlet or '(unknown outlet)')}[/bold] · "
                      f"{_when(a.published)}{byline} · {a.id}",
                  f"  {escape(a.title or '(untitled)')}"]
        if report.new_names:
            lines.append("  [green]adds names:[/green] " + escape(", ".join(report.new_names)))
        if report.new_figures:
            lines.append("  [green]adds figures:[/green] "
                         + escape(", ".join(report.new_figures)))
        for copy in report.copies:
            lines.append(f"  [dim]└ {copy.copy_kind or 'copy'} copy: "
                         f"{escape(copy.outlet or '?')} · {_when(copy.published)} · "
                         f"{escape(copy.title or '(untitled)')} · {copy.id}[/dim]")
    return lines


def said_lines(groups: list[SpeakerQuotes], per_speaker: int = 4) -> list[str]:
    """The story's "who said what": each speaker's quotes, each once with its outlets."""
    if not groups:
        return []
    lines = ["", "[bold]Who said what[/bold]"]
    for group in groups:
        name = group.speaker or "unnamed speakers"
        count = len(group.quotes)
        lines.append(f"  [bold]{escape(name)}[/bold] [dim]({count} quote{'s' * (count != 1)}; "
                     f"{escape(', '.join(group.outlets))})[/dim]")
        for quote in group.quotes[:per_speaker]:
            who = f" [dim]({escape(quote.speaker_description)})[/dim]" if (
                quote.speaker is None and quote.speaker_description) else ""
            outlets = ", ".join(sorted({s.outlet or "?" for s in quote.sources}))
            lines.append(f"    {escape(_clip(quote.text, 140))}{who} [dim]— "
                         f"{quote.kind}, {escape(outlets)}[/dim]")
        if len(group.quotes) > per_speaker:
            lines.append(f"    [dim]… {len(group.quotes) - per_speaker} more "
                         f"(storywire quotes --story ID)[/dim]")
    return lines


def figure_lines(comparisons: list[FigureComparison]) -> list[str]:
    """The story's figures that outlets report differently, side by side, then those
    they agree on (as the web page shows both)."""
    lines: list[str] = []
    for heading, agree in (("Figures reported differently", False),
                           ("Figures outlets agree on", True)):
        chosen = [c for c in comparisons if c.agree == agree]
        if chosen:
            lines += ["", f"[bold]{heading}[/bold]"]
        for comparison in chosen:
            reports = " · ".join(
                f"{escape(r.outlet or '?')}: "
                f"{escape(r.shown or _figure(r.value, r.qualifier, r.low, r.high))}"
                for r in comparison.reports)
            lines.append(f"  [bold]{escape(comparison.subject)}[/bold] — {reports}")
    return lines


def _figure(value: float, qualifier: str | None, low: float | None,
            high: float | None) -> str:
    def number(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"

    text = f"{number(low)}–{number(high)}" if low is not None and high is not None \
        else number(value)
    return f"{qualifier} {text}" if qualifier else text


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _print_stories(store: Store) -> None:
    """The demo's stories: one line each, then its reports' outlets."""
    from storywire.stories import story_view
    found = store.list_stories(limit=None)
    console.print(f"[bold]Stories[/bold]: {len(found)} (storywire --db DB story ID "
                  "shows one side by side):", highlight=False)
    views = sorted((story_view(s, store.story_members(s.id)) for s in found),
                   key=lambda v: (v.first_seen is None, v.first_seen or 0, v.story.id))
    for view in views:  # the headline on a line of its own: it reads whole at 80 columns
        console.print(f"  {view.story.id}  {_when(view.first_seen)}  "
                      f"{_count(len(view.reports), 'report')}, "
                      f"{_count(view.copies, 'copy', 'copies')}, "
                      f"{_count(len(view.outlets), 'outlet')}", highlight=False)
        _print_indented(f"    {view.headline or '(untitled)'}")


def _since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)",
                                 param_hint="--since") from exc


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


# -- who said what: quotes and people -----------------------------------------------------
@main.command()
@click.option("--speaker", metavar="NAME", help="Only quotes of speakers whose name contains "
              "NAME (case folded).")
@click.option("--story", "story_id", metavar="ID", help="Only quotes from this story's articles.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote.")
@click.pass_obj
def quotes(obj: Context, speaker: str | None, story_id: str | None, limit: int,
           as_json: bool) -> None:
    """List quotes with their speaker and outlet; a quote carried by several outlets is
    shown once, with all its sources."""
    from storywire.understand.views import as_dict, grouped_quotes
    with obj.store() as store:
        if story_id is not None:
            story_id = _story_id(store, story_id)
        found = grouped_quotes(store.quoted_articles(speaker=speaker, story_id=story_id),
                               speaker=speaker)[:limit]
    if as_json:
        for said in found:
            click.echo(json.dumps(as_dict(said), ensure_ascii=False))
        return
    if not found:
        console.print("no quotes found (run `storywire reprocess --stage understand` on a "
                      "store ingested without the spaCy model)", highlight=False)
        return
    for said in found:
        who = said.speaker or f"(unnamed: {said.speaker_description or 'unknown'})"
        console.print(f"[bold]{escape(who)}[/bold] [dim]{said.kind}"
                      f"{', ' + said.cue if said.cue else ''}[/dim]", highlight=False)
        console.print(f"  “{escape(said.text)}”", highlight=False)
        sources = ", ".join(f"{s.outlet or '(unknown)'} {s.article_id[:8]}"
                            for s in said.sources)
        console.print(f"  [dim]{escape(sources)}[/dim]", highlight=False)


@main.command()
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE "
              "(YYYY-MM-DD).")
@click.option("--outlet", metavar="NAME", help="Only this outlet.")
@click.option("--limit", type=int, default=30, show_default=True, help="People listed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person.")
@click.pass_obj
def people(obj: Context, since: str | None, outlet: str | None, limit: int,
           as_json: bool) -> None:
    """The most quoted and most named people, with the outlets that quote and name them
    (among the newest 5,000 articles naming or quoting anyone, as the web page lists them)."""
    from datetime import date

    from storywire.understand.people import list_people, most_quoted
    try:
        day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise click.BadParameter(f"{since!r} is not a YYYY-MM-DD date", param_hint="--since") \
            from exc
    with obj.store() as store:
        ranked = most_quoted(list_people(store, since=day, outlet=outlet))[:limit]
    if as_json:
        for person in ranked:
            outlets = {name: {"articles": count, "quotes": person.outlet_quotes.get(name, 0)}
                       for name, count in person.outlets.items()}
            click.echo(json.dumps({"person": person.name, "quotes": person.quotes,
                                   "articles": len(person.articles), "outlets": outlets},
                                  ensure_ascii=False))
        return
    table = Table("person", "quotes", "articles", "by outlet (articles/quotes)", box=None,
                  pad_edge=False)
    for person in ranked:
        by_outlet = ", ".join(
            f"{name} {count}/{person.outlet_quotes.get(name, 0)}"
            for name, count in sorted(person.outlets.items(),
                                      key=lambda kv: -person.outlet_quotes.get(kv[0], 0)))
        table.add_row(escape(person.name), str(person.quotes), str(len(person.articles)),
                      escape(by_outlet))
    console.print(table)



# -- web -------------------------------------------------------------------------------------
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="STORYWIRE_WEB_HOST",
              show_envvar=True,
              help="Address to listen on; beyond 127.0.0.1, adding and removing watches "
                   "needs --token.")
@click.option("--port", type=int, default=8080, show_default=True, envvar="STORYWIRE_WEB_PORT",
              show_envvar=True)
@click.option("--token", envvar="STORYWIRE_WEB_TOKEN", show_envvar=True,
              help="Secret that writing actions (watches) must present; better given in the "
                   "environment than on the command line.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, token: str | None) -> None:
    """Serve the web page and the JSON API (/api/, OpenAPI at /api/openapi.json)."""
    import uvicorn

    from storywire.store import default_db_path
    from storywire.web import create_app
    from storywire.web.security import is_loopback

    loopback = is_loopback(host)
    try:
        app = create_app(default_db_path(obj.db), token=token, loopback_only=loopback,
                         allowed_hosts=["127.0.0.1", "localhost", "[::1]", "::1"]
                         if loopback else None)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = f"[{host}]" if ":" in host else host
    console.print(f"storywire: open http://{shown}:{port}/ (Ctrl-C stops)", highlight=False)
    if not loopback and not token:
        console.print("note: listening beyond 127.0.0.1 without --token: watches are "
                      "read-only", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()
