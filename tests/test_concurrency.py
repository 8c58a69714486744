"""Concurrent use: searches answer during an index run; a second writer waits for the first;
a lock left by a killed writer blocks nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from searchengine import NewsIndex
from searchengine.articles import Article
from searchengine.engine import Engine, IndexBusy
from searchengine.engine.whoosh_engine import LOCK_TIMEOUT_ENV, RUN_LOCK
from searchengine.indexing import COMMIT_EVERY_ENV
from tests.test_crash_safety import write_corpus

SEARCH = [sys.executable, "-m", "searchengine"]
HOLD = """
import sys, time
from searchengine.engine import Engine
engine = Engine(sys.argv[1], create=True)
with engine.writer() as batch:
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
print("released", flush=True)
"""


def hold_writer(ix: Path, seconds: float) -> subprocess.Popen:
    """A process that holds the index's writer for ``seconds`` (once it printed "locked")."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(ix), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.fixture
def small_corpus(tmp_path) -> tuple[Path, set[str]]:
    keys = write_corpus(tmp_path / "corpus", files=1, per_file=20)
    return tmp_path / "corpus", keys


def test_a_second_index_run_waits_for_the_first_with_a_message(tmp_path, small_corpus):
    corpus, keys = small_corpus
    ix = tmp_path / "ix"
    holder = hold_writer(ix, 4.0)
    started = time.monotonic()
    proc = subprocess.run(
        [*SEARCH, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert holder.wait() == 0
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("waiting for another indexing run on") == 1
    assert time.monotonic() - started >= 3.5  # it really waited
    assert "20 added" in proc.stdout
    with NewsIndex.open(ix) as index:
        assert index._engine.keys() == keys


def test_a_writer_killed_with_sigkill_leaves_no_blocking_lock(tmp_path, small_corpus):
    corpus, keys = small_corpus
    ix = tmp_path / "ix"
    holder = hold_writer(ix, 600)
    os.killpg(holder.pid, signal.SIGKILL)
    holder.wait()
    # the lock files stay; the flock locks on them died with their process
    assert (ix / RUN_LOCK).exists()
    assert any(p.name.endswith("WRITELOCK") for p in ix.iterdir())
    proc = subprocess.run(
        [*SEARCH, "index", str(corpus), "--index", str(ix)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "waiting" not in proc.stderr
    with NewsIndex.open(ix) as index:
        assert len(index) == len(keys)


def test_waiting_gives_up_with_a_clear_error_after_the_timeout(tmp_path, monkeypatch):
    ix = tmp_path / "ix"
    holder = hold_writer(ix, 30)
    try:
        monkeypatch.setenv(LOCK_TIMEOUT_ENV, "1")
        engine = Engine(ix)
        messages: list[str] = []
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="still being written by another process"):
            with engine.writer(on_wait=messages.append) as batch:
                batch.write(Article(text="never written", url="https://x.org/never"))
        assert 1.0 <= time.monotonic() - started < 5
        assert len(messages) == 1 and "waiting for another indexing run" in messages[0]
        engine.close()
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()


def test_searches_answer_during_an_index_run_and_see_its_commits(tmp_path):
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    expected = write_corpus(corpus, files=2, per_file=400)
    NewsIndex.create(ix).close()  # empty, so that `search serve` can start
    serve = subprocess.Popen(
        [*SEARCH, "serve", "--index", str(ix), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        line = serve.stdout.readline()
        base = re.search(r"at (http://\S+)", line).group(1).rstrip("/")

        def served_total() -> int:
            with urllib.request.urlopen(f"{base}/api/search?q=council&limit=1", timeout=10) as r:
                return json.load(r)["total"]

        assert served_total() == 0
        run = subprocess.Popen(
            [*SEARCH, "index", str(corpus), "--index", str(ix)],
            env={**os.environ, COMMIT_EVERY_ENV: "100"},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        api_counts, served, cli_answers = [], [], []
        with NewsIndex.open(ix) as index:
            while run.poll() is None:
                api_counts.append(index.search("council", limit=1).total)
                assert len(index) >= api_counts[-1]
                served.append(served_total())
                if len(cli_answers) < 3 and api_counts[-1] > 0:
                    cli = subprocess.run(
                        [*SEARCH, "council", "--index", str(ix), "--json", "--limit", "1"],
                        capture_output=True,
                        text=True,
                    )
                    assert cli.returncode == 0, cli.stderr
                    cli_answers.append(json.loads(cli.stdout)["total"])
                time.sleep(0.05)
            assert run.returncode == 0
            final = index.search("council", limit=1).total
        assert api_counts == sorted(api_counts) and served == sorted(served)
        assert final == len(expected) == served_total()
        # the searches saw commits land while the run went on, not only at its end
        assert len({c for c in api_counts if 0 < c < len(expected)}) >= 2, api_counts
        assert cli_answers and all(0 < c <= len(expected) for c in cli_answers)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=10)
