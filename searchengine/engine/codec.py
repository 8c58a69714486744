"""Whoosh's W3 codec with a cheaper postings writer; the files it writes are plain W3.

Flushing a segment writes every term's postings as blocks, one block per rare term, and
Whoosh zlib-compresses every block: for a block of a few dozen bytes that costs more than
pickling it and often makes it larger. Here blocks under SMALL_BLOCK bytes are stored
uncompressed (each block's header says whether it is compressed, so Whoosh reads both),
and per-posting type assertions are skipped. Segments record a plain ``W3Codec`` without
per-block length statistics. Beside Whoosh's files, each segment gets its columnar postings
file (``columnar.py``), written from the same blocks (flushes and merges alike go through
this field writer).
"""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    W3Segment,
)
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode

SMALL_BLOCK = 64  # bytes of pickled block data below which compression is not tried


def plain_codec() -> W3Codec:
    """The codec segments record: W3 without per-block length statistics. Reading every
    posting's field length back while flushing cost a third of indexing time; the
    statistics only tighten block-max bounds for skipping, and without them (minimum
    length 0) the bounds stay safe."""
    codec = W3Codec()
    codec.length_stats = False
    return codec


class WriterCodec(W3Codec):
    """The codec for writing: W3 with ``FastPostingsWriter``."""

    length_stats = False

    def postings_writer(self, dbfile, byteids=False):
        return FastPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def field_writer(self, storage, segment):
        return ColumnarFieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        return W3Segment(plain_codec(), indexname)


class ColumnarFieldWriter(W3FieldWriter):
    """W3's field writer that also writes the segment's columnar postings file."""

    def __init__(self, codec, storage, segment) -> None:
        from searchengine.engine.columnar import EXT, ColumnarWriter

        super().__init__(codec, storage, segment)
        self._columns = ColumnarWriter(self._create_file(EXT))

    def start_field(self, fieldname, fieldobj):
        from searchengine.engine.columnar import covers

        super().start_field(fieldname, fieldobj)
        self._postwriter.keep = covers(fieldobj)

    def finish_term(self):
        super().finish_term()
        writer = self._postwriter
        if writer.keep:
            self._columns.add(self._fieldname, self._btext, *writer.kept)

    def close(self):
        super().close()
        self._columns.close()


class FastPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter without per-posting assertions; small blocks left uncompressed.
    With ``keep`` set, a term's postings are also kept (``kept``) as its blocks are written."""

    keep = False

    def start_postings(self, format_, terminfo):
        super().start_postings(format_, terminfo)
        if self.keep:
            self.kept = (array("I"), array("f"), [])

    def finish_postings(self):
        if self.keep and not self.written() and len(self) < self._inlinelimit:
            self._keep_block()  # inlined into the term info: no block is written
        return super().finish_postings()

    def _keep_block(self) -> None:
        ids, weights, values = self.kept
        ids.extend(self._ids)
        weights.extend(self._weights)
        values.extend(self._values)

    def add_posting(self, id_, weight, vbytes, length=None):
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last=False):
        if self.keep:
            self._keep_block()
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        mini_ids = tuple(ids) if self._byteids else tuple(delta_encode(ids))
        data = (mini_ids, self._mini_weights(), self._mini_values())
        databytes = dumps(data, 2)
        comp = self._compression if len(databytes) >= SMALL_BLOCK else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = dumps(info, 2)
        blocklength = len(infobytes) + len(databytes)
        postfile = self._postfile
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()
