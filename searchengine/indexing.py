"""The indexing pipeline: files -> readers -> enrichment -> engine.

A manifest in the index folder remembers each file's size and modification time, the
articles it gave and the enrichment that read them (``enrich_cache.fingerprint``), so a
second run reprocesses only changed files and files enriched by another version of the
enrichment code or model, drops articles that left a changed file and, with ``prune``,
those whose file was deleted. A bad file is reported and skipped; what is already indexed
stays.

Crash safety: the writer commits every COMMIT_EVERY articles, mid-file too, so a killed run
loses at most the articles since its last commit. A file enters the manifest only once all
its articles are committed; a file cut short by a kill is noted in a second file (PARTIAL:
its signature and the keys committed so far), and the next run, if the file is unchanged,
skips those articles instead of enriching them again. Both files only ever name committed
articles, and both are replaced atomically.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from searchengine.articles import Article
from searchengine.engine import Engine

MANIFEST = "files.json"
PARTIAL = "files-partial.json"  # files whose articles are committed only in part
COMMIT_EVERY = 2000  # articles per commit: a kill loses at most the articles since the last
COMMIT_EVERY_ENV = "SEARCHENGINE_COMMIT_EVERY"  # overrides COMMIT_EVERY (tests, small machines)
PREFETCH = 2000  # enriched articles buffered while the writer commits
PARALLEL_BYTES = 2_000_000  # more than this to enrich: spaCy runs in PARALLEL_PROCESSES
PARALLEL_PROCESSES = min(2, os.cpu_count() or 1)

ProgressCallback = Callable[[int, int, int], None]  # (bytes done, bytes in all, articles done)


@dataclass
class IndexReport:
    """What one indexing run did. ``problems`` holds (file or record, reason) per skip;
    ``warnings`` the same for the ``truncated`` articles, which are indexed, cut short."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    removed: int = 0
    files: int = 0
    truncated: int = 0
    reenriched: int = 0  # unchanged files read again: another enrichment version indexed them
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        line = (
            f"{self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{self.skipped:,} skipped"
        )
        if self.truncated:
            line += f", {self.truncated:,} truncated (indexed, cut short)"
        if self.removed:
            line += f", {self.removed:,} removed"
        if self.reenriched:
            line += f" ({self.reenriched:,} files enriched again: another version indexed them)"
        return line

    def skip(self, where: str, reason: str) -> None:
        self.skipped += 1
        self.problems.append((where, reason))


