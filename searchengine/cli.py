"""The `search` command: a thin layer over searchengine.api.

search "extradition"                       query the default index (built from ./corpus)
search index PATH... [--prune]             add files and folders to an index
search show ID                             print one whole article
search stats                               what the index holds
search serve                               the web view and JSON API
search cluster up|down|status              local Manticore/Sphinx nodes (--engine manticore)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from searchengine.api import (
    DEFAULT_CORPUS,
    INDEX_ENV,
    IndexBusy,
    IndexNotFound,
    NewsIndex,
    QuerySyntaxError,
    default_index_path,
    index_is_stale,
)
from searchengine.engine.facets import FACET_NAMES
from searchengine.engine.manticore.errors import ClusterUnavailable, EngineConfigError
from searchengine.query.snippets import render_snippet
from searchengine.results import ArticleRecord, SearchResults

EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2
MAX_PROBLEMS_SHOWN = 10

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Index folder (default: ${INDEX_ENV}, else ./index).",
)


def engine_options(command):
    """--engine and --nodes: which engine serves the index (default: the index folder's
    engine.json, else Whoosh)."""
    command = click.option(
        "--nodes",
        default=None,
        metavar="HOST:PORT,...",
        help="SphinxQL addresses of the Manticore/Sphinx nodes (implies --engine manticore).",
    )(command)
    return click.option(
        "--engine",
        type=click.Choice(["whoosh", "manticore"]),
        default=None,
        help="Search engine (default: as the index folder says, else whoosh).",
    )(command)


class _QueryByDefault(click.Group):
    """`search WORDS...` means `search query WORDS...` unless the first word is a command;
    options written before the command belong to it (`search --index DIR stats`)."""

    def parse_args(self, ctx, args):
        if not args or args[0] in ("--help", "-h", "--version"):
            return super().parse_args(ctx, args)
        first = self._first_word(args)
        if first is not None and args[first] in self.commands:
            args = [args[first], *args[:first], *args[first + 1 :]]
        elif args[0] not in self.commands:
            args = ["query", *args]
        return super().parse_args(ctx, args)

    def _first_word(self, args: list[str]) -> int | None:
        """Index of the first argument that is neither an option nor an option's value
        (None when there is none before a ``--``)."""
        with_value = {
            name
            for command in self.commands.values()
            for param in command.params
            if isinstance(param, click.Option) and not param.is_flag
            for name in param.opts
        }
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":  # what follows is the query's words
                return None
            if not arg.startswith("-") or arg == "-":
                return i
            i += 2 if arg in with_value else 1
        return None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (EngineConfigError, ClusterUnavailable) as exc:
            fail(str(exc))


@click.group(cls=_QueryByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchengine")
def main() -> None:
    """Search a news archive: dates, entities, quotes, facets and snippets.

    Run `search QUERY` (same as `search query QUERY`) or one of the commands below.
    """


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def open_for_reading(
    index_dir: Path | None, engine: str | None = None, nodes: str | None = None
) -> NewsIndex:
    """Open the index; the default one is (re)built from ./corpus when missing or stale
    (unless an engine is named: a cluster is filled with `search index` only)."""
    path = index_dir or default_index_path()
    corpus = Path(DEFAULT_CORPUS)
    named = engine is not None or nodes is not None
    if index_dir is None and not named and corpus.is_dir() and index_is_stale(path, corpus):
        click.echo(f"Building the index in {path}/ from {corpus}/ ...", err=True)
        with NewsIndex.create(path) as index:
            _run_indexing(index, [corpus], prune=True, verbose=False, to_stderr=True)
    try:
        return NewsIndex.open(path, engine=engine, nodes=nodes)
    except IndexNotFound as exc:
        fail(str(exc))
        raise  # unreachable


@main.command("query")
@click.argument("words", nargs=-1, required=True)
@index_option
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="QUERY",
    help="Narrow the results without changing scores (repeatable).",
)
@click.option(
    "--facet",
    "facets",
    multiple=True,
    type=click.Choice(FACET_NAMES),
    help="Count values over all matches (repeatable).",
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date"]),
    default="relevance",
    show_default=True,
    help="date: newest first.",
)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@engine_options
def query_command(
    words, index_dir, filters, facets, sort, limit, page, as_json, engine, nodes
) -> None:
    """Search the index with the query language.

    \b
    Words (implicit AND), AND OR NOT ( ), "phrases", "near words"~3, wildcards
    election*, fuzzy Tahawur~, fields title: person: org: place: entity: quote:
    speaker: source: url: author: date: (date:2025-02, date:>2024-06,
    date:[2025-01-01 TO 2025-03-31]), a name exactly as a facet lists it
    person:="Joe Biden".
    """
    text = " ".join(words)
    with open_for_reading(index_dir, engine, nodes) as index:
        try:
            results = index.search(
                text, filters=filters, facets=facets, sort=sort, page=page, limit=limit
            )
        except QuerySyntaxError as exc:
            fail(f"malformed query: {exc}")
        except ValueError as exc:
            fail(str(exc))
    if as_json:
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_results(results)
    if results.partial:
        click.echo("warning: a node did not answer: results and counts are partial", err=True)
    if results.total == 0:
        if not as_json:
            click.echo(f'No articles match "{text}".', err=True)
        sys.exit(EXIT_NO_MATCH)


@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--prune", is_flag=True, help="Remove articles whose file was deleted.")
@click.option("--verbose", "-v", is_flag=True,
              help="List every skipped file and truncated article with its reason.")
@engine_options
def index_command(paths, index_dir, prune, verbose, engine, nodes) -> None:
    """Add files and folders (txt, HTML, JSON/JSONL, RSS/Atom, CSV/TSV, .gz) to the index."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    path = index_dir or default_index_path()
    try:
        index = NewsIndex.create(path, engine=engine, nodes=nodes)
    except IndexNotFound as exc:
        fail(str(exc))
    with index:
        report = _run_indexing(index, list(paths), prune=prune, verbose=verbose)
    if report.files == 0 and not report.removed:
        fail(f"no files to index in {', '.join(map(str, paths))}")
    if report.skipped and not (report.added or report.updated or report.unchanged):
        sys.exit(EXIT_BAD_INPUT)


