"""Crash safety: `search index` killed with SIGKILL at random moments, again and again.

After every kill the index opens, holds every article committed before the kill exactly
once, and the manifest names only files whose articles are all in the index; running the
same command to the end then gives exactly the expected articles, none twice.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from searchengine import NewsIndex
from searchengine.engine import Engine
from searchengine.indexing import COMMIT_EVERY_ENV, MANIFEST

SEARCH = [sys.executable, "-m", "searchengine"]
FILES, PER_FILE = 4, 500  # 2,000 articles, each a sentence or two (spaCy is quick on them)
BATCH = 100  # SEARCHENGINE_COMMIT_EVERY for the killed runs
KILLS = 20
NAMES = ["Ana Silva", "Omar Khan", "Li Wei", "Maria Rossi", "John Smith"]
PLACES = ["Lisbon", "Karachi", "Beijing", "Rome", "Boston"]


def write_corpus(folder: Path, files: int = FILES, per_file: int = PER_FILE) -> set[str]:
    """Small JSONL files of short articles; returns their keys."""
    folder.mkdir()
    keys = set()
    for f in range(files):
        keys |= write_part(folder, f, per_file)
    return keys


def write_part(folder: Path, f: int, per_file: int = PER_FILE) -> set[str]:
    """One JSONL file ``part{f}.jsonl`` of short articles numbered from f * per_file."""
    keys = set()
    with open(folder / f"part{f}.jsonl", "w", encoding="utf-8") as out:
        for i in range(per_file):
            n = f * per_file + i
            url = f"https://example.org/a/{n}"
            keys.add("url:" + url)
            record = {
                "title": f"Report {n}",
                "text": f"{NAMES[n % 5]} spoke in {PLACES[n % 5]} on day {n}. "
                "The council met again.",
                "url": url,
                "date": f"2024-01-{1 + n % 28:02d}",
            }
            out.write(json.dumps(record) + "\n")
    return keys


def stored_keys(ix: Path) -> Counter:
    """Article key -> number of live documents holding it."""
    with NewsIndex.open(ix) as index:
        searcher = index._engine.searcher()
        return Counter(fields["key"] for fields in searcher.all_stored_fields())


def check_manifest(ix: Path, keys: Counter) -> None:
    """A file in the manifest has all its articles committed."""
    path = ix / MANIFEST
    if not path.exists():
        return
    for name, entry in json.loads(path.read_text("utf-8")).items():
        missing = [k for k in entry["keys"] if k not in keys]
        assert not missing, f"{name} recorded as done but {len(missing)} of its articles missing"


def run_index(corpus: Path, ix: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*SEARCH, "index", str(corpus), "--index", str(ix)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    expected = write_corpus(corpus)
    env = {**os.environ, COMMIT_EVERY_ENV: str(BATCH)}
    rng = random.Random(6)
    seen: set[str] = set()
    killed = finished = 0
    counts = []
    parts = FILES
    while killed < KILLS and killed + finished < 3 * KILLS:
        proc = subprocess.Popen(
            [*SEARCH, "index", str(corpus), "--index", str(ix)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.5, 3.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        else:  # it finished everything: add a file, so that the next run has work to lose
            finished += 1
            expected |= write_part(corpus, parts)
            parts += 1
        proc.wait()
        if not Engine.exists(ix):  # killed before the index was created
            continue
        keys = stored_keys(ix)
        twice = [k for k, c in keys.items() if c > 1]
        assert not twice, f"articles indexed twice after a kill: {twice[:5]}"
        assert seen <= set(keys), f"{len(seen - set(keys))} committed articles lost by a kill"
        assert set(keys) <= expected
        check_manifest(ix, keys)
        seen = set(keys)
        counts.append(len(keys))
    assert killed == KILLS, (killed, finished)

    done = run_index(corpus, ix, env)
    assert done.returncode == 0, done.stderr
    keys = stored_keys(ix)
    assert set(keys) == expected and max(keys.values()) == 1
    again = run_index(corpus, ix, env)
    assert again.returncode == 0, again.stderr
    assert f"0 added, 0 updated, {len(expected):,} unchanged" in again.stdout
    keys = stored_keys(ix)
    assert len(keys) == len(expected) and max(keys.values()) == 1
    print(f"\nkills {killed}, finished before the kill {finished}, articles after each: {counts}")
