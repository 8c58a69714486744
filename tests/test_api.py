"""The public Python API, including the README's example run as written."""

import os
import re
from pathlib import Path

import pytest

from searchengine import IndexNotFound, NewsIndex, QuerySyntaxError
from tests.conftest import HIT_FIELDS, REPO


def test_readme_example_runs(tmp_path, capsys, monkeypatch):
    readme = (REPO / "README.md").read_text("utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert "/tmp/my-news-index" in example
    monkeypatch.chdir(REPO)  # the example indexes corpus/
    exec(compile(example.replace("/tmp/my-news-index", str(tmp_path / "ix")), "README", "exec"), {})
    out = capsys.readouterr().out
    assert "Rana extradited" in out or "Counter-terrorism" in out
    assert "FacetCount" in out and "\nTrue\n" in out  # the facet filter narrows to its count


def test_dicts_in_and_typed_results_out(tmp_path):
    with NewsIndex.create(tmp_path / "ix") as index:
        report = index.add_articles(
            [
                {
                    "id": "a1",
                    "title": "Floods in Jakarta",
                    "text": "Heavy floods hit Jakarta on Monday, Indonesia's disaster agency said.",
                    "date": "2020-01-02",
                    "source": "Wire",
                },
                {"title": "No text here"},
            ]
        )
        assert (report.added, report.skipped) == (1, 1)
        results = index.search("flood", facets=["place", "year"])
        assert results.total == 1
        hit = results.hits[0]
        assert hit.id == "a1" and hit.source == "Wire" and hit.date.year == 2020
        assert "Jakarta" in hit.entities["place"]
        assert results.facets["year"][0].value == "2020"
        data = results.to_dict()
        assert set(data) == {"query", "total", "hits", "facets"}
        assert set(data["hits"][0]) == HIT_FIELDS
        assert data["hits"][0]["date"] == "2020-01-02"
        again = index.add_articles(
            [{"id": "a1", "title": "Floods in Jakarta", "text": "Floods, updated."}]
        )
        assert (again.added, again.updated) == (0, 1) and len(index) == 1


def test_errors(tmp_path):
    with pytest.raises(IndexNotFound):
        NewsIndex.open(tmp_path / "missing")
    with NewsIndex.create(tmp_path / "ix") as index:
        with pytest.raises(QuerySyntaxError, match="unclosed quote"):
            index.search('"open')
        with pytest.raises(ValueError, match="unknown facet"):
            index.search("x", facets=["colour"])


def test_env_variable_names_the_default_index(tmp_path, monkeypatch):
    monkeypatch.setenv("SEARCHENGINE_INDEX", str(tmp_path / "envix"))
    with NewsIndex.create() as index:
        assert Path(index.path) == tmp_path / "envix"
    assert os.path.isdir(tmp_path / "envix")
