"""Readers: files of every supported format -> Article records (real files, no mocks)."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from searchengine.articles import Article
from searchengine.dates import parse_date
from searchengine.readers import (
    ReadError,
    article_from_dict,
    find_files,
    read_file,
    read_file_report,
)
from searchengine.readers import parse_date as reexported_parse_date
from searchengine.readers.text import TITLE_MAX_CHARS, title_from_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SEED_START = "Counter-terrorism cooperation between India and the US has emerged as"


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{'/'.join(parts)}: ../shared/data not present")
    return path


def only(path: Path) -> Article:
    articles = read_file(path)
    assert len(articles) == 1
    return articles[0]


# --- plain text -------------------------------------------------------------------------------


def seed_files() -> list[Path]:
    files = sorted((SHARED / "seed").glob("*.txt")) + sorted((REPO / "corpus").glob("*.txt"))
    if not files:
        pytest.skip("seed: ../shared/data not present and corpus/ empty")
    return files


def test_seed_file_byte_for_byte():
    for path in seed_files():
        raw = path.read_text(encoding="utf-8")
        prefix = " date 2025-02-15 "
        assert raw.startswith(prefix)
        article = only(path)
        assert article.date == datetime(2025, 2, 15)
        assert article.text == raw[len(prefix) :].strip()
        assert article.text.startswith(SEED_START)
        assert "\n\n" in article.text  # paragraphs kept
        assert article.title.startswith(SEED_START)
        first_sentence = article.text.split(". ")[0]
        assert article.title in (first_sentence, title_from_text(first_sentence))
        assert len(article.title) <= TITLE_MAX_CHARS + 1
        assert article.path == str(path)
        assert article.key == "sha1:" + hashlib.sha1(article.text.encode()).hexdigest()


def test_date_line_on_its_own_line_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf  date 2024-01-31\r\nFirst line. Second.\r\n\r\nNext one.\r\n")
    article = only(path)
    assert article.date == datetime(2024, 1, 31)
    assert article.text == "First line. Second.\n\nNext one."
    assert article.title == "First line"


def test_txt_without_date():
    article = only(FIXTURES / "plain_no_date.txt")
    assert article.date is None
    assert article.text == (
        "Plain notes without a date line.\n\nMr. Smith visited the U.S. embassy on Tuesday. "
        "He left early."
    )
    assert article.title == "Plain notes without a date line"


def test_title_skips_abbreviations_and_caps_length():
    assert title_from_text("Mr. Smith met U.S. officials on Jan. 5 in Rome. Later.") == (
        "Mr. Smith met U.S. officials on Jan. 5 in Rome"
    )
    long = "word " * 100 + "end."
    title = title_from_text(long)
    assert title.endswith("…") and len(title) <= TITLE_MAX_CHARS + 1
    assert title[:-1].split() == ["word"] * len(title[:-1].split())


def test_txt_gz(tmp_path):
    source = FIXTURES / "plain_no_date.txt"
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(gzip.compress(source.read_bytes()))
    assert only(path).text == only(source).text


# --- HTML -------------------------------------------------------------------------------------


def test_html_with_json_ld_and_boilerplate():
    article = only(FIXTURES / "article_jsonld.html")
    assert article.title == "Harbour bridge reopens after eight months of repairs"
    assert article.date == datetime(2024, 3, 4, 9, 30)  # the publisher's own clock (+01:00)
    assert article.authors == ["Maria Lindqvist", "Tom Okafor"]
    assert article.url == "https://coastalherald.example/news/2024/03/harbour-bridge-reopens"
    assert article.source == "The Coastal Herald"  # og:site_name wins over publisher.name
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The harbour bridge reopened to traffic on Monday")
    assert paragraphs[-1].startswith("Cyclists will get a separate lane")
    assert "cost £14 million" in article.text  # entities unescaped
    assert "“It is good for another fifty years,”" in article.text
    for boilerplate in (
        "cookies",
        "Sport",
        "Sign in",
        "Subscribe",
        "Share on",
        "Advertisement",
        "renderWidget",
        "tracking pixel",
        "Ferry timetable",
        "taxpayer",
        "north shore",
        "All rights reserved",
        "By Maria",
    ):
        assert boilerplate not in article.text, boilerplate


def test_html_with_only_opengraph():
    article = only(FIXTURES / "article_opengraph.html")
    assert article.title == "Library extends opening hours"  # " - Valley Gazette" removed
    assert article.source == "Valley Gazette"
    assert article.url == "https://valleygazette.example/2023/11/library-hours"
    assert article.date == datetime(2023, 11, 20, 18, 45)
    assert article.authors == ["Priya Natarajan"]
    assert len(article.text.split("\n\n")) == 3
    assert "Home" not in article.text and "Road closures" not in article.text


def test_html_with_only_time_element():
    article = only(FIXTURES / "article_time.html")
    assert article.title == "Storm warning for the coast"
    assert article.date == datetime(2022, 1, 15, 6, 0)  # as written (-05:00)
    assert article.text.startswith("Forecasters issued a storm warning")
    assert "newsletter" not in article.text and "Weather" not in article.text
    assert article.url == "" and article.authors == []


def test_html_gz_and_latin1(tmp_path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body>'
        "<p>Le caf\xe9 du village a rouvert ses portes apr\xe8s des travaux de r\xe9novation.</p>"
        "</body></html>"
    )
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page.encode("latin-1")))
    article = only(path)
    assert article.title == "Café"
    assert "après des travaux" in article.text


def test_html_article_body_in_json_ld_without_markup(tmp_path):
    body = "First paragraph of the publisher's own text.\nSecond paragraph of it."
    ld = {"@type": "ReportageNewsArticle", "headline": "H", "articleBody": body}
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps([ld])}</script></head>'
        "<body><div>Teaser only.</div></body></html>"
    )
    path = tmp_path / "ld.html"
    path.write_text(page, encoding="utf-8")
    assert only(path).text == body.replace("\n", "\n\n")


# --- JSON and JSONL ---------------------------------------------------------------------------


def test_json_object():
    article = only(FIXTURES / "article.json")
    assert article.source_id == "sd-42"
    assert article.date == datetime(2021, 5, 20, 22, 14, 56)
    assert article.authors == ["Antony J. Blinken, Secretary of State"]  # commas not split
    assert article.text == (
        "Secretary Blinken spoke with the Foreign Minister today.\n\n"
        "They discussed regional security."
    )
    assert article.key == "url:https://example.gov/call"


def test_json_list_with_html_only_item():
    first, second = read_file(FIXTURES / "articles_list.json")
    assert first.text == "The first article in the list."
    assert first.date == second.date == datetime(2025, 2, 15)
    assert second.text == "Second article, & from HTML.\n\nAnother paragraph."


def test_jsonl_with_bad_line_keeps_good_ones():
    articles, problems = read_file_report(FIXTURES / "articles.jsonl")
    assert [a.source_id for a in articles] == ["w-1", "w-3"]
    assert problems == [
        "invalid JSON on line 3: Expecting ',' delimiter",
        "no article text found on line 5",
    ]
    third = articles[1]
    assert third.text == "Body with  two  spaces kept."  # body as given, ends stripped
    assert third.authors == ["Ann Lee", "Bo Chen"]
    assert read_file(FIXTURES / "articles.jsonl") == articles


def test_body_text_and_html_precedence():
    both = article_from_dict({"text": "From text.", "body": "From body.", "html": "<p>No</p>"})
    assert both.text == "From text."
    assert article_from_dict({"body": "From body.", "html": "<p>No</p>"}).text == "From body."
    page = (
        '<html><head><meta property="og:title" content="Page title">'
        '<link rel="canonical" href="https://example.com/p"></head><body><nav>Menu</nav>'
        "<article><p>The page text is long enough to be the article body here.</p></article>"
        "</body></html>"
    )
    from_html = article_from_dict({"html": page, "id": 7})
    assert from_html.text == "The page text is long enough to be the article body here."
    assert from_html.title == "Page title" and from_html.url == "https://example.com/p"
    assert from_html.source_id == "7"
    with pytest.raises(ReadError, match="no article text"):
        article_from_dict({"title": "Only a title"})


def test_state_dept_html_matches_its_text():
    path = shared("news", "state-dept-press-2021-2022", "us-state-dept-press-2021-2022.jsonl")
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(next(lines)) for _ in range(50)]
    for row in rows:
        from_html = article_from_dict({"html": row["html"]})
        # the same words; zero-width spaces are dropped from HTML-derived text
        assert from_html.text.split() == row["text"].replace("\u200b", "").split()


def test_all_news_jsonl_files():
    news = shared("news")
    files = sorted(news.glob("*/*.jsonl")) + sorted(news.glob("*/*.jsonl.gz"))
    counts = {}
    for path in files:
        articles, problems = read_file_report(path)
        assert problems == []
        assert all(a.text and a.date is not None for a in articles)
        counts[path.parent.name] = len(articles)
    assert counts == {
        "wikinews-2019-2020": 293,
        "state-dept-press-2021-2022": 2025,
        "whitehouse-briefing-2021-2022": 2340,
    }


# --- feeds ------------------------------------------------------------------------------------


def test_rss_feed():
    first, second = read_file(FIXTURES / "feed_rss.xml")
    assert first.title == "Council approves new cycle lanes"
    assert first.text == (
        "The council approved six kilometres of new cycle lanes on Tuesday.\n\n"
        "Work starts in May & should end by autumn."
    )  # content:encoded preferred over description
    assert first.date == datetime(2024, 3, 5, 14, 30)  # as written (+0100)
    assert first.authors == ["Jonas Weber"]
    assert first.source == "Riverside Daily"
    assert first.source_id == "riverside-1001"
    assert first.url == "https://riverside.example/news/cycle-lanes"
    assert second.text.split("\n\n") == [
        "The market hall will close for a year of renovation work.",
        "Traders move to the square.",
    ]
    assert second.authors == ["Lea Martin"]


def test_atom_feed():
    first, second = read_file(FIXTURES / "feed_atom.xml")
    assert first.url == "https://hilltop.example/robotics"
    assert first.date == datetime(2024, 2, 1, 10, 0)  # published, as written (+02:00)
    assert first.text.split("\n\n") == [
        "Hilltop School won the national robotics final.",
        "The team beat 40 others.",
    ]
    assert first.authors == ["Sam Carter"]
    assert first.source == "Hilltop Observer"
    assert second.url == "https://hilltop.example/bus"
    assert second.date == datetime(2024, 2, 2, 9, 15)
    assert second.text == "A new bus route will link the station and the hospital."
    assert second.source_id == "tag:hilltop.example,2024:bus"


# --- identity, files, errors ------------------------------------------------------------------


def test_identity_from_url_id_or_text():
    assert (
        article_from_dict({"text": "t", "url": "https://x/1", "id": "a"}).key == "url:https://x/1"
    )
    assert article_from_dict({"text": "t", "id": "a"}).key == "id:a"
    assert article_from_dict({"text": "t"}).key == "sha1:" + hashlib.sha1(b"t").hexdigest()


def test_find_files_sorted_recursive_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "a.txt", ".hidden.txt", ".git/config", "b/1.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    single = tmp_path / "b" / "1.json"
    found = list(find_files([tmp_path, single]))
    assert found == [tmp_path / "a.txt", tmp_path / "b" / "1.json", tmp_path / "b" / "2.txt"]
    with pytest.raises(ReadError, match="no such file"):
        list(find_files([tmp_path / "missing"]))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.json", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("bad.json", b'{"title": "x", "text": ', "invalid JSON on line 1"),
        ("bad.gz", b"not gzip at all", "not a valid gzip file"),
    ],
)
def test_read_errors(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_file(path)


def test_read_errors_for_missing_path_and_html_without_text(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="no article text"):
        read_file(FIXTURES / "no_text.html")


def test_format_detected_from_content_not_name(tmp_path):
    for source in ("feed_rss.xml", "article_opengraph.html", "article.json"):
        renamed = tmp_path / (source + ".data")
        shutil.copy(FIXTURES / source, renamed)
        assert read_file(renamed) == [
            Article(**{**vars(a), "path": str(renamed)}) for a in read_file(FIXTURES / source)
        ]


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-15", datetime(2025, 2, 15)),
        ("2025/02/15", datetime(2025, 2, 15)),
        ("February 15, 2025", datetime(2025, 2, 15)),
        ("15 Feb 2025", datetime(2025, 2, 15)),
        ("20.06.2019 11:43", datetime(2019, 6, 20, 11, 43)),  # dotted dates are day first
        ("05.06.2015", datetime(2015, 6, 5)),
        ("2021-05-20T22:14:56+00:00", datetime(2021, 5, 20, 22, 14, 56)),
        ("2021-05-20T22:14:56Z", datetime(2021, 5, 20, 22, 14, 56)),
        ("2024-03-04T09:30:00+01:00", datetime(2024, 3, 4, 9, 30)),  # offset dropped, not applied
        ("Tue, 05 Mar 2024 14:30:00 +0100", datetime(2024, 3, 5, 14, 30)),
        ("Wed, 06 Mar 2024 08:00:00 GMT", datetime(2024, 3, 6, 8, 0)),
        ("10. September 2017", datetime(2017, 9, 10)),  # a German signature line
        ("28. Dezember 2022", datetime(2022, 12, 28)),
        ("1. November 2023 10:29", datetime(2023, 11, 1, 10, 29)),
        ("Di, 21. April 2020", datetime(2020, 4, 21)),  # a weekday before the date
        ("Monday, 6 January 2020", datetime(2020, 1, 6)),
        ("15 septembre 2009", datetime(2009, 9, 15)),
        ("15 de enero de 2020", datetime(2020, 1, 15)),
        ("3 juil. 2019", datetime(2019, 7, 3)),
        ("not a date", None),
        ("Mairie 2020", None),  # a word that starts like a month is not one
        ("", None),
        ("2019-13-45", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
    assert reexported_parse_date is parse_date


# --- HTML dates and titles (orders measured on trafilatura-eval, see docs/quality.md) -----------

_SENTENCE = "The council met on the evening and voted on the new budget. "
_BODY = f"<article><p>{_SENTENCE * 5}</p></article>"


def _page(head: str, body: str = "") -> Article:
    from searchengine.readers.html import parse_html

    return parse_html(f"<html><head>{head}</head><body>{body}{_BODY}</body></html>")


def test_html_utc_stamp_takes_the_url_day():
    article = _page(
        '<link rel="canonical" href="https://news.example/2023/11/08/mayor-elected/">'
        '<meta property="article:published_time" content="2023-11-09T05:30:59+00:00">'
    )
    assert article.date == datetime(2023, 11, 8)


def test_html_utc_stamp_moved_by_the_pages_own_offset():
    article = _page(
        '<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">',
        '<time datetime="2022-05-03T23:37:37-04:00">May 3</time>',
    )
    assert article.date.date() == datetime(2022, 5, 3).date()


def test_html_utc_stamp_moved_to_the_day_the_page_shows():
    # lanacion.com.ar: 00:25 GMT on the 4th is the evening of the 3rd in Buenos Aires
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", %s}</script>'
    published = '"datePublished": "Wed, 04 May 2022 00:25:56 GMT"'
    shown = '<time class="com-date" datetime="3 de mayo de 2022">3 de mayo de 2022</time>'
    assert _page(ld % published, shown).date.date() == datetime(2022, 5, 3).date()
    # tagblatt.ch: a machine-written day in microdata is not what the page shows
    published = '"datePublished": "2019-10-19T03:00:00.000Z"'
    machine = '<meta itemprop="datePublished" content="2019-10-18">'
    assert _page(ld % published + machine).date.date() == datetime(2019, 10, 19).date()
    # nachrichten.at: the offset of the page's own "date" meta ("+0200", after a space)
    article = _page(
        (ld % '"datePublished": "2019-10-18T22:04:00Z"')
        + '<meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">'
    )
    assert article.date.date() == datetime(2019, 10, 19).date()


def test_html_declared_publication_dates_disagree_the_shown_one_wins():
    # utopia.de: JSON-LD keeps the first publication, the metas and the page the republication
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished":'
          ' "2023-11-03T10:25:56", "dateModified": "2023-11-06T14:26:51"}</script>'
          '<meta property="article:published_time" content="2023-11-06T14:25:00">')
    shown = '<time class="updated">6. November 2023, 15:25 Uhr</time>'
    assert _page(ld, shown).date.date() == datetime(2023, 11, 6).date()
    # the page shows neither (or both): JSON-LD first, as before
    assert _page(ld).date.date() == datetime(2023, 11, 3).date()


def test_html_date_from_microdata_text_then_url():
    article = _page("", "<span itemprop='datePublished'> May 19, 2020 </span>")
    assert article.date == datetime(2020, 5, 19)
    article = _page('<link rel="canonical" href="https://blog.example/2019/10/21/interning/">')
    assert article.date == datetime(2019, 10, 21)


def test_html_dotted_microdata_date_and_month_name_url():
    article = _page("", "<div class='date' itemprop='datePublished'>20.06.2019 11:43</div>")
    assert article.date == datetime(2019, 6, 20)
    article = _page(
        '<link rel="canonical" href="https://www.theguardian.com/education/2020/oct/02/halls">'
    )
    assert article.date == datetime(2020, 10, 2)


def test_html_date_from_the_headlines_permalink_not_a_related_post():
    related = '<aside><h3><a rel="bookmark" href="/2001/01/01/older/">Older</a></h3></aside>'
    article = _page(
        "",
        '<h2 class="blog_post_title"><a rel="bookmark" href="/blog/2020/01/13/journey/">'
        "Journey</a></h2>" + related,
    )
    assert article.date == datetime(2020, 1, 13)
    assert _page("", related).date is None


def test_html_date_from_json_data_script():
    article = _page(
        "",
        '<script type="application/json">{"review": {"publishedDate": "2016-11-04T20:37:27Z",'
        ' "updatedDate": "2016-11-09T20:39:47Z"}}</script>',
    )
    assert article.date == datetime(2016, 11, 4, 20, 37, 27)


def test_html_last_edited_note_is_the_last_resort():
    note = "<p id='pageinfo'>BeginnersGuide (last edited 2019-11-10 13:28:18 by Mats)</p>"
    assert _page("", note).date == datetime(2019, 11, 10)
    article = _page('<meta property="article:published_time" content="2019-05-02">', note)
    assert article.date == datetime(2019, 5, 2)
    # pronats.de, internetchemie.info: an update note is the only date the page gives
    assert _page("", '<p class="info">Aktualisiert: 30.12.2016</p>').date == datetime(2016, 12, 30)
    assert _page("", "<p><b>Aktualisiert am </b>17.01.2021.</p>").date == datetime(2021, 1, 17)
    # hellogiggles.com: the page shows "Updated", the publication date is declared: kept
    declared = (
        '<script type="application/ld+json">{"@type": "Article", "datePublished":'
        ' "2019-10-15T16:59:59", "dateModified": "2020-03-12T14:42:17"}</script>'
    )
    article = _page(declared, "<p class='byline'>Jessica DeFino Updated Mar 12, 2020</p>")
    assert article.date == datetime(2019, 10, 15, 16, 59, 59)


def test_html_dates_written_with_other_languages_months():
    # unendlich-viel-energie.de, impulse.de, laviedesidees.fr (trafilatura-eval)
    assert _page("", '<time class="atime">22. November 2022</time>').date == datetime(2022, 11, 22)
    article = _page("", '<span itemprop="datePublished">28. Dezember 2022</span>')
    assert article.date == datetime(2022, 12, 28)
    byline = '<div class="date">par Florence Audier , le 15 septembre 2009</div>'
    assert _page("", byline).date == datetime(2009, 9, 15)


def test_html_date_next_to_the_headline():
    # handball.ch: the byline after the <h1>; zamg.ac.at: a date heading just before it
    byline = (
        "<h1>Cup-Vorschau: Beim BSV Stans freut man sich</h1>"
        '<p class="c-page-header__subtitle">Handball Schweiz&nbsp;&bull;&nbsp;02.02.2022</p>'
    )
    assert _page("", byline).date == datetime(2022, 2, 2)
    kicker = "<h3>21.01.2022</h3><h1 id='title'>HISTALP Jahresbericht 2021</h1>"
    assert _page("", kicker).date == datetime(2022, 1, 21)
    far = f"<h1>Budget</h1><p>{_SENTENCE * 5}</p><p>Archive: 01.01.2001</p>"
    assert _page("", far).date is None


def test_html_date_the_text_labels_as_such():
    # autohaus.de, bfs.de, lsvd.de
    labelled = '<div class="col-md-4"><h5 class="title-inline">Datum: </h5>03.11.2021</div>'
    assert _page("", labelled).date == datetime(2021, 11, 3)
    release = '<div style="text-align:left">Pressemitteilung vom 20.01.2022</div>'
    assert _page("", release).date == datetime(2022, 1, 20)
    assert _page("", "<p>Wir feiern am 20.01.2022 im Saal.</p>").date is None


def test_html_date_from_rdfa():
    # meininger.de (Drupal): the node date only in an RDFa span
    rdfa = ('<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00"'
            ' class="rdf-meta hidden"></span>')
    assert _page("", rdfa).date == datetime(2022, 1, 28, 12, 45, 46)


def test_html_date_of_a_video_upload():
    # zdf.de: a video page whose only JSON-LD date is the VideoObject's uploadDate
    ld = ('<script type="application/ld+json">{"@type": "VideoObject",'
          ' "uploadDate": "2020-04-04T20:57:00.000+02:00"}</script>')
    assert _page(ld).date == datetime(2020, 4, 4, 20, 57)


def test_html_date_of_a_signature_line():
    # prof-pc.de: the post ends "Benni<br>10. September 2017"
    signed = f"<article><p>{_SENTENCE * 5}</p><p>Benni<br>\n10. September 2017</p></article>"
    assert _page("", signed).date == datetime(2017, 9, 10)
    quoted = f"<article><p>{_SENTENCE * 5}</p><p>On 10. September 2017 we met.</p></article>"
    assert _page("", quoted).date is None


def test_html_published_date_before_modified():
    article = _page(
        '<meta property="article:modified_time" content="2021-03-14T20:10:50">',
        '<span class="byline-date">Published 8 March 2021</span>',
    )
    assert article.date == datetime(2021, 3, 8)


def test_html_title_prefers_the_visible_headline():
    article = _page(
        '<title>Coronavirus: New York ramps up mass burials - BBC News</title>'
        '<meta property="og:title" content="New York ramps up mass burials amid virus outbreak">',
        "<h1>Coronavirus: New York ramps up mass burials amid outbreak</h1>",
    )
    assert article.title == "Coronavirus: New York ramps up mass burials amid outbreak"
    article = _page(
        '<meta property="og:title" content="St. Louis Park elects a new mayor">',
        "<h1>Politics | St. Louis Park elects a new mayor</h1>",
    )
    assert article.title == "St. Louis Park elects a new mayor"
    article = _page('<title>Pamela Anderson | Yellow vests and I</title>',
                    "<h1>Pamela Anderson</h1>")
    assert article.title == "Pamela Anderson | Yellow vests and I"


def test_a_title_taken_from_the_first_sentence_is_marked_as_the_lede():
    from searchengine.readers import article_from_dict

    assert article_from_dict({"text": "Floods hit. More later."}).title_is_lede
    assert not article_from_dict({"title": "Floods", "text": "Floods hit."}).title_is_lede
    for path in seed_files():
        assert read_file(path)[0].title_is_lede


def test_invisible_characters_that_join_nothing_are_dropped():
    from searchengine.readers.invisible import without_stray_invisibles as clean

    assert clean("— \u200dAparna Garg\u200b said\ufeff") == "— Aparna Garg said"
    assert clean("\u2060Kyiv\u200c") == "Kyiv"
    # joiners inside a script that needs them, and inside emoji sequences, stay
    assert clean("क्\u200dष") == "क्\u200dष"
    assert clean("می\u200cخواهم") == "می\u200cخواهم"
    assert clean("👩\u200d🚒") == "👩\u200d🚒"
