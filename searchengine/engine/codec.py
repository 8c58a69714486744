"""Whoosh's W3 codec with a cheaper postings writer; the files it writes are plain W3.

Flushing a segment writes every term's postings as blocks, one block per rare term, and
Whoosh zlib-compresses every block: for a block of a few dozen bytes that costs more than
pickling it and often makes it larger. Here blocks under SMALL_BLOCK bytes are stored
uncompressed (each block's header says whether it is compressed, so Whoosh reads both),
and per-posting type assertions are skipped. Segments record a plain ``W3Codec`` without
per-block length statistics.
"""

from __future__ import annotations

import zlib
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter, W3Segment
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

    def new_segment(self, storage, indexname):
        return W3Segment(plain_codec(), indexname)


class FastPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter without per-posting assertions; small blocks left uncompressed."""

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
