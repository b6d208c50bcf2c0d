"""The OLE compound file (legacy .xls, and the wrapper of a password-protected .xlsx), read just enough to list
its streams and read one of them: no dependency beyond the standard library, and every chain bounded by the file.

Layout per [MS-CFB]: a 512-byte header, then sectors; the FAT chains sectors into streams; the directory is a
stream of 128-byte entries; streams under the mini-stream cutoff live in 64-byte mini sectors.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_REGULAR = 0xFFFFFFFA
_STREAM, _ROOT = 2, 5


class BadCompoundFile(Exception):
    """The file starts like an OLE compound file but its structure is broken."""


class CompoundFile:
    """The streams of one compound file, by name (the directory read flat: storages do not matter here)."""

    def __init__(self, path: Path) -> None:
        self._data = Path(path).read_bytes()
        data = self._data
        if len(data) < 512 or not data.startswith(MAGIC):
            raise BadCompoundFile("not a compound file")
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise BadCompoundFile("bad sector size")
        self._sector = 1 << shift
        self._sectors = (len(data) - 512) // self._sector + (1 if (len(data) - 512) % self._sector else 0)
        (fat_count, first_dir, _tx, self._cutoff, first_minifat, _minifat_count, first_difat,
         difat_count) = struct.unpack_from("<IIIIIIII", data, 44)
        self._fat = self._read_fat(fat_count, first_difat, difat_count)
        self.entries = self._directory(first_dir)
        root = next((e for e in self.entries.values() if e[0] == _ROOT), None)
        if root is None:
            raise BadCompoundFile("no root entry")
        self._mini_stream = self._chain_bytes(root[1], root[2]) if root[2] else b""
        self._minifat = (
            list(struct.unpack(f"<{len(raw) // 4}I", raw)) if first_minifat < _MAX_REGULAR
            and (raw := self._chain_bytes(first_minifat, None)) else [])

    def names(self) -> set[str]:
        return set(self.entries)

    def stream(self, name: str) -> bytes:
        kind, start, size = self.entries[name]
        if size < self._cutoff:
            return self._mini_chain_bytes(start, size)
        return self._chain_bytes(start, size)

    def _offset(self, sector: int) -> int:
        if sector >= self._sectors:
            raise BadCompoundFile(f"sector {sector} beyond the end of the file")
        return 512 + sector * self._sector

    def _read_fat(self, fat_count: int, first_difat: int, difat_count: int) -> list[int]:
        if fat_count > self._sectors:
            raise BadCompoundFile("more FAT sectors than sectors")
        locations = [s for s in struct.unpack_from("<109I", self._data, 76) if s < _MAX_REGULAR]
        per_sector = self._sector // 4
        sector, seen = first_difat, 0
        while sector < _MAX_REGULAR and seen < difat_count:
            block = struct.unpack_from(f"<{per_sector}I", self._data, self._offset(sector))
            locations.extend(s for s in block[:-1] if s < _MAX_REGULAR)
            sector, seen = block[-1], seen + 1
        fat: list[int] = []
        for location in locations[:fat_count]:
            fat.extend(struct.unpack_from(f"<{per_sector}I", self._data, self._offset(location)))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain, sector = [], start
        while sector != _END_OF_CHAIN:
            if sector >= len(table) or len(chain) > len(table):
                raise BadCompoundFile("broken sector chain")
            chain.append(sector)
            sector = table[sector]
            if sector == _FREE:
                raise BadCompoundFile("chain runs into a free sector")
        return chain

    def _chain_bytes(self, start: int, size: int | None) -> bytes:
        parts = [self._data[self._offset(s):self._offset(s) + self._sector] for s in self._chain(start, self._fat)]
        data = b"".join(parts)
        if size is not None and len(data) < size:
            raise BadCompoundFile("stream shorter than its declared size")
        return data if size is None else data[:size]

    def _mini_chain_bytes(self, start: int, size: int) -> bytes:
        parts = [self._mini_stream[s * 64:(s + 1) * 64] for s in self._chain(start, self._minifat)]
        data = b"".join(parts)
        if len(data) < size:
            raise BadCompoundFile("mini stream shorter than its declared size")
        return data[:size]

    def _directory(self, first: int) -> dict[str, tuple[int, int, int]]:
        raw = self._chain_bytes(first, None)
        entries = {}
        for offset in range(0, len(raw) - 127, 128):
            length, kind = struct.unpack_from("<HB", raw, offset + 64)
            if kind not in (_STREAM, _ROOT) or not 2 <= length <= 64:
                continue
            name = raw[offset:offset + length - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self._sector == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            if size > len(self._data):
                raise BadCompoundFile(f"stream {name!r} larger than the file could hold")
            entries.setdefault(name, (kind, start, size))
        return entries
