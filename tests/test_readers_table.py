"""CSV and TSV files: one article per row, columns named by the header.

Before this reader a CSV was read as plain text: Wikinews' own 171-row export became one
article of 600,000 characters.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from searchengine import NewsIndex
from searchengine.readers import ReadError, read_file, read_file_report
from tests.conftest import NEWS_FILES, SHARED_DATA, need_shared

WIKINEWS = SHARED_DATA / "news" / "wikinews-2019-2020"


def test_wikinews_csv_exports_hold_the_jsonl_articles():
    """The Wikinews JSONL was made from these CSVs (minus two test pages): every article
    comes back from them with its title, date and text."""
    csv_files = [WIKINEWS / "wikinews_2019.csv", WIKINEWS / "wikinews_2020.csv"]
    need_shared(*csv_files, NEWS_FILES[0])
    rows = [a for f in csv_files for a in read_file(f)]
    assert len(rows) == 171 + 124
    by_title = {(a.title, a.date): a for a in rows}
    for article in read_file(NEWS_FILES[0]):
        row = by_title[(article.title, article.date)]
        assert " ".join(row.text.split()) == " ".join(article.text.split())
        assert row.url.startswith("https://en.wikinews.org/")
        assert row.key == article.key  # the export writes "wikinews.org//wiki/...": one page


def test_header_names_case_delimiters_and_quoted_lines(tmp_path):
    table = tmp_path / "export.csv"
    table.write_text(
        "\ufeffHeadline;Published At;Body;Link;Publisher;Byline\n"
        'Rana extradited;2025-04-10;"Tahawwur Rana was extradited.\n\nHe arrived on Thursday.";'
        "https://example.org/rana;Example Wire;Ann Lee\n"
        ";;;;;\n"
        "No text here;2025-04-11;;https://example.org/empty;Example Wire;\n",
        encoding="utf-8",
    )
    articles, problems = read_file_report(table)
    (article,) = articles
    assert article.title == "Rana extradited" and article.date == datetime(2025, 4, 10)
    assert article.text == "Tahawwur Rana was extradited.\n\nHe arrived on Thursday."
    assert (article.url, article.source, article.authors) == (
        "https://example.org/rana", "Example Wire", ["Ann Lee"])
    assert problems == ["no article text found on row 4"]  # the blank row is no problem


def test_tsv_and_a_table_without_text(tmp_path):
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("title\ttext\nA, with a comma\tFirst text, also with commas.\n")
    assert [a.title for a in read_file(tsv)] == ["A, with a comma"]
    bad = tmp_path / "prices.csv"
    bad.write_text("symbol,price\nABC,1.5\n")
    with pytest.raises(ReadError, match="a CSV needs a text column .* 'symbol', 'price'"):
        read_file(bad)


def test_indexing_a_folder_with_a_csv_indexes_its_rows(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "news.csv").write_text(
        "id,title,date,text\n"
        "a1,Floods in Jakarta,2025-01-02,Floods hit Jakarta on Thursday after heavy rain.\n"
        "a2,Storm in Manila,2025-01-03,A storm reached Manila on Friday.\n"
    )
    (folder / "prices.csv").write_text("symbol,price\nABC,1.5\n")
    run = subprocess.run(
        [sys.executable, "-m", "searchengine", "index", "--index", str(tmp_path / "ix"),
         str(folder)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "prices.csv: a CSV needs a text column" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr
    with NewsIndex.open(tmp_path / "ix") as index:
        assert len(index) == 2
        assert [h.id for h in index.search("Manila").hits] == ["a2"]


def test_the_same_page_from_a_csv_and_a_jsonl_is_one_article(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        '{"url": "https://en.wikinews.org/wiki/Storm", "title": "Storm", '
        '"text": "A storm reached Manila on Friday."}\n')
    (folder / "b.csv").write_text(
        "url,title,text\n"
        "https://en.wikinews.org//wiki/Storm,Storm,A storm reached Manila on Friday.\n")
    with NewsIndex.create(tmp_path / "ix") as index:
        index.add_files([folder])
        assert len(index) == 1
        assert index.article("https://en.wikinews.org//wiki/Storm").title == "Storm"
