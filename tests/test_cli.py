"""The real `search` command, through click's runner and as a subprocess."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchengine.cli import main
from tests.conftest import HIT_FIELDS, REPO, SEED_FILES

SEARCH = [sys.executable, "-m", "searchengine"]


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    corpus = folder / "corpus"
    corpus.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, corpus / path.name)
    index = folder / "ix"
    result = run("index", str(corpus), "--index", str(index))
    assert result.exit_code == 0, result.output
    assert "1 added, 0 updated, 0 unchanged, 0 skipped" in result.output
    return str(index)


def test_query_prints_hits(cli_index):
    result = run("extradition", "--index", cli_index)
    assert result.exit_code == 0
    assert "Counter-terrorism cooperation" in result.output
    assert "2025-02-15" in result.output
    assert "\x1b[" not in result.output  # plain when not a terminal
    assert "extradition" in result.output


def test_query_with_facets_and_quotes(cli_index):
    result = run(
        'person:"Narendra Modi" AND quote:terrorism', "--facet", "org", "--index", cli_index
    )
    assert result.exit_code == 0
    assert "org:" in result.output and "Lashkar-e-Tayyiba" in result.output
    assert "joint statement" in result.output  # the matching quote's speaker


def test_json_output_is_the_stable_object(cli_index):
    result = run(
        "Pakistan", "--json", "--facet", "person", "--facet", "month", "--index", cli_index
    )
    data = json.loads(result.output)
    assert set(data) == {"query", "total", "hits", "facets"}
    hit = data["hits"][0]
    assert set(hit) == HIT_FIELDS
    assert set(hit["entities"]) == {"person", "org", "place", "other"}
    assert data["facets"]["month"] == [{"value": "2025-02", "count": 1, "filter": "date:2025-02"}]
    assert all(v["filter"] == f'person:="{v["value"]}"' for v in data["facets"]["person"])
    assert hit["date"] == "2025-02-15"


def test_filter_sort_limit_page(cli_index):
    result = run(
        "Pakistan",
        "--filter",
        "date:2025",
        "--sort",
        "date",
        "--limit",
        "1",
        "--page",
        "1",
        "--json",
        "--index",
        cli_index,
    )
    assert json.loads(result.output)["total"] == 1
    result = run("Pakistan", "--filter", "date:2024", "--index", cli_index)
    assert result.exit_code == 1


def test_no_match_exits_1(cli_index):
    result = run("zzyzx", "--index", cli_index)
    assert result.exit_code == 1
    assert "No articles match" in result.output


@pytest.mark.parametrize(
    "query, message",
    [
        ('"diplomatic norms', "unclosed quote"),
        ("persn:Modi", "unknown field"),
        ("date:2025-13", "no month 13"),
        ("(India", "never closed"),
    ],
)
def test_malformed_query_one_line_exit_2(cli_index, query, message):
    proc = subprocess.run([*SEARCH, query, "--index", cli_index], capture_output=True, text=True)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_missing_index_is_an_error(tmp_path):
    proc = subprocess.run(
        [*SEARCH, "x", "--index", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "no index at" in proc.stderr and "Traceback" not in proc.stderr


def test_show_and_stats(cli_index):
    data = json.loads(run("extradition", "--json", "--index", cli_index).output)
    article_id = data["hits"][0]["id"]
    shown = run("show", article_id, "--index", cli_index)
    assert shown.exit_code == 0 and "PTI reported." in shown.output
    assert "Shafqat Ali Khan" in shown.output
    assert "“surprised” — Shafqat Ali Khan\n      in: Pakistan was “surprised”" in shown.output
    record = json.loads(run("show", article_id, "--json", "--index", cli_index).output)
    assert record["text"].startswith("Counter-terrorism") and record["date"] == "2025-02-15"
    assert {"title", "date", "source", "url", "authors", "text", "entities", "quotes"} <= set(
        record
    )
    assert {"text": "surprised", "speaker": "Shafqat Ali Khan",
            "statement": "Pakistan was “surprised”"} in record["quotes"]
    assert run("show", "nope", "--index", cli_index).exit_code == 1
    stats = run("stats", "--index", cli_index)
    assert stats.exit_code == 0
    assert "1 article, 2025-02-15 to 2025-02-15" in stats.output
    assert "Narendra Modi" in stats.output


def test_options_before_the_command_belong_to_it(cli_index):
    stats = run("--index", cli_index, "stats")
    assert stats.exit_code == 0 and "1 article, 2025-02-15 to 2025-02-15" in stats.output
    as_json = run("--index", cli_index, "--json", "stats")
    assert json.loads(as_json.output)["articles"] == 1
    found = run("--index", cli_index, "--limit", "1", "extradition")
    assert found.exit_code == 0 and "1 article matches" in found.output
    assert run("--index", cli_index, "--", "stats").exit_code == 1  # the word, not the command


def test_query_named_like_a_command(cli_index):
    result = run("query", "index", "--index", cli_index)
    assert result.exit_code == 1  # searched for the word; the seed does not contain it


def test_reindex_changes_and_prune(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = corpus / "a.txt"
    first.write_text("date 2024-01-05 Floods hit the valley. Rescue teams arrived.\n", "utf-8")
    with gzip.open(corpus / "b.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(
            [
                {"id": "b1", "title": "Drought", "text": "A long drought."},
                {"id": "b2", "title": "Harvest", "text": "The harvest failed."},
            ],
            handle,
        )
    (corpus / "broken.json").write_text("{not json", "utf-8")
    (corpus / "empty").mkdir()
    index = str(tmp_path / "ix")
    result = run("index", str(corpus), "--index", index)
    assert "3 added, 0 updated, 0 unchanged, 1 skipped" in result.output
    assert "broken.json" in result.output  # the reason is reported
    result = run("index", str(corpus), "--index", index)
    assert "0 added, 0 updated, 3 unchanged, 1 skipped" in result.output
    first.write_text("date 2024-01-06 Floods hit the valley again.\n", "utf-8")
    os.utime(first, (first.stat().st_atime + 5, first.stat().st_mtime + 5))
    result = run("index", str(corpus), "--index", index)
    # no URL or id: the identity is the text's hash, so new text is a new article
    assert "1 added, 0 updated, 2 unchanged, 1 skipped, 1 removed" in result.output
    assert run("again", "--index", index).exit_code == 0
    assert run("arrived", "--index", index).exit_code == 1
    with gzip.open(corpus / "b.json.gz", "wt", encoding="utf-8") as handle:
        json.dump(
            [
                {"id": "b1", "title": "Drought", "text": "A long drought ended."},
                {"id": "b2", "title": "Harvest", "text": "The harvest failed."},
            ],
            handle,
        )
    result = run("index", str(corpus), "--index", index)
    assert "0 added, 2 updated, 1 unchanged" in result.output  # the file's articles, by id
    assert run("ended", "--index", index).exit_code == 0
    (corpus / "b.json.gz").unlink()
    result = run("index", str(corpus), "--index", index)
    assert run("drought", "--index", index).exit_code == 0  # kept without --prune
    result = run("index", str(corpus), "--prune", "--index", index)
    assert "2 removed" in result.output
    assert run("drought", "--index", index).exit_code == 1
    assert run("valley", "--index", index).exit_code == 0  # nothing else lost


def test_bad_paths(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = subprocess.run(
        [*SEARCH, "index", str(empty), "--index", str(tmp_path / "ix")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "no files to index" in proc.stderr
    proc = subprocess.run(
        [*SEARCH, "index", str(tmp_path / "nope"), "--index", str(tmp_path / "ix")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "no such file" in proc.stderr
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 truncated")
    proc = subprocess.run(
        [*SEARCH, "index", str(bad), "--index", str(tmp_path / "ix")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "bad.txt.gz" in proc.stderr and "Traceback" not in proc.stderr


def test_default_index_is_built_from_corpus_on_first_query(tmp_path):
    (tmp_path / "corpus").mkdir()
    for path in SEED_FILES:
        shutil.copy(path, tmp_path / "corpus" / path.name)
    env = {k: v for k, v in os.environ.items() if k != "SEARCHENGINE_INDEX"}
    proc = subprocess.run(
        [*SEARCH, "extradition"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "Building the index" in proc.stderr
    assert "Counter-terrorism cooperation" in proc.stdout
    assert (tmp_path / "index").is_dir()
    proc = subprocess.run(
        [*SEARCH, "extradition"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0 and "Building" not in proc.stderr
    # after an upgrade of the enrichment the default index is built again
    _as_older_version_wrote_it(tmp_path / "index" / "files.json")
    proc = subprocess.run(
        [*SEARCH, "extradition", "--json"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "Building the index" in proc.stderr and "1 files enriched again" in proc.stderr
    assert json.loads(proc.stdout)["total"] == 1  # the build's report is not in the answer
    # a file from elsewhere in the default index, indexed by an older version, is left alone
    other = tmp_path / "elsewhere.txt"
    other.write_text("The extradition hearing was adjourned.\n", "utf-8")
    assert subprocess.run([*SEARCH, "index", str(other)], cwd=tmp_path, env=env).returncode == 0
    manifest = tmp_path / "index" / "files.json"
    entries = json.loads(manifest.read_text("utf-8"))
    del entries[str(other.resolve())]["enriched"]
    manifest.write_text(json.dumps(entries), "utf-8")
    proc = subprocess.run(
        [*SEARCH, "extradition"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0 and "Building" not in proc.stderr
    assert "2 articles match" in proc.stdout


def _as_older_version_wrote_it(manifest: Path, files: int | None = None) -> None:
    """Rewrite an index's manifest as an older enrichment left it: the first ``files``
    entries (all by default) with another fingerprint, or none (as before it was recorded)."""
    entries = json.loads(manifest.read_text("utf-8"))
    for i, entry in enumerate(list(entries.values())[:files]):
        if i % 2:
            entry["enriched"] = "0123456789abcdef"
        else:
            del entry["enriched"]
    manifest.write_text(json.dumps(entries), "utf-8")


def test_files_another_enrichment_version_read_are_enriched_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (
        ("a.txt", "Floods hit the valley near Dhaka on Monday."),
        ("b.txt", "Prime Minister Narendra Modi visited Washington."),
        ("c.txt", "The harvest failed across Punjab this year."),
    ):
        (corpus / name).write_text(text + "\n", "utf-8")
    index = tmp_path / "ix"
    assert "3 added" in run("index", str(corpus), "--index", str(index)).output
    _as_older_version_wrote_it(index / "files.json", files=2)
    result = run("index", str(corpus), "--index", str(index))
    assert "0 added, 2 updated, 1 unchanged, 0 skipped" in result.output
    assert "(2 files enriched again: another version indexed them)" in result.output
    result = run("index", str(corpus), "--index", str(index))
    assert "0 added, 0 updated, 3 unchanged, 0 skipped" in result.output
    assert "enriched again" not in result.output
    assert run("person:=\"Narendra Modi\"", "--index", str(index)).exit_code == 0


def test_a_query_does_not_import_spacy(cli_index):
    code = (
        "import sys; from click.testing import CliRunner; from searchengine.cli import main; "
        f"r = CliRunner().invoke(main, ['extradition', '--index', {cli_index!r}]); "
        "assert r.exit_code == 0, r.output; assert 'spacy' not in sys.modules; print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_repo_layout():
    assert (REPO / "corpus").is_dir() and list((REPO / "corpus").glob("*.txt"))
    assert Path(REPO / ".ci" / "run").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_rate_and_eta():
    from searchengine.progress import ProgressBar

    stream = _Terminal()
    bar = ProgressBar(stream=stream)
    bar(250, 1000, 40)
    line = stream.getvalue()
    assert " 25% " in line and "40 articles" in line and "/s" in line and "ETA 0:00:" in line
    assert ProgressBar(stream=io.StringIO()).enabled is False  # silent when piped
