"""Hostile and broken input (issue 6, promise 3): over a hundred bad files made here.

Every case is read with ``read_file_report`` (no spaCy): a good file gives its articles, a bad
one a :class:`ReadError` with a one-line reason, and nothing raises anything else. One run of
the real ``search index`` over the whole folder then checks that the good articles are
searchable and each bad file is named with its reason.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchengine import readers
from searchengine.readers import ReadError, detect, find_files, read_file_report

GOOD_TEXT = "The {w} council met on Tuesday to discuss the harbour plan, officials said."
HUGE_BYTES = 50 * 1024 * 1024


@dataclass
class Case:
    name: str  # the file name, also the pytest id
    make: Callable[[Path], None]  # writes the file (or link, pipe, folder) at the given path
    good: int = 0  # articles expected (0: the file must be refused)
    reason: str = ""  # a bad file's reason contains this (lower case)
    word: str = ""  # a good file's marker word, searchable after indexing
    problems: int = 0  # per-record problems expected alongside the good articles
    date: str | None = "any"  # expected ISO date of the (first) article, None: no date


def _write(data: bytes | str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    return make


def _good(word: str) -> str:
    return GOOD_TEXT.format(w=word)


def _jdate(word: str, date: str) -> str:
    """A JSON article whose ``date`` is the raw JSON value ``date``."""
    return f'{{"text": "{_good(word)}", "date": {date}}}'


def _html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def _nested(depth: int, word: str) -> str:
    return _html("<div>" * depth + f"<p>{_good(word)}</p>" + "</div>" * depth)


def _links(n: int, paragraph: str = "") -> str:
    links = "".join(f'<li><a href="/l/{i}">link {i}</a></li>' for i in range(n))
    return _html(f"<article><p>{paragraph}</p></article><ul>{links}</ul>")


def _feed(items: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Hostile</title>'
        f"{items}</channel></rss>"
    )


def _item(text: str, title: str = "t", date: str = "") -> str:
    pub = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title>{pub}<description>{text}</description></item>"


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
_QUADRATIC = '<!DOCTYPE q [<!ENTITY a "' + "x" * 50_000 + '">]>'
_XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _gzip(data: bytes, cut: int | None = None) -> Callable[[Path], None]:
    packed = gzip.compress(data, mtime=0)
    return _write(packed if cut is None else packed[:cut])


def _random(seed: int, size: int) -> bytes:
    data = random.Random(seed).randbytes(size)
    return b"\x00\x01" + data  # never gzip magic, always binary


def _symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _loop_pair(path: Path) -> None:
    path.symlink_to(path.name + ".other")
    (path.parent / (path.name + ".other")).symlink_to(path.name)


def _dir_loop(path: Path) -> None:
    path.mkdir()
    (path / "up").symlink_to("..")
    (path / "self").symlink_to(".")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _unreadable(path: Path) -> None:
    path.write_text(_good("unreadable"))
    path.chmod(0)


def _cases() -> list[Case]:
    cases: list[Case] = []
    add = cases.append
    # -- empty ---------------------------------------------------------------------------
    for i, data in enumerate(["", " ", "\n\n\t \n", "\ufeff", "\r\n\r\n"]):
        add(Case(f"empty-{i}.txt", _write(data), reason="empty"))
    for ext in ("json", "jsonl", "html", "xml", "md"):
        add(Case(f"empty.{ext}", _write(""), reason="empty"))
    add(Case("empty.txt.gz", _gzip(b""), reason="empty"))
    add(Case("blank.txt.gz", _gzip(b"  \n\n  "), reason="empty"))
    # -- binary --------------------------------------------------------------------------
    for i in range(8):
        add(Case(f"binary-{i}.txt", _write(_random(i, 2000 + 700 * i)), reason="binary"))
    add(Case("png.html", _write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(99)), reason="binary"))
    add(Case("elf.json", _write(b"\x7fELF\x02\x01\x01" + bytes(500)), reason="binary"))
    add(Case("zeros.txt", _write(bytes(4096)), reason="binary"))
    add(Case("nul-inside.txt", _write(b"Some words\x00 and more\x00\x00"), reason="binary"))
    add(Case("utf16-no-bom.txt", _write(_good("x").encode("utf-16-le")), reason="binary"))
    add(Case("binary.txt.gz", _gzip(_random(99, 3000)), reason="binary"))
    # -- encodings (good: decoded, the marker word intact) -----------------------------------
    enc = [
        ("latin1.txt", _good("Zürichlatin").encode("latin-1"), "Zürichlatin"),
        ("cp1252.txt", (_good("quotecp") + " \u201cquoted\u201d").encode("cp1252"), "quotecp"),
        ("invalid-utf8.txt", _good("invalidutf").encode() + b" \xff\xfe\xc3\x28 end", "invalidutf"),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + _good("bomeight").encode(), "bomeight"),
        ("utf16le-bom.txt", _good("bomsixteenle").encode("utf-16"), "bomsixteenle"),
        (
            "utf16be-bom.txt",
            b"\xfe\xff" + _good("bomsixteenbe").encode("utf-16-be"),
            "bomsixteenbe",
        ),
        (
            "utf16-bom.json",
            ('{{"title": "Sixteen", "text": "{}"}}'.format(_good("jsonsixteen"))).encode("utf-16"),
            "jsonsixteen",
        ),
        (
            "latin1-charset.html",
            _html(f"<p>{_good('Málagahtml')}</p>", '<meta charset="iso-8859-1">').encode("latin-1"),
            "Málagahtml",
        ),
        (
            "unknown-charset.html",
            _html(f"<p>{_good('charsetbogus')}</p>", '<meta charset="x-bogus-9">').encode()
            + b"\xff",
            "charsetbogus",
        ),
    ]
    for name, data, word in enc:
        add(Case(name, _write(data), good=1, word=word))
    # -- gzip ------------------------------------------------------------------------------
    payload = (_good("gzipgood") + "\n") * 40
    for cut in (2, 10, 18, 30, 60, -8, -4, -1):
        add(Case(f"truncated-{cut}.txt.gz", _gzip(payload.encode(), cut), reason="gzip"))
    bad_crc = bytearray(gzip.compress(payload.encode(), mtime=0))
    bad_crc[-6] ^= 0xFF
    add(Case("bad-crc.txt.gz", _write(bytes(bad_crc)), reason="gzip"))
    add(Case("not-gzip.txt.gz", _write(_good("x")), reason="gzip"))
    add(Case("good.txt.gz", _gzip(payload.encode()), good=1, word="gzipgood"))
    # -- HTML ------------------------------------------------------------------------------
    html_bad = {
        "no-body.html": "<html><head><title>Only a title here</title></head></html>",
        "empty-body.html": _html(""),
        "only-nav.html": _html("<nav><a href='/'>Home</a> <a href='/b'>World</a></nav>"),
        "only-script.html": _html("<script>" + "var x = 1;" * 1000 + "</script>"),
        "only-comments.html": _html("<!-- " + "hidden " * 500 + "-->"),
        "links-only.html": _links(2000),
        "unclosed-tags.html": "<html><body><div><div><span><b><i>" * 50,
        "just-tags.html": "<p></p>" * 5000,
    }
    for name, markup in html_bad.items():
        add(Case(name, _write(markup), reason="no article text"))
    add(Case("nested-300.html", _write(_nested(300, "nestthree")), good=1, word="nestthree"))
    for depth in (5_000, 100_000):  # libxml2 stops at its depth limit: no text or some text
        add(Case(f"nested-{depth}.html", _write(_nested(depth, f"nest{depth}")), good=-1))
    add(
        Case(
            "links-100k.html",
            _write(_links(100_000, _good("linkheavy"))),
            good=1,
            word="linkheavy",
            problems=1,
        )
    )  # "page cut after its first 30,000 elements"
    add(
        Case(
            "huge-attribute.html",
            _write(_html(f'<p title="{"a" * 2_000_000}">{_good("bigattr")}</p>')),
            good=1,
            word="bigattr",
        )
    )
    # -- JSON and JSONL ----------------------------------------------------------------------
    json_bad = {
        "scalar-number.json": ("42", "neither an object nor a list"),
        "scalar-string.json": ('"just a string"', "neither an object nor a list"),
        "scalar-null.json": ("null", "neither an object nor a list"),
        "scalar-true.json": ("true", "neither an object nor a list"),
        "list-empty.json": ("[]", "no articles"),
        "list-of-scalars.json": ("[1, 2, 3]", "expected a json object"),
        "list-of-lists.json": ("[[1], [2]]", "expected a json object"),
        "object-no-text.json": ('{"title": "No body"}', "no article text"),
        "object-text-number.json": ('{"text": 12345}', "no article text"),
        "object-text-list.json": ('{"text": ["a", "b"]}', "no article text"),
        "broken.json": ('{"text": "unterminated', "invalid json"),
        "deep-list.json": ("[" * 100_000 + "]" * 100_000, ""),
        "deep-object.json": ('{"a":' * 50_000 + "1" + "}" * 50_000, ""),
        "huge-int.json": ('{"text": "x", "id": ' + "9" * 10_000 + "}", "invalid json"),
        "trailing-garbage.json": ('{"text": "fine"} garbage', "invalid json"),
        "all-broken.jsonl": ("{not json\n{neither\n", "invalid json"),
        "jsonl-of-scalars.jsonl": ("1\n2\n3\n", "expected a json object"),
    }
    for name, (data, reason) in json_bad.items():
        add(Case(name, _write(data), reason=reason))
    lines = "\n".join(
        [
            '{{"title": "First line", "text": "{}"}}'.format(_good("jsonlfirst")),
            '{"title": broken',
            "[1, 2]",
            '{"title": "no text"}',
            "}{ not an object",
            '{{"title": "Second", "text": "{}", "date": "2025-02-30"}}'.format(
                _good("jsonlsecond")
            ),
        ]
    )
    add(Case("mixed.jsonl", _write(lines), good=2, word="jsonlfirst", problems=4))
    mixed = '[{{"text": "{}"}}, 7, {{"title": "empty"}}, null]'.format(_good("jsonlistgood"))
    add(Case("mixed-list.json", _write(mixed), good=1, word="jsonlistgood", problems=3))
    # -- feeds -----------------------------------------------------------------------------
    feed_bad = {  # entities are never expanded nor fetched: an item made of them has no text
        "broken-xml.xml": ('<?xml version="1.0"?><rss><channel><item><title>x</ti', "no article"),
        "no-items.rss": (_feed(""), "feed has no items"),
        "items-without-text.rss": (_feed(_item("") + _item("   ")), "no article text"),
        "billion-laughs.xml": (_feed(_item("&lol9;"), _LAUGHS), "no article text"),
        "billion-laughs.rss": (_feed(_item("&lol9;" * 100), _LAUGHS), "no article text"),
        "quadratic-blowup.xml": (_feed(_item("&a;" * 20_000), _QUADRATIC), "no article text"),
        "xxe.xml": (_feed(_item("&xxe;"), _XXE), "no article text"),
        "not-a-feed.xml": ('<?xml version="1.0"?><note><to>x</to></note>', "feed has no items"),
        "garbage-after-prolog.xml": ('<?xml version="1.0"?>\x01\x02<<<>>>', "binary"),
    }
    for name, (data, reason) in feed_bad.items():
        add(Case(name, _write(data), reason=reason))
    entity_in_text = _feed(_item(f"{_good('feedentity')} &xxe; &lol9;", "T &xxe;"), _XXE)
    add(Case("entity-in-good-item.rss", _write(entity_in_text), good=1, word="feedentity"))
    good_and_bad = _feed(_item(_good("feedgood"), "Good item") + _item("") + "<item><title>")
    add(
        Case("feed-good-and-broken.rss", _write(good_and_bad), good=1, word="feedgood", problems=-1)
    )
    # -- impossible and far-future dates (the article is kept, without its date) -------------------
    dates = {
        "date-feb30.txt": ("date 2025-02-30\n" + _good("dateftxt"), None),
        "date-month13.txt": ("date 2025-13-01\n" + _good("datemtxt"), None),
        "date-far-future.txt": ("date 3000-01-01\n" + _good("datefuture"), None),
        "date-valid.txt": ("date 2025-02-28\n" + _good("datevalid"), "2025-02-28"),
        "date-year99999.json": (
            '{{"text": "{}", "date": "99999-01-01"}}'.format(_good("datey")),
            None,
        ),
        "date-feb30.json": (
            '{{"text": "{}", "date": "2025-02-30T10:00Z"}}'.format(_good("datej")),
            None,
        ),
        "date-far-stamp.json": (_jdate("datestamp", "1e11"), None),
        "date-neg-stamp.json": (_jdate("datenegs", "-1e20"), None),
        "date-nan.json": (_jdate("datenan", "NaN"), None),
        "date-object.json": (
            '{{"text": "{}", "date": {{"y": 2025}}}}'.format(_good("dateobj")),
            None,
        ),
        "date-long.json": (
            '{{"text": "{}", "date": "{}"}}'.format(_good("datelong"), "2025 " * 5000),
            None,
        ),
        "date-rss.rss": (
            _feed(_item(_good("daterss"), "R", "Mon, 30 Feb 2025 10:00:00 GMT")),
            None,
        ),
        "date-html.html": (
            _html(
                f"<p>{_good('datehtml')}</p>",
                '<meta property="article:published_time" content="2025-02-30T99:99:99Z">',
            ),
            None,
        ),
        "date-year3000.html": (
            _html(f"<p>{_good('datehtmlfar')}</p>", '<meta name="date" content="3000-01-01">'),
            None,
        ),
    }
    for name, (data, date) in dates.items():
        word = data.split("council")[0].split()[-1]
        add(Case(name, _write(data), good=1, word=word, date=date))
    # -- links, pipes, folders, permissions -------------------------------------------------------
    add(Case("loop-self.txt", _symlink("loop-self.txt"), reason="symbolic link loop"))
    add(Case("loop-pair.txt", _loop_pair, reason="symbolic link loop"))
    add(Case("broken-link.txt", _symlink("does-not-exist.txt"), reason="broken symbolic link"))
    add(Case("dir-loop", _dir_loop, good=-2))  # a folder: its links are listed, not followed
    add(Case("fifo.txt", _fifo, reason="not a regular file"))
    add(Case("folder.txt", lambda p: p.mkdir(), reason="is a directory"))
    add(Case("unreadable.txt", _unreadable, reason="permission denied"))
    return cases


CASES = _cases()
# Indexing looks at a file (its size and time) before reading it, so for a link the OS says why.
CLI_REASONS = {
    "loop-self.txt": "too many levels of symbolic links",
    "loop-pair.txt": "too many levels of symbolic links",
    "broken-link.txt": "no such file",
}
BAD = [c for c in CASES if c.good == 0]


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory) -> Path:
    """A 50 MB plain-text article (one file, made once for the module)."""
    path = tmp_path_factory.mktemp("huge") / "huge-50mb.txt"
    sentence = (_good("hugemarker") + "\n\n").encode()
    with path.open("wb") as out:
        out.write(sentence * (HUGE_BYTES // len(sentence) + 1))
    return path


def _check_reason(exc: ReadError, case: Case) -> None:
    reason = str(exc)
    assert reason and "\n" not in reason and len(reason) < 300, reason
    assert case.reason in reason.lower(), reason


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_each_hostile_file_is_read_or_refused_with_a_reason(case: Case, tmp_path):
    if case.name == "unreadable.txt" and os.geteuid() == 0:
        pytest.skip("running as root: a mode-000 file is still readable (other variants cover it)")
    path = tmp_path / case.name
    case.make(path)
    started = time.monotonic()
    if case.good == -2:  # a folder: find_files must terminate, listing each link once
        found = list(find_files([path]))
        assert sorted(p.name for p in found) == ["self", "up"]
        for link in found:
            with pytest.raises(ReadError, match="not followed"):
                read_file_report(link)
        return
    try:
        articles, problems = read_file_report(path)
    except ReadError as exc:
        assert case.good <= 0, f"{case.name} refused: {exc}"
        _check_reason(exc, case)
    else:
        assert case.good != 0, f"{case.name} should be refused, read {articles}"
        assert all(isinstance(p, str) and "\n" not in p for p in problems)
        text = " ".join(a.text for a in articles)
        if case.good > 0:
            assert len(articles) == case.good
            assert case.word in text
            if case.problems >= 0:
                assert len(problems) == case.problems, problems
            if case.date != "any":
                got = articles[0].date.date().isoformat() if articles[0].date else None
                assert got == case.date
        # no entity is ever expanded or fetched
        assert "lollol" not in text and "root:" not in text and "x" * 1000 not in text
        assert "&xxe;" not in text and "&lol9;" not in " ".join(a.title for a in articles)
        assert len(text) < readers.MAX_ARTICLE_CHARS * 2
    assert time.monotonic() - started < 10, f"{case.name} took too long"


def test_fixture_set_is_large_and_varied():
    assert len(CASES) + 1 >= 100  # + the 50 MB file
    assert len(BAD) >= 60


def test_huge_text_is_truncated_with_a_warning(huge_file):
    assert huge_file.stat().st_size >= HUGE_BYTES
    started = time.monotonic()
    articles, problems = read_file_report(huge_file)
    assert time.monotonic() - started < 10
    assert len(articles) == 1 and len(articles[0].text) <= readers.MAX_ARTICLE_CHARS
    assert articles[0].text.startswith("The hugemarker council")
    assert any("truncated" in p for p in problems), problems


def test_long_article_in_jsonl_is_truncated_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 5_000)
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "%s"}\n{"text": "short one"}\n' % ("word " * 10_000))
    articles, problems = read_file_report(path)
    assert len(articles[0].text) <= 5_000 and articles[1].text == "short one"
    assert problems == [
        "article text truncated to 4,999 characters (it had 49,999; limit 5,000) (article 1)"
    ]


def test_truncated_articles_are_counted_apart_from_skipped_ones(tmp_path, monkeypatch):
    """A truncated article is indexed: the summary says so and does not call it skipped."""
    from searchengine import NewsIndex, indexing
    from searchengine.cli import main

    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 5_000)
    monkeypatch.setattr(indexing, "PARALLEL_BYTES", 10**12)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(_good("longone") + " word" * 2_000)
    long_lines = [json.dumps({"text": word * 2_000}) for word in ("alpha ", "beta ")]
    (folder / "mixed.jsonl").write_text(
        "\n".join([*long_lines, "{broken", '{"text": "short one, fine"}']) + "\n")
    (folder / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "4 added, 0 updated, 0 unchanged, 2 skipped, 3 truncated (indexed, cut short)" \
        in result.output
    lines = result.output.splitlines()
    assert sum(line.startswith("skipped ") for line in lines) == 2  # empty.txt, the broken line
    assert sum(line.startswith("truncated ") for line in lines) == 3
    with NewsIndex.open(tmp_path / "ix") as index:
        assert len(index) == 4 and index.search("longone").total == 1
        (folder / "more.txt").write_text(_good("another") + " word" * 2_000)
        report = index.add_files([folder])
    assert (report.added, report.unchanged, report.skipped, report.truncated) == (1, 4, 1, 1)
    assert [where for where, _ in report.warnings] == [str(folder / "more.txt")]


def test_too_large_file_and_gzip_bomb_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(detect, "MAX_FILE_BYTES", 100_000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 30_000)
    with pytest.raises(ReadError, match="file too large"):
        read_file_report(big)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 5_000_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ReadError, match="unpacks to more than"):
        read_file_report(bomb)


def test_find_files_survives_link_loops_and_lists_special_files(tmp_path):
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "good.txt").write_text(_good("x"))
    (root / "a" / "b" / "up").symlink_to("../..")
    (root / "a" / "loop.txt").symlink_to("loop.txt")
    (root / "a" / "dangling.txt").symlink_to("gone.txt")
    (root / "a" / "twin.txt").symlink_to("b/good.txt")
    os.mkfifo(root / "a" / "pipe.txt")
    names = [p.relative_to(root).as_posix() for p in find_files([root])]
    # each real file once (the twin link resolves to good.txt), links and the pipe listed
    assert names == ["a/b/good.txt", "a/b/up", "a/dangling.txt", "a/loop.txt", "a/pipe.txt"]


def test_cli_indexes_the_good_and_names_every_bad_file(tmp_path_factory, huge_file, monkeypatch):
    from searchengine import indexing
    from searchengine.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    for case in CASES:
        if case.name == "unreadable.txt" and os.geteuid() == 0:
            continue
        case.make(folder / case.name)
    os.symlink(huge_file, folder / huge_file.name)
    # Keep enrichment cheap: a small article limit (the 50 MB file is cut long before spaCy)
    # and no worker processes.
    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 3_000)
    monkeypatch.setattr(indexing, "PARALLEL_BYTES", 10**12)
    index = tmp_path_factory.mktemp("hostile-ix") / "ix"
    runner = CliRunner()
    result = runner.invoke(main, ["index", str(folder), "--index", str(index), "--verbose"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    for case in BAD:
        if case.name == "folder.txt" or (case.name == "unreadable.txt" and os.geteuid() == 0):
            continue  # inside a folder, a folder named x.txt is just an (empty) folder
        lines = [line for line in skipped if f"/{case.name}:" in line]
        assert len(lines) == 1, (case.name, lines)
        assert CLI_REASONS.get(case.name, case.reason) in lines[0].lower(), lines[0]
    assert not any("huge-50mb.txt:" in line for line in skipped)  # indexed, cut short
    assert any(line.startswith("truncated ") and "huge-50mb.txt: article text truncated" in line
               for line in result.output.splitlines())
    words = [c.word for c in CASES if c.good > 0] + ["hugemarker"]
    for word in words:
        found = runner.invoke(main, [word, "--index", str(index), "--limit", "1"])
        assert found.exit_code == 0, (word, found.output)
