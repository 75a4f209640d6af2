"""The command-line face: thin commands over the pipeline and the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storywire import __version__
from storywire.copies import CopySchemeError, build_tree, copy_trees, render
from storywire.demo import corpus_path
from storywire.ingest import DEFAULT_MAX_BYTES, InputError
from storywire.model import Article
from storywire.pipeline import IngestReport, Pipeline, PipelineOptions
from storywire.store import ArticleFilter, Store, StoreError, open_store
from storywire.understand import ModelMissing
from storywire.understand.views import as_dict, grouped_quotes

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
@click.option("--db", metavar="PATH", envvar="STORYWIRE_DB", show_envvar=True,
              help="Database file (default: ./storywire.db).")
@click.version_option(__version__, prog_name="storywire")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """storywire turns a stream of news articles into stories."""
    ctx.obj = Context(db)


# -- ingest --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest page or record accepted.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], max_bytes: int, progress: bool) -> None:
    """Read articles from files and folders: HTML, text, JSON Lines, JSON, WARC (.gz too)."""
    with obj.store() as store:
        report = _run_ingest(store, paths, PipelineOptions(max_bytes=max_bytes), progress)
    _print_report(report)
    if not report.ok:
        sys.exit(1)


def _run_ingest(store: Store, paths: tuple[str, ...], options: PipelineOptions,
                show_progress: bool) -> IngestReport:
    pipeline = Pipeline(store, options)
    with _stage_errors(), _progress_bar("Ingesting", show_progress) as advance:
        return pipeline.ingest(paths, progress=advance, on_error=_print_error)


@contextmanager
def _stage_errors() -> Iterator[None]:
    """A stage that refuses to run on this store says why in one line, not a traceback."""
    try:
        yield
    except (CopySchemeError, ModelMissing) as exc:
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
@click.option("--stage", type=click.Choice(["extract", "copies", "understand"]),
              default="extract", show_default=True,
              help="Which stage to re-run: extract (and clean) from the kept raw captures, "
                   "copies (fingerprints and copy links of every stored article), or "
                   "understand (entities, quotes and figures of every stored article).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.pass_obj
def reprocess(obj: Context, stage: str, progress: bool) -> None:
    """Re-run a stage over every stored capture (after an upgrade), in place."""
    if stage == "understand":
        with obj.store() as store, _stage_errors(), \
                _progress_bar("Understanding", progress) as advance:
            done = Pipeline(store).reprocess_understand(progress=advance)
        console.print(f"{done} articles understood", highlight=False)
        return
    if stage == "copies":
        with obj.store() as store, _progress_bar("Finding copies", progress) as advance:
            linked = Pipeline(store).reprocess_copies(progress=advance)
            found = sum(1 for a in store.iter_articles() if a.copy_of)
        console.print(f"{linked} articles fingerprinted, {found} copies found", highlight=False)
        return
    with obj.store() as store, _stage_errors(), _progress_bar("Reprocessing", progress) as advance:
        report = Pipeline(store).reprocess(progress=advance, on_error=_print_error)
    console.print(f"{report.added} articles rebuilt from {report.read} captures, "
                  f"{len(report.errors)} failed", highlight=False)
    if not report.ok:
        sys.exit(1)


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


# -- demo --------------------------------------------------------------------------------
@main.command()
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.pass_obj
def demo(obj: Context, progress: bool) -> None:
    """Ingest the bundled demo corpus and show what storywire read."""
    path = corpus_path()
    console.print(f"[bold]storywire demo[/bold]: reading the bundled corpus at {path}",
                  highlight=False)
    with obj.store() as store:
        report = _run_ingest(store, (str(path),), PipelineOptions(), progress)
        _print_report(report)
        _print_summary(store, Pipeline(store))
    db = obj.db or "storywire.db"
    console.print(f"\nNext: [bold]storywire --db {db} search \"strike\"[/bold], "
                  f"[bold]storywire --db {db} articles[/bold], "
                  f"[bold]storywire --db {db} show ID[/bold]", highlight=False)
    if not report.ok:
        sys.exit(1)


def _print_summary(store: Store, pipeline: Pipeline) -> None:
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


def _date(article: Article) -> str:
    return article.published.date().isoformat() if article.published else "—"


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


if __name__ == "__main__":  # pragma: no cover
    main()
