"""Read segment files from the memory map without copying them.

Whoosh opens each file inside a compound segment (postings, term index, stored fields) as a
``BufferFile`` over a memoryview of the mapped segment, and ``BufferFile`` wraps it in
``BytesIO``, which copies the whole file: opening a 200,000-article index copied about
1.5 GB and touched every page of it. ``ViewBufferFile`` reads the same bytes straight from
the view, so a searcher holds only what queries read. ``install()`` makes compound
segments use it.
"""

from __future__ import annotations

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile

_LINE_CHUNK = 256
_PEEK = 4096


class _ViewReader:
    """A read-only, seekable file over a memoryview (what ``StructFile`` and pickle need)."""

    def __init__(self, view) -> None:
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start, end = self._pos, len(self._view)
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def peek(self, size: int = 1) -> bytes:
        """Bytes ahead without moving (pickle's loader prefetches with it: one call per
        pickle instead of one per opcode)."""
        start = self._pos
        return bytes(self._view[start : start + max(size, _PEEK)])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        view, start = self._view, self._pos
        limit = len(view) if size is None or size < 0 else min(len(view), start + size)
        at = start
        while at < limit:
            chunk = bytes(view[at : min(limit, at + _LINE_CHUNK)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                at += newline + 1
                break
            at += len(chunk)
        self._pos = at
        return bytes(view[start:at])

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


class ViewBufferFile(BufferFile):
    """``BufferFile`` reading from its buffer in place instead of from a copy."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewReader(buf)


def install() -> None:
    """Open files inside compound segments as ViewBufferFile (idempotent)."""
    compound.BufferFile = ViewBufferFile
