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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH|URL", envvar="STORYWIRE_DB", show_envvar=True,
              help="Database file, or postgresql://USER@HOST[:PORT]/DBNAME for a shared "
                   "PostgreSQL store (default: ./storywire.db).")
@click.version_option(__version__, prog_name="storywire")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """storywire turns a stream of news articles into stories."""
    ctx.obj = Context(db)


def _workers_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--workers", type=click.IntRange(min=0), default=0, envvar="STORYWIRE_WORKERS",
        show_envvar=True,
        help="Processes for extraction, cleaning, language and parsing (default 0: one per "
             "core; 1 runs them in this process). The result is the same for any number.",
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
@_workers_option
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], max_bytes: int, progress: bool,
           semantic_rewrites: bool | None, workers: int) -> None:
    """Read articles from files and folders: HTML, text, JSON Lines, JSON, WARC (.gz too)."""
    from storywire.copies import embed
    options = _pipeline_options(workers, max_bytes=max_bytes)
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
    """A stage that refuses to run on this store says why in one line, not a traceback."""
    from storywire.copies import CopySchemeError
    from storywire.stories import StorySchemeError
    from storywire.understand import ModelMissing
    try:
        yield
    except (CopySchemeError, StorySchemeError, ModelMissing) as exc:
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


def _print_report(report: IngestReport) -> None:
    parts = [f"{report.files} files", f"{report.read} items read",
             f"{report.added} new articles", f"{report.unchanged} already stored"]
    if report.relearned:
        parts.append(f"{report.relearned} re-cleaned with learned junk")
    if report.copies:
        parts.append(f"{report.copies} copies of stored articles")
    parts.append(f"{len(report.errors)} failed")
    console.print(", ".join(parts), highlight=False)
    if report.not_by_meaning:
        errors.print(f"[yellow]warning:[/yellow] paraphrased rewrites were looked for by "
                     f"content terms only: {escape(report.not_by_meaning)}", highlight=False)
    if report.not_understood:
        errors.print(f"[yellow]warning:[/yellow] entities, quotes and figures were not found: "
                     f"{escape(report.not_understood)}", highlight=False)


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
                                                  originals=originals, limit=limit,
                                                  offset=offset))
    if as_json:
        for article in found:
            click.echo(json.dumps(article.to_export(), ensure_ascii=False))
        return
    table = Table("id", "published", "outlet", "lang", "title", box=None, pad_edge=False)
    for article in found:
        table.add_row(article.id, _date(article), article.outlet or "",
                      article.language or "", article.title or "(untitled)")
    console.print(table)


