"""Columnar postings: one file per segment holding each term's postings as raw arrays.

Whoosh stores a term's postings as pickled blocks (ids, weights and positions together),
which a query must unpickle posting by posting in Python. Beside them, the writer codec
(``codec.py``) stores, for the text fields with positions, every term's postings as
little-endian arrays read in place with numpy: document numbers, term counts, weights
(only where they differ from the counts: a document whose title weighs 0), and all
positions flat, in posting order. The file is one of the segment's own files
(``<segment id>.cps``), so it is written before the TOC commit, assembled into the compound
``.seg`` file and deleted with its segment, and it is Whoosh's on-disk hash table
(``HashWriter``): the key is ``field NUL term``, the value a small header and the arrays.
Segments written without it (older indexes) are read through Whoosh's blocks instead
(``postings.py``); both give the same arrays.
"""

from __future__ import annotations

import struct
import sys
from array import array
from itertools import accumulate, chain
from pickle import loads

import numpy as np
from whoosh.filedb.filetables import HashReader, HashWriter
from whoosh.formats import Positions

EXT = ".cps"
MAGIC = b"SCP1"
VERSION = 1
_HEAD = struct.Struct("<BII")  # dtype codes, postings, positions
_DTYPES = (np.dtype("<u1"), np.dtype("<u2"), np.dtype("<u4"))
_TYPECODES = ("B", "H", "I" if array("I").itemsize == 4 else "L")
_BIG_ENDIAN = sys.byteorder == "big"
_LIMITS = (1 << 8, 1 << 16, 1 << 32)
_WEIGHTS = 1 << 6
_PICKLE2 = b"\x80\x02"


def covers(fieldobj) -> bool:
    """Whether a field's postings go into the columnar file: scored text with positions."""
    return type(fieldobj.format) is Positions and bool(fieldobj.scorable)


def _code(top: int) -> int:
    for code, limit in enumerate(_LIMITS):
        if top < limit:
            return code
    raise OverflowError(top)


def _deltas(values: list[bytes]) -> list[list[int]]:
    """Each Positions value's position deltas; pickle bodies joined and unpickled at once
    (as ``phrases.positions_of`` does)."""
    bodies = [v[6:-1] for v in values if v[4:6] == _PICKLE2 and v[-1:] == b"."]
    if len(bodies) != len(values):
        fmt = Positions()
        out = []
        for v in values:
            at = fmt.decode_positions(v)
            out.append([b - a for a, b in zip([0, *at], at, strict=False)])
        return out
    return loads(b"\x80\x02(" + b"".join(bodies) + b"l.")


def encode(ids, weights, values: list[bytes]) -> bytes:
    """One term's postings as the stored value: sorted ids (``array('I')``), weights
    (``array('f')``, the float32 values Whoosh's blocks hold), Positions values. Plain
    ``array`` and ``itertools`` (C loops without numpy's per-call cost: most terms have a
    few postings)."""
    deltas = _deltas(values)
    counts = list(map(len, deltas))
    positions = list(chain.from_iterable(map(accumulate, deltas)))
    id_code = _code(ids[-1])
    count_code = _code(max(counts))
    pos_code = _code(max(positions)) if positions else 0
    own_weights = list(weights) != counts
    flags = id_code | count_code << 2 | pos_code << 4 | (_WEIGHTS if own_weights else 0)
    parts = [
        _HEAD.pack(flags, len(ids), len(positions)),
        _raw(_TYPECODES[id_code], ids),
        _raw(_TYPECODES[count_code], counts),
    ]
    if own_weights:
        parts.append(_raw("d", weights))
    parts.append(_raw(_TYPECODES[pos_code], positions))
    return b"".join(parts)


def _raw(typecode: str, values) -> bytes:
    out = array(typecode, values)
    if _BIG_ENDIAN:
        out.byteswap()
    return out.tobytes()


class ColumnarWriter:
    """Writes one segment's columnar file, a term at a time, in the writer's term order."""

    def __init__(self, dbfile) -> None:
        self._hash = HashWriter(dbfile, magic=MAGIC)
        self._fields: set[str] = set()
        self._broken: set[str] = set()

    def add(self, fieldname: str, btext: bytes, ids, weights, values) -> None:
        if fieldname in self._broken or not ids:
            return
        if len(values) != len(ids):  # not a value per posting: leave the field to Whoosh
            self._broken.add(fieldname)
            return
        self._fields.add(fieldname)
        self._hash.add(fieldname.encode("utf-8") + b"\0" + btext, encode(ids, weights, values))

    def close(self) -> None:
        self._hash.extras["version"] = VERSION
        self._hash.extras["fields"] = sorted(self._fields - self._broken)
        self._hash.close()


class TermArrays:
    """One term's postings in one segment: ids, counts, weights (float64), positions."""

    __slots__ = ("ids", "counts", "positions", "_weights")

    def __init__(self, ids, counts, weights, positions) -> None:
        self.ids, self.counts, self._weights, self.positions = ids, counts, weights, positions

    @property
    def weights(self):
        if self._weights is None:
            self._weights = self.counts.astype(np.float64)
        return self._weights

    def __len__(self) -> int:
        return len(self.ids)


class ColumnarReader:
    """The columnar file of one segment, read in place."""

    def __init__(self, dbfile, length: int) -> None:
        self._hash = HashReader(dbfile, length, magic=MAGIC)
        self.fields = frozenset(self._hash.extras.get("fields", ()))
        self._buf = getattr(dbfile, "_buf", None)  # the mapped bytes (``mapped.py``)
        self._file = dbfile

    def term(self, fieldname: str, btext: bytes) -> TermArrays | None:
        """The term's arrays, or None when the segment has no posting of it."""
        key = fieldname.encode("utf-8") + b"\0" + btext
        ranges = self._hash.ranges_for_key(key)
        found = next(iter(ranges), None)
        if found is None:
            return None
        pos, length = found
        if self._buf is not None:  # zero copy: the arrays view the mapped segment
            data = self._buf[pos : pos + length]
        else:
            data = self._file.get(pos, length)
        flags, n, npos = _HEAD.unpack_from(data, 0)
        at = _HEAD.size
        dtype = _DTYPES[flags & 3]
        ids = np.frombuffer(data, dtype, n, at)
        at += n * dtype.itemsize
        dtype = _DTYPES[flags >> 2 & 3]
        counts = np.frombuffer(data, dtype, n, at)
        at += n * dtype.itemsize
        weights = None
        if flags & _WEIGHTS:
            weights = np.frombuffer(data, "<f8", n, at)
            at += n * 8
        positions = np.frombuffer(data, _DTYPES[flags >> 4 & 3], npos, at)
        return TermArrays(ids, counts, weights, positions)


def open_reader(reader) -> ColumnarReader | None:
    """The columnar file of a segment reader, or None (a segment written without it)."""
    segment = getattr(reader, "segment", None)
    storage = getattr(reader, "_storage", None)
    if not callable(segment) or storage is None:
        return None
    name = segment().make_filename(EXT)
    if not storage.file_exists(name):
        return None
    return ColumnarReader(storage.open_file(name), storage.file_length(name))
