"""Articles and an index shared by the web tests: the seed plus a few written for them,
in several years (for the timeline) and one carrying XSS payloads in every field."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from searchengine import NewsIndex
from searchengine.web.server import bind, make_server, url_of

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
XSS_TITLE = "<script>window.__xss=1</script>"
ARTICLES = [
    {"title": "Tahawwur Rana extradited to India", "date": "2025-04-10",
     "url": "https://example.org/rana", "source": "Example Wire",
     "text": "Tahawwur Rana was extradited to India on Thursday after a long legal fight. "
             "The National Investigation Agency said the extradition closes a chapter."},
    {"title": "Extradition treaty talks in London", "date": "2023-06-01",
     "url": "https://example.org/treaty", "source": "Example Wire",
     "text": "Julian Assange's lawyers said in London that the extradition treaty with the "
             "United States was being misused."},
    {"title": "Court hears extradition appeal", "date": "2021-09-20",
     "url": "https://example.org/appeal", "source": "Daily Example",
     "text": "Nirav Modi lost an extradition appeal at the High Court in London on Monday."},
    {"title": XSS_TITLE, "date": "2024-01-05", "url": "javascript:window.__xss=1",
     "source": "<b>Evil Source</b>",
     "text": 'An extradition story with a payload <img src=x onerror="window.__xss=1"> inside. '
             'Officials said: "<script>window.__xss=1</script> is not a quote we trust," '
             "according to Mallory Smith."},
]


def build_index(folder: Path) -> Path:
    """The seed article from corpus/ plus the articles above, indexed into ``folder``."""
    source = folder / "corpus"
    source.mkdir(parents=True)
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, source / path.name)
    with NewsIndex.create(folder / "index") as index:
        index.add_files([source])
        index.add_articles(ARTICLES)
    return folder / "index"


@contextmanager
def live_server(index: NewsIndex) -> Iterator[str]:
    """The real uvicorn server over ``index`` on a free port of 127.0.0.1, in a thread;
    yields its base URL (no trailing slash)."""
    sock = bind("127.0.0.1", 0)
    server = make_server(index, sock)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield url_of(sock).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
