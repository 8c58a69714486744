"""Shared fixtures: real indexes on disk, built once per session from real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from searchengine import NewsIndex

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
NEWS_FILES = [
    SHARED_DATA / "news" / "wikinews-2019-2020" / "wikinews-vanatteveldt-2019-2021.jsonl",
    SHARED_DATA / "news" / "state-dept-press-2021-2022" / "us-state-dept-press-2021-2022.jsonl",
]
SEED_FILES = sorted((REPO / "corpus").glob("*.txt"))
# The fields of one hit in the stable --json object (and /api/search).
HIT_FIELDS = {"id", "title", "date", "url", "source", "score", "snippet", "entities", "quotes"}


def need_shared(*paths: Path) -> None:
    """Skip the calling test when ../shared/data (or a file in it) is absent."""
    for path in paths or (SHARED_DATA,):
        if not path.exists():
            pytest.skip(f"{path} not present: ../shared/data is needed for this test")


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> Path:
    """A folder holding a copy of the shipped seed article."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEED_FILES:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, seed_corpus) -> NewsIndex:
    """An index built from the seed corpus through the whole pipeline."""
    index = NewsIndex.create(tmp_path_factory.mktemp("seed-index"))
    report = index.add_files([seed_corpus])
    assert report.added == len(SEED_FILES)
    yield index
    index.close()


@pytest.fixture(scope="session")
def news_index(tmp_path_factory) -> NewsIndex:
    """All Wikinews and State Department articles of ../shared/data/news, fully enriched."""
    need_shared(*NEWS_FILES)
    index = NewsIndex.create(tmp_path_factory.mktemp("news-index"))
    report = index.add_files(NEWS_FILES)
    assert report.skipped == 0, report.problems[:5]
    yield index
    index.close()