class Manifest:
    """file path -> {"sig": size:mtime_ns, "keys": [article keys], "enriched": fingerprint};
    saved beside the index. ("enriched" is absent where a custom enricher read the file.)"""

    def __init__(self, location: Path) -> None:
        self.path = location / MANIFEST
        self.partial_path = location / PARTIAL
        self.files: dict[str, dict] = _load_json(self.path)
        # file path -> {"sig", "keys"}: a file whose articles are committed only in part
        self.partial: dict[str, dict] = _load_json(self.partial_path)

    def save(self) -> None:
        _save_json(self.partial_path, self.partial)
        _save_json(self.path, self.files)

    def owners(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.files.values():
            for key in entry["keys"]:
                counts[key] = counts.get(key, 0) + 1
        return counts


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.replace(tmp, path)


def signature(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


class Indexer:
    """Runs the pipeline into one engine with one (lazily loaded) enricher."""

    def __init__(self, engine: Engine, enricher=None, cache: bool | None = None) -> None:
        """``cache``: reuse enrichment by content hash (default: on with the default enricher)."""
        self.engine = engine
        self._enricher = enricher
        self._use_cache = enricher is None if cache is None else cache
        self._cache = None
        self.enrichment = enrichment_version() if enricher is None else None

    def _enrich(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Article]:
        """Enriched articles in input order, from the cache where it has them."""
        if not self._use_cache:
            return self.enrich_stream(articles, n_process=n_process)
        if self._cache is None:
            from searchengine.enrich_cache import EnrichmentCache

            self._cache = EnrichmentCache(self.engine.location)
        return self._cache.stream(self, articles, n_process=n_process)

    def enrich_stream(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Article]:
        """Enriched articles in order: with ``n_process`` > 1 and the default enricher, whole
        articles go to worker processes (``searchengine.parallel``); else the enricher's
        own stream (spaCy loads lazily)."""
        if n_process > 1 and self._enricher is None:
            from searchengine.parallel import enrich_parallel

            return enrich_parallel(articles, n_process)
        return self.enricher.enrich_stream(articles, n_process=n_process)

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

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
        on_wait: Callable[[str], None] | None = None,
    ) -> IndexReport:
        """Index files and folders (recursively); see the module docstring. While another
        run writes the same index this one waits (``on_wait`` gets one message)."""
        from searchengine.readers import ReadError, find_files

        report = IndexReport()
        roots = [Path(p).resolve() for p in paths]
        files: list[Path] = []
        for root in roots:
            try:
                files.extend(find_files([root]))
            except ReadError as exc:
                report.skip(str(root), str(exc))
        report.files = len(files)
        with self.engine.writer(on_wait=on_wait) as batch:
            # The manifest is read under the writer lock: a run that waited sees what the
            # run before it recorded.
            manifest = Manifest(self.engine.location)
            changed = []
            for path in files:
                entry = manifest.files.get(str(path))
                same_file = bool(entry) and entry["sig"] == signature(path)
                if same_file and entry.get("enriched") == self.enrichment:
                    report.unchanged += len(entry["keys"])
                else:
                    report.reenriched += same_file
                    changed.append(path)
            run = _Run(manifest, report, sum(_size(f) for f in files), progress, self.enrichment)
            run.resume(batch)
            run.done_bytes = sum(_size(f) for f in files) - sum(_size(f) for f in changed)
            big = sum(_size(f) for f in changed) > PARALLEL_BYTES
            run.batch = batch
            stream = self._enrich(run.read(changed), PARALLEL_PROCESSES if big else 1)
            for article in prefetch(stream, PREFETCH):
                run.write(article)
            run.complete_empty()
            if prune:
                run.prune(files, roots)
            batch.commit(reopen=False)
            run.finish()  # the manifest is saved before the next writer may start
        return report

    def index_articles(self, articles: Iterable[Article]) -> IndexReport:
        """Enrich and index articles given directly (not from files)."""
        report = IndexReport()
        with self.engine.writer() as batch:
            for article in self._enrich(articles):
                exists = batch.exists(article.key)
                if exists:
                    report.updated += 1
                else:
                    report.added += 1
                batch.write(article, new=not exists)
        return report


class _Run:
    """The bookkeeping of one ``index_files`` run: which file each enriched article came
    from, when a file is complete (so its manifest entry and removals can be recorded),
    commits, and progress."""

    def __init__(
        self,
        manifest: Manifest,
        report: IndexReport,
        total_bytes: int,
        progress: ProgressCallback | None,
        enrichment: str | None = None,
    ) -> None:
        self.manifest, self.report, self.progress = manifest, report, progress
        self.enrichment = enrichment  # recorded with each file, compared by the next run
        self.total_bytes, self.done_bytes, self.articles = total_bytes, 0, 0
        self.owners = manifest.owners()
        self.files: deque[_FileRun] = deque()  # files read, in the order their articles flow
        self.pending: list[tuple[str, dict]] = []  # complete files not yet committed
        self.since_commit = 0
        self.commit_every = commit_every()
        self.batch = None

    def resume(self, batch) -> None:
        """Keep, of the files cut short by a kill, the keys that are really in the index."""
        self.committed = {
            name: (entry["sig"], {k for k in entry.get("keys", []) if batch.exists(k)})
            for name, entry in self.manifest.partial.items()
            if isinstance(entry, dict)
            and "sig" in entry
            and entry.get("enriched") == self.enrichment
        }

    def read(self, paths: list[Path]) -> Iterator[Article]:
        """Read each changed file and pass its articles on; bad files are reported and skipped."""
        from searchengine.readers import ReadError, Truncated, read_file_report

        for path in paths:
            name, size = str(path), _size(path)
            try:
                sig = signature(path)
                articles, problems = read_file_report(path)
            except ReadError as exc:
                self._skip_file(name, str(exc), size)
                continue
            except OSError as exc:
                self._skip_file(name, exc.strerror or str(exc), size)
                continue
            cut = [p for p in problems if isinstance(p, Truncated)]
            self.report.truncated += len({p.article for p in cut})
            self.report.warnings += [(name, p) for p in cut]
            for problem in problems:
                if not isinstance(problem, Truncated):
                    self.report.skip(name, problem)
            done_sig, done = self.committed.get(name, ("", set()))
            if done and done_sig == sig:  # this very file was cut short: skip what is in
                kept = [a for a in articles if a.key not in done]
                run = _FileRun(name, sig, size, len(kept))
                run.keys = [a.key for a in articles if a.key in done]
                self.report.unchanged += len(run.keys)
                run.size = size * len(kept) / max(1, len(articles))
                articles = kept
            else:
                run = _FileRun(name, sig, size, len(articles))
            self.files.append(run)
            yield from articles

    def write(self, article: Article) -> None:
        self.complete_empty()
        current = self.files[0]
        exists = self.batch.exists(article.key)
        if exists:
            self.report.updated += 1
        else:
            self.report.added += 1
        self.batch.write(article, new=not exists)
        current.keys.append(article.key)
        current.written += 1
        self.articles += 1
        self.since_commit += 1
        self.done_bytes += current.size / max(1, current.count)
        if current.written == current.count:
            self._complete()
            self.complete_empty()
        if self.since_commit >= self.commit_every:
            self._commit()
        if self.progress:
            self.progress(int(self.done_bytes), self.total_bytes, self.articles)

    def complete_empty(self) -> None:
        """Complete the files at the head of the queue that gave no article. (Files are read
        ahead of writing, so only the writer may complete them, in order.)"""
        while self.files and self.files[0].written == self.files[0].count:
            self._complete()

    def _complete(self) -> None:
        """The oldest file's articles are all written: remove what left it, note it."""
        done = self.files.popleft()
        keys = list(dict.fromkeys(done.keys))
        old = self.manifest.files.get(done.name, {}).get("keys", [])
        for key in set(old) - set(keys):
            self._remove(key)
        self.pending.append((done.name, self._entry(done.sig, keys)))

    def _entry(self, sig: str, keys: list[str]) -> dict:
        entry = {"sig": sig, "keys": keys}
        if self.enrichment is not None:
            entry["enriched"] = self.enrichment
        return entry

    def _commit(self) -> None:
        """Commit what is written, mid-file too; then record the files that are complete
        (all their articles committed). A file cut by a kill is not in the manifest, so the
        next run reads it again and replaces (by key) what was committed of it."""
        self.batch.commit()
        self.since_commit = 0
        for run in list(self.files)[:1]:  # the file being written, if any: note its progress
            if run.keys:
                self.manifest.partial[run.name] = self._entry(run.sig, list(run.keys))
        _apply(self.manifest, self.pending)

    def prune(self, files: list[Path], roots: list[Path]) -> None:
        """Remove the articles of files under ``roots`` that no longer exist."""
        seen = {str(f) for f in files}
        for name in list(self.manifest.files):
            if name not in seen and _under(name, roots) and not Path(name).exists():
                for key in self.manifest.files[name]["keys"]:
                    self._remove(key)
                self.pending.append((name, {}))

    def finish(self) -> None:
        _apply(self.manifest, self.pending)
        if self.progress:
            self.progress(self.total_bytes, self.total_bytes, self.articles)

    def _remove(self, key: str) -> None:
        if self.owners.get(key, 0) <= 1:
            self.batch.delete(key)
            self.report.removed += 1

    def _skip_file(self, name: str, reason: str, size: int) -> None:
        self.report.skip(name, reason)
        self.done_bytes += size


@dataclass
class _FileRun:
    name: str
    sig: str
    size: float
    count: int  # articles to write
    keys: list[str] = field(default_factory=list)  # of the file, written or already in
    written: int = 0


def enrichment_version() -> str:
    """The fingerprint of the default enrichment (its code, data and model versions)."""
    from searchengine.enrich_cache import fingerprint

    return fingerprint()


def commit_every() -> int:
    """Articles per commit: $SEARCHENGINE_COMMIT_EVERY, else COMMIT_EVERY."""
    try:
        return max(1, int(os.environ.get(COMMIT_EVERY_ENV, COMMIT_EVERY)))
    except ValueError:
        return COMMIT_EVERY


def prefetch(items: Iterable, size: int) -> Iterator:
    """Iterate ``items`` in a background thread, ``size`` ahead of the consumer.

    Keeps enrichment workers fed while the index writer is busy (a commit flushes for
    seconds); errors in the producer are raised in the consumer, and a consumer that stops
    early stops the producer.
    """
    buffer: queue.Queue = queue.Queue(size)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put((done, None))
        except BaseException as exc:  # handed to the consumer
            buffer.put((done, exc))

    thread = threading.Thread(target=produce, name="prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item, error = buffer.get()
            if item is done:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                buffer.get(timeout=0.1)
            except queue.Empty:
                pass
        thread.join()


def _apply(manifest: Manifest, pending: list[tuple[str, dict]]) -> None:
    for name, entry in pending:
        manifest.partial.pop(name, None)
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