def _run_indexing(
    index: NewsIndex, paths: list[Path], *, prune: bool, verbose: bool, to_stderr: bool = False
):
    """Index ``paths`` with a progress bar, then report; ``to_stderr`` for a build on the
    way to a query, whose answer (``--json`` too) owns stdout."""
    from searchengine.progress import ProgressBar

    bar = ProgressBar()
    started = time.monotonic()
    try:
        report = index.add_files(
            paths, prune=prune, progress=bar, on_wait=lambda msg: click.echo(msg, err=True)
        )
    except IndexBusy as exc:
        fail(str(exc))
    finally:
        bar.close()
    for label, items in (("skipped", report.problems), ("truncated", report.warnings)):
        shown = items if verbose else items[:MAX_PROBLEMS_SHOWN]
        for where, reason in shown:
            click.echo(f"{label} {where}: {reason}", err=True)
        if len(shown) < len(items):
            click.echo(f"... and {len(items) - len(shown):,} more {label} "
                       "(--verbose lists them all)", err=True)
    seconds = time.monotonic() - started
    files = _plural(report.files, "file")
    click.echo(
        f"Indexed {files} into {index.path}/ in {seconds:.1f} s: {report.summary()}",
        err=to_stderr,
    )
    return report


@main.command("show")
@click.argument("article_id")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@engine_options
def show_command(article_id, index_dir, as_json, engine, nodes) -> None:
    """Print one whole article: metadata, text, entities and quotes."""
    with open_for_reading(index_dir, engine, nodes) as index:
        record = index.article(article_id)
    if record is None:
        fail(f"no article with id {article_id!r}", EXIT_NO_MATCH)
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_article(record)


