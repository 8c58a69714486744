"""Load a file's bytes (gunzipping ``.gz``), decode them and tell which format they hold."""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import re
import stat
import zlib
from pathlib import Path

from .errors import ReadError

TEXT, HTML, JSON, FEED, TABLE = "text", "html", "json", "feed", "table"
_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSON,
    ".ndjson": JSON,
    ".xml": FEED,
    ".rss": FEED,
    ".atom": FEED,
    ".csv": TABLE,
    ".tsv": TABLE,
}
JSON_LINES_EXTENSIONS = frozenset((".jsonl", ".ndjson"))
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096
_DATE_PREFIX = re.compile(r"\A\s*date[ \t]+\d{4}-\d{1,2}-\d{1,2}(?:\s|\Z)", re.IGNORECASE)
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|h[1-6]|span|"
    r"table|ul|ol|br|a|script|style|link)[\s/>]"
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
# Reading stays bounded: a file (or what a .gz file unpacks to) larger than this is refused.
MAX_FILE_BYTES = 256 * 1024 * 1024


def inner_suffix(path: Path) -> str:
    """The extension that says what the data is: ``a.json.gz`` -> ``.json``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _check_file(path: Path) -> int:
    """The size of the regular file at ``path``; :class:`ReadError` for anything else."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("symbolic link loop") from exc
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise ReadError("broken symbolic link") from exc
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        if path.is_symlink():
            raise ReadError("symbolic link to a folder (not followed)")
        raise ReadError("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file (a pipe, socket or device)")
    if info.st_size > MAX_FILE_BYTES:
        raise ReadError(f"file too large: {_mb(info.st_size)} (limit {_mb(MAX_FILE_BYTES)})")
    return info.st_size


def _gunzip(data: bytes) -> bytes:
    """Decompress gzip data, refusing more than ``MAX_FILE_BYTES`` (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ReadError(f"not a valid gzip file: {exc}") from exc
    if len(out) > MAX_FILE_BYTES:
        raise ReadError(f"gzip file unpacks to more than {_mb(MAX_FILE_BYTES)}")
    return out


def load_bytes(path: Path) -> bytes:
    """The file's content, decompressed when it is gzip (by magic number, whatever its name).

    Only regular files are read (not folders, pipes, devices, broken or looping links), and
    only up to ``MAX_FILE_BYTES``, compressed or not.
    """
    _check_file(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError as exc:
        raise ReadError("is a directory, not a file") from exc
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"file too large: more than {_mb(MAX_FILE_BYTES)}")
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data)
    elif path.suffix.lower() == ".gz":
        raise ReadError("not a valid gzip file: no gzip header")
    if not data.strip():
        raise ReadError("empty file")
    return data


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    return sum(head.count(bytes((b,))) for b in _CONTROL_BYTES) > 0.05 * max(1, len(head))


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (BOM or not), UTF-16 with BOM, a declared charset, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    head = data[:_SNIFF_BYTES]
    if _looks_binary(head):
        raise ReadError("binary file, not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _DECLARED_CHARSET.search(head)
    if match:
        try:
            return data.decode(codecs.lookup(match.group(1).decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def sniff(text: str, suffix: str = "") -> str:
    """The format of decoded content: by its first characters, then by extension."""
    if _DATE_PREFIX.match(text):
        return TEXT
    head = text[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n").lower()
    by_extension = _EXTENSIONS.get(suffix, "")
    if head.startswith(("{", "[")):
        return TEXT if by_extension == TEXT else JSON  # "[Reuters] ..." in a .txt is text
    if head.startswith("<"):
        feed = _FEED_ROOT.search(head)
        html = head.find("<html")
        if feed and (html < 0 or feed.start() < html):
            return FEED
        if _HTML_START.search(head):
            return HTML
        if head.startswith("<?xml") and by_extension != HTML:
            return FEED
        return by_extension or HTML
    return by_extension if by_extension in (JSON, HTML, TABLE) else TEXT


def load(path: Path) -> tuple[str, str]:
    """(format, decoded text) of the file at ``path``."""
    text = decode(load_bytes(path)).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty file")
    return sniff(text, inner_suffix(path)), text
