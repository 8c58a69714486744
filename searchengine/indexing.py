"""The indexing pipeline: files -> readers -> enrichment -> engine.

A manifest in the index folder remembers each file's size and modification time and the
articles it gave, so a second run reprocesses only changed files, drops articles that
left a changed file and, with ``prune``, those whose file was deleted. A bad file is
reported and skipped; what is already indexed stays.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from searchengine.articles import Article
from searchengine.engine import Engine

MANIFEST = "files.json"
COMMIT_EVERY = 2000  # articles per commit: bounds what a crash can lose
ENRICH_BATCH = 64

ProgressCallback = Callable[[int, int, int], None]  # (bytes done, bytes in all, articles done)


@dataclass
class IndexReport:
    """What one indexing run did. ``problems`` holds (file or record, reason) per skip."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    removed: int = 0
    files: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        line = (
            f"{self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{self.skipped:,} skipped"
        )
        if self.removed:
            line += f", {self.removed:,} removed"
        return line

    def skip(self, where: str, reason: str) -> None:
        self.skipped += 1
        self.problems.append((where, reason))


class Manifest:
    """file path -> {"sig": size:mtime_ns, "keys": [article keys]}; saved beside the index."""

    def __init__(self, location: Path) -> None:
        self.path = location / MANIFEST
        try:
            self.files: dict[str, dict] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.files = {}

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.files, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.path)

    def owners(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.files.values():
            for key in entry["keys"]:
                counts[key] = counts.get(key, 0) + 1
        return counts


def signature(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


class Indexer:
    """Runs the pipeline into one engine with one (lazily loaded) enricher."""

    def __init__(self, engine: Engine, enricher=None) -> None:
        self.engine = engine
        self._enricher = enricher

    @property
    def enricher(self):
        if self._enricher is None:
            from searchengine.enrich import Enricher  # spaCy loads only when indexing

            self._enricher = Enricher()
        return self._enricher

    def index_files(
        self,
        paths: Iterable[str | Path],
        *,
        prune: bool = False,
        progress: ProgressCallback | None = None,
    ) -> IndexReport:
        """Index files and folders (recursively); see the module docstring."""
        from searchengine.readers import ReadError, find_files, read_file_report

        report = IndexReport()
        roots = [Path(p).resolve() for p in paths]
        files = []
        for root in roots:
            try:
                files.extend(find_files([root]))
            except ReadError as exc:
                report.skip(str(root), str(exc))
        manifest = Manifest(self.engine.location)
        total = sum(_size(f) for f in files)
        done_bytes = articles_done = 0
        pending: list[tuple[str, dict]] = []
        owners = manifest.owners()
        with self.engine.writer() as batch:
            for path in files:
                name, size = str(path), _size(path)
                report.files += 1
                entry = manifest.files.get(name)
                sig = signature(path)
                if entry and entry["sig"] == sig:
                    report.unchanged += len(entry["keys"])
                    done_bytes += size
                    continue
                try:
                    articles, problems = read_file_report(path)
                except ReadError as exc:
                    report.skip(name, str(exc))
                    done_bytes += size
                    continue
                except OSError as exc:
                    report.skip(name, exc.strerror or str(exc))
                    done_bytes += size
                    continue
                for problem in problems:
                    report.skip(name, problem)
                keys = []
                for start in range(0, len(articles), ENRICH_BATCH):
                    chunk = articles[start : start + ENRICH_BATCH]
                    self._write(batch, chunk, report)
                    keys.extend(a.key for a in chunk)
                    articles_done += len(chunk)
                    if progress:
                        progress(
                            done_bytes + size * (start + len(chunk)) // len(articles),
                            total,
                            articles_done,
                        )
                done_bytes += size
                keys = list(dict.fromkeys(keys))
                for key in set(entry["keys"] if entry else ()) - set(keys):
                    if owners.get(key, 0) <= 1:
                        batch.delete(key)
                        report.removed += 1
                pending.append((name, {"sig": sig, "keys": keys}))
                if articles_done and sum(len(e["keys"]) for _, e in pending) >= COMMIT_EVERY:
                    batch.commit()
                    _apply(manifest, pending)
            if prune:
                seen = {str(f) for f in files}
                for name in list(manifest.files):
                    if name not in seen and _under(name, roots) and not Path(name).exists():
                        for key in manifest.files[name]["keys"]:
                            if owners.get(key, 0) <= 1:
                                batch.delete(key)
                                report.removed += 1
                        pending.append((name, {}))
        _apply(manifest, pending)
        if progress:
            progress(total, total, articles_done)
        return report

    def index_articles(self, articles: Iterable[Article]) -> IndexReport:
        """Enrich and index articles given directly (not from files)."""
        report = IndexReport()
        items = list(articles)
        with self.engine.writer() as batch:
            for start in range(0, len(items), ENRICH_BATCH):
                self._write(batch, items[start : start + ENRICH_BATCH], report)
        return report

    def _write(self, batch, articles: list[Article], report: IndexReport) -> None:
        self.enricher.enrich(articles)
        for article in articles:
            if batch.exists(article.key):
                report.updated += 1
            else:
                report.added += 1
            batch.write(article)


def _apply(manifest: Manifest, pending: list[tuple[str, dict]]) -> None:
    for name, entry in pending:
        if entry:
            manifest.files[name] = entry
        else:
            manifest.files.pop(name, None)
    pending.clear()
    manifest.save()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _under(name: str, roots: list[Path]) -> bool:
    path = Path(name)
    return any(path == root or root in path.parents for root in roots)