@main.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search (words, "phrases", OR, NOT, prefix*), best matches first."""
    with obj.store() as store:
        hits = store.search(query, limit=limit)
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
        console.print(f"[dim]removed as junk ({len(article.removed)} lines):[/dim]")
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
        console.print(escape(line), highlight=False)
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
@_workers_option
@click.pass_obj
def reprocess(obj: Context, stage: str, progress: bool, workers: int) -> None:
    """Re-run a stage over every stored capture (after an upgrade), in place."""
    from storywire.pipeline import Pipeline
    options = _pipeline_options(workers)
    if stage == "extract":
        with obj.store() as store, Pipeline(store, options) as pipeline, _stage_errors(), \
                _progress_bar("Reprocessing", progress) as advance:
            report = pipeline.reprocess(progress=advance, on_error=_print_error)
        console.print(f"{report.added} articles rebuilt from {report.read} captures, "
                      f"{len(report.errors)} failed", highlight=False)
        if not report.ok:
            sys.exit(1)
        return
    with obj.store() as store, Pipeline(store, options) as pipeline, _stage_errors(), \
            _progress_bar(f"Reprocessing {stage}", progress) as advance:
        done = pipeline.reprocess_stage(stage, progress=advance)
        console.print(_reprocessed(store, stage, done), highlight=False)


def _reprocessed(store: Store, stage: str, done: int) -> str:
    """What a stage's reprocessing left, in one line."""
    if stage == "copies":
        found = sum(1 for a in store.iter_articles() if a.copy_of)
        return f"{done} articles fingerprinted, {found} copies found"
    if stage == "stories":
        return f"{done} articles placed in {len(store.list_stories(limit=None))} stories"
    return f"{done} articles understood"


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.pass_obj
def export(obj: Context, fmt: str, output: str | None) -> None:
    """Export every article, one JSON object per line (fields documented in docs/export.md)."""
    with obj.store() as store:
        target = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            count = 0
            for article in store.iter_articles():
                target.write(json.dumps(article.to_export(), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                target.close()
    if output:
        errors.print(f"{count} articles written to {output}", highlight=False)


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
    quoted = store.people()[:5]  # understand stage (issue 5): the most quoted people
    if quoted and quoted[0][3]:
        console.print("[bold]Most quoted[/bold] (storywire people): " + ", ".join(
            f"{escape(name)} ({where}, {n})" for name, where, _, n in quoted if n),
            highlight=False)
    trees = copy_trees(articles)
    console.print(f"[bold]Copies[/bold]: {sum(len(t.copies) for t in trees)} articles fold "
                  f"under {len(trees)} originals:", highlight=False)
    for tree in trees:
        for line in render(tree):
            console.print("  " + escape(line), highlight=False)
    _print_stories(store)  # stories (issue 4)


def _date(article: Article) -> str:
    return article.published.date().isoformat() if article.published else "—"


# -- watching the news: sources, poll, run, watches (issue 6) -----------------------------
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
    """Where alerts go: webhook signing, the SMTP server, how often updates may come."""
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
        poll=poll or PollOptions(), delivery=delivery,
        alerts=AlertOptions(update_period=settings.get("update_period", 3600.0)))


@main.group()
def sources() -> None:
    """Feeds and sitemaps to poll: add, import from OPML, list, remove."""


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
    console.print(f"{added} feeds added, {len(feeds) - added} already there", highlight=False)


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
    for name in ("id", "kind", "url", "last poll", "status", "items", "errors", "next in",
                 "last error"):
        table.add_column(name, overflow="fold")
    now = utcnow()
    for s in found:
        table.add_row(str(s.id), s.kind, s.url,
                      s.last_poll.strftime("%Y-%m-%d %H:%M") if s.last_poll else "never",
                      str(s.last_status or ""), str(s.items_seen), str(s.errors),
                      f"{max(0, int((s.next_due - now).total_seconds()))} s",
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
@click.pass_obj
def poll(obj: Context, **settings: Any) -> None:
    """Poll every due source once, fetch new pages, run the pipeline and the watches."""
    from storywire.monitor import Monitor
    with obj.store() as store, _stage_errors():
        monitor = Monitor(store, options=_monitor_options(settings))
        monitor.on_error = _print_message
        report = asyncio.run(monitor.cycle())
    console.print(_cycle_line(report), highlight=False)


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
        with console.status("starting…") as status:
            def show(report: CycleReport) -> None:
                total.merge(report)
                counts = monitor.store.watch_counts()
                status.update(f"{_cycle_line(total)} · {counts.get('items_pending', 0)} pages "
                              f"waiting · next poll in {monitor.next_wake():.0f} s "
                              "(Ctrl-C stops)")
                if report.alerts or report.added:
                    console.print(f"{utcnow():%H:%M:%S} {_cycle_line(report)}",
                                  highlight=False)
                if until and until():
                    stop.set()

            await monitor.run(stop, on_cycle=show, max_cycles=max_cycles)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return total


def _cycle_line(report: CycleReport) -> str:
    parts = [f"{report.polled} polls ({report.not_modified} unchanged)",
             f"{report.new_items} new items", f"{report.fetched} pages",
             f"{report.added} articles", f"{report.alerts} alerts",
             f"{report.delivered} delivered"]
    if report.failed_deliveries:
        parts.append(f"{report.failed_deliveries} deliveries failed")
    if report.errors:
        parts.append(f"{len(report.errors)} errors")
    return ", ".join(parts)


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
@click.pass_obj
def watch_add(obj: Context, name: str, query: str, atoms: tuple[str, ...],
              webhooks: tuple[str, ...], emails: tuple[str, ...]) -> None:
    """Save QUERY as watch NAME; it alerts on articles stored from now on.

    QUERY: words, "exact phrases", AND, OR, NOT (or -word), parentheses, prefix*, and the
    fields outlet:, lang:, person:, speaker:, entity:, title:.
    """
    from storywire.monitor import add_watch, watch_targets
    from storywire.watch import QueryError, parse_query
    try:
        parsed = parse_query(query)
        targets = watch_targets(atoms, webhooks, emails)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.ClickException(f"--{exc}") from exc
    with obj.store() as store:
        try:
            add_watch(store, name, query, targets)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    console.print(f"watch {name!r} added: {parsed}", highlight=False)
    if not targets:
        console.print("(no --atom, --webhook or --email: alerts are only recorded)",
                      highlight=False)


@watch.command("list")
@click.pass_obj
def watch_list(obj: Context) -> None:
    """Watches with their query, targets and alerts sent."""
    with obj.store() as store:
        for w in store.list_watches():
            console.print(f"[bold]{escape(w.name)}[/bold]  "
                          f"{len(store.recent_alerts(w.id, 1_000_000))} alerts\n"
                          f"    query: {escape(w.query)}", highlight=False, soft_wrap=True)
            for target in w.targets or ["(no target: alerts are only recorded)"]:
                console.print(f"    → {escape(target)}", highlight=False, soft_wrap=True)


@watch.command("test")
@click.argument("name")
@click.option("--limit", type=int, default=20, show_default=True)
@click.pass_obj
def watch_test(obj: Context, name: str, limit: int) -> None:
    """What NAME would have alerted on over every stored article (nothing is sent)."""
    from storywire.monitor import test_watch
    with obj.store() as store:
        record = store.get_watch(name)
        if record is None:
            raise click.ClickException(f"no watch named {name!r}")
        stories = test_watch(store, record)
    console.print(f"{len(stories)} stories match {record.query!r}", highlight=False)
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
    db = obj.db or "storywire.db"
    atom = os.path.abspath(os.path.splitext(db)[0] + "-alerts.atom")
    settings = {"allow_loopback": True, "update_period": max(2.0, duration / 10)}
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
                      f"{len(room.outlets)} outlets at {room.base_url}, releasing "
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
# -- stories (issue 4) ---------------------------------------------------------------------
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
    table = Table("story", "first seen", "last seen", "outlets", "reports", "copies",
                  "headline", box=None, pad_edge=False)
    for view in views:
        table.add_row(view.story.id, _when(view.first_seen), _when(view.last_seen),
                      str(len(view.outlets)), str(len(view.reports)), str(view.copies),
                      escape(view.headline or "(untitled)"))
        for kind, names in view.top.items():
            table.add_row("", "", "", "", "", "",
                          f"[dim]{kind}:[/dim] " + escape(", ".join(n for n, _ in names)))
    console.print(table)


@main.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story and its members as JSON.")
@click.pass_obj
def story(obj: Context, story_id: str, as_json: bool) -> None:
    """Show one story's coverage side by side: each independent report's outlet, time,
    byline and headline, what it adds that the others don't, and its copies."""
    from storywire.stories import story_view
    from storywire.understand.views import as_dict, figures_side_by_side, who_said_what
    with obj.store() as store:
        found = store.get_story(story_id)
        if found is None:
            article = store.get_article(story_id)  # an article's id leads to its story
            found = store.get_story(article.story_id) if article and article.story_id else None
        if found is None:
            raise click.ClickException(f"no story with id (or unique prefix) {story_id!r}")
        members = store.story_members(found.id)
    view = story_view(found, members)
    # Quotes from every member (each shown once, with every outlet carrying it); figures
    # from the independent reports only, since copies repeat their original's numbers.
    said = who_said_what(members)
    figures = figures_side_by_side([a for a in members if a.copy_of is None])
    if as_json:
        data = view.to_json()
        data["who_said_what"] = [as_dict(group) for group in said]
        data["figures"] = [as_dict(comparison) for comparison in figures]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for line in [*story_lines(view), *said_lines(said), *figure_lines(figures)]:
        console.print(line, highlight=False)


def story_lines(view: StoryView) -> list[str]:
    """The ``story`` command's text (rich markup)."""
    lines = [f"[bold]{escape(view.headline or '(untitled)')}[/bold]",
             f"[dim]story {view.story.id} · {_when(view.first_seen)} → "
             f"{_when(view.last_seen)} · {len(view.outlets)} outlets · "
             f"{len(view.reports)} reports · {view.copies} copies[/dim]"]
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
    """The story's figures that outlets report differently, side by side."""
    if not comparisons:
        return []
    lines = ["", "[bold]Figures reported differently[/bold]"]
    for comparison in comparisons:
        reports = " · ".join(
            f"{escape(r.outlet or '?')}: {escape(_figure(r.value, r.qualifier, r.low, r.high))}"
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
    for view in views:
        console.print(f"  {view.story.id}  {_when(view.first_seen)}  {len(view.reports)} "
                      f"reports, {view.copies} copies, {len(view.outlets)} outlets — "
                      f"{escape(view.headline or '(untitled)')}", highlight=False)


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


# -- who said what: quotes and people (issue 5) -------------------------------------------
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
    """The most quoted and most named people, with the outlets that quote and name them."""
    with obj.store() as store:
        rows = store.people(since=since, outlet=outlet)
    totals: dict[str, dict[str, object]] = {}
    for name, where, named, quoted in rows:
        entry = totals.setdefault(name, {"person": name, "quotes": 0, "articles": 0,
                                         "outlets": {}})
        entry["quotes"] += quoted
        entry["articles"] += named
        entry["outlets"][where] = {"articles": named, "quotes": quoted}
    ranked = sorted(totals.values(), key=lambda e: (-e["quotes"], -e["articles"],
                                                    e["person"]))[:limit]
    if as_json:
        for entry in ranked:
            click.echo(json.dumps(entry, ensure_ascii=False))
        return
    table = Table("person", "quotes", "articles", "by outlet (articles/quotes)", box=None,
                  pad_edge=False)
    for entry in ranked:
        by_outlet = ", ".join(f"{o} {v['articles']}/{v['quotes']}"
                              for o, v in sorted(entry["outlets"].items(),
                                                 key=lambda kv: -kv[1]["quotes"]))
        table.add_row(escape(entry["person"]), str(entry["quotes"]), str(entry["articles"]),
                      escape(by_outlet))
    console.print(table)



# -- web (issue 7) -----------------------------------------------------------------------
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