@main.command("stats")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@engine_options
def stats_command(index_dir, as_json, engine, nodes) -> None:
    """Article count, date range, top entities and speakers, index size and location."""
    with open_for_reading(index_dir, engine, nodes) as index:
        stats = index.stats()
    if as_json:
        click.echo(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
        return
    span = (
        f"{_day(stats.first_date)} to {_day(stats.last_date)}" if stats.first_date else "no dates"
    )
    click.echo(f"{_plural(stats.articles, 'article')}, {span}")
    click.echo(f"index: {stats.location} ({stats.size_bytes / 1e6:.1f} MB)")
    for name, counts in stats.top.items():
        if counts:
            values = ", ".join(f"{fc.value} ({fc.count})" for fc in counts)
            click.echo(f"top {name}: {values}")


@main.command("serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@engine_options
def serve_command(index_dir, host, port, engine, nodes) -> None:
    """Start the web view and JSON API."""
    from searchengine.web.server import serve

    index = open_for_reading(index_dir, engine, nodes)
    serve(index, host=host, port=port)


@main.group("cluster")
def cluster_group() -> None:
    """Local Manticore/Sphinx (searchd) nodes to try the manticore engine on."""


cluster_dir = click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the nodes' configs, data and logs.",
)


@cluster_group.command("up")
@click.option("--nodes", "count", type=click.IntRange(1, 16), default=2, show_default=True)
@cluster_dir
def cluster_up_command(count, folder) -> None:
    """Write configs and start COUNT searchd nodes on free 127.0.0.1 ports."""
    from searchengine.engine.manticore import cluster

    nodes = cluster.up(folder, count)
    click.echo(f"{_plural(len(nodes), 'node')} up in {folder}/: {cluster.node_list(nodes)}")
    click.echo(f"use: search index --engine manticore --nodes {cluster.node_list(nodes)} PATH")


@cluster_group.command("down")
@cluster_dir
def cluster_down_command(folder) -> None:
    """Stop the nodes that `search cluster up` started in DIR."""
    from searchengine.engine.manticore import cluster

    if not cluster.read(folder):
        fail(f"no nodes recorded in {folder}")
    stopped = cluster.down(folder)
    click.echo(f"{_plural(len(stopped), 'node')} stopped")


@cluster_group.command("status")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--nodes", default=None, metavar="HOST:PORT,...")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def cluster_status_command(folder, nodes, as_json) -> None:
    """Which nodes answer, and how many articles each holds (--dir DIR or --nodes)."""
    from searchengine.engine.manticore import cluster
    from searchengine.engine.manticore.config import parse_nodes

    if nodes is None and folder is None:
        fail("give --dir DIR (nodes started by `search cluster up`) or --nodes HOST:PORT,...")
    if nodes is None:
        nodes = cluster.node_list(cluster.read(folder))
        if not nodes:
            fail(f"no nodes recorded in {folder}")
    rows = cluster.status(parse_nodes(nodes))
    if as_json:
        click.echo(json.dumps({"nodes": rows}, indent=2))
    for row in [] if as_json else rows:
        if row["up"]:
            partial = " (partial: another node is down)" if row.get("partial") else ""
            click.echo(
                f"{row['node']}  up    {row['articles']:>9,} articles here, "
                f"{row['total']:,} in the cluster{partial}"
            )
        else:
            click.echo(f"{row['node']}  down  {row.get('error', '')}")
    if not all(row["up"] for row in rows):
        sys.exit(EXIT_NO_MATCH)


# Output


def _mark(text: str) -> str:
    return click.style(text, fg="yellow", bold=True)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _day(value) -> str:
    return value.date().isoformat() if value else "no date"


def _print_results(results: SearchResults) -> None:
    first = (results.page - 1) * results.limit + 1
    if results.hits:
        verb = " matches" if results.total == 1 else " match"
        header = _plural(results.total, "article") + verb
        if results.total > len(results.hits):
            header += f", showing {first:,}-{first + len(results.hits) - 1:,}"
        click.echo(click.style(header, dim=True))
    for number, hit in enumerate(results.hits, first):
        click.echo()
        click.echo(f"{number}. " + click.style(hit.title or "(untitled)", bold=True))
        meta = [_day(hit.date)] + ([hit.source] if hit.source else []) + [f"id {hit.id}"]
        click.echo("   " + click.style(" · ".join(meta), fg="cyan"))
        if hit.url:
            click.echo("   " + hit.url)
        click.echo("   " + render_snippet(hit.snippet, _mark))
        for quote in hit.quotes[:3]:
            who = quote.speaker or "unattributed"
            click.echo(f"   “{_clip(quote.text)}” — " + click.style(who, fg="green"))
    for name, counts in results.facets.items():
        click.echo()
        click.echo(click.style(f"{name}:", bold=True))
        if not counts:
            click.echo("   (none)")
        width = max((len(fc.value) for fc in counts), default=0)
        for fc in counts:
            click.echo(f"   {fc.value.ljust(width)}  {fc.count:>6,}")


def _clip(text: str, chars: int = 200) -> str:
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + " …"


def _print_article(record: ArticleRecord) -> None:
    click.echo(click.style(record.title or "(untitled)", bold=True))
    meta = [_day(record.date)] + ([record.source] if record.source else []) + [f"id {record.id}"]
    click.echo(" · ".join(meta))
    if record.url:
        click.echo(record.url)
    if record.authors:
        click.echo("by " + ", ".join(record.authors))
    click.echo()
    click.echo(record.text)
    click.echo()
    for etype, names in record.entities.items():
        if names:
            click.echo(click.style(f"{etype}: ", bold=True) + ", ".join(names))
    if record.quotes:
        click.echo(click.style("quotes:", bold=True))
        for quote in record.quotes:
            click.echo(f"   “{quote.text}” — {quote.speaker or 'unattributed'}")
            if quote.statement:
                click.echo(click.style(f"      in: {quote.statement}", dim=True))
